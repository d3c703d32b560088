"""The resolver on hand-made records: linking, one member per document, origin, relations, flags."""

from dataclasses import replace

import pytest

from provenance.records import Claim, Document, Figure
from provenance.resolve import link
from provenance.settings import SAME_NAMES_MARGIN, WITHIN_STORY_MARGIN
from provenance.similarity import features, pair_model, profile


def doc(name, raw, outlet="", published=None, agency=None):
    return Document(doc=name, path=name, raw=raw, text=raw, outlet=outlet, published=published, agency=agency).info()


def claim(doc_name, text, speaker="Li Shulei", kind="indirect", speaker_type="person", start=0):
    return Claim(
        claim_id=f"c-{doc_name}-{start}",
        doc=doc_name,
        outlet="",
        published="",
        kind=kind,
        speaker="he",
        speaker_name=speaker,
        speaker_type=speaker_type,
        cue="said",
        text=text,
        start=start,
        end=start + len(text),
        sentence=text,
        via="",
    )


def figure(doc_name, raw, text, value, hedge="exact", obj="", attributed_to="", claim_id=""):
    start = raw.index(text)
    return Figure(
        figure_id=f"f-{doc_name}-{start}",
        doc=doc_name,
        outlet="",
        text=text,
        value=value,
        hedge=hedge,
        object=obj,
        attributed_to=attributed_to,
        claim_id=claim_id,
        start=start,
        end=start + len(text),
        sentence=raw,
    )


def test_copied_claims_link_and_the_agency_copy_is_the_origin():
    docs = [doc("wire.txt", "x", outlet="Reuters", agency="Reuters"), doc("copy.txt", "x")]
    claims = [
        claim("copy.txt", "Interpol operated under the principles of professionalism and neutrality"),
        claim("wire.txt", "interpol operated under the principles of professionalism and neutrality"),
        claim("wire.txt", "The weather in Lyon stayed mild for the whole week of the meeting", start=200),
    ]
    linking = link(claims, [], docs)
    [shared] = [c for c in linking.clusters if len(c.members) > 1]
    assert shared.origin.doc == "wire.txt"
    assert shared.members[1].relation == "verbatim" and shared.members[1].flags == ""
    assert len(linking.cluster_of) == 3


def test_earliest_published_is_the_origin_when_all_are_dated():
    docs = [doc("a.txt", "x", published="2017-09-27"), doc("b.txt", "x", published="2017-09-25")]
    claims = [
        claim("a.txt", "China will push for international cooperation against corruption and terrorism"),
        claim("b.txt", "China will push for international cooperation against corruption and terrorism"),
    ]
    [cluster] = link(claims, [], docs).clusters
    assert cluster.origin.doc == "b.txt"


def test_a_document_that_calls_itself_a_republication_is_no_origin():
    """Two identical versions, nothing dated, no agency: the one with a credit line copies the other,
    whichever name comes first."""
    text = "Interpol operated under the principles of professionalism and neutrality"
    docs = [
        replace(doc("a-copy.txt", "x"), credit="Republished by the Harbour Courier under licence."),
        doc("z.txt", "x"),
    ]
    linking = link([claim("a-copy.txt", text), claim("z.txt", text)], [], docs)
    [cluster] = linking.clusters
    assert cluster.origin.doc == "z.txt"


def test_altered_quote_and_changed_speaker_are_flagged():
    docs = [doc("a.txt", "x", agency="Reuters"), doc("b.txt", "x"), doc("c.txt", "x")]
    claims = [
        claim("a.txt", "We must build a new order to fight corruption ... cut off escape routes", kind="direct"),
        claim("b.txt", "We must build a new order to fight corruption … [and] cut off escape routes", kind="direct"),
        claim(
            "c.txt",
            "We must build a new order to fight corruption ... cut off escape routes",
            kind="direct",
            speaker="Meng Hongwei",
        ),
    ]
    [cluster] = link(claims, [], docs).clusters
    flags = {m.doc: m.flags for m in cluster.members}
    assert flags["b.txt"] == "quote_altered"
    assert flags["c.txt"] == "speaker_changed"


