"""The pain-map exercise (lesson 05) in a real browser, as a learner uses it:
click areas of the body map, reach one with Tab and mark it with Space,
press Check, and see found / missed / extra marked on the map itself with
their legend, and the feedback right under the Check button.  Then the
reference pattern and the other body.  In JupyterLab and in a Voila app
(the anywidget front end loads in both, with nothing fetched from outside).
Then a long random sequence of every control (fixed seed), after each step
compared with Python's state table (PainMapExercise.view()) for the same
actions; at 390 px every control is a full-size target inside the page, and
axe (WCAG 2.2 AA tags) finds nothing on the widget.
"""

from __future__ import annotations

import json
import random
import re

import pytest
from _outline import unmarked_look
from _page_checks import ARTIFACTS
from _painmap_page import click_area
from _voila import RENDER_TIMEOUT, is_local, new_page, voila_fixture
from playwright.sync_api import expect

import iliopsoas_lessons as il
from iliopsoas_lessons.figures.bodymap_svg import choice_map_svg
from iliopsoas_lessons.widgets import PainMapExercise
from iliopsoas_lessons.widgets._state_painmap import MARK_STYLES
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
    expect_unmarked_look(root, area("saddle"))
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
    expect_tiles_on_the_page(root)

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


def expect_unmarked_look(root, area) -> None:
    """A marked, then unmarked area looks as Python says (CHOICE_STYLE), with
    nothing of the mark left: its attributes, and what the browser paints
    once the pointer has left it (hover thickens the outline)."""
    path = area.locator("path").first
    look = unmarked_look()
    for name, value in look.items():
        expect(path, f"unmarked {name}").to_have_attribute(name, value, timeout=KERNEL_MS)
    root.page.mouse.move(0, 0)
    rgb = lambda hex_: "rgb({}, {}, {})".format(*(int(hex_[i : i + 2], 16) for i in (1, 3, 5)))  # noqa: E731
    expect(path).to_have_css("fill", rgb(look["fill"]), timeout=KERNEL_MS)
    expect(path).to_have_css("stroke", rgb(look["stroke"]), timeout=KERNEL_MS)
    expect(path).to_have_css("fill-opacity", look["fill-opacity"], timeout=KERNEL_MS)


def expect_tiles_on_the_page(root) -> None:
    """Every marked area's fill, url(#id), is a <pattern> of this page."""
    fills = root.evaluate("""r => [...r.querySelectorAll('.ilpm-area[data-mark] path')]
        .map(p => p.getAttribute('fill'))""")
    assert fills and all(re.fullmatch(r"url\(#[^)]+\)", f) for f in fills), fills
    for tile in sorted(set(fills)):
        expect(root.locator(f'pattern[id="{tile[5:-1]}"]'), tile).to_have_count(1, timeout=KERNEL_MS)


ICONS = {"correct": "✓ ", "not_yet": "✗ ", "error": "⚠ "}  # painmap.js writes them before the feedback
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


def assert_shows(root, mirror: PainMapExercise, say: str) -> None:
    """The page shows what Python's state table gives for the same actions."""
    v, s = mirror.view(), mirror.state
    feedback = root.locator(".ilpm-feedback")
    expect(feedback, say + ": feedback").to_have_text(ICONS.get(v["feedback_kind"], "") + v["feedback"])
    expect(feedback, say + ": feedback kind").to_have_attribute("data-kind", v["feedback_kind"])
    expect(root.locator(".ilpm-map svg").first, say + ": alt text").to_have_attribute("aria-label", v["description"])
    expect(root.locator(".ilpm-legend li"), say + ": legend").to_have_text(
        [MARK_STYLES[status]["label"] for status in v["legend"]]
    )
    expect(root.locator(".ilpm-reference"), say + ": reference").to_have_attribute(
        "aria-pressed", "true" if s.showing_reference else "false"
    )
    expect(root.get_by_role("radio", name=f"{s.body} body", exact=True), say + ": body").to_be_checked()
    shown = root.evaluate("""r => [...r.querySelectorAll('.ilpm-area')].map(g => [g.dataset.region,
        g.getAttribute('aria-checked'), g.getAttribute('aria-label'), g.dataset.mark || null])""")
    want = [[k, "true" if k in v["selected"] else "false", v["labels"][k], v["marks"].get(k)] for k, *_ in shown]
    assert shown == want, say
    assert sorted(k for k, *_ in shown) == sorted(s.choices), say


