"""Hostile input, probed as a user meets it: each kind in a folder of its own beside a good file, through the
command line, with wall time and peak RSS (GNU time). Bombs, file names, pathological HTML, a killed `add`,
escape sequences, slow servers (loopback), symlinks, damaged and read-only stores, addresses with passwords.

    python bench/hostile.py        # about two minutes; one row per probe

Columns: seconds, peak RSS in MB, exit code, lines on stdout, lines on stderr, whether a traceback showed,
and the first line on stderr.
"""

from __future__ import annotations

import gzip
import http.server
import io
import os
import shutil
import socketserver
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PROVENANCE = str(Path(sys.executable).with_name("provenance"))
GOOD = "The ferry will not sail on Friday, the harbour master said.\n"
ROOT = Path(tempfile.mkdtemp(prefix="provenance-hostile-"))
ROWS: list[tuple[str, float, int, int, int, int, bool, str]] = []


def run(name: str, args: list[str], env: dict[str, str] | None = None) -> None:
    environment = {**os.environ, "PROVENANCE_CACHE": str(ROOT / "cache.sqlite"), **(env or {})}
    done = subprocess.run(
        ["/usr/bin/time", "-f", "TIME %e %M", PROVENANCE, *args], capture_output=True, env=environment, check=False
    )
    err = done.stderr.decode("utf-8", "replace").splitlines()
    wall, rss = next(line for line in err if line.startswith("TIME")).split()[1:]
    said = [line for line in err if line.strip() and not line.startswith("TIME")]
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    traceback = any("Traceback" in line for line in err)
    ROWS.append(
        (
            name,
            float(wall),
            int(rss) // 1024,
            done.returncode,
            len(lines),
            len(said),
            traceback,
            said[0] if said else "",
        )
    )


def folder(name: str) -> Path:
    path = ROOT / name
    path.mkdir()
    (path / "good.txt").write_text(GOOD)
    return path


def bombs() -> None:
    path = folder("gzip-bomb")
    with gzip.open(path / "page.html.gz", "wb", compresslevel=9) as f:
        for _ in range(1100):
            f.write(b"<p>" + b"a" * (1 << 20))
    run("gzip: a .html.gz inflating to 1.1 GB", ["claims", str(path), "-f", "csv"])
    path = folder("docx-bomb")
    xml = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
    with zipfile.ZipFile(path / "big.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml + "a" * (150 << 20) + "</w:t></w:r></w:p></w:body></w:document>")
    run("docx: XML inflating to 150 MB", ["claims", str(path), "-f", "csv"])
    path = folder("warc-bomb")
    body = b"<html><body><p>" + b"b" * (120 << 20) + b"</p></body></html>"
    with (path / "crawl.warc.gz").open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body)
        writer.write_record(
            writer.create_warc_record("http://example.org/x", "response", payload=payload, http_headers=headers)
        )
    run("warc: a record inflating to 120 MB", ["claims", str(path), "-f", "csv"])


def names() -> None:
    path = folder("names")
    for raw in (b"caf\xe9.txt", b"esc\x1b]0;owned\x07.txt", b"two\nlines: error forged.txt"):
        (path / os.fsdecode(raw)).write_text(GOOD)  # the bytes kept as they are (surrogate escapes)
    run("names: not UTF-8, with ESC/BEL, with a newline", ["claims", str(path), "-f", "csv"])


def html() -> None:
    path = folder("html")
    (path / "repeat.html").write_text("<html><body><article><p>" + "word " * 20000 + "</p></article></body></html>")
    page = "<div>" * 20000 + "<p>The mayor said the pier would close.</p>" + "</span>" * 20000
    (path / "tags.html").write_text(f"<html><body>{page}</body></html>")
    run("html: 100 KB of one word; 20,000 open <div> and stray </span>", ["claims", str(path), "-f", "csv"])


