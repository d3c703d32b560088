"""Where the time of one `add` goes (issue 40, measured before anything is made faster): each pipeline
component on its own, records from the parsed Docs, linking, and the store, over the PolNeAR dev texts
repeated to at least --min-words words, on one core.

Each component runs over the whole corpus in batches (`pipe` where it has one, as `nlp.pipe` would run
it), so its time is its own; the bare model's components are the floor `add` is compared against.
Linking and the store are timed through the library calls `add` makes. Numbers are reported, never
asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench import repeated_corpus

from provenance.extract import prepare_text, records_from_doc
from provenance.ingest import read_documents
from provenance.nlp import load_pipeline
from provenance.records import Document

BATCH = 32


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--min-words", type=int, default=200_000)
    args = parser.parse_args()
    source = Path(args.shared) / "eval/attribution/polnear_dev.jsonl"
    if not source.exists():
        print(f"stages: {source} not found; skipped", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        spent: dict[str, float] = defaultdict(float)
        began = time.perf_counter()
        corpus = Path(tmp) / "corpus.jsonl"
        repeated_corpus(source, corpus, args.min_words)  # the texts `make bench` compares add and nlp.pipe on
        read = read_documents([str(corpus)])
        documents = [d for d in read if isinstance(d, Document)]
        spent["reading (ingest.read_documents)"] += time.perf_counter() - began
        words = sum(len(d.text.split()) for d in documents)
        nlp = load_pipeline()
        results = []
        for start in range(0, len(documents), BATCH):
            batch = documents[start : start + BATCH]
            began = time.perf_counter()
            docs = [nlp.make_doc(prepare_text(d, nlp)) for d in batch]
            spent["tokenizer"] += time.perf_counter() - began
            for name, component in nlp.pipeline:
                began = time.perf_counter()
                if hasattr(component, "pipe"):
                    docs = list(component.pipe(docs, batch_size=BATCH))
                else:
                    docs = [component(doc) for doc in docs]
                spent[name] += time.perf_counter() - began
            began = time.perf_counter()
            results.extend(records_from_doc(d, doc) for d, doc in zip(batch, docs))
            spent["records (extract.records_from_doc)"] += time.perf_counter() - began
        from provenance.resolve import link

        claims = [c for r in results for c in r.claims]
        figures = [f for r in results for f in r.figures]
        statements = [s for r in results for s in r.statements]
        began = time.perf_counter()
        link(claims, figures, [r.document.info() for r in results], statements)
        spent["linking (resolve.link)"] += time.perf_counter() - began
    total = sum(spent.values())
    bare = sum(v for k, v in spent.items() if not k.startswith(("provenance_", "records", "linking", "reading")))
    print(f"stages of add over {len(documents)} documents, {words:,} words, one core (seconds, share, words/s):")
    for name, seconds in spent.items():
        print(f"  {name:44} {seconds:7.1f}s {seconds / total:6.1%} {words / seconds:12,.0f}")
    print(
        f"  {'the bare model (tokenizer + its components)':44} {bare:7.1f}s {bare / total:6.1%} {words / bare:12,.0f}"
    )
    print(f"  {'all of the above':44} {total:7.1f}s {'':6} {words / total:12,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
