"""Speakers: from the phrase as written to a name and a type.

"he" becomes the nearest person mentioned before (outside quotes), "Wang" the
earlier "Maya Wang", "the diplomats" the earlier "Western diplomats", "the
group" the organization last named, "who" the noun its clause hangs on. Types
come from the entity recogniser and the word lists: a person, an organization,
a government body, a medium, an anonymous source or a group.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import MONTHS, WEEKDAYS, Lexicon, lexicon, words
from .attribution import Attribution
from .guard import guarded

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_THING_PRONOUNS = {"it"}
_PLURAL_PRONOUNS = {"they", "them"}
_RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
_GENERIC_ORG_NOUNS = {
    "group",
    "organization",
    "organisation",
    "agency",
    "body",
    "company",
    "firm",
    "organ",
    "association",
    "institution",
    "campaign",
    "party",
    "union",
    "office",
}
_ORGANIZATION_HEADS = words("organization_heads.txt")
_SENTENCE_END = tuple(".!?\"”’'):;…")


def _appositive_name(head: Token) -> Token | None:
    """The proper name set beside a common-noun speaker ("The operator, Gullwing Lines, said", "the airline,
    Skyward, said"): the name is who spoke; the noun is its role."""
    if head.pos_ != "NOUN":
        return None
    return next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i), None)


_NAME_DEPS = {"compound", "amod", "nummod", "nmod", "npadvmod", "quantmod"}
_DROP_WORDS = {"the", "a", "an", "this", "that", "these", "those", "official", "state-run", "state", "run", "'s", "’s"}
ORG_LABELS = {"ORG", "NORP", "FAC"}
PLACE_LABELS = {"GPE", "LOC"}
_VOICES = {"spokesman", "spokeswoman", "spokesperson"}  # an unnamed one speaks for the body it is named for


@dataclass(frozen=True)
class Speaker:
    """Who stands behind one attribution: resolved name, type, and the relaying channel's name."""

    name: str = ""
    type: str = ""
    via: str = ""


@dataclass(frozen=True)
class Mention:
    """A named thing the text mentions, as a candidate antecedent."""

    token: int
    name: str
    type: str
    subject: bool = False  # the subject of its clause: the likelier antecedent of a pronoun
    gender: str = ""  # "f" or "m" when the text or the first name says so ("Ms.", "Tom"); "" when unknown
    speaks_for: str = ""  # a spokesperson "he" or "she" can be: the type of the body the name is ("Essex Police")


_PRONOUN_GENDER = {"she": "f", "her": "f", "he": "m", "him": "m"}
_GENDER_WORDS = {
    **dict.fromkeys(("mrs", "ms", "miss", "madam", "dame", "lady", "spokeswoman", "chairwoman", "congresswoman"), "f"),
    **dict.fromkeys(("businesswoman", "actress", "queen", "princess", "sister", "mother", "wife", "daughter"), "f"),
    **dict.fromkeys(("mr", "sir", "lord", "spokesman", "chairman", "congressman", "businessman", "king"), "m"),
    **dict.fromkeys(("prince", "brother", "father", "husband", "son"), "m"),
}


_TIME_WORDS = "|".join(
    [*WEEKDAYS, "today", "yesterday", "tonight", *(m for m in MONTHS if m != "may")]
)  # "may" is a verb


