"""`provenance report`: one self-contained HTML file that shows how each story spread.

For each story (most widely carried first): the spread as a tree (each document under the
one it took most of its shared statements from, an arrow from source to taker, red where
the copy drifted), for a story of more than ten documents a matrix of its most carried
statements by document in time order, a timeline of the versions in order of publication
(undated ones in a lane of their own), drift cards (the origin's version beside each
changed one, the changed words marked; surest and widest links first) and who said what,
grouped by resolved speaker. Every statement shown names its
document and offsets and quotes the sentence around it, so the evidence can be read
without the archive.

The file is static: drawings are inline SVG made here, there is no script at all, and
a Content-Security-Policy forbids any (article text is escaped as well). It opens from
a USB stick, reads in a narrow window and prints. Beyond what a person can read, it
summarizes (limits below) and says what it left out.
"""

from __future__ import annotations

import html
import os
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .queries import SourceRow, SpeakerRow, StoryRow, canonical_speakers, sources, speakers, stories
from .records import Claim, Cluster, ClusterMember, DocumentInfo, cluster_order, one_line
from .render import counted, visible
from .resolve.drift import word_changes
from .store import Results

STORIES_IN_FULL = 20  # stories drawn with graph, timeline, cards and speakers
STORIES_LISTED = 500  # further stories listed in one table row each
GRAPH_NODES = 60  # documents drawn in one spread graph (the most connected)
TIMELINE_ROWS = 200  # documents listed in one timeline
CARDS_PER_STORY = 40  # drift cards per story
VERSIONS_PER_CARD = 12  # changed versions shown on one card
SPEAKERS_PER_STORY = 40
CLAIMS_PER_SPEAKER = 8


@dataclass
class Edge:
    """Statements of `source` (their origin) carried by `target`, and how many of them drifted."""

    source: str
    target: str
    shared: int = 0
    drifted: int = 0


@dataclass
class StoryView:
    """Everything the report shows for one story."""

    row: StoryRow
    documents: list[DocumentInfo]
    sources: dict[str, SourceRow]
    edges: list[Edge]
    center: str
    flagged: list[Cluster]
    speakers: list[tuple[SpeakerRow, list[tuple[Claim, int]]]]
    carried_most: list[Cluster] = field(default_factory=list)  # the story's clusters, most widely carried first
    origin_of: Counter[str] = field(default_factory=Counter)
    carried: Counter[str] = field(default_factory=Counter)


def build(results: Results, *, story: str = "") -> tuple[list[StoryView], list[StoryRow], int]:
    """The stories shown in full, the rest listed, and the number of documents."""
    rows = [r for r in stories(results) if not story or r.story == story]
    documents = results.documents()
    by_story: dict[str, list[DocumentInfo]] = defaultdict(list)
    for d in documents:
        by_story[d.story].append(d)
    clusters_of: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in results.clusters():  # most widely carried first
        if cluster.documents > 1:
            for name in {m.story for m in cluster.members}:
                clusters_of[name].append(cluster)
    claims = results.claims()
    views = [_story_view(results, r, by_story[r.story], clusters_of[r.story], claims) for r in rows[:STORIES_IN_FULL]]
    return views, rows[STORIES_IN_FULL : STORIES_IN_FULL + STORIES_LISTED], len(documents)


