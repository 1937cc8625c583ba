"""The figure widgets (one anywidget module, widgets/static/state_player.js,
playing Python's state table) on the built course website, with no kernel:
the symptom and mechanism steppers, then the three explorers (the maps
compared, anatomy, hip angle).

A long random sequence of controls (fixed seed) is played on each, and after
every step what the page shows (the state key, the title, the details, the
figure's alt text; for the explorers every slot's text and alt texts and the
slider's words) is what Python's table holds for the same choices; the
lecturer's sequence (lesson 03: the last symptom, the female body, Previous
back to the first) is one of them. At 390 px every control is at least
24 x 24 px and inside the page, the figure can be zoomed to its natural size;
at 1280 x 720 presentation mode fits one step on the screen with text of at
least 24 px and the clicker's keys step; axe (WCAG 2.0, 2.1, 2.2 A and AA)
finds nothing on the widget.

The same widgets in JupyterLab: test_state_player_lab.py; in Voila:
test_state_player_voila.py (three modules, so that xdist's loadscope runs
them on different workers); their helpers: _state_player.py.
"""

from __future__ import annotations

import pytest
from _voila import new_page
from _state_player import (
    EXPLORERS,
    EXPLORER_TABLES,
    LECTURER,
    MECHANISMS,
    _explorer,
    _site_player,
    axe_finds_nothing,
    check_explorer_presentation,
    check_explorer_zoom,
    check_presentation,
    check_zoom,
    controls_fit,
    play,
    play_explorer,
    random_actions,
    random_explorer_actions,
)
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_stepper_plays_the_table_on_the_site_at_390px(phone, site_url):
    page, outside = phone
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    player = _site_player(page, site_url)
    assert controls_fit(page) == []
    assert play(page, player, LECTURER) == 9
    page.reload(wait_until="domcontentloaded")
    player = page.locator(".ilsp.il-symptom-stepper").first
    expect(player).to_have_attribute("data-state", "0,0,0")
    play(page, player, random_actions(22, 60))
    check_zoom(page, player)
    assert controls_fit(page) == []
    axe_finds_nothing(page, ".ilsp.il-symptom-stepper")
    assert errors == [] and outside == []


# The next state is made while the page is idle: its text is already in the
# page (kept: inert, not rendered) before the click, and the click shows that
# very node, so even a first visit parses nothing on the click.
PREPARED = """async (root) => {
    const idle = () => new Promise((done) => requestIdleCallback(() => done(), { timeout: 5000 }));
    await idle();
    const next = root.querySelector('.ilsp-next');
    const kept = [...root.querySelectorAll('.ilsp-text > .ilsp-kept')];
    const inert = kept.every((n) => n.inert && ![...n.children].some((c) => c.checkVisibility()));
    next.click();
    const shown = root.querySelector('.ilsp-slot-details');
    return { state: root.dataset.state, keptBefore: kept.length, shownWasKept: kept.includes(shown), inert,
             shownInert: shown.inert };
}"""


def test_the_next_state_is_made_while_the_page_is_idle(phone, site_url):
    page, outside = phone
    player = _site_player(page, site_url)
    got = player.evaluate(PREPARED)
    assert got["state"] == "1,0,0" and got["keptBefore"] == 1 and got["inert"], got
    assert got["shownWasKept"] and not got["shownInert"], got
    assert outside == []


def test_the_mechanism_stepper_plays_its_table_on_the_site_at_390px(phone, site_url):
    page, outside = phone
    page.goto(f"{site_url}/02_injury_mechanisms.html", wait_until="domcontentloaded")
    player = page.locator(".ilsp.il-mechanism-stepper").first
    expect(player).to_have_attribute("data-ready", "true")
    start = [int(x) for x in player.get_attribute("data-state").split(",")]
    assert controls_fit(page) == []
    play(page, player, random_actions(5, 50, MECHANISMS), start, MECHANISMS)
    axe_finds_nothing(page, ".ilsp.il-mechanism-stepper")
    assert outside == []


def test_presentation_mode_on_the_site_at_1280x720(browser, site_url):
    with new_page(browser, 1280, 720) as page:
        player = _site_player(page, site_url)
        check_presentation(page, player)
        player.locator(".ilsp-present").click()
        expect(page.locator(".ilsp.ilsp-presenting")).to_have_attribute("data-presenting", "true")
        axe_finds_nothing(page, ".ilsp.ilsp-presenting")


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_each_explorer_plays_its_table_on_the_site_at_390px(phone, site_url, name):
    page, outside = phone
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    table = EXPLORER_TABLES[name]
    for n, lesson in enumerate(EXPLORERS[name][1]):
        page.goto(f"{site_url}/{lesson}.html", wait_until="domcontentloaded")
        player = _explorer(page, name)
        assert controls_fit(page) == []
        assert play_explorer(page, player, table, random_explorer_actions(40 + n, 60, table)) == 60
        check_explorer_zoom(page, player, table)
        assert controls_fit(page) == []
        axe_finds_nothing(page, f".ilsp.{EXPLORERS[name][0]}")
    assert errors == [] and outside == []


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_each_explorer_presents_on_the_site_at_1280x720(browser, site_url, name):
    with new_page(browser, 1280, 720) as page:
        page.goto(f"{site_url}/{EXPLORERS[name][1][0]}.html", wait_until="domcontentloaded")
        player = _explorer(page, name)
        check_explorer_presentation(page, player, EXPLORER_TABLES[name])
