"""Figures: every stated number, with its value, hedge and what it counts.

Reads tokens rather than raw characters so that the parse can say what a number
counts ("Nearly 1,000 public security officials and political leaders" counts
"public security officials and political leaders"). Covers digits with
separators and scale words ("1.2 million", "$3m"), number words ("three", "a
dozen"), fractions ("almost half", "two-thirds", "one in five"), percentages,
ordinals that state a fact ("86th General Assembly", "second largest") and
ranges (one figure: "between 10 and 15" has value 10 and upper 15; "prices range
from $5 to $9" too, while "fell from 150 pounds to 138" is two figures, a change). Dates,
times, years, decades and numbers inside ids or links are not figures. Word
lists (number words, hedges) live in `data/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import MONTH_ABBREVIATIONS, MONTHS, NumberWord, lexicon
from .guard import guarded

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_CODED_AMOUNT = re.compile(r"^(US|A|C|NZ|HK|S)[+-]?\d")  # the rest of "$US55,931,000" after "$"
_CAMEL = re.compile(r"^[a-z]+[A-Z]\w*$")  # "iPhone", "eBay": product names a number belongs to
_DIGITS_SCALED = re.compile(r"^(\d+(?:\.\d+)?)(m|mn|bn|k|tn|pc)$", re.I)
_DIGIT_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$", re.I)
_TIME = re.compile(r"^\d{1,2}:\d{2}$|^\d{1,2}(?:[:.]\d{2})?(?:am|pm|a\.m\.|p\.m\.)$", re.I)
# One token holding a number, maybe with a currency before it and a unit, scale or % glued after:
# "1,000", ".001", "+0.2", "minus-5", "PS2.7m", "Y=28,030", "6kW", "10pc", "86th", "~45" (approx: see _figures).
_NUMBER_TOKEN = re.compile(
    r"^[~≈]?(?P<cur>PS|Y=|HK\$|US\$|\$US|\$A|A\$|C\$|S\$|NZ\$|USD|EUR|GBP|RM|Rs\.?|[$€£¥₹])?(?P<sign>[+-]|minus-)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)(?P<suffix>[a-zA-Z/%°″′]+)?$"
)
_SCALE_SUFFIX = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "tr": 1e12}
_MONTHS = {*MONTHS, *MONTH_ABBREVIATIONS}
_TIME_WORDS = {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "et", "est", "edt", "pst", "pdt", "bst", "cet", "ist"}
_CURRENCY = {
    "$": "dollars",
    "us$": "US dollars",
    "€": "euros",
    "£": "pounds",
    "¥": "yen",
    "₹": "rupees",
    "rs": "rupees",
    "rs.": "rupees",
    "usd": "US dollars",
    "eur": "euros",
    "gbp": "pounds",
}
_PERCENT = {"%", "percent", "per cent", "pc", "percentage"}
_SUPERLATIVE_TAGS = {"JJS", "RBS"}
_UNIT_WORDS = {
    "sq",
    "square",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "tons",
    "tonnes",
    "acres",
    "hectares",
    "feet",
    "ft",
    "kg",
    "mw",
    "gw",
    "barrels",
}
# Units written as capitalized symbols, which the tagger may read as proper nouns ("300 Hz").
_UNIT_SYMBOLS = {
    "Hz",
    "kHz",
    "MHz",
    "GHz",
    "kW",
    "MW",
    "GW",
    "kWh",
    "MWh",
    "GWh",
    "TWh",
    "Pa",
    "kPa",
    "MPa",
    "GPa",
    "dB",
    "Nm",
    "V",
    "kV",
    "W",
    "Wh",
    "mAh",
    "J",
    "kJ",
    "F",  # farads or degrees Fahrenheit: a unit either way
    "C",
    "K",
}
_LABEL_NOUNS = {
    "category",
    "level",
    "phase",
    "grade",
    "channel",
    "page",
    "chapter",
    "article",
    "section",
    "route",
    "highway",
    "room",
    "gate",
    "platform",
    "flight",
    "number",
    "no",
    "no.",
    "version",
    "season",
    "episode",
    "week",
    "day",
    "stage",
    "round",
    "act",
    "verse",
    "psalm",
    "row",
    "seat",
    "apt",
    "unit",
    "suite",
}
_STREET_WORDS = {
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "way",
    "drive",
    "dr",
    "lane",
    "ln",
    "boulevard",
    "blvd",
    "place",
    "pl",
    "court",
    "ct",
    "terrace",
    "square",
    "parkway",
    "highway",
}
_ORDINAL_COMPOUNDS = {"baseman", "lady", "responder", "aid", "cousin", "officer", "mate", "lieutenant", "grader"}
_POSTCODE_WORDS = {"zip", "postcode", "postal"}


def _street_address(doc: Doc, start: int, end: int) -> bool:
    """ "575 Wilbraham Road", "9 E 71st St": a house number, then capitalised words ending in a street
    word; or a numbered street ("71st St")."""
    numbered = bool(_DIGIT_ORDINAL.match(doc[start].text))
    for k in range(end, min(end + 4, len(doc))):
        word = doc[k].text.rstrip(".")
        if not (word[:1].isupper() or _DIGIT_ORDINAL.match(word)):
            return False
        if word.lower() in _STREET_WORDS and (k > end or numbered):
            return True
    return False


def _scaled(doc: Doc, start: int, end: int) -> bool:
    """Whether a number phrase has a scale word of its own ("$2.1 billion", "3m")."""
    return any(_word(t, "scale") or _DIGITS_SCALED.match(t.text) for t in doc[start:end])


_RANGE_HEADS = {"range", "vary", "run", "span"}
# what "two in 10 ..." counts when it is no fraction: a stretch of time or play
_SPAN_WORDS = {"second", "minute", "hour", "day", "week", "month", "year", "game", "match", "season", "race", "start"}


def _from_change(doc: Doc, start: int, own_unit: bool) -> bool:
    """Whether a number opens "from X to Y" or "by X to Y" told as a change ("fell from 150 to 138", "grew by
    $2.1 billion to $88.4 billion": two figures), not as a range ("rents range from $900 to $2,500", "flats
    from $200,000 to $2 million", "rose by 2 to 3 metres"). `own_unit`: X carries its own currency, percent
    or scale word."""
    if start == 0 or doc[start - 1].lower_ not in ("from", "by"):
        return False
    if doc[start - 1].lower_ == "by":  # "dropped by 1 to 1.5 degrees" is a range of the change
        return own_unit
    head = doc[start - 1].head
    return not (head.lemma_.lower() in _RANGE_HEADS or head.pos_ in ("NOUN", "PROPN", "PRON"))


@dataclass
class FigureMention:
    """One stated figure, in character offsets of `doc.text`."""

    start: int
    end: int
    value: float
    hedge: str
    object: str
    kind: str  # cardinal | fraction | percent | money | ordinal
    upper: float | None = None  # a range's upper end ("10 to 15": value 10, upper 15)


def number_words() -> dict[str, list[NumberWord]]:
    return lexicon().number_words


def hedge_phrases() -> list[tuple[str, str, tuple[str, ...]]]:
    """(hedge, position, words) longest first, from data/hedges.txt."""
    return lexicon().hedges


@lru_cache(maxsize=1)
def _starter_words() -> frozenset[str]:
    """Words that can open a figure without a digit: number words, "a" (dozen), currencies."""
    return frozenset(number_words()) | {"a", "one", "minus"} | set(_CURRENCY)


def _word(tok: Token, kind: str) -> NumberWord | None:
    text = tok.lower_
    if kind == "scale" and len(text) <= 3 and text.endswith("."):
        text = text[:-1]  # "¥500m." ends a sentence: the tokenizer keeps the full stop on "m."
    if text == "score" and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "of"):
        return None  # "a score of protesters" is twenty; "the final score was 3-1" is no number
    for entry in number_words().get(text, []):
        if entry.kind == kind:
            return entry
    return None


def _suspended(doc: Doc, i: int) -> tuple[float, Token] | None:
    """(value, counted noun) of a number left hanging by its hyphen until a later compound completes it:
    "two-" in "two-, three- and four-bedroom suites" counts bedrooms too."""
    text = doc[i].lower_
    if len(text) < 2 or not text.endswith("-"):
        return None
    stem = text[:-1]
    entry = next((w for w in number_words().get(stem, []) if w.kind == "cardinal"), None)
    value = entry.value if entry is not None else float(stem) if stem.isdigit() else None
    if value is None:
        return None
    for k in range(i + 1, min(len(doc) - 1, i + 8)):
        tok = doc[k]
        if tok.text == "-" and doc[k + 1].pos_ in ("NOUN", "PROPN"):
            return value, doc[k + 1]
        if not (tok.text in (",", "and", "or", "to") or tok.text.endswith("-") or tok.like_num):
            return None
    return None


def _digit_value(text: str) -> float | None:
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return None


def _dialled(doc: Doc, i: int) -> bool:
    """Whether token i is a group of a phone number: bare digit groups, one after another, the first with a
    leading zero ("0800 555111"): no count is written with one."""
    while i > 0 and doc[i].text.isdigit() and doc[i - 1].text.isdigit() and doc[i - 1].whitespace_:
        i -= 1
    first = doc[i].text
    return len(first) >= 3 and first.isdigit() and first.startswith("0")


def _is_dateish(doc: Doc, start: int, end: int) -> bool:
    """Years, decades, days of a month, clock times, and numbers inside ids or links."""
    tok = doc[start]
    text = tok.text
    year = re.sub(r"['’′]s$", "", text)  # "2022′s market rout"
    by_then = start > 0 and doc[start - 1].lower_ in ("by", "until", "till", "before")  # "by 2150": a year to come
    if re.fullmatch(r"\d{4}", year) and (1500 <= int(year) <= 2100 or by_then and int(year) < 3000):
        following = doc[end] if end < len(doc) else None
        counts_something = following is not None and (following.tag_ in ("NNS",) or following.lower_ in _UNIT_WORDS)
        if not counts_something:
            return True  # "in 2014"; but "1520 sq m", "2000 workers" are counts
    slash_fraction = "/" in text and end > start + 0 and end < len(doc) and doc[end].lower_ == "of"
    if re.fullmatch(r"\d{2,4}s|'\d{2}s?", text) or _TIME.match(text) or tok.like_url or tok.like_email:
        return True
    if "/" in text and not slash_fraction:
        return True
    neighbours = [doc[i] for i in (start - 1, start - 2, end, end + 1) if 0 <= i < len(doc)]
    if any(n.lower_.rstrip(".") in _MONTHS and n.is_title for n in neighbours[:1] + neighbours[2:3]):
        return True
    if end < len(doc) and doc[end].lower_ in _TIME_WORDS:
        return True
    if start > 0 and doc[start - 1].lower_ in _LABEL_NOUNS:
        return True  # "category 4", "page 12", "Channel 5": a label, not a count
    if text[:1].isdigit() and _street_address(doc, start, end):
        return True  # an address, not a count
    if any(doc[k].lower_ in _POSTCODE_WORDS for k in (start - 1, end) if 0 <= k < len(doc)):
        return True  # "the 90049 ZIP Code"
    if (
        start > 0
        and text[:1] == "-"
        and re.fullmatch(r"[A-Z]{2,6}", doc[start - 1].text)
        and len(text) > 1
        and text[1].isdigit()
    ):
        return True  # "COVID -19": the rest of a name, not minus nineteen
    if (
        1 < start
        and end < len(doc)
        and doc[start - 1].text == ","
        and doc[end].text == ","
        and doc[start - 2].ent_type_ == "PERSON"
        and tok.like_num
    ):
        return True  # "Jamie Armstrong, 25, said": an age after a name
    if _dialled(doc, start):
        return True  # "0800 555 111", "020 7946 0018": a number to dial, not a count
    if start >= 2 and doc[start - 1].text in ("-", "/") and not doc[start - 1].whitespace_ and doc[start - 2].like_num:
        return True  # the second half of "2-0" or "24/7"
    if (
        start > 0
        and not text.startswith(("+", "-"))
        and doc[start - 1].pos_ == "PROPN"
        and not doc[start - 1].whitespace_ == ""
        and (tok.dep_ == "compound" or doc[start - 1].dep_ == "compound" or tok.head == doc[start - 1])
    ):
        return True  # part of a name: "S&P 500", "Big 12", "iPhone 11"
    if start > 0 and _CAMEL.match(doc[start - 1].text) and not text.startswith(("+", "-")):
        return True  # "iPhone 12 Mini deal"
    following = doc[end] if end < len(doc) else None
    if (
        following is not None
        and following.tag_ == "NNP"
        and following.is_title
        and following.ent_type_ != "NORP"  # "12 Somali and 11 Yemeni nationals" are counted people
        and following.text not in _UNIT_SYMBOLS  # "300 Hz", "6 GW": a unit, not a model
        and text[:1].isdigit()
        and not _title_case(tok.sent)
        and (
            start == 0
            or doc[start - 1].pos_ == "PROPN"
            or tok.head == following
            or any(
                t.like_num and t.head == tok.head for t in doc[max(0, start - 3) : start]
            )  # "two new 787 Dreamliner jets"
        )
    ):
        return True  # "787 Dreamliner", "iPhone 11 Pro": a model named by a number, not a count
    if start > 0 and (
        doc[start - 1].text in ("#", "No.", "no.")
        or re.fullmatch(r"[A-Z]{1,3}-?", doc[start - 1].text)
        and doc[start - 1].whitespace_ == ""
    ):
        return True  # "No. 5", "F-150", "A2"
    if (
        end < len(doc)
        and doc[end].whitespace_ == ""
        and end + 1 < len(doc)
        and doc[end].text in ("-", "/")
        and doc[end + 1].like_num
        and doc[end - 1].text != "%"  # "5.25%-5.5%" is a range of rates
        and not (end + 2 < len(doc) and doc[end + 2].lower_ in ("%", "percent", "per"))  # and so is "40-45%"
    ):
        return True  # "9-11", "24/7"
    return False


def _title_case(sent: Span) -> bool:
    """A headline in title case ("Police Say 5 Killed In Crash"): capitals there name nothing."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) >= 0.7 * len(words)


class FigureFinder:
    """spaCy component: stated figures into `doc._.figures`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        if not Doc.has_extension("figures"):
            Doc.set_extension("figures", default=None)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        figures = self.match(doc)
        self.set_annotations(doc, figures)
        return doc

    def match(self, doc: Doc) -> list[FigureMention]:
        found: list[FigureMention] = []
        starters = _starter_words()
        i = 0
        while i < len(doc):
            tok = doc[i]
            if not (tok.lower_ in starters or tok.lower_[:-1] in starters or any(ch.isdigit() for ch in tok.text)):
                i += 1
                continue
            parsed = self._number(doc, i)
            if parsed is None:
                i += 1
                continue
            end, value, kind = parsed
            if _is_dateish(doc, i, end):
                i = end
                continue
            figures, i = self._figures(doc, i, end, value, kind, found)
            found.extend(figures)
        return found

    def set_annotations(self, doc: Doc, figures: list[FigureMention]) -> None:
        doc._.figures = figures

    # ------------------------------------------------------------ numbers

    def _number(self, doc: Doc, i: int, money_before: bool = False) -> tuple[int, float, str] | None:
        """(end token, value, kind) of a number phrase starting at token i (`money_before`: after a currency sign)."""
        tok = doc[i]
        lower = tok.lower_
        money = (
            lower in _CURRENCY
            and i + 1 < len(doc)
            and (
                doc[i + 1].like_num
                or _DIGITS_SCALED.match(doc[i + 1].text)
                or _CODED_AMOUNT.match(doc[i + 1].text)
                or doc[i + 1].text[:1] in "+-"
                and doc[i + 1].text[1:2].isdigit()
            )
        )
        if money:
            parsed = self._number(doc, i + 1, money_before=True)
            if parsed is None:
                return None
            return parsed[0], parsed[1], "money"
        if lower == "minus" and i + 1 < len(doc) and doc[i + 1].text[:1].isdigit():
            negated = self._number(doc, i + 1)  # "minus 233 Celsius"
            return (negated[0], -negated[1], negated[2]) if negated else None
        ordinal = _DIGIT_ORDINAL.match(tok.text)
        if ordinal:
            return i + 1, float(ordinal.group(1)), "ordinal"
        value = None
        j = i + 1
        # "¥500m." at a sentence end comes as one token with its full stop
        text = tok.text[:-1] if tok.text.endswith(".") and tok.text[-2:-1].isalpha() else tok.text
        if money_before and (coded := _CODED_AMOUNT.match(text)):
            text = text[coded.end(1) :]  # "$" then "US55,931,000": the code says which dollars
        number = _NUMBER_TOKEN.match(text)
        if number:
            value = float(number.group("num").replace(",", ""))
            sign = number.group("sign")
            if (
                sign == "minus-"
                or sign == "-"
                and (number.group("cur") or money_before or i == 0 or doc[i - 1].whitespace_)
            ):
                value = -value
            suffix = (number.group("suffix") or "").lower()
            if suffix.endswith("ers"):
                return None  # a name: "the 49ers", "76ers"
            kind = "money" if number.group("cur") or money_before else "cardinal"
            following = doc[i + 1] if i + 1 < len(doc) else None
            counted = following is not None and following.pos_ in ("NOUN", "PROPN") and not following.is_punct
            capital_scale = number.group("suffix") in ("M", "B", "K", "Bn", "BN")  # "4.3M sales": never metres
            if suffix in _SCALE_SUFFIX and (
                kind == "money" or suffix in ("bn", "mn", "tn") or counted or capital_scale
            ):
                return i + 1, value * _SCALE_SUFFIX[suffix], kind  # "$3m", "5bn", "5m people"; "12m (39ft)" is metres
            if suffix in ("pc", "%"):
                return i + 1, value, "percent"
            if suffix:
                return i + 1, value, "cardinal"  # a unit glued on: "6kW", "45g"
            if kind == "cardinal" and (fraction := self._fraction(doc, i)) is not None:
                return fraction  # "9 in 10 residents"
            if kind == "money":
                end, value, _ = self._scale(doc, j, value, money=True)
                return end, value, "money"
        if value is None and (hanging := _suspended(doc, i)) is not None:
            return i + 1, hanging[0], "cardinal"
        if value is None:
            fraction = self._fraction(doc, i)
            if fraction is not None:
                return fraction
            word = _word(tok, "cardinal")
            if word is None:
                if (
                    lower == "a"
                    and i + 1 < len(doc)
                    and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion")
                ):
                    return self._scale(doc, i + 2, number_words()[doc[i + 1].lower_][0].value)
                return self._ordinal_word(doc, i)
            value = word.value
            # "twenty-five", "twenty five"
            if j + 1 < len(doc) and doc[j].text == "-" and _word(doc[j + 1], "cardinal") and value >= 20:
                value += _word(doc[j + 1], "cardinal").value  # type: ignore[union-attr]
                j += 2
            elif j < len(doc) and value >= 20 and value % 10 == 0 and (w := _word(doc[j], "cardinal")) and w.value < 10:
                value += w.value
                j += 1
            if lower == "one" and not self._counts_one(doc, j):
                return None
        end, value, kind = self._scale(doc, j, value)
        if end < len(doc) and (
            doc[end].lower_ in _PERCENT
            or doc[end].lower_ == "per"
            and end + 1 < len(doc)
            and doc[end + 1].lower_ == "cent"
        ):
            return end + (2 if doc[end].lower_ == "per" else 1), value, "percent"
        return end, value, kind

    def _scale(self, doc: Doc, j: int, value: float, money: bool = False) -> tuple[int, float, str]:
        """Multiply by following scale words: "1.2 million", "two hundred thousand", "$13.6M"."""
        while j < len(doc) and (w := _word(doc[j], "scale")) is not None:
            short = len(doc[j].text.rstrip(".")) <= 2
            if short and doc[j - 1].whitespace_:
                break  # "5 m" is metres; "5m" and "$13.6M" are millions
            counted = j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "PROPN")
            glued_capital = doc[j].text in ("M", "B", "K") and not doc[j - 1].whitespace_
            if short and doc[j].lower_.rstrip(".") in ("m", "k", "b") and not (money or counted or glued_capital):
                break  # "12m (39ft)": metres, not millions; "4.3M digital sales" are millions
            value *= w.value
            j += 1
        return j, value, "cardinal"

    @staticmethod
    def _counts_one(doc: Doc, j: int) -> bool:
        """ "one" is a figure in "one in five" or "one million", not in "one diplomat" or "one of them"."""
        if j >= len(doc):
            return False
        nxt = doc[j].lower_
        return nxt in ("in", "hundred", "thousand", "million", "billion", "trillion") or nxt in _PERCENT

    def _fraction(self, doc: Doc, i: int) -> tuple[int, float, str] | None:
        tok = doc[i]
        lower = tok.lower_
        if lower in ("half", "halves") and not (i + 1 < len(doc) and doc[i + 1].text == "-"):
            if tok.dep_ in ("advmod",) and tok.head.pos_ == "ADJ":
                return None  # "half empty"
            if i + 1 < len(doc) and doc[i + 1].lower_ == "time":
                return None  # "at half time": a moment of a match
            return self._of_a_scale(doc, i + 1, 0.5) or (i + 1, 0.5, "fraction")
        # "one in five", "1 in 4"
        first = (
            _digit_value(tok.text)
            if _digit_value(tok.text) is not None
            else (w.value if (w := _word(tok, "cardinal")) else None)
        )
        # "one out of three"
        k_in = i + 1 if i + 1 < len(doc) and doc[i + 1].lower_ == "in" else None
        if i + 2 < len(doc) and doc[i + 1].lower_ == "out" and doc[i + 2].lower_ == "of":
            k_in = i + 2
        if first is not None and k_in is not None and k_in + 1 < len(doc):
            denominator = _digit_value(doc[k_in + 1].text) or ((w := _word(doc[k_in + 1], "cardinal")) and w.value)
            after = doc[k_in + 2].lemma_.lower() if k_in + 2 < len(doc) else ""
            # "nine in 10 residents"; not "two in 10 minutes" or "5 in 2019"
            if denominator and first < denominator <= 1000 and after not in _SPAN_WORDS:
                return k_in + 2, first / denominator, "fraction"
        # "1/16 of a pint"
        slash = re.fullmatch(r"(\d{1,3})[/⁄](\d{1,3})", tok.text)  # a slash or the fraction slash
        if slash and i + 1 < len(doc) and doc[i + 1].lower_ == "of" and int(slash.group(2)):
            return i + 1, int(slash.group(1)) / int(slash.group(2)), "fraction"
        # "two-thirds", "three quarters", "a third of", "a quarter of"
        numerator = first if first is not None else (1.0 if lower in ("a", "one") else None)
        k = i + 1
        if numerator is not None and k < len(doc) and doc[k].text == "-":
            k += 1
        if numerator is not None and k < len(doc):
            part = _word(doc[k], "fraction")
            if part is not None and doc[k].lower_ != "half":
                plural = doc[k].lower_.endswith("s")
                # "cut by a third": after "by", a part of something with no noun after it
                by_a_part = (
                    lower == "a"
                    and i > 0
                    and doc[i - 1].lower_ == "by"
                    and (k + 1 >= len(doc) or doc[k + 1].pos_ not in ("NOUN", "PROPN", "ADJ"))
                )
                if plural or by_a_part or lower in ("a", "one") and k + 1 < len(doc) and doc[k + 1].lower_ == "of":
                    value = numerator * part.value
                    return self._of_a_scale(doc, k + 1, value) or (k + 1, value, "fraction")
        return None

    @staticmethod
    def _of_a_scale(doc: Doc, j: int, fraction: float) -> tuple[int, float, str] | None:
        """ "a quarter of a million", "half a million": the fraction of a magnitude is a count."""
        if j < len(doc) and doc[j].lower_ == "of":
            j += 1
        if j + 1 < len(doc) and doc[j].lower_ in ("a", "one") and (scale := _word(doc[j + 1], "scale")) is not None:
            return j + 2, fraction * scale.value, "cardinal"
        return None

    def _ordinal_word(self, doc: Doc, i: int) -> tuple[int, float, str] | None:
        tok = doc[i]
        word = _word(tok, "ordinal")
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if word is None or not (tok.pos_ in ("ADJ", "NUM") or nxt is not None and nxt.tag_ in _SUPERLATIVE_TAGS):
            return None
        if nxt is None or not (nxt.pos_ in ("NOUN", "PROPN", "ADJ") or nxt.tag_ in _SUPERLATIVE_TAGS):
            return None
        if nxt.lower_ in ("time", "half", "quarter", "place", "round", "day", "week", "hand", "thing", "step", "look"):
            return None  # "for the first time", "the second half": sequence, not a stated fact
        if nxt.lower_ in _ORDINAL_COMPOUNDS or nxt.lemma_.lower() in _ORDINAL_COMPOUNDS:
            return None  # "first baseman", "the first lady": a role named with an ordinal, not a rank
        return i + 1, word.value, "ordinal"

    # ------------------------------------------------------------ figure records

    def _figures(
        self, doc: Doc, start: int, end: int, value: float, kind: str, earlier: list[FigureMention]
    ) -> tuple[list[FigureMention], int]:
        """The figure(s) of a number phrase, and the token where scanning goes on."""
        hedge, hedge_start = self._hedge_before(doc, start)
        obj, obj_end = self._object(doc, start, end, kind, earlier)
        after_hedge, after_end = self._hedge_after(doc, max(end, obj_end))
        if hedge == "exact" and after_hedge != "exact":
            hedge = after_hedge
        if hedge == "exact" and doc[start].text[:1] in "~≈":
            hedge = "approx"  # "~45g"
        figure_start = doc[hedge_start].idx
        last = max(end, obj_end, after_end) - 1
        figure_end = doc[last].idx + len(doc[last].text)
        figures = [FigureMention(figure_start, figure_end, value, hedge, obj, kind)]
        # ranges: "between 10 and 15", "10 to 15", "10-15"
        between = hedge_start > 0 and doc[hedge_start - 1].lower_ == "between"
        if end + 1 < len(doc) and (
            doc[end].lower_ in ("and", "to")
            and between
            or doc[end].lower_ in ("to", "-")
            and not _from_change(doc, hedge_start, own_unit=kind in ("money", "percent") or _scaled(doc, start, end))
        ):
            upper = self._number(doc, end + 1)
            if (
                upper is not None
                and (upper[2] == kind or kind == "cardinal")
                and upper[1] > (scaled := self._shared_scale(doc, start, end, value, upper))
            ):
                value = scaled  # a range goes up: "from 7 per cent to 3" is a change, told the other way
                obj2, obj2_end = self._object(doc, end + 1, upper[0], upper[2], earlier)
                if kind == "cardinal" and upper[2] != "cardinal":
                    kind, obj = upper[2], obj2  # "40-45%": the lower end takes the upper end's unit
                obj = obj or obj2
                last2 = max(upper[0], obj2_end) - 1
                if not (obj or obj2) and kind == "cardinal" and (noun := self._noun_after(doc, upper[0])) is not None:
                    obj2, last2 = doc[upper[0] : noun.i + 1].text, noun.i  # "between 10 and 15 ships": 10 counts too
                if between:
                    figure_start = doc[hedge_start - 1].idx
                range_end = doc[last2].idx + len(doc[last2].text)
                # one stated quantity, not two: its hedge is the one said before it ("about 5 to 6 percent")
                return [FigureMention(figure_start, range_end, value, hedge, obj or obj2, kind, upper[1])], upper[0]
        return figures, end

    @staticmethod
    def _shared_scale(doc: Doc, start: int, end: int, value: float, upper: tuple[int, float, str]) -> float:
        """The lower end of "$2 to $4 billion" or "1 to 2 thousand" takes the upper end's scale word
        (89 billion), unless that would put it above the upper end ("$200 to $4 million" is $200)."""
        if _scaled(doc, start, end):
            return value  # the lower end has its own scale: "$3 billion to $5 billion"
        factor = 1.0
        for tok in doc[end + 1 : upper[0]]:
            if (w := _word(tok, "scale")) is not None:
                factor *= w.value
        scaled = value * factor
        return scaled if factor > 1 and 0 <= scaled <= upper[1] else value

    @staticmethod
    def _hedge_before(doc: Doc, start: int) -> tuple[str, int]:
        for hedge, position, words in hedge_phrases():
            if position != "before" or start - len(words) < 0:
                continue
            if tuple(t.lower_ for t in doc[start - len(words) : start]) == words:
                return hedge, start - len(words)
        return "exact", start

    @staticmethod
    def _hedge_after(doc: Doc, end: int) -> tuple[str, int]:
        for hedge, position, words in hedge_phrases():
            if position != "after" or end + len(words) > len(doc):
                continue
            if tuple(t.lower_ for t in doc[end : end + len(words)]) == words:
                return hedge, end + len(words)
        return "exact", end

    def _object(self, doc: Doc, start: int, end: int, kind: str, earlier: list[FigureMention]) -> tuple[str, int]:
        """(what the figure counts, end token of the phrase) — "" when nothing is said."""
        if end < len(doc) - 1 and doc[end].text == "-" and doc[end + 1].pos_ in ("NOUN", "PROPN"):
            return doc[end + 1].text, end + 2  # "four-day", "190-member"
        if (hanging := _suspended(doc, end - 1)) is not None:
            return hanging[1].text, end  # "two-, three- and four-bedroom"
        if kind == "percent":
            return self._of_phrase(doc, end) or ("percent", end)
        if kind == "fraction":
            found = self._of_phrase(doc, end)
            if found:
                return found
            after = end + 1 if end < len(doc) and doc[end].lower_ in ("the", "its", "their", "his", "her") else end
            noun = self._noun_after(doc, after)
            if noun is not None and noun.i - after <= 3:
                return doc[after : noun.i + 1].text, noun.i + 1  # "nine in 10 residents", "half the voters"
            return self._referent(doc, start, earlier), end
        number = doc[end - 1]
        head = number.head
        while start <= head.i < end and head.head.i != head.i:
            head = head.head  # "nearly two dozen people": "dozen" hangs on "two", which hangs on "people"
        if kind == "ordinal":
            head = self._noun_after(doc, end) or head
        between_ok = all(
            t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM", "ADV", "VERB") or t.text == "-" for t in doc[end : head.i]
        )
        if head.i >= end and head.pos_ in ("NOUN", "PROPN") and head.i - end <= 6 and between_ok:
            last = head
            for child in head.children:  # "officials and political leaders"
                if (
                    child.dep_ == "conj"
                    and child.pos_ in ("NOUN", "PROPN")
                    and child.i - last.i <= 4
                    and not any(g.dep_ == "nummod" for g in child.children)  # "162 passengers and six crew": two counts
                ):
                    last = child
            words = [t for t in doc[end : last.i + 1] if not t.is_space and t.tag_ not in _SUPERLATIVE_TAGS]
            if words and words[0].text == "-":
                words = words[1:]
            return " ".join(t.text for t in words).replace(" - ", "-"), last.i + 1
        if kind == "cardinal":
            found = self._of_phrase(doc, end, without_counts=True)
            if found and doc[found[1] - 1].pos_ in ("NOUN", "PROPN"):
                return found  # "20 of its 35 daily crossings": 20 daily crossings ("two of them" counts nothing said)
        if kind == "money":
            currency = doc[start].lower_ if doc[start].lower_ in _CURRENCY else doc[start - 1].lower_ if start else ""
            return _CURRENCY.get(currency, "money"), end
        return "", end

    @staticmethod
    def _noun_after(doc: Doc, end: int) -> Token | None:
        for tok in doc[end : min(len(doc), end + 5)]:
            if tok.pos_ in ("NOUN", "PROPN"):
                nxt = tok.i + 1
                while (
                    nxt < len(doc)
                    and doc[nxt].pos_ in ("NOUN", "PROPN")
                    and doc[nxt].dep_ in ("compound", "pobj", "ROOT", "nsubj", "dobj", "attr")
                    and nxt - tok.i < 4
                ):
                    tok = doc[nxt]
                    nxt += 1
                return tok
            if tok.pos_ not in ("ADJ", "ADV", "PUNCT") and tok.tag_ not in _SUPERLATIVE_TAGS:
                return None
        return None

    @staticmethod
    def _of_phrase(doc: Doc, end: int, *, without_counts: bool = False) -> tuple[str, int] | None:
        """ "half of the suspects" -> ("suspects", end of phrase); `without_counts` leaves out the whole's own
        number ("20 of its 35 crossings" -> "crossings")."""
        if end < len(doc) and doc[end].lower_ == "of":
            objs = [c for c in doc[end].children if c.dep_ == "pobj"]
            if objs:
                head = objs[0]
                dropped = ("det", "poss", "nummod") if without_counts else ("det", "poss")
                words = [t for t in doc[end + 1 : head.i + 1] if t.dep_ not in dropped]
                return " ".join(t.text for t in words).replace(" - ", "-"), head.i + 1
        return None

    @staticmethod
    def _referent(doc: Doc, start: int, earlier: list[FigureMention]) -> str:
        """For a bare "half": what the figure just before it (within two sentences) counted."""
        sent_start = doc[start].sent.start
        previous_start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        limit = doc[previous_start].idx
        for figure in reversed(earlier):
            if figure.start >= limit and figure.object and figure.kind in ("cardinal", "money"):
                return figure.object
        return ""


@Language.factory(
    "provenance_figures",
    requires=["doc.sents", "token.dep", "token.tag", "token.ent_type"],
    assigns=["doc._.figures"],
)
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    return FigureFinder(nlp, name)
