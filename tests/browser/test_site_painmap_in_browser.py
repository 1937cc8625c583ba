"""The pain-map exercise on the course website, with no kernel: one source of truth.

The site's page runs painmap.js (the anywidget's own module, which moves
between states itself) on the site's anywidget host, with site-painmap.js
saving a check in the browser. Here the same clicks and keys go to the page
and to Python's PainMapExercise, and after each the page must show what
Python's state table (PainMapExercise.view()) gives: the feedback and its
kind, the map's alt text, the key to the map, and each area's state,
accessible name and paint. Combinations: every single area, the exact answer, nothing, the answer
with the areas only the source article named, random sets (fixed seed); each
body, the reference pattern on and off, Clear; by mouse, keyboard and touch.
The site is conftest.py's (built once, served on loopback).
"""

from __future__ import annotations

import json
import random
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from iliopsoas_lessons.widgets import PainMapExercise
from iliopsoas_lessons.widgets._state_painmap import MARK_STYLES
from _painmap_page import click_area, tap_area
from test_accessibility import blocking_violations

PAGE = "05_review.html"
ICONS = {"correct": "✓ ", "not_yet": "✗ ", "error": "⚠ "}  # painmap.js writes them before the feedback


@pytest.fixture
def exercise(tmp_path, monkeypatch):
    """Python's side: a fresh exercise with nobody's saved marks, as on the site."""
    monkeypatch.setenv("ILIOPSOAS_LESSONS_DATA", str(tmp_path))
    widget = PainMapExercise()
    yield widget
    widget.close()


@pytest.fixture
def wide(browser, site_url):
    """A 1280 px wide page that may load the site's own files only."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(15_000)
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(site_url + "/") else route.abort()
    )
    page = context.new_page()
    yield page
    context.close()


class Both:
    """The site's pain map and Python's PainMapExercise, given the same actions."""

    def __init__(self, page, site_url, exercise, *, address: str = ""):
        self.page, self.widget = page, exercise
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.goto(address or f"{site_url}/{PAGE}", wait_until="domcontentloaded")
        self.root = page.locator(".il-site-painmap")
        expect(self.root).to_have_attribute("data-ready", "true")
        self.choices = exercise.state.choices
        self._looked_one_by_one = False

    def area(self, key: str):
        return self.root.locator(f'.ilpm-area[data-region="{key}"]')

    def button(self, name: str):
        return self.root.get_by_role("button", name=name, exact=True)

    # -- the same action on both sides ----------------------------------------
    def click(self, key: str):
        click_area(self.page, self.area(key))
        self.widget.toggle(key)

    def tap(self, key: str):
        tap_area(self.page, self.area(key))
        self.widget.toggle(key)

    def from_list(self, key: str):
        """Tap the area's checkbox in the list beside the map (opened first)."""
        opener = self.root.locator(".ilpm-list summary")
        if self.root.locator(".ilpm-list[open]").count() == 0:
            opener.tap()
        self.root.locator(f'.ilpm-list-item input[data-region="{key}"]').tap()
        self.widget.toggle(key)

    def space(self, key: str):
        self.area(key).focus()
        self.area(key).press("Space")
        self.widget.toggle(key)

    def check(self):
        self.button("Check").click()
        return self.widget.check()

    def clear(self):
        self.button("Clear").click()
        self.widget.clear()

    def reference(self):
        self.button("Show the reference pattern").click()
        self.widget.set_reference(not self.widget.state.showing_reference)

    def body(self, body: str):
        self.root.get_by_role("radio", name=f"{body} body", exact=True).check()
        self.widget.set_body(body)

    # -- what each shows ------------------------------------------------------
    def assert_same(self, step: str) -> None:
        v, s = self.widget.view(), self.widget.state
        kind, text = v["feedback_kind"], v["feedback"]
        say = f"{step}: "
        feedback = self.root.locator(".ilpm-feedback")
        expect(feedback, say + "feedback").to_have_text(ICONS.get(kind, "") + text, use_inner_text=True)
        expect(feedback, say + "feedback kind").to_have_attribute("data-kind", kind)
        expect(self.root.locator(".ilpm-map svg").first, say + "alt text").to_have_attribute(
            "aria-label", v["description"]
        )
        expect(self.root.locator(".ilpm-legend li"), say + "legend").to_have_text(
            [MARK_STYLES[status]["label"] for status in v["legend"]]
        )
        expect(self.button("Show the reference pattern"), say + "reference button").to_have_attribute(
            "aria-pressed", "true" if s.showing_reference else "false"
        )
        expect(self.root.get_by_role("radio", name=f"{s.body} body", exact=True), say + "body").to_be_checked()
        expected = _areas_as_python_sees_them(v, self.choices)
        # Every area in one look, waited for until it matches (one round trip
        # instead of five per area, the slowest part of this module). The first
        # look of each page, and any mismatch, go area by area through
        # Playwright's own assertions: they compute the accessible name and
        # say which area differs.
        try:
            self.page.wait_for_function(_AREAS_MATCH, arg=expected)
        except PlaywrightTimeout:
            self._assert_each_area(v, say)
            raise
        if not self._looked_one_by_one:
            self._assert_each_area(v, say)
            self._looked_one_by_one = True

    def _assert_each_area(self, v, say: str) -> None:
        for key in self.choices:
            area = self.area(key)
            expect(area, f"{say}{key} checked").to_have_attribute(
                "aria-checked", "true" if key in v["selected"] else "false"
            )
            expect(area, f"{say}{key} name").to_have_accessible_name(v["labels"][key])
            box = self.root.locator(f'.ilpm-list-item input[data-region="{key}"]')
            expect(box, f"{say}{key} in the list").to_be_checked(checked=key in v["selected"])
            # the list may be folded away (a closed <details> names nothing), so its words are read as text
            expect(box.locator("xpath=.."), f"{say}{key} list words").to_have_text(v["labels"][key])
            if key in v["marks"]:
                expect(area, f"{say}{key} paint").to_have_attribute("data-mark", v["marks"][key])
            else:
                expect(area, f"{say}{key} paint").not_to_have_attribute("data-mark", _ANY)

    def assert_no_errors(self) -> None:
        assert self.errors == [], self.errors


