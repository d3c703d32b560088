"""Library entry points behind the commands: each CLI command is one call here.

They return records and problems; printing is the caller's business.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .claims import Claim, Document, Figure, InputProblem


@dataclass
class ClaimFilter:
    """Which claims to keep. Empty fields keep everything."""

    kinds: frozenset[str] = frozenset()
    speaker: str = ""
    doc: str = ""
    outlet: str = ""

    def __call__(self, claim: Claim) -> bool:
        if self.kinds and claim.kind not in self.kinds:
            return False
        if self.speaker:
            needle = self.speaker.lower()
            if needle not in claim.speaker_name.lower() and needle not in claim.speaker.lower():
                return False
        if self.doc and not (fnmatch.fnmatch(claim.doc, self.doc) or self.doc.lower() in claim.doc.lower()):
            return False
        if self.outlet and self.outlet.lower() not in claim.outlet.lower():
            return False
        return True


@dataclass
class FigureFilter:
    """Which figures to keep. Empty fields keep everything."""

    speaker: str = ""  # matches attributed_to
    doc: str = ""
    outlet: str = ""
    hedges: frozenset[str] = frozenset()

    def __call__(self, figure: Figure) -> bool:
        if self.speaker and self.speaker.lower() not in figure.attributed_to.lower():
            return False
        if self.doc and not (fnmatch.fnmatch(figure.doc, self.doc) or self.doc.lower() in figure.doc.lower()):
            return False
        if self.outlet and self.outlet.lower() not in figure.outlet.lower():
            return False
        return not self.hedges or figure.hedge in self.hedges


@dataclass
class ClaimsRun:
    """The outcome of extracting claims and figures from some inputs."""

    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    segments: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


def extract_claims(
    paths: Iterable[str],
    keep: Callable[[Claim], bool] = ClaimFilter(),
    *,
    keep_figure: Callable[[Figure], bool] = FigureFilter(),
    on_problem: Callable[[InputProblem], None] | None = None,
    stdin: bytes | None = None,
) -> ClaimsRun:
    """Read `paths`, extract every attributed claim and figure, keep those the filters accept.

    Unreadable inputs are collected (and passed to `on_problem` as they occur)
    without stopping the other files.
    """
    from .extract import analyze
    from .ingest import read_documents

    run = ClaimsRun()

    def documents() -> Iterable[Document]:
        for item in read_documents(paths, stdin=stdin):
            if isinstance(item, InputProblem):
                run.problems.append(item)
                if on_problem:
                    on_problem(item)
            else:
                run.documents.append(item)
                yield item

    for result in analyze(documents()):
        run.claims.extend(c for c in result.claims if keep(c))
        run.figures.extend(f for f in result.figures if keep_figure(f))
        run.segments.update(result.segments)
    return run
