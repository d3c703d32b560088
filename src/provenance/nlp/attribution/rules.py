"""The rules that propose attributions: cue verbs and nouns, "according to", speaker labels, quotes.

Each construction (`constructions.py` names them) is one method of `Rules`; `Rules.candidates(doc)` runs
them all and gives each quote its claim. The clause shapes they read are in `clauses.py`, where a quote
meets its speaker in `quoting.py`, the model's misparses they repair in `repairs.py`. Candidates may
overlap: settling them is `settle.py`'s job, and a trained scorer can add or rescore candidates between
the two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...lexicon import Lexicon, lexicon
from .clauses import (
    _CLAUSE_DEPS,
    _COGNITION_ADJECTIVES,
    _ESTIMATE_VERBS,
    _ESTIMATED_NOUNS,
    _FINDING_HEADS,
    _MIN_CONTENT_TOKENS,
    _MIN_INTRODUCED_QUOTE_WORDS,
    _MIN_UNCUED_QUOTE_WORDS,
    _after_cue,
    _chars,
    _closes_after_comma,
    _closes_sentence_after_comma,
    _comma_before_cue,
    _cue_span,
    _only_a_setting,
    _set_off,
    _subject,
    _trim,
    quote_mask,
)
from .constructions import (
    ACCORDING_TO,
    ADJECTIVE_CLAUSE,
    CUE_NOUN,
    ESTIMATE,
    FINDING,
    QUOTE_COLON,
    QUOTE_INTRO,
    QUOTE_PARTICIPLE,
    QUOTE_SIGNATURE,
    SPEAKER_LABEL,
    VERB_CLAUSE,
)
from .grammar import SUBJECT_DEPS, dateline_end
from .learned import learned_claims
from .phrase import phrase as _phrase
from .quoting import (
    _NOT_SPEAKER_LABELS,
    _as_clause,
    _clause_after_time,
    _clause_end,
    _colon_lead,
    _continued_after_cue,
    _dash_signature,
    _drop_circumstance,
    _end_before_own_clause,
    _introducing_verb,
    _is_quoted,
    _join_running_quotes,
    _label_end,
    _label_start,
    _labelled,
    _last_sentence,
    _lead_before_colon,
    _lead_in,
    _name_after_quote,
    _phrase_end,
    _quote_claim,
    _quoted_title_before,
    _reported_just_before,
    _runs_on_after_colon,
    _sent_index,
    _speaker_like,
    _title,
    _title_case,
    _words_before,
    _words_outside,
)
from .record import Attribution
from .repairs import clause_opening_cue, cue_read_as_appositive, cue_read_as_noun_after_quote, verb_read_as_noun


@dataclass(frozen=True)
class Proposer:
    """One row of the rules' table: the construction it proposes, the token shape that triggers it, and the
    build that reads the parse from that token (token ranges in, attribution records out)."""

    construction: str  # one of `constructions.NAMES`
    fires: Callable[[Token], bool]
    build: Callable[[Doc, Token, list[bool]], list[Attribution]]  # (doc, trigger token, quote mask)
    exclusive: bool = True  # a token it fires on is left to it, even when it proposes nothing


class Rules:
    """Every construction that proposes a claim, reading the parse and the word lists."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex: Lexicon = lex or lexicon()
        cue_verbs, cue_nouns = self.lex.cue_verbs, self.lex.cue_nouns
        # in reading order: for each token outside quotes, the first row that fires proposes
        self.proposers = (
            Proposer(
                ACCORDING_TO,
                lambda t: t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to",
                lambda doc, t, _: self._according_to(doc, t),
            ),
            Proposer(
                FINDING, lambda t: t.lower_ == "in" and t.dep_ == "prep", lambda doc, t, _: self._in_finding(doc, t)
            ),
            Proposer(
                ESTIMATE,
                lambda t: t.pos_ == "VERB" and t.lemma_.lower() in _ESTIMATE_VERBS,
                lambda doc, t, _: self._estimate(doc, t),
                exclusive=False,  # "put" without a figure may still be a cue verb
            ),
            Proposer(
                VERB_CLAUSE,
                lambda t: (t.pos_ == "VERB" or verb_read_as_noun(t)) and t.lemma_.lower() in cue_verbs,
                self._verb,
            ),
            Proposer(
                ADJECTIVE_CLAUSE,
                lambda t: t.lower_ in _COGNITION_ADJECTIVES and t.pos_ in ("ADJ", "VERB"),
                lambda doc, t, in_quote: self._verb(doc, t, in_quote, adjective=True),
            ),
            Proposer(
                CUE_NOUN,
                lambda t: t.pos_ == "NOUN" and t.lemma_.lower() in cue_nouns,
                lambda doc, t, _: self._noun(doc, t),
            ),
        )

    def candidates(self, doc: Doc, quotes: list[Span]) -> list[Attribution]:
        """Every claim the rules find, overlaps included, each quote given its claim."""
        in_quote = quote_mask(doc, quotes)
        found: list[Attribution] = []
        for tok in doc:
            if in_quote[tok.i]:
                continue
            for proposer in self.proposers:
                if proposer.fires(tok):
                    proposed = proposer.build(doc, tok, in_quote)
                    found.extend(proposed)
                    if proposed or proposer.exclusive:
                        break
        # constructions read from lines and quotes rather than from a trigger token
        found.extend(self._speaker_labels(doc, in_quote))
        found = self._attach_quotes(doc, found, quotes)
        found.extend(learned_claims(doc, in_quote, found))  # reported speech the rules do not know
        return found

    def _verb(self, doc: Doc, verb: Token, in_quote: list[bool], adjective: bool = False) -> list[Attribution]:
        if adjective:  # "governments have been concerned that ...", "he is confident that ..."
            head = verb.head if verb.dep_ in ("acomp", "amod") else verb
            subject = _subject(head) or next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            cue = None
            if not any(c.dep_ == "ccomp" for c in verb.children) or subject is None or not _speaker_like(subject):
                return []
        else:
            subject = _subject(verb)
            cue = self.lex.cue_verbs[verb.lemma_.lower()]
            speaker = cue_read_as_appositive(verb) if subject is None else None
            if speaker is not None and _speaker_like(speaker):  # "..., a plan announced last year": no speaker
                # "Fares will rise in April, the authority announced, blaming ...": what stands before the comma
                start, end = _trim(doc, verb.sent.start, speaker.left_edge.i - 1)
                if end - start < _MIN_CONTENT_TOKENS:
                    return []
                return [
                    Attribution(
                        content=[_chars(doc, start, end)],
                        cue=_cue_span(doc, verb),
                        source=_chars(doc, speaker.left_edge.i, speaker.i + 1),
                        source_head=speaker.i,
                        construction=VERB_CLAUSE,
                        cue_token=verb.i,
                    )
                ]
        if subject is None:
            return []
        sent = verb.sent
        content: tuple[int, int] | None = None
        tail: tuple[int, int] | None = None  # second segment of a parenthetical cue
        particle: Token | None = None
        clauses = [
            c
            for c in verb.children
            if c.dep_ in _CLAUSE_DEPS
            and not _quoted_title_before(c, verb, in_quote)
            and not self._report_of_its_own(c, verb)
        ]
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
            # "X keeps insisting, ..., that he wants ...": a cue opened by "that" is itself reported, and
            # reports nothing before it (the parser made "wants" the root and the insisting its clause)
            clauses = [c for c in clauses if c.i > verb.i]
        timed = None if clauses or cue is None else _clause_after_time(verb)
        if timed is not None:
            # "the board said after the storm it would close the pier": the parser read the time as a
            # subordinator opening the reported clause; what was said starts at the clause's subject
            clauses = [timed]
        if clauses:
            start = min(c.left_edge.i for c in clauses)
            if timed is not None:
                start = min(c.left_edge.i for c in timed.children if c.dep_ in SUBJECT_DEPS)
            end = max(c.right_edge.i for c in clauses) + 1
            content = (start, _clause_end(doc, clauses, start, end))
            if end <= verb.i:
                tail = _continued_after_cue(verb, subject)
        elif cue is not None and _as_clause(verb, cue):
            # "As the harbour board reported, the pier ...", "the plan, as the minister said, will fail": the clause
            # the "as" cue hangs on is what was reported, on either side of the cue
            head = verb.head
            particle = next((c for c in verb.children if c.dep_ == "prt" and c.lower_ in cue.particles), None)
            before = (max(sent.start, head.left_edge.i), verb.left_edge.i)
            after = (verb.right_edge.i + 1, min(sent.end, head.right_edge.i + 1))
            content, tail = (before, after) if before[1] - before[0] >= 2 else (after, None)
        elif (
            (
                verb.dep_ in ("ccomp", "parataxis")
                or verb.dep_ == "advcl"
                and _closes_sentence_after_comma(verb, subject)
            )
            and verb.head.sent == sent
            and verb.head.pos_ in ("VERB", "AUX")
            and _set_off(doc, min(subject.left_edge.i, verb.i))
        ):
            # "..., diplomats say." and "Acts of protest, Mr. Obama said, are acts of patriotism":
            # the cue hangs off the clause it reports, which may continue after it
            head = verb.head
            # an adverbial cue may have swallowed the end of the content ("if the tariff passes"): stop at its subject
            stop = subject.left_edge.i if verb.dep_ == "advcl" else verb.left_edge.i
            opening = clause_opening_cue(verb, subject)
            if opening is not None and head.left_edge.i >= stop:
                # "Although the pier was repaired, the mayor said, the ferry ...": the parser hung the opening
                # clause on the cue; it is the first part of what was said
                stop = opening.right_edge.i + 1
                content = (max(sent.start, opening.left_edge.i), stop)
            else:
                content = (max(sent.start, head.left_edge.i), stop)
            after = (verb.right_edge.i + 1, min(sent.end, head.right_edge.i + 1, _contrast_start(head, verb)))
            if after[1] - after[0] >= 2:
                tail = after
            if tail and _only_a_setting(doc, head, *content):
                content, tail = tail, None  # "Asked about the vote, she said, “We will win.”": the question is not hers
            if content[1] - content[0] < 1 and tail:
                content, tail = tail, None
        elif cue is not None and not (cue.quoted_only or cue.particles_only) and _closes_after_comma(verb, subject):
            # "Rents in the district range from $900 to $2,500, the agency said." parsed without a clause before
            # the comma: a cue that closes its sentence after one reports what stands before it
            content = (sent.start, _comma_before_cue(verb, subject))
        elif cue is not None and (
            cue.quoted_only or cue.particles_only and not any(c.lower_ in cue.particles for c in verb.children)
        ):
            # "Trump called the senator a “nasty guy”", "Japan branded North Korea an “outlaw nation”":
            # a naming or judging verb reports only a quoted label
            right = (verb.i + 1, _label_end(verb))
            names_only = any(c.lower_ == "what" for c in verb.children) or verb.head.lower_ == "what"
            if any(in_quote[i] for i in range(*right)) and not names_only:
                content = right
        elif cue is not None:
            for child in verb.children:
                if child.dep_ in ("prep", "prt") and child.lower_ in cue.particles:
                    particle = child
                    parts = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                    parts += [g for g in verb.children if g.dep_ in ("xcomp", "ccomp", "dobj") and g.i > child.i]
                    end = max((g.right_edge.i for g in parts), default=verb.right_edge.i) + 1
                    if child.i + 1 < end:
                        content = (child.i + 1, end)
                    break
            if content is None and cue.takes_infinitive:
                for child in verb.children:
                    if child.dep_ in ("xcomp",) and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                        objs = [c for c in verb.children if c.dep_ == "dobj" and c.i < child.i]
                        content = ((objs[0].left_edge.i if objs else child.left_edge.i), child.right_edge.i + 1)
                        break
            if content is None and cue.takes_object:
                for child in verb.children:
                    if (
                        child.dep_ in ("dobj", "xcomp")
                        and child.i > verb.i
                        and child.right_edge.i - child.left_edge.i + 1 >= 2
                    ):
                        content = (child.left_edge.i, _end_before_own_clause(verb) + 1)
                        break
        if content is None:
            return []
        start, end = content
        start, end = max(start, sent.start), min(end, sent.end) if clauses or particle else end
        if start <= subject.i < end:
            # the cue clause sits inside the content: “If it fails,” the senator said, “we try again.”
            # or "what it says are X"; the content is what stands on either side of it
            cue_lo, cue_hi = min(subject.left_edge.i, verb.i), max(verb.i, subject.right_edge.i) + 1
            cue_hi = _after_cue(doc, verb, particle, cue_hi)
            if not start <= verb.i < end:
                return []
            left, right = _trim(doc, start, cue_lo), _trim(doc, cue_hi, end)
            left_quoted = left[1] > left[0] and all(in_quote[i] or not doc[i].is_alpha for i in range(*left))
            sides = [left, right] if left_quoted else [right]
            sides = [x for x in sides if x[1] - x[0] >= 2] or [x for x in sides if x[1] > x[0]]
            if not sides:
                return []
            segments = sides
            if tail is not None:
                tail = None
        else:
            if start == sent.start and doc[start].is_upper and len(doc[start].text) > 1:
                # a story's first sentence after its dateline ("HARROWGATE, Kenya (AP) — Two bridges will close, the
                # board said"): the parser hangs the dateline on the reported clause; it is no part of what was said
                start = dateline_end(doc, start, end)
            start, end = _trim(doc, start, end)
            segments = [(start, end)] if end > start else []
        if tail is not None:
            tail = _trim(doc, _after_cue(doc, verb, particle, tail[0]), tail[1])
            if tail[1] > tail[0]:
                segments.append(tail)
        if sum(e - s for s, e in segments) < _MIN_CONTENT_TOKENS:
            return []
        start, end = segments[0][0], segments[-1][1]
        src = _phrase(subject)
        if any(src[0] < e and src[1] > s for s, e in segments):
            # the subject phrase runs into the content (e.g. relative clause parse): keep its head
            src = (subject.i, subject.i + 1)
        return [
            Attribution(
                content=[_chars(doc, s, e) for s, e in segments],
                cue=_cue_span(doc, verb, particle),
                source=_chars(doc, *src),
                source_head=subject.i,
                construction=ADJECTIVE_CLAUSE if adjective else VERB_CLAUSE,
                cue_token=verb.i,
            )
        ]

    def _report_of_its_own(self, clause: Token, verb: Token) -> bool:
        """A clause before a semicolon that is itself a cue with its subject: a second source's report, not this
        cue's content ("About 3,000 people marched, the organisers said; police said 1,200": the parser made the
        organisers' "said" the clause of the police's)."""
        if clause.i > verb.i or clause.lemma_.lower() not in self.lex.cue_verbs:
            return False
        # its own subject and its own content before it ("..., the organisers said"), then a semicolon
        if not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
            return False
        if not any(c.dep_ in _CLAUSE_DEPS and c.i < clause.i for c in clause.children):
            return False
        return any(t.text == ";" for t in clause.doc[clause.i + 1 : verb.i])

    def _estimate(self, doc: Doc, verb: Token) -> list[Attribution]:
        """ "police put the figure at 80,000", "officials estimated the damage at $4 million": a source's
        own count of something, so the figure is theirs (the content is "the figure at 80,000")."""
        subject = _subject(verb)
        if subject is None or not _speaker_like(subject):
            return []
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        heads = [verb, *objects[:1]]  # "at" hangs off the verb or off its object
        at = next((c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "at"), None)
        if not objects or at is None or at.i < objects[0].i:
            return []
        if verb.lemma_.lower() != "estimate" and objects[0].lemma_.lower() not in _ESTIMATED_NOUNS:
            return []
        if not any(t.like_num or t.ent_type_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") for t in at.subtree):
            return []
        start, end = _trim(doc, objects[0].left_edge.i, max(at.right_edge.i, objects[0].right_edge.i) + 1)
        src = _phrase(subject)
        if end - start < _MIN_CONTENT_TOKENS or src[0] < end and src[1] > start:
            return []
        return [
            Attribution(
                content=[_chars(doc, start, end)],
                cue=_chars(doc, verb.i, verb.i + 1),
                source=_chars(doc, *src),
                source_head=subject.i,
                construction=ESTIMATE,
                cue_token=verb.i,
            )
        ]

    def _according_to(self, doc: Doc, according: Token) -> list[Attribution]:
        to = doc[according.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in according.children if c.dep_ == "pobj"]
        if not objs:
            return []
        source_tok = objs[0]
        src = _phrase(source_tok)
        sent = according.sent
        before = [t for t in doc[sent.start : according.i] if not t.is_punct]
        if len(before) <= 1:  # "According to X, content."
            comma = next((t for t in reversed(doc[source_tok.i : src[1]]) if t.text == ","), None)
            if comma is not None and all(t.is_punct or t.is_space for t in doc[src[1] : sent.end]):
                # the parser read the content as an apposition of the source ("According to radio host
                # Dan Brooks, the move reeks of ...", "reeks" as a plural noun): the source ends at its last comma
                src = (src[0], comma.i)
            start, end = src[1], sent.end
        else:  # "content, according to X."
            start, end = sent.start, according.i
            start = dateline_end(doc, start, end)
        start, end = _trim(doc, start, end)
        if end - start < _MIN_CONTENT_TOKENS:
            return []
        return [
            Attribution(
                content=[_chars(doc, start, end)],
                cue=_chars(doc, according.i, according.i + 2),
                source=_chars(doc, *src),
                source_head=source_tok.i,
                construction=ACCORDING_TO,
                cue_token=according.i,
            )
        ]

    def _in_finding(self, doc: Doc, prep: Token) -> list[Attribution]:
        """A sentence opening "In a poll released Monday, 48% of voters backed the plan" reports what a poll,
        survey or study found, and the finding is the source. Only a sentence that opens with the phrase,
        set off by a comma, whose own verb is no cue ("In a survey, 40% said ..." is the respondents' claim,
        which the verb rule gives)."""
        sent = prep.sent
        first = next((t for t in sent if not (t.is_space or t.is_punct)), None)
        if first is None or first.i != prep.i:
            return []
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if not objs or objs[0].lemma_.lower() not in _FINDING_HEADS:
            return []
        verb = prep.head
        comma = prep.right_edge.i + 1
        if comma >= sent.end or doc[comma].text != "," or verb.i <= comma:
            return []
        if verb.lemma_.lower() in self.lex.cue_verbs or verb.pos_ not in ("VERB", "AUX"):
            return []
        start, end = _trim(doc, comma + 1, sent.end)
        if end - start < _MIN_CONTENT_TOKENS:
            return []
        src = (objs[0].left_edge.i, prep.right_edge.i + 1)
        return [
            Attribution(
                content=[_chars(doc, start, end)],
                cue=_chars(doc, prep.i, prep.i + 1),
                source=_chars(doc, *src),
                source_head=objs[0].i,
                construction=FINDING,
                cue_token=prep.i,
            )
        ]

    def _noun(self, doc: Doc, noun: Token) -> list[Attribution]:
        content: tuple[int, int] | None = None
        for child in noun.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in child.children
            ):
                content = (child.left_edge.i, child.right_edge.i + 1)
                break
            if (
                child.dep_ == "prep"
                and child.lower_ in ("of", "about")
                and noun.lemma_.lower() in ("claim", "allegation", "accusation", "warning", "fear")
            ):
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    content = (objs[0].left_edge.i, objs[0].right_edge.i + 1)
                    break
        if content is None:
            return []
        speaker: Token | None = None
        for child in noun.children:
            if child.dep_ == "poss":
                speaker = child
            elif child.dep_ == "prep" and child.lower_ in ("from", "by"):
                objs = [g for g in child.children if g.dep_ == "pobj"]
                speaker = objs[0] if objs else speaker
        verb = noun.head
        if speaker is None and noun.dep_ in ("dobj",) and verb.pos_ == "VERB":
            speaker = _subject(verb)
        if speaker is None or not _speaker_like(speaker):
            return []
        start, end = _trim(doc, *content)
        if end - start < _MIN_CONTENT_TOKENS:
            return []
        cue_start = verb.i if noun.dep_ == "dobj" and verb.i < noun.i else noun.i
        cue_end = noun.i + 1
        if cue_end < len(doc) and doc[cue_end].lower_ in ("of", "about") and doc[cue_end].i < start:
            cue_end += 1
        src = _phrase(speaker)
        if src[0] < end and src[1] > start:
            return []
        return [
            Attribution(
                content=[_chars(doc, start, end)],
                cue=_chars(doc, cue_start, cue_end),
                source=_chars(doc, *src),
                source_head=speaker.i,
                construction=CUE_NOUN,
                cue_token=noun.i,
            )
        ]

    # ------------------------------------------------------------ speaker labels

    def _speaker_labels(self, doc: Doc, in_quote: list[bool]) -> list[Attribution]:
        """ "Sanders: Clinton needs to ..." and transcript lines "WALLACE: But, Governor ...".

        A line that opens with a short name and a colon gives the rest of the line to
        that name. Place names (datelines such as "BEIJING:") and furniture labels
        ("Note:", "Photo:") are not speakers.
        """
        found: list[Attribution] = []
        for sent in doc.sents:
            first = next((t for t in sent if not t.is_space and not t.is_quote), None)
            if first is None or (in_quote[first.i] and not first.is_upper):
                continue
            colon = next((t for t in doc[first.i : min(sent.end, first.i + 5)] if t.text == ":"), None)
            if colon is None or colon.i == first.i:
                continue
            label = doc[first.i : colon.i]
            if not all(t.pos_ == "PROPN" or t.is_title or (t.is_upper and t.is_alpha) or t.text == "." for t in label):
                continue
            if label.text.lower().strip(". ") in _NOT_SPEAKER_LABELS:
                continue
            if not (
                label.text.isupper()
                or any(e.label_ in ("PERSON", "ORG", "NORP") for e in label.ents)
                or all(t.pos_ == "PROPN" for t in label)
                # "Flowers: ...", "Poll: ...": one capitalised word the tagger read as a common noun
                or len(label) == 1
                and label[0].is_title
                and label[0].pos_ == "NOUN"
            ):
                continue
            if any(e.label_ in ("GPE", "LOC", "DATE", "TIME", "FAC") for e in label.ents):
                continue
            if doc[: first.i].text.strip() == "" and label.text.isupper():
                continue  # a dateline at the top of the article
            end = colon.i + 1
            while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and not doc[end].is_space:
                end += 1
            start, stop = _trim(doc, colon.i + 1, end)
            words = [t for t in doc[start:stop] if t.is_alpha]
            headline = len(words) >= 4 and _title_case(words, len(words))
            if stop - start < _MIN_CONTENT_TOKENS or not (
                headline or any(t.pos_ in ("VERB", "AUX", "ADJ") for t in doc[start:stop])
            ):
                continue
            found.append(
                Attribution(
                    content=[_chars(doc, start, stop)],
                    cue=_chars(doc, colon.i, colon.i + 1),
                    source=_chars(doc, first.i, colon.i),
                    source_head=colon.i - 1,
                    construction=SPEAKER_LABEL,
                    cue_token=colon.i,
                )
            )
        return found

    # ------------------------------------------------------------ direct quotes

    def _attach_quotes(self, doc: Doc, found: list[Attribution], quotes: list[Span]) -> list[Attribution]:
        """Give each quote its claim: snap overlapping contents to it, find cues, join split quotes."""
        by_cue = {a.cue_token: a for a in found if a.construction == VERB_CLAUSE}
        quote_spans = [(x.start_char, x.end_char) for x in quotes]
        previous_direct: Attribution | None = None
        previous_end_sent: int = -10
        for q in quotes:
            q_chars = (q.start_char, q.end_char)
            q_tokens = set(range(q.start, q.end))
            # 1. a claim whose content overlaps this quote: snap it to the quote when the quote is
            #    most of it (direct), keep it when the quote is a part of it (mixed)
            owner = next(
                (
                    a
                    for a in found
                    if a.construction != ACCORDING_TO
                    and any(min(ce, q.end_char) > max(cs, q.start_char) for cs, ce in a.content)
                ),
                None,
            )
            if owner is not None:
                _drop_circumstance(owner, quote_spans)
                if _lead_before_colon(doc, owner, q):
                    # 'Sen. Lee scolded him: “...,” she said.': the words before the colon introduce the quote
                    owner.content = [q_chars]
                quoted = self._split_at_participle(doc, owner, q)
                if quoted is not None:  # "criticized the council for ..., saying, “They wasted a year.”"
                    found.append(quoted)
                    previous_direct, previous_end_sent = quoted, _sent_index(doc, q.end - 1)
                    continue
                if _is_quoted(owner, quote_spans):
                    if q_chars not in owner.content:
                        owner.content = sorted(set(owner.content) | {q_chars})
                    previous_direct, previous_end_sent = owner, _sent_index(doc, q.end - 1)
                elif (
                    _words_outside(doc, owner.content, quote_spans) == 0
                ):  # 'he said that “...”' ("declared that torture “works”" is mixed)
                    owner.content = [x for x in quote_spans if any(x[0] < e and s < x[1] for s, e in owner.content)]
                    previous_direct, previous_end_sent = owner, _sent_index(doc, q.end - 1)
                elif owner.cue is not None and owner.cue[0] >= q.end_char and q.end_char >= owner.end - 2:
                    # 'Trump is a “change agent,” Cole said. “That is what people want.”': a mixed claim ending
                    # in a quote before its cue goes on in the quote that opens the next sentence
                    previous_direct, previous_end_sent = owner, _sent_index(doc, q.end - 1)
                else:
                    previous_direct = None
                continue
            words = sum(1 for t in q if t.is_alpha)
            # 2. a quote signed with a dash: “...” ― Esther Tapia
            signed = _dash_signature(doc, q)
            if signed is not None and words >= 2:
                dash, name_end = signed
                found.append(
                    Attribution(
                        content=[q_chars],
                        cue=_chars(doc, dash, dash + 1),
                        source=_chars(doc, dash + 1, name_end),
                        source_head=name_end - 1,
                        construction=QUOTE_SIGNATURE,
                        cue_token=dash,
                    )
                )
                previous_direct, previous_end_sent = None, -10
                continue
            # 3. the verb that calls its object what the quote says ("admires the coach as a “brilliant mind,”
            #    comparing ...": not "comparing", a verb of another clause), else a cue right after the quote,
            #    or before it in the same sentence
            labelled = _labelled(doc, q)
            verb = labelled[0] if labelled is not None else self._quote_cue(doc, q, q_tokens)
            if verb is not None:
                existing = by_cue.get(verb.i)
                if existing is not None and existing in found:
                    if (
                        not _is_quoted(existing, quote_spans)
                        and _words_outside(doc, existing.content, quote_spans) <= 1
                    ):
                        # “X,” he told the host, “Y.”: the cue's own content is the quote after it, not yet snapped
                        existing.content = [
                            x for x in quote_spans if any(x[0] < e and s < x[1] for s, e in existing.content)
                        ]
                    if _is_quoted(existing, quote_spans):  # “X,” he said, “Y.” — one claim in two parts
                        existing.content = sorted(existing.content + [q_chars])
                        previous_direct, previous_end_sent = existing, _sent_index(doc, q.end - 1)
                    elif existing.content and _runs_on_after_colon(doc, existing.content[-1][1], q.start):
                        # "said she had the plan for the job: “Growth, and fairness.”": the quote ends the claim
                        existing.content[-1] = (existing.content[-1][0], q.end_char)
                    continue
                quoted = _quote_claim(doc, q, verb)
                if quoted is not None:
                    lead = _lead_in(doc, verb, q)
                    if lead is None and labelled is not None:  # "went after the agency as “wasteful”"
                        lead = _label_start(doc, *labelled)
                    if lead is None and _title(q):
                        continue  # 'posted “Guardians of the Galaxy”': a title, not a statement
                    found.append(quoted)
                    by_cue[verb.i] = quoted
                    closing = q.end < len(doc) and doc[q.end].is_quote  # the quote's closing mark
                    if lead is not None:  # "described the incident as a “terrible situation”": mixed
                        end = doc[q.end].idx + len(doc[q.end]) if closing else q.end_char
                        quoted.content = [(lead, max(end, _phrase_end(doc, verb, q)))]
                        previous_direct = None
                    else:
                        after = q.end + 1 if closing else q.end
                        end = _phrase_end(doc, verb, q) if verb.i < q.start else 0
                        if end and _words_before(doc, after, end) >= 2:
                            # 'the agency reported “2,100 crossings” in the harbour last year': the quote opens
                            # the reported phrase, which goes on after it (a mixed claim)
                            opening = doc[q.start - 1] if q.start and doc[q.start - 1].is_quote else doc[q.start]
                            quoted.content = [(opening.idx, end)]
                            previous_direct = None
                        else:
                            previous_direct, previous_end_sent = quoted, _sent_index(doc, q.end - 1)
                    continue
            # 4. a quote introduced by a clause of its own ("She continued, “...”", "He concluded: “...”")
            intro = _introducing_verb(doc, q)
            # a quote of one or two words after such a clause is a term or a title ('searched for “ambassador”',
            # 'pass around copies of his memoir, “Gifted Hands,”'), not what the subject said
            if intro is not None and words >= _MIN_INTRODUCED_QUOTE_WORDS:
                quoted = _quote_claim(doc, q, intro, QUOTE_INTRO)
                if quoted is not None:
                    found.append(quoted)
                    by_cue[intro.i] = quoted
                    previous_direct, previous_end_sent = quoted, _sent_index(doc, q.end - 1)
                    continue
            # 5. a split quote continuing the previous direct claim: it opens its sentence
            sent_index = _sent_index(doc, q.start)
            opens_sentence = all(t.is_space or t.is_punct for t in doc[doc[q.start].sent.start : q.start])
            if (
                intro is None
                and opens_sentence
                and previous_direct is not None
                and sent_index - _last_sentence(doc, previous_direct, previous_end_sent) <= 1
                and words >= 2
                and q.start_char - previous_direct.end < 400
            ):
                previous_direct.content.append(q_chars)
                previous_end_sent = _sent_index(doc, q.end - 1)
                continue
            # 5b. a quote with no cue of its own opening the sentence right after reported speech: the same
            #     speaker goes on in their own words ("The governor said the plan would fail. “It is a disaster.”")
            reported = _reported_just_before(doc, found, q) if intro is None and opens_sentence and words >= 2 else None
            if reported is not None:
                reported.content.append(q_chars)
                previous_direct, previous_end_sent = reported, _sent_index(doc, q.end - 1)
                continue
            # 6. a quote introduced by a colon after a speaker phrase: 'Xi: "..."'; or after a lead that names
            #    the speaker without a cue verb: 'The minister's message was clear: "..."', 'Ortiz was blunt: "..."'
            if q.start >= 3:
                colon = doc[q.start - 2] if doc[q.start - 1].is_quote else doc[q.start - 1]
                led = _colon_lead(doc, colon) if colon.text == ":" and words >= 2 else None
                if led is None and colon.text == ":" and words >= _MIN_UNCUED_QUOTE_WORDS:
                    if colon.head.pos_ in ("PROPN", "NOUN"):
                        led = colon.head, (colon.i, colon.i + 1), _phrase(colon.head)
                if led is not None:
                    speaker, cue, src = led
                    attribution = Attribution(
                        content=[q_chars],
                        cue=_chars(doc, *cue),
                        source=_chars(doc, *src),
                        source_head=speaker.i,
                        construction=QUOTE_COLON,
                        cue_token=cue[0],
                    )
                    found.append(attribution)
                    previous_direct, previous_end_sent = attribution, _sent_index(doc, q.end - 1)
        _join_running_quotes(doc, found, quotes, quote_spans)
        return found

    def _split_at_participle(self, doc: Doc, owner: Attribution, q: Span) -> Attribution | None:
        """A quote a claim runs into through a speech participle ("criticized the council for its vote,
        saying, “They wasted a year.”") is said in those words: the quote becomes a direct claim of the same speaker and
        the claim ends before the participle."""
        at = q.start - 1
        while at > 0 and (doc[at].is_quote or doc[at].text in (",", ":")):
            at -= 1
        verb = doc[at]
        if at >= q.start - 1 or verb.tag_ != "VBG" or verb.lemma_.lower() not in self.lex.cue_verbs:
            return None
        if owner.cue is None or owner.cue[1] > verb.idx or not any(s <= verb.idx < e for s, e in owner.content):
            return None
        cut = verb.i
        while cut > 0 and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
            cut -= 1
        if cut == 0 or doc[cut - 1].idx <= owner.start:
            return None
        end = doc[cut - 1].idx + len(doc[cut - 1].text)
        owner.content = [(s, min(e, end)) for s, e in owner.content if s < end]
        return Attribution(
            content=[(q.start_char, q.end_char)],
            cue=_chars(doc, verb.i, verb.i + 1),
            source=owner.source,
            source_head=owner.source_head,
            construction=QUOTE_PARTICIPLE,
            cue_token=verb.i,
        )

    def _quote_cue(self, doc: Doc, q: Span, q_tokens: set[int]) -> Token | None:
        """A cue verb next to a quote: after it (“...,” he said) or before it (he said: “...”)."""
        after_end = min(len(doc), q.end + 14)  # room for a title, a name and a party: "Rep. Ann Lee (D-Md.) said"
        last_sent = doc[min(q.end, len(doc) - 1)].sent
        after = q.end + 1 if q.end < len(doc) and doc[q.end].is_quote else q.end
        if after < len(doc) and doc[after].is_sent_start and q.end > q.start and doc[q.end - 1].text in ("?", "!"):
            last_sent = doc[after].sent  # “Is it safe?” Mayor Ortiz asked.: the splitter ended the sentence at “?”
        # a verb before the quote that governs it: a cue after the quote inside that verb's clause is of another
        # clause ("called it “a joke,” as reporters asked ...")
        governors = [a for a in q.root.ancestors if a.pos_ == "VERB" and a.i < q.start]
        for tok in doc[q.end : after_end]:
            if tok.i >= last_sent.end and (tok.i > q.end + 1 or not tok.is_punct):  # the next sentence's words
                break
            if tok.is_quote and tok.i > q.end + 1:
                break
            if self._is_quote_cue(tok) and not any(g in tok.ancestors for g in governors):
                return tok
        first_sent = doc[max(0, q.start - 1)].sent
        for tok in reversed(doc[first_sent.start : q.start]):
            if tok.is_quote and tok.i < q.start - 1:
                break
            if tok.i not in q_tokens and self._is_quote_cue(tok):
                return tok
        return None

    def _is_quote_cue(self, tok: Token) -> bool:
        """A speech verb with a speaker of its own ("said", not "responding to")."""
        cue = self.lex.cue_verbs.get(tok.lemma_.lower()) or self.lex.quote_verbs.get(tok.lemma_.lower())
        if cue is not None and cue_read_as_noun_after_quote(tok):
            return True
        if tok.pos_ != "VERB" or cue is None or (_subject(tok) is None and _name_after_quote(tok.doc, tok) is None):
            return False
        return not cue.particles_only or any(c.lower_ in cue.particles for c in tok.children)


CONTRAST_MARKS = frozenset({"while", "whereas"})


def _contrast_start(head: Token, cue: Token) -> int:
    """Where the reported clause stops after its cue at a contrast with a subject of its own ("…, the organisers
    said, while police put the number at 18,000"): what follows is another source's, not the cue's (the end of
    the document when there is none)."""
    for child in head.children:
        if (
            child.i > cue.i
            and child.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in child.children)
            and any(c.dep_ in SUBJECT_DEPS for c in child.children)
        ):
            return child.left_edge.i
    return len(head.doc)
