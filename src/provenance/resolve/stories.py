"""Stories: documents grouped by the event they report, as a newsroom would.

Each document is a vector of its most telling words (tf-idf over the documents, from
its title and every claim, statement and figure sentence it holds: the people,
places and wording of its event). Documents are taken in canonical order (dated ones
by date, then by name) and each joins the story whose combined vector it is most
like, when that similarity reaches STORY_SIMILARITY and its date (when both have
one) falls within STORY_DAYS of the story's; otherwise it starts a story. The same
documents give the same stories in any input order; a story's id is a hash of its
first document, so it stays put as documents are added.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from ..records import DocumentInfo
from ..settings import STORY_DAYS, STORY_SIMILARITY, STORY_TERMS
from ..similarity import stem, stopwords

_WORD = re.compile(r"[^\W\d_]{3,}")
MAX_STORIES_PER_TERM = 64  # a word found in more stories than this says nothing about which one
CANDIDATE_TERMS = 20  # a document looks for its story through its most telling words
CANDIDATE_STORIES = 8  # and compares itself with the stories sharing most of them


def story_id(first_doc: str) -> str:
    return "st-" + hashlib.blake2s(first_doc.encode(), digest_size=4).hexdigest()


def _terms(texts: Iterable[str]) -> Counter[str]:
    stop = stopwords()
    counts: Counter[str] = Counter()
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if word not in stop:
                counts[stem(word)] += 1
    return counts


def _day(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def group_stories(documents: Sequence[DocumentInfo], texts: dict[str, list[str]]) -> dict[str, str]:
    """doc -> story id for every document."""
    bags = {d.doc: _terms([d.title or "", *texts.get(d.doc, [])]) for d in documents}
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    n = len(bags)
    vectors: dict[str, dict[str, float]] = {}
    for doc, bag in bags.items():
        weights = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in bag.items()}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_TERMS]
        norm = math.sqrt(math.fsum(w * w for _, w in top)) or 1.0
        vectors[doc] = {t: w / norm for t, w in top}

    ordered = sorted(documents, key=lambda d: (not _day(d.published), d.published, d.doc))
    centroids: list[dict[str, float]] = []
    norms: list[float] = []
    spans: list[tuple[date | None, date | None]] = []
    firsts: list[str] = []
    stories_of_term: dict[str, list[int]] = defaultdict(list)
    story_of: dict[str, str] = {}
    for d in ordered:
        vector = vectors[d.doc]
        day = _day(d.published)
        # candidate stories: those sharing the document's most telling words, most shared first
        shared: Counter[int] = Counter()
        for term in list(vector)[:CANDIDATE_TERMS]:
            holders = stories_of_term.get(term, [])
            if len(holders) <= MAX_STORIES_PER_TERM:
                shared.update(holders)
        best, best_score = -1, 0.0
        for s, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATE_STORIES]:
            first, last = spans[s]
            if (
                day
                and first
                and last
                and not (first.toordinal() - STORY_DAYS <= day.toordinal() <= last.toordinal() + STORY_DAYS)
            ):
                continue
            centroid = centroids[s]
            score = math.fsum(w * centroid.get(t, 0.0) for t, w in vector.items()) / (norms[s] or 1.0)
            if score > best_score or score == best_score and best >= 0 and s < best:
                best, best_score = s, score
        if best < 0 or best_score < STORY_SIMILARITY:
            best = len(centroids)
            centroids.append({})
            norms.append(0.0)
            spans.append((day, day))
            firsts.append(d.doc)
        centroid = centroids[best]
        squares = norms[best] ** 2
        for t, w in vector.items():
            old = centroid.get(t)
            if old is None:
                stories_of_term[t].append(best)
                old = 0.0
            centroid[t] = old + w
            squares += (old + w) ** 2 - old**2
        norms[best] = math.sqrt(max(squares, 0.0))
        first, last = spans[best]
        if day:
            spans[best] = (min(first or day, day), max(last or day, day))
        story_of[d.doc] = story_id(firsts[best])
    return story_of
