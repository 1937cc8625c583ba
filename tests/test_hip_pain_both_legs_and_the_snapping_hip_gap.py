"""The hip-pain page asks about nerve signs (numbness between the legs, a change
in passing urine or stool), so it offers the sign for sciatica in both legs, as
the page for pain on movement does. The snapping-hip page leaves shingles out
for a reason kept in test_routine_pages_offer_the_belly_skin_and_testicle_mimics
(a clunk with a movement is not a pain that no movement changes); the
instructor guide states that gap, so a teacher does not read it as an
oversight."""

from __future__ import annotations

from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "instructor_guide.md"


def test_the_hip_pain_page_offers_sciatica_in_both_legs_like_the_movement_page():
    for key in ("hip_pain", "pain_with_movement"):
        assert "both_legs_sciatica" in il.symptom(key).warning_flags, key
        assert key in il.red_flag("both_legs_sciatica").symptoms, key
    why = il.symptom("hip_pain").why.text
    assert "numbness between the legs" in why and "both legs" in why


def test_the_snapping_hip_gap_is_still_a_gap_and_the_guide_states_it():
    assert "shingles" not in il.mechanism("snapping_hip").shown_flags
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    assert "snapping-hip page offers the same warning signs" in guide
    assert "one stated exception, shingles" in guide
    assert "no movement changes" in guide
