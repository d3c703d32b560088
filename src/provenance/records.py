"""The records every stage hands on: documents in, claims, figures and clusters out.

Field order is the CSV column order (see DESIGN.md), so reordering a field is a
breaking change for everyone piping our CSV into another tool. Records carry
clean text (what the pipeline read: no markup, entities decoded) next to
offsets into the raw file; for plain text the two are the same characters.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any

CLAIM_KINDS = ("direct", "indirect", "mixed")
SPEAKER_TYPES = ("person", "organization", "government", "media", "anonymous", "group", "document")
HEDGES = ("exact", "approx", "at_least", "at_most")
FLAGS = ("figure_changed", "attribution_dropped", "quote_altered", "speaker_changed")


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) into some text."""

    start: int
    end: int


@dataclass
class Document:
    """One article as read from disk, plus what the text itself says about it.

    `raw` is the file as decoded; `text` is what the NLP pipeline reads. They have
    the same length and `offsets[i]` is the position in `raw` of `text[i]`
    (identity for plain text; HTML markup and boilerplate are blanked out of
    `text` with spaces, so nothing downstream has to track shifting positions).
    """

    doc: str
    path: str
    raw: str
    text: str
    outlet: str | None = None
    agency: str | None = None
    dateline: str | None = None
    published: str | None = None
    byline: str | None = None
    url: str | None = None
    title: str | None = None
    credit: str | None = None  # a line declaring the document a republication ("Republished by ... under licence")
    encoding: str = "utf-8"
    body: Span | None = None
    boilerplate: list[Span] = field(default_factory=list)
    offsets: list[int] | None = None

    def raw_offset(self, i: int) -> int:
        """Map a position in `text` to the same character in `raw`."""
        if self.offsets is None:
            return i
        if i >= len(self.offsets):
            return len(self.raw)
        return self.offsets[i]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of `text` to `raw` (end stays exclusive)."""
        if self.offsets is None or start >= end:
            return start, end
        return self.raw_offset(start), self.raw_offset(end - 1) + 1

    def clean(self, start: int, end: int) -> str:
        """The clean text of a [start, end) range of `text`: the raw file's own characters for
        plain text (so `raw[start:end] == text` holds), the decoded visible text for HTML."""
        if self.offsets is None:
            return self.raw[start:end]
        return self.text[start:end]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.raw.encode("utf-8", "surrogatepass")).hexdigest()

    def info(self) -> DocumentInfo:
        """The document's metadata record (what listings and linking need; no text)."""
        return DocumentInfo(
            doc=self.doc,
            path=self.path,
            title=self.title or "",
            outlet=self.outlet or "",
            agency=self.agency or "",
            dateline=self.dateline or "",
            published=self.published or "",
            byline=self.byline or "",
            url=self.url or "",
            credit=self.credit or "",
        )


@dataclass(frozen=True)
class DocumentInfo:
    """One document as listings and linking see it: its name and what it says about itself."""

    doc: str
    path: str
    title: str
    outlet: str
    agency: str
    dateline: str
    published: str
    byline: str
    url: str
    story: str = ""  # the story (event) linking put the document in
    credit: str = ""  # its republication credit line, as written: a copy by its own account, never an origin


@dataclass(frozen=True)
class DocumentText:
    """What provenance reads from one input: a row of `provenance text` (why a claim was or was not found)."""

    doc: str
    title: str
    outlet: str
    published: str
    byline: str
    url: str
    chars: int
    text: str


def readable_text(document: Document, text: str | None = None) -> str:
    """The text the pipeline reads (`text`: the document's, lines unwrapped as the pipeline unwraps them), with
    blanked-out furniture and markup dropped: paragraphs apart by a blank line, and inside one each line break
    the pipeline keeps (a sentence break for it) as a line break, so that a reader sees where it cuts."""
    lines = [one_line(line) for line in (document.text if text is None else text).split("\n")]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Claim:
    """An attributable statement: who (speaker), how (cue) and what (text).

    `start`/`end` index the raw file; `text` and `sentence` (the sentence(s)
    holding the claim, for reading it in context) are clean text.
    """

    claim_id: str
    doc: str
    outlet: str
    published: str
    kind: str
    speaker: str
    speaker_name: str
    speaker_type: str
    cue: str
    text: str
    start: int
    end: int
    sentence: str
    via: str
    cluster: str = ""
    figures: str = ""  # the texts of the figures inside the claim, "; "-joined
    construction: str = ""  # what found it: one of `nlp.attribution.constructions.NAMES` ("verb_clause", ...)
    # the text as repaired for reading (lower-cased wire copy re-cased), when it differs from `text`:
    # shown to people in tables and reports, never in machine formats
    shown: str = field(default="", metadata={"column": False})
    # the claim's own words when its span also holds its cue ("“X,” said Ana Ruiz. “Y.”", "The deal, the
    # ministry said, will create jobs"): its parts joined, what linking compares; "" when the span is all content
    content: str = field(default="", metadata={"column": False})

    @property
    def readable(self) -> str:
        return self.shown or self.text

    @property
    def words(self) -> str:
        """What the claim says, without the cue its span may hold: what linking compares."""
        return self.content or self.text


@dataclass(frozen=True)
class Figure:
    """A stated number: its value, hedge, what it counts, and who states it.

    `attributed_to` is the speaker_name of the claim holding the figure, empty
    when the outlet asserts it itself; `claim_id` names that claim.
    """

    figure_id: str
    doc: str
    outlet: str
    text: str
    value: float
    hedge: str
    object: str
    attributed_to: str
    claim_id: str
    start: int
    end: int
    cluster: str = ""
    kind: str = ""  # number | rank | fraction | percent | money: a rank ("first", "86th") counts nothing
    # a range's upper end ("between $62 and $68 a share": value 62, upper 68); empty for a single number
    upper: float | None = None
    # the sentence holding the figure, for linking it in context (kept with the record, not an output column)
    sentence: str = field(default="", metadata={"column": False})
    shown: str = field(default="", metadata={"column": False})  # the sentence as repaired, as Claim.shown


