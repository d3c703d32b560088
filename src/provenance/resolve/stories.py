"""Stories: documents grouped by the event they report, as a newsroom would.

Each document is a vector of its most telling words (tf-idf over the documents, from
its title and every claim, statement and figure sentence it holds: the people,
places and wording of its event). Documents are taken in canonical order (dated ones
by date, then by name) and each joins the story whose combined vector it is most
like, when that similarity reaches STORY_SIMILARITY and its date (when both have
one) falls within STORY_DAYS of the story's, and when it is as close to the story as
its members were when they joined (STORY_COHESION of their mean, at most
STORY_COHESION_CAP): an archive holds two incidents of one kind (two quakes, two
title fights of one boxer) whose documents share the kind's words, and a document of
the other incident is far less like the story than its own members are, though past a
fixed threshold. Otherwise it starts a story (see `assign` for the outlier that goes
back). The same documents give the same stories in any input order; a story's id is a hash of its
first document, so it stays put as documents are added.

The stories found so far live in a `StoryIndex`: in memory for one run, or in the
store, so that `add` assigns new documents without reading the archive again.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from operator import mul
from typing import Protocol

from ..records import DocumentInfo
from ..settings import STORY_COHESION, STORY_COHESION_CAP, STORY_DAYS, STORY_SIMILARITY, STORY_TERMS
from ..similarity import stem, stopwords

_WORD = re.compile(r"[^\W\d_]{3,}")
# capitalized, not opening a sentence (the capital is looked for first: most positions fail there at once)
_NAME = re.compile(r"(?=[A-Z])(?<![.!?\"“‘'(]\s)(?<![\"“‘'(])(?<!^)\b([A-Z][^\W\d_]{2,})")
MAX_STORIES_PER_TERM = 64  # a word found in more stories than this says nothing about which one
CANDIDATE_TERMS = 20  # a document looks for its story through its most telling words
CANDIDATE_POSTINGS = 128  # reading the rarest of them first, until this many (story, word) entries are read
CANDIDATE_STORIES = 8  # and compares itself with the stories sharing most of them


def lookup_terms(holders: Mapping[str, int]) -> list[str]:
    """The words a document looks its story up by (word -> how many stories hold it): rarest first, until
    CANDIDATE_POSTINGS entries are read. The story a document belongs to holds its rarest words too, so
    they find it; the commonest add only work, which grows with the archive (every story that ever used
    the word), so reading stops once enough has been read: the cost per document stays flat as stories
    accumulate."""
    read = 0
    chosen: list[str] = []
    for term in sorted((t for t, n in holders.items() if 0 < n <= MAX_STORIES_PER_TERM), key=lambda t: (holders[t], t)):
        if chosen and read + holders[term] > CANDIDATE_POSTINGS:
            break
        chosen.append(term)
        read += holders[term]
    return chosen


def story_id(first_doc: str) -> str:
    return "st-" + hashlib.blake2s(first_doc.encode(), digest_size=4).hexdigest()


def document_terms(title: str, texts: Iterable[str]) -> Counter[str]:
    """A document's word stems (stopwords left out), counted: the raw material of its vector.

    A name (a word capitalized inside a sentence) counts again as a term of its own, "^" + its stem: two
    incidents of one kind (two quakes, two coaches fired) share most of their words, not their people
    and places, and the name is what tells them apart."""
    stop = stopwords()
    sentences = ".\n".join(text for text in texts if text)  # each opens a sentence, as after a full stop
    words = Counter(_WORD.findall(f"{title or ''}.\n{sentences}".lower()))  # counted first: stemmed once each
    names = Counter(_NAME.findall(sentences))  # a headline capitalizes every word: names from sentences only
    counts: Counter[str] = Counter()
    for word, n in words.items():
        if word not in stop:
            counts[stem(word)] += n
    for word, n in names.items():
        if word.lower() not in stop:
            counts["^" + stem(word)] += n
    return counts


def vectorize(bag: Mapping[str, int], df: Mapping[str, int], n: int) -> dict[str, float]:
    """The document's STORY_TERMS most telling words, tf-idf weighted and normalized, most telling first."""
    weights = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df.get(t, 1))) + 1) for t, c in bag.items()}
    top = heapq.nsmallest(STORY_TERMS, weights.items(), key=lambda kv: (-kv[1], kv[0]))  # sorted(...)[:STORY_TERMS]
    norm = math.sqrt(math.fsum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def day_of(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def canonical(documents: Iterable[DocumentInfo]) -> list[DocumentInfo]:
    """Dated documents by date, then undated ones, each by name: the order stories are built in."""
    return sorted(documents, key=lambda d: (not day_of(d.published), d.published, d.doc))


@dataclass
class Story:
    """A story as the index keeps it: its combined vector, its norm, its dates, and how close the documents
    that joined it were (the sum of their similarities when they joined, and how many joined)."""

    story: str
    centroid: dict[str, float]
    norm: float
    first_day: date | None
    last_day: date | None
    joined: float = 0.0
    joins: int = 0

    def admits(self, score: float) -> bool:
        """Whether a document this close may join: as close as its members were, within STORY_COHESION (a bar
        never above STORY_COHESION_CAP)."""
        bar = min(STORY_COHESION * self.joined / self.joins, STORY_COHESION_CAP) if self.joins else 0.0
        return score >= max(STORY_SIMILARITY, bar)


class StoryIndex(Protocol):
    """The stories found so far, wherever they are kept."""

    def candidates(self, terms: list[str]) -> list[str]:
        """Ids of the stories that share most of these terms, at most CANDIDATE_STORIES, best first."""
        ...

    def story(self, story: str) -> Story: ...

    def save(self, story: Story, added: dict[str, float]) -> None:
        """Keep a story's new state; `added` holds the terms whose weight changed."""
        ...

    def remove(self, story: str) -> None:
        """Forget a story (its one document went to another)."""
        ...


def assign(
    documents: Sequence[DocumentInfo], vector_of: Callable[[str], dict[str, float]], index: StoryIndex
) -> dict[str, str]:
    """doc -> story id for `documents` (in canonical order), joining stories of `index` or starting new ones.

    `vector_of(doc)` gives a document's vector when its turn comes (`vectorize`): made one at a time, the
    vectors of a large archive are never all in memory at once. A document that a story refused only for its
    bar, and that no other document of these joined in turn, goes back to that story at the end: one report
    written apart from the rest is an outlier of its story, not a second incident (which brings reports of
    its own)."""
    story_of: dict[str, str] = {}
    refused: dict[str, tuple[str, float]] = {}  # doc -> the story it passed the threshold of but not the bar
    for d in canonical(documents):
        vector = vector_of(d.doc)
        day = day_of(d.published)
        best: Story | None = None
        best_score = near_score = 0.0
        for candidate in index.candidates(list(vector)[:CANDIDATE_TERMS]):
            s = index.story(candidate)
            if day and s.first_day and s.last_day:
                if not s.first_day.toordinal() - STORY_DAYS <= day.toordinal() <= s.last_day.toordinal() + STORY_DAYS:
                    continue
            # the dot product in C, summed in the vector's fixed order: this runs for every document x candidate
            score = sum(map(mul, vector.values(), map(s.centroid.get, vector, repeat(0.0)))) / (s.norm or 1.0)
            if score > best_score and s.admits(score):
                best, best_score = s, score
            elif score >= STORY_SIMILARITY and score > near_score:
                refused[d.doc], near_score = (s.story, score), score
        if best is None:
            best = Story(story_id(d.doc), {}, 0.0, day, day)
        else:
            refused.pop(d.doc, None)
            best.joined += best_score
            best.joins += 1
        _take(index, best, vector, day)
        story_of[d.doc] = best.story
    members = Counter(story_of.values())
    for doc, (near, score) in refused.items():
        alone = story_of[doc]
        if members[alone] == 1:
            lone, story = index.story(alone), index.story(near)
            story.joined += score
            story.joins += 1
            _take(index, story, lone.centroid, lone.first_day)
            index.remove(alone)
            story_of[doc] = near
    return story_of


def _take(index: StoryIndex, story: Story, vector: Mapping[str, float], day: date | None) -> None:
    """Add a document's vector (and date) to a story, and keep the story's new state in the index."""
    squares = story.norm**2
    added = {}
    for t, w in vector.items():
        old = story.centroid.get(t, 0.0)
        story.centroid[t] = added[t] = old + w
        squares += (old + w) ** 2 - old**2
    story.norm = math.sqrt(max(squares, 0.0))
    if day:
        story.first_day = min(story.first_day or day, day)
        story.last_day = max(story.last_day or day, day)
    index.save(story, added)


@dataclass
class MemoryStoryIndex:
    """Stories held in this process (one run's linking)."""

    stories: dict[str, Story] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)  # story -> creation rank (ties go to the older story)
    stories_of_term: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))  # ordered sets

    def candidates(self, terms: list[str]) -> list[str]:
        shared: Counter[str] = Counter()
        for term in lookup_terms({t: len(self.stories_of_term.get(t, ())) for t in terms}):
            shared.update(self.stories_of_term[term].keys())
        order = self.order
        ranked = heapq.nsmallest(CANDIDATE_STORIES, shared.items(), key=lambda kv: (-kv[1], order[kv[0]]))
        return [story for story, _ in ranked]

    def story(self, story: str) -> Story:
        return self.stories[story]

    def save(self, story: Story, added: dict[str, float]) -> None:
        if story.story not in self.stories:
            self.stories[story.story] = story
            self.order[story.story] = len(self.order)
        for term in added:
            holders = self.stories_of_term[term]
            if len(holders) <= MAX_STORIES_PER_TERM:  # past that a word is only ever counted as too common
                holders[story.story] = None

    def remove(self, story: str) -> None:
        for term in self.stories.pop(story).centroid:
            self.stories_of_term[term].pop(story, None)
        del self.order[story]


def group_stories(
    documents: Sequence[DocumentInfo], texts: dict[str, list[str]], index: MemoryStoryIndex | None = None
) -> tuple[dict[str, str], Counter[str]]:
    """doc -> story id for every document, and the document frequency of each term (for later additions)."""
    bags = {d.doc: document_terms(d.title, texts.get(d.doc, [])) for d in documents}
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    total = len(bags)

    def vector_of(doc: str) -> dict[str, float]:
        return vectorize(bags.pop(doc), df, total)  # each bag is read once: freed as its document is placed

    return assign(documents, vector_of, index if index is not None else MemoryStoryIndex()), df


def story_groups(story_of: dict[str, str], crossing: Iterable[tuple[str, str]]) -> dict[str, str]:
    """story -> its group (the group's least story id): stories joined by a copy of one specific statement."""
    parent = {story: story for story in story_of.values()}

    def find(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    first: dict[str, str] = {}
    for key, doc in crossing:
        story = story_of.get(doc)
        if story is None:
            continue
        other = first.setdefault(key, story)
        a, b = find(other), find(story)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {story: find(story) for story in parent}
