"""The course website in Chromium, served by a plain static file server on
loopback: every page reads at 390 px wide without sideways scrolling, axe finds
no serious or critical violation, and no request leaves the site's origin
(the server and the phone-sized page are conftest.py's site_url and phone); the
search finds a lesson. The dark theme and the menu button: test_site_theme.py
(its own module, so --dist loadscope runs it beside this one)."""

from __future__ import annotations


import pytest
from playwright.sync_api import expect

from test_accessibility import blocking_violations

PAGES = [
    "index",
    "00_start_here",
    "01_anatomy",
    "02_injury_mechanisms",
    "03_symptoms",
    "04_red_flags",
    "05_review",
    "06_cases",
    "instructor_guide",
    "authoring-cases",
    "references",
    "search",
]


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
