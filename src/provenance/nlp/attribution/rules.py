"""The rules that propose attributions: cue verbs and nouns, "according to", speaker labels, quotes.

Each construction is one method of `Rules`; `Rules.candidates(doc)` runs them all and
gives each quote its claim. Candidates may overlap: settling them is `settle.py`'s job,
and a trained scorer can add or rescore candidates between the two.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from ...lexicon import CueVerb, Lexicon, lexicon
from .learned import learned_claims
from .phrase import phrase as _phrase
from .constructions import (
    ACCORDING_TO,
    ADJECTIVE_CLAUSE,
    CUE_NOUN,
    ESTIMATE,
    FINDING,
    LEARNED_CLAUSE,
    QUOTE_COLON,
    QUOTE_CUE,
    QUOTE_INTRO,
    QUOTE_PARTICIPLE,
    QUOTE_SIGNATURE,
    SPEAKER_LABEL,
    VERB_CLAUSE,
)
from .record import Attribution

_SUBJECT_DEPS = {"nsubj", "csubj"}
_CLAUSE_DEPS = {"ccomp"}
_OPENING_MARKS = ("“", "‘", "``")  # marks that open a quote: a cue right after one precedes its quote
_INHERITS_SUBJECT = {"conj", "advcl", "xcomp"}
_CONTENT_EDGE_SKIP = {"PUNCT", "CCONJ", "SPACE"}
_REPORT_FRAMES = {
    "statement",
    "interview",
    "speech",
    "email",
    "letter",
    "post",
    "tweet",
    "briefing",
    "report",
    "conference",
    "address",
    "message",
    "meeting",
    "video",
    "remarks",
    "testimony",
}
_COGNITION_ADJECTIVES = {
    "concerned",
    "confident",
    "convinced",
    "sure",
    "certain",
    "aware",
    "adamant",
    "worried",
    "hopeful",
    "optimistic",
    "pessimistic",
    "skeptical",
    "sceptical",
    "clear",
}
_MIN_CONTENT_TOKENS = 3
# "put the figure at 80,000": verbs that state a source's estimate of something counted
_ESTIMATE_VERBS = {"put", "estimate", "place", "peg", "set"}
_ESTIMATED_NOUNS = {
    "figure",
    "toll",
    "number",
    "count",
    "cost",
    "damage",
    "loss",
    "turnout",
    "crowd",
    "total",
    "size",
    "value",
    "bill",
    "attendance",
    "tally",
}
_MIN_UNCUED_QUOTE_WORDS = 4
# what a sentence opening "In a <noun> ..., " reports the findings of: data gathered, not words said
_FINDING_HEADS = {"poll", "survey", "study", "analysis", "census", "report", "research", "data", "estimate", "forecast"}


# Words that carry the claim's meaning even at its edge: "Nor can Interpol require ...",
# "Neither the police nor the army will ...", "rose to 7.2%".
_KEEP_AT_START = {"nor", "neither", "not", "no", "never"}
_KEEP_AT_END = {"%", "°", "‰"}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Shrink a token range [start, end) past edge punctuation, conjunctions and 'that', never past a negation."""
    while (
        start < end
        and doc[start].lower_ not in _KEEP_AT_START
        and (doc[start].pos_ in _CONTENT_EDGE_SKIP or doc[start].is_space or doc[start].lower_ in ("that", "—", "-"))
    ):
        start += 1
    while (
        end > start
        and doc[end - 1].text not in _KEEP_AT_END
        and (doc[end - 1].pos_ in _CONTENT_EDGE_SKIP or doc[end - 1].is_punct or doc[end - 1].is_space)
    ):
        end -= 1
    # keep the closing mark of a quote that opens inside the content: 'would “reopen”', 'was ‘reviewing it’'
    marks = [t.text for t in doc[start:end] if t.is_quote]  # one pass over the content
    opened = marks.count("“") + marks.count("«") - marks.count("”") - marks.count("»")
    single_opened = marks.count("‘") - marks.count("’")
    straight_open = marks.count('"') % 2 == 1
    closers = ("”", "»") if opened > 0 else ("’",) if single_opened > 0 else ('"',) if straight_open else ()
    if closers and end < len(doc) and doc[end].text in closers:
        end += 1  # the same with straight marks: 'are "far too high"'
    elif closers and end + 1 < len(doc) and doc[end].text in (".", "?", "!") and doc[end + 1].text in closers:
        end += 2  # the stop inside the closing mark, as American copy sets it: 'was "rigged."'
    return start, end


def _set_off(doc: Doc, first: int) -> bool:
    """A cue clause that stands apart from the content it reports: after a comma, a dash or a closing quote
    ("..., diplomats say"); not "said they want ...", where "they want" is the content itself."""
    before = doc[first - 1] if first > 0 else None
    return before is None or before.text in (",", "—", "–", "-", "--", "”", '"', "’", "(", ";", ":")


def _closes_sentence_after_comma(verb: Token, subject: Token) -> bool:
    """ "Prices could rise by 20% if the tariff passes, economists said.": the parser hangs the cue
    on the clause as an adverbial; a subject and cue after a comma that end the sentence report it."""
    doc = verb.doc
    start = subject.left_edge.i
    after = doc[verb.right_edge.i + 1 : verb.sent.end]
    return (
        subject.i < verb.i
        and verb.tag_ != "VBG"  # "..., each praising their own plan": a participle adds what they did, it cites no one
        and start > 0
        and doc[start - 1].text == ","
        and all(t.is_punct or t.is_space for t in after)
        and verb.head.i < start
    )


