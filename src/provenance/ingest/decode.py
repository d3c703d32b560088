"""Bytes to text: byte-order marks, UTF-8, then the encodings newsroom tools write."""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from ..settings import INFLATED_LIMIT


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


def declared_charset(data: bytes, content_type: str = "") -> str | None:
    """The character set a page declares: its HTTP Content-Type first, else a <meta> in its first 4 KB; None when
    it declares none Python knows."""
    found = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    name = found.group(1) if found else None
    if name is None:
        meta = _META_CHARSET.search(data[:4096])
        name = meta.group(1).decode("ascii") if meta else None
    if name is None:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode article bytes: BOMs first, then strict UTF-8, then the character set the file declares
    (`declared_charset`), then cp1252, then latin-1.

    Why this order: a BOM is explicit; UTF-8 that validates is almost always
    UTF-8 (whatever a page's label says); a page's declaration names the rest (a cp1251 page read as
    cp1252 came out as "Ïîæàð"); cp1252 is what Windows newsroom tools write; latin-1 never fails.
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
    if declared and declared not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        try:
            return Decoded(data.decode(declared), declared)
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


class TooLarge(ValueError):
    """Compressed input that inflates past INFLATED_LIMIT."""


def too_large_message(limit: int | None = None) -> str:
    limit = INFLATED_LIMIT if limit is None else limit
    return f"inflates past {limit:,} bytes: not read (a compression bomb, or not one article)"


def gunzip(data: bytes, limit: int | None = None) -> bytes:
    """A gzip file's content (every member of a multi-member file), inflated in steps with a running count:
    past `limit` bytes it raises TooLarge before holding more than `limit` of them. Raises ValueError
    (zlib.error, EOFError as ValueError) for a damaged file."""
    limit = INFLATED_LIMIT if limit is None else limit
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = rest
        while chunk:
            try:
                out += inflater.decompress(chunk, limit + 1 - len(out))
            except zlib.error as err:
                raise ValueError(str(err)) from None
            if len(out) > limit:
                raise TooLarge(too_large_message(limit))
            chunk = inflater.unconsumed_tail
        if not inflater.eof:
            raise ValueError("compressed file ended before the end-of-stream marker")
        rest = inflater.unused_data.lstrip(b"\0")
    return bytes(out)
