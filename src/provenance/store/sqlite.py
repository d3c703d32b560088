"""The embedded index: an SQLite file that caches extraction and holds the clusters.

Found like git finds `.git`: `.provenance/index.sqlite` in the working
directory or the nearest parent that has one; `--db` and `PROVENANCE_DB`
override. It is a cache plus an index, never the only copy of anything:
deleting it loses nothing but time. Every write is one transaction in WAL
mode, so a run killed at any point leaves the previous state readable and the
next run completes the work.

Tables (readable with any SQLite client): `documents` (metadata, no text),
`claims`, `figures` (the record columns of DESIGN.md), `cluster_members` (the
trace columns) and `search` (an FTS5 index of stemmed claim and figure text and
speakers). `Store` answers the `Results` read protocol with filters and limits
run in SQL.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Claim, Cluster, ClusterMember, DocumentInfo, Figure, Statement
from .results import ClaimFilter, FigureFilter, Segments, doc_matches

if TYPE_CHECKING:
    from ..extract import DocumentResult

SCHEMA_VERSION = 3
STORE_DIR = ".provenance"
STORE_FILE = "index.sqlite"
ENV_VAR = "PROVENANCE_DB"
CACHE_ENV_VAR = "PROVENANCE_CACHE"
CACHE_FILE = "parse-cache.sqlite"


class StoreError(Exception):
    """A store that cannot be used as it is; the message says how to fix it."""


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


def cache_path() -> Path:
    """The parse cache of commands given PATHs: $PROVENANCE_CACHE, else the platform's user cache folder.

    A cache, not a corpus: it only saves parsing again; no command answers from it.
    """
    if os.environ.get(CACHE_ENV_VAR):
        return Path(os.environ[CACHE_ENV_VAR])
    from platformdirs import user_cache_path

    return user_cache_path("provenance") / CACHE_FILE


def default_store_path(start: Path | None = None) -> Path:
    """Where a new store goes when none exists: .provenance/ in the working directory."""
    return (start or Path.cwd()) / STORE_DIR / STORE_FILE


_INFO_COLUMNS = [f.name for f in fields(DocumentInfo) if f.name not in ("doc", "path")]
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    position INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,      -- absolute path (or path#id for JSONL lines)
    doc TEXT NOT NULL, path TEXT NOT NULL, content_hash TEXT NOT NULL, pipeline TEXT NOT NULL,
    {", ".join(f"{c} TEXT" for c in _INFO_COLUMNS)},
    segments TEXT NOT NULL DEFAULT '{{}}'
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
    attributed_to TEXT, claim_id TEXT, start INTEGER, "end" INTEGER, cluster TEXT, sentence TEXT
);
CREATE INDEX IF NOT EXISTS figures_doc ON figures(doc_key);
CREATE INDEX IF NOT EXISTS figures_id ON figures(figure_id);
CREATE TABLE IF NOT EXISTS statements (
    doc_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    statement_id TEXT NOT NULL, doc TEXT, outlet TEXT, published TEXT, text TEXT, start INTEGER, "end" INTEGER,
    cluster TEXT
);
CREATE INDEX IF NOT EXISTS statements_doc ON statements(doc_key);
CREATE INDEX IF NOT EXISTS statements_id ON statements(statement_id);
CREATE TABLE IF NOT EXISTS cluster_members (
    position INTEGER PRIMARY KEY, cluster TEXT NOT NULL, cluster_kind TEXT NOT NULL, item_id TEXT NOT NULL,
    {", ".join(f'"{f.name}"' for f in fields(ClusterMember) if f.name != "cluster")}
);
CREATE INDEX IF NOT EXISTS cluster_members_cluster ON cluster_members(cluster);
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(item_id UNINDEXED, cluster UNINDEXED, words);
"""


