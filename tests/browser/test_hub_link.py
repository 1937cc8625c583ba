"""A teacher's link on the class hub, in a real browser: the nbgitpuller link
printed by ``python -m iliopsoas_lessons.links`` for lesson 03, opened in
Chromium against a JupyterHub on 127.0.0.1 (deploy/jupyterhub/jupyterhub_config.py
with a shared password), logs the learner in, starts their server, pulls the
lessons into their home folder and opens the lesson in JupyterLab, where it
runs: its title shows, after Run All the symptom stepper draws its map, and
Next draws the next one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect


def _browser_conftest():
    """tests/browser/conftest.py as pytest imported it (before this module). A bare
    `from conftest import` finds whichever conftest.py comes first on sys.path,
    which in one run over every tier can be tests/conftest.py."""
    mine = Path(__file__).with_name("conftest.py").resolve()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if path and Path(path).resolve() == mine:
            return module
    raise ImportError(f"pytest has not imported {mine}")


Lab, _missing = _browser_conftest().Lab, _browser_conftest()._missing

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from classsim.hub import BRANCH, PROXY, ClassHub

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON_H1 = "Five symptoms, checked against the evidence"
SPAWN_AND_PULL_TIMEOUT = 240_000  # ms: the learner's server starts, then nbgitpuller copies the lessons


@pytest.fixture(scope="module")
def class_hub(tmp_path_factory):
    if not PROXY.exists():
        _missing(f"configurable-http-proxy missing ({PROXY}): run `make proxy` (npm ci)")
    hub = ClassHub(tmp_path_factory.mktemp("hub"), ["ada"], start_timeout=240).start()
    try:
        yield hub
    finally:
        left = hub.stop()
    assert left == [], f"still running after the hub was stopped: {left}"


def printed_link(hub: ClassHub, lesson: str) -> str:
    """The link the links command prints for ``lesson`` (as a teacher would copy it)."""
    out = subprocess.run(
        [sys.executable, "-m", "iliopsoas_lessons.links", "--hub", hub.url, "--repo", hub.repo_url, "--branch", BRANCH],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout
    links = [
        line.split(None, 1)[1]
        for line in out.splitlines()
        if line.strip().startswith("hub:") and f"{lesson}.ipynb" in line
    ]
    assert len(links) == 1, out
    return links[0]


def test_a_printed_link_lands_a_logged_in_learner_on_a_lesson_that_runs(browser, class_hub, request):
    link = printed_link(class_hub, "03_symptoms")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    lab = Lab(page, None, request.node.name)
    try:
        page.goto(link, wait_until="domcontentloaded")
        # not logged in yet: the hub asks, and keeps the link to come back to
        expect(page).to_have_url(re.compile(r"/hub/login\?next="))
        page.locator("#username_input").fill("ada")
        page.locator("#password_input").fill(class_hub.password)
        page.locator("#login_submit").click()
        # server started, lessons pulled, lesson opened in JupyterLab, as ada
        expect(page).to_have_url(
            re.compile(r"/user/ada/lab/tree/iliopsoas-lessons/notebooks/03_symptoms\.ipynb"),
            timeout=SPAWN_AND_PULL_TIMEOUT,
        )
        expect(lab.notebook.locator("h1").first).to_contain_text(LESSON_H1, timeout=120_000)
        lab.wait_idle(timeout=120_000)
        lab.run_all_and_wait()
        stepper = lab.notebook.locator(".il-symptom-stepper")
        stepper.scroll_into_view_if_needed(timeout=30_000)
        figure = stepper.locator(".il-figure svg[role='img']")
        expect(figure).to_be_visible()
        expect(figure).to_have_attribute("aria-label", re.compile(r"\w"))
        expect(stepper.get_by_text("1 of 5", exact=True)).to_be_visible()
        # the kernel behind the page answers: Next redraws the map
        first_map = figure.get_attribute("aria-label")
        stepper.get_by_role("button", name="Next").click()
        expect(stepper.get_by_text("2 of 5", exact=True)).to_be_visible(timeout=30_000)
        expect(figure).not_to_have_attribute("aria-label", first_map)
        assert lab.errors() == []
        # the pull went to ada's own home folder
        assert (class_hub.homes / "ada" / "iliopsoas-lessons" / "notebooks" / "03_symptoms.ipynb").is_file()
    except Exception:
        lab.screenshot()
        raise
    finally:
        context.close()
