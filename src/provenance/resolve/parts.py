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
3. `find_stories` once over all vectors (the one sequential step: stories joined by average
   linkage, closest pair first; it holds the vectors, no records), then
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
from ..similarity import Idf, content_stems, idf_from_counts
from . import Linking, document_texts, enclosing_statements, items_of, link_items, with_enclosed
from .candidates import crossing_wording
from .stories import MemoryStoryIndex, assign, document_terms, story_groups, vectorize

__all__ = [
    "CorpusCounts",
    "corpus_counts",
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
    """What linking a part of a corpus needs to know of the whole: how many statements and figure sentences
    hold each stem (their idf), and the wordings that may link across stories, as (wording, doc)."""

    claim_items: int = 0  # claims and statements
    claim_stems: Counter[str] = field(default_factory=Counter)
    figure_items: int = 0
    figure_stems: Counter[str] = field(default_factory=Counter)
    crossing: set[tuple[str, str]] = field(default_factory=set)
    documents: int = 0
    term_df: Counter[str] = field(default_factory=Counter)  # documents holding each story term

    def add(self, other: CorpusCounts) -> CorpusCounts:
        """The counts of two parts of a corpus, summed (into this one)."""
        self.claim_items += other.claim_items
        self.claim_stems.update(other.claim_stems)
        self.figure_items += other.figure_items
        self.figure_stems.update(other.figure_stems)
        self.crossing |= other.crossing
        self.documents += other.documents
        self.term_df.update(other.term_df)
        return self

    def idf(self) -> tuple[Idf, Idf]:
        """The idf of claims and of figures, as `link_items` computes them over all its items."""
        return idf_from_counts(self.claim_stems, self.claim_items), idf_from_counts(
            self.figure_stems, self.figure_items
        )


def corpus_counts(
    claims: Iterable[Claim],
    figures: Iterable[Figure],
    statements: Iterable[Statement],
    inside: dict[str, str] | None = None,
) -> CorpusCounts:
    """Stem counts and crossing wordings of every statement and figure sentence, from their texts alone
    (each distinct text read once: copies cost a lookup), without building what linking compares.
    `inside`: the caller's `enclosing_statements`, when it has them."""
    counts = CorpusCounts()
    seen: dict[str, frozenset[str]] = {}
    statements = list(statements)
    claims = list(claims)
    if inside is None:
        inside = enclosing_statements(claims, statements)  # linked through their sentence, as in `items_of`
    claims = [c for c in claims if c.claim_id not in inside]

    def stems(text: str) -> frozenset[str]:
        found = seen.get(text)
        if found is None:
            found = seen[text] = content_stems(text)
        return found

    for doc, text in [*((c.doc, c.words) for c in claims), *((s.doc, s.text) for s in statements)]:
        held = stems(text)
        counts.claim_items += 1
        counts.claim_stems.update(held)
        wording = crossing_wording(held, text)
        if wording is not None:
            counts.crossing.add((wording, doc))
    for f in figures:
        counts.figure_items += 1
        counts.figure_stems.update(stems(f.sentence or f.text))
    return counts


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
    return assign(documents, by_doc.__getitem__, MemoryStoryIndex())


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
    inside = enclosing_statements(claims, statements)
    claim_items, figure_items = items_of(claims, figures, statements, inside=inside)
    for item in [*claim_items, *figure_items]:
        item.story = story_of.get(item.doc, "")
    clusters, cluster_of = link_items(claim_items, figure_items, {d.doc: d for d in documents}, counts.idf())
    return Linking(clusters, with_enclosed(cluster_of, inside), story_of)