@dataclass
class CachedRecords:
    """What the store keeps of one parsed document: its records."""

    claims: list[Claim]
    figures: list[Figure]
    statements: list[Statement]
    segments: Segments


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
            self.db.create_function("doc_matches", 2, doc_matches, deterministic=True)
            self.db.create_function("pylower", 1, lambda s: (s or "").lower(), deterministic=True)
            _retry_while_locked(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            _retry_while_locked(self._migrate)
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"{path}: not a usable provenance store ({err}); delete {path} (a cache: nothing is lost) to rebuild it"
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
                        f"delete {self.path} (a cache: nothing is lost) and run `provenance add` again"
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

    # ------------------------------------------------------------ the cache

    def cached(self, key: str, content_hash: str, pipeline: str) -> CachedRecords | None:
        """The records of a document whose content and pipeline are unchanged, else None."""
        row = self.db.execute(
            "SELECT key, segments FROM documents WHERE key=? AND content_hash=? AND pipeline=?",
            (key, content_hash, pipeline),
        ).fetchone()
        if row is None:
            return None
        claims = [_record(Claim, r) for r in self.db.execute(f"{_CLAIMS} WHERE doc_key=? ORDER BY start", (key,))]
        figures = [_record(Figure, r) for r in self.db.execute(f"{_FIGURES} WHERE doc_key=? ORDER BY start", (key,))]
        statements = [
            _record(Statement, r) for r in self.db.execute(f"{_STATEMENTS} WHERE doc_key=? ORDER BY start", (key,))
        ]
        segments = {k: [tuple(s) for s in v] for k, v in json.loads(row["segments"]).items()}
        return CachedRecords(claims, figures, statements, segments)  # type: ignore[arg-type]

    def is_cached(self, key: str, content_hash: str, pipeline: str) -> bool:
        return (
            self.db.execute(
                "SELECT 1 FROM documents WHERE key=? AND content_hash=? AND pipeline=?", (key, content_hash, pipeline)
            ).fetchone()
            is not None
        )

    def save(self, key: str, pipeline: str, result: DocumentResult) -> None:
        """Replace everything stored for `key` with one document's records, atomically."""
        document, segments = result.document, result.segments
        info = asdict(document.info())
        with self.transaction():
            self.db.execute("DELETE FROM documents WHERE key=?", (key,))
            columns = ["key", "doc", "path", "content_hash", "pipeline", *_INFO_COLUMNS, "segments"]
            values = [key, document.doc, document.path, document.content_hash, pipeline]
            values += [info[c] for c in _INFO_COLUMNS] + [json.dumps(segments)]
            self.db.execute(
                f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values
            )
            self._insert("claims", key, result.claims)
            self._insert("figures", key, result.figures)
            self._insert("statements", key, result.statements)

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

    # ------------------------------------------------------------ the Results protocol

    def documents(self) -> list[DocumentInfo]:
        columns = ", ".join(f.name for f in fields(DocumentInfo))
        return [
            DocumentInfo(**{k: r[k] or "" for k in r.keys()})
            for r in self.db.execute(f"SELECT {columns} FROM documents ORDER BY key")
        ]

    def claims(self, where: ClaimFilter | None = None, limit: int | None = None) -> list[Claim]:
        sql, args = _CLAIMS, []
        conditions: list[str] = []
        if where is not None:
            if where.kinds:
                conditions.append(f"kind IN ({','.join('?' * len(where.kinds))})")
                args += sorted(where.kinds)
            if where.speaker:
                conditions.append("(instr(pylower(speaker_name), ?) OR instr(pylower(speaker), ?))")
                args += [where.speaker.lower()] * 2
            _doc_outlet(where.doc, where.outlet, where.story, conditions, args)
        return self._select(Claim, sql, conditions, args, limit)

    def figures(self, where: FigureFilter | None = None, limit: int | None = None) -> list[Figure]:
        sql, args = _FIGURES, []
        conditions: list[str] = []
        if where is not None:
            if where.hedges:
                conditions.append(f"hedge IN ({','.join('?' * len(where.hedges))})")
                args += sorted(where.hedges)
            if where.speaker:
                conditions.append("instr(pylower(attributed_to), ?)")
                args.append(where.speaker.lower())
            _doc_outlet(where.doc, where.outlet, where.story, conditions, args)
        return self._select(Figure, sql, conditions, args, limit)

    def _select(
        self, record_type: type, sql: str, conditions: list[str], args: list[Any], limit: int | None
    ) -> list[Any]:
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        table = "claims" if record_type is Claim else "figures"
        sql += f" ORDER BY documents.key, {table}.start, {table}.rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_record(record_type, r) for r in self.db.execute(sql, args)]

    def statements(self, limit: int | None = None) -> list[Statement]:
        sql = f"{_STATEMENTS} ORDER BY documents.key, statements.start, statements.rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_record(Statement, r) for r in self.db.execute(sql)]

    def segments(self) -> Segments:
        out: Segments = {}
        for (text,) in self.db.execute("SELECT segments FROM documents ORDER BY key"):
            out.update({k: [tuple(s) for s in v] for k, v in json.loads(text).items()})  # type: ignore[misc]
        return out

    def link_inputs(self) -> tuple[list[Claim], list[Figure], list[DocumentInfo], list[Statement]]:
        """Everything the resolver reads: records and document metadata, no text."""
        return self.claims(), self.figures(), self.documents(), self.statements()

    # ------------------------------------------------------------ clusters

    def save_clusters(
        self,
        clusters: list[Cluster],
        cluster_of: dict[str, str],
        search_words: dict[str, str],
        story_of: dict[str, str] | None = None,
    ) -> None:
        """Replace the stored clusters, stories and search index; write cluster ids into the records."""
        member_columns = [f.name for f in fields(ClusterMember) if f.name != "cluster"]
        with self.transaction():
            if story_of is not None:
                self.db.execute("UPDATE documents SET story=''")
                self.db.executemany("UPDATE documents SET story=? WHERE doc=?", [(s, d) for d, s in story_of.items()])
            self.db.execute("DELETE FROM cluster_members")
            self.db.execute("DELETE FROM search")
            position = 0
            rows, words = [], []
            for cluster in clusters:
                for item_id, member in zip(cluster.item_ids, cluster.members):
                    values = [getattr(member, c) for c in member_columns]
                    rows.append((position, cluster.cluster_id, cluster.kind, item_id, *values))
                    words.append((item_id, cluster.cluster_id, search_words.get(item_id, "")))
                    position += 1
            marks = ",".join("?" * (4 + len(member_columns)))
            self.db.executemany(f"INSERT INTO cluster_members VALUES ({marks})", rows)
            self.db.executemany("INSERT INTO search VALUES (?,?,?)", words)
            self.db.executemany(
                "UPDATE claims SET cluster=? WHERE claim_id=?",
                [(c, i) for i, c in cluster_of.items() if i.startswith("c-")],
            )
            self.db.executemany(
                "UPDATE figures SET cluster=? WHERE figure_id=?",
                [(c, i) for i, c in cluster_of.items() if i.startswith("f-")],
            )
            self.db.execute("UPDATE statements SET cluster=''")
            self.db.executemany(
                "UPDATE statements SET cluster=? WHERE statement_id=?",
                [(c, i) for i, c in cluster_of.items() if i.startswith("s-")],
            )

    def clusters(self, cluster_ids: Iterable[str] | None = None) -> list[Cluster]:
        """Stored clusters (all, or those named), in stored order (most widely carried first)."""
        if cluster_ids is None:
            rows = self.db.execute("SELECT * FROM cluster_members ORDER BY position").fetchall()
        else:
            wanted = list(dict.fromkeys(cluster_ids))
            rows = []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows.extend(
                    self.db.execute(
                        f"SELECT * FROM cluster_members WHERE cluster IN ({','.join('?' * len(chunk))})", chunk
                    ).fetchall()
                )
            rows.sort(key=lambda r: r["position"])
        out: dict[str, Cluster] = {}
        member_fields = [f.name for f in fields(ClusterMember)]
        for r in rows:
            cluster = out.setdefault(r["cluster"], Cluster(r["cluster"], r["cluster_kind"]))
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


_CLAIMS = "SELECT claims.* FROM claims JOIN documents ON documents.key = claims.doc_key"
_FIGURES = "SELECT figures.* FROM figures JOIN documents ON documents.key = figures.doc_key"
_STATEMENTS = "SELECT statements.* FROM statements JOIN documents ON documents.key = statements.doc_key"


def _doc_outlet(doc: str, outlet: str, story: str, conditions: list[str], args: list[Any]) -> None:
    if story:
        conditions.append("documents.story = ?")
        args.append(story)
    if doc:
        conditions.append("doc_matches(?, documents.doc)")
        args.append(doc)
    if outlet:
        conditions.append("instr(pylower(documents.outlet), ?)")
        args.append(outlet.lower())


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
