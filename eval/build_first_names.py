"""Rebuild `src/provenance/data/first_names.txt`: first names that say a person's gender.

Why: "she" after "Her colleague Tom Hale left." is not Tom Hale; the speaker resolver skips
a person whose first name says otherwise. The counts come from nomquamgender (Van Buskirk et
al. 2022, MIT licence; name-gender counts pooled from national registers), read from its
installed `name_data.json`; only common names whose p(female) is at most 0.1 or at least 0.9
are kept (the package's own default), so "Jordan", "Taylor" or "Jean" say nothing.

    pip install --no-deps nomquamgender==0.1.4
    python eval/build_first_names.py [--min-count 1000]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "src/provenance/data/first_names.txt"
HEADER = """\
# First names that say a person's gender: `name f` or `name m` (lower case).
# Built by eval/build_first_names.py from nomquamgender 0.1.4 (name_data.json):
# names counted at least {min_count} times in at least {min_sources} sources, p(female) <= 0.1 or >= 0.9.
# nomquamgender: Copyright (c) 2022 Ian Van Buskirk, MIT licence
# (https://github.com/ianvanbuskirk/nomquamgender).
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-count", type=int, default=1000)
    parser.add_argument("--min-sources", type=int, default=5)
    args = parser.parse_args()
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or spec.origin is None:
        raise SystemExit("nomquamgender is not installed: pip install --no-deps nomquamgender==0.1.4")
    data = json.loads((Path(spec.origin).parent / "name_data.json").read_text("utf-8"))
    rows = []
    for name, (sources, count, p_female, *_rest) in data.items():
        if not (name.isascii() and name.isalpha() and len(name) > 1):
            continue
        if sources < args.min_sources or count < args.min_count:
            continue
        if p_female >= 0.9:
            rows.append(f"{name} f")
        elif p_female <= 0.1:
            rows.append(f"{name} m")
    TARGET.write_text(
        HEADER.format(min_count=args.min_count, min_sources=args.min_sources) + "\n".join(sorted(rows)) + "\n",
        encoding="utf-8",
    )
    print(f"{TARGET}: {len(rows)} names")


if __name__ == "__main__":
    main()
