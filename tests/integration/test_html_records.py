"""HTML input: records carry clean text (no markup, entities decoded) and raw offsets; the cache changes nothing."""

import json
import re

from typer.testing import CliRunner

from provenance.cli import app

runner = CliRunner()

PAGE = """<!doctype html>
<html><head><title>Bridge to reopen</title><meta property="og:site_name" content="Valley Courier"></head>
<body><article>
<h1>Bridge to reopen</h1>
<p>The <b>Harbor</b> bridge will reopen on Monday after <b>158</b> days of repairs, the city&#39;s
engineer, <a href="/people/ana">Ana Ortiz</a>, said on Friday.</p>
<p>&ldquo;We checked every one of the <i>4,000</i> bolts,&rdquo; Ortiz said.</p>
</article></body></html>
"""


def _rows(command, folder):
    result = runner.invoke(app, [command, str(folder), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_html_claims_and_figures_hold_no_markup_and_point_into_the_page(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    claims = _rows("claims", tmp_path)
    figures = _rows("figures", tmp_path)
    assert claims and figures
    for record in claims + figures:
        assert not re.search(r"<[a-z/]|&[a-z#0-9]+;", record["text"]), record["text"]
        raw = PAGE[record["start"] : record["end"]]
        words = re.findall(r"\w+", record["text"])
        position = 0
        for word in words:  # the claim's words stand in the raw range, in order
            position = raw.index(word, position) + len(word)
    assert any(c["speaker"] == "the city's engineer, Ana Ortiz" for c in claims)
    assert any(f["text"] == "158 days" for f in figures)


def test_a_cached_html_document_gives_the_records_of_a_fresh_one(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    fresh_claims, fresh_figures = _rows("claims", tmp_path), _rows("figures", tmp_path)
    cached_claims, cached_figures = _rows("claims", tmp_path), _rows("figures", tmp_path)
    assert fresh_claims == cached_claims and fresh_figures == cached_figures
