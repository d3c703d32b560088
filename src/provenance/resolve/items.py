"""What the resolver compares: each claim, statement or figure as an `Item`, with its word profile."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Claim, Figure, Statement
from ..similarity import Profile, profile, reverses, stem


@dataclass(slots=True)
class Item:
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
    upper: float | None = None  # a range's upper end
    hedge: str = ""
    heads: frozenset[str] = frozenset()  # stems of the counted nouns ("countries and regions")
    attributed: bool = False
    figures: tuple[tuple[float, str], ...] = ()
    story: str = ""
    shown: str = ""  # the repaired text people read (Claim.shown)
    actor: str = ""  # the name the statement opens with as its subject (`lead_actor`)
    undoes: bool = False  # undoes an act, in its words or its cue ("withdrew" + "their offer to him")


Profiles = dict[str, Profile]  # text -> its profile, shared by the items of one linking run


def profiled(text: str, profiles: Profiles | None) -> Profile:
    """The text's profile, made once per run: a wire copy carried by thousands of outlets is one
    profile in memory, not thousands (and linking a large corpus is bound by its memory)."""
    if profiles is None:
        return profile(text)
    found = profiles.get(text)
    if found is None:
        found = profiles[text] = profile(text)
    return found


def claim_item(c: Claim, figures: list[Figure], profiles: Profiles | None = None) -> Item:
    own = profiled(c.text, profiles)
    return Item(
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
        shown=c.shown,
        actor=lead_actor(c.text),
        undoes=own.reverses or reverses(c.cue.lower().split()),
        figures=tuple(sorted((float(f.value), f.hedge) for f in figures)),
    )


def statement_item(s: Statement, figures: list[Figure], profiles: Profiles | None = None) -> Item:
    """An unattributed statement: linked with claims, so a dropped attribution shows."""
    own = profiled(s.text, profiles)
    return Item(
        item_id=s.statement_id,
        kind="statement",
        doc=s.doc,
        text=s.text,
        context=own,
        own=own,
        speaker="",
        speaker_type="",
        cue="",
        claim_kind="",
        start=s.start,
        end=s.end,
        shown=s.shown,
        actor=lead_actor(s.text),
        undoes=own.reverses,
        figures=tuple(sorted((float(f.value), f.hedge) for f in figures)),
    )


def figure_item(f: Figure, profiles: Profiles | None = None) -> Item:
    sentence = profiled(f.sentence or f.text, profiles)
    heads = frozenset(stem(w) for w in re.findall(r"[^\W\d_]+", f.object) if w.lower() not in ("and", "or", "of"))
    return Item(
        item_id=f.figure_id,
        kind="figure",
        doc=f.doc,
        text=f.text,
        context=sentence,
        own=sentence,
        speaker=f.attributed_to,
        speaker_type="",
        cue="",
        claim_kind="",
        start=f.start,
        end=f.end,
        value=float(f.value),
        upper=None if f.upper is None else float(f.upper),
        hedge=f.hedge,
        heads=heads,
        attributed=bool(f.attributed_to),
        actor=lead_actor(f.sentence or ""),  # "the Rovers offered $9 million" is no figure of "the United offered ..."
    )


_NAME_WORD = r"(?:[A-Z][\w&.-]*|\d+[a-z]+)"
# a name opening a statement as its subject: "the Rovers ...", "Ana Ruiz has ...", not "Ruiz's team"
_LEAD_NAME = re.compile(rf"^(?:([Tt]he)\s+)?({_NAME_WORD}(?:\s+{_NAME_WORD})*)(?![\w&.-]|\s*['’]s\b)")


def lead_actor(text: str) -> str:
    """The name a statement opens with as its subject ("the Bay City Rovers have made ..."): after "the", or
    of two words or more; "" otherwise (a lone capitalized first word may be any word: "Police", "Upon")."""
    m = _LEAD_NAME.match(text.strip())
    if m is None:
        return ""
    return m.group(2) if m.group(1) or len(m.group(2).split()) >= 2 else ""


def different_actors(x: str, y: str) -> bool:
    """Two statements whose subjects are two different names ("the Rovers have offered him ..." and "the United
    have offered him ...") are two statements, however alike their words: neither name is found in the other."""
    return names_differ(lead_actor(x), x, lead_actor(y), y)


def names_differ(a: str, x: str, b: str, y: str) -> bool:
    """`different_actors` for statements `x` and `y` whose subjects `a` and `b` are already known."""
    if not a or not b:
        return False
    words_a = {w.lower() for w in a.split()}
    words_b = {w.lower() for w in b.split()}
    if words_a & words_b:
        return False
    mentioned_in_y = {w.lower() for w in re.findall(r"[\w&.-]+", y)}
    mentioned_in_x = {w.lower() for w in re.findall(r"[\w&.-]+", x)}
    return words_a.isdisjoint(mentioned_in_y) and words_b.isdisjoint(mentioned_in_x)
