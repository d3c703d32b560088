"""trace, conflicts, sources and speakers on seeds/."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from provenance.cli import app

from ..conftest import SEEDS

runner = CliRunner()


def run_csv(*args):
    result = runner.invoke(app, [*args, "-f", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def conflict_rows(nlp):
    return run_csv("conflicts", str(SEEDS))


def test_conflicts_report_the_drift_of_the_story(conflict_rows):
    flagged = [r for r in conflict_rows if r["flags"]]
    by_doc = {(r["doc"][:3], r["text"]): r["flags"] for r in flagged}
    assert "figure_changed" in by_doc[("004", "158 countries and regions")]
    assert by_doc[("003", "half")] == "figure_changed;attribution_dropped"
    assert any(doc == "001" and "quote_altered" in flags and "[and]" in text for (doc, text), flags in by_doc.items())
    clusters = {r["cluster"] for r in flagged}
    origins = {r["cluster"]: r for r in conflict_rows if r["role"] == "origin"}
    assert all(c in origins for c in clusters)
    assert {origins[c]["text"] for c in clusters} >= {"156 countries", "almost half"}


def test_trace_groups_the_red_notice_statements_with_reuters_as_origin(nlp):
    rows = run_csv("trace", "red notice", str(SEEDS))
    assert {r["doc"][:3] for r in rows} >= {"000", "001", "002", "003"}
    clusters: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        clusters.setdefault(r["cluster"], []).append(r)
    shared = [m for m in clusters.values() if {"000", "001"} <= {r["doc"][:3] for r in m}]
    assert shared and all(next(r for r in m if r["role"] == "origin")["doc"][:3] == "000" for m in shared)


def test_trace_by_speaker_name(nlp):
    rows = run_csv("trace", "Lu Kang", str(SEEDS))
    assert {r["doc"][:3] for r in rows} == {"000", "003"}
    assert len({r["cluster"] for r in rows}) == 1


def test_sources_says_only_the_republished_copy_copies(nlp):
    rows = {r["doc"][:3]: r for r in run_csv("sources", str(SEEDS))}
    assert rows["001"]["copies_from"].startswith("000")
    assert float(rows["001"]["copied_share"]) >= 0.8
    assert all(rows[d]["copies_from"] == "" for d in ("000", "002", "003", "004"))


def test_speakers_merge_across_outlets_and_count_anonymous_sources(nlp):
    rows = {r["speaker_name"]: r for r in run_csv("speakers", str(SEEDS))}
    assert rows["Lu Kang"]["documents"] == "2"
    assert rows["Xi Jinping"]["speaker_type"] == "person" and int(rows["Xi Jinping"]["claims"]) >= 10
    assert rows["one diplomat"]["anonymous"] == "True"


def test_claims_carry_their_cluster(nlp):
    rows = run_csv("claims", str(SEEDS), "--speaker", "Lu Kang")
    assert len(rows) == 2 and rows[0]["cluster"] and rows[0]["cluster"] == rows[1]["cluster"]


def test_trace_table_highlights_without_markup_injection(nlp):
    result = runner.invoke(app, ["trace", "escape routes", str(SEEDS), "-f", "table"])
    assert result.exit_code == 0
    assert "quote_altered" in result.stdout and "[and]" in result.stdout


def test_a_narrow_conflicts_table_still_says_who_each_version_credits():
    result = runner.invoke(app, ["conflicts", str(SEEDS), "-f", "table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    # where a table has no room for a speaker column, each source cell names who its version credits
    assert "no speaker" in result.stdout and "diplomatic" in result.stdout
    # and a file name stays whole: the text column gives up the room
    assert "│ 001_d87a86d2b18237cc.txt │" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_a_narrow_sources_table_keeps_who_copies_whom_with_file_names_whole():
    result = runner.invoke(app, ["sources", str(SEEDS), "-f", "table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = "".join(line for line in lines if line.startswith("┃"))
    assert "copies_from" in header and "copied_" in header and "share" in header  # a header may take two lines
    assert "│ 001_d87a86d2b18237cc.txt │" in result.stdout and "│ 000_b93b5521d8a2474f.txt │ 0.923" in result.stdout


def test_a_sources_table_with_room_keeps_file_names_whole():
    for width in ("120", "160"):
        result = runner.invoke(app, ["sources", str(SEEDS), "-f", "table"], env={"COLUMNS": width})
        assert result.exit_code == 0
        assert "│ 001_d87a86d2b18237cc.txt │" in result.stdout, width  # not folded beside unused room


def test_a_split_quote_links_by_its_words_whatever_its_cue(tmp_path, nlp):
    (tmp_path / "a.txt").write_text(
        "“The river is rising fast tonight,” said Ana Ruiz, the harbour master. “Stay away from the quay.”\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "“The river is rising fast tonight,” Ana Ruiz told reporters. “Stay away from the quay.”\n", encoding="utf-8"
    )
    rows = run_csv("clusters", str(tmp_path))
    assert {r["doc"] for r in rows} == {"a.txt", "b.txt"} and len({r["cluster"] for r in rows}) == 1
    assert {r["relation"] for r in rows} == {"origin", "verbatim"}  # the same words, cues aside


def test_a_wide_conflicts_table_keeps_flags_and_file_names_whole():
    result = runner.invoke(app, ["conflicts", str(SEEDS), "-f", "table"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert "attribution_dropped" in result.stdout and "001_d87a86d2b18237cc.txt │" in result.stdout


def test_a_changed_count_of_a_whole_is_flagged_in_a_copy_otherwise_word_for_word(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("PROVENANCE_DB", str(tmp_path / "index.sqlite"))
    story = "Bluewater Ferries said only {} of its 35 daily crossings would run on Saturday.\n"
    for name, count in (("wire.txt", 20), ("copy.txt", 25)):
        (tmp_path / name).write_text("Ferry strike\n\n" + story.format(count), encoding="utf-8")
    rows = run_csv("conflicts", str(tmp_path / "wire.txt"), str(tmp_path / "copy.txt"))
    flags = {r["doc"]: r["flags"] for r in rows if "crossings would run" in r["text"]}
    assert sorted(flags.values()) == ["", "figure_changed"]  # undated: either may be the origin


def test_a_short_sentence_with_a_figure_is_a_statement_and_shows_its_drift(nlp, tmp_path, monkeypatch):
    """Five words and a figure say something: the copy drops the attribution and transposes the digits."""
    monkeypatch.setenv("PROVENANCE_DB", str(tmp_path / "index.sqlite"))
    (tmp_path / "wire.txt").write_text(
        "Published in The Harbour Wire, March 3rd, 2026\n\nDamage was estimated at $45 million, according to state "
        "officials.\n",
        encoding="utf-8",
    )
    (tmp_path / "copy.txt").write_text(
        "Published in The Valley Blog, March 4th, 2026\n\nDamage was estimated at $54 million.\n", encoding="utf-8"
    )
    rows = run_csv("conflicts", str(tmp_path / "wire.txt"), str(tmp_path / "copy.txt"))
    flags = {r["doc"]: r["flags"] for r in rows if r["text"].startswith("Damage was estimated")}
    assert flags == {"wire.txt": "", "copy.txt": "figure_changed;attribution_dropped"}


def test_the_same_count_written_two_ways_is_no_changed_figure(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("PROVENANCE_DB", str(tmp_path / "index.sqlite"))
    for name, count in (("wire.txt", "two dozen"), ("copy.txt", "24")):
        (tmp_path / name).write_text(
            f"Rail plan\n\nNearly 50 stations will be rebuilt, and {count} new trains will be ordered, according to "
            "the plan.\n",
            encoding="utf-8",
        )
    rows = run_csv("clusters", str(tmp_path / "wire.txt"), str(tmp_path / "copy.txt"))
    linked = [r for r in rows if "stations will be rebuilt" in r["text"]]
    assert len(linked) == 2 and all("figure_changed" not in r["flags"] for r in linked)


def test_two_fires_in_two_towns_are_never_one_claim_with_a_changed_figure(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("PROVENANCE_DB", str(tmp_path / "index.sqlite"))
    report = (
        "Warehouse fire in {town} destroys {what} stock\n\nPublished in The {paper}, May {day}th, 2026\n\n"
        "A fire destroyed a {what} warehouse in {town} on {weekday} night, the fire department said.\n\n"
        "More than {crew} firefighters fought the blaze for {hours} hours.{chief} No one was hurt.\n\n"
        "The cause of the fire is under investigation, police said.\n"
    )
    articles = {
        "dunmore.txt": dict(town="Dunmore", what="furniture", paper="Dunmore Herald", day=4, weekday="Monday"),
        "dunmore_copy.txt": dict(town="Dunmore", what="furniture", paper="Valley Courier", day=5, weekday="Monday"),
        "pellston.txt": dict(town="Pellston", what="paper", paper="Pellston Times", day=7, weekday="Wednesday"),
    }
    for name, fields in articles.items():
        crew, hours = ("40", "five") if fields["town"] == "Pellston" else ("60", "six")
        chief = "" if fields["town"] == "Pellston" else " Fire chief Dan Molloy led the crews."
        (tmp_path / name).write_text(report.format(crew=crew, hours=hours, chief=chief, **fields), encoding="utf-8")
    rows = run_csv("clusters", str(tmp_path))
    docs_of: dict[str, set[str]] = {}
    for row in rows:
        docs_of.setdefault(row["cluster"], set()).add(row["doc"])
    # the Dunmore reports share their figures; the Pellston report's other figures join neither
    assert any(docs == {"dunmore.txt", "dunmore_copy.txt"} for docs in docs_of.values())
    for row in rows:
        if row["doc"] == "pellston.txt" and len(docs_of[row["cluster"]]) > 1:
            assert "firefighters" not in row["text"] and "hours" not in row["text"], row
    assert not [r for r in run_csv("conflicts", str(tmp_path)) if "figure_changed" in r["flags"]]


def test_a_claim_whose_figure_another_outlet_changed_is_still_one_claim(nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("PROVENANCE_DB", str(tmp_path / "index.sqlite"))
    (tmp_path / "gazette.txt").write_text(
        "Flooding forces evacuations in Brenton\n\nPublished in The Brenton Gazette, March 3rd, 2026\n\n"
        "About 300 residents were evacuated from their homes in Brenton on Monday after the River Dale burst "
        "its banks, the county council said.\n",
        encoding="utf-8",
    )
    (tmp_path / "times.txt").write_text(
        "Hundreds flee as river floods Brenton\n\nPublished in The Dale Times, March 4th, 2026\n\n"
        "Some 350 people were evacuated in Brenton on Monday when the River Dale overflowed, according to the "
        "county council.\n",
        encoding="utf-8",
    )
    rows = [r for r in run_csv("clusters", str(tmp_path)) if "evacuated" in r["text"]]
    # the MSRP pair model reads other numbers as another fact; inside one story they are the drift shown
    assert {r["doc"] for r in rows} == {"gazette.txt", "times.txt"} and len({r["cluster"] for r in rows}) == 1
    # 300 residents and 350 people count one crowd: the later version changed the figure
    assert "figure_changed" in next(r["flags"] for r in rows if r["doc"] == "times.txt")


def test_table_titles_count_in_the_singular_for_one(tmp_path):
    (tmp_path / "one.txt").write_text("Pier shut\n\nThe pier will close, the port authority said on Monday.\n")
    claims = runner.invoke(app, ["claims", str(tmp_path), "-f", "table"], env={"COLUMNS": "120"})
    stories = runner.invoke(app, ["stories", str(tmp_path), "-f", "table"], env={"COLUMNS": "120"})
    assert "1 claim from 1 document" in claims.stdout and "1 claims" not in claims.stdout
    assert "1 story" in stories.stdout and "1 stories" not in stories.stdout


def test_the_closing_line_counts_unreadable_inputs_in_words(tmp_path):
    (tmp_path / "good.txt").write_text("The pier will close, the port authority said on Monday.\n")
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["claims", str(tmp_path), "-f", "csv"])
    assert result.exit_code == 1 and "the port authority" in result.stdout
    assert "1 input could not be read" in result.stderr