def _story_view(
    results: Results, row: StoryRow, docs: list[DocumentInfo], clusters: list[Cluster], claims: list[Claim]
) -> StoryView:
    edges: dict[tuple[str, str], Edge] = {}
    origin_of: Counter[str] = Counter()
    carried: Counter[str] = Counter()
    in_story = {d.doc for d in docs}
    for cluster in clusters:
        origin = cluster.origin.doc
        origin_of[origin] += 1
        for member in cluster.members[1:]:
            if member.doc == origin or member.doc not in in_story:
                continue
            edge = edges.setdefault((origin, member.doc), Edge(origin, member.doc))
            edge.shared += 1
            edge.drifted += bool(member.flags)
            carried[member.doc] += 1
    published = {d.doc: d.published or "9999" for d in docs}
    center = min(in_story, key=lambda d: (-origin_of[d], published[d], d)) if in_story else ""
    story_claims = [c for c in claims if c.doc in in_story]
    carried_by = {c.cluster_id: c.documents for c in clusters}
    speaker_rows = speakers(results, only=in_story)[:SPEAKERS_PER_STORY]
    canonical = canonical_speakers(story_claims)  # the key `speakers` groups by: the resolved name, not "he"
    by_speaker: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in story_claims:
        by_speaker[(canonical[(c.speaker_type, c.speaker_name)], c.speaker_type)].append(c)
    said: list[tuple[SpeakerRow, list[tuple[Claim, int]]]] = []
    for speaker in speaker_rows:
        theirs = by_speaker[(speaker.speaker_name, speaker.speaker_type)]
        seen: set[str] = set()
        listed: list[tuple[Claim, int]] = []
        for claim in sorted(theirs, key=lambda c: (-carried_by.get(c.cluster, 1), c.doc, c.start)):
            key = claim.cluster or claim.claim_id
            if key not in seen:
                seen.add(key)
                listed.append((claim, carried_by.get(claim.cluster, 1)))
        said.append((speaker, listed[:CLAIMS_PER_SPEAKER]))
    return StoryView(
        row=row,
        documents=sorted(docs, key=lambda d: (not d.published, d.published, d.doc)),
        sources={s.doc: s for s in sources(results, story=row.story)},
        edges=sorted(edges.values(), key=lambda e: (-e.shared, e.source, e.target)),
        center=center,
        # surest and widest first: a reader meets first the drift that most likely happened to most readers
        flagged=sorted(
            (c for c in clusters if c.flagged), key=lambda c: (-c.documents * link_trust(c), cluster_order(c))
        )[:CARDS_PER_STORY],
        carried_most=[c for c in clusters if c.documents > 1],
        speakers=said,
        origin_of=origin_of,
        carried=carried,
    )


# ---------------------------------------------------------------- HTML


def report_html(results: Results, *, story: str = "") -> str:
    """The report as one HTML page."""
    views, listed, documents = build(results, story=story)
    return render(views, listed, documents, _evidence(results))


def write_report(results: Results, path: Path, *, story: str = "") -> Path:
    """Build the report and write it to `path` (UTF-8); returns the path. Written beside it first and moved
    into place, so a failed write (a full disk) leaves no empty or half report under that name."""
    page = report_html(results, story=story)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(page, encoding="utf-8")
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def _evidence(results: Results) -> dict[tuple[str, int, int], str]:
    """(doc, start, end) -> the sentence holding that claim or figure, to quote it in context."""
    found: dict[tuple[str, int, int], str] = {}
    for c in results.claims():
        found[(c.doc, c.start, c.end)] = c.sentence
    for f in results.figures():
        if f.sentence:
            found[(f.doc, f.start, f.end)] = one_line(f.sentence)
    return found


def render(
    views: list[StoryView], listed: list[StoryRow], documents: int, evidence: dict[tuple[str, int, int], str]
) -> str:
    parts = [_HEAD]
    stories_total = len(views) + len(listed)
    parts.append("<header><h1>provenance report</h1>")
    parts.append(
        f"<p>{counted(documents, 'document')} in {counted(stories_total, 'story', 'stories')}. "
        "Stories are shown most widely carried first"
        + (f"; the first {len(views)} in full." if listed else ".")
        + "</p>"
    )
    if views:
        parts.append("<nav aria-label='Stories'><ol>")
        for view in views:
            parts.append(
                f"<li><a href='#{_e(view.row.story)}'>{_e(view.row.title or view.row.story)}</a> "
                f"<span class='muted'>({counted(view.row.documents, 'document')})</span></li>"
            )
        parts.append("</ol></nav>")
    parts.append("</header><main>")
    for view in views:
        parts.append(_story_section(view, evidence))
    if listed:
        parts.append("<section><h2>More stories</h2><table><thead><tr><th>story</th><th>title</th>")
        parts.append("<th>documents</th><th>first published</th></tr></thead><tbody>")
        for row in listed:
            parts.append(
                f"<tr><td><code>{_e(row.story)}</code></td><td>{_e(row.title)}</td><td>{row.documents}</td>"
                f"<td>{_e(row.first_published)}</td></tr>"
            )
        parts.append("</tbody></table>")
        parts.append("<p class='muted'>Each story in full: <code>provenance report --story ID</code>.</p></section>")
    if not views:
        parts.append("<p>No documents in this store yet: <code>provenance add PATH...</code> first.</p>")
    parts.append("</main></body></html>\n")
    return "".join(parts)


