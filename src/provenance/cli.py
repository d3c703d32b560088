"""The `provenance` command: thin Typer commands over the library (engine, queries, render).

Exit codes: 0 success, 1 some input failed (the rest was still processed and
printed), 2 usage error. Records go to stdout; messages go to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.core

from . import __version__
from .messages import Progress
from .messages import say as _stderr
from .records import CLAIM_KINDS, HEDGES, SPEAKER_TYPES, InputProblem

if TYPE_CHECKING:
    from .store import Results


def _inputs(n: int) -> str:
    """ "1 input", "2 inputs": how many could not be read."""
    from .render import counted

    return counted(n, "input")


class _Command(typer.core.TyperCommand):
    """Help that names an argument by its metavar alone ("PATH..."): Typer adds the Python type of
    every argument ("PATH <list[str]>"), which tells a reader nothing."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, typer.core.TyperArgument):
                name = param.metavar or (param.name or "").upper()
                arguments.append((name + ("..." if param.nargs != 1 else ""), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


app = typer.Typer(
    name="provenance",
    help="Who said what, which figures, and where each claim came from, across news articles.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Table columns by importance: a narrow terminal drops them from the end (the text column stays);
# they are shown in the record's column order.
CLAIM_TABLE_COLUMNS = ("text", "speaker_name", "outlet", "kind", "cue", "doc", "speaker_type")
FIGURE_TABLE_COLUMNS = ("text", "value", "hedge", "object", "attributed_to", "outlet", "doc")
STORY_TABLE_COLUMNS = ("title", "documents", "story", "outlets", "first_published", "claims", "figures")
# what `sources` is for (who copies whom) goes before the counts when a terminal is narrow
SOURCE_TABLE_COLUMNS = ("doc", "copies_from", "copied_share", "outlet", "shared", "published", "claims", "figures")

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table | csv | tsv | json | jsonl (default: table on a terminal, csv when piped).",
    ),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", min=0, metavar="N", help="Print at most this many records.")
]
ClusterLimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", min=0, metavar="N", help="Show at most this many clusters.")
]
PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files, folders (read recursively), globs, or - for stdin.", show_default=False, metavar="PATH"
    ),
]
WideOption = Annotated[bool, typer.Option("--wide", "-w", help="Tables: every column, however wide.")]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV/TSV: print cells exactly, without the apostrophe that keeps = + - @ from running "
        "as spreadsheet formulas.",
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="STORE",
        help="The store to use (default: $PROVENANCE_DB, else .provenance/ here or above).",
        show_default=False,
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, metavar="N", help="Processes for parsing (default: the number of cores)."),
]
DocOption = Annotated[
    str, typer.Option("--doc", "-d", metavar="NAME", help="Keep records from documents matching this name or glob.")
]
OutletOption = Annotated[
    str, typer.Option("--outlet", "-o", metavar="TEXT", help="Keep records from outlets containing this text.")
]
StoryOption = Annotated[
    str, typer.Option("--story", metavar="ID", help="Keep records of one story (an id from `provenance stories`).")
]


def _report(problem: InputProblem) -> None:
    """One line on stderr per input problem; warnings (a fallback encoding) are not errors."""
    _stderr(f"provenance: {problem.severity}: {problem.message()}")


def _format(fmt: str | None) -> str:
    from .render import FORMATS, default_format

    chosen = (fmt or default_format(sys.stdout)).lower()
    if chosen not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    return chosen


def _choices(values: list[str] | None, allowed: set[str], option: str) -> frozenset[str]:
    chosen = frozenset(v.strip().lower() for value in values or [] for v in value.split(",") if v.strip())
    unknown = chosen - allowed
    if unknown:
        raise typer.BadParameter(
            f"unknown value {', '.join(sorted(unknown))}; use {', '.join(sorted(allowed))}", param_hint=option
        )
    return chosen