_ANY = re.compile(".*")

# True once every area and its list item show what Python expects: the area's
# aria-checked and aria-label (its accessible name: the areas have no other),
# the list's checkbox and words (whitespace folded, as to_have_text does) and
# the paint (data-mark, absent when unmarked).
_AREAS_MATCH = """(expected) => {
  const root = document.querySelector(".il-site-painmap");
  if (!root) return false;
  for (const [key, want] of Object.entries(expected)) {
    const area = root.querySelector(`.ilpm-area[data-region="${key}"]`);
    const box = root.querySelector(`.ilpm-list-item input[data-region="${key}"]`);
    if (!area || !box) return false;
    if (area.getAttribute("aria-checked") !== want.checked) return false;
    if (area.getAttribute("aria-label") !== want.label) return false;
    if (area.hasAttribute("aria-labelledby")) return false;
    if (box.checked !== want.listed) return false;
    if (box.parentElement.textContent.replace(/\\s+/g, " ").trim() !== want.words) return false;
    if (area.getAttribute("data-mark") !== want.mark) return false;
  }
  return true;
}"""


def _areas_as_python_sees_them(view: dict, choices) -> dict:
    """What _AREAS_MATCH compares, per area, from Python's view."""
    return {
        key: {
            "checked": "true" if key in view["selected"] else "false",
            "label": view["labels"][key],
            "listed": key in view["selected"],
            "words": " ".join(view["labels"][key].split()),
            "mark": view["marks"].get(key),
        }
        for key in choices
    }


def _sets():
    """Named sets of areas: the answer, nothing, the answer with the source
    article's extra areas, and random sets drawn with a fixed seed."""
    import iliopsoas_lessons as il
    from iliopsoas_lessons.content import lessons as ld

    ex = ld.pain_map_exercise("back_pain_referral")
    article = il.symptom(ex.symptom).article_regions_for(ex.side)
    rng = random.Random(20261201)
    sets = {"answer": list(ex.answer), "nothing": [], "answer_and_article": [*ex.answer, *article]}
    for n in range(4):
        sets[f"random{n}"] = rng.sample(list(ex.choices), rng.randint(1, len(ex.choices) - 1))
    return sets


SETS = _sets()


def test_every_single_area_clicked_checked_and_cleared(wide, site_url, exercise):
    both = Both(wide, site_url, exercise)
    both.assert_same("start")
    for key in both.choices:
        both.click(key)
        both.assert_same(f"{key} clicked")
        both.check()
        both.assert_same(f"{key} checked")
        both.clear()
        both.assert_same(f"{key} cleared")
    both.assert_no_errors()


