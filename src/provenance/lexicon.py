"""Every word list and data file the stages share, loaded once from `provenance/data/`.

Adding a cue verb, an anonymous-source noun or a hedge is a data change, never a
code change. This module is the only reader of `data/`; every stage asks it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "provenance"
DATA_FOLDER = "data"

# the calendar's words, as dates are written in news ("Tue, Mar 3", "Sept. 12"): read by metadata, figures, speakers
MONTHS = "january february march april may june july august september october november december".split()
MONTH_ABBREVIATIONS = "jan feb mar apr jun jul aug sep sept oct nov dec".split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
WEEKDAY_ABBREVIATIONS = "mon tue tues wed thu thur thurs fri sat sun".split()


def _read(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(f"{DATA_FOLDER}/{name}").read_text("utf-8")


def lines(name: str) -> list[str]:
    """The non-empty, non-comment lines of a word list, stripped."""
    return [line.strip() for line in _read(name).splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """A plain word list of `data/` (one word or phrase a line), read once: the vocabulary a rule reads."""
    return frozenset(lines(name))


def data_json(name: str) -> Any:
    """A JSON data file (the fitted pair model)."""
    return json.loads(_read(name))


def data_fingerprint() -> str:
    """A hash of every data file: extraction results depend on them."""
    digest = hashlib.sha256()
    folder = resources.files(DATA_PACKAGE).joinpath(DATA_FOLDER)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".txt", ".json")):
            digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()


@cache
def code_fingerprint(*parts: str) -> str:
    """A hash of the package's own source files under `parts` (modules or folders): results
    cached by one build of the code are never served by another, released or not."""
    digest = hashlib.sha256()
    root = resources.files(DATA_PACKAGE)
    for part in parts:
        entry = root.joinpath(part)
        files = [entry] if part.endswith(".py") else _python_files(entry)
        for source in sorted(files, key=lambda e: str(e)):
            digest.update(str(source).rsplit(DATA_PACKAGE, 1)[-1].encode() + source.read_bytes())
    return digest.hexdigest()


def _python_files(folder: Any) -> list[Any]:
    found = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found.extend(_python_files(entry))
        elif entry.name.endswith(".py"):
            found.append(entry)
    return found


@dataclass(frozen=True)
class CueVerb:
    """A cue verb lemma and how its content may attach besides a clause."""

    lemma: str
    takes_object: bool
    takes_infinitive: bool
    particles: frozenset[str]
    particles_only: bool = False  # "call" reports only as "call for/on"; "what it calls X" names
    quoted_only: bool = False  # "branded North Korea an “outlaw nation”": a cue only with a quote after it


@dataclass(frozen=True)
class NumberWord:
    value: float
    kind: str  # cardinal | scale | fraction | ordinal


@dataclass(frozen=True)
class Lexicon:
    cue_verbs: dict[str, CueVerb]
    quote_verbs: dict[str, CueVerb]  # cues only next to a direct quote ("she continued, “...”")
    cue_nouns: frozenset[str]
    person_titles: frozenset[str]
    anonymous_heads: frozenset[str]
    group_heads: frozenset[str]
    document_heads: frozenset[str]  # sources that are documents or data ("the report found")
    government_words: frozenset[str]
    media_words: frozenset[str]
    agencies: dict[str, str]  # lower-cased name -> canonical spelling
    number_words: dict[str, list[NumberWord]]
    hedges: list[tuple[str, str, tuple[str, ...]]]  # (hedge, before|after, words), longest first
    proper_nouns: dict[tuple[str, ...], tuple[str, ...]]  # lower-cased words -> cased words
    stopwords: frozenset[str]
    first_names: dict[str, str]  # lower-cased first name -> "f" or "m", where the name says so
    generic_name_words: frozenset[str]  # capitalized words that tell no incident from another


def _cue_verbs() -> tuple[dict[str, CueVerb], dict[str, CueVerb]]:
    verbs: dict[str, CueVerb] = {}
    quote_verbs: dict[str, CueVerb] = {}
    for line in lines("cue_verbs.txt"):
        lemma, _, rest = line.partition(":")
        words = rest.split()
        table = quote_verbs if "quote" in words else verbs
        table[lemma.strip()] = CueVerb(
            lemma=lemma.strip(),
            takes_object="obj" in words,
            takes_infinitive="to" in words,
            particles=frozenset(w for w in words if w not in ("obj", "to", "only", "quote", "label")),
            quoted_only="label" in words,
            particles_only="only" in words,
        )
    return verbs, quote_verbs


def _number_words() -> dict[str, list[NumberWord]]:
    table: dict[str, list[NumberWord]] = {}
    for line in lines("number_words.txt"):
        word, value, kind = line.split()
        table.setdefault(word, []).append(NumberWord(float(value), kind))
    return table


def _hedges() -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    for line in lines("hedges.txt"):
        hedge, position, phrase = (part.strip() for part in line.split("|"))
        out.append((hedge, position, tuple(phrase.lower().split())))
    return sorted(out, key=lambda h: -len(h[2]))


def _proper_nouns() -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in lines("proper_nouns.txt"):
        words = tuple(line.split())
        table[tuple(w.lower() for w in words)] = words
    return table


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """All word lists, read once per process."""
    verbs, quote_verbs = _cue_verbs()
    return Lexicon(
        cue_verbs=verbs,
        quote_verbs=quote_verbs,
        cue_nouns=frozenset(lines("cue_nouns.txt")),
        person_titles=frozenset(lines("person_titles.txt")),
        anonymous_heads=frozenset(lines("anonymous_heads.txt")),
        group_heads=frozenset(lines("group_heads.txt")),
        document_heads=frozenset(lines("document_heads.txt")),
        government_words=frozenset(lines("government_words.txt")),
        media_words=frozenset(lines("media_words.txt")),
        agencies={name.lower(): name for name in lines("agencies.txt")},
        number_words=_number_words(),
        hedges=_hedges(),
        proper_nouns=_proper_nouns(),
        stopwords=frozenset(lines("stopwords.txt")),
        first_names=dict(line.split() for line in lines("first_names.txt")),
        generic_name_words=frozenset(lines("generic_name_words.txt")),
    )
