"""Candidate pairs and their scores.

Exact copies (the same normalized statement in several documents) are joined to one
representative without any pairwise scoring, so a statement carried by 10,000
outlets costs 10,000 edges. Only the representatives, one per distinct wording, go
through blocking on rare stems, stem pairs, names and figure values, then the pair model.
A blocking key held by more than MAX_POSTING statements is not dropped: each holder
is compared with the key's first POPULAR_KEY_READERS holders, so the work stays
linear and no popular statement is left out. Two versions already joined by a sure
pair (SURE_PAIR) are not scored against each other again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..settings import (
    BLOCKING_KEYS_PER_STATEMENT,
    CLUSTER_READS,
    CROSS_STORY_MIN_STEMS,
    FIGURE_DRIFT_CLAIM,
    MAX_POSTING,
    POPULAR_KEY_READERS,
    SAME_NAMES_MARGIN,
    WITHIN_STORY_MARGIN,
)
from ..similarity import FEATURES, features, near_verbatim, pair_model, squash, stem, stopwords
from .clusters import Joiner, values_close
from .items import Item, foreign_names

SPECIFIC_VALUE = 100  # a shared value this large is rarely a coincidence
COPY_SCORE = 3.0  # above every model score: exact copies merge first
SURE_PAIR = 0.8  # pairs this sure merge before any doubt: versions they join need no more scoring
MIN_COPY_STEMS = 4  # shorter statements ("the building is a total loss") are too generic to join on wording alone


def copy_pairs(items: list[Item], keys: list[str | None]) -> tuple[list[tuple[float, int, int]], list[int]]:
    """Edges joining each exact copy to its wording's representative, and the representatives.

    `keys[i]` is item i's normalized wording (None: never joined as a copy). Items are in
    canonical order, so the representative (the first holder) does not depend on input order.
    """
    first: dict[str, int] = {}
    edges: list[tuple[float, int, int]] = []
    representatives: list[int] = []
    for i, key in enumerate(keys):
        if key is None:
            representatives.append(i)
            continue
        rep = first.setdefault(key, i)
        if rep == i:
            representatives.append(i)
        elif items[rep].doc != items[i].doc:
            edges.append((COPY_SCORE, rep, i))
    return edges, representatives


def blocking_pairs(items: list[Item], keys_of: list[set[str]], min_shared: int = 2) -> Iterator[tuple[int, int]]:
    """Pairs (a, b), a < b, of items from different documents that share blocking keys, in order.

    An item with few keys needs one shared key, others `min_shared`. A key held by
    more than MAX_POSTING items pairs each holder with its first POPULAR_KEY_READERS
    holders only, so the work per key is linear in its holders and none is skipped.
    Each pair is found once, from its first item, so they are yielded as found: millions
    of pairs are never held (or sorted) at once.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for n, keys in enumerate(keys_of):
        for key in keys:
            postings[key].append(n)
    doc_index: dict[str, int] = {}
    doc_of = [doc_index.setdefault(item.doc, len(doc_index)) for item in items]
    sizes = [len(keys) for keys in keys_of]
    # a long list is read only by its representatives (its first holders, which come first in
    # item order, so each of them meets every later holder): a pair is counted once, from its first item
    usable = {key: members for key, members in postings.items() if len(members) > 1}
    representatives = {
        key: set(members[:POPULAR_KEY_READERS]) for key, members in usable.items() if len(members) > MAX_POSTING
    }
    for a, keys in enumerate(keys_of):
        lists = [
            usable[key] for key in keys if key in usable and (key not in representatives or a in representatives[key])
        ]
        if not lists:
            continue
        counts: dict[int, int] = {}
        doc_a = doc_of[a]
        for members in lists:
            for b in members:
                if b > a and doc_of[b] != doc_a:
                    counts[b] = counts.get(b, 0) + 1
        need_a = min(min_shared, sizes[a])
        for b in sorted(b for b, count in counts.items() if count >= need_a or count >= sizes[b]):
            yield a, b


def rare_keys(items: list[Item], idf: dict[str, float]) -> list[set[str]]:
    """Blocking keys of each item: its rarest stems, and its rarest pairs of adjacent stems.

    Stem pairs are far rarer than single stems, so their posting lists stay
    short as the corpus grows, while copies and close paraphrases still share them.
    """
    out = []
    for item in items:
        rare = sorted(item.own.stems, key=lambda s: (-idf.get(s, 0.0), s))[:BLOCKING_KEYS_PER_STATEMENT]
        keys = {"w:" + s for s in rare if len(s) > 2}
        chosen = set(rare)
        keys.update(
            sorted("b:" + pair for pair in item.own.bigrams if not chosen.isdisjoint(pair.split(" ")))[
                :BLOCKING_KEYS_PER_STATEMENT
            ]
        )
        out.append(keys)
    return out


def _specific(item: Item) -> bool:
    """Long enough to be one statement only, not a phrase any story may hold."""
    return len(item.own.stems) >= CROSS_STORY_MIN_STEMS


