from provenance.similarity import FEATURES, features, pair_model, profile, stem


def test_stem_meets_inflections():
    assert stem("notices") == stem("notice")
    assert stem("issued") == stem("issue")
    assert stem("countries") == stem("country")
    assert stem("gathered") == stem("gathering")


def test_squashed_text_ignores_case_spacing_and_apostrophes():
    assert profile("they re often surprised").squashed == profile("They’re often surprised,").squashed


def test_model_separates_a_paraphrase_from_an_unrelated_sentence():
    model = pair_model()
    a = profile("China issued red notices for its 100 most-wanted corruption suspects who fled overseas.")
    b = profile("China issued red notices through Interpol for 100 fugitives suspected of corruption.")
    c = profile("The weather in Lyon was mild and sunny over the weekend.")
    assert len(features(a, b)) == len(FEATURES)
    assert model.probability(features(a, b)) > model.probability(features(a, c))
    assert model.probability(features(a, c)) < model.threshold


def test_differing_numbers_lower_the_score():
    model = pair_model()
    a = profile("Officials from 156 countries attended the meeting in Beijing.")
    b = profile("Officials from 156 countries attended the meeting in Beijing.")
    c = profile("Officials from 158 countries attended the meeting in Beijing.")
    assert model.probability(features(a, b)) > model.probability(features(a, c))


def test_a_statement_that_undoes_an_act_is_marked():
    assert profile("The club has withdrawn its offer to the striker").reverses
    assert profile("Organisers called off the harbour regatta").reverses
    assert profile("The council rescinded the parking rule").reverses
    assert not profile("The club has offered the striker a four-year contract").reverses
    assert profile("Organisers cancelled the harbour regatta").reverses
    assert not profile("Organisers held the harbour regatta").reverses


def test_digits_opening_a_word_of_a_name_are_no_figure():
    """Two statements about one club would otherwise share a figure, and count it as a fact both name."""
    assert profile("Kessler was let go by the Millbrook 76ers on Saturday").numbers == frozenset()
    assert profile("the swim starts at 9am and runs 5km along the pier").numbers == {"9", "5"}
    assert profile("the 11th crossing of 2,100 passengers").numbers == {"11", "2100"}