# a courtesy title before a name, written with or without its stop ("Ms Patel" in British copy, "Ms. Patel")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?\s+(?=[A-Z])")  # not "Miss": Miss Universe


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    text = _HONORIFIC.sub("", text)
    # the entity recogniser glues a following day onto a name: "President Xi Jinping Tuesday"
    text = re.sub(rf"(\s+(on|last|this))?\s+({_TIME_WORDS})$", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip(" ,.;:-—")


class SpeakerResolver:
    """spaCy component: `doc._.speakers`, one `Speaker` per attribution (same order)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lex: Lexicon = lexicon()
        if not Doc.has_extension("speakers"):
            Doc.set_extension("speakers", default=None)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        attributions: list[Attribution] = doc._.attributions or []
        quoted = [False] * len(doc)
        for q in doc.spans["quotes"] if "quotes" in doc.spans else []:
            for i in range(q.start, q.end):
                quoted[i] = True
        headline_people = self._headline_people(doc)
        full_names = self._person_names(doc, headline_people)
        found = [m for m in [*self._mentions(doc, full_names), *headline_people] if not quoted[m.token]]
        name_genders = {m.name: m.gender for m in found if m.type == "person" and m.gender}
        mentions = Mentions(found)
        # "the company" is not the agency in the dateline ("LONDON (Reuters) - The company said ...")
        not_agencies = Mentions(m for m in found if m.name.lower() not in _agencies())
        resolved = Mentions()
        genders: dict[str, str] = {}
        speakers = [Speaker() for _ in attributions]
        order = sorted(range(len(attributions)), key=lambda n: _cue_start(attributions[n]))
        for n in order:
            attribution = attributions[n]
            if attribution.source_head is None:
                continue
            known = Known(mentions, not_agencies, resolved, genders)
            name, type_ = self.resolve(doc, doc[attribution.source_head], full_names, known)
            via = ""
            # a pronoun left unresolved ("she" in an article's first claim) still has its gender: "he" later is someone
            # else; a named speaker has the gender its title, its head noun or its first name gives ("Her husband,
            # Tom, said ... She said ...": she is not Tom)
            head_word = doc[attribution.source_head].lower_
            gender = (
                _PRONOUN_GENDER.get(head_word, "")
                or _GENDER_WORDS.get(head_word, "")
                or name_genders.get(name, "")
                or (self._name_gender(name) if type_ == "person" else "")
            )
            resolved.add(Mention(attribution.source_head, name, type_, subject=True, gender=gender))
            if head_word in _VOICES and type_ != "person":  # "A spokeswoman for Essex Police said ... she said"
                resolved.add(
                    Mention(attribution.source_head, name, "person", subject=True, gender=gender, speaks_for=type_)
                )
            if attribution.via_head is not None:
                via, _ = self.resolve(doc, doc[attribution.via_head], full_names, known)
            speakers[n] = Speaker(name, type_, via)
        doc._.speakers = speakers
        doc.user_data.pop("_provenance_ents", None)
        return doc

    def _person_names(self, doc: Doc, headline_people: list[Mention]) -> dict[str, str]:
        """Each word of a multi-word person name -> the full name ("wang" -> "Maya Wang")."""
        names: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" and not _HONORIFIC.match(ent.text):  # "Dr Amara Osei", read as an organization
                continue
            if ent.label_ == "PERSON" and self._headline_words(ent):
                continue  # "Storm Closes Ferry Route": "Ferry" below it is no one's first name
            full = _clean_name(ent.text)
            words = re.findall(r"[^\W\d_]+", full)
            if len(words) < 2:
                continue
            for word in words:
                names.setdefault(word.lower(), full)
        for person in headline_people:  # "Ana Ruiz Opens New Bridge" ... "Ruiz said"
            for word in person.name.split():
                names.setdefault(word.lower(), person.name)
        return names

    def _mentions(self, doc: Doc, full_names: dict[str, str]) -> list[Mention]:
        out = []
        for ent in doc.ents:
            if ent.label_ == "PERSON" and self._headline_words(ent):
                continue  # "Storm Closes Ferry Route" above the article: no one "he" can be
            if ent.label_ == "PERSON":
                name = self._person_name(ent.text, full_names)
                if _modifier_only(ent) and name == _clean_name(ent.text) and len(ent) == 1:
                    continue  # "Ferry services were halted": a word the recogniser took for a person, naming a thing
                out.append(
                    Mention(
                        ent.root.i,
                        name,
                        "person",
                        subject=ent.root.dep_ in ("nsubj", "nsubjpass"),
                        gender=_gender_before(doc, ent) or self._name_gender(name),
                    )
                )
            elif ent.label_ in ORG_LABELS:
                subject = ent.root.dep_ in ("nsubj", "nsubjpass")
                out.append(Mention(ent.root.i, _clean_name(ent.text), self._type_of_org(ent.text), subject=subject))
            elif ent.label_ in PLACE_LABELS:
                out.append(Mention(ent.root.i, _clean_name(ent.text), "government"))
        return out

    def _headline_people(self, doc: Doc) -> list[Mention]:
        """People a title-case headline names where the recogniser found none ("Mayor Ana Ruiz Opens New
        Bridge"): a known first name and the capitalised word after it, after a title or with that surname
        again below ("June Storms Batter Coast" names no one), with the first name's gender, so that "she"
        below resolves to her and "he" does not."""
        first_sentence = next(doc.sents, None)
        if first_sentence is None or first_sentence.text.strip().endswith(_SENTENCE_END):
            return []
        if any(e.label_ == "PERSON" and e.start < first_sentence.end for e in doc.ents):
            return []
        found = []
        for token in first_sentence[:-1]:
            gender = self.lex.first_names.get(token.lower_, "")
            surname = doc[token.i + 1]
            if (
                gender
                and token.is_title
                and token.pos_ == "PROPN"
                and token.ent_type_ not in ("DATE", "GPE", "LOC", "ORG")  # "June Storms", "Georgia Votes"
                and token.lower_ not in self.lex.stopwords  # "Will", "May"
                and surname.is_title
                and surname.is_alpha
                and surname.pos_ == "PROPN"
                and (
                    (token.i > 0 and doc[token.i - 1].lower_.rstrip(".") in self.lex.person_titles)
                    or any(t.text == surname.text for t in doc[first_sentence.end :])  # "... Ruiz said"
                )
            ):
                found.append(Mention(surname.i, f"{token.text} {surname.text}", "person", subject=False, gender=gender))
        return found

    def _headline_words(self, ent: Span) -> bool:
        """A "person" the recogniser found in a headline's capitalised words ("Harbour Bridge Reopens After
        Repairs", "Ferry Route"): its line ends without a sentence's closing mark, and it neither opens with
        a known first name nor follows a title."""
        line = ent.sent.text.strip()
        if not line or line.endswith(_SENTENCE_END):
            return False
        first = ent[0]
        if first.lower_ in self.lex.first_names:
            return False
        return not (ent.start > 0 and ent.doc[ent.start - 1].lower_.rstrip(".") in self.lex.person_titles)

    def _name_gender(self, name: str) -> str:
        """The gender a full name's first name says ("Tom Hale" -> "m"); "" for a lone surname or an unclear name."""
        words = name.split()
        return self.lex.first_names.get(words[0].lower(), "") if len(words) >= 2 else ""

    @staticmethod
    def _person_name(text: str, full_names: dict[str, str]) -> str:
        name = _clean_name(text)
        words = name.split()
        if len(words) == 1 and words[0].lower() in full_names:
            return full_names[words[0].lower()]
        return name

    def _names_government(self, text: str) -> bool:
        """Whether the text holds one of the government names of several words ("the White House")."""
        lowered = " " + " ".join(re.findall(r"[\w-]+", text.lower())) + " "
        return any(phrase in lowered for phrase in _government_phrases())

    def _type_of_org(self, text: str) -> str:
        words = {w.lower() for w in re.findall(r"[\w-]+", text)}
        if (
            _clean_name(text).lower() in _agencies()  # "The Associated Press"
            or words & self.lex.media_words
            and words & {"news", "media", "newspaper", "times", "post", "journal", "tv", "television", "radio"}
        ):
            return "media"
        if words & self.lex.government_words or self._names_government(text):
            return "government"
        return "organization"

    # ------------------------------------------------------------ resolution

    @staticmethod
    def _entities(doc: Doc) -> list[Span]:
        """doc.ents, built once per Doc: each access makes every entity span anew (quadratic on long texts)."""
        cached = doc.user_data.get("_provenance_ents")
        if cached is None or cached[0] != len(doc):
            cached = (len(doc), list(doc.ents))
            doc.user_data["_provenance_ents"] = cached
        return cached[1]

    def resolve(self, doc: Doc, head: Token, full_names: dict[str, str], known: Known) -> tuple[str, str]:
        """(speaker_name, speaker_type) for the speaker phrase headed by `head`."""
        lower = head.lower_
        if head.pos_ == "PRON" or lower in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
            if lower in _RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
                noun = head.head.head
                if noun.dep_ == "appos":  # "Guo Wengui, a billionaire ..., who has made claims"
                    noun = noun.head
                issuer = self._issuer(noun)
                return self.resolve(doc, issuer if issuer is not None else noun, full_names, known)
            if lower in _PERSON_PRONOUNS:
                found = _person_antecedent(doc, head, known)
                if found is not None:
                    known.genders.setdefault(found.name, _PRONOUN_GENDER[lower])
                return (found.name, found.speaks_for or "person") if found else (head.text, "person")
            if lower in _THING_PRONOUNS:
                found = _nearest(head.i, (known.mentions, known.resolved), {"organization", "government", "media"})
                if found is not None and not found.subject:
                    # "Apple sued Samsung. It said ...": of the organizations in that sentence, its subject
                    found = _sentence_subject(doc, found, known, {"organization", "government", "media"}) or found
                return (found.name, found.type) if found else (head.text, "organization")
            if lower in _PLURAL_PRONOUNS:
                found = _nearest(head.i, (known.resolved,), {"anonymous", "group", "government", "organization"})
                return (found.name, found.type) if found else (head.text, "group")
            return head.text, "person"
        appositive = _appositive_name(head)
        if appositive is not None:  # "The operator, Gullwing Lines, said": the name, not the role it is given
            return self.resolve(doc, appositive, full_names, known)
        issuer = self._named_issuer(head)
        if issuer is not None:
            return self.resolve(doc, issuer, full_names, known)
        phrase = doc[head.left_edge.i : head.right_edge.i + 1]
        ents = [e for e in self._entities(doc) if e.start >= phrase.start and e.end <= phrase.end]
        persons = [e for e in ents if e.label_ == "PERSON"]
        head_lemma = head.lemma_.lower()
        if persons and head_lemma not in self.lex.anonymous_heads | self.lex.group_heads:
            best = next((e for e in persons if e.start <= head.i < e.end), persons[0])
            return self._person_name(best.text, full_names), "person"
        if _unnamed(phrase) and not persons:
            # "a spokeswoman, who asked not to be named", "an aide speaking on condition of anonymity"
            core = self._core_phrase(doc, head)
            return (_clean_name(core.text) if len(core) else head.text), "anonymous"
        if (
            (head.pos_ == "PROPN" or (head.is_title and not head.is_sent_start))  # the tagger reads "Reyes" as a noun
            and head.lower_ in full_names
            and (
                len(self._core_phrase(doc, head)) == 1
                or not any(e.start <= head.i < e.end for e in ents if e.label_ != "PERSON")
            )
        ):
            return full_names[head.lower_], "person"  # "said Wang" after "Maya Wang"
        body = _prep_object(head, ("for", "of")) if head_lemma in _VOICES and not persons else None
        if body is not None:  # "a spokesman for the Ellis Shippers Association": the association speaks
            return self.resolve(doc, body, full_names, known)
        titled = _titled_name(head)
        if titled is not None and not any(e.start <= head.i < e.end for e in ents):
            # "Doctors Without Borders warned": a capitalised preposition inside a phrase makes it one name
            return _clean_name(titled.text), self._type_of_org(titled.text)
        core = self._core_phrase(doc, head)
        core_text = _clean_name(core.text) if len(core) else head.text
        core_words = {t.lower_ for t in core}
        if head_lemma in self.lex.anonymous_heads or head.lower_ in self.lex.anonymous_heads:
            named = [e for e in ents if e.label_ in ORG_LABELS and e.root.i == head.i]
            if not named:
                earlier = self._same_head(head, known.resolved)
                if earlier and _is_definite(head) and len(core) == 1:  # "the diplomat" -> "one diplomat"
                    return earlier.name, earlier.type
                return core_text, "anonymous"
        if head.lower_ in self.lex.group_heads or head_lemma in self.lex.group_heads and head.tag_ in ("NNS", "NNPS"):
            return core_text, "group"
        if len(core) > 1 and _HONORIFIC.match(core.text):
            return self._person_name(core_text, full_names), "person"  # "Dr Amara Osei", read as an organization
        org = [
            e for e in ents if e.label_ in ORG_LABELS | PLACE_LABELS and (e.start <= head.i < e.end or e.end == head.i)
        ]
        if org:
            ent = org[-1]
            name = _clean_name(ent.text)
            if ent.label_ in PLACE_LABELS:
                return name, "government"
            type_ = self._type_of_org(phrase.text)
            return name, type_
        if _is_definite(head) and head_lemma in _GENERIC_ORG_NOUNS and len(core) == 1:
            # "the agency" is the one named before; "the county emergency office" names itself
            candidates = known.mentions if head_lemma == "agency" else known.not_agencies
            found = _nearest(head.i, (candidates,), {"organization", "media"})
            if found:
                return found.name, found.type
        if _is_definite(head) and len(core) == 1:
            earlier = self._same_head(head, known.resolved)
            if earlier:
                return earlier.name, earlier.type
        if (
            core_words & {"news", "media", "newspaper", "outlets", "outlet", "broadcaster", "television"}
            or core_text.lower() in _agencies()
        ):
            return core_text, "media"
        if head_lemma in self.lex.document_heads or head.lower_ in self.lex.document_heads:
            return core_text, "document"  # "The report found", "Data show": no person stands behind it
        if (
            core_words & self.lex.government_words
            or head_lemma in self.lex.government_words
            or self._names_government(core.text)
        ):
            return core_text, "government"
        if head_lemma in _GENERIC_ORG_NOUNS or (head_lemma in _ORGANIZATION_HEADS and head.tag_ not in ("NNS", "NNPS")):
            return core_text, "organization"  # "the water board", "the weather service", "the hospital trust"
        if head_lemma in self.lex.person_titles or head.pos_ == "PROPN":
            return core_text, "person"
        if head.tag_ in ("NNS", "NNPS"):
            return core_text, "group"
        return core_text, "person"

    def _named_issuer(self, head: Token) -> Token | None:
        """Who a speaking document names as its author: "a statement from the ministry", "a study by the
        university" -> the ministry, the university (the people behind it, not the paper)."""
        if head.lemma_.lower() not in self.lex.document_heads and head.lower_ not in self.lex.document_heads:
            return None
        return _prep_object(head, ("from", "by"))

    def _issuer(self, noun: Token) -> Token | None:
        """Who issued a document that speaks: "The agency issued a statement, which read ..." -> "The agency"."""
        if noun.lemma_.lower() not in self.lex.document_heads or noun.dep_ not in ("dobj", "obj"):
            return None
        return next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)

    @staticmethod
    def _core_phrase(doc: Doc, head: Token) -> Span:
        """The head noun with its modifiers before it, without determiners or clauses."""
        start = head.i
        for child in reversed(list(head.lefts)):
            if child.dep_ in _NAME_DEPS or child.dep_ == "poss":
                start = min(start, child.left_edge.i)
        while start < head.i and (doc[start].lower_ in _DROP_WORDS or doc[start].is_punct):
            start += 1
        end = head.i + 1
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is not None and obj.is_alpha and not any(c.dep_ in ("det", "poss", "nummod") for c in obj.children):
            end = obj.i + 1  # "chamber of commerce", "board of education": the name goes on (not "of the museum")
        return doc[start:end]

    @staticmethod
    def _same_head(head: Token, resolved: Mentions) -> Mention | None:
        """An earlier speaker with the same head noun: "the diplomats" -> "Western diplomats"."""
        for mention in reversed(resolved.items[: bisect_left(resolved.tokens, head.i)]):
            last = mention.name.split()[-1].lower() if mention.name else ""
            if last and last == head.lower_:
                return mention
        return None


def _prep_object(head: Token, prepositions: tuple[str, ...]) -> Token | None:
    """The object of the first of `prepositions` on `head`: "a statement from [the ministry]"."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in prepositions:
            return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def _unnamed(phrase: Span) -> bool:
    """A speaker phrase that says its speaker is not named: "who asked not to be named", "who declined to be
    identified", "speaking on condition of anonymity"."""
    for token in phrase:
        if token.lower_ in ("anonymity", "anonymously"):
            return True
        if token.lemma_.lower() in ("name", "identify") and token.tag_ == "VBN":
            verb = token.head if token.dep_ == "xcomp" else token  # "declined to be identified"
            negated = any(c.dep_ == "neg" for c in (*token.children, *verb.children))  # "not to be named"
            if negated or verb.lemma_.lower() in ("decline", "refuse"):
                return True
    return False


def _modifier_only(ent: Span) -> bool:
    """A name that only modifies a common noun ("Ferry services", "Harbour authorities"): no one acts there."""
    root = ent.root
    return root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i >= ent.end


def _titled_name(head: Token) -> Span | None:
    """A name built around a capitalised preposition ("Doctors Without Borders", "Mothers Against Drunk
    Driving"), which the entity recogniser often misses and the parser splits at the preposition."""
    if not head.is_title:
        return None
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.is_title and prep.i == head.i + 1:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.is_title and all(t.is_title for t in head.doc[prep.i : obj.i + 1]):
                start = min((c.left_edge.i for c in head.lefts if c.dep_ in ("compound", "amod")), default=head.i)
                return head.doc[start : obj.i + 1]
    return None


def _cue_start(attribution: Attribution) -> int:
    """Speakers are resolved in reading order of their cues (a later "he" needs the earlier name)."""
    return attribution.cue[0] if attribution.cue else attribution.start


def _is_definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in head.children)


