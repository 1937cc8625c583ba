"""The hip-pain page asks about nerve signs (numbness between the legs, a change
in passing urine or stool), so it offers the sign for sciatica in both legs, as
the page for pain on movement does. The snapping-hip page once left shingles out
(a clunk with a movement is not a pain that no movement changes); two reviews
asked for it, so it now shows the shingles sign like every other routine page,
with a step-up that says a pain the snap does not change is not a snapping hip,
and the instructor guide says there is no exception."""

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


def test_the_snapping_hip_page_shows_shingles_and_the_guide_states_no_exception():
    mechanism = il.mechanism("snapping_hip")
    assert "shingles" in mechanism.shown_flags
    assert "snapping_hip" in il.red_flag("shingles").mechanisms
    (when,) = [up.when for up in mechanism.escalates_to if up.flag == "shingles"]
    assert "band of skin on one side" in when and "the snap included" in when and "not a snapping hip" in when
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    assert "snapping-hip page offers the same warning signs" in guide
    assert "with no exception, shingles included" in guide
    assert "one stated exception" not in guide
    assert "no movement changes" in guide
