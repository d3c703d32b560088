"""What the article says about itself, and what is not article: outlet, agency, dateline,
date and byline from credit lines and datelines; page furniture blanked out with
spaces so that every position still points at the same character of the file.
"""

from __future__ import annotations

import re
from itertools import islice

from dateutil import parser as dateparser

from ..lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS, lexicon
from ..records import Document, Span


def text_document(raw: str, *, doc: str, path: str, encoding: str = "utf-8") -> Document:
    """A plain-text article: detect metadata, blank out boilerplate, keep positions."""
    document = Document(doc=doc, path=path, raw=raw, text=raw, encoding=encoding)
    apply_metadata_and_boilerplate(document)
    return document


def known_agencies() -> dict[str, str]:
    """Lower-cased agency name -> canonical spelling, from data/agencies.txt."""
    return lexicon().agencies


# Lines that end the article: everything from here on is page furniture.
_END_OF_ARTICLE = re.compile(
    r"^[ \t]*(published in\b.{0,60}\d{4}|posted in:|blog comments powered by|related (articles|stories|news|coverage)\b"
    r"|more (stories|from)\b|you may also like|recommended for you|copyright\b|\(c\) \d{4}|©|all rights reserved"
    r"|share this (article|story)|sign up for our|follow us on)",
    re.I | re.M,
)
# Single lines of furniture inside the article.
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(advertisement|story continues below|click here to|read more:|subscribe (now|today)|listen to this article"
    r"|by .{2,60}\bsource:.{0,60}published:.*|source:.{2,60}published:.*)[ \t]*$",
    re.I | re.M,
)
# A line by which a document declares itself a republication of another outlet's article.
_CREDIT = re.compile(
    r"^[ \t]*(?:(?:this|the) (?:article|story|piece|column|post) (?:was |is |has been )?(?:originally|first) "
    r"(?:published|appeared|ran)|this (?:article|story|piece|column|post) (?:was |has )?(?:published|appeared|ran) "
    r"(?:in|on|by|at)|(?:originally|first) (?:published|appeared) (?:by|in|on|at)"
    r"|(?:re-?published|reprinted|reproduced|syndicated|distributed)(?: here)? (?:by|with|under|from|courtesy)"
    r"|courtesy of)\b[^\n]{0,200}$",
    re.I | re.M,
)
_LINE = re.compile(r"[^\n]+")
CREDIT_LINES = 3  # a credit line stands among the first or the last few lines of a document
_PUBLISHED_IN = re.compile(
    r"^[ \t]*published in (?P<outlet>[A-Z][\w .&'-]{1,40}?), (?P<date>[^\n]{6,40}?)[ \t]*$", re.I | re.M
)
_SOURCE_PUBLISHED = re.compile(
    r"^[ \t]*(?:by (?P<byline>[^\n]{2,60}?)\s+)?source:\s*(?P<outlet>[^\n]{2,60}?)\s+published:\s*(?P<date>[\d/ :-]{8,30})",
    re.I | re.M,
)
_AGENCY_DATELINE = re.compile(  # "LONDON (Reuters) -", "ORAN HARBOUR, March 3 (AP) —", at the start of a line
    r"^[ \t]*(?P<place>[A-Za-z][\w .,'/-]{1,40}?)\s*\(\s*(?P<agency>[A-Za-z][A-Za-z .&-]{1,30}?)\s*\)\s*[-–—:]+\s",
    re.M,
)
_DAY_AFTER_PLACE = re.compile(r",\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}$")  # "LONDON, March 2": the place is LONDON
_CAPS_DATELINE = re.compile(r"\A\s*(?P<place>[A-Z][A-Z .'-]{2,30})(?:,[^:\n]{0,30})?\s*[:—–-]\s+(?=[A-Z])")
_BYLINE = re.compile(
    r"^[ \t]*[Bb]y (?P<name>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?: and [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})?)[ \t]*$",
    re.M,
)


HEADER_LINES = 4  # lines before the article that may name its outlet, date and author
# "Published: 2026-03-02", "Posted on 4 May 2026", "Date: March 3, 2026": a labelled date
_LABELLED_DATE = re.compile(
    # "Published in Ellis Today, June 3rd, 2026" names an outlet: its words are no date to be fuzzy-read
    r"^[ \t]*(?:published|posted|date|dated)(?!\s+in\b)(?:\s+on)?\s*:?\s*(?P<date>[^\n]{6,40}?)[ \t]*$",
    re.I,
)
# "Riverton Post, 12 May 2026", "Published in The Averly Herald, May 4th, 2026": an outlet and a date
_OUTLET_DATE = re.compile(
    r"^[ \t]*(?:[Pp]ublished in\s+)?(?P<outlet>(?:The\s+)?[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,4}),\s*"
    r"(?P<date>[^\n]{6,40}?)[ \t]*$"
)
_MASTHEAD = re.compile(r"^[ \t]*(?:The\s+)?[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3}[ \t]*$")


