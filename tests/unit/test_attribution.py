"""Each construction the attribution component handles, on sentences written for the test."""

import pytest
from spacy.tokens import Doc

from provenance.nlp.attribution.learned import candidates
from provenance.nlp.attribution.quoting import _drop_circumstance, _name_after_quote
from provenance.nlp.attribution.record import Attribution

from ..conftest import only


def test_said_with_clause(claims_of):
    c = only(claims_of("The finance minister said the budget would be balanced by next year."))
    assert (c.kind, c.speaker, c.cue, c.text) == (
        "indirect",
        "The finance minister",
        "said",
        "the budget would be balanced by next year",
    )


def test_content_first_with_sentence_final_cue(claims_of):
    c = only(claims_of("The talks could collapse within days, diplomats say."))
    assert c.speaker == "diplomats" and c.text == "The talks could collapse within days"
    assert c.speaker_type == "anonymous"


def test_inverted_said_with_direct_quote(claims_of):
    c = only(claims_of("“We cannot simply hand them over,” said one diplomat, declining to be named."))
    assert c.kind == "direct" and c.text == "We cannot simply hand them over"  # the comma before the cue is not quoted
    assert c.speaker_name == "one diplomat" and c.speaker_type == "anonymous"


def test_a_cue_closing_its_sentence_after_a_comma_reports_what_stands_before_it(claims_of):
    # the parser reads "district range" as a noun and finds no clause before the comma
    c = only(claims_of("Rents in the district range from $900 to $2,500 a month, the agency said."))
    assert (c.speaker_name, c.text) == ("agency", "Rents in the district range from $900 to $2,500 a month")
    assert claims_of("After the long meeting ended late, the mayor said nothing.") == []
    # a setting before the comma is no content
    texts = [c.text for c in claims_of("In a later vote, the senator warned of the dangers of cheap credit.")]
    assert "In a later vote" not in texts


def test_according_to_after_and_before_the_clause(claims_of):
    c = only(claims_of("Nearly half of the money has been spent, according to the audit office."))
    assert c.cue == "according to" and c.text == "Nearly half of the money has been spent"
    assert c.speaker == "the audit office"
    c = only(claims_of("According to the police, the suspect fled north."))
    assert c.text == "the suspect fled north" and c.speaker == "the police"
    assert c.speaker_type == "government"


def test_split_quote_is_one_claim(claims_of):
    claims = claims_of("“The plan is ready,” Anna Kovacs said. “We start in June.”")
    c = only(claims)
    assert c.speaker_name == "Anna Kovacs" and c.kind == "direct"
    assert c.text.startswith("The plan is ready") and c.text.endswith("We start in June.")
    assert c.words == "The plan is ready, We start in June."  # what linking compares: no cue between the parts


def test_a_cue_inside_its_claim_is_no_part_of_what_linking_compares(claims_of):
    c = only(claims_of("The deal, the ministry said, will create 2,000 jobs."))
    assert c.text == "The deal, the ministry said, will create 2,000 jobs"  # the span, as in the file
    assert c.words == "The deal will create 2,000 jobs"
    plain = only(claims_of("The ministry said the deal will create 2,000 jobs."))
    assert plain.content == "" and plain.words == plain.text


def test_quote_split_around_its_cue(claims_of):
    c = only(claims_of("“If the vote fails,” the senator said, “we will try again.”"))
    assert c.text.endswith("we will try again.") and c.speaker == "the senator"


def test_quote_introduced_by_a_colon(claims_of):
    c = only(claims_of("The mayor told reporters: “The bridge will open on Monday.”"))
    assert c.kind == "direct" and c.speaker == "The mayor" and c.text == "The bridge will open on Monday."


def test_mixed_claim_keeps_the_indirect_part(claims_of):
    c = only(claims_of("Park said the leader's state of mind is “spiraling out of control.”"))
    assert c.kind == "mixed" and c.text.startswith("the leader's state of mind")


def test_relative_pronoun_speaker(claims_of):
    claims = claims_of("Critics questioned Ana Ruiz, who acknowledged that the figures were incomplete.")
    c = only(claims)
    assert c.speaker == "who" and c.speaker_name == "Ana Ruiz" and c.cue == "acknowledged"


def test_phrasal_cue_called_for(claims_of):
    c = only(claims_of("The minister called for a stronger regional security framework as she opened the summit."))
    assert c.cue == "called for" and c.text == "a stronger regional security framework"


def test_noun_cue_with_a_speaker(claims_of):
    c = only(claims_of("Some rights organizations raise the concern that the agency may exploit its position."))
    assert c.text == "the agency may exploit its position" and c.speaker_type == "group"


def test_concerned_that(claims_of):
    c = only(claims_of("Governments in these countries have been concerned that the courts are not independent."))
    assert c.speaker_type == "government" and c.text == "the courts are not independent"


def test_dash_signature_and_speaker_label(claims_of):
    c = only(claims_of("“He never answers a question.” ― Julia Torres"))
    assert c.speaker == "Julia Torres" and c.kind == "direct"
    c = only(claims_of("“The buses never come on time.” ―\u00a0Marta Ruiz"))  # a no-break space after the dash
    assert c.speaker_name == "Marta Ruiz" and c.kind == "direct"
    c = only(claims_of("“The buses never come on time.”― Marta Ruiz"))  # the dash glued to the closing mark
    assert c.speaker_name == "Marta Ruiz" and c.kind == "direct"
    c = only(claims_of("Bernie Sanders: Clinton needs to talk about the real issues."))
    assert c.speaker == "Bernie Sanders" and c.text == "Clinton needs to talk about the real issues"
    c = only(claims_of("The exchange went on.\nWALLACE: You have to answer the question now."))
    assert c.speaker == "WALLACE" and c.text == "You have to answer the question now"
    assert claims_of("BEIJING: The assembly opened on Tuesday.") == []


def test_no_claim_without_a_speaker_or_from_naming(claims_of):
    assert claims_of("It was reported that the bridge had closed.") == []
    assert claims_of("Beijing pursued officials abroad in what it calls “Operation Fox Hunt”.") == []
    assert claims_of("The election of the chairman raised concerns that the club may fold.") == []
    assert claims_of("Prices rose by 3 percent in March.") == []
    # the subject of "appear to" or "seem to" is what the sentence is about, not who says it
    assert claims_of("Both floods appear to be the work of a broken levee.") == []
    assert claims_of("The coach seems to have one rule for the stars and another for the rest.") == []
    assert claims_of("Inspectors are continuing to examine the collapsed bridge on the river.") == []


def test_cue_inside_a_quote_is_not_a_separate_claim(claims_of):
    claims = claims_of("“People say the plan will fail, but they are wrong,” the governor said.")
    c = only(claims)
    assert c.speaker == "the governor"


def test_a_failing_component_loses_one_document_not_the_batch(nlp, monkeypatch):
    from provenance.extract import analyze
    from provenance.ingest import text_document
    from provenance.nlp.attribution import AttributionFinder

    original = AttributionFinder.match

    def fragile(self, doc):
        if "BOOM" in doc.text:
            raise IndexError("simulated")
        return original(self, doc)

    monkeypatch.setattr(AttributionFinder, "match", fragile)
    docs = [
        text_document(t, doc=f"{n}.txt", path=f"{n}.txt")
        for n, t in enumerate(["BOOM, the minister said.", "The mayor said the bridge would reopen."])
    ]
    first, second = analyze(docs, nlp)
    assert first.claims == [] and "provenance_attribution failed" in first.errors[0]
    assert second.errors == [] and second.claims[0].speaker == "The mayor"


