"""Shared test set-up: force the Agg backend before anything imports pyplot,
close any figure a test leaves behind, keep each test's learner progress in a
folder of its own, and give content tests a scratch copy
of the package's data to break."""
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=True)

import pytest  # noqa: E402


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