def test_one_member_per_document():
    docs = [doc("a.txt", "x"), doc("b.txt", "x")]
    text = "Countries should adopt a concept of common and sustainable security"
    claims = [claim("a.txt", text), claim("a.txt", text, start=500), claim("b.txt", text)]
    clusters = link(claims, [], docs).clusters
    assert all(len({m.doc for m in c.members}) == len(c.members) for c in clusters)
    assert sorted(len(c.members) for c in clusters) == [1, 2]


def test_changed_figure_and_dropped_attribution():
    a_raw = "Nearly 1,000 officials from 156 countries will gather at the assembly, the group said."
    b_raw = "Participants from 158 countries and regions gathered in Beijing for the assembly."
    docs = [doc("a.txt", a_raw, published="2017-09-26"), doc("b.txt", b_raw, published="2017-09-27")]
    figures = [
        figure("a.txt", a_raw, "156 countries", 156, obj="countries", attributed_to="Interpol", claim_id="c-1"),
        figure("b.txt", b_raw, "158 countries and regions", 158, obj="countries and regions"),
    ]
    [cluster] = [c for c in link([], figures, docs).clusters if len(c.members) > 1]
    assert cluster.origin.doc == "a.txt"
    assert cluster.members[1].flags == "figure_changed;attribution_dropped"


def test_unrelated_figures_with_the_same_small_value_stay_apart():
    a_raw = "Three sources described the plan for the assembly."
    b_raw = "The ministry opened three new offices in the north last spring."
    docs = [doc("a.txt", a_raw), doc("b.txt", b_raw)]
    figures = [
        figure("a.txt", a_raw, "Three sources", 3, obj="sources"),
        figure("b.txt", b_raw, "three new offices", 3, obj="new offices"),
    ]
    assert all(len(c.members) == 1 for c in link([], figures, docs).clusters)


def test_name_variants_of_one_speaker_agree():
    from provenance.resolve import names_agree

    for a, b in [
        ("HP", "Hewlett-Packard"),
        ("USGS", "U.S. Geological Survey"),
        ("U.S.G.S.", "United States Geological Survey"),
        ("police", "New York police"),
        ("Ortiz", "Ana Ortiz"),
        ("officials", "the official"),
    ]:
        assert names_agree(a, b) and names_agree(b, a), (a, b)
    for a, b in [("HP", "Dell"), ("Ana Ortiz", "Maria Lopez"), ("USGS", "European Space Agency"), ("UN", "WHO")]:
        assert not names_agree(a, b), (a, b)


def test_same_small_value_counting_other_things_stays_apart_even_in_similar_sentences():
    a_raw = "Kessler stopped Ortiz in 11 rounds in Millbrook on Saturday night."
    b_raw = "Kessler fired 11 shots at Ortiz in Millbrook on Saturday night."
    docs = [doc("a.txt", a_raw), doc("b.txt", b_raw)]
    figures = [
        figure("a.txt", a_raw, "11 rounds", 11, obj="rounds"),
        figure("b.txt", b_raw, "11 shots", 11, obj="shots"),
    ]
    assert all(len(c.members) == 1 for c in link([], figures, docs).clusters)


def test_a_large_count_named_two_ways_links():
    a_raw = "Interpol, which has 190 countries as members, helps police work across borders."
    b_raw = "Interpol has 190 members and helps police cooperate across borders."
    docs = [doc("a.txt", a_raw), doc("b.txt", b_raw)]
    figures = [
        figure("a.txt", a_raw, "190 countries", 190, obj="countries"),
        figure("b.txt", b_raw, "190 members", 190, obj="members"),
    ]
    assert sorted(len(c.members) for c in link([], figures, docs).clusters) == [2]


