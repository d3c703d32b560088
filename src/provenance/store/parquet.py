"""Results as a Parquet dataset: what `add --engine dask` writes, what DuckDB, pandas, polars and Spark
read as it is, and what every read command answers from when `--db` names such a folder.

    DIR/provenance-dataset.json   what the folder is: format, version, pipeline and linker fingerprints
    DIR/documents/part-00000.parquet    one row per document (DocumentInfo, `story` included)
    DIR/claims/   DIR/figures/   DIR/statements/    the records, columns as the CLI prints them
    DIR/clusters/                 one row per member: cluster_kind, position, item_id, then `trace`'s columns
    DIR/segments/                 claim_id, start, end: the raw ranges of claims split around their cue
    DIR/stories/                  one row per story, as `provenance stories` prints it

Every file is written to a temporary name and renamed, so a reader (or a killed run) never
sees half a table. Reading loads the tables into `MemoryResults`: the same answers as a
run in one process, from the same records.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..records import Claim, Cluster, ClusterMember, DocumentInfo, Figure, InputProblem, Statement, plain_number
from .results import MemoryResults, Segments

DATASET_MARKER = "provenance-dataset.json"
DATASET_FORMAT = "provenance-parquet"
DATASET_VERSION = 1
# the columns a cluster member row carries before ClusterMember's own
CLUSTER_PREFIX = (("cluster_kind", "str"), ("position", "int"), ("item_id", "str"))


class DatasetError(Exception):
    """A folder that is not a provenance dataset, or one from another version."""


def is_dataset(path: Path) -> bool:
    return (path / DATASET_MARKER).is_file()


def _arrow_type(name: str) -> Any:
    import pyarrow as pa

    return {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "float | None": pa.float64(),  # null where absent (a figure's upper end, set for ranges only)
        "list_str": pa.list_(pa.string()),
        "list_float": pa.list_(pa.float64()),
    }[name]


def schema_of(record_type: type, prefix: Sequence[tuple[str, str]] = ()) -> Any:
    """The Parquet schema of a record type: its fields in order, strings, integers and floats."""
    import pyarrow as pa

    columns = [*prefix, *((f.name, str(f.type)) for f in fields(record_type))]
    return pa.schema([(name, _arrow_type(kind)) for name, kind in columns])


def write_table(folder: Path, rows: Iterable[dict[str, Any]], schema: Any, part: int = 0) -> Path:
    """One table (or its part number `part`) as `folder/part-NNNNN.parquet`, written under a temporary
    name and renamed."""
    import pyarrow as pa

    return _write_arrow(folder, pa.Table.from_pylist(list(rows), schema=schema), part)


def _write_arrow(folder: Path, table: Any, part: int) -> Path:
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    name = f"part-{part:05d}.parquet"
    target = folder / name
    temporary = folder / f".{name}.{uuid.uuid4().hex}.tmp"
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, target)
    return target


def read_table(folder: Path) -> list[dict[str, Any]]:
    """Every row of a table folder (all its Parquet files, in name order); none when it is missing."""
    rows: list[dict[str, Any]] = []
    for columns in _read_parts(folder):
        names = list(columns)
        rows.extend(dict(zip(names, values)) for values in zip(*columns.values()))
    return rows


def _read_parts(folder: Path) -> Iterable[dict[str, list[Any]]]:
    """Each Parquet file of a table folder, in name order, as columns."""
    import pyarrow.parquet as pq

    if folder.is_dir():
        for part in sorted(folder.glob("*.parquet")):
            yield pq.read_table(part).to_pydict()


def write_rows(folder: Path, rows: Iterable[dict[str, Any]], columns: dict[str, str], part: int = 0) -> None:
    """Rows of named columns ("str", "int", "float", "list_str", "list_float"): a working table of a stage."""
    import pyarrow as pa

    write_table(folder, rows, pa.schema([(name, _arrow_type(kind)) for name, kind in columns.items()]), part)


def write_records(folder: Path, record_type: type, records: Iterable[Any], part: int = 0) -> None:
    """Records of one type (flat: strings and numbers), written column by column."""
    _write_columns(folder, schema_of(record_type), list(records), {}, part)


def _write_columns(folder: Path, schema: Any, records: list[Any], prefix: dict[str, list[Any]], part: int) -> None:
    import pyarrow as pa

    columns = {**prefix, **{name: [getattr(r, name) for r in records] for name in schema.names if name not in prefix}}
    _write_arrow(folder, pa.Table.from_pydict(columns, schema=schema), part)


def read_records(folder: Path, record_type: type) -> list[Any]:
    names = [f.name for f in fields(record_type)]
    records: list[Any] = []
    for columns in _read_parts(folder):
        if "value" in columns:
            columns["value"] = [plain_number(v) for v in columns["value"]]
        if "upper" in columns:
            columns["upper"] = [None if v is None else plain_number(v) for v in columns["upper"]]
        kept = [name for name in names if name in columns]  # a field added since the dataset was written: its default
        records.extend(record_type(**dict(zip(kept, values))) for values in zip(*(columns[name] for name in kept)))
    return records


SEGMENT_COLUMNS = {"claim_id": "str", "start": "int", "end": "int"}


def write_segments(folder: Path, segments: Segments, part: int = 0) -> None:
    rows = ({"claim_id": k, "start": s, "end": e} for k, v in segments.items() for s, e in v)
    write_rows(folder, rows, SEGMENT_COLUMNS, part)


def read_segments(folder: Path) -> Segments:
    segments: Segments = {}
    for row in read_table(folder):
        segments.setdefault(row["claim_id"], []).append((row["start"], row["end"]))
    return segments


def write_problems(folder: Path, problems: Iterable[InputProblem]) -> None:
    write_records(folder, InputProblem, problems)


def read_problems(folder: Path) -> list[InputProblem]:
    return read_records(folder, InputProblem)


def write_clusters(folder: Path, clusters: Iterable[Cluster], part: int = 0) -> None:
    """One row per member: the cluster's kind, the member's position and item id, then the member."""
    prefix: dict[str, list[Any]] = {"cluster_kind": [], "position": [], "item_id": []}
    members = []
    for c in clusters:
        for n, (item_id, member) in enumerate(zip(c.item_ids, c.members)):
            prefix["cluster_kind"].append(c.kind)
            prefix["position"].append(n)
            prefix["item_id"].append(item_id)
            members.append(member)
    _write_columns(folder, schema_of(ClusterMember, CLUSTER_PREFIX), members, prefix, part)


def read_clusters(folder: Path) -> list[Cluster]:
    names = [f.name for f in fields(ClusterMember)]
    clusters: dict[str, Cluster] = {}
    for row in read_table(folder):
        cluster = clusters.get(row["cluster"])
        if cluster is None:
            cluster = clusters[row["cluster"]] = Cluster(row["cluster"], row["cluster_kind"])
        cluster.item_ids.append(row["item_id"])
        cluster.members.append(ClusterMember(**{name: row[name] for name in names}))
    return list(clusters.values())


def write_record_tables(folder: Path, results: MemoryResults, part: int = 0, documents: bool = True) -> None:
    """Documents, claims, figures, statements and segments as tables in `folder` (a dataset or a batch of one),
    or as their part number `part`."""
    if documents:
        write_records(folder / "documents", DocumentInfo, results.infos, part)
    write_records(folder / "claims", Claim, results.claim_records, part)
    write_records(folder / "figures", Figure, results.figure_records, part)
    write_records(folder / "statements", Statement, results.statement_records, part)
    write_segments(folder / "segments", results.claim_segments, part)


def fill_empty_tables(out: Path, more: dict[str, type] | None = None) -> None:
    """A table no part wrote (no figures anywhere, say) is an empty file, so every reader finds every table."""
    record_types: dict[str, type] = {
        "documents": DocumentInfo,
        "claims": Claim,
        "figures": Figure,
        "statements": Statement,
        **(more or {}),
    }
    for table in [*record_types, "segments", "clusters"]:
        if any((out / table).glob("*.parquet")):
            continue
        if table == "segments":
            write_segments(out / table, {})
        elif table == "clusters":
            write_clusters(out / table, [])
        else:
            write_records(out / table, record_types[table], [])


def read_record_tables(folder: Path, into: MemoryResults) -> None:
    """The tables `write_record_tables` wrote, appended to `into` (batches are read one after another)."""
    into.infos.extend(read_records(folder / "documents", DocumentInfo))
    into.claim_records.extend(read_records(folder / "claims", Claim))
    into.figure_records.extend(read_records(folder / "figures", Figure))
    into.statement_records.extend(read_records(folder / "statements", Statement))
    into.claim_segments.update(read_segments(folder / "segments"))


def write_results(out: Path, results: MemoryResults, *, pipeline: str, linker: str) -> None:
    """The linked results as the dataset's tables, then the marker (a reader trusts a folder only then)."""
    write_record_tables(out, results)
    write_clusters(out / "clusters", results.cluster_records)
    counts = {
        "documents": len(results.infos),
        "claims": len(results.claim_records),
        "clusters": len(results.cluster_records),
    }
    write_marker(out, pipeline=pipeline, linker=linker, counts=counts)


