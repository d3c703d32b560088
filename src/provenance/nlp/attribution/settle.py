"""Settling candidates: one claim per content; "according to" folded into a verb claim as its channel."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .constructions import ACCORDING_TO
from .record import Attribution


def settle(doc: Doc, found: list[Attribution], *, nested: bool = False) -> list[Attribution]:
    """One claim per content: fold 'according to' into a verb claim as via; drop nested cues.
    Returns new records where a claim gains a channel; the given ones are left as they are."""
    verb_like = [a for a in found if a.construction != ACCORDING_TO]
    kept: list[Attribution] = []
    channel: dict[int, Attribution] = {}  # id of a verb claim -> the "according to" claim it takes as via
    for a in found:
        if a.construction != ACCORDING_TO:
            continue
        twin = next(
            (
                v
                for v in verb_like
                if _overlap(v, a) > 0.5 or (v.cue_token is not None and a.start <= doc[v.cue_token].idx < a.end)
            ),
            None,
        )
        if twin is not None and twin.via is None:
            channel.setdefault(id(twin), a)
        elif twin is None:
            kept.append(a)
    verb_like = [
        replace(v, via=channel[id(v)].source, via_head=channel[id(v)].source_head) if id(v) in channel else v
        for v in verb_like
    ]
    candidates = sorted(verb_like + kept, key=lambda a: (a.start, -(a.end - a.start)))
    result: list[Attribution] = []
    for a in candidates:
        clash = next((r for r in result if _overlap(r, a) > 0.5), None)
        if clash is not None:
            continue
        if not nested and a.cue is not None:
            outer = next(
                (
                    r
                    for r in candidates
                    if r is not a
                    and any(s <= a.cue[0] < e for s, e in r.content)
                    and (r.end - r.start) > (a.end - a.start)
                ),
                None,
            )
            if outer is not None:
                continue
        result.append(a)
    return result


def _overlap(a: Attribution, b: Attribution) -> float:
    """Overlap of two claims' contents, as a share of the shorter one."""
    total = 0
    for s1, e1 in a.content:
        for s2, e2 in b.content:
            total += max(0, min(e1, e2) - max(s1, s2))
    shorter = min(sum(e - s for s, e in a.content), sum(e - s for s, e in b.content)) or 1
    return total / shorter