def _crosses_ok(x: Item, y: Item) -> bool:
    """Statements of two stories link only when near-verbatim and specific (a long quote, a full sentence)."""
    return x.story == y.story or (_specific(x) and _specific(y) and near_verbatim(x.own, y.own))


def _copy_key(item: Item) -> str | None:
    """An exact copy's key: its wording (within its story, unless specific enough to cross stories)."""
    if len(item.own.stems) < MIN_COPY_STEMS:
        return None
    key = crossing_key(item) or f"{item.story}|{item.own.squashed}"
    return key + "|undone" if item.undoes else key  # "withdrew" + the words of the offer is no copy of it


def crossing_key(item: Item) -> str | None:
    """The wording by which a claim or statement joins its copies in other stories; None when it is linked
    inside its own story only. Nothing else links across stories (blocking keys and figure keys carry
    the story), which is what lets a corpus be linked in parts (`resolve.parts`)."""
    return crossing_wording(item.own.stems, item.own.text, item.own.squashed)


def crossing_wording(stems: frozenset[str], text: str, squashed: str | None = None) -> str | None:
    """`crossing_key` of a statement with these content stems and this text (`squashed`: its `squash`, when
    already known: linking asks for it twice per statement)."""
    if len(stems) < max(MIN_COPY_STEMS, CROSS_STORY_MIN_STEMS):
        return None
    return squashed if squashed is not None else squash(text)


def _margin(x: Item, y: Item) -> float:
    """How far below the pair model's threshold two versions may score and still be one statement.

    One story's outlets report one event: a looser paraphrase is still the same statement there
    (WITHIN_STORY_MARGIN), the more so when both name the same two people, places or figures
    ("A 4.8 magnitude quake hit Millbrook" / "An earthquake of magnitude 4.8 shook Millbrook"): the
    words the pair model was fitted on differ, the facts they name do not. Across stories, no margin."""
    if x.story != y.story:
        return 0.0
    shared = len(x.own.names & y.own.names) + len(x.own.numbers & y.own.numbers)
    return WITHIN_STORY_MARGIN + (SAME_NAMES_MARGIN if shared >= 2 else 0.0)


def claim_pairs(items: list[Item], idf: dict[str, float]) -> list[tuple[float, int, int]]:
    """Copies joined to their representative; representatives paired by blocking and the pair model."""
    model = pair_model()
    copies, reps = copy_pairs(items, [_copy_key(i) for i in items])
    scored = copies
    distinct = [items[i] for i in reps]
    # paraphrases are looked for inside a story (across stories only copies link, above)
    # the figures and names a statement holds are keys too: "a 4.8 magnitude quake hit" and "a quake of
    # magnitude 4.8 shook" share one rare word and their figure; "Greta Vandermolen retired from the Millbrook
    # crossing" and "Vandermolen stepped down from the Millbrook route" share only the names
    keys = [
        {f"{item.story}|{key}" for key in k | {"n:" + n for n in item.own.numbers} | {"m:" + n for n in item.own.names}}
        for item, k in zip(distinct, rare_keys(distinct, idf))
    ]
    # pairs are scored in order, each kept one joined as merging would join it: versions already joined
    # are not scored against each other (a statement rewritten by thousands of outlets has its versions
    # paired with the same first holders of its keys), so scoring stays linear in the versions
    docs_of: list[set[str]] = [{item.doc} for item in distinct]
    rep_index = {rep: n for n, rep in enumerate(reps)}
    for _, rep, copy in copies:
        docs_of[rep_index[rep]].add(items[copy].doc)
    joiner = Joiner(distinct, docs_of)
    met: Counter[tuple[int, int]] = Counter()  # (version, cluster of several) -> members of it scored with it
    for ra, rb in blocking_pairs(distinct, keys):
        root_a, root_b = joiner.find(ra), joiner.find(rb)
        if root_a == root_b:
            continue
        # a rewrite of a statement carried by thousands meets its cluster through a few members, not
        # through every holder of its keys: scoring stays linear in the versions however large the cluster
        met_a, met_b = (ra, root_b), (rb, root_a)
        if met[met_a] >= CLUSTER_READS or met[met_b] >= CLUSTER_READS:
            continue
        if len(joiner.docs[root_b]) > 1:  # only clusters of several documents are met again
            met[met_a] += 1
        if len(joiner.docs[root_a]) > 1:
            met[met_b] += 1
        a, b = reps[ra], reps[rb]
        if not _crosses_ok(items[a], items[b]):
            continue
        x, y = items[a].own, items[b].own
        if items[a].undoes != items[b].undoes:
            continue  # "the club offered him four years" vs "the club withdrew its offer"
        if foreign_names(items[a], items[b]):
            continue  # "Okafor stopped Lindqvist" vs "Okafor stopped Marsh", each from its own fight's article
        vector = features(x, y, idf)
        p = model.probability(vector)
        if p < model.threshold - _margin(items[a], items[b]) and _figure_drifted(items[a], items[b]):
            p = model.probability(_as_if_same_numbers(vector))  # "About 300 residents were evacuated" / "Some 350"
        if p >= model.threshold - _margin(items[a], items[b]):
            scored.append((p, a, b))
            if p >= SURE_PAIR:
                joiner.join(ra, rb)
        elif vector[1] >= 0.99 and min(len(x.stems), len(y.stems)) >= 3:
            scored.append((0.5 * p + 0.25, a, b))  # one version contains the other: "partial"
    return scored


