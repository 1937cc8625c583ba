"""Accessibility in a real browser: axe-core (bundled with axe-playwright-python,
no network) on the Voila app and on the HTML export of every lesson; alt text
on every figure; keyboard reach of the symptom stepper in Voila.

Exclusions (the only ones): axe nodes that are Jupyter's or Voila's own page
chrome, not lesson content, are dropped; a critical/serious violation fails
the test if any of its nodes is left:

* ``html-has-lang`` / ``html-lang-valid`` on the ``<html>`` element: the page
  skeleton comes from the nbconvert/Voila templates, which don't set ``lang``.
* nodes inside Voila's loading spinner (``#loading``, hidden once the notebook
  has run).
* nodes that are the ``In [n]:`` / ``Out[n]:`` prompts (``.jp-InputPrompt``,
  ``.jp-OutputPrompt``) that nbconvert's template draws beside each code cell
  in light grey (``color-contrast``): Jupyter's chrome, not our text.

Lesson content (cell outputs, markdown, widgets) is never excluded.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from _page_checks import ARTIFACTS, safe_name
from _voila import (  # noqa: F401  (fixtures)
    StepperView,
    is_local,
    voila_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
assert LESSONS, "no lesson notebooks in notebooks/"
BLOCKING = ("critical", "serious")
# lessons whose stored outputs include a figure (04 is text and cases only, 06 the case player)
FIGURE_LESSONS = [n for n in LESSONS if not n.startswith(("04_", "06_"))]

# rule id -> why it is not about our content (see the module docstring)
CHROME_RULES = {
    "html-has-lang": "the <html> element comes from the Voila/nbconvert template",
    "html-lang-valid": "the <html> element comes from the Voila/nbconvert template",
}
CHROME_CONTAINERS = ("#loading",)  # Voila's spinner, hidden after the run
CHROME_CLASSES = (".jp-InputPrompt", ".jp-OutputPrompt")  # nbconvert's cell prompts


def _chrome_node(rule: str, node) -> bool:
    """True for an axe node that is template chrome (see the module docstring)."""
    target = [str(t) for t in node.get("target", [])]
    if rule in CHROME_RULES and target == ["html"]:
        return True
    if target and target[0].split()[0] in CHROME_CONTAINERS:
        return True
    last = target[-1].split(">")[-1].strip() if target else ""
    return any(last.startswith(c) for c in CHROME_CLASSES)


def blocking_violations(page, context=None) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context, options={"resultTypes": ["violations"]})
    out = []
    for v in results.response.get("violations", []):
        if v.get("impact") not in BLOCKING:
            continue
        nodes = [n for n in v.get("nodes", []) if not _chrome_node(v["id"], n)]
        if not nodes:
            continue
        targets = "; ".join(" ".join(map(str, n.get("target", []))) for n in nodes[:6])
        html = " | ".join(n.get("html", "")[:160] for n in nodes[:3])
        out.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(nodes)} nodes: {targets}) {html}")
    return out


def images_without_alt(page, scope: str) -> list[str]:
    """Pictures without a text alternative: an <img> without alt, or a lesson
    figure's SVG that is neither named (role=img, aria-label) nor hidden as
    the background of one."""
    return page.evaluate(
        """(scope) => [
            ...[...document.querySelectorAll(scope + ' img')]
                .filter(i => !(i.getAttribute('alt') || '').trim()),
            ...[...document.querySelectorAll(scope + ' .il-figure svg')]
                .filter(s => s.getAttribute('aria-hidden') !== 'true'
                        && !(s.getAttribute('role') === 'img' && (s.getAttribute('aria-label') || '').trim())),
            ].map(i => (i.outerHTML || '').slice(0, 160))""",
        scope,
    )


# ------------------------------------------------------------------ Voila
def test_voila_app_axe_and_alt_text(voila_page):
    vp = voila_page.open()
    page = vp.page
    problems = blocking_violations(page)
    # the stepper's figure and the comparison's maps (issue 11: small SVG maps side by side)
    imgs = page.locator(
        "#rendered_cells .jp-OutputArea-output .il-figure svg[role='img'], "
        "#rendered_cells .jp-OutputArea-output .il-compare-map svg[role='img']"
    )
    expect(imgs.nth(1), "expected the stepper's and the explorer's figures").to_be_attached()
    missing = images_without_alt(page, "#rendered_cells")
    if problems or missing:
        vp.screenshot("axe")
    assert problems == [], "axe: critical/serious violations in the Voila app:\n" + "\n".join(problems)
    assert missing == [], "figures without alt text in the Voila app:\n" + "\n".join(missing)


TAB_LIMIT = 400


def _active(page) -> dict:
    return page.evaluate(
        """() => {
            const a = document.activeElement;
            if (!a || a === document.body) return {tag: 'body', text: '', stepper: false};
            // a control's name as read: a radio's is its label's; the buttons' arrows are decoration
            const text = (a.type === 'radio' ? a.closest('label').textContent : (a.textContent || a.value || ''));
            return {tag: a.tagName.toLowerCase(), text: text.replace(/[←→]/g, '').trim().slice(0, 60),
                    label: a.getAttribute('aria-label') || a.title || '',
                    stepper: !!a.closest('.il-symptom-stepper')};
        }"""
    )


def test_voila_tab_order_reaches_every_stepper_control(voila_page):
    vp = voila_page.open()
    page = vp.page
    view = StepperView(page)
    view.wait_ready()
    # go to symptom 2 so Previous is enabled (a disabled button is rightly not a tab stop)
    before = view.state()
    view.next.click()
    view.wait_change(before, progress="2 of 5")
    # every tab stop: a radio group is one stop, at its chosen radio (the arrow keys move inside it)
    controls = view.root.evaluate(
        """el => [...el.querySelectorAll('button, select, input, [tabindex]')]
            .filter(c => !c.disabled && c.tabIndex >= 0 && !(c.type === 'radio' && !c.checked))
            .map(c => (c.type === 'radio' ? c.closest('label').textContent : (c.textContent || c.value || ''))
                .replace(/[←→]/g, '').trim())"""
    )
    assert {"Previous", "Next", "patient's left", "male body", "Present"} <= set(controls), controls

    # from the top of the page (a click on the lesson's title moves the
    # sequential-focus starting point there), Tab through everything once
    page.locator("#rendered_cells h1").first.click()
    order: list[str] = []
    trail: list[str] = []
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        a = _active(page)
        if a["tag"] == "body":
            break  # past the last control: focus left the document
        trail.append(f"{a['tag']}:{a['text'][:20]}")
        if a["stepper"]:
            order.append(a["text"])
    missing = [c for c in controls if c not in order]
    if missing:
        vp.screenshot("taborder")
    assert missing == [], f"Tab never reaches stepper controls {missing}; reached {order}; path {trail}"
    # in reading order: Previous, Next, then the side, then the body
    firsts = [order.index(c) for c in ("Previous", "Next", "patient's left", "male body")]
    assert firsts == sorted(firsts), f"stepper tab order is not the visual order: {order}"


# ------------------------------------------------------- HTML exports
# a figure is an <img alt> (PNG snapshots) or an inline <svg role="img" aria-label> (vector figures)
IMG_TAG = re.compile(r"<img\b[^>]*>|<svg\b[^>]*\brole=\"img\"[^>]*>", re.IGNORECASE)
ALT_ATTR = re.compile(r"""\b(?:alt|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
STATE_SCRIPT = re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.DOTALL)


