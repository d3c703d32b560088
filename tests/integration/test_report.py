"""`provenance report`: the HTML file's structure (no browser), then the page in headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from provenance.cli import app

from ..conftest import ROOT, SEEDS

runner = CliRunner()
ARTIFACTS = Path(os.environ.get("PROVENANCE_TEST_ARTIFACTS", ROOT / "build" / "test-artifacts"))
PLANTED = (
    "The minister said the budget would grow <script>window.__pwned = 1</script> "
    '<img src=x onerror="window.__pwned = 2"> by 5 percent next year.\n'
)


class Page(HTMLParser):
    """Tags, attributes and text of an HTML page, for structural checks."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.stack: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))

    def handle_data(self, data):
        self.text.append(data)

    def classes(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if name in a.get("class", "").split()]


def text_of(fragment: str) -> str:
    """The words of an HTML fragment, whitespace collapsed."""
    page = Page()
    page.feed(fragment)
    return " ".join(" ".join(page.text).split())


def _report(tmp_path: Path, *paths: str, extra: tuple[str, ...] = ()) -> tuple[Path, Page, str]:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", *paths, "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    source = out.read_text(encoding="utf-8")
    page = Page()
    page.feed(source)
    return out, page, source


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory, nlp):
    return _report(tmp_path_factory.mktemp("report"), str(SEEDS))


def test_the_seeds_story_is_drawn_with_the_agency_copy_as_its_origin(seeds_report):
    _, page, source = seeds_report
    assert len(page.classes("story")) == 1
    assert any(tag == "svg" for tag, _ in page.tags)
    assert len([a for a in page.classes("node") if "origin" in a["class"].split()]) == 1
    text = text_of(source)
    assert "Reuters" in text and "main origin" in text
    # 001 reproduces the Reuters copy (000): the timeline says so
    assert "copies 000_b93b5521d8a2474f.txt" in text


def test_the_three_drifts_are_drift_cards(seeds_report):
    _, page, source = seeds_report
    cards = source.split("<article class='card'")[1:]
    assert len(cards) >= 3
    joined = [text_of(card) for card in cards]
    assert any("156 countries" in c and "158 countries" in c and "figure changed" in c for c in joined)
    assert any("almost half" in c and "attribution dropped" in c and "[− almost]" in c for c in joined)
    assert any("Li Shulei" in c and "quote altered" in c and "… [ and ] cut off" in c for c in joined)
    # every version names its document and offsets
    assert all("[" in c and ":" in c for c in joined)


def test_no_markup_or_script_from_an_article_reaches_the_page(tmp_path, nlp):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "planted.txt").write_text(PLANTED, encoding="utf-8")
    (folder / "copy.txt").write_text(PLANTED, encoding="utf-8")
    _, page, source = _report(tmp_path, str(folder))
    assert not any(tag in ("script", "img", "iframe", "object") for tag, _ in page.tags)
    assert not any(k.startswith("on") for _, a in page.tags for k in a)
    assert "Content-Security-Policy" in source and "default-src 'none'" in source
    assert "&lt;script&gt;" in source  # shown as text


def test_an_empty_store_gives_a_page_that_says_so(tmp_path):
    out = tmp_path / "r.html"
    runner.invoke(app, ["add", str(tmp_path / "nothing"), "--db", str(tmp_path / "db.sqlite")])
    result = runner.invoke(app, ["report", "--db", str(tmp_path / "db.sqlite"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "No documents" in out.read_text(encoding="utf-8")


def test_an_unwritable_output_is_one_line_naming_it(tmp_path, nlp):
    target = tmp_path / "missing-folder" / "r.html"
    result = runner.invoke(app, ["report", str(SEEDS), "-o", str(target)])
    assert result.exit_code == 1
    assert str(target) in result.stderr and len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- in a real browser


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser():
    executable = _chromium()
    if executable is None:
        pytest.skip("browser tests need Chromium: apt-get install chromium (.ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need playwright-python: pip install -e '.[dev]'")
    return sync_playwright, executable


@contextmanager
def chromium_page(uri: str) -> Iterator[tuple[Any, list[str]]]:
    """A headless Chromium page open at `uri` (1200 x 900), and the errors it reports as it runs."""
    sync_playwright, executable = _browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(uri)
            yield page, errors
        finally:
            browser.close()


def test_the_report_opens_in_chromium_without_errors_and_shows_graph_and_cards(seeds_report, tmp_path):
    out, _, _ = seeds_report
    planted_dir = tmp_path / "planted"
    planted_dir.mkdir()
    (planted_dir / "a.txt").write_text(PLANTED, encoding="utf-8")
    (planted_dir / "b.txt").write_text(PLANTED, encoding="utf-8")
    planted, _, _ = _report(tmp_path, str(planted_dir))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium_page(out.as_uri()) as (page, errors):
        assert page.locator("svg").first.is_visible()
        assert page.locator(".node.origin").count() == 1
        assert page.locator("article.card").count() >= 3
        assert page.locator("article.card").first.is_visible()
        page.screenshot(path=str(ARTIFACTS / "report-seeds.png"), full_page=True)
        assert errors == []
        # a narrow window: nothing wider than the screen
        page.set_viewport_size({"width": 380, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 381
        page.screenshot(path=str(ARTIFACTS / "report-seeds-narrow.png"))
        # printed, the drift cards are still there
        page.emulate_media(media="print")
        assert page.locator("article.card").first.is_visible()
        # a script planted in an article's text never runs
        page.goto(planted.as_uri())
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert "<script>" in page.locator("main").inner_text()


def test_a_report_piped_without_an_output_file_is_the_page_itself(tmp_path, nlp, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    assert not list(tmp_path.glob("*.html"))  # and no file is written for it


def test_the_report_links_no_folder_of_the_user_and_shows_bidi_overrides(tmp_path, nlp, monkeypatch):
    folder = tmp_path / "news"
    folder.mkdir()
    story = "The harbour board said the pier would reopen on 12 May \u202e2026-05-21\u202c after repairs.\n"
    (folder / "a.txt").write_text(story, encoding="utf-8")
    (folder / "b.txt").write_text(story, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "file://" not in page and str(tmp_path) not in page  # links relative to where it was made
    assert "href='news/a.txt'" in page
    assert "\u202e" not in page and "\\u202e" in page  # the override shown, not obeyed


def test_a_report_that_cannot_be_written_whole_leaves_no_file(tmp_path, nlp, monkeypatch):
    out = tmp_path / "r.html"
    real = Path.write_text

    def full_disk(self, *args, **kwargs):
        if self.name.endswith(".partial"):
            real(self, "<!doctype html><html><body>half", encoding="utf-8")
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)
    result = runner.invoke(app, ["report", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]  # nothing half
