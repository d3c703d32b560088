"""The `provenance` command: thin Typer commands over `provenance.api`.

Exit codes: 0 success, 1 some input failed (the rest was still processed and
printed), 2 usage error. Records go to stdout; messages go to stderr.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .claims import InputProblem

if TYPE_CHECKING:
    from .api import Analysis

app = typer.Typer(
    name="provenance",
    help="Who said what, which figures, and where each claim came from, across news articles.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CLAIM_TABLE_COLUMNS = ("doc", "kind", "speaker_name", "speaker_type", "cue", "text")
FIGURE_TABLE_COLUMNS = ("doc", "text", "value", "hedge", "object", "attributed_to")

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="table | csv | tsv | json | jsonl (default: table on a terminal, csv when piped)."
    ),
]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=0, help="Print at most this many records.")]
PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(help="Files, folders (read recursively), globs, or - for stdin.", show_default=False),
]
DocOption = Annotated[str, typer.Option("--doc", "-d", help="Keep records from documents matching this name or glob.")]
OutletOption = Annotated[str, typer.Option("--outlet", "-o", help="Keep records from outlets containing this text.")]


def _stderr(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()


def _report(problem: InputProblem) -> None:
    _stderr(f"provenance: error: {problem.message()}")


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


def _analyze(paths: list[str] | None) -> Analysis:
    from .api import analyze_paths

    if not paths:
        if sys.stdin.isatty():
            raise typer.BadParameter("give one or more files or folders (or - to read stdin)", param_hint="PATH")
        paths = ["-"]
    return analyze_paths(paths, on_problem=_report)


def _finish(analysis: Analysis) -> None:
    if analysis.problems:
        _stderr(f"provenance: {len(analysis.problems)} input(s) could not be read; the rest was processed")
        raise typer.Exit(1)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"provenance {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Who said what, which figures, and where each claim came from, across news articles."""


@app.command()
def claims(
    paths: PathsArgument = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", "-k", help="direct, indirect or mixed (repeat or comma-separate).")
    ] = None,
    speaker: Annotated[str, typer.Option("--speaker", "-s", help="Keep claims whose speaker contains this text.")] = "",
    doc: DocOption = "",
    outlet: OutletOption = "",
    limit: LimitOption = None,
    fmt: FormatOption = None,
) -> None:
    """Every attributed claim: direct quotes, reported speech, "according to" attributions.

    Columns (CSV/JSON, in this order): claim_id, doc, outlet, published, kind,
    speaker, speaker_name, speaker_type, cue, text, start, end, sentence, via,
    cluster, figures. start/end are character offsets into the file as read.

    Example:

        provenance claims seeds/

        provenance claims seeds/ --speaker "Xi" --format csv | xsv table

        provenance claims seeds/ --kind direct -f jsonl > quotes.jsonl
    """
    from .api import ClaimFilter
    from .claims import Claim
    from .render import columns_of, write_records

    chosen = _format(fmt)
    keep = ClaimFilter(
        kinds=_choices(kind, {"direct", "indirect", "mixed"}, "--kind"), speaker=speaker, doc=doc, outlet=outlet
    )
    analysis = _analyze(paths)
    records = [c for c in analysis.claims if keep(c)][:limit]
    write_records(
        records,
        columns_of(Claim),
        chosen,
        table_columns=CLAIM_TABLE_COLUMNS,
        title=f"{len(records)} claims from {len(analysis.documents)} documents",
    )
    _finish(analysis)


