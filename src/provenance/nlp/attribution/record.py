"""The attribution record: one claim's content, cue and source, in character offsets."""

from __future__ import annotations

from dataclasses import dataclass

from .constructions import VERB_CLAUSE


@dataclass
class Attribution:
    """One attributed claim, in character offsets of `doc.text`.

    `content` is one or more segments (a split quote has two); `source` the
    speaker phrase as written; `via` a relaying channel ("according to the
    official Xinhua news agency" after "he said").
    """

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    source_head: int | None  # token index of the speaker phrase's head
    kind: str = "indirect"
    construction: str = VERB_CLAUSE  # `constructions.NAMES`
    cue_token: int | None = None
    via: tuple[int, int] | None = None
    via_head: int | None = None

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]
