"""The figure widgets' one front end (widgets/static/state_player.js) and the
state tables Python draws for it (widgets/_state_table.py, state_player.py).

* the shipped tables (package data) equal freshly drawn ones;
* a table holds every combination of its controls, and each state what the
  plain state object says for the same choices (title, "k of n", side, body,
  the figure's alt text and legend words);
* the JavaScript's rules (node --test tests/js/) read the same states as
  Python on positions Python exports (``python tests/test_state_player.py``
  writes tests/js/fixtures/state_player_states.json).
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from iliopsoas_lessons import sitewidgets
from iliopsoas_lessons.widgets import (
    AnatomyExplorer,
    HipAngleExplorer,
    MechanismStepper,
    SymptomExplorer,
    SymptomStepper,
)
from iliopsoas_lessons.widgets._state_table import Control, Slot, build_table, slot_value, state_key
from iliopsoas_lessons.widgets.state import SymptomStepperState
from iliopsoas_lessons.widgets.state_player import StatePlayerWidget, TableWidget, pictures_path, table_path

FIXTURE = ROOT / "tests" / "js" / "fixtures" / "state_player_states.json"
TABLE_WIDGETS = [AnatomyExplorer, HipAngleExplorer, MechanismStepper, SymptomExplorer, SymptomStepper]


def _alt(markup: str) -> str:
    return html.unescape(re.search(r'role="img" aria-label="([^"]*)"', markup).group(1))


def test_the_shipped_tables_equal_fresh_ones():
    import make_state_tables

    assert [c.__name__ for c in make_state_tables.table_widgets()] == sorted(c.__name__ for c in TABLE_WIDGETS)
    for cls in TABLE_WIDGETS:
        shipped = table_path(cls.__name__).read_bytes()
        assert shipped == make_state_tables.table_bytes(cls.build()), (
            f"{cls.__name__}: run scripts/make_state_tables.py"
        )
    # an explorer ships the picture of its start only; the maps compared none (they are vector drawings)
    for cls in (AnatomyExplorer, HipAngleExplorer):
        shipped = json.loads(pictures_path(cls.__name__).read_text(encoding="utf-8"))
        assert shipped == cls.build_pictures() and list(shipped) == [cls().key]
    assert not pictures_path("SymptomExplorer").exists()


@pytest.mark.parametrize("cls", TABLE_WIDGETS, ids=lambda c: c.__name__)
def test_a_package_widget_draws_nothing_when_built_and_shown(monkeypatch, cls):
    """Run All must not draw every state: the shipped table and pictures are used."""
    monkeypatch.setattr(TableWidget, "build", classmethod(lambda cls, course=None: pytest.fail("drew a table")))
    monkeypatch.setattr(cls, "figure_in", classmethod(lambda cls, course, values: pytest.fail("drew a figure")))
    widget = cls()
    shown = widget._repr_mimebundle_()["text/html"]
    if cls.PICTURES:
        assert "<img src=" in shown
    else:  # the maps compared: their own vector drawings, named by their alt text
        assert shown.count('<svg width="100%" preserveAspectRatio') == len(widget.panels) == 3
    widget.close()


def test_a_widget_given_another_course_draws_its_own_table(monkeypatch):
    from iliopsoas_lessons.widgets._state_common import course_or_package

    calls = []
    real = SymptomStepper.build.__func__
    monkeypatch.setattr(
        SymptomStepper, "build", classmethod(lambda cls, course=None: calls.append(1) or real(cls, course))
    )
    course = course_or_package(None)
    import copy

    other = copy.copy(course)  # another object: not the package's own
    SymptomStepper(course=other).close()
    assert calls == [1]


@pytest.mark.parametrize("cls", TABLE_WIDGETS, ids=lambda c: c.__name__)
def test_every_combination_is_in_the_table(cls):
    table = cls().table
    ranges = [range(c["count"]) for c in table["controls"]]
    assert set(table["states"]) == {state_key(p) for p in itertools.product(*ranges)}
    assert all(len(s) == len(table["slots"]) for s in table["states"].values())


def test_each_symptom_state_shows_what_the_state_object_says():
    """Title, "k of n", side, the body's words in the alt text; the legend words
    of the symptom shown (never the S1 pattern's on another symptom)."""
    w = SymptomStepper()
    course = w.course
    for index, side, body in itertools.product(range(5), ("left", "right"), ("male", "female")):
        s = SymptomStepperState(index, side=side, body=body)
        w.set(index=index, side=side, body=body)
        title, figure = w.shown("title"), w.shown("figure")
        assert f"<h3>{html.escape(s.symptom.title)}</h3>" in title
        assert f"Symptom {index + 1} of 5" in title and f"patient's {side} side" in html.unescape(title)
        alt = _alt(figure)
        assert s.symptom.title in alt and f"patient's {side}" in alt
        assert (f"{body} body" in alt) == (s.symptom.diagram == "body_map"), alt
        assert ("S1" in figure) == (s.key == "sciatic_pain"), (s.key, body)
        assert s.symptom.feel.text.split(".")[0] in html.unescape(w.shown("details"))
        assert w.state.key == s.key and w.state.body == body
    labels = {_alt(slot_value(w.table, p, "figure")) for p in itertools.product(range(5), range(2), range(2))}
    drawn = {  # a map differs by symptom, side and body; the lean has no body map
        (k, side, body if course.symptoms[k].diagram == "body_map" else "")
        for k, side, body in itertools.product(SymptomStepperState.keys, "lr", "mf")
    }
    assert len(labels) == len(drawn)  # the alt text follows every state
    w.close()


def test_set_and_go_to_refuse_bad_input_naming_the_choices():
    w = SymptomStepper()
    with pytest.raises(ValueError, match="side 'middle' is not offered; choose one of: 'left', 'right'"):
        w.set(side="middle")
    with pytest.raises(LookupError, match="no control 'colour'; its controls are: index, side, body"):
        w.set(colour="red")
    with pytest.raises(LookupError, match="choose one of: "):
        w.go_to("knee")
    with pytest.raises(ValueError, match="0 to 4"):
        w.go_to(9)
    for bad in (True, 1.0, 5, -1, None):
        with pytest.raises(ValueError, match="0 to 4"):
            w.go_to(bad)
    assert w.state.index == 0 and w.widget.position == [0, 0, 0]
    assert w.go_to("hip_pain").state.index == 2 and w.widget.position == [2, 0, 0]
    assert "Symptom 3 of 5" in w.shown("title")
    w.close()


def test_the_steppers_bar_is_named_as_the_old_one_was():
    step = SymptomStepper().table["controls"][0]
    assert step["type"] == "step" and step["count"] == 5
    assert (step["previous_tip"], step["next_tip"]) == ("Go to the previous symptom", "Go to the next symptom")


def test_the_page_position_is_read_not_answered():
    """The page may set the position; Python reads it and sends nothing back."""
    w = SymptomStepper()
    sent = []
    w.widget.observe(lambda c: sent.append(c), names="table")
    w.widget.position = [4, 1, 1]
    assert w.values == {"index": 4, "side": "right", "body": "female"}
    w.widget.position = [9, 0, 0]  # not a state: ignored
    assert w.values["index"] == 4 and sent == []
    w.close()


def test_the_table_refuses_too_many_states_and_bad_controls():
    with pytest.raises(ValueError, match="401 states, more than 400"):
        build_table("Big", "x", [Control("slider", "n", "N", tuple(range(401)))], [Slot("a")], lambda v: {"a": ""})
    with pytest.raises(ValueError, match="unknown type 'dial'; choose one of: step, radios, select, slider"):
        Control("dial", "n", "N", (1,))
    with pytest.raises(KeyError, match="render\\(\\) gave no b"):
        build_table("T", "x", [Control("slider", "n", "N", (1, 2))], [Slot("a"), Slot("b")], lambda v: {"a": ""})


def test_the_stepper_is_an_anywidget_and_its_site_form_mounts_the_same_module():
    w = SymptomStepper(3, side="right", body="female")
    assert isinstance(w.widget, StatePlayerWidget) and w.widget.position == [3, 1, 1]
    data = sitewidgets.export(w)
    assert data["kind"] == "anywidget" and data["module"] == "state_player.js"
    assert data["values"]["table"] is w.table and data["values"]["position"] == [3, 1, 1]
    markup = sitewidgets.site_html(w, element_id="il-x")
    assert 'data-kind="anywidget"' in markup
    w.close()


# ------------------------------------------------------------------ the JavaScript's rules


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def fixture() -> dict:
    """For each table, positions reached by a random walk of the controls
    (fixed seed) and a digest of each slot Python reads there; and, for the
    stepper, the index after each Previous / Next, as the state object clamps it."""
    out = []
    rng = random.Random(22)
    for cls in TABLE_WIDGETS:
        table = json.loads(table_path(cls.__name__).read_text(encoding="utf-8"))
        widget = cls()
        positions = list(widget.widget.position)  # where it starts
        stepper = getattr(widget, "state", None)  # a stepper's own stepping rule
        start = list(positions)
        walk = []
        for _ in range(40):
            c = rng.randrange(len(table["controls"]))
            control = table["controls"][c]
            if control["type"] == "step":
                delta = rng.choice((-1, 1))
                (stepper.next if delta > 0 else stepper.previous)()
                positions[c] = stepper.index
                action = {"control": c, "step": delta}
            else:
                positions[c] = rng.randrange(control["count"])
                action = {"control": c, "to": positions[c]}
            slots = [_digest(slot_value(table, positions, s["name"])) for s in table["slots"]]
            walk.append({**action, "positions": list(positions), "slots": slots})
        widget.close()
        entry = {"table": cls.__name__, "start": start, "walk": walk}
        # a slider reads its value out as Python words it: the angle in degrees
        sliders = [c for c in table["controls"] if c["type"] == "slider"]
        if sliders:
            entry["valuetexts"] = [[f"{v}°" for v in cls.table_controls(widget.course)[0].values]]
        out.append(entry)
    return {"tables": out}


def test_the_js_fixture_is_up_to_date():
    assert json.loads(FIXTURE.read_text(encoding="utf-8")) == fixture(), "run python tests/test_state_player.py"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_node_checks_the_module_against_pythons_states():
    res = subprocess.run(
        ["node", "--test", str(ROOT / "tests" / "js" / "state_player.test.mjs")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps(fixture(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")