def test_cue_words_before_a_quote_make_a_mixed_claim(claims_of):
    c = only(claims_of("The senator described the vote as a “terrible mistake for the state.”"))
    assert c.kind == "mixed" and c.text.startswith("the vote as a")
    c = only(claims_of("The mayor said in reply to a question that “the bridge is safe to use.”"))
    assert c.kind == "direct"


MEANING_KEPT = [
    (
        "Nor can the agency require any member country to arrest a suspect, the spokesman said.",
        "Nor can the agency require any member country to arrest a suspect",
    ),
    (
        "Neither the police nor the army will intervene, the minister said.",
        "Neither the police nor the army will intervene",
    ),
    ("Unemployment rose to 7.2%, the ministry said.", "Unemployment rose to 7.2%"),
    (
        "Prices could rise by 20% if the tariff passes, economists said.",
        "Prices could rise by 20% if the tariff passes",
    ),
    ("The mayor said the bridge would not reopen until spring.", "the bridge would not reopen until spring"),
    (
        "Never again will the plant dump waste in the river, the company said.",
        "Never again will the plant dump waste in the river",
    ),
]


@pytest.mark.parametrize(("sentence", "content"), MEANING_KEPT)
def test_claim_text_keeps_every_word_that_carries_its_meaning(claims_of, sentence, content):
    assert [c.text for c in claims_of(sentence)] == [content]


def test_a_day_glued_to_a_name_is_not_part_of_it():
    from provenance.nlp.speakers import _clean_name

    assert _clean_name("President Xi Jinping Tuesday") == "President Xi Jinping"
    assert _clean_name("the minister on Friday") == "minister"
    assert _clean_name("Mayor Ana Ortiz") == "Mayor Ana Ortiz"


@pytest.mark.parametrize(
    "sentence,speaker,text",
    [
        ('"Is the bridge safe?" Mayor Ortiz asked.', "Ortiz", "Is the bridge safe?"),
        ('"Count every vote!" Jones shouted.', "Jones", "Count every vote!"),
        ('"Correct," confirmed Dr. Lee.', "Lee", "Correct"),
    ],
)
def test_a_quote_ending_in_a_question_or_exclamation_mark_before_its_cue(claims_of, sentence, speaker, text):
    c = only(claims_of(sentence))
    assert (c.kind, c.speaker_name, c.text) == ("direct", speaker, text)


@pytest.mark.parametrize(
    "sentence,speaker,text",
    [
        ('"Is the bridge safe?" asked the commissioner.', "the commissioner", "Is the bridge safe?"),
        ('"Yes," replied the witness.', "the witness", "Yes"),
        ('"Enough is enough," tweeted the governor on Sunday.', "the governor", "Enough is enough"),
        ('"Nobody told us anything!" shouted a resident.', "a resident", "Nobody told us anything!"),
    ],
)
def test_a_cue_after_its_quote_puts_a_common_noun_speaker_after_it(claims_of, sentence, speaker, text):
    """“Yes,” replied the witness: the parser reads "the witness" as the object of "replied"; after a closing
    quote mark it is the speaker, as "Dr. Lee" is in “Correct,” confirmed Dr. Lee."""
    c = only(claims_of(sentence))
    assert (c.kind, c.speaker, c.text) == ("direct", speaker, text)


def test_a_quote_ending_in_a_fragment_keeps_the_speaker_named_after_its_cue(claims_of):
    """“... Full chaos mode,” said Dana Reyes: the parser makes the quote's last fragment a subject of "said"
    too; the speaker is the name after the closing mark, not a word inside the quote."""
    c = only(claims_of("“The council is in chaos mode. Full chaos mode,” said Dana Reyes, a spokeswoman."))
    assert (c.kind, c.speaker_name, c.text) == ("direct", "Dana Reyes", "The council is in chaos mode. Full chaos mode")


def test_an_object_after_a_cue_that_opens_no_quote_is_no_speaker(claims_of):
    """Only a verb right after a closing quote mark has its speaker after it: "told the committee" is whom."""
    c = only(claims_of('The minister told the committee that "the budget is balanced."'))
    assert c.speaker == "The minister"


def test_a_quote_split_by_a_cue_with_a_channel_resumes_after_the_channel(nlp):
    """“...,” the company said in a statement, “...”: "in a statement" is part of the cue, not of what was said."""
    doc = nlp('"We are confident," the company said in a statement, "that the product is safe."')
    [a] = doc._.attributions
    assert a.kind == "direct"
    assert doc.text[a.cue[0] : a.cue[1]] == "said in a statement"
    assert [doc.text[s:e] for s, e in a.content] == ["We are confident,", "that the product is safe."]


def test_the_one_asked_is_not_credited_with_the_question(claims_of):
    """ "Asked whether he would resign, the minister said ...": the minister was asked; the question is not his."""
    c = only(claims_of('Asked whether he would resign, the minister said: "Absolutely not."'))
    assert (c.kind, c.speaker, c.text) == ("direct", "the minister", "Absolutely not.")


def test_a_speaker_s_party_and_state_keep_their_closing_parenthesis(claims_of):
    c = only(claims_of('"This is over," Sen. Maria Lopez (D-N.M.) said.'))
    assert (c.speaker, c.speaker_name) == ("Sen. Maria Lopez (D-N.M.)", "Maria Lopez")


def test_a_cue_the_tagger_took_for_a_noun_still_reports_its_clause(claims_of):
    """ "Data from the agency show that ...": the tagger reads "show" as a noun, the parse as the root with a
    subject and a clause."""
    c = only(claims_of("Data from the agency show that unemployment fell sharply last year."))
    assert (c.speaker, c.cue, c.text) == ("Data from the agency", "show", "unemployment fell sharply last year")


def test_speech_in_single_quote_marks_is_direct_and_a_quoted_phrase_keeps_its_closing_mark(claims_of):
    claims = claims_of(
        "Residents were furious. ‘We have been let down,’ said Ms Patel, 54. ‘Nobody from the council has been "
        "here.’ The council said it was ‘reviewing the situation’."
    )
    assert [(c.kind, c.speaker_name, c.text) for c in claims] == [
        ("direct", "Patel", "We have been let down,’ said Ms Patel, 54. ‘Nobody from the council has been here."),
        ("mixed", "council", "it was ‘reviewing the situation’"),
    ]


@pytest.mark.parametrize(
    "text,speaker,speaker_name",
    [
        ('Councilman Rob Delgado was blunt: "The bridge is finished."', "Councilman Rob Delgado", "Rob Delgado"),
        ('The minister\'s message was clear: "No more delays on the bridge."', "The minister", "minister"),
        ('Mayor Ana Ortiz spoke first. Her verdict: "A disaster from start to finish."', "Her", "Ana Ortiz"),
    ],
)
def test_a_lead_before_a_colon_can_name_the_speaker_without_a_cue_verb(claims_of, text, speaker, speaker_name):
    c = only(claims_of(text))
    assert (c.kind, c.speaker, c.speaker_name) == ("direct", speaker, speaker_name)


