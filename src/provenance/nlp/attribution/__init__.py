"""Attribution: who is credited with which content, and through which cue.

Finds the fourteen constructions of `constructions.py` and writes one `Attribution`
per claim to `doc._.attributions` (character offsets only, so results pickle and
survive multiprocessing). Among them:

- cue verbs with a content clause: "Lu Kang said Interpol operated ...",
  "..., diplomats say." (content first), "pledged to back ...", "called for ...";
- "according to X" attached to a clause, before or after it;
- cue nouns: "raised the concern that ...", "has made claims of ...";
- direct quotes next to a cue ("“...,” he said."), after a colon, and split
  quotes (`"X," he said. "Y."`), which continue the claim they follow.

Speakers are written as found here (`speaker`); resolving and typing them is
the `provenance_speakers` component's job.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..guard import guarded
from .clauses import quote_mask
from .constructions import QUOTE_SIGNATURE
from .kind import kind_of
from .record import Attribution
from .rules import Rules
from .settle import settle
from .tail import cut_occasion_after_quote, cut_writers_tail, ending_at

__all__ = ["Attribution", "AttributionFinder"]


class AttributionFinder:
    """spaCy component: attributed claims into `doc._.attributions`.

    candidates (rules) → writer's tails and occasions cut → settle (one claim per content) → kind (direct, mixed, indirect).
    """

    def __init__(self, nlp: Language, name: str, *, nested: bool = False) -> None:
        """`nested`: keep claims whose cue sits inside another claim's content."""
        self.name = name
        self.nested = nested
        self.rules = Rules()
        if not Doc.has_extension("attributions"):
            Doc.set_extension("attributions", default=None)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        doc._.attributions = self.match(doc)
        doc.user_data.pop("_provenance_sent_starts", None)
        return doc

    def match(self, doc: Doc) -> list[Attribution]:
        """The matching half: candidates from the rules, settled, each with its kind."""
        quotes = list(doc.spans["quotes"]) if "quotes" in doc.spans else []
        text = doc.text  # built anew on every access: read it once
        capitals = _shouted(text[:20000])  # copy set all in capitals (old wire, telex): capitals say nothing
        candidates = [a for a in self.rules.candidates(doc, quotes) if not in_headline(text, a, capitals=capitals)]
        in_quote = quote_mask(doc, quotes)
        candidates = [
            cut_occasion_after_quote(doc, cut_writers_tail(doc, candidate, in_quote), in_quote)
            for candidate in candidates
        ]
        found = [_finished(a, quotes, text) for a in settle(doc, candidates, nested=self.nested)]
        return sorted(found, key=lambda a: a.start)


def _finished(attribution: Attribution, quotes: list[Span], text: str) -> Attribution:
    """The settled claim run on to the close of a quotation it opens, with its kind, and a direct claim
    without the comma after its quote (“…,” he said: the comma belongs to the sentence around the quote)."""
    attribution = _run_on_into_quote(attribution, quotes)
    kind = kind_of(attribution, quotes, text)
    last_start, last_end = attribution.content[-1]
    while kind == "direct" and last_end - 1 > last_start and text[last_end - 1] in ", ":
        last_end -= 1
    return replace(attribution, kind=kind, content=[*attribution.content[:-1], (last_start, last_end)])


def _run_on_into_quote(attribution: Attribution, quotes: list[Span]) -> Attribution:
    """A quotation opened inside the content, or opening it, carries the claim to its closing mark:
    'added that the account should "be seen in hindsight. It must be terrible ..."' and
    'According to Reyes, "nothing gets built. It is up to the voters."' are one claim each,
    though the parse ends the clause with its sentence."""
    last_start, last_end = attribution.content[-1]
    for q in quotes:
        if last_start <= q.start_char < last_end < q.end_char:
            return ending_at(attribution, q.end_char)
    return attribution


_TERMINAL = tuple(".!?\"“”‘’«»')]…:;")
_HEADLINE_MAX_WORDS = 30


def in_headline(text: str, attribution: Attribution, *, capitals: bool = False) -> bool:
    """A claim inside a headline or a teaser for another story ("LAUREN ALAINA SAYS 'DWTS' HAS HELPED
    HER LOSE 25 POUNDS", "Star eliminated after announcing wife suffered miscarriage"): a line of its
    own that ends without a sentence's closing mark, or is written in capitals. An article's sentences
    end in a full stop; headlines and the links to other stories pages put between paragraphs do not."""
    if attribution.construction == QUOTE_SIGNATURE:
        return False  # “…” ― Julia Torres: the line ends in the name it credits
    cue = text[attribution.cue[0] : attribution.cue[1]] if attribution.cue else ""
    source = text[attribution.source[0] : attribution.source[1]] if attribution.source else ""
    if not capitals and (_shouted(" ".join(text[s:e] for s, e in attribution.content)) or _shouted(f"{source} {cue}")):
        return True  # a subheading in capitals run into its paragraph ("EVEN HIS BOSS SAYS HE'S WRONG — ...")
    line_start = text.rfind("\n", 0, attribution.start) + 1
    line_end = text.find("\n", attribution.start)
    line_end = len(text) if line_end < 0 else line_end
    if attribution.end > line_end:
        return False  # a claim over several lines is prose (a quotation running on)
    line = text[line_start:line_end].strip()
    words = line.split()
    if len(words) < 3 or len(words) > _HEADLINE_MAX_WORDS:
        return False
    return (_shouted(line) and not capitals) or not line.endswith(_TERMINAL)


def _shouted(text: str) -> bool:
    """Written in capitals: at least 12 letters, nine in ten of them upper-case."""
    letters = sum(map(str.isalpha, text))  # map over a builtin: this reads up to 20,000 characters per document
    return letters >= 12 and sum(map(str.isupper, text)) >= 0.9 * letters


@Language.factory(
    "provenance_attribution",
    default_config={"nested": False},
    requires=["doc.spans", "doc._.quotes", "doc.sents", "token.dep", "token.lemma", "token.tag"],
    assigns=["doc._.attributions"],
)
def make_attribution_finder(nlp: Language, name: str, nested: bool) -> AttributionFinder:
    return AttributionFinder(nlp, name, nested=nested)
