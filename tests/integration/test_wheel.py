"""The package as users install it: the built wheel (not the editable checkout) answers on seeds/."""

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile

from ..conftest import ROOT, SEEDS


def test_the_built_wheel_ships_its_data_and_traces_the_seeds(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = wheels.glob("provenance-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src/provenance/data").iterdir()}
    assert data <= names, data - names
    # a fresh venv holding only the wheel; its dependencies are borrowed from this environment
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
    )
    deps = sysconfig.get_paths()["purelib"]
    env = {**os.environ, "PYTHONPATH": deps, "PROVENANCE_DB": str(tmp_path / "store" / "index.sqlite")}
    where = subprocess.run(
        [str(python), "-c", "import provenance; print(provenance.__file__)"], env=env, capture_output=True, text=True
    )
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    done = subprocess.run(
        [str(python), "-m", "provenance", "trace", "red notice", str(SEEDS), "-f", "csv", "--jobs", "1"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "000_b93b5521d8a2474f.txt" in done.stdout and "origin" in done.stdout
    model = subprocess.run(
        [str(python), "-c", "from provenance.nlp.attribution.learned import cue_model; print(cue_model() is not None)"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert model.stdout.strip() == "True", model.stderr  # the learned attribution model ships in the wheel
    report = subprocess.run(
        [str(python), "-m", "provenance", "report", str(SEEDS), "-o", str(tmp_path / "r.html"), "--jobs", "1"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert report.returncode == 0 and (tmp_path / "r.html").stat().st_size > 10_000, report.stderr


def test_a_plain_venv_with_its_own_pip_reads_html_warc_and_pdf(tmp_path):
    """What a new user does: `python3 -m venv v && v/bin/pip install provenance-*.whl`, with the pip that
    Python ships (no upgrade), dependencies resolved from the package index by the wheel's own metadata."""
    from .test_office import minimal_pdf
    from .test_warc import write_warc

    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)], check=True
    )
    [wheel] = wheels.glob("provenance-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    installed = subprocess.run(
        [str(env_dir / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "page.html").write_text(
        "<html><head><title>Harbour bridge</title></head><body><nav>Home | World</nav><article><p>The harbour "
        "authority said the old bridge would reopen in June after nine months of repairs.</p></article>"
        "<footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    write_warc(inputs / "crawl.warc.gz", 2)
    (inputs / "statement.pdf").write_bytes(minimal_pdf("The mayor said the ferry would run every hour from May."))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PROVENANCE_DB"] = str(tmp_path / "store" / "index.sqlite")
    env["PROVENANCE_CACHE"] = str(tmp_path / "cache.sqlite")
    done = subprocess.run(
        [str(env_dir / "bin" / "provenance"), "claims", str(inputs), "-f", "csv", "--jobs", "1"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    docs = {line.split(",")[1] for line in done.stdout.splitlines()[1:]}
    assert docs == {"page.html", "https://example.org/news/0", "https://example.org/news/1", "statement.pdf"}, (
        done.stdout + done.stderr
    )
