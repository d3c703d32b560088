"""A claim's kind: direct (quoted), mixed (partly quoted) or indirect."""

from __future__ import annotations

import re

from spacy.tokens import Span

from .record import Attribution

_FIRST_PERSON = re.compile(r"\b(I|we|us|our|ours|my|me|I'm|we're|we've)\b", re.I)


def _first_person(text: str) -> bool:
    """First-person words in reported content are the speaker's own: indirect speech shifts them."""
    return bool(_FIRST_PERSON.search(text))


def kind_of(attribution: Attribution, quotes: list[Span], text: str) -> str:
    """direct when quotes cover the content, mixed when they cover part of it, else indirect (`text`: the doc's)."""
    covered = 0
    total = 0
    for s, e in attribution.content:
        total += e - s
        for q in quotes:
            covered += max(0, min(e, q.end_char) - max(s, q.start_char))
    if not total or not covered:
        if (
            attribution.cue
            and attribution.cue[0] >= attribution.end
            and _first_person(" ".join(text[s:e] for s, e in attribution.content))
        ):
            return "direct"  # "we must build ..., he told a meeting": a quote whose marks were lost
        return "indirect"
    return "direct" if covered >= 0.9 * total else "mixed"
