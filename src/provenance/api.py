"""Library entry points behind the commands: each CLI command is one call here.

They return records; printing is the caller's business.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .records import Claim, Document, Figure, InputProblem
from .resolve import Cluster, Linking, link, names_agree
from .similarity import stem

if TYPE_CHECKING:
    from .extract import DocumentResult
    from .store import Store


FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass
class ClaimFilter:
    """Which claims to keep. Empty fields keep everything."""

    kinds: frozenset[str] = frozenset()
    speaker: str = ""
    doc: str = ""
    outlet: str = ""

    def __call__(self, claim: Claim) -> bool:
        if self.kinds and claim.kind not in self.kinds:
            return False
        if self.speaker:
            needle = self.speaker.lower()
            if needle not in claim.speaker_name.lower() and needle not in claim.speaker.lower():
                return False
        return _doc_outlet_ok(self.doc, self.outlet, claim.doc, claim.outlet)


@dataclass
class FigureFilter:
    """Which figures to keep. Empty fields keep everything."""

    speaker: str = ""  # matches attributed_to
    doc: str = ""
    outlet: str = ""
    hedges: frozenset[str] = frozenset()

    def __call__(self, figure: Figure) -> bool:
        if self.speaker and self.speaker.lower() not in figure.attributed_to.lower():
            return False
        if self.hedges and figure.hedge not in self.hedges:
            return False
        return _doc_outlet_ok(self.doc, self.outlet, figure.doc, figure.outlet)


def _doc_outlet_ok(doc_pattern: str, outlet: str, doc: str, doc_outlet: str) -> bool:
    if doc_pattern and not (fnmatch.fnmatch(doc, doc_pattern) or doc_pattern.lower() in doc.lower()):
        return False
    return not outlet or outlet.lower() in doc_outlet.lower()


@dataclass
class Analysis:
    """Everything known about a set of inputs: records, problems and cross-source links."""

    documents: list[Document] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    segments: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    clusters: list[Cluster] = field(default_factory=list)


def analyze_paths(
    paths: Iterable[str],
    *,
    on_problem: Callable[[InputProblem], None] | None = None,
    stdin: bytes | None = None,
    linked: bool = True,
    store: Store | None = None,
    jobs: int = 1,
    on_document: Callable[[Document, bool], None] | None = None,
) -> Analysis:
    """Read `paths`, extract every claim and figure, and link them across documents.

    With a `store`, a document whose content and pipeline are unchanged is read
    from it instead of being parsed again, and new results are written to it.
    Unreadable inputs are collected (and passed to `on_problem` as they occur)
    without stopping the other files. `on_document(document, parsed)` is called
    as each document is done.
    """
    analysis = Analysis()
    for result in extract_paths(
        paths,
        on_problem=on_problem,
        stdin=stdin,
        store=store,
        jobs=jobs,
        on_document=on_document,
        problems=analysis.problems,
    ):
        analysis.documents.append(result.document)
        analysis.claims.extend(result.claims)
        analysis.figures.extend(result.figures)
        analysis.segments.update(result.segments)
    if linked:
        apply_linking(analysis, link(analysis.claims, analysis.figures, analysis.documents))
    return analysis


def store_key(document: Document) -> str | None:
    """The store's key for a document: its absolute path (path#id for a JSONL line); None for stdin."""
    if document.path == "-":
        return None
    absolute = os.path.abspath(document.path)
    return f"{absolute}#{document.doc}" if document.path.lower().endswith((".jsonl", ".ndjson")) else absolute


def extract_paths(
    paths: Iterable[str],
    *,
    on_problem: Callable[[InputProblem], None] | None = None,
    stdin: bytes | None = None,
    store: Store | None = None,
    jobs: int = 1,
    on_document: Callable[[Document, bool], None] | None = None,
    problems: list[InputProblem] | None = None,
) -> Iterable[DocumentResult]:
    """Every readable document's records, in input order: from the store when unchanged, else parsed."""
    from .extract import DocumentResult, analyze_parallel
    from .ingest import read_documents
    from .store import pipeline_version, rename

    version = pipeline_version() if store is not None else ""
    ready: dict[int, DocumentResult] = {}
    to_parse: list[tuple[int, Document]] = []
    order = 0
    for item in read_documents(paths, stdin=stdin):
        if isinstance(item, InputProblem):
            if problems is not None:
                problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        if on_problem and item.encoding in FALLBACK_ENCODINGS:
            on_problem(InputProblem(item.path, f"warning: not valid UTF-8; read as {item.encoding}"))
        key = store_key(item) if store is not None else None
        cached = store.cached(key, item.content_hash, version) if store is not None and key else None
        if cached is not None:
            cached = rename(cached, item.doc)
            ready[order] = DocumentResult(cached.document, cached.claims, cached.figures, cached.segments)
            if on_document:
                on_document(item, False)
        else:
            to_parse.append((order, item))
        order += 1
    positions = [n for n, _ in to_parse]
    parsed = analyze_parallel((d for _, d in to_parse), min(jobs, len(to_parse))) if to_parse else iter(())
    for n, result in zip(positions, parsed):
        _report_errors(result, on_problem)
        key = store_key(result.document) if store is not None and not result.errors else None
        if store is not None and key:
            store.save(key, version, result.document, result.claims, result.figures, result.segments)
        ready[n] = result
        if on_document:
            on_document(result.document, True)
    for n in range(order):
        yield ready.pop(n)