def test_a_lead_before_a_colon_that_names_no_speaker_credits_no_one(claims_of):
    assert claims_of('The reason was simple: "We ran out of money."') == []


def test_two_reports_set_against_each_other_by_while_are_two_claims(claims_of):
    claims = claims_of("Critics argue the law is unconstitutional, while supporters say it protects children.")
    assert [(c.speaker, c.text) for c in claims] == [
        ("Critics", "the law is unconstitutional"),
        ("supporters", "it protects children"),
    ]


def test_a_while_clause_of_time_stays_in_the_report(claims_of):
    c = only(claims_of("She said the plan would work while the council was in session."))
    assert c.text == "the plan would work while the council was in session"


def test_a_quote_split_by_a_cue_with_an_object_is_one_claim(claims_of):
    c = only(
        claims_of(
            "“Now that I don’t have to be careful anymore,” she told the interviewer, “it was tiring to work for him.”"
        )
    )
    assert c.kind == "direct"
    assert c.text.startswith("Now that I don’t have to be careful") and c.text.endswith("tiring to work for him.")


def test_words_after_the_cue_of_a_closed_quote_are_not_its_content():
    text = "“You should resign,” Ortiz told Hale, after he admitted the losses."
    quote = (1, text.index("”"))
    cue = (text.index("told"), text.index("told") + 4)
    after = (text.index("after"), len(text) - 1)
    claim = Attribution(content=[(text.index("resign") - 11, quote[1]), after], cue=cue, source=None, source_head=None)
    _drop_circumstance(claim, [quote])
    assert claim.content == [(text.index("resign") - 11, quote[1])]
    reported = Attribution(content=[(0, 20), after], cue=cue, source=None, source_head=None)
    _drop_circumstance(reported, [])  # no quote closed before the cue: the words after it stay
    assert reported.content == [(0, 20), after]


@pytest.mark.parametrize(
    "text,speaker",
    [
        # a party and state between the name and the cue
        (
            'They all backed her.\n\n"She would make a fine governor. Not good, excellent. One of the sharpest'
            ' minds in the whole legislature," Sen. Paul R. Mendes (D-Ore.) said in an interview.',
            "Paul R. Mendes",
        ),
    ],
)
def test_a_name_between_a_closing_quote_and_its_cue_is_the_speaker(claims_of, text, speaker):
    c = only(claims_of(text))
    assert (c.kind, c.speaker_name) == ("direct", speaker)


def test_the_name_between_a_closing_quote_and_its_cue_is_found_without_the_parse(nlp):
    # when the parser gives "said" no subject, or one inside the quote, this name is the speaker
    doc = nlp("“We will find out what happened,” Tulsa police Chief Carl Moss said Monday.")
    said = next(t for t in doc if t.lower_ == "said")
    start, end = _name_after_quote(doc, said)
    assert doc[start:end].text == "Tulsa police Chief Carl Moss"
    no_quote = nlp("The Tulsa police Chief Carl Moss said the dam was safe.")
    assert _name_after_quote(no_quote, next(t for t in no_quote if t.lower_ == "said")) is None


def test_a_naming_verbs_label_ends_before_the_words_that_say_why(claims_of):
    claims = claims_of(
        "In a letter, the union called the governor a “friend” of schools, citing his budget for classrooms."
    )
    called = only([c for c in claims if c.cue == "called"])
    assert called.text == "the governor a “friend” of schools"


LABELS = [
    # a verb of no speech calls its object what the quote says; a later verb of another clause is no cue for it
    (
        "Smith openly admires the veteran coach as a “brilliant mind,” comparing him favorably to his rival.",
        "admires",
        "Smith",
        "the veteran coach as a “brilliant mind,”",
    ),
    (
        "The governor described the union leader as a “bully” after he attacked teachers at a rally.",
        "described",
        "governor",
        "the union leader as a “bully”",
    ),
    ("Lawmakers have gone after the agency as “wasteful and slow.”", "gone", "Lawmakers", "the agency as “wasteful"),
    (
        "The fact-checkers rated 40% of the mayor's claims as “false” or “misleading.”",
        "rated",
        "fact-checkers",
        "40% of the mayor's claims as “false” or “misleading",
    ),
]


@pytest.mark.parametrize(("sentence", "cue", "speaker", "starts"), LABELS)
def test_a_label_given_through_as_is_a_mixed_claim_of_the_verbs_subject(claims_of, sentence, cue, speaker, starts):
    c = only([c for c in claims_of(sentence) if c.text.startswith(starts)])
    assert (c.kind, c.speaker_name.split()[-1]) == ("mixed", speaker) and cue in c.cue


def test_a_cue_in_a_later_clause_does_not_take_a_quote_its_clause_does_not_hold(claims_of):
    # the quote hangs on "held"; "replied" belongs to the clause after "before"
    assert claims_of("The rebels held the “liberated” town for a week before the general finally replied.") == []


def test_a_quote_after_a_colon_ends_the_reported_clause_before_it(claims_of):
    text = (
        "Clinton defended her vote for the trade deal during a forum on Monday and said she has the right plan"
        " for workers: “Growth, and fairness for everyone.”"
    )
    c = only([c for c in claims_of(text) if c.cue == "said"])
    assert c.kind == "mixed" and c.text.startswith("she has the right plan") and "fairness for everyone." in c.text


def test_a_label_without_anyone_giving_it_is_no_claim(claims_of):
    assert claims_of("In the league he was known as “the Professor” for years.") == []
    assert claims_of("She served as “acting director” for a year.") == []


def test_a_quote_after_a_speech_participle_is_a_direct_claim_of_its_own(claims_of):
    text = "The mayor criticized the council for its vote on the budget, saying, “They have wasted a whole year.”"
    claims = {c.cue: c for c in claims_of(text)}
    assert (claims["saying"].kind, claims["saying"].text) == ("direct", "They have wasted a whole year.")
    assert claims["saying"].speaker_name == "mayor"
    assert claims["criticized"].text == "the council for its vote on the budget"


@pytest.mark.parametrize(
    "text,kind,speaker",
    [
        # the splitter ends the first quote at “?”, so the cue sits in a sentence of its own between the quotes
        ("“Is the bridge safe?” Mayor Ortiz asked. “Nobody has inspected it for ten years.”", "direct", "Ortiz"),
        # reported speech with its cue at the end, then the speaker's own words
        (
            "The council may delay the vote until spring, the mayor said. “Nobody has inspected it for ten years.”",
            "mixed",
            "mayor",
        ),
    ],
)
def test_a_quote_opening_the_next_sentence_goes_on_with_the_same_speaker(claims_of, text, kind, speaker):
    c = only(claims_of(text))
    assert (c.kind, c.speaker_name) == (kind, speaker)
    assert c.text.endswith("Nobody has inspected it for ten years.")


@pytest.mark.parametrize(
    "sentence,cue",
    [
        ("The senator mentioned that the vote had been delayed.", "mentioned"),
        ("The lawyer implies that the plant will close.", "implies"),
        ("The minister hinted that taxes would rise.", "hinted"),
    ],
)
def test_less_common_cue_verbs_report_a_clause(claims_of, sentence, cue):
    c = only(claims_of(sentence))
    assert c.kind == "indirect" and c.cue == cue


