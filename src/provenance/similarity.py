"""How alike two statements are: lexical features and a small logistic model over them.

Why not embeddings: the measured gain of a sentence-embedding model on news
paraphrase pairs (MSRP) is small next to its cost (torch, 1.4 GiB) and it would
have to ship inside the package. A handful of overlap features (stems, bigrams,
character ratios, numbers, names) combined by logistic regression fitted on
MSRP does as well and costs microseconds. `eval/fit_linker.py` fits the weights
(with cross-validation) and writes them to `data/pair_model.json`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .lexicon import data_json, lexicon
from .settings import VERBATIM_RATIO

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# digits opening a word of a name are no figure: "the Millbrook 76ers", "the Bay City 49ers"
# (a unit glued to a number is still one: "5km", "$2.5bn", "9am")
_NAME_NUMBER = re.compile(r"[A-Z][\w.&'’-]*\s+(\d+)[a-z]{3,}\b")
_NEGATIONS = {"not", "no", "never", "n't", "none", "nobody", "nothing", "neither", "nor", "without"}
# Words that undo an act: "withdrew the offer" is not the offer, "rescind the rule" not the rule.
# Two versions alike in every other word may still say opposite things; see `Profile.reverses`.
_REVERSAL_STEMS = ("withdr", "retract", "rescind", "revok", "cancel", "overturn", "revers")
_REVERSAL_PHRASES = {("call", "off")}  # first word stemmed; "pulled out", "walked back" are as often places
FEATURES = (
    "stem_jaccard",
    "stem_containment_min",
    "stem_containment_max",
    "bigram_jaccard",
    "tfidf_cosine",
    "token_set_ratio",
    "token_sort_ratio",
    "char_ratio",
    "length_ratio",
    "numbers_equal",
    "numbers_differ",
    "names_jaccard",
    "negation_mismatch",
)


def stopwords() -> frozenset[str]:
    return lexicon().stopwords


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """A light English stemmer: enough to meet "notices"/"notice", "issued"/"issue", "countries"/"country"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "xes", "zes", "ches", "shes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


@dataclass(frozen=True, slots=True)
class Profile:
    """What the features need from one statement, computed once."""

    text: str
    length: int  # words
    stems: frozenset[str]
    bigrams: frozenset[str]  # adjacent content stems, "a b" (one string each: a million profiles stay small)
    numbers: frozenset[str]
    names: frozenset[str]
    negated: bool
    reverses: bool  # undoes an act ("withdrew the offer", "called off the strike")
    squashed: str  # lower-case letters and digits only: "They're" == "they re"


def content_stems(text: str) -> frozenset[str]:
    """`profile(text).stems` alone, for counting a corpus's stems without keeping its profiles."""
    return frozenset(_content([w.lower().replace("’", "'") for w in _WORD.findall(text)]))


def squash(text: str) -> str:
    """Lower-case letters and digits only: the wording copies share ("They're" == "they re")."""
    return re.sub(r"[\W_]+", "", text.lower())


def _content(lower: list[str]) -> list[str]:
    stop = stopwords()
    return [stem(w) for w in lower if w not in stop and not w.isdigit()]


def profile(text: str) -> Profile:
    words = tuple(_WORD.findall(text))
    lower = [w.lower().replace("’", "'") for w in words]
    content = _content(lower)
    names = frozenset(
        w.lower() for i, w in enumerate(words) if w[:1].isupper() and i > 0 and w.lower() not in stopwords()
    )
    return Profile(
        text=text,
        length=len(lower),
        stems=frozenset(content),
        bigrams=frozenset(f"{a} {b}" for a, b in zip(content, content[1:])),
        numbers=frozenset(n.replace(",", "") for n in _NUMBER.findall(_NAME_NUMBER.sub(" ", text))),
        names=names,
        negated=any(w in _NEGATIONS or w.endswith("n't") for w in lower),
        reverses=reverses(lower),
        squashed=squash(text),
    )


def words_of(text: str) -> list[str]:
    """The words of a text as profiles read them (letters and digits, inner apostrophes kept)."""
    return _WORD.findall(text)


def reverses(lower: list[str]) -> bool:
    """Whether lower-cased words undo an act: "withdrew", "rescinded", "overturned", "called off"."""
    return any(w.startswith(_REVERSAL_STEMS) for w in lower) or any(
        (stem(a), b) in _REVERSAL_PHRASES for a, b in zip(lower, lower[1:])
    )


def _jaccard(a: frozenset, b: frozenset) -> float:  # type: ignore[type-arg]
    return len(a & b) / len(a | b) if a or b else 0.0


def verbatim_ratio(a: Profile, b: Profile) -> float:
    """How near two wordings are letter for letter (0-1): one of `features`, and the copy test."""
    return fuzz.ratio(a.squashed, b.squashed) / 100.0


def near_verbatim(a: Profile, b: Profile) -> bool:
    """One wording copied from the other, give or take a few letters (a copy's relation, a link across stories)."""
    return a.squashed == b.squashed or verbatim_ratio(a, b) >= VERBATIM_RATIO


