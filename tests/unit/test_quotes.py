from provenance.nlp.quotes import find_quotes


def quoted(text):
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_quotes_pair_and_split_quote_gives_two_spans():
    assert quoted("“One thing,” she said. “Another.”") == ["One thing,", "Another."]


def test_straight_and_guillemet_quotes():
    assert quoted('He said "it works" and «ça marche».') == ["it works", "ça marche"]


def test_apostrophes_are_not_quote_marks():
    assert quoted("The countries’ view is that it’s fine and don't worry.") == []


def test_doubled_apostrophes_act_as_double_quotes():
    assert quoted("''It is tinkering,'' said Ms. Reyes.") == ["It is tinkering,"]


def test_quote_reopened_in_next_paragraph_is_split_per_paragraph():
    text = "“First paragraph of the speech\n\n“and the second one,” he said."
    spans = find_quotes(text)
    assert [text[q.start : q.end] for q in spans] == ["First paragraph of the speech", "and the second one,"]
    assert spans[0].continues and not spans[0].closed


def test_quote_running_over_a_paragraph_break_stays_one_quote():
    text = "“They protect safety\n\nand civil liberties,” he said."
    assert quoted(text) == ["They protect safety\n\nand civil liberties,"]


def test_unclosed_quote_stops_at_its_paragraph_and_later_quotes_survive():
    text = "An “unclosed opening here\n\nLater she said “a real quote” today."
    assert quoted(text) == ["unclosed opening here", "a real quote"]


def test_odd_marks_never_raise():
    for text in ['"', "”“", "“", '" " "', "«»", "''", "a ” b “ c"]:
        find_quotes(text)


def test_a_curly_mark_typed_the_wrong_way_round_is_read_by_its_place():
    # a closing mark opening a line, an opening mark after a sentence's end
    assert quoted("”The park is the best thing in town.” ― Ana Ruiz") == ["The park is the best thing in town."]
    assert quoted("The panel rated the story “Half True.“ Then it moved on.") == ["Half True."]
    assert quoted("“A normal quote,” she said, “in two parts.”") == ["A normal quote,", "in two parts."]


def test_a_quote_inside_a_quote_leaves_the_outer_one_whole():
    text = "“I would rather live in what he calls “hell” than in his world,” she said."
    assert quoted(text) == ["I would rather live in what he calls “hell” than in his world,"]
    assert quoted("He called it “a “sham” process.") == ["sham"]  # no second closer: the first opener was stray


def test_a_text_that_quotes_with_single_marks_has_its_quotes_found():
    """British copy quotes with single marks; its apostrophes (don’t, the players’ union) stay apostrophes."""
    text = "‘We will not back down,’ the chair said. ‘The players’ union is wrong, and we don’t care.’"
    assert quoted(text) == ["We will not back down,", "The players’ union is wrong, and we don’t care."]


def test_straight_single_marks_quote_too_and_double_marks_inside_them_stay_one_quote():
    assert quoted("'It is over,' she said. 'He told me \"never again\" and I believed him.'") == [
        "It is over,",
        'He told me "never again" and I believed him.',
    ]


def test_single_marks_in_a_text_that_quotes_with_double_marks_are_not_quotes():
    """One or two scare quotes in single marks beside double-quoted speech: the double marks are the quotes."""
    text = "He called the plan 'bold' and said \"it will pass\" before the 'final' vote. \"We are ready,\" he said."
    assert quoted(text) == ["it will pass", "We are ready,"]


def test_single_quoted_speech_over_a_paragraph_break_continues():
    text = "‘Nobody from the council has been here.\n\n‘We pay our taxes,’ said Ms Patel."
    spans = find_quotes(text)
    assert [text[q.start : q.end] for q in spans] == ["Nobody from the council has been here.", "We pay our taxes,"]
    assert spans[0].continues


def test_a_low_opening_mark_closes_with_a_high_one_as_german_copy_sets_it():
    assert quoted("„Wir geben nicht auf“, sagte die Bürgermeisterin. He called it “a sham“ and left.") == [
        "Wir geben nicht auf",
        "a sham",
    ]


def test_words_cut_short_with_an_apostrophe_do_not_make_single_marks_quotes():
    text = "Fans said the band would rock 'em all night and play 'til dawn. The mayor said the park would stay open."
    assert quoted(text) == []
