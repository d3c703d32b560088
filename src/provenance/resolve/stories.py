"""Stories: documents grouped by the event they report, as a newsroom would.

Each document is a vector of its most telling words (tf-idf over the documents, from
its title and every claim, statement and figure sentence it holds: the people,
places and wording of its event). Stories are found by average linkage: from one
story per document, the two stories whose documents are most alike on average (the
mean cosine over every pair of their documents: the dot product of their summed
vectors over the product of their sizes) are joined, again and again, while that mean
reaches STORY_SIMILARITY. Dates do not part stories: an event's reports run on for weeks or
years (a trial, an anniversary), and on ECB+ dev any window parted only reports of one event.
The mean over all pairs keeps two incidents of one kind apart (two quakes, two title
fights of one boxer): their documents share the kind's words but not their people and
places, so however like one report is to one of the other incident, the two stories'
mean stays low. The closest pair is always joined first (ties by id), so the same
documents give the same stories in whatever order they come; a story's id is a hash of
its first document (dated ones by date, then by name), so it stays put as documents
are added.

The stories found so far live in a `StoryIndex`: in memory for one run, or in the
store, so that `add` groups new documents (among themselves and with the stories they
find) without reading the archive again; two stories found before are never joined.
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
from operator import itemgetter, mul
from typing import Protocol

from ..records import DocumentInfo
from ..settings import STORY_SIMILARITY, STORY_TERMS
from ..similarity import stem, stopwords

_WORD = re.compile(r"[^\W\d_]{3,}")
# capitalized, not opening a sentence (the capital is looked for first: most positions fail there at once)
_NAME = re.compile(r"(?=[A-Z])(?<![.!?\"“‘'(]\s)(?<![\"“‘'(])(?<!^)\b([A-Z][^\W\d_]{2,})")
MAX_STORIES_PER_TERM = 64  # a word found in more stories than this says nothing about which one
CANDIDATE_TERMS = 20  # a document looks for its story through its most telling words
CANDIDATE_POSTINGS = 128  # reading the rarest of them first, until this many (story, word) entries are read
CANDIDATE_STORIES = 8  # and compares itself with the stories sharing most of them
# the stories of one run found the same way, fewer at a time: a story looks again each time it grows (ECB+ dev
# stories 0.895 with 4, 0.894 with 8, leave-one-topic-out 0.883 both; 15,000 synthetic documents 21 s, 30 s)
PARTNERS_LOOKED_UP = 4


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


def most_shared(
    holders_of: Mapping[str, Mapping[str, None]], terms: list[str], limit: int, asking: str | None = None
) -> list[str]:
    """The stories sharing most of these terms, read rarest first (`lookup_terms`), at most `limit`, ties by id;
    `asking`, the story that looks, is neither counted as a holder nor returned."""
    shared: Counter[str] = Counter()
    counts = {t: len(held) - (asking in held) for t in terms for held in [holders_of.get(t, {})]}
    for term in lookup_terms(counts):
        shared.update(holders_of[term].keys())
    shared.pop(asking or "", None)
    ranked = heapq.nsmallest(limit, shared.items(), key=lambda kv: (-kv[1], kv[0]))
    return [story for story, _ in ranked]


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
    """Dated documents by date, then undated ones, each by name: a story is named after the first."""
    return sorted(documents, key=lambda d: (not day_of(d.published), d.published, d.doc))


@dataclass
class Story:
    """A story as the index keeps it: the sum of its documents' vectors, and how many documents it has."""

    story: str
    centroid: dict[str, float]
    documents: int = 1

    def closeness(self, other: Story) -> float:
        """The mean cosine between a document of this story and one of the other (vectors are unit length)."""
        small, large = (self.centroid, other.centroid)
        if len(small) > len(large):
            small, large = large, small
        # the dot product in C, summed in the smaller vector's fixed order
        return sum(map(mul, small.values(), map(large.get, small, repeat(0.0)))) / (self.documents * other.documents)

    def top_terms(self) -> list[str]:
        """The CANDIDATE_TERMS heaviest terms (ties by the order they came in): what the story is looked up by."""
        return [t for t, _ in heapq.nlargest(CANDIDATE_TERMS, self.centroid.items(), key=itemgetter(1))]


