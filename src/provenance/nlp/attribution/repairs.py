"""The small English model's misparses that attribution repairs, each named for what the model does wrong.

Each function recognises one misparse in a parse and says what the rules should read instead; each is
tested on a hand-built `Doc` (its logic) and on the sentence that shows the misparse (so an upgrade of the
model that no longer makes it fails that test by name: the repair may then go).
"""

from __future__ import annotations

from spacy.tokens import Token

from .grammar import OPENING_MARKS, SUBJECT_DEPS, dateline_end


def verb_read_as_noun(tok: Token) -> bool:
    """A cue the tagger took for a noun though the parse gives it a subject and a clause ("Data from the
    agency show that unemployment fell": "show" tagged NN, its sentence's root, "Data" its subject)."""
    if tok.pos_ != "NOUN" or tok.dep_ != "ROOT":
        return False
    children = {c.dep_ for c in tok.children}
    return "nsubj" in children and "ccomp" in children


def cue_read_as_noun_after_quote(tok: Token) -> bool:
    """A present-tense cue after a closing quote that the tagger took for a noun, its speaker for the noun's
    modifiers (“...,” the narrator states. / “...,” the two write.): the noun phrase starts right after the
    closing mark, and the cue heads the sentence with the quote's clause hanging on it."""
    if tok.pos_ != "NOUN" or tok.dep_ != "ROOT" or tok.i < 3:
        return False
    start = speaker_before_noun_cue(tok)
    if start == tok.i:
        return False
    before = start - 1
    if tok.doc[before].text == ",":
        before -= 1
    return (
        tok.doc[before].is_quote
        and tok.doc[before].text not in OPENING_MARKS
        and any(c.dep_ == "ccomp" and c.i < before for c in tok.children)
    )


def speaker_before_noun_cue(tok: Token) -> int:
    """Where the noun phrase before `tok` starts: its determiners, numbers, adjectives and nouns."""
    start = tok.i
    while start > 0 and tok.doc[start - 1].pos_ in ("DET", "NUM", "ADJ", "NOUN", "PROPN", "PUNCT"):
        if tok.doc[start - 1].is_punct and tok.doc[start - 1].text != "-":
            break
        start -= 1
    return start


def clause_opening_cue(verb: Token, subject: Token) -> Token | None:
    """A clause with a subject of its own that opens the sentence and that the parser hung on a parenthetical
    cue as an adverbial ("Although the pier was repaired, the mayor said, ..."), or None."""
    for child in verb.children:
        if (
            child.dep_ == "advcl"
            and child.i < subject.i
            and child.left_edge.i == verb.left_edge.i
            and any(g.dep_ in (*SUBJECT_DEPS, "nsubjpass") for g in child.children)
        ):
            return child
    return None


def inverted_speaker(verb: Token) -> Token | None:
    """The speaker after a cue verb that follows its quote (“Yes,” replied the witness; “Is it safe?” asked
    the commissioner): the parser reads the noun after the verb as its object, but a speech verb right after a
    closing quote mark puts its speaker there, in the order of a proper name ("said Dr. Lee")."""
    doc = verb.doc
    before = verb.i - 1
    if before > 0 and doc[before].text == ",":
        before -= 1
    if before < 1 or not doc[before].is_quote or doc[before - 1].is_space:
        return None
    if doc[before].text in OPENING_MARKS:
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


def narrated_cue(cue: Token, clause: Token) -> bool:
    """A cue verb with no subject of its own that the parser coordinated with a reported clause, yet which goes
    on with the narration (the speaker did it, not the clause's subject): in the past after a clause that is
    not ("said the fare is too high and urged riders ..."), or with a reported complement of its own ("said
    the skipper was reckless and encouraged riders to boycott the ferry")."""
    if cue.dep_ != "conj" or any(g.dep_ in SUBJECT_DEPS for g in cue.children):
        return False
    return (cue.tag_ == "VBD" and clause.tag_ != "VBD") or any(
        g.dep_ in ("xcomp", "ccomp") and g.i > cue.i for g in cue.children
    )


def dateline_read_as_subject(subjects: list[Token]) -> Token | None:
    """The speaker when the parser made a story's dateline a second subject of the cue ("HARROWGATE — Two bridges
    will close, the highways board said": "HARROWGATE" and "board" both subjects of "said"): the first subject
    opens its sentence in capitals and a dash or colon ends it; the speaker is the last subject. None otherwise."""
    if len(subjects) < 2:
        return None
    first = subjects[0]
    if first.i != first.sent.start or not first.is_upper or len(first.text) < 2:
        return None
    return subjects[-1] if dateline_end(first.doc, first.i, first.sent.end) > first.i else None


def cue_read_as_appositive(verb: Token) -> Token | None:
    """The speaker of a cue the parser read as a modifier of an apposition ("Fares will rise in April, the transport
    authority announced on Wednesday, blaming energy costs": "authority" an apposition of "Fares", "announced" a
    modifier of "authority"): the noun the cue modifies, when it follows a comma after the sentence's subject
    and the sentence's main verb comes before it. None otherwise."""
    speaker = verb.head
    if verb.dep_ != "acl" or speaker.dep_ != "appos" or verb.i < speaker.i:
        return None
    subject = speaker.head
    doc = verb.doc
    if subject.dep_ not in SUBJECT_DEPS or subject.head.dep_ != "ROOT" or not subject.head.i < speaker.left_edge.i:
        return None
    return speaker if speaker.left_edge.i > 0 and doc[speaker.left_edge.i - 1].text == "," else None
