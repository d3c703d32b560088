"""The linking stages of the Dask engine: `resolve.parts` as tasks over files.

Every stage reads and writes Parquet under `DIR/_link/<run>/` (a run is named by its batches and
the linker, so a killed run resumes and a changed input starts afresh), writes a `done` marker
last, and returns at once when the marker is there. A task moves files, never records: what a
stage hands the next is a path.

    counted/<group>/   counts, crossing       per group of batches: term and stem counts; (key, doc) of specific copies
    counts/                                    their sum (one task)
    vectors/<group>/                           per group: each document's story vector
    plan/                                      doc, story, part (one task: stories, story groups, parts)
    parts/<part>/<group>/                      per group: its records split by part (documents with `story`)
    tables/<table>/part-<n>.parquet            the dataset's tables: documents per group, the rest per part

A group is a run of extraction batches in input order holding a few MB (`group_batches`): per-batch
stages then make few tasks and few files however small the batches.

The tables are moved into the dataset when every part is linked (`publish`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import Claim, DocumentInfo, Figure, Statement
from ..resolve import linker_fingerprint
from ..resolve.parts import CorpusCounts, count_part, find_stories, link_part, plan_parts, story_groups, story_vectors
from ..store import MemoryResults
from ..store import parquet as dataset
from .local import apply_linking

LINK_FOLDER = "_link"
DONE = "done"
TABLES = ("documents", "claims", "figures", "statements", "segments", "clusters")
Summary = Callable[[MemoryResults], list[Any]]  # rows of a further per-part table (e.g. `stories`)


def run_name(batches: list[str]) -> str:
    """A linking run's name: the batches it links (each named by its files and pipeline) and the linker."""
    digest = hashlib.blake2s(linker_fingerprint().encode(), digest_size=10)
    for batch in batches:
        digest.update(Path(batch).name.encode() + b"\x00")
    return digest.hexdigest()


def done(folder: Path) -> bool:
    return (folder / DONE).is_file()


def _finish(folder: Path) -> None:
    (folder / DONE).write_text("", encoding="utf-8")


GROUP_BYTES = 8 << 20  # a stage task reads extraction batches until it holds about this much Parquet
GROUP_BATCHES = 64  # or this many batches: few tasks and few files for many small batches


def group_batches(batches: list[str]) -> list[list[str]]:
    """Extraction batches in input order, cut into the groups each per-batch stage task reads together."""
    groups: list[list[str]] = []
    size = 0
    for batch in batches:
        if not groups or size >= GROUP_BYTES or len(groups[-1]) >= GROUP_BATCHES:
            groups.append([])
            size = 0
        groups[-1].append(batch)
        size += sum(f.stat().st_size for f in Path(batch).rglob("*.parquet"))
    return groups


def _records(results: MemoryResults) -> tuple[list[Claim], list[Figure], list[DocumentInfo], list[Statement]]:
    """A set of results as the record lists `resolve.parts` takes."""
    return results.claim_records, results.figure_records, results.infos, results.statement_records


def _batch(folders: list[str]) -> MemoryResults:
    results = MemoryResults()
    for folder in folders:
        dataset.read_record_tables(Path(folder), into=results)
    return results


# --- 1. counts ---------------------------------------------------------------------------------------


def count_batch(batch: list[str], target: str) -> None:
    """Stage 1, per group of batches: its `CorpusCounts` and crossing keys."""
    out = Path(target)
    if done(out):
        return
    records = _batch(batch)
    counts = count_part(*_records(records))
    _write_counts(out / "counts", counts)
    crossing = [{"key": k, "doc": d} for k, d in sorted(counts.crossing)]
    dataset.write_rows(out / "crossing", crossing, {"key": "str", "doc": "str"})
    _finish(out)


def sum_counts(parts: list[str], target: str) -> None:
    """Stage 1, once: the batches' counts summed."""
    out = Path(target)
    if done(out):
        return
    total = CorpusCounts()
    for part in parts:
        total.add(_read_counts(Path(part) / "counts"))
    _write_counts(out, total)
    _finish(out)


COUNT_COLUMNS = {"table": "str", "term": "str", "count": "int"}


def _write_counts(folder: Path, counts: CorpusCounts) -> None:
    rows: list[dict[str, Any]] = [
        {"table": "n", "term": name, "count": getattr(counts, name)}
        for name in ("documents", "claim_items", "figure_items")
    ]
    for table in ("term_df", "claim_stems", "figure_stems"):
        rows.extend({"table": table, "term": t, "count": c} for t, c in sorted(getattr(counts, table).items()))
    dataset.write_rows(folder, rows, COUNT_COLUMNS)


@lru_cache(maxsize=2)
def _read_counts(folder: Path) -> CorpusCounts:
    """A counts table (kept by the worker process: every task of a stage reads the same one)."""
    counts = CorpusCounts()
    for row in dataset.read_table(folder):
        if row["table"] == "n":
            setattr(counts, row["term"], row["count"])
        else:
            getattr(counts, row["table"])[row["term"]] = row["count"]
    return counts


# --- 2. story vectors --------------------------------------------------------------------------------


VECTOR_COLUMNS = {"doc": "str", "published": "str", "terms": "list_str", "weights": "list_float"}


