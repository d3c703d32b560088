"""Who a claim is credited to: speakers resolved to a name ("he" -> the person named before) and typed."""

import pytest

from ..conftest import only


def test_pronoun_resolves_to_earlier_person_and_via_is_kept(claims_of):
    claims = claims_of(
        "President Maria Lopez arrived on Monday.\n\n"
        "“Countries must work together,” she said, according to the official Xinhua news agency."
    )
    c = only(claims)
    assert c.speaker == "she" and c.speaker_name == "Maria Lopez" and c.speaker_type == "person"
    assert "Xinhua" in c.via


def test_surname_resolves_to_full_name(claims_of):
    claims = claims_of(
        "Maya Wang, a researcher at the institute, said the rules were unclear.\n\n"
        "“We have reason to worry,” said Wang."
    )
    assert [c.speaker_name for c in claims] == ["Maya Wang", "Maya Wang"]


def test_definite_description_resolves_to_earlier_organization(claims_of):
    claims = claims_of("Interpol held its meeting in Lyon. Delegates from 150 countries will attend, the group said.")
    c = only(claims)
    assert c.speaker == "the group" and c.speaker_name == "Interpol" and c.speaker_type == "organization"


def test_the_diplomat_resolves_to_the_earlier_one_diplomat(claims_of):
    claims = claims_of(
        "“They are often surprised,” said one diplomat, declining to be named.\n\n"
        "The talks could stall for months, the diplomat said."
    )
    assert [c.speaker_name for c in claims] == ["one diplomat", "one diplomat"]
    assert claims[1].speaker == "the diplomat"


@pytest.mark.parametrize(
    "sentence,name,type_",
    [
        ("According to a statement from the ministry, the talks will resume on Monday.", "ministry", "government"),
        ("A report from the World Bank says growth will slow to 2 percent next year.", "World Bank", "organization"),
        ("The report found that emissions rose by 4 percent last year.", "report", "document"),
    ],
)
def test_a_document_that_names_its_issuer_is_the_issuer_s_word(claims_of, sentence, name, type_):
    """ "a statement from the ministry": the ministry stands behind it; a report that names no one is a document."""
    c = only(claims_of(sentence))
    assert (c.speaker_name, c.speaker_type) == (name, type_)


def test_a_courtesy_title_without_its_stop_is_no_part_of_the_name(claims_of):
    """British copy writes "Dr Amara Osei" and "Mr Patel": the title goes, as it goes from "Mr. Patel", and the
    person is a person though the entity recogniser reads "Dr Amara Osei" as an organization."""
    first, second, third = claims_of(
        "Dr Amara Osei said the vaccine had passed every trial. Osei said the second dose was safe. "
        '"We were let down," said Mr Patel, 54.'
    )
    assert (first.speaker_name, first.speaker_type) == ("Amara Osei", "person")
    assert second.speaker_name == "Amara Osei"
    assert (third.speaker, third.speaker_name) == ("Mr Patel, 54", "Patel")


@pytest.mark.parametrize(
    "sentence,name,type_",
    [
        ("The White House said the president would veto the bill.", "White House", "government"),
        ("The FBI said it was investigating the attack.", "FBI", "government"),
        ("Downing Street said the talks had been constructive.", "Downing Street", "government"),
        ("The family said in a statement that they were heartbroken.", "family", "group"),
        ("The European Commission said it would fine the company.", "European Commission", "government"),
        ("The Associated Press reported that five people had died.", "Associated Press", "media"),
    ],
)
def test_government_names_of_several_words_and_a_family_are_typed(claims_of, sentence, name, type_):
    c = only(claims_of(sentence))
    assert (c.speaker_name, c.speaker_type) == (name, type_)


@pytest.mark.parametrize(
    "sentence,name",
    [("Data show that prices rose in May.", "Data"), ("The report found that the river was polluted.", "report")],
)
def test_documents_and_data_are_sources_of_their_own_type(claims_of, sentence, name):
    c = only(claims_of(sentence))
    assert (c.speaker_name, c.speaker_type) == (name, "document")


