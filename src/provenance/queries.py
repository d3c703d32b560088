"""The read questions behind `trace`, `conflicts`, `sources` and `speakers`, over any `Results`.

Each takes the one read interface (in memory or the store) and returns records;
printing them is the caller's business.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .records import Claim, Cluster, DocumentInfo, cluster_order, one_line
from .resolve import names_agree
from .settings import COPY_MIN_CLAIMS, COPY_MIN_SHARE
from .store import Results, query_stems


def _in_story(cluster: Cluster, story: str) -> bool:
    return not story or any(m.story == story for m in cluster.members)


def trace(results: Results, query: str, *, story: str = "") -> list[Cluster]:
    """Clusters with a member whose text, sentence or speaker holds every word of `query`, widest carried first.

    Matching is case-insensitive and on stems, so "red notice" finds "red notices".
    """
    wanted = query_stems(query)
    if not wanted:
        return []
    return sorted((c for c in results.clusters(results.search(wanted)) if _in_story(c, story)), key=cluster_order)


def clusters(results: Results, *, story: str = "", min_docs: int = 2, flagged: bool = False) -> list[Cluster]:
    """Every cluster carried by at least `min_docs` documents, most widely carried first."""
    return [
        c for c in results.clusters() if c.documents >= min_docs and (not flagged or c.flagged) and _in_story(c, story)
    ]


def conflicts(results: Results, *, story: str = "") -> list[Cluster]:
    """Clusters whose members disagree with their origin (any drift flag): `clusters --flagged`."""
    return clusters(results, story=story, min_docs=2, flagged=True)


@dataclass(frozen=True)
class StoryRow:
    """One story (event): its documents and outlets, its time span, and how much it holds."""

    story: str
    title: str
    documents: int
    outlets: str  # ";"-joined
    first_published: str
    last_published: str
    claims: int
    figures: int
    docs: str  # ";"-joined document names


def stories(results: Results) -> list[StoryRow]:
    """Each story once, most documents first; titled by its first headline, else its most carried statement."""
    members: dict[str, list[DocumentInfo]] = defaultdict(list)
    for d in results.documents():
        members[d.story].append(d)
    claims: dict[str, int] = defaultdict(int)
    for c in results.claims():
        claims[c.doc] += 1
    figures: dict[str, int] = defaultdict(int)
    for f in results.figures():
        figures[f.doc] += 1
    carried: dict[str, str] = {}
    for cluster in results.clusters():  # most widely carried first
        if cluster.kind != "figure":
            for m in cluster.members:
                carried.setdefault(m.story, one_line(cluster.origin.text))
    rows = []
    for story, docs in members.items():
        docs = sorted(docs, key=lambda d: (not d.published, d.published, d.doc))
        dates = sorted(d.published for d in docs if d.published)
        title = next((d.title for d in docs if d.title), "") or carried.get(story, "")
        rows.append(
            StoryRow(
                story=story,
                title=title,
                documents=len(docs),
                outlets=";".join(sorted({d.outlet for d in docs if d.outlet})),
                first_published=dates[0] if dates else "",
                last_published=dates[-1] if dates else "",
                claims=sum(claims[d.doc] for d in docs),
                figures=sum(figures[d.doc] for d in docs),
                docs=";".join(d.doc for d in docs),
            )
        )
    return sorted(rows, key=lambda r: (-r.documents, r.first_published or "9999", r.story))


@dataclass(frozen=True)
class SourceRow:
    """One document's place in the story: how much it shares, and what it likely copies."""

    doc: str
    outlet: str
    published: str
    claims: int
    figures: int
    shared: float  # share of its claims and figures also carried by another document
    copies_from: str
    copied_share: float  # share of its claims that reproduce `copies_from`


