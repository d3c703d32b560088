"""Paragraph breaks are sentence breaks.

Headlines, datelines and one-sentence-per-line wire copy carry no final full
stop; without this the parser glues a headline onto the first sentence and a
claim's content runs back into the title.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .guard import guarded


class ParagraphSentencizer:
    """spaCy component (before the parser): a token after a line break starts a sentence."""

    def __init__(self, nlp: Language, name: str, *, min_newlines: int = 1) -> None:
        """`min_newlines`: how many newlines in a whitespace run make a break (1: every line)."""
        self.name = name
        self.min_newlines = min_newlines

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        for i, token in enumerate(doc[:-1]):
            breaks = token.whitespace_.count("\n") + (token.text.count("\n") if token.is_space else 0)
            if breaks >= self.min_newlines:
                nxt = doc[i + 1]
                if not nxt.is_space:
                    nxt.is_sent_start = True
        return doc


@Language.factory("provenance_paragraphs", default_config={"min_newlines": 1}, assigns=["token.is_sent_start"])
def make_paragraph_sentencizer(nlp: Language, name: str, min_newlines: int) -> ParagraphSentencizer:
    return ParagraphSentencizer(nlp, name, min_newlines=min_newlines)
