"""Property tests: any text at all goes through extraction without an exception, and every
record quotes its file exactly."""

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
