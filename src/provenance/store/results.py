"""The one read interface: `Results`, what every read question asks of a set of results.

Two implementations answer it: `MemoryResults` (inputs given as PATHs, parsed and
linked in this process) and the SQLite store (`provenance add`), which pushes the
filters and limits of `claims` and `figures` into SQL. Queries (`queries.py`) and
the CLI see only this protocol, so a further backend (a Parquet dataset made on a
cluster) is one more implementation, not another code path.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from ..records import Claim, Cluster, ClusterMember, DocumentInfo, Figure, InputProblem, Statement, cluster_order
from ..similarity import stem

Segments = dict[str, list[tuple[int, int]]]
T = TypeVar("T")


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to keep. Empty fields keep everything."""

    kinds: frozenset[str] = frozenset()
    speaker: str = ""  # a substring of speaker_name or speaker, any case
    doc: str = ""  # a glob or a substring of the document name
    outlet: str = ""  # a substring of the outlet, any case
    story: str = ""  # a story id: only its documents

    def __call__(self, claim: Claim) -> bool:
        if self.kinds and claim.kind not in self.kinds:
            return False
        if self.speaker:
            needle = self.speaker.lower()
            if needle not in claim.speaker_name.lower() and needle not in claim.speaker.lower():
                return False
        return doc_matches(self.doc, claim.doc) and outlet_matches(self.outlet, claim.outlet)


@dataclass(frozen=True)
class FigureFilter:
    """Which figures to keep. Empty fields keep everything."""

    speaker: str = ""  # a substring of attributed_to, any case
    doc: str = ""
    outlet: str = ""
    hedges: frozenset[str] = frozenset()
    story: str = ""

    def __call__(self, figure: Figure) -> bool:
        if self.speaker and self.speaker.lower() not in figure.attributed_to.lower():
            return False
        if self.hedges and figure.hedge not in self.hedges:
            return False
        return doc_matches(self.doc, figure.doc) and outlet_matches(self.outlet, figure.outlet)


def doc_matches(pattern: str, doc: str) -> bool:
    """A document name matches a glob ("00*.txt") or contains the pattern, any case."""
    return not pattern or fnmatch.fnmatch(doc, pattern) or pattern.lower() in doc.lower()


def outlet_matches(needle: str, outlet: str) -> bool:
    return not needle or needle.lower() in outlet.lower()


def member_words(member: ClusterMember) -> set[str]:
    """The stems `trace` matches a cluster member on: its text, the sentence around it, its speaker."""
    return {stem(w) for w in re.findall(r"\w+", f"{member.context} {member.text} {member.speaker_name}".lower())}


def query_stems(query: str) -> list[str]:
    return [stem(w) for w in re.findall(r"\w+", query.lower())]


class Results(Protocol):
    """What every read command asks of a set of results, wherever they are kept."""

    def documents(self) -> list[DocumentInfo]:
        """Every document, in input (or stored) order."""
        ...

    def claims(self, where: ClaimFilter | None = None, limit: int | None = None) -> list[Claim]:
        """Claims in document order, filtered and cut to `limit`."""
        ...

    def figures(self, where: FigureFilter | None = None, limit: int | None = None) -> list[Figure]:
        """Figures in document order, filtered and cut to `limit`."""
        ...

    def clusters(self, cluster_ids: Iterable[str] | None = None) -> list[Cluster]:
        """Clusters (all, or those named), most widely carried first."""
        ...

    def search(self, stems: list[str]) -> list[str]:
        """Ids of clusters with a member whose words hold every stem."""
        ...

    def statements(self, limit: int | None = None) -> list[Statement]:
        """Unattributed statements in document order."""
        ...

    def segments(self) -> Segments:
        """Raw-file segments of claims that are not one stretch of text (split quotes), by claim_id."""
        ...


@dataclass
class MemoryResults:
    """Results held in this process: what commands given PATHs answer from."""

    infos: list[DocumentInfo] = field(default_factory=list)
    claim_records: list[Claim] = field(default_factory=list)
    figure_records: list[Figure] = field(default_factory=list)
    statement_records: list[Statement] = field(default_factory=list)
    claim_segments: Segments = field(default_factory=dict)
    cluster_records: list[Cluster] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    def documents(self) -> list[DocumentInfo]:
        return list(self.infos)

    def claims(self, where: ClaimFilter | None = None, limit: int | None = None) -> list[Claim]:
        docs = self._story_docs(where.story) if where is not None and where.story else None
        return _cut(
            (c for c in self.claim_records if (where is None or where(c)) and (docs is None or c.doc in docs)), limit
        )

    def figures(self, where: FigureFilter | None = None, limit: int | None = None) -> list[Figure]:
        docs = self._story_docs(where.story) if where is not None and where.story else None
        return _cut(
            (f for f in self.figure_records if (where is None or where(f)) and (docs is None or f.doc in docs)), limit
        )

    def _story_docs(self, story: str) -> set[str]:
        return {d.doc for d in self.infos if d.story == story}

    def clusters(self, cluster_ids: Iterable[str] | None = None) -> list[Cluster]:
        if cluster_ids is None:
            return sorted(self.cluster_records, key=cluster_order)
        wanted = set(cluster_ids)
        return sorted((c for c in self.cluster_records if c.cluster_id in wanted), key=cluster_order)

    def search(self, stems: list[str]) -> list[str]:
        if not stems:
            return []
        return [
            c.cluster_id
            for c in self.cluster_records
            if any(all(s in words for s in stems) for words in map(member_words, c.members))
        ]

    def statements(self, limit: int | None = None) -> list[Statement]:
        return _cut(self.statement_records, limit)

    def segments(self) -> Segments:
        return dict(self.claim_segments)


def _cut(items: Iterable[T], limit: int | None) -> list[T]:
    out: list[T] = []
    for item in items:
        if limit is not None and len(out) >= limit:
            break
        out.append(item)
    return out
