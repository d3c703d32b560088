"""How a document finds its story: through its rarest words, with the work per document bounded."""

import random

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
    story_id,
)
from provenance.settings import STORY_SIMILARITY
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
        story = Story(f"st-{n:02d}", {w: 1.0 for w in words})
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
    """Two title fights of one boxer: the kind's words are shared, the opponent and the arena are not. One report
    of the second fight also names the first fight's boxer, which makes it 0.23 like each report of the first
    fight (past STORY_SIMILARITY), though the two fights' reports are 0.15 alike on average."""
    kind = dict.fromkeys(["boxer", "heavyweight", "title"], 0.8)
    first = {"^ruiz": 1.5, "^harbour_arena": 1.5, "stopped": 1.0}
    second = {"^okafor": 1.5, "^hillside_dome": 1.5, "points": 1.0}

    def report(incident, own, **extra):  # each report also has words of its own
        return _unit({**kind, **incident, **extra, **{f"{own}{n}": 1.0 for n in range(10)}})

    return {
        "a1.txt": report(first, "a1"),
        "a2.txt": report(first, "a2"),
        "a3.txt": report(first, "a3"),
        "b1.txt": report(second, "b1"),
        "b2.txt": report(second, "b2"),
        "b3.txt": report(second, "b3", **{"^ruiz": 1.5}),
    }


def _documents(names, published=""):
    return [Document(doc=name, path=name, raw="x", text="x", published=published).info() for name in names]


def test_two_incidents_of_one_kind_stay_apart_in_any_order_though_one_report_is_like_the_other():
    vectors = _two_fights()
    found = []
    for seed in range(24):
        names = sorted(vectors)
        random.Random(seed).shuffle(names)
        index = MemoryStoryIndex()
        found.append(assign(_documents(names), vectors.__getitem__, index))
    story_of = found[0]
    assert all(other == story_of for other in found)
    assert story_of["a1.txt"] == story_of["a2.txt"] == story_of["a3.txt"]
    assert story_of["b1.txt"] == story_of["b2.txt"] == story_of["b3.txt"] != story_of["a1.txt"]
    assert sorted(index.stories) == sorted(set(story_of.values()))
    assert index.stories[story_of["a1.txt"]].documents == 3
    assert story_of["a1.txt"] == story_id("a1.txt")  # a story is named after its first document


def test_a_story_is_as_close_to_another_as_their_documents_are_on_average():
    a = Story("st-a", {"ferry": 2 * 0.6, "storm": 2 * 0.8}, documents=2)
    b = Story("st-b", {"ferry": 1.0})
    assert abs(a.closeness(b) - 0.6) < 1e-9 and abs(b.closeness(a) - 0.6) < 1e-9


def test_dates_do_not_part_the_reports_of_one_event():
    """A trial's report months after the crime it follows is still that story."""
    vectors = _two_fights()
    names = ["a1.txt", "a2.txt", "a3.txt"]
    documents = [
        Document(doc=name, path=name, raw="x", text="x", published=day).info()
        for name, day in zip(names, ["2026-03-02", "2026-03-03", "2026-11-20"], strict=True)
    ]
    story_of = assign(documents, vectors.__getitem__, MemoryStoryIndex())
    assert len(set(story_of.values())) == 1


def test_documents_added_later_join_the_stored_story_they_belong_to_and_stored_stories_never_join(tmp_path):
    vectors = _two_fights()
    bridge = _unit({**vectors["a1.txt"], **vectors["b1.txt"]})  # half of each fight
    vectors["late.txt"] = bridge
    for index in (MemoryStoryIndex(), None):
        with Store(tmp_path / f"index{index is None}.sqlite") as store:
            kept = index if index is not None else SqliteStoryIndex(store)
            before = assign(
                _documents(["a1.txt", "a2.txt", "a3.txt", "b1.txt", "b2.txt", "b3.txt"]), vectors.__getitem__, kept
            )
            after = assign(_documents(["late.txt"]), vectors.__getitem__, kept)
            assert after["late.txt"] in {before["a1.txt"], before["b1.txt"]}
            assert kept.story(after["late.txt"]).documents == 4
            assert kept.story(before["a1.txt"]).documents + kept.story(before["b1.txt"]).documents == 7


def test_the_store_index_finds_the_same_stories(tmp_path):
    vectors = _two_fights()
    documents = _documents(vectors)
    in_memory = assign(documents, vectors.__getitem__, MemoryStoryIndex())
    with Store(tmp_path / "index.sqlite") as store:
        assert assign(documents, vectors.__getitem__, SqliteStoryIndex(store)) == in_memory
        kept = {row[0] for row in store.db.execute("SELECT story FROM stories")}
        assert kept == {row[0] for row in store.db.execute("SELECT DISTINCT story FROM story_terms")}
    assert kept == set(in_memory.values())


def test_a_pair_below_the_threshold_stays_apart():
    vectors = {"x.txt": _unit({"ferry": 1.0, "own": 4.0}), "y.txt": _unit({"ferry": 1.0, "else": 4.0})}
    assert vectors["x.txt"]["ferry"] * vectors["y.txt"]["ferry"] < STORY_SIMILARITY
    story_of = assign(_documents(vectors), vectors.__getitem__, MemoryStoryIndex())
    assert story_of["x.txt"] != story_of["y.txt"]
