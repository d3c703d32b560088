"""HTML pages: the article's visible text, each character mapped back to its place in the page."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..records import Document
from .metadata import apply_metadata_and_boilerplate, normalize_date

_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "select",
    "template",
    "head",
    "figure",
    "menu",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "br",
    "tr",
    "blockquote",
    "article",
    "section",
    "main",
    "ul",
    "ol",
    "table",
    "pre",
    "dd",
    "dt",
    "hr",
}
_FURNITURE_ATTR = re.compile(
    r"comment|share|social|related|promo|advert|newsletter|footer|nav|menu|sidebar|cookie|subscribe|byline-meta|breadcrumb",
    re.I,
)
# text a reader never sees in place: hover cards and tooltips kept in the page until a pointer rests on
# a name (The Hill's rollover blocks list a politician's latest headlines inside the sentence)
_HIDDEN_CLASS = re.compile(r"(?:^|[\s_-])(?:tooltip|popover|hover-?card|rollover-[\w-]*block|popup)(?:$|[\s_-])", re.I)
_VOID_TAGS = {
    "br",
    "hr",
    "img",
    "meta",
    "link",
    "input",
    "source",
    "wbr",
    "area",
    "base",
    "col",
    "embed",
    "param",
    "track",
}


_INVISIBLE_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "select", "button"}
# never article text, whatever an extractor says: the page's navigation, footer and side panels
_NOT_ARTICLE_TAGS = {"nav", "footer", "aside"}
BREAK = "\x00"  # a block boundary in the chunk list (a text node may itself begin with a newline)


class _MainTextParser(HTMLParser):
    """Collects visible text chunks with their source offsets; with `furniture`, skips page furniture too."""

    def __init__(self, raw: str, *, furniture: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self.furniture = furniture
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipping, inside_main)
        self.depths: dict[str, list[int]] = {}  # tag -> the stack depths where it is open, innermost last
        self.steps = 0  # stack entries opened and closed: the work of tracking tags, linear in the tags read
        self.chunks: list[tuple[str, int, bool]] = []  # (text, raw offset, inside article/main)
        self.meta: dict[str, str] = {}
        self.has_main = False
        self.title = ""
        self._in_title = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _inside_main(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and values.get("content"):
                self.meta[key] = values["content"] or ""
            return
        if tag == "title":
            self._in_title = True
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self.chunks.append((BREAK, self._offset(), self._inside_main()))
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        hidden = (
            "hidden" in values
            or (values.get("aria-hidden") or "").lower() == "true"
            or bool(_HIDDEN_CLASS.search(values.get("class") or ""))
        )
        if hidden and tag not in ("html", "body"):
            self._open(tag, True, self._inside_main())
            return
        if self.furniture:
            skipping = self._skipping() or tag in _SKIP_TAGS or bool(marker and _FURNITURE_ATTR.search(marker))
        else:
            skipping = self._skipping() or tag in _INVISIBLE_TAGS or tag in _NOT_ARTICLE_TAGS
        main = self._inside_main() or tag in ("article", "main") or "articlebody" in marker.lower()
        if tag in ("article", "main"):
            self.has_main = True
        self._open(tag, skipping, main)
        if tag in _BLOCK_TAGS:
            self.chunks.append((BREAK, self._offset(), main))

    def _open(self, tag: str, skipping: bool, main: bool) -> None:
        self.depths.setdefault(tag, []).append(len(self.stack))
        self.stack.append((tag, skipping, main))
        self.steps += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        open_at = self.depths.get(tag)
        if not open_at:
            return  # an end tag nothing opened: found through the index, not by scanning the stack
        depth = open_at[-1]
        main = self.stack[depth][2]
        for closed, _, _ in reversed(self.stack[depth:]):  # the tag and what it left open inside it
            self.depths[closed].pop()
            self.steps += 1
        del self.stack[depth:]
        if tag in _BLOCK_TAGS:
            self.chunks.append((BREAK, self._offset(), main))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skipping() or not data:
            return
        self.chunks.append((data, self._offset(), self._inside_main()))


def html_document(raw: str, *, doc: str, path: str, encoding: str = "utf-8") -> Document:
    """An HTML page reduced to its article text, each character mapped back into the page.

    trafilatura decides what is article text; this module's own parser says where each
    visible character stands in the page. The article's words are aligned onto the
    page's visible text, and everything else is blanked out (positions kept), so every
    claim still carries offsets into the file as read. Pages trafilatura reads nothing
    from fall back to the parser's own furniture rules.
    """
    parser = _parse(raw, furniture=False)
    text, offsets = _visible(raw, parser, main_only=False)
    article = _article_text(raw)
    kept = _align(text, article) if article else None
    if not kept:
        fallback = _parse(raw, furniture=True)
        text, offsets = _visible(raw, fallback, main_only=fallback.has_main)
    else:
        text = "".join(ch if ch == "\n" or keep else " " for ch, keep in zip(text, kept))
    document = Document(doc=doc, path=path, raw=raw, text=text, encoding=encoding, offsets=offsets)
    apply_metadata_and_boilerplate(document)
    _metadata(document, raw, parser)
    return document


def _parse(raw: str, *, furniture: bool) -> _MainTextParser:
    parser = _MainTextParser(raw, furniture=furniture)
    try:
        parser.feed(raw)
        parser.close()
    except Exception:  # malformed markup: keep what was parsed so far
        pass
    return parser


def _visible(raw: str, parser: _MainTextParser, *, main_only: bool) -> tuple[str, list[int]]:
    """The page's visible text (blocks separated by blank lines) and each character's offset in `raw`."""
    chars: list[str] = []
    offsets: list[int] = []
    for data, offset, main in parser.chunks:
        if main_only and not main:
            continue
        if data == BREAK:
            if chars and chars[-1] != "\n":
                chars.extend("\n\n")
                offsets.extend([offset, offset])
            continue
        positions = _char_offsets(raw, offset, data)
        for i, ch in enumerate(data):
            if ch.isspace():  # whitespace runs read as one space (indexes stay those of `data`)
                if not chars or chars[-1] in " \n":
                    continue
                ch = " "
            chars.append(ch)
            offsets.append(positions[i])
    return "".join(chars), offsets


_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def _char_offsets(raw: str, offset: int, data: str) -> list[int]:
    """Where each character of a decoded text chunk stands in the page: a character decoded from an
    entity ("&amp;" -> "&") points at the entity's "&"; every other character at itself."""
    positions: list[int] = []
    pos = offset
    while len(positions) < len(data) and pos < len(raw):
        if raw[pos] == "&" and (entity := _ENTITY.match(raw, pos)):
            decoded = html.unescape(entity.group(0))
            if decoded != entity.group(0) and data.startswith(decoded, len(positions)):
                positions.extend([pos] * len(decoded))
                pos = entity.end()
                continue
        if raw[pos] != data[len(positions)]:
            break  # the chunk is not where we thought: fall back to the proportional map below
        positions.append(pos)
        pos += 1
    if len(positions) == len(data):
        return positions
    source_len = _source_length(raw, offset, data)
    return [offset + min(i, max(0, source_len - 1)) for i in range(len(data))]


