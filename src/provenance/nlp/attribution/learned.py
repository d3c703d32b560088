"""Reported speech the rules do not know, proposed by a model fitted on PolNeAR's train split.

A candidate is a verb with a subject and a clause that holds what was said or meant
("argued that ...", "doubt the plan will work"). Objects ("criticized the plan") and
infinitives ("vowed to veto the bill") are left out by choice: PolNeAR counts them, but
as claims they are stances or short phrases that cannot be traced across outlets (with
infinitives, PolNeAR dev span F1 rose 0.006 more and ECB+ link recall fell 0.047). A logistic model over parse features (the verb's lemma and
how its complement attaches, what the subject is, whether the clause is marked by
"that", negation, tense, whether the verb is a known cue) gives the probability that
the verb attributes its complement to its subject. `eval/train_attribution.py`
fits it (`make train`) and writes `data/cue_model.json`; the rules keep every claim
they find, and a learned candidate is added only where no rule claim stands.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...lexicon import data_json, lexicon
from .record import Attribution

COMPLEMENTS = ("ccomp",)  # a clause: what was said or meant
_SUBJECTS = ("nsubj", "nsubjpass")
_MARKS = {"that", "whether", "if"}


@dataclass(frozen=True)
class Candidate:
    """A verb that may attribute its complement to its subject."""

    verb: Token
    subject: Token
    complement: Token

    @property
    def content(self) -> tuple[int, int]:
        """Character range of the complement's words (edge punctuation left out)."""
        tokens = [t for t in self.complement.subtree if not t.is_space]
        while tokens and (tokens[0].is_punct or tokens[0].lower_ in _MARKS):
            tokens.pop(0)
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if not tokens:
            return self.complement.idx, self.complement.idx
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def candidates(doc: Doc, in_quote: list[bool]) -> Iterator[Candidate]:
    """Every verb with a subject and a complement, outside quotes, one per (verb, complement)."""
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or in_quote[verb.i]:
            continue
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is None and verb.dep_ in ("xcomp", "conj"):  # "has vowed to ...", "and said ..."
            subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
        if subject is None or subject.lower_ in ("it", "there", "this", "that", "which"):
            continue
        for complement in verb.children:
            if complement.dep_ in COMPLEMENTS and complement.i > verb.i:
                yield Candidate(verb, subject, complement)


def features(c: Candidate) -> list[str]:
    """What the model weighs for one candidate (strings; the model keeps a weight per string)."""
    verb, subject, complement = c.verb, c.subject, c.complement
    lemma = verb.lemma_.lower()
    dep = complement.dep_
    lex = lexicon()
    known = lemma in lex.cue_verbs or lemma in lex.quote_verbs
    mark = next((t.lower_ for t in complement.children if t.dep_ == "mark"), "")
    subject_kind = (
        "pron" if subject.pos_ == "PRON" else subject.ent_type_ or ("propn" if subject.pos_ == "PROPN" else "noun")
    )
    size = sum(1 for _ in complement.subtree)
    out = [
        "bias",
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
        f"complement_pos={complement.pos_}|{dep}",
        f"size={min(size, 12) // 3}|{dep}",
        f"negated={any(t.dep_ == 'neg' for t in verb.children)}",
        f"aux={any(t.dep_ in ('aux', 'auxpass') for t in verb.children)}",
    ]
    if lemma in lex.cue_verbs:
        out.append(f"known_lemma|dep={dep}")
    return out


@dataclass(frozen=True)
class CueModel:
    """The fitted weights and the probability from which a candidate becomes a claim."""

    weights: dict[str, float]
    threshold: float

    def probability(self, c: Candidate) -> float:
        score = sum(self.weights.get(f, 0.0) for f in features(c))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@lru_cache(maxsize=1)
def cue_model() -> CueModel | None:
    """The shipped model (None when the package was built without one)."""
    try:
        raw = data_json("cue_model.json")
    except FileNotFoundError:
        return None
    return CueModel(weights=dict(raw["weights"]), threshold=float(raw["threshold"]))


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
        if model.probability(c) < model.threshold:
            continue
        subject_tokens = list(c.subject.subtree)
        found.append(
            Attribution(
                content=[(start, end)],
                cue=(c.verb.idx, c.verb.idx + len(c.verb.text)),
                source=(subject_tokens[0].idx, subject_tokens[-1].idx + len(subject_tokens[-1].text)),
                source_head=c.subject.i,
                construction="learned",
                cue_token=c.verb.i,
            )
        )
    return found
