"""The symptom lesson (03) in JupyterLab, driven like a learner would.

Open 03_symptoms.ipynb, clear outputs, Run All, wait for "(ipykernel) | Idle";
then in the symptom stepper click Next through every symptom and Previous back,
on both sides, checking after each click that the picture changed and that the
title, "k of 5" and the alt text match; step with the keyboard; answer the
check-your-understanding quiz once wrong and once right.

The stepper's element screenshot (first symptom, patient's left -- what the
README shows) is saved as tests/browser/artifacts/symptom_stepper.png on every
run; ``scripts/update_screenshot.py`` copies it to assets/.

The three tests share one page with the lesson opened and run (``lesson``):
opening and running it is most of each test's time. Before each test the
stepper goes back the way a learner would (Previous to the first symptom,
then the patient's left) and must then show exactly what it showed when the
lesson opened; the quiz is touched by its own test only. After a failed test
the next one opens and runs the lesson afresh. The page is at device scale 2
for the README screenshot.
"""

from __future__ import annotations

import os
import re

import pytest
from _page_checks import ARTIFACTS, safe_name
from _voila import StepperView, check_state, walk_stepper
from playwright.sync_api import expect

import iliopsoas_lessons as il

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "03_symptoms.ipynb"
TITLES = [s.title for s in il.symptoms()]
SCREENSHOT = ARTIFACTS / "symptom_stepper.png"
# scripts/update_screenshot.py sets this; the test then also fails if the
# screenshot could not be taken (instead of only recording it).
SCREENSHOT_ENV = "ILIOPSOAS_UPDATE_SCREENSHOT"


