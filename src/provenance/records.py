"""The records every stage hands on: documents in, claims out.

Field order is the CSV column order (see DESIGN.md), so reordering a field is a
breaking change for everyone piping our CSV into another tool.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

CLAIM_KINDS = ("direct", "indirect", "mixed")
SPEAKER_TYPES = ("person", "organization", "government", "media", "anonymous", "group")


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

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.raw.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Claim:
    """An attributable statement: who (speaker), how (cue) and what (text).

    `start`/`end` index the raw file; `sentence` is the raw text of the
    sentence(s) holding the claim, for reading it in context.
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


@dataclass(frozen=True)
class InputProblem:
    """A file we could not use, and why; reported on stderr, never fatal to the run."""

    path: str
    reason: str

    def message(self) -> str:
        return f"{self.path}: {self.reason}"


def stable_id(prefix: str, doc: str, start: int, end: int) -> str:
    """An id that survives re-runs: a hash of the document id and the offsets."""
    digest = hashlib.blake2s(f"{doc}\x00{start}\x00{end}".encode(), digest_size=5).hexdigest()
    return f"{prefix}-{digest}"


def record_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict in column order (what JSON output prints)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}
