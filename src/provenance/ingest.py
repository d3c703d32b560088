"""Reading articles: paths, folders, globs and stdin into `Document` records.

Everything a later stage needs to point back into the file is settled here:
the decoded raw text, the text the pipeline reads (same positions, boilerplate
blanked out), and what the article says about itself (outlet, dateline, date,
byline). Bad input never raises: it becomes an `InputProblem` and the run goes on.
"""

from __future__ import annotations

import codecs
import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from dateutil import parser as dateparser

from .lexicon import lexicon
from .records import Document, InputProblem, Span

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_FOLDER_FILES = 1_000_000


# ---------------------------------------------------------------- reading bytes


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode article bytes: BOMs first, then strict UTF-8, then cp1252, then latin-1.

    Why this order: a BOM is explicit; UTF-8 that validates is almost always
    UTF-8; cp1252 is what Windows newsroom tools write; latin-1 never fails.
    Raises ValueError for binary data (NUL bytes outside a UTF-16 BOM).
    """
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8-sig")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, "replace"), "utf-16")
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters (an image read as cp1252)."""
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / len(sample) > 0.05


# ---------------------------------------------------------------- finding files


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, str] | InputProblem]:
    """Yield (file path, doc name) for each readable file, or a problem per bad path.

    Folders are walked recursively (symlink loops are not followed twice); the
    doc name is the path relative to the folder given, or the file's own name.
    """
    for given in paths:
        if given == "-":
            yield ("-", "-")
            continue
        matches = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
        if not matches:
            yield InputProblem(given, "no file matches this pattern")
            continue
        for path in matches:
            if os.path.isdir(path):
                yield from _walk_folder(path)
            elif os.path.exists(path):
                yield (path, os.path.basename(path))
            elif os.path.islink(path):
                yield InputProblem(path, "broken symbolic link")
            else:
                yield InputProblem(path, "no such file or directory")


def _walk_folder(folder: str) -> Iterator[tuple[str, str] | InputProblem]:
    seen_dirs: set[tuple[int, int]] = set()
    found = 0
    for root, dirs, files in os.walk(folder, followlinks=True):
        try:
            st = os.stat(root)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() not in READABLE_SUFFIXES:
                continue
            path = os.path.join(root, name)
            found += 1
            yield (path, os.path.relpath(path, folder))
    if not found:
        yield InputProblem(folder, "folder holds no readable article files (.txt .md .html .jsonl)")


# ---------------------------------------------------------------- documents


