"""Where a quotation meets its speaker: colons and lead-ins, titles and labels, names after a quote,
quotes that run on, and the claim a quote gives."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from ...lexicon import CueVerb, lexicon, words
from .clauses import _chars, _cue_span, _subject
from .constructions import LEARNED_CLAUSE, QUOTE_CUE, VERB_CLAUSE
from .grammar import OPENING_MARKS, SUBJECT_DEPS
from .phrase import phrase as _phrase
from .record import Attribution
from .repairs import cue_read_as_noun_after_quote, inverted_speaker, narrated_cue, speaker_before_noun_cue

# nouns for what someone said, whose possessor is the speaker ("Her verdict:", "The minister's message was clear:")
_SAYING_NOUNS = words("saying_nouns.txt")


# how a speaker put it, in "Ortiz was blunt:"
_MANNER_ADJECTIVES = words("manner_adjectives.txt")


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
            and (any(g.dep_ in SUBJECT_DEPS for g in child.children) or child.lemma_.lower() in lexicon().cue_verbs)
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
        subject = next((g for g in child.children if g.dep_ in SUBJECT_DEPS and g.i > mark.i), None)
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
        subjects = [c for c in conj.children if c.dep_ in SUBJECT_DEPS]
        if not subjects or subjects[0].tag_ in ("PRP", "WP") or subjects[0].lower_ == subject.lower_:
            return None
        if conj.lemma_.lower() in lexicon().cue_verbs:
            return None
        return (conj.left_edge.i, conj.right_edge.i + 1)
    return None


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
                and (any(g.dep_ in SUBJECT_DEPS for g in child.children) or narrated_cue(child, clause))
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


_NOT_SPEAKER_LABELS = words("not_speaker_labels.txt")


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
    if cue_read_as_noun_after_quote(verb):  # “...,” the narrator states.
        return Attribution(
            content=[(q.start_char, q.end_char)],
            cue=_cue_span(doc, verb),
            source=_chars(doc, speaker_before_noun_cue(verb), verb.i),
            source_head=verb.i - 1,
            construction=construction,
            cue_token=verb.i,
        )
    subject = _subject(verb)
    # a misparse may give the cue no subject, or one inside the quote (“..., we will,” Chief Ana Ruiz said)
    named = _name_after_quote(doc, verb) if subject is None or q.start <= subject.i < q.end else None
    inverted = (
        inverted_speaker(verb) if named is None and subject is not None and q.start <= subject.i < q.end else None
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
    if mark is None or doc[mark].text in OPENING_MARKS:
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


_NOT_LABELLING = words("not_labelling_verbs.txt")


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
    verbs = [t for t in prefix if t.pos_ == "VERB" and any(c.dep_ in SUBJECT_DEPS for c in t.children)]
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
