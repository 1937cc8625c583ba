"""The course website in Chromium, served by a plain static file server on
loopback: every page reads at 390 px wide without sideways scrolling, axe finds
no serious or critical violation, and no request leaves the site's origin."""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from _page_checks import free_port
from test_accessibility import blocking_violations

PAGES = ["index", "00_start_here", "01_anatomy", "02_injury_mechanisms", "03_symptoms", "04_red_flags",
         "05_review", "instructor_guide", "references", "search"]


@pytest.fixture(scope="module")
def site_url(built_site):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(built_site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/index.html", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the static server did not start")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def phone(browser, site_url):
    """A 390 px wide page that may load the site's own files only; anything else is refused and recorded."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, has_touch=True)
    context.set_default_timeout(30_000)
    outside: list[str] = []

    def only_the_site(route):
        if route.request.url.startswith(site_url + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    page = context.new_page()
    yield page, outside
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_site_page_on_a_phone(phone, site_url, name):
    page, outside = phone
    page.goto(f"{site_url}/{name}.html", wait_until="load")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    expect(page.locator(".bd-header-announcement")).to_contain_text("they do not diagnose")
    page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth + 1", timeout=15_000)
    problems = blocking_violations(page)
    assert problems == [], f"axe on {name}.html:\n" + "\n".join(problems)
    page.wait_for_load_state("networkidle")
    assert outside == [], f"{name}.html asked for {outside}"


def test_search_finds_a_lesson(phone, site_url):
    page, outside = phone
    page.goto(f"{site_url}/search.html?q=iliacus", wait_until="load")
    expect(page.locator("#search-results a[href*='01_anatomy']").first).to_be_visible(timeout=30_000)
    assert outside == []