class StoryIndex(Protocol):
    """The stories found so far, wherever they are kept."""

    def candidates(self, terms: list[str]) -> list[str]:
        """Ids of the stories that share most of these terms, at most CANDIDATE_STORIES, best first."""
        ...

    def story(self, story: str) -> Story: ...

    def save(self, story: Story, added: dict[str, float]) -> None:
        """Keep a story's new state; `added` holds the terms whose weight changed."""
        ...


class _Postings:
    """The stories of one run by the terms they hold (a term past MAX_STORIES_PER_TERM holders is only ever
    counted as too common, as in `MemoryStoryIndex`)."""

    def __init__(self) -> None:
        self.holders: dict[str, dict[str, None]] = defaultdict(dict)  # ordered sets
        self.thinned: set[str] = set()  # terms held by fewer stories since `thinned` was last emptied

    def put(self, story: str, terms: Iterable[str]) -> None:
        for term in terms:
            holders = self.holders[term]
            if len(holders) <= MAX_STORIES_PER_TERM:
                holders[story] = None

    def rename(self, old: str, new: str, terms: Iterable[str]) -> None:
        """A story joined another: its terms are held by the other now."""
        for term in terms:
            holders = self.holders[term]
            held = len(holders)
            holders.pop(old, None)
            if len(holders) <= MAX_STORIES_PER_TERM:
                holders[new] = None
            if len(holders) < held:
                self.thinned.add(term)

    def candidates(self, story: Story, terms: list[str]) -> list[str]:
        """The other stories sharing most of these rarest top terms of a story, at most PARTNERS_LOOKED_UP (ties by
        id)."""
        return most_shared(self.holders, terms, PARTNERS_LOOKED_UP, story.story)