def _open_store(db: str | None, *, create: bool):  # type: ignore[no-untyped-def]
    from .store import Store, StoreError, default_store_path, find_store
    from .store.parquet import DatasetError, is_dataset, read_results

    path = find_store(db)
    if path is None:
        if not create:
            return None
        path = default_store_path()
    if path.is_dir() and is_dataset(path):
        if create:
            _stderr(f"provenance: error: {path} is a Parquet dataset: add to it with --engine dask")
            raise typer.Exit(2)
        _Run.store, _Run.cache = path, False
        try:
            return read_results(path)  # a dataset `add --engine dask` wrote: answered without spaCy
        except DatasetError as err:
            _stderr(f"provenance: error: {err}")
            raise typer.Exit(1) from None
    _Run.store, _Run.cache = path, False
    try:
        return Store(path, create=create)
    except StoreError as err:
        _stderr(f"provenance: error: {err}")
        raise typer.Exit(1) from None


def _open_cache(db: str | None):  # type: ignore[no-untyped-def]
    """The parse cache for commands given PATHs: --db when given, else the user cache (never a corpus)."""
    from .store import Store, StoreError, cache_path

    if db:
        return _open_store(db, create=True)
    path = cache_path()
    _Run.store, _Run.cache = path, True
    for attempt in (1, 2):
        try:
            return Store(path, create=True, recency=True)
        except StoreError as err:
            if attempt == 1:  # our own cache, from another version or damaged: rebuild it
                for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    stale.unlink(missing_ok=True)
                continue
            _stderr(f"provenance: warning: parsing without a cache ({err})")
        except OSError as err:
            _stderr(f"provenance: warning: parsing without a cache ({err})")
            break
    return None


def _jobs(jobs: int | None) -> int:
    import os

    return jobs or os.cpu_count() or 1


def _analyze(paths: list[str] | None, db: str | None = None, jobs: int | None = None) -> tuple[Results, list]:
    """Results for PATHs (parsed through the store's cache and linked here), or the store when no PATH is given."""
    if not paths:
        store = _open_store(db, create=False)
        if store is None:
            _stderr(
                "provenance: error: no corpus here (no .provenance/ in this folder or above): "
                "index one with `provenance add PATH...`, or give files or folders"
            )
            raise typer.Exit(2)  # a usage error: the command needs PATHs or a corpus
        return store, []
    from .engine.local import analyze_paths

    store = _open_cache(db)
    progress = Progress("reading")
    try:
        results = analyze_paths(
            paths, on_problem=_report, store=store, jobs=_jobs(jobs), on_document=progress, refetch=_Run.refetch
        )
    finally:
        progress.close()
        if store is not None:
            if _Run.cache:
                from .settings import CACHE_DOCUMENTS

                store.keep_recent(CACHE_DOCUMENTS)  # the user cache stays bounded, whatever is read through it
            store.close()
    return results, results.problems


def _list(
    records: list,  # type: ignore[type-arg]
    record_type: type,
    table_columns: tuple[str, ...],
    noun: str,
    results: Results,
    problems: list[InputProblem],
    fmt: str,
    raw: bool,
    wide: bool = False,
) -> None:
    """Print the records of a listing command, then report unreadable inputs."""
    from .render import columns_of, counted, write_records

    write_records(
        records,
        columns_of(record_type),
        fmt,
        table_columns=table_columns,
        raw=raw,
        wide=wide,
        title=f"{counted(len(records), noun)} from {counted(len(results.documents()), 'document')}",
    )
    _finish(problems)


def _finish(problems: list[InputProblem]) -> None:
    if problems:
        _stderr(f"provenance: {_inputs(len(problems))} could not be read; the rest was processed")
        raise typer.Exit(1)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"provenance {__version__}")
        raise typer.Exit()


class _Run:
    """Options given before the command (`provenance --refetch claims URL`), and the store this run opened."""

    refetch = False
    store: Path | None = None  # the store or dataset this run reads and writes
    cache = False  # whether it is the user's parse cache (rebuilt by itself), not a corpus


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
    refetch: Annotated[
        bool,
        typer.Option(
            "--refetch", help="Fetch URL inputs again (pages fetched before are otherwise read from the store)."
        ),
    ] = False,
) -> None:
    """Who said what, which figures, and where each claim came from, across news articles."""
    _Run.refetch = refetch


