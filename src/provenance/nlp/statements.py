"""Statements: the sentences an outlet states itself, crediting no one.

A fact-checker follows these as closely as attributed claims: when one outlet writes
"…, according to diplomatic sources" and another prints the same words as plain fact,
the attribution was dropped. A statement is a declarative sentence with a subject and
a verb, long enough to say something, outside every attributed claim and its cue.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from .attribution.constructions import LEARNED_STANCE
from .guard import guarded

_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}


def _counts(token: Token) -> bool:
    """A number that says how many or how much ("$54 million", "40"), not a year ("to host 2014 Oscars")."""
    return token.like_num and not (len(token.text) == 4 and token.text.isdigit() and token.text[:2] in ("19", "20"))


class StatementFinder:
    """spaCy component: `doc._.statements`, the (start, end) character spans of unattributed statements."""

    def __init__(self, nlp: Language, name: str, *, min_words: int = 6) -> None:
        """`min_words`: fewer words than this (a number counts as one: "Damage was estimated at $54 million")
        is a headline or a fragment, not a statement."""
        self.name = name
        self.min_words = min_words
        if not Doc.has_extension("statements"):
            Doc.set_extension("statements", default=None)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        doc._.statements = self.match(doc)
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int]]:
        claimed = sorted(
            span
            for a in doc._.attributions or []
            if a.construction != LEARNED_STANCE  # "X criticized the plan": the outlet states that, in its own words
            for span in [*a.content, *([a.cue] if a.cue else []), *([a.source] if a.source else [])]
        )
        found = []
        for sent in doc.sents:
            tokens = [t for t in sent if not t.is_space]
            if not tokens or sum(1 for t in tokens if t.is_alpha or _counts(t)) < self.min_words:
                continue
            if tokens[-1].text == "?" or not any(
                t.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in t.children) for t in tokens
            ):
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            if any(s < end and start < e for s, e in claimed):
                continue  # part of an attributed claim: the claim is the record
            found.append((start, end))
        return found


@Language.factory(
    "provenance_statements",
    default_config={"min_words": 6},
    requires=["doc._.attributions", "doc.sents", "token.dep"],
    assigns=["doc._.statements"],
)
def make_statement_finder(nlp: Language, name: str, min_words: int) -> StatementFinder:
    return StatementFinder(nlp, name, min_words=min_words)
