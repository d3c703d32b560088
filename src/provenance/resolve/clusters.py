"""Clusters from scored pairs: best pairs first, at most one statement per document."""

from __future__ import annotations

from collections import defaultdict

from .items import Item


def merge(items: list[Item], pairs: list[tuple[float, int, int]]) -> list[list[Item]]:
    """Merge best pairs first; a cluster never holds two statements of one document."""
    parent = list(range(len(items)))
    docs: dict[int, set[str]] = {i: {item.doc} for i, item in enumerate(items)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ra, rb = find(a), find(b)
        if ra == rb or docs[ra] & docs[rb]:
            continue
        parent[rb] = ra
        docs[ra] |= docs.pop(rb)
    groups: dict[int, list[Item]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[find(i)].append(item)
    return list(groups.values())