@app.command(cls=_Command)
def claims(
    paths: PathsArgument = None,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", metavar="KIND", help="direct, indirect or mixed (repeat or comma-separate)."),
    ] = None,
    speaker: Annotated[
        str, typer.Option("--speaker", "-s", metavar="TEXT", help="Keep claims whose speaker contains this text.")
    ] = "",
    doc: DocOption = "",
    outlet: OutletOption = "",
    story: StoryOption = "",
    limit: LimitOption = None,
    fmt: FormatOption = None,
    db: DbOption = None,
    jobs: JobsOption = None,
    raw: RawOption = False,
    wide: WideOption = False,
) -> None:
    """Every attributed claim: direct quotes, reported speech, "according to" attributions.

    Columns (CSV/JSON, in this order): claim_id, doc, outlet, published, kind,
    speaker, speaker_name, speaker_type, cue, text, start, end, sentence, via,
    cluster, figures, construction (what found the claim: verb_clause, quote_cue, ...).
    start/end are character offsets into the file as read.

    Example:

        provenance claims seeds/

        provenance claims seeds/ --speaker "Xi" --format csv | xsv table

        provenance claims seeds/ --kind direct -f jsonl > quotes.jsonl
    """
    from .records import Claim
    from .store import ClaimFilter

    chosen = _format(fmt)
    kinds = _choices(kind, set(CLAIM_KINDS), "--kind")
    keep = ClaimFilter(kinds=kinds, speaker=speaker, doc=doc, outlet=outlet, story=story)
    results, problems = _analyze(paths, db, jobs)
    _list(results.claims(keep, limit), Claim, CLAIM_TABLE_COLUMNS, "claim", results, problems, chosen, raw, wide)


@app.command(cls=_Command)
def figures(
    paths: PathsArgument = None,
    speaker: Annotated[
        str,
        typer.Option(
            "--speaker", "-s", metavar="TEXT", help="Keep figures attributed to a speaker containing this text."
        ),
    ] = "",
    doc: DocOption = "",
    outlet: OutletOption = "",
    hedge: Annotated[
        list[str] | None,
        typer.Option("--hedge", metavar="HEDGE", help="exact, approx, at_least or at_most (repeat or comma-separate)."),
    ] = None,
    story: StoryOption = "",
    limit: LimitOption = None,
    fmt: FormatOption = None,
    db: DbOption = None,
    jobs: JobsOption = None,
    raw: RawOption = False,
    wide: WideOption = False,
) -> None:
    """Every stated figure: its value, hedge, what it counts, and who states it.

    Columns (CSV/JSON, in this order): figure_id, doc, outlet, text, value,
    hedge (exact | approx | at_least | at_most), object, attributed_to (the
    speaker of the claim holding the figure; empty when the outlet states it),
    claim_id, start, end, cluster, kind (number | rank | fraction | percent | money),
    upper (a range's upper end: "between 10 and 15" is value 10, upper 15; empty
    for a single number).

    Example:

        provenance figures seeds/

        provenance figures seeds/ --hedge approx,at_least -f csv | xsv table
    """
    from .records import Figure
    from .store import FigureFilter

    chosen = _format(fmt)
    hedges = _choices(hedge, set(HEDGES), "--hedge")
    keep = FigureFilter(speaker=speaker, doc=doc, outlet=outlet, hedges=hedges, story=story)
    results, problems = _analyze(paths, db, jobs)
    _list(results.figures(keep, limit), Figure, FIGURE_TABLE_COLUMNS, "figure", results, problems, chosen, raw, wide)


@app.command(cls=_Command)
def trace(
    query: Annotated[str, typer.Argument(help='Words or a phrase ("red notice"), or a speaker\'s name.')],
    paths: PathsArgument = None,
    story: StoryOption = "",
    limit: ClusterLimitOption = None,
    fmt: FormatOption = None,
    db: DbOption = None,
    jobs: JobsOption = None,
    raw: RawOption = False,
) -> None:
    """How one statement travelled: every outlet's version, the likely origin, and how each drifted.

    Matching is case-insensitive and on word stems ("red notice" finds "red
    notices"); a speaker's name finds their claims. Clusters carried by the most
    documents come first. Machine formats print one row per member: cluster,
    role, doc, outlet, published, relation, flags, speaker_name, cue, text,
    start, end.

    Example:

        provenance trace "red notice" seeds/

        provenance trace "Lu Kang" seeds/ -f csv
    """
    from .queries import trace as find
    from .render import counted, write_clusters

    chosen = _format(fmt)
    results, problems = _analyze(paths, db, jobs)
    found = find(results, query, story=story)[:limit]
    write_clusters(found, chosen, title=f"{counted(len(found), 'statement')} matching {query!r}", raw=raw)
    _finish(problems)


