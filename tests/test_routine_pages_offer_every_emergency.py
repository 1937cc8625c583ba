"""A mechanism page below the emergency level is an explanation a learner may
settle on, so its page offers every emergency warning sign the symptom pages
offer: each is a look-alike that must not be filed as a strain, an overuse
injury, a snapping hip, an impingement after a hip replacement, a pulled-off
tendon or an abscess. A review found a "back strain" page without the
back-and-chest-pain sign (a heart attack or a tear in the aorta) and without
pancreatitis; a later one found the avulsion page, which sends the person to an
emergency department now, without the major-trauma sign (999, an ambulance to
a major trauma centre) or Guillain-Barre syndrome. This rule covers every such
gap at once, on routine and same-day pages alike.

A sign whose 'every_mechanism_for' names only age bands the page does not reach
is not needed there (a baby's still leg on a page no young child reaches)."""

from __future__ import annotations


import pytest

import iliopsoas_lessons as il
from page_helpers import reaches, without_escalation

pytestmark = pytest.mark.unit

TOP = "emergency"


def _emergency_gaps(course) -> list[tuple[str, str]]:
    """(mechanism, flag) for each emergency sign a symptom page offers that a page below emergency does not."""
    emergencies = {
        key for symptom in course.symptoms for key in symptom.warning_flags if course.red_flags[key].urgency == TOP
    }
    return [
        (m.key, key)
        for m in course.mechanisms
        if m.urgency != TOP
        for key in sorted(emergencies - m.shown_flags)
        if reaches(course.red_flags[key], m)
    ]


def test_every_page_below_emergency_offers_every_emergency_sign():
    course = il.course()
    assert any(m.urgency == "routine" for m in course.mechanisms)
    assert any(m.urgency == "same_day" for m in course.mechanisms)
    assert _emergency_gaps(course) == []


def test_the_same_day_pages_are_checked():
    """The avulsion and abscess pages are below emergency, so the rule reaches them."""
    course = il.course()
    assert {m.key for m in course.mechanisms if m.urgency != TOP} >= {"avulsion", "abscess"}


def test_a_sign_for_ages_the_page_does_not_reach_is_not_needed():
    course = il.course()
    baby = course.red_flags["baby_leg_not_moved"]
    avulsion = course.mechanisms["avulsion"]
    assert set(baby.every_mechanism_for) == {"young_child"} and "young_child" not in avulsion.ages
    assert not reaches(baby, avulsion)
    # the abscess page reaches young children, so there the baby's still leg is needed
    assert reaches(baby, course.mechanisms["abscess"])
    assert "baby_leg_not_moved" in course.mechanisms["abscess"].shown_flags


def test_the_back_and_chest_pain_sign_is_on_the_strain_page_with_its_own_route():
    strain = il.mechanism("acute_strain")
    when = {up.flag: up.when for up in strain.escalates_to}
    assert "chest pain" in when["back_and_chest_pain"] and "999" in when["back_and_chest_pain"]
    assert "back" in when["pancreatitis"]
    assert "acute_strain" in il.red_flag("back_and_chest_pain").mechanisms


def test_major_trauma_and_guillain_barre_are_on_the_avulsion_page_with_999():
    avulsion = il.mechanism("avulsion")
    when = {up.flag: up.when for up in avulsion.escalates_to}
    assert "999" in when["major_trauma"] and "do not drive" in when["major_trauma"]
    assert "both legs" in when["guillain_barre"] and "999" in when["guillain_barre"]
    for key in ("major_trauma", "guillain_barre"):
        assert "avulsion" in il.red_flag(key).mechanisms, key


def test_a_dropped_emergency_is_caught():
    course = il.course()
    planted = without_escalation(course, "acute_strain", "back_and_chest_pain")
    assert _emergency_gaps(planted) == [("acute_strain", "back_and_chest_pain")]


def test_a_dropped_emergency_on_a_same_day_page_is_caught():
    course = il.course()
    assert course.mechanisms["avulsion"].urgency == "same_day"
    planted = without_escalation(course, "avulsion", "major_trauma")
    assert _emergency_gaps(planted) == [("avulsion", "major_trauma")]
