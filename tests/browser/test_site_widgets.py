"""The figure widgets on the course website, with no kernel: every control of
every explorer is used, by mouse or keyboard, and after each use the page's
texts and the figures' alt texts equal the state table the Python widget drew
(one source of truth; each widget is one anywidget module, state_player.js,
on the site's anywidget host: the long random walks of each widget in the
three hosts are in test_state_player_{site,lab,voila}.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from _state_player import EXPLORER_TABLES, play_explorer

# (lesson page, the widget's class on the page, its Python class's name)
WIDGETS = [
    ("00_start_here", "il-hip-angle", "HipAngleExplorer"),
    ("01_anatomy", "il-anatomy-explorer", "AnatomyExplorer"),
    ("01_anatomy", "il-hip-angle", "HipAngleExplorer"),
    ("03_symptoms", "il-symptom-explorer", "SymptomExplorer"),
]


@pytest.fixture
def desktop(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


def every_value(table) -> list:
    """Each control through every value, ending where it began: the radios
    and the select by mouse, the slider by keyboard (Home, then one step
    right at a time, then End and Home)."""
    out = []
    for c, control in enumerate(table["controls"]):
        if control["type"] == "slider":
            out += [(c, "Home")] + [(c, "ArrowRight")] * (control["count"] - 1) + [(c, "End"), (c, "Home")]
        else:
            out += [(c, j) for j in [*range(1, control["count"]), 0]]
    return out


@pytest.mark.parametrize("lesson, css_class, name", WIDGETS, ids=[f"{w[0]}-{w[2]}" for w in WIDGETS])
def test_every_control_shows_what_python_shows(desktop, site_url, lesson, css_class, name):
    page = desktop
    page.goto(f"{site_url}/{lesson}.html", wait_until="domcontentloaded")
    root = page.locator(f".il-site-widget[data-ready='true'] .ilsp.{css_class}")
    expect(root).to_have_count(1)
    expect(root).to_have_attribute("data-ready", "true")
    table = EXPLORER_TABLES[name]
    actions = every_value(table)
    assert play_explorer(page, root, table, actions) == len(actions)
    if any(c["type"] == "slider" for c in table["controls"]):
        assert "Home" in [what for _, what in actions]  # the slider was used by keyboard


def test_the_controls_work_by_keyboard(desktop, site_url):
    """Tab reaches Next and Enter presses it; arrow keys move a radio group
    (the symptom stepper, one anywidget module playing Python's table: what it
    shows is the table's state; its long random walks are in
    test_state_player_site.py)."""
    from _state_player import expected

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
    explorers = [w[1] for w in WIDGETS if w[0] == lesson]
    for css_class in explorers:
        expect(
            page.locator(f'.il-site-widget[data-kind="anywidget"][data-ready="true"] .ilsp.{css_class}')
        ).to_have_count(1)
    expect(page.locator(".il-site-widget:not([data-ready])")).to_have_count(0)


TAP_TARGETS = "button, select, input[type='range'], .ilsp-choice"


@pytest.mark.parametrize("lesson", sorted({w[0] for w in WIDGETS}))
def test_on_a_phone_every_control_can_be_tapped(phone, site_url, lesson):
    """At 390 px: each control is at least 40 px high, inside the page's width,
    and not covered by another control."""
    page, outside = phone
    page.goto(f"{site_url}/{lesson}.html", wait_until="domcontentloaded")
    expect(page.locator('.il-site-widget[data-kind="anywidget"] .ilsp[data-ready="true"]').first).to_be_attached()
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
