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
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .records import Claim, Cluster, ClusterMember, DocumentInfo, Figure, cluster_order
from .similarity import Profile, features, inverse_document_frequency, pair_model, profile, stem

MAX_KEYS_PER_ITEM = 6  # rarest stems used as blocking keys
MAX_POSTING = 16  # a key shared by more statements than this is too common to block on
VERBATIM_RATIO = 0.9
_NAMED = {"person", "organization", "government", "media"}


@dataclass
class Linking:
    """The result of linking: clusters, and each claim's and figure's cluster id."""

    clusters: list[Cluster]
    cluster_of: dict[str, str]  # claim_id / figure_id -> cluster_id


@dataclass
class _Item:
    item_id: str
    kind: str
    doc: str
    text: str
    context: Profile
    own: Profile
    speaker: str
    speaker_type: str
    cue: str
    claim_kind: str
    start: int
    end: int
    value: float | None = None
    hedge: str = ""
    heads: frozenset[str] = frozenset()  # stems of the counted nouns ("countries and regions")
    attributed: bool = False
    figures: tuple[tuple[float, str], ...] = ()


# ---------------------------------------------------------------- entry point


def link(claims: Sequence[Claim], figures: Sequence[Figure], documents: Iterable[DocumentInfo]) -> Linking:
    """Cluster claims with claims and figures with figures across documents."""
    # Linking allocates many small, acyclic objects; the cyclic collector would rescan
    # them all again and again (cost growing with the corpus), so it is paused here.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _link(claims, figures, documents)
    finally:
        if enabled:
            gc.enable()


def _link(claims: Sequence[Claim], figures: Sequence[Figure], documents: Iterable[DocumentInfo]) -> Linking:
    docs = {d.doc: d for d in documents}
    figures_by_claim: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.claim_id:
            figures_by_claim[f.claim_id].append(f)
    claim_items = [_claim_item(c, figures_by_claim.get(c.claim_id, [])) for c in claims]
    figure_items = [_figure_item(f) for f in figures]
    clusters: list[Cluster] = []
    cluster_of: dict[str, str] = {}
    for kind, items in (("claim", claim_items), ("figure", figure_items)):
        idf = inverse_document_frequency(i.own for i in items)
        pairs = _claim_pairs(items, idf) if kind == "claim" else _figure_pairs(items, idf)
        for group in _merge(items, pairs):
            cluster = _describe(kind, group, docs)
            clusters.append(cluster)
            for item in group:
                cluster_of[item.item_id] = cluster.cluster_id
    clusters.sort(key=cluster_order)
    return Linking(clusters, cluster_of)


def _claim_item(c: Claim, figures: list[Figure]) -> _Item:
    own = profile(c.text)
    return _Item(
        item_id=c.claim_id,
        kind="claim",
        doc=c.doc,
        text=c.text,
        context=own,
        own=own,
        speaker=c.speaker_name,
        speaker_type=c.speaker_type,
        cue=c.cue,
        claim_kind=c.kind,
        start=c.start,
        end=c.end,
        attributed=True,
        figures=tuple(sorted((float(f.value), f.hedge) for f in figures)),
    )


def _figure_item(f: Figure) -> _Item:
    sentence = f.sentence or f.text
    heads = frozenset(stem(w) for w in re.findall(r"[^\W\d_]+", f.object) if w.lower() not in ("and", "or", "of"))
    return _Item(
        item_id=f.figure_id,
        kind="figure",
        doc=f.doc,
        text=f.text,
        context=profile(sentence),
        own=profile(sentence),
        speaker=f.attributed_to,
        speaker_type="",
        cue="",
        claim_kind="",
        start=f.start,
        end=f.end,
        value=float(f.value),
        hedge=f.hedge,
        heads=heads,
        attributed=bool(f.attributed_to),
    )


# ---------------------------------------------------------------- candidates and scores


