"""Shared test set-up: force the Agg backend before anything imports pyplot,
close any figure a test leaves behind, keep each test's learner progress in a
folder of its own, give content tests a scratch copy of the package's data to
break, and build the course website and the wheel's fresh venv once per run
(shared by the xdist workers)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from wheel_helpers import UV, WHEEL_SOURCE_IGNORE, clean_environment, run_checked, venv_python

matplotlib.use("Agg", force=True)

# The quiz seed and the scratch progress folder of the kernels and servers the
# tests start are set for every run by the root conftest.py.


@pytest.fixture(autouse=True)
def _learner_data(tmp_path_factory, monkeypatch):
    """Each test's learner starts fresh in a folder of its own: no test reads or
    writes the real user data folder (iliopsoas_lessons/progress.py)."""
    folder = tmp_path_factory.mktemp("learner")
    monkeypatch.setenv("ILIOPSOAS_LESSONS_DATA", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    close_pyplot_figures()


def close_pyplot_figures() -> None:
    """Close every figure pyplot holds. Only pyplot keeps figures open, so where
    nothing has imported it there is nothing to close: importing it here would
    cost each pytest process about 3 s (the browser tier never needs it)."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"


@pytest.fixture
def data_copy(tmp_path):
    """A copy of iliopsoas_lessons/data that a test may change freely."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


ROOT = Path(__file__).resolve().parents[1]
# the site venv `make site` makes beside the project's venv; from a git worktree
# (no .venv of its own), the one beside the venv running the tests
SPHINX = next(
    (
        p
        for p in (ROOT / ".venv" / "site" / "bin" / "sphinx-build", Path(sys.prefix) / "site" / "bin" / "sphinx-build")
        if p.exists()
    ),
    ROOT / ".venv" / "site" / "bin" / "sphinx-build",
)


def _offline_prefix() -> list[str]:
    """Run the build in a network namespace with no network (as root, or in a user namespace)."""
    for prefix in (["unshare", "-n"], ["unshare", "-rn"]):
        if shutil.which("unshare") and subprocess.run(prefix + ["true"], capture_output=True).returncode == 0:
            return prefix
    pytest.fail("cannot make a network namespace (unshare -n) to prove the build is offline")


def _build_site(out: Path) -> Path:
    """Build the website into out/html (its sources in out/src) offline; return out/html."""
    prefix = _offline_prefix()
    probe = subprocess.run(
        prefix + [sys.executable, "-c", "import socket; socket.create_connection(('pypi.org', 443), timeout=3)"],
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0, "the namespace still reaches the network"
    run = subprocess.run(
        prefix
        + [
            sys.executable,
            str(ROOT / "scripts" / "build_site.py"),
            "--output-dir",
            str(out / "html"),
            "--source-dir",
            str(out / "src"),
            "--sphinx-build",
            str(SPHINX),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return out / "html"


def _once_per_run(tmp_path_factory, name: str, make) -> Path:
    """A folder that ``make(folder)`` filled once per test run; returns the folder.

    Under pytest-xdist every worker has its own session, so the workers share one
    folder in the run's common base folder: the first to take the lock makes it,
    the others wait for it and read the same files. A failed attempt leaves no
    mark, so a later worker tries again (from an empty folder) and fails with its
    own message."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    import fcntl  # the workers run on Linux here (the offline site build needs unshare anyway)

    shared = tmp_path_factory.getbasetemp().parent / name  # one per run, shared by its workers
    done = shared.with_name(name + ".done")
    with open(shared.with_name(name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or if the worker dies
        if not done.exists():
            shutil.rmtree(shared, ignore_errors=True)
            shared.mkdir()
            make(shared)
            done.write_text("ok\n")
    return shared


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course website, built once per test run by `scripts/build_site.py` in a
    network namespace with no network (tests/test_site.py, tests/browser/test_site_pages.py).

    The xdist workers share one build (about a minute of CPU, _once_per_run). No
    test writes into the built site."""
    if not SPHINX.exists():
        pytest.fail(f"{SPHINX} is missing: `make test` installs requirements-site.txt")
    return _once_per_run(tmp_path_factory, "built-site", _build_site) / "html"


# --- the lessons as offline HTML pages -------------------------------------------


def _export_html(out: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "export_html.py"), "--output-dir", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


@pytest.fixture(scope="session")
def exported_html(tmp_path_factory) -> Path:
    """Every stored lesson exported as `make html` does (scripts/export_html.py), once
    per test run and shared by the xdist workers: three modules read these pages
    (tests/test_lesson_links.py, tests/browser/test_lesson_links_in_browser.py,
    tests/browser/test_accessibility.py), and each used to export all of them
    again. No test writes into the folder."""
    return _once_per_run(tmp_path_factory, "exported-html", _export_html)


# --- the wheel, as a learner installs it -----------------------------------------


def _build_wheel(out: Path) -> None:
    """The wheel, built by `python -m build` from a copy of the checkout (the working
    tree gets no build/ or egg-info litter) into out/wheelhouse; the isolated build
    environment is installed by the pinned uv."""
    src = out / "src" / "iliopsoas-lessons"
    shutil.copytree(ROOT, src, ignore=WHEEL_SOURCE_IGNORE)
    env = {**clean_environment(), "UV": str(UV)}
    run_checked(
        [sys.executable, "-m", "build", "--wheel", "--installer", "uv", "--outdir", out / "wheelhouse", src],
        cwd=src,
        env=env,
    )


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory) -> Path:
    """The package's wheel, built once per test run (shared by the xdist workers)."""
    if not (ROOT / "pyproject.toml").exists():
        pytest.fail("pyproject.toml is missing: nothing to build", pytrace=False)
    if not UV.exists():
        pytest.fail(f"{UV} is missing: `make test` installs the pinned uv", pytrace=False)
    wheels = sorted((_once_per_run(tmp_path_factory, "built-wheel", _build_wheel) / "wheelhouse").glob("*.whl"))
    assert [w.name.startswith("iliopsoas_lessons-") for w in wheels] == [True], f"expected one wheel: {wheels}"
    return wheels[0]


@pytest.fixture(scope="session")
def wheel_venv(built_wheel, tmp_path_factory) -> Path:
    """A fresh venv, outside the checkout, holding the wheel as ``pip install`` installs
    it, and the wheel's own (loose) dependencies at the repo's pins: made once per
    test run and shared by the tests that run the installed package (the xdist
    workers too). No test changes what is installed. Returns the venv's python.

    The dependencies are installed by the pinned uv (what pip took most of two
    minutes of CPU for, in about a second); the wheel itself is then installed
    by pip, offline (--no-index), so pip's own install of it is what is tested:
    the package, its data files (the Voila template, the lessons, the
    JupyterLab settings) and the console script, and pip's check that every
    dependency the wheel declares is there."""

    def make(out: Path) -> None:
        venv = out / "venv"
        env = clean_environment()
        run_checked([sys.executable, "-m", "venv", venv], cwd=out, env=env, timeout=120)
        py = venv_python(venv)
        # the wheel resolved with its dependencies, held at the repo's pins; then out again, for pip
        run_checked(
            [UV, "pip", "install", "--python", py, "-c", ROOT / "requirements.txt", built_wheel], cwd=out, env=env
        )
        run_checked([py, "-m", "pip", "uninstall", "--yes", "iliopsoas-lessons"], cwd=out, env=env)
        run_checked([py, "-m", "pip", "install", "--no-index", built_wheel], cwd=out, env=env, timeout=600)

    venv = _once_per_run(tmp_path_factory, "wheel-venv", make) / "venv"
    assert ROOT not in venv.parents
    return venv_python(venv)
