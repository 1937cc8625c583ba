"""The pain-map exercise (lesson 05) in a real browser, as a learner uses it:
click areas of the body map, reach one with Tab and mark it with Space,
press Check, and see found / missed / extra marked on the map itself with
their legend, and the feedback right under the Check button.  Then the
reference pattern and the other body.  In JupyterLab and in a Voila app
(the anywidget front end loads in both, with nothing fetched from outside).
"""

from __future__ import annotations

import re

import pytest
from _page_checks import ARTIFACTS
from _voila import RENDER_TIMEOUT, is_local, new_page, voila_fixture
from playwright.sync_api import expect

import iliopsoas_lessons as il
from iliopsoas_lessons.figures.bodymap_svg import choice_map_svg
from iliopsoas_lessons.widgets.state import PainMapState

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# each check waits for a round trip to the kernel: generous on a busy machine
KERNEL_MS = 20_000

LESSON = "05_review.ipynb"
STATE = PainMapState()
ANSWER = set(STATE.answer)
# the areas in the order Tab visits them (the order of the SVG)
TAB_ORDER = [k for k in re.findall(r'data-gid="([^"]+)"', choice_map_svg(STATE.choices)) if k in STATE.choices]
CLICKED = ("groin_left", "lateral_hip_left")  # one of the pattern, one not
# an area of the pattern that Tab reaches from the area before it
_i = next(i for i in range(1, len(TAB_ORDER)) if TAB_ORDER[i] in ANSWER - set(CLICKED))
TAB_FROM, TAB_TO = TAB_ORDER[_i - 1], TAB_ORDER[_i]
NEAR_PX = 150  # the feedback starts within this distance of the Check button


