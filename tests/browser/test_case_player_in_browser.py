"""The virtual-patient case player, played to the end by keyboard in the
three places it runs: on the built course website (no kernel), in JupyterLab
and in Voila. Each time the score the page shows is Python's
``score(case, path)`` for the same path, and the learner's progress (the
browser's storage, or the progress file of the kernel) holds the path. At
390 px every button is at least 24 x 24 px and inside the page, and axe
finds nothing on lesson 06 (WCAG 2.0/2.1/2.2 A and AA).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _voila import new_page, voila_fixture
from test_case_player import case_paths

from iliopsoas_lessons.content import case_engine as engine
from iliopsoas_lessons.widgets._state_common import course_or_package
from iliopsoas_lessons.widgets.cases import PAGE_TEXTS

LESSON = "06_cases"
CASE = "dancer_snapping_hip"  # the lesson's first case
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


def _case():
    return course_or_package(None).case(CASE)


def _path() -> list[str]:
    """The path that asks every essential question and takes the best decision."""
    return case_paths(_case())[0]


def play_by_keyboard(page, player, path):
    """Tab to each choice from the first one (where the page puts the focus
    after every choice) and press Enter."""
    player.locator("button.ilcp-choice").first.focus()
    for key in path:
        target = player.locator(f'button.ilcp-choice[data-key="{key}"]')
        expect(target).to_be_visible()
        keys = player.locator("button.ilcp-choice").evaluate_all("(bs) => bs.map((b) => b.dataset.key)")
        expect(player.locator("button.ilcp-choice").first).to_be_focused()
        for _ in range(keys.index(key)):
            page.keyboard.press("Tab")
        expect(target).to_be_focused()
        page.keyboard.press("Enter")
        expect(player.locator(f'.ilcp-log li[data-key="{key}"]')).to_have_count(1)


def check_score_shown(player, path):
    """The result the page shows is Python's score of the same path."""
    case, s = _case(), engine.score(_case(), path)
    result = player.locator(".ilcp-result")
    expect(result.locator(".ilcp-outcome")).to_have_attribute("data-outcome", s.outcome)
    expect(result.locator(".ilcp-points")).to_have_text(PAGE_TEXTS["points"].format(points=s.points))
    expect(result.locator(".ilcp-essential")).to_have_text(
        PAGE_TEXTS["essential"].format(asked=s.essential_asked, total=s.essential_total)
    )
    expect(result.locator(".ilcp-used-total")).to_have_text(
        PAGE_TEXTS["used_total"].format(minutes=s.minutes, cost=s.cost)
    )
    assert s.verdict and result.locator(f".ilcp-verdict-{s.verdict}").count() == 1
    assert case.key == CASE


def buttons_fit(page) -> list[str]:
    """Buttons smaller than 24 x 24 px, or reaching outside the page's width."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.ilcp button')].filter((b) => b.offsetParent !== null)
            .map((b) => [b, b.getBoundingClientRect()])
            .filter(([b, r]) => r.width < 24 || r.height < 24 || r.left < 0 || r.right > document.documentElement.clientWidth)
            .map(([b, r]) => `${b.textContent.slice(0, 40)}: ${Math.round(r.width)}x${Math.round(r.height)} at ${Math.round(r.left)}`)"""
    )


# ------------------------------------------------------------------ the course website


def test_a_case_is_played_by_keyboard_on_the_site_at_390px(phone, site_url):
    page, outside = phone
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}/{LESSON}.html", wait_until="domcontentloaded")
    player = page.locator(".il-site-anywidget").first
    expect(player).to_have_attribute("data-ready", "true")
    player = player.locator(".ilcp")
    expect(player.locator(".ilcp-title")).to_have_text(_case().title)
    assert buttons_fit(page) == []
    first = player.locator("button.ilcp-choice").first
    box = first.bounding_box()
    assert box["height"] >= 44, box
    path = _path()
    play_by_keyboard(page, player, path)
    check_score_shown(player, path)
    expect(player).to_have_attribute("data-saved", "true")
    saved = page.evaluate("() => window.ilSiteProgress.restore('virtual_cases')")
    assert saved[CASE]["first"]["answer"] == path
    assert saved[CASE]["first"]["correct"] is (engine.score(_case(), path).outcome == "success")
    assert buttons_fit(page) == []
    # a reload shows the finished path again, with Start again
    page.reload(wait_until="domcontentloaded")
    player = page.locator(".il-site-anywidget").first.locator(".ilcp")
    expect(player).to_have_attribute("data-restored", "true")
    check_score_shown(player, path)
    player.locator(".ilcp-again").click()
    expect(player.locator(".ilcp-result")).to_be_hidden()
    expect(player.locator("button.ilcp-choice").first).to_be_focused()
    assert errors == [] and outside == []


def test_axe_finds_nothing_on_lesson_06_of_the_site(phone, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = phone
    page.goto(f"{site_url}/{LESSON}.html", wait_until="domcontentloaded")
    expect(page.locator(".il-site-anywidget").first).to_have_attribute("data-ready", "true")
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = Axe().run(page, context=".il-site-anywidget", options=options).response["violations"]
    assert found == [], json.dumps(found, indent=1)[:4000]


# ------------------------------------------------------------------ JupyterLab


def test_a_case_is_played_by_keyboard_in_jupyterlab(lab):
    lab.open(f"{LESSON}.ipynb").run_all_and_wait()
    player = lab.notebook.locator(".ilcp").first
    expect(player.locator(".ilcp-title")).to_have_text(_case().title)
    path = _path()
    play_by_keyboard(lab.page, player, path)
    check_score_shown(player, path)
    expect(player).to_have_attribute("data-saved", "true")  # Python recorded it, then told the page
    saved = json.loads((lab.server.root.parent / "learner" / "progress.json").read_text(encoding="utf-8"))
    latest = saved["exercises"]["virtual_cases"][CASE]
    assert (latest["later"][-1] if latest["later"] else latest["first"])["answer"] == path


# ------------------------------------------------------------------ Voila


voila_cases = voila_fixture("voila_cases", f"{LESSON}.ipynb")


def test_a_case_is_played_by_keyboard_in_voila(browser, voila_cases):
    with new_page(browser, 390, 844) as page:
        page.goto(voila_cases.app_url, wait_until="domcontentloaded", timeout=120_000)
        player = page.locator(".ilcp").first
        expect(player.locator("button.ilcp-choice").first).to_be_visible(timeout=120_000)
        assert buttons_fit(page) == []
        path = _path()
        play_by_keyboard(page, player, path)
        check_score_shown(player, path)
        expect(player).to_have_attribute("data-saved", "true")
        learner = voila_cases.learner / "progress.json"
        saved = json.loads(learner.read_text(encoding="utf-8"))["exercises"]["virtual_cases"][CASE]
        assert (saved["later"][-1] if saved["later"] else saved["first"])["answer"] == path
