"""PolNeAR train by 5-fold cross-validation over its articles (`make eval`): the number to choose by.

Each fifth of the train articles is read by the whole pipeline with the learned cues fitted, and their
thresholds chosen, on the other four fifths only (`train_attribution.choose`), and the predictions of the
five fifths are scored together by the shared scorer. The rules were written by looking at train, so this
is not a held-out measure of them; it is the honest one for the learned model, which scores train
in-sample otherwise. Dev is never read here. The articles are parsed once for the candidates (about four
minutes) and once more by fold.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from run_eval import _score, attribution_predictions
from train_attribution import FOLDS, add_level_options, choose, examples, levels_from

from provenance.engine.local import analyze_paths
from provenance.nlp.attribution import learned


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared")
    add_level_options(parser)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N train articles (quick runs)")
    parser.add_argument("--keep", help="write the pooled predictions to this folder")
    args = parser.parse_args()
    shared = Path(args.shared)
    gold = shared / "eval/attribution/polnear_train.jsonl"
    articles = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    if args.limit:
        articles = articles[: args.limit]
    start = time.perf_counter()
    data = examples(articles)
    levels = levels_from(args)
    lines: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for fold in range(FOLDS):
            held_out = [a for n, a in enumerate(articles) if n % FOLDS == fold]
            training = [a["id"] for n, a in enumerate(articles) if n % FOLDS != fold]
            weights, thresholds = choose(data, training, levels)
            model = learned.CueModel(weights=weights, thresholds=thresholds)
            learned.cue_model = lambda model=model: model  # type: ignore[assignment]  # forked workers inherit it
            fold_file = Path(tmp) / f"fold{fold}.jsonl"
            with fold_file.open("w", encoding="utf-8") as f:
                for article in held_out:
                    f.write(json.dumps({"id": article["id"], "text": article["text"]}) + "\n")
            lines.extend(attribution_predictions(analyze_paths([str(fold_file)], linked=False, jobs=2)))
            print(f"  fold {fold + 1}/{FOLDS}: thresholds {thresholds} ({time.perf_counter() - start:.0f}s)")
        pred = out / "polnear_train_cv_pred.jsonl"
        with pred.open("w", encoding="utf-8") as f:
            for line in lines:
                f.write(json.dumps(line) + "\n")
        scorer = shared / "eval/attribution/score.py"
        if args.limit:  # score against the articles read
            gold = Path(tmp) / "gold.jsonl"
            gold.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        print(f"== PolNeAR train, {FOLDS}-fold cross-validation ({len(articles)} articles)")
        print(_score(scorer, str(gold), str(pred)))
        print("-- direct and mixed only")
        print(_score(scorer, str(gold), str(pred), "--kinds", "direct,mixed"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
