"""Linking the same claim across outlets: blocking, scoring, clustering, origin and drift.

Works on records only (claims, figures, documents), never on spaCy Docs.

- Candidate pairs come from an inverted index over each statement's rarest
  stems (and, for figures, the value and the counted noun); keys shared by too
  many statements are skipped, so the work grows with the corpus, not its square.
- Claim pairs are scored by `similarity.PairModel` (fitted on MSRP news
  paraphrases); figure pairs by value, hedge, counted noun and the similarity
  of the sentences around them.
- Pairs are merged best first into clusters holding at most one statement per
  document.
- Each cluster gets an origin (earliest `published`; else an agency's copy
  that others reproduce; else the earliest document name), a relation per
  member and drift flags.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..lexicon import code_fingerprint, data_fingerprint
from ..records import Claim, Cluster, DocumentInfo, Figure, Statement, cluster_order
from ..similarity import Idf, inverse_document_frequency
from .candidates import claim_pairs, figure_pairs
from .clusters import merge
from .drift import describe, names_agree
from .items import (
    Item,
    Profiles,
    claim_item,
    document_words,
    figure_item,
    incidents,
    statement_item,
    telling_names,
)
from .stories import MemoryStoryIndex, group_stories, story_groups

__all__ = [
    "Linking",
    "document_texts",
    "items_of",
    "enclosing_statements",
    "with_enclosed",
    "link",
    "link_items",
    "linker_fingerprint",
    "names_agree",
]

LINKING_CODE = ("resolve", "similarity.py", "records.py", "settings.py", "lexicon.py")


def linker_fingerprint() -> str:
    """Changes whenever linking could give other clusters: a store linked by another linker is relinked."""
    return code_fingerprint(*LINKING_CODE)[:8] + data_fingerprint()[:8]


@dataclass
class Linking:
    """The result of linking: stories, clusters, and each record's cluster id."""

    clusters: list[Cluster]
    cluster_of: dict[str, str]  # claim_id / statement_id / figure_id -> cluster_id
    story_of: dict[str, str] = field(default_factory=dict)  # doc -> story id
    term_df: dict[str, int] = field(default_factory=dict)  # documents holding each term (when stories were found)


def link(
    claims: Sequence[Claim],
    figures: Sequence[Figure],
    documents: Iterable[DocumentInfo],
    statements: Sequence[Statement] = (),
    *,
    story_of: dict[str, str] | None = None,
    index: MemoryStoryIndex | None = None,
) -> Linking:
    """Cluster claims and statements with each other, and figures with figures, across documents.

    A statement carried by one document only is no cluster (every sentence would be one);
    claims and figures always get one, except a stance, which takes its sentence's (`enclosing_statements`).
    Stories are found here unless `story_of` gives them (an incremental relink of some stories); `index`
    receives the stories found.
    """
    # Linking allocates many small, acyclic objects; the cyclic collector would rescan
    # them all again and again (cost growing with the corpus), so it is paused here.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _link(claims, figures, documents, statements, story_of, index)
    finally:
        if enabled:
            gc.enable()


def _link(
    claims: Sequence[Claim],
    figures: Sequence[Figure],
    documents: Iterable[DocumentInfo],
    statements: Sequence[Statement],
    story_of: dict[str, str] | None,
    index: MemoryStoryIndex | None,
) -> Linking:
    from .parts import corpus_counts  # parts builds on this module: imported when linking runs

    docs = {d.doc: d for d in documents}
    term_df: dict[str, int] = {}
    if story_of is None:  # before the items are made: its word counts are freed before they take memory
        story_of, term_df = group_stories(list(docs.values()), document_texts(claims, figures, statements), index)
    # Linked story group by group (stories joined by a copy of a specific statement, the only link
    # across stories): no candidate pair crosses two groups, so the clusters are those of linking all
    # at once, while only one group's items and profiles are in memory at a time (made from its
    # records, freed once it is linked): the working set is a group, not the corpus. What every group
    # needs of the whole (the idf, the copies that join stories) is counted from the texts first.
    inside = enclosing_statements(claims, statements)
    counts = corpus_counts(claims, figures, statements, inside)
    idf = counts.idf()
    group_of = story_groups(story_of, counts.crossing)
    del counts

    def group(doc: str) -> str:
        story = story_of.get(doc, "")
        return group_of.get(story, story)

    by_group: dict[str, tuple[list[Claim], list[Figure], list[Statement]]] = defaultdict(lambda: ([], [], []))
    for c in claims:
        by_group[group(c.doc)][0].append(c)
    for f in figures:
        by_group[group(f.doc)][1].append(f)
    for s in statements:
        by_group[group(s.doc)][2].append(s)
    clusters: list[Cluster] = []
    cluster_of: dict[str, str] = {}
    for name in sorted(by_group):
        claim_items, figure_items = items_of(*by_group.pop(name), inside=inside)
        for item in [*claim_items, *figure_items]:
            item.story = story_of.get(item.doc, "")
        found, ids = link_items(claim_items, figure_items, docs, idf)
        clusters.extend(found)
        cluster_of.update(ids)
    with_enclosed(cluster_of, inside)
    clusters.sort(key=cluster_order)
    return Linking(clusters, cluster_of, story_of, dict(term_df))