def _figure_drifted(x: Item, y: Item) -> bool:
    """Two versions in one story whose figures differ as an outlet's changed figure does: as many on each
    side, each within FIGURE_DRIFT_CLAIM of its counterpart, some not equal. The pair model was fitted on
    MSRP, where other numbers make another fact; inside one story they are the drift a reader is shown."""
    if x.story != y.story or not x.figures or len(x.figures) != len(y.figures):
        return False
    pairs = [sorted((a.value, b.value)) for a, b in zip(x.figures, y.figures)]
    return all(values_close(low, high, FIGURE_DRIFT_CLAIM) for low, high in pairs) and any(
        low != high for low, high in pairs
    )


_NUMBERS_EQUAL, _NUMBERS_DIFFER = FEATURES.index("numbers_equal"), FEATURES.index("numbers_differ")


def _as_if_same_numbers(vector: list[float]) -> list[float]:
    """The pair's features with its numbers taken as agreeing."""
    agreeing = list(vector)
    agreeing[_NUMBERS_EQUAL], agreeing[_NUMBERS_DIFFER] = 1.0, 0.0
    return agreeing


def _capitalized(text: str) -> set[str]:
    """The capitalized words of a sentence, its first included: the people, places and bodies it names.
    Unlike `Profile.names` (which leaves the first word out: any sentence starts with a capital), a figure's
    sentence often opens with the body it counts for ("Interpol eases the exchange ... 190 countries")."""
    stop = stopwords()
    return {w for w in re.findall(r"\b[A-Z][\w&.-]+", text) if w.lower() not in stop}


def figure_pairs(items: list[Item], idf: dict[str, float]) -> list[tuple[float, int, int]]:
    """Copies (same value and hedge in the same sentence) joined to their representative; the rest by rules."""
    copies, reps = copy_pairs(
        items,
        [
            f"{i.story}|{i.value:g}|{i.upper}|{i.hedge}|{i.own.squashed}"
            if i.value is not None and len(i.own.stems) >= MIN_COPY_STEMS
            else None
            for i in items
        ],
    )
    distinct = [items[i] for i in reps]
    keys = rare_keys(distinct, idf)
    for n, (item, k) in enumerate(zip(distinct, keys)):
        k.update("h:" + h for h in item.heads)
        if item.value is not None:
            k.add(f"v:{item.value:g}")
        keys[n] = {f"{item.story}|{key}" for key in k}  # figures are generic: they never cross stories
    model = pair_model()
    scored = copies
    named: dict[int, set[str]] = {}  # item -> its sentence's capitalized words, read once (a figure is in many pairs)

    def names_of(i: int) -> set[str]:
        if i not in named:
            named[i] = _capitalized(items[i].context.text)
        return named[i]

    for ra, rb in blocking_pairs(distinct, keys, min_shared=1):
        a, b = reps[ra], reps[rb]
        x, y = items[a], items[b]
        if x.value is None or y.value is None or foreign_names(x, y):
            continue
        same_value = x.value == y.value
        if not values_close(min(x.value, y.value), max(x.value, y.value)):
            continue
        shared = x.context.stems & y.context.stems - {stem(w) for w in re.findall(r"\w+", f"{x.value:g}")}
        context = model.probability(features(x.context, y.context, idf))
        same_head = bool(x.heads & y.heads)
        # "11 rounds" vs "11 shots" count other things; "190 countries" vs "190 members" is one count
        # named two ways: small whole numbers coincide by chance in a story, large or fractional ones rarely do
        specific = abs(x.value) >= SPECIFIC_VALUE or 0 < abs(x.value) < 1
        other_heads = bool(x.heads and y.heads and not same_head) and not specific
        bare = not (x.heads and y.heads) and not specific  # "12" beside "12 magazines": what it counts is unsaid
        # "$46 million to $55 million" is no changed "$48 million": another estimate, however alike the words
        ranged = x.upper is not None or y.upper is not None
        if same_value and same_head and (len(shared) >= 2 and context >= 0.15 or context >= 0.3):
            score = 1.0 + context
        elif (
            same_value
            and abs(x.value) >= 10
            and len(shared) >= 2
            and not other_heads
            and (context >= 0.15 or not bare)
            # sentences with little else in common must at least name one body, place or person both
            and (context >= 0.1 or not names_of(a).isdisjoint(names_of(b)))
        ):
            score = 0.8 + context  # "190 countries" ~ "190 members": same count of the same body (Interpol's)
        elif same_value and len(shared) >= 2 and (context >= 0.2 or abs(x.value) < 1) and not other_heads:
            score = 0.6 + context  # "almost half have come back" ~ "half have been brought back"
        elif not same_value and same_head and len(shared) >= 2 and (context >= 0.15 or specific and not ranged):
            score = 0.5 + context  # 156 vs 158 countries gathering: the same figure, changed
        else:
            continue
        scored.append((score, a, b))
    return scored