def _full_date(value: str) -> str | None:
    """The ISO date of a text that is a date with a day and a year, and nothing else of note."""
    if not re.search(r"\b(?:19|20)\d\d\b", value) or len(re.findall(r"[^\W\d_]{3,}", value)) > 3:
        return None
    day = re.search(
        r"(?<![\d-])(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d])", re.sub(r"\b(?:19|20)\d\d\b", "", value)
    )
    if day is None and not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        return None
    return normalize_date(value)


def _header(text: str, document: Document) -> list[Span]:
    """The metadata lines an article opens with, read into the document and returned to be blanked: a
    labelled date ("Published: 2026-03-02"), an outlet with its
    date ("Riverton Post, 12 May 2026", "Published in The Averly Herald, May 4th, 2026"), a byline ("By Carla
    Mendes"), and a masthead naming the outlet right above a labelled date ("Harbour Gazette" / "Published:
    2026-03-02"). Never a speaker, never the end of the article."""
    lines = [m for m in islice((m for m in _LINE.finditer(text) if m.group(0).strip()), HEADER_LINES)]
    found: list[Span] = []
    for n, line in enumerate(lines):
        value = line.group(0)
        labelled = _LABELLED_DATE.match(value)
        outlet_date = _OUTLET_DATE.match(value)
        byline = _BYLINE.match(value)
        if labelled and _full_date(labelled.group("date")):
            document.published = document.published or _full_date(labelled.group("date"))
            if (
                n > 0
                and _MASTHEAD.match(lines[n - 1].group(0))
                and Span(lines[n - 1].start(), lines[n - 1].end()) not in found
            ):
                if n - 1 > 0 or len(lines) > n + 1:
                    document.outlet = document.outlet or lines[n - 1].group(0).strip()
                    found.append(Span(lines[n - 1].start(), lines[n - 1].end()))
        elif (
            outlet_date
            and _full_date(outlet_date.group("date"))
            and outlet_date.group("outlet").split()[0].lower().rstrip(".") not in _DATE_LINE_WORDS
            and not outlet_date.group("outlet").isupper()  # "WASHINGTON, DC, April 28, 2009" is a dateline
        ):
            document.outlet = document.outlet or outlet_date.group("outlet").strip()
            document.published = document.published or _full_date(outlet_date.group("date"))
        elif byline:
            document.byline = document.byline or byline.group("name")
        elif value.rstrip().endswith((".", "?", "!", '"', "”", ":")):
            break  # the article has begun: what follows is its text, whatever it says
        else:
            continue  # a headline or a masthead
        found.append(Span(line.start(), line.end()))
    return found


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, keeping newlines, so positions stay put."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _credit_line(text: str, body_end: int) -> re.Match[str] | None:
    """The line declaring the document a republication ("Republished by X under licence", "This article first
    appeared in Y"), among its first or last CREDIT_LINES lines of text; a sentence of the article that opens
    the same way ("Originally published in 1850, the novel ...") stands in its middle."""
    first = islice((m.span() for m in _LINE.finditer(text, 0, body_end) if m.group(0).strip()), CREDIT_LINES)
    for start, end in [*first, *_last_lines(text, body_end, CREDIT_LINES)]:
        found = _CREDIT.match(text, start, end)
        if found is not None:
            return found
    return None


def _last_lines(text: str, end: int, count: int) -> list[tuple[int, int]]:
    """The (start, end) of the last `count` non-blank lines before `end`, last first, read from the end
    (a long document's other lines are never listed)."""
    found: list[tuple[int, int]] = []
    while end > 0 and len(found) < count:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            found.append((start, end))
        end = start - 1
    return found


def normalize_date(value: str) -> str | None:
    """The ISO date of a written date. Its time zone is never read: the date is what counts, and dateutil
    warns on stderr at zone names it does not know ("6:50pm PDT"), to raise an error in later versions."""
    value = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.strip())
    try:
        return dateparser.parse(value, fuzzy=True, dayfirst=False, ignoretz=True).date().isoformat()
    except (ValueError, OverflowError, TypeError):
        return None


_MONTHS = [*MONTHS, *MONTH_ABBREVIATIONS]
_WEEKDAYS = [*WEEKDAYS, *WEEKDAY_ABBREVIATIONS]
# the words a line that only dates its article may hold besides the date: "Updated: Fri Aug 2, 2013 6:50pm EDT"
_DATE_LINE_WORDS = {
    *_MONTHS,
    *_WEEKDAYS,
    *"published updated posted last modified on at am pm a m p st nd rd th".split(),
    *"edt est et cdt cst mdt mst pdt pst gmt bst cet cest utc ist aest".split(),
}
_DATE_LINES_READ = 3  # a date line comes first, or after the headline (and a kicker)


