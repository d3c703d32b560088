"""URLs as inputs, against a server on 127.0.0.1: a page, a redirect, a 404, a binary, a slow and an over-size answer."""

import http.server
import json
import threading
import time

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.ingest import fetch as fetching

runner = CliRunner()
PAGE = (
    b"<html><head><title>Bridge</title></head><body><article><p>The mayor said the harbor bridge would "
    b"reopen on Monday after eight months of repairs.</p></article></body></html>"
)


class Handler(http.server.BaseHTTPRequestHandler):
    hits = 0  # requests for /counted

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path in ("/redirect", "/to-ftp"):
            self.send_response(302)
            self.send_header("Location", "/article" if self.path == "/redirect" else "ftp://127.0.0.1/article.html")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/drip-headers":  # the headers a byte every 0.1 s: read by urllib before our body reader
            try:
                self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nX-Padding: ")
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
                self.wfile.write(b"\r\n\r\n<p>late</p>")
            except OSError:
                pass  # the client gave up
            return
        if self.path == "/drip":  # a byte every 0.1 s: each read is quick, the page never ends in time
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass  # the client gave up
            return
        if self.path in ("/gzipped", "/cyrillic"):
            import gzip

            text = "<html><head><meta charset='windows-1251'></head><body><article><p>Мэр сказал, что мост откроют в мае.</p></article></body></html>"
            body = text.encode("cp1251")
            self.send_response(200)
            if self.path == "/gzipped":
                body = gzip.compress(body)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path == "/counted":
            Handler.hits += 1
        body, kind, code = {
            "/article": (PAGE, "text/html; charset=utf-8", 200),
            "/counted": (PAGE, "text/html; charset=utf-8", 200),
            "/slow": (PAGE, "text/html", 200),
            "/big": (PAGE * 200, "text/html", 200),
            "/image": (b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png", 200),
        }.get(self.path, (b"not here", "text/html", 404))
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    class Quiet(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):  # a client that gave up (timeout, size): not news
            pass

    httpd = Quiet(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_pages_are_fetched_and_every_failure_is_one_line(server, monkeypatch, nlp):
    monkeypatch.setattr(fetching, "TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(fetching, "MAX_BYTES", 10_000)
    urls = [f"{server}/{name}" for name in ("article", "redirect", "missing", "image", "slow", "big")]
    result = runner.invoke(app, ["claims", *urls, "-f", "jsonl"])
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1
    assert sorted(c["doc"] for c in claims) == [f"{server}/article", f"{server}/redirect"]
    assert all(c["speaker"] == "The mayor" for c in claims)
    errors = [line for line in result.stderr.splitlines() if line.startswith("provenance: error:")]
    assert len(errors) == 4
    assert any("/missing: HTTP 404" in e for e in errors) and any("/image: not an article page" in e for e in errors)
    assert any("/slow:" in e for e in errors) and any("/big: larger than" in e for e in errors)


def test_a_page_fetched_once_is_read_from_the_store_after(server, nlp):
    url = f"{server}/counted"
    Handler.hits = 0
    first = runner.invoke(app, ["claims", url, "-f", "jsonl"])
    second = runner.invoke(app, ["claims", url, "-f", "jsonl"])
    assert first.exit_code == second.exit_code == 0 and first.stdout == second.stdout
    assert "harbor bridge" in first.stdout and Handler.hits == 1  # the second run fetched nothing
    again = runner.invoke(app, ["--refetch", "claims", url, "-f", "jsonl"])
    assert again.exit_code == 0 and again.stdout == first.stdout and Handler.hits == 2


def test_a_page_dripped_a_byte_at_a_time_is_given_up_at_the_timeout(server):
    started = time.perf_counter()
    with pytest.raises(fetching.FetchError, match="within 1 s"):
        fetching.fetch(f"{server}/drip", timeout=1.0)
    assert time.perf_counter() - started < 3  # the drip alone would take 10 s


def test_a_server_dripping_its_headers_is_given_up_at_the_timeout(server):
    started = time.perf_counter()
    with pytest.raises(fetching.FetchError, match="within 1 s"):
        fetching.fetch(f"{server}/drip-headers", timeout=1.0)
    assert time.perf_counter() - started < 3  # the headers alone would take 10 s


def test_redirects_lead_to_web_pages_only(server):
    assert fetching.fetch(f"{server}/redirect").url.endswith("/article")
    with pytest.raises(fetching.FetchError, match="redirected to a ftp: address"):
        fetching.fetch(f"{server}/to-ftp")


def test_an_address_with_a_password_is_not_fetched(server, monkeypatch):
    asked = []
    monkeypatch.setattr(fetching._OPENER, "open", lambda *a, **k: asked.append(a))
    with pytest.raises(fetching.FetchError, match="user name or password"):
        fetching.fetch(server.replace("http://", "http://reader:secret@") + "/article")
    assert asked == []  # nothing went out


def test_a_page_sent_gzip_encoded_in_its_declared_character_set_is_read(server, nlp):
    for name in ("gzipped", "cyrillic"):
        result = runner.invoke(app, ["text", f"{server}/{name}", "-f", "jsonl"])
        assert result.exit_code == 0, result.output
        assert "Мэр сказал, что мост откроют в мае." in json.loads(result.stdout)["text"]
