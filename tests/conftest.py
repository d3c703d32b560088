from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline, loaded once for the whole test session."""
    from provenance.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def claims_of(nlp):
    """Extract claims from a text: returns a list of (kind, speaker, speaker_name, speaker_type, cue, text, via)."""
    from provenance.extract import analyze
    from provenance.ingest import text_document

    def run(text: str):
        document = text_document(text, doc="t.txt", path="t.txt")
        [result] = list(analyze([document], nlp))
        for claim in result.claims:
            assert document.raw[claim.start : claim.end] == claim.text
        return result.claims

    return run


@pytest.fixture(scope="session", autouse=True)
def session_store(tmp_path_factory):
    """Module- and session-scoped fixtures run before per-test ones: they get a store of their own too."""
    folder = tmp_path_factory.mktemp("session-store")
    saved = {name: os.environ.get(name) for name in ("PROVENANCE_DB", "PROVENANCE_CACHE")}
    os.environ["PROVENANCE_DB"] = str(folder / "index.sqlite")
    os.environ["PROVENANCE_CACHE"] = str(folder / "cache.sqlite")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def isolated_store(tmp_path, monkeypatch):
    """Every test gets its own store, so no test reads another's cache or writes into the repository."""
    monkeypatch.setenv("PROVENANCE_DB", str(tmp_path / "store" / "index.sqlite"))
    monkeypatch.setenv("PROVENANCE_CACHE", str(tmp_path / "cache" / "cache.sqlite"))


def only(claims):
    """The one claim of a text, or a failure listing what was found instead."""
    assert len(claims) == 1, [(c.speaker, c.text) for c in claims]
    return claims[0]
