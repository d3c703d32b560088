"""A statement carried by many outlets links into one cluster, whatever their number and order."""

import json
import random
import shutil

from typer.testing import CliRunner

from provenance.cli import app

from ..conftest import SEEDS

runner = CliRunner()
WIRE = SEEDS / "001_d87a86d2b18237cc.txt"


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_twenty_copies_of_one_article_link_as_one_story(tmp_path, nlp):
    folder = tmp_path / "copies"
    folder.mkdir()
    for n in range(20):  # more copies than any blocking list holds
        shutil.copy(WIRE, folder / f"outlet{n:02d}.txt")
    assert runner.invoke(app, ["add", str(folder), "--jobs", "2"]).exit_code == 0
    traced = _jsonl(runner.invoke(app, ["trace", "red notice", "-f", "jsonl"]).output)
    clusters: dict[str, set[str]] = {}
    for row in traced:
        clusters.setdefault(row["cluster"], set()).add(row["doc"])
    assert clusters and all(len(docs) == 20 for docs in clusters.values())
    sources = _jsonl(runner.invoke(app, ["sources", "-f", "jsonl"]).output)
    origin = {row["doc"] for row in sources if not row["copies_from"]}
    assert len(origin) == 1
    assert all(row["copies_from"] in origin and row["shared"] == 1.0 for row in sources if row["doc"] not in origin)


def test_every_credited_copy_names_the_original_it_copies(tmp_path, nlp):
    """The copies and the original say the same; the copies say they are republished."""
    folder = tmp_path / "copies"
    folder.mkdir()
    shutil.copy(WIRE, folder / "wire.txt")  # after every copy in name order
    for n in range(5):
        credit = f"Republished by Outlet {n} under licence. Copyright Outlet {n}."
        (folder / f"copy{n}.txt").write_text(WIRE.read_text(encoding="utf-8") + f"\n\n{credit}\n", encoding="utf-8")
    assert runner.invoke(app, ["add", str(folder), "--jobs", "1"]).exit_code == 0
    sources = {row["doc"]: row["copies_from"] for row in _jsonl(runner.invoke(app, ["sources", "-f", "jsonl"]).output)}
    assert sources == {"wire.txt": "", **{f"copy{n}.txt": "wire.txt" for n in range(5)}}


def test_linking_is_the_same_in_any_input_order():
    from provenance.records import Claim
    from provenance.resolve import link

    texts = [
        "Interpol does not take sides in political disputes between its member countries",
        "The assembly will elect a new president for the police organization this week",
        "Nearly one thousand officials will attend the meeting of the police body",
    ]
    claims = [
        Claim(
            f"c-{d}-{n}",
            f"d{d}.txt",
            "",
            "",
            "indirect",
            "he",
            "Li",
            "person",
            "said",
            t,
            n * 100,
            n * 100 + len(t),
            t,
            "",
        )
        for d in range(30)
        for n, t in enumerate(texts)
    ]
    expected = {(c.cluster_id, tuple(c.item_ids)) for c in link(claims, [], []).clusters}
    for seed in range(3):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert {(c.cluster_id, tuple(c.item_ids)) for c in link(shuffled, [], []).clusters} == expected
    assert sorted(len(ids) for _, ids in expected) == [30, 30, 30]


def test_same_clusters_under_any_hash_seed_and_jobs(tmp_path, nlp):
    import os
    import subprocess
    import sys

    outputs = []
    for seed, jobs in (("1", "1"), ("2", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PROVENANCE_CACHE": str(tmp_path / f"cache{seed}.sqlite")}
        done = subprocess.run(
            [sys.executable, "-m", "provenance", "clusters", str(SEEDS), "-f", "jsonl", "--jobs", jobs],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] and outputs[0] == outputs[1]
