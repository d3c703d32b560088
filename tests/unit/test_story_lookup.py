"""How a document finds its story: through its rarest words, with the work per document bounded."""

from provenance.records import Document
from provenance.resolve.stories import (
    CANDIDATE_POSTINGS,
    MAX_STORIES_PER_TERM,
    MemoryStoryIndex,
    Story,
    assign,
    document_terms,
    group_stories,
    lookup_terms,
)
from provenance.settings import STORY_COHESION, STORY_COHESION_CAP, STORY_SIMILARITY
from provenance.store.sqlite import SqliteStoryIndex, Store


def test_rarest_words_are_read_first_and_reading_stops_at_the_budget():
    holders = {"ferry": 1, "harbour": 3, "captain": 40, "storm": CANDIDATE_POSTINGS, "said": 500}
    assert lookup_terms(holders) == ["ferry", "harbour", "captain"]


def test_a_word_held_by_too_many_stories_is_never_read_and_unknown_words_are_skipped():
    assert lookup_terms({"weather": MAX_STORIES_PER_TERM + 1, "newword": 0}) == []


def test_words_held_equally_often_are_read_in_name_order_until_the_budget():
    common = dict.fromkeys(["quake", "island", "coast"], MAX_STORIES_PER_TERM)
    assert lookup_terms(common) == ["coast", "island", "quake"][: CANDIDATE_POSTINGS // MAX_STORIES_PER_TERM]


def _fill(index, stories):
    for n, words in enumerate(stories):
        story = Story(f"st-{n:02d}", {w: 1.0 for w in words}, 1.0, None, None)
        index.save(story, dict(story.centroid))


def test_the_store_and_memory_indexes_find_the_same_stories(tmp_path):
    # 30 stories share "storm"; only story 7 holds "ferry"; stories 3 and 7 hold "harbour"
    stories = [
        ["storm", f"own{n}"] + (["ferry"] if n == 7 else []) + (["harbour"] if n in (3, 7) else []) for n in range(30)
    ]
    memory = MemoryStoryIndex()
    _fill(memory, stories)
    with Store(tmp_path / "index.sqlite") as store:
        sqlite = SqliteStoryIndex(store)
        _fill(sqlite, stories)
        for terms in (["storm", "ferry", "harbour"], ["harbour", "storm"], ["own12", "storm"], ["unknown"]):
            assert sqlite.candidates(terms) == memory.candidates(terms)
    assert memory.candidates(["storm", "ferry", "harbour"])[0] == "st-07"


def test_two_incidents_of_one_kind_are_two_stories_when_their_people_and_places_differ():
    """Two ferries aground on one day: the same words, other ships, skippers and harbours."""
    texts = {
        "a1.txt": [
            "The ferry Aurora ran aground off Velora with 40 passengers aboard",
            "Skipper Kessler was rescued by the coast guard near Velora",
        ],
        "a2.txt": [
            "All 40 passengers of the Aurora were brought ashore at Velora",
            "The coast guard said Kessler, the skipper, was safe",
        ],
        "b1.txt": [
            "The ferry Seabird ran aground off Tarnow with 60 people on board",
            "Captain Ortiz was rescued by a coast guard boat at Tarnow",
        ],
        "b2.txt": [
            "The coast guard took 60 people off the Seabird at Tarnow",
            "Ortiz, the captain, was the last to leave the ferry",
        ],
        "c.txt": [
            "The council of Millbrook voted to raise the parking fees",
            "Mayor Ruiz said the fees would pay for bus lanes",
        ],
        "d.txt": [
            "The Rovers beat the United two goals to one on Saturday",
            "Coach Hale said the team played its best football",
        ],
        "e.txt": ["Heavy rain flooded roads across the valley on Monday", "The weather service warned of more storms"],
    }
    documents = [Document(doc=name, path=name, raw="x", text="x").info() for name in texts]
    story_of, _ = group_stories(documents, texts)
    assert story_of["a1.txt"] == story_of["a2.txt"] != story_of["b1.txt"] == story_of["b2.txt"]


def test_names_count_again_but_never_from_a_headline_or_a_sentence_start():
    terms = document_terms("Ferry Runs Aground", ['The coast guard reached Velora. "Nobody" was hurt, Kessler said.'])
    assert {t for t in terms if t.startswith("^")} == {"^velora", "^kessler"}


def _unit(weights):
    norm = sum(w * w for w in weights.values()) ** 0.5
    return {t: w / norm for t, w in weights.items()}


def _two_fights():
    """Two title fights of one boxer: the kind's words are shared, the opponent and the arena are not. The
    second fight's report passes the fixed threshold against the first fight's story, but it is far less like
    that story than the first fight's reports were, so it starts a story of its own, which the second fight's
    next report joins. One report of the first fight written apart from the rest (mostly words of its own) is
    refused by the bar too, but nothing joins it: it goes back to its story."""
    kind = {"boxer": 1.0, "heavyweight": 1.0, "title": 1.0}
    first = {"^ruiz": 1.5, "^harbour_arena": 1.5, "stopped": 1.0}
    second = {"^okafor": 1.5, "^hillside_dome": 1.5, "points": 1.0}

    def report(incident, own, words=6):  # each report also has words of its own
        return _unit({**kind, **incident, **{f"{own}{n}": 1.0 for n in range(words)}})

    return {
        "a1.txt": report(first, "a1"),
        "a2.txt": report(first, "a2"),
        "a3.txt": report(first, "a3"),
        "a4.txt": report({"^ruiz": 1.5}, "a4", words=24),  # the outlier: 0.30 like its story
        "b1.txt": report(second, "b1"),  # 0.24 like the first fight's story: past STORY_SIMILARITY
        "b2.txt": report(second, "b2"),
    }


def test_a_document_joins_only_as_close_as_the_story_members_were():
    vectors = _two_fights()
    documents = [Document(doc=name, path=name, raw="x", text="x").info() for name in vectors]
    index = MemoryStoryIndex()
    story_of = assign(documents, vectors.__getitem__, index)
    assert story_of["a1.txt"] == story_of["a2.txt"] == story_of["a3.txt"] == story_of["a4.txt"]
    assert story_of["b1.txt"] == story_of["b2.txt"] != story_of["a1.txt"]
    assert sorted(index.stories) == sorted(set(story_of.values()))  # the outlier's own story is gone
    assert index.stories[story_of["a1.txt"]].joins == 3


def test_the_store_index_finds_the_same_stories_and_forgets_the_outliers_own(tmp_path):
    vectors = _two_fights()
    documents = [Document(doc=name, path=name, raw="x", text="x").info() for name in vectors]
    in_memory = assign(documents, vectors.__getitem__, MemoryStoryIndex())
    with Store(tmp_path / "index.sqlite") as store:
        assert assign(documents, vectors.__getitem__, SqliteStoryIndex(store)) == in_memory
        kept = {row[0] for row in store.db.execute("SELECT story FROM stories")}
        assert kept == {row[0] for row in store.db.execute("SELECT DISTINCT story FROM story_terms")}
    assert kept == set(in_memory.values())


def test_a_story_admits_by_the_threshold_until_documents_have_joined_it():
    story = Story("st-1", {"ferry": 1.0}, 1.0, None, None)
    assert story.admits(STORY_SIMILARITY) and not story.admits(STORY_SIMILARITY - 0.01)
    story.joined, story.joins = 0.8, 2  # members joined at 0.4 on average
    assert story.admits(STORY_COHESION * 0.4) and not story.admits(STORY_COHESION * 0.4 - 0.01)
    story.joined = 1.9  # near-copies: the bar stops at the cap, or no rewording could ever join
    assert story.admits(STORY_COHESION_CAP) and not story.admits(STORY_COHESION_CAP - 0.01)