@pytest.mark.parametrize("name", list(SETS))
def test_a_set_of_areas_checked_with_the_reference_each_body_and_clear(wide, site_url, exercise, name):
    both = Both(wide, site_url, exercise)
    for key in SETS[name]:
        both.space(key)
    both.assert_same(f"{name} marked")
    result = both.check()
    assert result.correct == (name == "answer")  # the right answer is among the cases
    both.assert_same(f"{name} checked")
    both.reference()
    both.assert_same(f"{name} reference")
    both.body("female")
    both.assert_same(f"{name} reference, female body")
    both.reference()
    both.assert_same(f"{name} checked again, female body")
    both.click(SETS[name][0] if SETS[name] else both.choices[0])
    both.assert_same(f"{name} changed after the check")
    both.body("male")
    both.assert_same(f"{name} changed, male body")
    both.clear()
    both.assert_same(f"{name} cleared")
    both.assert_no_errors()


def test_tab_reaches_the_areas_and_space_marks_them(wide, site_url, exercise):
    both = Both(wide, site_url, exercise)
    order = both.root.locator(".ilpm-area")
    both.root.locator(".ilpm-prompt").click()  # Tab goes on from here
    wide.keyboard.press("Tab")
    expect(order.first).to_be_focused()
    first = order.first.get_attribute("data-region")
    wide.keyboard.press("Space")
    exercise.toggle(first)
    both.assert_same("first area by Space")
    wide.keyboard.press("Tab")
    expect(order.nth(1)).to_be_focused()
    second = order.nth(1).get_attribute("data-region")
    wide.keyboard.press("Space")
    exercise.toggle(second)
    both.assert_same("second area by Space")
    wide.keyboard.press("Space")
    exercise.toggle(second)
    both.assert_same("second area unmarked by Space")
    both.assert_no_errors()


def test_on_a_phone_it_is_tapped_and_never_scrolls_sideways(phone, site_url, exercise):
    page, outside = phone
    both = Both(page, site_url, exercise)
    wide_enough = "document.documentElement.scrollWidth <= window.innerWidth + 1"
    page.wait_for_function(wide_enough, timeout=15_000)
    for key in SETS["random0"][:3]:
        both.tap(key)
    both.button("Check").tap()
    exercise.check()
    both.assert_same("tapped and checked on a phone")
    page.wait_for_function(wide_enough, timeout=15_000)
    for name in ("Check", "Clear", "Show the reference pattern"):
        box = both.button(name).bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, box)
    # checked, and then showing the reference pattern: axe finds nothing serious in either
    assert blocking_violations(page, context=".il-site-painmap") == []
    both.reference()
    both.assert_same("reference on a phone")
    assert blocking_violations(page, context=".il-site-painmap") == []
    page.wait_for_function(wide_enough, timeout=15_000)
    assert outside == []
    both.assert_no_errors()


