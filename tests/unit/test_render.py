import csv
import io
import json

from provenance.records import Claim, Figure
from provenance.render import columns_of, visible, write_records

CLAIM = Claim(
    claim_id="c-1",
    doc="a.txt",
    outlet="Wire",
    published="",
    kind="direct",
    speaker="he",
    speaker_name="Li Shulei",
    speaker_type="person",
    cue="said",
    text='We must, "really", act\nnow',
    start=3,
    end=30,
    sentence="s",
    via="",
)


def test_csv_has_header_in_design_order_and_round_trips_text():
    out = io.StringIO()
    write_records([CLAIM], columns_of(Claim), "csv", out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == [
        "claim_id",
        "doc",
        "outlet",
        "published",
        "kind",
        "speaker",
        "speaker_name",
        "speaker_type",
        "cue",
        "text",
        "start",
        "end",
        "sentence",
        "via",
        "cluster",
        "figures",
        "construction",
    ]
    assert rows[1][9] == CLAIM.text and rows[1][10] == "3"


def test_tsv_keeps_one_record_per_line():
    out = io.StringIO()
    write_records([CLAIM], columns_of(Claim), "tsv", out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and lines[1].count("\t") == len(columns_of(Claim)) - 1


def test_json_and_jsonl_are_exact():
    out = io.StringIO()
    write_records([CLAIM], columns_of(Claim), "jsonl", out)
    assert json.loads(out.getvalue())["text"] == CLAIM.text
    out = io.StringIO()
    write_records([CLAIM], columns_of(Claim), "json", out)
    assert json.loads(out.getvalue())[0]["start"] == 3


def test_table_prints_markup_literally_and_hides_control_characters():
    hostile = Claim(**{**CLAIM.__dict__, "text": "[bold red]boom[/] \x1b[31mred\x1b[0m"})
    out = io.StringIO()
    write_records([hostile], columns_of(Claim), "table", out, table_columns=["text"])
    printed = out.getvalue()
    assert "[bold red]boom[/]" in printed
    assert "\x1b" not in printed and "\\x1b" in printed


def test_visible_escapes_bidi_overrides():
    assert visible("a\u202eb") == "a\\u202eb"


def test_speaker_case_variants_get_one_canonical_name_in_any_order():
    from provenance.queries import speakers
    from provenance.records import Claim
    from provenance.store import MemoryResults

    def claim(n, name):
        return Claim(f"c-{n}", f"d{n}.txt", "", "", "indirect", name, name, "organization", "said", "x", 0, 1, "x", "")

    for names in (["interpol", "Interpol"], ["Interpol", "interpol"]):
        rows = speakers(MemoryResults(claim_records=[claim(n, name) for n, name in enumerate(names)]))
        assert [(r.speaker_name, r.claims) for r in rows] == [("Interpol", 2)]


def test_a_range_reads_as_one_value_in_a_table_and_two_columns_for_machines():
    rng = Figure("f-1", "a.txt", "", "$900 to $2,500", 900, "exact", "dollars", "", "", 0, 14, upper=2500)
    out = io.StringIO()
    write_records([rng], columns_of(Figure), "table", out, table_columns=["text", "value"])
    assert "900 to 2500" in out.getvalue()
    out = io.StringIO()
    write_records([rng], columns_of(Figure), "jsonl", out)
    assert (json.loads(out.getvalue())["value"], json.loads(out.getvalue())["upper"]) == (900, 2500)


def test_standard_inputs_document_name_is_no_formula_but_a_minus_formula_still_is():
    from provenance.render import spreadsheet_safe

    assert spreadsheet_safe("-") == "-"
    assert spreadsheet_safe("-2+3") == "'-2+3" and spreadsheet_safe("-12") == "-12"


def test_counts_read_in_the_singular_for_one():
    from provenance.render import counted

    assert counted(1, "claim") == "1 claim" and counted(2, "claim") == "2 claims"
    assert counted(1, "story", "stories") == "1 story" and counted(1200, "story", "stories") == "1,200 stories"
    assert counted(1, "more document") == "1 more document"


def test_list_fields_are_arrays_in_json_and_joined_in_csv():
    import json

    from provenance.render import write_records

    rows = [{"cluster": "k-1", "flags": "figure_changed;attribution_dropped", "docs": ""}]
    out = io.StringIO()
    write_records(rows, ["cluster", "flags", "docs"], "jsonl", out=out)
    assert json.loads(out.getvalue()) == {
        "cluster": "k-1",
        "flags": ["figure_changed", "attribution_dropped"],
        "docs": [],
    }
    out = io.StringIO()
    write_records(rows, ["cluster", "flags", "docs"], "csv", out=out)
    assert out.getvalue().splitlines()[1] == "k-1,figure_changed;attribution_dropped,"
