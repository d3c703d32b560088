"""Fuzz run (make fuzz): random and mutated articles through claims, figures and trace.

Generates inputs (random text from news-like pieces, and seed articles mutated:
cut, duplicated, quote marks and control characters sprinkled in, bytes
broken), mixes them with the untouched seeds, and runs every command's library
call and every output format over them in batches. Reports cases tried,
crashes, offset mismatches (a record whose text is not raw[start:end]) and lost
results (a readable file missing from the output). Minutes, not hours.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from provenance.engine.local import analyze_paths
from provenance.ingest import decode_bytes
from provenance.queries import conflicts, sources, speakers, trace
from provenance.records import Claim, Figure
from provenance.render import columns_of, write_clusters, write_records

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.hostile import PIECES  # noqa: E402  (one list for the fuzz run and the property tests)

SEEDS = sorted((ROOT / "seeds").iterdir())


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 60)):
        if rng.random() < 0.7:
            parts.append(rng.choice(PIECES))
        else:
            parts.append("".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 12))))
    return "".join(parts)


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        i = rng.randrange(len(text) + 1)
        j = min(len(text), i + rng.randint(0, 400))
        if op == 0:
            text = text[:i] + text[j:]
        elif op == 1:
            text = text[:i] + text[i:j] * rng.randint(2, 4) + text[j:]
        elif op == 2:
            text = text[:i] + rng.choice(PIECES) + text[i:]
        elif op == 3:
            text = text[:i] + text[i:j].upper() + text[j:]
        elif op == 4:
            text = text[:i] + text[i:j][::-1] + text[j:]
        else:
            text = text[:i] + "\n\n" + text[i:]
    return text[:6000]


def make_case(rng: random.Random) -> bytes:
    kind = rng.random()
    if kind < 0.45:
        return mutate(rng.choice(SEEDS).read_text(encoding="utf-8"), rng).encode("utf-8", "surrogatepass")
    if kind < 0.85:
        return random_text(rng).encode("utf-8", "surrogatepass")
    data = bytearray(mutate(rng.choice(SEEDS).read_text(encoding="utf-8"), rng).encode())
    for _ in range(rng.randint(1, 8)):  # broken bytes: invalid UTF-8, sometimes NUL
        if data:
            data[rng.randrange(len(data))] = rng.choice([0xFF, 0xC3, 0x80, 0x00, 0x9D])
    return bytes(data)


def check_batch(folder: Path, expected_good: set[str], stats: dict[str, int], rng: random.Random) -> None:
    internal: list[str] = []
    analysis = analyze_paths(
        [str(folder)],
        jobs=1,
        on_problem=lambda p: internal.append(p.message()) if "partial results" in p.reason else None,
    )
    for message in internal:  # a component failed on a document: a crash, even though the run went on
        stats["crashes"] += 1
        print(f"crash: {message}", file=sys.stderr)
    raws = {d.doc: decode_bytes(Path(d.path).read_bytes()).text for d in analysis.documents()}
    for record in [*analysis.claims(), *analysis.figures()]:
        if raws[record.doc][record.start : record.end] != record.text:
            stats["mismatches"] += 1
            print(f"mismatch in {record.doc} at {record.start}:{record.end}", file=sys.stderr)
    missing = expected_good - set(raws)
    stats["lost"] += len(missing)
    for name in missing:
        print(f"lost: {name}", file=sys.stderr)
    out = io.StringIO()
    for fmt in ("csv", "tsv", "jsonl", "table"):
        write_records(analysis.claims(), columns_of(Claim), fmt, out)
        write_records(analysis.figures(), columns_of(Figure), fmt, out)
    word = rng.choice(["red notice", "said", "half", "minister", "interpol", "1,000", "“"])
    for fmt in ("csv", "table"):
        write_clusters(trace(analysis, word), fmt, out)
        write_clusters(conflicts(analysis), fmt, out)
    sources(analysis)
    speakers(analysis)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=250)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stats = {"cases": 0, "crashes": 0, "mismatches": 0, "lost": 0}
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="provenance-fuzz-"))
    try:
        while stats["cases"] < args.cases:
            folder = work / f"batch{stats['cases']}"
            folder.mkdir()
            expected: set[str] = set()
            for seed in SEEDS:  # the good files that must always come out
                shutil.copy(seed, folder / seed.name)
                expected.add(seed.name)
            for n in range(min(args.batch, args.cases - stats["cases"])):
                (folder / f"case{n:04d}.txt").write_bytes(make_case(rng))
                stats["cases"] += 1
            try:
                check_batch(folder, expected, stats, rng)
            except Exception:
                stats["crashes"] += 1
                traceback.print_exc()
            shutil.rmtree(folder, ignore_errors=True)
            print(
                f"{stats['cases']} cases, {stats['crashes']} crashes, {stats['mismatches']} offset mismatches, "
                f"{stats['lost']} lost results ({time.perf_counter() - started:.0f}s)",
                file=sys.stderr,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"fuzz: {stats['cases']} cases tried, {stats['crashes']} crashes, {stats['mismatches']} offset mismatches, "
        f"{stats['lost']} lost results, {time.perf_counter() - started:.0f}s"
    )
    return 1 if stats["crashes"] or stats["mismatches"] or stats["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