def test_a_that_clause_ending_in_a_quoted_fragment_is_one_mixed_claim(claims_of):
    c = only(claims_of('Economists think that prices are "far too high".'))
    assert c.kind == "mixed" and c.text == 'prices are "far too high"'
    c = only(claims_of("The mayor said that “the bridge is safe.”"))
    assert c.kind == "direct"


def test_a_statement_that_reads_is_credited_to_its_issuer(claims_of):
    c = only(claims_of('The agency issued a statement, which read, "We regret the error."'))
    assert (c.speaker_name, c.speaker_type) == ("agency", "organization")


def test_a_quotation_run_on_over_paragraphs_is_one_claim(claims_of):
    text = (
        "“We have checked every bolt and every cable on the bridge, and we found nothing that worries us.\n\n"
        "“The bridge will reopen in May, as planned,” Mayor Ana Ortiz said on Monday.\n"
    )
    c = only(claims_of(text))
    assert c.kind == "direct" and c.speaker_name == "Mayor Ana Ortiz"
    assert c.text.startswith("We have checked every bolt") and c.text.endswith("as planned")


def test_reported_speech_the_rules_miss_is_found_by_the_learned_model(claims_of, monkeypatch):
    from provenance.nlp.attribution import learned

    sentence = "Scientists posit that the comet came from another star."
    c = only(claims_of(sentence))
    assert (c.kind, c.cue, c.text) == ("indirect", "posit", "the comet came from another star")
    assert learned.cue_model() is not None
    monkeypatch.setattr(learned, "cue_model", lambda: None)
    assert claims_of(sentence) == []  # the rules alone do not know this cue


def test_a_figure_a_source_puts_at_a_number_is_that_source_s(nlp):
    """Organisers' and police's counts of one march: each figure credited to the one who gives it."""
    from provenance.extract import analyze
    from provenance.ingest import text_document

    text = (
        "About 200,000 people marched through the capital on Saturday, organisers said; "
        "police put the figure at 80,000.\n\nThe ministry estimated the damage at $4 million."
    )
    [result] = list(analyze([text_document(text, doc="m.txt", path="m.txt")], nlp))
    credit = {f.text: f.attributed_to for f in result.figures}
    assert credit == {"About 200,000 people": "organisers", "80,000": "police", "$4 million": "ministry"}
    police = next(c for c in result.claims if c.speaker_name == "police")
    assert (police.cue, police.text) == ("put", "the figure at 80,000")


def test_a_relative_clause_after_the_speaker_is_not_the_speaker(claims_of):
    c = only(claims_of("“It is over,” said the coach, who declined to elaborate."))
    assert (c.kind, c.speaker, c.text) == ("direct", "the coach", "It is over")


def test_a_statement_that_reads_a_quote(claims_of):
    c = only(claims_of("“We are ready for the storm,” the statement read."))
    assert (c.kind, c.speaker, c.cue, c.speaker_type) == ("direct", "the statement", "read", "document")
    assert claims_of("She read the report twice before the meeting.") == []


def test_a_mixed_claim_keeps_the_closing_mark_of_its_quote(claims_of):
    c = only(claims_of('Trump tweeted that the election was "rigged."'))
    assert (c.kind, c.text) == ("mixed", 'the election was "rigged."')
    c = only(claims_of("Witnesses described hearing “a loud bang” before the building collapsed."))
    assert (c.kind, c.text) == ("mixed", "hearing “a loud bang” before the building collapsed")


def test_a_verb_inside_the_content_is_not_a_cue_reporting_backwards(claims_of):
    """ "said they want ..." reports "they want ...": "want" is no cue with "Demonstrators said" as its content."""
    claims = claims_of("Demonstrators said they want “justice for Terrence,” but pledged to remain civil.")
    said = next(c for c in claims if c.cue == "said")
    assert said.speaker == "Demonstrators" and said.text.startswith("they want")
    assert not any(c.cue == "want" for c in claims)
    c = only(claims_of("The talks could collapse within days, diplomats say."))
    assert c.text == "The talks could collapse within days"


def test_capitals_drop_teasers_but_not_copy_set_all_in_capitals(claims_of):
    assert (
        claims_of(
            "Intro line here.\nEVEN HIS OWN BOSS SAYS HE IS COMPLETELY WRONG — The studio head wrote in an email."
        )
        == []
    )
    wire = "THE MINISTER SAID THE TALKS WOULD RESUME ON MONDAY.\n\nOFFICIALS SAID NO DATE HAD BEEN SET FOR A VOTE."
    assert len(claims_of(wire)) == 2


def test_a_stance_the_rules_do_not_know_is_proposed_by_the_learned_model(claims_of, monkeypatch):
    """An object ("mocked the plan") and a prepositional object ("spoke about how ...") are claims."""
    from provenance.nlp.attribution import learned

    c = only(claims_of("The senator mocked the governor's budget plan."))
    assert (c.kind, c.speaker, c.cue, c.text) == ("indirect", "The senator", "mocked", "the governor's budget plan")
    c = only(claims_of("The mayor spoke about how the fire had started."))
    assert (c.cue, c.text) == ("spoke about", "how the fire had started")
    monkeypatch.setattr(learned, "cue_model", lambda: None)
    assert claims_of("The senator mocked the governor's budget plan.") == []


def test_a_passive_or_negated_verb_proposes_no_stance(nlp):
    """The subject of a passive verb is no speaker; what someone did not do attributes nothing."""
    from provenance.nlp.attribution.learned import candidates

    def relations(text):
        doc = nlp(text)
        return [c.relation for c in candidates(doc, [False] * len(doc))]

    assert relations("The company responded to requests for comment.") == ["prep"]
    assert relations("The company did not respond to requests for comment.") == []
    assert relations("The plan was interpreted through a political lens.") == []
    assert relations("Officials did not say that the plan had failed.") == ["ccomp"]  # a clause keeps its negated cue


def test_a_quotation_opened_in_the_clause_carries_the_claim_to_its_close(claims_of):
    text = (
        'The chief added that the account should "be seen through the lens of hindsight. '
        'It must be terrible for him to live with that."'
    )
    c = only(claims_of(text))
    assert c.kind == "mixed"
    assert c.text.startswith("the account should") and c.text.endswith("to live with that.")


def test_a_stance_leaves_its_sentence_a_statement_and_takes_its_cluster(tmp_path):
    """Outlets repeat the sentence ("The senator accused the governor of ..."): it is linked, and the claim
    inside it is in the sentence's cluster, not linked on its few words alone."""
    from provenance.engine.local import analyze_paths

    sentence = "The senator accused the governor of hiding the budget deficit from voters in the state capital."
    for name, other in (("a.txt", "Turnout was low."), ("b.txt", "The rally drew a small crowd.")):
        (tmp_path / name).write_text(f"{sentence}\n\n{other}\n", encoding="utf-8")
    run = analyze_paths([str(tmp_path)])
    claims = run.claims()
    statements = [s for s in run.statements() if s.text == sentence]
    assert [c.cue for c in claims] == ["accused", "accused"]
    assert len(statements) == 2 and statements[0].cluster and statements[0].cluster == statements[1].cluster
    assert {c.cluster for c in claims} == {statements[0].cluster}


