"""The store: caching, replacing, pruning, answering without parsing, and surviving misuse."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.store import SCHEMA_VERSION, Store, StoreError

from ..conftest import SEEDS

runner = CliRunner()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    return folder


def add(*args):
    return runner.invoke(app, ["add", *args, "--jobs", "1"])


def test_add_then_unchanged_then_changed_then_pruned(nlp, corpus):
    first = add(str(corpus))
    assert first.exit_code == 0 and "5 parsed, 0 unchanged" in first.stderr
    again = add(str(corpus))
    assert "0 parsed, 5 unchanged" in again.stderr
    target = corpus / "001_d87a86d2b18237cc.txt"
    target.write_text(
        target.read_text(encoding="utf-8") + "\nThe ministry said the talks would resume in May.\n", encoding="utf-8"
    )
    (corpus / "004_e0b8e88f557d6d2b.txt").unlink()
    changed = add(str(corpus), "--prune")
    assert "1 parsed, 3 unchanged, 1 removed" in changed.stderr
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["claims", "-f", "csv"]).stdout)))
    assert {r["doc"][:3] for r in rows} == {"000", "001", "002", "003"}
    assert any("talks would resume" in r["text"] for r in rows)


def test_commands_answer_from_the_store_and_agree_with_a_fresh_run(nlp, corpus):
    add(str(corpus))
    stored = runner.invoke(app, ["trace", "red notice", "-f", "csv"]).stdout
    fresh = runner.invoke(app, ["trace", "red notice", str(corpus), "-f", "csv"]).stdout
    assert stored == fresh and "100 most-wanted" in stored
    conflicts = runner.invoke(app, ["conflicts", "-f", "csv"]).stdout
    assert "158 countries and regions" in conflicts


def test_second_claims_run_reads_the_cache(nlp, corpus, monkeypatch):
    runner.invoke(app, ["claims", str(corpus), "-f", "csv", "--jobs", "1"])
    import provenance.engine.local as engine

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(engine, "parse_units", no_parsing)
    result = runner.invoke(app, ["claims", str(corpus), "-f", "csv"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) > 50


def test_parallel_parsing_gives_identical_records(nlp, corpus, tmp_path):
    one = runner.invoke(app, ["claims", str(corpus), "-f", "jsonl", "--jobs", "1", "--db", str(tmp_path / "a.db")])
    two = runner.invoke(app, ["claims", str(corpus), "-f", "jsonl", "--jobs", "2", "--db", str(tmp_path / "b.db")])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


def test_old_schema_corrupt_and_foreign_files_get_a_clear_message(tmp_path):
    old = tmp_path / "old.sqlite"
    with Store(old):
        pass
    db = sqlite3.connect(old)
    db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 100),))
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="delete"):
        Store(old)
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["trace", "x", "--db", str(corrupt)])
    assert result.exit_code == 1 and "rebuild" in result.stderr and "Traceback" not in result.output
    foreign = tmp_path / "foreign.sqlite"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE users (name TEXT)")
    db.commit()
    db.close()
    result = runner.invoke(app, ["claims", "--db", str(foreign)])
    assert result.exit_code == 1 and "not a provenance store" in result.stderr
    db = sqlite3.connect(foreign)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # refused as it was found, not made WAL
    db.close()


def test_no_store_and_no_paths_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PROVENANCE_DB", "")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["conflicts"])
    assert result.exit_code == 2 and "provenance add" in result.output


def test_a_killed_add_leaves_a_store_the_next_run_completes(nlp, corpus, tmp_path):
    db = tmp_path / "killed.sqlite"
    env = {**os.environ, "PROVENANCE_DB": str(db)}
    many = tmp_path / "many"
    many.mkdir()
    for n in range(40):
        shutil.copy(SEEDS / "004_e0b8e88f557d6d2b.txt", many / f"copy{n:02d}.txt")
        with open(many / f"copy{n:02d}.txt", "a", encoding="utf-8") as f:
            f.write(f"\nThe minister said item {n} was settled.\n")
    command = [sys.executable, "-m", "provenance", "add", str(many), "--jobs", "1"]
    proc = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        if db.exists() and _count(db) >= 3:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert _count(db) == 40
    assert "unchanged" in done.stderr


def _count(db: Path) -> int:
    try:
        connection = sqlite3.connect(db, timeout=5)
        try:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def test_a_store_or_parse_cache_damaged_inside_is_one_line_and_the_cache_rebuilds(tmp_path, nlp):
    import os
    import subprocess
    import sys

    article = tmp_path / "pier.txt"
    article.write_text("The harbour board said the north pier would reopen in May.\n", encoding="utf-8")
    env = {**os.environ, "PROVENANCE_CACHE": str(tmp_path / "cache.sqlite")}

    def provenance(*args):
        return subprocess.run(
            [sys.executable, "-m", "provenance", *args], env=env, capture_output=True, text=True, timeout=300
        )

    store = tmp_path / "store.sqlite"
    assert provenance("add", str(tmp_path), "--db", str(store)).returncode == 0
    for path, table in ((store, "figures"), (tmp_path / "cache.sqlite", "claims")):
        if table == "claims":
            assert provenance("claims", str(article), "-f", "csv").returncode == 0  # fills the parse cache
        db = sqlite3.connect(path)
        db.execute(f"DROP TABLE {table}")
        db.commit()
        db.close()
    damaged = provenance("figures", "--db", str(store), "-f", "csv")
    assert damaged.returncode == 1 and "Traceback" not in damaged.stderr
    assert damaged.stderr.count("\n") == 1 and "is damaged (no such table: figures)" in damaged.stderr
    cache = provenance("claims", str(article), "-f", "csv")
    assert cache.returncode == 1 and "parse cache" in cache.stderr and "rebuilt next run" in cache.stderr
    again = provenance("claims", str(article), "-f", "csv")
    assert again.returncode == 0 and "north pier" in again.stdout


def test_a_store_that_cannot_be_written_is_read_as_it_is(tmp_path, nlp, monkeypatch):
    from provenance.store import sqlite as store_module

    db = tmp_path / "store.sqlite"
    assert runner.invoke(app, ["add", str(SEEDS), "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for end in ("-wal", "-shm"):
        db.with_name(db.name + end).unlink(missing_ok=True)
    before = db.read_bytes()
    monkeypatch.setattr(store_module, "_writable", lambda path: False)  # as on a read-only mount
    result = runner.invoke(app, ["claims", "--db", str(db), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) > 50
    assert db.read_bytes() == before and not db.with_name(db.name + "-wal").exists()


def test_the_parse_cache_keeps_the_documents_used_most_recently(tmp_path, nlp, monkeypatch):
    from provenance import settings

    monkeypatch.setattr(settings, "CACHE_DOCUMENTS", 2)
    cache = tmp_path / "cache.sqlite"
    monkeypatch.setenv("PROVENANCE_CACHE", str(cache))
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(
            f"The {name} board said the pier would reopen in May.\n", encoding="utf-8"
        )

    def kept() -> list[str]:
        db = sqlite3.connect(cache)
        names = sorted(Path(row[0]).name for row in db.execute("SELECT key FROM documents"))
        db.close()
        return names

    files = [str(tmp_path / f"{name}.txt") for name in ("a", "b", "c")]
    assert runner.invoke(app, ["claims", *files, "-f", "csv"]).exit_code == 0
    assert kept() == ["b.txt", "c.txt"]
    assert runner.invoke(app, ["claims", files[1], "-f", "csv"]).exit_code == 0  # b used again
    assert runner.invoke(app, ["claims", files[0], "-f", "csv"]).exit_code == 0  # a parsed again: c goes
    assert kept() == ["a.txt", "b.txt"]


def test_a_full_disk_during_add_is_one_line_that_says_so(tmp_path, nlp):
    """The disk fills while `add` saves (the store's save fails as SQLite fails then), in a process of its own."""
    import subprocess
    import sys

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("The harbour board said the pier would reopen in May.\n", encoding="utf-8")
    probe = (
        "import sqlite3, sys\n"
        "from provenance.store import sqlite as s\n"
        "def full(self, *a, **k):\n"
        "    raise sqlite3.OperationalError('database or disk is full')\n"
        "s.Store.save = full\n"
        "from provenance.cli import run\n"
        f"sys.argv = ['provenance', 'add', {str(folder)!r}, '--db', {str(tmp_path / 'db.sqlite')!r}]\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "no space left to write" in done.stderr and "damaged" not in done.stderr
