"""`provenance figures` on seeds/: the story's figures as an outlet-by-outlet table."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from provenance.cli import app

from ..conftest import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def rows(nlp):
    result = runner.invoke(app, ["figures", str(SEEDS), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def where(rows, value, hedge=None):
    return {r["doc"][:3] for r in rows if float(r["value"]) == value and (hedge is None or r["hedge"] == hedge)}


def test_columns_in_design_order(rows):
    assert list(rows[0]) == [
        "figure_id",
        "doc",
        "outlet",
        "text",
        "value",
        "hedge",
        "object",
        "attributed_to",
        "claim_id",
        "start",
        "end",
        "cluster",
        "kind",
        "upper",
    ]
    assert all(r["upper"] == "" for r in rows)  # the seeds state no range


def test_the_countries_figures_per_outlet(rows):
    assert "002" in where(rows, 156) and "004" in where(rows, 158)
    assert {"002", "003", "004"} <= where(rows, 190)


def test_half_and_almost_half(rows):
    assert where(rows, 0.5, "exact") == {"003"}
    assert where(rows, 0.5, "approx") == {"000", "001"}


def test_attributed_figures_name_their_claim(rows):
    attributed = [r for r in rows if r["attributed_to"]]
    assert attributed and all(r["claim_id"].startswith("c-") for r in attributed)
    leaders = [r for r in rows if r["text"].startswith("Nearly 1,000")]
    assert leaders[0]["attributed_to"] == "Interpol" and leaders[0]["hedge"] == "approx"


def test_offsets_slice_the_raw_file(rows):
    raws = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    for r in rows:
        assert raws[r["doc"]][int(r["start"]) : int(r["end"])] == r["text"]


def test_claims_list_their_figures(nlp):
    result = runner.invoke(app, ["claims", str(SEEDS / "002_da6f7391728d91b0.txt"), "-f", "csv"])
    claims = list(csv.DictReader(io.StringIO(result.stdout)))
    group = [c for c in claims if c["speaker"] == "the group"]
    assert "156 countries" in group[0]["figures"]
