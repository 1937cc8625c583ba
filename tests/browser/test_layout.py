"""Layouts that hold: the symptom lesson (03) and the review lesson (05, quiz)
at 1024x768, 1280x720 and a 390 px phone, in JupyterLab and in the Voila app.

At each size, one in-page check (retried by ``wait_for_function`` until it
holds, then read once) finds:

* no two controls, options, labels, figures or explanations whose boxes
  overlap, and no text taller or wider than its box (a wrapped quiz option
  used to spill out of its fixed-height row into the next one);
* nothing past the right edge of the window, no horizontal scrolling, and no
  button or label whose text is cut off;
* each figure as SVG named by its alt text (``role="img"``, ``aria-label``);
* on the two wide screens, every text label of the symptom figures at least
  12 px on screen (font size times the SVG's scale), and at 1280x720 the map
  and its explanation side by side, both on screen at once.

The worker's JupyterLab and Voila servers serve the whole module; each test runs
its lesson once and resizes the same page.
"""

from __future__ import annotations

import json

import pytest
from _page_checks import ARTIFACTS, safe_name
from _voila import FIGURE, RENDER_TIMEOUT, new_page, voila_fixture, wait_rendered
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = [(1024, 768), (1280, 720), (390, 844)]
WIDE = 1000  # at least this wide: figures at their default display size
MIN_LABEL_PX = 12.0

# What must not overlap: the parts a learner reads or presses.
ATOMS = ", ".join(
    [
        ".jp-OutputArea-output button",
        ".jp-OutputArea-output .widget-radio-box label",
        ".jp-OutputArea-output .il-quiz-option",
        ".jp-OutputArea-output .widget-label",
        ".jp-OutputArea-output .widget-dropdown select",
        ".jp-OutputArea-output .ilsp-choice",  # the state player's radios and select (the figure widgets)
        ".jp-OutputArea-output .ilsp select",
        ".jp-OutputArea-output .il-figure",
        ".jp-OutputArea-output .il-explanation",
        ".jp-OutputArea-output .widget-html-content > h3",
        ".jp-OutputArea-output .widget-html-content > h4",
        ".jp-OutputArea-output .widget-html-content > p",
        ".jp-OutputArea-output .widget-html-content > ul",
    ]
)

# Returns the problems found (empty: the layout holds).  ``scroller`` is the
# element that scrolls the lesson (lab's notebook panel, Voila's page).
LAYOUT_CHECK = """([atoms, scroller, figure, wide, minPx, checkText]) => {
    const problems = [];
    const W = window.innerWidth;
    const shown = el => {
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) return false;
        for (let p = el; p; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (s.display === 'none' || s.visibility === 'hidden') return false;
        }
        return true;
    };
    const name = el => (el.className && el.className.baseVal === undefined ? el.className : el.tagName)
        .toString().split(' ').slice(0, 2).join('.') + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
    const els = [...document.querySelectorAll(atoms)].filter(shown);
    if (!els.length) return ['no lesson output laid out yet'];
    const boxes = els.map(el => el.getBoundingClientRect());
    for (let i = 0; i < els.length; i++) {
        const a = boxes[i];
        if (a.right > W + 1 || a.left < -1) problems.push(`past the window edge (${Math.round(a.left)}..${Math.round(a.right)} of ${W}): ${name(els[i])}`);
        const e = els[i];
        if (e.tagName === 'BUTTON' || e.matches('label, .widget-label, .il-quiz-option')) {
            // text wider or taller than its box is cut off, or spills onto the next option
            if (e.scrollWidth > e.clientWidth + 2) problems.push(`text cut off (${e.scrollWidth} > ${e.clientWidth}): ${name(e)}`);
            if (e.scrollHeight > e.clientHeight + 2) problems.push(`text taller than its box (${e.scrollHeight} > ${e.clientHeight}): ${name(e)}`);
        }
        for (let j = i + 1; j < els.length; j++) {
            if (els[i].contains(els[j]) || els[j].contains(els[i])) continue;
            const b = boxes[j];
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 1 && h > 1) problems.push(`overlap ${Math.round(w)}x${Math.round(h)} px: ${name(els[i])} / ${name(els[j])}`);
        }
    }
    const sc = document.querySelector(scroller);
    if (sc && sc.scrollWidth > sc.clientWidth + 1) problems.push(`scrolls sideways: ${sc.scrollWidth} > ${sc.clientWidth}`);
    if (document.scrollingElement.scrollWidth > W + 1) problems.push(`page scrolls sideways: ${document.scrollingElement.scrollWidth} > ${W}`);
    const figures = [...document.querySelectorAll('.jp-OutputArea-output ' + figure)].filter(shown);
    for (const svg of figures) {
        if (!(svg.getAttribute('aria-label') || '').trim()) problems.push('figure without aria-label');
    }
    if (checkText && W >= wide) {
        for (const svg of figures) {
            const row = svg.closest('.il-figure');
            for (const t of row.querySelectorAll('svg text')) {
                if (!(t.textContent || '').trim()) continue;
                const m = t.getScreenCTM();
                const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
                if (px < minPx - 0.05) problems.push(`figure label ${px.toFixed(1)} px < ${minPx}: "${t.textContent.trim().slice(0, 40)}"`);
            }
        }
    }
    return problems;
}"""