def document_texts(
    claims: Iterable[Claim], figures: Iterable[Figure], statements: Iterable[Statement]
) -> dict[str, list[str]]:
    """Each document's claims, statements and figure sentences: the wording its story is found from."""
    texts: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        texts[c.doc].append(c.text)
    for s in statements:
        texts[s.doc].append(s.text)
    for f in figures:
        texts[f.doc].append(f.sentence or f.text)
    return texts


def items_of(
    claims: Iterable[Claim],
    figures: Iterable[Figure],
    statements: Iterable[Statement],
    *,
    inside: dict[str, str] | None = None,
) -> tuple[list[Item], list[Item]]:
    """What linking compares: claims and statements (each with its own figures), and figures, in canonical
    order (every tie in linking is broken by it, so any input order gives the same clusters). Claims inside a
    statement are left to it (`inside`: the caller's `enclosing_statements`, when it has them)."""
    figures = list(figures)
    statements = list(statements)
    claims = list(claims)
    words = {doc: document_words(texts) for doc, texts in document_texts(claims, figures, statements).items()}
    if inside is None:
        inside = enclosing_statements(claims, statements)
    claims = [c for c in claims if c.claim_id not in inside]
    figures_by_claim: dict[str, list[Figure]] = defaultdict(list)
    unclaimed: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.claim_id:
            figures_by_claim[f.claim_id].append(f)
        else:
            unclaimed[f.doc].append(f)

    for listed in unclaimed.values():
        listed.sort(key=lambda f: (f.start, f.end, f.figure_id))
    starts = {doc: [f.start for f in listed] for doc, listed in unclaimed.items()}

    def figures_in(s: Statement) -> list[Figure]:
        """The statement's own figures, found by bisection (a long document holds thousands)."""
        listed = unclaimed.get(s.doc, [])
        at = starts.get(s.doc, [])
        return listed[bisect_left(at, s.start) : bisect_left(at, s.end)]

    profiles: Profiles = {}
    claim_items = [claim_item(c, figures_by_claim.get(c.claim_id, []), profiles) for c in claims]
    claim_items += [statement_item(s, figures_in(s), profiles) for s in statements]
    figure_items = [figure_item(f, profiles) for f in figures]
    for item in [*claim_items, *figure_items]:
        item.doc_words = words[item.doc]
        if item.doc_words:
            item.telling_names = telling_names(item.own)
    claim_items.sort(key=_canonical)
    figure_items.sort(key=_canonical)
    return claim_items, figure_items


def enclosing_statements(claims: Iterable[Claim], statements: Iterable[Statement]) -> dict[str, str]:
    """claim_id -> statement_id for each claim inside a statement of its document. A stance ("X
    criticized the plan", "vowed to veto the bill") leaves its sentence a statement: the sentence is
    what outlets repeat and what is linked (its short object alone would link on generic words); the
    claim takes the sentence's cluster."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for s in statements:
        spans[s.doc].append((s.start, s.end, s.statement_id))
    for listed in spans.values():
        listed.sort()
    starts = {doc: [start for start, _, _ in listed] for doc, listed in spans.items()}
    inside = {}
    for c in claims:
        at = bisect_right(starts.get(c.doc, []), c.start) - 1  # the last statement starting at or before it
        if at >= 0 and c.end <= spans[c.doc][at][1]:
            inside[c.claim_id] = spans[c.doc][at][2]
    return inside


def with_enclosed(cluster_of: dict[str, str], inside: dict[str, str]) -> dict[str, str]:
    """Each enclosed claim in its statement's cluster."""
    for claim_id, statement_id in inside.items():
        if statement_id in cluster_of:
            cluster_of[claim_id] = cluster_of[statement_id]
    return cluster_of


def link_items(
    claim_items: list[Item],
    figure_items: list[Item],
    docs: dict[str, DocumentInfo],
    idf: tuple[Idf, Idf] | None = None,
) -> tuple[list[Cluster], dict[str, str]]:
    """Clusters of items whose stories are set: copies, candidate pairs, scores, merging, origin and drift.

    `idf` (of claims, of figures) is the whole corpus's when these items are one part of it
    (`resolve.parts`); by default it is the items' own. Items must be in canonical order.
    """
    clusters: list[Cluster] = []
    cluster_of: dict[str, str] = {}
    found = incidents({doc: info.title for doc, info in docs.items()}, [*claim_items, *figure_items])
    for item in [*claim_items, *figure_items]:
        item.incident = found.get(item.doc)
    for n, (kind, items) in enumerate((("claim", claim_items), ("figure", figure_items))):
        weights = idf[n] if idf is not None else inverse_document_frequency(i.own for i in items)
        pairs = claim_pairs(items, weights) if kind == "claim" else figure_pairs(items, weights)
        groups = merge(items, pairs)
        carried = Counter(doc for group in groups if len(group) > 1 for doc in {i.doc for i in group})
        for group in groups:
            if len(group) == 1 and group[0].kind == "statement":
                continue
            cluster_kind = kind if any(i.kind != "statement" for i in group) else "statement"
            cluster = describe(cluster_kind, group, docs, carried)
            clusters.append(cluster)
            for item in group:
                cluster_of[item.item_id] = cluster.cluster_id
    clusters.sort(key=cluster_order)
    return clusters, cluster_of


def _canonical(item: Item) -> tuple[str, int, int, str]:
    return (item.doc, item.start, item.end, item.item_id)
