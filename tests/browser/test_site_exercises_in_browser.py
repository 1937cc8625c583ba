"""The quiz and the red-flag cases on the built course website, at 390 px
wide, against the Python widget: the same presses are made on the page (mouse
and keyboard) and on a Quiz / RedFlagCases built here, a long random sequence
per exercise, and after each the page must show what the Python state says
(prompt, option labels with their marks and tooltips, feedback, score, "k of
n"). The answers the page hands to ``window.ilSiteProgress`` must be those the
Python state saves. (site_url and phone: conftest.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from _exercise_view import Pair, Recorder, axe_violations, check_sizes, make

QUIZZES = ["00_start_here", "01_anatomy", "02_injury_mechanisms", "03_symptoms", "04_red_flags", "05_review"]
EXERCISES = [(lesson, "quiz") for lesson in QUIZZES] + [("04_red_flags", "cases")]
BOX = {"quiz": ".il-quiz", "cases": ".il-red-flag-cases"}

# what the page hands to the progress store (site-progress.js), kept for the test to
# compare on its way to the real store: a spy put in place before the page's scripts run
RECORDER = """
window.recorded = [];
let store;
Object.defineProperty(window, "ilSiteProgress", {configurable: true, get: () => store, set(real) {
  store = {...real, record: (...args) => { window.recorded.push(args); return real.record(...args); }};
}});
"""


def exercise_on(page, kind: str):
    return page.locator(f'.il-site-widget[data-kind="anywidget"]:has({BOX[kind]})')


@pytest.mark.parametrize(("lesson", "kind"), EXERCISES, ids=[f"{l}-{k}" for l, k in EXERCISES])
def test_the_exercise_on_the_page_is_the_python_widget(phone, site_url, lesson, kind):
    page, outside = phone
    page.add_init_script(RECORDER)
    page.goto(f"{site_url}/{lesson}.html", wait_until="load")
    host = exercise_on(page, kind)
    expect(host).to_have_attribute("data-ready", "true")
    widget = make(kind, lesson, progress=False)
    widget.state.store = recorder = Recorder()
    pair = Pair(host.locator(".il-exercise"), widget)
    pair.random_session(seed=len(lesson) + len(kind), presses=40 if lesson in ("05_review", "04_red_flags") else 15)
    # the answers the page would save are those the Python state saved
    assert page.evaluate("window.recorded") == recorder.calls and recorder.calls
    # and the browser's store kept each item the page answered
    assert page.evaluate("window.ilSiteProgress.answered()") == len({tuple(c[:2]) for c in recorder.calls})
    page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth + 1", timeout=15_000)
    check_sizes(host, 390)
    assert outside == []


@pytest.mark.parametrize("lesson", ["04_red_flags", "05_review"])
def test_the_options_can_be_tapped_on_a_phone_and_axe_finds_nothing(phone, site_url, lesson):
    page, _ = phone
    page.goto(f"{site_url}/{lesson}.html", wait_until="load")
    widgets = page.locator('.il-site-widget[data-kind="anywidget"]:has(.il-exercise)')
    expect(widgets.first).to_have_attribute("data-ready", "true")
    expect(widgets.last).to_have_attribute("data-ready", "true")
    for i in range(widgets.count()):
        check_sizes(widgets.nth(i), 390)
    # the quiz's options the full width of their list
    page.wait_for_function(
        """() => [...document.querySelectorAll('.il-exercise-choices-stack')].every((list) =>
        [...list.querySelectorAll('button')].every((b) =>
            Math.abs(b.getBoundingClientRect().width - list.getBoundingClientRect().width) < 1))""",
        timeout=15_000,
    )
    page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth + 1", timeout=15_000)
    problems = axe_violations(page, ".il-exercise")
    assert problems == [], "\n".join(problems)
    # answered (feedback shown, options marked or a second try offered): axe finds nothing either
    for i in range(widgets.count()):
        widgets.nth(i).locator(".il-exercise-option").nth(0).click()
        expect(widgets.nth(i).locator(".il-exercise-feedback strong")).to_be_visible()
    problems = axe_violations(page, ".il-exercise")
    assert problems == [], "\n".join(problems)
