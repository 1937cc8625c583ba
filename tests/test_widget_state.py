"""Lesson state objects and the lessons' own data, driven without a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content.checks import article_errors
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.text import case_level
from iliopsoas_lessons.widgets.state import (
    MechanismStepperState,
    PainMapState,
    QuizState,
    RedFlagCasesState,
    SymptomStepperState,
)

# the explorers keep no state object: their views are functions of the controls
matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from iliopsoas_lessons.widgets import AnatomyExplorer, HipAngleExplorer, SymptomExplorer
from iliopsoas_lessons.widgets._state_common import course_or_package
from iliopsoas_lessons.widgets.anatomy import (
    ANATOMY_FEATURES,
    anatomy_caption,
    anatomy_fact,
    anatomy_parts,
    feature_label,
    hip_angle,
    hip_angles,
)
from iliopsoas_lessons.widgets.compare import compare_panels, explorer_heading, explorer_keys

LESSON_DATA = Path(il.__file__).parent / "data" / "lessons"


def test_state_module_imports_neither_ipywidgets_nor_matplotlib():
    code = (
        "import sys, iliopsoas_lessons.widgets.state as s; s.SymptomStepperState().next(); "
        "s.PainMapState().check(); bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------ symptom stepper


def test_stepper_walks_the_five_symptoms_in_order_with_progress():
    s = SymptomStepperState()
    seen = []
    for k in range(5):
        assert s.progress == f"{k + 1} of 5"
        seen.append(s.key)
        s.next()
    assert seen == list(il.symptoms().keys())
    assert s.at_end and s.key == "lumbar_curve"


def test_stepper_is_clamped_at_both_ends_under_rapid_clicks():
    s = SymptomStepperState()
    for _ in range(50):
        s.previous()
    assert s.index == 0 and s.progress == "1 of 5" and s.at_start
    for _ in range(50):
        s.next()
    assert s.index == 4 and s.progress == "5 of 5"
    # an explicit index is not clamped: it must name one of the five
    for bad in (99, 5, -1, -7):
        with pytest.raises(ValueError, match=r"out of range; choose 0 to 4 \(the symptoms' positions"):
            SymptomStepperState(bad)


def test_stepper_side_and_regions_follow_the_content():
    s = SymptomStepperState(0, side="right")
    assert s.regions == il.symptom("back_pain").regions_for("right")
    s.set_side("left")
    assert s.regions == il.symptom("back_pain").regions
    with pytest.raises(ValueError, match="left, right"):
        s.set_side("both")
    assert s.side == "left"  # unchanged after a refused value
    with pytest.raises(ValueError):
        SymptomStepperState(0, side="middle")
    s.go_to("hip_pain")
    assert s.progress == "3 of 5"
    with pytest.raises(LookupError, match="back_pain"):
        s.go_to("knee_pain")
    assert s.key == "hip_pain"
    assert [c.key for c in s.claims] == list(il.symptom("hip_pain").claims)


def test_explorer_maps_for_every_symptom_and_side():
    course = course_or_package(None)
    keys = explorer_keys(course)
    assert "lumbar_curve" not in keys
    for key in keys:
        for side in ("left", "right"):
            for panel in compare_panels(course, key, side):
                marks = panel.marks
                assert "source" in marks.values()
                assert all(k.endswith(f"_{side}") or il.region(k).side == "midline" for k in marks)
            assert f"patient's {side}" in explorer_heading(course.symptoms[key], side)
    article = {p.view: p for p in compare_panels(course, "back_pain", "left")}["article"]
    claimed = {k for k, r in article.marks.items() if r == "claimed"}
    assert {il.region(k).zone for k in claimed} == {"lateral_hip", "thoracic_paraspinal"}
    e = SymptomExplorer()
    with pytest.raises(LookupError):
        e.set(symptom="lumbar_curve")
    with pytest.raises(ValueError):
        e.set(side="rumour")
    assert e.values == {"symptom": "back_pain", "side": "left", "body": "male"}  # unchanged
    e.close()


# ------------------------------------------------------------------ anatomy


def test_anatomy_explorer_highlights_each_part_of_each_muscle():
    part_keys = set(il.parts().keys())
    for m in il.muscles():
        for f in ANATOMY_FEATURES:
            parts, fact = anatomy_parts(m, f), anatomy_fact(m, f)
            assert parts and set(parts) <= part_keys
            assert fact.text and fact.references
            assert m.name in anatomy_caption(m, f, "left")
    a = AnatomyExplorer()
    a.set(muscle="iliacus", feature="nerve_supply")
    assert "femoral_nerve" in a.parts
    a.set(feature="insertion")
    assert "lesser_trochanter" in a.parts
    with pytest.raises(LookupError, match="psoas_major"):
        a.set(muscle="biceps")
    with pytest.raises(ValueError):
        a.set(feature="colour")
    assert a.values["muscle"] == "iliacus" and a.values["feature"] == "insertion"
    a.close()


@pytest.mark.parametrize(
    "value, expected", [(-500, -30), (-20, -20), (-30, -30), (0, 0), (45, 45), (120, 120), (1e9, 120)]
)
def test_hip_angle_is_clamped(value, expected):
    assert hip_angle(value) == expected
    h = HipAngleExplorer()
    assert h.set(angle=value).angle == expected
    h.close()


def test_hip_angle_refuses_nonsense_and_describes_the_position():
    h = HipAngleExplorer(30)
    for bad in ("steep", None, float("nan")):
        with pytest.raises(ValueError):
            h.set(angle=bad)
    assert h.angle == 30 and "flexed" in h.position_words
    assert "extended" in h.set(angle=-15).position_words and "stretched" in h.position_words
    assert "straight" in h.set(angle=0).position_words
    h.close()


# ------------------------------------------------------------------ mechanisms


def test_mechanism_stepper_covers_all_mechanisms_and_clamps():
    m = MechanismStepperState()
    keys = []
    for _ in range(20):
        keys.append(m.key)
        m.next()
    assert list(dict.fromkeys(keys)) == list(il.mechanisms().keys())
    assert m.progress == f"{len(il.mechanisms())} of {len(il.mechanisms())}"
    m.go_to("overuse")
    assert m.mechanism.title == il.mechanism("overuse").title
    for _ in range(50):
        m.previous()
    assert m.key == "acute_strain"


def test_mechanism_stepper_draws_one_side_the_right_unless_chosen():
    m = MechanismStepperState()
    assert m.side == "right" and m.side_words == "the patient's right side"
    assert m.set_side("left").next().side == "left"
    with pytest.raises(ValueError, match="unknown side 'both'; choose one of: left, right"):
        m.set_side("both")
    with pytest.raises(ValueError, match="left, right"):
        MechanismStepperState(side="middle")
    assert m.side == "left"


# ------------------------------------------------------------------ exercises


def test_red_flag_cases_feedback_says_correct_or_not_yet_with_the_reason():
    """A first wrong level says which way it was off and keeps the level back;
    the second answer reveals it with the reason."""
    r = RedFlagCasesState()
    assert r.feedback is None
    ranks = {l.key: l.rank for l in il.urgency_levels()}
    for i, case in enumerate(ld.cases()):
        r.go_to(i)
        # a case may accept the next faster level as safe too (faster_is_safe): that is not wrong
        wrong_levels = [level for level in ranks if level != case.urgency and not r._safe_faster(case, level)]
        first = r.answer(wrong_levels[0])
        expected = "under" if ranks[wrong_levels[0]] > ranks[case.urgency] else "over"
        assert r.triage() == expected and not r.revealed
        assert not first.correct and first.text.startswith("Not yet.") and "Try again" in first.text
        assert ("less urgent" if expected == "under" else "more urgent") in first.text
        shown = case_level(case)  # the case's level as its flag shows it ('go now' wording where it goes now)
        assert case.reason not in first.text and shown.patient_advice not in first.text
        second = r.answer(wrong_levels[1])
        assert r.revealed and not second.correct and case.reason in second.text and "Try again" not in second.text
        assert shown.patient_advice in second.text
        right = r.answer(case.urgency)
        assert right.correct and right.text.startswith("Correct.") and right.references
        assert r.triage() == "right"
    assert r.score == 0, "every first answer was wrong: answering again never raises the score"
    assert r.score_text == f"First try: 0 of {r.count} correct ({r.count} answered)"
    with pytest.raises(ValueError):
        r.answer("yes")
    r.reset()
    for i, case in enumerate(ld.cases()):
        r.go_to(i).answer(case.urgency)
        assert r.revealed and r.feedback.correct and case.reason in r.feedback.text
    assert r.score == r.count and r.score_text.startswith(f"First try: {r.count} of {r.count} correct")
    r.reset()
    assert r.score == 0 and r.index == 0 and r.attempts == {}


def test_quiz_order_is_stored_order_and_scored_on_first_tries():
    q = QuizState(seed=0)
    assert [x.key for x in q.items] == [x.key for x in ld.questions()]
    assert len(QuizState("01_anatomy").items) >= 3
    for i in range(q.count):
        q.go_to(i)
        wrong = (q.question.answer + 1) % len(q.question.options)
        fb = q.choose(wrong)
        assert fb.verdict == "Not yet" and q.question.correct_option not in fb.text and "Try again" in fb.text
        fb = q.choose(q.question.answer)
        assert fb.verdict == "Correct" and q.question.explanation in fb.text
    assert q.score == 0 and q.score_text == f"First try: 0 of {q.count} correct ({q.count} answered)"
    with pytest.raises(ValueError):
        q.choose(99)
    with pytest.raises(ValueError):
        q.choose(True)
    with pytest.raises(LookupError):
        QuizState("99_nothing")


def test_pain_map_scores_against_the_back_pain_pattern():
    p = PainMapState()
    answer = il.symptom("back_pain").regions_for("left")
    assert p.answer == answer
    perfect = p.set_marked(answer).check()
    assert perfect.correct and perfect.feedback.verdict == "Correct" and not perfect.missed
    p.clear().toggle("lateral_hip_left").toggle("groin_left")
    res = p.check()
    assert res.hits == ("groin_left",)
    assert set(res.missed) == set(answer) - {"groin_left"}
    assert res.extra == ("lateral_hip_left",) and res.article_extras == ("lateral_hip_left",)
    assert "Missed:" in res.feedback.text and "lateral" in res.feedback.text
    assert res.feedback.text.startswith("Not yet.")
    for _ in range(51):
        p.toggle("saddle")
    assert "saddle" in p.marked and not p.checked
    with pytest.raises(LookupError):
        p.toggle("elbow_left")


# ------------------------------------------------------------------ the lessons' data


def test_lesson_data_loads_and_every_item_cites_known_references():
    refs = set(il.references().keys())
    data = ld.lesson_data()
    assert [l.key for l in data.lessons] == [
        "00_start_here",
        "01_anatomy",
        "02_injury_mechanisms",
        "03_symptoms",
        "04_red_flags",
        "05_review",
        "06_cases",
    ]
    for item in list(data.questions) + list(data.cases) + list(data.pain_maps):
        assert item.references and set(item.references) <= refs
    for lesson in data.lessons:
        assert set(ld.lesson_references(lesson.key)) <= refs
    # every level of the scale is practised, and each case agrees with its red flag
    assert {c.urgency for c in data.cases} == set(il.urgency_levels().keys())
    for c in data.cases:
        assert c.urgency == (il.red_flag(c.red_flag).urgency if c.red_flag else "routine")


def _strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in ("key", "references", "uses", "choices"):
                yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str):
        yield node


def test_lesson_data_states_none_of_the_articles_errors():
    problems = []
    for path in sorted(LESSON_DATA.glob("*.json")):
        for text in _strings(json.loads(path.read_text())):
            problems += [f"{path.name}: {hit}" for hit in article_errors(text)]
    assert problems == []


@pytest.fixture
def lesson_copy(tmp_path):
    target = tmp_path / "lessons"
    shutil.copytree(LESSON_DATA, target)
    return target


def _item(items, key):
    return next(i for i in items if i["key"] == key)


def _edit(directory, name, change):
    path = directory / name
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "name, change, expected",
    [
        (
            "quiz.json",
            lambda d: _item(d["questions"], "insertion").update(answer=7),
            r"lessons/quiz\.json: insertion: field 'answer'",
        ),
        (
            "quiz.json",
            lambda d: _item(d["questions"], "iliacus_nerve").update(references=["NOPE"]),
            r"lessons/quiz\.json: iliacus_nerve: field 'references': cites unknown reference 'NOPE'",
        ),
        (
            "quiz.json",
            lambda d: _item(d["questions"], "insertion").update(lesson="07_extra"),
            r"quiz\.json: insertion: field 'lesson'",
        ),
        (
            "quiz.json",
            lambda d: d["questions"].append(dict(_item(d["questions"], "insertion"))),
            r"quiz\.json: insertion: duplicate key",
        ),
        (
            "red_flag_cases.json",
            lambda d: _item(d["cases"], "saddle_numbness").update(red_flag="gout"),
            r"red_flag_cases\.json: saddle_numbness: field 'red_flag'",
        ),
        (
            "red_flag_cases.json",
            lambda d: _item(d["cases"], "footballer_groin").update(urgency="same_day"),
            r"red_flag_cases\.json: footballer_groin: a case with no red flag is 'routine'; name the red flag",
        ),
        (
            "red_flag_cases.json",
            lambda d: _item(d["cases"], "footballer_groin").update(urgency="soon"),
            r"red_flag_cases\.json: footballer_groin: field 'urgency': 'soon' is not one of: emergency, same_day",
        ),
        (
            "red_flag_cases.json",
            lambda d: _item(d["cases"], "saddle_numbness").pop("reason"),
            r"saddle_numbness: missing field 'reason'",
        ),
        (
            "pain_map.json",
            lambda d: d["exercises"][0]["choices"].remove("groin_left"),
            r"pain_map\.json: back_pain_referral: .*'groin_left' is not offered",
        ),
        ("pain_map.json", lambda d: d["exercises"][0]["choices"].append("moon"), r"unknown region 'moon'"),
        (
            "lessons.json",
            lambda d: d["lessons"][1]["uses"].append("muscle:biceps"),
            r"lessons\.json: 01_anatomy: field 'uses': 'muscle:biceps'",
        ),
    ],
)
def test_broken_lesson_data_is_refused_with_file_and_key(lesson_copy, name, change, expected):
    ld.load(lesson_copy)  # the untouched copy loads
    _edit(lesson_copy, name, change)
    with pytest.raises(il.ContentError, match=expected):
        ld.load(lesson_copy)


# ------------------------------------------------------------------ bad input: a clear error, state unchanged


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf"), True, "30", None, [30]])
def test_hip_angle_refuses_nan_inf_bool_and_text_naming_the_range(bad):
    with pytest.raises(ValueError, match=r"hip angle must be a finite number from -30 to 120 degrees"):
        HipAngleExplorer(bad)
    h = HipAngleExplorer(30)
    with pytest.raises(ValueError, match=r"-30 to 120 degrees \(negative = extension"):
        h.set(angle=bad)
    assert h.angle == 30 and h.widget.position == [12]
    h.close()


def test_hip_angle_limits_must_be_finite_and_ordered():
    for kwargs in ({"low": float("nan")}, {"high": float("inf")}, {"low": 10, "high": 5}, {"step": 0}):
        with pytest.raises(ValueError):
            hip_angles(**kwargs)
    assert hip_angles() == tuple(range(-30, 121, 5))  # the slider's angles, both ends offered


def test_explorer_shows_the_maps_a_symptom_has_and_refuses_bad_input_naming_the_choices():
    """The view switch went in issue 11: each symptom shows the maps it has, side by side."""
    course = course_or_package(None)
    views = {k: [p.view for p in compare_panels(course, k, "left")] for k in explorer_keys(course)}
    assert views == {
        "back_pain": ["evidence", "article", "contrast"],  # the only one whose areas the article stretched
        "pain_with_movement": ["evidence", "contrast"],
        "hip_pain": ["evidence", "contrast"],
        "sciatic_pain": ["evidence"],  # a contrast pattern: its own map shows its contrast
    }
    e = SymptomExplorer("sciatic_pain")
    for bad in ("article", "rumour", None, True):
        with pytest.raises(LookupError, match=r"unknown body-map symptom .*; valid: back_pain, pain_with_movement"):
            e.set(symptom=bad)
    for bad in ("both", None):
        with pytest.raises(ValueError, match=r"choose one of: left, right"):
            e.set(side=bad)
    with pytest.raises(ValueError, match=r"choose one of: male, female"):
        e.set(body="child")
    assert e.values == {"symptom": "sciatic_pain", "side": "left", "body": "male"}  # unchanged
    e.close()


def _steppers():
    return [SymptomStepperState(), MechanismStepperState(), RedFlagCasesState(), QuizState("03_symptoms")]


@pytest.mark.parametrize("bad", [99, -1, True, False, 1.0, 2.5, None, "", [1]])
def test_go_to_refuses_bad_indexes_and_types_naming_the_range(bad):
    for s in _steppers():
        s.go_to(1)
        last = s.count - 1
        with pytest.raises(
            (ValueError, LookupError), match=rf"(0 to {last} \(the {s.noun}s' positions|choose one of: )"
        ):
            s.go_to(bad)
        assert s.index == 1, type(s).__name__
        with pytest.raises(ValueError, match=rf"0 to {last}"):
            type(s)(index=bad) if not isinstance(s, QuizState) else QuizState("03_symptoms", index=bad)


def test_go_to_takes_a_key_and_refuses_an_unknown_one_listing_the_keys():
    for s in _steppers():
        key = s.keys[2]
        assert s.go_to(key).index == 2
        with pytest.raises(LookupError, match=rf"unknown {s.noun} 'nope'; choose one of: {s.keys[0]}, {s.keys[1]}"):
            s.go_to("nope")
        assert s.index == 2


def test_unknown_muscle_feature_and_regions_name_the_valid_choices():
    a = AnatomyExplorer()
    for bad in (None, ["iliacus"], "biceps"):
        with pytest.raises(LookupError, match="choose one of: psoas_major, iliacus, psoas_minor"):
            a.set(muscle=bad)
    with pytest.raises(ValueError, match="choose one of: whole, origin, insertion, nerve_supply"):
        AnatomyExplorer(feature=None)
    with pytest.raises(ValueError, match="choose one of: whole"):
        feature_label("colour")
    assert (a.values["muscle"], a.values["feature"]) == ("psoas_major", "whole")
    a.close()
    p = PainMapState()
    with pytest.raises(ValueError, match="not the single string 'groin_left'; choose from: "):
        p.set_marked("groin_left")
    with pytest.raises(ValueError, match=r"on must be True \(mark\) or False"):
        p.mark("groin_left", "yes")
    with pytest.raises(LookupError, match="is not offered; choose from: "):
        p.mark(None)
    assert p.marked == ()
    with pytest.raises(LookupError, match="valid pain-map exercise keys: back_pain_referral"):
        PainMapState("nope")


def test_pain_map_marks_and_answer_marks_use_the_role_names():
    p = PainMapState(marked=("groin_left",))
    assert p.marks == {"groin_left": "referred"}
    sym = il.symptom("back_pain")
    assert set(p.answer_marks) == set(p.answer)
    assert {k for k, r in p.answer_marks.items() if r == "source"} == set(sym.regions_for("left", "source"))


def test_state_options_are_keyword_only():
    for call in (
        lambda: SymptomStepperState(0, "right"),
        lambda: SymptomExplorer("back_pain", "right"),
        lambda: AnatomyExplorer("iliacus", "origin"),
        lambda: HipAngleExplorer(0, -10),
        lambda: QuizState(None, 1),
        lambda: RedFlagCasesState(0, ()),
        lambda: PainMapState("back_pain_referral", ()),
    ):
        with pytest.raises(TypeError, match="positional argument"):
            call()


def test_quiz_lesson_case_keys_and_marked_collections_are_checked():
    with pytest.raises(LookupError, match=r"no quiz questions for lesson 123; choose one of: 00_start_here"):
        QuizState(123)
    with pytest.raises(LookupError, match="99_nothing"):
        QuizState("99_nothing")
    review = QuizState("05_review").items
    assert review and {q.lesson for q in review} == {"05_review"} and len(QuizState(None).items) == len(ld.questions())
    r = RedFlagCasesState()
    key = ld.cases()[2].key
    r.go_to(key).answer(ld.cases()[2].urgency)
    r.go_to(0)
    assert r.triage(key) == r.triage(ld.cases()[2]) == "right" and r.triage() is None
    with pytest.raises(LookupError, match=rf"unknown case 'x'; choose one of: {ld.cases()[0].key}"):
        r.triage("x")
    for bad in (None, 5):
        with pytest.raises(ValueError, match=r"marked must be a collection of region keys, not .*; choose from: "):
            PainMapState(marked=bad)


def test_side_label_names_the_sides_for_an_unknown_one():
    from iliopsoas_lessons.widgets.state import side_label

    assert side_label("right") == "patient's right"
    with pytest.raises(ValueError, match="unknown side 'both'; choose one of: left, right"):
        side_label("both")
