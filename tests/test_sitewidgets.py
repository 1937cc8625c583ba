"""The website's kernel-free widgets (iliopsoas_lessons.sitewidgets): each
figure widget's states, recorded by driving the widget itself, are complete,
equal what the widget shows after the same choices, and are safe to embed."""

from __future__ import annotations

import itertools
import json
import re

import ipywidgets as w
import pytest

from iliopsoas_lessons import sitewidgets
from iliopsoas_lessons.sitewidgets import states
from iliopsoas_lessons.widgets import (
    AnatomyExplorer,
    HipAngleExplorer,
    SymptomExplorer,
)

# the widgets still exported by driving their ipywidgets box (the symptom and
# mechanism steppers are anywidgets playing their own tables: tests/test_state_player.py)
FIGURE_WIDGETS = [SymptomExplorer, AnatomyExplorer, HipAngleExplorer]


@pytest.fixture(scope="module", params=FIGURE_WIDGETS, ids=lambda c: c.__name__)
def exported(request):
    widget = request.param()
    data = sitewidgets.export(widget)
    yield request.param, widget, data
    widget.close()


# each figure (panel) on a page has its own id prefix: two instances differ only there
_INSTANCE = re.compile(r"\b(il-fig|cmp)\d+")


# the hatch patterns and clip paths travel with a figure's background and pile
# up as the widget is used: a state has those its own overlay uses, maybe more
_PATTERN = re.compile(r'<(?:pattern|clipPath) id="([^"]+)".*?</(?:pattern|clipPath)>', re.S)


def _same_figure(markup: str) -> str:
    return _PATTERN.sub("", _INSTANCE.sub(r"\1N", markup))


def _patterns_used_are_defined(markup: str) -> bool:
    defined = set(_PATTERN.findall(markup))
    return set(re.findall(r"url\(#([^)]+)\)", markup)) <= defined | set(re.findall(r'id="([^"]+)"', markup))


def _value(data, key, slot):
    return "".join(data["strings"][i] for i in data["states"][key][0][slot])


def test_every_combination_of_the_controls_is_there(exported):
    _, _, data = exported
    ranges = [range(n) for n in data["controls"]] + ([range(data["steps"])] if data["steps"] else [])
    expected = {",".join(map(str, combo)) for combo in itertools.product(*ranges)}
    assert set(data["states"]) == expected
    assert data["start"] in data["states"]


def test_the_skeleton_has_a_control_for_each_and_a_slot_for_each_text(exported):
    _, _, data = exported
    skeleton = data["skeleton"]
    assert len(set(re.findall(r'data-control="(\d+)"', skeleton))) == len(data["controls"])
    slots = len(set(re.findall(r'data-slot="(\d+)"', skeleton)))
    assert all(len(state[0]) == slots for state in data["states"].values())
    assert ('data-step="1"' in skeleton) == bool(data["steps"])


def test_a_state_holds_what_a_fresh_widget_shows_after_the_same_choices(exported):
    cls, _, data = exported
    fresh = cls()
    try:
        sk = states._Skeleton(fresh)
        for key in list(data["states"])[:: max(1, len(data["states"]) // 7)] + [list(data["states"])[-1]]:
            positions = [int(p) for p in key.split(",")]
            for (control, values), p in zip(sk.controls, positions):
                control.value = values[p]
            if data["steps"]:
                fresh.go_to(positions[-1])
            for number, slot in enumerate(sk.slots):
                assert _same_figure(_value(data, key, number)) == _same_figure(states._markup(slot)), (key, number)
            whole = "".join(_value(data, key, n) for n in range(len(sk.slots)))
            assert _patterns_used_are_defined(whole), key
            hidden = [n for n, node in enumerate(sk.nodes) if node.layout.display == "none"]
            assert data["states"][key][1] == hidden
    finally:
        fresh.close()


def test_the_figure_alt_text_follows_the_state(exported):
    cls, _, data = exported
    labels = {
        re.search(r'aria-label="([^"]*)"', "".join(data["strings"][i] for slot in state[0] for i in slot)).group(1)
        for state in data["states"].values()
    }
    assert len(labels) > 1, f"{cls.__name__}: one alt text for every state"


def test_the_widget_is_put_back_as_it_was(exported):
    _, widget, data = exported
    sk = states._Skeleton(widget)
    now = states._positions(sk) + ([widget.state.index] if data["steps"] else [])
    assert ",".join(map(str, now)) == data["start"]


def test_the_page_markup_embeds_the_states_safely():
    widget = AnatomyExplorer()
    try:
        markup = sitewidgets.site_html(widget, element_id="il-test-1")
    finally:
        widget.close()
    payload = re.search(r'<script type="application/json" class="il-site-data">(.*?)</script>', markup, re.S).group(1)
    assert "</" not in payload.replace("<\\/", "")
    data = json.loads(payload)
    assert data["kind"] == "states" and 'id="il-test-1"' in markup and 'data-kind="states"' in markup


def test_a_widget_without_a_site_form_keeps_its_snapshot():
    assert sitewidgets.export(object()) is None
    assert sitewidgets.site_html(object(), element_id="x") is None


def test_an_unknown_control_is_named_with_the_ones_the_export_knows():
    class Odd:
        box = w.VBox([w.Checkbox(description="odd")])

    with pytest.raises(TypeError, match="Checkbox.*ToggleButtons, Dropdown, IntSlider"):
        states.export(Odd())


def test_too_many_states_is_refused(monkeypatch):
    monkeypatch.setattr(states, "MAX_STATES", 10)
    widget = HipAngleExplorer()
    try:
        with pytest.raises(ValueError, match="31 states, more than the site's 10"):
            states.export(widget)
    finally:
        widget.close()


def test_an_unknown_site_file_names_the_files():
    with pytest.raises(LookupError, match="site-widgets.js"):
        sitewidgets.static_file("nope.js")
    for name in (*sitewidgets.SCRIPTS, *sitewidgets.STYLESHEETS):
        assert sitewidgets.static_file(name).is_file()
