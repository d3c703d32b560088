import codecs

import pytest

from provenance.ingest import decode_bytes, documents_from_bytes, html_document, read_documents, text_document
from provenance.records import Document, InputProblem


def one(data: bytes, name: str = "a.txt"):
    [item] = list(documents_from_bytes(data, path=name, name=name))
    return item


def test_agency_dateline_gives_outlet_and_dateline():
    doc = text_document("LONDON (Reuters) - Prices rose on Monday, traders said.", doc="a", path="a")
    assert (doc.outlet, doc.agency, doc.dateline) == ("Reuters", "Reuters", "LONDON")


@pytest.mark.parametrize(
    "raw, place, agency",
    [
        ("LONDON, March 2 (Reuters) - Prices rose on Monday, traders said.", "LONDON", "Reuters"),
        ("Ferries halted\n\nORAN HARBOUR, March 3 (AP) — Workers stopped, the union said.", "ORAN HARBOUR", "AP"),
        ("Ferries halted\n\nBy Ana Ruiz\n\nLONDON (Reuters) - Prices rose, traders said.", "LONDON", "Reuters"),
    ],
)
def test_a_dated_dateline_or_one_under_a_headline_still_names_the_agency(raw, place, agency):
    doc = text_document(raw, doc="a", path="a")
    assert (doc.outlet, doc.agency, doc.dateline) == (agency, agency, place)


@pytest.mark.parametrize("outlet", ["Ellis Today", "The Coastal Wire"])
def test_a_credit_line_above_the_headline_is_neither_a_date_label_nor_the_headline(outlet):
    raw = f"Published in {outlet}, June 3rd, 2026\n\nPort to double fees\n\nHarbour fees will double, the port said.\n"
    doc = text_document(raw, doc="a", path="a")
    assert (doc.outlet, doc.published, doc.title) == (outlet, "2026-06-03", "Port to double fees")


def test_published_in_line_ends_the_article_and_names_the_outlet():
    raw = "KARACHI: The city said it was ready.\n\nPublished in Dawn, March 3rd, 2019\n\nOpinion\n\nOther story teaser"
    doc = text_document(raw, doc="a", path="a")
    assert doc.outlet == "Dawn" and doc.published == "2019-03-03" and doc.dateline == "KARACHI"
    assert doc.body.end == raw.index("Published in")
    assert doc.text[doc.body.end :].strip() == ""  # furniture blanked, positions kept
    assert len(doc.text) == len(raw)


def test_source_published_metadata_line_and_comment_widget_are_boilerplate():
    raw = (
        "Headline here\n\nBy Jane Roe Source:Global Times Published: 2018/1/5 10:00:00\n\n"
        "The ministry said it agreed.\n\nPosted in: CHINA\n\nblog comments powered by Disqus"
    )
    doc = text_document(raw, doc="a", path="a")
    assert (doc.outlet, doc.published, doc.byline) == ("Global Times", "2018-01-05", "Jane Roe")
    assert "Source:" not in doc.text and "Disqus" not in doc.text
    assert "The ministry said it agreed." in doc.text


@pytest.mark.parametrize(
    ("credit", "where"),
    [
        ("Republished by the Harbour Courier under licence.", "end"),
        ("This article first appeared in the Millbrook Gazette.", "end"),
        ("Reprinted with permission from the Pier Weekly", "start"),
    ],
)
def test_a_republication_credit_line_marks_the_document_a_copy_and_is_furniture(credit, where):
    body = "The ferry ran aground off Velora on Sunday.\n\nThe coast guard said all 40 passengers were safe."
    raw = f"{credit}\n\n{body}" if where == "start" else f"{body}\n\n{credit}\n"
    doc = text_document(raw, doc="a", path="a")
    assert doc.credit == credit.strip()
    assert credit not in doc.text and "all 40 passengers were safe" in doc.text and len(doc.text) == len(raw)


def test_a_sentence_of_the_article_that_opens_like_a_credit_is_no_credit():
    lead = "The report was published on Tuesday by the harbour authority and found the pier unsafe.\n\nMore to come."
    assert text_document(lead, doc="a", path="a").credit is None
    raw = (
        "Ferry Book Returns\n\nThe pier museum reopened on Sunday.\n\nThe curator showed the old logbooks.\n\n"
        "Originally published in 1850, the skipper's diary was reprinted by the museum.\n\n"
        "The museum said it would stay open all summer.\n\nVisitors queued along the quay.\n\nEntry is free."
    )
    assert text_document(raw, doc="a", path="a").credit is None