def test_a_chain_of_pairs_never_joins_values_further_apart_than_a_changed_figure():
    raws = {
        "a.txt": "The champion has 46 wins by knockout in his career so far, his trainer said.",
        "b.txt": "The champion has 46 wins by knockout in his career so far, the promoter said.",
        "c.txt": "The champion has 49 wins by knockout in his career so far, the promoter said.",
        "d.txt": "The champion has 52 wins by knockout in his career so far, the promoter said.",
    }
    docs = [doc(name, raw) for name, raw in raws.items()]
    values = {"a.txt": 46, "b.txt": 46, "c.txt": 49, "d.txt": 52}
    figures = [figure(n, r, f"{values[n]} wins", values[n], obj="wins") for n, r in raws.items()]
    for cluster in link([], figures, docs).clusters:
        members = [values[m.doc] for m in cluster.members]
        assert (max(members) - min(members)) / max(members) <= 0.1, members


def test_statements_whose_subjects_are_different_names_stay_apart_even_through_a_pronoun():
    texts = {
        "a.txt": "the Rovers have made a three-year offer to the young striker Tom Hale of the harbour club",
        "b.txt": "they have made a three-year offer to the young striker Tom Hale of the harbour club",
        "c.txt": "the Bay City United have made a three-year offer to the young striker Tom Hale of the harbour club",
        "d.txt": "The Rovers have made a three-year offer to young striker Tom Hale of the harbour club",
    }
    docs = [doc(name, text) for name, text in texts.items()]
    linking = link([claim(name, text) for name, text in texts.items()], [], docs)
    together = {frozenset(m.doc for m in c.members) for c in linking.clusters}
    assert not any({"a.txt", "c.txt"} <= members for members in together), together
    assert any({"a.txt", "d.txt"} <= members for members in together), together


def figure_clusters(raws, text, value, obj):
    """The documents of each cluster when every document states the figure `text` about `obj`."""
    docs = [doc(name, raw) for name, raw in raws.items()]
    figures = [figure(name, raw, text, value, obj=obj) for name, raw in raws.items()]
    return {frozenset(m.doc for m in c.members) for c in link([], figures, docs).clusters}


def test_one_figure_offered_by_two_different_clubs_is_two_figures():
    raws = {
        "a.txt": "The Rovers have offered the striker a contract worth $90 million over eight seasons.",
        "b.txt": "The Bay City United have offered the striker a contract worth $90 million over eight seasons.",
        "c.txt": "The Rovers offered the young striker a contract worth about $90 million, his agent said.",
    }
    together = figure_clusters(raws, "$90 million", 90_000_000, "contract")
    assert not any({"a.txt", "b.txt"} <= members for members in together), together
    assert any({"a.txt", "c.txt"} <= members for members in together), together


def test_one_age_of_two_people_is_two_figures():
    """A skipper and a harbour master may be the same age: the number and the counted noun match, the person not."""
    raws = {
        "a.txt": "The 34-year-old skipper Kessler steered the ferry into the pier while Ortiz waved from the quay.",
        "b.txt": "From the quay the 34-year-old Ortiz, the harbour master, waved the ferry into the pier.",
        "c.txt": "The 34-year-old Kessler steered the ferry into the pier on Saturday while Ortiz waved.",
    }
    together = figure_clusters(raws, "34-year", 34, "year")
    assert not any({"a.txt", "b.txt"} <= members or {"b.txt", "c.txt"} <= members for members in together), together
    assert any({"a.txt", "c.txt"} <= members for members in together), together


def test_a_count_of_workers_is_no_count_of_the_places_they_work_at():
    """ "three harbour workers" counts workers: "harbour", in the singular after a count, only says which."""
    raws = {
        "a.txt": "Three harbour workers were hurt when the storm hit Millbrook pier on Sunday.",
        "b.txt": "The storm hit Millbrook on Sunday and closed three harbours along the pier.",
        "c.txt": "Three harbour workers were injured as the storm struck Millbrook pier on Sunday.",
    }
    docs = [doc(name, raw) for name, raw in raws.items()]
    figures = [
        figure("a.txt", raws["a.txt"], "Three harbour workers", 3, obj="harbour workers"),
        figure("b.txt", raws["b.txt"], "three harbours", 3, obj="harbours"),
        figure("c.txt", raws["c.txt"], "Three harbour workers", 3, obj="harbour workers"),
    ]
    together = {frozenset(m.doc for m in c.members) for c in link([], figures, docs).clusters}
    assert together == {frozenset({"a.txt", "c.txt"}), frozenset({"b.txt"})}, together