def save_readme_screenshot(view: StepperView, path=SCREENSHOT):
    """The stepper from its title to the bottom of the body map (the text
    under it is long and reads better in the lesson than in a picture)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # top of the stepper at the top of lab's scrolling panel, with a margin
    view.root.evaluate(
        """el => {
            el.scrollIntoView({block: 'start'});
            for (let p = el.parentElement; p; p = p.parentElement) {
                const o = getComputedStyle(p).overflowY;
                if ((o === 'auto' || o === 'scroll') && p.scrollHeight > p.clientHeight) {
                    p.scrollTop -= 48; break;
                }
            }
        }"""
    )
    # one in-page read of every box after scrolling settles (no count followed by reads)
    view.page.wait_for_function("el => el.getBoundingClientRect().top >= 0", arg=view.root.element_handle())
    layout = view.root.evaluate(
        """el => {
            const abs = r => ({x: r.x, y: r.y, width: r.width, height: r.height});
            const img = el.querySelector('.il-figure'), h = el.querySelector('h3');
            return {box: abs(el.getBoundingClientRect()),
                    img: img ? abs(img.getBoundingClientRect()) : null,
                    title: h ? abs(h.getBoundingClientRect()) : null,
                    buttons: [...el.querySelectorAll('button')].map(b => abs(b.getBoundingClientRect()))};
        }"""
    )
    box, img, title = layout["box"], layout["img"], layout["title"]
    assert box and img and title and layout["buttons"], "stepper parts not laid out"
    # (the title's block spans the page; the picture is wider than its text)
    right = max([img["x"] + img["width"]] + [b["x"] + b["width"] for b in layout["buttons"]])
    pad = 8
    clip = {
        "x": box["x"] - pad,
        "y": box["y"],  # (above it: the cell's edge, a grey line)
        "width": right - box["x"] + 2 * pad,
        "height": img["y"] + img["height"] - box["y"] + pad,
    }
    view.page.screenshot(path=str(path), clip=clip, timeout=15_000)
    return path


class OpenLesson:
    """The module's one JupyterLab page on the lesson, opened and run when a
    test first needs it and again after a test failed."""

    def __init__(self, lab):
        self.lab = lab
        self.view: StepperView | None = None
        self.opening: dict | None = None  # the stepper's state as the lesson opened

    def open_and_run(self) -> None:
        self.lab.open(LESSON).run_all_and_wait()
        self.view = StepperView(self.lab.page, self.lab.notebook)
        self.view.wait_ready()
        self.opening = self.view.state()

    def back_to_the_opening(self) -> None:
        """Previous to the first symptom, then the patient's left, as a learner
        would; the stepper must then show what it showed as the lesson opened."""
        view, n = self.view, len(TITLES)
        st = view.state()
        side = "right" if "patient's right" in (st["alt"] or "") else "left"
        k = int(st["progress"].split()[0])
        while k > 1:
            view.previous.click()
            k -= 1
            st = view.wait_change(st, title=TITLES[k - 1], progress=f"{k} of {n}", side=side)
        if side != "left":
            view.side_button("left").click()
            st = view.wait_change(st, title=TITLES[0], progress=f"1 of {n}", side="left")
        assert st == self.opening, f"the stepper did not go back to how the lesson opened: {st} != {self.opening}"


@pytest.fixture(scope="module")
def _open_lesson(request, browser, lab_server, lab_pages):
    with lab_pages(request, browser, lab_server, device_scale_factor=2) as lab:
        yield OpenLesson(lab)


@pytest.fixture
def lesson(request, _open_lesson):
    """The shared page with the lesson run and its stepper as the lesson opened."""
    shared = _open_lesson
    shared.lab.test_name = request.node.name  # its screenshots and failure files
    try:
        if shared.opening is None:
            shared.open_and_run()
        else:
            shared.back_to_the_opening()
    except BaseException:
        shared.opening = None
        raise
    yield shared
    rep = getattr(request.node, "rep_call", None)
    if rep is None or rep.failed:
        # a failed test leaves the page in a state nobody checked: start over
        shared.opening = None
        if rep is not None:
            shared.lab.screenshot()
            (ARTIFACTS / f"{safe_name(request.node.name)}-server.log").write_text(shared.lab.server.log_tail(200))


def _fail_shot(lab, view, label):
    try:
        view.screenshot(ARTIFACTS / f"{safe_name(lab.test_name)}-{label}.png")
    except Exception:
        pass


def test_symptom_stepper_in_lab(lesson):
    lab, view = lesson.lab, lesson.view
    errs = lab.errors()
    assert errs == [], f"{LESSON}: error output in the browser:\n" + "\n".join(errs)

    first = view.state()
    assert check_state(first, TITLES[0], 1, len(TITLES), "left") == []

    # the README picture: first symptom, patient's left, as the lesson opens
    try:
        save_readme_screenshot(view)
    except Exception:
        if os.environ.get(SCREENSHOT_ENV):
            raise

    problems = walk_stepper(view, TITLES)
    if problems:
        _fail_shot(lab, view, "stepper")
    assert problems == [], "symptom stepper in JupyterLab:\n" + "\n".join(problems)
    assert lab.errors() == []


def test_symptom_stepper_keyboard(lesson):
    lab, view = lesson.lab, lesson.view
    n = len(TITLES)
    st = view.state()
    assert st["progress"] == f"1 of {n}"

    # Next has keyboard focus; Enter advances
    view.next.focus()
    assert view.next.evaluate("b => b === document.activeElement")
    lab.page.keyboard.press("Enter")
    st = view.wait_change(st, title=TITLES[1], progress=f"2 of {n}", side="left")
    assert check_state(st, TITLES[1], 2, n, "left") == []

    # Space advances too
    assert view.next.evaluate("b => b === document.activeElement"), "focus left the Next button"
    lab.page.keyboard.press(" ")
    st = view.wait_change(st, title=TITLES[2], progress=f"3 of {n}", side="left")
    assert check_state(st, TITLES[2], 3, n, "left") == []

    # Tab order: Previous -> Next -> the side choice (the "k of 5" label is not a stop)
    view.previous.focus()
    lab.page.keyboard.press("Tab")
    assert view.next.evaluate("b => b === document.activeElement"), "Tab from Previous does not reach Next"
    # the side choice is a radio group: Tab enters it at the chosen side, an arrow key changes it
    name = """() => { const a = document.activeElement;
        return a ? ((a.closest('label') || a).textContent || '').trim() : ''; }"""
    lab.page.keyboard.press("Tab")
    active = lab.page.evaluate(name)
    assert active == "patient's left", f"Tab from Next went to {active!r}, not the side choice"
    lab.page.keyboard.press("ArrowRight")
    active = lab.page.evaluate(name)
    assert active == "patient's right", f"ArrowRight from patient's left went to {active!r}"
    st = view.wait_change(st, title=TITLES[2], progress=f"3 of {n}", side="right")
    assert check_state(st, TITLES[2], 3, n, "right") == []
    lab.page.keyboard.press("Tab")  # on to the body choice, not the other side
    active = lab.page.evaluate(name)
    assert active == "male body", f"Tab from the side choice went to {active!r}"

    # Shift+Tab from Next reaches Previous; Enter on it goes back
    view.next.focus()
    lab.page.keyboard.press("Shift+Tab")
    assert view.previous.evaluate("b => b === document.activeElement"), "Shift+Tab from Next misses Previous"
    lab.page.keyboard.press("Enter")
    st = view.wait_change(st, title=TITLES[1], progress=f"2 of {n}", side="right")
    assert st["progress"] == f"2 of {n}" and st["title"] == TITLES[1], st
    assert lab.errors() == []


def test_check_your_understanding_feedback(lesson):
    """The lesson's quiz: the options are buttons in the seeded order, none
    overlapping; a wrong first answer gets its own feedback and a second try
    without the answer; the second answer shows it; the score counts first
    tries; an option is answered from the keyboard too."""
    lab = lesson.lab
    quiz = lab.notebook.locator(".il-quiz").first
    quiz.wait_for(state="visible")
    from iliopsoas_lessons.widgets.state import QuizState

    shown = QuizState("03_symptoms")  # the kernel's seed: tests fix ILIOPSOAS_QUIZ_SEED (tests/conftest.py)
    q1, q2 = shown.items[0], shown.items[1]
    feedback = quiz.locator("[role=status]")
    heading = quiz.locator("h4", has_text=re.compile(r"Question \d+ of"))
    options = quiz.locator(".il-quiz-option")

    def option(q, index):
        return options.filter(has_text=q.options[index].text)

    # Auto-waiting assertions only: the feedback is re-rendered on every
    # change, so an element read after a count can vanish in between.
    expect(heading).to_contain_text("Question 1 of")
    expect(options).to_have_text([f"{'ABCD'[p]}. {q1.options[i].text}" for p, i in enumerate(shown.orders[q1.key])])
    boxes = quiz.locator(".il-exercise-choices").evaluate(
        "el => [...el.querySelectorAll('.il-quiz-option')].map(b => {"
        " const r = b.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    for k, (l1, t1, r1, b1) in enumerate(boxes):
        for l2, t2, r2, b2 in boxes[k + 1 :]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, f"quiz options overlap: {boxes}"

    wrong = [i for i in range(len(q1.options)) if i != q1.answer]
    option(q1, wrong[0]).click()
    expect(feedback).to_contain_text(re.compile(r"^\s*✗ Not yet\."), timeout=15_000)
    expect(feedback).to_contain_text(q1.options[wrong[0]].feedback)
    expect(feedback).to_contain_text("Try again")
    expect(feedback).not_to_contain_text("The answer is")  # not revealed before the second try
    expect(option(q1, wrong[0])).to_contain_text(re.compile(r"^\s*✗"))

    option(q1, wrong[1]).click()
    expect(feedback).to_contain_text(f"The answer is: {q1.correct_option}.")
    expect(option(q1, q1.answer)).to_contain_text(re.compile(r"^\s*✓"))
    score = quiz.locator(".il-exercise-score")
    expect(score).to_contain_text("First try: 0 of")

    quiz.get_by_role("button", name=re.compile(r"(^|\W)Next\s*$")).click()
    expect(heading).to_contain_text("Question 2 of")
    # the previous question's feedback is gone before answering
    expect(quiz.locator("[role=status]", has_text="Not yet")).to_have_count(0)
    option(q2, q2.answer).focus()
    lab.page.keyboard.press("Enter")
    expect(feedback).to_contain_text(re.compile(r"^\s*✓ Correct\."), timeout=15_000)
    expect(score).to_contain_text(f"First try: 1 of {shown.count} correct (2 answered)")
    if lab.errors():
        lab.screenshot("quiz")
    assert lab.errors() == []