def assign(
    documents: Sequence[DocumentInfo], vector_of: Callable[[str], dict[str, float]], index: StoryIndex
) -> dict[str, str]:
    """doc -> story id for `documents`, grouped by average linkage among themselves and with the stories of `index`
    they find (which gain them and are saved back; new stories are saved too). `vector_of(doc)` gives a
    document's vector (`vectorize`).

    Each story looks for partners among the stories sharing its rarest top terms, in this run and in the index;
    the pairs found wait in a heap, closest first. An entry outlives the join of either story: it then stands for
    the stories they joined, its closeness a bound (a joined story's closeness to another is the weighted mean of
    its parts'), worked out when it comes to the top of the heap. So a join costs no work for every partner of a
    large story. A story looks for new partners again once the heap is empty, as do the documents still alone,
    whose words may have been held by too many stories to find any before (see `lookup_terms`)."""
    ordered = canonical(documents)
    live: dict[str, Story] = {}  # the stories of this run: new ones and the stored ones they found
    members: dict[str, list[str]] = {}  # story -> its documents of this run
    first: dict[str, int] = {}  # story -> canonical rank of its first document (stored ones: -1, they keep their id)
    stored: set[str] = set()  # ids of the index's stories among `live` (never joined to each other)
    grown: dict[str, set[str]] = defaultdict(set)  # stored story -> the terms its new documents changed
    joined_to: dict[str, str] = {}  # a story that joined another -> that one
    version: Counter[str] = Counter()
    scored: dict[tuple[str, str], tuple[int, int]] = {}  # pair -> the versions its exact closeness was pushed at
    postings = _Postings()
    top_terms: dict[str, list[str]] = {}  # story -> its lookup terms, until it grows
    heap: list[tuple[float, str, str, int, int]] = []  # (-closeness, story, story, the versions it was worked out at)

    def current(story: str) -> str:
        root = story
        while root in joined_to:
            root = joined_to[root]
        while story != root:  # shorten the path for the next time
            joined_to[story], story = root, joined_to[story]
        return root

    def score(a: str, b: str) -> None:
        """Push the exact closeness of two live stories, once per pair of versions."""
        low, high = (a, b) if a < b else (b, a)
        versions = (version[low], version[high])
        if scored.get((low, high)) == versions or (low in stored and high in stored):
            return
        scored[low, high] = versions
        closeness = live[low].closeness(live[high])
        if closeness >= STORY_SIMILARITY:
            heapq.heappush(heap, (-closeness, low, high, *versions))

    def look(story: Story) -> None:
        """Offer the pairs a story finds, in this run and in the index."""
        terms = top_terms.get(story.story) or top_terms.setdefault(story.story, story.top_terms())
        found = [] if story.story in stored else index.candidates(terms)
        for name in found:
            if name not in live:
                live[name], members[name], first[name] = index.story(name), [], -1
                stored.add(name)
        for other in [*found, *postings.candidates(story, terms)]:
            score(story.story, other)

    for rank, d in enumerate(ordered):
        story = Story(story_id(d.doc), dict(vector_of(d.doc)))
        live[story.story], members[story.story], first[story.story] = story, [d.doc], rank
        postings.put(story.story, story.centroid)
    looking = sorted(live)
    while looking:
        for name in looking:
            look(live[name])
        joined: set[str] = set()
        while heap:
            _, a, b, version_a, version_b = heapq.heappop(heap)
            if (current(a), current(b)) != (a, b) or (version[a], version[b]) != (version_a, version_b):
                a, b = current(a), current(b)  # a bound, for the stories its pair has joined
                if a != b:
                    score(a, b)
                continue
            keep, gone = (a, b) if a in stored or (b not in stored and first[a] < first[b]) else (b, a)
            joining = live.pop(gone)
            _join(live[keep], joining)
            if keep in stored:
                grown[keep].update(joining.centroid)
            first[keep] = min(first[keep], first.pop(gone))
            members[keep] += members.pop(gone)
            version[keep] += 1
            joined_to[gone] = keep
            postings.rename(gone, keep, joining.centroid)
            top_terms.pop(keep, None)
            top_terms.pop(gone, None)
            joined.add(keep)
        # a story that grew looks again; a document still alone does when words it looks up are held by fewer
        thinned, postings.thinned = postings.thinned, set()
        looking = sorted(
            name
            for name, story in live.items()
            if name in joined
            or story.documents == 1
            and name not in stored
            and not thinned.isdisjoint(top_terms.get(name) or story.top_terms())
        )
        if not joined:
            break
    story_of: dict[str, str] = {}
    for name, docs in members.items():
        if not docs:
            continue  # a stored story that gained nothing
        saved = live[name]
        index.save(saved, {t: saved.centroid[t] for t in grown[name]} if name in stored else dict(saved.centroid))
        story_of.update(dict.fromkeys(docs, name))
    return story_of


def _join(story: Story, other: Story) -> None:
    """Add another story's documents (their summed vector and count) to a story."""
    centroid = story.centroid
    for t, w in other.centroid.items():
        centroid[t] = centroid.get(t, 0.0) + w
    story.documents += other.documents


@dataclass
class MemoryStoryIndex:
    """Stories held in this process (one run's linking)."""

    stories: dict[str, Story] = field(default_factory=dict)
    stories_of_term: dict[str, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))  # ordered sets

    def candidates(self, terms: list[str]) -> list[str]:
        return most_shared(self.stories_of_term, terms, CANDIDATE_STORIES)

    def story(self, story: str) -> Story:
        return self.stories[story]

    def save(self, story: Story, added: dict[str, float]) -> None:
        self.stories[story.story] = story
        for term in added:
            holders = self.stories_of_term[term]
            if len(holders) <= MAX_STORIES_PER_TERM:  # past that a word is only ever counted as too common
                holders[story.story] = None


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
        return vectorize(bags.pop(doc), df, total)  # each bag is read once: freed as its vector is made

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
