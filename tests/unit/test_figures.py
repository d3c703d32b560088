"""Each figure construction on sentences written for the test, negatives included."""

import pytest


@pytest.fixture(scope="module")
def figures_of(nlp):
    def run(text):
        doc = nlp(text)
        return [(doc.text[f.start : f.end], f.value, f.hedge, f.object) for f in doc._.figures]

    return run


def values(found):
    return [f[1] for f in found]


def test_cardinal_with_counted_object_and_hedge(figures_of):
    [(text, value, hedge, obj)] = figures_of("Nearly 1,000 police officers and border guards joined the search.")
    assert value == 1000 and hedge == "approx" and obj == "police officers and border guards"
    assert text.startswith("Nearly 1,000")


@pytest.mark.parametrize(
    "sentence,value,hedge",
    [
        ("At least 2,500 nationals were brought back.", 2500, "at_least"),
        ("More than 40 ships were inspected.", 40, "at_least"),
        ("Up to 300 people could be affected.", 300, "at_most"),
        ("Fewer than 12 judges signed the letter.", 12, "at_most"),
        ("Roughly 70 delegations attended.", 70, "approx"),
        ("Some 500 protesters marched.", 500, "approx"),
        ("The fund holds $3 million in cash.", 3_000_000, "exact"),
        ("The budget grew to 1.2 billion euros.", 1_200_000_000, "exact"),
        ("Inflation reached 12 percent in the region.", 12, "exact"),
        ("Turnout was 61.5% across the country.", 61.5, "exact"),
    ],
)
def test_hedges_amounts_and_percentages(figures_of, sentence, value, hedge):
    found = figures_of(sentence)
    assert [(f[1], f[2]) for f in found] == [(value, hedge)]


def test_number_words_and_dozen(figures_of):
    assert values(figures_of("Three Beijing-based sources described the plan.")) == [3]
    assert values(figures_of("A dozen villages were evacuated.")) == [12]
    assert values(figures_of("Twenty-five lawmakers voted against it.")) == [25]


def test_fractions(figures_of):
    [(_, value, hedge, obj)] = figures_of("Almost half of the fugitives have returned.")
    assert (value, hedge, obj) == (0.5, "approx", "fugitives")
    assert values(figures_of("Two-thirds of voters backed the plan.")) == [pytest.approx(2 / 3)]
    assert values(figures_of("One in five adults smokes.")) == [0.2]


def test_bare_fraction_takes_the_object_of_the_figure_before(figures_of):
    found = figures_of("The agency listed 100 suspects who fled abroad. So far half have been brought back.")
    assert found[-1][1] == 0.5 and found[-1][3] == "suspects"


def test_ordinals_that_state_a_fact(figures_of):
    assert figures_of("It hosted the 86th General Assembly.")[0][1:] == (86, "exact", "General Assembly")
    found = figures_of("It is the world's second largest international organisation.")
    assert found[0][1] == 2 and found[0][3] == "international organisation"


def test_hyphenated_counts(figures_of):
    assert figures_of("The four-day gathering ended.")[0][1:] == (4, "exact", "day")
    assert figures_of("The 190-member body met.")[0][1:] == (190, "exact", "member")


def test_a_tilde_before_a_number_is_an_approximation(figures_of):
    [(text, value, hedge, _obj)] = figures_of("Each sample weighs ~30g after baking.")
    assert (text[:3], value, hedge) == ("~30", 30, "approx")


@pytest.fixture(scope="module")
def ranges_of(nlp):
    def run(text):
        doc = nlp(text)
        return [(doc.text[f.start : f.end], f.value, f.upper, f.hedge, f.object) for f in doc._.figures]

    return run


