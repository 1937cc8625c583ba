"""The figure widgets on the course website, with no kernel: every control of
every widget is used, by mouse or keyboard, and after each use the page's
texts and the figure's alt text equal what the Python widget shows after the
same choice (one source of truth: iliopsoas_lessons.sitewidgets)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import ipywidgets
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from iliopsoas_lessons.sitewidgets import states
from iliopsoas_lessons.widgets import (
    AnatomyExplorer,
    HipAngleExplorer,
    SymptomExplorer,
)

# (lesson page, the widget's class on the page, its Python class)
WIDGETS = [
    ("00_start_here", "il-hip-angle", HipAngleExplorer),
    ("01_anatomy", "il-anatomy-explorer", AnatomyExplorer),
    ("01_anatomy", "il-hip-angle", HipAngleExplorer),
    ("03_symptoms", "il-symptom-explorer", SymptomExplorer),
]

# What the page shows in each slot not hidden: its text without the figures'
# drawings, and the accessible names of its figures.
PAGE_TEXTS = """(root) => {
  const out = [];
  for (const slot of root.querySelectorAll("[data-slot]")) {
    if (slot.closest("[hidden]")) continue;
    const copy = slot.cloneNode(true);
    for (const svg of copy.querySelectorAll("svg")) svg.remove();
    const alts = [...slot.querySelectorAll('[role="img"]')].map((n) => n.getAttribute("aria-label"));
    out.push([copy.textContent.split(/\\s+/).filter(Boolean).join(" "), alts]);
  }
  return out;
}"""


class _Visible(HTMLParser):
    """Text outside <svg>, as the page's textContent of the same markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "svg"

    def handle_endtag(self, tag):
        self.depth -= tag == "svg"

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def _text(markup: str) -> str:
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _alts(markup: str) -> list[str]:
    from html import unescape

    return [unescape(m) for m in re.findall(r'role="img" aria-label="([^"]*)"', markup)]


def python_texts(sk: states._Skeleton) -> list:
    """The same, from the Python widget: every slot whose node and parents are shown."""
    shown = set()

    def walk(node, visible):
        visible = visible and node.layout.display != "none"
        if visible:
            shown.add(id(node))
        for child in getattr(node, "children", ()):
            walk(child, visible)

    walk(sk.widget.box, True)
    out = []
    for slot in sk.slots:
        if id(slot) in shown:
            markup = states._markup(slot)
            out.append([_text(markup), _alts(markup)])
    return out


def same_as_python(page, root, sk, what: str) -> None:
    """Wait until the page shows what Python shows (auto-waiting), else say where they differ."""
    expected = python_texts(sk)
    try:
        page.wait_for_function(
            f"([root, expected]) => JSON.stringify(({PAGE_TEXTS})(root)) === expected",
            arg=[root.element_handle(), json.dumps(expected, separators=(",", ":"), ensure_ascii=False)],
            timeout=10_000,
        )
    except PlaywrightTimeout:
        assert root.evaluate(PAGE_TEXTS) == expected, f"after {what}"


