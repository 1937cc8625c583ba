"""Records and lesson states read the course they are given, never the
package's course behind their back: a course loaded from a changed copy of
the data shows its changes in every state, widget and exercise built on it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content import loader
from iliopsoas_lessons.widgets.state import (
    MechanismStepperState,
    PainMapState,
    RedFlagCasesState,
    SymptomStepperState,
)

DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"
NEW_LABEL = "Straight to the emergency department (changed copy)"
DROPPED = "front_thigh_upper_left"  # a referred region of back_pain, left side


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """(course, lesson data) from a copy of the data with the most urgent level
    renamed and one referred region taken out of the back-pain pattern."""
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, folder)
    urgency = json.loads((folder / "urgency.json").read_text(encoding="utf-8"))
    urgency["levels"][0]["label"] = NEW_LABEL
    (folder / "urgency.json").write_text(json.dumps(urgency), encoding="utf-8")
    symptoms = json.loads((folder / "symptoms.json").read_text(encoding="utf-8"))
    back = next(s for s in symptoms["symptoms"] if s["key"] == "back_pain")
    back["pattern"] = [p for p in back["pattern"] if p["region"] != DROPPED]
    (folder / "symptoms.json").write_text(json.dumps(symptoms), encoding="utf-8")
    course = loader.load(folder)
    return course, ld.load(folder / "lessons", course=course)


def test_the_changed_copy_differs_from_the_package(changed):
    course, data = changed
    assert NEW_LABEL not in [lv.label for lv in loader.course().urgency]
    assert DROPPED in loader.course().symptoms["back_pain"].regions_for("left")
    assert DROPPED not in course.symptoms["back_pain"].regions_for("left")


def test_a_pain_map_exercise_answers_from_the_course_it_was_loaded_with(changed):
    course, data = changed
    exercise = data.pain_maps["back_pain_referral"]
    assert exercise.answer == course.symptoms["back_pain"].regions_for("left")
    assert DROPPED not in exercise.answer
    assert DROPPED in ld.pain_map_exercise("back_pain_referral").answer  # the package's own is unchanged


def test_the_states_read_the_course_they_are_given(changed):
    course, data = changed
    cases = RedFlagCasesState(cases=data.cases, progress=False, course=course)
    assert NEW_LABEL in [lv.label for lv in cases.levels]
    assert SymptomStepperState(course=course).symptom is course.symptoms["back_pain"]
    from iliopsoas_lessons.widgets import AnatomyExplorer, SymptomExplorer  # the explorers keep no state object

    explorers = SymptomExplorer(course=course), AnatomyExplorer(course=course)
    assert explorers[0].symptom is course.symptoms["back_pain"]
    assert explorers[1].muscle is course.muscles["psoas_major"]
    for explorer in explorers:
        explorer.close()
    first = next(iter(course.mechanisms)).key
    assert MechanismStepperState(course=course).mechanism is course.mechanisms[first]
    pain_map = PainMapState(progress=False, course=course)
    assert DROPPED not in pain_map.answer_marks
    assert DROPPED in pain_map.toggle(DROPPED).check().extra


def test_a_case_answered_at_the_most_urgent_level_names_the_course_label(changed):
    course, data = changed
    urgent = next(iter(course.urgency)).key
    case = next(c for c in data.cases if c.urgency == urgent)
    state = RedFlagCasesState(cases=(case,), progress=False, course=course)
    feedback = state.answer(urgent)
    assert NEW_LABEL.lower() in feedback.explanation


def test_no_content_state_or_report_module_reads_the_package_course_through_the_root():
    """``import iliopsoas_lessons as il`` and its ``il.symptom(...)`` look the
    course up globally; these modules take theirs from their caller."""
    import ast

    package = DATA.parent
    offenders = []
    for folder in ("content", "widgets", "progress", "report"):
        for path in sorted((package / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import) and any(a.name == "iliopsoas_lessons" for a in node.names):
                    offenders.append(f"{path.relative_to(package)}:{node.lineno}")
                if isinstance(node, ast.ImportFrom) and node.module == "iliopsoas_lessons" and node.level == 0:
                    if any(a.name != "__version__" for a in node.names):
                        offenders.append(f"{path.relative_to(package)}:{node.lineno}")
    assert offenders == []
