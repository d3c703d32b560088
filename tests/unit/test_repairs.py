"""Each misparse repair of attribution, by name: its logic on a hand-built parse, and the sentence on which the
English model still makes the misparse (an upgrade that stops making it fails here: the repair may then go)."""

import pytest
from spacy.tokens import Doc

from provenance.nlp.attribution.repairs import (
    clause_opening_cue,
    cue_read_as_appositive,
    cue_read_as_noun_after_quote,
    dateline_read_as_subject,
    inverted_speaker,
    narrated_cue,
    verb_read_as_noun,
)


def parsed(nlp, rows: str) -> Doc:
    """A Doc from rows of "word POS TAG dep head" (head: the index of the head token)."""
    table = [row.split() for row in rows.strip().splitlines()]
    return Doc(
        nlp.vocab,
        words=[r[0] for r in table],
        pos=[r[1] for r in table],
        tags=[r[2] for r in table],
        deps=[r[3] for r in table],
        heads=[int(r[4]) for r in table],
    )


DATA_SHOW = """
Data NOUN NNS nsubj 4
from ADP IN prep 0
the DET DT det 3
agency NOUN NN pobj 1
show NOUN NN ROOT 4
that SCONJ IN mark 7
unemployment NOUN NN nsubj 7
fell VERB VBD ccomp 4
. PUNCT . punct 4
"""

NARRATOR_STATES = """
“ PUNCT `` punct 8
It PRON PRP nsubj 2
is AUX VBZ ccomp 8
over ADV RB advmod 2
, PUNCT , punct 8
” PUNCT '' punct 8
the DET DT det 8
narrator NOUN NN compound 8
states NOUN NNS ROOT 8
. PUNCT . punct 8
"""

ALTHOUGH_SAID = """
Although SCONJ IN mark 4
the DET DT det 2
pier NOUN NN nsubjpass 4
was AUX VBD auxpass 4
repaired VERB VBN advcl 8
, PUNCT , punct 8
the DET DT det 7
mayor NOUN NN nsubj 8
said VERB VBD ROOT 8
, PUNCT , punct 8
the DET DT det 11
ferry NOUN NN nsubj 13
will AUX MD aux 13
stop VERB VB ccomp 8
. PUNCT . punct 8
"""

ASKED_THE_COMMISSIONER = """
“ PUNCT `` punct 1
Is AUX VBZ ccomp 6
it PRON PRP nsubj 1
safe ADJ JJ acomp 1
? PUNCT . punct 1
” PUNCT '' punct 1
asked VERB VBD ROOT 6
the DET DT det 8
commissioner NOUN NN dobj 6
. PUNCT . punct 6
"""

SAID_AND_URGED = """
The DET DT det 1
mayor NOUN NN nsubj 2
said VERB VBD ROOT 2
the DET DT det 4
fare NOUN NN nsubj 5
is AUX VBZ ccomp 2
too ADV RB advmod 7
high ADJ JJ acomp 5
and CCONJ CC cc 5
urged VERB VBD conj 5
riders NOUN NNS dobj 9
to PART TO aux 12
walk VERB VB xcomp 9
. PUNCT . punct 2
"""

DATELINE_SUBJECT = """
HARROWGATE NOUN NNS nsubj 10
— PUNCT : punct 0
Two NUM CD nummod 3
bridges NOUN NNS nsubj 5
will AUX MD aux 5
close VERB VB ccomp 10
, PUNCT , punct 10
the DET DT det 9
highways NOUN NNS compound 9
board NOUN NN nsubj 10
said VERB VBD ROOT 10
. PUNCT . punct 10
"""

APPOSITIVE_CUE = """
Fares NOUN NNS nsubj 2
will AUX MD aux 2
rise VERB VB ROOT 2
by ADP IN prep 2
8 NUM CD nummod 5
percent NOUN NN pobj 3
in ADP IN prep 2
April PROPN NNP pobj 6
, PUNCT , punct 2
the DET DT det 11
transport NOUN NN compound 11
authority NOUN NN appos 0
announced VERB VBN acl 11
on ADP IN prep 12
Wednesday PROPN NNP pobj 13
, PUNCT , punct 11
blaming VERB VBG acl 11
rising VERB VBG amod 19
energy NOUN NN compound 19
costs NOUN NNS dobj 16
. PUNCT . punct 2
"""