@dataclass(frozen=True)
class Statement:
    """A sentence the outlet states itself, crediting no one: linked with claims, so that a
    claim one outlet attributes and another prints as fact shows as `attribution_dropped`."""

    statement_id: str
    doc: str
    outlet: str
    published: str
    text: str
    start: int
    end: int
    cluster: str = ""
    shown: str = field(default="", metadata={"column": False})  # as Claim.shown


@dataclass(frozen=True)
class InputProblem:
    """A file we could not use, or used with a caveat, and why; reported on stderr, never fatal to the run.
    An error fails the run (a non-zero exit) once the other files are done; a warning does not."""

    path: str
    reason: str
    severity: str = "error"  # or "warning": read, with a caveat (a fallback encoding, partial results)

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def message(self) -> str:
        return f"{self.path}: {self.reason}"


def stable_id(prefix: str, doc: str, start: int, end: int) -> str:
    """An id that survives re-runs: a hash of the document id and the offsets."""
    digest = hashlib.blake2s(f"{doc}\x00{start}\x00{end}".encode(), digest_size=5).hexdigest()
    return f"{prefix}-{digest}"


@dataclass
class Rekeyed:
    """A document's records under another name or at other positions (`rekey`)."""

    claims: list[Claim]
    figures: list[Figure]
    statements: list[Statement]
    segments: dict[str, list[tuple[int, int]]]


def rekey(
    doc: str,
    claims: list[Claim],
    figures: list[Figure],
    statements: list[Statement],
    segments: dict[str, list[tuple[int, int]]],
    *,
    shift: int = 0,
    keep_from: int = 0,
) -> Rekeyed:
    """Records moved `shift` characters and named `doc`, with the ids a fresh parse of that document gives
    them (ids are positions: a cached document renamed, a long document's piece put back in its file); only
    those starting at `keep_from` or later are kept (a piece's context is the piece before it's own). A
    figure keeps the new id of its claim, kept or not."""
    claim_ids = {c.claim_id: stable_id("c", doc, c.start + shift, c.end + shift) for c in claims}
    own = [c for c in claims if c.start >= keep_from]
    return Rekeyed(
        claims=[
            replace(c, doc=doc, claim_id=claim_ids[c.claim_id], start=c.start + shift, end=c.end + shift) for c in own
        ],
        figures=[
            replace(
                f,
                doc=doc,
                figure_id=stable_id("f", doc, f.start + shift, f.end + shift),
                start=f.start + shift,
                end=f.end + shift,
                claim_id=claim_ids.get(f.claim_id, ""),
            )
            for f in figures
            if f.start >= keep_from
        ],
        statements=[
            replace(
                s,
                doc=doc,
                statement_id=stable_id("s", doc, s.start + shift, s.end + shift),
                start=s.start + shift,
                end=s.end + shift,
            )
            for s in statements
            if s.start >= keep_from
        ],
        segments={
            claim_ids[c.claim_id]: [(a + shift, b + shift) for a, b in segments[c.claim_id]]
            for c in own
            if c.claim_id in segments
        },
    )


def columns_of(record_type: type) -> list[str]:
    """A record type's output columns, in order (fields marked `column: False` are internal)."""
    return [f.name for f in fields(record_type) if f.metadata.get("column", True)]


def record_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict in column order (what JSON output prints)."""
    return {name: getattr(record, name) for name in columns_of(type(record))}


def plain_number(value: float) -> float:
    """1000.0 -> 1000 (printed as a whole number); other values rounded to 6 decimals. Every path a
    figure's value takes (a fresh parse, the SQLite cache, a Parquet dataset) prints it the same way."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else round(value, 6)


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) as single spaces: one field, one line."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class ClusterMember:
    """One outlet's version of a clustered statement: a row of `trace` and `conflicts`."""

    cluster: str
    role: str  # origin | member
    doc: str
    outlet: str
    published: str
    relation: str  # origin | verbatim | paraphrase | partial
    flags: str  # ";"-joined FLAGS
    speaker_name: str
    cue: str
    text: str
    start: int
    end: int
    story: str = ""
    kind: str = ""  # claim | statement | figure
    context: str = field(default="", metadata={"column": False})  # the sentence around a figure, for matching
    shown: str = field(default="", metadata={"column": False})  # as Claim.shown

    @property
    def readable(self) -> str:
        return self.shown or self.text


@dataclass
class Cluster:
    """A statement as carried by one or more documents, origin first."""

    cluster_id: str
    kind: str  # claim | figure
    members: list[ClusterMember] = field(default_factory=list)
    item_ids: list[str] = field(default_factory=list)

    @property
    def origin(self) -> ClusterMember:
        return self.members[0]

    @property
    def outlets(self) -> list[str]:
        return sorted({m.outlet or m.doc for m in self.members})

    @property
    def documents(self) -> int:
        return len({m.doc for m in self.members})

    @property
    def flagged(self) -> bool:
        return any(m.flags for m in self.members)


def cluster_order(cluster: Cluster) -> tuple[int, str, str, int]:
    """Most widely carried first, then claims before figures, then by origin: one order everywhere."""
    return (-cluster.documents, cluster.kind, cluster.origin.doc, cluster.origin.start)