def _story_section(view: StoryView, evidence: dict[tuple[str, int, int], str]) -> str:
    row = view.row
    span = " – ".join(sorted({d for d in (row.first_published, row.last_published) if d})) or "undated"
    out = [f"<section class='story' id='{_e(row.story)}'>"]
    out.append(f"<h2>{_e(row.title or row.story)}</h2>")
    out.append(
        f"<p class='facts'><code>{_e(row.story)}</code> · {counted(row.documents, 'document')} · "
        f"{len(row.outlets.split(';')) if row.outlets else 0} named outlets · {_e(span)} · "
        f"{counted(row.claims, 'claim')} · {counted(row.figures, 'figure')} · "
        f"{counted(len(view.flagged), 'drifted statement')} shown</p>"
    )
    out.append(_graph(view))
    out.append(_matrix(view, view.carried_most))
    out.append(_timeline(view))
    out.append(_cards(view, evidence))
    out.append(_who_said_what(view, evidence))
    out.append("</section>")
    return "".join(out)


def _label(doc: DocumentInfo | None, name: str) -> str:
    return (doc.outlet if doc and doc.outlet else name)[:24]


@dataclass
class TreeRow:
    """One document of the spread tree: where it took its shared statements from (`parent`), drawn at `depth`."""

    doc: str
    depth: int
    edge: Edge | None  # parent -> doc

    @property
    def parent(self) -> str:
        return self.edge.source if self.edge else ""


def spread_tree(view: StoryView) -> list[TreeRow]:
    """The spread as a tree, in drawing order (depth first): each document under the one it took most of its
    shared statements from among those before it (the story's main origin first, then by date, origins of
    more before fewer), instead of a line to every document it shares with. A document that took from none
    before it starts a tree of its own. Documents sharing nothing are left out."""
    published = {d.doc: d.published or "9999" for d in view.documents}
    linked = {e.source for e in view.edges} | {e.target for e in view.edges} | ({view.center} - {""})

    def rank(doc: str) -> tuple[bool, str, int, str]:
        return (doc != view.center, published.get(doc, "9999"), -view.origin_of[doc], doc)

    ordered = sorted(linked, key=rank)
    place = {doc: n for n, doc in enumerate(ordered)}
    into: dict[str, list[Edge]] = defaultdict(list)
    for edge in view.edges:
        into[edge.target].append(edge)
    parent_edge: dict[str, Edge] = {}
    for doc in ordered:
        earlier = [e for e in into[doc] if e.source in place and place[e.source] < place[doc]]
        if earlier:
            parent_edge[doc] = min(earlier, key=lambda e: (-e.shared, e.drifted, place[e.source]))
    children: dict[str, list[str]] = defaultdict(list)
    for doc in ordered:
        if doc in parent_edge:
            children[parent_edge[doc].source].append(doc)
    rows: list[TreeRow] = []
    stack = [(doc, 0) for doc in reversed(ordered) if doc not in parent_edge]
    while stack:
        doc, depth = stack.pop()
        rows.append(TreeRow(doc, depth, parent_edge.get(doc)))
        stack.extend((child, depth + 1) for child in reversed(children[doc]))
    return rows


ROW_HEIGHT = 24  # one document per row of the spread tree: labels never overlap
INDENT = 26  # per level of the tree


