"""Linking a corpus in parts, with exactly the answers of linking it whole (what the Dask engine runs).

Linking compares statements of two stories only when one is an exact copy of a specific statement
(`candidates.crossing_key`): blocking keys and figure keys carry the story. So a corpus falls
apart into pieces that share no candidate pair: stories joined by such a copy form a *story group*,
and a part holds whole groups, so every document with all its records. Each part is then linked
by `link_items` with what the whole corpus decides and no part can see alone:

- stories, found once over every document's story vector (`find_stories`; vectors are weighted
  by the term frequencies of the whole corpus, summed from each batch's `CorpusCounts`);
- the idf of claims and of figures, also summed from `CorpusCounts`.

Given those, every copy, candidate pair, score, merge, origin and flag in a part is the one the
whole corpus gives: the pairs of a part touch only its items, items keep their canonical order
inside it, and best-first merging of one connected component does not depend on any other.

Stages (each a function of its inputs; `engine.cluster` runs them as Dask tasks):
1. `count_part` per batch of documents -> `CorpusCounts` and crossing keys; counts are summed
2. `story_vectors` per batch, with the summed counts
3. `find_stories` once over all vectors (the one sequential step: stories grow document by
   document in canonical order; it holds 20 weights per document, no records), then
   `story_groups` and `plan_parts`: document -> story -> part
4. `link_part` per part
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..records import Claim, DocumentInfo, Figure, Statement
from ..similarity import Idf, idf_from_counts, stem_counts
from . import Linking, document_texts, items_of, link_items
from .candidates import crossing_key
from .stories import MemoryStoryIndex, assign, document_terms, story_groups, vectorize

__all__ = [
    "CorpusCounts",
    "count_part",
    "find_stories",
    "link_part",
    "plan_parts",
    "story_groups",
    "story_vectors",
]

StoryVector = tuple[str, str, dict[str, float]]  # doc, published, its story vector (most telling term first)


@dataclass
class CorpusCounts:
    """What linking one part needs to know of the whole corpus; a sum of every batch's counts."""

    documents: int = 0
    term_df: Counter[str] = field(default_factory=Counter)  # documents holding each story term
    claim_items: int = 0  # claims and statements
    claim_stems: Counter[str] = field(default_factory=Counter)  # of them, how many hold each stem
    figure_items: int = 0
    figure_stems: Counter[str] = field(default_factory=Counter)

    def add(self, other: CorpusCounts) -> CorpusCounts:
        self.documents += other.documents
        self.term_df.update(other.term_df)
        self.claim_items += other.claim_items
        self.claim_stems.update(other.claim_stems)
        self.figure_items += other.figure_items
        self.figure_stems.update(other.figure_stems)
        return self

    def idf(self) -> tuple[Idf, Idf]:
        """The idf of claims and of figures over the whole corpus, as one-process linking computes them."""
        return idf_from_counts(self.claim_stems, self.claim_items), idf_from_counts(
            self.figure_stems, self.figure_items
        )


def count_part(
    claims: Sequence[Claim],
    figures: Sequence[Figure],
    documents: Sequence[DocumentInfo],
    statements: Sequence[Statement],
) -> tuple[CorpusCounts, set[tuple[str, str]]]:
    """One batch's counts, and its crossing keys as (hash of the wording, doc) pairs."""
    counts = CorpusCounts(documents=len(documents))
    texts = document_texts(claims, figures, statements)
    for d in documents:
        counts.term_df.update(document_terms(d.title, texts.get(d.doc, [])).keys())
    claim_items, figure_items = items_of(claims, figures, statements)
    stems, counts.claim_items = stem_counts(i.own for i in claim_items)
    counts.claim_stems.update(stems)
    stems, counts.figure_items = stem_counts(i.own for i in figure_items)
    counts.figure_stems.update(stems)
    crossing = set()
    for item in claim_items:
        key = crossing_key(item)
        if key is not None:
            crossing.add((hashlib.blake2s(key.encode(), digest_size=8).hexdigest(), item.doc))
    return counts, crossing


def story_vectors(
    claims: Sequence[Claim],
    figures: Sequence[Figure],
    documents: Sequence[DocumentInfo],
    statements: Sequence[Statement],
    counts: CorpusCounts,
) -> list[StoryVector]:
    """Each document's story vector, weighted by the whole corpus's term frequencies."""
    texts = document_texts(claims, figures, statements)
    return [
        (d.doc, d.published, vectorize(document_terms(d.title, texts.get(d.doc, [])), counts.term_df, counts.documents))
        for d in documents
    ]


def find_stories(vectors: Iterable[StoryVector]) -> dict[str, str]:
    """doc -> story for every document: the stories one-process linking finds."""
    documents, by_doc = [], {}
    for doc, published, vector in vectors:
        documents.append(DocumentInfo(doc, "", "", "", "", "", published, "", ""))
        by_doc[doc] = vector
    return assign(documents, by_doc, MemoryStoryIndex())


def plan_parts(story_of: dict[str, str], groups: dict[str, str], parts: int) -> dict[str, int]:
    """doc -> part: whole story groups, largest first, each to the part holding the fewest documents."""
    sizes: Counter[str] = Counter(groups[story] for story in story_of.values())
    parts = max(1, min(parts, len(sizes)))
    loads = [(0, n) for n in range(parts)]
    part_of_group = {}
    for group, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        load, n = heapq.heappop(loads)
        part_of_group[group] = n
        heapq.heappush(loads, (load + size, n))
    return {doc: part_of_group[groups[story]] for doc, story in story_of.items()}


def link_part(
    claims: Sequence[Claim],
    figures: Sequence[Figure],
    documents: Sequence[DocumentInfo],
    statements: Sequence[Statement],
    counts: CorpusCounts,
) -> Linking:
    """Link one part (whole story groups; each document's `story` set) with the corpus's idf."""
    story_of = {d.doc: d.story for d in documents}
    claim_items, figure_items = items_of(claims, figures, statements)
    for item in [*claim_items, *figure_items]:
        item.story = story_of.get(item.doc, "")
    clusters, cluster_of = link_items(claim_items, figure_items, {d.doc: d for d in documents}, counts.idf())
    return Linking(clusters, cluster_of, story_of)