def _only_a_setting(doc: Doc, head: Token, start: int, end: int) -> bool:
    """Whether tokens [start, end) before a parenthetical cue are only a participle clause with no subject of its
    own ("Asked about the vote", "Speaking to reporters"): the setting of the words, not part of them."""
    words = [t for t in doc[start:end] if not (t.is_punct or t.is_space)]
    if not words:
        return False
    setting = next((c for c in head.children if c.dep_ == "advcl" and c.left_edge.i == words[0].i), None)
    return (
        setting is not None
        and setting.tag_ in ("VBN", "VBG")
        and setting.right_edge.i >= words[-1].i
        and not any(c.dep_ in _SUBJECT_DEPS for c in setting.children)
    )


def _clause_opening_cue(verb: Token, subject: Token) -> Token | None:
    """A clause with a subject of its own that opens the sentence and that the parser hung on a parenthetical
    cue as an adverbial ("Although the pier was repaired, the mayor said, ..."), or None."""
    for child in verb.children:
        if (
            child.dep_ == "advcl"
            and child.i < subject.i
            and child.left_edge.i == verb.left_edge.i
            and any(g.dep_ in (*_SUBJECT_DEPS, "nsubjpass") for g in child.children)
        ):
            return child
    return None


def _comma_before_cue(verb: Token, subject: Token) -> int:
    """The token before the cue's clause: before its subject ("..., the agency said") or, when the subject
    follows the verb, before the verb ("..., said Anna Berg")."""
    return subject.left_edge.i - 1 if subject.i < verb.i else verb.i - 1