@app.command(cls=_Command)
def conflicts(
    paths: PathsArgument = None,
    story: StoryOption = "",
    limit: ClusterLimitOption = None,
    fmt: FormatOption = None,
    db: DbOption = None,
    jobs: JobsOption = None,
    raw: RawOption = False,
) -> None:
    """Statements whose outlets disagree: changed figures, dropped attributions, altered quotes, changed speakers.

    Same rows as `trace`; only clusters with at least one flag (`clusters --flagged`).

    Example:

        provenance conflicts seeds/

        provenance conflicts seeds/ -f jsonl | jq .flags
    """
    from .queries import conflicts as find
    from .render import counted, write_clusters

    chosen = _format(fmt)
    results, problems = _analyze(paths, db, jobs)
    found = find(results, story=story)[:limit]
    write_clusters(found, chosen, title=f"{counted(len(found), 'statement')} whose outlets disagree", raw=raw)
    _finish(problems)


@app.command(cls=_Command)
def clusters(
    paths: PathsArgument = None,
    story: StoryOption = "",
    min_docs: Annotated[
        int, typer.Option("--min-docs", min=1, metavar="N", help="Clusters carried by at least this many documents.")
    ] = 2,
    flagged: Annotated[
        bool, typer.Option("--flagged", help="Only clusters whose members drifted (= conflicts).")
    ] = False,
    limit: ClusterLimitOption = None,
    fmt: FormatOption = None,
    db: DbOption = None,
    jobs: JobsOption = None,
    raw: RawOption = False,
) -> None:
    """Every statement carried by two or more documents: claims, statements the outlets assert, figures.

    Most widely carried first, one row per member. Columns: cluster, role, doc,
    outlet, published, relation, flags, speaker_name, cue, text, start, end,
    story, kind (claim | statement | figure).

    Example:

        provenance clusters seeds/

        provenance clusters seeds/ --min-docs 3 -f csv | xsv table

        provenance clusters --flagged --story st-1a2b3c4d
    """
    from .queries import clusters as find
    from .render import CLUSTER_COLUMNS, counted, write_clusters

    chosen = _format(fmt)
    results, problems = _analyze(paths, db, jobs)
    found = find(results, story=story, min_docs=min_docs, flagged=flagged)[:limit]
    title = f"{counted(len(found), 'statement')} carried by {min_docs} or more documents"
    write_clusters(found, chosen, title=title, raw=raw, columns=CLUSTER_COLUMNS)
    _finish(problems)


@app.command(cls=_Command)
def stories(
    paths: PathsArgument = None,
    limit: LimitOption = None,
    fmt: FormatOption = None,
    db: DbOption = None,
    jobs: JobsOption = None,
    raw: RawOption = False,
    wide: WideOption = False,
) -> None:
    """Documents grouped into stories (one event each): outlets, time span, claims and figures.

    Columns: story, title, documents, outlets, first_published,
    last_published, claims, figures, docs (;-joined). A story id filters
    claims, figures, trace, conflicts, clusters and sources (--story).

    Example:

        provenance stories archive/

        provenance stories -f csv | xsv sort -s documents -R
    """
    from .queries import StoryRow
    from .queries import stories as table
    from .render import columns_of, counted, write_records

    chosen = _format(fmt)
    results, problems = _analyze(paths, db, jobs)
    rows = table(results)[:limit]
    columns = columns_of(StoryRow)
    title = counted(len(rows), "story", "stories")
    write_records(rows, columns, chosen, table_columns=STORY_TABLE_COLUMNS, title=title, raw=raw, wide=wide)
    _finish(problems)


