"""`provenance report`: one self-contained HTML file that shows how each story spread.

For each story (most widely carried first): a spread graph (documents as nodes, an
edge from the origin of each shared statement to every document carrying it, red
where the copy drifted), a timeline of the versions in order of publication (undated
ones in a lane of their own), drift cards (the origin's version beside each changed
one, the changed words marked) and who said what. Every statement shown names its
document and offsets and quotes the sentence around it, so the evidence can be read
without the archive.

The file is static: drawings are inline SVG made here, there is no script at all, and
a Content-Security-Policy forbids any (article text is escaped as well). It opens from
a USB stick, reads in a narrow window and prints. Beyond what a person can read, it
summarizes (limits below) and says what it left out.
"""

from __future__ import annotations

import difflib
import html
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .queries import SourceRow, SpeakerRow, StoryRow, sources, speakers, stories
from .records import Claim, Cluster, ClusterMember, DocumentInfo, one_line
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
    said: list[tuple[SpeakerRow, list[tuple[Claim, int]]]] = []
    for speaker in speaker_rows:
        variants = set(speaker.names_as_written.split(";"))
        theirs = [c for c in story_claims if c.speaker in variants and c.speaker_type == speaker.speaker_type]
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
        flagged=[c for c in clusters if c.flagged][:CARDS_PER_STORY],
        speakers=said,
        origin_of=origin_of,
        carried=carried,
    )


# ---------------------------------------------------------------- HTML


def write_report(results: Results, path: Path, *, story: str = "") -> Path:
    """Build the report and write it to `path` (UTF-8); returns the path."""
    views, listed, documents = build(results, story=story)
    evidence = _evidence(results)
    path.write_text(render(views, listed, documents, evidence), encoding="utf-8")
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
        f"<p>{_count(documents, 'document')} in {_count(stories_total, 'story', 'stories')}. "
        "Stories are shown most widely carried first"
        + (f"; the first {len(views)} in full." if listed else ".")
        + "</p>"
    )
    if views:
        parts.append("<nav aria-label='Stories'><ol>")
        for view in views:
            parts.append(
                f"<li><a href='#{_e(view.row.story)}'>{_e(view.row.title or view.row.story)}</a> "
                f"<span class='muted'>({_count(view.row.documents, 'document')})</span></li>"
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
        f"<p class='facts'><code>{_e(row.story)}</code> · {row.documents} documents · "
        f"{len(row.outlets.split(';')) if row.outlets else 0} named outlets · {_e(span)} · "
        f"{row.claims} claims · {row.figures} figures · {len(view.flagged)} drifted statements shown</p>"
    )
    out.append(_graph(view))
    out.append(_timeline(view))
    out.append(_cards(view, evidence))
    out.append(_who_said_what(view, evidence))
    out.append("</section>")
    return "".join(out)


def _label(doc: DocumentInfo | None, name: str) -> str:
    return (doc.outlet if doc and doc.outlet else name)[:24]


