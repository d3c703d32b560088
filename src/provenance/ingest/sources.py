"""Where articles come from: paths, folders, globs, stdin and JSONL lines, into `Document`s.

Bad input never raises: it becomes an `InputProblem` and the run goes on.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..records import Document, InputProblem
from .decode import Decoded, TooLarge, declared_charset, decode_bytes, gunzip, looks_binary
from .fetch import FetchError, PageCache, fetch_cached, is_url
from .html import html_document, missing_dependency
from .metadata import text_document
from .office import docx_text, pdf_text
from .remote import expand_remote, is_remote, open_remote
from .warc import warc_documents

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
OFFICE_SUFFIXES = {".pdf", ".docx"}
WARC_SUFFIXES = {".warc"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | OFFICE_SUFFIXES | WARC_SUFFIXES
READABLE = ".txt .md .html .jsonl .pdf .docx .warc"


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, str] | InputProblem]:
    """Yield (file path, doc name) for each readable file, or a problem per bad path.

    Folders are walked recursively (symlink loops are not followed twice); the
    doc name is the path relative to the folder given, or the file's own name.
    Names are unique: files whose names would clash (`a/article.txt`,
    `b/article.txt`) are named by their path from the inputs' common parent.
    """
    found = _once_each(_expand(paths))
    names = Counter(item[1] for item in found if not isinstance(item, InputProblem) and item[0] != "-")
    clashing = [item[0] for item in found if not isinstance(item, InputProblem) and names[item[1]] > 1]
    if not clashing:
        yield from found
        return
    common = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in clashing])
    for item in found:
        if not isinstance(item, InputProblem) and item[0] != "-" and names[item[1]] > 1:
            yield (item[0], os.path.relpath(os.path.abspath(item[0]), common).replace(os.sep, "/"))
        else:
            yield item


def _once_each(items: Iterable[tuple[str, str] | InputProblem]) -> list[tuple[str, str] | InputProblem]:
    """Each file once, however often it is given (`a.txt a.txt`, or a file and its folder): a file read twice
    gave every claim twice under one id and doubled every count. Its first listing names it. A symbolic link
    is a listing of its own (an archive may file one story under two names)."""
    seen: set[str] = set()
    kept: list[tuple[str, str] | InputProblem] = []
    for item in items:
        if not isinstance(item, InputProblem) and item[0] != "-":
            key = item[0] if is_url(item[0]) or is_remote(item[0]) else os.path.normcase(os.path.abspath(item[0]))
            if key in seen:
                continue
            seen.add(key)
        kept.append(item)
    return kept


def _expand(paths: Iterable[str]) -> Iterator[tuple[str, str] | InputProblem]:
    for given in paths:
        if given == "-" or is_url(given):
            yield (given, given)
            continue
        if is_remote(given):
            yield from expand_remote(given, READABLE_SUFFIXES)
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
    """The readable files under `folder`. A symbolic link is followed only when it leads inside the folder
    given: "photos -> ../outside" could lead anywhere (a private key without an extension would be read as
    an article); those are named in one warning and skipped."""
    seen_dirs: set[tuple[int, int]] = set()
    found = 0
    skipped: Counter[str] = Counter()
    inside = os.path.realpath(folder)
    outside: list[str] = []

    def leads_out(path: str) -> bool:
        if not os.path.islink(path) or not os.path.exists(path):
            return False  # a broken link is reported as one when it is read
        target = os.path.realpath(path)
        if target == inside or target.startswith(inside.rstrip(os.sep) + os.sep):
            return False
        outside.append(os.path.relpath(path, folder))
        return True

    for root, dirs, files in os.walk(folder, followlinks=True):
        try:
            st = os.stat(root)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not leads_out(os.path.join(root, d)))
        for name in sorted(files):
            if name.startswith(".") or leads_out(os.path.join(root, name)):
                continue
            if _format_suffix(name) not in READABLE_SUFFIXES:
                skipped[Path(name).suffix.lower() or name] += 1
                continue
            path = os.path.join(root, name)
            found += 1
            yield (path, os.path.relpath(path, folder))
    if outside:
        listed = ", ".join(sorted(outside)[:5]) + (f" and {len(outside) - 5} more" if len(outside) > 5 else "")
        yield InputProblem(folder, f"skipped {len(outside)} symbolic link(s) leading outside it ({listed})", "warning")
    if skipped:
        kinds = ", ".join(sorted(skipped))
        yield InputProblem(folder, f"skipped {sum(skipped.values())} file(s) of other formats ({kinds})", "warning")
    if not found:
        yield InputProblem(folder, f"folder holds no readable article files ({READABLE})")


def _format_suffix(name: str) -> str:
    """The suffix that says a file's format; a gzipped file's is the one inside ("page.html.gz" -> ".html")."""
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix.lower()


def read_documents(
    paths: Iterable[str], stdin: bytes | None = None, *, pages: PageCache | None = None, refetch: bool = False
) -> Iterator[Document | InputProblem]:
    """Yield a Document for every article under `paths`, an InputProblem for each failure.

    URLs are read from `pages` when fetched before (unless `refetch`), else fetched and kept there."""
    for item in expand_paths(paths):
        if isinstance(item, InputProblem):
            yield replace(item, path=printable_name(item.path))
            continue
        yield from read_input(*item, stdin=stdin, pages=pages, refetch=refetch)


def printable_name(name: str) -> str:
    """A file name as provenance shows and stores it: any byte string is a file name, and one that is not
    UTF-8 ("caf\\xe9.txt" from an old archive) comes from the file system with surrogates no store, table or
    terminal can take; its undecodable bytes are written as \\xNN escapes instead (the rest as it is)."""
    if not any("\ud800" <= ch <= "\udfff" for ch in name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_input(
    path: str, name: str, *, stdin: bytes | None = None, pages: PageCache | None = None, refetch: bool = False
) -> Iterator[Document | InputProblem]:
    """The documents of one input `expand_paths` found (a file, a URL, stdin), or its problems: what a
    worker on another machine reads, given the (path, name) the client listed. Names and paths in what it
    yields are `printable_name`s; the file is opened by its own name."""
    for item in _read_input(path, name, stdin=stdin, pages=pages, refetch=refetch):
        if isinstance(item, InputProblem):
            yield replace(item, path=printable_name(item.path))
            continue
        item.path, item.doc = printable_name(item.path), printable_name(item.doc)
        yield item


def _read_input(
    path: str, name: str, *, stdin: bytes | None, pages: PageCache | None, refetch: bool
) -> Iterator[Document | InputProblem]:
    if is_url(path):
        try:
            page = fetch_cached(path, pages, refetch=refetch)
        except FetchError as err:
            yield InputProblem(path, str(err))
            return
        kind = "page.txt" if page.content_type.lower().startswith("text/plain") else "page.html"
        for document in documents_from_bytes(page.body, path=path, name=kind, content_type=page.content_type):
            if isinstance(document, Document):
                document.doc = path
                document.url = document.url or page.url
            yield document
        return
    remote = is_remote(path)
    if path != "-" and _format_suffix(name) in WARC_SUFFIXES:
        yield from warc_documents(path, opener=open_remote if remote else None)
        return
    try:
        if path == "-":
            data = stdin if stdin is not None else sys.stdin.buffer.read()
        else:
            with open_remote(path) if remote else open(path, "rb") as handle:
                data = handle.read()
    except (OSError, ImportError, ValueError) as err:
        reason = getattr(err, "strerror", None) or str(err).splitlines()[0]
        yield InputProblem(path, f"cannot read: {reason}")
        return
    yield from documents_from_bytes(data, path=path, name=name)


def documents_from_bytes(
    data: bytes, *, path: str, name: str, content_type: str = ""
) -> Iterator[Document | InputProblem]:
    """Turn one file's bytes into Documents (several for JSONL), or problems (`content_type`: a fetched page's)."""
    if name.lower().endswith(".gz"):
        try:
            data = gunzip(data)
        except TooLarge as err:
            yield InputProblem(path, str(err))
            return
        except (OSError, EOFError, ValueError) as err:
            yield InputProblem(path, f"not a readable gzip file ({err})")
            return
    if not data.strip():
        yield InputProblem(path, "empty file")
        return
    suffix = _format_suffix(name)
    if suffix in OFFICE_SUFFIXES:
        try:
            text = pdf_text(data) if suffix == ".pdf" else docx_text(data)
        except TooLarge as err:
            yield InputProblem(path, str(err))
            return
        except Exception as err:  # noqa: BLE001 - a broken file of any kind is one error line
            yield InputProblem(path, f"not a readable {suffix[1:].upper()} file ({type(err).__name__}: {err})")
            return
        if not text.strip():
            yield InputProblem(path, f"no text in this {suffix[1:].upper()} file (scanned pages need OCR first)")
            return
        yield text_document(text, doc=name, path=path, encoding=suffix[1:])
        return
    html = suffix in HTML_SUFFIXES or name == "page.html"
    try:
        decoded = decode_bytes(data, declared_charset(data, content_type) if html or content_type else None)
    except ValueError as err:
        yield InputProblem(path, f"{err}; provenance reads {READABLE}")
        return
    if looks_binary(decoded.text):
        yield InputProblem(path, f"binary file (control characters), not text; provenance reads {READABLE}")
        return
    if decoded.text.lstrip()[:5] == "{\\rtf":  # RTF is text, but its markup would be read as the article's words
        yield InputProblem(path, f"an RTF file: save it as .docx or .txt first; provenance reads {READABLE}")
        return
    if not decoded.text.strip():
        yield InputProblem(path, "file holds only whitespace")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(decoded, path)
    elif suffix in HTML_SUFFIXES or (
        path == "-" and decoded.text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
    ):
        try:
            yield html_document(decoded.text, doc=name, path=path, encoding=decoded.encoding)
        except ImportError as err:  # an install that lacks part of the HTML stack: say so, go on with other files
            yield InputProblem(path, missing_dependency(err))
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
