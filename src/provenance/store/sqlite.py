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
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..ingest.fetch import Fetched
from ..records import Claim, Cluster, ClusterMember, DocumentInfo, Figure, Statement, cluster_order, plain_number
from ..resolve.stories import CANDIDATE_STORIES, MemoryStoryIndex, Story, lookup_terms
from .results import ClaimFilter, FigureFilter, Segments, doc_matches

if TYPE_CHECKING:
    from ..extract import DocumentResult

SCHEMA_VERSION = 14
STORE_DIR = ".provenance"
STORE_FILE = "index.sqlite"
ENV_VAR = "PROVENANCE_DB"
CACHE_ENV_VAR = "PROVENANCE_CACHE"
CACHE_FILE = "parse-cache.sqlite"
DATASET_DIR = "dataset"


class StoreError(Exception):
    """A store that cannot be used as it is; the message says how to fix it."""


def find_store(explicit: str | None = None, start: Path | None = None) -> Path | None:
    """The store to use: --db, then $PROVENANCE_DB, then the nearest .provenance/ upwards."""
    if explicit:
        return _named_store(Path(explicit))
    if os.environ.get(ENV_VAR):
        return _named_store(Path(os.environ[ENV_VAR]))
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / STORE_DIR / STORE_FILE
        if candidate.exists():
            return candidate
        dataset = folder / STORE_DIR / DATASET_DIR
        if (dataset / "provenance-dataset.json").exists():
            return dataset  # what `add --engine dask` wrote without --db
    return None


def _named_store(path: Path) -> Path:
    """A store named by --db or $PROVENANCE_DB: its file, or a folder holding it (`--db .provenance`, or
    the folder a store file was put in), or a Parquet dataset's folder (`add --engine dask`)."""
    if path.is_dir() and not (path / "provenance-dataset.json").exists():
        return path / STORE_FILE
    return path