def _report_errors(result: DocumentResult, on_problem: Callable[[InputProblem], None] | None) -> None:
    """A component that failed on a document: say so (its results are partial and not cached)."""
    if on_problem:
        for error in result.errors:
            on_problem(InputProblem(result.document.path, f"warning: partial results, {error}"))


@dataclass
class AddReport:
    """What `provenance add` did."""

    parsed: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[InputProblem] = field(default_factory=list)


def add_paths(
    paths: Iterable[str],
    store: Store,
    *,
    jobs: int = 1,
    prune: bool = False,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_document: Callable[[Document, bool], None] | None = None,
) -> AddReport:
    """Index documents into the store (unchanged ones are skipped), then relink the whole store.

    Streams: documents are written as they are parsed and not kept in memory.
    """
    from .extract import analyze_parallel
    from .ingest import read_documents
    from .store import pipeline_version

    report = AddReport()
    version = pipeline_version()

    def changed() -> Iterable[Document]:
        for item in read_documents(paths):
            if isinstance(item, InputProblem):
                report.problems.append(item)
                if on_problem:
                    on_problem(item)
                continue
            if on_problem and item.encoding in FALLBACK_ENCODINGS:
                on_problem(InputProblem(item.path, f"warning: not valid UTF-8; read as {item.encoding}"))
            key = store_key(item)
            if key and store.cached(key, item.content_hash, version) is not None:
                report.unchanged += 1
                if on_document:
                    on_document(item, False)
                continue
            yield item

    for result in analyze_parallel(changed(), jobs):
        _report_errors(result, on_problem)
        key = store_key(result.document) if not result.errors else None
        if key:
            store.save(key, version, result.document, result.claims, result.figures, result.segments)
            report.parsed += 1
        if on_document:
            on_document(result.document, True)
    if prune:
        gone = [key for key, path in store.keys() if not os.path.exists(path)]
        report.removed = store.remove(gone)
    if report.parsed or report.removed or not store.has_clusters():
        relink(store)
    return report


def relink(store: Store) -> Linking:
    """Link everything in the store and save the clusters and the search index."""
    analysis = analysis_from_store(store, linked=False)
    linking = link(analysis.claims, analysis.figures, analysis.documents)
    words: dict[str, str] = {}
    for cluster in linking.clusters:
        for item_id, member in zip(cluster.item_ids, cluster.members):
            text = f"{member.context} {member.text} {member.speaker_name}"
            words[item_id] = " ".join(sorted({stem(w) for w in re.findall(r"\w+", text.lower())}))
    store.save_clusters(linking.clusters, linking.cluster_of, words)
    return linking


def analysis_from_store(store: Store, *, linked: bool = True) -> Analysis:
    """Everything in the store as an Analysis (clusters as stored when `linked`)."""
    analysis = Analysis()
    for cached in store.everything():
        analysis.documents.append(cached.document)
        analysis.claims.extend(cached.claims)
        analysis.figures.extend(cached.figures)
        analysis.segments.update(cached.segments)
    if linked:
        analysis.clusters = store.clusters()
    return analysis


def trace_store(store: Store, query: str) -> list[Cluster]:
    """`trace` answered from the store's search index, without parsing or linking anything."""
    wanted = query_stems(query)
    clusters = store.clusters(store.search(wanted))
    return sorted(clusters, key=lambda c: (-len({m.doc for m in c.members}), c.kind, c.origin.doc, c.origin.start))


def apply_linking(analysis: Analysis, linking: Linking) -> None:
    """Write cluster ids into the claim and figure records."""
    analysis.clusters = linking.clusters
    analysis.claims = [replace(c, cluster=linking.cluster_of.get(c.claim_id, "")) for c in analysis.claims]
    analysis.figures = [replace(f, cluster=linking.cluster_of.get(f.figure_id, "")) for f in analysis.figures]


# ---------------------------------------------------------------- questions asked of an analysis


def query_stems(query: str) -> list[str]:
    return [stem(w) for w in re.findall(r"\w+", query.lower())]


