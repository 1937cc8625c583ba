"""Helpers shared by the figure widgets' tests in their three hosts
(test_state_player_site.py, test_state_player_lab.py, test_state_player_voila.py):
Python's state tables, random sequences of controls played on a page and
compared with the table after each step, and the checks of size, zoom,
presentation mode and axe. Split by host so that pytest-xdist (--dist
loadscope) runs the three modules on different workers."""

from __future__ import annotations

import html
import json
import random
import re
from html.parser import HTMLParser

from playwright.sync_api import expect

from iliopsoas_lessons.widgets._state_common import Stepper
from iliopsoas_lessons.widgets._state_table import slot_value
from iliopsoas_lessons.widgets.state import SymptomStepperState
from iliopsoas_lessons.widgets.state_player import table_path

LESSON = "03_symptoms"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
SIDES, BODIES = ("left", "right"), ("male", "female")
TABLE = json.loads(table_path("SymptomStepper").read_text(encoding="utf-8"))
MECHANISMS = json.loads(table_path("MechanismStepper").read_text(encoding="utf-8"))
LECTURER = ["next"] * 4 + [("body", 1)] + ["previous"] * 4


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())  # as textContent reads it


def expected(positions, table=TABLE) -> dict:
    figure = slot_value(table, positions, "figure")
    return {
        "key": ",".join(map(str, positions)),
        "title": _text(slot_value(table, positions, "title")),
        "details": _text(slot_value(table, positions, "details")),
        "alt": html.unescape(re.search(r'role="img" aria-label="([^"]*)"', figure).group(1)),
    }


def random_actions(seed: int, count: int, table=TABLE) -> list:
    rng = random.Random(seed)
    radios = [c for c in table["controls"] if c["type"] == "radios"]
    choices = ["next", "previous", "ArrowRight", "ArrowLeft", "PageDown", "PageUp", *[c["name"] for c in radios]]
    out = []
    for _ in range(count):
        a = rng.choice(choices)
        control = next((c for c in radios if c["name"] == a), None)
        out.append((a, rng.randrange(control["count"])) if control else a)
    return out


def play(page, player, actions, start=(0, 0, 0), table=TABLE) -> int:
    """Do each action on the page, move a Python stepper the same way (its
    clamping rule), and check the page shows the table's state for it.
    Returns the number of steps."""
    names = [c["name"] for c in table["controls"]]
    positions = list(start)
    stepper = Stepper(table["controls"][0]["count"], index=positions[0])
    for action in actions:
        if isinstance(action, tuple):
            name, j = action
            player.locator(f'fieldset[data-control="{name}"] input[type="radio"]').nth(j).check()
            positions[names.index(name)] = j
        elif action in ("next", "previous"):
            button = player.locator(f".ilsp-{action}")
            if button.is_enabled():
                button.click()
            (stepper.next if action == "next" else stepper.previous)()
        else:
            player.locator(".ilsp-present").focus()  # the focus inside the widget, on a plain button
            page.keyboard.press(action)
            (stepper.next if action in ("ArrowRight", "PageDown") else stepper.previous)()
        positions[0] = stepper.index
        want = expected(positions, table)
        expect(player).to_have_attribute("data-state", want["key"])
        expect(player.locator(".ilsp-slot-figure svg[role=img]")).to_have_attribute("aria-label", want["alt"])
        assert _normalised(player.locator(".ilsp-slot-title")) == want["title"], action
        assert _normalised(player.locator(".ilsp-slot-details")) == want["details"], action
        expect(player.locator(".ilsp-count")).to_have_text(f"{stepper.index + 1} of {stepper.count}")
    return len(actions)


# ------------------------------------------------------------------ the explorers: every control, no steps

EXPLORERS = {  # widget class -> (its root's class, the lessons that show it)
    "SymptomExplorer": ("il-symptom-explorer", ("03_symptoms",)),
    "AnatomyExplorer": ("il-anatomy-explorer", ("01_anatomy",)),
    "HipAngleExplorer": ("il-hip-angle", ("00_start_here", "01_anatomy")),
}
EXPLORER_TABLES = {name: json.loads(table_path(name).read_text(encoding="utf-8")) for name in EXPLORERS}
SLIDER_KEYS = {"ArrowRight": 1, "ArrowUp": 1, "ArrowLeft": -1, "ArrowDown": -1, "Home": "first", "End": "last"}