def check_pain_map(scope, shot: str = "") -> None:
    root = scope.locator(".ilpm").first
    expect(root, "the pain map did not render").to_be_visible(timeout=30_000)
    root.scroll_into_view_if_needed()
    area = lambda key: root.locator(f'.ilpm-area[data-region="{key}"]')  # noqa: E731  (a one-line locator helper)
    expect(root.locator(".ilpm-area")).to_have_count(len(STATE.choices), timeout=KERNEL_MS)
    groin = area("groin_left")
    expect(groin).to_have_attribute("role", "checkbox", timeout=KERNEL_MS)
    expect(groin).to_have_attribute("tabindex", "0", timeout=KERNEL_MS)
    expect(groin).to_have_attribute("aria-checked", "false", timeout=KERNEL_MS)
    expect(groin).to_have_attribute("aria-label", "groin, patient's left", timeout=KERNEL_MS)
    expect(area("s1_foot_left")).to_have_attribute(
        "aria-label", "heel, outer foot and little toe, patient's left", timeout=KERNEL_MS
    )

    # -- click two areas ---------------------------------------------------------
    for key in CLICKED:
        area(key).click()
        expect(area(key)).to_have_attribute("aria-checked", "true", timeout=KERNEL_MS)
        expect(area(key)).to_have_attribute("data-mark", "selected", timeout=KERNEL_MS)
    area("saddle").click()  # and a second click unmarks
    expect(area("saddle")).to_have_attribute("aria-checked", "true", timeout=KERNEL_MS)
    area("saddle").click()
    expect(area("saddle")).to_have_attribute("aria-checked", "false", timeout=KERNEL_MS)
    feedback = root.locator(".ilpm-feedback")
    expect(feedback).to_have_text(re.compile(r"2 areas marked"), timeout=KERNEL_MS)

    # -- the keyboard: Tab to an area, Space marks it -----------------------------------
    area(TAB_FROM).focus()
    root.page.keyboard.press("Tab")
    expect(area(TAB_TO)).to_be_focused(timeout=KERNEL_MS)
    root.page.keyboard.press("Space")
    expect(area(TAB_TO)).to_have_attribute("aria-checked", "true", timeout=KERNEL_MS)
    expect(area(TAB_TO)).to_have_attribute("data-mark", "selected", timeout=KERNEL_MS)
    expect(feedback).to_have_text(re.compile(r"3 areas marked"), timeout=KERNEL_MS)

    # -- Check: found, missed and extra on the map, with their legend ---------------
    check = root.get_by_role("button", name="Check", exact=True)
    check.click()
    expect(feedback).to_have_text(re.compile(r"^✗ Not yet\. 2 of 6 areas found"), timeout=KERNEL_MS)
    expect(feedback).to_contain_text("Not part of the pattern: outer (lateral) hip", timeout=KERNEL_MS)
    expect(area("groin_left")).to_have_attribute("data-mark", "found", timeout=KERNEL_MS)
    expect(area(TAB_TO)).to_have_attribute("data-mark", "found", timeout=KERNEL_MS)
    expect(area("lateral_hip_left")).to_have_attribute("data-mark", "extra", timeout=KERNEL_MS)
    for key in ANSWER - {"groin_left", TAB_TO}:
        expect(area(key)).to_have_attribute("data-mark", "missed", timeout=KERNEL_MS)
    expect(area("saddle")).not_to_have_attribute("data-mark", re.compile(".*"), timeout=KERNEL_MS)
    expect(root.locator(".ilpm-legend li")).to_have_text(
        [
            "found: you marked it, and it is part of the pattern",
            "missed: part of the pattern, not marked",
            "extra: marked, but not part of the pattern",
        ],
        timeout=KERNEL_MS,
    )
    expect(area("lateral_hip_left")).to_have_attribute(
        "aria-label",
        "outer (lateral) hip, patient's left (extra: marked, but not part of the pattern)",
        timeout=KERNEL_MS,
    )
    svg = root.locator(".ilpm-map svg")
    expect(svg).to_have_attribute(
        "aria-label", re.compile(r"Found: .*groin, patient's left.*Missed: .*Extra"), timeout=KERNEL_MS
    )
    # three marks that differ in more than colour: fill pattern, outline dash, width
    looks = root.evaluate("""r => ['found', 'missed', 'extra'].map(m => {
        const p = r.querySelector(`.ilpm-area[data-mark="${m}"] path`);
        return [p.getAttribute('fill'), p.getAttribute('stroke-dasharray')].join(' ');
    })""")
    assert len(set(looks)) == 3, looks

    # -- the feedback sits by the Check button ---------------------------------------
    boxes = root.evaluate("""r => {
        const b = r.querySelector('.ilpm-check').getBoundingClientRect();
        const f = r.querySelector('.ilpm-feedback').getBoundingClientRect();
        return {b: [b.left, b.top, b.right, b.bottom], f: [f.left, f.top, f.right, f.bottom]};
    }""")
    (bl, bt, br, bb), (fl, ft, fr, fb) = boxes["b"], boxes["f"]
    gap_y = max(0.0, ft - bb, bt - fb)
    gap_x = max(0.0, fl - br, bl - fr)
    assert gap_y <= NEAR_PX and gap_x <= NEAR_PX, f"feedback {boxes['f']} far from Check {boxes['b']}"
    if shot:  # the checked map, as a picture for the README and for review
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        root.screenshot(path=str(ARTIFACTS / shot), timeout=15_000)

    # -- the reference pattern, and back ------------------------------------------------
    reference = root.get_by_role("button", name="Show the reference pattern")
    reference.click()
    expect(reference).to_have_attribute("aria-pressed", "true", timeout=KERNEL_MS)
    source = il.symptom("back_pain").regions_for("left", "source")[0]
    expect(area(source)).to_have_attribute("data-mark", "source", timeout=KERNEL_MS)
    expect(area("lateral_hip_left")).not_to_have_attribute("data-mark", re.compile(".*"), timeout=KERNEL_MS)
    reference.click()
    expect(reference).to_have_attribute("aria-pressed", "false", timeout=KERNEL_MS)
    expect(area("lateral_hip_left")).to_have_attribute("data-mark", "extra", timeout=KERNEL_MS)

    # -- the other body keeps the marks -----------------------------------------------------
    root.get_by_role("radio", name="female body").check()
    expect(svg).to_have_attribute("aria-label", re.compile(r"^Body map \(female body\)"), timeout=KERNEL_MS)
    expect(area("groin_left")).to_have_attribute("data-mark", "found", timeout=KERNEL_MS)
    root.get_by_role("button", name="Clear").click()
    expect(area("groin_left")).to_have_attribute("aria-checked", "false", timeout=KERNEL_MS)
    expect(feedback).to_have_text(re.compile(r"0 areas marked"), timeout=KERNEL_MS)


def test_pain_map_in_lab(lab):
    lab.open(LESSON).run_all_and_wait()
    assert lab.errors() == []
    check_pain_map(lab.notebook, shot="pain_map_lab.png")
    assert lab.errors() == []
    assert [c for c in lab.console if c.startswith("pageerror")] == []


voila_review = voila_fixture("voila_review", LESSON)


def test_pain_map_in_voila(browser, voila_review):
    with new_page(browser) as page:
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(voila_review.app_url, wait_until="domcontentloaded", timeout=RENDER_TIMEOUT)
        expect(page.locator(".ilpm")).to_be_visible(timeout=RENDER_TIMEOUT)
        check_pain_map(page, shot="pain_map_voila.png")
        assert errors == []
        assert [u for u in requests if not is_local(u)] == []
