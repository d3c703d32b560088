"""The Dask engine against one process (make bench).

1. Extraction: the same articles (PolNeAR dev texts repeated as separate files up to --words words)
   indexed by `provenance add` with the local engine (--jobs 1 and 2, an SQLite store) and with
   `--engine dask` (a local cluster of 1 and 2 workers, a Parquet dataset); fresh processes, wall
   time with model loads, cluster start and linking. The engine's overhead is the ratio of its
   throughput to the local engine's with as many processes (target >= 0.90 at 2). Records are
   compared: the two engines must give the same claims.
2. Linking: --claims synthetic claims (bench/synthetic.py: stories with heavy-tailed spread) written as
   extraction batches and linked by the engine's link stages on a local cluster of 2 workers; time,
   parts, each worker's peak RSS, and the clusters compared with one process's `resolve.link`
   (--compare; it needs the memory of the whole corpus in this process).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import measure  # noqa: E402  (bench/bench.py: wall time and peak RSS of a fresh process)


def corpus(source: Path, folder: Path, min_words: int) -> int:
    """PolNeAR dev texts as separate files, repeated under new names until they hold `min_words` words."""
    records = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    folder.mkdir(parents=True)
    words, round_ = 0, 0
    while words < min_words:
        for n, record in enumerate(records):
            (folder / f"r{round_}-{n:03d}.txt").write_text(record["text"], encoding="utf-8")
            words += len(record["text"].split())
        round_ += 1
    return words


def claims_of(db: Path) -> list[str]:
    provenance = str(Path(sys.executable).with_name("provenance"))
    done = subprocess.run([provenance, "claims", "--db", str(db), "-f", "jsonl"], capture_output=True, text=True)
    return sorted(done.stdout.splitlines())


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def link_synthetic(n_claims: int, work: Path, compare: bool) -> dict[str, object]:
    """Synthetic claims as extraction batches of 50,000, linked by the link stages on 2 local workers."""
    from distributed import Client, LocalCluster
    from synthetic import corpus as synthetic_corpus

    from provenance.engine.cluster import EXTRACT_FOLDER, link_dataset
    from provenance.records import Claim, DocumentInfo
    from provenance.store import parquet

    claims, infos = synthetic_corpus(n_claims)
    out = work / "linked"
    folders = []
    per_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        per_doc.setdefault(claim.doc, []).append(claim)
    batch: list[DocumentInfo] = []
    batch_claims: list[Claim] = []
    for info in infos:
        batch.append(info)
        batch_claims.extend(per_doc.get(info.doc, []))
        if len(batch_claims) >= 50_000 or info is infos[-1]:
            folder = out / EXTRACT_FOLDER / f"b{len(folders):04d}"
            parquet.write_records(folder / "documents", DocumentInfo, batch)
            parquet.write_records(folder / "claims", Claim, batch_claims)
            folders.append(folder)
            batch, batch_claims = [], []
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", memory_limit="20GB"
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: None)
        started = time.perf_counter()
        documents, linked_claims, clusters = link_dataset(client, out, folders)
        seconds = time.perf_counter() - started
        peaks = client.run(_peak_rss_mb)
    parts = len(list((out / "claims").glob("*.parquet")))
    same: object = "not compared"
    if compare:
        from provenance.resolve import link

        whole = link(claims, [], infos)
        linked = {c.claim_id: c.cluster for c in parquet.read_results(out).claim_records}
        same = linked == {c.claim_id: whole.cluster_of.get(c.claim_id, "") for c in claims}
    return {
        "parts": parts,
        "same": same,
        "claims": linked_claims,
        "documents": documents,
        "clusters": clusters,
        "seconds": seconds,
        "worker_peak_rss_mb": sorted(round(v) for v in peaks.values()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--compare", action="store_true", help="also link in this process and compare the clusters")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each setting; the fastest counts (noise)")
    args = parser.parse_args()
    source = Path(args.shared) / "eval/attribution/polnear_dev.jsonl"
    provenance = str(Path(sys.executable).with_name("provenance"))
    with tempfile.TemporaryDirectory(prefix="provenance-dask-bench-") as tmp:
        work = Path(tmp)
        if args.words:
            words = corpus(source, work / "articles", args.words)
            print(f"extraction: {words:,} words in {len(list((work / 'articles').iterdir()))} files")
            seconds = {}
            for engine, jobs in (("local", 1), ("dask", 1), ("local", 2), ("dask", 2)):
                runs = []
                for attempt in range(args.repeat):
                    db = work / (
                        f"{engine}{jobs}-{attempt}.sqlite" if engine == "local" else f"{engine}{jobs}-{attempt}"
                    )
                    command = [provenance, "add", str(work / "articles"), "--jobs", str(jobs), "--db", str(db)]
                    command += ["--engine", "dask"] if engine == "dask" else []
                    runs.append(measure(command))
                    if runs[-1]["code"] != 0:
                        print(runs[-1]["stderr"])
                        return 1
                result = min(runs, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
                seconds[(engine, jobs)] = float(result["seconds"])  # type: ignore[arg-type]
                print(
                    f"  {engine:5} engine, {jobs} process(es): {seconds[(engine, jobs)]:7.1f}s "
                    f"{words / seconds[(engine, jobs)]:7.0f} words/s  peak RSS {float(result['rss_mb']):5.0f} MB"  # type: ignore[arg-type]
                )
            for jobs in (1, 2):
                print(
                    f"  dask / local throughput with {jobs}: {seconds[('local', jobs)] / seconds[('dask', jobs)]:.2f}"
                )
            same = claims_of(work / "local2-0.sqlite") == claims_of(work / "dask2-0")
            print(f"  identical claims from both engines: {same}")
        if args.claims:
            result = link_synthetic(args.claims, work, args.compare)
            print(
                f"linking {result['claims']:,} synthetic claims ({result['documents']:,} documents) on the "
                f"cluster in {result['parts']} parts: {float(result['seconds']):.1f}s, "  # type: ignore[arg-type]
                f"{result['clusters']:,} clusters, worker peak RSS {result['worker_peak_rss_mb']} MB; "
                f"same clusters as one process: {result['same']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
