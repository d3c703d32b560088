"""WARC archives (.warc, .warc.gz; e.g. Common Crawl News): each HTML response record is a document.

Read with warcio, streaming: a record is read, turned into a Document and released.
`doc` is the record's target URI; `published` falls back to the record's WARC-Date
when the page states no date. A record that cannot be read is one problem; the
records before it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Document, InputProblem
from .decode import decode_bytes
from .html import html_document


def warc_documents(path: str) -> Iterator[Document | InputProblem]:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    try:
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in content_type.lower():
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{count}"
                body = record.content_stream().read()
                count += 1
                try:
                    decoded = decode_bytes(body)
                except ValueError as err:
                    yield InputProblem(f"{path}#{uri}", str(err))
                    continue
                document = html_document(decoded.text, doc=uri, path=path, encoding=decoded.encoding)
                document.url = document.url or uri
                warc_date = record.rec_headers.get_header("WARC-Date") or ""
                document.published = document.published or warc_date[:10] or None
                yield document
    except OSError as err:
        yield InputProblem(path, f"cannot read: {err.strerror or err}")
    except Exception as err:  # noqa: BLE001 - warcio raises its own errors on a damaged record
        yield InputProblem(path, f"damaged WARC record after {count} read ({type(err).__name__}: {err})")