def killed_add() -> Path:
    path = folder("kill")
    store = ROOT / "kill.sqlite"
    for n in range(5):
        (path / f"k{n}.txt").write_text(GOOD.replace("Friday", f"day {n}"))
    env = {**os.environ, "PROVENANCE_CACHE": str(ROOT / "cache.sqlite"), "PROVENANCE_DB": str(store)}
    adding = subprocess.Popen([PROVENANCE, "add", str(path), "--jobs", "1"], env=env, stderr=subprocess.DEVNULL)
    for _ in range(600):  # killed once every document is saved, before linking is written
        time.sleep(0.05)
        try:
            if sqlite3.connect(store).execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= 6:
                break
        except sqlite3.Error:
            pass
    adding.kill()
    adding.wait()
    run("kill: add killed after saving, then add again", ["add", str(path)], {"PROVENANCE_DB": str(store)})
    run("kill: ... then clusters", ["clusters", "-f", "jsonl"], {"PROVENANCE_DB": str(store)})
    return store


def escapes() -> None:
    path = folder("escapes")
    (path / "a.txt").write_text("Published in The \x1b[2JHerald\x1b]8;;http://x\x07, May 4th, 2026\n\n" + GOOD)
    run("escapes: ESC sequences in an outlet line, sources table", ["sources", str(path)], {"COLUMNS": "120"})


class _Slow(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        try:
            if self.path == "/body":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
            else:
                self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nX-Pad: ")
            for _ in range(600):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:
            pass


def slow_servers() -> None:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    run("slow: a body dripped a byte every 0.5 s", ["claims", base + "/body", "-f", "csv"])
    run("slow: headers dripped a byte every 0.5 s", ["claims", base + "/headers", "-f", "csv"])
    server.shutdown()


def symlinks() -> None:
    path = folder("links")
    outside = ROOT / "outside"
    outside.mkdir()
    (outside / "id_rsa").write_text("-----BEGIN KEY-----\nsecret said the key.\n")
    (path / "photos").symlink_to(outside)
    run("symlink: leading outside the folder", ["claims", str(path), "-f", "csv"])


def damaged(store: Path) -> None:
    bad = ROOT / "damaged.sqlite"
    shutil.copy(store, bad)
    with bad.open("r+b") as f:
        f.seek(4096)
        f.write(b"\xff" * 8192)
    run("damaged: a store damaged inside", ["claims", "-f", "csv"], {"PROVENANCE_DB": str(bad)})
    with (ROOT / "cache.sqlite").open("r+b") as f:
        f.seek(4096)
        f.write(b"\xff" * 8192)
    path = folder("after-damage")
    run("damaged: the parse cache damaged inside, first run", ["claims", str(path), "-f", "csv"])
    run("damaged: ... second run", ["claims", str(path), "-f", "csv"])
    read_only = ROOT / "read-only"
    read_only.mkdir()
    shutil.copy(store, read_only / "index.sqlite")
    (read_only / "index.sqlite").chmod(0o444)
    read_only.chmod(0o555)
    run(
        "read-only: a store file 0444 in a folder 0555",
        ["claims", "-f", "csv"],
        {"PROVENANCE_DB": str(read_only / "index.sqlite")},
    )


def smaller() -> None:
    run("address with user:password@", ["claims", "http://reader:secret@127.0.0.1:9/x", "-f", "csv"])
    good = folder("twice") / "good.txt"
    run("the same file given twice", ["claims", str(good), str(good), "-f", "csv"])


def main() -> None:
    bombs()
    names()
    html()
    store = killed_add()
    escapes()
    slow_servers()
    symlinks()
    damaged(store)
    smaller()
    print(f"{'probe':62} {'s':>6} {'MB':>5} {'rc':>2} {'out':>3} {'err':>3} tb  first line on stderr")
    for name, wall, rss, code, out, err, traceback, first in ROWS:
        print(
            f"{name:62} {wall:6.1f} {rss:5d} {code:2d} {out:3d} {err:3d} {'yes' if traceback else 'no':3} {first[:100]}"
        )
    shutil.rmtree(ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()