def missing_dependency(err: ImportError) -> str:
    """One line for an HTML reader that cannot be imported: which module, and the remedy."""
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    return f"cannot read HTML: a dependency is missing ({first}); reinstall provenance with its dependencies"


def _article_text(raw: str) -> str:
    """The article's main text as trafilatura reads it ("" when it finds none)."""
    import trafilatura

    try:
        found = trafilatura.extract(raw, include_comments=False, include_tables=False, deduplicate=False)
    except Exception:  # noqa: BLE001 - an extractor failure on one page falls back to our own rules
        return ""
    return found or ""


_ALIGN_WORD = re.compile(r"\w+")
_MIN_BLOCK_WORDS = 3  # shorter agreements between page and article text are coincidence
_MAX_GLUED_WORDS = 4


def _inside_in_order(words: list[str], joined: str) -> bool:
    at = 0
    for word in words:
        found = joined.find(word, at)
        if found < 0:
            return False
        at = found + len(word)
    return True


_ALIGN_BUDGET = 4_000_000  # word pairs one piece may weigh in an exact comparison


def _anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Positions (i, j) of words found once in each sequence, with a neighbour that agrees too, kept in the
    longest chain that rises in both (patience diff's anchors): where the two texts surely correspond."""
    once_a = _once(a)
    once_b = _once(b)
    pairs = sorted(
        (i, once_b[w])
        for w, i in once_a.items()
        if w in once_b
        and (
            (i + 1 < len(a) and once_b[w] + 1 < len(b) and a[i + 1] == b[once_b[w] + 1])
            or (i > 0 and once_b[w] > 0 and a[i - 1] == b[once_b[w] - 1])
        )
    )
    # longest increasing subsequence of j over pairs sorted by i, by patience sorting
    tails: list[int] = []  # tails[k]: index into pairs of the smallest j ending a chain of length k + 1
    back: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = _bisect_tails(pairs, tails, j)
        if k > 0:
            back[n] = tails[k - 1]
        if k == len(tails):
            tails.append(n)
        else:
            tails[k] = n
    chain: list[tuple[int, int]] = []
    at = tails[-1] if tails else -1
    while at >= 0:
        chain.append(pairs[at])
        at = back[at]
    return chain[::-1]


def _bisect_tails(pairs: list[tuple[int, int]], tails: list[int], j: int) -> int:
    """The first chain length whose smallest ending j is not below `j`."""
    low, high = 0, len(tails)
    while low < high:
        mid = (low + high) // 2
        if pairs[tails[mid]][1] < j:
            low = mid + 1
        else:
            high = mid
    return low


def _once(words: list[str]) -> dict[str, int]:
    seen: dict[str, int] = {}
    twice: set[str] = set()
    for i, w in enumerate(words):
        if w in seen:
            twice.add(w)
        else:
            seen[w] = i
    return {w: i for w, i in seen.items() if w not in twice}


def matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Runs of equal words (i, j, size), as difflib finds them, in time near-linear in the words: the two
    sequences are cut at their anchors (`_anchors`) and each piece is compared on its own, exactly; a piece
    still too large for that (a page of one word repeated) is compared with difflib's popular-word heuristic."""
    import difflib

    blocks: list[tuple[int, int, int]] = []
    start_a = start_b = 0
    for i, j in [*_anchors(a, b), (len(a), len(b))]:
        piece_a, piece_b = a[start_a:i], b[start_b:j]
        if piece_a and piece_b:
            heuristic = len(piece_a) * len(piece_b) > _ALIGN_BUDGET
            matcher = difflib.SequenceMatcher(None, piece_a, piece_b, autojunk=heuristic)
            blocks += [(start_a + x, start_b + y, n) for x, y, n in matcher.get_matching_blocks() if n]
        if i < len(a):
            blocks.append((i, j, 1))
        start_a, start_b = i + 1, j + 1
    merged: list[tuple[int, int, int]] = []
    for x, y, n in blocks:
        if merged and merged[-1][0] + merged[-1][2] == x and merged[-1][1] + merged[-1][2] == y:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((x, y, n))
    return merged


def _align(text: str, article: str) -> list[bool] | None:
    """Which characters of the page's visible text belong to the article text (None: no agreement)."""
    page_words = [(m.start(), m.end(), m.group(0)) for m in _ALIGN_WORD.finditer(text)]
    article_words = _ALIGN_WORD.findall(article)
    if not page_words or not article_words:
        return None
    kept = [False] * len(text)
    any_kept = False
    blocks = [
        (x, y, n)
        for x, y, n in matching_blocks([w for _, _, w in page_words], article_words)
        if n >= _MIN_BLOCK_WORDS or n >= len(article_words) > 0
    ]
    for (a1, b1, n1), (a2, b2, _) in zip(blocks, blocks[1:]):
        # words the extractor glued to hidden text ("Ortiz" + a hover card's "Ortiz says ..." read as
        # "OrtizOrtiz"): a short gap whose page words stand, in order, inside the article's gap words
        if 0 < a2 - (a1 + n1) <= _MAX_GLUED_WORDS and _inside_in_order(
            [w for _, _, w in page_words[a1 + n1 : a2]], "".join(article_words[b1 + n1 : b2])
        ):
            blocks.append((a1 + n1, b1 + n1, a2 - (a1 + n1)))
    for a, _, size in blocks:
        start = page_words[a][0]
        end = page_words[a + size - 1][1]
        while start > 0 and not text[start - 1].isspace():
            start -= 1  # an opening quote or bracket before the first word
        while end < len(text) and not text[end].isspace():
            end += 1  # the full stop or closing quote after the last word
        for i in range(start, end):
            kept[i] = True
        any_kept = True
    if not any_kept:
        return None
    # spaces between kept stretches of one paragraph stay, so sentences hold together
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1 and kept[i - 1] and kept[i + 1]:
            kept[i] = True
    return kept


def _metadata(document: Document, raw: str, parser: _MainTextParser) -> None:
    """Title, outlet, byline, url and date from the page (JSON-LD, Open Graph, meta tags), via trafilatura."""
    meta = parser.meta
    found = None
    try:
        import trafilatura

        found = trafilatura.extract_metadata(raw)
    except Exception:  # noqa: BLE001 - metadata is optional; the page's own meta tags remain
        found = None
    title = (found.title if found else None) or meta.get("og:title") or parser.title
    document.title = re.sub(r"\s+", " ", title or "").strip() or None
    document.outlet = document.outlet or (found.sitename if found else None) or meta.get("og:site_name") or None
    document.byline = document.byline or (found.author if found else None) or meta.get("author") or None
    document.url = (found.url if found else None) or meta.get("og:url") or None
    if found and found.date:
        document.published = document.published or found.date[:10]
    for key in ("article:published_time", "date", "pubdate", "publishdate", "dc.date"):
        if not document.published and meta.get(key):
            document.published = normalize_date(meta[key])


def _source_length(raw: str, offset: int, data: str) -> int:
    """How many raw characters a decoded text chunk took (differs when it held entities)."""
    if raw.startswith(data, offset):
        return len(data)
    nxt = raw.find("<", offset)
    return (nxt if nxt >= 0 else len(raw)) - offset