@pytest.mark.parametrize(
    ("obj", "text", "other", "other_text", "same"),
    [
        ("harbour workers", "three harbour workers", "harbours", "three harbours", False),
        ("harbour", "three harbour", "harbour workers", "three harbour workers", True),  # a cut-short phrase
        ("year", "a 15-year lease", "years", "15 years", True),  # a hyphen joins either
        ("caliber", "a 38-caliber gun", "caliber", "38 caliber", True),
        ("Greek crew", "three Greek crew", "Greeks", "three Greeks", True),  # capitalized: as it is
    ],
)
def test_what_a_count_counts_keeps_singular_modifiers_apart(obj, text, other, other_text, same):
    from provenance.resolve.items import counted_words

    value = 38 if "38" in text else 15 if "15" in text else 3
    assert bool(counted_words(obj, value, "number", text) & counted_words(other, value, "number", other_text)) is same


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("The 34-year-old skipper Kessler steered the ferry", {"kessler"}),
        ("It was the 34-year-old Kessler's 40th crossing", {"kessler"}),
        ("police named the 34-year-old Ana Ruiz, of Millbrook, on Monday", {"ana", "ruiz"}),
        ("a 34-year-old Millbrook woman was hurt", set()),  # a place before a noun: no one named
        ("the 34-year-old was released Monday", set()),  # function words between: Monday is no person
        ("a 34-year-old man was hurt", set()),
    ],
)
def test_the_person_an_age_describes(sentence, person):
    from provenance.resolve.items import aged_person

    assert aged_person(sentence, 34) == person


def test_a_subject_named_in_the_other_statement_is_no_other_actor():
    from provenance.resolve.items import different_actors, lead_actor

    assert lead_actor("the Bay City Rovers have made an offer") == "Bay City Rovers"
    assert lead_actor("Ana Ruiz’s team avoided the press") == ""  # a possessive is not the subject
    assert lead_actor("Police said the road was closed") == ""  # one capitalized word may be any first word
    assert different_actors("the Rovers have offered him a deal", "the United have offered him a deal")
    assert not different_actors("the Rovers signed Tom Hale", "Tom Hale signed with the Rovers")


def test_an_offer_and_its_withdrawal_are_not_one_claim():
    """Alike in every other word, the two say opposite things: linking them would hide the reversal."""
    made = "The club has made a four-year offer to the striker Tomas Varga"
    again = "the club has made a four-year offer to striker Tomas Varga"
    withdrawn = "The club has withdrawn its four-year offer to the striker Tomas Varga"
    claims = [claim("a.txt", made), claim("b.txt", again), claim("c.txt", withdrawn)]
    docs = [doc(n, c.text) for n, c in zip(("a.txt", "b.txt", "c.txt"), claims)]
    linking = link(claims, [], docs)
    of = linking.cluster_of
    assert of[claims[0].claim_id] == of[claims[1].claim_id]
    assert of[claims[2].claim_id] != of[claims[0].claim_id]


def test_a_withdrawal_named_by_the_cue_is_not_the_offer_either():
    """A stance puts the undoing in its cue: "The club withdrew" + "its four-year offer to ..."."""
    made = claim("a.txt", "its four-year offer to the striker Tomas Varga")
    withdrawn = replace(claim("b.txt", "its four-year offer to the striker Tomas Varga."), cue="withdrew")
    kept = claim("c.txt", "its four-year offer to striker Tomas Varga")
    claims = [made, withdrawn, kept]
    linking = link(claims, [], [doc(c.doc, c.text) for c in claims])
    of = linking.cluster_of
    assert of[made.claim_id] == of[kept.claim_id]
    assert of[withdrawn.claim_id] != of[made.claim_id]


