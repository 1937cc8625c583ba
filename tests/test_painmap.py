"""The pain-map exercise without a browser: its plain state, the clickable
map's data (the SVG regions and the page's data), what happens with whatever
the page sets or sends, good or bad, and the fixtures its front end's rules
are checked against.

``python tests/test_painmap.py`` writes ``tests/js/fixtures/painmap_states.json``
(PainMapState.view() for many states) again; ``node --test tests/js/`` checks
painmap.js's view() against it, and a test below fails when that file is not
what Python gives now. The front end itself (clicks, keys, marks on the map)
is tested in a real browser: tests/browser/test_pain_map.py.
"""

from __future__ import annotations

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

import iliopsoas_lessons as il
from iliopsoas_lessons.widgets import PainMapExercise
from iliopsoas_lessons.widgets.state import PainMapState
from iliopsoas_lessons.widgets._state_painmap import LEGENDS, MARK_STYLES, plain_region_name
from iliopsoas_lessons.figures.bodymap_svg import choice_map_svg
from _outline import declarations, unmarked_look

ANSWER = il.symptom("back_pain").regions_for("left")
ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "js" / "fixtures" / "painmap_states.json"
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
def test_widget_gives_the_page_everything_it_needs_once():
    p = PainMapExercise()
    m, s = p.map, p.state
    d = m.data
    assert d["regions"] == [{"key": k, "view": il.region(k).view} for k in s.choices]
    assert d["styles"] == MARK_STYLES and d["legends"] == {k: list(v) for k, v in LEGENDS.items()}
    assert d["choices"] == list(s.choices) and d["answer"] == list(s.answer)
    assert [k for k, _ in d["answer_marks"]] == list(s.answer_marks)
    assert set(d["names"]) == set(d["labels"]) == set(s.choices)
    assert all(not CODES.search(name) for name in d["names"].values())
    assert d["svg"] == {b: choice_map_svg(tuple(s.choices), body=b) for b in ("male", "female")}
    assert [b for _, b in d["bodies"]] == ["male", "female"] and "Click or tap the areas" in d["prompt"]
    assert d["texts"]["correct"].format(explanation="X") == "Correct. X"
    assert d["texts"]["not_yet"].format(explanation="X") == "Not yet. X"
    assert json.loads(json.dumps(d)) == d
    assert (m.selected, m.checked, m.show_reference, m.body, m.error) == ([], False, False, "male", "")
    p.close()


def test_python_calls_move_the_page_s_traits_and_the_view():
    p = PainMapExercise()
    m = p.map
    p.toggle("groin_left")
    assert m.selected == ["groin_left"] and p.view()["marks"] == {"groin_left": "selected"}
    assert p.feedback_text == ("prompt", "1 area marked. Press Check when you are done.")
    p.check()
    v = p.view()
    assert m.checked and v["mode"] == "checked" and v["marks"]["groin_left"] == "found"
    assert v["result"] == {"found": ["groin_left"], "missed": [k for k in ANSWER if k != "groin_left"], "extra": []}
    assert v["feedback_kind"] == "not_yet" and v["feedback"].startswith("Not yet. 1 of 6 areas found.")
    assert "[TRAVELL1992]" in v["feedback"] and v["description"] == p.state.description
    p.set_reference(True)
    assert m.show_reference and p.view()["legend"] == ["source", "referred"]
    p.clear()
    assert m.selected == [] and not m.checked and not m.show_reference and p.view()["marks"] == {}
    p.set_body("female")
    assert m.body == "female"
    p.close()


def test_the_page_moves_itself_and_python_follows_without_answering(tmp_path):
    from iliopsoas_lessons.progress import ProgressStore

    p = PainMapExercise()
    store = ProgressStore(tmp_path)
    p.state.store = store
    m = p.map
    sent = []
    m.send_state = lambda key=None: sent.append(key)  # what Python would push to the page
    page = m.set_state  # how a change from the page arrives (no echo back)
    page({"selected": ["lateral_hip_left", "groin_left"]})  # a click on the page
    assert p.state.marked == ("lateral_hip_left", "groin_left")
    page({"checked": True})
    p._on_msg(m, {"action": "check"})  # the page's Check: recorded, not answered
    assert p.state.checked and p.view()["marks"]["lateral_hip_left"] == "extra"
    saved = store.restore("pain_map")["back_pain_referral"]
    assert list(saved.first.answer) == ["lateral_hip_left", "groin_left"] and not saved.first.correct
    page({"show_reference": True})
    assert p.state.mode == "reference"
    page({"body": "female"})
    assert p.state.body == "female"
    page({"show_reference": False})
    page({"checked": False})  # Clear with nothing to clear still undoes the check
    assert p.state.mode == "select"
    page({"selected": []})
    assert p.state.marked == ()
    assert sent == []  # nothing went back to the page for any of it
    p.close()


