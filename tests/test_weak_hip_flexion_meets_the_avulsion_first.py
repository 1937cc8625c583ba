"""Weak hip flexion in the examination table meets the avulsion signs first.

The nerve-or-root table, where a student records weak hip flexion, treated it
only as a femoral nerve or root problem: the nearest sign it offered sent the
person to a same-day GP appointment aimed at the spinal team, with no crutches.
A new, marked weakness lifting the thigh, or a seated heel that cannot be lifted
(Ludloff's sign), is first a lesser trochanter pulled off by the iliopsoas (in
an adult, often a tumour weakening the bone): the avulsion signs, an X-ray and
no weight on the leg. A loader rule now keeps it so: every row that names hip
flexion shows both avulsion signs in both columns, and every nerve test that
names hip flexion puts Ludloff's sign before any nerve or root. The table also
offers the sudden blocked-artery sign where it deals with numbness and the
story, because a cold, pale, numb or weak leg can pass for a trapped nerve.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons import content as content_module
from iliopsoas_lessons.content import exam_checks
from iliopsoas_lessons.content.text import flag_level, show_nerve_examination

pytestmark = pytest.mark.unit

DATA = Path(il.__file__).resolve().parent / "data"
AVULSIONS = ("adult_avulsion", "adolescent_avulsion")


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _row(data, key):
    return next(r for r in data["nerve_or_root"] if r["key"] == key)


def test_the_hip_flexion_row_shows_both_avulsion_signs_in_both_columns_with_their_levels():
    course = il.course()
    row = course.nerve_or_root["hip_flexion"]
    for key in AVULSIONS:
        assert key in row.nerve_flags and key in row.root_flags, key
    # the avulsions lead the root column; the bleed still leads the nerve column
    assert row.root_flags[:2] == AVULSIONS and row.nerve_flags[0] == "bleeding"
    assert "Ludloff's sign" in row.root.text and "no weight on the leg" in row.root.text
    line = next(x for x in str(show_nerve_examination()).splitlines() if x.startswith("| **Hip flexion**"))
    for key in AVULSIONS:
        flag = course.red_flags[key]
        assert f"**{flag.title}** ({flag_level(flag, course).label})" in line, key
    assert exam_checks.weak_hip_flexion_row_problems(course.nerve_or_root) == []


def test_the_strength_finding_puts_the_avulsion_before_any_nerve():
    course = il.course()
    finding = course.nerve_tests["thigh_strength"].finding
    text = finding.text
    assert text.startswith("Marked new weakness lifting the thigh")
    assert text.index("Ludloff's sign") < text.index("nerve") and "no weight on the leg" in text
    assert {"PHILLIPS", "AFRA"} <= set(finding.references)
    assert exam_checks.hip_flexion_test_problems(course.nerve_tests) == []


@pytest.mark.parametrize("column", ["nerve_flags", "root_flags"])
def test_a_hip_flexion_row_without_the_avulsion_sign_is_refused(data_copy, column):
    def drop(d):
        row = _row(d, "hip_flexion")
        row[column] = [k for k in row[column] if k != "adult_avulsion"]

    _edit(data_copy / "examination.json", drop)
    with pytest.raises(
        il.ContentError,
        match=rf"examination\.json: hip_flexion: field '{column}' leaves out red flag 'adult_avulsion'",
    ):
        content_module.load(data_copy)


def test_any_row_that_names_hip_flexion_needs_the_avulsion_signs(data_copy):
    # the rule reads the row's words, not its key: a knee-jerk row that came to
    # mention weak hip flexion would owe the avulsion signs too
    def mention(d):
        _row(d, "knee_reflex")["root"]["text"] += " Weak hip flexion may come with it."

    _edit(data_copy / "examination.json", mention)
    with pytest.raises(il.ContentError, match=r"examination\.json: knee_reflex: field 'nerve_flags' leaves out"):
        content_module.load(data_copy)


def test_a_strength_finding_that_puts_the_nerve_first_is_refused(data_copy):
    def nerve_first(d):
        test = next(t for t in d["nerve_tests"] if t["key"] == "thigh_strength")
        test["finding"]["text"] = (
            "Weak hip flexion points to the femoral nerve or the roots. Ludloff's sign is the avulsion sign."
        )

    _edit(data_copy / "examination.json", nerve_first)
    with pytest.raises(il.ContentError, match=r"examination\.json: thigh_strength: field 'finding' names no"):
        content_module.load(data_copy)


def test_the_numbness_and_story_rows_offer_the_blocked_artery_sign():
    rows = il.course().nerve_or_root
    for key in ("numb_area", "setting"):
        assert "acute_limb_ischaemia" in rows[key].nerve_flags and "acute_limb_ischaemia" in rows[key].root_flags, key
    assert il.red_flag("acute_limb_ischaemia").title in str(show_nerve_examination())


def test_lesson_03_says_weak_hip_flexion_is_first_an_avulsion():
    notebook = Path(il.__file__).resolve().parents[1] / "notebooks" / "03_symptoms.ipynb"
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    cell = next(
        "".join(c["source"]) for c in cells if "".join(c["source"]).startswith("## Examining the femoral nerve")
    )
    flat = " ".join(cell.split())
    assert "a new, marked weakness lifting the thigh" in flat and "(Ludloff's sign)" in flat
    assert "avulsion warning signs" in flat
    for level in il.urgency_levels():
        assert level.label.lower() not in flat.lower(), level.key
