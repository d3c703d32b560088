"""Text repair that never moves a character.

Some copy reaches us lower-cased and tokenized ("china s", "don t", "they re"):
the parser and the entity recogniser do much worse on it. Every repair here
replaces characters one for one (a space by an apostrophe, a letter by its
capital), so a position in the repaired text is the same position in the
document text, and through `Document.offsets` in the raw file. That is the
offset map: identity by construction, checked by `repair_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import lexicon

_CONTRACTION_N_T = re.compile(
    r"\b(do|does|did|don|doesn|didn|can|couldn|won|wouldn|shouldn|isn|aren|wasn|weren|hasn|haven|hadn|ain|mustn|needn)"
    r" (t)\b",
    re.I,
)
_CLITIC = re.compile(r"(?<=[a-z0-9]) (s|re|ve|ll|m|d)(?= [^\w]| \w|$)", re.M)
_SENTENCE_START = re.compile(r"(?:\A|(?<!\.\.)[.!?]\s+|\n\s*|\(\s*|[\"“‘]\s*)([a-z])")
_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Repair:
    """The repaired text plus what was done, for tests and diagnostics."""

    text: str
    lowercased: bool
    tokenized: bool


def is_lowercased(text: str) -> bool:
    """True for copy whose capitals were stripped (fewer than 1 in 500 letters upper-case)."""
    letters = _LETTER.findall(text[:20000])
    if len(letters) < 200:
        return False
    upper = sum(1 for ch in letters if ch.isupper())
    return upper / len(letters) < 0.002


def is_tokenized(text: str) -> bool:
    """True for copy with spaces before punctuation ("word , word .") as tokenizers leave it."""
    sample = text[:20000]
    spaced = len(re.findall(r"\w [,.;:]", sample))
    tight = len(re.findall(r"\w[,.;:] ", sample))
    return spaced > 5 and spaced > tight


def proper_nouns() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Lower-cased word tuple -> cased word tuple, from data/proper_nouns.txt."""
    return lexicon().proper_nouns


def _replace(chars: list[str], start: int, replacement: str) -> None:
    for i, ch in enumerate(replacement):
        chars[start + i] = ch


def repair_text(text: str) -> Repair:
    """Repair lower-cased, tokenized copy in place; other text comes back unchanged."""
    lowercased = is_lowercased(text)
    tokenized = is_tokenized(text)
    if not lowercased and not tokenized:
        return Repair(text, False, False)
    chars = list(text)
    if tokenized:
        for match in _CONTRACTION_N_T.finditer(text):
            chars[match.start(2) - 1] = "'"
        for match in _CLITIC.finditer(text):
            chars[match.start()] = "'"
    if lowercased:
        for match in _SENTENCE_START.finditer(text):
            chars[match.start(1)] = match.group(1).upper()
        for match in re.finditer(r"(?<![\w'])i(?![\w'])", text):
            chars[match.start()] = "I"
        _restore_proper_nouns(text, chars)
    repaired = "".join(chars)
    assert len(repaired) == len(text)
    return Repair(repaired, lowercased, tokenized)


def _restore_proper_nouns(text: str, chars: list[str]) -> None:
    table = proper_nouns()
    longest = max((len(k) for k in table), default=1)
    words = [(m.start(), m.group(0)) for m in re.finditer(r"[a-z]+", text)]
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            key = tuple(w for _, w in words[i : i + size])
            cased = table.get(key)
            if cased and _adjacent(text, words[i : i + size]):
                for (start, _), form in zip(words[i : i + size], cased):
                    _replace(chars, start, form)
                i += size
                break
        else:
            i += 1


def _adjacent(text: str, words: list[tuple[int, str]]) -> bool:
    """Words of a phrase are separated by single spaces only."""
    for (s1, w1), (s2, _) in zip(words, words[1:]):
        if text[s1 + len(w1) : s2] != " ":
            return False
    return True


def capitalize_words(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Upper-case the first letter of each [start, end) word span (length-preserving)."""
    chars = list(text)
    for start, end in spans:
        if start < end and chars[start].islower():
            chars[start] = chars[start].upper()
    return "".join(chars)


_LINE_ENDS_SENTENCE = tuple('.!?:;"”’)]')
WRAPPED_MIN_LINES = 4  # lines of prose a text needs before it can be told hard-wrapped
WRAPPED_SHARE = 0.5  # share of its lines of prose that must end inside a sentence
PROSE_LINE = 40  # characters: a shorter line may be a headline, a date or a byline, not a wrapped line
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def _title_like(line: str) -> bool:
    """A headline, a masthead or a date line: most of its words capitalized (or none of them words)."""
    words = _WORDS.findall(line)
    return not words or sum(1 for w in words if w[0].isupper()) >= 0.6 * len(words)


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a text was wrapped at a column (a .txt saved at 70 columns, a PDF's lines): most of its lines of
    prose end inside a sentence. Wire copy of one sentence a line ends its lines; headlines and dates are short."""
    prose = [line.rstrip() for line in lines if len(line.strip()) >= PROSE_LINE]
    if len(prose) < WRAPPED_MIN_LINES:
        return False
    open_ended = sum(1 for line in prose[:-1] if not line.endswith(_LINE_ENDS_SENTENCE))
    return open_ended >= WRAPPED_SHARE * (len(prose) - 1)


def unwrap_lines(text: str) -> str:
    """Paragraphs, not lines: a single line break inside a paragraph becomes a space (one character for
    one, so positions still point into the file). A break stays where a blank line or an indented line
    follows, where the line ends a sentence or reads as a headline or a date, and, unless the text is
    hard-wrapped, before anything but a lower-case word. The pipeline takes every remaining line break for a
    sentence break."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    wrapped = _hard_wrapped(lines)
    chars = list(text)
    at = 0
    for line, following in zip(lines, lines[1:]):
        at += len(line)  # the "\n" after this line
        stripped, opening = line.rstrip(), following.lstrip()
        if (
            stripped
            and opening
            and following[:1] not in (" ", "\t")
            and not stripped.endswith(_LINE_ENDS_SENTENCE)
            and not _title_like(stripped)
            and (opening[0].islower() or wrapped and opening[0].isalnum())
        ):
            chars[at] = " "
        at += 1
    return "".join(chars)
