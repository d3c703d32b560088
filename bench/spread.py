"""Spread benchmark: one article republished N times among unrelated articles (make bench).

The copied article is seeds/001 (an agency story), present as `original.txt`; each copy gets its own credit
line, drops a paragraph or two, and some are cut short. The unrelated articles are
PolNeAR dev texts (read from ../shared, never copied into the repository). Runs
`provenance add`, then `clusters` and `sources`, and prints:

- pair recall: of the pairs of copies that both carry a claim of the original
  verbatim, the share placed in one cluster;
- link precision: of the linked pairs that involve a copy, the share whose both
  members are copies (no link to an unrelated article);
- copies_from: how many copies name a copy_from, and the wall time and peak RSS.

Not a test: numbers are reported, never asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROVENANCE = [sys.executable, "-m", "provenance"]
ORIGINAL = ROOT / "seeds" / "001_d87a86d2b18237cc.txt"


def build(folder: Path, copies: int, unrelated: int, shared: Path, seed: int = 11) -> None:
    rng = random.Random(seed)
    paragraphs = [p for p in ORIGINAL.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    folder.mkdir(parents=True)
    shutil.copy(ORIGINAL, folder / "original.txt")
    for n in range(copies):
        kept = list(paragraphs)
        for _ in range(rng.randint(0, 2)):  # a paragraph or two dropped (never the first)
            if len(kept) > 3:
                del kept[rng.randrange(1, len(kept))]
        if rng.random() < 0.3:  # cut short
            kept = kept[: max(3, int(len(kept) * rng.uniform(0.5, 0.9)))]
        credit = f"Republished by Outlet {n:04d} under licence. Copyright Outlet {n:04d}."
        (folder / f"copy{n:04d}.txt").write_text("\n\n".join(kept + [credit]) + "\n", encoding="utf-8")
    source = shared / "eval/attribution/polnear_dev.jsonl"
    records = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    for n, record in enumerate(records[:unrelated]):
        (folder / f"other{n:04d}.txt").write_text(record["text"], encoding="utf-8")


def rows(command: list[str], db: Path) -> list[dict]:
    done = subprocess.run([*PROVENANCE, *command, "--db", str(db), "-f", "jsonl"], capture_output=True, text=True)
    done.check_returncode()
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--copies", type=int, nargs="+", default=[40, 1000])
    parser.add_argument("--unrelated", type=int, default=60)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    original_claims: set[str] | None = None
    for copies in args.copies:
        work = Path(tempfile.mkdtemp(prefix="provenance-spread-"))
        try:
            folder, db = work / "archive", work / "store.sqlite"
            build(folder, copies, args.unrelated, Path(args.shared))
            started = time.perf_counter()
            measured = subprocess.run(
                [
                    sys.executable,
                    str(HERE / "bench.py"),
                    "--measure",
                    json.dumps([*PROVENANCE, "add", str(folder), "--db", str(db), "--jobs", str(args.jobs)]),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            add = json.loads(measured.stdout.strip().splitlines()[-1])
            elapsed = time.perf_counter() - started
            if original_claims is None:
                original = rows(["claims", str(ORIGINAL)], work / "original.sqlite")
                original_claims = {c["text"] for c in original}
            claims = rows(["claims"], db)
            verbatim = [c for c in claims if c["doc"].startswith("copy") and c["text"] in original_claims]
            by_text: dict[str, list[dict]] = {}
            for c in verbatim:
                by_text.setdefault(c["text"], []).append(c)
            gold = linked = 0
            for group in by_text.values():
                for a, b in itertools.combinations(group, 2):
                    gold += 1
                    linked += bool(a["cluster"]) and a["cluster"] == b["cluster"]
            members: dict[str, list[str]] = {}
            for row in rows(["clusters"], db):
                members.setdefault(row["cluster"], []).append(row["doc"])
            pairs = wrong = 0
            for docs in members.values():
                copied = sum(d.startswith(("copy", "original")) for d in docs)
                others = len(docs) - copied
                pairs += copied * (copied - 1) // 2 + copied * others
                wrong += copied * others
            sources = rows(["sources"], db)
            named = sum(1 for s in sources if s["doc"].startswith("copy") and s["copies_from"])
            origins = {s["copies_from"] for s in sources if s["copies_from"]}
            print(
                f"{copies} copies + {args.unrelated} unrelated: pair recall {linked / max(gold, 1):.3f} ({linked}/{gold}), "
                f"link precision {1 - wrong / max(pairs, 1):.3f} ({wrong} links to unrelated articles), "
                f"copies_from named for {named} of {copies} copies (naming {', '.join(sorted(origins))}); add {add['seconds']:.1f}s "
                f"(peak RSS {add['rss_mb']:.0f} MB), {elapsed:.1f}s with the listing"
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
