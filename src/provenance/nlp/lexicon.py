"""Word lists the components share, loaded once from `nlp/data/*.txt`.

Adding a cue verb or an anonymous-source noun is a data change, never a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("provenance.nlp").joinpath(f"data/{name}").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


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
class Lexicon:
    cue_verbs: dict[str, CueVerb]
    quote_verbs: dict[str, CueVerb]  # cues only next to a direct quote ("she continued, “...”")
    cue_nouns: frozenset[str]
    person_titles: frozenset[str]
    anonymous_heads: frozenset[str]
    group_heads: frozenset[str]
    government_words: frozenset[str]
    media_words: frozenset[str]
    agencies: dict[str, str]  # lower-cased name -> canonical spelling


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    verbs: dict[str, CueVerb] = {}
    quote_verbs: dict[str, CueVerb] = {}
    for line in _lines("cue_verbs.txt"):
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
    return Lexicon(
        cue_verbs=verbs,
        quote_verbs=quote_verbs,
        cue_nouns=frozenset(_lines("cue_nouns.txt")),
        person_titles=frozenset(_lines("person_titles.txt")),
        anonymous_heads=frozenset(_lines("anonymous_heads.txt")),
        group_heads=frozenset(_lines("group_heads.txt")),
        government_words=frozenset(_lines("government_words.txt")),
        media_words=frozenset(_lines("media_words.txt")),
        agencies={name.lower(): name for name in _lines("agencies.txt")},
    )
