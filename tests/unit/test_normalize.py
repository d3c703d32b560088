from provenance.normalize import capitalize_words, is_lowercased, repair_text

LOWER = (
    "beijing ( reuters ) - the minister said china s plan won t change , officials say .\n"
    "they re often surprised that we can t hand them over , said one diplomat .\n"
) * 4


def test_repair_restores_apostrophes_and_case_without_moving_characters():
    repair = repair_text(LOWER)
    assert repair.lowercased and repair.tokenized
    assert len(repair.text) == len(LOWER)
    assert "China's plan won't change" in repair.text
    assert "They're often surprised" in repair.text and "can't" in repair.text
    assert repair.text.startswith("Beijing ( Reuters )")


def test_ellipsis_does_not_start_a_sentence():
    text = "we must build a new order ... cut off escape routes , he said .\n" * 6
    assert "... cut off" in repair_text(text).text


def test_cased_text_is_left_alone():
    text = "China said the plan, which Beijing's officials don't like, will go ahead. " * 5
    repair = repair_text(text)
    assert repair.text == text and not repair.lowercased


def test_short_text_is_not_judged_lowercased():
    assert not is_lowercased("just a few words")


def test_capitalize_words_is_length_preserving():
    assert capitalize_words("li shulei said", [(0, 2), (3, 9)]) == "Li Shulei said"


WRAPPED = (
    "Ferry fares to rise\n"
    "\n"
    "Fares on the Larkfield ferry will rise by a fifth in June, the\n"
    "operator said on Monday, blaming the cost of fuel. Season tickets\n"
    "for the morning crossings will rise by rather less, according to\n"
    "Dunmore Lines, which has run the route since the old company left\n"
    "the harbour in 2019 and has kept its prices flat until this year.\n"
    "  A second paragraph, indented, starts here and runs on a while.\n"
)


def test_a_hard_wrapped_paragraph_is_one_paragraph_for_the_pipeline():
    from provenance.normalize import unwrap_lines

    out = unwrap_lines(WRAPPED)
    assert len(out) == len(WRAPPED)
    assert "the operator said" in out and "Season tickets for" in out and "according to Dunmore" in out
    assert out.startswith("Ferry fares to rise\n\n")  # a blank line stays a break
    assert "this year.\n  A second" in out  # so do a line ending a sentence and an indented line


def test_one_sentence_a_line_and_a_headline_keep_their_breaks():
    from provenance.normalize import unwrap_lines

    wire = "Ferry fares to rise\nFares will rise by a fifth in June.\nThe operator blamed fuel.\nRiders protested.\n"
    assert unwrap_lines(wire) == wire
    assert unwrap_lines("Ferry fares to rise\nas fuel costs climb\n") == "Ferry fares to rise as fuel costs climb\n"
