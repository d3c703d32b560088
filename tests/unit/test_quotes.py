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