def test_a_mixed_claim_before_its_cue_goes_on_in_the_next_quote(claims_of):
    text = "Trump is also a “change agent,” Cole said. “That is exactly what people want right now.”"
    c = only(claims_of(text))
    assert c.kind == "mixed" and c.speaker == "Cole"
    assert c.text.startswith("Trump is also") and c.text.endswith("what people want right now.")
    c = only(claims_of("Trump is also a “change agent,” Cole said. The rally ended at noon."))
    assert c.text == "Trump is also a “change agent,"  # no quote follows: nothing joins


def test_a_quote_below_a_line_ending_in_a_colon_is_that_line_s_speaker_s(claims_of):
    c = only(claims_of("Jared Potts echoed:\n\n“He speaks his mind, and that might be what the country needs.”"))
    assert (c.kind, c.speaker, c.cue) == ("direct", "Jared Potts", "echoed")
    assert claims_of("The list was long:\n\n“Apples, pears and plums for everyone.”") == []  # no speaker there


def test_a_quote_with_no_cue_after_reported_speech_goes_on_with_its_speaker(claims_of):
    c = only(claims_of("The governor said the plan would fail. “It is a disaster for every family in this state.”"))
    assert (c.kind, c.speaker) == ("mixed", "The governor")
    assert c.text.startswith("the plan would fail") and c.text.endswith("every family in this state.")
    claims = claims_of("The governor said the plan would fail. “It is a disaster,” the mayor said.")
    assert [(c.kind, c.speaker) for c in claims] == [("indirect", "The governor"), ("direct", "the mayor")]


def test_a_quoted_title_is_no_claim_but_a_capitalised_exclamation_is(claims_of):
    assert claims_of("The actor posted “Guardians of the Galaxy” on his page last night.") == []
    c = only(claims_of("“Count Every Vote!” the marchers shouted."))
    assert (c.kind, c.text, c.speaker) == ("direct", "Count Every Vote!", "the marchers")


WRITERS_TAILS = [
    ("The chief said the station would close, a decision the union condemned.", "the station would close"),
    (
        "The mayor said the bridge would reopen in March, which surprised the engineers who had inspected it.",
        "the bridge would reopen in March",
    ),
    (
        "The minister said the tax would fall on the richest households — a promise she had made twice before.",
        "the tax would fall on the richest households",
    ),
    (
        "The regulator said it would fine the airline, whose planes had been grounded twice this year.",
        "it would fine the airline",
    ),
    (
        "The agency said the storm was the strongest in a decade, although forecasters had expected a weaker one.",
        "the storm was the strongest in a decade",
    ),
    # the speaker's own, kept: inside the quote the speaker said it
    (
        'The mayor said the bridge would "reopen in March, which is earlier than anyone hoped."',
        'the bridge would "reopen in March, which is earlier than anyone hoped."',
    ),
    # content before its cue: often a quote whose marks were lost
    (
        "the new rules ban any stock trading by staff, which closes a loophole, the regulator said in a statement.",
        "the new rules ban any stock trading by staff, which closes a loophole",
    ),
]


@pytest.mark.parametrize(("sentence", "content"), WRITERS_TAILS)
def test_a_gloss_the_writer_appends_to_reported_content_is_not_the_speakers(claims_of, sentence, content):
    """The writer's gloss leaves the content; a tail the speaker may have said stays."""
    assert only(claims_of(sentence)).text == content


def test_a_quote_after_that_and_words_of_the_clause_is_mixed_from_the_clause_start():
    """Parse given by hand (the parser sometimes tags such a "that" as an adverb): an adjunct before "that"
    must not make the quoted fragment a direct claim of its own."""
    import spacy
    from spacy.tokens import Doc

    from provenance.nlp.attribution.quoting import _lead_in

    words = ["Ana", "wrote", "on", "Sunday", "that", "prices", "were", "“", "absurd", "”", "."]
    heads = [1, 1, 1, 2, 6, 6, 1, 8, 6, 8, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "advmod", "nsubj", "ccomp", "punct", "acomp", "punct", "punct"]
    pos = ["PROPN", "VERB", "ADP", "PROPN", "SCONJ", "NOUN", "AUX", "PUNCT", "ADJ", "PUNCT", "PUNCT"]
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert _lead_in(doc, doc[1], doc[8:9]) == doc[5].idx  # "prices were “absurd”"
    no_clause = Doc(
        vocab,
        words=["Ana", "wrote", "on", "Sunday", "“", "absurd", "”"],
        heads=[1, 1, 1, 2, 5, 1, 5],
        deps=["nsubj", "ROOT", "prep", "pobj", "punct", "dobj", "punct"],
    )
    assert _lead_in(no_clause, no_clause[1], no_clause[5:6]) is None  # an adjunct, then the quote: direct


def test_a_mixed_claim_runs_to_the_end_of_the_phrase_holding_its_quoted_fragment(claims_of):
    c = only(claims_of("The mayor described the plan as “a disaster” for every family in the county."))
    assert (c.kind, c.text) == ("mixed", "the plan as “a disaster” for every family in the county")


def test_a_speech_participle_after_reported_content_opens_a_claim_of_the_same_speaker(claims_of):
    claims = claims_of("The coach said the team had trained harder than ever, adding that nobody was injured.")
    assert [(c.speaker, c.cue, c.text) for c in claims] == [
        ("The coach", "said", "the team had trained harder than ever"),
        ("The coach", "adding", "nobody was injured"),
    ]


def test_a_sentence_opening_with_a_poll_reports_its_finding(claims_of):
    c = only(
        claims_of("In a poll released Monday by the Riverton Ledger, 48 percent of voters backed the transit plan.")
    )
    assert (c.speaker, c.cue, c.text) == (
        "a poll released Monday by the Riverton Ledger",
        "In",
        "48 percent of voters backed the transit plan",
    )
    assert c.speaker_type == "document"


@pytest.mark.parametrize(
    "sentence",
    [
        "In March, the council backed the transit plan after a long debate.",  # a time, not a finding
        "Voters backed the transit plan, in a poll released on Monday.",  # the phrase does not open the sentence
    ],
)
def test_an_opening_in_phrase_that_is_no_finding_credits_nothing(claims_of, sentence):
    assert all(c.cue != "In" for c in claims_of(sentence))


def test_respondents_who_say_something_in_a_survey_keep_their_claim(claims_of):
    c = only(claims_of("In a survey, 40 percent of the residents said they would vote for the plan again."))
    assert (c.speaker, c.cue, c.text) == ("40 percent of the residents", "said", "they would vote for the plan again")


def test_a_quote_of_several_sentences_after_according_to_is_one_claim(claims_of):
    """The clause "according to" attaches to ends with its sentence; the quote it opens runs to its closing mark."""
    c = only(claims_of("According to Reyes, “nothing would ever get built. It is up to the voters.”"))
    assert (c.kind, c.speaker, c.text) == ("direct", "Reyes", "nothing would ever get built. It is up to the voters.")


