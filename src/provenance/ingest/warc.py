"""WARC archives (.warc, .warc.gz; e.g. Common Crawl News): each HTML response record is a document.

Read with warcio, streaming: a record is read, turned into a Document and released.
`doc` is the record's target URI; `published` falls back to the record's WARC-Date
when the page states no date. A record that cannot be read is one problem: the
records before it are kept, and reading goes on at the next record that begins
cleanly after it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from typing import IO

from ..records import Document, InputProblem
from ..settings import INFLATED_LIMIT
from .decode import declared_charset, decode_bytes, too_large_message
from .html import html_document, missing_dependency


def warc_documents(path: str, opener: Callable[[str], IO[bytes]] | None = None) -> Iterator[Document | InputProblem]:
    """Every HTML response record of the archive as a Document. A damaged record is one problem;
    reading goes on at the next record that starts cleanly after it (`_next_record_start`)."""
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    position: int | None = 0
    try:
        with opener(path) if opener else open(path, "rb") as handle:
            while position is not None:
                handle.seek(position)
                iterator = ArchiveIterator(handle)
                try:
                    for record in iterator:
                        if record.rec_type != "response":
                            continue
                        headers = record.http_headers
                        content_type = (headers.get_header("Content-Type") or "") if headers else ""
                        if "html" not in content_type.lower():
                            continue
                        uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{count}"
                        body = record.content_stream().read(INFLATED_LIMIT + 1)  # inflated as it is read
                        if len(body) > INFLATED_LIMIT:
                            yield InputProblem(
                                f"{path} ({uri})", f"a WARC record that {too_large_message(INFLATED_LIMIT)}"
                            )
                            continue
                        count += 1
                        yield _document(path, uri, body, record.rec_headers.get_header("WARC-Date") or "")
                    return
                except ImportError as err:  # the HTML stack is incomplete: no record is damaged
                    yield InputProblem(path, missing_dependency(err))
                    return
                except Exception as err:  # noqa: BLE001 - warcio and zlib raise their own errors on damage
                    damaged = iterator.offset  # where the record that failed begins
                    yield InputProblem(
                        path,
                        f"damaged WARC record at byte {damaged:,} skipped after {count} read "
                        f"({type(err).__name__}: {_readable(str(err))})",
                    )
                    position = _next_record_start(handle, damaged + 1)
    except (OSError, ImportError) as err:
        yield InputProblem(path, f"cannot read: {getattr(err, 'strerror', None) or err}")


def _readable(message: str) -> str:
    """An error message fit for one line: warcio quotes the damaged bytes, which are not text."""
    printable = re.sub(r"[^\x20-\x7e]+", " ", message.split("first line:")[0]).strip(" :,")
    return printable[:120] or "unreadable bytes"


def _document(path: str, uri: str, body: bytes, warc_date: str) -> Document | InputProblem:
    try:
        decoded = decode_bytes(body, declared_charset(body))
    except ValueError as err:
        return InputProblem(f"{path}#{uri}", str(err))
    document = html_document(decoded.text, doc=uri, path=path, encoding=decoded.encoding)
    document.url = document.url or uri
    document.published = document.published or warc_date[:10] or None
    return document


_GZIP_MEMBER = b"\x1f\x8b\x08"
_RECORD_LINE = re.compile(rb"(?:\A|\n)(WARC/1\.[01]\r?\n)")
_SCAN_CHUNK = 1 << 20


def _next_record_start(handle: IO[bytes], after: int) -> int | None:
    """The byte offset of the first record at or after `after` that begins cleanly: a gzip member
    whose first bytes inflate to a WARC version line (.warc.gz: one member per record), or a
    "WARC/1.x" line (.warc). None at the end of the file."""
    position = after
    while True:
        handle.seek(position)
        chunk = handle.read(_SCAN_CHUNK + 64)
        if not chunk:
            return None
        candidates = sorted(
            [m.start(1) for m in _RECORD_LINE.finditer(chunk)]
            + [i for i in _find_all(chunk, _GZIP_MEMBER) if _inflates_to_record(chunk[i : i + 4096])]
        )
        if candidates:
            return position + candidates[0]
        if len(chunk) <= 64:
            return None
        position += _SCAN_CHUNK


def _find_all(data: bytes, needle: bytes) -> Iterator[int]:
    i = data.find(needle)
    while i >= 0:
        yield i
        i = data.find(needle, i + 1)


def _inflates_to_record(data: bytes) -> bool:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 16).startswith(b"WARC/")
    except zlib.error:
        return False
