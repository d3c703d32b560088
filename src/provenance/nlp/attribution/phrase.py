"""The words that name a speaker: a noun phrase as printed, for the `speaker` column."""

from __future__ import annotations

from spacy.tokens import Token


def phrase(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by `tok` (its subtree), trimmed of edge punctuation.

    A relative clause set off by a comma ("the coach, who declined to elaborate") says more about the
    speaker, not who it is, and is left out. A relative pronoun stays as written ("who"): the speakers
    component resolves it to its antecedent.
    """
    doc = tok.doc
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    for child in tok.children:
        if child.dep_ == "relcl" and child.i > tok.i:
            first = child.left_edge.i
            if first > start and doc[first - 1].text == ",":
                end = min(end, first - 1)
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    opened = sum(t.text == "(" for t in doc[start:end]) - sum(t.text == ")" for t in doc[start:end])
    if opened > 0 and end < len(doc) and doc[end].text == ")":
        end += 1  # "Sen. Maria Lopez (D-N.M.)": a party and state keep their closing parenthesis
    return (start, end) if end > start else (tok.i, tok.i + 1)
