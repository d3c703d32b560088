"""Stories: documents grouped by event; links stay inside a story; dropped attributions of any statement."""

import csv
import io
import shutil

import pytest
from typer.testing import CliRunner

from provenance.cli import app

from ..conftest import SEEDS

runner = CliRunner()

BRIDGE = [
    """Harbor bridge to reopen after repairs

The Harbor bridge in Millbrook will reopen to traffic on Monday after eight months of repairs, city engineer Ana Ortiz said on Friday.
Workers replaced 4,000 bolts and resurfaced the deck, Ortiz said.
The bridge carries about 30,000 vehicles a day between the port and the old town.
Local shop owners said the closure had cut their trade by almost half.
""",
    """Millbrook's Harbor bridge reopens Monday

Millbrook will reopen the Harbor bridge on Monday, the city engineer said.
The repairs took eight months and cost the city 12 million dollars, according to the council.
Shop owners in the old town said business fell sharply while the bridge was closed.
Ana Ortiz, the city engineer, said every one of the bridge's 4,000 bolts had been checked.
""",
    """Traffic returns to Harbor bridge

The Harbor bridge reopens to cars on Monday after months of repair work in Millbrook.
The council said the repairs cost 12 million dollars.
About 30,000 vehicles a day cross the bridge between the port and the old town.
""",
]


def rows(*args):
    result = runner.invoke(app, [*args, "-f", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def two_stories(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("archive")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    for n, text in enumerate(BRIDGE):
        (folder / f"bridge{n}.txt").write_text(text, encoding="utf-8")
    return folder


def test_seeds_are_one_story():
    [story] = rows("stories", str(SEEDS))
    assert story["documents"] == "5" and story["title"]
    assert story["first_published"] == "2017-09-25"


def test_unrelated_stories_are_apart_and_links_stay_inside(two_stories):
    stories = rows("stories", str(two_stories))
    assert len(stories) == 2
    by_doc = {doc: s["story"] for s in stories for doc in s["docs"].split(";")}
    assert len({by_doc[f"bridge{n}.txt"] for n in range(3)}) == 1
    assert by_doc["bridge0.txt"] != by_doc["000_b93b5521d8a2474f.txt"]
    clustered = rows("clusters", str(two_stories))
    stories_of_cluster: dict[str, set[str]] = {}
    for r in clustered:
        stories_of_cluster.setdefault(r["cluster"], set()).add(r["story"])
    assert clustered and all(len(s) == 1 for s in stories_of_cluster.values())
    bridge = by_doc["bridge0.txt"]
    claims = rows("claims", str(two_stories), "--story", bridge)
    assert claims and {c["doc"] for c in claims} <= {f"bridge{n}.txt" for n in range(3)}


def test_a_claim_attributed_in_one_outlet_and_asserted_in_another_is_flagged():
    clustered = rows("clusters", str(SEEDS))
    dropped = [r for r in clustered if r["kind"] == "statement" and "attribution_dropped" in r["flags"]]
    assert any(r["doc"].startswith("003") for r in dropped)
    origins = {r["cluster"]: r for r in clustered if r["role"] == "origin"}
    assert all(origins[r["cluster"]]["kind"] == "claim" for r in dropped)