def _graph(view: StoryView) -> str:
    """The spread as an indented tree: every document on a row of its own, under the document it took from,
    an arrow from the source to the taker; the numbers on the taker's row (statements taken, how many
    changed), so that no label sits on a line or on another label."""
    info = {d.doc: d for d in view.documents}
    rows = spread_tree(view)
    shown = rows[:GRAPH_NODES]
    row_of = {r.doc: n for n, r in enumerate(shown)}
    height = ROW_HEIGHT * len(shown) + 16
    width = 720
    out = ["<figure class='graph'><figcaption><h3>Spread</h3>"]
    roots = sum(1 for r in rows if not r.parent)
    out.append(
        f"<p>{counted(len(rows), 'document')} share statements. Each sits under the document it took most of them "
        "from (an arrow from source to taker), with how many it took and, <span class='drift'>in red</span>, how "
        "many it changed; a document that took from none before it starts a tree of its own"
        + (f" ({roots} here)" if roots > 1 else "")
        + ". The outlined node is the story's main origin"
        + (f"; {counted(len(rows) - len(shown), 'more document')} left out." if len(rows) > len(shown) else ".")
        + "</p></figcaption>"
    )
    out.append(
        f"<svg class='tree' viewBox='0 0 {width} {height}' role='img' "
        f"aria-label='Spread tree of {_e(view.row.title)}'>"
        "<defs><marker id='arrow' viewBox='0 0 8 8' refX='7' refY='4' markerWidth='7' markerHeight='7' "
        "orient='auto'><path d='M0,0 L8,4 L0,8 z' class='arrowhead'/></marker>"
        "<marker id='arrow-drift' viewBox='0 0 8 8' refX='7' refY='4' markerWidth='7' markerHeight='7' "
        "orient='auto'><path d='M0,0 L8,4 L0,8 z' class='arrowhead drifted'/></marker></defs>"
    )

    def point(n: int, depth: int) -> tuple[float, float]:
        return 14 + depth * INDENT, 14 + n * ROW_HEIGHT

    for n, r in enumerate(shown):
        if r.edge is None or r.parent not in row_of:
            continue
        (px, py), (x, y) = point(row_of[r.parent], shown[row_of[r.parent]].depth), point(n, r.depth)
        css, marker = ("edge drifted", "arrow-drift") if r.edge.drifted else ("edge", "arrow")
        tip = f"{_e(r.parent)} → {_e(r.doc)}: {r.edge.shared} statements, {r.edge.drifted} changed"
        out.append(f"<path class='edge' d='M{px:.1f},{py + 7:.1f} V{y:.1f}'/>")  # the trunk, shared by siblings
        out.append(
            f"<path class='{css}' d='M{px:.1f},{y:.1f} H{x - 8:.1f}' marker-end='url(#{marker})'>"
            f"<title>{tip}</title></path>"
        )
    for n, r in enumerate(shown):
        x, y = point(n, r.depth)
        d = info.get(r.doc)
        css = "node origin" if r.doc == view.center else ("node source" if view.origin_of[r.doc] else "node")
        copies = view.sources.get(r.doc)
        tip = f"{r.doc} · {d.outlet if d and d.outlet else 'outlet unknown'} · {d.published if d else ''}"
        tip += f" · origin of {view.origin_of[r.doc]}, carries {view.carried[r.doc]}"
        if copies and copies.copies_from:
            tip += f" · copies {copies.copies_from}"
        taken = ""
        if r.edge is not None:
            taken = f" <tspan class='weight'>took {r.edge.shared}</tspan>"
            if r.edge.drifted:
                taken += f" <tspan class='weight drift'>{r.edge.drifted} changed</tspan>"
        when = f" <tspan class='weight'>{_e(d.published[:10])}</tspan>" if d and d.published else ""
        out.append(
            f"<g class='{css}'><circle cx='{x:.1f}' cy='{y:.1f}' r='{7 if r.doc == view.center else 5}'>"
            f"<title>{_e(tip)}</title></circle><text x='{x + 12:.1f}' y='{y + 4:.1f}'>"
            f"{_e(_label(d, r.doc))}{when}{taken}</text></g>"
        )
    out.append("</svg>")
    out.append("<details><summary>The tree as a table</summary><table><thead><tr><th>document</th>")
    out.append("<th>took from</th><th>statements</th><th>changed</th></tr></thead><tbody>")
    for r in rows[: GRAPH_NODES * 4]:
        shared, drifted = (r.edge.shared, r.edge.drifted) if r.edge else ("", "")
        out.append(
            f"<tr><td>{_e(r.doc)}</td><td>{_e(r.parent or '(none before it)')}</td><td>{shared}</td>"
            f"<td>{drifted}</td></tr>"
        )
    out.append("</tbody></table></details></figure>")
    return "".join(out)


