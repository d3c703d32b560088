"""PDF and Word files are read with libraries made for them; other formats are named, never read as text."""

import json

from typer.testing import CliRunner

from provenance.cli import app

runner = CliRunner()
SENTENCE = "The mayor said the harbor bridge would reopen on Monday after eight months of repairs."


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF showing `text` in Helvetica, written by hand (offsets in the xref table)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def claims(*args):
    result = runner.invoke(app, ["claims", *args, "-f", "jsonl"])
    return result, [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_a_pdf_is_read_as_its_text(tmp_path, nlp):
    (tmp_path / "statement.pdf").write_bytes(minimal_pdf(SENTENCE))
    result, rows = claims(str(tmp_path / "statement.pdf"))
    assert result.exit_code == 0, result.output
    assert [(r["speaker"], r["text"]) for r in rows] == [
        ("The mayor", "the harbor bridge would reopen on Monday after eight months of repairs")
    ]


def test_a_docx_is_read_as_its_paragraphs(tmp_path, nlp):
    import docx

    document = docx.Document()
    document.add_paragraph("Bridge to reopen")
    document.add_paragraph(SENTENCE)
    document.save(str(tmp_path / "statement.docx"))
    result, rows = claims(str(tmp_path))
    assert result.exit_code == 0, result.output
    assert [r["speaker"] for r in rows] == ["The mayor"] and rows[0]["doc"] == "statement.docx"


def test_other_formats_are_named_in_one_line(tmp_path, nlp):
    tmp_path = tmp_path / "inbox"
    tmp_path.mkdir()
    (tmp_path / "article.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result, rows = claims(str(tmp_path))
    assert result.exit_code == 0 and len(rows) == 1
    assert "skipped 2 file(s) of other formats (.jpg, .png)" in result.stderr
    named, _ = claims(str(tmp_path / "photo.jpg"))
    assert named.exit_code == 1 and "provenance reads .txt .md .html .jsonl .pdf .docx" in named.stderr
