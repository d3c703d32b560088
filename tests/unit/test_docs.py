"""The documentation stays in step with the code: examples in every --help, README columns = record fields."""

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.queries import SourceRow, SpeakerRow, StoryRow
from provenance.records import Claim, DocumentText, Figure
from provenance.render import CLUSTER_COLUMNS, TRACE_COLUMNS, columns_of

from ..conftest import ROOT

runner = CliRunner()
COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "provenance " + command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_names_what_it_takes_in_words(command):
    """`--speaker TEXT`, `--limit N`, `--db STORE`: not the Python types (`<str>`, `<int range>`)."""
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "120"})
    options = [line for line in result.output.splitlines() if line.lstrip().startswith("-")]
    assert [line for line in options if re.search(r"<[a-z][\w \[\]]*>", line)] == []


def _readme_columns() -> dict[str, list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = {}
    for commands, columns in re.findall(r"^\| (`[^|]+`) \| `([^|]+)` \|$", text, re.M):
        for command in re.findall(r"`(\w+)`", commands):
            table[command] = [c.strip() for c in columns.split(",")]
    return table


@pytest.mark.parametrize(
    ("command", "columns"),
    [
        ("claims", columns_of(Claim)),
        ("figures", columns_of(Figure)),
        ("trace", list(TRACE_COLUMNS)),
        ("conflicts", list(TRACE_COLUMNS)),
        ("sources", columns_of(SourceRow)),
        ("stories", columns_of(StoryRow)),
        ("clusters", list(CLUSTER_COLUMNS)),
        ("text", columns_of(DocumentText)),
        ("speakers", columns_of(SpeakerRow)),
    ],
)
def test_readme_column_lists_equal_the_records(command, columns):
    assert _readme_columns()[command] == columns


def test_commands_answered_from_the_store_never_import_spacy(tmp_path):
    code = (
        "import sys; from provenance.cli import app; from provenance import queries, engine; "
        "import provenance.engine.local; assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_program_s_own_flags_are_taken_after_the_command_too():
    from provenance.cli import global_flags_first

    assert global_flags_first(["figures", "https://x/a", "--refetch", "-f", "csv"]) == [
        "--refetch",
        "figures",
        "https://x/a",
        "-f",
        "csv",
    ]
    assert global_flags_first(["claims", "--", "--refetch"]) == ["claims", "--", "--refetch"]  # a file so named


def test_list_options_name_their_values_in_help():
    result = runner.invoke(app, ["claims", "--help"], env={"COLUMNS": "120"})
    assert "--kind KIND" in result.output and "<list[str]>" not in result.output.split("Options:")[1]


def test_arguments_are_named_in_help_without_python_types():
    for command in ("claims", "add", "text", "report"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "120"})
        assert "PATH..." in result.output and "<list[str]>" not in result.output, command


def test_the_readme_is_a_guide_and_its_measurements_live_in_their_own_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/measurements.md" in readme and (ROOT / "docs" / "measurements.md").is_file()
    cells = [cell for line in readme.splitlines() if line.startswith("|") for cell in line.split("|")]
    assert max(len(cell) for cell in cells) <= 400  # a table cell is a fact or a reason, not a lab notebook
