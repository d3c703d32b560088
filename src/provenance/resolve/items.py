"""What the resolver compares: each claim, statement or figure as an `Item`, with its word profile."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..lexicon import lexicon, words
from ..records import Claim, Figure, Statement
from ..settings import INCIDENT_FRAME, NAMES_MIN_STATEMENTS
from ..similarity import Profile, profile, reverses, stem, stopwords, words_of


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
    figures: tuple[Quantity, ...] = ()  # the figures a claim or statement states, in value order
    story: str = ""
    shown: str = ""  # the repaired text people read (Claim.shown)
    shown_context: str = ""  # a figure's sentence as repaired (Figure.shown), what people read beside it
    actor: str = ""  # the name the statement opens with as its subject (`lead_actor`)
    aged: frozenset[str] = frozenset()  # an age's person, by name words ("the 34-year-old skipper Kessler")
    undoes: bool = False  # undoes an act, in its words or its cue ("withdrew" + "their offer to him")
    doc_words: frozenset[str] = frozenset()  # every word its document's records hold (`foreign_names`)
    telling_names: frozenset[str] = frozenset()  # its names that can tell incidents apart (`telling_names`)
    incident: Incident | None = None  # its document's own names and words (`Incident`), shared by its items


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure of a claim or statement as drift compares it: its value and what it counts."""

    value: float
    upper: float | None
    hedge: str
    heads: frozenset[str]  # `counted_words`
    aged: frozenset[str]  # `aged_person`

    def same_quantity(self, other: Quantity) -> bool:
        """Whether two figures count one thing, so that other values are a changed figure: both name what they
        count and share it ("156 countries" / "158 countries and regions"), and an age is of one person. A bare
        number says nothing of what it counts ("0800 555111"), so no other number is its changed version."""
        if not (self.heads & other.heads):
            return False
        return not (self.aged and other.aged and self.aged.isdisjoint(other.aged))

    def same_value(self, other: Quantity) -> bool:
        return (self.value, self.upper, self.hedge) == (other.value, other.upper, other.hedge)


def quantities(figures: Iterable[Figure]) -> tuple[Quantity, ...]:
    """A claim's or statement's figures as `Quantity`s, in value order."""
    found = [
        Quantity(
            value=float(f.value),
            upper=None if f.upper is None else float(f.upper),
            hedge=f.hedge,
            heads=counted_words(f.object, f.value, f.kind, f.text),
            aged=aged_person(f.sentence or "", f.value),
        )
        for f in figures
    ]
    return tuple(sorted(found, key=lambda q: (q.value, q.upper or 0.0, q.hedge, sorted(q.heads), sorted(q.aged))))


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


def _name_word(word: str) -> str:
    """A word as names are compared across documents: lower-cased, without a possessive ("Cheeks's" -> "cheeks")."""
    word = word.lower().replace("’", "'")
    return word[:-2] if word.endswith("'s") else word


def document_words(texts: Iterable[str]) -> frozenset[str]:
    """The words of a document's records, as `_name_word` compares them; none for a document of fewer than
    NAMES_MIN_STATEMENTS statements: what a sentence leaves unsaid is no sign of another incident."""
    texts = set(texts)
    if len(texts) < NAMES_MIN_STATEMENTS:
        return frozenset()
    words = set(words_of("\n".join(texts).lower().replace("’", "'")))  # each word once: then as `_name_word`
    return frozenset(w[:-2] if w.endswith("'s") else w for w in words)


def telling_names(profile: Profile) -> frozenset[str]:
    """The names of a statement that can tell two incidents apart (initials and `generic_name_words` aside)."""
    generic = lexicon().generic_name_words
    names = {_name_word(n) for n in profile.names}
    return frozenset(n for n in names if len(n) > 2 and n not in generic)


def foreign_names(x: Item, y: Item) -> bool:
    """Two facts of two incidents, however alike their words: each statement names someone or somewhere that
    the other's whole document never mentions ("Okafor outpointed Lindqvist in Tampere" against "Okafor kept
    his belt by stopping Marsh in Leeds", from the articles on two fights). One report of an incident leaves
    out what another states, so one side's extra name is a detail; both sides' is another incident."""
    if not x.doc_words or not y.doc_words:
        return False
    return not x.telling_names <= y.doc_words and not y.telling_names <= x.doc_words


@dataclass(frozen=True, slots=True)
class Incident:
    """What a document says its incident is: the telling names of its headline that its body repeats
    ("Warehouse fire in Pellston ..." / "... a paper warehouse in Pellston on Wednesday"), the other words
    of its headline (its frame: "warehouse fire destroys stock"), and every word it uses, as `_name_word`
    compares them."""

    names: frozenset[str]
    frame: frozenset[str]
    words: frozenset[str]

    def other_than(self, other: Incident) -> bool:
        """Two incidents of one kind, however alike two of their sentences ("More than 40 firefighters fought
        the blaze" in the Pellston report, "More than 60 ..." in the Dunmore one): headlines of one frame
        (INCIDENT_FRAME of their other words shared) whose names each document never mentions. Outlets
        headline one incident in their own words, or name it otherwise and mention the other's names
        somewhere: those are left alone."""
        if not (self.names and other.names) or not self.frame or not other.frame:
            return False
        if len(self.frame & other.frame) < INCIDENT_FRAME * len(self.frame | other.frame):
            return False
        return self.names.isdisjoint(other.words) and other.names.isdisjoint(self.words)


