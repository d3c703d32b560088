"""`add` links what changed: new documents join stories, only touched stories are relinked."""

import json
import shutil

from typer.testing import CliRunner

from provenance.cli import app

from ..conftest import SEEDS
from .test_stories import BRIDGE

runner = CliRunner()


def _clusters(db) -> dict[str, frozenset[tuple[str, int]]]:
    rows = [
        json.loads(line)
        for line in runner.invoke(app, ["clusters", "--db", str(db), "-f", "jsonl"]).output.splitlines()
    ]
    members: dict[str, set[tuple[str, int]]] = {}
    for r in rows:
        members.setdefault(r["cluster"], set()).add((r["doc"], r["start"]))
    return {c: frozenset(m) for c, m in members.items()}


def _seeds_in_two(tmp_path):
    """The seeds split over two folders: the first two articles, then the other three."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, (first if seed.name < "002" else second) / seed.name)
    return first, second


def test_adding_in_two_steps_links_as_adding_at_once(tmp_path, nlp):
    first, second = _seeds_in_two(tmp_path)
    stepwise, at_once = tmp_path / "stepwise.sqlite", tmp_path / "at_once.sqlite"
    assert runner.invoke(app, ["add", str(first), "--db", str(stepwise)]).exit_code == 0
    assert runner.invoke(app, ["add", str(second), "--db", str(stepwise)]).exit_code == 0
    assert runner.invoke(app, ["add", str(first), str(second), "--db", str(at_once)]).exit_code == 0
    assert set(_clusters(stepwise).values()) == set(_clusters(at_once).values())
    stories = json.loads(runner.invoke(app, ["stories", "--db", str(stepwise), "-f", "json"]).output)
    assert len(stories) == 1 and stories[0]["documents"] == 5


def test_a_new_story_leaves_the_others_as_they_were(tmp_path, nlp):
    db = tmp_path / "store.sqlite"
    assert runner.invoke(app, ["add", str(SEEDS), "--db", str(db)]).exit_code == 0
    before = _clusters(db)
    bridge = tmp_path / "bridge"
    bridge.mkdir()
    for n, text in enumerate(BRIDGE):
        (bridge / f"bridge{n}.txt").write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["add", str(bridge), "--db", str(db)]).exit_code == 0
    after = _clusters(db)
    assert all(after[c] == members for c, members in before.items())
    assert any(doc.startswith("bridge") for members in after.values() for doc, _ in members)
    stories = json.loads(runner.invoke(app, ["stories", "--db", str(db), "-f", "json"]).output)
    assert sorted(s["documents"] for s in stories) == [3, 5]
    relinked = runner.invoke(app, ["add", str(bridge), str(SEEDS), "--db", str(db), "--relink"])
    assert relinked.exit_code == 0 and set(_clusters(db).values()) == set(after.values())


def test_clusters_made_by_another_linker_are_relinked_on_the_next_add(tmp_path, nlp):
    from provenance.resolve import linker_fingerprint
    from provenance.store.sqlite import Store

    db = tmp_path / "store.sqlite"
    assert runner.invoke(app, ["add", str(SEEDS), "--db", str(db)]).exit_code == 0
    before = _clusters(db)
    with Store(db) as store:
        store.db.execute("UPDATE cluster_members SET cluster = 'k-stale'")
        store.set_linker("an older linker")
    assert runner.invoke(app, ["add", str(SEEDS), "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        assert store.linker() == linker_fingerprint()
    assert _clusters(db) == before


def test_an_add_stopped_between_saving_and_linking_is_linked_by_the_next(tmp_path, nlp, monkeypatch):
    from provenance.engine import local

    first, second = _seeds_in_two(tmp_path)
    db, at_once = tmp_path / "store.sqlite", tmp_path / "at_once.sqlite"
    assert runner.invoke(app, ["add", str(first), "--db", str(db)]).exit_code == 0

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the run stops after its documents are saved, before they are linked

    with monkeypatch.context() as patched:
        patched.setattr(local, "link_changes", killed)
        patched.setattr(local, "relink", killed)
        assert runner.invoke(app, ["add", str(second), "--db", str(db)]).exit_code != 0
    again = runner.invoke(app, ["add", str(second), "--db", str(db)])
    assert again.exit_code == 0 and "0 parsed" in again.output + again.stderr  # nothing to parse, yet linked
    assert runner.invoke(app, ["add", str(first), str(second), "--db", str(at_once)]).exit_code == 0
    assert set(_clusters(db).values()) == set(_clusters(at_once).values())