@pytest.mark.parametrize(
    "sentence,speaker,cue",
    [
        ("“This is wonderful!” beamed Maria Olsen of Dayton.", "Maria Olsen of Dayton", "beamed"),
        ("“Go back to your studio,” the candidate barked.", "the candidate", "barked"),
        ("“There is a special place for voters like that,” the supporter retorted.", "the supporter", "retorted"),
        ("“That is false,” the mayor fired back.", "the mayor", "fired"),
    ],
)
def test_a_verb_of_speaking_manner_next_to_a_quote_is_its_cue(claims_of, sentence, speaker, cue):
    c = only(claims_of(sentence))
    assert (c.kind, c.speaker, c.cue) == ("direct", speaker, cue)


def test_a_manner_verb_away_from_a_quote_reports_nothing(claims_of):
    assert claims_of("The army fired back at the rebels on Tuesday.") == []


def test_a_present_tense_cue_after_a_quote_read_as_a_noun_is_still_the_cue(claims_of):
    """“...,” the narrator states: the tagger reads "states" as a plural noun heading "the narrator states";
    after a closing quote mark it is the cue, and the words before it the speaker."""
    c = only(claims_of("“They know the mayor is strong,” the narrator states."))
    assert (c.kind, c.speaker, c.cue, c.text) == ("direct", "the narrator", "states", "They know the mayor is strong")


def test_a_split_quote_keeps_the_name_after_its_cue_as_the_speaker(claims_of):
    """ "The risk," said Edward Leamer, an economist, "is ...": the parser makes the name the subject of the
    quote's second half and leaves "said" with none; the name right after the cue is the speaker."""
    c = only(claims_of('"The risk," said Edward Leamer, an economist, "is that we are going to lose jobs."'))
    assert (c.kind, c.speaker_name) == ("direct", "Edward Leamer")
    assert c.text.startswith("The risk") and c.text.endswith("lose jobs.")


@pytest.mark.parametrize(
    "sentence,speaker,text",
    [
        (
            "The ministry released a letter stating that the border would stay closed.",
            "The ministry",
            "the border would stay closed",
        ),
        ("The senator posted a tweet saying she would vote no.", "The senator", "she would vote no"),
    ],
)
def test_what_a_statement_says_is_its_issuer_s_claim(claims_of, sentence, speaker, text):
    """ "issued a statement saying ...": the participle hangs on the statement; who speaks is who issued it."""
    c = only(claims_of(sentence))
    assert (c.speaker, c.text) == (speaker, text)


def test_a_label_in_quotes_after_a_naming_participle_is_found(claims_of):
    """'calling him "a disgrace ..."': the opening mark hangs on the verb; the label runs past it."""
    claims = claims_of('The prince criticized the plan on Monday, calling it "a disgrace to the whole city."')
    [c] = [c for c in claims if c.cue == "calling"]
    assert c.speaker == "The prince" and "a disgrace to the whole city" in c.text


@pytest.mark.parametrize(
    "sentence,speaker,text",
    [
        (
            'The rejection of the treaty signals "the beginning of the end" for the union, said Anna Berg, a founder.',
            "Anna Berg, a founder",
            'The rejection of the treaty signals "the beginning of the end" for the union',
        ),
        (
            "Rents in the district range from $900 to $2,500, said Anna Berg, a housing official.",
            "Anna Berg, a housing official",
            "Rents in the district range from $900 to $2,500",
        ),
    ],
)
def test_a_name_after_a_closing_cue_speaks_the_clause_before_the_comma(claims_of, sentence, speaker, text):
    """ "..., said Anna Berg": the parser may give "said" the clause's first noun as a subject too, or hang no
    clause on it; the name after the cue speaks, and what stands before the comma is the claim."""
    c = only(claims_of(sentence))
    assert (c.speaker, c.text) == (speaker, text)


@pytest.mark.parametrize(
    "sentence",
    [
        'Asked about the vote, she said, "We will win."',
        'Speaking to reporters on Monday, the senator said, "We will win."',
    ],
)
def test_a_participle_setting_before_a_parenthetical_cue_is_not_quoted(claims_of, sentence):
    """The parser hangs "she said" on the quote's verb, and the words before the comma would open the claim;
    a participle clause with no subject is when and how it was said, not what."""
    c = only(claims_of(sentence))
    assert (c.kind, c.text) == ("direct", "We will win.")


def test_a_name_and_its_description_between_a_quote_and_its_cue_speak_the_quote(claims_of):
    """“...,” Flynn, a top surrogate, said: the parser hangs "Flynn" inside the quote, as an apposition of
    its last word, and leaves "said" with no subject; the name after the closing mark is the speaker."""
    text = (
        "“He is absolutely right. There is a severe disconnect between the two,” Flynn, a top surrogate, said"
        " Thursday morning on Fox and Friends."
    )
    c = only(claims_of(text))
    assert (c.kind, c.speaker_name) == ("direct", "Flynn")
    assert c.text == "He is absolutely right. There is a severe disconnect between the two"


def test_a_lead_ending_in_a_colon_is_not_part_of_a_quote_attributed_after_it(claims_of):
    """'Sen. Lee scolded him: “...,” she said.': the claim is the quote, not the writer's lead-in."""
    c = only(claims_of("Sen. Ann Lee scolded him: “The community is monolithic against your products,” she said."))
    assert (c.kind, c.speaker_name, c.text) == (
        "direct",
        "Ann Lee",
        "The community is monolithic against your products",
    )


def test_a_clause_with_one_word_outside_its_quoted_end_is_mixed(claims_of):
    """'declared that torture "works."': the claim is that torture works; the quote is only its last word."""
    c = only(claims_of('He declared that torture "works."'))
    assert (c.kind, c.text) == ("mixed", 'torture "works."')


def test_a_quote_continuing_a_split_quote_takes_no_cue_from_the_next_sentence(claims_of):
    """The verb opening the sentence after a quote ("Asked ...") is of that sentence: the quote before it
    continues the speaker's previous quote."""
    text = (
        '"If he wins, he wants to keep this going," she said. "If he loses, he will have to keep this going for'
        ' other reasons." Asked what that might look like, she smiled.'
    )
    [c] = [c for c in claims_of(text) if c.cue == "said"]
    assert c.text.startswith("If he wins") and c.text.endswith("other reasons.")


@pytest.mark.parametrize(
    "sentence,text",
    [
        ("Christie blasted Clinton as a “disgrace” Wednesday on a radio show.", "Clinton as a “disgrace”"),
        (
            "Clinton criticized the health law as a “crazy system” during a campaign stop.",
            "the health law as a “crazy system”",
        ),
    ],
)
def test_when_a_label_was_given_is_not_part_of_it(claims_of, sentence, text):
    """A date or a "during" phrase after the closed quote says when it was said, not what."""
    c = only(claims_of(sentence))
    assert (c.kind, c.text) == ("mixed", text)


def test_a_gloss_after_a_dash_read_as_a_second_object_is_cut(claims_of):
    """'likened the rules to "burning the law" - a charge that stung': the parser makes "charge" a second object
    of "burning"; after a dash it is the writer's gloss."""
    c = only(
        claims_of('Another critic likened the rules to "burning the Constitution" - a charge that might have stung.')
    )
    assert c.text == 'the rules to "burning the Constitution"'


def test_a_second_that_clause_is_more_of_what_was_said(claims_of):
    """'said X and that the footage did not show ...': "show" is a cue verb with a subject, but the "that"
    marks a second clause of the same report, not a report of the footage's."""
    c = only(
        claims_of('Roberts said the videos were "inconclusive" and that the footage did not show whether he had a gun.')
    )
    assert c.text == 'the videos were "inconclusive" and that the footage did not show whether he had a gun'


