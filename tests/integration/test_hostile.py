"""Hostile and broken input: never crash, never lose work, never let text take over a terminal or a sheet."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance import extract
from provenance.cli import app
from provenance.ingest import read_documents

from ..conftest import SEEDS

runner = CliRunner()


def jsonl(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_windows_line_endings_keep_exact_offsets(nlp, tmp_path):
    raw = "PTI\r\n\r\nThe minister said the talks went well.\r\n\r\n“We are close,” she said.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw.encode())
    rows = jsonl(runner.invoke(app, ["claims", str(path), "-f", "jsonl", "--jobs", "1"]))
    text = path.read_bytes().decode()
    assert len(rows) == 2 and all(text[r["start"] : r["end"]] == r["text"] for r in rows)


@pytest.mark.parametrize(
    "content",
    [
        "“This quote never closes and the article goes on, the minister said",
        '" " " “ ” ” « » said said said',
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
        "... ;;; --- !!! ??? ,,, ::: ***",
        "国家主席习近平表示，各国应当加强合作。",
        "قال الوزير إن المحادثات سارت بشكل جيد.",
        "Le ministre a déclaré que « les négociations avancent ».",
    ],
)
def test_odd_text_never_crashes(nlp, tmp_path, content):
    path = tmp_path / "odd.txt"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["claims", str(path), "-f", "jsonl", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    for row in jsonl(result):
        assert content[row["start"] : row["end"]] == row["text"]


def test_text_longer_than_a_parse_piece_is_split_safely_and_alike_over_processes(nlp, monkeypatch, tmp_path):
    monkeypatch.setattr(extract, "PARSE_PIECE_CHARS", 400)
    sentence = "The minister said the bridge would reopen in May. "
    raw = sentence * 40  # one line, no paragraph breaks, 2,000 characters
    path = tmp_path / "long.txt"
    path.write_text(raw, encoding="utf-8")
    rows = jsonl(runner.invoke(app, ["claims", str(path), "-f", "jsonl", "--jobs", "1"]))
    assert len(rows) == 40
    assert all(raw[r["start"] : r["end"]] == r["text"] for r in rows)
    # the pieces of one document spread over two processes (forked: they see the small pieces too)
    again = jsonl(runner.invoke(app, ["claims", str(path), "-f", "jsonl", "--jobs", "2", "--db", str(tmp_path / "2")]))
    assert again == rows


def test_invalid_utf8_is_read_with_a_named_fallback(nlp, tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("The minister said the caf\xe9 would “reopen”.".encode("cp1252"))
    result = runner.invoke(app, ["claims", str(path), "-f", "jsonl", "--jobs", "1"])
    assert result.exit_code == 0
    assert "warning" in result.stderr and "cp1252" in result.stderr and "legacy.txt" in result.stderr
    assert jsonl(result)[0]["text"] == "the café would “reopen”"


def test_symlink_loops_and_broken_links_do_not_hang_or_crash(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("The minister said yes.")
    os.symlink(folder, folder / "loop")
    os.symlink(tmp_path / "missing.txt", folder / "gone.txt")
    items = list(read_documents([str(folder)]))
    docs = [i.doc for i in items if hasattr(i, "doc")]
    problems = [i for i in items if not hasattr(i, "doc")]
    assert docs.count("a.txt") == 1
    assert len(problems) == 1 and "gone.txt" in problems[0].path


def test_ten_thousand_files_are_all_listed(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(10_000):
        (folder / f"{n:05d}.txt").write_text("x")
    from provenance.ingest import expand_paths

    assert sum(1 for item in expand_paths([str(folder)]) if isinstance(item, tuple)) == 10_000


def test_bad_files_among_good_ones_lose_nothing(nlp, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for seed in SEEDS.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_text("")
    (folder / "blank.md").write_text("   \n\n  ")
    (folder / "photo.html").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = runner.invoke(app, ["claims", str(folder), "-f", "jsonl", "--jobs", "1"])
    assert result.exit_code == 1
    assert len([line for line in result.stderr.splitlines() if "error:" in line]) == 3
    assert {r["doc"] for r in jsonl(result)} == {p.name for p in SEEDS.iterdir()}


def test_csv_cells_cannot_run_as_formulas_unless_raw(nlp, tmp_path):
    path = tmp_path / "inject.txt"
    path.write_text("“=1+2 is what the ledger shows,” the mayor said of the 12 accounts.\n", encoding="utf-8")
    safe = list(csv.DictReader(io.StringIO(runner.invoke(app, ["claims", str(path), "-f", "csv"]).stdout)))
    assert safe[0]["text"].startswith("'=1+2")
    raw = list(csv.DictReader(io.StringIO(runner.invoke(app, ["claims", str(path), "-f", "csv", "--raw"]).stdout)))
    assert raw[0]["text"].startswith("=1+2")
    exact = jsonl(runner.invoke(app, ["claims", str(path), "-f", "jsonl"]))
    assert exact[0]["text"].startswith("=1+2")
    numbers = list(csv.DictReader(io.StringIO(runner.invoke(app, ["figures", str(path), "-f", "csv"]).stdout)))
    assert all(not r["value"].startswith("'") for r in numbers)


def test_markup_and_escape_sequences_print_literally_in_a_table(nlp, tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text(
        "The mayor said [bold red]nothing[/bold red] and [link=http://x]here[/link] \x1b[2J happened.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["claims", str(path), "-f", "table"], env={"COLUMNS": "400"})
    assert "[bold red]nothing[/bold red]" in result.stdout and "[link=http://x]" in result.stdout
    assert "\x1b" not in result.stdout


def test_concurrent_adds_on_one_store_both_finish(nlp, tmp_path):
    db = tmp_path / "shared.sqlite"
    env = {**os.environ, "PROVENANCE_DB": str(db)}
    folders = []
    for n in range(2):
        folder = tmp_path / f"set{n}"
        folder.mkdir()
        for seed in SEEDS.iterdir():
            (folder / f"{n}-{seed.name}").write_bytes(seed.read_bytes())
        folders.append(folder)
    command = [sys.executable, "-m", "provenance", "add", "--jobs", "1"]
    procs = [subprocess.Popen([*command, str(f)], env=env, stderr=subprocess.PIPE, text=True) for f in folders]
    outputs = [p.communicate(timeout=300)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    listed = subprocess.run(
        [sys.executable, "-m", "provenance", "sources", "-f", "jsonl"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(listed.stdout.splitlines()) == 10


def test_a_file_that_vanishes_mid_run_is_reported_and_the_rest_read(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"The minister said {name} was fine.")
    items = read_documents([str(folder)])
    first = next(items)
    (folder / "b.txt").unlink()
    rest = list(items)
    assert first.doc == "a.txt"
    assert "b.txt" in rest[0].path and "cannot read" in rest[0].reason
    assert rest[1].doc == "c.txt"


def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_loses_no_other_file(tmp_path, nlp):
    folder = tmp_path / "old-archive"
    folder.mkdir()
    (Path(folder) / os.fsdecode(b"caf\xe9.txt")).write_bytes(
        b"The mayor said the pier would reopen in May after the repairs.\n"
    )
    (folder / "good.txt").write_text("The harbour board said the ferries would resume on Friday.\n", encoding="utf-8")
    result = runner.invoke(app, ["claims", str(folder), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    docs = sorted(json.loads(line)["doc"] for line in result.stdout.splitlines())
    assert docs == ["caf\\xe9.txt", "good.txt"]


def _gzip_of_zeros(megabytes: int) -> bytes:
    """A gzip file of `megabytes` MB of zeros, made a megabyte at a time (about 1 KB per MB)."""
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def test_a_gzip_bomb_is_one_line_and_the_good_file_beside_it_keeps_its_claims(tmp_path, nlp):
    (tmp_path / "bomb.html.gz").write_bytes(_gzip_of_zeros(120))  # 120 KB that inflates to 120 MB
    (tmp_path / "good.txt").write_text("The harbour board said the ferries would resume on Friday.\n", encoding="utf-8")
    result = runner.invoke(app, ["claims", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["good.txt"]
    [line] = [x for x in result.stderr.splitlines() if "bomb.html.gz" in x]
    assert "inflates past" in line


def test_inflation_stops_at_the_limit_for_gzip_docx_and_warc_records(tmp_path, monkeypatch):
    import io
    import zipfile

    from provenance.ingest import decode, office, warc
    from provenance.ingest.decode import TooLarge, gunzip

    with pytest.raises(TooLarge):
        gunzip(_gzip_of_zeros(3), limit=2 * 1024 * 1024)
    assert gunzip(_gzip_of_zeros(1) + _gzip_of_zeros(1)) == b"\0" * (2 * 1024 * 1024)  # two members
    monkeypatch.setattr(decode, "INFLATED_LIMIT", 100)
    monkeypatch.setattr(office, "INFLATED_LIMIT", 100)
    monkeypatch.setattr(warc, "INFLATED_LIMIT", 100)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>" + " " * 5000)
    (tmp_path / "big.docx").write_bytes(packed.getvalue())
    from .test_warc import write_warc

    write_warc(tmp_path / "crawl.warc.gz", 2)
    problems = [p for p in read_documents([str(tmp_path)]) if not hasattr(p, "raw")]
    reasons = sorted(p.reason for p in problems)
    assert len(reasons) == 3 and all("inflates past 100 bytes" in r for r in reasons), reasons


def test_a_symlink_leading_outside_the_folder_is_named_and_not_followed(tmp_path, nlp):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.txt").write_text("The private key said nothing to anyone outside the vault.\n", encoding="utf-8")
    archive = tmp_path / "archive"
    (archive / "inner").mkdir(parents=True)
    (archive / "inner" / "story.txt").write_text("The harbour board said ferries resume on Friday.\n", encoding="utf-8")
    (archive / "photos").symlink_to(outside, target_is_directory=True)
    (archive / "also.txt").symlink_to(outside / "notes.txt")
    (archive / "same-story.txt").symlink_to(archive / "inner" / "story.txt")  # inside: followed
    result = runner.invoke(app, ["claims", str(archive), "-f", "jsonl"])
    docs = sorted(json.loads(line)["doc"] for line in result.stdout.splitlines())
    assert docs == ["inner/story.txt", "same-story.txt"]
    [warning] = [line for line in result.stderr.splitlines() if "symbolic link" in line]
    assert "also.txt" in warning and "photos" in warning


def test_names_that_are_not_ours_reach_the_terminal_escaped_and_on_one_line(tmp_path, nlp):
    folder = tmp_path / "wire"
    folder.mkdir()
    story = "The harbour board said the north pier would reopen in May after six months of repairs.\n"
    forged = "\x1b]0;pwned\x07copy\x1b[2J.txt"  # retitles the window, clears the screen
    (folder / forged).write_text(story, encoding="utf-8")
    (folder / "original.txt").write_text(story, encoding="utf-8")
    (folder / "bad\nprovenance: error: forged.pdf").write_bytes(b"%PDF-1.4 not really")
    db = tmp_path / "store.sqlite"
    added = runner.invoke(app, ["add", str(folder), "--db", str(db)])
    assert "\x1b" not in added.stderr and "\x07" not in added.stderr
    errors = [line for line in added.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "bad\\nprovenance" in errors[0]  # one line, its newline shown
    for command in ("trace", "conflicts", "clusters"):
        args = [command, "pier", "--db", str(db)] if command == "trace" else [command, "--db", str(db)]
        shown = runner.invoke(app, [*args, "-f", "table"], env={"COLUMNS": "200"})
        assert shown.exit_code == 0, shown.output
        assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout, command


def test_a_file_given_twice_is_read_once(tmp_path, nlp):
    folder = tmp_path / "news"
    folder.mkdir()
    path = folder / "pier.txt"
    path.write_text("The harbour board said the north pier would reopen in May.\n", encoding="utf-8")
    result = runner.invoke(app, ["claims", str(path), str(path), str(folder), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(claims) == 1 and claims[0]["doc"] == "pier.txt"