SIDE_BY_SIDE = """([root, scroller]) => {
    // Scroll the figure row to the top of what the learner sees, then: the
    // explanation starts right of the figure, level with it, and both are on screen.
    const row = root.querySelector('.il-figure-row, .ilsp-body');
    const fig = row.querySelector('.il-figure'), text = row.querySelector('.il-explanation, .ilsp-text');
    const sc = document.querySelector(scroller);
    const view = (sc && sc !== document.scrollingElement) ? sc.getBoundingClientRect()
        : {top: 0, bottom: window.innerHeight};
    const f = fig.getBoundingClientRect(), t = text.getBoundingClientRect();
    const visible = r => Math.min(r.bottom, view.bottom) - Math.max(r.top, view.top);
    return {beside: t.left >= f.right - 1 && Math.abs(t.top - f.top) < 40,
            figureShown: visible(f) / f.height, textShown: visible(t) > 100};
}"""


def _problems(page, scroller: str, *, check_text: bool) -> list[str]:
    """Waits (up to 15 s) for the layout to settle with no problem; returns
    the problems of the last look (empty when it holds)."""
    args = [ATOMS, scroller, FIGURE, WIDE, MIN_LABEL_PX, check_text]
    try:
        page.wait_for_function(f"(a) => ({LAYOUT_CHECK})(a).length === 0", arg=args, timeout=15_000, polling=250)
    except Exception:
        pass
    return page.evaluate(f"(a) => ({LAYOUT_CHECK})(a)", args)


def _shot(page, name: str, size) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{safe_name(name)}-{size[0]}x{size[1]}.png"), timeout=15_000)


def _check_sizes(page, name: str, scroller: str, *, symptom_lesson: bool, on_phone=None) -> list[str]:
    found = []
    for size in SIZES:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        if size[0] < 600 and on_phone:
            on_phone()
        if symptom_lesson:
            stepper = page.locator(".il-symptom-stepper")
            expect(stepper.locator(FIGURE)).to_have_attribute("aria-label", _first_symptom_label())
        problems = _problems(page, scroller, check_text=symptom_lesson)
        if symptom_lesson and size == (1280, 720):
            problems += _side_by_side(page, scroller)
        if problems:
            _shot(page, name, size)
        found += [f"{size[0]}x{size[1]}: {p}" for p in problems]
    return found


def _first_symptom_label():
    """The stepper's figure is named by the first symptom's alt text."""
    import re

    import iliopsoas_lessons as il

    return re.compile("^" + re.escape(next(iter(il.symptoms())).title))


def _side_by_side(page, scroller: str) -> list[str]:
    stepper = page.locator(".il-symptom-stepper")
    stepper.locator(".il-figure-row, .ilsp-body").first.evaluate("el => el.scrollIntoView({block: 'start'})")
    handle = stepper.element_handle()
    try:
        page.wait_for_function(
            f"(a) => {{ const r = ({SIDE_BY_SIDE})(a); return r.beside && r.figureShown > 0.85 && r.textShown; }}",
            arg=[handle, scroller],
            timeout=10_000,
            polling=250,
        )
    except Exception:
        pass
    got = page.evaluate(f"(a) => ({SIDE_BY_SIDE})(a)", [handle, scroller])
    if got["beside"] and got["figureShown"] > 0.85 and got["textShown"]:
        return []
    return [f"the map and its explanation are not on screen together: {json.dumps(got)}"]


# --------------------------------------------------------------- JupyterLab
LAB_SCROLLER = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"


def _close_left_sidebar(page) -> None:
    """On a phone the file browser would fill the screen: close it, as a learner would."""
    stack = page.locator("#jp-left-stack")
    expect(stack).to_be_visible()  # a fresh workspace opens with the file browser
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").first.click()
    expect(stack).to_be_hidden()


@pytest.mark.parametrize("lesson", ["03_symptoms.ipynb", "05_review.ipynb"])
def test_lab_layout_at_three_sizes(lab, lesson):
    lab.open(lesson).run_all_and_wait()
    assert lab.errors() == [], lab.errors()
    symptom = lesson.startswith("03")
    if not symptom:
        expect(lab.notebook.locator(".il-quiz")).to_be_visible()
    problems = _check_sizes(
        lab.page, f"lab-{lesson}", LAB_SCROLLER, symptom_lesson=symptom, on_phone=lambda: _close_left_sidebar(lab.page)
    )
    assert problems == [], f"{lesson} in JupyterLab:\n" + "\n".join(problems)


# --------------------------------------------------------------- Voila
# the worker's Voila server, serving the lessons folder (each lesson at
# /voila/render/<name>), with a fresh learner for each test
voila_lessons = voila_fixture("voila_lessons", notebook="notebooks")


@pytest.mark.parametrize("lesson", ["03_symptoms.ipynb", "05_review.ipynb"])
def test_voila_layout_at_three_sizes(browser, voila_lessons, lesson):
    with new_page(browser, 1280, 720) as page:
        page.goto(voila_lessons.lesson_url(lesson), wait_until="domcontentloaded", timeout=RENDER_TIMEOUT)
        symptom = lesson.startswith("03")
        if symptom:
            wait_rendered(page)
        else:
            page.wait_for_selector("#rendered_cells", state="visible", timeout=RENDER_TIMEOUT)
            expect(page.locator(".il-quiz")).to_be_visible(timeout=RENDER_TIMEOUT)
        problems = _check_sizes(page, f"voila-{lesson}", "body", symptom_lesson=symptom)
        assert problems == [], f"{lesson} in the Voila app:\n" + "\n".join(problems)
