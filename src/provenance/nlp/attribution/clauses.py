"""The shapes of a clause that attribution reads: subjects, cue spans, where a content clause begins and ends
(the model's misparses that these read through are named in `repairs.py`)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...lexicon import lexicon, words
from .grammar import OPENING_MARKS, SUBJECT_DEPS
from .repairs import dateline_read_as_subject, inverted_speaker, narrated_cue

_CLAUSE_DEPS = {"ccomp"}


_INHERITS_SUBJECT = {"conj", "advcl", "xcomp"}


_CONTENT_EDGE_SKIP = {"PUNCT", "CCONJ", "SPACE"}


_REPORT_FRAMES = words("report_frames.txt")


_COGNITION_ADJECTIVES = words("cognition_adjectives.txt")


_MIN_CONTENT_TOKENS = 3


# "put the figure at 80,000": verbs that state a source's estimate of something counted
_ESTIMATE_VERBS = words("estimate_verbs.txt")


_ESTIMATED_NOUNS = words("estimated_nouns.txt")


_MIN_UNCUED_QUOTE_WORDS = 4
_MIN_INTRODUCED_QUOTE_WORDS = 3  # a quote after a clause ending in , or : (construction quote_intro)


# what a sentence opening "In a <noun> ..., " reports the findings of: data gathered, not words said
_FINDING_HEADS = words("finding_heads.txt")


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
        and not any(c.dep_ in SUBJECT_DEPS for c in setting.children)
    )


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
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    if subjects and _quoted_before(subjects[0], verb):
        # “The council is in chaos. Full chaos,” said Dana Reyes: the parser made the quote's last fragment a
        # subject too; the speaker is the subject after the closing mark, or the name the inversion puts there
        return next((s for s in subjects if s.i > verb.i), None) or inverted_speaker(verb)
    if len(subjects) > 1 and subjects[0].i < verb.i < subjects[-1].i and verb.doc[verb.i - 1].text == ",":
        # "The rejection signals "the end" for the union, said Anna Berg": the parser gave "said" both the
        # reported clause's noun and the name after it as subjects; after a comma the inverted name speaks
        return subjects[-1]
    if subjects:
        return dateline_read_as_subject(subjects) or subjects[0]
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
            or narrated_cue(verb, reported)  # "said the fare is too high and urged riders to ..."
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
    return inverted_speaker(verb)


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
    return any(t.is_quote and t.text not in OPENING_MARKS for t in subject.doc[subject.right_edge.i + 1 : verb.i])


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


def quote_mask(doc: Doc, quotes: list[Span]) -> list[bool]:
    """For each token of `doc`, whether a quote holds it."""
    in_quote = [False] * len(doc)
    for q in quotes:
        in_quote[q.start : q.end] = [True] * len(q)
    return in_quote
