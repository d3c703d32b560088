"""Score provenance on the shared evaluation data (make eval).

Runs the library on the seeds and on the PolNeAR dev articles, writes the
predictions to a temporary folder and calls the shared stdlib scorers, so the
numbers are the scorers' own. The evaluation texts are read from ../shared and
never copied into this repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from provenance.engine.local import analyze_paths
from provenance.records import record_dict
from provenance.store.results import Results


def _score(script: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)
    return (done.stdout + done.stderr).strip()


def seeds(shared: Path, out: Path) -> None:
    start = time.perf_counter()
    run = analyze_paths([str(shared / "seeds")])
    claims_file = out / "seeds_claims.jsonl"
    with claims_file.open("w", encoding="utf-8") as f:
        for claim in run.claims():
            f.write(json.dumps(record_dict(claim), ensure_ascii=False) + "\n")
    figures_file = out / "seeds_figures.jsonl"
    with figures_file.open("w", encoding="utf-8") as f:
        for figure in run.figures():
            f.write(json.dumps(record_dict(figure), ensure_ascii=False) + "\n")
    print(f"== seeds gold ({len(run.claims())} claims, {time.perf_counter() - start:.1f}s)")
    print(
        _score(
            shared / "eval/seeds/score.py",
            str(shared / "eval/seeds"),
            "--claims",
            str(claims_file),
            "--figures",
            str(figures_file),
            "--raw-dir",
            str(shared / "seeds"),
        )
    )


def polnear(shared: Path, out: Path, split: str = "dev") -> None:
    """PolNeAR attribution: dev measures; train (what the learned cues were fitted on) is reported beside it."""
    gold = shared / f"eval/attribution/polnear_{split}.jsonl"
    start = time.perf_counter()
    run = analyze_paths([str(gold)], linked=False, jobs=2)
    pred = out / f"polnear_{split}_pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for line in attribution_predictions(run):
            f.write(json.dumps(line) + "\n")
    elapsed = time.perf_counter() - start
    print(f"== PolNeAR {split} ({len(run.documents())} articles, {len(run.claims())} claims, {elapsed:.1f}s)")
    print(_score(shared / "eval/attribution/score.py", str(gold), str(pred)))
    print("-- direct and mixed only")
    print(_score(shared / "eval/attribution/score.py", str(gold), str(pred), "--kinds", "direct,mixed"))
    print(by_construction(shared / "eval/attribution/score.py", gold, pred))


def attribution_predictions(run: Results) -> list[dict[str, object]]:
    """One line per document in the attribution scorer's form: the claims' spans, speakers, segments."""
    by_doc: dict[str, list[dict[str, object]]] = {}
    segments = run.segments()
    for claim in run.claims():
        by_doc.setdefault(claim.doc, []).append(
            {
                "start": claim.start,
                "end": claim.end,
                "text": claim.text,
                "speaker": claim.speaker,
                "segments": segments.get(claim.claim_id),
                "construction": claim.construction,
                "cue": claim.cue,
            }
        )
    return [{"id": document.doc, "quotes": by_doc.get(document.doc, [])} for document in run.documents()]


def by_construction(scorer: Path, gold_path: Path, pred_path: Path) -> str:
    """What each construction gains and costs, with the shared scorer's own matching (one-to-one, greedy by
    token Jaccard >= 0.5, computed once over all claims): the claims each construction predicts, how many
    match gold, and the span F1 of all claims without it, had its matches been lost (a row whose removal
    raises F1 costs more than it finds); then the gold attributions no claim matches, by their cue word."""
    spec = importlib.util.spec_from_file_location("polnear_score", scorer)
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold, pred = score.load(str(gold_path)), score.load(str(pred_path))
    predicted: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    n_gold = 0
    for doc_id, record in gold.items():
        text = record["text"]
        offsets = [m.span() for m in score.WORD.finditer(text)]
        golds = [score.tokens_of(offsets, score.segs_of(q, text)) for q in record["quotes"]]
        preds = pred.get(doc_id, {}).get("quotes", [])
        tokens = [score.tokens_of(offsets, score.segs_of(q, text)) for q in preds]
        pairs = sorted(
            (-len(g & t) / len(g | t), i, j)
            for i, g in enumerate(golds)
            for j, t in enumerate(tokens)
            if g and t and len(g & t) / len(g | t) >= 0.5
        )
        gold_of: dict[int, int] = {}
        taken: set[int] = set()
        for _, i, j in pairs:
            if i not in taken and j not in gold_of:
                taken.add(i)
                gold_of[j] = i
        n_gold += len(golds)
        for j, q in enumerate(preds):
            predicted[str(q.get("construction"))] += 1
            matched[str(q.get("construction"))] += j in gold_of
        for i, q in enumerate(record["quotes"]):
            if i not in taken:
                missed[(q.get("cue") or "(none)").lower()] += 1
    tp, n_pred = sum(matched.values()), sum(predicted.values())
    everything = score.prf(tp, n_pred, n_gold)[2]
    lines = [f"{'construction':18} {'predicted':>9} {'matched':>8} {'P':>6} {'F1 without':>11}"]
    for name, n in predicted.most_common():
        without = score.prf(tp - matched[name], n_pred - n, n_gold)[2]
        lines.append(
            f"{name:18} {n:9d} {matched[name]:8d} {matched[name] / n:6.3f} {without:7.4f} ({without - everything:+.4f})"
        )
    lines.append(
        f"gold matched by no claim: {sum(missed.values())}; by cue: "
        + ", ".join(f"{c} {k}" for c, k in missed.most_common(25))
    )
    return "\n".join(lines)


def newsquant(shared: Path, out: Path) -> None:
    """NewsQuant annotates quantities, not ranks: figures of kind `rank` ("first", "96th-minute") are left
    out of its predictions (a fraction such as "a third of" is a quantity and stays)."""
    gold = shared / "eval/figures/newsquant_dev.jsonl"
    start = time.perf_counter()
    run = analyze_paths([str(gold)], linked=False)
    by_doc: dict[str, list[dict[str, object]]] = {}
    for figure in run.figures():
        if figure.kind == "rank":
            continue
        by_doc.setdefault(figure.doc, []).append(
            {"value": figure.value, "hedge": figure.hedge, "object": figure.object}
        )
    pred = out / "newsquant_pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for document in run.documents():
            f.write(json.dumps({"id": document.doc, "quantities": by_doc.get(document.doc, [])}) + "\n")
    print(
        f"== NewsQuant dev ({len(run.documents())} sentences, {len(run.figures())} figures, {time.perf_counter() - start:.1f}s)"
    )
    print(_score(shared / "eval/figures/score.py", str(gold), str(pred)))


def _bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a grouping (each item's cluster against its gold class)."""
    members_pred: dict[str, set[str]] = {}
    members_gold: dict[str, set[str]] = {}
    for item in gold:
        members_pred.setdefault(predicted.get(item, "?" + item), set()).add(item)
        members_gold.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in gold:
        mine = members_pred[predicted.get(item, "?" + item)]
        same = mine & members_gold[gold[item]]
        precision += len(same) / len(mine)
        recall += len(same) / len(members_gold[gold[item]])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def ecbplus(shared: Path, out: Path) -> None:
    """ECB+ dev: the shared scorer's stage/run/score on one mixed archive, then stories against the seminal events."""
    script = shared / "eval/linking/score_ecbplus.py"
    archive, store, run_out = out / "ecbplus-archive", out / "ecbplus-store/index.sqlite", out / "ecbplus-run"
    executable = str(Path(sys.executable).with_name("provenance"))
    start = time.perf_counter()
    common = ["--archive", str(archive), "--store", str(store), "--out", str(run_out)]
    _score(script, "stage", *common)
    _score(script, "run", *common, "--provenance", executable)
    print(f"== ECB+ dev (mixed archive of 462 articles, {time.perf_counter() - start:.1f}s)")
    print(_score(script, "score", *common))
    listed = subprocess.run(
        [executable, "stories", "-f", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PROVENANCE_DB": str(store)},
    )
    predicted = {
        doc: row["story"]
        for line in listed.stdout.splitlines()
        for row in [json.loads(line)]
        for doc in (row["docs"] if isinstance(row["docs"], list) else row["docs"].split(";"))
    }
    gold = {}
    for line in (Path(str(archive) + ".map.tsv")).read_text(encoding="utf-8").splitlines()[1:]:
        name, folder, _ = line.split("\t")
        gold[name] = folder
    precision, recall, f1 = _bcubed(predicted, gold)
    print(
        f"stories: {len(set(predicted.values()))} predicted, {len(set(gold.values()))} seminal events; "
        f"B-cubed P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
    )


def pages(shared: Path, out: Path) -> None:
    """Saved web pages: what provenance reads (`provenance text`) and its claims, scored by pages/score.py."""
    folder = shared / "eval/pages"
    executable = str(Path(sys.executable).with_name("provenance"))
    env = {**os.environ, "PROVENANCE_CACHE": str(out / "pages-cache.sqlite")}
    start = time.perf_counter()
    for command in ("text", "claims"):
        with (out / f"pages_{command}.jsonl").open("w", encoding="utf-8") as handle:
            subprocess.run(
                [executable, command, str(folder / "pages"), "-f", "jsonl"], stdout=handle, env=env, check=False
            )
    print(f"== saved web pages (88 pages, {time.perf_counter() - start:.1f}s)")
    print(
        _score(
            folder / "score.py",
            str(folder / "truth.jsonl"),
            "--text",
            str(out / "pages_text.jsonl"),
            "--claims",
            str(out / "pages_claims.jsonl"),
        ).splitlines()[-1]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared", help="folder holding seeds/ and eval/")
    parser.add_argument(
        "--only",
        choices=["seeds", "polnear", "polnear-train", "polnear-cv", "newsquant", "msrp", "ecbplus", "pages"],
        help="run one evaluation",
    )
    parser.add_argument("--keep", help="write predictions to this folder instead of a temporary one")
    args = parser.parse_args()
    shared = Path(args.shared)
    if not (shared / "eval").is_dir():
        print(f"eval: {shared}/eval not found; skipping (the evaluation data lives outside the repo)", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        if args.only in (None, "seeds"):
            seeds(shared, out)
        if args.only in (None, "polnear"):
            polnear(shared, out)
        if args.only in (None, "polnear-train"):
            polnear(shared, out, "train")
        if args.only in (None, "polnear-cv"):  # what to choose by, beside dev and train in-sample
            print(_score(Path(__file__).with_name("attribution_cv.py"), "--shared", str(shared)))
        if args.only in (None, "newsquant"):
            newsquant(shared, out)
        if args.only in (None, "pages"):
            pages(shared, out)
        if args.only in (None, "ecbplus"):
            ecbplus(shared, out)
        if args.only in (None, "msrp"):
            print("== MSRP paraphrase pairs (pair model, 5-fold cross-validation)")
            print(_score(Path(__file__).with_name("fit_linker.py"), "--shared", str(shared)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