def test_a_range_is_one_figure_with_its_upper_end(ranges_of):
    assert ranges_of("Between 10 and 15 ships were seized.") == [("Between 10 and 15 ships", 10, 15, "exact", "ships")]
    [(_text, value, upper, hedge, _obj)] = ranges_of("Prices rose by about 5 to 6 percent.")
    assert (value, upper, hedge) == (5, 6, "approx")


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Rents range from $900 to $2,500.", [(900, 2500)]),
        ("Flats from $200,000 to $2 million were on offer.", [(200000, 2e6)]),
        # a change is two figures, the value before and the value after
        ("She went from 150 pounds to 138 by running.", [(150, None), (138, None)]),
        ("Attendance climbed from 4,100 to 5,300.", [(4100, None), (5300, None)]),
        ("Exports grew by $2.1 billion to $88.4 billion.", [(2.1e9, None), (88.4e9, None)]),
        ("The river rose by 2 to 3 metres.", [(2, 3)]),  # the change itself is a range
        ("The forecast went from 7 per cent to 3 per cent.", [(7, None), (3, None)]),  # a range goes up
    ],
)
def test_from_to_is_a_range_after_range_words_and_two_figures_after_a_change(ranges_of, sentence, expected):
    assert [(f[1], f[2]) for f in ranges_of(sentence)] == expected


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The agency expects a fine of $2 to $4 billion.", (2e9, 4e9)),  # the scale word serves both ends
        ("Between 5 and 6 thousand fans came.", (5000, 6000)),
        ("Bids ran from $300 to $2 million.", (300, 2e6)),  # scaled, 300 would pass the upper end: it is $300
        ("The bill is $1 billion to $2 billion.", (1e9, 2e9)),  # each end has its own scale
    ],
)
def test_the_lower_end_of_a_range_takes_the_upper_ends_scale(ranges_of, sentence, expected):
    [found] = ranges_of(sentence)
    assert (found[1], found[2]) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The decision came in 2014 after a long debate.",
        "Published on September 27th, 2017 by the desk.",
        "The meeting opened on Tuesday at 10:30 a.m. local time.",
        "Visit https://example.com/story/12345 for details.",
        "The S&P 500 closed higher.",
        "One diplomat declined to comment.",
        "It was one of the largest gatherings in its history.",
        "They won 2-0 at home.",
        "For the first time the court agreed.",
        "Prices in the 1960s were lower.",
        "The shop at 212 Harbour Road closed.",  # a house number
        "The office is at 3 W 44th St in the city.",
        "Homes in the 10023 ZIP code sold fast.",
        "The clinic ran out of COVID -19 tests.",
        "The first baseman signed with the club, the first lady said.",  # roles, not ranks
    ],
)
def test_not_figures(figures_of, sentence):
    assert figures_of(sentence) == []


def test_figures_on_lowercased_copy(claims_of, nlp):
    from provenance.extract import analyze
    from provenance.ingest import text_document

    text = ("almost half have come back to china to date , some voluntarily , according to the government .\n") * 3
    text = "in 2014 , china issued red notices for its 100 most-wanted corruption suspects who fled .\n" + text * 3
    [result] = list(analyze([text_document(text, doc="l.txt", path="l.txt")], nlp))
    half = [f for f in result.figures if f.value == 0.5]
    assert half and half[0].hedge == "approx" and half[0].attributed_to == "government"
    assert all(f.value != 2014 for f in result.figures)


@pytest.mark.parametrize(
    "sentence,value",
    [
        ("One out of three tenants reported problems.", pytest.approx(1 / 3)),
        ("A fluid ounce is 1/16 of a pint.", 0.0625),
        ("The 1520 sq m medical centre is leased.", 1520),
        ("The app has 5m users in Europe.", 5_000_000),
        ("The yacht sold for USD10m last week.", 10_000_000),
        ("It is about minus 233 Celsius there.", -233),
        ("The Dow rose +0.2% on Friday.", 0.2),
        ("A teaspoon is 1⁄6 of a fluid ounce.", pytest.approx(1 / 6)),  # the fraction slash
        ("The single sold 2.7M physical copies.", 2_700_000),  # a capital M glued on: millions
        ("The motor gives 320 Nm at low speed.", 320),  # units, not model names
        ("The capacitor holds 1.5 F at most.", 1.5),
    ],
)
def test_more_number_forms(figures_of, sentence, value):
    assert value in values(figures_of(sentence))


