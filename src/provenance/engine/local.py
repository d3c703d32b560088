"""The one driver on one machine: read → cache → extract (over `--jobs` processes) → save → link.

Every command that is given PATHs, and `provenance add`, goes through
`extract_paths`: documents are read in input order, looked up in the store's
cache by key and content hash, parsed when new or changed (each document on its
own, so splitting the work over processes changes nothing but speed), and
saved. `analyze_paths` then links them in memory; `add_paths` relinks the store.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import TYPE_CHECKING

from ..extract import DocumentResult, Unit, assemble, parse_units, pipeline_fingerprint, planned_units
from ..ingest import read_documents
from ..ingest.fetch import is_url
from ..normalize import unwrap_lines
from ..records import Document, DocumentText, InputProblem, readable_text, rekey
from ..resolve import Linking, link, linker_fingerprint
from ..resolve import document_texts as story_texts
from ..resolve.stories import MemoryStoryIndex, assign, document_terms, vectorize
from ..settings import PIECES_PER_TASK, TASKS_IN_FLIGHT_PER_JOB
from ..store import MemoryResults, Store, member_words
from ..store.sqlite import CachedRecords

if TYPE_CHECKING:
    from spacy.language import Language

FALLBACK_ENCODINGS = ("cp1252", "latin-1")

ProblemHandler = Callable[[InputProblem], None]
DocumentHandler = Callable[[Document, bool], None]


def collect_problems(problems: list[InputProblem], on_problem: ProblemHandler | None) -> ProblemHandler:
    """A handler that passes every problem on and keeps the ones that are not warnings (they fail the run)."""

    def problem(item: InputProblem) -> None:
        if not item.is_warning:
            problems.append(item)
        if on_problem:
            on_problem(item)

    return problem


def store_key(document: Document) -> str | None:
    """The store's key for a document: its absolute path (path#id for a JSONL line); None for stdin."""
    if document.path == "-":
        return None
    if document.path.lower().startswith(("http://", "https://")):
        return document.path  # the URL: a second run fetches and parses nothing (the store keeps the page)
    absolute = os.path.abspath(document.path)
    several = (".jsonl", ".ndjson", ".warc", ".warc.gz")  # files holding several documents
    return f"{absolute}#{document.doc}" if document.path.lower().endswith(several) else absolute


def renamed(cached: CachedRecords, document: Document) -> DocumentResult:
    """Cached records under the document's current display name (ids follow the name, as in a fresh parse)."""
    doc = document.doc
    claims, figures, statements, segments = cached.claims, cached.figures, cached.statements, cached.segments
    if any(c.doc != doc for c in claims) or any(f.doc != doc for f in figures) or any(s.doc != doc for s in statements):
        moved = rekey(doc, list(claims), list(figures), list(statements), dict(segments))
        claims, figures, statements, segments = moved.claims, moved.figures, moved.statements, moved.segments
    return DocumentResult(
        document, claims=list(claims), figures=list(figures), statements=list(statements), segments=dict(segments)
    )


def extract_paths(
    paths: Iterable[str],
    *,
    store: Store | None = None,
    jobs: int = 1,
    stdin: bytes | None = None,
    on_problem: ProblemHandler | None = None,
    on_document: DocumentHandler | None = None,
    load_cached: bool = True,
    refetch: bool = False,
) -> Iterator[DocumentResult]:
    """Every readable document's records, in input order: from the store's cache when unchanged, else parsed.

    Streams: documents are read, parsed and saved as they come. Problems (unreadable
    inputs, partial results) go to `on_problem` as they occur and never stop the run;
    `on_document(document, parsed)` is called as each document is done. With
    `load_cached=False` unchanged documents are counted but neither loaded nor yielded (`add`).
    URL inputs are read from the store when fetched before, unless `refetch`.
    """
    version = pipeline_fingerprint() if store is not None else ""
    ready: dict[int, DocumentResult | None] = {}  # finished, waiting for their turn
    parsing: deque[int] = deque()  # input positions of the documents sent to the parser
    next_out = 0

    def cached(document: Document) -> tuple[bool, DocumentResult | None]:
        key = store_key(document) if store is not None else None
        if store is None or not key:
            return False, None
        if not load_cached:
            return store.is_cached(key, document.content_hash, version), None
        records = store.cached(key, document.content_hash, version)
        return (True, renamed(records, document)) if records is not None else (False, None)

    def to_parse() -> Iterator[Document]:
        order = 0
        for item in read_documents(paths, stdin=stdin, pages=store, refetch=refetch):
            if isinstance(item, InputProblem):
                if on_problem:
                    on_problem(item)
                continue
            if on_problem and item.encoding in FALLBACK_ENCODINGS:
                on_problem(InputProblem(item.path, f"not valid UTF-8; read as {item.encoding}", "warning"))
            hit, result = cached(item)
            if hit:
                ready[order] = result
                if on_document:
                    on_document(item, False)
            else:
                parsing.append(order)
                yield item
            order += 1

    def flush() -> Iterator[DocumentResult]:
        nonlocal next_out
        while next_out in ready:
            result = ready.pop(next_out)
            next_out += 1
            if result is not None:
                yield result

    for result in parse_parallel(to_parse(), jobs):
        if on_problem:
            for error in result.errors:  # a component failed: partial results, not cached
                on_problem(InputProblem(result.document.path, f"partial results, {error}", "warning"))
        key = store_key(result.document) if store is not None and not result.errors else None
        if store is not None and key:
            store.save(key, version, result)
        if on_document:
            on_document(result.document, True)
        ready[parsing.popleft()] = result if load_cached else None
        yield from flush()
    yield from flush()