def test_leading_agency_line():
    doc = text_document("PTI\n\nNew Delhi\n\nThe minister said the talks went well.", doc="a", path="a")
    assert doc.outlet == "PTI" and doc.dateline == "New Delhi"


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        (
            "Friday, March 6, 2026\nHarbour pier shut after inspectors find cracks\n",
            "Harbour pier shut after inspectors find cracks",
        ),
        ("Updated: Mar 6, 2026 4:10pm EST\nHarbour pier shut to ferries\n", "Harbour pier shut to ferries"),
        ("Harbour pier shut to ferries\nPublished on Friday, 6 March 2026\n", "Harbour pier shut to ferries"),
        ("March 2026 review\nThe pier was shut.\n", "March 2026 review"),  # a month is no date line
    ],
)
def test_a_line_that_only_dates_the_article_is_not_its_headline_but_its_date(opening, title):
    doc = text_document(
        opening + "\nThe harbour authority shut the pier on Friday, officials said.\n", doc="d", path="d"
    )
    assert doc.title == title
    assert doc.published == (None if opening.startswith("March 2026") else "2026-03-06")


def test_decoding_fallbacks():
    assert decode_bytes(codecs.BOM_UTF8 + "café".encode()).encoding == "utf-8-sig"
    assert decode_bytes(codecs.BOM_UTF16_LE + "café".encode("utf-16-le")).text == "café"
    assert decode_bytes("café “quoted”".encode("cp1252")).encoding == "cp1252"
    with pytest.raises(ValueError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")


@pytest.mark.parametrize("data,reason", [(b"", "empty"), (b"   \n\t ", "empty"), (b"GIF89a\x00\x01", "binary")])
def test_bad_files_become_problems(data, reason):
    problem = one(data)
    assert isinstance(problem, InputProblem) and reason in problem.reason


def test_jsonl_gives_one_document_per_line_and_reports_bad_lines():
    data = b'{"id": "x1", "text": "He said it.", "outlet": "Wire"}\nnot json\n{"text": "She said so."}\n'
    items = list(documents_from_bytes(data, path="f.jsonl", name="f.jsonl"))
    assert [type(i) for i in items] == [Document, InputProblem, Document]
    assert items[0].doc == "x1" and items[0].outlet == "Wire"
    assert items[1].path == "f.jsonl:2"
    assert items[2].doc == "f.jsonl:3"


def test_html_main_text_maps_back_into_the_page():
    raw = (
        "<html><head><title>T</title><meta property='og:site_name' content='Daily Paper'></head><body>"
        "<nav>Home | World</nav><article><h1>Big news</h1><p>The mayor said the bridge &amp; road "
        "would open.</p><p>“It is done,” she said.</p></article><footer>© 2024</footer></body></html>"
    )
    doc = html_document(raw, doc="p.html", path="p.html")
    assert doc.outlet == "Daily Paper"
    assert "Home" not in doc.text and "2024" not in doc.text
    start = doc.text.index("The mayor")
    rs, re_ = doc.raw_span(start, start + len("The mayor said"))
    assert raw[rs:re_] == "The mayor said"
    q = doc.text.index("It is done")
    rs, re_ = doc.raw_span(q, q + len("It is done"))
    assert raw[rs:re_] == "It is done"


def test_missing_paths_and_empty_folders_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "ok.txt").write_text("The minister said the talks went well.")
    items = list(read_documents([str(tmp_path / "nope.txt"), str(tmp_path / "empty"), str(tmp_path / "ok.txt")]))
    assert isinstance(items[0], InputProblem) and "no such file" in items[0].reason
    assert isinstance(items[1], InputProblem) and "no readable" in items[1].reason
    assert isinstance(items[2], Document) and items[2].doc == "ok.txt"


