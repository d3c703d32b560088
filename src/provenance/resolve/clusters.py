"""Clusters from scored pairs: best pairs first, at most one statement per document.

Merging is single-link, so a chain of pairs could join statements that no pair
compares directly ("46 KOs" ~ "46 wins" ~ "51 knockouts"). Three constraints keep
every cluster one statement: never two statements of one document; for figures,
never values further apart than a changed figure can be (FIGURE_DRIFT); never two
subjects that are different names ("the Rovers have offered him ..." and
"the United have offered him ...", joined through "they have made him an offer ...");
never other figures from two documents whose headlines name two incidents (`Incident.other_than`):
a false "figure changed" is the worst error a reader can be shown.
"""

from __future__ import annotations

from collections import defaultdict

from ..settings import FIGURE_DRIFT
from .items import Incident, Item, names_differ


def merge(items: list[Item], pairs: list[tuple[float, int, int]]) -> list[list[Item]]:
    """Merge best pairs first, under the constraints above (`Joiner`)."""
    joiner = Joiner(items)
    for _, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        joiner.join(a, b)
    groups: dict[int, list[Item]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[joiner.find(i)].append(item)
    return list(groups.values())


class Joiner:
    """Clusters being built, by union-find under merging's constraints (documents, values, subjects).

    `docs[i]`, when given, are the documents item i stands for (itself and its exact copies)."""

    def __init__(self, items: list[Item], docs: list[set[str]] | None = None) -> None:
        self.parent = list(range(len(items)))
        self.docs: dict[int, set[str]] = (
            dict(enumerate(docs)) if docs is not None else {i: {item.doc} for i, item in enumerate(items)}
        )
        self.values: dict[int, tuple[float, float]] = {
            i: (item.value, item.value) for i, item in enumerate(items) if item.value is not None
        }
        # each subject with the words it stands in (a figure's sentence, not the figure alone)
        self.actors: dict[int, dict[str, str]] = {
            i: {item.actor: item.own.text} for i, item in enumerate(items) if item.actor
        }
        self.aged: dict[int, frozenset[str]] = {i: item.aged for i, item in enumerate(items) if item.aged}
        # the incidents its documents report, one per set of headline names (`Incident`), and the figures it states
        self.incidents: dict[int, dict[frozenset[str], Incident]] = {
            i: {item.incident.names: item.incident}
            for i, item in enumerate(items)
            if item.incident is not None and item.incident.names and item.incident.frame  # else it parts nothing
        }
        self.amounts: dict[int, frozenset[float]] = {
            i: amounts for i, item in enumerate(items) if (amounts := _amounts(item))
        }

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def joined(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def join(self, a: int, b: int) -> None:
        """Join a's and b's clusters unless a constraint forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        docs, values, actors = self.docs, self.values, self.actors
        if not docs[ra].isdisjoint(docs[rb]):
            return
        span = _joined(values.get(ra), values.get(rb))
        if span is not None and not values_close(*span):
            return
        if ra in actors and rb in actors and _other_actors(actors[ra], actors[rb]):
            return
        aged = self.aged
        if ra in aged and rb in aged and aged[ra].isdisjoint(aged[rb]):
            return  # one age of two people
        incidents, amounts = self.incidents, self.amounts
        if (
            ra in incidents
            and rb in incidents
            and ra in amounts
            and rb in amounts
            and amounts[ra] != amounts[rb]
            and _other_incidents(incidents[ra], incidents[rb])
        ):
            return  # "More than 40 firefighters" in the Pellston fire is no changed figure of the Dunmore one
        if len(docs[ra]) < len(docs[rb]):
            ra, rb = rb, ra  # the larger cluster absorbs the smaller: merging stays linear
        self.parent[rb] = ra
        docs[ra] |= docs.pop(rb)
        if rb in actors:
            for actor, text in actors.pop(rb).items():
                actors.setdefault(ra, {}).setdefault(actor, text)
        if span is not None:
            values[ra] = span
        if rb in aged:
            aged[ra] = aged.get(ra, frozenset()) | aged.pop(rb)
        if rb in amounts:
            amounts[ra] = amounts.get(ra, frozenset()) | amounts.pop(rb)
        if rb in incidents:
            mine = incidents.setdefault(ra, {})
            for names, incident in incidents.pop(rb).items():
                held = mine.get(names)
                # documents of one headline: the words of either (a veto then needs both to lack a name)
                mine[names] = incident if held is None else Incident(names, held.frame, held.words | incident.words)


def _amounts(item: Item) -> frozenset[float]:
    """The values an item states: a figure's own, a claim's or statement's figures."""
    if item.value is not None:
        return frozenset([item.value])
    return frozenset(q.value for q in item.figures)


def _other_incidents(x: dict[frozenset[str], Incident], y: dict[frozenset[str], Incident]) -> bool:
    """True when a document of one cluster and a document of the other report two incidents."""
    return any(a.other_than(b) for a in x.values() for b in y.values())


def _other_actors(x: dict[str, str], y: dict[str, str]) -> bool:
    """True when no subject of one cluster's statements can be the subject of the other's (actor -> its text)."""
    return all(names_differ(a, ta, b, tb) for a, ta in x.items() for b, tb in y.items())


def _joined(x: tuple[float, float] | None, y: tuple[float, float] | None) -> tuple[float, float] | None:
    if x is None or y is None:
        return x or y
    return min(x[0], y[0]), max(x[1], y[1])


def values_close(low: float, high: float, drift: float = FIGURE_DRIFT) -> bool:
    """Values one figure can take as outlets copy and change it: same sign, within `drift` of each other."""
    if low == high:
        return True
    if low < 0 < high or low == 0 or high == 0:
        return False
    return (abs(high - low) / max(abs(low), abs(high))) <= drift