@app.command(cls=_Command)
def sources(
    paths: PathsArgument = None,
    story: StoryOption = "",
    limit: LimitOption = None,
    fmt: FormatOption = None,
    db: DbOption = None,
    jobs: JobsOption = None,
    raw: RawOption = False,
    wide: WideOption = False,
) -> None:
    """Per document: outlet, date, claims and figures, the share carried elsewhere, and what it likely copies.

    Columns: doc, outlet, published, claims, figures, shared, copies_from,
    copied_share.

    Example:

        provenance sources seeds/
    """
    from .queries import SourceRow
    from .queries import sources as table
    from .render import columns_of, counted, write_records

    chosen = _format(fmt)
    results, problems = _analyze(paths, db, jobs)
    rows = table(results, story=story)[:limit]
    write_records(
        rows,
        columns_of(SourceRow),
        chosen,
        table_columns=SOURCE_TABLE_COLUMNS,
        title=counted(len(rows), "document"),
        raw=raw,
        wide=wide,
    )
    _finish(problems)


@app.command(cls=_Command)
def speakers(
    paths: PathsArgument = None,
    speaker_type: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            help="person, organization, government, media, anonymous, group or document.",
        ),
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = None,
    db: DbOption = None,
    jobs: JobsOption = None,
    raw: RawOption = False,
    wide: WideOption = False,
) -> None:
    """Who is quoted: each resolved speaker once, with type, claims, and the outlets quoting them.

    Columns: speaker_name, speaker_type, claims, documents, outlets, anonymous,
    names_as_written.

    Example:

        provenance speakers seeds/

        provenance speakers seeds/ --type anonymous
    """
    from .queries import SpeakerRow
    from .queries import speakers as table
    from .render import columns_of, counted, write_records

    chosen = _format(fmt)
    types = _choices(speaker_type, set(SPEAKER_TYPES), "--type")
    results, problems = _analyze(paths, db, jobs)
    everyone = table(results)
    rows = [r for r in everyone if not types or r.speaker_type in types][:limit]
    anonymous = sum(r.claims for r in everyone if r.anonymous)  # of all claims, whatever is shown
    total = sum(r.claims for r in everyone)
    write_records(
        rows,
        columns_of(SpeakerRow),
        chosen,
        title=f"{counted(len(rows), 'speaker')}; {anonymous} of {counted(total, 'claim')} from anonymous sources",
        raw=raw,
        wide=wide,
    )
    _finish(problems)


@app.command(cls=_Command)
def report(
    paths: PathsArgument = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The HTML file to write (default: provenance-report.html on a terminal; the page itself when piped).",
            dir_okay=False,
        ),
    ] = None,
    story: StoryOption = "",
    db: DbOption = None,
    jobs: JobsOption = None,
) -> None:
    """One HTML file that shows how each story spread: graph, timeline, changed statements, who said what.

    The file is self-contained (no network, no script): open it in a browser,
    send it, print it. Stories come most widely carried first; each shown
    statement names its document and offsets and quotes its sentence.
    Prints the file's path; with stdout redirected and no -o, prints the page itself.

    Example:

        provenance report seeds/ -o interpol.html

        provenance report --story st-1a2b3c4d
    """
    from .report import report_html, write_report

    results, problems = _analyze(paths, db, jobs)
    if output is None and not sys.stdout.isatty():  # `provenance report seeds/ > r.html`
        sys.stdout.write(report_html(results, story=story))
        _finish(problems)
        return
    output = output or Path("provenance-report.html")
    try:
        written = write_report(results, output, story=story)
    except OSError as err:
        _stderr(f"provenance: error: cannot write {output}: {err.strerror or err}")
        raise typer.Exit(1) from None
    typer.echo(str(written))
    _finish(problems)


