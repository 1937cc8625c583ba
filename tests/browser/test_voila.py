"""The symptom lesson as a Voila app (what `make voila` serves), in headless Chromium.

One page load (Voila runs the whole notebook per page, ~5-10 s here) checks:
the app works offline (every request the page makes goes to the loopback
server: no CDN), nothing shows an error, and the symptom stepper steps through
every symptom and both sides with the right picture, title, progress and alt text.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from _voila import (  # noqa: F401  (fixtures)
    StepperView,
    voila_page,
    walk_stepper,
)

import iliopsoas_lessons as il

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TITLES = [s.title for s in il.symptoms()]


def test_voila_symptom_app_offline_and_stepper(voila_page):
    vp = voila_page.open()
    page = vp.page

    # -- it renders without errors -------------------------------------------
    errs = vp.errors()
    assert errs == [], "error output in the Voila app:\n" + "\n".join(errs)
    expect(page.locator(".jp-OutputArea-output").nth(3), "the lesson's outputs did not render").to_be_attached()
    for name in ("il-symptom-stepper", "il-symptom-explorer", "il-quiz"):
        expect(page.locator(f".{name}"), f"widget .{name} missing from the app").to_have_count(1)

    # -- the stepper, every symptom and both sides ----------------------------
    view = StepperView(page)
    view.wait_ready()
    problems = walk_stepper(view, TITLES)
    if problems:
        vp.screenshot("stepper")
        view.screenshot(vp_artifact(vp, "stepper-element"))
    assert problems == [], "symptom stepper in Voila:\n" + "\n".join(problems)

    # no new errors after all the clicks (a failing callback prints to the page
    # or to the browser console)
    errs = vp.errors()
    assert errs == [], "error output after clicking through:\n" + "\n".join(errs)
    js_errors = [c for c in vp.console if c.startswith("pageerror")]
    assert js_errors == [], "JavaScript errors in the app:\n" + "\n".join(js_errors)

    # -- nothing from the network ---------------------------------------------
    external = sorted(set(vp.external_requests()))
    assert vp.requests, "no request recorded at all (the recorder is broken)"
    assert any(u.startswith(vp.server.url) for u in vp.requests), "nothing was loaded from the app's own server"
    assert external == [], (
        "the Voila app fetched from outside the loopback server (it must work offline).\n"
        "Voila 0.5's 'lab' template hard-codes two Font Awesome stylesheets from "
        "cdn.jsdelivr.net (share/jupyter/voila/templates/lab/index.html.j2, block "
        "notebook_css). Voila's own bundle already carries Font Awesome, so a template "
        "extending 'voila/templates/lab/index.html.j2' whose notebook_css block repeats "
        "the lab one without the two <link>s (ending in {{ super.super() }}) fixes it: "
        "ship it as share/jupyter/voila/templates/<name>/ (conf.json: "
        '{"base_template": "lab"}) and serve with JUPYTER_PATH=<repo>/share/jupyter '
        "voila --template=<name> (this test puts <repo>/share/jupyter on JUPYTER_PATH "
        "and honours $VOILA_ARGS like `make voila`).\n" + "\n".join(external)
    )


def vp_artifact(vp, label):
    from _page_checks import ARTIFACTS, safe_name

    return ARTIFACTS / f"{safe_name(vp.name)}-{label}.png"
