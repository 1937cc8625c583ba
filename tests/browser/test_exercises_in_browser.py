"""The quiz and the red-flag cases of lesson 04 in JupyterLab and in Voila,
against the Python widget: a long random sequence of presses, Next and
Previous (mouse and keyboard) on the page and on a Quiz / RedFlagCases built
here, comparing after each step what the page shows with the Python state;
then the learner's progress file, written by the kernel from the answers the
page sent, must hold the answers Python saved, in order. At 390 px every
button is at least 44 px tall and inside the page, and axe (WCAG 2.0-2.2 A
and AA) finds nothing on either exercise. (The website:
test_site_exercises_in_browser.py.)"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _exercise_view import Pair, Recorder, axe_violations, check_sizes, make
from _voila import new_page, voila_fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "04_red_flags"  # the lesson with both a quiz and the cases
BOX = {"quiz": ".il-quiz", "cases": ".il-red-flag-cases"}


def saved_answers(path: Path, exercise: str) -> dict:
    if not path.exists():
        return {}
    items = json.loads(path.read_text(encoding="utf-8"))["exercises"].get(exercise, {})
    return {k: [r["first"]["answer"], *(a["answer"] for a in r["later"])] for k, r in items.items()}


def expect_saved(path: Path, exercise: str, calls: list, timeout: float = 30.0) -> None:
    """The kernel saves what the page sends as it arrives: retry until the file
    holds the answers Python saved (each item's, in order), or fail at the deadline."""
    want: dict = {}
    for _, item, answer, _ in calls:
        want.setdefault(item, []).append(answer)
    deadline = time.monotonic() + timeout
    while (got := saved_answers(path, exercise)) != want:
        assert time.monotonic() < deadline, f"the progress file holds {got}, not {want}"
        time.sleep(0.2)


def play(page, root, kind: str, seed: int, presses: int) -> list:
    widget = make(kind, LESSON, progress=False)
    widget.state.store = recorder = Recorder()
    Pair(root.locator(BOX[kind]).first, widget).random_session(seed=seed, presses=presses)
    return recorder.calls


def test_the_exercises_in_jupyterlab_are_the_python_widget(lab):
    lab.open(f"{LESSON}.ipynb").run_all_and_wait()
    progress = lab.server.root.parent / "learner" / "progress.json"
    for kind, seed in (("quiz", 4), ("cases", 5)):
        expect(lab.notebook.locator(BOX[kind]).first).to_be_visible()
        calls = play(lab.page, lab.notebook, kind, seed, presses=40)
        expect_saved(progress, "quiz" if kind == "quiz" else "red_flag_cases", calls)
    assert lab.errors() == []


voila_exercises = voila_fixture("voila_exercises", f"{LESSON}.ipynb")


def test_the_exercises_in_voila_at_390px_are_the_python_widget(browser, voila_exercises):
    server = voila_exercises
    with new_page(browser, 390, 844) as page:
        page.goto(server.app_url, wait_until="domcontentloaded", timeout=120_000)
        for kind in BOX:
            expect(page.locator(f"{BOX[kind]} .il-exercise-option").first).to_be_visible(timeout=120_000)
            check_sizes(page.locator(BOX[kind]).first, 390)
        problems = axe_violations(page, ".il-exercise")
        assert problems == [], "\n".join(problems)
        progress = server.learner / "progress.json"
        for kind, seed in (("quiz", 6), ("cases", 7)):
            calls = play(page, page, kind, seed, presses=30)
            expect_saved(progress, "quiz" if kind == "quiz" else "red_flag_cases", calls)
        problems = axe_violations(page, ".il-exercise")  # answered: feedback and marks shown
        assert problems == [], "\n".join(problems)