# each slot as the page shows it: its text outside the drawings, and the
# accessible names of its drawings (alt text)
SLOT_TEXTS = """(root) => [...root.querySelectorAll(".ilsp-slot")].map((slot) => {
  const copy = slot.cloneNode(true);
  for (const svg of copy.querySelectorAll("svg")) svg.remove();
  const alts = [...slot.querySelectorAll('[role="img"]')].map((n) => n.getAttribute("aria-label"));
  return [slot.dataset.slot, copy.textContent.split(/\\s+/).filter(Boolean).join(" "), alts];
})"""


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


def table_texts(table, positions) -> list:
    """What the page must show at ``positions``: each slot's text and alt texts, from the table."""
    out = []
    for slot in table["slots"]:
        markup = slot_value(table, positions, slot["name"])
        parser = _Visible()
        parser.feed(markup)
        parser.close()
        alts = [html.unescape(a) for a in re.findall(r'role="img" aria-label="([^"]*)"', markup)]
        out.append([slot["name"], " ".join("".join(parser.parts).split()), alts])
    return out


def random_explorer_actions(seed: int, count: int, table) -> list:
    """(control, what): a radio or select position, or a key pressed on the slider."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        c = rng.randrange(len(table["controls"]))
        control = table["controls"][c]
        what = rng.choice(list(SLIDER_KEYS)) if control["type"] == "slider" else rng.randrange(control["count"])
        out.append((c, what))
    return out


def play_explorer(page, player, table, actions) -> int:
    """Do each action on the page (a radio checked, an option selected, a key
    on the slider), move the positions the same way, and check the page shows
    the table's state for them: its key, every slot's text and alt texts, and
    the slider's value in words. Returns the number of actions."""
    positions = [int(x) for x in player.get_attribute("data-state").split(",")]
    for c, what in actions:
        control = table["controls"][c]
        where = player.locator(f'[data-control="{control["name"]}"]')
        if control["type"] == "radios":
            where.locator('input[type="radio"]').nth(what).check()
            positions[c] = what
        elif control["type"] == "select":
            where.locator("select").select_option(index=what)
            positions[c] = what
        else:
            where.locator('input[type="range"]').focus()
            page.keyboard.press(what)
            step = SLIDER_KEYS[what]
            last = control["count"] - 1
            positions[c] = 0 if step == "first" else last if step == "last" else max(0, min(last, positions[c] + step))
        expect(player).to_have_attribute("data-state", ",".join(map(str, positions)))
        shown = {name: [text, alts] for name, text, alts in player.evaluate(SLOT_TEXTS)}  # in the page's order
        assert shown == {name: [text, alts] for name, text, alts in table_texts(table, positions)}, (
            control["name"],
            what,
        )
        for k, slider in enumerate(table["controls"]):
            if slider["type"] == "slider":
                words = slider["options"][positions[k]] + slider.get("unit", "")
                expect(player.locator(f'[data-control="{slider["name"]}"] input')).to_have_attribute(
                    "aria-valuetext", words
                )
    return len(actions)


def _normalised(locator) -> str:
    return locator.evaluate("(n) => n.textContent.replace(/\\s+/g, ' ').trim()")


def controls_fit(page) -> list[str]:
    """Controls smaller than 24 x 24 px, or reaching outside the page's width."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.ilsp button, .ilsp select, .ilsp input, .ilsp .ilsp-choice')]
            .filter((b) => b.offsetParent !== null && !b.closest('dialog'))
            .map((b) => [b, b.getBoundingClientRect()])
            .filter(([b, r]) => r.width < 24 || r.height < 24 || r.left < 0 || r.right > document.documentElement.clientWidth)
            .map(([b, r]) => `${b.tagName} ${(b.textContent || b.value).slice(0, 30)}: ${Math.round(r.width)}x${Math.round(r.height)} at ${Math.round(r.left)}`)"""
    )