def test_it_works_when_the_site_is_opened_from_disk(browser, built_site, exercise):
    """A teacher may open build/site/index.html itself (file://, where modules would not load)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        both = Both(context.new_page(), None, exercise, address=(built_site / PAGE).as_uri())
        for key in SETS["random1"]:
            both.click(key)
        both.check()
        both.assert_same("checked, from disk")
        both.assert_no_errors()
    finally:
        context.close()


# Stands in for the site's progress store (window.ilSiteProgress): every record()
# call is kept on <html data-recorded>, and passed on to the real store if one loads.
RECORDER = """
(() => {
  const calls = [];
  let real = null;
  const wrapper = new Proxy({}, {
    get(_, name) {
      if (name === "record") {
        return (...args) => {
          calls.push(args);
          document.documentElement.dataset.recorded = JSON.stringify(calls);
          return real && real.record ? real.record(...args) : undefined;
        };
      }
      const value = real ? real[name] : undefined;
      return typeof value === "function" ? value.bind(real) : value;
    },
  });
  Object.defineProperty(window, "ilSiteProgress", {
    configurable: true, get: () => wrapper, set: (value) => { real = value; },
  });
})();
"""


def test_check_records_what_python_records(wide, site_url, exercise):
    calls = []
    record = exercise.state.store.record

    def keep(*args):
        calls.append([args[0], args[1], list(args[2]), bool(args[3])])
        return record(*args)

    exercise.state.store.record = keep
    wide.add_init_script(RECORDER)
    both = Both(wide, site_url, exercise)
    for key in ("groin_left", "calf_left"):
        both.click(key)
    both.check()
    for key in SETS["answer"]:
        if key not in exercise.state.marked:
            both.click(key)
    both.click("calf_left")
    both.check()
    assert [c[3] for c in calls] == [False, True]
    expect(wide.locator("html")).to_have_attribute("data-recorded", json.dumps(calls, separators=(",", ":")))
    both.assert_no_errors()


def test_a_reload_shows_the_marks_last_checked_as_python_does(wide, site_url, exercise, tmp_path, monkeypatch):
    """The site keeps the learner's last check in the browser and shows it
    checked after a reload, as a new PainMapExercise over the same record does."""
    from iliopsoas_lessons.progress import FILE_NAME

    both = Both(wide, site_url, exercise)
    for key in ("groin_left", "calf_left"):
        both.click(key)
    both.check()
    both.click("groin_left")  # changed after the check, not checked again: not what is kept
    folder = tmp_path / "the-browser's-record"
    folder.mkdir()
    (folder / FILE_NAME).write_text(wide.evaluate("window.ilSiteProgress.fileText()"), encoding="utf-8")
    monkeypatch.setenv("ILIOPSOAS_LESSONS_DATA", str(folder))
    again = PainMapExercise()  # what JupyterLab shows over the same record
    try:
        assert again.state.checked and set(again.state.marked) == {"groin_left", "calf_left"}
        restored = Both(wide, site_url, again)  # loads the page again
        restored.assert_same("after a reload")
        restored.assert_no_errors()
    finally:
        again.close()


def test_on_a_phone_every_area_has_a_full_size_target_in_the_list(phone, site_url, exercise):
    """Some areas of the drawing are a few pixels wide at 390 px; the list
    beside the map gives each one a target at least 44 px tall (WCAG 2.2,
    2.5.8), and marking from the list is marking on the map."""
    page, outside = phone
    both = Both(page, site_url, exercise)
    for key in SETS["random0"][:3]:
        both.from_list(key)
    both.assert_same("marked from the list")
    both.button("Check").tap()
    exercise.check()
    both.assert_same("checked after marking from the list")
    both.from_list(SETS["random0"][0])
    both.assert_same("unmarked from the list")
    items = both.root.locator(".ilpm-list-item")
    expect(items).to_have_count(len(both.choices))
    for key in both.choices:  # the list is open now: each checkbox is named by its area's words
        expect(both.root.locator(f'.ilpm-list-item input[data-region="{key}"]')).to_have_accessible_name(
            exercise.view()["labels"][key]
        )
    for i in range(items.count()):
        box = items.nth(i).bounding_box()
        tick = items.nth(i).locator("input").bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert tick["width"] >= 24 and tick["height"] >= 24, tick
    assert blocking_violations(page, context=".il-site-painmap") == []
    assert outside == []
    both.assert_no_errors()


def test_a_long_random_sequence_of_every_control_matches_python_after_each_step(wide, site_url, exercise):
    """Clicks, Space, the list, Check, the reference pattern, each body, Clear,
    in a random order (fixed seed): after every step the page shows Python's view."""
    both = Both(wide, site_url, exercise)
    rng = random.Random(20261207)
    actions = ["click", "space", "list", "check", "reference", "body", "clear"]
    weights = [5, 3, 2, 3, 2, 2, 1]
    for i in range(60):
        action = rng.choices(actions, weights)[0]
        if action in ("click", "space"):
            key = rng.choice(both.choices)
            getattr(both, action)(key)
        elif action == "list":
            key = rng.choice(both.choices)
            opener = both.root.locator(".ilpm-list summary")
            if both.root.locator(".ilpm-list[open]").count() == 0:
                opener.click()
            both.root.locator(f'.ilpm-list-item input[data-region="{key}"]').click()
            exercise.toggle(key)
        elif action == "check":
            both.check()
        elif action == "reference":
            both.reference()
        elif action == "body":
            both.body("female" if exercise.state.body == "male" else "male")
        else:
            both.clear()
        both.assert_same(f"step {i}: {action}")
    both.assert_no_errors()


@pytest.mark.parametrize("field", ["checked", "label", "listed", "words", "mark"])
def test_the_one_look_comparison_notices_each_kind_of_difference(wide, site_url, exercise, field):
    """assert_same's one-look check must fail when any one thing it compares differs."""
    both = Both(wide, site_url, exercise)
    key = both.choices[0]
    both.click(key)
    v = exercise.view()
    right = _areas_as_python_sees_them(v, both.choices)
    wide.wait_for_function(_AREAS_MATCH, arg=right)  # as shown
    wrong = json.loads(json.dumps(right))
    wrong[key][field] = {"checked": "false", "label": "x", "listed": False, "words": "x", "mark": "wrong"}[field]
    with pytest.raises(PlaywrightTimeout):
        wide.wait_for_function(_AREAS_MATCH, arg=wrong, timeout=500)
