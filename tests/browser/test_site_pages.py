"""The course website in Chromium, served by a plain static file server on
loopback: every page reads at 390 px wide without sideways scrolling, axe finds
no serious or critical violation, and no request leaves the site's origin
(the server and the phone-sized page are conftest.py's site_url and phone)."""

from __future__ import annotations

import re

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


LESSONS = [name for name in PAGES if name[:2].isdigit()]


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_page_in_the_dark_theme(browser, site_url, name):
    """A reader whose system asks for dark pages gets the theme's dark mode:
    the widgets' texts, headings and controls still read (axe's contrast check)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{name}.html", wait_until="load")
        expect(page.locator("html")).to_have_attribute("data-theme", "dark")
        expect(page.locator(".il-site-widget:not([data-ready])")).to_have_count(0)
        problems = blocking_violations(page)
        assert problems == [], f"axe on {name}.html, dark theme:\n" + "\n".join(problems)
    finally:
        context.close()


def test_the_menu_button_opens_the_navigation_on_a_phone(phone, site_url):
    page, outside = phone
    page.goto(f"{site_url}/03_symptoms.html", wait_until="load")
    menu = page.get_by_role("button", name="Toggle primary sidebar")
    expect(menu).to_be_visible()
    menu.click()
    navigation = page.locator("#pst-primary-sidebar-modal")
    expect(navigation).to_have_attribute("open", "")
    expect(navigation.get_by_role("link", name="Red flags", exact=False).first).to_be_visible()
    page.keyboard.press("Escape")
    expect(navigation).not_to_have_attribute("open", "")
    assert outside == []


def test_the_menu_button_folds_the_sidebar_on_a_wide_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/03_symptoms.html", wait_until="load")
        sidebar = page.locator("#pst-primary-sidebar")
        expect(sidebar).to_be_in_viewport()
        page.get_by_role("button", name="Toggle primary sidebar").click()
        expect(sidebar).to_have_class(re.compile(r"\bpst-sidebar-hidden\b"))
        expect(sidebar).not_to_be_in_viewport()
        page.get_by_role("button", name="Toggle primary sidebar").click()
        expect(sidebar).to_be_in_viewport()
    finally:
        context.close()