MATRIX_MIN_DOCUMENTS = 10  # stories larger than this get a statement x document matrix
MATRIX_ROWS = 15  # the most carried statements
MATRIX_COLUMNS = 40  # documents, in order of publication


def _matrix(view: StoryView, clusters: list[Cluster]) -> str:
    """Which document carries which of the story's most carried statements, documents in time order: the
    origin's cell, a copy's, a changed copy's, or nothing. For a story too large to read as a tree alone."""
    rows = [c for c in clusters if c.kind != "figure"][:MATRIX_ROWS]  # a changed figure shows in its statement
    if len(view.documents) <= MATRIX_MIN_DOCUMENTS or not rows:
        return ""
    carrying = {m.doc for c in rows for m in c.members}
    columns = [d for d in view.documents if d.doc in carrying][:MATRIX_COLUMNS]
    out = ["<section class='matrix'><h3>Who carries what</h3>"]
    out.append(
        f"<p>The {counted(len(rows), 'most carried statement')} (rows) in "
        f"{counted(len(columns), 'document')} (columns, in order of publication; numbered, the key below): "
        "<span class='cell origin'>●</span> origin, <span class='cell same'>■</span> carried, "
        "<span class='cell changed'>◆</span> carried changed, <span class='cell none'>·</span> absent.</p>"
    )
    out.append("<div class='scroll'><table class='grid'><thead><tr><th>statement</th>")
    for n, d in enumerate(columns, 1):
        out.append(f"<th title='{_e(d.outlet or d.doc)} {_e(d.published)}'>{n}</th>")
    out.append("</tr></thead><tbody>")
    for cluster in rows:
        members = {m.doc: m for m in cluster.members}
        text = one_line(cluster.origin.readable)
        out.append(
            f"<tr><th scope='row' title='{_e(text)}'>{_e(text[:80] + ('…' if len(text) > 80 else ''))} "
            f"<span class='muted'>({cluster.documents})</span></th>"
        )
        for d in columns:
            m = members.get(d.doc)
            if m is None:
                out.append("<td class='cell none'>·</td>")
            elif m.role == "origin":
                out.append(f"<td class='cell origin' title='origin: {_e(d.doc)}'>●</td>")
            elif m.flags:
                out.append(f"<td class='cell changed' title='{_e(m.flags.replace(';', ', '))}'>◆</td>")
            else:
                out.append(f"<td class='cell same' title='{_e(m.relation)}'>■</td>")
        out.append("</tr>")
    out.append("</tbody></table></div><ol class='key'>")
    for d in columns:
        outlet = f"<b>{_e(d.outlet)}</b> " if d.outlet else ""
        out.append(f"<li>{outlet}<code>{_e(d.doc)}</code> {_e(d.published or 'undated')}</li>")
    out.append("</ol></section>")
    return "".join(out)


_RELATION_TRUST = {"verbatim": 1.0, "partial": 0.8, "paraphrase": 0.6}


def link_trust(cluster: Cluster) -> float:
    """How sure the link of a drift card is (0-1): its changed versions' mean closeness to the origin; a card
    of copies whose one number changed is surer than one of loose paraphrases."""
    changed = [m for m in cluster.members[1:] if m.flags] or cluster.members[1:]
    if not changed:
        return 1.0
    return sum(_RELATION_TRUST.get(m.relation, 0.6) for m in changed) / len(changed)