@app.command()
def figures(
    paths: PathsArgument = None,
    speaker: Annotated[
        str, typer.Option("--speaker", "-s", help="Keep figures attributed to a speaker containing this text.")
    ] = "",
    doc: DocOption = "",
    outlet: OutletOption = "",
    hedge: Annotated[
        list[str] | None, typer.Option("--hedge", help="exact, approx, at_least or at_most (repeat or comma-separate).")
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = None,
) -> None:
    """Every stated figure: its value, hedge, what it counts, and who states it.

    Columns (CSV/JSON, in this order): figure_id, doc, outlet, text, value,
    hedge (exact | approx | at_least | at_most), object, attributed_to (the
    speaker of the claim holding the figure; empty when the outlet states it),
    claim_id, start, end, cluster.

    Example:

        provenance figures seeds/

        provenance figures seeds/ --hedge approx,at_least -f csv | xsv table
    """
    from .api import FigureFilter
    from .claims import Figure
    from .render import columns_of, write_records

    chosen = _format(fmt)
    hedges = _choices(hedge, {"exact", "approx", "at_least", "at_most"}, "--hedge")
    keep = FigureFilter(speaker=speaker, doc=doc, outlet=outlet, hedges=hedges)
    analysis = _analyze(paths)
    records = [f for f in analysis.figures if keep(f)][:limit]
    write_records(
        records,
        columns_of(Figure),
        chosen,
        table_columns=FIGURE_TABLE_COLUMNS,
        title=f"{len(records)} figures from {len(analysis.documents)} documents",
    )
    _finish(analysis)


@app.command()
def trace(
    query: Annotated[str, typer.Argument(help='Words or a phrase ("red notice"), or a speaker\'s name.')],
    paths: PathsArgument = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=0, help="Show at most this many clusters.")] = None,
    fmt: FormatOption = None,
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
    from .api import trace as find
    from .render import write_clusters

    chosen = _format(fmt)
    analysis = _analyze(paths)
    found = find(analysis, query)[:limit]
    write_clusters(found, chosen, title=f"{len(found)} statements matching {query!r}")
    _finish(analysis)


@app.command()
def conflicts(
    paths: PathsArgument = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=0, help="Show at most this many clusters.")] = None,
    fmt: FormatOption = None,
) -> None:
    """Statements whose outlets disagree: changed figures, dropped attributions, altered quotes, changed speakers.

    Same rows as `trace`; only clusters with at least one flag.

    Example:

        provenance conflicts seeds/

        provenance conflicts seeds/ -f jsonl | jq .flags
    """
    from .api import conflicts as find
    from .render import write_clusters

    chosen = _format(fmt)
    analysis = _analyze(paths)
    found = find(analysis)[:limit]
    write_clusters(found, chosen, title=f"{len(found)} statements whose outlets disagree")
    _finish(analysis)


@app.command()
def sources(
    paths: PathsArgument = None,
    limit: LimitOption = None,
    fmt: FormatOption = None,
) -> None:
    """Per document: outlet, date, claims and figures, the share carried elsewhere, and what it likely copies.

    Columns: doc, outlet, published, claims, figures, shared, copies_from,
    copied_share.

    Example:

        provenance sources seeds/
    """
    from .api import SourceRow
    from .api import sources as table
    from .render import columns_of, write_records

    chosen = _format(fmt)
    analysis = _analyze(paths)
    rows = table(analysis)[:limit]
    write_records(rows, columns_of(SourceRow), chosen, title=f"{len(rows)} documents")
    _finish(analysis)


@app.command()
def speakers(
    paths: PathsArgument = None,
    speaker_type: Annotated[
        list[str] | None,
        typer.Option("--type", "-t", help="person, organization, government, media, anonymous or group."),
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = None,
) -> None:
    """Who is quoted: each resolved speaker once, with type, claims, and the outlets quoting them.

    Columns: speaker_name, speaker_type, claims, documents, outlets, anonymous,
    names_as_written.

    Example:

        provenance speakers seeds/

        provenance speakers seeds/ --type anonymous
    """
    from .api import SpeakerRow
    from .api import speakers as table
    from .render import columns_of, write_records

    chosen = _format(fmt)
    types = _choices(speaker_type, {"person", "organization", "government", "media", "anonymous", "group"}, "--type")
    analysis = _analyze(paths)
    rows = [r for r in table(analysis) if not types or r.speaker_type in types][:limit]
    anonymous = sum(r.claims for r in rows if r.anonymous)
    total = sum(r.claims for r in rows) or 1
    write_records(
        rows,
        columns_of(SpeakerRow),
        chosen,
        title=f"{len(rows)} speakers; {anonymous} of {total} claims from anonymous sources",
    )
    _finish(analysis)


def run() -> None:
    """Console-script entry point."""
    app()
