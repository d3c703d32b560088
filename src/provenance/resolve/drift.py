"""Each cluster's origin, every member's relation to it, and how it drifted (the flags)."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass

from ..records import Cluster, ClusterMember, DocumentInfo
from ..similarity import near_verbatim, stem
from .items import Item

_DIFF_WORD = re.compile(r"\w+")

_NAMED = {"person", "organization", "government", "media"}


def choose_origin(group: list[Item], docs: dict[str, DocumentInfo], carried: dict[str, int]) -> list[Item]:
    """The group ordered origin first.

    Earliest `published` when every member is dated; otherwise an agency's
    version that another member reproduces verbatim (wire copy comes first);
    otherwise dated before undated, agencies before others, a document that does
    not call itself a republication before one that does (its credit line), then
    the document that carries the most shared statements (the fullest version:
    copies drop paragraphs and are cut short, the original is not), then by name.
    """

    def published(i: Item) -> str:
        d = docs.get(i.doc)
        return (d.published or "") if d else ""

    def agency(i: Item) -> bool:
        d = docs.get(i.doc)
        return bool(d and d.agency)

    def credited(i: Item) -> bool:
        d = docs.get(i.doc)
        return bool(d and d.credit)

    fallback = sorted(
        group,
        key=lambda i: (
            not published(i),
            published(i),
            not agency(i),
            credited(i),
            -carried.get(i.doc, 0),
            i.doc,
            i.start,
        ),
    )
    if all(published(i) for i in group):
        return fallback
    for candidate in fallback:
        if agency(candidate) and any(
            relation_of(candidate, other) == "verbatim" for other in group if other is not candidate
        ):
            return [candidate] + [i for i in fallback if i is not candidate]
    return fallback


def describe(kind: str, group: list[Item], docs: dict[str, DocumentInfo], carried: dict[str, int]) -> Cluster:
    """A cluster record: origin first, each member's relation and drift flags."""
    group = choose_origin(group, docs, carried)
    origin = group[0]
    cluster_id = "k-" + hashlib.blake2s(origin.item_id.encode(), digest_size=4).hexdigest()
    cluster = Cluster(cluster_id, kind, item_ids=[i.item_id for i in group])
    for item in group:
        relation = "origin" if item is origin else relation_of(origin, item)
        flags = [] if item is origin else flags_of(origin, item)
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
                kind=item.kind,
                story=item.story,
                context=item.shown_context or item.context.text,
                shown=item.shown,
            )
        )
    return cluster


def relation_of(origin: Item, item: Item) -> str:
    a, b = origin.own, item.own
    if near_verbatim(a, b):
        return "verbatim"
    small, large = sorted((len(a.stems), len(b.stems)))
    inter = len(a.stems & b.stems)
    if small and inter / small >= 0.8 and small / large <= 0.7:
        return "partial"
    return "paraphrase"


_NAME_FILLER = {"s", "the", "of", "and", "for", "&", "a", "an"}


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", name.lower().replace("’", "'")) if w not in _NAME_FILLER]


def _acronym_of(short: str, long: str) -> bool:
    """ "HP" ~ "Hewlett-Packard", "USGS" ~ "U.S. Geological Survey", "NYPD" ~ "New York Police Department"."""
    letters = re.sub(r"[.\s]", "", short)
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    words = re.findall(r"[^\W_]+", long.replace("’s", "").replace("'s", ""))
    initials = "".join(w[0] for w in words if w.lower() not in ("the", "of", "and", "for", "a", "an"))
    return len(initials) > 1 and initials.upper() == letters


def names_agree(a: str, b: str) -> bool:
    """Whether two speaker names can be the same source: "Xi" ~ "Xi Jinping", "police" ~ "New York police",
    "officials" ~ "official", "HP" ~ "Hewlett-Packard", "USGS" ~ "U.S. Geological Survey"."""
    ta, tb = {stem(w) for w in _name_words(a)}, {stem(w) for w in _name_words(b)}
    if ta and tb and (ta <= tb or tb <= ta):
        return True
    return _acronym_of(a.strip(), b) or _acronym_of(b.strip(), a)


def figures_changed(origin: Item, item: Item) -> bool:
    """Whether a version states another value of a quantity its origin states: a figure of one counts what a
    figure of the other counts, with another value, and neither states the other's value for it. A number
    that one version adds or leaves out, or that counts something else, is no changed figure."""
    for q in origin.figures:
        same = [r for r in item.figures if q.same_quantity(r)]
        if same and not any(q.same_value(r) for r in same):
            return True
    return False


def flags_of(origin: Item, item: Item) -> list[str]:
    flags = []
    if origin.kind == "figure":
        if origin.value != item.value or origin.upper != item.upper or origin.hedge != item.hedge:
            flags.append("figure_changed")
    elif figures_changed(origin, item):
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


@dataclass(frozen=True)
class WordChanges:
    """How a version's words differ from its origin's, for marking them where people read."""

    added: list[tuple[int, int]]  # character spans in the version of words the origin does not have there
    gone: list[str]  # the origin's words missing from the version, in order


def word_changes(origin: str, text: str) -> WordChanges:
    """The word-level difference of `text` from `origin` (case aside), as tables and the report mark it."""
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _DIFF_WORD.finditer(text)]
    base = [w.lower() for w in _DIFF_WORD.findall(origin)]
    matcher = difflib.SequenceMatcher(a=base, b=[w for _, _, w in words], autojunk=False)
    added: list[tuple[int, int]] = []
    gone: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            added.extend((start, end) for start, end, _ in words[j1:j2])
        if tag in ("delete", "replace"):
            gone.extend(base[i1:i2])
    return WordChanges(added, gone)
