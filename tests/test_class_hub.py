"""`make class` at a small N, as part of `make test`: a real JupyterHub on
127.0.0.1 (the simulation's benchmarks/classsim/hub_config.py, which keeps the
learners' servers of deploy/jupyterhub/jupyterhub_config.py; configurable-http-proxy
from npm), learners who log in through lesson 03's nbgitpuller link, run its
cells and press the symptom stepper, and whose files are all there afterwards.
The timings are the benchmark's business (benchmarks/bench_class.py), not
asserted here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from classsim.hub import PROXY
from classsim.learner import PRESSES
from classsim.run import simulate

pytestmark = pytest.mark.slow
LEARNERS = 2


def _required() -> bool:
    return any(
        os.environ.get(v, "").strip().lower() not in ("", "0", "false", "no")
        for v in ("CI", "ILIOPSOAS_REQUIRE_BROWSER")
    )


@pytest.fixture(scope="module")
def class_run():
    if not PROXY.exists():
        message = f"configurable-http-proxy missing ({PROXY}): run `make proxy` (npm ci)"
        pytest.fail(message) if _required() else pytest.skip(message)
    return simulate(LEARNERS, timeout=600)


def test_every_learner_pulled_ran_and_stepped(class_run):
    lesson = json.loads((ROOT / "notebooks" / "03_symptoms.ipynb").read_text(encoding="utf-8"))
    code_cells = sum(c["cell_type"] == "code" for c in lesson["cells"])
    assert [r.name for r in class_run.results] == ["learner01", "learner02"]
    for r in class_run.results:
        assert r.ok, f"{r.name} failed at {r.stage}: {r.error}\n{class_run.log_tail}"
        assert r.cells_run == code_cells
        assert len(r.steps) == len(PRESSES) and all(s > 0 for s in r.steps)
        assert 0 < r.ready_after < r.login_to_figure


def test_nothing_is_lost_and_nothing_is_left_running(class_run):
    assert class_run.lost == {"learner01": [], "learner02": []}
    assert class_run.left_running == []


def test_the_measurements_cover_every_learner(class_run):
    assert set(class_run.server_start) == {"learner01", "learner02"}
    assert set(class_run.memory) == {"learner01", "learner02"}
    for memory in class_run.memory.values():
        assert memory.server_rss > 20e6 and memory.kernel_rss > 20e6  # both processes were found
    assert class_run.hub_cpu > 0


def test_the_check_sees_a_lost_file_and_a_notebook_without_the_run(tmp_path):
    from classsim.run import lost_files

    folder = tmp_path / "learner01" / "iliopsoas-lessons"
    (folder / "notebooks").mkdir(parents=True)
    (folder / "README.md").write_text("x")
    stored = json.loads((ROOT / "notebooks" / "03_symptoms.ipynb").read_text(encoding="utf-8"))
    (folder / "notebooks" / "03_symptoms.ipynb").write_text(json.dumps(stored))
    problems = lost_files(tmp_path, "learner01", ["README.md", "notebooks/03_symptoms.ipynb", "LICENSE"])
    assert problems[0] == "LICENSE"
    assert "the saved run is not this learner's" in problems[1]  # the stored notebook, never run here