def document_texts(
    paths: Iterable[str], *, stdin: bytes | None = None, on_problem: ProblemHandler | None = None
) -> Iterator[DocumentText]:
    """What provenance reads from each input (no parsing): title, outlet, date, byline, url and text."""
    for item in read_documents(paths, stdin=stdin):
        if isinstance(item, InputProblem):
            if on_problem:
                on_problem(item)
            continue
        text = readable_text(item, unwrap_lines(item.text))
        info = item.info()
        yield DocumentText(info.doc, info.title, info.outlet, info.published, info.byline, info.url, len(text), text)


def analyze_paths(
    paths: Iterable[str],
    *,
    store: Store | None = None,
    jobs: int = 1,
    stdin: bytes | None = None,
    on_problem: ProblemHandler | None = None,
    on_document: DocumentHandler | None = None,
    linked: bool = True,
    refetch: bool = False,
) -> MemoryResults:
    """Read `paths`, extract every claim and figure (through the store's cache), and link them in memory."""
    results = MemoryResults()

    problem = collect_problems(results.problems, on_problem)

    for result in extract_paths(
        paths, store=store, jobs=jobs, stdin=stdin, on_problem=problem, on_document=on_document, refetch=refetch
    ):
        results.infos.append(result.document.info())
        results.claim_records.extend(result.claims)
        results.figure_records.extend(result.figures)
        results.statement_records.extend(result.statements)
        results.claim_segments.update(result.segments)
    if linked:
        linking = link(results.claim_records, results.figure_records, results.infos, results.statement_records)
        apply_linking(results, linking)
    return results


def apply_linking(results: MemoryResults, linking: Linking) -> None:
    """Write cluster ids into the claim and figure records."""
    results.cluster_records = linking.clusters
    results.infos = [replace(d, story=linking.story_of.get(d.doc, "")) for d in results.infos]
    results.claim_records = [replace(c, cluster=linking.cluster_of.get(c.claim_id, "")) for c in results.claim_records]
    results.figure_records = [
        replace(f, cluster=linking.cluster_of.get(f.figure_id, "")) for f in results.figure_records
    ]
    results.statement_records = [
        replace(s, cluster=linking.cluster_of.get(s.statement_id, "")) for s in results.statement_records
    ]


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
    full: bool = False,
    on_problem: ProblemHandler | None = None,
    on_document: DocumentHandler | None = None,
    refetch: bool = False,
) -> AddReport:
    """Index documents into the store (unchanged ones are skipped), then link what changed.

    Streams: documents are written as they are parsed and not kept in memory. The first
    linking of a store (or `full`) links everything; later ones put new documents in
    stories and relink only the stories that changed (`link_changes`).
    """
    report = AddReport()
    parsed_docs: list[str] = []

    problem = collect_problems(report.problems, on_problem)

    def done(document: Document, parsed: bool) -> None:
        if parsed:
            report.parsed += 1
            parsed_docs.append(document.doc)
        else:
            report.unchanged += 1
        if on_document:
            on_document(document, parsed)

    pending = store.linking_pending()  # an earlier `add` was stopped between saving and linking
    if not pending:
        store.set_linking_pending(True)
    for _ in extract_paths(
        paths, store=store, jobs=jobs, on_problem=problem, on_document=done, load_cached=False, refetch=refetch
    ):
        pass
    removed_stories: set[str] = set()
    if prune:
        gone = [
            (key, doc) for key, path, doc in store.keys_with_docs() if not is_url(path) and not os.path.exists(path)
        ]
        removed_stories = store.stories_of_documents(doc for _, doc in gone)
        report.removed = store.remove(key for key, _ in gone)
    if full or pending or not store.has_clusters() or store.linker() != linker_fingerprint():
        relink(store)  # everything, also when the stored clusters come from another linker or a stopped run
    elif report.parsed or report.removed:
        link_changes(store, changed_docs=parsed_docs, removed_stories=removed_stories)
    store.set_linking_pending(False)
    return report


