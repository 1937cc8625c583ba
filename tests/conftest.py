"""Shared test set-up: force the Agg backend before anything imports pyplot,
close any figure a test leaves behind, and give content tests a scratch copy
of the package's data to break."""
import os
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=True)

# The quiz options' order is seeded per learner; the tests, and the kernels
# and servers they start (nbval, JupyterLab, Voila inherit this environment),
# use the same fixed seed as scripts/run_notebooks.py, so stored outputs repeat.
os.environ.setdefault("ILIOPSOAS_QUIZ_SEED", "0")

import pytest  # noqa: E402


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