@dataclass
class Known:
    """What a speaker phrase may refer back to: named mentions, the same without news agencies
    ("the company" is not the agency of the dateline), and the speakers resolved so far."""

    mentions: Mentions
    not_agencies: Mentions
    resolved: Mentions
    genders: dict[str, str] = field(default_factory=dict)  # name -> gender its earlier pronouns gave it


def _gender_before(doc: Doc, ent: Span) -> str:
    """The gender the words just before a name give it ("Ms. Ortiz", "spokeswoman Ana Ruiz"), else ""."""
    for tok in doc[max(0, ent.start - 2) : ent.start + 1]:
        gender = _GENDER_WORDS.get(tok.lower_.rstrip("."))
        if gender:
            return gender
    return ""


def _sentence_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get("_provenance_sent_starts")
    if starts is None:
        starts = [s.start for s in doc.sents]
        doc.user_data["_provenance_sent_starts"] = starts
    return starts


def _person_antecedent(doc: Doc, pronoun: Token, known: Known) -> Mention | None:
    """Who "he" or "she" is: the nearest person before it whose gender does not contradict it, and
    of the persons in that sentence its subject ("Ana Ortiz thanked John Smith. She said ...")."""
    gender = _PRONOUN_GENDER.get(pronoun.lower_, "")

    def fits(m: Mention) -> bool:
        known_gender = m.gender or known.genders.get(m.name, "")
        return not gender or not known_gender or known_gender == gender

    position = pronoun.i
    while True:
        found = _nearest(position, (known.mentions, known.resolved), {"person"})
        if found is None:
            return None
        if fits(found):
            break
        position = found.token
    if found.subject:
        return found
    return _sentence_subject(doc, found, known, {"person"}, fits) or found


