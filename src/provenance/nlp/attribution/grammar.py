"""The dependency labels and marks every attribution stage reads, and the dateline that opens a wire story."""

from __future__ import annotations

from spacy.tokens import Doc

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OPENING_MARKS = ("“", "‘", "``")  # marks that open a quote: a cue right after one precedes its quote


def dateline_end(doc: Doc, start: int, end: int) -> int:
    """Where a dateline such as 'BEIJING (Reuters) -', 'HARROWGATE, Kenya (AP) —' or 'BEIJING:' at `start` ends
    (`start` when there is none): a dash or colon within twelve tokens ('ORAN HARBOUR, March 3 (AP) —' is nine),
    after a closing bracket or a word in capitals."""
    for i in range(start, min(end, start + 12)):
        if doc[i].text in ("-", "—", "–", ":") and i > start and (doc[i - 1].text == ")" or doc[i - 1].is_upper):
            return i + 1
    return start
