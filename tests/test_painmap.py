"""The pain-map exercise without a browser: its plain state, the clickable
map's data (the SVG regions and what the page is told to paint), and what
happens with whatever the page sends, good or bad.

The front end itself (clicks, keys, marks on the map) is tested in a real
browser: tests/browser/test_pain_map.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import iliopsoas_lessons as il
from iliopsoas_lessons.widgets import PainMapExercise
from iliopsoas_lessons.widgets.state import PainMapState
from iliopsoas_lessons.widgets._state_painmap import LEGENDS, MARK_STYLES, plain_region_name
from iliopsoas_lessons.figures.bodymap_svg import choice_map_svg

ANSWER = il.symptom("back_pain").regions_for("left")
CODES = re.compile(r"\b[LST]\d\b|nerve|dermatome", re.I)


# ------------------------------------------------------------------ the state
def test_toggle_and_check_give_found_missed_and_extra():
    p = PainMapState()
    assert p.mode == "select" and p.map_marks == {} and p.feedback is None
    p.toggle("groin_left").toggle("lateral_hip_left").toggle("saddle").toggle("saddle")
    assert p.marked == ("lateral_hip_left", "groin_left")
    assert p.map_marks == {"lateral_hip_left": "selected", "groin_left": "selected"}
    result = p.check()
    assert p.mode == "checked" and not result.correct
    marks = p.map_marks
    assert {k for k, v in marks.items() if v == "found"} == {"groin_left"}
    assert {k for k, v in marks.items() if v == "missed"} == set(ANSWER) - {"groin_left"}
    assert {k for k, v in marks.items() if v == "extra"} == {"lateral_hip_left"}
    assert p.legend == ("found", "missed", "extra")
    assert "Found: groin, patient's left." in p.description
    assert "Extra, not part of the pattern: outer (lateral) hip, patient's left." in p.description
    assert p.region_labels["groin_left"] == "groin, patient's left (found: marked, and part of the pattern)"
    p.toggle("saddle")  # a new mark: back to marking, the check is undone
    assert p.mode == "select" and not p.checked and p.map_marks["saddle"] == "selected"


def test_the_reference_pattern_is_shown_and_hidden():
    p = PainMapState(marked=("groin_left",))
    p.show_reference()
    assert p.mode == "reference" and set(p.map_marks) == set(ANSWER)
    assert set(p.map_marks.values()) == {"source", "referred"} and p.legend == ("source", "referred")
    assert p.marked == ("groin_left",)  # the learner's marks are kept
    p.show_reference(False)
    assert p.map_marks == {"groin_left": "selected"}
    with pytest.raises(ValueError, match=r"on must be True \(show the reference\) or False"):
        p.show_reference("yes")


def test_a_perfect_answer_is_correct():
    p = PainMapState(marked=ANSWER)
    assert p.check().correct and p.feedback.text.startswith("Correct.")
    assert set(p.map_marks.values()) == {"found"}


def test_keys_from_the_page_are_checked_and_bad_ones_named_never_raised():
    p = PainMapState()
    error = p.select_from_page(["groin_left", "moon", 3, None, "groin_left"])
    assert p.marked == ("groin_left",)
    assert error == p.error and error.startswith("Ignored 'moon', 3, None: not an area of this map")
    assert "the areas are: thoracic_paraspinal_left" in error
    for bad in ("groin_left", None, 42, {"groin_left": True}):
        assert "instead of a list of areas" in p.select_from_page(bad)
        assert p.marked == ("groin_left",)  # unchanged
    p.check()
    assert p.select_from_page(["groin_left"]) == "" and p.checked  # the same marks keep the check
    assert p.select_from_page([]) == "" and p.marked == () and not p.checked


def test_the_body_is_chosen_and_checked():
    p = PainMapState(body="female")
    assert p.body == "female" and "female body" in p.description
    with pytest.raises(ValueError, match="unknown body 'child'; choose one of: male, female"):
        p.set_body("child")


def test_area_names_never_give_the_answer_away():
    for key in PainMapState().choices:
        name = plain_region_name(key)
        assert not CODES.search(name), name
        assert il.region(key).side == "midline" or name.endswith(f"patient's {il.region(key).side}")
    assert plain_region_name("s1_foot_left") == "heel, outer foot and little toe, patient's left"
    assert plain_region_name("thoracic_paraspinal_left").startswith("strip beside the mid-back (thoracic) spine")


def test_mark_styles_differ_in_colour_hatch_and_outline_within_each_legend():
    for mode, statuses in LEGENDS.items():
        for part in ("fill", "hatch", "dash"):
            values = [MARK_STYLES[s][part] for s in statuses]
            assert len(set(values)) == len(values) or len(values) == 1, (mode, part, values)
        for s in statuses:
            assert MARK_STYLES[s]["label"] and MARK_STYLES[s]["hatch"] != "none"


# ------------------------------------------------------------------ the map's SVG
def test_the_svg_has_one_element_per_offered_area_and_no_other_zone():
    choices = PainMapState().choices
    for body in ("male", "female"):
        svg = choice_map_svg(choices, body=body)
        gids = set(re.findall(r'data-gid="([^"]+)"', svg))
        regions = {r.key for r in il.course().regions}
        assert gids & regions == set(choices), body
        assert svg.startswith("<svg") and "viewBox" in svg
    assert choice_map_svg(choices, body="male") != choice_map_svg(choices, body="female")
    with pytest.raises(LookupError):
        choice_map_svg(("elbow",))


# ------------------------------------------------------------------ the widget, driven from Python
def _texts(p):
    return p.map.feedback, p.map.feedback_kind


def test_widget_tells_the_page_what_to_paint():
    p = PainMapExercise()
    m = p.map
    assert m.regions == [{"key": k, "view": il.region(k).view} for k in p.state.choices]
    assert set(m.styles) == set(MARK_STYLES) and m.marks == {} and m.legend == ["selected"]
    assert "Click or tap the areas" in m.prompt and m.feedback_kind == "prompt"
    assert all(not CODES.search(label) for label in m.labels.values())
    p.toggle("groin_left")
    assert m.selected == ["groin_left"] and m.marks == {"groin_left": "selected"}
    assert m.feedback == "1 area marked. Press Check when you are done."
    p.check()
    assert m.mode == "checked" and m.marks["groin_left"] == "found" and m.legend == ["found", "missed", "extra"]
    assert m.result == {"found": ["groin_left"], "missed": [k for k in ANSWER if k != "groin_left"], "extra": []}
    assert m.feedback_kind == "not_yet" and m.feedback.startswith("Not yet. 1 of 6 areas found.")
    assert "[TRAVELL1992]" in m.feedback and m.description == p.state.description
    p.set_reference(True)
    assert m.show_reference and m.legend == ["source", "referred"]
    p.clear()
    assert m.selected == [] and m.marks == {} and m.mode == "select"
    p.set_body("female")
    assert m.body == "female" and m.svg == choice_map_svg(tuple(p.state.choices), body="female")
    p.close()


def test_widget_takes_what_the_page_sends_and_never_crashes_on_bad_input():
    p = PainMapExercise()
    m = p.map
    m.selected = ["groin_left", "lateral_hip_left"]  # what a click on the page does
    assert p.state.marked == ("lateral_hip_left", "groin_left")
    p._on_msg(m, {"action": "check"})
    assert m.marks == {
        **{k: "missed" for k in ANSWER if k != "groin_left"},
        "groin_left": "found",
        "lateral_hip_left": "extra",
    }
    m.selected = ["groin_left", "<script>", 7]
    assert m.selected == ["groin_left"] and p.state.marked == ("groin_left",)
    assert m.feedback_kind == "error" and m.feedback.startswith("Ignored '<script>', 7: not an area of this map")
    for bad in ({"action": "delete"}, "check", None, {"nothing": 1}):
        p._on_msg(m, bad)
        assert m.feedback_kind == "error" and "the requests are: check, clear" in m.feedback
    m.body = "child"
    assert p.state.body == "male" and "Unknown body 'child'" in m.feedback
    m.body = "female"
    assert p.state.body == "female" and m.feedback_kind == "prompt"
    m.show_reference = True
    assert p.state.mode == "reference" and set(m.marks) == set(ANSWER)
    p._on_msg(m, {"action": "clear"})
    assert p.state.marked == () and m.marks == {} and not m.show_reference
    p.close()


def test_front_end_files_ship_with_the_package_and_fetch_nothing():
    from iliopsoas_lessons.widgets.painmap import PainMapWidget

    static = Path(PainMapExercise.__module__.replace(".", "/")).parent
    js = (Path(__file__).parents[1] / static / "static" / "painmap.js").read_text()
    assert "export default" in js and "render" in js
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", js)  # no CDN, no network
    assert not re.search(r"^\s*import\b", js, re.M)  # one self-contained module
    p = PainMapExercise()
    assert p.map._esm.strip().startswith("//") and "ilpm-area" in p.map._css
    assert isinstance(p.map, PainMapWidget)
    p.close()


def test_snapshot_shows_the_map_and_the_feedback_without_a_kernel():
    p = PainMapExercise(marked=("groin_left",))
    p.check()
    snap = p.snapshot_html()
    assert "<svg " in snap and 'role="img" aria-label="Body map (male body)' in snap
    assert "Found: groin, patient&#x27;s left." in snap and "Not yet. 1 of 6 areas found" in snap
    p.close()


def test_the_maps_own_labels_are_at_least_12_px_at_its_full_width():
    """The pain map is shown at most as wide as painmap.css allows; there its
    smallest label ("patient's left") is at least 12 px tall, like every figure's."""
    import re
    from pathlib import Path

    from iliopsoas_lessons.figures import bodymap_svg
    from iliopsoas_lessons.figures.style import MIN_LABEL_PX

    css = (Path(bodymap_svg.__file__).parents[1] / "widgets" / "static" / "painmap.css").read_text()
    full_width_px = float(re.search(r"\.ilpm-map\s*\{[^}]*max-width:\s*(\d+)px", css).group(1))
    scale = full_width_px / (bodymap_svg._SIZE[0] * 96)  # CSS px per figure px at 96 per inch
    smallest_pt = min(bodymap_svg._LABEL_PT.values())
    assert smallest_pt * 96 / 72 * scale >= MIN_LABEL_PX
