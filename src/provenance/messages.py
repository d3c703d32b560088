"""What provenance says on stderr while it works: one-line messages and the progress line.

Records go to stdout; everything said to the person at the terminal goes through here, escaped (`render.visible`)
and one line each, above the progress line when one is showing.
"""

from __future__ import annotations

import sys


def say(message: str) -> None:
    """One message line on stderr; above the progress display when one is showing. File names, URLs and a
    server's words inside it are not ours: control characters, bidi overrides and line breaks in them are
    shown as escapes, so no name clears the screen, retitles the window or forges another error line."""
    from .render import visible

    line = visible(message.rstrip("\n")).replace("\n", "\\n")
    if Progress.active is not None and Progress.active.bar is not None:
        from rich.text import Text

        Progress.active.bar.console.print(Text(line), highlight=False)
        return
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


class Progress:
    """A progress line on stderr while documents are processed; silent when stderr is not a terminal."""

    active: Progress | None = None

    def __init__(self, label: str) -> None:
        self.bar = None
        Progress.active = self
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            self.bar = Bar(
                SpinnerColumn(),
                TextColumn(label),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.bar.add_task(label, total=None, rate="")
            self.done = 0
            self.bar.start()

    def __call__(self, document: object, parsed: bool) -> None:
        if self.bar is not None:
            self.done += 1
            elapsed = self.bar.tasks[0].elapsed or 0.0
            rate = f"{self.done / elapsed:.1f} docs/s" if elapsed > 0 else ""
            self.bar.update(self.task, completed=self.done, rate=rate)

    def close(self) -> None:
        Progress.active = None
        if self.bar is not None:
            self.bar.stop()