def test_widget_never_crashes_on_bad_input_and_says_what_it_ignored():
    p = PainMapExercise()
    m = p.map
    m.selected = ["groin_left", "<script>", 7]
    assert m.selected == ["groin_left"] and p.state.marked == ("groin_left",)
    assert m.error.startswith("Ignored '<script>', 7: not an area of this map")
    assert p.view()["feedback_kind"] == "error"
    m.set_state({"error": "", "selected": ["groin_left", "saddle"]})  # the page's next action clears it
    assert p.state.error == "" and p.view()["feedback_kind"] == "prompt"
    for bad in ({"action": "delete"}, "check", None, {"nothing": 1}, {"action": "clear"}):
        p._on_msg(m, bad)
        assert "the requests are: check" in m.error
    m.body = "child"
    assert p.state.body == "male" and m.body == "male" and "Unknown body 'child'" in m.error
    m.body = "female"
    assert p.state.body == "female" and p.view()["feedback_kind"] == "prompt"
    p.close()


def test_saved_marks_come_back_checked_in_a_new_widget(tmp_path, monkeypatch):
    monkeypatch.setenv("ILIOPSOAS_LESSONS_DATA", str(tmp_path))
    first = PainMapExercise()
    first.map.selected = ["groin_left", "calf_left"]
    first._on_msg(first.map, {"action": "check"})
    first.close()
    again = PainMapExercise()
    assert set(again.map.selected) == {"groin_left", "calf_left"} and again.map.checked
    assert again.view()["mode"] == "checked"
    again.close()


def test_front_end_files_ship_with_the_package_and_fetch_nothing():
    from iliopsoas_lessons.widgets.painmap import PainMapWidget

    static = Path(PainMapExercise.__module__.replace(".", "/")).parent
    js = (Path(__file__).parents[1] / static / "static" / "painmap.js").read_text()
    assert "export default" in js and "render" in js
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", js)  # no CDN, no network
    assert not re.search(r"^\s*import\b", js, re.M)  # one self-contained module
    p = PainMapExercise()
    assert p.map._esm.strip().startswith("//") and "ilpm-area" in p.map._css
    # the page holds the interaction: no trait it used to be told what to paint by
    assert not {"marks", "labels", "legend", "feedback", "description", "svg"} & set(p.map.trait_names())
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


