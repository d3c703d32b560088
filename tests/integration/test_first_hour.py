"""A new user's first hour: the store means what it says, names stay apart, messages point at provenance's files."""

import csv
import io
import json

from typer.testing import CliRunner

from provenance.cli import app

from ..conftest import SEEDS

runner = CliRunner()


def test_commands_given_paths_leave_no_corpus_behind(tmp_path, monkeypatch, nlp):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROVENANCE_DB")
    assert runner.invoke(app, ["claims", str(SEEDS), "-f", "csv"]).exit_code == 0
    assert not (tmp_path / ".provenance").exists()
    result = runner.invoke(app, ["trace", "Lu Kang", "-f", "csv"])
    assert result.exit_code == 2
    assert "no corpus here" in result.output and "provenance add" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_corpus_add_made_is_linked(tmp_path, monkeypatch, nlp):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROVENANCE_DB")
    assert runner.invoke(app, ["add", str(SEEDS)]).exit_code == 0
    assert (tmp_path / ".provenance").is_dir()
    rows = [json.loads(line) for line in runner.invoke(app, ["trace", "Lu Kang", "-f", "jsonl"]).output.splitlines()]
    assert any(r["speaker_name"] == "Lu Kang" for r in rows)
    assert len({r["doc"] for r in rows}) >= 2  # linked across outlets


def test_the_store_folder_names_the_store(tmp_path, monkeypatch, nlp):
    """`--db .provenance` (the folder `add` made) is the store in it, not a file to open and fail on."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROVENANCE_DB")
    assert runner.invoke(app, ["add", str(SEEDS)]).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(app, ["claims", "--db", str(tmp_path / ".provenance"), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) > 50


def test_a_broken_store_message_names_only_the_store_file(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("my own notes", encoding="utf-8")
    store = work / "x.sqlite"
    store.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["claims", "--db", str(store)])
    assert result.exit_code == 1
    assert f"delete {store} " in result.output and f"delete {work} " not in result.output


def test_files_with_one_name_in_two_folders_stay_two_documents(tmp_path, nlp):
    for folder, speaker in (("a", "The mayor"), ("b", "The governor")):
        (tmp_path / folder).mkdir()
        text = f"{speaker} said the bridge over the river would reopen on Monday."
        (tmp_path / folder / "article.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["claims", str(tmp_path / "a"), str(tmp_path / "b" / "article.txt"), "-f", "jsonl"])
    claims = [json.loads(line) for line in result.output.splitlines()]
    assert sorted((c["doc"], c["speaker"]) for c in claims) == [
        ("a/article.txt", "The mayor"),
        ("b/article.txt", "The governor"),
    ]


def test_a_reader_that_stops_early_is_not_an_error(tmp_path, nlp):
    import os
    import shutil
    import subprocess
    import sys

    for n in range(12):  # enough output to fill a pipe
        shutil.copytree(SEEDS, tmp_path / f"copy{n}")
    env = {**os.environ}
    process = subprocess.Popen(
        [sys.executable, "-m", "provenance", "claims", str(tmp_path), "-f", "csv", "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stdout.readline().startswith(b"claim_id,")
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr and b"Error" not in stderr


def test_the_claims_table_fits_80_columns_with_room_for_the_text(nlp):
    result = runner.invoke(app, ["claims", str(SEEDS), "-f", "table"], env={"COLUMNS": "80"})
    lines = result.output.splitlines()
    assert result.exit_code == 0 and max(len(line) for line in lines) <= 80
    header = next(line for line in lines if "┃" in line)
    cells = [cell.strip() for cell in header.strip("┃").split("┃")]
    assert cells == ["outlet", "speaker_name", "text"]  # whole words: no header is broken
    text_width = len(header.split("┃")[-2])
    assert text_width - 2 >= 40
    wide = runner.invoke(app, ["claims", str(SEEDS), "-f", "table", "--wide"], env={"COLUMNS": "80"})
    wide_header = next(line for line in wide.output.splitlines() if "┃" in line)
    assert [c.strip() for c in wide_header.strip("┃").split("┃")][:3] == ["claim_id", "doc", "outlet"]


def _seed_claim_count() -> int:
    import csv
    import io

    return len(list(csv.DictReader(io.StringIO(runner.invoke(app, ["claims", str(SEEDS), "-f", "csv"]).stdout))))


def test_speaker_counts_speak_of_all_claims(nlp):
    result = runner.invoke(app, ["speakers", str(SEEDS), "--type", "anonymous", "-f", "table"], env={"COLUMNS": "200"})
    total = _seed_claim_count()
    assert total > 50 and f" of {total} claims from anonymous sources" in result.output


def test_a_parse_cache_from_another_version_is_rebuilt_quietly(tmp_path, monkeypatch, nlp):
    import sqlite3

    cache = tmp_path / "old-cache.sqlite"
    with sqlite3.connect(cache) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    expected = _seed_claim_count()  # with the test session's own cache
    monkeypatch.setenv("PROVENANCE_CACHE", str(cache))
    result = runner.invoke(app, ["claims", str(SEEDS), "-f", "csv"])
    assert result.exit_code == 0 and "warning" not in result.stderr
    import csv
    import io

    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == expected > 50


def test_trace_tables_fit_80_columns_and_say_where_each_version_is(nlp):
    result = runner.invoke(app, ["conflicts", str(SEEDS), "-f", "table"], env={"COLUMNS": "80"})
    lines = result.output.splitlines()
    assert result.exit_code == 0 and max(len(line) for line in lines) <= 80
    headers = {tuple(c.strip() for c in line.strip("┃").split("┃")) for line in lines if line.startswith("┃")}
    assert headers and all(h[:2] == ("source", "drift") and h[-1] == "text" for h in headers)
    assert any("Global Times" in line and "paraphrase" in line for line in lines)


def test_people_read_the_repaired_wire_copy_and_machines_the_file(nlp):
    """The lower-cased, tokenized copy ("interpol s") is repaired for the parser; tables show that
    repaired text, CSV keeps the file's characters so `raw[start:end] == text` still holds."""
    reuters = SEEDS / "000_b93b5521d8a2474f.txt"
    raw = reuters.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["claims", str(reuters), "-f", "csv"]).stdout)))
    assert rows and all(raw[int(r["start"]) : int(r["end"])] == r["text"] for r in rows)
    assert any("interpol s " in r["text"] for r in rows)
    table = runner.invoke(app, ["claims", str(reuters), "-f", "table"], env={"COLUMNS": "300"}).stdout
    assert "interpol's" in table and "interpol s " not in table


