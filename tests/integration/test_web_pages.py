"""Saved web pages as they come: the article text wherever the page keeps it, with offsets into the file."""

import gzip
import json

from typer.testing import CliRunner

from provenance.cli import app

runner = CliRunner()

ARTICLE = [
    "The Harbor bridge in Millbrook will reopen to traffic on Monday after eight months of repairs, city engineer "
    "Ana Ortiz said on Friday.",
    "Workers replaced 4,000 bolts and resurfaced the deck, Ortiz said, and the council approved the final "
    "inspection report on Thursday evening.",
    "The bridge carries about 30,000 vehicles a day between the port and the old town, according to the council.",
]


def page(body_class: str, separator: str = "</p><p>") -> str:
    paragraphs = separator.join(ARTICLE)
    return f"""<!doctype html><html class="no-js"><head><title>Harbor bridge to reopen | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Harbor bridge to reopen",
"datePublished": "2024-03-08T21:30:00-05:00", "author": {{"@type": "Person", "name": "Jo Reyes"}}}}</script>
</head><body class="{body_class}"><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<div class="l-sidebar-fixed"><form action="/subscribe"><article><h1>Harbor bridge to reopen</h1>
<p>{paragraphs}</p></article></form></div>
<aside class="related">Related: Council votes on parking fees</aside>
<footer>Copyright 2024 Valley Courier. Cookie settings.</footer></body></html>"""


def read(folder):
    result = runner.invoke(app, ["text", str(folder), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_furniture_words_in_page_classes_do_not_lose_the_article(tmp_path):
    (tmp_path / "sidebar.html").write_text(page("one-sidebar no-sidebars cookies-not-set"), encoding="utf-8")
    (tmp_path / "breaks.html").write_text(page("page", separator="<br>\n"), encoding="utf-8")
    with gzip.open(tmp_path / "saved.html.gz", "wt", encoding="utf-8") as handle:
        handle.write(page("article-page"))
    rows = read(tmp_path)
    assert len(rows) == 3
    for row in rows:
        for paragraph in ARTICLE:
            assert paragraph in row["text"].replace("\n\n", " "), (row["doc"], row["text"])
        assert "Home" not in row["text"] and "Related" not in row["text"] and "Cookie" not in row["text"]
        assert row["outlet"] == "Valley Courier" and row["title"] == "Harbor bridge to reopen"
        assert row["published"] == "2024-03-08"  # the date as the page states it, not moved to UTC
        assert row["chars"] == len(row["text"])


def test_claims_of_a_saved_page_point_into_the_file(tmp_path, nlp):
    raw = page("one-sidebar")
    (tmp_path / "page.html").write_text(raw, encoding="utf-8")
    result = runner.invoke(app, ["claims", str(tmp_path), "-f", "jsonl"])
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert {c["speaker_name"] for c in claims} >= {"Ana Ortiz", "council"}
    for claim in claims:
        assert raw[claim["start"] : claim["end"]].startswith(claim["text"].split()[0])
        assert claim["text"].split()[-1].strip(".,") in raw[claim["start"] : claim["end"]]


def test_hover_cards_and_teasers_inside_the_article_give_no_claims(tmp_path, nlp):
    """A name's hover card (headlines kept hidden in the sentence) and a shouted teaser line between
    paragraphs are not the article: neither its text nor its claims."""
    card = (
        '<span class="rollover-people"><a href="/people/ana-ortiz">Ana Ortiz</a>'
        '<span class="rollover-people-block"><a href="/x">Ortiz says parking fees will double next year</a>'
        "</span></span>"
    )
    first = ARTICLE[0].replace("Ana Ortiz", card)
    teaser = "<p><strong>MAYOR SAYS TOLLS WILL RETURN TO THE BRIDGE</strong></p>"
    html = (
        page("article-page")
        .replace(ARTICLE[0], first)
        .replace("</p><p>" + ARTICLE[1], "</p>" + teaser + "<p>" + ARTICLE[1])
    )
    (tmp_path / "bridge.html").write_text(html, encoding="utf-8")
    [row] = read(tmp_path)
    assert "parking fees will double" not in row["text"] and "Ana Ortiz said on Friday" in row["text"]
    result = runner.invoke(app, ["claims", str(tmp_path / "bridge.html"), "-f", "jsonl"])
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert claims and not any("TOLLS" in c["text"] or "parking" in c["text"] for c in claims)
    assert any(c["speaker"] == "city engineer Ana Ortiz" for c in claims)
