"""Direct quotations: pairing quote marks into quoted spans.

Works on characters, not tokens, because quote marks are a typographic fact:
curly and straight double quotes, guillemets and low-9 openers are paired by
type (a curly mark typed the wrong way round where a line starts or a sentence ends
is read by its place); apostrophes (don’t, countries’) are never quote marks. Single marks
(‘...’, '...') are quote marks only in a text that quotes with them, as British outlets do
(more single openers than double pairs): then a single mark opens before a word and closes
after one, while one between letters (don’t) or after a plural before a word (the players’
union) stays an apostrophe. A quote that runs
over several paragraphs (each reopened, the last one closed) is one quote per
paragraph, which the attribution stage joins; an unbalanced mark closes at the
end of its paragraph instead of swallowing the rest of the document; a quote
inside a quote (“... what he calls “hell” ...”) leaves the outer one whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from .guard import guarded

SPAN_KEY = "quotes"

_OPENERS = {"“": "double", "«": "guillemet", "„": "double", "‹": "guillemet"}
_CLOSERS = {"”": "double", "»": "guillemet", "›": "guillemet"}
_STRAIGHT = '"'
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")
_MARK_CANDIDATE = re.compile("[\"“”«»„‹›'`]")
_SINGLE_CANDIDATE = re.compile("[\"“”«»„‹›'`‘’]")
_DOUBLE_MARKS = re.compile("[\"“”«»„]|''|``")  # '' and `` stand for double marks in wire and archive copy
_SINGLE_OPENER = re.compile(r"(?:^|(?<=[\s(\[—–:/-]))['‘](?=[^\W\d_]|\d(?!\ds\b))", re.M)  # not '90s
_OPEN_BEFORE = ' \t\n\r([{—–-:/“"'
_CLOSE_AFTER = ' \t\n\r.,;:!?)]}—–-”"'


@dataclass(frozen=True)
class Quote:
    """The inside of one quotation: [start, end) character offsets, marks excluded."""

    start: int
    end: int
    closed: bool
    continues: bool = False  # the quote carries on in the next paragraph


def _mark_role(text: str, i: int) -> str | None:
    """'open', 'close', 'either' or None (not a quote mark) for the character at i.

    Two apostrophes or backticks in a row ('' or ``) stand for a double quote mark
    in some wire and archive copy; the first of the pair carries the role.
    """
    ch = text[i]
    if ch in "'`" and text.startswith(ch * 2, i) and not (i > 0 and text[i - 1] == ch):
        if ch == "`":
            return "open"
        return _straight_role(text, i, i + 2)
    if ch in "'`":
        return None
    if ch in "“”":
        return _curly_role(text, i)
    if ch in _OPENERS:
        return "open"
    if ch in _CLOSERS:
        return "close"
    if ch == _STRAIGHT:
        return _straight_role(text, i, i + 1)
    return None


def quotes_with_single_marks(text: str) -> bool:
    """Whether the text quotes with single marks (‘...’ or '...'): it opens at least two quotes with them and
    closes one, and opens more than with double marks (whose pairs then quote inside quotes: ‘He told me “never
    again”,’ she said)."""
    openers = len(_SINGLE_OPENER.findall(text))
    if openers < 2 or 2 * openers <= len(_DOUBLE_MARKS.findall(text)):
        return False
    # and closes them: "'em" and "'til" open nothing, and a text full of them is no British copy
    closers = sum(1 for m in re.finditer("['’]", text) if _single_role(text, m.start()) == "close")
    return closers >= 1


def _single_role(text: str, i: int) -> str | None:
    """'open', 'close' or None (an apostrophe) for a single mark in a text that quotes with single marks."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before.isalnum() and after.isalnum():
        return None  # don’t, O’Brien
    if text[i] == "‘" or before in _OPEN_BEFORE:
        return "open" if _SINGLE_OPENER.match(text, i) else None
    if after in _CLOSE_AFTER:
        rest = text[i + 1 : i + 3]
        if before == "s" and rest[:1] == " " and rest[1:2].isalnum() and not rest[1:2].isupper():
            return None  # the players’ union: a plural's apostrophe
        return "close"
    return None


