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