def test_a_quoted_title_before_a_cue_is_not_reported_content(claims_of):
    """'In his book, "Make Your Kid a Millionaire," Mr. Kelly suggested ...': the parser reads the title as a
    clause of "suggested"; the setting and the title are not what he suggested."""
    claims = claims_of(
        'In his 2002 book, "Make Your Kid a Millionaire," Mr. Kelly suggested checking your card statement.'
    )
    assert not any("In his 2002 book" in c.text for c in claims)


def test_a_circumstance_after_the_cue_is_dropped_even_when_it_holds_a_quote(nlp):
    """'“...,” Cruz said after a brief “I'm sorry” to Carson': what follows the cue is when it was said; the
    small quote inside it does not make the circumstance part of the claim."""
    doc = nlp('"Let me tell you the facts," Cruz said after a brief "I\'m sorry" to Carson.')
    [a] = [a for a in doc._.attributions if doc.text[a.cue[0] : a.cue[1]] == "said"]
    segments = [doc.text[s:e] for s, e in a.content]
    assert segments[0] == "Let me tell you the facts,"
    assert not any("after a brief" in s or "Carson" in s for s in segments)


def test_a_title_followed_by_the_sentence_s_comma_is_no_quote(claims_of):
    """“Women in Power,”: American copy sets the sentence's comma inside the closing mark; the title of a
    project or a book says nothing, whoever is near it."""
    claims = claims_of('Lynch agreed to an interview for the project on "Women in Power," answering questions.')
    assert not any(c.kind == "direct" and c.text.startswith("Women in Power") for c in claims)


@pytest.mark.parametrize(
    ("sentence", "continued"),
    [
        (
            "Rents in the harbour district rose 4 percent last year, the agency said in its annual survey, "
            "and wages in the port fell 2 percent.",
            True,
        ),
        (
            "Rents in the harbour district rose sharply, the council said in a statement, and added that rates would follow.",
            False,
        ),
    ],
)
def test_a_clause_coordinated_after_a_closing_cue_is_more_of_what_was_said(nlp, sentence, continued):
    """'X, the agency said in its annual survey, and Y': Y is the agency's too; a second cue ('and added that')
    is a report of its own."""
    doc = nlp(sentence)
    [a] = [a for a in doc._.attributions if doc.text[a.cue[0] : a.cue[1]].startswith("said")]
    segments = [doc.text[s:e] for s, e in a.content]
    assert segments[0].startswith("Rents in")
    assert any("wages in the port" in s for s in segments) is continued


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        (
            "As the harbour board reported, the pier will stay shut until spring.",
            ["the pier will stay shut until spring"],
        ),
        (
            "As one engineer pointed out on the radio, the cracks had been found twice before.",
            ["the cracks had been found twice before"],
        ),
        (
            "The repairs, as the mayor noted, will cost far more than planned.",
            ["The repairs", "will cost far more than planned"],
        ),
    ],
)
def test_an_as_clause_cue_reports_the_clause_it_hangs_on(nlp, sentence, content):
    """'As the board reported, X': X is what was reported, on either side of the cue."""
    doc = nlp(sentence)
    [a] = doc._.attributions
    assert [doc.text[s:e] for s, e in a.content] == content


def test_an_as_clause_that_tells_when_reports_nothing(nlp):
    """'As the ferry left the harbour, ...' is a time, not a report: "left" is no verb of saying."""
    doc = nlp("As the ferry left the harbour, the crew waved to the crowd.")
    assert not doc._.attributions


@pytest.mark.parametrize(
    "sentence",
    [
        # a setting after a conjunction is not what was said
        "But after the storm closed the pier for a second time, the harbour board said enough.",
        # a participle after the comma adds what they did; it cites no one
        "The two mayors argued over the harbour budget on Monday, each praising their own plan for the pier.",
    ],
)
def test_a_setting_or_a_participle_before_a_closing_cue_is_no_report(claims_of, sentence):
    assert not [c for c in claims_of(sentence) if c.text.startswith(("after the storm", "The two mayors"))]


def test_a_cue_opened_by_that_reports_nothing_before_it(claims_of):
    """'The director keeps insisting, most recently at a hearing, that he wants ...': the parser made "wants"
    the root and the insisting its clause; what the mayor insists on is not what "she wants"."""
    claims = claims_of(
        "The port director continues to insist, most recently at a budget hearing with city officials, "
        "that he really wants to keep the ferries running."
    )
    assert not any(c.text.startswith("The port director") for c in claims)


def test_an_object_after_a_comma_and_another_complement_is_a_gloss_not_a_stance(nlp):
    """'has sought to keep credits, the backbone of her state': when the parser hangs the gloss on the verb as a
    second object, it is not what the subject sought (built as the parser read such a sentence)."""
    words = ["She", "defended", "the", "credits", ",", "the", "backbone", "of", "her", "state", "."]
    heads = [1, 1, 3, 1, 1, 6, 1, 6, 9, 7, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "det", "dobj", "prep", "poss", "pobj", "punct"]
    pos = ["PRON", "VERB", "DET", "NOUN", "PUNCT", "DET", "NOUN", "ADP", "PRON", "NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=[w.lower() for w in words])
    objects = [c.complement.text for c in candidates(doc, [False] * len(doc)) if c.relation == "dobj"]
    assert objects == ["credits"]


@pytest.mark.parametrize(
    ("sentence", "ending"),
    [
        (
            "The board hopes to double the reach of the Harbor Ferry line, extend the Coastal Trail and open a new "
            "regional boat yard.",
            "extend the Coastal Trail and open a new regional boat yard",
        ),
        ("The union agreed to end the strike, return to work and accept a new contract.", "accept a new contract"),
    ],
)
def test_an_infinitive_stance_keeps_the_bare_verbs_coordinated_with_it(nlp, sentence, ending):
    """'hopes to double the line, extend the trail and open a yard': the parser hangs "extend" on "hopes";
    the stance is all three."""
    doc = nlp(sentence)
    [stance] = [c for c in candidates(doc, [False] * len(doc)) if c.relation == "xcomp"]
    assert doc.text[slice(*stance.content)].endswith(ending)


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        (
            "The senator has long focused on coastal erosion as the defining problem of the region.",
            "coastal erosion as the defining problem of the region",
        ),
        ("She pointed to the harbour repairs as evidence of progress.", "the harbour repairs as evidence of progress"),
    ],
)
def test_a_prepositional_stance_keeps_what_its_object_is_held_to_be(nlp, sentence, content):
    """'focused on X as the defining problem': the "as" phrase hangs on the verb, and it is the stance."""
    doc = nlp(sentence)
    [stance] = [c for c in candidates(doc, [False] * len(doc)) if c.relation == "prep"]
    assert doc.text[slice(*stance.content)] == content


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # one capitalised word the tagger reads as a common noun is still the headline's speaker
        ("Sanders: The council must reopen the north pier before the summer.\n\nHe spoke on Monday.", "Sanders", True),
        ("Poll: Most residents want the ferries back by May.\n\nA survey found support.", "Poll", True),
        # a title-case headline the tagger reads without a verb ("Worried" as an adjective)
        ("Survey: Voters Worried About Harbour Closures Ahead of Vote.\n\nMost residents said so.", "Survey", True),
        # a title-case headline the tagger reads as names only
        ("Poll: Mayor Ties Challenger With Harbour Voters in a Three-Way Race.\n\nIt was taken in May.", "Poll", True),
        ("Councillor Reyes: Harbour Plan a Waste of Public Money.\n\nShe spoke on Monday.", "Councillor Reyes", True),
        # page furniture is no speaker
        ("Breaking: Harbour board votes to close the north pier.\n\nThe vote came late.", "Breaking", False),
    ],
)
def test_a_headline_label_before_a_colon_speaks_the_headline(nlp, text, speaker, content):
    doc = nlp(text)
    labels = [a for a in doc._.attributions if a.construction == "speaker_label"]
    assert any(doc.text[a.source[0] : a.source[1]] == speaker for a in labels) is content


