"""HTML pages: the article's visible text, each character mapped back to its place in the page."""

from __future__ import annotations

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


class _MainTextParser(HTMLParser):
    """Collects visible text chunks with their source offsets, skipping page furniture."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipping, inside_main)
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
                self.chunks.append(("\n", self._offset(), self._inside_main()))
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skipping = self._skipping() or tag in _SKIP_TAGS or bool(marker and _FURNITURE_ATTR.search(marker))
        main = self._inside_main() or tag in ("article", "main") or "articlebody" in marker.lower()
        if tag in ("article", "main"):
            self.has_main = True
        self.stack.append((tag, skipping, main))
        if tag in _BLOCK_TAGS:
            self.chunks.append(("\n\n", self._offset(), main))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                main = self.stack[depth][2]
                del self.stack[depth:]
                if tag in _BLOCK_TAGS:
                    self.chunks.append(("\n\n", self._offset(), main))
                return

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skipping() or not data:
            return
        self.chunks.append((data, self._offset(), self._inside_main()))


def html_document(raw: str, *, doc: str, path: str, encoding: str = "utf-8") -> Document:
    """An HTML page reduced to its article text, each character mapped back into the page."""
    parser = _MainTextParser(raw)
    try:
        parser.feed(raw)
        parser.close()
    except Exception:  # malformed markup: keep what was parsed so far
        pass
    chars: list[str] = []
    offsets: list[int] = []
    for data, offset, main in parser.chunks:
        if parser.has_main and not main:
            continue
        if data.startswith("\n"):
            if chars and chars[-1] != "\n":
                chars.extend("\n\n")
                offsets.extend([offset, offset])
            continue
        source_len = _source_length(raw, offset, data)
        for i, ch in enumerate(re.sub(r"\s+", " ", data)):
            if ch == " " and (not chars or chars[-1] in " \n"):
                continue
            chars.append(ch)
            offsets.append(
                offset + min(i, source_len - 1) if source_len == len(data) else offset + min(i, max(0, source_len - 1))
            )
    text = "".join(chars)
    document = Document(doc=doc, path=path, raw=raw, text=text, encoding=encoding, offsets=offsets)
    apply_metadata_and_boilerplate(document)
    meta = parser.meta
    document.outlet = document.outlet or meta.get("og:site_name") or None
    document.byline = document.byline or meta.get("author") or meta.get("article:author") or None
    document.url = meta.get("og:url") or None
    document.title = re.sub(r"\s+", " ", meta.get("og:title") or parser.title).strip() or None
    for key in ("article:published_time", "date", "pubdate", "publishdate", "dc.date"):
        if meta.get(key):
            document.published = document.published or normalize_date(meta[key])
            break
    return document


def _source_length(raw: str, offset: int, data: str) -> int:
    """How many raw characters a decoded text chunk took (differs when it held entities)."""
    if raw.startswith(data, offset):
        return len(data)
    nxt = raw.find("<", offset)
    return (nxt if nxt >= 0 else len(raw)) - offset