def _sentence_subject(
    doc: Doc, found: Mention, known: Known, types: set[str], fits: Callable[[Mention], bool] = lambda m: True
) -> Mention | None:
    """The last subject mention of one of `types` (that `fits`) in `found`'s sentence before it, if any."""
    starts = _sentence_starts(doc)
    sentence_start = starts[bisect_right(starts, found.token) - 1]
    items = known.mentions.items[
        bisect_left(known.mentions.tokens, sentence_start) : bisect_left(known.mentions.tokens, found.token)
    ]
    subjects = [m for m in items if m.type in types and m.subject and fits(m)]
    return subjects[-1] if subjects else None


class Mentions:
    """Candidate antecedents in token order: the nearest one before a position is found by
    bisection and a short walk back, not a scan of the whole document per pronoun."""

    def __init__(self, mentions: Iterable[Mention] = ()) -> None:
        self.items = sorted(mentions, key=lambda m: m.token)  # stable: equal positions keep their order
        self.tokens = [m.token for m in self.items]

    def add(self, mention: Mention) -> None:
        at = bisect_right(self.tokens, mention.token)
        self.tokens.insert(at, mention.token)
        self.items.insert(at, mention)

    def nearest(self, position: int, types: set[str]) -> Mention | None:
        """The last mention of one of `types` before `position` (the first listed, when several share its token)."""
        i = bisect_left(self.tokens, position) - 1
        while i >= 0 and self.items[i].type not in types:
            i -= 1
        if i < 0:
            return None
        while i > 0 and self.tokens[i - 1] == self.tokens[i] and self.items[i - 1].type in types:
            i -= 1
        return self.items[i]


def _nearest(position: int, indexes: Iterable[Mentions], types: set[str]) -> Mention | None:
    """The nearest mention before `position` over several indexes (an earlier index wins a tie)."""
    best: Mention | None = None
    for index in indexes:
        found = index.nearest(position, types)
        if found is not None and (best is None or found.token > best.token):
            best = found
    return best


def _agencies() -> dict[str, str]:
    return lexicon().agencies


@lru_cache(maxsize=1)
def _government_phrases() -> tuple[str, ...]:
    """The government names of several words, space-padded for whole-word search (" white house ")."""
    return tuple(f" {name} " for name in sorted(lexicon().government_words) if " " in name)


@Language.factory(
    "provenance_speakers",
    requires=["doc._.attributions", "doc.ents", "token.dep", "token.lemma"],
    assigns=["doc._.speakers"],
)
def make_speaker_resolver(nlp: Language, name: str) -> SpeakerResolver:
    return SpeakerResolver(nlp, name)
