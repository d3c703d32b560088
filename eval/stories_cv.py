"""Leave-one-topic-out cross-validation of the story threshold (settings.STORY_SIMILARITY) on ECB+ dev.

Stories are found over the whole mixed archive for each candidate value; B-cubed precision and recall are
computed per document against the seminal events; for each topic, the value with the best F1 over the
other topics' documents is chosen, and that topic's documents are scored with it. The held-out figures are
the ones to report; the in-sample table beside them shows how flat the choice is.

    python eval/run_eval.py --shared ../shared --only ecbplus --keep DIR      # the store and the name map
    python eval/stories_cv.py DIR
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from provenance.resolve import document_texts, stories
from provenance.store.sqlite import Store

GRID = (0.14, 0.16, 0.18, 0.2, 0.22, 0.25)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, tuple[float, float]]:
    """doc -> (precision, recall) of its predicted story against its gold event."""
    mine, theirs = defaultdict(set), defaultdict(set)
    for doc in gold:
        mine[predicted[doc]].add(doc)
        theirs[gold[doc]].add(doc)
    out = {}
    for doc in gold:
        same = len(mine[predicted[doc]] & theirs[gold[doc]])
        out[doc] = (same / len(mine[predicted[doc]]), same / len(theirs[gold[doc]]))
    return out


def scores(per_doc: dict[str, tuple[float, float]], docs: list[str]) -> tuple[float, float, float]:
    precision = sum(per_doc[d][0] for d in docs) / len(docs)
    recall = sum(per_doc[d][1] for d in docs) / len(docs)
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", type=Path, help="the --keep folder of `run_eval.py --only ecbplus`")
    args = parser.parse_args()
    with Store(args.run / "ecbplus-store" / "index.sqlite") as store:
        claims, figures, documents, statements = store.link_inputs()
    texts = document_texts(claims, figures, statements)
    gold = {}
    for line in (args.run / "ecbplus-archive.map.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, folder, _ = line.split("\t")
        gold[name] = folder
    topic = {doc: event.split("_")[0] for doc, event in gold.items()}
    results = {}
    for value in GRID:
        stories.STORY_SIMILARITY = value  # read by assign at call time
        found, _ = stories.group_stories(documents, texts)
        results[value] = bcubed({d: found.get(d, d) for d in gold}, gold)
    every = list(gold)
    print("in-sample (all topics):")
    for value in GRID:
        precision, recall, f1 = scores(results[value], every)
        print(f"  STORY_SIMILARITY {value:<5} P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    held_precision = held_recall = 0.0
    chosen: dict[float, int] = defaultdict(int)
    for held in sorted(set(topic.values())):
        train = [d for d in every if topic[d] != held]
        best = max(GRID, key=lambda v: (scores(results[v], train)[2], -GRID.index(v)))
        chosen[best] += 1
        for doc in (d for d in every if topic[d] == held):
            held_precision += results[best][doc][0]
            held_recall += results[best][doc][1]
    precision, recall = held_precision / len(every), held_recall / len(every)
    print("chosen per fold:", ", ".join(f"{v}: {n}" for v, n in sorted(chosen.items())))
    print(
        f"leave-one-topic-out: P {precision:.3f} R {recall:.3f} F1 {2 * precision * recall / (precision + recall):.3f}"
    )


if __name__ == "__main__":
    main()
