"""Inputs on object stores and other filesystems (`s3://bucket/news/`, `gs://…`, `az://…`, `file://…`):
listed and read through fsspec, so the workers of a cluster read them where they are.

fsspec comes with the dask extra; each store needs its own package (s3fs, gcsfs, adlfs), which
the user installs for the stores they use. Without it, the input is one problem line naming it.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterator
from typing import IO, Any

from ..records import InputProblem

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.IGNORECASE)
NOT_REMOTE = {"http", "https"}  # fetched as web pages (`fetch`)


def is_remote(path: str) -> bool:
    """A path on another filesystem: `scheme://…`, other than a web page's URL."""
    match = _SCHEME.match(path)
    return match is not None and match.group(1).lower() not in NOT_REMOTE


def _filesystem(path: str) -> tuple[Any, str]:
    """(fsspec filesystem, path inside it); ImportError or ValueError names what is missing."""
    try:
        import fsspec
    except ImportError:
        raise ImportError("reading remote paths needs fsspec: pip install 'provenance[dask]'") from None
    fs, inside = fsspec.core.url_to_fs(path)
    return fs, inside


def _problem(path: str, err: Exception) -> InputProblem:
    reason = str(err).splitlines()[0] if str(err) else type(err).__name__
    return InputProblem(path, f"cannot read ({reason})")


def expand_remote(given: str, readable: set[str]) -> Iterator[tuple[str, str] | InputProblem]:
    """(url, doc name) for a remote file, each readable file under a remote folder (name relative to it),
    or each match of a remote glob; a problem when nothing is there or the store cannot be reached."""
    try:
        fs, inside = _filesystem(given)
        if glob.has_magic(inside):
            found = [(p, p.rsplit("/", 1)[-1]) for p in sorted(fs.glob(inside)) if not fs.isdir(p)]
        elif fs.isdir(inside):
            root = inside.rstrip("/") + "/"
            found = [
                (p, p[len(root) :] if p.startswith(root) else p.rsplit("/", 1)[-1]) for p in sorted(fs.find(inside))
            ]
            found = [(p, name) for p, name in found if _suffix(name) in readable and not name.startswith(".")]
        elif fs.exists(inside):
            found = [(inside, inside.rstrip("/").rsplit("/", 1)[-1])]
        else:
            yield InputProblem(given, "no such file or directory")
            return
    except (ImportError, ValueError, OSError) as err:
        yield _problem(given, err)
        return
    if not found:
        yield InputProblem(given, "no readable article files here")
    for path, name in found:
        yield (fs.unstrip_protocol(path), name)


def _suffix(name: str) -> str:
    if name.lower().endswith(".gz"):
        name = name[:-3]
    dot = name.rfind(".")
    return name[dot:].lower() if dot > name.rfind("/") else ""


def open_remote(path: str) -> IO[bytes]:
    """A remote file opened for reading (seekable, as WARC reading needs)."""
    fs, inside = _filesystem(path)
    handle: IO[bytes] = fs.open(inside, "rb")
    return handle


def stamp(path: str) -> str:
    """What changes when a remote file does (size and modification time or ETag), for batch names."""
    try:
        fs, inside = _filesystem(path)
        info = fs.info(inside)
    except (ImportError, ValueError, OSError):
        return ""
    return ":".join(str(info.get(k, "")) for k in ("size", "mtime", "LastModified", "ETag", "updated"))
