"""What the quiz and the red-flag cases must show, from the Python widget's
state, and a driver that presses the same controls on a page (any host:
JupyterLab, Voila, the course website) and on a Python widget, comparing the
page with the state after each press.

The page draws everything itself (widgets/static/exercises.js); the texts it
must show are the state's: its feedback (``feedback_html``), its first-try
score, the marks of the options tried and of the answer once revealed.
"""

from __future__ import annotations

import random

from playwright.sync_api import expect

from _page_checks import text_of
from iliopsoas_lessons.widgets import Quiz, RedFlagCases
from iliopsoas_lessons.widgets.exercises import feedback_html


class Recorder:
    """A progress store that keeps each ``record`` call and saves nothing."""

    def __init__(self):
        self.calls: list[list] = []

    def record(self, exercise, item, answer, correct):
        self.calls.append([exercise, item, answer, bool(correct)])

    def restore(self, exercise):
        return {}


def make(kind: str, lesson: str, progress=None):
    return RedFlagCases(progress=progress) if kind == "cases" else Quiz(lesson, progress=progress)


def expected(widget) -> dict:
    """The texts the page must show for ``widget``'s state now."""
    s, m = widget.state, widget.widget
    item = m.items[s.index]
    tried = set(s.attempts.get(item["key"], ()))
    marks = m.texts["marks"]
    labels = []
    for o in item["options"]:
        mark = ("right" if s.revealed else "") if o["correct"] else ("wrong" if o["answer"] in tried else "")
        labels.append(f"{marks[mark]} {o['label']}" if mark else o["label"])
    return {
        "counter": m.texts["counter"].format(k=s.index + 1, n=s.count),
        "prompt": item["prompt"],
        "labels": labels,
        "tips": [o["tip"] for o in item["options"]],
        "feedback": text_of(feedback_html(s.feedback, m.texts["prompt"])),
        "score": s.score_text,
        "at_start": s.at_start,
        "at_end": s.at_end,
    }


class Pair:
    """One exercise on a page (``el``: its .il-exercise root) and the same
    exercise as a Python widget, pressed alike."""

    def __init__(self, el, widget):
        self.el, self.widget = el, widget
        self.options = el.locator(".il-exercise-option")
        self.previous = el.locator(".il-exercise-previous")
        self.next = el.locator(".il-exercise-next")

    def check(self) -> None:
        want = expected(self.widget)
        expect(self.el.locator(".il-exercise-counter")).to_have_text(want["counter"])
        expect(self.el.locator(".il-exercise-prompt")).to_have_text(want["prompt"])
        expect(self.options).to_have_text(want["labels"])
        for b, tip in enumerate(want["tips"]):
            expect(self.options.nth(b)).to_have_attribute("title", tip)
        expect(self.el.locator('.il-exercise-feedback[aria-live="polite"]')).to_have_text(want["feedback"])
        expect(self.el.locator(".il-exercise-score")).to_have_text(want["score"])
        expect(self.previous).to_be_disabled() if want["at_start"] else expect(self.previous).to_be_enabled()
        expect(self.next).to_be_disabled() if want["at_end"] else expect(self.next).to_be_enabled()

    def press(self, b: int, *, key: str | None = None) -> None:
        """Press option ``b`` on the page (a click, or ``key`` on the focused option) and in Python."""
        if key:
            self.options.nth(b).focus()
            expect(self.options.nth(b)).to_be_focused()
            self.options.nth(b).page.keyboard.press(key)
        else:
            self.options.nth(b).click()
        item = self.widget.widget.items[self.widget.state.index]
        answer = item["options"][b]["answer"]
        if self.widget.kind == "quiz":
            self.widget.choose(answer)
        else:
            self.widget.answer(answer)
        self.check()

    def step(self, delta: int, *, key: str | None = None) -> None:
        button = self.next if delta > 0 else self.previous
        if key:
            button.focus()
            button.page.keyboard.press(key)
        else:
            button.click()
        s = self.widget.state
        self.widget.go_to(min(max(s.index + delta, 0), s.count - 1))
        self.check()

    def random_session(self, seed: int, presses: int) -> None:
        """A long random sequence of presses, Next and Previous (mouse and keyboard)."""
        rng = random.Random(seed)
        self.check()
        for _ in range(presses):
            move = rng.choice(["press", "press", "press", "next", "previous", "key"])
            s = self.widget.state
            if move == "press":
                self.press(rng.randrange(len(self.widget.widget.items[s.index]["options"])))
            elif move == "key":
                self.press(
                    rng.randrange(len(self.widget.widget.items[s.index]["options"])), key=rng.choice(["Enter", " "])
                )
            elif move == "next" and not s.at_end:
                self.step(+1, key=rng.choice([None, "Enter"]))
            elif move == "previous" and not s.at_start:
                self.step(-1)


# every control at least this big (WCAG 2.2 2.5.8 asks 24; 44 is the house rule)
SIZES = """(root) => [...root.querySelectorAll('button')].map((b) => {
  const r = b.getBoundingClientRect();
  return {text: b.textContent.slice(0, 30), w: r.width, h: r.height, left: r.left, right: r.right};
})"""


def check_sizes(el, width: int) -> None:
    for b in el.evaluate(SIZES):
        assert b["h"] >= 44 and b["w"] >= 24, b
        assert b["left"] >= 0 and b["right"] <= width + 1, b


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


def axe_violations(page, context: str) -> list[str]:
    """Every violation axe finds with the WCAG 2.0-2.2 A/AA tags (any impact) in ``context``."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = Axe().run(page, context=context, options=options).response["violations"]
    return [f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:4]})" for v in found]