def test_a_text_wrapped_at_70_columns_gives_the_claims_of_the_same_text_unwrapped(tmp_path, nlp):
    import textwrap

    paragraph = (
        "The Larkfield ferry terminal will close for fourteen months from March, the harbour board said on "
        "Monday, while engineers replace its rusted pier. About 2,400 commuters use the terminal every weekday, "
        'according to the board. "We know this will be hard for people who rely on the boats," said Mara Quell, '
        "who chairs the board. The county treasurer said the repairs would cost 31 million pounds."
    )
    (tmp_path / "flat.txt").write_text(paragraph + "\n", encoding="utf-8")
    (tmp_path / "wrapped.txt").write_text(textwrap.fill(paragraph, 70) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["claims", str(tmp_path), "-f", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    flat = [(r["speaker"], " ".join(r["text"].split())) for r in rows if r["doc"] == "flat.txt"]
    wrapped = [(r["speaker"], " ".join(r["text"].split())) for r in rows if r["doc"] == "wrapped.txt"]
    assert len(flat) >= 4 and wrapped == flat
    shown = runner.invoke(app, ["text", str(tmp_path / "wrapped.txt"), "-f", "jsonl"])
    assert "harbour board said on Monday" in json.loads(shown.stdout)["text"]


def test_a_figure_row_shows_its_sentence_as_repaired(nlp):
    """In `conflicts`, a figure stands in its sentence: the lower-cased wire copy's sentence is shown
    re-cased, as its claims are ("almost half have come back to china" reads "Almost half ... China")."""
    table = runner.invoke(app, ["conflicts", str(SEEDS), "-f", "table"], env={"COLUMNS": "200"}).stdout
    assert "Almost half have come back to China to date" in table
    assert "almost half have come back to china" not in table
