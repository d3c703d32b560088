"""Articles given as URLs: fetched once, politely, within limits.

A timeout for the whole page (not each read), a size limit, redirects followed (to http(s) only), no address
with a user name or password, a User-Agent that says who asks, and
only HTML or plain text accepted: anything else is one error line naming the URL.
A page fetched once is kept (`PageCache`, the store) and read from there on later
runs, so an archive of links is fetched once; `--refetch` asks the sites again.
"""

from __future__ import annotations

import contextvars
import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Protocol

from .. import __version__
from .decode import TooLarge, gunzip

USER_AGENT = f"provenance/{__version__} (claim provenance for news; python-urllib)"
TIMEOUT_SECONDS = 20.0
MAX_BYTES = 10 * 1024 * 1024
READ_CHUNK = 64 * 1024
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class FetchError(Exception):
    """A URL that gave no article: the message says why, in a few words."""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to http(s) pages only (urllib would follow one to ftp:// too)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN201
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"redirected to a {scheme or 'relative'}: address, not a web page")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class _Deadline:
    """The sockets one fetch opened, shut when its time is up: urllib reads a response's headers before the
    body reader sees it, so a server dripping its headers is stopped here, by a timer, not by a read."""

    sockets: list[socket.socket] = field(default_factory=list)
    passed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def watch(self, sock: socket.socket) -> socket.socket:
        with self.lock:
            self.sockets.append(sock)
            if self.passed:
                _shut(sock)
        return sock

    def pass_(self) -> None:
        with self.lock:
            self.passed = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)  # the read waiting on it returns at once
    except OSError:
        pass  # closed already


_DEADLINE: contextvars.ContextVar[_Deadline | None] = contextvars.ContextVar("fetch_deadline", default=None)


def _connect(*args: Any, **kwargs: Any) -> socket.socket:
    sock = socket.create_connection(*args, **kwargs)
    deadline = _DEADLINE.get()
    return deadline.watch(sock) if deadline is not None else sock


class _Watched:
    """A connection whose raw socket the fetch's deadline watches (shutting it stops a TLS handshake too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _connect


class _HTTPConnection(_Watched, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_HTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects, _HTTPHandler, _HTTPSHandler)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


class PageCache(Protocol):
    """Pages fetched before, by the URL asked for: a second run reads them from here, not the network."""

    def cached_page(self, url: str) -> Fetched | None: ...

    def keep_page(self, url: str, page: Fetched) -> None: ...


def fetch_cached(url: str, pages: PageCache | None, *, refetch: bool = False) -> Fetched:
    """The page at `url` from `pages` when it was fetched before (unless `refetch`), else fetched and kept."""
    if pages is not None and not refetch:
        page = pages.cached_page(url)
        if page is not None:
            return page
    page = fetch(url)
    if pages is not None:
        pages.keep_page(url, page)
    return page


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _read_by(response: Any, max_bytes: int, deadline: float) -> bytes:
    """The body, read as it arrives (one receive at a time), within `max_bytes` and before `deadline`: a server
    that drips a byte at a time never holds a run longer than the timeout."""
    body = bytearray()
    while True:
        chunk = response.read1(READ_CHUNK)
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(f"larger than {max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise TimeoutError


def _inflated(body: bytes) -> bytes:
    try:
        return gunzip(body)
    except TooLarge as err:
        raise FetchError(str(err)) from None
    except (OSError, EOFError, ValueError) as err:
        raise FetchError(f"a gzip-encoded page that does not inflate ({err})") from None


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    """The page at `url` (redirects followed), or FetchError. Limits default to TIMEOUT_SECONDS and MAX_BYTES."""
    timeout = timeout or TIMEOUT_SECONDS
    max_bytes = max_bytes or MAX_BYTES
    deadline = time.monotonic() + timeout  # for the whole page, not for each read of it
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or parts.password is not None:
        # a password in the address would go to the name resolver and into every log on the way
        raise FetchError("an address with a user name or password is not fetched: download the page and give the file")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    watch = _Deadline()
    token = _DEADLINE.set(watch)
    timer = threading.Timer(timeout, watch.pass_)
    timer.daemon = True
    timer.start()
    try:
        page = _fetch(request, timeout, max_bytes, deadline)
        if watch.passed:  # a body cut by the shut socket reads as a short page: it is none
            raise FetchError("time up")
        return page
    except FetchError:
        if watch.passed:  # whatever broke, it broke because the time was up
            raise FetchError(f"no complete answer within {timeout:g} s") from None
        raise
    finally:
        timer.cancel()
        _DEADLINE.reset(token)


def _fetch(request: urllib.request.Request, timeout: float, max_bytes: int, deadline: float) -> Fetched:
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            if not content_type.lower().startswith(ACCEPTED_TYPES):
                raise FetchError(f"not an article page (Content-Type {content_type or 'missing'})")
            body = _read_by(response, max_bytes, deadline)
            if response.headers.get("Content-Encoding", "").strip().lower() in ("gzip", "x-gzip"):
                body = _inflated(body)  # sent compressed though not asked to: inflated within the limit
            return Fetched(response.geturl(), content_type, body)
    except urllib.error.HTTPError as err:
        raise FetchError(f"HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise FetchError(f"cannot fetch ({err.reason})") from None
    except TimeoutError:
        raise FetchError(f"no complete answer within {timeout:g} s") from None
    except OSError as err:
        raise FetchError(f"cannot fetch ({err})") from None