@app.command(cls=_Command)
def text(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (read recursively), globs, or - for stdin.", metavar="PATH")
    ],
    limit: LimitOption = None,
    fmt: FormatOption = None,
    raw: RawOption = False,
    wide: WideOption = False,
) -> None:
    """What provenance reads from each input: title, outlet, date, byline, url and the article text.

    It is how to check why a claim was or was not found: page furniture,
    captions and markup are not in `text`. Columns: doc, title, outlet,
    published, byline, url, chars, text.

    Example:

        provenance text page.html

        provenance text saved-pages/ -f jsonl > read.jsonl
    """
    from itertools import islice

    from .engine.local import collect_problems, document_texts
    from .records import DocumentText
    from .render import columns_of, write_records

    chosen = _format(fmt)
    problems: list[InputProblem] = []
    rows = islice(document_texts(paths, on_problem=collect_problems(problems, _report)), limit)
    table_columns = ("text", "doc", "title", "outlet", "published", "chars")
    write_records(rows, columns_of(DocumentText), chosen, table_columns=table_columns, raw=raw, wide=wide)
    _finish(problems)


@app.command(cls=_Command)
def add(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (read recursively) or globs to index.", metavar="PATH")
    ],
    prune: Annotated[bool, typer.Option("--prune", help="Also drop stored documents whose files are gone.")] = False,
    relink: Annotated[
        bool, typer.Option("--relink", help="Link the whole corpus again (stories too), not only what changed.")
    ] = False,
    db: DbOption = None,
    jobs: JobsOption = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            metavar="ENGINE",
            help="local (processes on this machine, an SQLite store) or dask (a Dask cluster, a Parquet dataset).",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: the address of a running Dask scheduler (default: a local cluster of --jobs "
            "workers).",
            show_default=False,
        ),
    ] = None,
    batch_files: Annotated[
        int | None,
        typer.Option(
            "--batch-files",
            min=1,
            metavar="N",
            help="With --engine dask: files each extraction task reads (default 4). For millions of small files "
            "raise it, so the scheduler tracks fewer tasks.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Index documents into the store, so later commands answer without parsing again.

    A file whose content and the pipeline are unchanged is skipped; a changed
    file is replaced; clusters are relinked when anything changed. The store is
    .provenance/index.sqlite here or in the nearest parent that has one
    (--db or $PROVENANCE_DB to choose another); deleting it loses nothing but time.

    Example:

        provenance add seeds/

        provenance add archive/ --prune --jobs 2 && provenance trace "red notice"

        provenance add archive/ --engine dask --db dataset/ && provenance claims --db dataset/
    """
    import time

    from .engine.local import add_paths

    if engine not in ("local", "dask"):
        _stderr(f"provenance: error: --engine {engine}: choose local or dask")
        raise typer.Exit(2)
    if engine == "dask":
        if prune or relink:
            _stderr(
                "provenance: error: --prune and --relink are for the local store: a Dask run writes the dataset "
                "of exactly the inputs it is given, linked as a whole"
            )
            raise typer.Exit(2)
        _add_dask(paths, db, jobs, scheduler, batch_files)
        return
    if scheduler or batch_files is not None:
        _stderr(f"provenance: error: {'--scheduler' if scheduler else '--batch-files'} needs --engine dask")
        raise typer.Exit(2)

    store = _open_store(db, create=True)
    progress = Progress("indexing")
    started = time.perf_counter()
    try:
        with store:
            report = add_paths(
                paths,
                store,
                jobs=_jobs(jobs),
                prune=prune,
                full=relink,
                on_problem=_report,
                on_document=progress,
                refetch=_Run.refetch,
            )
    finally:
        progress.close()
    _stderr(
        f"provenance: {report.parsed} parsed, {report.unchanged} unchanged, {report.removed} removed "
        f"in {time.perf_counter() - started:.2f}s ({store.path})"
    )
    if report.problems:
        _stderr(f"provenance: {_inputs(len(report.problems))} could not be read; the rest was indexed")
        raise typer.Exit(1)


def _add_dask(
    paths: list[str], db: str | None, jobs: int | None, scheduler: str | None, batch_files: int | None
) -> None:
    """`add --engine dask`: extraction on a Dask cluster, the results as a Parquet dataset in --db."""
    import time

    from .engine.cluster import FILES_PER_TASK, EngineUnavailable, add_dask, require_dask
    from .store import default_dataset_path

    try:
        require_dask()
    except EngineUnavailable as err:
        _stderr(f"provenance: error: {err}")
        raise typer.Exit(2) from None
    out = Path(db) if db else default_dataset_path()
    if out.exists() and not out.is_dir() or out.is_dir() and any(out.iterdir()) and not _dataset_or_started(out):
        _stderr(f"provenance: error: {out}: not empty and not a provenance dataset; choose another --db folder")
        raise typer.Exit(2)
    started = time.perf_counter()
    from .queries import StoryRow, stories

    tables = {"stories": (stories, StoryRow)}  # `provenance stories` rows, for readers that query the files
    report = add_dask(
        paths,
        out,
        scheduler=scheduler,
        jobs=_jobs(jobs),
        files_per_task=batch_files or FILES_PER_TASK,
        summaries=tables,
        on_problem=_report,
    )
    from .render import counted

    _stderr(
        f"provenance: {report.parsed} parsed, {report.unchanged} unchanged on {counted(report.workers, 'Dask worker')}; "
        f"{counted(report.documents, 'document')}, {counted(report.claims, 'claim')}, "
        f"{counted(report.clusters, 'cluster')} "
        f"in {time.perf_counter() - started:.2f}s (extraction {report.extract_seconds:.1f}s, linking "
        f"{report.link_seconds:.1f}s; {out})"
    )
    if report.problems:
        _stderr(f"provenance: {_inputs(len(report.problems))} could not be read; the rest was indexed")
        raise typer.Exit(1)


def _dataset_or_started(folder: Path) -> bool:
    from .engine.cluster import EXTRACT_FOLDER
    from .store.parquet import is_dataset

    return is_dataset(folder) or (folder / EXTRACT_FOLDER).is_dir()


GLOBAL_FLAGS = ("--refetch",)  # options of the program, not of a command: taken wherever they stand


def global_flags_first(argv: list[str]) -> list[str]:
    """The arguments with the program's own flags moved before the command: `provenance figures URL --refetch`
    means `provenance --refetch figures URL` (a flag after the command was "No such option"). Nothing after a
    `--` is moved."""
    end = argv.index("--") if "--" in argv else len(argv)
    flags = [a for a in argv[:end] if a in GLOBAL_FLAGS]
    return [*flags, *(a for a in argv[:end] if a not in GLOBAL_FLAGS), *argv[end:]]


def run() -> None:
    """Console-script entry point: a closed pipe ends quietly, a failed write is one line."""
    from .render import OutputClosed

    try:
        app(args=global_flags_first(sys.argv[1:]), prog_name="provenance")
    except OutputClosed:
        # `provenance claims ... | head`: the reader has what it wanted; not an error
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except OSError as err:
        _stderr(f"provenance: error: cannot write the output ({err.strerror or err})")
        sys.exit(1)
    except Exception as err:
        if not _damaged_store(err):
            raise
        sys.exit(1)


def _damaged_store(err: Exception) -> bool:
    """One line for a store, parse cache or Parquet dataset that opened but is damaged inside (a table gone, a
    page torn), instead of a traceback on every run; the user's parse cache is removed, so the next run
    rebuilds it. False for any other error."""
    import sqlite3

    if not isinstance(err, sqlite3.DatabaseError) and not type(err).__module__.startswith("pyarrow"):
        return False
    where = _Run.store or "the store"
    reason = str(err).splitlines()[0] if str(err) else type(err).__name__
    if isinstance(err, sqlite3.OperationalError) and "full" in reason:
        # a full disk is no damage: what was saved before it stays, and the next run goes on from there
        _stderr(f"provenance: error: no space left to write {where} ({reason}); free some and run again")
        return True
    if _Run.cache and _Run.store is not None:
        for stale in (_Run.store, *(_Run.store.with_name(_Run.store.name + end) for end in ("-wal", "-shm"))):
            stale.unlink(missing_ok=True)
        _stderr(
            f"provenance: error: the parse cache {where} was damaged ({reason}); it is removed and rebuilt next run"
        )
    else:
        _stderr(
            f"provenance: error: {where} is damaged ({reason}); delete it (a store is a cache of the articles: "
            "nothing is lost) and run `provenance add` again"
        )
    return True
