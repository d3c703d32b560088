"""Reading articles: sources → decode → HTML main text → metadata, into `Document` records.

Everything a later stage needs to point back into the file is settled here:
the decoded raw text, the text the pipeline reads (markup removed, boilerplate
blanked out, each character mapped to the raw file), and what the article says
about itself (outlet, dateline, date, byline).
"""

from .decode import decode_bytes, looks_binary
from .html import html_document
from .metadata import text_document
from .sources import READABLE_SUFFIXES, documents_from_bytes, expand_paths, read_documents, read_input

__all__ = [
    "READABLE_SUFFIXES",
    "decode_bytes",
    "documents_from_bytes",
    "expand_paths",
    "html_document",
    "looks_binary",
    "read_documents",
    "read_input",
    "text_document",
]