@pytest.mark.parametrize(
    "text,speaker",
    [
        # the subject of the previous sentence, not the man named after her
        ("Ana Ortiz thanked John Smith for his work on the bridge. She said the bridge is safe.", "Ortiz"),
        # "she" is not the man the title names, even as the subject
        ("Mr. John Smith met Ms. Maria Lopez on Monday. She said the budget was balanced.", "Maria Lopez"),
        ("Ms. Helen Park met Mr. Tom Reed on Tuesday. He said the deal was done.", "Tom Reed"),
        # no title: the first names say who is who; the man subject of the sentence before is skipped
        (
            "Anna Berg, the city's planning chief, arrived late. Her colleague Tom Hale had already left. "
            "She said the plan was final.",
            "Anna Berg",
        ),
        ("Peter Novak arrived late. His colleague Maria Lund had already left. He said the plan was final.", "Novak"),
    ],
)
def test_a_pronoun_speaker_is_the_person_its_gender_and_the_subject_point_to(claims_of, text, speaker):
    c = only([c for c in claims_of(text) if c.cue == "said"])  # "thanked John Smith for ..." may be a stance
    assert speaker in c.speaker_name


def test_it_is_the_organization_that_is_the_subject_of_the_sentence_before(claims_of):
    c = only(claims_of("Apple sued Samsung in a federal court in 2011. It said the patents had been copied."))
    assert (c.speaker, c.speaker_name) == ("It", "Apple")


def test_a_speaker_named_with_a_gendered_noun_is_no_antecedent_of_the_other_pronoun(claims_of):
    """ "Her husband, Tom, said ..." is a man's claim: the "she" after it is the woman named before him."""
    claims = claims_of(
        "Lisa Park, whose son was injured, spoke to reporters. Her husband, Tom, said the school had failed "
        "them. She said she agreed with every word."
    )
    assert [c.speaker_name for c in claims if c.cue == "said"] == ["Tom", "Lisa Park"]


def test_an_unresolved_she_is_no_antecedent_for_he(claims_of):
    claims = claims_of("She said the roads were closed. Later he said the bridge was safe.")
    assert [(c.speaker, c.speaker_name) for c in claims] == [("She", "She"), ("he", "he")]


@pytest.mark.parametrize(
    "speaker", ["weather service", "airline", "hospital trust", "fire service", "water board", "institute", "committee"]
)
def test_an_organisation_named_by_its_kind_is_typed_an_organisation(claims_of, speaker):
    c = only(claims_of(f"The {speaker} said the harbour would stay closed until Friday."))
    assert (c.speaker_name, c.speaker_type) == (speaker, "organization")


def test_a_name_beside_a_role_noun_is_the_speaker(claims_of):
    c = only(claims_of("The operator, Gullwing Lines, said the ferry would resume on Monday."))
    assert (c.speaker_name, c.speaker_type) == ("Gullwing Lines", "organization")
    assert only(claims_of("The coach said the team would recover quickly.")).speaker_type == "person"


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Bridge Reopens After Repairs\n\nShe said the bridge was safe after months of work.",
        "Storm Closes Ferry Route\n\nHe said the ferries would resume on Friday.",
        # a headline word the recogniser takes for a person again below, naming a thing ("Ferry services")
        'Storm Closes Ferry Route\n\nFerry services were halted on Tuesday. "We will reopen when it is safe," he said.',
        'June Storms Batter Coast\n\nHigh winds hit the coast on Monday. "It was frightening," she said.',
    ],
)
def test_a_pronoun_after_a_headline_is_never_the_headline_s_words(claims_of, text):
    c = only(claims_of(text))
    assert c.speaker_name.lower() in ("she", "he")  # unresolved, not "Harbour Bridge ...", "Ferry Route", "June Storms"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            'Mayor Ana Ruiz Opens New Bridge\n\nThe bridge opened on Monday. "It took ten years," she said.',
            ["Ana Ruiz"],
        ),
        ('Mayor Ana Ruiz Opens New Bridge\n\nThe bridge opened on Monday. "It took ten years," he said.', ["he"]),
        (
            'Ana Ruiz Opens New Bridge\n\nThe bridge opened on Monday, Ruiz announced. "It took ten years," she said.',
            ["Ana Ruiz", "Ana Ruiz"],
        ),
    ],
)
def test_a_person_only_a_headline_names_is_who_she_is_below_it(claims_of, text, speakers):
    assert [c.speaker_name for c in claims_of(text)] == speakers


