"""Real-browser tests: JupyterLab + the real ipywidgets lab extension in headless Chromium:
a widget renders, the error collector catches a failing cell, and the server runs with
the settings learners get. Every lesson run in JupyterLab: test_lab_lessons.py (its own
module, so --dist loadscope runs it beside this one)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _nb(cells):
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _code(src, i):
    return {"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": src}


def _md(src, i):
    return {"cell_type": "markdown", "id": f"m{i}", "metadata": {}, "source": src}


def test_lab_renders_ipywidgets_slider(lab):
    name = "_smoke_widget.ipynb"
    (lab.server.nbdir / name).write_text(
        json.dumps(
            _nb(
                [
                    _md("# Smoke test\nA slider should appear below.", 0),
                    _code('import ipywidgets as w; w.IntSlider(value=3, description="n")', 1),
                ]
            )
        )
    )
    lab.open(name).run_all_and_wait(timeout=120_000)

    slider = lab.notebook.locator(".jp-OutputArea-output .widget-slider, .jp-OutputArea-output .jupyter-widgets")
    expect(slider.first).to_be_visible(timeout=30_000)
    expect(lab.notebook.locator(".widget-slider .widget-label").first).to_contain_text("n")
    assert lab.errors() == []
    # the markdown cell rendered too
    expect(lab.notebook.locator(".jp-MarkdownOutput h1", has_text="Smoke test")).to_have_count(1)


def test_errors_are_detected(lab):
    """The error collector itself works: a failing cell must be reported."""
    name = "_smoke_error.ipynb"
    (lab.server.nbdir / name).write_text(
        json.dumps(_nb([_code("import sys; print('oops', file=sys.stderr)", 1), _code("1/0", 2)]))
    )
    lab.open(name).run_all()
    lab.page.wait_for_selector(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", timeout=120_000
    )
    lab.wait_idle()
    errs = lab.errors()
    assert any("oops" in e for e in errs), errs
    assert any("ZeroDivisionError" in e for e in errs), errs


def test_lab_runs_with_the_settings_learners_get(lab_server):
    """The server under test reads the package's installed JupyterLab settings,
    as a learner's does (no private config): no news prompt, no update check.
    The test-only tracker defaults sit below them and do not touch these."""

    def effective(plugin: str) -> dict:
        # app settings and defaults become the schema's defaults; a user's own settings win over them
        got = lab_server.api(f"/lab/api/settings/{plugin}")
        defaults = {k: v.get("default") for k, v in got["schema"]["properties"].items()}
        return {**defaults, **got["settings"]}

    notification = effective("@jupyterlab/apputils-extension:notification")
    assert notification["fetchNews"] == "false"
    assert notification["checkForUpdates"] is False
    assert effective("@jupyterlab/notebook-extension:tracker")["windowingMode"] == "none"
