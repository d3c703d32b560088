"""Reported speech the rules do not know, proposed by a model fitted on PolNeAR's train split.

A candidate is a verb with a subject and what it attributes to it: a clause ("argued that
...", "doubt the plan will work"), or a stance (an infinitive, "vowed to veto the bill"; an
object, "mocked the ambitions of three hopefuls"; a prepositional object, "spoke about how
the consulate was looted"). Stances need an active verb (the subject of "was interpreted
through a lens" is no speaker) and no negation ("did not respond to requests for comment"
attributes nothing). A logistic model over parse features (the verb's lemma and how its
complement attaches, what the subject is, whether the clause is marked by "that",
negation, tense, whether the verb is a known cue) gives the probability that the verb
attributes its complement to its subject; each relation has its own threshold.
`eval/train_attribution.py` fits it (`make train`) and writes `data/cue_model.json`; the
rules keep every claim they find, and a learned candidate is added only where no rule
claim stands. A stance leaves its sentence a statement: outlets repeat the sentence ("The
senator criticized the plan on Tuesday"), and linking follows it (`resolve.enclosing_statements`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...lexicon import data_json, lexicon, words
from .constructions import LEARNED_CLAUSE, LEARNED_STANCE
from .phrase import phrase
from .record import Attribution

RELATIONS = ("ccomp", "xcomp", "dobj", "prep")  # clause, infinitive, object, prepositional object
_SUBJECTS = ("nsubj", "nsubjpass")
_MARKS = {"that", "whether", "if"}
_OBJECT_TAIL = ("prep", "xcomp", "ccomp", "oprd", "dative", "npadvmod")
# "the floods appear to be the work of a broken levee", "the coach seems to favour the stars": the subject
# is what the sentence is about, not who says it; "inspectors are continuing to examine the bridge" says
# when, not who says:
# these verbs credit no one
_CREDIT_NO_ONE = words("credit_no_one_verbs.txt")


@dataclass(frozen=True)
class Candidate:
    """A verb that may attribute its complement to its subject.

    `relation` says how the complement hangs on the verb: a clause ("said that ..."), an
    infinitive ("vowed to veto ..."), an object ("criticized the plan"), or the object of
    a preposition ("called for a ban", then `prep` is the preposition and part of the cue).
    """

    verb: Token
    subject: Token
    complement: Token
    relation: str
    prep: Token | None = None

    @property
    def content(self) -> tuple[int, int]:
        """Character range of the complement's words (edge punctuation left out)."""
        tokens = [t for t in self.complement.subtree if not t.is_space]
        if self.relation == "dobj":  # "accused Clinton of lying": the object and what follows it
            for child in self.tail:
                tokens.extend(t for t in child.subtree if not t.is_space)
            tokens.sort(key=lambda t: t.i)
        if self.relation == "prep":  # "pointed to the repairs as evidence of progress": what it is held to be
            for child in self.verb.children:
                if child.dep_ == "prep" and child.lower_ == "as" and child.i > self.complement.i:
                    tokens.extend(t for t in child.subtree if not t.is_space)
            tokens.sort(key=lambda t: t.i)
        if self.relation == "xcomp":  # "agreed to share a currency and rely on one another": "rely" hangs on "agreed"
            for conj in _bare_verbs_after(self.verb, self.complement):
                tokens.extend(t for t in conj.subtree if not t.is_space)
            tokens.sort(key=lambda t: t.i)
        while tokens and (tokens[0].is_punct or (self.relation == "ccomp" and tokens[0].lower_ in _MARKS)):
            tokens.pop(0)
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if not tokens:
            return self.complement.idx, self.complement.idx
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

    @property
    def tail(self) -> list[Token]:
        """What hangs on the verb after its object: "of lying" in "accused Clinton of lying"."""
        return [c for c in self.verb.children if c.i > self.complement.i and c.dep_ in _OBJECT_TAIL]

    @property
    def cue_end(self) -> int:
        last = self.prep if self.prep is not None else self.verb
        return last.idx + len(last.text)


