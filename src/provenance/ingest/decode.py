"""Bytes to text: byte-order marks, UTF-8, then the encodings newsroom tools write."""

from __future__ import annotations

import codecs
from dataclasses import dataclass


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