def sources(
    results: Results, *, story: str = "", min_share: float = COPY_MIN_SHARE, min_claims: int = COPY_MIN_CLAIMS
) -> list[SourceRow]:
    """Per document: outlet, date, counts, share found elsewhere, and the document it most likely copies.

    A copies B when at least `min_share` of A's claims (and at least `min_claims`)
    sit in clusters whose origin is B and A's version is verbatim or a paraphrase.
    """
    member_docs: dict[str, set[str]] = defaultdict(set)
    copied: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for cluster in results.clusters():
        docs = {m.doc for m in cluster.members}
        for m in cluster.members:
            if m.kind == "statement":
                continue  # shares and copies count claims and figures, as the columns say
            if len(docs) > 1:
                member_docs[m.doc].add(cluster.cluster_id)
            if m.kind == "claim" and m.role == "member" and m.relation in ("verbatim", "paraphrase"):
                copied[m.doc][cluster.origin.doc] += 1
    claims_per_doc: dict[str, int] = defaultdict(int)
    for c in results.claims():
        claims_per_doc[c.doc] += 1
    figures_per_doc: dict[str, int] = defaultdict(int)
    for f in results.figures():
        figures_per_doc[f.doc] += 1
    rows = []
    for d in results.documents():
        if story and d.story != story:
            continue
        n_claims, n_figures = claims_per_doc[d.doc], figures_per_doc[d.doc]
        total = n_claims + n_figures
        shared = len(member_docs[d.doc]) / total if total else 0.0
        best, best_count = "", 0
        for other, count in copied[d.doc].items():
            if count > best_count:
                best, best_count = other, count
        share = best_count / n_claims if n_claims else 0.0
        if share < min_share or best_count < min_claims:
            best, share = "", 0.0
        rows.append(
            SourceRow(
                d.doc,
                d.outlet or "",
                d.published or "",
                n_claims,
                n_figures,
                round(min(shared, 1.0), 3),
                best,
                round(share, 3),
            )
        )
    return rows


@dataclass(frozen=True)
class SpeakerRow:
    """A source across the whole set: who, what kind, how often, and by whom quoted."""

    speaker_name: str
    speaker_type: str
    claims: int
    documents: int
    outlets: str  # ";"-joined
    anonymous: bool
    names_as_written: str  # ";"-joined variants ("he;Xi;President Xi Jinping")


def canonical_speakers(claims: Iterable[Claim]) -> dict[tuple[str, str], str]:
    """(speaker_type, speaker_name) -> the name `speakers` lists that speaker under: "Lu Kang" for "lu kang"
    and "spokesman Lu Kang" alike (the fullest name of a person; of case variants the one with capitals)."""
    canonical: dict[tuple[str, str], str] = {}
    by_type: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        if c.speaker_name not in by_type[c.speaker_type]:
            by_type[c.speaker_type].append(c.speaker_name)
    for type_, names in by_type.items():
        ordered = sorted(names, key=lambda n: (-len(n.split()), n.lower(), n.islower(), n))
        for name in ordered:
            target = (
                next((k for k in ordered if len(k.split()) > len(name.split()) and names_agree(k, name)), None)
                if type_ == "person"
                else None
            )
            target = target or next((k for k in ordered if k.lower() == name.lower()), name)
            canonical[(type_, name)] = target
    return canonical


def speakers(results: Results, *, only: set[str] | None = None) -> list[SpeakerRow]:
    """Each resolved speaker once, across documents ("Lu Kang" = "lu kang" = "spokesman Lu Kang");
    with `only`, in those documents only (one story)."""
    claims = [c for c in results.claims() if only is None or c.doc in only]
    canonical = canonical_speakers(claims)
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        groups[(canonical[(c.speaker_type, c.speaker_name)], c.speaker_type)].append(c)
    outlet_of = {d.doc: d.outlet or d.doc for d in results.documents()}
    rows = []
    for (name, type_), claims in groups.items():
        docs = sorted({c.doc for c in claims})
        variants = sorted({c.speaker for c in claims}, key=lambda v: (v.lower(), v))  # set order is the hash seed's
        rows.append(
            SpeakerRow(
                name,
                type_,
                len(claims),
                len(docs),
                ";".join(sorted({outlet_of.get(d, d) for d in docs})),
                type_ == "anonymous",
                ";".join(variants),
            )
        )
    return sorted(rows, key=lambda r: (-r.documents, -r.claims, r.speaker_name.lower()))