def incidents(titles: dict[str, str], items: Iterable[Item]) -> dict[str, Incident]:
    """Each document's `Incident`, from its title and the sentences of its items."""
    texts: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for item in items:
        texts.setdefault(item.doc, set()).add(item.context.text)
        if item.context.text.strip() != titles.get(item.doc, "").strip():  # the headline as a statement
            names.setdefault(item.doc, set()).update(telling_names(item.context))
    found = {}
    for doc, held in texts.items():
        title = titles.get(doc, "")
        headline = profile(title)
        said = telling_names(headline) & names.get(doc, set())
        frame = headline.stems - {stem(n) for n in telling_names(headline)}
        words = {_name_word(w) for w in words_of("\n".join([title, *held]))}
        found[doc] = Incident(frozenset(said), frozenset(frame), frozenset(words))
    return found


def claim_item(c: Claim, figures: list[Figure], profiles: Profiles | None = None) -> Item:
    own = profiled(c.words, profiles)  # a split quote's parts without the cue between them
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
        figures=quantities(figures),
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
        figures=quantities(figures),
    )


def figure_item(f: Figure, profiles: Profiles | None = None) -> Item:
    sentence = profiled(f.sentence or f.text, profiles)
    heads = counted_words(f.object, f.value, f.kind, f.text)
    return Item(
        item_id=f.figure_id,
        kind="figure",
        doc=f.doc,
        text=f.text,
        context=sentence,
        shown_context=f.shown,
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
        aged=aged_person(f.sentence or "", f.value),
    )


_PEOPLE_NOUNS = words("people_nouns.txt")
_PEOPLE = "people:"  # the head every count of people shares, beside its own noun


def counted_words(obj: str, value: float | str, kind: str, text: str) -> frozenset[str]:
    """The stems of what a figure counts, as `Item.heads` compares them. Past one, a count names what it
    counts in the plural; a word in the singular there is a modifier ("three bank workers") and never the
    same head as its plural ("three banks"): its stem is marked so. A noun joined by a hyphen is both
    ("a 15-year term" is 15 years, "a 38-caliber gun" a .38 caliber one). Left as they are: capitalized
    words (a nationality, a name), ranks ("the 11th round") and amounts of money or shares."""
    count = kind not in ("rank", "money", "percent", "fraction") and float(value) != 1
    heads = set()
    for word in re.findall(r"[^\W\d_]+", obj):
        if word.lower() in ("and", "or", "of"):
            continue
        head = stem(word)
        if count and word.lower() in _PEOPLE_NOUNS:
            heads.add(_PEOPLE)  # "300 residents" and "350 people" count one crowd
        if count and word.islower() and (not word.endswith("s") or word.endswith("ss")):
            if re.search(rf"-\s*{re.escape(word)}\b", text):
                heads.add(head)  # "15-year": also 15 years
            head += "/1"
        heads.add(head)
    return frozenset(heads)


_AGE = re.compile(
    r"\b(\d+)[- ]years?[- ]old\s+((?:[a-z][\w-]*\s+){0,2})([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)(\W*)(\w*)"
)


def aged_person(sentence: str, value: float | str) -> frozenset[str]:
    """The name words of the person an age describes: "the 34-year-old skipper Kessler" -> {"kessler"}.

    Two people of one age in one story are two facts ("the 34-year-old Kessler" and "the 34-year-old
    Ortiz", the skipper and the harbour master): the same number and the same counted noun, nothing else to tell
    them apart. Empty when the age describes no name: "a 66-year-old Millbrook woman" (a place before a
    noun: the noun's word is no verb of the name, nor a function word), "the 16-year-old was released
    Monday" (function words between). Empty means unknown, never a different person."""
    stop = stopwords()
    for m in _AGE.finditer(sentence):
        if m.group(1) != f"{float(value):g}":
            continue
        between, name, gap, after = m.group(2).split(), m.group(3), m.group(4), m.group(5)
        if any(w in stop for w in between):
            return frozenset()
        possessive = re.search(r"['’]s$", name) is not None  # "the 34-year-old Kessler's 40th crossing"
        if (
            not possessive
            and not gap.strip()
            and after.islower()
            and after not in stop
            and not after.endswith(("ed", "s"))
        ):
            return frozenset()  # "Millbrook woman", "Greek boy": the name qualifies a noun
        return frozenset(re.sub(r"['’]s$", "", w.strip(".")).lower() for w in name.split())
    return frozenset()


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
