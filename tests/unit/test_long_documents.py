"""Long documents go through the pipeline in pieces: the same records as their articles parsed one by one."""

import pytest

from provenance import extract
from provenance.extract import analyze, plan_pieces
from provenance.ingest import text_document

ARTICLES = [
    "The mayor of Springfield, Ana Ortiz, said the bridge would reopen in May.\n\n"
    "“We have checked every bolt,” Ortiz said. She added that 120 workers had joined the repairs.\n\n"
    "Critics said the repairs cost nearly $4 million more than planned.",
    "Interpol will meet in Beijing next week, according to three diplomatic sources.\n\n"
    "The agency's president, Meng Hongwei, told reporters that 158 countries would attend.\n\n"
    "He said the meeting would focus on corruption and terrorism.",
    "Economists at the central bank said prices were rising faster than wages.\n\n"
    "“This cannot go on for long,” said Lena Fischer, the bank's chief economist.\n\n"
    "“Households are paying more for food and energy every month. We will act if we must,” "
    "Fischer told a news conference.\n\n"
    "Almost half of the 2,000 firms surveyed expect to raise prices again, the bank said.",
    "The ministry said on Monday that 40 schools would close because of the storm.\n\n"
    "Officials said the army would not be deployed.\n\n"
    "Neither the police nor the fire service will intervene, a spokesman said.",
]


def _records(result, shift=0, name=None):
    claims = sorted((c.start - shift, c.end - shift, c.text, c.kind, c.speaker_name, c.cue) for c in result.claims)
    figures = sorted(
        (f.start - shift, f.end - shift, f.text, f.value, f.object, f.attributed_to) for f in result.figures
    )
    statements = sorted((s.start - shift, s.end - shift, s.text) for s in result.statements)
    return claims, figures, statements


def test_pieces_cover_the_text_and_cut_where_a_paragraph_begins():
    text = "\n\n".join(ARTICLES * 3)
    pieces = plan_pieces(text, size=400, context=150)
    assert len(pieces) > 3
    assert pieces[0].start == pieces[0].own == 0 and pieces[-1].end == len(text)
    for before, after in zip(pieces, pieces[1:]):
        assert before.end == after.own  # own parts follow each other without gap or overlap
        assert after.start <= after.own and after.own - after.start <= 150 + 1
        assert text[after.own - 1] == "\n"  # a paragraph begins there


def test_a_quotation_running_over_paragraphs_is_never_cut():
    running = (
        "“The first paragraph of a long statement goes on about the budget and the schools and the roads,\n\n"
        "“and the second paragraph reopens it, as news copy does, before it closes,” the governor said.\n\n"
    )
    text = "Some words about the weather today.\n\n" * 8 + running + "Other words about the harbour.\n\n" * 8
    inside = text.index("“and the second")
    for size in range(120, 700, 20):
        assert all(p.own != inside for p in plan_pieces(text, size=size, context=100))


def test_one_line_without_breaks_is_cut_at_sentence_ends():
    text = "The minister said the bridge would reopen in May. " * 60
    pieces = plan_pieces(text, size=500, context=100)
    assert len(pieces) > 4
    assert all(text[p.own - 2 : p.own] == ". " for p in pieces[1:])


@pytest.fixture
def small_pieces(monkeypatch):
    """Pieces of a few paragraphs, so that the short test texts are cut like a long transcript."""
    monkeypatch.setattr(extract, "PARSE_PIECE_CHARS", 300)
    monkeypatch.setattr(extract, "PARSE_CONTEXT_CHARS", 200)


def test_a_long_document_gives_the_records_of_its_articles(nlp, small_pieces):
    long_text = "\n\n".join(ARTICLES)
    assert len(plan_pieces(long_text)) > 3
    [whole] = analyze([text_document(long_text, doc="long.txt", path="long.txt")], nlp)
    expected: tuple[list, list, list] = ([], [], [])
    position = 0
    for n, article in enumerate(ARTICLES):
        monkey_free = text_document(article, doc=f"{n}.txt", path=f"{n}.txt")
        [alone] = analyze([monkey_free], nlp)
        for part, records in zip(expected, _records(alone, shift=-position)):
            part.extend(records)
        position += len(article) + 2
    got = _records(whole)
    assert got[0] == sorted(expected[0])
    assert got[1] == sorted(expected[1])
    assert got[2] == sorted(expected[2])
    for claim in whole.claims:
        assert long_text[claim.start : claim.end] == claim.text


def test_a_pronoun_at_the_start_of_a_piece_resolves_to_the_speaker_before_it(nlp, monkeypatch):
    monkeypatch.setattr(extract, "PARSE_PIECE_CHARS", 90)
    monkeypatch.setattr(extract, "PARSE_CONTEXT_CHARS", 200)
    long_text = (
        "Lena Fischer, the chief economist of the central bank, spoke to reporters in Frankfurt on Monday.\n\n"
        "The bank has raised rates four times this year and markets expect a fifth increase soon.\n\n"
        "She said prices were still rising faster than wages across the euro area.\n\n"
    )
    pieces = plan_pieces(long_text)
    she = long_text.index("She said")
    assert any(p.own == she and p.start == 0 for p in pieces)  # its own piece, the name only in the context
    [result] = analyze([text_document(long_text, doc="t.txt", path="t.txt")], nlp)
    [claim] = [c for c in result.claims if c.start > she]
    assert claim.speaker_name == "Lena Fischer"


def test_ids_of_a_long_document_do_not_depend_on_the_piece_size(nlp, monkeypatch):
    long_text = "\n\n".join(ARTICLES * 2)
    document = text_document(long_text, doc="long.txt", path="long.txt")
    [one_piece] = analyze([document], nlp)
    monkeypatch.setattr(extract, "PARSE_PIECE_CHARS", 400)
    monkeypatch.setattr(extract, "PARSE_CONTEXT_CHARS", 300)
    [pieces] = analyze([document], nlp)
    assert {c.claim_id for c in pieces.claims} == {c.claim_id for c in one_piece.claims}
    assert {f.figure_id: f.claim_id for f in pieces.figures} == {f.figure_id: f.claim_id for f in one_piece.figures}