def random_sequence(root, mirror: PainMapExercise, steps: int, seed: int) -> None:
    """Every control in a random order (fixed seed), by mouse, keyboard and the
    list; after each step the page must show Python's view of the same steps."""
    rng = random.Random(seed)
    area = lambda key: root.locator(f'.ilpm-area[data-region="{key}"]')  # noqa: E731
    actions = ["click", "space", "list", "check", "reference", "body", "clear"]
    for i in range(steps):
        action = rng.choices(actions, [5, 3, 2, 3, 2, 2, 1])[0]
        key = rng.choice(mirror.state.choices)
        if action == "click":
            click_area(root.page, area(key))
            mirror.toggle(key)
        elif action == "space":
            area(key).focus()
            area(key).press("Space")
            mirror.toggle(key)
        elif action == "list":
            if root.locator(".ilpm-list[open]").count() == 0:
                root.locator(".ilpm-list summary").click()
            root.locator(f'.ilpm-list-item input[data-region="{key}"]').click()
            mirror.toggle(key)
        elif action == "check":
            root.get_by_role("button", name="Check", exact=True).click()
            mirror.check()
        elif action == "reference":
            root.locator(".ilpm-reference").click()
            mirror.set_reference(not mirror.state.showing_reference)
        elif action == "body":
            other = "female" if mirror.state.body == "male" else "male"
            root.get_by_role("radio", name=f"{other} body", exact=True).check()
            mirror.set_body(other)
        else:
            root.get_by_role("button", name="Clear", exact=True).click()
            mirror.clear()
        assert_shows(root, mirror, f"step {i}: {action} {key}")


def mirror_after_check_pain_map(tmp_path, monkeypatch) -> PainMapExercise:
    """Python's side, where check_pain_map leaves the page: the female body, nothing marked."""
    monkeypatch.setenv("ILIOPSOAS_LESSONS_DATA", str(tmp_path))  # nobody's saved marks
    return PainMapExercise(body="female")


def controls_too_small(page) -> list[str]:
    """Controls of the map smaller than 24 x 24 px or reaching outside the page.
    The areas of the drawing are left out: each has a full-size checkbox in
    the list beside it (WCAG 2.2, 2.5.8's equivalent-control exception)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.ilpm button, .ilpm input, .ilpm summary')]
            .filter((b) => b.offsetParent !== null || b.tagName === 'SUMMARY')
            .map((b) => [b, b.getBoundingClientRect()])
            .filter(([b, r]) => r.width < 24 || r.height < 24 || r.left < 0
                    || r.right > document.documentElement.clientWidth)
            .map(([b, r]) => `${b.outerHTML.slice(0, 60)}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )


def axe_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, context=".ilpm", options=options).response["violations"]


def test_pain_map_in_lab(lab, tmp_path, monkeypatch):
    lab.open(LESSON).run_all_and_wait()
    assert lab.errors() == []
    check_pain_map(lab.notebook, shot="pain_map_lab.png")
    root = lab.notebook.locator(".ilpm").first
    random_sequence(root, mirror_after_check_pain_map(tmp_path, monkeypatch), steps=40, seed=20261208)
    # the page's Check reached the kernel, which recorded it in the learner's file
    saved = json.loads((lab.server.root.parent / "learner" / "progress.json").read_text(encoding="utf-8"))
    assert "back_pain_referral" in saved["exercises"]["pain_map"]
    found = axe_violations(lab.page)
    assert found == [], json.dumps(found, indent=1)[:4000]
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


def test_pain_map_in_voila_at_390px(browser, voila_review, tmp_path, monkeypatch):
    """On a phone: every control a full-size target inside the page, the
    random sequence, and axe finds nothing, checked and on the reference."""
    with new_page(browser, 390, 844) as page:
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(voila_review.app_url, wait_until="domcontentloaded", timeout=RENDER_TIMEOUT)
        root = page.locator(".ilpm").first
        expect(root.locator(".ilpm-area").first).to_be_visible(timeout=RENDER_TIMEOUT)
        root.locator(".ilpm-list summary").click()  # open the list: its checkboxes are measured too
        expect(root.locator(".ilpm-list[open]")).to_have_count(1)
        assert controls_too_small(page) == []
        monkeypatch.setenv("ILIOPSOAS_LESSONS_DATA", str(tmp_path))
        mirror = PainMapExercise()
        # the Voila kernel may have restored a check saved by an earlier test: start from Clear
        root.get_by_role("button", name="Clear", exact=True).click()
        assert_shows(root, mirror, "cleared")
        random_sequence(root, mirror, steps=30, seed=20261209)
        root.get_by_role("button", name="Check", exact=True).click()
        mirror.check()
        assert_shows(root, mirror, "checked")
        assert controls_too_small(page) == []
        found = axe_violations(page)
        assert found == [], json.dumps(found, indent=1)[:4000]
        root.locator(".ilpm-reference").click()
        mirror.set_reference(True)
        assert_shows(root, mirror, "reference")
        found = axe_violations(page)
        assert found == [], json.dumps(found, indent=1)[:4000]
        assert errors == []