def _timeline(view: StoryView) -> str:
    dated = [d for d in view.documents if d.published]
    undated = [d for d in view.documents if not d.published]
    out = ["<section class='timeline'><h3>Timeline</h3>"]
    out.append("<p>Each document's version in order of publication.</p><ol class='lane'>")
    for d in dated[:TIMELINE_ROWS]:
        out.append(_timeline_row(view, d, d.published))
    out.append("</ol>")
    if undated:
        out.append(f"<h4>Undated ({len(undated)})</h4><ol class='lane undated'>")
        for d in undated[: max(0, TIMELINE_ROWS - len(dated))] or undated[:20]:
            out.append(_timeline_row(view, d, "no date"))
        out.append("</ol>")
    left = len(view.documents) - TIMELINE_ROWS
    if left > 0:
        out.append(
            f"<p class='muted'>{counted(left, 'more document')}: <code>provenance sources --story {_e(view.row.story)}</code></p>"
        )
    out.append("</section>")
    return "".join(out)


def _timeline_row(view: StoryView, d: DocumentInfo, when: str) -> str:
    source = view.sources.get(d.doc)
    notes = []
    if d.doc == view.center:
        notes.append("<span class='badge origin'>main origin</span>")
    if view.origin_of[d.doc]:
        notes.append(f"origin of {view.origin_of[d.doc]} shared statements")
    if view.carried[d.doc]:
        notes.append(f"carries {view.carried[d.doc]}")
    if source and source.copies_from:
        notes.append(f"copies <b>{_e(source.copies_from)}</b> ({source.copied_share:.0%} of its claims)")
    drifted = sum(e.drifted for e in view.edges if e.target == d.doc)
    if drifted:
        notes.append(f"<span class='drift'>{drifted} changed</span>")
    title = f" — {_e(d.title)}" if d.title else ""
    return (
        f"<li><time>{_e(when)}</time> <b>{_e(d.outlet or d.doc)}</b> {_doc_link(d.path, d.doc)}{title}"
        f"<br><span class='muted'>{' · '.join(notes) or 'shares nothing with the others'}</span></li>"
    )


def _cards(view: StoryView, evidence: dict[tuple[str, int, int], str]) -> str:
    paths = {d.doc: d.path for d in view.documents}
    out = ["<section class='cards'><h3>How statements changed</h3>"]
    if not view.flagged:
        out.append("<p>No shared statement of this story changed between outlets.</p></section>")
        return "".join(out)
    out.append(
        "<p>Each card: the origin's version, then every version that differs from it, the changed words marked.</p>"
    )
    for cluster in view.flagged:
        origin = cluster.origin
        flags = sorted({f for m in cluster.members for f in m.flags.split(";") if f})
        out.append(f"<article class='card' id='{_e(cluster.cluster_id)}'>")
        out.append(
            f"<h4>{' '.join(_badge(f) for f in flags)} <span class='muted'>{_e(cluster.kind)} carried by "
            f"{counted(cluster.documents, 'document')} · <code>{_e(cluster.cluster_id)}</code></span></h4><div class='versions'>"
        )
        out.append(_version(origin, origin, evidence, paths, is_origin=True))
        changed = [m for m in cluster.members[1:] if m.flags]
        for member in changed[:VERSIONS_PER_CARD]:
            out.append(_version(origin, member, evidence, paths, is_origin=False))
        out.append("</div>")
        notes = []
        if len(changed) > VERSIONS_PER_CARD:
            notes.append(f"{len(changed) - VERSIONS_PER_CARD} more changed versions")
        same = len(cluster.members) - 1 - len(changed)
        if same:
            notes.append(f"{counted(same, 'more document')} {'carries' if same == 1 else 'carry'} it unchanged")
        if notes:
            every = (
                f"every version: <code>provenance trace</code> or <code>clusters --story {_e(view.row.story)}</code>"
            )
            out.append(f"<p class='muted'>{'; '.join(notes)} ({every}).</p>")
        out.append("</article>")
    out.append("</section>")
    return "".join(out)


def _badge(flag: str) -> str:
    return f"<span class='badge {flag}'>{_e(flag.replace('_', ' '))}</span>"