def test_according_to_a_source_the_parser_ran_into_the_content_ends_at_its_comma(claims_of):
    """'According to radio host Dan Brooks, the move reeks of fear': the parser reads "reeks" as a plural noun
    in apposition to the source, which then swallows the whole sentence."""
    c = only(
        claims_of("According to conservative talk radio host Dan Brooks, the move reeks of “fear” and desperation.")
    )
    assert (c.speaker, c.text) == (
        "conservative talk radio host Dan Brooks",
        "the move reeks of “fear” and desperation",
    )


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("The ferry company said after the storm it would not resume service.", "it would not resume service"),
        (
            "The skipper said after the inquiry he would not accept the post if it were offered.",
            "he would not accept the post if it were offered",
        ),
    ],
)
def test_a_time_between_the_cue_and_its_clause_is_not_what_was_said(nlp, sentence, content):
    """'said after the storm it would ...': the parser reads "after" as the subordinator of the reported clause;
    the clause is still what was said, from its subject on."""
    doc = nlp(sentence)
    [a] = doc._.attributions
    assert [doc.text[s:e] for s, e in a.content] == [content]


def test_the_writer_s_description_of_a_name_is_cut_from_the_end_of_the_content(nlp):
    """'..., the charity that owns the old pier' describes the name for the reader: the mayor named the Trust."""
    doc = nlp(
        "The mayor said the ferry would be run in partnership with the Harbour Trust, the charity that owns the old pier."
    )
    [a] = doc._.attributions
    assert (
        doc.text[a.content[0][0] : a.content[-1][1]] == "the ferry would be run in partnership with the Harbour Trust"
    )


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        # the analysts' agreement is not the proposal
        (
            "He proposed dropping the levy as promised, but analysts agreed it was still too high.",
            "proposed",
            "dropping the levy as promised",
        ),
        # a second verb of saying is a report of its own, even with the subject it shares
        (
            "The mayor stressed her support for the new pier and said she would fund it from the harbour budget.",
            "stressed",
            "her support for the new pier",
        ),
    ],
)
def test_an_object_stance_ends_before_a_coordinated_clause_of_its_own(nlp, sentence, cue, content):
    doc = nlp(sentence)
    contents = {doc.text[a.cue[0] : a.cue[1]]: doc.text[a.content[0][0] : a.content[-1][1]] for a in doc._.attributions}
    assert contents[cue] == content


def test_a_quote_opening_the_reported_phrase_makes_a_mixed_claim_of_the_whole_phrase(nlp):
    """'reported “2,100 crossings” in the harbour ...': the quoted words open what was reported, not all of it."""
    doc = nlp("The agency reported “2,100 crossings” in the harbour between May and June.")
    [a] = doc._.attributions
    assert (a.kind, doc.text[a.content[0][0] : a.content[-1][1]]) == (
        "mixed",
        "“2,100 crossings” in the harbour between May and June",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # a past-tense cue after a reported clause that is not in the past
        "The mayor said the fare is too high and urged riders to boycott the ferry.",
        # a cue with a reported complement of its own
        "The mayor said the skipper was reckless and urged riders to boycott the ferry.",
    ],
)
def test_a_cue_coordinated_with_the_reported_clause_goes_on_with_the_narration(nlp, sentence):
    """'said the fare is too high and urged riders ...': the mayor urged, not the fare; the urging is a report
    of its own, not part of what was said."""
    doc = nlp(sentence)
    found = {
        doc.text[a.cue[0] : a.cue[1]]: (
            doc.text[a.source[0] : a.source[1]],
            doc.text[a.content[0][0] : a.content[-1][1]],
        )
        for a in doc._.attributions
    }
    assert found["said"] == ("The mayor", sentence[len("The mayor said ") : sentence.index(" and urged")])
    assert found["urged"] == ("The mayor", "riders to boycott the ferry")


def test_an_opening_clause_the_parser_hung_on_a_parenthetical_cue_is_part_of_what_was_said(nlp):
    """'Although the pier was repaired, the mayor said, the ferry ...': a clause with its own subject, not a
    setting like 'Asked about the vote, she said, ...'."""
    doc = nlp("Although the pier was repaired, the mayor said, the ferry would not return until spring.")
    [a] = doc._.attributions
    assert [doc.text[s:e] for s, e in a.content] == [
        "Although the pier was repaired",
        "the ferry would not return until spring",
    ]


@pytest.mark.parametrize(
    "lede",
    [
        "HARROWGATE — Two bridges will close next month, the highways board said.",
        "HARROWGATE (Reuters) - Two bridges will close next month, the highways board said on Tuesday.",
        "HARROWGATE, Kenya (AP) — Two bridges will close next month, the highways board said on Tuesday.",
        "LONDON, March 2 (Reuters) - Two bridges will close next month, the highways board said on Tuesday.",
        "ORAN HARBOUR, March 3 (AP) — Two bridges will close next month, the highways board said on Tuesday.",
    ],
)
def test_a_dateline_is_neither_the_speaker_nor_part_of_the_claim(claims_of, lede):
    c = only(claims_of(lede))
    assert c.speaker == "the highways board" and c.text == "Two bridges will close next month"


def test_two_sources_in_one_sentence_keep_their_own_words(claims_of):
    c = only(claims_of("About 3,000 people marched, the organisers said; police said 1,200."))
    assert (c.speaker, c.text) == ("the organisers", "About 3,000 people marched")


def test_a_contrast_after_the_cue_is_another_sources_claim_not_part_of_the_first(claims_of):
    """ "…, the organisers said, while police put the number at 18,000": the parser hangs the "while" clause on
    the reported clause; it has a subject of its own and stands after the cue, so it is not the organisers'."""
    found = claims_of(
        "About 3,000 people marched on Sunday, the organisers said, while police put the number at 18,000."
    )
    credit = {c.speaker: c.text for c in found}
    assert credit["the organisers"] == "About 3,000 people marched on Sunday"
    assert "18,000" in credit["police"]


def test_a_lede_ending_in_a_participle_clause_is_the_claim_of_the_cue_before_it(claims_of):
    sentence = "Fares will rise by 8 percent in April, the transport authority announced on Wednesday, blaming costs."
    c = only(claims_of(sentence))
    assert (c.speaker, c.cue, c.text) == (
        "the transport authority",
        "announced",
        "Fares will rise by 8 percent in April",
    )
