"""Incremental add benchmark (make bench): 1,000 new documents into stores of 10k and 100k documents.

Stores are filled with synthetic records (bench/synthetic.py, no parsing: the cost
measured is linking) and linked in full once; then a fresh process adds 1,000 more
documents of new stories and links only what changed (`engine.local.link_changes`),
reporting its wall time and peak RSS. Time proportional to the 1,000, not to the
store, shows as about the same time for both store sizes.

Not a test: numbers are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import groupby
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _results(n_docs: int, seed: int, prefix: str, claims_per_doc: int = 4):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from synthetic import corpus

    from provenance.extract import DocumentResult
    from provenance.records import Document, stable_id

    claims, _ = corpus(n_docs * claims_per_doc, seed=seed, claims_per_doc=claims_per_doc)
    for doc, group in groupby(claims, key=lambda c: c.doc):
        name = prefix + doc
        records = [replace(c, doc=name, claim_id=stable_id("c", name, c.start, c.end)) for c in group]
        yield DocumentResult(Document(doc=name, path=name, raw=name, text=name), claims=records)


def _fill(db: Path, n_docs: int) -> None:
    from provenance.engine.local import relink
    from provenance.store import Store

    with Store(db) as store:
        for result in _results(n_docs, seed=7, prefix="old-"):
            store.save(result.document.doc, "bench", result)
        started = time.perf_counter()
        relink(store)
        print(json.dumps({"full_link_seconds": time.perf_counter() - started}))


def _add(db: Path, n_docs: int) -> None:
    from provenance.engine.local import link_changes
    from provenance.store import Store

    started = time.perf_counter()
    with Store(db) as store:
        for result in _results(n_docs, seed=99, prefix="new-"):
            store.save(result.document.doc, "bench", result)
        link_changes(store)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": time.perf_counter() - started, "rss_mb": rss}))


def _child(*args: str) -> dict:  # type: ignore[type-arg]
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stores", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--fill", help=argparse.SUPPRESS)
    parser.add_argument("--add", help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill:
        _fill(Path(args.fill), args.docs)
        return 0
    if args.add:
        _add(Path(args.add), args.docs)
        return 0
    for size in args.stores:
        work = Path(tempfile.mkdtemp(prefix="provenance-incremental-"))
        try:
            db = work / "store.sqlite"
            filled = _child("--fill", str(db), "--docs", str(size))
            added = _child("--add", str(db), "--docs", str(args.new))
            print(
                f"store of {size} documents (full link {filled['full_link_seconds']:.1f}s): "
                f"adding {args.new} documents {added['seconds']:.1f}s, peak RSS {added['rss_mb']:.0f} MB"
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
