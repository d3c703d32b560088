"""`add --engine dask`: extraction on a local Dask cluster of 2 workers, a Parquet dataset out, and
the same answers as one process: records, cluster ids and flags, whatever the engine."""

import json
import os
import signal
import sys

import pytest
from typer.testing import CliRunner

from provenance.cli import app

from ..conftest import SEEDS

pytest.importorskip("distributed")
runner = CliRunner()
READ_COMMANDS = ("claims", "figures", "clusters", "conflicts", "stories", "sources", "speakers")


def answers(*args: str) -> dict[str, str]:
    out = {}
    for command in READ_COMMANDS:
        result = runner.invoke(app, [command, *args, "-f", "jsonl"])
        assert result.exit_code == 0, (command, result.output)
        out[command] = result.stdout
    return out


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        with Client(local) as client:
            yield client


def test_the_seeds_on_dask_answer_as_one_process_does(tmp_path, nlp):
    out = tmp_path / "dataset"
    result = runner.invoke(app, ["add", str(SEEDS), "--engine", "dask", "--db", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "5 parsed" in result.stderr and "on 2 Dask workers" in result.stderr
    for table in ("documents", "claims", "figures", "statements", "clusters", "stories"):
        assert (out / table / "part-00000.parquet").is_file()
    dask_answers, local_answers = answers("--db", str(out)), answers(str(SEEDS))
    assert dask_answers == local_answers
    claims = [json.loads(line) for line in dask_answers["claims"].splitlines()]
    assert len(claims) >= 50 and any(c["cluster"] for c in claims)
    again = runner.invoke(app, ["add", str(SEEDS), "--engine", "dask", "--db", str(out), "--jobs", "2"])
    assert again.exit_code == 0 and "0 parsed, 5 unchanged" in again.stderr  # finished batches are not redone
    assert len(list((out / "_extract").iterdir())) == 2  # 5 files in batches of 4
    smaller = ["add", str(SEEDS), "--engine", "dask", "--db", str(tmp_path / "b2"), "--batch-files", "2"]
    assert runner.invoke(app, smaller).exit_code == 0
    assert len(list((tmp_path / "b2" / "_extract").iterdir())) == 3
    assert answers("--db", str(tmp_path / "b2")) == local_answers


def _generated(folder, count: int) -> None:
    """Short articles from a few templates: shared statements, changed figures, dropped attributions."""
    folder.mkdir()
    for n in range(count):
        town = ["Millbrook", "Easton", "Riverside", "Oakdale"][n % 4]
        figure = 150 + (n % 3)
        lines = [
            f"{town} council approves budget",
            f"The {town} council approved a budget of ${figure} million on Tuesday, the mayor said.",
            f"“We will repair every bridge in {town} by next spring,” said Mayor Ana Ortiz of {town}.",
            "Officials said the plan would add 40 new buses, according to the transport department."
            if n % 2
            else "The plan will add 40 new buses.",
            f"Residents number {1000 + n} people, a census official told reporters.",
        ]
        (folder / f"article-{n:03d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def test_a_few_hundred_documents_on_two_workers_answer_as_one_process(tmp_path, cluster, nlp):
    from provenance.engine.cluster import add_dask

    _generated(tmp_path / "archive", 240)
    report = add_dask([str(tmp_path / "archive")], tmp_path / "dataset", client=cluster, files_per_task=20)
    assert report.parsed == 240 and report.workers == 2 and not report.problems
    assert answers("--db", str(tmp_path / "dataset")) == answers(str(tmp_path / "archive"))


EVENTS = [
    (
        "Floodwaters close roads in Riverside",
        "Floodwaters from the Clear River closed {n} roads in Riverside overnight, the county sheriff said.",
        "“We have never seen the river this high in April,” said Sheriff Dana Cole.",
    ),
    (
        "Oakdale teachers strike over pay",
        "Teachers in Oakdale walked out of {n} schools on Monday, according to the teachers union.",
        "“Our members cannot afford rent on these salaries,” union president Marco Reyes told reporters.",
    ),
    (
        "Easton bridge closed after crack found",
        "Inspectors found a crack in the Easton footbridge and closed it to {n} daily walkers, the city engineer said.",
        "“The steel beams failed their inspection and must be replaced,” engineer Priya Nair said.",
    ),
    (
        "Millbrook recount confirms mayor",
        "A recount in Millbrook confirmed Mayor Tom Hale's victory by {n} votes, the election board said.",
        "“Every ballot was counted twice by hand,” board chair Alice Wong said.",
    ),
]
# one specific statement reported in two stories: the only thing that may link across them
SHARED = "“The state will send emergency funds to every county that asks for help this week,” Governor Lena Marsh said."


def _stories(folder, count: int) -> None:
    """Articles about four unrelated events; the flood and the bridge stories both carry the governor's words."""
    folder.mkdir()
    for n in range(count):
        title, report, quote = EVENTS[n % 4]
        lines = [title, report.format(n=20 + n % 5), quote]
        if n % 4 in (0, 2):
            lines.append(SHARED)
        (folder / f"event-{n:03d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def test_unrelated_stories_are_linked_in_parts_with_the_answers_of_one_process(tmp_path, cluster, nlp, monkeypatch):
    from provenance.engine import link_stages
    from provenance.engine.cluster import add_dask

    monkeypatch.setattr(link_stages, "GROUP_BATCHES", 3)  # 8 extraction batches: counted and moved in 3 groups
    _stories(tmp_path / "archive", 80)
    report = add_dask([str(tmp_path / "archive")], tmp_path / "dataset", client=cluster, files_per_task=10, parts=4)
    assert report.parsed == 80 and not report.problems
    parts = sorted((tmp_path / "dataset" / "claims").glob("*.parquet"))
    assert len(parts) >= 2  # linked as several tasks
    dask_answers = answers("--db", str(tmp_path / "dataset"))
    assert dask_answers == answers(str(tmp_path / "archive"))
    stories = [json.loads(line) for line in dask_answers["stories"].splitlines()]
    assert len(stories) >= 3
    governor = [json.loads(line) for line in dask_answers["clusters"].splitlines() if "emergency funds" in line]
    assert len({m["story"] for m in governor}) == 2 and len({m["cluster"] for m in governor}) == 1
    assert not (tmp_path / "dataset" / "_link").exists()  # the working files are gone once the dataset is made


def test_workers_read_inputs_through_fsspec_urls(tmp_path, cluster, nlp):
    """`s3://`, `gs://` and the like are read by the workers where they are; `file://` takes the same path."""
    from provenance.engine.cluster import add_dask

    pytest.importorskip("fsspec")
    report = add_dask([SEEDS.resolve().as_uri() + "/"], tmp_path / "dataset", client=cluster)
    assert report.parsed == 5 and not report.problems
    remote, local = answers("--db", str(tmp_path / "dataset")), answers(str(SEEDS))
    assert remote["claims"] == local["claims"] and remote["clusters"] == local["clusters"]


def _die_once(marker: str, module: str, name: str) -> None:
    """Installed in each worker: the first call of `module.name` there kills its process, as an OOM
    killer would (the marker file says a worker died)."""
    import importlib

    owner = importlib.import_module(module)
    original = getattr(owner, name)

    def dying(*args, **kwargs):
        if not os.path.exists(marker):
            with open(marker, "w") as handle:
                handle.write(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)

    setattr(owner, name, dying)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_worker_killed_during_extraction_costs_nothing(tmp_path, cluster, nlp):
    from provenance.engine.cluster import add_dask

    _generated(tmp_path / "archive", 60)
    marker = tmp_path / "killed"
    cluster.run(_die_once, str(marker), "provenance.engine.cluster", "worker_pipeline")
    report = add_dask([str(tmp_path / "archive")], tmp_path / "dataset", client=cluster, files_per_task=10)
    assert marker.exists()  # a worker did die mid-task
    docs = [json.loads(line)["doc"] for line in answers("--db", str(tmp_path / "dataset"))["claims"].splitlines()]
    assert report.parsed == 60 and sorted(set(docs)) == [f"article-{n:03d}.txt" for n in range(60)]
    rows = runner.invoke(app, ["claims", "--db", str(tmp_path / "dataset"), "-f", "jsonl"]).stdout.splitlines()
    assert len(rows) == len(set(rows))  # every document once


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_worker_killed_while_linking_a_part_changes_no_answer(tmp_path, cluster, nlp):
    from provenance.engine.cluster import add_dask

    _stories(tmp_path / "archive", 40)
    marker = tmp_path / "killed"
    cluster.run(_die_once, str(marker), "provenance.engine.link_stages", "link_part")
    report = add_dask([str(tmp_path / "archive")], tmp_path / "dataset", client=cluster, files_per_task=10, parts=4)
    assert marker.exists() and report.parsed == 40
    assert answers("--db", str(tmp_path / "dataset")) == answers(str(tmp_path / "archive"))


def test_without_dask_the_engine_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = runner.invoke(app, ["add", str(SEEDS), "--engine", "dask", "--db", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "provenance: error: --engine dask needs the dask extra: pip install 'provenance[dask]'"
    )


def test_local_store_options_are_refused_with_the_dask_engine(tmp_path):
    result = runner.invoke(app, ["add", str(SEEDS), "--engine", "dask", "--prune", "--db", str(tmp_path / "d")])
    assert result.exit_code == 2 and "--prune and --relink are for the local store" in result.stderr
    result = runner.invoke(app, ["add", str(SEEDS), "--scheduler", "tcp://127.0.0.1:1", "--db", str(tmp_path / "s")])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.stderr
    result = runner.invoke(app, ["add", str(SEEDS), "--batch-files", "9", "--db", str(tmp_path / "b")])
    assert result.exit_code == 2 and "--batch-files needs --engine dask" in result.stderr


def test_a_dataset_from_another_version_is_one_line_not_a_traceback(tmp_path, nlp):
    out = tmp_path / "dataset"
    assert runner.invoke(app, ["add", str(SEEDS), "--engine", "dask", "--db", str(out), "--jobs", "1"]).exit_code == 0
    marker = out / "provenance-dataset.json"
    marker.write_text(marker.read_text().replace('"version": 1', '"version": 99'), encoding="utf-8")
    result = runner.invoke(app, ["claims", "--db", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and "run `provenance add --engine dask` again" in result.stderr
    assert runner.invoke(app, ["add", str(SEEDS), "--db", str(out)]).exit_code == 2  # not an SQLite store


def test_the_engine_s_own_cluster_shows_its_dashboard_on_this_machine_only(tmp_path, monkeypatch):
    from provenance.engine import cluster as engine

    asked = {}

    class Refused(Exception):
        pass

    def local_cluster(**options):
        asked.update(options)
        raise Refused

    import distributed

    monkeypatch.setattr(distributed, "LocalCluster", local_cluster)
    (tmp_path / "a.txt").write_text("The mayor said the pier would reopen in May.", encoding="utf-8")
    with pytest.raises(Refused):
        engine.add_dask([str(tmp_path / "a.txt")], tmp_path / "dataset", jobs=1)
    assert asked["dashboard_address"].startswith("127.0.0.1:")
