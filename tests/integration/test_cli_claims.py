"""`provenance claims` end to end on seeds/ through Typer's runner."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from provenance.cli import app

from ..conftest import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_rows(nlp):
    result = runner.invoke(app, ["claims", str(SEEDS), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_claim_quotes_the_raw_file_exactly(seed_rows):
    raws = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    assert len(seed_rows) >= 50
    for row in seed_rows:
        assert raws[row["doc"]][row["start"] : row["end"]] == row["text"]


def test_all_five_seeds_have_claims_and_outlets(seed_rows):
    docs = {row["doc"] for row in seed_rows}
    assert len(docs) == 5
    outlets = {row["doc"][:3]: row["outlet"] for row in seed_rows}
    assert outlets["000"] == "Reuters" and outlets["002"] == "Dawn" and outlets["003"] == "Global Times"
    assert outlets["004"] == "PTI"


def test_pronouns_resolve_to_names_on_the_lowercased_wire_copy(seed_rows):
    told = [r for r in seed_rows if r["doc"].startswith("000") and r["cue"] == "told"]
    assert told and told[0]["speaker"] == "he" and told[0]["speaker_name"].lower() == "li shulei"


def test_no_claim_from_page_furniture(seed_rows):
    dawn = (SEEDS / "002_da6f7391728d91b0.txt").read_text(encoding="utf-8")
    end_of_article = dawn.index("Published in Dawn")
    assert all(r["start"] < end_of_article for r in seed_rows if r["doc"].startswith("002"))


def test_csv_is_default_when_piped_and_has_the_design_header(nlp):
    result = runner.invoke(app, ["claims", str(SEEDS / "004_e0b8e88f557d6d2b.txt")])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:5] == ["claim_id", "doc", "outlet", "published", "kind"]
    assert len(rows) > 5 and all(len(r) == 17 for r in rows)


def test_filters_and_limit(nlp):
    result = runner.invoke(app, ["claims", str(SEEDS), "-f", "jsonl", "--speaker", "xi", "--kind", "direct", "-n", "3"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3
    assert all(r["kind"] == "direct" and "xi" in r["speaker_name"].lower() for r in rows)
    result = runner.invoke(app, ["claims", str(SEEDS), "-f", "jsonl", "--outlet", "global times"])
    assert {json.loads(line)["doc"][:3] for line in result.stdout.splitlines()} == {"003"}


def test_bad_inputs_are_reported_and_the_rest_still_printed(nlp, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin.txt").write_bytes("The minister said the caf\xe9 would close.".encode("latin-1"))
    good = SEEDS / "001_d87a86d2b18237cc.txt"
    args = [
        "claims",
        str(tmp_path / "missing.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "image.txt"),
        str(tmp_path / "latin.txt"),
        str(good),
        "-f",
        "jsonl",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 3
    assert any("missing.txt" in e and "no such file" in e for e in errors)
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("image.txt" in e and "binary" in e for e in errors)
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {"latin.txt", good.name}


def test_stdin_and_jsonl_input(nlp, tmp_path):
    result = runner.invoke(app, ["claims", "-", "-f", "jsonl"], input="The mayor said the bridge would reopen in May.")
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["doc"] == "-" and row["speaker"] == "The mayor"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "story-1", "text": "Officials said the road was closed.", "outlet": "Wire"}) + "\n"
    )
    result = runner.invoke(app, ["claims", str(feed), "-f", "jsonl"])
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["doc"], row["outlet"], row["text"]) == ("story-1", "Wire", "the road was closed")


def test_unknown_format_and_kind_are_usage_errors(nlp):
    assert runner.invoke(app, ["claims", str(SEEDS), "-f", "xml"]).exit_code == 2
    assert runner.invoke(app, ["claims", str(SEEDS), "--kind", "rumour"]).exit_code == 2


def test_help_shows_an_example():
    result = runner.invoke(app, ["claims", "--help"])
    assert result.exit_code == 0 and "Example" in result.stdout and "provenance claims seeds/" in result.stdout