def test_a_glued_m_without_a_counted_noun_is_not_millions(figures_of):
    assert 37 in values(figures_of("The 37m (121ft) skeleton was rebuilt."))


@pytest.mark.parametrize(
    ("sentence", "text", "value", "obj"),
    [
        ("The deal is worth £1.5m, the club said.", "£1.5m", 1_500_000, "pounds"),
        ("The fund is worth ¥500m.", "¥500m.", 500_000_000, "yen"),
        ("Temperatures will fall to -40 degrees tonight.", "-40", -40, ""),
        ("A quarter of a million people lost power.", "A quarter of a million people", 250_000, "people"),
        ("Half a million people marched.", "Half a million people", 500_000, "people"),
    ],
)
def test_signs_currency_magnitudes_and_fractions_of_magnitudes(nlp, sentence, text, value, obj):
    doc = nlp(sentence)
    [figure] = doc._.figures
    assert (doc.text[figure.start : figure.end], figure.value, figure.object) == (text, value, obj)


def test_the_company_under_an_agency_dateline_is_not_the_agency(claims_of):
    [claim] = claims_of("LONDON (Reuters) - The company said it lost $2bn in the third quarter.")
    assert claim.speaker == "The company" and claim.speaker_name != "Reuters"


def test_ordinals_are_typed_as_ranks(nlp):
    from provenance.extract import analyze
    from provenance.ingest import text_document

    document = text_document("The first part of the plan cost $3m and half of it was spent.", doc="t", path="t")
    [result] = list(analyze([document], nlp))
    kinds = [(f.text, f.kind) for f in result.figures]
    assert kinds == [("first part", "rank"), ("$3m", "money"), ("half of it", "fraction")]


def test_a_team_named_by_a_number_is_no_figure(figures_of):
    found = figures_of("The 49ers beat the 76ers fans' favourite team by 24 points.")
    assert [f[0] for f in found] == ["24 points"]


def test_numbers_that_name_things_are_not_figures(figures_of):
    """A model or product named by a number counts nothing: "iPhone 15 Pro", "the 737 Max"."""
    assert values(figures_of("Reviewers compared the new iPhone 15 Pro with last year's phone.")) == []
    assert values(figures_of("The airline grounded its Boeing 737 Max jets after the crash.")) == []
    assert values(figures_of("The company sold 3 Airbus jets and 40 trucks.")) == [3, 40]
    assert values(figures_of("The navy held 12 Somali and 11 Yemeni nationals.")) == [12, 11]
    assert values(figures_of("The scanner ran at roughly 300 Hz, the wind farm at 6 GW.")) == [300, 6]  # units


def test_currency_codes_signs_and_capital_scales(figures_of):
    assert values(figures_of("The house is worth $US1,250,000 ($A1,900,000), the agent said.")) == [1250000, 1900000]
    assert values(figures_of("The deficit widened to $-12.5bn in May.")) == [-12500000000]
    assert values(figures_of("The album sold 2.1M copies last year.")) == [2100000]
    assert values(figures_of("Shares fell after 2019′s slump.")) == []


def test_a_year_to_come_after_by_is_no_figure(figures_of):
    assert values(figures_of("The city plans 40 new parks by 2150.")) == [40]
    assert values(figures_of("The plant hired 2150 workers.")) == [2150]


def test_a_number_left_hanging_by_its_hyphen_counts_what_the_last_compound_names(figures_of):
    found = figures_of("The hotel offers two-, three- and four-bedroom suites.")
    assert [(f[1], f[3]) for f in found] == [(2, "bedroom"), (3, "bedroom"), (4, "bedroom")]
    assert figures_of("The well-known pre- and post-war plans.") == []


def test_a_model_number_after_a_count_is_no_figure(figures_of):
    assert values(figures_of("The airline ordered two new 787 Dreamliner jets.")) == [2]
    assert values(figures_of("He visited 5 Apple stores.")) == [5]


def test_a_number_in_brackets_before_a_hyphen_is_read(figures_of):
    assert values(figures_of("The 12m (39ft)-long boat was moored there.")) == [12, 39]


