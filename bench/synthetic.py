"""Synthetic claim corpora for timing the resolver at sizes no real test set has.

A corpus is a set of stories. Each story has its own words (drawn from a
Zipf-distributed vocabulary) and a pool of statements; its documents carry
statements from the pool, most verbatim, some with words dropped or replaced (the
way outlets rewrite each other), and a few of their own. Story sizes have a heavy
tail, so a few wire stories are carried by thousands of documents while most are
carried by a handful: the spread the resolver must link. Deterministic for a seed.
"""

from __future__ import annotations

import itertools
import random

from provenance.records import Claim, Document, DocumentInfo

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "de", "pa", "zu", "ge", "ho", "fi", "ba", "we"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def corpus(
    n_claims: int, seed: int = 7, claims_per_doc: int = 20, max_story_docs: int = 5_000
) -> tuple[list[Claim], list[DocumentInfo]]:
    rng = random.Random(seed)
    vocab = vocabulary(50_000, rng)
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    claims: list[Claim] = []
    docs: list[str] = []
    story = 0
    while len(claims) < n_claims:
        own_words = rng.sample(vocab, 300)
        pool = [
            rng.choices(vocab, cum_weights=cumulative, k=rng.randint(4, 10)) + rng.sample(own_words, rng.randint(6, 14))
            for _ in range(rng.randint(20, 40))
        ]
        for sentence in pool:
            rng.shuffle(sentence)
        size = min(max_story_docs, int(rng.paretovariate(1.1) * 2))
        for n in range(size):
            if len(claims) >= n_claims:
                break
            doc = f"s{story:06d}-d{n:05d}.txt"
            docs.append(doc)
            slot = 0
            for _ in range(claims_per_doc):
                if rng.random() < 0.2:  # the outlet's own statement
                    words = rng.sample(own_words, 8) + rng.choices(vocab, cum_weights=cumulative, k=6)
                else:
                    words = rng.choice(pool)
                    if rng.random() < 0.4:  # rewritten: words dropped or replaced
                        words = [
                            w if rng.random() > 0.1 else rng.choices(vocab, cum_weights=cumulative)[0]
                            for w in words
                            if rng.random() > 0.1
                        ]
                text = " ".join(words)
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
        story += 1
    return claims[:n_claims], [Document(doc=d, path=d, raw="", text="").info() for d in docs]