def _curly_role(text: str, i: int) -> str:
    """A curly double mark by its shape, unless its place says the typist picked the wrong one: a ” that
    starts a line before a word opens (”The park ...”), a “ after a sentence's end before a space or the
    end closes (... “Half True.“), as does a “ right after a word before a space or punctuation (the German
    „...“)."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if text[i] == "”":
        return "open" if before in "\n\r" and after.isalnum() else "close"
    if before in ".!?" and after.isspace():
        return "close"
    # German copy closes with “ („Wir geben nicht auf“, sagte ...): after a word, before a space or punctuation
    return (
        "close"
        if not before.isspace() and before not in "([{—–-" and (after.isspace() or after in ".,;:!?)")
        else "open"
    )


def _straight_role(text: str, i: int, j: int) -> str:
    """Role of a straight mark text[i:j] from the characters around it."""
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if (before.isspace() or before in "([{—–-:/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "either"


def find_quotes(text: str) -> list[Quote]:
    """Pair the quote marks of `text` into quotes (single marks too in a text that quotes with them); never
    raises on odd marks."""
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    if quotes_with_single_marks(text):
        marks = []
        for m in _SINGLE_CANDIDATE.finditer(text):
            i = m.start()
            doubled = text[i] in "'`" and text.startswith(text[i] * 2, i) or i > 0 and text[i - 1] == text[i] == "'"
            role = _single_role(text, i) if text[i] in "'‘’" and not doubled else _mark_role(text, i)
            if role:
                marks.append((i, role))
    else:
        marks = [(m.start(), role) for m in _MARK_CANDIDATE.finditer(text) if (role := _mark_role(text, m.start()))]
    width = {i: (2 if text[i] in "'`" and text.startswith(text[i] * 2, i) else 1) for i, _ in marks}
    quotes: list[Quote] = []
    open_at: int | None = None
    para = 0  # index into breaks: the paragraph containing open_at ends at breaks[para]

    def paragraph_end(pos: int) -> int:
        for b in breaks:
            if b >= pos:
                return b
        return len(text)

    def emit(start: int, end: int, closed: bool, continues: bool = False) -> None:
        inner_start, inner_end = start, end
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_end > inner_start:
            quotes.append(Quote(inner_start, inner_end, closed, continues))

    inner_at: int | None = None  # a quote opened inside the open one ("... what he calls “hell” ...")
    inner: tuple[int, int] | None = None  # that inner quote, once closed: the outer one goes on around it

    def unclosed(end: int, continues: bool = False) -> None:
        """The open quote meets the end of its paragraph: it runs to there, unless a quote closed inside it (then
        its opener was stray, as in 'called it “a “sham” process': the inner quote is the quote)."""
        if inner is not None:
            emit(inner[0], inner[1], closed=True)
        elif inner_at is not None:
            emit(inner_at + width[inner_at], end, closed=False)
        elif open_at is not None:
            emit(open_at + width[open_at], end, closed=False, continues=continues)

    for i, role in marks:
        if open_at is not None and i > breaks[para]:
            # The open quote reached the end of its paragraph before this mark.
            end = breaks[para]
            gap = _PARAGRAPH.match(text, end)
            next_start = _skip_space(text, gap.end() if gap else end)
            if i == next_start and role in ("open", "either") and inner is None and inner_at is None:
                # the next paragraph reopens the quote: one quote per paragraph
                unclosed(end, continues=True)
                open_at = None
            elif role in ("close", "either") and i <= paragraph_end(next_start) and inner_at is None:
                # a break inside one quote (layout, not a new paragraph of speech)
                emit(open_at + width[open_at], i, closed=True)
                open_at, inner = None, None
                continue
            else:
                unclosed(end)
                open_at = None
            inner_at, inner = None, None
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
                para = next(n for n, b in enumerate(breaks) if b >= i)
        elif role in ("close", "either"):
            if inner_at is not None:  # closes the inner quote; the outer one goes on
                inner, inner_at = (inner_at + width[inner_at], i), None
                continue
            emit(open_at + width[open_at], i, closed=True)
            open_at, inner = None, None
        elif inner_at is None and inner is None and role == "open":
            inner_at = i  # a quote within the quote, unless no second closer follows (then the first was stray)
        else:  # a further opener inside an open quote: the first one was stray
            open_at, inner_at, inner = i, None, None
            para = next(n for n, b in enumerate(breaks) if b >= i)
    if open_at is not None:
        unclosed(breaks[para])
    return quotes


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


class QuoteFinder:
    """spaCy component: quoted spans into `doc.spans["quotes"]` and `doc._.quotes`."""

    def __init__(self, nlp: Language, name: str, *, span_key: str = SPAN_KEY) -> None:
        """`span_key`: the `doc.spans` group the quote spans are written to."""
        self.name = name
        self.span_key = span_key
        if not Doc.has_extension("quotes"):
            Doc.set_extension("quotes", default=None)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, find_quotes(doc.text))

    def set_annotations(self, doc: Doc, quotes: list[Quote]) -> Doc:
        spans: list[Span] = []
        kept: list[Quote] = []
        for quote in quotes:
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
                kept.append(quote)
        doc.spans[self.span_key] = spans
        doc._.quotes = kept
        return doc


@Language.factory("provenance_quotes", default_config={"span_key": SPAN_KEY}, assigns=["doc.spans", "doc._.quotes"])
def make_quote_finder(nlp: Language, name: str, span_key: str) -> QuoteFinder:
    return QuoteFinder(nlp, name, span_key=span_key)
