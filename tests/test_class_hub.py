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


# ------------------------------------------------------------------ the browser sample's option


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--browser-sample", "9"], "from 0 (no browser) to 5"),
        (["--browser-sample", "-1"], "from 0 (no browser) to 5"),
        (["--browser-sample", "two"], "from 0 (no browser) to 5"),
        (["--learners", "2", "--browser-sample", "3"], "must be 0 to 2"),
        (["--learners", "1,10", "--browser-sample", "2"], "must be 0 to 1"),
    ],
)
def test_a_bad_browser_sample_is_refused_naming_the_valid_range(argv, named, capsys):
    import bench_class

    with pytest.raises(SystemExit) as stop:
        bench_class.main(argv)  # refused while parsing: no hub is started
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--browser-sample" in err and named in err


def test_the_browser_sample_is_spread_over_the_class_and_bounded():
    from classsim.browser import default_sample, sampled

    assert sampled(40, 3) == {0, 13, 26} and sampled(3, 1) == {0} and sampled(5, 0) == set()
    assert (default_sample(40), default_sample(10), default_sample(3)) == (3, 3, 1)
    with pytest.raises(ValueError, match="must be 0 to 2"):
        sampled(2, 3)


def test_a_browser_learners_notebook_counts_only_when_saved_after_the_run(tmp_path):
    from classsim.run import lost_files

    notebook = tmp_path / "learner01" / "iliopsoas-lessons" / "notebooks" / "03_symptoms.ipynb"
    notebook.parent.mkdir(parents=True)
    notebook.write_text((ROOT / "notebooks" / "03_symptoms.ipynb").read_text(encoding="utf-8"))
    saved = notebook.stat().st_mtime
    assert lost_files(tmp_path, "learner01", [], saved_after=saved - 1) == []  # JupyterLab writes no mark
    assert lost_files(tmp_path, "learner01", [], saved_after=saved + 1) == [
        "03_symptoms.ipynb: not saved after the browser ran it"
    ]


def test_the_report_prints_the_browser_steps_beside_the_goal_and_the_messages():
    from classsim import report
    from classsim.learner import LearnerResult
    from classsim.run import ClassRun

    plain = LearnerResult("learner01", ok=True, steps=[1e-6] * 5, login_to_figure=40.0, step_cpu=0.001)
    seen = LearnerResult(
        "learner02",
        ok=True,
        browser=True,
        login_to_figure=50.0,
        step_cpu=0.001,
        browser_steps=[0.010] * 9 + [0.075],
        frames_over=[0.020] * 10,
        kernel_messages=0,
        comm_messages=0,
        run_messages=120,
    )
    row = report.summary(ClassRun(2, [plain, seen], wall=60.0))
    assert row["step_p95"] == 1e-6  # the browser's steps stay out of the table-lookup figures
    assert (row["browser_step_p50"], row["browser_step_p95"], row["messages_per_step"]) == (0.010, 0.075, 0)
    lines = report.browser_goals(row)
    assert lines[0].startswith("MISSED browser_step_p95 at N=2: 75.0 ms, p50 10.0 ms (goal 50 ms")
    assert lines[1].startswith("met    kernel messages per step at N=2: 0.00 (goal 0")
    seen.kernel_messages = 3
    assert report.browser_goals(report.summary(ClassRun(2, [plain, seen], wall=60.0)))[1].startswith("MISSED")
    seen.ok = False
    assert report.browser_goals(report.summary(ClassRun(2, [plain, seen], wall=60.0)))[0].startswith(
        "MISSED browser_step_p95: not measured"
    )


def test_a_browser_learner_who_fails_is_a_failed_learner_with_its_stage(tmp_path, monkeypatch):
    from classsim.browser import BrowserLearner

    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    result = BrowserLearner(object(), "learner01", seed=0, timeout=60).run()  # never reaches the hub
    assert not result.ok and result.browser
    assert result.stage == "starting the browser"
    assert result.error.startswith("in the browser: ") and "\n" not in result.error


def test_the_goals_judge_memory_on_pss_and_the_learners_cpu():
    # issue 22 words the memory goal as PSS per learner and asks for at most 4 CPU-s per learner
    from classsim import report

    row = {
        "n": 40, "ok": 40, "step_p95": 0.0, "first_figure_p95": 20.0,
        "rss_mb_mean": 234.0, "pss_mb_mean": 190.0, "learner_cpu_s": 5.6,
        "browser_sample": 0,
    }  # fmt: skip
    lines = report.goals([row])
    memory = next(line for line in lines if "pss_mb_mean" in line)
    assert memory.startswith("met    pss_mb_mean at N=40: 190.0 MB (goal 200 MB; RSS 234 MB)")
    cpu = next(line for line in lines if "learner_cpu_s" in line)
    assert cpu.startswith("MISSED learner_cpu_s at N=40: 5.6 CPU-s (goal 4 CPU-s)")
    row["pss_mb_mean"] = 216.0
    assert next(line for line in report.goals([row]) if "pss_mb_mean" in line).startswith("MISSED")
