"""Benchmark (make bench): one long plain-text document against the same text cut into articles.

The long document is the PolNeAR dev articles, repeated and joined by blank lines until it
reaches --megabytes (a transcript or a day of wire copy pasted into one file); the same
articles are also written one per file. Each `provenance add` runs in a fresh process
(wall time including model load, peak RSS of the largest process):

- the long document with --jobs 1, and its throughput against the articles with --jobs 1;
- the long document with --jobs 2, its speed-up, and whether both stores hold the same records.

Not a test: numbers are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import PROVENANCE, line, measure  # noqa: E402


def write_corpus(source: Path, folder: Path, megabytes: float) -> tuple[Path, Path, int]:
    """(long file, folder of articles, words): the same articles both ways."""
    texts = [json.loads(line)["text"].strip() for line in source.open(encoding="utf-8") if line.strip()]
    long_file, articles = folder / "long.txt", folder / "articles"
    articles.mkdir(parents=True)
    chosen: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        for text in texts:
            chosen.append(text)
            size += len(text.encode("utf-8")) + 2
            if size >= megabytes * 1_000_000:
                break
    long_file.write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
    for n, text in enumerate(chosen):
        (articles / f"a{n:05d}.txt").write_text(text + "\n", encoding="utf-8")
    return long_file, articles, sum(len(t.split()) for t in chosen)


def records(db: Path) -> list[str]:
    """Claims and figures of a store without document names or ids (the long file and the articles differ there)."""
    rows = []
    for command in ("claims", "figures"):
        done = subprocess.run(
            [*PROVENANCE, command, "--db", str(db), "-f", "jsonl"], capture_output=True, text=True, check=True
        )
        rows.extend(done.stdout.splitlines())
    return sorted(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--megabytes", type=float, default=10.0)
    args = parser.parse_args()
    source = Path(args.shared) / "eval/attribution/polnear_dev.jsonl"
    if not source.exists():
        print(f"bench: {source} not found; skipping the long-document benchmark", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        long_file, articles, words = write_corpus(source, work, args.megabytes)
        megabytes = long_file.stat().st_size / 1e6
        print(
            f"long document: {megabytes:.1f} MB, {words} words; the same text as {len(list(articles.iterdir()))} files"
        )
        one = measure([*PROVENANCE, "add", str(long_file), "--db", str(work / "long1.db"), "--jobs", "1"])
        split = measure([*PROVENANCE, "add", str(articles), "--db", str(work / "split.db"), "--jobs", "1"])
        two = measure([*PROVENANCE, "add", str(long_file), "--db", str(work / "long2.db"), "--jobs", "2"])
        for result in (one, split, two):
            if result["code"] != 0:
                print(f"bench: provenance failed: {result['stderr']}", file=sys.stderr)
                return 1
        line("add long document, --jobs 1", one, f"{words / float(one['seconds']):7.0f} words/s")
        line("add the same text as articles, --jobs 1", split, f"{words / float(split['seconds']):7.0f} words/s")
        print(f"  throughput long / articles: {float(split['seconds']) / float(one['seconds']):.2f}")
        line("add long document, --jobs 2", two, f"{words / float(two['seconds']):7.0f} words/s")
        print(f"  speed-up --jobs 2 over --jobs 1: {float(one['seconds']) / float(two['seconds']):.2f}x")
        same = records(work / "long1.db") == records(work / "long2.db")
        print(f"  identical records with --jobs 1 and --jobs 2: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
