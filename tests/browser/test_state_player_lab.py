"""The figure widgets (widgets/static/state_player.js playing Python's state
table) in JupyterLab: the symptom stepper (no style leaks out of a step, the
lecturer's sequence, a random sequence, presentation mode), the mechanism
stepper, and the explorers of lessons 01 and 03, each compared with the
table after every step. The site and Voila: test_state_player_site.py,
test_state_player_voila.py; their helpers: _state_player.py.
"""

from __future__ import annotations

import pytest
from _state_player import (
    EXPLORERS,
    EXPLORER_TABLES,
    LECTURER,
    LESSON,
    MECHANISMS,
    check_presentation,
    check_step_hygiene,
    play,
    play_explorer,
    random_actions,
    random_explorer_actions,
)
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_stepper_plays_the_table_in_jupyterlab(lab):
    lab.open(f"{LESSON}.ipynb").run_all_and_wait()
    player = lab.notebook.locator(".ilsp.il-symptom-stepper").first
    expect(player).to_have_attribute("data-ready", "true")
    player.scroll_into_view_if_needed()
    check_step_hygiene(player)
    play(lab.page, player, LECTURER)
    play(lab.page, player, random_actions(7, 40), start=(0, 0, 1))  # on from where the lecturer left it
    for _ in range(5):
        if player.locator(".ilsp-previous").is_enabled():
            player.locator(".ilsp-previous").click()
    player.locator('fieldset[data-control="body"] input').first.check()
    player.locator('fieldset[data-control="side"] input').first.check()
    expect(player).to_have_attribute("data-state", "0,0,0")
    lab.page.set_viewport_size({"width": 1280, "height": 720})
    check_presentation(lab.page, player)
    lab.page.set_viewport_size({"width": 1400, "height": 1000})
    lab.open("02_injury_mechanisms.ipynb").run_all_and_wait()
    mechanisms = lab.notebook.locator(".ilsp.il-mechanism-stepper").first
    expect(mechanisms).to_have_attribute("data-ready", "true")
    start = [int(x) for x in mechanisms.get_attribute("data-state").split(",")]
    play(lab.page, mechanisms, random_actions(3, 30, MECHANISMS), start, MECHANISMS)
    assert [m for m in lab.console if "ilsp" in m or "state_player" in m] == []


def test_the_explorers_play_their_tables_in_jupyterlab(lab):
    for lesson in ("01_anatomy", "03_symptoms"):
        lab.open(f"{lesson}.ipynb").run_all_and_wait()
        for name, (css, lessons) in EXPLORERS.items():
            if lesson not in lessons:
                continue
            player = lab.notebook.locator(f".ilsp.{css}").first
            expect(player).to_have_attribute("data-ready", "true")
            player.scroll_into_view_if_needed()
            table = EXPLORER_TABLES[name]
            play_explorer(lab.page, player, table, random_explorer_actions(17, 40, table))
    assert [m for m in lab.console if "ilsp" in m or "state_player" in m] == []
