"""The website's kernel-free figure widgets (iliopsoas_lessons.sitewidgets):
every figure widget (the steppers and the three explorers) is exported as
its anywidget's trait values, the state table the page plays with
state_player.js on the site's anywidget host; the table is complete, each
state is what the widget shows after the same choices, and the page markup
embeds it safely."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess

import pytest

from iliopsoas_lessons import sitewidgets
from iliopsoas_lessons.sitewidgets import figures
from iliopsoas_lessons.widgets import (
    AnatomyExplorer,
    HipAngleExplorer,
    MechanismStepper,
    SymptomExplorer,
    SymptomStepper,
)
from iliopsoas_lessons.widgets import _state_table
from iliopsoas_lessons.widgets._state_table import Control, slot_value, state_key

# the explorers, which had a site form of their own (sitewidgets/states.py) until
# they became state tables; the steppers' tests are in tests/test_state_player.py
FIGURE_WIDGETS = [SymptomExplorer, AnatomyExplorer, HipAngleExplorer]


@pytest.fixture(scope="module", params=FIGURE_WIDGETS, ids=lambda c: c.__name__)
def exported(request):
    widget = request.param()
    data = sitewidgets.export(widget)
    yield request.param, widget, data
    widget.close()


# the hatch patterns and clip paths travel with a figure's background: a state
# has those its own overlay uses, maybe more
_PATTERN = re.compile(r'<(?:pattern|clipPath) id="([^"]+)".*?</(?:pattern|clipPath)>', re.S)


def _patterns_used_are_defined(markup: str) -> bool:
    defined = set(_PATTERN.findall(markup))
    return set(re.findall(r"url\(#([^)]+)\)", markup)) <= defined | set(re.findall(r'id="([^"]+)"', markup))


def test_each_explorer_mounts_the_state_player_with_its_own_table(exported):
    _, widget, data = exported
    assert data["kind"] == "anywidget" and data["module"] == "state_player.js"
    assert data["values"]["table"] is widget.table and data["values"]["position"] == widget.widget.position
    assert "adapter" not in data  # a step is the page's alone: nothing to record


def test_every_combination_of_the_controls_is_there(exported):
    _, _, data = exported
    table = data["values"]["table"]
    ranges = [range(c["count"]) for c in table["controls"]]
    assert set(table["states"]) == {state_key(combo) for combo in itertools.product(*ranges)}
    assert state_key(data["values"]["position"]) in table["states"]
    assert all(c["type"] != "step" for c in table["controls"])  # an explorer: no Previous / Next


def test_a_state_holds_what_a_fresh_widget_shows_after_the_same_choices(exported):
    cls, _, data = exported
    table = data["values"]["table"]
    drawn = cls.build()  # drawn afresh now, by the figures' own functions
    fresh = cls()
    try:
        keys = list(table["states"])
        for key in keys[:: max(1, len(keys) // 7)] + [keys[-1]]:
            positions = [int(p) for p in key.split(",")]
            fresh.set(**{c.name: c.values[p] for c, p in zip(fresh.controls, positions)})
            assert fresh.widget.position == positions
            for slot in table["slots"]:
                name = slot["name"]
                assert slot_value(table, positions, name) == fresh.shown(name) == slot_value(drawn, positions, name)
            whole = "".join(fresh.shown(s["name"]) for s in table["slots"])
            assert _patterns_used_are_defined(whole), key
    finally:
        fresh.close()


def test_the_figure_alt_text_follows_the_state(exported):
    cls, _, data = exported
    table = data["values"]["table"]
    labels = {
        tuple(
            re.findall(r'role="img" aria-label="([^"]*)"', "".join(table["strings"][i] for slot in state for i in slot))
        )
        for state in table["states"].values()
    }
    assert len(labels) == len(table["states"]), f"{cls.__name__}: two states share an alt text"


def test_the_page_markup_embeds_the_states_safely():
    widget = AnatomyExplorer()
    try:
        markup = sitewidgets.site_html(widget, element_id="il-test-1")
    finally:
        widget.close()
    payload = re.search(r'<script type="application/json" class="il-site-data">(.*?)</script>', markup, re.S).group(1)
    assert "</" not in payload.replace("<\\/", "")
    data = json.loads(payload)
    assert data["kind"] == "anywidget" and 'id="il-test-1"' in markup and 'data-kind="anywidget"' in markup
    assert data["values"]["table"]["name"] == "AnatomyExplorer"


def test_a_widget_without_a_site_form_keeps_its_snapshot():
    assert sitewidgets.export(object()) is None
    assert sitewidgets.site_html(object(), element_id="x") is None


def test_an_unknown_control_is_named_with_the_ones_the_table_knows():
    with pytest.raises(ValueError, match="unknown type 'checkbox'; choose one of: step, radios, select, slider"):
        Control("checkbox", "odd", "Odd", (True, False))


def test_too_many_states_is_refused(monkeypatch):
    monkeypatch.setattr(_state_table, "MAX_STATES", 10)
    with pytest.raises(ValueError, match="HipAngleExplorer has 31 states, more than 10"):
        HipAngleExplorer.build()


def test_an_unknown_site_file_names_the_files():
    with pytest.raises(LookupError, match="site-widgets.js"):
        sitewidgets.static_file("nope.js")
    for name in (*sitewidgets.SCRIPTS, *sitewidgets.STYLESHEETS):
        assert sitewidgets.static_file(name).is_file()


# --- the table as the page stores it: each repeated fragment once (issue 22) ---

ALL_FIGURE_WIDGETS = [*FIGURE_WIDGETS, SymptomStepper, MechanismStepper]


@pytest.fixture(scope="module", params=ALL_FIGURE_WIDGETS, ids=lambda c: c.__name__)
def in_page(request):
    """A figure widget's table (a copy) and the data its page holds."""
    widget = request.param()
    try:
        table = json.loads(json.dumps(widget.widget.table))
        markup = sitewidgets.site_html(widget, element_id="il-test-2")
        position = list(widget.widget.position)
    finally:
        widget.close()
    payload = re.search(r'<script type="application/json" class="il-site-data">(.*?)</script>', markup, re.S)[1]
    return request.param, table, position, json.loads(payload)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_no_figure_markup_is_written_twice_in_the_page(in_page):
    """An SVG element (an outline, a hatch pattern) or a list item of 200
    characters or more appears once in the page's data, however many states,
    maps or sides draw it: the states refer to it."""
    cls, _, _, data = in_page
    elements = re.compile(r"<(?:path|pattern|use|g|li|text|rect)\b.*?(?:/>|</(?:pattern|g|li|text)>)", re.S)
    seen: dict[str, int] = {}
    for text in _strings(data):
        for element in elements.findall(text):
            if len(element) >= 200:
                seen[element] = seen.get(element, 0) + 1
    repeated = {e[:80]: n for e, n in seen.items() if n > 1}
    assert seen and not repeated, f"{cls.__name__}: written more than once: {repeated}"


