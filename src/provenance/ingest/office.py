"""PDF and Word files: their text, read with libraries made for each format.

Offsets of claims in such files point into this extracted text (pages or paragraphs
joined by blank lines), not into the file's bytes: a PDF has no character stream to
point into. `provenance text` (or the record's `sentence`) shows what was read.
"""

from __future__ import annotations

import io

from ..settings import INFLATED_LIMIT
from .decode import TooLarge, too_large_message


def pdf_text(data: bytes) -> str:
    """The text of every page, in order, pages separated by a blank line (pypdf)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages).strip() + "\n"


def docx_text(data: bytes) -> str:
    """The text of every paragraph, in order, separated by blank lines (python-docx)."""
    import zipfile

    from docx import Document

    # a DOCX is a ZIP: its parts are read no further than their declared sizes, so those bound the inflation
    if sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(data)).infolist()) > INFLATED_LIMIT:
        raise TooLarge(too_large_message(INFLATED_LIMIT))
    document = Document(io.BytesIO(data))
    return "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip()) + "\n"
