"""The `provenance` command: thin Typer commands over `provenance.api`.

Exit codes: 0 success, 1 some input failed (the rest was still processed and
printed), 2 usage error. Records go to stdout; messages go to stderr.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from . import __version__
from .claims import Claim, Figure, InputProblem

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


def _paths(paths: list[str] | None) -> list[str]:
    if paths:
        return paths
    if not sys.stdin.isatty():
        return ["-"]
    raise typer.BadParameter("give one or more files or folders (or - to read stdin)", param_hint="PATH")


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
    doc: Annotated[
        str, typer.Option("--doc", "-d", help="Keep claims from documents matching this name or glob.")
    ] = "",
    outlet: Annotated[str, typer.Option("--outlet", "-o", help="Keep claims from outlets containing this text.")] = "",
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
    from .api import ClaimFilter, extract_claims
    from .render import columns_of, write_records

    chosen = _format(fmt)
    kinds = frozenset(k.strip().lower() for value in kind or [] for k in value.split(",") if k.strip())
    unknown = kinds - {"direct", "indirect", "mixed"}
    if unknown:
        raise typer.BadParameter(
            f"unknown kind {', '.join(sorted(unknown))}; use direct, indirect or mixed", param_hint="--kind"
        )
    keep = ClaimFilter(kinds=kinds, speaker=speaker, doc=doc, outlet=outlet)
    run = extract_claims(_paths(paths), keep, on_problem=_report)
    records = run.claims[:limit] if limit is not None else run.claims
    write_records(
        records,
        columns_of(Claim),
        chosen,
        table_columns=CLAIM_TABLE_COLUMNS,
        title=f"{len(records)} claims from {len(run.documents)} documents",
    )
    if run.problems:
        _stderr(f"provenance: {len(run.problems)} input(s) could not be read; the rest was processed")
        raise typer.Exit(1)


@app.command()
def figures(
    paths: PathsArgument = None,
    speaker: Annotated[
        str, typer.Option("--speaker", "-s", help="Keep figures attributed to a speaker containing this text.")
    ] = "",
    doc: Annotated[
        str, typer.Option("--doc", "-d", help="Keep figures from documents matching this name or glob.")
    ] = "",
    outlet: Annotated[str, typer.Option("--outlet", "-o", help="Keep figures from outlets containing this text.")] = "",
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
    from .api import ClaimFilter, FigureFilter, extract_claims
    from .render import columns_of, write_records

    chosen = _format(fmt)
    hedges = frozenset(h.strip().lower() for value in hedge or [] for h in value.split(",") if h.strip())
    unknown = hedges - {"exact", "approx", "at_least", "at_most"}
    if unknown:
        raise typer.BadParameter(f"unknown hedge {', '.join(sorted(unknown))}", param_hint="--hedge")
    keep = FigureFilter(speaker=speaker, doc=doc, outlet=outlet, hedges=hedges)
    run = extract_claims(_paths(paths), ClaimFilter(), keep_figure=keep, on_problem=_report)
    records = run.figures[:limit] if limit is not None else run.figures
    write_records(
        records,
        columns_of(Figure),
        chosen,
        table_columns=FIGURE_TABLE_COLUMNS,
        title=f"{len(records)} figures from {len(run.documents)} documents",
    )
    if run.problems:
        _stderr(f"provenance: {len(run.problems)} input(s) could not be read; the rest was processed")
        raise typer.Exit(1)


def run() -> None:
    """Console-script entry point."""
    app()
