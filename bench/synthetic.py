"""Synthetic claim corpora for timing the resolver at sizes no real test set has.

Stories are random sentences over a Zipf-distributed vocabulary; each story is
carried by one to four documents, with some words dropped or replaced, the way
outlets rewrite each other. Deterministic for a given seed.
"""

from __future__ import annotations

import itertools
import random

from provenance.records import Claim, Document

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "de", "pa", "zu", "ge", "ho", "fi", "ba", "we"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def corpus(n_claims: int, seed: int = 7, claims_per_doc: int = 20) -> tuple[list[Claim], list[Document]]:
    rng = random.Random(seed)
    vocab = vocabulary(50_000, rng)
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    claims: list[Claim] = []
    doc_of = 0
    slot = 0
    while len(claims) < n_claims:
        base = rng.choices(vocab, cum_weights=cumulative, k=rng.randint(10, 24))
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            words = [
                w if rng.random() > 0.15 else rng.choices(vocab, cum_weights=cumulative)[0]
                for w in base
                if rng.random() > 0.1
            ]
            text = " ".join(words)
            doc = f"d{(doc_of + rng.randint(0, 50)) % max(1, n_claims // claims_per_doc):06d}.txt"
            claims.append(
                Claim(
                    claim_id=f"c{len(claims)}",
                    doc=doc,
                    outlet="",
                    published="",
                    kind="indirect",
                    speaker="he",
                    speaker_name="Speaker",
                    speaker_type="person",
                    cue="said",
                    text=text,
                    start=slot,
                    end=slot + len(text),
                    sentence=text,
                    via="",
                )
            )
            slot += len(text) + 1
        doc_of += 1
    docs = sorted({c.doc for c in claims})
    return claims[:n_claims], [Document(doc=d, path=d, raw="", text="") for d in docs]