def relink(store: Store) -> Linking:
    """Link everything in the store: stories, clusters and the search index, saved."""
    index = MemoryStoryIndex()
    claims, figures, infos, statements = store.link_inputs()
    linking = link(claims, figures, infos, statements, index=index)
    store.save_clusters(linking.clusters, linking.cluster_of, _search_words(linking), linking.story_of)
    store.save_story_index(index, linking.term_df, len(infos))
    store.set_linker(linker_fingerprint())
    return linking


def link_changes(store: Store, *, changed_docs: Iterable[str] = (), removed_stories: Iterable[str] = ()) -> Linking:
    """Link what an `add` changed without reading the archive: new documents join stories through the
    store's story index, then only the stories that gained, changed or lost documents are relinked."""
    new = store.documents_without_story()
    affected = set(removed_stories) | store.stories_of_documents(changed_docs)
    if new:
        claims, figures, infos, statements = store.records_of_documents({d.doc for d in new})
        texts = story_texts(claims, figures, statements)
        bags = {d.doc: document_terms(d.title, texts.get(d.doc, [])) for d in new}
        df, total = store.count_terms(bags.values())
        with store.transaction():
            story_of = assign(new, lambda doc: vectorize(bags[doc], df, total), store.story_index())
        store.set_stories(story_of)
        affected |= set(story_of.values())
    affected = store.stories_joined_to(affected)
    claims, figures, infos, statements = store.records_of_stories(affected)
    linking = link(claims, figures, infos, statements, story_of={d.doc: d.story for d in infos})
    store.save_clusters(linking.clusters, linking.cluster_of, _search_words(linking), stories=affected)
    return linking


def _search_words(linking: Linking) -> dict[str, str]:
    words: dict[str, str] = {}
    for cluster in linking.clusters:
        for item_id, member in zip(cluster.item_ids, cluster.members):
            words[item_id] = " ".join(sorted(member_words(member)))
    return words


# ---------------------------------------------------------------- processes

_WORKER_NLP: Language | None = None


def _worker_init() -> None:
    global _WORKER_NLP
    from ..nlp import load_pipeline

    _WORKER_NLP = load_pipeline()


def _worker_units(units: list[Unit]) -> list[DocumentResult]:
    assert _WORKER_NLP is not None
    return [_without_text(part) for part in parse_units(units, _WORKER_NLP)]


def _without_text(part: DocumentResult) -> DocumentResult:
    """A unit's records without its text (the parent holds the document; nothing to send back)."""
    part.document = replace(part.document, raw="", text="", offsets=None)
    return part


def parse_parallel(documents: Iterable[Document], jobs: int) -> Iterator[DocumentResult]:
    """`extract.analyze` over `jobs` processes, results in input order and identical to one process.

    The work is split into units (whole documents, or pieces of a long one), so that one long
    document keeps every worker busy too. At most TASKS_IN_FLIGHT_PER_JOB * jobs tasks are in
    flight, so memory stays flat on long inputs.
    """
    planned: deque[tuple[Document, int]] = deque()
    units = planned_units(documents, planned)
    head = list(islice(units, max(jobs, 1)))  # few units: no worker processes to start
    if not head:
        return  # everything came from the cache: spaCy is never loaded
    if jobs <= 1 or len(head) < 2:
        from ..nlp import load_pipeline

        yield from assemble(parse_units(chain(head, units), load_pipeline()), planned)
        return
    yield from assemble(_parts_from_workers(chain(head, units), jobs), planned)


def _parts_from_workers(units: Iterator[Unit], jobs: int) -> Iterator[DocumentResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pending: deque = deque()  # type: ignore[type-arg]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init) as pool:
        chunk: list[Unit] = []
        for unit in units:
            chunk.append(unit)
            if len(chunk) >= PIECES_PER_TASK:
                pending.append(pool.submit(_worker_units, chunk))
                chunk = []
                while len(pending) >= TASKS_IN_FLIGHT_PER_JOB * jobs:
                    yield from pending.popleft().result()
        if chunk:
            pending.append(pool.submit(_worker_units, chunk))
        while pending:
            yield from pending.popleft().result()