def _writable(path: Path) -> bool:
    """Whether a store file and its folder (where SQLite keeps its journal) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def cache_path() -> Path:
    """The parse cache of commands given PATHs: $PROVENANCE_CACHE, else the platform's user cache folder.

    A cache, not a corpus: it only saves parsing again; no command answers from it.
    """
    if os.environ.get(CACHE_ENV_VAR):
        return Path(os.environ[CACHE_ENV_VAR])
    from platformdirs import user_cache_path

    return user_cache_path("provenance") / CACHE_FILE


def default_dataset_path(start: Path | None = None) -> Path:
    """Where `add --engine dask` writes its Parquet dataset without --db: .provenance/dataset/ here."""
    return (start or Path.cwd()) / STORE_DIR / DATASET_DIR


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
    cluster TEXT, figures TEXT, construction TEXT, shown TEXT, content TEXT
);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_key);
CREATE INDEX IF NOT EXISTS claims_id ON claims(claim_id);
CREATE TABLE IF NOT EXISTS figures (
    doc_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    figure_id TEXT NOT NULL, doc TEXT, outlet TEXT, text TEXT, value REAL, hedge TEXT, object TEXT,
    attributed_to TEXT, claim_id TEXT, start INTEGER, "end" INTEGER, cluster TEXT, kind TEXT, upper REAL,
    sentence TEXT, shown TEXT
);
CREATE INDEX IF NOT EXISTS figures_doc ON figures(doc_key);
CREATE INDEX IF NOT EXISTS figures_id ON figures(figure_id);
CREATE TABLE IF NOT EXISTS statements (
    doc_key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    statement_id TEXT NOT NULL, doc TEXT, outlet TEXT, published TEXT, text TEXT, start INTEGER, "end" INTEGER,
    cluster TEXT, shown TEXT
);
CREATE INDEX IF NOT EXISTS statements_doc ON statements(doc_key);
CREATE INDEX IF NOT EXISTS statements_id ON statements(statement_id);
CREATE TABLE IF NOT EXISTS cluster_members (
    position INTEGER PRIMARY KEY, cluster TEXT NOT NULL, cluster_kind TEXT NOT NULL, item_id TEXT NOT NULL,
    {", ".join(f'"{f.name}"' for f in fields(ClusterMember) if f.name != "cluster")}
);
CREATE INDEX IF NOT EXISTS cluster_members_cluster ON cluster_members(cluster);
CREATE INDEX IF NOT EXISTS cluster_members_story ON cluster_members(story);
CREATE INDEX IF NOT EXISTS documents_story ON documents(story);
CREATE INDEX IF NOT EXISTS documents_doc ON documents(doc);
CREATE TABLE IF NOT EXISTS stories (
    story TEXT PRIMARY KEY, documents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS story_terms (
    story TEXT NOT NULL, term TEXT NOT NULL, weight REAL NOT NULL, PRIMARY KEY (story, term)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_terms_term ON story_terms(term);
CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, final_url TEXT NOT NULL, content_type TEXT NOT NULL, fetched TEXT NOT NULL, body BLOB NOT NULL
);
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

    def __init__(self, path: Path, *, create: bool = True, recency: bool = False) -> None:
        self.path = path
        # a parse cache (`recency`) notes the documents this run read or saved, in order, for `keep_recent`;
        # a corpus store keeps no such list (an `add` of a million documents would hold a million keys)
        self.used: list[str] | None = [] if recency else None
        if not path.exists() and not create:
            raise StoreError(f"{path}: no store here (run `provenance add PATH...` first)")
        # a store on read-only media (a DVD, a read-only mount, another user's file) is read as it is: opened
        # immutable, no WAL switch and no write transaction, so reading it needs no write access
        self.read_only = not create and path.exists() and not _writable(path)
        if not self.read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if self.read_only:
                uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
                self.db = sqlite3.connect(uri, uri=True, timeout=60.0, isolation_level=None)
                self.db.row_factory = sqlite3.Row
                self.db.create_function("doc_matches", 2, doc_matches, deterministic=True)
                self.db.create_function("pylower", 1, lambda s: (s or "").lower(), deterministic=True)
                self._check_version()
                return
            self.db = sqlite3.connect(str(path), timeout=60.0, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 60000")
            self.db.execute("PRAGMA foreign_keys = ON")
            # WAL with synchronous=NORMAL never corrupts the file; a power cut may lose the last
            # documents written, which the next `add` simply parses again (the store is a cache).
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.create_function("doc_matches", 2, doc_matches, deterministic=True)
            self.db.create_function("pylower", 1, lambda s: (s or "").lower(), deterministic=True)
            _retry_while_locked(self._migrate)  # first: a foreign SQLite file is refused as it was found
            _retry_while_locked(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
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

    def _check_version(self) -> None:
        """The version check of `_migrate`, reading only (a read-only store is never created or changed)."""
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            raise StoreError(f"{self.path}: an SQLite file that is not a provenance store; use --db to choose another")
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row[0]) if row else None
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema {version} is not the {SCHEMA_VERSION} this provenance uses, and the store "
                "cannot be written here: run `provenance add` on a writable copy"
            )

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
        if self.used is not None:
            self.used.append(key)
        claims = [_record(Claim, r) for r in self.db.execute(f"{_CLAIMS} WHERE doc_key=? ORDER BY start", (key,))]
        figures = [_record(Figure, r) for r in self.db.execute(f"{_FIGURES} WHERE doc_key=? ORDER BY start", (key,))]
        statements = [
            _record(Statement, r) for r in self.db.execute(f"{_STATEMENTS} WHERE doc_key=? ORDER BY start", (key,))
        ]
        segments = {k: [tuple(s) for s in v] for k, v in json.loads(row["segments"]).items()}
        return CachedRecords(claims, figures, statements, segments)  # type: ignore[arg-type]

    def keep_recent(self, limit: int) -> int:
        """Bound a parse cache: the documents this run used become the most recent, then the least recently used
        beyond `limit` are removed with their records. Returns how many were removed."""
        with self.transaction():
            top = self.db.execute("SELECT COALESCE(MAX(position), 0) FROM documents").fetchone()[0]
            self.db.executemany(
                "UPDATE documents SET position=? WHERE key=?",
                [(top + n, key) for n, key in enumerate(dict.fromkeys(self.used or ()), start=1)],
            )
            extra = self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] - limit
            if extra > 0:
                self.db.execute(
                    "DELETE FROM documents WHERE position IN (SELECT position FROM documents ORDER BY position LIMIT ?)",
                    (extra,),
                )
        if self.used is not None:
            self.used.clear()
        return max(0, extra)

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
        if self.used is not None:
            self.used.append(key)
        info = asdict(document.info())
        with self.transaction():
            # a changed document stays in its story; a new one gets one when linked
            old = self.db.execute("SELECT story FROM documents WHERE key=?", (key,)).fetchone()
            info["story"] = old[0] if old else ""
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

    def keys_with_docs(self) -> list[tuple[str, str, str]]:
        """(key, path, doc) of every stored document."""
        rows = self.db.execute("SELECT key, path, doc FROM documents ORDER BY key")
        return [(r["key"], r["path"], r["doc"]) for r in rows]

    def set_stories(self, story_of: Mapping[str, str]) -> None:
        with self.transaction():
            self.db.executemany("UPDATE documents SET story=? WHERE doc=?", [(s, d) for d, s in story_of.items()])

    def remove(self, keys: Iterable[str]) -> int:
        removed = 0
        with self.transaction():
            for key in keys:
                removed += self.db.execute("DELETE FROM documents WHERE key=?", (key,)).rowcount
        return removed

    # ------------------------------------------------------------ the Results protocol

    def documents(self) -> list[DocumentInfo]:
        return self._infos("ORDER BY key")

    def _infos(self, where: str = "", args: Iterable[Any] = ()) -> list[DocumentInfo]:
        """Document metadata records (never the text) for an SQL tail such as "WHERE story='' ORDER BY key"."""
        columns = ", ".join(f.name for f in fields(DocumentInfo))
        rows = self.db.execute(f"SELECT {columns} FROM documents {where}", tuple(args))
        return [DocumentInfo(**{k: r[k] or "" for k in r.keys()}) for r in rows]

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
        *,
        stories: set[str] | None = None,
    ) -> None:
        """Replace the stored clusters and search index (all, or those of `stories`); write cluster ids
        into the records and, with `story_of`, every document's story."""
        member_columns = [f.name for f in fields(ClusterMember) if f.name != "cluster"]
        with self.transaction():
            if story_of is not None:
                if stories is None:
                    self.db.execute("UPDATE documents SET story=''")
                self.db.executemany("UPDATE documents SET story=? WHERE doc=?", [(s, d) for d, s in story_of.items()])
            if stories is None:
                self.db.execute("DELETE FROM cluster_members")
                self.db.execute("DELETE FROM search")
                for table in ("claims", "figures", "statements"):
                    self.db.execute(f"UPDATE {table} SET cluster=''")
                position = 0
            else:
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS relinked (story TEXT PRIMARY KEY)")
                self.db.execute("DELETE FROM relinked")
                self.db.executemany("INSERT OR IGNORE INTO relinked VALUES (?)", [(s,) for s in stories])
                old = "SELECT DISTINCT cluster FROM cluster_members WHERE story IN (SELECT story FROM relinked)"
                self.db.execute(f"DELETE FROM search WHERE cluster IN ({old})")
                self.db.execute(f"DELETE FROM cluster_members WHERE cluster IN ({old})")
                keys = "SELECT key FROM documents WHERE story IN (SELECT story FROM relinked)"
                for table in ("claims", "figures", "statements"):
                    self.db.execute(f"UPDATE {table} SET cluster='' WHERE doc_key IN ({keys})")
                position = (self.db.execute("SELECT MAX(position) FROM cluster_members").fetchone()[0] or 0) + 1
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
        return sorted(out.values(), key=cluster_order)

    # ------------------------------------------------------------ stories, for adding documents later

    def story_index(self) -> SqliteStoryIndex:
        return SqliteStoryIndex(self)

    def save_story_index(self, index: MemoryStoryIndex, df: Mapping[str, int], documents: int) -> None:
        """Keep the stories a full linking found, and the document frequencies, for later additions."""
        with self.transaction():
            for table in ("stories", "story_terms", "term_df"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.executemany(
                "INSERT INTO stories VALUES (?,?)",
                [(s.story, s.documents) for s in index.stories.values()],
            )
            self.db.executemany(
                "INSERT INTO story_terms VALUES (?,?,?)",
                [(s.story, t, w) for s in index.stories.values() for t, w in s.centroid.items()],
            )
            self.db.executemany("INSERT INTO term_df VALUES (?,?)", list(df.items()))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('story_documents', ?)", (str(documents),))

    def count_terms(self, bags: Iterable[Mapping[str, int]]) -> tuple[dict[str, int], int]:
        """Add documents' terms to the document frequencies; the frequencies of their terms, and the new total."""
        added: Counter[str] = Counter()
        n = 0
        for bag in bags:
            added.update(bag.keys())
            n += 1
        with self.transaction():
            self.db.executemany(
                "INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                list(added.items()),
            )
            row = self.db.execute("SELECT value FROM meta WHERE key='story_documents'").fetchone()
            total = (int(row[0]) if row else 0) + n
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('story_documents', ?)", (str(total),))
        df: dict[str, int] = {}
        terms = list(added)
        for start in range(0, len(terms), 500):
            chunk = terms[start : start + 500]
            rows = self.db.execute(f"SELECT term, df FROM term_df WHERE term IN ({','.join('?' * len(chunk))})", chunk)
            df.update(dict(rows.fetchall()))
        return df, total

    def documents_without_story(self) -> list[DocumentInfo]:
        return self._infos("WHERE story='' ORDER BY key")

    def stories_of_documents(self, docs: Iterable[str]) -> set[str]:
        wanted = list(docs)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(f"SELECT story FROM documents WHERE doc IN ({marks})", chunk))
            found.update(
                r[0]
                for r in self.db.execute(f"SELECT DISTINCT story FROM cluster_members WHERE doc IN ({marks})", chunk)
            )
        return {s for s in found if s}

    def stories_joined_to(self, stories: set[str]) -> set[str]:
        """The stories sharing a cluster with these (clusters that cross stories are relinked whole)."""
        wanted = list(stories)
        found = set(wanted)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT story FROM cluster_members WHERE cluster IN "
                    f"(SELECT cluster FROM cluster_members WHERE story IN ({marks}))",
                    chunk,
                )
            )
        return found

    def records_of_stories(
        self, stories: set[str]
    ) -> tuple[list[Claim], list[Figure], list[DocumentInfo], list[Statement]]:
        """What the resolver reads for these stories only."""
        return self._records_where("story", stories)

    def records_of_documents(
        self, docs: set[str]
    ) -> tuple[list[Claim], list[Figure], list[DocumentInfo], list[Statement]]:
        """The records of these documents only."""
        return self._records_where("doc", docs)

    def _records_where(
        self, column: str, values: set[str]
    ) -> tuple[list[Claim], list[Figure], list[DocumentInfo], list[Statement]]:
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (value TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(v,) for v in values])
        where = f" WHERE documents.{column} IN (SELECT value FROM wanted)"
        claims = [_record(Claim, r) for r in self.db.execute(_CLAIMS + where)]
        figures = [_record(Figure, r) for r in self.db.execute(_FIGURES + where)]
        statements = [_record(Statement, r) for r in self.db.execute(_STATEMENTS + where)]
        infos = self._infos(where)
        return claims, figures, infos, statements

    def has_clusters(self) -> bool:
        return self.db.execute("SELECT 1 FROM cluster_members LIMIT 1").fetchone() is not None

    def linker(self) -> str:
        """The fingerprint of the linker that made the stored clusters ('' before any linking)."""
        row = self.db.execute("SELECT value FROM meta WHERE key='linker'").fetchone()
        return str(row[0]) if row else ""

    def set_linker(self, fingerprint: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('linker', ?)", (fingerprint,))

    def linking_pending(self) -> bool:
        """Whether an `add` saved documents and was stopped before their clusters were written."""
        return self.db.execute("SELECT 1 FROM meta WHERE key='linking_pending'").fetchone() is not None

    def set_linking_pending(self, pending: bool) -> None:
        """Set before an `add` saves its first document, cleared once the clusters are written: a run killed
        in between leaves it set, and the next `add` links even when every document is unchanged."""
        with self.transaction():
            if pending:
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('linking_pending', '1')")
            else:
                self.db.execute("DELETE FROM meta WHERE key='linking_pending'")

    def cached_page(self, url: str) -> Fetched | None:
        """A page fetched on an earlier run (the store is the `PageCache` URL inputs read through)."""
        row = self.db.execute("SELECT final_url, content_type, body FROM pages WHERE url = ?", (url,)).fetchone()
        return Fetched(row["final_url"], row["content_type"], bytes(row["body"])) if row else None

    def keep_page(self, url: str, page: Fetched) -> None:
        fetched = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)",
                (url, page.url, page.content_type, fetched, page.body),
            )

    def search(self, stems: list[str]) -> list[str]:
        """Cluster ids whose members' stemmed words hold every stem (FTS5, any order)."""
        if not stems:
            return []
        query = " AND ".join('"' + s.replace('"', '""') + '"' for s in stems)
        return [r[0] for r in self.db.execute("SELECT DISTINCT cluster FROM search WHERE words MATCH ?", (query,))]


