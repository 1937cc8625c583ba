"""The quiz and the red-flag cases on the built course website, at 390 px wide,
against the Python widget: the same presses are made on the page (mouse and
keyboard) and on a Quiz / RedFlagCases built here, and after each the page's
texts (heading, option labels and tooltips, feedback, score, "k of n") must
be the widget's. The answers the page hands to ``window.ilSiteProgress`` must
be those the Python state saves. (site_url and phone: conftest.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from _page_checks import text_of
from iliopsoas_lessons.widgets import Quiz, RedFlagCases
from test_accessibility import blocking_violations

QUIZZES = ["00_start_here", "01_anatomy", "02_injury_mechanisms", "03_symptoms", "04_red_flags", "05_review"]
EXERCISES = [(lesson, "quiz") for lesson in QUIZZES] + [("04_red_flags", "cases")]

# what the page hands to the progress store (site-progress.js), kept for the test to
# compare on its way to the real store: a spy put in place before the page's scripts run
RECORDER = """
window.recorded = [];
let store;
Object.defineProperty(window, "ilSiteProgress", {configurable: true, get: () => store, set(real) {
  store = {...real, record: (...args) => { window.recorded.push(args); return real.record(...args); }};
}});
"""


class Recorder:
    def __init__(self):
        self.calls: list[list] = []

    def record(self, exercise, item, answer, correct):
        self.calls.append([exercise, item, answer, bool(correct)])

    def restore(self, exercise):
        return {}


class Pair:
    """One exercise on the page and the same exercise as a Python widget, pressed alike."""

    def __init__(self, page, kind: str, lesson: str):
        self.widget = RedFlagCases() if kind == "cases" else Quiz(lesson)
        self.widget.state.store = self.recorder = Recorder()
        self.buttons = list(self.widget.level_buttons.values()) if kind == "cases" else list(self.widget.option_buttons)
        self.heading = self.widget.story if kind == "cases" else self.widget.prompt
        box = ".il-red-flag-cases" if kind == "cases" else ".il-quiz"
        self.el = page.locator(f'.il-site-widget[data-kind="exercise"]:has({box})')
        self.options = self.el.locator(".il-site-choices button")
        self.previous = self.el.locator('.il-site-nav button[data-step="-1"]')
        self.next = self.el.locator('.il-site-nav button[data-step="1"]')

    def right_and_wrong(self) -> tuple[int, list[int]]:
        """The position of the current item's right answer, and of the wrong ones (from Python)."""
        s = self.widget.state
        if isinstance(self.widget, Quiz):
            right = s.order.index(s.question.answer)
        else:
            right = [level.key for level in s.levels].index(s.case.urgency)
        return right, [b for b in range(len(self.buttons)) if b != right]

    def press(self, b: int, *, key: str | None = None) -> None:
        """Press option ``b`` on the page (a click, or ``key`` on the focused option) and in Python."""
        if key:
            expect(self.options.nth(b)).to_be_focused()
            self.options.nth(b).page.keyboard.press(key)
        else:
            self.options.nth(b).click()
        self.buttons[b].click()
        self.check()

    def step(self, delta: int) -> None:
        (self.next if delta > 0 else self.previous).click()
        (self.widget.nav.next_button if delta > 0 else self.widget.nav.previous_button).click()
        self.check()

    def check(self) -> None:
        """The page shows what the Python widget shows now."""
        w = self.widget
        expect(self.el.locator(".il-site-count")).to_have_text(w.nav.progress.value)
        expect(self.el.locator(".il-site-heading")).to_have_text(text_of(self.heading.value))
        expect(self.options).to_have_text([b.description for b in self.buttons])
        for b, button in enumerate(self.buttons):
            expect(self.options.nth(b)).to_have_attribute("title", button.tooltip)
        expect(self.el.locator('.il-site-feedback[role="status"]')).to_have_text(text_of(w.feedback.value))
        expect(self.el.locator(".il-site-score")).to_have_text(w.score.value)
        expect(self.previous).to_be_disabled() if w.state.at_start else expect(self.previous).to_be_enabled()
        expect(self.next).to_be_disabled() if w.state.at_end else expect(self.next).to_be_enabled()


@pytest.mark.parametrize(("lesson", "kind"), EXERCISES, ids=[f"{l}-{k}" for l, k in EXERCISES])
def test_the_exercise_on_the_page_is_the_python_widget(phone, site_url, lesson, kind):
    page, outside = phone
    page.add_init_script(RECORDER)
    page.goto(f"{site_url}/{lesson}.html", wait_until="load")
    pair = Pair(page, kind, lesson)
    expect(pair.el).to_have_attribute("data-ready", "true")
    pair.check()
    # the first item: every wrong option in turn (a first try, a second try, then after the reveal), then the right one
    right, wrong = pair.right_and_wrong()
    for b in [*wrong, right]:
        pair.press(b)
    # the second item: the right option first, then a wrong one
    pair.step(+1)
    right, wrong = pair.right_and_wrong()
    pair.press(right)
    pair.press(wrong[0])
    # back and forth: each item is as it was left
    pair.step(-1)
    pair.step(+1)
    # the keyboard: Enter on Next, then Tab to the options, Enter and Space answer
    pair.next.focus()
    page.keyboard.press("Enter")
    pair.widget.nav.next_button.click()
    pair.check()
    page.keyboard.press("Tab")
    pair.press(0, key="Enter")
    page.keyboard.press("Tab")
    pair.press(1, key="Space")
    # the answers the page would save are those the Python state saved
    assert page.evaluate("window.recorded") == pair.recorder.calls
    # and the browser's store kept each item the page answered
    assert page.evaluate("window.ilSiteProgress.answered()") == len({tuple(c[:2]) for c in pair.recorder.calls})
    page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth + 1", timeout=15_000)
    assert outside == []


@pytest.mark.parametrize("lesson", ["04_red_flags", "05_review"])
def test_the_options_can_be_tapped_on_a_phone_and_axe_finds_nothing_serious(phone, site_url, lesson):
    page, _ = phone
    page.goto(f"{site_url}/{lesson}.html", wait_until="load")
    widgets = page.locator('.il-site-widget[data-kind="exercise"]')
    expect(widgets.first).to_have_attribute("data-ready", "true")
    expect(widgets.last).to_have_attribute("data-ready", "true")
    # every option and nav button at least 44 px high, and the quiz's options the full width of their list
    page.wait_for_function(
        """() => [...document.querySelectorAll('.il-site-exercise-box button')]
        .every((b) => b.getBoundingClientRect().height >= 44)""",
        timeout=15_000,
    )
    page.wait_for_function(
        """() => [...document.querySelectorAll('.il-site-choices-stack')].every((list) =>
        [...list.querySelectorAll('button')].every((b) =>
            Math.abs(b.getBoundingClientRect().width - list.getBoundingClientRect().width) < 1))""",
        timeout=15_000,
    )
    page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth + 1", timeout=15_000)
    # answered (feedback shown, options marked or a second try offered): axe finds nothing serious either
    for widget in (widgets.first, widgets.last):
        widget.locator(".il-site-choices button").nth(0).click()
        expect(widget.locator(".il-site-feedback [role=status]")).to_be_visible()
    problems = blocking_violations(page, context=".il-site-exercise-box")
    assert problems == [], "\n".join(problems)