def _date_line(line: str) -> str | None:
    """The ISO date a line consists of ("Tuesday, March 3, 2026", "Updated: Mar 3, 2026 4:10pm EST",
    "Published on Tuesday, 3 March 2026"), or None when the line says anything else."""
    words = re.findall(r"[^\W\d_]+", line.lower())
    if len(line) > 60 or not re.search(r"\b(?:19|20)\d\d\b", line) or not words:
        return None
    if not set(words) <= _DATE_LINE_WORDS or not any(w in _MONTHS for w in words):
        return None
    date = re.sub(r"\d{1,2}\s*:\s*\d\d(?:\s*:\s*\d\d)?\s*(?:[ap]\.?\s?m\.?)?", " ", line)  # the time of day
    date = " ".join(
        w for w in re.findall(r"[\w]+", date) if w.lower() in _MONTHS or w.lower() in _WEEKDAYS or w[0].isdigit()
    )
    if not re.search(r"(?<!\d)(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\d)", date):
        return None  # "May 2015" gives no day
    return normalize_date(date)


def _headline(lines: list[str]) -> str | None:
    """A first line that reads as a headline: short, and not a sentence running into the body."""
    first = next((line for line in lines if line), "")
    if 8 <= len(first) <= 120 and not first.endswith((".", ":", ",")) and len(first.split()) >= 2:
        return first
    return None


def _opening(text: str) -> tuple[str | None, str | None]:
    """The headline a plain-text article opens with and the date of a line that only dates it (a saved
    page's "Tuesday, March 3, 2026" above or below "Harbour pier shut after inspectors find cracks"): a
    date is no headline."""
    lines = [line.strip() for line in text.splitlines()[:20] if line.strip()]
    day = None
    for n, line in enumerate(lines[:_DATE_LINES_READ]):
        day = _date_line(line)
        if day:
            del lines[n]
            break
    while lines and _credit_above(lines[0]):
        del lines[0]  # "Published in The Averly Herald, May 4th, 2026" above the headline: no headline either
    return _headline(lines), day


def _credit_above(line: str) -> bool:
    found = _PUBLISHED_IN.match(line)
    return bool(found and _full_date(found.group("date")))


def apply_metadata_and_boilerplate(document: Document) -> None:
    text = document.text
    if document.offsets is None and not document.title:
        document.title, day = _opening(text)
        document.published = document.published or day
    agencies = known_agencies()
    boilerplate: list[Span] = []

    header = _header(text, document)
    boilerplate.extend(header)
    # what ends the article stands after its first lines: "Published in ..." above the headline is metadata
    end = _END_OF_ARTICLE.search(text, header[-1].end if header else 0)
    while end is not None and not text[: end.start()].strip():
        end = _END_OF_ARTICLE.search(text, end.end())
    body_end = end.start() if end else len(text.rstrip())
    if end:
        published = _PUBLISHED_IN.match(text, end.start())
        if published:
            document.outlet = published.group("outlet").strip()
            document.published = normalize_date(published.group("date"))
        boilerplate.append(Span(end.start(), len(text)))
    for line in _FURNITURE_LINE.finditer(text, 0, body_end):
        boilerplate.append(Span(line.start(), line.end()))
        meta = _SOURCE_PUBLISHED.match(line.group(0))
        if meta:
            document.outlet = document.outlet or meta.group("outlet").strip()
            document.published = document.published or normalize_date(meta.group("date"))
            if meta.group("byline"):
                document.byline = meta.group("byline").strip()

    head = text[:400]
    # the dateline opens the article's first paragraph, under a headline or a byline when there is one
    opening = islice((line for line in _LINE.finditer(text) if line.group(0).strip()), HEADER_LINES)
    found = (_AGENCY_DATELINE.match(text, line.start()) for line in opening)
    dateline = next((d for d in found if d and d.group("agency").strip().lower() in agencies), None)
    if dateline:
        document.agency = agencies[dateline.group("agency").strip().lower()]
        document.dateline = _DAY_AFTER_PLACE.sub("", dateline.group("place").strip())
    else:
        caps = _CAPS_DATELINE.match(head)
        if caps:
            document.dateline = caps.group("place").strip()
    lines = [m for m in re.finditer(r"[^\n]+", head) if m.group(0).strip()]
    if lines and lines[0].group(0).strip().lower() in agencies:
        document.agency = agencies[lines[0].group(0).strip().lower()]
        boilerplate.append(Span(lines[0].start(), lines[0].end()))
        if len(lines) > 1 and re.fullmatch(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}", lines[1].group(0).strip()):
            document.dateline = lines[1].group(0).strip()
            boilerplate.append(Span(lines[1].start(), lines[1].end()))
    if not document.byline:
        byline = _BYLINE.search(head)
        if byline:
            document.byline = byline.group("name")
            boilerplate.append(Span(byline.start(), byline.end()))
    if not document.outlet and document.agency:
        document.outlet = document.agency
    credit = _credit_line(text, body_end)
    if credit is not None:
        document.credit = credit.group(0).strip()
        boilerplate.append(Span(credit.start(), credit.end()))

    for span in boilerplate:
        text = _blank(text, span.start, span.end)
    document.text = text
    document.boilerplate = sorted(boilerplate, key=lambda s: s.start)
    document.body = Span(0, body_end)