def _bare_verbs_after(verb: Token, infinitive: Token) -> list[Token]:
    """Bare verbs coordinated with an infinitive that the parser hung on its governing verb: "vowed to cut
    taxes and build a wall" ("build" on "vowed"). A bare verb with no subject or auxiliary of its own cannot
    be coordinated with the finite "vowed"; it continues the infinitive."""
    if verb.tag_ == "VB":
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.i > infinitive.right_edge.i
        and c.tag_ == "VB"
        and not any(g.dep_ in _SUBJECTS or g.dep_ == "aux" for g in c.children)
    ]


def candidates(doc: Doc, in_quote: list[bool]) -> Iterator[Candidate]:
    """Every verb with a subject and a complement, outside quotes, one per (verb, complement)."""
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or in_quote[verb.i] or not verb.n_rights:
            continue  # every complement stands after its verb
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is None and verb.dep_ in ("xcomp", "conj"):  # "has vowed to ...", "and said ..."
            subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
        if subject is None or subject.lower_ in ("it", "there", "this", "that", "which"):
            continue
        if verb.lemma_.lower() in _CREDIT_NO_ONE:
            continue
        stance_possible = subject.dep_ == "nsubj" and not any(t.dep_ == "neg" for t in verb.children)
        for complement in verb.children:
            if complement.i < verb.i or in_quote[complement.i]:
                continue
            if complement.dep_ == "ccomp":
                yield Candidate(verb, subject, complement, "ccomp")
            elif not stance_possible:
                continue  # "was interpreted through a lens" credits no one; "did not respond to requests" says nothing
            elif complement.dep_ in ("xcomp", "dobj"):
                if complement.dep_ == "xcomp" and _about_own_words(complement):
                    continue  # "declined to comment", "asked not to be named": the source's silence, no claim
                if complement.dep_ == "dobj" and _second_object_after_comma(verb, complement):
                    continue  # "defended the levy, a measure the council resisted": a gloss read as an object
                yield Candidate(verb, subject, complement, complement.dep_)
            elif complement.dep_ == "prep" and complement.i == verb.i + 1:
                obj = next((g for g in complement.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    yield Candidate(verb, subject, obj, "prep", prep=complement)


def _about_own_words(complement: Token) -> bool:
    """An infinitive about the source's own words or name: "to comment", "(not) to be named", "to be
    identified". PolNeAR counts "declined to comment" as an attribution (29 of the 32 such claims on train
    matched one); a reader following claims finds nothing in it to follow, so none is made."""
    lemma = complement.lemma_.lower()
    if lemma == "comment":
        return True
    return lemma in ("name", "identify") and any(c.dep_ == "auxpass" for c in complement.children)


def _second_object_after_comma(verb: Token, obj: Token) -> bool:
    """An object set off by a comma after another complement of its verb: the writer's gloss of that
    complement ("defended the levy, a measure the council long resisted"), which the parser hung on the verb."""
    start = obj.left_edge.i
    return (
        start > 0
        and obj.doc[start - 1].text == ","
        and any(c.dep_ in ("dobj", "xcomp", "ccomp") and c.i < obj.i for c in verb.children)
    )


def features(c: Candidate) -> list[str]:
    """What the model weighs for one candidate (strings; the model keeps a weight per string)."""
    verb, subject, complement = c.verb, c.subject, c.complement
    lemma = verb.lemma_.lower()
    dep = c.relation if c.prep is None else f"prep:{c.prep.lower_}"
    lex = lexicon()
    known = lemma in lex.cue_verbs or lemma in lex.quote_verbs
    mark = next((t.lower_ for t in complement.children if t.dep_ == "mark"), "")
    subject_kind = (
        "pron" if subject.pos_ == "PRON" else subject.ent_type_ or ("propn" if subject.pos_ == "PROPN" else "noun")
    )
    size = sum(1 for _ in complement.subtree)
    out = [
        "bias",
        f"relation={c.relation}",
        f"lemma={lemma}",
        f"dep={dep}",
        f"lemma|dep={lemma}|{dep}",
        f"known={known}|{dep}",
        f"subject={subject_kind}",
        f"subject|dep={subject_kind}|{dep}",
        f"subject_lemma={subject.lemma_.lower()}" if subject.pos_ == "PRON" else "subject_lemma=*",
        f"mark={mark}|{dep}",
        f"tag={verb.tag_}",
        f"verb_dep={verb.dep_}",
        f"complement_pos={complement.pos_}|{c.relation}",
        f"complement_ent={complement.ent_type_ or '-'}|{c.relation}",
        f"size={min(size, 12) // 3}|{c.relation}",
        f"negated={any(t.dep_ == 'neg' for t in verb.children)}",
        f"aux={any(t.dep_ in ('aux', 'auxpass') for t in verb.children)}",
    ]
    # a quotation in the sentence: the writer is reporting someone there
    out.append(f"sentence_quote={any(t.is_quote for t in verb.sent)}|{c.relation}")
    if c.relation == "dobj":  # what follows the object: "accused the mayor of lying" (prep:of), "called it a lie"
        tail = sorted({f"{t.dep_}:{t.lower_}" if t.dep_ == "prep" else t.dep_ for t in c.tail})
        out.append("tail=" + ",".join(tail[:2]))
        out.append(f"lemma|tail={lemma}|{','.join(tail[:1])}")
    if c.relation == "xcomp":
        out.append(f"xcomp_lemma={complement.lemma_.lower()}")
    if c.relation in ("dobj", "prep"):
        out.append(f"lemma|object_pos={lemma}|{complement.pos_}")
    if lemma in lex.cue_verbs:
        out.append(f"known_lemma|dep={dep}")
    return out


@dataclass(frozen=True)
class CueModel:
    """The fitted weights and the probability from which a candidate becomes a claim."""

    weights: dict[str, float]
    thresholds: dict[str, float]  # per relation: a clause is held to a higher precision than a stance

    def probability(self, c: Candidate) -> float:
        score = sum(self.weights.get(f, 0.0) for f in features(c))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def accepts(self, c: Candidate) -> bool:
        """Whether the candidate is a claim: its probability reaches its relation's threshold."""
        threshold = self.thresholds.get(c.relation)
        return threshold is not None and self.probability(c) >= threshold


@lru_cache(maxsize=1)
def cue_model() -> CueModel | None:
    """The shipped model (None when the package was built without one)."""
    try:
        raw = data_json("cue_model.json")
    except FileNotFoundError:
        return None
    return CueModel(weights=dict(raw["weights"]), thresholds={k: float(v) for k, v in raw["thresholds"].items()})


def learned_claims(doc: Doc, in_quote: list[bool], taken: list[Attribution]) -> list[Attribution]:
    """Claims the model finds where the rules found none (no shared cue, no overlapping content)."""
    model = cue_model()
    if model is None:
        return []
    cues = {a.cue_token for a in taken if a.cue_token is not None}
    found = []
    for c in candidates(doc, in_quote):
        if c.verb.i in cues:
            continue
        start, end = c.content
        if end <= start or any(min(e, end) > max(s, start) for a in taken for s, e in a.content):
            continue
        if not model.accepts(c):
            continue
        first, last = phrase(c.subject)
        found.append(
            Attribution(
                content=[(start, end)],
                cue=(c.verb.idx, c.cue_end),
                source=(doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)),
                source_head=c.subject.i,
                construction=LEARNED_CLAUSE
                if c.relation == "ccomp"
                else LEARNED_STANCE,  # object, infinitive or preposition: a stance
                cue_token=c.verb.i,
            )
        )
    return found