def test_folders_are_walked_recursively_with_relative_names(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("He said yes.")
    (tmp_path / "a" / "y.md").write_text("She said no.")
    (tmp_path / "a" / "skip.png").write_bytes(b"\x89PNG")
    items = list(read_documents([str(tmp_path / "a")]))
    names = [d.doc for d in items if not isinstance(d, InputProblem)]
    assert names == ["y.md", "b/x.txt"] or names == ["b/x.txt", "y.md"]
    [skipped] = [p for p in items if isinstance(p, InputProblem)]  # the png is named, not read
    assert (skipped.severity, skipped.reason) == ("warning", "skipped 1 file(s) of other formats (.png)")


def test_remote_folders_globs_and_files_are_read_through_fsspec():
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/news/wire/a.txt", b"Rain fell on Lyon, police said.\n")
    fs.pipe("/news/wire/b.jsonl", b'{"id": "b1", "text": "Rain fell on Paris, the mayor said."}\n')
    fs.pipe("/news/wire/notes.csv", b"x,y\n")
    found = list(read_documents(["memory://news/"]))
    assert sorted(d.doc for d in found if isinstance(d, Document)) == ["b1", "wire/a.txt"]
    [path] = [d.path for d in found if isinstance(d, Document) and d.doc == "wire/a.txt"]
    assert path.startswith("memory://") and path.endswith("/news/wire/a.txt")  # what a worker opens
    assert [d.doc for d in read_documents(["memory://news/*/*.txt"])] == ["a.txt"]
    [missing] = read_documents(["memory://news/gone.txt"])
    assert isinstance(missing, InputProblem) and missing.reason == "no such file or directory"
    [unknown] = read_documents(["nosuchstore://bucket/a.txt"])
    assert isinstance(unknown, InputProblem) and unknown.reason.startswith("cannot read (")


def test_a_credit_line_at_the_top_is_metadata_not_the_end_of_the_article():
    raw = (
        "Published in The Averly Herald, May 4th, 2026\n\n"
        "The ferry will stop running to Dunmore in June, the harbour board said on Monday.\n"
    )
    doc = text_document(raw, doc="a", path="a")
    assert doc.outlet == "The Averly Herald" and doc.published == "2026-05-04"
    assert "the harbour board said" in doc.text and doc.body.end > raw.index("harbour")
    assert "Averly" not in doc.text and len(doc.text) == len(raw)


@pytest.mark.parametrize(
    ("header", "outlet", "published", "byline"),
    [
        ("By Carla Mendes\n\n", None, None, "Carla Mendes"),
        ("Harbour Gazette\nPublished: 2026-03-02\n\n", "Harbour Gazette", "2026-03-02", None),
        ("Posted on 4 May 2026\nBy Carla Mendes\n\n", None, "2026-05-04", "Carla Mendes"),
        ("Riverton Post, 12 May 2026\n\n", "Riverton Post", "2026-05-12", None),
        ("Riverton Post, 12 May 2026\nBy Carla Mendes\n\n", "Riverton Post", "2026-05-12", "Carla Mendes"),
    ],
)
def test_the_usual_plain_text_headers_give_outlet_date_and_byline(header, outlet, published, byline):
    body = "Ferry fares will rise by a fifth in June, the operator said on Monday.\n"
    doc = text_document(header + body, doc="a", path="a")
    assert (doc.outlet, doc.published, doc.byline) == (outlet, published, byline)
    assert doc.text.strip() == body.strip() and len(doc.text) == len(header + body)


def test_a_headline_above_the_article_is_no_masthead():
    raw = "Ferry Fares Rise\n\nFerry fares will rise by a fifth in June, the operator said on Monday.\n"
    doc = text_document(raw, doc="a", path="a")
    assert doc.outlet is None and "Ferry Fares Rise" in doc.text


def test_an_rtf_file_is_refused_in_one_line_not_read_as_an_article():
    rtf = rb"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard The mayor said the pier would reopen.\par}"
    [problem] = list(documents_from_bytes(rtf, path="note.rtf", name="note.rtf"))
    assert isinstance(problem, InputProblem) and "RTF" in problem.reason


def test_reading_a_page_of_one_repeated_word_compares_pieces_of_bounded_size(monkeypatch):
    """Word alignment cuts page and article at words they share once; what is left to compare word by word
    stays within a budget (a 100 KB page of one word repeated took 40 s when compared whole)."""
    import difflib

    from provenance.ingest import html as html_module

    exact: list[int] = []
    real = difflib.SequenceMatcher

    def counted(isjunk=None, a="", b="", autojunk=True):  # noqa: ANN001, ANN202
        if not autojunk:
            exact.append(len(a) * len(b))
        return real(isjunk, a, b, autojunk=autojunk)

    monkeypatch.setattr(difflib, "SequenceMatcher", counted)
    words = " ".join(["harbour"] * 20_000)
    raw = f"<html><body><nav>{words}</nav><article><p>{words}</p></article></body></html>"
    monkeypatch.setattr(html_module, "_article_text", lambda raw: words)
    doc = html_document(raw, doc="p.html", path="p.html")
    assert doc.text.count("harbour") >= 20_000
    assert max(exact, default=0) <= html_module._ALIGN_BUDGET


def test_matching_blocks_agree_with_an_exact_comparison_on_ordinary_text():
    import difflib
    import random

    from provenance.ingest.html import matching_blocks

    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(2000)]
    page = [rng.choice(vocabulary) for _ in range(600)]
    article = [w if rng.random() > 0.05 else "changed" for w in page[100:500]]
    exact = difflib.SequenceMatcher(None, page, article, autojunk=False).get_matching_blocks()
    assert sum(n for *_, n in matching_blocks(page, article)) == sum(b.size for b in exact)


def test_unmatched_end_tags_cost_one_step_each_not_a_scan_of_the_open_tags():
    from provenance.ingest.html import _MainTextParser

    raw = "<html><body>" + "<div>" * 20_000 + "</span>" * 20_000 + "<p>Text.</p></div>"
    parser = _MainTextParser(raw)
    parser.feed(raw)
    parser.close()
    assert parser.steps <= 2 * (20_000 + 3)  # each tag opened once and closed at most once
    # "</div>" closes the innermost div only; the unmatched "</span>"s closed nothing
    assert len(parser.stack) == 2 + 20_000 - 1 and parser.stack[-1][0] == "div"


def test_a_date_with_a_time_zone_dateutil_does_not_know_is_read_without_a_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dateutil warned on stderr, once per file ("tzname PDT identified ...")
        doc = text_document(
            "Harbour pier shut to ferries\nPOSTED: 04 / 02 / 07, 9:00 PM PDT |\n\nThe pier was shut, officials said.\n",
            doc="d",
            path="d",
        )
    assert doc.title == "Harbour pier shut to ferries"