def read_documents(paths: Iterable[str], stdin: bytes | None = None) -> Iterator[Document | InputProblem]:
    """Yield a Document for every article under `paths`, an InputProblem for each failure."""
    for item in expand_paths(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        path, name = item
        try:
            if path == "-":
                data = stdin if stdin is not None else sys.stdin.buffer.read()
            else:
                with open(path, "rb") as handle:
                    data = handle.read()
        except OSError as err:
            yield InputProblem(path, f"cannot read: {err.strerror or err}")
            continue
        yield from documents_from_bytes(data, path=path, name=name)


def documents_from_bytes(data: bytes, *, path: str, name: str) -> Iterator[Document | InputProblem]:
    """Turn one file's bytes into Documents (several for JSONL), or problems."""
    if not data.strip():
        yield InputProblem(path, "empty file")
        return
    try:
        decoded = decode_bytes(data)
    except ValueError as err:
        yield InputProblem(path, str(err))
        return
    if looks_binary(decoded.text):
        yield InputProblem(path, "binary file (control characters), not text")
        return
    if not decoded.text.strip():
        yield InputProblem(path, "file holds only whitespace")
        return
    suffix = Path(name).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(decoded, path)
    elif suffix in HTML_SUFFIXES or (
        path == "-" and decoded.text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
    ):
        yield html_document(decoded.text, doc=name, path=path, encoding=decoded.encoding)
    else:
        yield text_document(decoded.text, doc=name, path=path, encoding=decoded.encoding)


def _jsonl_documents(decoded: Decoded, path: str) -> Iterator[Document | InputProblem]:
    for lineno, line in enumerate(decoded.text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputProblem(where, f"not valid JSON ({err.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputProblem(where, 'each JSONL line needs a "text" string')
            continue
        if not record["text"].strip():
            yield InputProblem(where, "empty text")
            continue
        doc_id = str(record.get("id") or f"{os.path.basename(path)}:{lineno}")
        document = text_document(record["text"], doc=doc_id, path=path, encoding=decoded.encoding)
        for key in ("outlet", "published", "url", "byline"):
            if record.get(key):
                setattr(document, key, str(record[key]))
        yield document


def text_document(raw: str, *, doc: str, path: str, encoding: str = "utf-8") -> Document:
    """A plain-text article: detect metadata, blank out boilerplate, keep positions."""
    document = Document(doc=doc, path=path, raw=raw, text=raw, encoding=encoding)
    _apply_metadata_and_boilerplate(document)
    return document


# ---------------------------------------------------------------- boilerplate and metadata


def known_agencies() -> dict[str, str]:
    """Lower-cased agency name -> canonical spelling, from data/agencies.txt."""
    return lexicon().agencies


# Lines that end the article: everything from here on is page furniture.
_END_OF_ARTICLE = re.compile(
    r"^[ \t]*(published in\b.{0,60}\d{4}|posted in:|blog comments powered by|related (articles|stories|news|coverage)\b"
    r"|more (stories|from)\b|you may also like|recommended for you|copyright\b|\(c\) \d{4}|©|all rights reserved"
    r"|share this (article|story)|sign up for our|follow us on)",
    re.I | re.M,
)
# Single lines of furniture inside the article.
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(advertisement|story continues below|click here to|read more:|subscribe (now|today)|listen to this article"
    r"|by .{2,60}\bsource:.{0,60}published:.*|source:.{2,60}published:.*)[ \t]*$",
    re.I | re.M,
)
_PUBLISHED_IN = re.compile(
    r"^[ \t]*published in (?P<outlet>[A-Z][\w .&'-]{1,40}?), (?P<date>[^\n]{6,40}?)[ \t]*$", re.I | re.M
)
_SOURCE_PUBLISHED = re.compile(
    r"^[ \t]*(?:by (?P<byline>[^\n]{2,60}?)\s+)?source:\s*(?P<outlet>[^\n]{2,60}?)\s+published:\s*(?P<date>[\d/ :-]{8,30})",
    re.I | re.M,
)
_AGENCY_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Za-z][A-Za-z .,'/-]{1,40}?)\s*\(\s*(?P<agency>[A-Za-z][A-Za-z .&-]{1,30}?)\s*\)\s*[-–—:]+\s",
)
_CAPS_DATELINE = re.compile(r"\A\s*(?P<place>[A-Z][A-Z .'-]{2,30})(?:,[^:\n]{0,30})?\s*[:—–-]\s+(?=[A-Z])")
_BYLINE = re.compile(
    r"^[ \t]*by (?P<name>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?: and [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})?)[ \t]*$",
    re.M,
)


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, keeping newlines, so positions stay put."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _normalize_date(value: str) -> str | None:
    value = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.strip())
    try:
        return dateparser.parse(value, fuzzy=True, dayfirst=False).date().isoformat()
    except (ValueError, OverflowError, TypeError):
        return None


def _apply_metadata_and_boilerplate(document: Document) -> None:
    text = document.text
    agencies = known_agencies()
    boilerplate: list[Span] = []

    end = _END_OF_ARTICLE.search(text)
    body_end = end.start() if end else len(text.rstrip())
    if end:
        published = _PUBLISHED_IN.match(text, end.start())
        if published:
            document.outlet = published.group("outlet").strip()
            document.published = _normalize_date(published.group("date"))
        boilerplate.append(Span(end.start(), len(text)))
    for line in _FURNITURE_LINE.finditer(text, 0, body_end):
        boilerplate.append(Span(line.start(), line.end()))
        meta = _SOURCE_PUBLISHED.match(line.group(0))
        if meta:
            document.outlet = document.outlet or meta.group("outlet").strip()
            document.published = document.published or _normalize_date(meta.group("date"))
            if meta.group("byline"):
                document.byline = meta.group("byline").strip()

    head = text[:400]
    dateline = _AGENCY_DATELINE.match(head)
    if dateline and dateline.group("agency").strip().lower() in agencies:
        document.agency = agencies[dateline.group("agency").strip().lower()]
        document.dateline = dateline.group("place").strip()
    else:
        caps = _CAPS_DATELINE.match(head)
        if caps:
            document.dateline = caps.group("place").strip()
    lines = [m for m in re.finditer(r"[^\n]+", head) if m.group(0).strip()]
    if lines and lines[0].group(0).strip().lower() in agencies:
        document.agency = agencies[lines[0].group(0).strip().lower()]
        boilerplate.append(Span(lines[0].start(), lines[0].end()))
        if len(lines) > 1 and re.fullmatch(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}", lines[1].group(0).strip()):
            document.dateline = lines[1].group(0).strip()
            boilerplate.append(Span(lines[1].start(), lines[1].end()))
    if not document.byline:
        byline = _BYLINE.search(head)
        if byline:
            document.byline = byline.group("name")
            boilerplate.append(Span(byline.start(), byline.end()))
    if not document.outlet and document.agency:
        document.outlet = document.agency

    for span in boilerplate:
        text = _blank(text, span.start, span.end)
    document.text = text
    document.boilerplate = sorted(boilerplate, key=lambda s: s.start)
    document.body = Span(0, body_end)


# ---------------------------------------------------------------- HTML

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
    _apply_metadata_and_boilerplate(document)
    meta = parser.meta
    document.outlet = document.outlet or meta.get("og:site_name") or None
    document.byline = document.byline or meta.get("author") or meta.get("article:author") or None
    document.url = meta.get("og:url") or None
    for key in ("article:published_time", "date", "pubdate", "publishdate", "dc.date"):
        if meta.get(key):
            document.published = document.published or _normalize_date(meta[key])
            break
    return document


def _source_length(raw: str, offset: int, data: str) -> int:
    """How many raw characters a decoded text chunk took (differs when it held entities)."""
    if raw.startswith(data, offset):
        return len(data)
    nxt = raw.find("<", offset)
    return (nxt if nxt >= 0 else len(raw)) - offset
