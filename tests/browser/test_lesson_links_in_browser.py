"""The lessons' Next and prerequisite links, followed by a learner's click, in
each place the lessons are read: the Voila app, the offline HTML export and
JupyterLab. (nbviewer and GitHub read the stored .ipynb: tests/test_lesson_links.py.)

Every notebook links to the others as a relative ``NN_name.ipynb``:
* Voila serves the ``notebooks/`` folder (``make voila``), so from
  ``/voila/render/03_symptoms.ipynb`` the link opens ``/voila/render/04_red_flags.ipynb``,
  rendered as an app (served as a single notebook it answered 403);
* the export rewrites the links to the exported ``NN_name.html`` pages;
* JupyterLab opens the linked notebook in a new tab.
The proof in each case is the linked lesson's own H1 on screen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from _voila import RENDER_TIMEOUT, is_local

from iliopsoas_lessons.content import lessons as ld

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
SYMPTOMS = ld.lesson("03_symptoms")
RED_FLAGS = ld.lesson("04_red_flags")  # the symptom lesson's Next
MECHANISMS = ld.lesson("02_injury_mechanisms")  # a prerequisite of both


def _h1(page_or_scope, title: str):
    # Jupyter and nbconvert add a "¶" anchor inside each heading
    return page_or_scope.locator("h1", has_text=re.compile(rf"^\s*{re.escape(title)}\s*¶?\s*$"))


@pytest.fixture
def voila_tab(browser, voila_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    failures: list[str] = []
    outside: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: None if is_local(r.url) else outside.append(r.url))
    try:
        yield page, failures, outside
    finally:
        context.close()


def test_voila_next_and_prerequisite_links_open_the_linked_lesson_as_an_app(voila_tab, voila_server):
    page, failures, outside = voila_tab
    page.goto(voila_server.app_url, wait_until="domcontentloaded")
    expect(_h1(page, SYMPTOMS.title)).to_be_visible(timeout=RENDER_TIMEOUT)

    page.get_by_role("link", name=RED_FLAGS.title, exact=True).click()
    expect(page).to_have_url(voila_server.lesson_url(RED_FLAGS.file), timeout=RENDER_TIMEOUT)
    expect(_h1(page, RED_FLAGS.title)).to_be_visible(timeout=RENDER_TIMEOUT)

    # the red-flag lesson's prerequisite, in its opening list
    page.locator("#rendered_cells ul a", has_text="Injury mechanisms").first.click()
    expect(page).to_have_url(voila_server.lesson_url(MECHANISMS.file), timeout=RENDER_TIMEOUT)
    expect(_h1(page, MECHANISMS.title)).to_be_visible(timeout=RENDER_TIMEOUT)
    assert failures == [], "requests the Voila app refused:\n" + "\n".join(failures)
    assert outside == [], "the Voila app fetched from outside the loopback server:\n" + "\n".join(outside)


def test_voila_start_page_lists_every_lesson_offline(voila_tab, voila_server):
    """`make voila` opens the list of the lessons (the served folder, our
    tree.html); it fetches nothing from a CDN and a link opens the lesson as an
    app in the same tab."""
    page, failures, outside = voila_tab
    page.goto(voila_server.url + "/", wait_until="load")
    expect(page.locator("h1")).to_have_text("Iliopsoas lessons")
    links = page.locator("main li a")
    # by title, in teaching order, each linking to its lesson's app
    expect(links).to_have_text([lesson.title for lesson in ld.lessons()])
    for i, lesson in enumerate(ld.lessons()):
        expect(links.nth(i)).to_have_attribute("href", re.compile(re.escape(lesson.file) + "$"))
    links.filter(has_text=RED_FLAGS.title).click()
    expect(page).to_have_url(voila_server.lesson_url(RED_FLAGS.file), timeout=RENDER_TIMEOUT)
    expect(_h1(page, RED_FLAGS.title)).to_be_visible(timeout=RENDER_TIMEOUT)
    assert failures == [], "requests the Voila app refused:\n" + "\n".join(failures)
    assert outside == [], "the lesson list fetched from outside the loopback server:\n" + "\n".join(outside)


@pytest.fixture(scope="module")
def exported(exported_html):
    """The lessons exported by scripts/export_html.py (tests/conftest.py: once per run)."""
    return exported_html


def test_export_next_link_lands_on_the_next_exported_page(browser, exported):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto((exported / "03_symptoms.html").as_uri(), wait_until="load")
        expect(_h1(page, SYMPTOMS.title)).to_be_visible()
        page.get_by_role("link", name=RED_FLAGS.title, exact=True).click()
        expect(page).to_have_url((exported / "04_red_flags.html").as_uri())
        expect(_h1(page, RED_FLAGS.title)).to_be_visible()
        page.locator("ul a", has_text="Injury mechanisms").first.click()
        expect(page).to_have_url((exported / "02_injury_mechanisms.html").as_uri())
        expect(_h1(page, MECHANISMS.title)).to_be_visible()
    finally:
        context.close()


def test_lab_next_link_opens_the_next_notebook_in_a_tab(lab):
    lab.open(SYMPTOMS.file)
    lab.notebook.get_by_role("link", name=RED_FLAGS.title, exact=True).click()
    expect(lab.page.locator(".lm-TabBar-tab.lm-mod-current", has_text=RED_FLAGS.file).first).to_be_visible()
    expect(_h1(lab.notebook, RED_FLAGS.title)).to_be_visible()