def test_the_packed_table_unpacks_to_the_widget_s_own(in_page):
    _, table, position, data = in_page
    assert data["adapter"] == figures.ADAPTER and len(set(data["fragments"])) == len(data["fragments"])
    assert figures.unpacked(data) == {"table": table, "position": position}


# Runs the site's anywidget host and the figures' adapter in a VM with a
# stand-in window and state player; prints the table and position the player got.
HOST_HARNESS = r"""
const vm = require("node:vm");
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const got = {};
const window = {
  ilSiteWidgets: { register() {} },
  ilAnywidgetModules: { "state_player.js": { default: { render({ model }) {
    got.table = model.get("table"); got.position = model.get("position");
  } } } },
  document: { createElement: () => ({}) },
};
window.window = window;
vm.createContext(window);
for (const source of input.scripts) vm.runInContext(source, window);
try {
  window.ilAnywidgetHost.mount({ appendChild() {} }, input.data);
  console.log(JSON.stringify(got));
} catch (error) {
  console.log(JSON.stringify({ error: error.message }));
}
"""


def _mount_in_node(data: dict, names=("anywidget-host.js", "site-figures.js")) -> dict:
    scripts = [sitewidgets.site_file_bytes(n).decode() for n in names]
    run = subprocess.run(
        ["node", "-e", HOST_HARNESS],
        input=json.dumps({"scripts": scripts, "data": data}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_page_s_state_player_gets_exactly_the_widget_s_table(in_page):
    """site-figures.js joins the fragments back: the player on the site plays
    the very table JupyterLab and Voila play."""
    _, table, position, data = in_page
    assert _mount_in_node(data) == {"table": table, "position": position}


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_a_packed_table_naming_a_missing_fragment_is_refused():
    data = {
        "kind": "anywidget",
        "module": "state_player.js",
        "adapter": figures.ADAPTER,
        "fragments": ["<p>", "</p>"],
        "values": {"table": {"name": "Broken", "strings": [[0, 2, 1]]}, "position": []},
    }
    assert _mount_in_node(data) == {"error": "Broken: string 0 names no fragment 2"}


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_a_packed_table_without_its_adapter_is_refused_not_shown_garbled(in_page):
    _, _, _, data = in_page
    got = _mount_in_node(data, names=("anywidget-host.js",))
    assert got == {"error": "state_player.js: nothing unpacks its values (figures)"}
