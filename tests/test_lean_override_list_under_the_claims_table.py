"""Lesson 03's claims table judged a sideways lean in one row, and that row's
verdict carried, in one table cell of about 400 words, every warning sign that
overrides it. The list now also stands under the table, in markdown, one sign a
line, each named as lesson 04 names it; the prose names no level itself and
points to the stepper's step for the lean, which shows each sign with its level
from the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_symptoms.ipynb"
OVERRIDING = (
    "infection_unwell",
    "infection",
    "fever_back_pain",
    "bleeding",
    "cauda_equina",
    "both_legs_sciatica",
    "progressive_weakness",
    "cancer_spinal_pain",
    "cancer_with_nerve_signs",
    "possible_cancer",
    "child_back_pain",
)


def _cell_after_the_claims_table() -> str:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    i = next(n for n, c in enumerate(cells) if c["cell_type"] == "code" and "show_claims(" in "".join(c["source"]))
    after = cells[i + 1]
    assert after["cell_type"] == "markdown"
    return "".join(after["source"])


def test_the_list_under_the_table_names_each_overriding_sign_one_a_line():
    text = _cell_after_the_claims_table()
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) >= 9
    for key in OVERRIDING:
        assert f"'{il.red_flag(key).title}'" in text, key


def test_the_stepper_step_it_points_to_shows_each_sign_with_its_level():
    text = _cell_after_the_claims_table()
    lean = il.symptom("lumbar_curve")
    assert f'"{lean.title}"' in text
    assert set(OVERRIDING) <= set(lean.warning_flags)
    for level in il.urgency_levels():
        assert level.label.lower() not in text.lower(), level.key