def test_a_statement_rewritten_by_many_outlets_is_scored_about_once_per_version(monkeypatch):
    """Versions joined by sure pairs are not scored against each other again: the work stays linear."""
    import provenance.resolve.candidates as candidates

    words = "the harbour authority closed the northern pier after storms cracked its concrete deck overnight".split()
    fillers = ["eastern", "western", "southern", "old", "main", "cargo", "ferry", "fishing"]
    docs, claims = [], []
    for n in range(160):
        version = list(words)
        version[n % 8 + 4] = fillers[n // 20]  # one word changed: each outlet's own wording
        name = f"outlet{n:03d}.txt"
        docs.append(doc(name, "x"))
        claims.append(claim(name, " ".join(version)))
    scored = []
    real_features = candidates.features
    monkeypatch.setattr(candidates, "features", lambda *a, **k: scored.append(1) or real_features(*a, **k))
    linking = link(claims, [], docs)
    distinct = len({c.text for c in claims})
    assert len({linking.cluster_of[c.claim_id] for c in claims}) == 1
    assert len(scored) <= 2 * distinct


def test_a_looser_paraphrase_links_within_a_story_when_both_name_the_same_two_things():
    model = pair_model()
    named = (
        "A strong earthquake struck Velora island on Sunday, injuring five people",
        "Five people were hurt on Sunday when a quake rocked Velora island",
    )  # Velora, Sunday
    unnamed = (
        "A strong earthquake struck the island on Sunday, injuring five people",
        "Five people were hurt on Sunday when a quake rocked the island",
    )  # Sunday only
    for a, b in (named, unnamed):  # both pairs score where only the shared names decide
        p = model.probability(features(profile(a), profile(b)))
        assert model.threshold - WITHIN_STORY_MARGIN - SAME_NAMES_MARGIN <= p < model.threshold - WITHIN_STORY_MARGIN
    for (a, b), linked in ((named, True), (unnamed, False)):
        docs = [doc("one.txt", a), doc("two.txt", b)]
        linking = link([claim("one.txt", a, speaker="police"), claim("two.txt", b, speaker="police")], [], docs)
        assert linking.story_of["one.txt"] == linking.story_of["two.txt"]
        assert (len(linking.clusters) == 1) is linked


def test_versions_sharing_one_rare_word_and_their_figure_are_compared():
    # blocking wants two shared keys; the figure both versions name is one
    a, b = "The ferry carried 417 passengers when it ran aground", "The ship held 417 travellers when it went aground"
    ashore = "All of the passengers were brought ashore by the coast guard before nightfall"
    claims = [
        claim("one.txt", a),
        claim("two.txt", b),
        claim("one.txt", ashore, start=100),
        claim("two.txt", ashore, start=100),
    ]
    linking = link(claims, [], [doc("one.txt", a + ashore), doc("two.txt", b + ashore)])
    assert sorted(sorted(m.text for m in c.members) for c in linking.clusters) == [[ashore, ashore], sorted([a, b])]


def test_versions_sharing_only_the_names_they_mention_are_compared(monkeypatch):
    """Two versions whose rarest words differ still meet through the people and places both name."""
    import provenance.resolve.candidates as candidates
    from provenance.resolve.items import claim_item
    from provenance.similarity import inverse_document_frequency

    a = "Ferry skipper Greta Vandermolen retired from the Millbrook crossing after her last voyage on Sunday"
    b = "Greta Vandermolen, the veteran captain, stepped down from the Millbrook route"
    # the names are common in this story, so neither version's rarest words include them
    others = [
        "Passengers cheered Greta Vandermolen on the Millbrook pier with flags",
        "Greta Vandermolen steered ferries across the Millbrook sound for three decades",
        "Greta Vandermolen rarely spoke to reporters on the Millbrook quay",
    ]
    items = [claim_item(claim(f"d{n}.txt", text), []) for n, text in enumerate([a, b, *others])]
    for item in items:
        item.story = "st-1"
    idf = inverse_document_frequency(i.own for i in items)
    compared = []
    monkeypatch.setattr(candidates, "features", lambda x, y, *_: compared.append({x.text, y.text}) or [0.0] * 13)
    candidates.claim_pairs(items, idf)
    assert {a, b} in compared


def test_a_loose_version_meets_a_cluster_of_sure_pairs_through_a_few_members_only(monkeypatch):
    """Twenty outlets copy a statement with a word changed (sure pairs: one cluster); one outlet retells it
    loosely. The retelling shares its words with all twenty but is scored against CLUSTER_READS of them,
    not every holder of its words: scoring stays linear however widely a statement is carried."""
    import provenance.resolve.candidates as candidates

    words = "the harbour authority closed the northern pier to ferries after inspectors found cracks".split()
    fillers = ["overnight", "on Monday", "this week", "again", "for repairs", "indefinitely", "abruptly"]
    texts = [" ".join(words[: 5 + n % 7] + [fillers[n % 7]] + words[5 + n % 7 :]) + f" {n}" for n in range(20)]
    loose = "inspectors found cracks in the northern pier and the harbour authority shut it to ferries"
    scored = []
    real = candidates.features
    monkeypatch.setattr(candidates, "features", lambda x, y, idf: scored.append({x.text, y.text}) or real(x, y, idf))
    texts.append(loose)
    claims = [claim(f"d{n:02d}.txt", text) for n, text in enumerate(texts)]
    link(claims, [], [doc(f"d{n:02d}.txt", text) for n, text in enumerate(texts)])
    assert 1 <= sum(loose in pair for pair in scored) <= candidates.CLUSTER_READS


@pytest.mark.parametrize(
    ("other", "upper", "linked"),
    [("$52 million", None, True), ("$46 million to $55 million", 55e6, False)],
)
def test_a_range_is_no_changed_figure_of_a_sum_in_a_sentence_with_little_else_in_common(other, upper, linked):
    """ "$48 million" and "$52 million" in two outlets' sentences about one bid: the figure changed. A range
    ("$46 million to $55 million") is another estimate, not that figure changed."""
    a = "The Rovers are believed to have offered $48 million, matching the highest bid so far."
    b = f"A columnist wrote on Monday that the Rovers bid was worth {other}."
    tie = "The striker has scored 31 goals for the club in three seasons."  # one story
    a_raw, b_raw = f"{a} {tie}", f"{b} {tie}"
    figures = [
        replace(figure("a.txt", a_raw, "$48 million", 48e6, obj="million", hedge="exact"), sentence=a),
        replace(figure("b.txt", b_raw, other, 52e6 if upper is None else 46e6, obj="million"), sentence=b, upper=upper),
        replace(figure("a.txt", a_raw, "31 goals", 31, obj="goals"), sentence=tie),
        replace(figure("b.txt", b_raw, "31 goals", 31, obj="goals"), sentence=tie),
    ]
    linking = link([], figures, [doc("a.txt", a_raw), doc("b.txt", b_raw)])
    assert linking.story_of["a.txt"] == linking.story_of["b.txt"]
    bids = [c for c in linking.clusters if "$48 million" in {m.text for m in c.members}]
    assert (len(bids[0].members) == 2) is linked


@pytest.mark.parametrize(
    ("depot", "linked"),
    [("northern depot", False), ("Halden depot", True)],  # only a name both sentences give holds them together
)
def test_one_count_in_two_sentences_with_little_else_in_common_needs_a_name_both_give(depot, linked):
    a = f"The {depot} now employs 250 drivers, the transit agency told reporters on a windy afternoon, adding that hiring would continue."
    b = f"Overtime pay was cut last month for 250 drivers at the {depot.replace('northern ', '')}."
    assert pair_model().probability(features(profile(a), profile(b))) < 0.1  # the wording alone says little
    tie = "The depot serves 12 bus routes across the city of Varn and its suburbs."  # one story
    a_raw, b_raw = f"{a} {tie}", f"{b} {tie}"
    figures = [
        replace(figure("a.txt", a_raw, "250 drivers", 250, obj="drivers"), sentence=a),
        replace(figure("b.txt", b_raw, "250 drivers", 250, obj="drivers"), sentence=b),
        replace(figure("a.txt", a_raw, "12 bus routes", 12, obj="bus routes"), sentence=tie),
        replace(figure("b.txt", b_raw, "12 bus routes", 12, obj="bus routes"), sentence=tie),
    ]
    linking = link([], figures, [doc("a.txt", a_raw), doc("b.txt", b_raw)])
    assert linking.story_of["a.txt"] == linking.story_of["b.txt"]
    drivers = [c for c in linking.clusters if c.members[0].text == "250 drivers"]
    assert (len(drivers) == 1) is linked


def _fight_report(name, lines):
    """An article of several claims (the foreign-names test reads whole articles, not single sentences)."""
    return [claim(name, text, start=200 * n) for n, text in enumerate(lines)]


BOUT_ONE = [
    "Okafor stopped Lindqvist in the sixth round to keep his three heavyweight belts on Saturday",
    "Lindqvist had never been knocked down before the fight in Tampere",
    "the crowd of 12,000 in Tampere cheered the challenger until the end",
]
BOUT_TWO = [
    "Okafor stopped Marsh in the seventh round to keep his three heavyweight belts on Saturday",
    "Marsh was a late replacement after the original challenger was injured",
    "the crowd in Leeds had expected a longer contest from the veteran",
]


def test_two_bouts_of_one_champion_stay_apart_when_each_names_what_the_other_article_never_mentions():
    claims = _fight_report("first.txt", BOUT_ONE) + _fight_report("second.txt", BOUT_TWO)
    linking = link(claims, [], [doc("first.txt", "x"), doc("second.txt", "x")])
    assert linking.cluster_of["c-first.txt-0"] != linking.cluster_of["c-second.txt-0"]


def test_one_bout_reported_with_an_extra_name_on_one_side_still_links():
    """The second report names the venue, the first never does: a detail left out, not another incident."""
    other = [
        "Okafor stopped Lindqvist in the sixth round to keep his three heavyweight belts on Saturday at Tampere Arena",
        "Lindqvist said afterwards that he had trained for a longer fight",
        "the champion now plans a summer defence",
    ]
    claims = _fight_report("first.txt", BOUT_ONE[:1] + BOUT_ONE[2:] + ["the referee waved it off early"])
    claims += _fight_report("second.txt", other)
    linking = link(claims, [], [doc("first.txt", "x"), doc("second.txt", "x")])
    assert linking.cluster_of["c-first.txt-0"] == linking.cluster_of["c-second.txt-0"]


def test_one_sentence_documents_are_never_told_apart_by_names_they_leave_out():
    """A paraphrase in a one-sentence document may name someone the other leaves out: too little text to say."""
    claims = [
        claim("a.txt", "Okafor stopped Lindqvist in the sixth round to keep his three heavyweight belts"),
        claim("b.txt", "Okafor stopped Lindqvist in the sixth round to keep his three belts, promoter Haddad said"),
    ]
    linking = link(claims, [], [doc("a.txt", "x"), doc("b.txt", "x")])
    assert linking.cluster_of["c-a.txt-0"] == linking.cluster_of["c-b.txt-0"]


def _claim_with_figures(doc_name, text, stated):
    """A claim and its figures (text, value, object) as extraction gives them."""
    c = claim(doc_name, text)
    return c, [
        replace(figure(doc_name, text, shown, value, obj=obj, claim_id=c.claim_id), kind=kind)
        for shown, value, obj, kind in stated
    ]


def _drift(a, b):
    (ca, fa), (cb, fb) = a, b
    docs = [doc(ca.doc, ca.text, published="2026-03-01"), doc(cb.doc, cb.text, published="2026-03-02")]
    [cluster] = [c for c in link([ca, cb], fa + fb, docs).clusters if c.kind == "claim" and len(c.members) > 1]
    return cluster.members[1].flags


def test_digit_grouping_of_one_number_is_no_changed_figure():
    """Bare numbers (as a reader without the phone-number rule would find them) say nothing of what they count."""
    a_text, b_text = (
        f"Anyone who saw the ferry should ring {n} before noon on Friday" for n in ("0800 555111", "0800 555 111")
    )
    a = _claim_with_figures("a.txt", a_text, [("0800", 800, "", "number"), ("555111", 555111, "", "number")])
    b = _claim_with_figures(
        "b.txt", b_text, [("0800", 800, "", "number"), ("555", 555, "", "number"), ("111", 111, "", "number")]
    )
    assert "figure_changed" not in _drift(a, b)


def test_the_age_of_another_person_is_no_changed_figure():
    """One version gives the skipper's and the deckhand's ages, the other the skipper's only."""
    text_a = "The 52-year-old skipper Kessler and the 19-year-old deckhand Ortiz were rescued from the capsized ferry"
    text_b = "The 52-year-old skipper Kessler was rescued from the capsized ferry with his deckhand"
    a = _claim_with_figures("a.txt", text_a, [("52-year-old", 52, "year", "age"), ("19-year-old", 19, "year", "age")])
    b = _claim_with_figures("b.txt", text_b, [("52-year-old", 52, "year", "age")])
    assert "figure_changed" not in _drift(a, b)


def test_another_count_of_the_same_thing_is_a_changed_figure():
    text_a = "Roughly 1,400 ferry workers walked off the job on Monday when the wage talks with the operator failed"
    text_b = "Roughly 1,200 ferry workers walked off the job on Monday when the wage talks with the operator failed"
    a = _claim_with_figures("a.txt", text_a, [("1,400 ferry workers", 1400, "ferry workers", "count")])
    b = _claim_with_figures("b.txt", text_b, [("1,200 ferry workers", 1200, "ferry workers", "count")])
    assert "figure_changed" in _drift(a, b)


def test_two_reports_framed_alike_with_names_the_other_never_mentions_are_two_incidents():
    from provenance.resolve.items import Incident

    def report(headline_names: set[str], frame: set[str], words: set[str]) -> Incident:
        return Incident(frozenset(headline_names), frozenset(frame), frozenset(words | headline_names))

    fire = {"warehous", "fire", "destroy", "stock"}
    dunmore = report({"dunmore"}, fire | {"furnitur"}, {"firefighters", "blaze"})
    pellston = report({"pellston"}, fire | {"paper"}, {"firefighters", "blaze"})
    assert dunmore.other_than(pellston) and pellston.other_than(dunmore)
    # one incident headlined in other words, or a report that mentions the other's town, is left alone
    gutted = report({"dunmore"}, {"warehous", "gut", "overnight", "blaze"}, {"firefighters"})
    assert not gutted.other_than(pellston)
    assert not dunmore.other_than(report({"pellston"}, fire, {"dunmore", "blaze"}))
    assert not dunmore.other_than(report(set(), fire, {"blaze"}))  # a headline without names says nothing


def test_word_changes_mark_what_a_version_added_and_what_it_lost():
    from provenance.resolve.drift import word_changes

    text = "delegates from 158 countries and regions"
    changes = word_changes("Delegates from 156 countries", text)
    assert [text[s:e] for s, e in changes.added] == ["158", "and", "regions"]
    assert changes.gone == ["156"]


def test_rekeyed_records_carry_the_ids_a_fresh_parse_of_that_document_gives():
    from provenance.records import Figure, Statement, rekey, stable_id

    c = claim("old.txt", "the bridge would reopen", start=10)
    f = Figure("f-x", "old.txt", "", "two", 2.0, "exact", "bridges", "", c.claim_id, 12, 15)
    s = Statement("s-x", "old.txt", "", "", "Two bridges closed.", 2, 20)
    early = Figure("f-y", "old.txt", "", "one", 1.0, "exact", "bridge", "", "", 1, 4)
    moved = rekey("new.txt", [c], [f, early], [s], {c.claim_id: [(10, 14), (16, 30)]}, shift=100, keep_from=2)
    (claim_moved,) = moved.claims
    assert (claim_moved.doc, claim_moved.start, claim_moved.claim_id) == (
        "new.txt",
        110,
        stable_id("c", "new.txt", 110, c.end + 100),
    )
    assert [x.figure_id for x in moved.figures] == [stable_id("f", "new.txt", 112, 115)]  # the one before 2 is context
    assert moved.figures[0].claim_id == claim_moved.claim_id
    assert moved.statements[0].statement_id == stable_id("s", "new.txt", 102, 120)
    assert moved.segments == {claim_moved.claim_id: [(110, 114), (116, 130)]}