_CLAIMS = "SELECT claims.* FROM claims JOIN documents ON documents.key = claims.doc_key"
_FIGURES = "SELECT figures.* FROM figures JOIN documents ON documents.key = figures.doc_key"
_STATEMENTS = "SELECT statements.* FROM statements JOIN documents ON documents.key = statements.doc_key"


class SqliteStoryIndex:
    """The stories of the store, read and written as documents are added (a `StoryIndex`)."""

    def __init__(self, store: Store) -> None:
        self.db = store.db
        self.loaded: dict[str, Story] = {}

    def candidates(self, terms: list[str]) -> list[str]:
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        holders = dict(
            self.db.execute(f"SELECT term, COUNT(*) FROM story_terms WHERE term IN ({marks}) GROUP BY term", terms)
        )
        chosen = lookup_terms(holders)
        if not chosen:
            return []
        marks = ",".join("?" * len(chosen))
        rows = self.db.execute(
            "SELECT story, COUNT(*) AS shared FROM story_terms "
            f"WHERE term IN ({marks}) "
            f"GROUP BY story ORDER BY shared DESC, story LIMIT {CANDIDATE_STORIES}",
            chosen,
        )
        return [r[0] for r in rows]

    def story(self, story: str) -> Story:
        if story not in self.loaded:
            row = self.db.execute("SELECT documents FROM stories WHERE story=?", (story,)).fetchone()
            centroid = dict(self.db.execute("SELECT term, weight FROM story_terms WHERE story=?", (story,)).fetchall())
            self.loaded[story] = Story(story, centroid, row[0])
        return self.loaded[story]

    def save(self, story: Story, added: dict[str, float]) -> None:
        self.loaded[story.story] = story
        self.db.execute(
            "INSERT OR REPLACE INTO stories VALUES (?,?)",
            (story.story, story.documents),
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO story_terms VALUES (?,?,?)", [(story.story, t, w) for t, w in added.items()]
        )


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
    values = {f.name: row[f.name] for f in fields(record_type)}
    if record_type is Figure:
        values["value"] = plain_number(values["value"])  # a REAL column gives 3.0 for the 3 a parse gives
        if values["upper"] is not None:
            values["upper"] = plain_number(values["upper"])
    return record_type(**values)
