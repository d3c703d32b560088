"""Library entry points behind the commands: each CLI command is one call here.

They return records and problems; printing is the caller's business.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .claims import Claim, Document, InputProblem


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
class ClaimsRun:
    """The outcome of extracting claims from some inputs."""

    claims: list[Claim] = field(default_factory=list)
    segments: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


def extract_claims(
    paths: Iterable[str],
    keep: Callable[[Claim], bool] = ClaimFilter(),
    *,
    on_problem: Callable[[InputProblem], None] | None = None,
    stdin: bytes | None = None,
) -> ClaimsRun:
    """Read `paths`, extract every attributed claim, keep those `keep` accepts.

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
        run.segments.update(result.segments)
    return run
