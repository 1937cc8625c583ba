"""The figure widgets (widgets/static/state_player.js playing Python's state
table) in the Voila app: the symptom and mechanism steppers and the
explorers of lessons 01 and 03 at 390 px, each compared with the table after
every step, with control sizes, zoom, presentation mode and axe.

One Voila server serves them all: the session's ``voila_server`` (_voila.py),
each lesson at its own URL; every test opens a fresh page, so a fresh kernel
(the figure widgets save nothing in the learner's folder). The site and
JupyterLab: test_state_player_site.py, test_state_player_lab.py.
"""

from __future__ import annotations

import pytest
from _voila import new_page
from _state_player import (
    EXPLORER_TABLES,
    LECTURER,
    LESSON,
    MECHANISMS,
    _explorer,
    axe_finds_nothing,
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


def test_the_stepper_plays_the_table_in_voila(browser, voila_server):
    with new_page(browser, 390, 844) as page:
        page.goto(voila_server.lesson_url(f"{LESSON}.ipynb"), wait_until="domcontentloaded", timeout=120_000)
        player = page.locator(".ilsp.il-symptom-stepper").first
        expect(player).to_have_attribute("data-ready", "true", timeout=120_000)
        assert controls_fit(page) == []
        play(page, player, LECTURER + random_actions(11, 40))
        expect(player.locator(".ilsp-kept").first).to_be_attached()  # the states' texts seen, kept beside the shown one
        axe_finds_nothing(page, ".ilsp.il-symptom-stepper")
        check_zoom(page, player)
        page.set_viewport_size({"width": 1280, "height": 720})
        check_presentation(page, player)


def test_the_mechanism_stepper_plays_its_table_in_voila(browser, voila_server):
    with new_page(browser, 390, 844) as page:
        page.goto(voila_server.lesson_url("02_injury_mechanisms.ipynb"), wait_until="domcontentloaded", timeout=120_000)
        player = page.locator(".ilsp.il-mechanism-stepper").first
        expect(player).to_have_attribute("data-ready", "true", timeout=120_000)
        assert controls_fit(page) == []
        start = [int(x) for x in player.get_attribute("data-state").split(",")]
        play(page, player, random_actions(9, 40, MECHANISMS), start, MECHANISMS)


def test_the_anatomy_and_hip_angle_explorers_play_their_tables_in_voila(browser, voila_server):
    with new_page(browser, 390, 844) as page:
        page.goto(voila_server.lesson_url("01_anatomy.ipynb"), wait_until="domcontentloaded", timeout=120_000)
        for name in ("AnatomyExplorer", "HipAngleExplorer"):
            player = _explorer(page, name)
            assert controls_fit(page) == []
            table = EXPLORER_TABLES[name]
            play_explorer(page, player, table, random_explorer_actions(23, 40, table))
            check_explorer_zoom(page, player, table)


def test_the_maps_compared_play_their_table_in_voila(browser, voila_server):
    with new_page(browser, 390, 844) as page:
        page.goto(voila_server.lesson_url(f"{LESSON}.ipynb"), wait_until="domcontentloaded", timeout=120_000)
        player = _explorer(page, "SymptomExplorer")
        assert controls_fit(page) == []
        table = EXPLORER_TABLES["SymptomExplorer"]
        play_explorer(page, player, table, random_explorer_actions(29, 40, table))
        check_explorer_zoom(page, player, table)
