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

from ..records import Claim, DocumentInfo, Figure, Statement
from . import CorpusCounts, Linking, corpus_counts, document_texts, items_of, link_items
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


def count_part(
    claims: Sequence[Claim],
    figures: Sequence[Figure],
    documents: Sequence[DocumentInfo],
    statements: Sequence[Statement],
) -> CorpusCounts:
    """One batch's counts; its crossing wordings are hashed (they only join stories: a collision
    merely puts two story groups in one part)."""
    counts = corpus_counts(claims, figures, statements)
    counts.crossing = {(hashlib.blake2s(w.encode(), digest_size=8).hexdigest(), doc) for w, doc in counts.crossing}
    counts.documents = len(documents)
    texts = document_texts(claims, figures, statements)
    for d in documents:
        counts.term_df.update(document_terms(d.title, texts.get(d.doc, [])).keys())
    return counts


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