def _blocking_pairs(items: list[_Item], keys_of: list[set[str]], min_shared: int = 2) -> set[tuple[int, int]]:
    """Pairs of items from different documents that share blocking keys.

    An item with few keys needs one shared key, others `min_shared`; keys held
    by more than MAX_POSTING items are skipped. The work is the sum of squared
    posting lengths, bounded by MAX_POSTING, so it grows linearly with the corpus.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for n, keys in enumerate(keys_of):
        for key in keys:
            postings[key].append(n)
    doc_index: dict[str, int] = {}
    doc_of = [doc_index.setdefault(item.doc, len(doc_index)) for item in items]
    sizes = [len(keys) for keys in keys_of]
    # each item's usable posting lists, found once: the inner loop then touches only small int lists
    usable = {key: members for key, members in postings.items() if 1 < len(members) <= MAX_POSTING}
    pairs: set[tuple[int, int]] = set()
    for a, keys in enumerate(keys_of):
        lists = [usable[key] for key in keys if key in usable]
        if not lists:
            continue
        counts: dict[int, int] = {}
        doc_a = doc_of[a]
        for members in lists:
            for b in members:
                if b > a and doc_of[b] != doc_a:
                    counts[b] = counts.get(b, 0) + 1
        need_a = min(min_shared, sizes[a])
        for b, count in counts.items():
            if count >= need_a or count >= sizes[b]:
                pairs.add((a, b))
    return pairs


def _rare_keys(items: list[_Item], idf: dict[str, float]) -> list[set[str]]:
    """Blocking keys of each item: its rarest stems, and its rarest pairs of adjacent stems.

    Stem pairs are far rarer than single stems, so their posting lists stay
    short as the corpus grows, while copies and close paraphrases still share them.
    """
    out = []
    for item in items:
        rare = sorted(item.own.stems, key=lambda s: (-idf.get(s, 0.0), s))[:MAX_KEYS_PER_ITEM]
        keys = {"w:" + s for s in rare if len(s) > 2}
        chosen = set(rare)
        keys.update(
            sorted("b:" + a + " " + b for a, b in item.own.bigrams if a in chosen or b in chosen)[:MAX_KEYS_PER_ITEM]
        )
        out.append(keys)
    return out


def _claim_pairs(items: list[_Item], idf: dict[str, float]) -> list[tuple[float, int, int]]:
    model = pair_model()
    scored = []
    for a, b in _blocking_pairs(items, _rare_keys(items, idf)):
        x, y = items[a].own, items[b].own
        vector = features(x, y, idf)
        p = model.probability(vector)
        if p >= model.threshold:
            scored.append((p, a, b))
        elif vector[1] >= 0.99 and min(len(x.stems), len(y.stems)) >= 3:
            scored.append((0.5 * p + 0.25, a, b))  # one version contains the other: "partial"
    return scored


def _figure_pairs(items: list[_Item], idf: dict[str, float]) -> list[tuple[float, int, int]]:
    keys = _rare_keys(items, idf)
    for item, k in zip(items, keys):
        k.update("h:" + h for h in item.heads)
        if item.value is not None:
            k.add(f"v:{item.value:g}")
    model = pair_model()
    scored = []
    for a, b in _blocking_pairs(items, keys, min_shared=1):
        x, y = items[a], items[b]
        if x.value is None or y.value is None:
            continue
        same_value = x.value == y.value
        close = same_value or (x.value and y.value and abs(x.value - y.value) / max(abs(x.value), abs(y.value)) <= 0.1)
        if not close:
            continue
        shared = x.context.stems & y.context.stems - {stem(w) for w in re.findall(r"\w+", f"{x.value:g}")}
        context = model.probability(features(x.context, y.context, idf))
        same_head = bool(x.heads & y.heads)
        if same_value and same_head and (len(shared) >= 1 or context >= 0.3):
            score = 1.0 + context
        elif same_value and abs(x.value) >= 10 and len(shared) >= 2:
            score = 0.8 + context  # "190 countries" ~ "190 members": same count of the same body
        elif same_value and len(shared) >= 2 and (context >= 0.2 or abs(x.value) < 1):
            score = 0.6 + context  # "almost half have come back" ~ "half have been brought back"
        elif not same_value and same_head and len(shared) >= 2:
            score = 0.5 + context  # 156 vs 158 countries gathering: the same figure, changed
        else:
            continue
        scored.append((score, a, b))
    return scored


def _merge(items: list[_Item], pairs: list[tuple[float, int, int]]) -> list[list[_Item]]:
    """Merge best pairs first; a cluster never holds two statements of one document."""
    parent = list(range(len(items)))
    docs: dict[int, set[str]] = {i: {item.doc} for i, item in enumerate(items)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ra, rb = find(a), find(b)
        if ra == rb or docs[ra] & docs[rb]:
            continue
        parent[rb] = ra
        docs[ra] |= docs.pop(rb)
    groups: dict[int, list[_Item]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[find(i)].append(item)
    return list(groups.values())


# ---------------------------------------------------------------- origin, relation, flags


def _choose_origin(group: list[_Item], docs: dict[str, DocumentInfo]) -> list[_Item]:
    """The group ordered origin first.

    Earliest `published` when every member is dated; otherwise an agency's
    version that another member reproduces verbatim (wire copy comes first);
    otherwise dated before undated, agencies before others, then by name.
    """

    def published(i: _Item) -> str:
        d = docs.get(i.doc)
        return (d.published or "") if d else ""

    def agency(i: _Item) -> bool:
        d = docs.get(i.doc)
        return bool(d and d.agency)

    fallback = sorted(group, key=lambda i: (not published(i), published(i), not agency(i), i.doc, i.start))
    if all(published(i) for i in group):
        return fallback
    for candidate in fallback:
        if agency(candidate) and any(
            _relation(candidate, other) == "verbatim" for other in group if other is not candidate
        ):
            return [candidate] + [i for i in fallback if i is not candidate]
    return fallback


def _describe(kind: str, group: list[_Item], docs: dict[str, DocumentInfo]) -> Cluster:
    group = _choose_origin(group, docs)
    origin = group[0]
    cluster_id = "k-" + hashlib.blake2s(origin.item_id.encode(), digest_size=4).hexdigest()
    cluster = Cluster(cluster_id, kind, item_ids=[i.item_id for i in group])
    for item in group:
        relation = "origin" if item is origin else _relation(origin, item)
        flags = [] if item is origin else _flags(origin, item)
        d = docs.get(item.doc)
        cluster.members.append(
            ClusterMember(
                cluster=cluster_id,
                role="origin" if item is origin else "member",
                doc=item.doc,
                outlet=(d.outlet or "") if d else "",
                published=(d.published or "") if d else "",
                relation=relation,
                flags=";".join(flags),
                speaker_name=item.speaker,
                cue=item.cue,
                text=item.text,
                start=item.start,
                end=item.end,
                context=item.context.text,
            )
        )
    return cluster


def _relation(origin: _Item, item: _Item) -> str:
    a, b = origin.own, item.own
    if a.squashed == b.squashed or features(a, b)[7] >= VERBATIM_RATIO:
        return "verbatim"
    small, large = sorted((len(a.stems), len(b.stems)))
    inter = len(a.stems & b.stems)
    if small and inter / small >= 0.8 and small / large <= 0.7:
        return "partial"
    return "paraphrase"


def names_agree(a: str, b: str) -> bool:
    """Whether two speaker names can be the same source ("Xi" ~ "Xi Jinping")."""
    ta = {w for w in re.findall(r"\w+", a.lower()) if w != "s"}
    tb = {w for w in re.findall(r"\w+", b.lower()) if w != "s"}
    return bool(ta and tb) and (ta <= tb or tb <= ta)


def _flags(origin: _Item, item: _Item) -> list[str]:
    flags = []
    if origin.kind == "figure":
        if origin.value != item.value or origin.hedge != item.hedge:
            flags.append("figure_changed")
    elif origin.figures and item.figures and origin.figures != item.figures:
        flags.append("figure_changed")
    if origin.attributed and not item.attributed:
        flags.append("attribution_dropped")
    if (
        origin.kind == "claim"
        and origin.claim_kind == "direct"
        and item.claim_kind == "direct"
        and origin.own.squashed != item.own.squashed
    ):
        flags.append("quote_altered")
    if (
        origin.speaker
        and item.speaker
        and origin.speaker_type in _NAMED
        and item.speaker_type in _NAMED
        and not names_agree(origin.speaker, item.speaker)
    ):
        flags.append("speaker_changed")
    return flags
