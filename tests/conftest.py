"""Shared test set-up: force the Agg backend before anything imports pyplot,
close any figure a test leaves behind, keep each test's learner progress in a
folder of its own, give content tests a scratch copy of the package's data to
break, and build the course website once per run (shared by the xdist workers)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

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
    import matplotlib.pyplot as plt

    plt.close("all")


DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"


@pytest.fixture
def data_copy(tmp_path):
    """A copy of iliopsoas_lessons/data that a test may change freely."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


ROOT = Path(__file__).resolve().parents[1]
SPHINX = ROOT / ".venv" / "site" / "bin" / "sphinx-build"


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
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return out / "html"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course website, built once per test run by `scripts/build_site.py` in a
    network namespace with no network (tests/test_site.py, tests/browser/test_site_pages.py).

    Under pytest-xdist every worker has its own session, so the workers share one
    build in the run's common base folder: the first to take the lock builds (about
    a minute of CPU), the others wait for it and read the same pages. No test writes
    into the built site. A failed build leaves no mark, so a later worker builds
    again and fails with its own message."""
    if not SPHINX.exists():
        pytest.fail(f"{SPHINX} is missing: `make test` installs requirements-site.txt")
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _build_site(tmp_path_factory.mktemp("site"))
    import fcntl  # the offline build needs Linux (unshare) anyway

    shared = tmp_path_factory.getbasetemp().parent / "built-site"  # one per run, shared by its workers
    shared.mkdir(exist_ok=True)
    done = shared / "built"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or if the worker dies
        if not done.exists():
            for part in ("html", "src"):
                shutil.rmtree(shared / part, ignore_errors=True)
            _build_site(shared)
            done.write_text("ok\n")
    return shared / "html"
