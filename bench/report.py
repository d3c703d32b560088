"""Report benchmark (make bench): `provenance report` on a spread corpus and on a large store.

- One article and 40 copies among 60 unrelated articles (the corpus of `bench/spread.py`):
  the report's graph (the origin and the documents it connects to), the file size, and
  the time headless Chromium takes to open and lay it out (Debian's `chromium`, driven by
  playwright with the system browser; skipped with a message where either is missing).
- A store of --docs small generated documents: the report's size and build time.

Not a test: numbers are reported, never asserted.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import PROVENANCE, line, measure, small_documents  # noqa: E402
from spread import build  # noqa: E402


def open_time(report: Path) -> str:
    """Seconds for Chromium to load and lay out the report (best of three), or why it was not measured."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        return "not measured: no chromium (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "not measured: no playwright (pip install -e '.[dev]')"
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            for _ in range(3):
                page = browser.new_page(viewport={"width": 1200, "height": 900})
                start = time.perf_counter()
                page.goto(report.as_uri(), wait_until="load")
                page.evaluate("document.body.getBoundingClientRect().height")  # layout done
                times.append(time.perf_counter() - start)
                page.close()
        finally:
            browser.close()
    return f"opens in {min(times):.2f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--docs", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "spread"
        build(corpus, args.copies, 60, Path(args.shared))
        db, report = work / "spread.db", work / "spread.html"
        measure([*PROVENANCE, "add", str(corpus), "--db", str(db), "--jobs", "2"])
        made = measure([*PROVENANCE, "report", "--db", str(db), "-o", str(report)])
        html = report.read_text(encoding="utf-8")
        first_story = html.split("<section class='story'")[1]
        graph = first_story.split("</svg>")[0]
        from_origin = len(re.findall(r"<path class='edge[^']*' d='M320\.0,320\.0", graph))
        to_origin = len(re.findall(r"<path class='edge[^']*' d='M[^']* 320\.0,320\.0'", graph))
        line(f"report, 1 article + {args.copies} copies + 60 others", made, f"{len(html) / 1e3:.0f} KB")
        print(
            f"  first story's graph: one main origin, {from_origin} edges from it, {to_origin} into it; "
            f"{open_time(report)}"
        )
        if args.docs:
            folder, big = work / "docs", work / "docs.db"
            small_documents(folder, args.docs)
            measure([*PROVENANCE, "add", str(folder), "--db", str(big), "--jobs", "2"])
            out = work / "docs.html"
            made = measure([*PROVENANCE, "report", "--db", str(big), "-o", str(out)])
            line(f"report, store of {args.docs} documents", made, f"{out.stat().st_size / 1e6:.2f} MB")
            print(f"  {open_time(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
