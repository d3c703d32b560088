"""WARC archives: every HTML response record is a document; a damaged record costs only itself."""

import io
import json

from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.cli import app

runner = CliRunner()


def page(n: int) -> bytes:
    return (
        f"<html><head><title>Story {n}</title></head><body><article><p>Officials in district {n} said the "
        f"new school would open next autumn with room for {n + 100} pupils and forty teachers.</p>"
        "</article></body></html>"
    ).encode()


def write_warc(path, count: int, *, gzip: bool = True) -> None:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for n in range(count):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://example.org/news/{n}",
                "response",
                payload=io.BytesIO(page(n)),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": f"2024-05-0{1 + n % 9}T10:00:00Z"},
            )
            writer.write_record(record)
        info = writer.create_warc_record("https://example.org/robots.txt", "request", payload=io.BytesIO(b"GET /"))
        writer.write_record(info)


def test_a_warc_of_1000_responses_is_read_in_one_run(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", 1000)
    result = runner.invoke(app, ["text", str(tmp_path / "crawl.warc.gz"), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1000 and len({r["doc"] for r in rows}) == 1000
    assert rows[7]["doc"] == "https://example.org/news/7" and rows[7]["published"] == "2024-05-08"
    assert "room for 107 pupils" in rows[7]["text"]


def test_a_truncated_record_costs_only_itself(tmp_path):
    write_warc(tmp_path / "crawl.warc", 5, gzip=False)
    data = (tmp_path / "crawl.warc").read_bytes()
    cut = data.rfind(b"WARC/1.0", 0, data.rfind(b"WARC/1.0"))  # start of the last response record
    (tmp_path / "crawl.warc").write_bytes(data[: cut + 200])
    result = runner.invoke(app, ["text", str(tmp_path / "crawl.warc"), "-f", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4 and [r["doc"] for r in rows][-1] == "https://example.org/news/3"
    assert "Traceback" not in result.output


def _damage_middle_record(path, gzip: bool) -> None:
    """Damage the third record: 300 bytes cut out of its compressed data (.warc.gz), its version line
    overwritten (.warc)."""
    data = path.read_bytes()
    marker = b"\x1f\x8b\x08" if gzip else b"WARC/1.0"
    starts = [i for i in range(len(data)) if data.startswith(marker, i)]
    third = starts[2]
    if gzip:
        path.write_bytes(data[: third + 40] + data[third + 340 :])
    else:
        path.write_bytes(data[:third] + b"\x00\xff" * 4 + data[third + 8 :])


def test_a_damaged_record_in_the_middle_costs_only_itself(tmp_path):
    for gzip, name in ((True, "crawl.warc.gz"), (False, "crawl.warc")):
        write_warc(tmp_path / name, 8, gzip=gzip)
        _damage_middle_record(tmp_path / name, gzip)
        result = runner.invoke(app, ["text", str(tmp_path / name), "-f", "jsonl"])
        docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
        assert docs == [f"https://example.org/news/{n}" for n in (0, 1, 3, 4, 5, 6, 7)], (name, docs)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr.count("damaged WARC record") == 1, result.stderr
        assert len(result.stderr.strip().splitlines()) == 2  # the record, then the summary line
        assert all(line.isprintable() for line in result.stderr.splitlines())
