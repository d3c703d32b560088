"""The constructions that credit a claim to a speaker: each one named, described and shown by an example.

Every claim names the construction that found it (`Claim.construction`, in JSON/JSONL and `--wide`
tables), so a user auditing a claim sees why it was taken, and `make eval` counts what each
construction gains and costs on PolNeAR. The examples are ours; `tests/unit/test_constructions.py`
runs each one through the pipeline and checks that its construction finds the claim, and that it leaves
its counter-examples (`leaves`) alone.
"""

from __future__ import annotations

from dataclasses import dataclass

VERB_CLAUSE = "verb_clause"
ADJECTIVE_CLAUSE = "adjective_clause"
ESTIMATE = "estimate"
ACCORDING_TO = "according_to"
FINDING = "finding"
CUE_NOUN = "cue_noun"
SPEAKER_LABEL = "speaker_label"
QUOTE_CUE = "quote_cue"
QUOTE_INTRO = "quote_intro"
QUOTE_PARTICIPLE = "quote_participle"
QUOTE_COLON = "quote_colon"
QUOTE_SIGNATURE = "quote_signature"
LEARNED_CLAUSE = "learned_clause"
LEARNED_STANCE = "learned_stance"


@dataclass(frozen=True)
class Construction:
    name: str
    reads: str  # the shape it recognises, in a few words
    example: str  # a sentence of our own
    content: str  # what the claim of `example` holds (a part of it)
    speaker: str  # the speaker as written
    leaves: tuple[str, ...] = ()  # sentences of our own it must give no claim of its own


CONSTRUCTIONS = (
    Construction(
        VERB_CLAUSE,
        "a speech or cognition verb with its content clause, before or after it",
        "The harbour master said the pier would reopen in June.",
        "the pier would reopen in June",
        "The harbour master",
        leaves=("After the long meeting ended late, the mayor said nothing.",),
    ),
    Construction(
        ADJECTIVE_CLAUSE,
        "an adjective of belief with its clause",
        "The mayor is worried that the river will flood the town.",
        "the river will flood the town",
        "The mayor",
        leaves=("The water was clear that morning.",),
    ),
    Construction(
        ESTIMATE,
        "a verb that puts a figure on something (estimate, put, place, peg, set)",
        "The ministry estimated the damage at $2 million.",
        "the damage at $2 million",
        "The ministry",
        leaves=("The crew put the boxes on the table.",),
    ),
    Construction(
        ACCORDING_TO,
        '"according to" a source, before or after the clause it credits',
        "According to the fire brigade, the blaze started in the kitchen.",
        "the blaze started in the kitchen",
        "the fire brigade",
    ),
    Construction(
        FINDING,
        "a sentence opening with the poll, survey or study that found it",
        "In a survey released on Monday, 48 percent of riders backed the new timetable.",
        "48 percent of riders backed the new timetable",
        "a survey released on Monday",
        leaves=("In a survey, 40 percent of riders said they wanted more trains.",),
    ),
    Construction(
        CUE_NOUN,
        "a noun of speech or belief with its content",
        "The union issued a warning that the strike would continue.",
        "the strike would continue",
        "The union",
        leaves=("The statement was posted on the door.",),
    ),
    Construction(
        SPEAKER_LABEL,
        "a speaker's name opening a line, then a colon (a transcript or a headline)",
        "Debate transcript\n\nMORALES: But, Senator, the numbers do not add up.",
        "the numbers do not add up",
        "MORALES",
        leaves=("Breaking: Harbour board votes to close the north pier.\n\nThe vote came late.",),
    ),
    Construction(
        QUOTE_CUE,
        "a quotation with a cue verb beside it that the verb rule left (its clause is the quote's lead-in)",
        "The chief smiled at the crowd: “Nobody was hurt in the fire, and we are proud.”",
        "Nobody was hurt in the fire, and we are proud.",
        "The chief",
        leaves=("The band posted “Songs of the Harbour” on Friday.",),
    ),
    Construction(
        QUOTE_INTRO,
        "a quotation introduced by a clause of its own, ending in a comma or colon",
        "The chief looked at the crowd, “Nobody was hurt in the fire.”",
        "Nobody was hurt in the fire.",
        "The chief",
        leaves=("Officials searched their records for the word, “ambassador.”",),
    ),
    Construction(
        QUOTE_PARTICIPLE,
        "a quotation a claim runs into through a speech participle",
        "The senator said the council had failed the town, saying, “They wasted a whole year.”",
        "They wasted a whole year.",
        "The senator",
        leaves=("The mayor said the bridge was safe, pointing to “new steel cables.”",),
    ),
    Construction(
        QUOTE_COLON,
        "a quotation after a colon that follows its speaker",
        "The minister was blunt: “The plan has failed and we will change it.”",
        "The plan has failed and we will change it.",
        "The minister",
        leaves=("The menu had one word: “Fish.”",),
    ),
    Construction(
        QUOTE_SIGNATURE,
        "a quotation signed with a dash and a name",
        "“Every child deserves a library.” ― Julia Torres",
        "Every child deserves a library.",
        "Julia Torres",
        leaves=("“Fish and chips” — 12 dollars",),
    ),
    Construction(
        LEARNED_CLAUSE,
        "a clause whose verb the cue lexicon lacks, accepted by the learned cue model",
        "The engineers suspect the bridge will need new cables.",
        "the bridge will need new cables",
        "The engineers",
        leaves=("The floods appear to be the work of a broken levee.",),
    ),
    Construction(
        LEARNED_STANCE,
        "a stance (an object, an infinitive) of a verb the learned cue model accepts",
        "The residents opposed the plan to close the clinic.",
        "the plan to close the clinic",
        "The residents",
        leaves=(
            "Inspectors continued to examine the bridge.",
            "The ferry operator declined to comment.",
            "Two residents asked not to be named.",
        ),
    ),
)
NAMES = tuple(c.name for c in CONSTRUCTIONS)
