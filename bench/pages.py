"""Saved web pages against the same articles as plain text, end to end (make bench).

The 88 pages of ../shared/eval/pages (gzipped HTML as saved) and their true article texts as .txt
files, each read by `provenance claims DIR --jobs 1` in a fresh process with an empty parse cache:
wall time with model load. Target: HTML costs at most 1.3x the plain text.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import measure  # noqa: E402  (bench/bench.py: wall time and peak RSS of a fresh process)


def run(folder: Path, cache: Path) -> tuple[float, int]:
    """Wall time and claim count of `provenance claims FOLDER` in a fresh process with its own empty cache."""
    provenance = str(Path(sys.executable).with_name("provenance"))
    env = dict(os.environ, PROVENANCE_CACHE=str(cache))
    result = measure([provenance, "claims", str(folder), "--jobs", "1", "-f", "csv"], env=env)
    return float(result["seconds"]), int(result["stdout_lines"]) - 1  # type: ignore[call-overload]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the fastest counts (noise)")
    args = parser.parse_args()
    pages = Path(args.shared) / "eval/pages"
    with tempfile.TemporaryDirectory(prefix="provenance-pages-bench-") as tmp:
        work = Path(tmp)
        (work / "html").mkdir()
        (work / "text").mkdir()
        for page in sorted((pages / "pages").glob("*.html.gz")):
            shutil.copy(page, work / "html" / page.name)
        for line in (pages / "truth.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            (work / "text" / f"{record['id']}.txt").write_text(record["articleBody"], encoding="utf-8")
        best: dict[str, tuple[float, int]] = {}
        for attempt in range(args.repeat):
            for kind in ("html", "text"):
                cache = work / f"cache-{kind}-{attempt}"
                seconds, claims = run(work / kind, cache)
                if kind not in best or seconds < best[kind][0]:
                    best[kind] = (seconds, claims)
        html, text = best["html"], best["text"]
        print(
            f"88 saved pages: {html[0]:.1f}s ({html[1]} claims); the same articles as plain text: {text[0]:.1f}s "
            f"({text[1]} claims); HTML / text {html[0] / text[0]:.2f}x (target <= 1.3x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