def trace(analysis: Analysis, query: str) -> list[Cluster]:
    """Clusters with a member whose text (or speaker) holds every word of `query`, widest carried first.

    Matching is case-insensitive and on stems, so "red notice" finds "red notices".
    """
    wanted = query_stems(query)
    if not wanted:
        return []
    found = []
    for cluster in analysis.clusters:
        for member in cluster.members:
            words = {
                stem(w) for w in re.findall(r"\w+", f"{member.context} {member.text} {member.speaker_name}".lower())
            }
            if all(w in words for w in wanted):
                found.append(cluster)
                break
    return sorted(found, key=lambda c: (-len({m.doc for m in c.members}), c.kind, c.origin.doc, c.origin.start))


def conflicts(analysis: Analysis) -> list[Cluster]:
    """Clusters whose members disagree with their origin (any drift flag)."""
    return [c for c in analysis.clusters if len(c.members) > 1 and c.flagged]


@dataclass(frozen=True)
class SourceRow:
    """One document's place in the story: how much it shares, and what it likely copies."""

    doc: str
    outlet: str
    published: str
    claims: int
    figures: int
    shared: float  # share of its claims and figures also carried by another document
    copies_from: str
    copied_share: float  # share of its claims that reproduce `copies_from`


def sources(analysis: Analysis, *, min_share: float = 0.5, min_claims: int = 3) -> list[SourceRow]:
    """Per document: outlet, date, counts, share found elsewhere, and the document it most likely copies.

    A copies B when at least `min_share` of A's claims (and at least `min_claims`)
    sit in clusters whose origin is B and A's version is verbatim or a paraphrase.
    """
    member_docs: dict[str, set[str]] = defaultdict(set)
    copied: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for cluster in analysis.clusters:
        docs = {m.doc for m in cluster.members}
        for m in cluster.members:
            if len(docs) > 1:
                member_docs[m.doc].add(cluster.cluster_id)
            if cluster.kind == "claim" and m.role == "member" and m.relation in ("verbatim", "paraphrase"):
                copied[m.doc][cluster.origin.doc] += 1
    claims_per_doc: dict[str, int] = defaultdict(int)
    for c in analysis.claims:
        claims_per_doc[c.doc] += 1
    figures_per_doc: dict[str, int] = defaultdict(int)
    for f in analysis.figures:
        figures_per_doc[f.doc] += 1
    rows = []
    for d in analysis.documents:
        n_claims, n_figures = claims_per_doc[d.doc], figures_per_doc[d.doc]
        total = n_claims + n_figures
        shared = len(member_docs[d.doc]) / total if total else 0.0
        best, best_count = "", 0
        for other, count in copied[d.doc].items():
            if count > best_count:
                best, best_count = other, count
        share = best_count / n_claims if n_claims else 0.0
        if share < min_share or best_count < min_claims:
            best, share = "", 0.0
        rows.append(
            SourceRow(
                d.doc,
                d.outlet or "",
                d.published or "",
                n_claims,
                n_figures,
                round(min(shared, 1.0), 3),
                best,
                round(share, 3),
            )
        )
    return rows


@dataclass(frozen=True)
class SpeakerRow:
    """A source across the whole set: who, what kind, how often, and by whom quoted."""

    speaker_name: str
    speaker_type: str
    claims: int
    documents: int
    outlets: str  # ";"-joined
    anonymous: bool
    names_as_written: str  # ";"-joined variants ("he;Xi;President Xi Jinping")


def speakers(analysis: Analysis) -> list[SpeakerRow]:
    """Each resolved speaker once, across documents ("Lu Kang" = "lu kang" = "spokesman Lu Kang")."""
    canonical: dict[tuple[str, str], str] = {}
    by_type: dict[str, list[str]] = defaultdict(list)
    for c in analysis.claims:
        if c.speaker_name not in by_type[c.speaker_type]:
            by_type[c.speaker_type].append(c.speaker_name)
    for type_, names in by_type.items():
        ordered = sorted(names, key=lambda n: (-len(n.split()), n.lower()))
        for name in ordered:
            target = (
                next((k for k in ordered if len(k.split()) > len(name.split()) and names_agree(k, name)), None)
                if type_ == "person"
                else None
            )
            target = target or next((k for k in ordered if k.lower() == name.lower()), name)
            canonical[(type_, name)] = target
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in analysis.claims:
        groups[(canonical[(c.speaker_type, c.speaker_name)], c.speaker_type)].append(c)
    outlet_of = {d.doc: d.outlet or d.doc for d in analysis.documents}
    rows = []
    for (name, type_), claims in groups.items():
        docs = sorted({c.doc for c in claims})
        variants = sorted({c.speaker for c in claims}, key=str.lower)
        rows.append(
            SpeakerRow(
                name,
                type_,
                len(claims),
                len(docs),
                ";".join(sorted({outlet_of.get(d, d) for d in docs})),
                type_ == "anonymous",
                ";".join(variants),
            )
        )
    return sorted(rows, key=lambda r: (-r.documents, -r.claims, r.speaker_name.lower()))
