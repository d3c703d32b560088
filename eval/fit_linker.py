"""Fit the pair model on MSRP and report 5-fold cross-validated accuracy (make fit-linker).

The decision threshold is chosen inside each training fold (the one with the
best training accuracy) and applied to the held-out fold, so the reported
accuracy is honest. The final model is fitted on all pairs and written to
src/provenance/data/pair_model.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

from provenance.similarity import PairModel, features, fit, inverse_document_frequency, profile


def best_threshold(model: PairModel, vectors: list[list[float]], labels: list[int]) -> float:
    scored = sorted((model.probability(v), y) for v, y in zip(vectors, labels))
    positives = sum(labels)
    best, best_t = -1.0, 0.5
    below_pos = 0
    for i, (p, y) in enumerate(scored):
        # threshold just above scored[i]: items 0..i are predicted negative
        below_pos += y
        correct = (i + 1 - below_pos) + (positives - below_pos)
        if correct > best:
            best, best_t = correct, (p + (scored[i + 1][0] if i + 1 < len(scored) else 1.0)) / 2
    return best_t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--write", action="store_true", help="write the model fitted on all pairs")
    args = parser.parse_args()
    path = Path(args.shared) / "eval/linking/msrp_train.jsonl"
    if not path.exists():
        print(f"fit_linker: {path} not found; skipping", file=sys.stderr)
        return 0
    pairs = [json.loads(line) for line in path.open(encoding="utf-8")]
    profiles = [(profile(p["a"]), profile(p["b"])) for p in pairs]
    idf = inverse_document_frequency(x for pair in profiles for x in pair)
    vectors = [features(a, b, idf) for a, b in profiles]
    labels = [int(p["label"]) for p in pairs]
    order = list(range(len(pairs)))
    random.Random(13).shuffle(order)
    folds = [order[i::5] for i in range(5)]
    accuracies = []
    for k, test in enumerate(folds):
        held = set(test)
        train = [i for i in order if i not in held]
        model = fit([vectors[i] for i in train], [labels[i] for i in train])
        model = replace(model, threshold=best_threshold(model, [vectors[i] for i in train], [labels[i] for i in train]))
        correct = sum((model.probability(vectors[i]) >= model.threshold) == bool(labels[i]) for i in test)
        accuracies.append(correct / len(test))
        print(f"fold {k + 1}: accuracy {accuracies[-1]:.4f} (threshold {model.threshold:.3f})")
    majority = max(sum(labels), len(labels) - sum(labels)) / len(labels)
    print(
        f"MSRP train, 5-fold CV accuracy: {sum(accuracies) / 5:.4f} (majority class {majority:.4f}, {len(pairs)} pairs)"
    )
    if args.write:
        model = fit(vectors, labels)
        model = replace(model, threshold=best_threshold(model, vectors, labels))
        out = Path(__file__).resolve().parents[1] / "src/provenance/data/pair_model.json"
        out.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {out} (threshold {model.threshold:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
