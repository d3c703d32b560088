"""docs/architecture.md stays the map of the code: every module named, no module named that is gone."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "provenance"
MAP = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _named() -> set[str]:
    """Module paths the document names in backticks: `resolve/stories.py`, `cli.py`."""
    return set(re.findall(r"`([\w/]+\.py)`", MAP))


def test_every_module_of_the_package_is_named():
    modules = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    assert modules - _named() == set()


def test_every_module_named_exists():
    # a name is a module of the package, or a file of the repository (tests/, eval/)
    assert {name for name in _named() if not (PACKAGE / name).is_file() and not (ROOT / name).is_file()} == set()


def test_every_package_has_its_own_row():
    packages = {path.parent.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("__init__.py")} - {"."}
    rows = set(re.findall(r"^\| `([\w/]+)/__init__\.py`", MAP, flags=re.M))
    assert packages - rows == set()