def features(a: Profile, b: Profile, idf: dict[str, float] | None = None) -> list[float]:
    """The feature vector of a pair, in FEATURES order."""
    inter = len(a.stems & b.stems)
    small, large = min(len(a.stems), len(b.stems)), max(len(a.stems), len(b.stems))
    idf = idf or {}
    default = idf.default if isinstance(idf, Idf) else max(idf.values(), default=1.0)

    def weight(s: str) -> float:
        return idf.get(s, default)

    # fsum: exact, so the result does not depend on set order (and so on PYTHONHASHSEED)
    if isinstance(idf, Idf):
        dot = math.fsum(map(idf.squares().__getitem__, a.stems & b.stems))  # in C: linking calls this millions of times
        norm = idf.norm(a) * idf.norm(b)
    else:
        dot = math.fsum(weight(s) ** 2 for s in a.stems & b.stems)
        norm = math.sqrt(math.fsum(weight(s) ** 2 for s in a.stems)) * math.sqrt(
            math.fsum(weight(s) ** 2 for s in b.stems)
        )
    la, lb = a.length, b.length
    return [
        _jaccard(a.stems, b.stems),
        inter / small if small else 0.0,
        inter / large if large else 0.0,
        _jaccard(a.bigrams, b.bigrams),
        dot / norm if norm else 0.0,
        fuzz.token_set_ratio(a.text, b.text) / 100.0,
        fuzz.token_sort_ratio(a.text, b.text) / 100.0,
        verbatim_ratio(a, b),
        min(la, lb) / max(la, lb) if la and lb else 0.0,
        1.0 if a.numbers == b.numbers else 0.0,
        1.0 if a.numbers and b.numbers and not (a.numbers & b.numbers) else 0.0,
        _jaccard(a.names, b.names),
        1.0 if a.negated != b.negated else 0.0,
    ]


class Idf(dict):  # type: ignore[type-arg]
    """Stem -> inverse document frequency; `default` is the weight of an unseen stem."""

    default: float = 1.0

    def squares(self) -> _Squares:
        """Stem -> squared weight (an unseen stem's too), computed once."""
        cached: _Squares | None = self.__dict__.get("_squares")
        if cached is None:
            cached = _Squares({s: w**2 for s, w in self.items()})
            cached.default = self.default**2
            self.__dict__["_squares"] = cached
        return cached

    def norm(self, p: Profile) -> float:
        """The length of a profile's tf-idf vector, computed once per profile (linking compares each many times)."""
        cache: dict[int, tuple[Profile, float]] = self.__dict__.setdefault("_norms", {})
        hit = cache.get(id(p))
        if hit is not None and hit[0] is p:
            return hit[1]
        value = math.sqrt(math.fsum(map(self.squares().__getitem__, p.stems)))
        cache[id(p)] = (p, value)
        return value


class _Squares(dict):  # type: ignore[type-arg]
    default: float = 1.0

    def __missing__(self, stem: str) -> float:
        return self.default


def idf_from_counts(counts: dict[str, int], n: int) -> Idf:
    idf = Idf({s: math.log((1 + n) / (1 + c)) + 1.0 for s, c in counts.items()})
    idf.default = math.log(1 + n) + 1.0
    return idf


def inverse_document_frequency(profiles: Iterable[Profile]) -> Idf:
    counts: dict[str, int] = {}
    n = 0
    for p in profiles:
        n += 1
        for s in p.stems:
            counts[s] = counts.get(s, 0) + 1
    return idf_from_counts(counts, n)


@dataclass(frozen=True)
class PairModel:
    """Logistic regression over `features`: P(same statement)."""

    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float

    def probability(self, vector: Sequence[float]) -> float:
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, vector, self.means, self.scales))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps(
            {
                "features": FEATURES,
                "weights": self.weights,
                "bias": self.bias,
                "means": self.means,
                "scales": self.scales,
                "threshold": self.threshold,
            },
            indent=2,
        )


@lru_cache(maxsize=1)
def pair_model() -> PairModel:
    data = data_json("pair_model.json")
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError("data/pair_model.json was fitted on other features: run eval/fit_linker.py again")
    return PairModel(
        tuple(data["weights"]), data["bias"], tuple(data["means"]), tuple(data["scales"]), data["threshold"]
    )


def fit(
    vectors: list[list[float]], labels: list[int], *, l2: float = 1e-3, epochs: int = 400, rate: float = 0.5
) -> PairModel:
    """Fit logistic regression by full-batch gradient descent on standardised features."""
    n, k = len(vectors), len(vectors[0])
    means = [sum(v[j] for v in vectors) / n for j in range(k)]
    scales = [math.sqrt(sum((v[j] - means[j]) ** 2 for v in vectors) / n) or 1.0 for j in range(k)]
    xs = [[(v[j] - means[j]) / scales[j] for j in range(k)] for v in vectors]
    w = [0.0] * k
    b = 0.0
    for _ in range(epochs):
        gw = [0.0] * k
        gb = 0.0
        for x, y in zip(xs, labels):
            z = b + sum(wj * xj for wj, xj in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            d = p - y
            gb += d
            for j in range(k):
                gw[j] += d * x[j]
        b -= rate * gb / n
        w = [wj - rate * (gj / n + l2 * wj) for wj, gj in zip(w, gw)]
    return PairModel(tuple(w), b, tuple(means), tuple(scales), 0.5)