def _version(
    origin: ClusterMember,
    member: ClusterMember,
    evidence: dict[tuple[str, int, int], str],
    paths: dict[str, str],
    *,
    is_origin: bool,
) -> str:
    text = one_line(member.readable)
    marked = _marked(origin.readable, text) if not is_origin else _e(text)
    cue = f" <span class='muted'>({_e(member.cue)})</span>" if member.cue else ""
    who = f"{_e(member.speaker_name)}{cue}" if member.speaker_name else "<i>no attribution</i>"
    flags = " ".join(_badge(f) for f in member.flags.split(";") if f)
    role = "origin" if is_origin else "changed"
    return (
        f"<div class='version {role}'><p class='where'><b>{_e(member.outlet or member.doc)}</b> "
        f"{_doc_link(paths.get(member.doc, ''), member.doc, f' [{member.start}:{member.end}]')} "
        f"{_e(member.published)} {flags}</p>"
        f"<p class='who'>{who}</p><blockquote>{marked}</blockquote>"
        f"{_context(member, evidence)}</div>"
    )


def _doc_link(path: str, name: str, where: str = "") -> str:
    """The document's name (and offsets) as a link to the file or page it was read from."""
    label = f"<code>{_e(name)}{_e(where)}</code>"
    if path.lower().startswith(("http://", "https://")):
        href = path
    elif path and path != "-" and (relative := _below_here(path)) is not None:
        href = relative  # a relative link: the report names no folder of the user's machine
    else:
        return label
    return f"<a href='{_e(href)}'>{label}</a>"


def _context(member: ClusterMember, evidence: dict[tuple[str, int, int], str]) -> str:
    sentence = evidence.get((member.doc, member.start, member.end)) or member.context
    if not sentence or one_line(sentence) in (one_line(member.text), one_line(member.readable)):
        return ""
    return f"<p class='context'><span class='muted'>in context:</span> {_e(one_line(sentence))}</p>"


def _marked(origin: str, text: str) -> str:
    """`text` escaped, with the words that differ from `origin` marked."""
    changes = word_changes(origin, text)
    out, at = [], 0
    for start, end in changes.added:
        out.append(_e(text[at:start]))
        out.append(f"<mark>{_e(text[start:end])}</mark>")
        at = end
    out.append(_e(text[at:]))
    if changes.gone:
        out.append(
            f" <span class='gone' title='words of the origin missing here'>[− {_e(' '.join(changes.gone))}]</span>"
        )
    return "".join(out)


def _who_said_what(view: StoryView, evidence: dict[tuple[str, int, int], str]) -> str:
    out = ["<section class='speakers'><h3>Who said what</h3>"]
    if not view.speakers:
        out.append("<p>No attributed claims in this story.</p></section>")
        return "".join(out)
    out.append("<dl>")
    for speaker, claims in view.speakers:
        out.append(
            f"<dt><b>{_e(speaker.speaker_name)}</b> <span class='badge'>{_e(speaker.speaker_type)}</span> "
            f"<span class='muted'>{counted(speaker.claims, 'claim')} in {counted(speaker.documents, 'document')}</span>"
            "</dt><dd><ul>"
        )
        for claim, carried in claims:
            out.append(
                f"<li>“{_e(one_line(claim.readable))}” <span class='muted'>({_e(claim.cue)}; "
                f"<code>{_e(claim.doc)} [{claim.start}:{claim.end}]</code>; "
                f"carried by {carried} document{'s' if carried != 1 else ''})</span></li>"
            )
        out.append("</ul></dd>")
    out.append("</dl></section>")
    return "".join(out)


def _below_here(path: str) -> str | None:
    """The file's path relative to the folder the report is made in, as a URL path; None for a file outside it
    (linked by name only: a report is made to be shared, and an absolute path tells the reader the user's folders)."""
    try:
        relative = Path(os.path.relpath(Path(path).resolve(), Path.cwd().resolve()))
    except ValueError:  # another drive
        return None
    if relative.parts and relative.parts[0] == "..":
        return None
    return urllib.parse.quote(relative.as_posix())


def _e(text: object) -> str:
    """Text for the page: HTML-escaped, with control characters and bidi overrides shown as escapes (a
    right-to-left override in an article would otherwise reverse the evidence after it)."""
    return html.escape(visible(str(text)), quote=True)