def check_zoom(page, player):
    """The zoom dialog shows the figure at its natural width, where labels are at least 12 px."""
    natural = float(re.search(r"max-width:(\d+)px", slot_value(TABLE, [0, 0, 0], "figure")).group(1))
    player.locator(".ilsp-zoom-button").click()
    dialog = player.locator("dialog.ilsp-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".ilsp-dialog-close")).to_be_focused()
    width = dialog.locator(".il-figure-overlay svg").evaluate("(s) => s.getBoundingClientRect().width")
    assert width >= natural - 1, (width, natural)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def check_presentation(page, player):
    """At 1280 x 720: P fills the screen with one step; the figure, the heading,
    the text and the controls are inside the screen with no page scroll; text
    is at least 24 px; the clicker's keys step; P again leaves."""
    player.locator(".ilsp-present").focus()
    page.keyboard.press("p")
    shown = page.locator(".ilsp.ilsp-presenting")  # the widget, moved to the page's body while presenting
    expect(shown).to_have_count(1)
    expect(shown).to_have_attribute("data-presenting", "true")
    boxes = shown.evaluate(
        """(root) => {
            const r = (n) => { const b = n.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
            const parts = ['.ilsp-head', '.ilsp-bar', '.ilsp-slot-figure .il-figure', '.ilsp-text']
                .map((s) => [s, r(root.querySelector(s))]);
            const texts = [...root.querySelectorAll('.ilsp-head, .ilsp-bar, .ilsp-text')]
                .flatMap((n) => [n, ...n.querySelectorAll('*:not(svg):not(svg *)')])
                .filter((n) => [...n.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()))
                .map((n) => parseFloat(getComputedStyle(n).fontSize));
            const whole = root.getBoundingClientRect();
            return {parts, smallest: Math.min(...texts), w: innerWidth, h: innerHeight,
                    scroll: root.scrollHeight > root.clientHeight + 1 || whole.height > innerHeight + 0.5,
                    figure: root.querySelector('.ilsp-slot-figure .il-figure').getBoundingClientRect().height};
        }"""
    )
    for name, (left, top, right, bottom) in boxes["parts"]:
        assert left >= -0.5 and top >= -0.5 and right <= boxes["w"] + 0.5 and bottom <= boxes["h"] + 0.5, (name, boxes)
    assert boxes["smallest"] >= 24, boxes
    assert not boxes["scroll"], boxes
    assert boxes["figure"] >= 0.6 * boxes["h"], boxes  # the figure as large as fits
    index, *rest = (int(x) for x in shown.get_attribute("data-state").split(","))
    stepper = SymptomStepperState(index)
    for key in ("PageDown", "ArrowRight", "PageUp", "ArrowLeft", "ArrowLeft", "PageDown"):
        page.keyboard.press(key)
        (stepper.next if key in ("PageDown", "ArrowRight") else stepper.previous)()
        expect(shown).to_have_attribute("data-state", ",".join(map(str, [stepper.index, *rest])))
    page.keyboard.press("p")
    expect(player).to_have_attribute("data-presenting", "false")  # back in its place


def axe_finds_nothing(page, context: str):
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = Axe().run(page, context=context, options=options).response["violations"]
    assert found == [], json.dumps(found, indent=1)[:4000]


def _site_player(page, site_url):
    page.goto(f"{site_url}/{LESSON}.html", wait_until="domcontentloaded")
    player = page.locator(".ilsp.il-symptom-stepper").first
    expect(player).to_have_attribute("data-ready", "true")
    return player


# A step must change nothing outside the widget (checked in JupyterLab, where
# it cost most): no <style> from the figures' markup (inline, matplotlib's
# `*{...}` rule applies to the whole page, and swapping it restyled every
# element of the notebook), the same joins and caps from the widget's CSS
# instead, and a state shown before comes back as the nodes already parsed.
STEP_HYGIENE = """async (root) => {
    const next = root.querySelector('.ilsp-next'), previous = root.querySelector('.ilsp-previous');
    const sheets = document.styleSheets.length;
    const shown = () => [root.querySelector('.ilsp-slot-figure svg[role=img]'), root.querySelector('.ilsp-slot-details').firstElementChild];
    const first = shown();
    const details = root.querySelector('.ilsp-slot-details');
    const definitions = () => root.querySelectorAll('.ilsp-slot-figure svg[width="0"]');
    const defs = definitions()[0];
    const seen = [];
    for (let k = 0; k < 3; k += 1) { next.click(); seen.push(root.querySelectorAll('style').length); }
    // the states' texts seen stay in the page: a step back does not re-insert one
    const removed = [];
    const watch = new MutationObserver((records) => records.forEach((r) => removed.push(...r.removedNodes)));
    watch.observe(root.querySelector('.ilsp-text'), { childList: true, subtree: true });
    const box = (n) => { const b = n.getBoundingClientRect(); return b.width * b.height; };
    const others = () => [...root.querySelectorAll('.ilsp-text > :not(.ilsp-slot)')];
    const kept = others().map((n) => ({
        rendered: [...n.children].some((c) => c.checkVisibility()), area: box(n), inert: n.inert, slot: n.dataset.slot || null,
        found: n.textContent.trim().length > 0,
    }));
    for (let k = 0; k < 3; k += 1) previous.click();
    await new Promise((done) => setTimeout(done, 0));  // the observer's records
    watch.disconnect();
    const path = [...root.querySelectorAll('.ilsp-slot-figure path')].find((p) => !/stroke-line/.test(p.getAttribute('style') || ''));
    const own = [...root.querySelectorAll('.ilsp-slot-figure path')].find((p) => /stroke-linejoin: *miter/.test(p.getAttribute('style') || ''));
    return {
        styles: seen, sheetsAdded: document.styleSheets.length - sheets,
        join: getComputedStyle(path).strokeLinejoin, cap: getComputedStyle(path).strokeLinecap,
        ownJoin: own ? getComputedStyle(own).strokeLinejoin : null,
        same: shown().map((node, k) => node === first[k]), state: root.dataset.state,
        kept, reinserted: removed.length, slots: root.querySelectorAll('.ilsp-slot-details').length,
        backShown: root.querySelector('.ilsp-slot-details') === details && details.checkVisibility(),
        defsKept: definitions().length === 1 && definitions()[0] === defs,
        fillsResolve: [...root.querySelectorAll('.ilsp-slot-figure [style*="url(#"]')].every((n) =>
            root.querySelector(`#${CSS.escape(n.getAttribute('style').match(/url\\(#([^)]+)\\)/)[1])}`)),
    };
}"""


def check_step_hygiene(player):
    got = player.evaluate(STEP_HYGIENE)
    assert got["styles"] == [0, 0, 0] and got["sheetsAdded"] == 0, got
    assert (got["join"], got["cap"]) == ("round", "butt"), got  # what matplotlib's rule gave
    assert got["ownJoin"] == "miter", got  # a path's own join still wins
    assert got["state"] == "0,0,0" and got["same"] == [True, True], got  # the drawing and the text kept
    # the three texts left behind are kept in the page, not rendered, taking no
    # room, inert (out of the tab order and the accessibility tree), not slots
    assert [k["found"] for k in got["kept"]] == [True] * 3, got
    assert all(not k["rendered"] and k["area"] == 0 and k["inert"] and k["slot"] is None for k in got["kept"]), got
    assert got["reinserted"] == 0 and got["slots"] == 1 and got["backShown"], got  # the first text shown again in place
    # the hatch patterns' <svg> stays mounted (a step adds what it lacks), and every fill finds its pattern
    assert got["defsKept"] and got["fillsResolve"], got


def _explorer(page, name):
    player = page.locator(f".ilsp.{EXPLORERS[name][0]}")
    expect(player).to_have_count(1)
    expect(player).to_have_attribute("data-ready", "true", timeout=120_000)
    player.scroll_into_view_if_needed()
    return player


def check_explorer_zoom(page, player, table):
    """The zoom dialog shows the (first) figure of the state shown, named as on the page, and gives the focus back."""
    positions = [int(x) for x in player.get_attribute("data-state").split(",")]
    figure = next(s["name"] for s in table["slots"] if s["place"] == "figure")
    alt = re.search(r'role="img" aria-label="([^"]*)"', slot_value(table, positions, figure)).group(1)
    button = player.locator(".ilsp-zoom-button").first
    button.click()
    dialog = player.locator("dialog.ilsp-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".ilsp-dialog-close")).to_be_focused()
    expect(dialog.locator("svg[role=img]").first).to_have_attribute("aria-label", html.unescape(alt))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()


def check_explorer_presentation(page, player, table):
    """P fills the screen with the explorer; its controls still play the table there; Escape leaves."""
    player.locator(".ilsp-present").focus()
    page.keyboard.press("p")
    shown = page.locator(".ilsp.ilsp-presenting")
    expect(shown).to_have_attribute("data-presenting", "true")
    box = shown.evaluate(
        "(r) => { const b = r.getBoundingClientRect(); return [b.width, b.height, innerWidth, innerHeight]; }"
    )
    assert abs(box[0] - box[2]) <= 1 and abs(box[1] - box[3]) <= 1, box
    play_explorer(page, shown, table, random_explorer_actions(4, 6, table))
    shown.locator(".ilsp-present").focus()
    page.keyboard.press("Escape")
    expect(player).to_have_attribute("data-presenting", "false")