def _graph(view: StoryView) -> str:
    """The spread as a wheel: the story's main origin in the middle, the other documents around it
    in order of publication; an edge per (origin, carrier) pair, as thick as the statements shared."""
    info = {d.doc: d for d in view.documents}
    weight: Counter[str] = Counter()
    for edge in view.edges:
        weight[edge.source] += edge.shared
        weight[edge.target] += edge.shared
    linked = [d for d in info if weight[d] or d == view.center]
    shown = set(sorted(linked, key=lambda d: (-weight[d], d))[:GRAPH_NODES])
    shown.add(view.center)
    ring = [d.doc for d in view.documents if d.doc in shown and d.doc != view.center]
    size, middle, radius = 640, 320.0, 250.0
    position: dict[str, tuple[float, float]] = {view.center: (middle, middle)}
    for n, doc in enumerate(ring):
        angle = 2 * math.pi * n / max(len(ring), 1) - math.pi / 2
        position[doc] = (middle + radius * math.cos(angle), middle + radius * math.sin(angle))
    out = ["<figure class='graph'><figcaption><h3>Spread</h3>"]
    out.append(
        f"<p>{len(linked)} documents share statements; each line runs from the origin of shared statements to "
        "a document carrying them, thicker for more, with their number; <span class='drift'>red dashes</span> "
        "where a copy changed some of them. The outlined node is the story's main origin"
        + (f"; {len(linked) - len(shown)} less connected documents are left out." if len(linked) > len(shown) else ".")
        + "</p></figcaption>"
    )
    out.append(f"<svg viewBox='0 0 {size} {size}' role='img' aria-label='Spread graph of {_e(view.row.title)}'>")
    labels = []
    for edge in view.edges:
        if edge.source not in position or edge.target not in position:
            continue
        (x1, y1), (x2, y2) = position[edge.source], position[edge.target]
        # edges between two outer documents bow aside, so that they do not run through the middle
        bow = 0.0 if view.center in (edge.source, edge.target) else 0.22
        cx, cy = (x1 + x2) / 2 - bow * (y2 - y1), (y1 + y2) / 2 + bow * (x2 - x1)
        width = 1 + 1.5 * math.log(edge.shared, 2) if edge.shared > 1 else 1
        tip = f"{_e(edge.source)} → {_e(edge.target)}: {edge.shared} statements, {edge.drifted} changed"
        css = "edge drifted" if edge.drifted else "edge"
        out.append(
            f"<path class='{css}' d='M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}' "
            f"stroke-width='{width:.1f}'><title>{tip}</title></path>"
        )
        lx, ly = 0.2 * x1 + 0.5 * cx + 0.3 * x2, 0.2 * y1 + 0.5 * cy + 0.3 * y2
        label = f"{edge.shared}" + (f" ({edge.drifted} changed)" if edge.drifted else "")
        labels.append(f"<text class='weight' x='{lx:.1f}' y='{ly:.1f}' text-anchor='middle'>{_e(label)}</text>")
    out.extend(labels)
    for doc, (x, y) in position.items():
        d = info.get(doc)
        css = "node origin" if doc == view.center else ("node source" if view.origin_of[doc] else "node")
        radius_node = 14 if doc == view.center else 7
        copies = view.sources.get(doc)
        tip = f"{doc} · {d.outlet if d and d.outlet else 'outlet unknown'} · {d.published if d else ''}"
        tip += f" · origin of {view.origin_of[doc]}, carries {view.carried[doc]}"
        if copies and copies.copies_from:
            tip += f" · copies {copies.copies_from}"
        anchor = "end" if x < middle - 1 else "start"
        dx = -12 if anchor == "end" else 12
        out.append(
            f"<g class='{css}'><circle cx='{x:.1f}' cy='{y:.1f}' r='{radius_node}'><title>{_e(tip)}</title></circle>"
            f"<text x='{x + (0 if doc == view.center else dx):.1f}' y='{y + (30 if doc == view.center else 4):.1f}' "
            f"text-anchor='{'middle' if doc == view.center else anchor}'>{_e(_label(d, doc))}</text></g>"
        )
    out.append("</svg>")
    out.append("<details><summary>The graph as a table</summary><table><thead><tr><th>origin</th><th>carried by</th>")
    out.append("<th>statements</th><th>changed</th></tr></thead><tbody>")
    for edge in view.edges[: GRAPH_NODES * 4]:
        out.append(
            f"<tr><td>{_e(edge.source)}</td><td>{_e(edge.target)}</td><td>{edge.shared}</td><td>{edge.drifted}</td></tr>"
        )
    out.append("</tbody></table></details></figure>")
    return "".join(out)


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
            f"<p class='muted'>{left} more documents: <code>provenance sources --story {_e(view.row.story)}</code></p>"
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
            f"{cluster.documents} documents · <code>{_e(cluster.cluster_id)}</code></span></h4><div class='versions'>"
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
            notes.append(f"{same} more documents carry it unchanged")
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
    elif path and path != "-":
        href = Path(path).resolve().as_uri()
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
    words = [(m.start(), m.end(), m.group(0).lower()) for m in re.finditer(r"\w+", text)]
    base = [w.lower() for w in re.findall(r"\w+", origin)]
    matcher = difflib.SequenceMatcher(a=base, b=[w for _, _, w in words], autojunk=False)
    changed: list[tuple[int, int]] = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed.extend((s, e) for s, e, _ in words[j1:j2])
    out, at = [], 0
    for start, end in changed:
        out.append(_e(text[at:start]))
        out.append(f"<mark>{_e(text[start:end])}</mark>")
        at = end
    out.append(_e(text[at:]))
    gone = [w for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("delete", "replace") for w in base[i1:i2]]
    if gone:
        out.append(f" <span class='gone' title='words of the origin missing here'>[− {_e(' '.join(gone))}]</span>")
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
            f"<span class='muted'>{speaker.claims} claims in {speaker.documents} documents</span></dt><dd><ul>"
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


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


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
figure.graph { margin: 0; } figure.graph svg { width: 100%; max-width: 40rem; height: auto; display: block;
  margin: 0 auto; }
.edge { fill: none; stroke: #9aa0a6; stroke-opacity: .85; }
.edge.drifted { stroke: var(--drift); stroke-dasharray: 7 4; }
text.weight { font-size: 10px; fill: var(--muted); paint-order: stroke; stroke: #fff; stroke-width: 3px; }
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