def test_a_person_named_after_a_headline_is_still_found(claims_of):
    claims = claims_of(
        "Harbour Bridge Reopens After Repairs\n\nMayor Ana Ruiz said the bridge was safe. She said journeys would halve."
    )
    assert [c.speaker_name for c in claims] == ["Mayor Ana Ruiz", "Mayor Ana Ruiz"]


def test_a_surname_the_tagger_reads_as_a_noun_still_resolves_to_the_person(claims_of):
    claims = claims_of(
        "Repairs to the Old Mill bridge will cost about $4 million, city engineer Tom Reyes said Tuesday.\n\n"
        '"We found cracks in two of the main supports," Reyes said.'
    )
    assert [(c.speaker_name, c.speaker_type) for c in claims] == [("Tom Reyes", "person")] * 2


def test_a_speaker_who_asked_not_to_be_named_is_anonymous_and_the_request_is_no_claim(claims_of):
    c = only(
        claims_of(
            "A spokeswoman for the transport department, who asked not to be named because she was not "
            "authorized to speak publicly, said the state would pay half."
        )
    )
    assert (c.speaker_name, c.speaker_type, c.text) == ("spokeswoman", "anonymous", "the state would pay half")


@pytest.mark.parametrize(
    "text",
    [
        "The ministry of health declined to comment on Tuesday.",
        "The owner of the yard declined to be identified.",
        "Two residents asked not to be named.",
    ],
)
def test_declining_to_comment_or_to_be_named_is_no_claim(claims_of, text):
    assert claims_of(text) == []


def test_a_name_built_around_a_capitalised_preposition_is_kept_whole(claims_of):
    c = only(claims_of("Doctors Without Borders warned that hospitals in the north were running out of beds."))
    assert (c.speaker_name, c.speaker_type) == ("Doctors Without Borders", "organization")


def test_a_definite_office_with_a_name_of_its_own_is_not_an_earlier_organization(claims_of):
    c = only(
        claims_of(
            "Northgate Power runs the dam.\n\n"
            "Nearly 1,000 residents were evacuated on Tuesday, the county emergency office said."
        )
    )
    assert (c.speaker_name, c.speaker_type) == ("county emergency office", "organization")


def test_an_unnamed_spokesman_for_a_body_is_that_body(claims_of):
    c = only(claims_of("A spokesman for the Ellis Shippers Association said members would pay an extra £2.4m a year."))
    assert (c.speaker_name, c.speaker_type) == ("Ellis Shippers Association", "organization")


def test_he_or_she_after_a_spokesperson_is_the_body_they_speak_for(claims_of):
    claims = claims_of(
        "A spokeswoman for Essex Police said the men were being questioned. Items worth 40,000 pounds were taken, "
        "she said.\n\nA spokesman for the port authority said the berth would reopen. He said repairs would take a week."
    )
    assert [(c.speaker_name, c.speaker_type) for c in claims] == [
        ("Essex Police", "government"),
        ("Essex Police", "government"),
        ("port authority", "government"),
        ("port authority", "government"),
    ]


def test_a_name_continued_by_of_and_a_bare_noun_is_kept_whole(claims_of):
    claims = claims_of(
        "According to a survey by the local chamber of commerce, 62 percent of businesses oppose the plan. "
        "The director of the museum said the exhibition would close."
    )
    assert [c.speaker_name for c in claims] == ["local chamber of commerce", "director"]
