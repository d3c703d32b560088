"""Each declared construction finds the claim of its own example (a failing test names its row)."""

import pytest

from provenance.nlp.attribution.constructions import CONSTRUCTIONS, NAMES


@pytest.mark.parametrize("row", CONSTRUCTIONS, ids=[c.name for c in CONSTRUCTIONS])
def test_each_construction_finds_its_example(claims_of, row):
    claims = claims_of(row.example)
    found = [(c.construction, c.speaker, c.text) for c in claims]
    assert any(
        c.construction == row.name and row.content.strip(" ,.") in c.text and row.speaker in (c.speaker, c.speaker_name)
        for c in claims
    ), found


@pytest.mark.parametrize(
    ("row", "sentence"),
    [(c, sentence) for c in CONSTRUCTIONS for sentence in c.leaves],
    ids=[c.name for c in CONSTRUCTIONS for _ in c.leaves],
)
def test_each_construction_leaves_its_counter_examples_alone(claims_of, row, sentence):
    found = [(c.construction, c.speaker, c.text) for c in claims_of(sentence)]
    assert all(construction != row.name for construction, _, _ in found), found


def test_construction_names_are_unique_and_every_claim_names_one(claims_of):
    assert len(set(NAMES)) == len(NAMES)
    text = "“We will rebuild,” the mayor said. According to the council, repairs will cost $2 million."
    claims = claims_of(text)
    assert claims and all(c.construction in NAMES for c in claims)


def test_the_readme_lists_every_construction_with_its_example():
    from ..conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for row in CONSTRUCTIONS:
        assert f"| `{row.name}` | {row.reads} |" in readme, row.name