def _closes_after_comma(verb: Token, subject: Token) -> bool:
    """A root cue that closes its sentence after a comma and its subject ("..., the agency said in a
    statement."), with four words or more before the comma that do not open as a setting ("In a speech, he
    declared: ...", "Asked if ..., she said")."""
    doc, sent = verb.doc, verb.sent
    comma = _comma_before_cue(verb, subject)
    # "But after the storm closed the pier, the board said enough.": the setting opens after a conjunction
    first = next((t for t in sent if not (t.pos_ == "CCONJ" or t.is_punct or t.is_space)), doc[sent.start])
    after = [c for c in verb.children if c.i > verb.i and not c.is_punct and c.i != subject.i]
    return (
        verb.dep_ == "ROOT"
        and comma - sent.start >= 4
        and doc[comma].text == ","
        and first.pos_ not in ("ADP", "SCONJ", "ADV", "VERB", "AUX")
        and first.lower_ not in ("according", "as", "if", "when", "while", "though", "although", "most")
        and all(
            c.dep_ in ("prep", "npadvmod", "advmod") and c.lower_ not in ("of", "to", "for", "about", "on")
            for c in after
        )
        and all(t.is_punct or t.is_space for t in doc[verb.right_edge.i + 1 : sent.end])
        and not any(t.is_quote for t in doc[verb.i : sent.end])
    )


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The speaker of a cue verb: its subject, a shared subject, or a prompted object."""
    subjects = [child for child in verb.children if child.dep_ in _SUBJECT_DEPS]
    if subjects and _quoted_before(subjects[0], verb):
        # “The council is in chaos. Full chaos,” said Dana Reyes: the parser made the quote's last fragment a
        # subject too; the speaker is the subject after the closing mark, or the name the inversion puts there
        return next((s for s in subjects if s.i > verb.i), None) or _inverted_speaker(verb)
    if len(subjects) > 1 and subjects[0].i < verb.i < subjects[-1].i and verb.doc[verb.i - 1].text == ",":
        # "The rejection signals "the end" for the union, said Anna Berg": the parser gave "said" both the
        # reported clause's noun and the name after it as subjects; after a comma the inverted name speaks
        return subjects[-1]
    if subjects:
        return subjects[0]
    for child in verb.children:  # passive with an agent: "was told by officials"
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    reported = verb.head
    if (
        depth < 3
        and (
            verb.tag_ == "VBG"
            and verb.dep_ in ("advcl", "conj")
            or _narrated_cue(verb, reported)  # "said the fare is too high and urged riders to ..."
        )
        and reported.dep_ == "ccomp"
        and reported.i < verb.i
        and reported.head.lemma_.lower() in lexicon().cue_verbs
    ):
        # "said the team trained hard, adding that ...": the parser hangs the participle on the reported
        # clause, but the one adding is the one who said it, not the clause's subject
        return _subject(reported.head, depth + 1)
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        # "Asked whether he would resign, the minister said ...": the main clause's subject was asked (but
        # "Having announced that ..., the judge went on": a perfect participle is the subject's own act)
        return None
    if depth < 3 and verb.dep_ in _INHERITS_SUBJECT and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ in ("xcomp",) or verb.dep_ == "advcl" and verb.head.i < verb.i:
            for child in verb.head.children:  # "prompting rights groups to ask ..."
                if child.dep_ == "dobj" and verb.dep_ == "xcomp":
                    return child
        return _subject(verb.head, depth + 1)
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        governor = verb.head.head  # "after saying ..., she was whisked off"
        return _subject(governor, depth + 1) or next((c for c in governor.children if c.dep_ == "nsubjpass"), None)
    issuer = _issuer_of_saying_document(verb)
    if issuer is not None:
        return issuer
    if verb.dep_ == "ccomp" and verb.head.pos_ == "VERB":
        for child in verb.head.children:  # "prompting rights groups to ask" parsed as ccomp
            if child.dep_ == "dobj" and child.i < verb.i:
                return child
    return _inverted_speaker(verb)


def _issuer_of_saying_document(verb: Token) -> Token | None:
    """The issuer of a statement, letter or post that a participle says something in ("The group issued a
    statement saying it ...", "released a letter stating that ..."): the possessor, the "from" phrase, or
    the subject of the verb that issued it."""
    document = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or document.pos_ != "NOUN":
        return None
    lex = lexicon()
    if document.lemma_.lower() not in lex.document_heads and document.lemma_.lower() not in lex.cue_nouns:
        return None
    for child in document.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "from":
            issuer = next((g for g in child.children if g.dep_ == "pobj"), None)
            if issuer is not None:
                return issuer
    if document.dep_ == "dobj" and document.head.pos_ == "VERB":
        return next((c for c in document.head.children if c.dep_ == "nsubj"), None)
    return None


def _quoted_before(subject: Token, verb: Token) -> bool:
    """Whether a closing quote mark stands between a subject and its verb after it: the subject is inside the quote."""
    if subject.i > verb.i:
        return False
    return any(t.is_quote and t.text not in _OPENING_MARKS for t in subject.doc[subject.right_edge.i + 1 : verb.i])


def _inverted_speaker(verb: Token) -> Token | None:
    """The speaker after a cue verb that follows its quote (“Yes,” replied the witness; “Is it safe?” asked
    the commissioner): the parser reads the noun after the verb as its object, but a speech verb right after a
    closing quote mark puts its speaker there, in the order of a proper name ("said Dr. Lee")."""
    doc = verb.doc
    before = verb.i - 1
    if before > 0 and doc[before].text == ",":
        before -= 1
    if before < 1 or not doc[before].is_quote or doc[before - 1].is_space:
        return None
    if doc[before].text in _OPENING_MARKS:
        return None  # an opening mark: the quote follows the verb
    found = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.left_edge.i == verb.i + 1), None)
    if found is None and verb.i + 1 < len(doc) and doc[verb.i + 1].pos_ == "PROPN":
        # "The risk," said Edward Leamer, an economist, "is that ...": the parser made the name the subject of
        # the quote's second half; a name right after the cue is its speaker all the same
        last = verb.i + 1
        while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN" and doc[last].dep_ == "compound":
            last += 1
        found = doc[last]
    return found


def _after_cue(doc: Doc, verb: Token, particle: Token | None, start: int) -> int:
    """`start`, moved past the printed cue: content resumes after "said in a statement", not inside it
    (“We are confident,” the company said in a statement, “that the product is safe.”)."""
    cue_end = _cue_span(doc, verb, particle)[1]
    while start < len(doc) and doc[start].idx < cue_end:
        start += 1
    return start


def _cue_span(doc: Doc, verb: Token, particle: Token | None = None) -> tuple[int, int]:
    """The cue as printed: the verb with its auxiliaries, a particle, 'in a statement'."""
    start = verb.i
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i and verb.i - child.i <= 3:
            start = min(start, child.i)
    end = verb.i + 1
    if particle is not None:
        end = max(end, particle.i + 1)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "at", "on") and child.i == end:
            objs = [g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in _REPORT_FRAMES]
            if objs:
                end = objs[0].i + 1
    return _chars(doc, start, end)


def _verb_read_as_noun(tok: Token) -> bool:
    """A cue the tagger took for a noun though the parse gives it a subject and a clause ("Data from the
    agency show that unemployment fell": "show" tagged NN, its sentence's root, "Data" its subject)."""
    if tok.pos_ != "NOUN" or tok.dep_ != "ROOT":
        return False
    children = {c.dep_ for c in tok.children}
    return "nsubj" in children and "ccomp" in children


def _speaker_before_noun_cue(tok: Token) -> int:
    """Where the noun phrase before `tok` starts: its determiners, numbers, adjectives and nouns."""
    start = tok.i
    while start > 0 and tok.doc[start - 1].pos_ in ("DET", "NUM", "ADJ", "NOUN", "PROPN", "PUNCT"):
        if tok.doc[start - 1].is_punct and tok.doc[start - 1].text != "-":
            break
        start -= 1
    return start


def _cue_read_as_noun_after_quote(tok: Token) -> bool:
    """A present-tense cue after a closing quote that the tagger took for a noun, its speaker for the noun's
    modifiers (“...,” the narrator states. / “...,” the two write.): the noun phrase starts right after the
    closing mark, and the cue heads the sentence with the quote's clause hanging on it."""
    if tok.pos_ != "NOUN" or tok.dep_ != "ROOT" or tok.i < 3:
        return False
    start = _speaker_before_noun_cue(tok)
    if start == tok.i:
        return False
    before = start - 1
    if tok.doc[before].text == ",":
        before -= 1
    return (
        tok.doc[before].is_quote
        and tok.doc[before].text not in _OPENING_MARKS
        and any(c.dep_ == "ccomp" and c.i < before for c in tok.children)
    )


def quote_mask(doc: Doc, quotes: list[Span]) -> list[bool]:
    """For each token of `doc`, whether a quote holds it."""
    in_quote = [False] * len(doc)
    for q in quotes:
        in_quote[q.start : q.end] = [True] * len(q)
    return in_quote


class Rules:
    """Every construction that proposes a claim, reading the parse and the word lists."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex: Lexicon = lex or lexicon()

    def candidates(self, doc: Doc, quotes: list[Span]) -> list[Attribution]:
        """Every claim the rules find, overlaps included, each quote given its claim."""
        in_quote = quote_mask(doc, quotes)
        found: list[Attribution] = []
        for tok in doc:
            if in_quote[tok.i]:
                continue
            lemma = tok.lemma_.lower()
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                found.extend(self._according_to(doc, tok))
            elif tok.lower_ == "in" and tok.dep_ == "prep":
                found.extend(self._in_finding(doc, tok))
            elif tok.pos_ == "VERB" and lemma in _ESTIMATE_VERBS and (estimate := self._estimate(doc, tok)):
                found.extend(estimate)
            elif (tok.pos_ == "VERB" or _verb_read_as_noun(tok)) and lemma in self.lex.cue_verbs:
                found.extend(self._verb(doc, tok, in_quote))
            elif tok.lower_ in _COGNITION_ADJECTIVES and tok.pos_ in ("ADJ", "VERB"):
                found.extend(self._verb(doc, tok, in_quote, adjective=True))
            elif tok.pos_ == "NOUN" and lemma in self.lex.cue_nouns:
                found.extend(self._noun(doc, tok))
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
        if subject is None:
            return []
        sent = verb.sent
        content: tuple[int, int] | None = None
        tail: tuple[int, int] | None = None  # second segment of a parenthetical cue
        particle: Token | None = None
        clauses = [c for c in verb.children if c.dep_ in _CLAUSE_DEPS and not _quoted_title_before(c, verb, in_quote)]
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
                start = min(c.left_edge.i for c in timed.children if c.dep_ in _SUBJECT_DEPS)
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
            opening = _clause_opening_cue(verb, subject)
            if opening is not None and head.left_edge.i >= stop:
                # "Although the pier was repaired, the mayor said, the ferry ...": the parser hung the opening
                # clause on the cue; it is the first part of what was said
                stop = opening.right_edge.i + 1
                content = (max(sent.start, opening.left_edge.i), stop)
            else:
                content = (max(sent.start, head.left_edge.i), stop)
            after = (verb.right_edge.i + 1, min(sent.end, head.right_edge.i + 1))
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
            start = _skip_dateline(doc, start, end)
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
            if intro is not None:
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
        if cue is not None and _cue_read_as_noun_after_quote(tok):
            return True
        if tok.pos_ != "VERB" or cue is None or (_subject(tok) is None and _name_after_quote(tok.doc, tok) is None):
            return False
        return not cue.particles_only or any(c.lower_ in cue.particles for c in tok.children)


# nouns for what someone said, whose possessor is the speaker ("Her verdict:", "The minister's message was clear:")
_SAYING_NOUNS = frozenset(
    "message verdict response reply answer statement words advice warning reaction explanation assessment comment "
    "retort plea promise conclusion diagnosis prediction instruction demand appeal".split()
)
# how a speaker put it, in "Ortiz was blunt:"
_MANNER_ADJECTIVES = frozenset(
    "blunt clear emphatic adamant succinct direct defiant unapologetic candid frank firm brief unequivocal".split()
)


def _colon_lead(doc: Doc, colon: Token) -> tuple[Token, tuple[int, int], tuple[int, int]] | None:
    """(speaker, cue token range, speaker token range) of a lead before a colon that names who speaks without a cue verb: a saying
    noun with a possessor ("Her verdict:", "The minister's message was clear:") or a person said to be blunt or
    clear ("Ortiz was blunt:"); None for any other lead ("The reason was simple:")."""
    start = colon.sent.start
    lead = [t for t in doc[start : colon.i] if not t.is_space]
    if not lead or len(lead) > 10 or any(t.is_quote for t in lead):
        return None
    for tok in lead:
        if tok.lemma_.lower() in _SAYING_NOUNS:
            possessor = next((c for c in tok.children if c.dep_ == "poss" and c.i >= start), None)
            if possessor is not None:
                return possessor, (tok.i, colon.i), (possessor.left_edge.i, possessor.i + 1)
    if len(lead) >= 3 and lead[-1].lower_ in _MANNER_ADJECTIVES and lead[-2].lemma_ == "be":
        head = doc[start : lead[-2].i].root
        if (
            head.pos_ == "PROPN"
            or head.lower_ in ("he", "she", "they")
            or head.lemma_.lower() in lexicon().person_titles
        ):
            return head, (lead[-2].i, colon.i), (head.left_edge.i, head.i + 1)
    return None


def _lead_before_colon(doc: Doc, claim: Attribution, q: Span) -> bool:
    """Whether a claim whose cue follows quote `q` starts before it with a lead ending in a colon ('Sen. Lee
    scolded him: “...,” she said'): the lead is the writer's introduction, the quote the claim."""
    if claim.cue is None or claim.cue[0] < q.end_char or claim.content[0][0] >= q.start_char:
        return False
    before = q.start - 1
    while before > 0 and (doc[before].is_quote or doc[before].is_space):
        before -= 1
    return doc[before].text == ":" and doc[before].idx >= claim.content[0][0]


def _runs_on_after_colon(doc: Doc, content_end: int, quote_start: int) -> bool:
    """Whether only a colon (and an opening quote mark) stands between reported content (ending at character
    `content_end`) and the quote starting at token `quote_start`; read from the tokens (`doc.text` is rebuilt
    on every access)."""
    first = quote_start
    while first > 0 and doc[first - 1].idx >= content_end:
        if not (doc[first - 1].text == ":" or doc[first - 1].is_quote or doc[first - 1].is_space):
            return False
        first -= 1
    return any(t.text == ":" for t in doc[first:quote_start])


def _as_clause(verb: Token, cue: CueVerb) -> bool:
    """A cue in an "as" clause hung on the clause it reports: "As the board reported, ...", "..., as he noted, ...".
    Only a verb of saying that needs no object ("as he welcomed the guests" tells when)."""
    if cue.takes_object or cue.takes_infinitive or cue.quoted_only:
        return False
    if cue.particles_only and not any(c.dep_ == "prt" and c.lower_ in cue.particles for c in verb.children):
        return False
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.head.sent == verb.sent
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children)
    )


def _words_before(doc: Doc, start: int, end_char: int) -> int:
    """Words from token `start` up to character `end_char` (read no further: a document may hold thousands of quotes)."""
    count, i = 0, start
    while i < len(doc) and doc[i].idx < end_char:
        count += doc[i].is_alpha
        i += 1
    return count


def _end_before_own_clause(verb: Token) -> int:
    """The last token of what hangs on the verb, short of a coordinated clause of its own: in "proposed a levy,
    but the council agreed it was too high" the council's agreement is not the proposal, and in "stressed her
    support for the pier and said she would fund it" the second verb of saying is a report of its own."""
    end = verb.right_edge.i
    for child in verb.children:
        if (
            child.dep_ == "conj"
            and child.i > verb.i
            and (any(g.dep_ in _SUBJECT_DEPS for g in child.children) or child.lemma_.lower() in lexicon().cue_verbs)
        ):
            end = min(end, child.left_edge.i - 1)
            while end > verb.i and (verb.doc[end].dep_ == "cc" or verb.doc[end].is_punct):
                end -= 1
    return end


def _clause_after_time(verb: Token) -> Token | None:
    """A clause hung on a cue as an adverbial whose "subordinator" is a preposition with its own object
    ("said after the storm it would close", "said in a statement the pier was safe"): a time or a setting
    said of the saying, then the clause said. None unless that shape, after the cue, with a subject."""
    if verb.i + 1 >= len(verb.doc):
        return None
    mark = verb.doc[verb.i + 1]  # "after" read as the clause's subordinator or as its preposition
    if mark.tag_ != "IN" or not any(g.dep_ == "pobj" for g in mark.children):
        return None
    for child in verb.children:
        if child.dep_ != "advcl" or child.left_edge.i != mark.i:
            continue
        subject = next((g for g in child.children if g.dep_ in _SUBJECT_DEPS and g.i > mark.i), None)
        if subject is not None and subject.left_edge.i > max(g.i for g in mark.children if g.dep_ == "pobj"):
            return child
    return None


def _continued_after_cue(verb: Token, subject: Token) -> tuple[int, int] | None:
    """A clause coordinated after a cue that closes its content ("Rents rose 4 percent, the agency said in
    its annual survey, and wages in the port fell 2 percent"): more of what was said, unless it is the
    speaker's own act ("..., he said, and he left") or a report of its own ("..., and added that ...")."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.i < verb.i or conj.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in conj.children if c.dep_ in _SUBJECT_DEPS]
        if not subjects or subjects[0].tag_ in ("PRP", "WP") or subjects[0].lower_ == subject.lower_:
            return None
        if conj.lemma_.lower() in lexicon().cue_verbs:
            return None
        return (conj.left_edge.i, conj.right_edge.i + 1)
    return None


def _narrated_cue(cue: Token, clause: Token) -> bool:
    """A cue verb with no subject of its own that the parser coordinated with a reported clause, yet which goes
    on with the narration (the speaker did it, not the clause's subject): in the past after a clause that is
    not ("said the fare is too high and urged riders ..."), or with a reported complement of its own ("said
    the skipper was reckless and encouraged riders to boycott the ferry")."""
    if cue.dep_ != "conj" or any(g.dep_ in _SUBJECT_DEPS for g in cue.children):
        return False
    return (cue.tag_ == "VBD" and clause.tag_ != "VBD") or any(
        g.dep_ in ("xcomp", "ccomp") and g.i > cue.i for g in cue.children
    )


def _clause_end(doc: Doc, clauses: list[Token], start: int, end: int) -> int:
    """Cut reported content at a semicolon or at a coordinated clause that is a report of its own."""
    for tok in doc[start:end]:
        if tok.text == ";" and not any(c.i > tok.i and c.dep_ == "ccomp" for c in clauses):
            return tok.i
    lex = lexicon()
    for clause in clauses:
        for child in clause.children:
            contrast = child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in ("while", "whereas") for g in child.children
            )  # "the law is unconstitutional, while supporters say it protects children": two reports
            if (
                (child.dep_ == "conj" or contrast)
                and child.i > clause.i
                and child.lemma_.lower() in lex.cue_verbs
                # "said the fare is too high and urged riders to ...": the speaker urged, a report of its own
                and (any(g.dep_ in _SUBJECT_DEPS for g in child.children) or _narrated_cue(child, clause))
                # 'said the videos were "inconclusive" and that the footage did not show ...': a second
                # clause marked by "that" is more of what was said
                and not any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)
            ):
                return min(end, child.left_edge.i)
    return end


_SPEAKER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}


def _speaker_like(tok: Token) -> bool:
    """Whether a noun can be someone who says or thinks: a person, body, group or pronoun.

    Used where the construction alone is weak evidence ("Meng's election raised concerns").
    """
    if tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in _SPEAKER_ENTS:
        return True
    lex = lexicon()
    lemma = tok.lemma_.lower()
    return (
        lemma in lex.person_titles
        or lemma in lex.anonymous_heads
        or tok.lower_ in lex.group_heads
        or lemma in lex.government_words
        or tok.lower_ in lex.government_words
        or lemma in lex.media_words
        or lemma in {"group", "organization", "organisation", "agency", "company", "party", "union", "campaign"}
    )


_SUBORDINATORS = {"that", "whether", "if"}  # 'said that “...”' is still a direct quote


def _words_outside(doc: Doc, content: list[tuple[int, int]], quote_spans: list[tuple[int, int]]) -> int:
    """How many words of a claim's content lie outside every quote."""
    count = 0
    for s, e in content:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            count += sum(
                1
                for t in span
                if t.is_alpha and t.lower_ not in _SUBORDINATORS and not any(a <= t.idx < b for a, b in quote_spans)
            )
    return count


def _drop_circumstance(claim: Attribution, quote_spans: list[tuple[int, int]]) -> None:
    """“...,” the mayor told the council, after it voted ...: once a quote has ended before the cue, words after
    the cue that no quote holds tell when or how it was said, not what; they leave the content."""
    if claim.cue is None or len(claim.content) < 2:
        return
    cue_start = claim.cue[0]
    quoted_before = any(qe <= cue_start and any(s < qe and qs < e for s, e in claim.content) for qs, qe in quote_spans)
    if not quoted_before:
        return
    # after the cue a segment is kept when a quote opens it ('..., he said, “...”'), not when a quote sits inside a
    # circumstance ('“...,” Cruz said after a brief “I'm sorry” to Carson')
    kept = [(s, e) for s, e in claim.content if s < cue_start or _opened_by_quote(s, e, quote_spans)]
    if kept:
        claim.content = kept


def _opened_by_quote(start: int, end: int, quote_spans: list[tuple[int, int]]) -> bool:
    """Whether a quote starts where the segment [start, end) does (its opening mark may lead the segment)."""
    return any(qs <= start + 2 and start < qe and qs < end for qs, qe in quote_spans)


def _is_quoted(attribution: Attribution, quote_spans: list[tuple[int, int]]) -> bool:
    """True when every content segment of a claim is exactly a quote."""
    return all(seg in quote_spans for seg in attribution.content)


def _reported_just_before(doc: Doc, found: list[Attribution], q: Span) -> Attribution | None:
    """The claim of reported speech whose content or cue ends the sentence right before the quote's
    ("The governor said the plan would fail." or "The plan will fail, the governor said."), with nothing
    but punctuation after it."""
    sent_index = _sent_index(doc, q.start)
    if sent_index == 0:
        return None
    previous = doc[doc[q.start].sent.start - 1].sent
    tail = next((t for t in reversed(previous) if not (t.is_space or t.is_punct)), None)
    if tail is None:
        return None
    sentence_end = tail.idx + len(tail.text)
    for a in found:
        if a.construction in (VERB_CLAUSE, LEARNED_CLAUSE) and a.cue is not None and sentence_end in (a.end, a.cue[1]):
            return a
    return None


def _last_sentence(doc: Doc, claim: Attribution, quote_end_sent: int) -> int:
    """The sentence a direct claim ends in: its quote's, or its cue's when the cue follows in a
    sentence of its own (“Is it safe?” Ortiz asked. “...”: the splitter ends the quote at “?”)."""
    if claim.cue_token is None:
        return quote_end_sent
    return max(quote_end_sent, _sent_index(doc, claim.cue_token))


def _sent_index(doc: Doc, token_index: int) -> int:
    """Ordinal of the sentence holding a token (0 for the first sentence)."""
    starts = doc.user_data.get("_provenance_sent_starts")
    if starts is None:
        starts = [s.start for s in doc.sents]
        doc.user_data["_provenance_sent_starts"] = starts
    return bisect_right(starts, token_index) - 1


def _skip_dateline(doc: Doc, start: int, end: int) -> int:
    """Skip a dateline such as 'BEIJING (Reuters) -' or 'BEIJING:' at the start of a clause."""
    for i in range(start, min(end, start + 8)):
        if doc[i].text in ("-", "—", "–", ":") and i > start and (doc[i - 1].text == ")" or doc[i - 1].is_upper):
            return i + 1
    return start


_NOT_SPEAKER_LABELS = {
    "note",
    "update",
    "updated",
    "photo",
    "photos",
    "source",
    "sources",
    "published",
    "posted",
    "editor's note",
    "correction",
    "related",
    "read",
    "watch",
    "click",
    "share",
    "tags",
    "caption",
    "video",
    "listen",
    "subscribe",
    "advertisement",
    "credit",
    "image",
    "warning",
    "q",
    "a",
    "the latest",
    "breaking",
    "contributing",
    "clarification",
    "byline",
    "exclusive",
    "opinion",
    "editorial",
    "analysis",
    "live",
    "revealed",
    "wow",
    "name",
}
_DASHES = {"―", "—", "–", "-", "--"}


def _join_running_quotes(
    doc: Doc, found: list[Attribution], quotes: list[Span], quote_spans: list[tuple[int, int]]
) -> None:
    """A quotation run on over paragraphs (each reopened, only the last closed and attributed)
    is one claim: each earlier paragraph joins the claim of the paragraph after it."""
    marks = doc._.quotes or []
    if len(marks) != len(quotes):
        return
    for n in range(len(quotes) - 2, -1, -1):
        if not marks[n].continues:
            continue
        here, after = quote_spans[n], quote_spans[n + 1]
        if any(here in a.content for a in found):
            continue
        owner = next((a for a in found if after in a.content and _is_quoted(a, quote_spans)), None)
        if owner is not None:
            owner.content = sorted(owner.content + [here])


_TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with"}


def _quoted_title_before(clause: Token, verb: Token, in_quote: list[bool]) -> bool:
    """A "clause" before its cue that is a quoted title the parser read as one ('In his book, “Make Your Kid a
    Millionaire,” Mr. Kelly suggested ...'): a name of a work, not what was said."""
    if clause.i > verb.i:
        return False
    return _title_case([t for t in clause.subtree if in_quote[t.i] and t.is_alpha], most=8)


def _title(q: Span) -> bool:
    """A quotation that is a title, states nothing ("Bridge of Spies", "Make America Great Again"):
    two to six capitalised words, no punctuation closing it but a comma, which American copy sets inside
    the closing mark for the sentence around it (the project on “Women in Power,” answering ...; In his
    book, “Make Your Kid a Millionaire,” he suggested ...). A single word ("disgusting") is the speaker's
    judgement and stays a claim."""
    tokens = [t for t in q if not t.is_space]
    if tokens and tokens[-1].text == ",":
        tokens.pop()
    if not tokens or tokens[-1].text in (".", "!", "?", ",", ";", ":", "…"):
        return False
    return _title_case([t for t in tokens if t.is_alpha], most=6)


def _title_case(words: list[Token], most: int) -> bool:
    """Two to `most` words written as a title: the first capitalised, the rest capitalised or small words."""
    return (
        2 <= len(words) <= most
        and words[0].is_title
        and all(w.is_title or w.is_upper or w.lower_ in _TITLE_SMALL_WORDS for w in words[1:])
    )


def _quote_claim(doc: Doc, q: Span, verb: Token, construction: str = QUOTE_CUE) -> Attribution | None:
    """A direct claim: the quote `q`, said by the subject of `verb` (None when it has none outside the quote)."""
    if _cue_read_as_noun_after_quote(verb):  # “...,” the narrator states.
        return Attribution(
            content=[(q.start_char, q.end_char)],
            cue=_cue_span(doc, verb),
            source=_chars(doc, _speaker_before_noun_cue(verb), verb.i),
            source_head=verb.i - 1,
            construction=construction,
            cue_token=verb.i,
        )
    subject = _subject(verb)
    # a misparse may give the cue no subject, or one inside the quote (“..., we will,” Chief Ana Ruiz said)
    named = _name_after_quote(doc, verb) if subject is None or q.start <= subject.i < q.end else None
    inverted = (
        _inverted_speaker(verb) if named is None and subject is not None and q.start <= subject.i < q.end else None
    )
    if inverted is not None:  # “Is it safe?” asked the commissioner: the verb hung on the quote's own verb
        subject, src = inverted, _phrase(inverted)
    elif named is not None:
        subject, src = doc[named[1] - 1], named
    elif subject is None or q.start <= subject.i < q.end:
        return None
    else:
        src = _phrase(subject)
    if src[0] < q.end and src[1] > q.start:
        src = (subject.i, subject.i + 1)
    return Attribution(
        content=[(q.start_char, q.end_char)],
        cue=_cue_span(doc, verb),
        source=_chars(doc, *src),
        source_head=subject.i,
        construction=construction,
        cue_token=verb.i,
    )


def _label_end(verb: Token) -> int:
    """Where a naming verb's label ends: after the words that follow it up to the first that tells when, where
    or why it was said ("branded the plan a “disaster” Tuesday on ...", "called him a “friend”, citing ...")."""
    end = verb.i + 1
    for child in verb.rights:
        if child.is_quote:
            continue  # the opening mark of the label, hung on the verb: "calling him "a disgrace ...""
        if child.dep_ in ("npadvmod", "advcl", "punct", "cc", "conj", "parataxis"):
            break
        end = child.right_edge.i + 1
    return end


def _name_after_quote(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """(start, end) of a name standing between a closing quote and its cue verb (“...,” Riverside fire Chief
    Ana Ruiz said) when the parser gave the verb no subject: the name is the speaker all the same."""
    end = verb.i
    if end > 0 and doc[end - 1].text == ")":  # a party and state: "Sen. Ann Lee (D-Ore.) said"
        opening = next((i for i in range(end - 2, max(end - 8, 0), -1) if doc[i].text == "("), None)
        if opening is None:
            return None
        end = opening
    start = end
    while start > 0 and end - start < 8 and (doc[start - 1].is_alpha or doc[start - 1].text.endswith(".")):
        start -= 1
    if start == end or start < 2:
        return _name_with_apposition_after_quote(doc, verb)
    mark = doc[start - 1]
    if not (mark.is_quote or mark.text == "," and doc[start - 2].is_quote):
        return _name_with_apposition_after_quote(doc, verb)
    name = doc[start:end]
    if doc[end - 1].pos_ != "PROPN" or not all(t.is_title or t.pos_ == "NOUN" or t.text.endswith(".") for t in name):
        return None
    return start, end


def _name_with_apposition_after_quote(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """(start, end) of a name right after a closing quote whose description stands before the cue
    (“...,” Flynn, a top surrogate, said): the parser may hang the name inside the quote and leave the cue
    with no subject."""
    if verb.i < 4 or doc[verb.i - 1].text != ",":
        return None
    mark = next((i for i in range(verb.i - 2, max(verb.i - 16, 0), -1) if doc[i].is_quote), None)
    if mark is None or doc[mark].text in _OPENING_MARKS:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc[mark + 1 : verb.i]):
        return None  # a clause of its own between: "..., who heads the agency, said"
    start = mark + 1
    end = start
    while end < verb.i and doc[end].pos_ == "PROPN":
        end += 1
    if end == start or end >= verb.i or doc[end].text != ",":
        return None
    return start, end


_NOT_LABELLING = frozenset({"be", "become", "remain", "serve", "act", "work", "use", "join", "return", "run"})


def _labelled(doc: Doc, q: Span) -> tuple[Token, Token] | None:
    """(verb, object) when quote `q` is what a verb with a subject calls its object, through "as": "admires the
    coach as a “brilliant mind”", "rated the claims as “false”", "went after the agency as “wasteful”". Such a
    label is the subject's words about the object whether or not the verb is one of speech."""
    node, as_prep = q.root, None
    for _ in range(4):
        if node.dep_ == "prep" and node.lower_ == "as":
            as_prep = node
        if node.head.i == node.i or node.head.pos_ == "VERB":
            break
        node = node.head
    verb = node.head
    if as_prep is None or verb.pos_ != "VERB" or verb.i >= q.start or verb.lemma_.lower() in _NOT_LABELLING:
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None  # "was hailed as a “hero”": no one says who calls it that
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and verb.i < c.i < as_prep.i), None)
    if obj is None:  # "went after the agency as ...": the object of a particle
        obj = next(
            (
                g
                for c in verb.children
                if c.dep_ == "prep" and verb.i < c.i < as_prep.i
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
    if obj is None or _subject(verb) is None:
        return None
    return verb, obj


def _label_start(doc: Doc, verb: Token, obj: Token) -> int:
    """Where a labelled object's words start: after the verb's particle or preposition ("went after")."""
    first = verb.i + 1
    while first < obj.i and (
        doc[first].dep_ in ("prt", "prep") or doc[first].dep_ == "advmod" and doc[first].pos_ == "ADV"
    ):
        first += 1
    return doc[first].idx


def _lead_in(doc: Doc, verb: Token, q: Span) -> int | None:
    """Where reported words start when a cue is followed by some of its own words and then a quote.

    "described the incident as a “terrible situation”" -> the start of "the incident";
    None when the quote follows the cue directly or after "that", a comma or a colon
    (a direct quote: "told reporters: “...”").
    """
    if verb.i >= q.start:
        return None
    opening = q.start - 1 if q.start > 0 and doc[q.start - 1].is_quote else q.start
    between = [t for t in doc[verb.i + 1 : opening] if not t.is_space]
    if not between or between[-1].text in (",", ":", "—", "-") or any(t.text in (":", ";", ".") for t in between):
        return None
    marks = [
        i for i, t in enumerate(between) if t.lower_ == "that" and t.head.i > t.i and t.head.pos_ in ("VERB", "AUX")
    ]
    if marks:  # "said on Tuesday that the plan was “a disaster”": the reported clause starts after "that"
        words = [t for t in between[marks[-1] + 1 :] if t.is_alpha]
        return words[0].idx if words else None
    words = [t for t in between if (t.is_alpha or t.like_num) and t.lower_ != "that"]  # "rated 40% of ..."
    if not words or between[0].dep_ in ("prep", "advmod", "npadvmod", "advcl"):
        return None  # "said in responding to this question “...”": an adjunct, the quote is direct
    return words[0].idx


def _phrase_end(doc: Doc, verb: Token, q: Span) -> int:
    """Where the cue's complement that holds a quoted fragment ends: "described the plan as “a disaster” for
    every family in the county" goes on after the fragment. 0 when the cue does not govern the quote."""
    node = q.root
    while node.head.i != verb.i and node.head.i != node.i:
        node = node.head
    if node.head.i != verb.i or node.i < verb.i:
        return 0
    last = min(node.right_edge.i, doc[q.start].sent.end - 1)
    while last > q.end and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return doc[last].idx + len(doc[last].text)


def _introducing_verb(doc: Doc, q: Span) -> Token | None:
    """The verb of a clause that ends in , or : right before the quote: in the quote's sentence, or
    a paragraph of its own ending in a colon ('Jared Potts echoed:' then the quote below it)."""
    i = q.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_quote):
        i -= 1
    if i < 0 or doc[i].text not in (",", ":"):
        return None
    before = doc[i]
    sent = before.sent
    if before.text == "," and sent != doc[q.start].sent:
        return None
    prefix = [t for t in doc[sent.start : before.i] if not t.is_space]
    if not prefix or len(prefix) > 12:
        return None
    verbs = [t for t in prefix if t.pos_ == "VERB" and any(c.dep_ in _SUBJECT_DEPS for c in t.children)]
    return verbs[-1] if verbs else None


def _dash_signature(doc: Doc, q: Span) -> tuple[int, int] | None:
    """(dash token, end of name) when a quote is followed by a dash and a short name."""
    i = q.end
    while i < len(doc) and (doc[i].is_quote or doc[i].is_space or doc[i].text in (".", ",")):
        i += 1
    if i >= len(doc) or doc[i].text not in _DASHES:
        return None
    first = i + 1
    while first < len(doc) and doc[first].is_space and "\n" not in doc[first].text:  # "―\xa0Marta Ruiz"
        first += 1
    j = first
    while j < len(doc) and j - first <= 5 and (doc[j].pos_ == "PROPN" or doc[j].is_title) and not doc[j].is_quote:
        j += 1
        if "\n" in doc[j - 1].whitespace_:
            break
    if j == first or doc[first].pos_ != "PROPN":
        return None
    return i, j
