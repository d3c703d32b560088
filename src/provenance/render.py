"""One place that turns records into output: a rich table for people, CSV/TSV/JSON/JSONL for tools.

Machine formats print exactly the record fields in column order, with no
colour, wrapping or progress. The table shows a readable subset, and article
text reaches rich only as plain `Text` (never markup) with control characters
made visible, so nothing in an article can restyle or take over a terminal.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from .records import columns_of as columns_of  # re-exported: render is where callers find column orders
from .records import one_line

FORMATS = ("table", "csv", "tsv", "json", "jsonl")


class OutputClosed(Exception):
    """The reader of our output went away (`| head`): stop writing, and that is not an error."""


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def counted(n: int, noun: str, plural: str = "") -> str:
    """ "1 claim", "2 claims", "0 stories" (`plural` where adding an s is wrong)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def default_format(stream: IO[str]) -> str:
    """table on a terminal, csv when piped."""
    return "table" if stream.isatty() else "csv"


def visible(text: str) -> str:
    """Text safe for a terminal: control characters and bidi overrides shown as escapes."""
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}", text
    )


def _name(text: str) -> str:
    """A name or title that is not ours (an outlet, a file name, a query), one line and safe for a terminal."""
    return visible(one_line(text))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if value != int(value) else str(int(value)) if abs(value) < 1e15 else repr(value)
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(v) for v in value)
    return str(value)


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula.

    Cells starting with = + - @ tab or carriage return (other than plain
    numbers) get a leading apostrophe, the convention Excel, LibreOffice and
    Google Sheets read as "this is text" (OWASP's advice for CSV injection).
    A lone "-" (standard input's document name) is no formula and stays as it is.
    """
    if cell.startswith(_FORMULA_START) and cell != "-" and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def write_records(
    records: Iterable[Any],
    columns: Sequence[str],
    fmt: str,
    out: IO[str] | None = None,
    *,
    table_columns: Sequence[str] | None = None,
    title: str | None = None,
    raw: bool = False,
    wide: bool = False,
) -> int:
    """Write records (dataclasses or dicts) in `fmt`; return how many were written.

    CSV and TSV cells are made spreadsheet-safe unless `raw`; JSON stays exact, its list
    fields (LIST_COLUMNS) arrays where CSV joins them with ";". Raises OutputClosed when
    the reader has gone.
    """
    try:
        return _write_records(records, columns, fmt, out or sys.stdout, table_columns, title, raw, wide)
    except BrokenPipeError as err:
        raise OutputClosed from err


# fields that hold several values: ";"-joined in CSV, TSV and tables, arrays in JSON and JSONL
LIST_COLUMNS = frozenset({"figures", "flags", "outlets", "docs", "names_as_written"})


def _json_row(row: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    return {c: _json_value(c, row.get(c)) for c in columns}


def _json_value(column: str, value: Any) -> Any:
    """A list field as a JSON array ("a;b" -> ["a", "b"], "" -> []); any other value as it is."""
    if column in LIST_COLUMNS and isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


def _for_people(records: Iterable[Any], columns: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Rows as a person reads them: a record's text as repaired (`readable`), not the file's raw letters,
    and a range's value with its upper end ("900 to 2500"; machine formats keep `value` and `upper` apart)."""
    for r in records:
        if isinstance(r, dict):
            yield r
            continue
        row = {c: getattr(r, c) for c in columns}
        shown: str = getattr(r, "shown", "")
        if shown and "text" in row:
            row["text"] = shown
        upper = getattr(r, "upper", None)
        if upper is not None and "value" in row:
            row["value"] = f"{_cell(row['value'])} to {_cell(upper)}"
        yield row


def _write_records(
    records: Iterable[Any],
    columns: Sequence[str],
    fmt: str,
    out: IO[str],
    table_columns: Sequence[str] | None,
    title: str | None,
    raw: bool,
    wide: bool = False,
) -> int:
    rows: Iterator[dict[str, Any]] = (
        _for_people(records, columns)
        if fmt == "table"
        else (r if isinstance(r, dict) else {c: getattr(r, c) for c in columns} for r in records)
    )
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        n = 0
        for row in rows:
            cells = [_cell(row.get(c)) for c in columns]
            if not raw:
                cells = [spreadsheet_safe(c) for c in cells]
            if fmt == "tsv":
                cells = [c.replace("\t", " ").replace("\r", " ").replace("\n", " ") for c in cells]
            writer.writerow(cells)
            n += 1
        return n
    if fmt == "jsonl":
        n = 0
        for row in rows:
            out.write(json.dumps(_json_row(row, columns), ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "json":
        data = [_json_row(row, columns) for row in rows]
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return len(data)
    if fmt == "table":
        return _table(list(rows), list(columns), out, title, table_columns, wide)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


FLEXIBLE_COLUMNS = ("text", "title", "sentence")  # the column that takes the room left
FLEXIBLE_MIN = 40  # characters the flexible column keeps at any terminal width
COLUMN_CAP = 18  # a short column is never wider than this (longer cells fold)
COLUMN_ROOMY = 40  # unless the terminal has room: then up to this, so names stay whole
WIDE_WIDTH = 240  # --wide: every column, as wide as this
TEXT_NARROW_MIN = 30  # what a trace table's text column may shrink to so that a file name stays whole
CLUSTER_COLUMN_CAP = 13  # trace tables: where a version is and how it drifted, in narrow columns (words wrap)
CLUSTER_COLUMN_ROOMY = 28  # the same on a terminal of WIDE_TERMINAL columns or more: flags and file names whole
WIDE_TERMINAL = 120


def fit_columns(priority: Sequence[str], natural: dict[str, int], width: int) -> list[str]:
    """The columns a table of `width` shows: most important first, dropping the least important
    until the flexible column keeps FLEXIBLE_MIN characters (each column costs 3 more for its rule and padding)."""
    kept = list(priority)
    flexible = next((c for c in kept if c in FLEXIBLE_COLUMNS), None)
    while len(kept) > 1:
        needed = 1 + 3 * len(kept) + sum(natural[c] for c in kept if c != flexible) + (FLEXIBLE_MIN if flexible else 0)
        if needed <= width:
            break
        kept.pop(max(i for i, c in enumerate(kept) if c != flexible))
    return kept


def _table(
    rows: list[dict[str, Any]],
    columns: list[str],
    out: IO[str],
    title: str | None,
    priority: Sequence[str] | None = None,
    wide: bool = False,
) -> int:
    """A table that fits the terminal: columns in record order, as many as the width allows by `priority`."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=False)
    if wide:
        console = Console(file=out, highlight=False, soft_wrap=False, width=max(console.width, WIDE_WIDTH))
    cells = [{c: visible(one_line(_cell(row.get(c)))) for c in columns} for row in rows]
    if any(c in FLEXIBLE_COLUMNS for c in columns):  # the text column takes the room the others leave
        natural = {c: min(max([len(c)] + [len(r[c]) for r in cells]), max(COLUMN_CAP, len(c))) for c in columns}
    else:  # every column whole when it can be (a header may take two lines), the least important dropped first
        natural = {c: min(max([_header_width(c)] + [len(r[c]) for r in cells]), COLUMN_ROOMY) for c in columns}
    shown = set(fit_columns(list(priority or columns) if not wide else columns, natural, console.width))
    flexible = next((c for c in (priority or columns) if c in FLEXIBLE_COLUMNS and c in shown), None)
    ordered = [c for c in columns if c in shown]
    if flexible is None:  # a table with a text column gives it the room
        _widen(natural, cells, [c for c in (priority or columns) if c in shown], console.width)
    table = Table(title=Text(_name(title)) if title else None, show_lines=False, expand=flexible is not None)
    for column in ordered:
        if column == flexible:
            table.add_column(column, overflow="fold", ratio=1, min_width=min(FLEXIBLE_MIN, console.width // 2))
        else:
            header = column if natural[column] >= len(column) else column.replace("_", "_\n")
            table.add_column(header, overflow="fold", width=natural[column], min_width=natural[column])
    for row in cells:
        table.add_row(*(Text(row[c]) for c in ordered))
    console.print(table)
    if not rows:
        console.print(Text("(no records)"))
    return len(rows)


def _header_width(column: str) -> int:
    """The narrowest a header may be: its longest piece up to an underscore ("copied_share" -> "copied_")."""
    return max(len(piece) for piece in column.replace("_", "_ ").split())


def _widen(natural: dict[str, int], cells: list[dict[str, str]], order: list[str], width: int) -> None:
    """Give capped columns the room a wide terminal leaves, most important first, so that file names and
    outlets stay whole instead of folding beside unused room (`natural` is updated in place)."""
    spare = width - (1 + 3 * len(order) + sum(natural[c] for c in order))
    for column in order:
        if spare <= 0:
            break
        whole = max([len(column)] + [len(r[column]) for r in cells])
        grow = min(whole - natural[column], spare, COLUMN_ROOMY - natural[column])
        if grow > 0:
            natural[column] += grow
            spare -= grow


TRACE_COLUMNS = (
    "cluster",
    "role",
    "doc",
    "outlet",
    "published",
    "relation",
    "flags",
    "speaker_name",
    "cue",
    "text",
    "start",
    "end",
)


CLUSTER_COLUMNS = (*TRACE_COLUMNS, "story", "kind")


def write_clusters(
    clusters: Sequence[Any],
    fmt: str,
    out: IO[str] | None = None,
    *,
    title: str | None = None,
    raw: bool = False,
    columns: Sequence[str] = TRACE_COLUMNS,
) -> int:
    """Clusters as one row per member (machine formats, `columns` in order) or one block per cluster (table)."""
    try:
        return _write_clusters(clusters, fmt, out or sys.stdout, title, raw, columns)
    except BrokenPipeError as err:
        raise OutputClosed from err


def _write_clusters(
    clusters: Sequence[Any], fmt: str, out: IO[str], title: str | None, raw: bool, columns: Sequence[str]
) -> int:
    if fmt != "table":
        return write_records((m for c in clusters for m in c.members), columns, fmt, out, raw=raw)
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=False)
    cap = CLUSTER_COLUMN_ROOMY if console.width >= WIDE_TERMINAL else CLUSTER_COLUMN_CAP
    if title:
        console.print(Text(_name(title), style="bold"))
    for cluster in clusters:
        origin = cluster.origin
        header = Text()
        header.append(f"{cluster.cluster_id} ", style="bold")
        header.append(f"[{cluster.kind}] ", style="dim")
        header.append(visible(one_line(origin.readable)[:160]))
        header.append(f"\n  origin: {_name(origin.outlet or origin.doc)}", style="dim")
        others = sorted({_name(m.outlet or m.doc) for m in cluster.members[1:]})
        carried = f"also in {len(cluster.members) - 1}: {', '.join(others)}" if others else "in no other document"
        header.append(f" ({_name(origin.doc)})   {carried}", style="dim")
        console.print()
        console.print(header)
        # one row per version: where it is, how it drifted, who says it, and its words (changes marked)
        rows = []
        for member in cluster.members:
            # each flag on a line; one longer than the column breaks after its underscore ("attribution_" "dropped")
            flags = [f if len(f) <= cap else f.replace("_", "_\n", 1) for f in member.flags.split(";") if f]
            drift = "\n".join([member.relation, *flags])
            # a figure alone ("half") says little: show the sentence it stands in
            shown, base = (
                (member.context, origin.context)
                if cluster.kind == "figure" and member.context
                else (member.readable, origin.readable)
            )
            rows.append(
                {
                    "source": Text(visible(member.outlet or member.doc)),
                    "drift": Text(drift, style="bold red" if member.flags else ""),
                    "speaker": Text(visible(member.speaker_name)),
                    "text": _highlight_changes(base, shown, member is origin),
                }
            )
        natural = {
            c: min(max([len(c)] + [max(len(x) for x in r[c].plain.split("\n")) for r in rows]), cap)
            for c in ("source", "drift", "speaker")
        }
        natural["text"] = FLEXIBLE_MIN
        shown_columns = set(fit_columns(("text", "source", "drift", "speaker"), natural, console.width))
        if "speaker" not in shown_columns and any(member.speaker_name for member in cluster.members):
            # too narrow for a speaker column: who each version credits goes under its source, so a dropped
            # or changed attribution still reads ("Reuters / the ministry" against "Global Times / no speaker")
            for row, member in zip(rows, cluster.members):
                row["source"].append(f"\n{_name(member.speaker_name) or 'no speaker'}", style="dim")
        # a file name is one word: the text column gives up room (down to TEXT_NARROW_MIN) rather than fold it
        longest_word = max((len(w) for r in rows for w in r["source"].plain.split()), default=0)
        spare = console.width - (1 + 3 * len(shown_columns) + TEXT_NARROW_MIN)
        spare -= sum(natural[c] for c in shown_columns if c != "text")
        natural["source"] += max(0, min(longest_word - natural["source"], spare))
        table = Table(show_header=True, expand=True)
        ordered = [c for c in ("source", "drift", "speaker", "text") if c in shown_columns]
        for column in ordered:
            if column == "text":
                table.add_column(column, overflow="fold", ratio=1, min_width=min(TEXT_NARROW_MIN, console.width // 2))
            else:
                table.add_column(column, overflow="fold", width=natural[column], min_width=len(column))
        for row in rows:
            table.add_row(*(row[c] for c in ordered))
        console.print(table)
    if not clusters:
        console.print(Text("(no matching statements)"))
    return len(clusters)


def _highlight_changes(origin: str, text: str, is_origin: bool) -> Any:
    """The member's text with the words that differ from the origin's version highlighted."""
    from rich.text import Text

    from .resolve.drift import word_changes

    shown = Text(visible(one_line(text)))
    if is_origin:
        return shown
    for start, end in word_changes(origin, shown.plain).added:
        shown.stylize("bold yellow", start, end)
    return shown
