"""The course website's theme in Chromium (conftest.py's site_url and phone):
the lesson pages in the dark theme still pass axe, and the menu button opens the
navigation on a phone and folds the sidebar on a wide screen. Every page on a
phone and the search: test_site_pages.py."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from test_accessibility import blocking_violations
from test_site_pages import PAGES


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