# ------------------------------------------------------------------ one copy of the areas' look
JS = ROOT / "iliopsoas_lessons" / "widgets" / "static" / "painmap.js"
# what a hand-written area look would be in painmap.js: a colour, a dash array, an opacity
LOOK_LITERALS = (
    re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\("),
    re.compile(r"""stroke-dasharray["']?\s*[,:]\s*["']?\d"""),
    re.compile(r"""(?:opacity|stroke-width)["']?\s*[,:]\s*["']?\d"""),
)


def look_literals(text: str) -> list[str]:
    return [m.group(0) for pattern in LOOK_LITERALS for m in pattern.finditer(text)]


def test_painmap_js_holds_no_colour_dash_or_opacity_of_an_area():
    """The areas' look is Python's: an unmarked area keeps what matplotlib
    wrote from CHOICE_STYLE, a mark takes MARK_STYLES (data.styles).  (The
    focus ring and the controls' colours are painmap.css's.)"""
    assert look_literals(JS.read_text(encoding="utf-8")) == []


def test_a_planted_area_look_in_the_module_is_caught():
    planted = (
        'path.setAttribute("stroke", "#4d4d4d");',
        'path.setAttribute("fill-opacity", "0.35");',
        'path.setAttribute("stroke-dasharray", "3 1.5");',
        'path.setAttribute("stroke-width", "0.9");',
        "{ fill: 'rgb(255, 255, 255)' }",
    )
    for line in planted:
        assert look_literals(line), line


@pytest.mark.parametrize("body", ["male", "female"])
def test_every_area_of_the_drawn_map_has_choice_styles_look(body):
    """What the page keeps for an unmarked area is CHOICE_STYLE: a faint face
    and an opaque dashed outline (the alpha fades the face only)."""
    choices = PainMapState().choices
    svg = choice_map_svg(tuple(choices), body=body)
    styles = dict(re.findall(r'data-gid="([^"]+)">\s*<path [^>]*style="([^"]*)"', svg))
    want = unmarked_look()
    for key in choices:
        got = declarations(styles[key])
        assert {k: got.get(k) for k in want} == want, key
        assert "opacity" not in got, key  # would fade the outline too


def test_the_mark_styles_give_every_look_painmap_js_sets():
    for status, style in MARK_STYLES.items():
        assert 0 < style["opacity"] <= 1 and style["width"] > 0 and style["stroke"].startswith("#"), status


# ------------------------------------------------------------------ the rules painmap.js shares
def fixture_sets(exercise) -> dict[str, list[str]]:
    """Named sets of marks: every single area, the answer, nothing, the answer
    with the areas only the source article named, and random sets (fixed seed)."""
    state = PainMapState(exercise.key, progress=False)
    article = [k for k in state.page_data()["article"] if k in state.choices]
    rng = random.Random(20261206)
    sets = {f"only {k}": [k] for k in state.choices}
    sets |= {"answer": list(state.answer), "nothing": [], "answer and article": [*state.answer, *article]}
    sets |= {"article only": article}
    for n in range(8):
        sets[f"random {n}"] = rng.sample(list(state.choices), rng.randint(1, len(state.choices) - 1))
    return sets


def export() -> dict:
    """Python's view of each fixture state of each pain-map exercise."""
    from iliopsoas_lessons.content import lessons as ld
    from iliopsoas_lessons.widgets.state import BODIES

    exercises = []
    for exercise in ld.lesson_data().pain_maps:
        state = PainMapState(exercise.key, progress=False)
        cases = []
        for name, marked in fixture_sets(exercise).items():
            single = name.startswith("only ")
            for i, body in enumerate(BODIES):
                for checked in (False, True):
                    for reference in (False, True):
                        # a single area: each body, checked or not; every other set: every combination
                        if single and (reference or (i and not checked)):
                            continue
                        state.set_marked(marked).set_body(body)
                        state.checked, state.showing_reference = checked, reference
                        page = {"selected": list(marked), "checked": checked, "show_reference": reference}
                        cases.append({"name": name, "state": {**page, "body": body, "error": ""}, "view": state.view()})
        state.set_marked(["groin_left"] if "groin_left" in state.choices else state.choices[:1])
        state.error = "Ignored 'moon': not an area of this map."
        cases.append(
            {
                "name": "an input Python refused",
                "state": {
                    "selected": list(state.marked),
                    "checked": False,
                    "show_reference": False,
                    "body": state.body,
                    "error": state.error,
                },
                "view": state.view(),
            }
        )
        exercises.append({"key": exercise.key, "data": state.page_data(), "cases": cases})
    return {
        "about": "Written by tests/test_painmap.py from widgets/_state_painmap.py; read by tests/js/.",
        "exercises": exercises,
        "unmarked": unmarked_area(),
    }


def unmarked_area() -> dict:
    """One area of the drawn map as painmap.js gets it (the inline style
    matplotlib wrote), and the look Python gives an unmarked area."""
    key = PainMapState().choices[0]
    svg = choice_map_svg(tuple(PainMapState().choices))
    style = re.search(rf'data-gid="{key}">\s*<path [^>]*style="([^"]*)"', svg).group(1)
    return {"region": key, "style": style, "look": unmarked_look()}


def _text(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_the_js_fixture_is_what_python_gives_now():
    assert FIXTURE.read_text(encoding="utf-8") == _text(export()), (
        "run: python tests/test_painmap.py (the pain map's rules, texts or content changed)"
    )


def test_the_fixture_covers_every_single_area_each_body_and_mode_and_both_verdicts():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for exercise in data["exercises"]:
        cases, choices = exercise["cases"], exercise["data"]["choices"]
        assert {c["name"] for c in cases} >= {f"only {k}" for k in choices} | {
            "answer",
            "nothing",
            "answer and article",
        }
        assert {c["state"]["body"] for c in cases} == {"male", "female"}
        assert {c["view"]["mode"] for c in cases} == {"select", "checked", "reference"}
        assert {c["view"]["feedback_kind"] for c in cases} == {"prompt", "correct", "not_yet", "error"}
        assert any(c["view"]["result"].get("extra") and "source article" in c["view"]["feedback"] for c in cases)


@pytest.mark.skipif(shutil.which("node") is None, reason="the front end's rules run in Node.js")
def test_node_checks_painmap_js_against_the_fixture():
    run = subprocess.run(
        ["node", "--test", str(ROOT / "tests" / "js" / "painmap.test.mjs")], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    FIXTURE.write_text(_text(export()), encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")