@pytest.fixture
def desktop(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lesson, css_class, cls", WIDGETS, ids=[f"{w[0]}-{w[2].__name__}" for w in WIDGETS])
def test_every_control_shows_what_python_shows(desktop, site_url, lesson, css_class, cls):
    page = desktop
    page.goto(f"{site_url}/{lesson}.html", wait_until="domcontentloaded")
    root = page.locator(f'.il-site-widget[data-ready="true"]:has(.{css_class})')
    expect(root).to_have_count(1)
    widget = cls()
    try:
        sk = states._Skeleton(widget)
        same_as_python(page, root, sk, "loading the page")
        for c, (control, values) in enumerate(sk.controls):
            if isinstance(control, ipywidgets.IntSlider):  # by keyboard: Home, then one step right at a time
                slider = root.locator(f'input[data-control="{c}"]')
                slider.focus()
                for j, key in enumerate(["Home"] + ["ArrowRight"] * (len(values) - 1)):
                    slider.press(key)
                    control.value = values[j]
                    same_as_python(page, root, sk, f"{key} to {values[j]}")
                continue
            labels = list(control._options_labels)
            for j in list(range(1, len(values))) + [0]:  # every value, ending where it began
                if isinstance(control, ipywidgets.ToggleButtons):
                    root.get_by_role("radio", name=labels[j], exact=True).check()
                else:
                    root.locator(f'select[data-control="{c}"]').select_option(label=labels[j])
                control.value = values[j]
                same_as_python(page, root, sk, f"choosing {labels[j]!r}")
        if getattr(widget, "nav", None) is not None:
            previous = root.get_by_role("button", name=re.compile("Previous"))
            following = root.get_by_role("button", name=re.compile("Next"))
            expect(previous).to_be_disabled()
            for step in range(1, widget.state.count):
                following.click()
                widget.nav.step(+1)
                same_as_python(page, root, sk, f"Next to step {step + 1}")
            expect(following).to_be_disabled()
            previous.click()
            widget.nav.step(-1)
            same_as_python(page, root, sk, "Previous")
    finally:
        widget.close()


def test_the_controls_work_by_keyboard(desktop, site_url):
    """Tab reaches Next and Enter presses it; arrow keys move a radio group
    (the symptom stepper, one anywidget module playing Python's table: what it
    shows is the table's state; its long random walks are in
    test_state_player_in_browser.py)."""
    from test_state_player_in_browser import expected

    page = desktop
    page.goto(f"{site_url}/03_symptoms.html", wait_until="domcontentloaded")
    root = page.locator(".ilsp.il-symptom-stepper")
    expect(root).to_have_attribute("data-ready", "true")

    def same_as_table(positions, what):
        want = expected(positions)
        expect(root).to_have_attribute("data-state", want["key"])
        expect(root.locator(".ilsp-slot-figure svg[role=img]")).to_have_attribute("aria-label", want["alt"])
        assert (
            root.locator(".ilsp-slot-title").evaluate("(n) => n.textContent.replace(/\\s+/g, ' ').trim()")
            == want["title"]
        ), what

    previous = root.get_by_role("button", name=re.compile("Previous"))
    following = root.get_by_role("button", name=re.compile("Next"))
    expect(previous).to_be_disabled()  # disabled buttons are skipped: focus moves on with Tab
    root.get_by_role("radio", name="patient's left", exact=True).focus()
    page.keyboard.press("Shift+Tab")
    expect(following).to_be_focused()
    page.keyboard.press("Enter")
    same_as_table([1, 0, 0], "Enter on Next")
    root.get_by_role("radio", name="patient's left", exact=True).focus()
    page.keyboard.press("ArrowRight")
    expect(root.get_by_role("radio", name="patient's right", exact=True)).to_be_checked()
    same_as_table([1, 1, 0], "ArrowRight in the side group")


@pytest.mark.parametrize("lesson", sorted({w[0] for w in WIDGETS}))
def test_every_widget_on_the_page_starts(desktop, site_url, lesson):
    page = desktop
    page.goto(f"{site_url}/{lesson}.html", wait_until="domcontentloaded")
    expect(page.locator('.il-site-widget[data-ready="error"]')).to_have_count(0)
    expect(page.locator('.il-site-widget[data-kind="states"][data-ready="true"]')).to_have_count(
        sum(1 for w in WIDGETS if w[0] == lesson)
    )
    expect(page.locator(".il-site-widget:not([data-ready])")).to_have_count(0)


TAP_TARGETS = "button, select, input[type='range'], .il-site-choice"


@pytest.mark.parametrize("lesson", sorted({w[0] for w in WIDGETS}))
def test_on_a_phone_every_control_can_be_tapped(phone, site_url, lesson):
    """At 390 px: each control is at least 40 px high, inside the page's width,
    and not covered by another control."""
    page, outside = phone
    page.goto(f"{site_url}/{lesson}.html", wait_until="domcontentloaded")
    expect(page.locator('.il-site-widget[data-kind="states"][data-ready="true"]').first).to_be_attached()
    problems = page.evaluate(
        """(selector) => {
      const out = [];
      const width = document.documentElement.clientWidth;
      for (const el of document.querySelectorAll(`.il-site-widget :is(${selector})`)) {
        if (el.closest("[hidden]")) continue;
        const r = el.getBoundingClientRect();
        const name = (el.textContent || el.getAttribute("aria-label") || el.tagName).trim().slice(0, 30);
        if (r.height < 40) out.push(`${name}: ${Math.round(r.height)} px high`);
        if (r.left < 0 || r.right > width + 1) out.push(`${name}: outside the page (${Math.round(r.left)}-${Math.round(r.right)})`);
        el.scrollIntoView({block: "center"});
        const box = el.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (hit && !el.contains(hit) && !hit.contains(el)) out.push(`${name}: covered by ${hit.tagName}.${hit.className}`);
      }
      return out;
    }""",
        TAP_TARGETS,
    )
    assert problems == []
    assert outside == []
