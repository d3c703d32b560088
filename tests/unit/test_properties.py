"""Property tests: any text at all goes through extraction without an exception, and every
record quotes its file exactly."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.extract import analyze
from provenance.ingest import text_document

from ..hostile import PIECES as HOSTILE_PIECES

PIECES = st.sampled_from(HOSTILE_PIECES)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_any_text_extracts_and_every_offset_slices_the_raw_text(nlp, text):
    if not text.strip():
        return
    document = text_document(text, doc="p.txt", path="p.txt")
    [result] = list(analyze([document], nlp))
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.text
        assert 0 <= claim.start <= claim.end <= len(text)
    for figure in result.figures:
        assert text[figure.start : figure.end] == figure.text


WORDS = st.lists(
    st.sampled_from(["mayor", "said", "bridge", "Ortiz", "4,000", "bolts", "“Yes,”", "reopen", "the", "Monday."]),
    min_size=3,
    max_size=25,
).map(" ".join)
WRAPPERS = st.sampled_from(
    [
        "<p>{}</p>",
        "<div class='one-sidebar'><p>{}</p></div>",
        "<p><b>{}</b></p>",
        "<p>{}<br>\n</p>",
        "<section class='cookie'><p>{}</p></section>",
        "<form><article><p>{}</p></article></form>",
        "<nav>{}</nav>",
        "<p>{} &amp; more</p>",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.tuples(WRAPPERS, WORDS), min_size=1, max_size=6))
def test_every_word_read_from_a_page_points_at_itself_in_the_page(parts):
    from provenance.ingest import html_document

    body = "".join(wrapper.format(words) for wrapper, words in parts)
    raw = f"<html><head><title>t</title></head><body class='no-sidebars'>{body}</body></html>"
    document = html_document(raw, doc="p.html", path="p.html")
    for match in re.finditer(r"\w+", document.text):
        start, end = document.raw_span(match.start(), match.end())
        assert raw[start:end] == match.group(0)
