"""Fit the learned attribution cues on PolNeAR's train split (`make train`).

Parses the train articles with provenance's own pipeline (the parse the model will see),
takes every candidate of `provenance.nlp.attribution.learned` (a verb with a subject and a
clause, an infinitive, an object or a prepositional object), labels it by the gold
attributions (its verb inside a gold cue and its complement matching the gold content, word
Jaccard >= 0.5), and fits a logistic regression (AdaGrad, L2, a fixed seed; rate 0.05 over 16
epochs: with 0.3 over 8 it overfit, and a held-out fifth found 0.42 of the attributions at
precision 0.6, 0.52 now). Each relation's threshold is the one that keeps candidate precision
at its level (--clause-precision, --object-precision, --precision) on out-of-fold scores (five
folds of the train articles, each scored by the model fitted on the other four); the final
weights are fitted on all of them. The levels are objects 0.75, the rest 0.6 (they do not change
the weights, only where each relation's cut falls). By 5-fold cross-validation of the whole pipeline
over the train articles (`eval/attribution_cv.py`), objects at 0.75 / 0.7 / 0.6 give span F1
0.669 / 0.675 / 0.681 at precision 0.858 / 0.849 / 0.833: each step adds stances at a precision near
one half, "the agency elected a senior official as its president" among them (at 0.7 the seeds'
claim precision falls from 0.952 to 0.922), so objects stay at 0.75. With --write the model goes to
src/provenance/data/cue_model.json. Dev is never read here: `make eval` measures it.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from provenance.nlp import load_pipeline  # noqa: E402
from provenance.nlp.attribution import learned  # noqa: E402
from provenance.nlp.attribution.learned import candidates, features  # noqa: E402

WORD = re.compile(r"\w+")
DOWNSTREAM = ["provenance_speakers", "provenance_figures", "provenance_statements"]


def words(text: str, start: int, end: int) -> frozenset[int]:
    return frozenset(
        m.start() for m in WORD.finditer(text, max(0, start - 50), end + 50) if m.start() < end and m.end() > start
    )


def examples(articles: list[dict], batch_size: int = 8) -> list[tuple[str, list[str], int, bool]]:
    """(article id, features, label, covered) for every candidate of every article; `covered`: the
    rules already give a claim there (their cue or an overlapping content), so the model adds nothing."""
    learned.cue_model = lambda: None  # type: ignore[assignment]  # the rules alone, not an older model
    nlp = load_pipeline()
    out: list[tuple[str, list[str], int, bool]] = []
    with nlp.select_pipes(disable=DOWNSTREAM):
        for article, doc in zip(articles, nlp.pipe((a["text"] for a in articles), batch_size=batch_size)):
            text = article["text"]
            in_quote = [False] * len(doc)
            for q in doc.spans["quotes"] if "quotes" in doc.spans else []:
                for i in range(q.start, q.end):
                    in_quote[i] = True
            gold = [
                (q["cue_start"], q["cue_end"], words(text, q["start"], q["end"]))
                for q in article["quotes"]
                if q.get("cue_start") is not None
            ]
            rules = doc._.attributions or []
            cues = {a.cue_token for a in rules}
            for c in candidates(doc, in_quote):
                start, end = c.content
                covered = c.verb.i in cues or any(min(e, end) > max(s, start) for a in rules for s, e in a.content)
                mine = words(text, start, end)
                label = any(
                    cs <= c.verb.idx < ce and mine and len(mine & g) / len(mine | g) >= 0.5 for cs, ce, g in gold
                )
                out.append((article["id"], features(c), int(label), covered))
    return out


def fit(data: list[tuple[list[str], int]], epochs: int = 16, l2: float = 1e-5, rate: float = 0.05) -> dict[str, float]:
    weights: dict[str, float] = defaultdict(float)
    squares: dict[str, float] = defaultdict(lambda: 1e-8)
    order = list(range(len(data)))
    rng = random.Random(13)
    for _ in range(epochs):
        rng.shuffle(order)
        for n in order:
            feats, label = data[n]
            score = sum(weights[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
            gradient = p - label
            for f in feats:
                g = gradient + l2 * weights[f]
                squares[f] += g * g
                weights[f] -= rate * g / math.sqrt(squares[f])
    return dict(weights)


def probability(weights: dict[str, float], feats: list[str]) -> float:
    score = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def threshold_for(scored: list[tuple[float, int]], precision: float) -> tuple[float, float, float]:
    """The lowest threshold whose candidates keep `precision`: (threshold, precision, recall)."""
    ranked = sorted(scored, key=lambda s: -s[0])
    positives = sum(label for _, label in scored) or 1
    best = (1.0, 1.0, 0.0)
    tp = 0
    for n, (p, label) in enumerate(ranked, 1):
        tp += label
        if tp / n >= precision and n >= 20:
            best = (p, tp / n, tp / positives)
    return best


FOLDS = 5


def relation_of(feats: list[str]) -> str:
    return next(f for f in feats if f.startswith("relation="))[len("relation=") :]


Example = tuple[str, list[str], int, bool]
Levels = dict[str, float]  # relation -> the candidate precision its threshold keeps


def choose(data: list[Example], articles: list[str], levels: Levels, report: bool = False) -> tuple[dict, dict]:
    """The model fitted on the candidates of `articles`, and each relation's threshold: the lowest that keeps
    its level of precision on out-of-fold scores (FOLDS folds of those articles, each scored by the model
    fitted on the others). Returns (weights, thresholds)."""
    fold_of = {a: n % FOLDS for n, a in enumerate(articles)}
    rows = [n for n, (doc, *_) in enumerate(data) if doc in fold_of]
    out_of_fold: dict[int, float] = {}
    for fold in range(FOLDS):
        weights = fit([(data[n][1], data[n][2]) for n in rows if fold_of[data[n][0]] != fold])
        for n in rows:
            if fold_of[data[n][0]] == fold:
                out_of_fold[n] = probability(weights, data[n][1])
    final = fit([(data[n][1], data[n][2]) for n in rows])
    thresholds: dict[str, float] = {}
    for relation in learned.RELATIONS:
        mine = [n for n in rows if not data[n][3] and relation_of(data[n][1]) == relation]
        scored = [(out_of_fold[n], data[n][2]) for n in mine]
        threshold, precision, recall = threshold_for(scored, levels[relation])
        thresholds[relation] = round(threshold, 4)
        if not report:
            continue
        print(
            f"  {relation} thresholds by out-of-fold precision: "
            + ", ".join(f"{lv}: {threshold_for(scored, lv)[0]:.4f}" for lv in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8))
        )
        fitted = [(probability(final, data[n][1]), data[n][2]) for n in mine]
        chosen = [y for p, y in fitted if p >= threshold]
        positives = max(sum(data[n][2] for n in mine), 1)
        print(
            f"  {relation}: {len(mine)} candidates, {positives} attributions; out of fold "
            f"({FOLDS} folds): threshold {threshold:.3f}, precision {precision:.3f}, recall {recall:.3f}; "
            f"all of these articles (fitted on them): precision {sum(chosen) / max(len(chosen), 1):.3f}, "
            f"recall {sum(chosen) / positives:.3f}"
        )
    return final, thresholds


def levels_from(args: argparse.Namespace) -> Levels:
    return {
        relation: {"ccomp": args.clause_precision, "dobj": args.object_precision}.get(relation, args.precision)
        for relation in learned.RELATIONS
    }


def add_level_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--precision", type=float, default=0.6, help="candidate precision for infinitives and prepositional objects"
    )
    parser.add_argument(
        "--clause-precision", type=float, default=0.6, help="candidate precision for content clauses (ccomp)"
    )
    parser.add_argument(
        "--object-precision", type=float, default=0.75, help="candidate precision for direct objects (the noisiest)"
    )


def model_json(weights: dict[str, float], thresholds: dict[str, float]) -> str:
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-3}
    return (
        json.dumps(
            {
                "about": "learned attribution cues: logistic weights over parse features, fitted on PolNeAR train "
                "by eval/train_attribution.py; a candidate is a claim from its relation's threshold",
                "thresholds": thresholds,
                "weights": kept,
            },
            indent=0,
            sort_keys=True,
        )
        + "\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared")
    add_level_options(parser)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N train articles (quick runs)")
    parser.add_argument("--write", action="store_true", help="write src/provenance/data/cue_model.json")
    args = parser.parse_args()
    source = Path(args.shared) / "eval/attribution/polnear_train.jsonl"
    articles = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    if args.limit:
        articles = articles[: args.limit]
    start = time.perf_counter()
    data = examples(articles)
    positives = sum(label for _, _, label, _ in data)
    open_ = [(n, f, y) for n, (_, f, y, covered) in enumerate(data) if not covered]
    print(
        f"{len(articles)} train articles: {len(data)} candidates, {positives} attributions "
        f"({time.perf_counter() - start:.0f}s)"
    )
    print(f"  not covered by the rules: {len(open_)} candidates, {sum(y for _, _, y in open_)} attributions")
    weights, thresholds = choose(data, [a["id"] for a in articles], levels_from(args), report=True)
    if args.write:
        target = ROOT / "src/provenance/data/cue_model.json"
        target.write_text(model_json(weights, thresholds), encoding="utf-8")
        print(f"wrote {target} ({target.stat().st_size // 1000} KB)")
    print(f"done in {time.perf_counter() - start:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
