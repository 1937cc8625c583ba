"""A learner comes back to the course website: the quiz and the red-flag cases
show the answers they saved, exactly as the Python widgets do when built again
over a ProgressStore holding the same record (texts, marks, feedback, score).

On the page (390 px wide, conftest.py's ``phone``), items are answered wrong
then right, right first, wrong once (a second try pending) and wrong twice;
the page is reloaded; the learner's record is read from the browser's store
(the text "Download my results" saves), written as a results file, and a Quiz
and RedFlagCases are built over it. Item by item, the page must show what they
show."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from _exercise_view import Pair, make as make_widget
from iliopsoas_lessons.progress import FILE_NAME, ProgressStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "04_red_flags"  # the lesson with both a quiz and the cases
KINDS = {"quiz": ".il-quiz", "cases": ".il-red-flag-cases"}


def make(kind: str, progress=None):
    return make_widget(kind, LESSON, progress=progress)


def right_and_wrong(widget) -> tuple[int, list[int]]:
    """The shown position of the current item's right answer, and of the wrong ones."""
    options = widget.widget.items[widget.state.index]["options"]
    right = next(b for b, o in enumerate(options) if o["correct"])
    # a case may accept the next faster level as safe too (faster_is_safe): not a wrong answer
    return right, [b for b, o in enumerate(options) if not o["correct"]]


def exercise_on(page, kind: str):
    return page.locator(f'.il-site-widget[data-kind="anywidget"]:has({KINDS[kind]})')


PLANS = [("wrong", "right"), ("right",), ("wrong",), ("wrong", "other wrong")]


def answer_on_the_page(page, kind: str) -> int:
    """Item 1 wrong then right, item 2 right first, item 3 wrong once, item 4 (if
    any) wrong twice; the rest left. Returns how many items were answered."""
    el = exercise_on(page, kind).locator(".il-exercise")
    pair = Pair(el, make(kind, progress=False))  # the page shows the same order: one seed
    plans = PLANS[: pair.widget.state.count]
    for plan in plans:
        right, wrong = right_and_wrong(pair.widget)
        for press in plan:
            pair.press({"right": right, "wrong": wrong[0], "other wrong": wrong[1]}[press])
        if not pair.widget.state.at_end:
            pair.step(+1)
    return len(plans)


def test_after_a_reload_the_page_shows_what_the_widgets_built_again_show(phone, site_url, tmp_path, monkeypatch):
    page, outside = phone
    page.goto(f"{site_url}/{LESSON}.html", wait_until="load")
    answered = {}
    for kind in KINDS:
        expect(exercise_on(page, kind)).to_have_attribute("data-ready", "true")
        answered[kind] = answer_on_the_page(page, kind)
    page.reload(wait_until="load")
    # the learner's record, as "Download my results" would save it, handed to Python
    (tmp_path / FILE_NAME).write_text(page.evaluate("window.ilSiteProgress.fileText()"), encoding="utf-8")
    assert not ProgressStore(tmp_path).notices
    monkeypatch.setenv("ILIOPSOAS_LESSONS_DATA", str(tmp_path))
    for kind in KINDS:
        host = exercise_on(page, kind)
        expect(host).to_have_attribute("data-ready", "true")
        widget = make(kind)  # built again over the learner's store
        assert len(widget.state.attempts) == answered[kind] and widget.state.score == 1
        pair = Pair(host.locator(".il-exercise"), widget)
        pair.check()
        for _ in range(min(widget.state.count - 1, answered[kind])):  # each answered item, one fresh
            pair.step(+1)
    assert outside == []