def write_marker(out: Path, *, pipeline: str, linker: str, run: str = "", counts: dict[str, int] | None = None) -> None:
    """What the folder is, written last: `run` names the linking run that made the tables, `counts` its
    documents, claims and clusters (so a run finding its dataset done need not read it)."""
    marker = {
        "format": DATASET_FORMAT,
        "version": DATASET_VERSION,
        "pipeline": pipeline,
        "linker": linker,
        "run": run,
        "counts": counts or {},
    }
    temporary = out / f".{DATASET_MARKER}.tmp"
    temporary.write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, out / DATASET_MARKER)


def drop_marker(out: Path) -> None:
    """Before tables are replaced: no reader trusts the folder until the new marker."""
    (out / DATASET_MARKER).unlink(missing_ok=True)


def marker_of(out: Path) -> dict[str, Any]:
    """A dataset's marker (empty when there is none or it cannot be read)."""
    try:
        marker: dict[str, Any] = json.loads((out / DATASET_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return marker


def read_results(out: Path) -> MemoryResults:
    """A dataset's tables as results every read command answers from (no spaCy needed).

    Records are put in document order (the documents table's): a dataset linked in parts
    holds them part by part."""
    try:
        marker = json.loads((out / DATASET_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DatasetError(f"{out}: not a provenance dataset ({err})") from None
    if marker.get("format") != DATASET_FORMAT or marker.get("version") != DATASET_VERSION:
        raise DatasetError(
            f"{out}: dataset format {marker.get('format')} {marker.get('version')} is not the "
            f"{DATASET_FORMAT} {DATASET_VERSION} this provenance reads; run `provenance add --engine dask` again"
        )
    results = MemoryResults(cluster_records=read_clusters(out / "clusters"))
    read_record_tables(out, into=results)
    position = {d.doc: n for n, d in enumerate(results.infos)}
    results.claim_records.sort(key=lambda r: position.get(r.doc, -1))
    results.figure_records.sort(key=lambda r: position.get(r.doc, -1))
    results.statement_records.sort(key=lambda r: position.get(r.doc, -1))
    return results