def widget_state_images(html_text: str) -> list[tuple[str, str]]:
    """(model id, alt) of every figure (<img> or <svg role="img">) in the widget state an export embeds.

    nbconvert's lab template shows a widget output through the widget manager
    (loaded from a CDN), so offline its figures are not in the DOM; their
    <img alt> markup is in the embedded state, checked here."""
    out = []

    def walk(mid, value):
        # anywidget models nest their figures (a state table's strings, the pain map's data)
        if isinstance(value, str):
            for tag in IMG_TAG.findall(value):
                m = ALT_ATTR.search(tag)
                out.append((mid, (m.group(1) or m.group(2) or "") if m else ""))
        elif isinstance(value, dict):
            # the clickable pain map: its maps carry no name; painmap.js names the map from the
            # data's text templates (view(), checked by node against PainMapState.view())
            if isinstance(value.get("svg"), dict) and isinstance(value.get("texts"), dict):
                out.extend((mid, "named in the page by painmap.js") for _ in value["svg"])
                value = {k: v for k, v in value.items() if k != "svg"}
            for v in value.values():
                walk(mid, v)
        elif isinstance(value, list):
            for v in value:
                walk(mid, v)

    for block in STATE_SCRIPT.findall(html_text):
        state = json.loads(block)
        for mid, model in state.get("state", {}).items():
            walk(mid, model.get("state", {}))
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The stored executed lessons, exported with `jupyter nbconvert --to html`."""
    out = tmp_path_factory.mktemp("html")
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "nbconvert",
        "--to",
        "html",
        "--output-dir",
        str(out),
        *[str(REPO / "notebooks" / n) for n in LESSONS],
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def offline_page(browser):
    """A page that can load file:// and loopback only: the exports' CDN scripts
    (require.js, MathJax, the widget manager) are refused, as on a machine
    without network -- the static fallbacks must carry the content."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(30_000)
    context.route(
        re.compile(r"^https?://"), lambda route: route.continue_() if is_local(route.request.url) else route.abort()
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("name", LESSONS)
def test_exported_lesson_axe_and_alt_text(exported, offline_page, name):
    page = offline_page
    path = exported / (Path(name).stem + ".html")
    page.goto(path.as_uri(), wait_until="load")
    problems = blocking_violations(page)
    missing = images_without_alt(page, "body")
    state_imgs = widget_state_images(path.read_text(encoding="utf-8"))
    missing += [f"widget {mid}: <img> without alt" for mid, alt in state_imgs if not alt.strip()]
    if problems or missing:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{safe_name('axe-export-' + name)}.png"), full_page=True)
    assert problems == [], f"axe: critical/serious violations in the HTML export of {name}:\n" + "\n".join(problems)
    assert missing == [], f"figures without alt text in the HTML export of {name}:\n" + "\n".join(missing)
    if name in FIGURE_LESSONS:
        n_dom = page.locator("img").count()
        assert n_dom + len(state_imgs) >= 1, f"{name}: no figure found in the export at all"


# ------------------------------------------------------- offline HTML exports
@pytest.fixture(scope="module")
def exported_offline(exported_html):
    """The lessons exported by `make html` (scripts/export_html.py): static
    pictures of the widgets, nothing fetched from a CDN (tests/conftest.py: once per run)."""
    return exported_html


@pytest.mark.parametrize("name", LESSONS)
def test_offline_export_shows_every_figure_with_alt_text(exported_offline, offline_page, name):
    page = offline_page
    outside = []
    page.on("request", lambda req: outside.append(req.url) if req.url.startswith("http") else None)
    page.goto((exported_offline / (Path(name).stem + ".html")).as_uri(), wait_until="load")
    problems = blocking_violations(page)
    missing = images_without_alt(page, "body")
    if problems or missing:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{safe_name('axe-offline-' + name)}.png"), full_page=True)
    assert outside == [], f"{name}: the offline export asked the network for {outside}"
    assert problems == [], f"axe: critical/serious violations in the offline export of {name}:\n" + "\n".join(problems)
    assert missing == [], f"figures without alt text in the offline export of {name}:\n" + "\n".join(missing)
    if name in FIGURE_LESSONS:
        figure = page.locator(".jp-OutputArea-output img, .jp-OutputArea-output svg[role='img']").first
        expect(figure, f"{name}: no figure in the offline export").to_be_attached()
    # each widget shows its static picture: its controls and text, not a blank output
    expect(page.locator(".jp-OutputArea-output .il-lesson-widget").first, name).to_be_attached()
