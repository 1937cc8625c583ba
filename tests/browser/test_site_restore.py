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

from _page_checks import text_of
from iliopsoas_lessons.progress import FILE_NAME, ProgressStore
from iliopsoas_lessons.widgets import Quiz, RedFlagCases

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "04_red_flags"  # the lesson with both a quiz and the cases
KINDS = {"quiz": ".il-quiz", "cases": ".il-red-flag-cases"}


def make(kind: str):
    return RedFlagCases() if kind == "cases" else Quiz(LESSON)


def buttons_of(widget) -> list:
    return list(widget.level_buttons.values()) if isinstance(widget, RedFlagCases) else list(widget.option_buttons)


def right_and_wrong(widget) -> tuple[int, list[int]]:
    """The shown position of the current item's right answer, and of the wrong ones."""
    s = widget.state
    if isinstance(widget, Quiz):
        right = s.order.index(s.question.answer)
        count = len(s.order)
    else:
        right = [level.key for level in s.levels].index(s.case.urgency)
        count = len(s.levels)
    return right, [b for b in range(count) if b != right]


def exercise_on(page, kind: str):
    return page.locator(f'.il-site-widget[data-kind="exercise"]:has({KINDS[kind]})')


PLANS = [("wrong", "right"), ("right",), ("wrong",), ("wrong", "other wrong")]


def answer_on_the_page(page, kind: str) -> int:
    """Item 1 wrong then right, item 2 right first, item 3 wrong once, item 4 (if
    any) wrong twice; the rest left. Returns how many items were answered."""
    el = exercise_on(page, kind)
    options = el.locator(".il-site-choices button")
    guide = make(kind)  # which shown option is right (the page shows the same order: one seed)
    plans = PLANS[: guide.state.count]
    for index, plan in enumerate(plans):
        guide.go_to(index)
        expect(el.locator(".il-site-count")).to_have_text(guide.nav.progress.value)
        right, wrong = right_and_wrong(guide)
        for press in plan:
            b = {"right": right, "wrong": wrong[0], "other wrong": wrong[1]}[press]
            options.nth(b).click()
            buttons_of(guide)[b].click()
            expect(el.locator(".il-site-feedback")).to_have_text(text_of(guide.feedback.value))
        if not guide.state.at_end:
            el.locator('.il-site-nav button[data-step="1"]').click()
    return len(plans)


def expect_the_page_shows(el, widget) -> None:
    """The page shows what the Python widget shows now."""
    heading = widget.story if isinstance(widget, RedFlagCases) else widget.prompt
    buttons = buttons_of(widget)
    expect(el.locator(".il-site-count")).to_have_text(widget.nav.progress.value)
    expect(el.locator(".il-site-heading")).to_have_text(text_of(heading.value))
    expect(el.locator(".il-site-choices button")).to_have_text([b.description for b in buttons])
    for b, button in enumerate(buttons):
        expect(el.locator(".il-site-choices button").nth(b)).to_have_attribute("title", button.tooltip)
    expect(el.locator('.il-site-feedback[role="status"]')).to_have_text(text_of(widget.feedback.value))
    expect(el.locator(".il-site-score")).to_have_text(widget.score.value)


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
        el = exercise_on(page, kind)
        expect(el).to_have_attribute("data-ready", "true")
        widget = make(kind)  # built again over the learner's store
        assert len(widget.state.attempts) == answered[kind] and widget.state.score == 1
        for index in range(min(widget.state.count, answered[kind] + 1)):  # each answered item, one fresh
            widget.go_to(index)
            expect_the_page_shows(el, widget)
            if not widget.state.at_end:
                el.locator('.il-site-nav button[data-step="1"]').click()
    assert outside == []