@pytest.mark.parametrize(
    "sentence,text,lower,upper",
    [
        ("Interest rates were held at 5.25%-5.5% for a year.", "5.25%-5.5%", 5.25, 5.5),
        ("Support for the plan is 40-45% in most polls.", "40-45%", 40, 45),
    ],
)
def test_a_range_of_percentages_written_with_a_hyphen_is_one_figure(nlp, sentence, text, lower, upper):
    doc = nlp(sentence)
    [f] = doc._.figures
    assert (doc.text[f.start : f.end], f.value, f.upper, f.kind, f.object) == (text, lower, upper, "percent", "percent")


def test_two_counts_joined_by_and_keep_their_own_objects(figures_of):
    found = figures_of("The plane carried 162 passengers and six crew.")
    assert [(f[1], f[3]) for f in found] == [(162, "passengers"), (6, "crew")]


@pytest.mark.parametrize(
    "sentence",
    ["The final score was 3-1 after extra time.", "The home side led 2-0 at half time."],
)
def test_a_match_score_and_half_time_are_no_figures(figures_of, sentence):
    assert figures_of(sentence) == []


def test_a_score_of_and_by_a_third_are_figures(figures_of):
    assert values(figures_of("A score of protesters gathered outside the court.")) == [20]
    [(text, value, _, _)] = figures_of("Turnout was up by a third compared with the last election.")
    assert text == "a third" and value == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "sentence,text,value,obj",
    [
        ("Nearly 9 in 10 residents support the plan.", "Nearly 9 in 10 residents", 0.9, "residents"),
        ("Only 3 out of 10 schools passed the inspection.", "3 out of 10 schools", 0.3, "schools"),
        ("Half the voters stayed home on Sunday.", "Half the voters", 0.5, "voters"),
    ],
)
def test_a_proportion_in_digits_is_a_fraction_of_what_follows_it(figures_of, sentence, text, value, obj):
    [(found, v, _, o)] = figures_of(sentence)
    assert (found, o) == (text, obj) and v == pytest.approx(value)


@pytest.mark.parametrize("sentence", ["He scored 2 in 10 minutes.", "Sales rose by 5 in 2019."])
def test_a_count_in_a_stretch_of_time_or_a_year_is_no_fraction(figures_of, sentence):
    assert all(f[1] >= 1 for f in figures_of(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Anyone who saw the ferry leave should ring the harbour office on 0800 555 111 before noon.",
        "Anyone who saw the ferry leave should ring the harbour office on 0800 555111 before noon.",
        "Tickets can be booked on 01632 960 318 from Monday.",
    ],
)
def test_a_phone_number_is_no_figure(figures_of, sentence):
    assert figures_of(sentence) == []


def test_a_count_beside_a_phone_number_is_still_a_figure(figures_of):
    found = figures_of("Some 40 volunteers answered the appeal on 0800 555 111 within an hour.")
    assert values(found) == [40]


@pytest.mark.parametrize(
    "sentence, counted",
    [
        (
            "The operator said only 20 of its 35 daily crossings would run.",
            {20: "daily crossings", 35: "daily crossings"},
        ),
        ("Police said 12 of the 40 protesters were arrested.", {12: "protesters", 40: "protesters"}),
        ("Two of them were later released.", {2: ""}),
    ],
)
def test_a_count_of_a_whole_counts_what_the_whole_counts(figures_of, sentence, counted):
    assert {f[1]: f[3] for f in figures_of(sentence)} == counted


@pytest.mark.parametrize(
    "sentence, stated",
    [
        ("Two dozen new trains will be ordered.", [(24, "exact", "new trains")]),
        ("Nearly two dozen people were hurt.", [(24, "approx", "people")]),
        ("A dozen villages were evacuated.", [(12, "exact", "villages")]),
    ],
)
def test_dozens_multiply_the_number_before_them(figures_of, sentence, stated):
    assert [(f[1], f[2], f[3]) for f in figures_of(sentence)] == stated