_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="provenance">
<title>provenance report</title>
<style>
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #c7cbd1; --drift: #c5221f; --origin: #1a5fb4; --paper: #fff; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--paper);
  margin: 0 auto; padding: 1rem; max-width: 72rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.35rem; border-top: 3px solid var(--ink);
  padding-top: .8rem; margin-top: 2.5rem; } h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
h4 { font-size: 1rem; margin: 0 0 .5rem; }
code { font-size: .85em; background: #f1f3f4; padding: 0 .2em; border-radius: 3px; word-break: break-all; }
.muted { color: var(--muted); } .drift { color: var(--drift); font-weight: 600; }
.facts { color: var(--muted); }
figure.graph { margin: 0; } figure.graph svg { width: 100%; max-width: 45rem; height: auto; display: block; }
.edge { fill: none; stroke: #9aa0a6; stroke-width: 1.5; }
.edge.drifted { stroke: var(--drift); }
.arrowhead { fill: #9aa0a6; } .arrowhead.drifted { fill: var(--drift); }
tspan.weight { font-size: 10px; fill: var(--muted); } tspan.weight.drift { fill: var(--drift); font-weight: 600; }
.scroll { overflow-x: auto; } table.grid { width: auto; font-size: .8rem; }
table.grid th[scope=row] { font-weight: normal; min-width: 16rem; max-width: 28rem; }
table.grid td, table.grid thead th { text-align: center; padding: .1rem .25rem; }
.cell.origin { color: var(--origin); } .cell.same { color: #5f6368; } .cell.changed { color: var(--drift); }
.cell.none { color: #c7cbd1; } ol.key { columns: 2 18rem; font-size: .85rem; }
.node circle { fill: #fff; stroke: #5f6368; stroke-width: 1.5; } .node text { font-size: 11px; fill: var(--ink); }
.node.source circle { fill: #d2e3fc; stroke: var(--origin); }
.node.origin circle { fill: var(--origin); stroke: #0b3d91; stroke-width: 3; } .node.origin text { font-weight: 700; }
ol.lane { list-style: none; padding-left: 0; border-left: 3px solid var(--line); margin-left: .4rem; }
ol.lane li { padding: .25rem 0 .35rem 1rem; position: relative; }
ol.lane li::before { content: ""; position: absolute; left: -.45rem; top: .65rem; width: .6rem; height: .6rem;
  border-radius: 50%; background: var(--origin); }
ol.lane.undated { border-left-style: dashed; } ol.lane.undated li::before { background: #9aa0a6; }
time { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: .4rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .8rem; margin: 0 0 1rem; break-inside: avoid; }
.versions { display: flex; flex-wrap: wrap; gap: .8rem; }
.version { flex: 1 1 18rem; min-width: 0; border-left: 4px solid var(--line); padding-left: .6rem; }
.version.origin { border-left-color: var(--origin); } .version.changed { border-left-color: var(--drift); }
.version p { margin: .1rem 0; } blockquote { margin: .3rem 0; font-size: 1.02rem; }
mark { background: #fde293; color: inherit; padding: 0 .1em; } .gone { color: var(--drift); font-size: .9em; }
.badge { display: inline-block; font-size: .75rem; border: 1px solid var(--line); border-radius: 3px;
  padding: 0 .35em; margin-right: .2em; background: #f8f9fa; white-space: nowrap; }
.badge.origin { border-color: var(--origin); color: var(--origin); }
.badge.figure_changed, .badge.attribution_dropped, .badge.quote_altered, .badge.speaker_changed {
  border-color: var(--drift); color: var(--drift); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; } td, th { border-bottom: 1px solid var(--line);
  padding: .2rem .4rem; text-align: left; vertical-align: top; }
dt { margin-top: .6rem; } dd { margin-left: 1rem; } dd ul { margin: .2rem 0; padding-left: 1.1rem; }
.context { color: var(--muted); font-size: .92rem; }
nav ol { padding-left: 1.3rem; }
@media (max-width: 40rem) { body { padding: .5rem; font-size: 15px; } .versions { display: block; }
  .version { margin-bottom: .6rem; } }
@media print { body { max-width: none; font-size: 11pt; } h2 { break-before: page; } nav, details { display: none; }
  .card, .version, figure.graph { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
</style></head><body>
"""