def test_dateline_read_as_subject(nlp):
    doc = parsed(nlp, DATELINE_SUBJECT)
    assert dateline_read_as_subject([doc[0], doc[9]]) == doc[9]  # "HARROWGATE —" opens the sentence
    assert dateline_read_as_subject([doc[9]]) is None
    lower = parsed(nlp, DATELINE_SUBJECT.replace("HARROWGATE NOUN", "Harrowgate NOUN"))
    assert dateline_read_as_subject([lower[0], lower[9]]) is None  # no capitals: no dateline


def test_cue_read_as_appositive(nlp):
    doc = parsed(nlp, APPOSITIVE_CUE)
    assert cue_read_as_appositive(doc[12]) == doc[11]  # "announced" modifies "authority", an apposition of "Fares"
    assert cue_read_as_appositive(doc[16]) == doc[11]  # so does "blaming": the rules ask this of cue verbs only
    no_comma = parsed(nlp, APPOSITIVE_CUE.replace(", PUNCT , punct 2", "and CCONJ CC cc 2"))
    assert cue_read_as_appositive(no_comma[12]) is None


def test_verb_read_as_noun(nlp):
    doc = parsed(nlp, DATA_SHOW)
    assert verb_read_as_noun(doc[4])  # "show" tagged a noun, yet the root with a subject and a clause
    assert not verb_read_as_noun(doc[3])  # "agency": a noun that heads nothing of the kind
    assert not verb_read_as_noun(parsed(nlp, DATA_SHOW.replace("show NOUN NN", "show VERB VBP"))[4])


def test_cue_read_as_noun_after_quote(nlp):
    doc = parsed(nlp, NARRATOR_STATES)
    assert cue_read_as_noun_after_quote(doc[8])
    opening = parsed(nlp, NARRATOR_STATES.replace("” PUNCT ''", "“ PUNCT ``"))
    assert not cue_read_as_noun_after_quote(opening[8])  # an opening mark: no quote closes before the noun


def test_clause_opening_cue(nlp):
    doc = parsed(nlp, ALTHOUGH_SAID)
    assert clause_opening_cue(doc[8], doc[7]) == doc[4]  # "Although the pier was repaired" hung on "said"
    assert clause_opening_cue(doc[8], doc[2]) is None  # a subject before the clause: the clause is not first


def test_inverted_speaker(nlp):
    doc = parsed(nlp, ASKED_THE_COMMISSIONER)
    assert inverted_speaker(doc[6]) == doc[8]  # the "object" after a cue that follows its quote
    assert inverted_speaker(doc[1]) is None  # no closing mark right before


def test_narrated_cue(nlp):
    doc = parsed(nlp, SAID_AND_URGED)
    assert narrated_cue(doc[9], doc[5])  # "urged" coordinated with the reported "is": the mayor urged
    present = parsed(
        nlp,
        SAID_AND_URGED.replace("urged VERB VBD conj 5", "urges VERB VBZ conj 5").replace(
            "walk VERB VB xcomp 9", "walk VERB VB advcl 9"
        ),
    )
    assert not narrated_cue(present[9], present[5])  # "the fare is too high and urges ...": the clause goes on


@pytest.mark.parametrize(
    ("sentence", "rows", "repair"),
    [
        ("Data from the agency show that unemployment fell.", DATA_SHOW, "verb_read_as_noun"),
        ("“It is over,” the narrator states.", NARRATOR_STATES, "cue_read_as_noun_after_quote"),
        ("Although the pier was repaired, the mayor said, the ferry will stop.", ALTHOUGH_SAID, "clause_opening_cue"),
        ("“Is it safe?” asked the commissioner.", ASKED_THE_COMMISSIONER, "inverted_speaker"),
        ("The mayor said the fare is too high and urged riders to walk.", SAID_AND_URGED, "narrated_cue"),
        ("HARROWGATE — Two bridges will close, the highways board said.", DATELINE_SUBJECT, "dateline_read_as_subject"),
        (
            "Fares will rise by 8 percent in April, the transport authority announced on Wednesday, blaming rising energy costs.",
            APPOSITIVE_CUE,
            "cue_read_as_appositive",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and value.islower() and " " not in value else "",
)
def test_the_model_still_makes_the_misparse_each_repair_reads(nlp, sentence, rows, repair):
    doc = nlp(sentence)
    expected = [tuple(row.split()[1:]) for row in rows.strip().splitlines()]
    found = [(t.pos_, t.tag_, t.dep_, str(t.head.i)) for t in doc]
    assert found == expected, f"{repair}: the model parses this sentence otherwise now"
