"""The Dask driver: extraction on a Dask cluster (local processes, or any scheduler Dask runs on),
linking with the same code as one process, and a Parquet dataset out (`store.parquet`).

Stages, each a Dask task whose output is files, so a killed run resumes where it stopped:

1. read + extract: the inputs are listed here (`expand_paths`), cut into batches of files, and
   each batch is a task: the worker reads its files (local paths or URLs it can reach), parses
   them with the spaCy pipeline it loaded once, and writes the batch's records as Parquet under
   `DIR/_extract/<batch>/` (renamed into place when complete; a finished batch is never redone).
   A document that fails is an `InputProblem` in its batch, never a lost batch; a worker that dies
   mid-task has its task run again by Dask (the half-written batch is a temporary folder).
2. link: the stages of `engine.link_stages` (counts per batch and their sum, story vectors per
   batch, stories and parts in one task, records moved to their parts per batch, each part linked
   by `resolve.parts.link_part`). A part holds whole stories joined by shared copies, so the
   linking of each part is the linking of the whole: the same cluster ids and flags as one process.

The one stage that sees every document is finding stories (20 weights per document, no records);
linking itself is spread over parts, each needing the memory of its own stories only (measured in
`bench/dask_engine.py`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..extract import analyze, pipeline_fingerprint
from ..ingest import expand_paths, read_input
from ..ingest.fetch import is_url
from ..ingest.remote import is_remote
from ..ingest.remote import stamp as remote_stamp
from ..records import Document, InputProblem
from ..resolve import linker_fingerprint
from ..store import MemoryResults
from ..store import parquet as dataset
from . import link_stages
from .link_stages import Summary
from .local import FALLBACK_ENCODINGS, collect_problems

if TYPE_CHECKING:
    from spacy.language import Language

FILES_PER_TASK = 4  # a task's worth of parsing: a second or two, so workers finish together and a lost one costs little
TASK_RETRIES = 3
# Settings for the clusters provenance starts itself. Dask has each worker process return freed memory
# to the system at once (MALLOC_TRIM_THRESHOLD_=65536): spaCy allocates and frees all the time, and
# that costs it 10-15% of its speed (measured: 84 articles in 19.7s against 16.9s). Its sampling
# profiler and its 20 ms event-loop tick take the compute thread's GIL; parsing needs neither.
QUIET_CLUSTER = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
EXTRACT_FOLDER = "_extract"
INSTALL_HINT = "--engine dask needs the dask extra: pip install 'provenance[dask]'"

ProblemHandler = Callable[[InputProblem], None]


class EngineUnavailable(Exception):
    """Dask is not installed; the message says what to install."""


@dataclass
class DaskReport:
    """What `provenance add --engine dask` did."""

    parsed: int = 0  # documents parsed in this run
    unchanged: int = 0  # documents of batches finished by an earlier run
    documents: int = 0
    claims: int = 0
    clusters: int = 0
    workers: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    extract_seconds: float = 0.0
    link_seconds: float = 0.0


def require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise EngineUnavailable(INSTALL_HINT) from None


def add_dask(
    paths: Iterable[str],
    out: Path,
    *,
    scheduler: str | None = None,
    jobs: int = 2,
    client: Any = None,
    files_per_task: int = FILES_PER_TASK,
    parts: int | None = None,
    summaries: Mapping[str, tuple[Summary, type]] | None = None,
    on_problem: ProblemHandler | None = None,
) -> DaskReport:
    """Extract `paths` on a Dask cluster and write the linked results as a Parquet dataset in `out`.

    With `client` the run uses that cluster; with `scheduler` it connects to one; otherwise it starts
    a local cluster of `jobs` worker processes (one thread each: spaCy parses in one thread).
    """
    require_dask()
    from distributed import Client, LocalCluster, as_completed

    report = DaskReport()
    problem = collect_problems(report.problems, on_problem)

    inputs: list[tuple[str, str]] = []
    for item in expand_paths(paths):
        if isinstance(item, InputProblem):
            problem(item)
        elif item[0] == "-":
            problem(InputProblem("-", "standard input cannot be sent to a cluster; save it to a file"))
        else:
            inputs.append((item[0] if is_url(item[0]) or is_remote(item[0]) else os.path.abspath(item[0]), item[1]))
    fingerprint = pipeline_fingerprint()
    batches = [inputs[i : i + files_per_task] for i in range(0, len(inputs), files_per_task)]
    folders = [out / EXTRACT_FOLDER / batch_id(batch, fingerprint) for batch in batches]
    out.mkdir(parents=True, exist_ok=True)

    cluster = None
    own_client = client is None
    if own_client:
        if scheduler:
            client = Client(scheduler)
        else:
            import dask

            with dask.config.set(QUIET_CLUSTER):  # read as the workers start; the caller's config stays as it was
                cluster = LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    # any free port on this machine only: two runs never clash on 8787, and no other host sees it
                    dashboard_address="127.0.0.1:0",
                    silence_logs=logging.ERROR,
                )
            client = Client(cluster)
    try:
        report.workers = len(client.scheduler_info().get("workers", {}))
        started = time.perf_counter()
        todo = [(batch, folder) for batch, folder in zip(batches, folders) if not _complete(folder)]
        for folder in folders:
            if _complete(folder):
                report.unchanged += _summary(folder)["documents"]
        futures = client.map(
            extract_batch,
            [b for b, _ in todo],
            [str(f) for _, f in todo],
            pure=False,
            retries=TASK_RETRIES,
        )
        for future in as_completed(futures):
            summary = future.result()
            report.parsed += summary["documents"]
        for folder in folders:
            for item in dataset.read_problems(folder / "problems"):
                problem(item)
        report.extract_seconds = time.perf_counter() - started
        started = time.perf_counter()
        counts = link_dataset(client, out, folders, parts=parts, summaries=summaries)
        report.link_seconds = time.perf_counter() - started
        report.documents, report.claims, report.clusters = counts
        _drop_stale_batches(out, folders)
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()
    return report


def batch_id(batch: list[tuple[str, str]], fingerprint: str) -> str:
    """A batch's name: its files (path, name, size, modification time) and the pipeline that parses them.
    A changed file or a new pipeline makes a new batch; an unchanged one is found done."""
    digest = hashlib.blake2s(fingerprint.encode(), digest_size=10)
    for path, name in batch:
        if is_remote(path):
            stamp = remote_stamp(path)
        else:
            try:
                st = os.stat(path) if not is_url(path) else None
            except OSError:
                st = None
            stamp = f"{st.st_size}:{st.st_mtime_ns}" if st else ""
        digest.update(f"{path}\x00{name}\x00{stamp}\x01".encode())
    return digest.hexdigest()


def _complete(folder: Path) -> bool:
    return (folder / "summary.json").is_file()


def _summary(folder: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    return result


_PIPELINE: Language | None = None


def worker_pipeline() -> Language:
    """The spaCy pipeline of this worker process, loaded by its first task and kept for the rest."""
    global _PIPELINE
    if _PIPELINE is None:
        from ..nlp import load_pipeline

        _PIPELINE = load_pipeline()
    return _PIPELINE


def extract_batch(batch: list[tuple[str, str]], folder: str) -> dict[str, Any]:
    """One task: read and parse a batch of inputs, write its records under `folder`, return its counts.

    Written into a temporary folder renamed into place when complete, so a worker killed midway
    leaves nothing a later attempt or reader could mistake for the batch."""
    target = Path(folder)
    if _complete(target):
        return _summary(target)
    documents: list[Document] = []
    problems: list[InputProblem] = []
    for path, name in batch:
        try:
            for item in read_input(path, name):
                if isinstance(item, InputProblem):
                    problems.append(item)
                else:
                    if item.encoding in FALLBACK_ENCODINGS:
                        problems.append(InputProblem(item.path, f"not valid UTF-8; read as {item.encoding}", "warning"))
                    documents.append(item)
        except Exception as err:  # noqa: BLE001 - one unreadable input is recorded, the batch goes on
            problems.append(InputProblem(path, f"cannot read ({type(err).__name__}: {err})"))
    try:
        results = list(analyze(documents, worker_pipeline()))
    except Exception:  # noqa: BLE001 - one document broke the batch: parse them one by one
        results = []
        for document in documents:
            try:
                results.extend(analyze([document], worker_pipeline()))
            except Exception as err:  # noqa: BLE001 - a document that fails is recorded, never silently dropped
                reason = f"failed to parse {document.doc} ({type(err).__name__}: {err})"
                problems.append(InputProblem(document.path, reason))
    for result in results:
        problems.extend(InputProblem(result.document.path, f"partial results, {e}", "warning") for e in result.errors)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
    memory = MemoryResults(
        infos=[r.document.info() for r in results],
        claim_records=[c for r in results for c in r.claims],
        figure_records=[f for r in results for f in r.figures],
        statement_records=[s for r in results for s in r.statements],
        claim_segments={k: v for r in results for k, v in r.segments.items()},
    )
    dataset.write_record_tables(temporary, memory)
    dataset.write_problems(temporary / "problems", problems)
    summary = {"documents": len(results), "claims": len(memory.claim_records), "problems": len(problems)}
    (temporary / "summary.json").write_text(json.dumps(summary) + "\n", encoding="utf-8")
    try:
        os.replace(temporary, target)
    except OSError:  # another attempt finished first: its batch is the same records
        shutil.rmtree(temporary, ignore_errors=True)
    return summary


def link_dataset(
    client: Any,
    out: Path,
    folders: list[Path],
    *,
    parts: int | None = None,
    summaries: Mapping[str, tuple[Summary, type]] | None = None,
) -> tuple[int, int, int]:
    """Link the extracted batches in `folders` on the cluster and write the dataset in `out`
    (`engine.link_stages`: counts, story vectors, stories and parts, records to parts, each part linked).
    Returns documents, claims and clusters. A dataset already made by the same run is left as it is."""
    batches = [str(f) for f in folders]
    run = link_stages.run_name(batches)
    marker = dataset.marker_of(out)
    if marker.get("run") == run and marker.get("counts"):
        return marker["counts"]["documents"], marker["counts"]["claims"], marker["counts"]["clusters"]
    work = out / link_stages.LINK_FOLDER / run
    groups = link_stages.group_batches(batches)
    names = [f"{n:06d}" for n in range(len(groups))]
    counted = [str(work / "counted" / n) for n in names]
    vectors = [str(work / "vectors" / n) for n in names]
    counts, plan_folder = str(work / "counts"), str(work / "plan")
    wait = client.gather
    wait(client.map(link_stages.count_batch, groups, counted, pure=False, retries=TASK_RETRIES))
    wait(client.submit(link_stages.sum_counts, counted, counts, pure=False, retries=TASK_RETRIES))
    wait(
        client.map(link_stages.vectors_batch, groups, [counts] * len(groups), vectors, pure=False, retries=TASK_RETRIES)
    )
    wanted = parts or max(2 * len(client.scheduler_info().get("workers", {})), len(groups) // 4, 1)
    made = wait(
        client.submit(link_stages.plan, vectors, counted, plan_folder, wanted, pure=False, retries=TASK_RETRIES)
    )
    wait(
        client.map(
            link_stages.shuffle_batch,
            groups,
            range(len(groups)),
            [plan_folder] * len(groups),
            [str(work)] * len(groups),
            pure=False,
            retries=TASK_RETRIES,
        )
    )
    linked = wait(
        client.map(
            link_stages.link_part_task,
            range(made),
            [str(work)] * made,
            [counts] * made,
            [summaries] * made,
            pure=False,
            retries=TASK_RETRIES,
        )
    )
    tables: dict[str, type | None] = {table: None for table in link_stages.TABLES}
    tables.update({name: record_type for name, (_, record_type) in (summaries or {}).items()})
    totals = {name: sum(p[name] for p in linked) for name in ("documents", "claims", "clusters")}
    link_stages.publish(
        work, out, tables, pipeline=pipeline_fingerprint(), linker=linker_fingerprint(), run=run, counts=totals
    )
    shutil.rmtree(out / link_stages.LINK_FOLDER, ignore_errors=True)
    return totals["documents"], totals["claims"], totals["clusters"]


def _drop_stale_batches(out: Path, current: list[Path]) -> None:
    """Batches of files since changed or gone: the dataset no longer reads them."""
    keep = {f.name for f in current}
    root = out / EXTRACT_FOLDER
    for folder in root.iterdir() if root.is_dir() else ():
        if folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)
