"""A routine mechanism is the harmless explanation a learner may settle on, so
its page offers every emergency warning sign the symptom pages offer: each is a
look-alike that must not be filed as a strain, an overuse injury, a snapping hip
or an impingement after a hip replacement. Round 54 found a "back strain" page
without the back-and-chest-pain sign (a heart attack or a tear in the aorta) and
without pancreatitis; this rule covers every such gap at once."""

from __future__ import annotations

import dataclasses

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit


def _emergency_gaps(course) -> list[tuple[str, str]]:
    """(mechanism, flag) for each emergency sign a symptom page offers that a routine mechanism page does not."""
    emergencies = {
        key
        for symptom in course.symptoms
        for key in symptom.warning_flags
        if course.red_flags[key].urgency == "emergency"
    }
    return [
        (m.key, key) for m in course.mechanisms if m.urgency == "routine" for key in sorted(emergencies - m.shown_flags)
    ]


def test_every_routine_page_offers_every_emergency_sign():
    course = il.course()
    assert any(m.urgency == "routine" for m in course.mechanisms)
    assert _emergency_gaps(course) == []


def test_the_back_and_chest_pain_sign_is_on_the_strain_page_with_its_own_route():
    strain = il.mechanism("acute_strain")
    when = {up.flag: up.when for up in strain.escalates_to}
    assert "chest pain" in when["back_and_chest_pain"] and "999" in when["back_and_chest_pain"]
    assert "back" in when["pancreatitis"]
    assert "acute_strain" in il.red_flag("back_and_chest_pain").mechanisms


def test_a_dropped_emergency_is_caught():
    course = il.course()
    strain = course.mechanisms["acute_strain"]
    without = dataclasses.replace(
        strain, escalates_to=tuple(up for up in strain.escalates_to if up.flag != "back_and_chest_pain")
    )
    mechanisms = tuple(without if m.key == "acute_strain" else m for m in course.mechanisms)
    planted = dataclasses.replace(course, mechanisms=type(course.mechanisms)("mechanism", mechanisms))
    assert _emergency_gaps(planted) == [("acute_strain", "back_and_chest_pain")]
