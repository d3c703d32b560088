"""Linking in parts (`resolve.parts`, what the Dask engine runs) gives the answers of linking the whole."""

import random
from dataclasses import replace

from provenance.records import Claim, Document, Figure
from provenance.resolve import link
from provenance.resolve.parts import (
    CorpusCounts,
    count_part,
    find_stories,
    link_part,
    plan_parts,
    story_groups,
    story_vectors,
)

WORDS = [f"{a}{b}{c}" for a in "bdfgklm" for b in "aeiou" for c in ["n", "r", "st", "lk"]]
SHARED = "the minister warned that every border crossing would stay closed until the inquiry reports in spring"


def corpus(seed: int = 1):
    """Six stories with words of their own; statements copied, rewritten and counted; one long statement
    carried by two of the stories."""
    rng = random.Random(seed)
    docs, claims, figures = [], [], []
    for story in range(6):
        own = rng.sample(WORDS, 40)
        pool = [" ".join(rng.sample(own, rng.randint(5, 11))) for _ in range(8)]
        for n in range(rng.randint(3, 9)):
            name = f"s{story}-{n}.txt"
            docs.append(Document(doc=name, path=name, raw="x", text="x", title=" ".join(own[:4])).info())
            for slot in range(6):
                words = rng.choice(pool).split()
                if rng.random() < 0.4:
                    words = [w for w in words if rng.random() > 0.15]
                text = " ".join(words)
                claims.append(
                    Claim(
                        f"c-{name}-{slot}",
                        name,
                        "",
                        "",
                        "indirect",
                        "he",
                        f"Speaker {story}",
                        "person",
                        "said",
                        text,
                        slot * 100,
                        slot * 100 + len(text),
                        text,
                        "",
                    )
                )
            value = 120 + rng.choice([0, 0, 2])
            sentence = f"{value} {own[0]} were counted near {own[1]}"
            figures.append(
                Figure(f"f-{name}", name, "", f"{value} {own[0]}", value, "exact", own[0], "", "", 900, 905, sentence)
            )
            if story in (1, 4):
                claims.append(
                    Claim(
                        f"c-{name}-shared",
                        name,
                        "",
                        "",
                        "indirect",
                        "he",
                        "Minister",
                        "person",
                        "said",
                        SHARED,
                        1000,
                        1000 + len(SHARED),
                        SHARED,
                        "",
                    )
                )
    return docs, claims, figures


def in_parts(docs, claims, figures, batch_size: int, parts: int):
    """The engine's stages, in one process: counts per batch, stories, story groups, parts, each part linked."""
    batches = [docs[i : i + batch_size] for i in range(0, len(docs), batch_size)]

    def records(batch):
        names = {d.doc for d in batch}
        return [c for c in claims if c.doc in names], [f for f in figures if f.doc in names], batch, []

    total = CorpusCounts()
    for batch in batches:
        total.add(count_part(*records(batch)))
    crossing = total.crossing
    vectors = [v for batch in batches for v in story_vectors(*records(batch), total)]
    story_of = find_stories(vectors)
    part_of = plan_parts(story_of, story_groups(story_of, crossing), parts)
    clusters, cluster_of = [], {}
    for part in sorted(set(part_of.values())):
        members = [replace(d, story=story_of[d.doc]) for d in docs if part_of[d.doc] == part]
        linking = link_part(*records(members)[:3], [], total)
        clusters += linking.clusters
        cluster_of.update(linking.cluster_of)
    return story_of, part_of, clusters, cluster_of


def test_linking_in_parts_gives_the_clusters_of_linking_the_whole():
    docs, claims, figures = corpus()
    whole = link(claims, figures, docs)
    story_of, part_of, clusters, cluster_of = in_parts(docs, claims, figures, batch_size=4, parts=3)
    assert len(set(part_of.values())) == 3 and len(set(story_of.values())) >= 4
    assert story_of == whole.story_of
    assert cluster_of == whole.cluster_of
    key = lambda c: c.cluster_id  # noqa: E731
    assert sorted(clusters, key=key) == sorted(whole.clusters, key=key)
    shared = {whole.cluster_of[c.claim_id] for c in claims if c.text == SHARED}
    assert len(shared) == 1  # the copy in two stories is one cluster, so those stories share a part
    assert len({part_of[c.doc] for c in claims if c.text == SHARED}) == 1


def test_story_groups_join_stories_through_a_shared_key_only():
    story_of = {"a": "s1", "b": "s2", "c": "s3", "d": "s3"}
    groups = story_groups(story_of, [("k1", "a"), ("k1", "c"), ("k2", "b"), ("k3", "zz")])
    assert groups == {"s1": "s1", "s3": "s1", "s2": "s2"}
    assert plan_parts(story_of, groups, parts=5) == {"a": 0, "b": 1, "c": 0, "d": 0}
