"""The pipeline's contracts: each component declares what it reads and writes, and each annotation has one writer."""

from provenance.nlp import COMPONENTS


def test_analyze_pipes_finds_no_problems(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(problems == [] for problems in analysis["problems"].values()), analysis["problems"]


def test_every_component_declares_what_it_writes(nlp):
    summary = nlp.analyze_pipes(pretty=False)["summary"]
    assert all(summary[name]["assigns"] for name in COMPONENTS)


def test_each_annotation_has_one_writer(nlp):
    summary = nlp.analyze_pipes(pretty=False)["summary"]
    ours = [attr for name in COMPONENTS for attr in summary[name]["assigns"] if attr.startswith("doc._.")]
    assert len(ours) == len(set(ours))


def test_speakers_are_written_beside_the_attributions_not_into_them(nlp):
    doc = nlp("Mayor Ana Ortiz said the bridge would reopen. She said it was safe.")
    assert [(s.name, s.type) for s in doc._.speakers] == [("Ana Ortiz", "person"), ("Ana Ortiz", "person")]
    assert len(doc._.speakers) == len(doc._.attributions)
    assert not any(hasattr(a, "speaker_name") for a in doc._.attributions)
