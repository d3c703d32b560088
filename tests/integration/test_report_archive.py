"""The report at archive size: the spread as a directed tree whose labels never overlap, the statement x
document matrix, and "who said what" grouped by resolved speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_report import ARTIFACTS, _report, chromium_page, text_of

FACTS = [
    "The Larkfield ferry terminal will close for 14 months from March while engineers replace its rusted pier.",
    "About 2,400 commuters use the terminal every weekday, according to the harbour board.",
    "A temporary shuttle bus will run every 20 minutes between Larkfield and the Dunmore quay.",
    "The repairs are expected to cost 31 million pounds, the county treasurer said.",
    "Residents of Larkfield collected 5,200 signatures against the closure last autumn.",
]


def _archive(folder: Path, documents: int = 32) -> None:
    """One story told by `documents` outlets: each later one copies an earlier one's facts, some with a
    changed figure, so that the spread has several levels."""
    folder.mkdir()
    for n in range(documents):
        source = n // 3  # each document copies one earlier document
        lines = [f"Outlet {n} | Larkfield ferry terminal to close", f"Published: 2026-03-{1 + n % 28:02d}"]
        facts = list(FACTS) if n == 0 else FACTS[: 3 + (source % 3)]
        if n % 4 == 3:
            facts = [f.replace("2,400", "2,600") for f in facts]
        lines += facts
        (folder / f"outlet{n:02d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def archive_report(tmp_path_factory, nlp):
    tmp = tmp_path_factory.mktemp("archive-report")
    _archive(tmp / "news")
    return _report(tmp, str(tmp / "news"))


def test_the_spread_is_a_tree_every_edge_directed(archive_report):
    _, page, source = archive_report
    edges = [a for tag, a in page.tags if tag == "path" and "edge" in a.get("class", "").split() and "H" in a["d"]]
    nodes = page.classes("node")
    assert len(nodes) >= 30
    assert len(edges) == len(nodes) - 1  # one edge into every document but the root
    assert all(e.get("marker-end", "").startswith("url(#arrow") for e in edges)
    assert "took" in text_of(source)


def test_a_story_of_more_than_ten_documents_has_a_matrix(archive_report):
    _, page, source = archive_report
    [matrix] = page.classes("matrix")
    assert matrix is not None
    assert page.classes("cell") and any("changed" in a["class"] for a in page.classes("cell"))


def test_the_seeds_story_of_five_documents_has_no_matrix(tmp_path, nlp):
    from ..conftest import SEEDS

    _, page, _ = _report(tmp_path, str(SEEDS))
    assert page.classes("matrix") == []


def test_who_said_what_groups_two_people_quoted_as_he_under_their_own_names(tmp_path, nlp):
    folder = tmp_path / "news"
    folder.mkdir()
    text = (
        "Mayor Tobias Wren opened the rebuilt Larkfield pier on Tuesday.\n\n"
        '"This pier will outlast all of us," he said.\n\n'
        "The engineer in charge, Ravi Okonjo, was more cautious about the old cables.\n\n"
        '"The cables will need checking every winter," he said.\n'
    )
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("Tuesday", "Wednesday"), encoding="utf-8")
    _, _, source = _report(tmp_path, str(folder))
    section = source[source.index("<section class='speakers'>") :]
    entries = section.split("<dt>")[1:]
    by_name = {text_of(e.split("</dt>")[0]).split(" person")[0]: text_of(e) for e in entries}
    assert "outlast" in by_name["Tobias Wren"] and "cables" not in by_name["Tobias Wren"]
    assert "cables" in by_name["Ravi Okonjo"] and "outlast" not in by_name["Ravi Okonjo"]


def test_the_tree_and_matrix_read_in_chromium_with_no_label_over_another(archive_report):
    out, _, _ = archive_report
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium_page(out.as_uri()) as (page, errors):
        boxes = page.evaluate(
            "Array.from(document.querySelectorAll('svg.tree text')).map(t => {"
            "const b = t.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })"
        )
        assert len(boxes) >= 30
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                overlap = min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0
                assert not overlap, (a, b)
        assert page.locator("section.matrix").first.is_visible()
        page.locator("figure.graph").first.screenshot(path=str(ARTIFACTS / "report-archive-tree.png"))
        page.locator("section.matrix").first.screenshot(path=str(ARTIFACTS / "report-archive-matrix.png"))
        assert errors == []