def vectors_batch(batch: list[str], counts: str, target: str) -> None:
    """Stage 2, per group of batches: each document's story vector, from the corpus's term frequencies."""
    out = Path(target)
    if done(out):
        return
    records = _batch(batch)
    vectors = story_vectors(*_records(records), _read_counts(Path(counts)))
    rows = [
        {"doc": doc, "published": published, "terms": list(v), "weights": list(v.values())}
        for doc, published, v in vectors
    ]
    dataset.write_rows(out, rows, VECTOR_COLUMNS)
    _finish(out)


# --- 3. stories and parts ----------------------------------------------------------------------------


PLAN_COLUMNS = {"doc": "str", "story": "str", "part": "int"}


def plan(vectors: list[str], counted: list[str], target: str, parts: int) -> int:
    """Stage 3, once: stories over every document, story groups, and the part of each document.
    Returns the number of parts."""
    out = Path(target)
    if not done(out):
        story_of = find_stories(
            (row["doc"], row["published"], dict(zip(row["terms"], row["weights"])))
            for folder in vectors
            for row in dataset.read_table(Path(folder))
        )
        crossing = (
            (row["key"], row["doc"]) for folder in counted for row in dataset.read_table(Path(folder) / "crossing")
        )
        part_of = plan_parts(story_of, story_groups(story_of, crossing), parts)
        rows = [{"doc": doc, "story": story_of[doc], "part": part_of[doc]} for doc in sorted(story_of)]
        dataset.write_rows(out, rows, PLAN_COLUMNS)
        _finish(out)
    return len({row["part"] for row in dataset.read_table(out)})


@lru_cache(maxsize=2)
def _read_plan(folder: Path) -> dict[str, tuple[str, int]]:
    return {row["doc"]: (row["story"], row["part"]) for row in dataset.read_table(folder)}


# --- 4. records to their parts -----------------------------------------------------------------------


def shuffle_batch(batch: list[str], number: int, plan_folder: str, work: str) -> None:
    """Stage 4, per group of batches: its records split by part, and its documents (with their story) as the
    dataset's documents table part `number` (documents stay in input order)."""
    root = Path(work)
    marker = root / "shuffled" / f"{number:06d}"
    if done(marker):
        return
    records = _batch(batch)
    placed = _read_plan(Path(plan_folder))
    infos = [replace(d, story=placed[d.doc][0]) for d in records.infos]
    split: dict[int, MemoryResults] = {}

    def part(doc: str) -> MemoryResults:
        return split.setdefault(placed[doc][1], MemoryResults())

    for d in infos:
        part(d.doc).infos.append(d)
    doc_of_claim = {}
    for c in records.claim_records:
        part(c.doc).claim_records.append(c)
        doc_of_claim[c.claim_id] = c.doc
    for f in records.figure_records:
        part(f.doc).figure_records.append(f)
    for s in records.statement_records:
        part(s.doc).statement_records.append(s)
    for claim_id, ranges in records.claim_segments.items():
        part(doc_of_claim[claim_id]).claim_segments[claim_id] = ranges
    for n, results in split.items():
        dataset.write_record_tables(root / "parts" / f"{n:05d}" / f"{number:06d}", results)
    dataset.write_records(root / "tables" / "documents", DocumentInfo, infos, part=number)
    marker.mkdir(parents=True, exist_ok=True)
    _finish(marker)


# --- 5. linking each part ----------------------------------------------------------------------------


def link_part_task(
    number: int, work: str, counts: str, summaries: Mapping[str, tuple[Summary, type]] | None = None
) -> dict[str, int]:
    """Stage 5, per part: its records linked with the corpus's idf, written as the dataset's table parts
    (and a part of each table in `summaries`: name -> (rows of a part's results, their record type)).
    Returns the part's documents, claims and clusters."""
    root = Path(work)
    marker = root / "linked" / f"{number:05d}"
    if done(marker):
        counted: dict[str, int] = json.loads((marker / DONE).read_text(encoding="utf-8"))
        return counted
    results = MemoryResults()
    folder = root / "parts" / f"{number:05d}"
    for batch in sorted(folder.iterdir()) if folder.is_dir() else ():
        dataset.read_record_tables(batch, into=results)
    linking = link_part(*_records(results), _read_counts(Path(counts)))
    apply_linking(results, linking)
    tables = root / "tables"
    dataset.write_record_tables(tables, results, part=number, documents=False)
    dataset.write_clusters(tables / "clusters", results.cluster_records, part=number)
    for name, (rows_of, record_type) in (summaries or {}).items():
        dataset.write_records(tables / name, record_type, rows_of(results), part=number)
    counted = {
        "documents": len(results.infos),
        "claims": len(results.claim_records),
        "clusters": len(results.cluster_records),
    }
    marker.mkdir(parents=True, exist_ok=True)
    (marker / DONE).write_text(json.dumps(counted), encoding="utf-8")
    return counted


# --- 6. the dataset ----------------------------------------------------------------------------------


def publish(
    work: Path,
    out: Path,
    tables: Mapping[str, type | None],
    *,
    pipeline: str,
    linker: str,
    run: str,
    counts: dict[str, int],
) -> None:
    """Move the linked tables into the dataset, then its marker (a stopped publish is finished by the next)."""
    dataset.drop_marker(out)
    for table in tables:
        source = work / "tables" / table
        if source.is_dir():  # else moved already, by a publish that was stopped before its marker
            shutil.rmtree(out / table, ignore_errors=True)
            os.replace(source, out / table)
    dataset.fill_empty_tables(out, {name: kind for name, kind in tables.items() if kind is not None})
    dataset.write_marker(out, pipeline=pipeline, linker=linker, run=run, counts=counts)
