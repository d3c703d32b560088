"""The writer's tail: what a reporter appends to reported content after a comma or a dash.

"She said the plan would fail, which surprised her allies", "the test was its largest,
although experts doubt it", "he called the town a 'fortress' — a word his rivals mocked":
the last clause is the outlet's gloss, not the speaker's words, and a claim that keeps it
credits the speaker with it. A speech participle (", adding that ...") opens a report of its
own and is cut too; any other trailing participle (", prompting protests") is left alone: on
PolNeAR train the annotators keep it with the content more often than not. A tail is cut
only when it runs to the end of the content, follows the cue, and no quote holds any of it:
inside a quote the speaker said it, and content that comes before its cue ("..., which bans
any intervention, the agency said") is often a quote whose marks were lost.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ...lexicon import lexicon
from .record import Attribution

_SEPARATORS = {",", "—", "–", "--", "-"}
_DASHES = _SEPARATORS - {","}
# ", where ..." and ", when ..." stay: in news they often carry the place and time that identify the event
# (on ECB+ cutting them lost links between outlets' versions of one incident)
_RELATIVES = {"which", "who", "whom", "whose"}
_CONCESSIVES = {"although", "though", "whereas"}
_MIN_KEPT_TOKENS = 3


def ending_at(attribution: Attribution, end_char: int) -> Attribution:
    """The claim with its last content segment ending at `end_char` (a new record: the given one is kept)."""
    start_char, _ = attribution.content[-1]
    return replace(attribution, content=[*attribution.content[:-1], (start_char, end_char)])


def cut_writers_tail(doc: Doc, attribution: Attribution, in_quote: list[bool]) -> Attribution:
    """The claim without a trailing gloss of the writer's at the end of its last content segment, if it has one."""
    start_char, end_char = attribution.content[-1]
    if attribution.cue is None or attribution.cue[0] >= end_char:
        return (
            attribution  # "..., which bans any intervention, the agency said": content before its cue is the speaker's
        )
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) <= _MIN_KEPT_TOKENS + 2:
        return attribution
    last = span.end
    while last > span.start and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    for tok in doc[span.start + _MIN_KEPT_TOKENS + 1 : last]:
        separator = doc[tok.i - 1]
        if separator.text not in _SEPARATORS or in_quote[tok.i]:
            continue
        gloss = _gloss_head(tok, dash=separator.text in _DASHES)
        if gloss is None or gloss.right_edge.i + 1 < last or gloss.left_edge.i < tok.i:
            continue
        if any(in_quote[i] for i in range(tok.i, last)):
            continue
        keep_end = separator.i
        while keep_end > span.start and (doc[keep_end - 1].is_punct or doc[keep_end - 1].is_space):
            if doc[keep_end - 1].is_quote or doc[keep_end - 1].text in ("%", ")"):
                break
            keep_end -= 1
        if keep_end - span.start < _MIN_KEPT_TOKENS:
            return attribution
        return ending_at(attribution, doc[keep_end - 1].idx + len(doc[keep_end - 1].text))
    return attribution


def _gloss_head(tok: Token, *, dash: bool) -> Token | None:
    """The head of the gloss that `tok` opens, or None when `tok` opens none."""
    opened = [a for a in (tok, *tok.ancestors) if a.left_edge.i == tok.i]  # the phrases `tok` begins
    if tok.lower_ in _RELATIVES:
        return next((a for a in opened if a.dep_ == "relcl"), None)  # ", which delayed the vote by a week"
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj", "xcomp") and tok.lemma_.lower() in lexicon().cue_verbs:
        return tok  # ", telling reporters that ...": the participle opens a report of its own
    if tok.lower_ in _CONCESSIVES and tok.dep_ == "mark" and tok.head.dep_ == "advcl":
        return tok.head  # ", although the count is not yet final"
    noun = next((a for a in opened if a.pos_ in ("NOUN", "PROPN") and a.dep_ in ("appos", "npadvmod")), None)
    if noun is None and dash:  # 'likened the rules to "burning the law" - a charge ...': read as a second object
        noun = next(
            (
                a
                for a in opened
                if a.pos_ == "NOUN"
                and a.dep_ == "dobj"
                and any(c.dep_ == "dobj" and c.i < a.i for c in a.head.children)
            ),
            None,
        )
    if noun is not None and (
        dash or noun.head.pos_ in ("VERB", "AUX") or noun.dep_ == "appos" and noun.head.pos_ == "PROPN"
    ):
        # "— a word his rivals mocked", "..., an admission his aides welcomed": a noun phrase set off by a dash,
        # or by a comma when it glosses the whole clause rather than renaming a noun; "... with the Harbour
        # Trust, the charity that owns the pier": the writer's description of a name the speaker used
        return noun
    return None


_OCCASION_PREPS = {"during"}


def cut_occasion_after_quote(doc: Doc, attribution: Attribution, in_quote: list[bool]) -> Attribution:
    """The claim without content that runs on past a closed quote into when it was said: 'blasted Clinton as a
    “disgrace” Wednesday on a radio show', 'criticized the law as a “crazy system” during a campaign stop'.
    The quote closes the speaker's words; a date or a "during" phrase after it is the writer's circumstance."""
    start_char, end_char = attribution.content[-1]
    if attribution.cue is None or attribution.cue[0] >= start_char:
        return attribution
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return attribution
    for mark in span[1:-1]:
        if not (mark.is_quote and in_quote[mark.i - 1] and not in_quote[mark.i + 1]):
            continue
        after = doc[mark.i + 2] if doc[mark.i + 1].is_punct and mark.i + 2 < span.end else doc[mark.i + 1]
        occasion = (after.dep_ == "npadvmod" and after.ent_type_ in ("DATE", "TIME")) or (
            after.dep_ == "prep" and after.lower_ in _OCCASION_PREPS
        )
        if occasion and not any(in_quote[i] for i in range(mark.i + 1, span.end)):
            return ending_at(attribution, mark.idx + len(mark.text))
    return attribution
