"""An adult's hamstring tendons torn off the sitting bone (a pop in the buttock
during a sudden stretch with the knee straight, then pain at the sitting bone and
bruising spreading down the hamstring) had no warning sign, so it fell to the
routine level's "a few weeks", when early repair does better. The sign sits at
the 48-hour level, steps up for the sciatic nerve and for a leg that takes no
weight, is on the strain pages, the buttock and hamstring areas and a practice
case, and the teenage avulsion sign points adults to it.

The kidney sign sent a pregnant woman with a fever and kidney-type pain to a
general emergency department, while the fever sign sent her to the maternity
unit "rather than to a general emergency department": both now give the
maternity route, on the same sources."""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld

pytestmark = pytest.mark.unit

KEY = "adult_hamstring_avulsion"


def test_the_hamstring_sign_sits_at_48_hours_and_asks_for_a_scan():
    flag = il.red_flag(KEY)
    assert flag.urgency == "within_days"
    assert "within 48 hours" in flag.destination and "naming this sign" in flag.destination
    assert "MRI" in flag.destination and "orthopaedic" in flag.destination
    assert "crutches" in flag.interim_advice and "stretch" in flag.interim_advice
    for words in ("sitting bone", "splits", "water-skiing", "overstriding", "knee straight"):
        assert words in flag.in_short, words
    assert {"SUBBU2015", "HILLIERSMITH2022"} <= set(flag.reason.references)


def test_the_hamstring_sign_steps_up_for_the_nerve_and_for_no_weight():
    flag = il.red_flag(KEY)
    assert flag.escalation.urgency == "same_day"
    assert "below the knee" in flag.escalation.when and "sciatic nerve" in flag.escalation.when
    assert f"'{il.red_flag('cannot_bear_weight').title}'" in flag.escalation.when


def test_the_hamstring_sign_is_on_the_buttock_and_hamstring_areas_and_the_strain_pages():
    flag = il.red_flag(KEY)
    assert {"buttock_left", "buttock_right", "back_thigh_left", "back_thigh_right"} <= set(flag.regions)
    assert KEY in il.symptom("sciatic_pain").warning_flags
    for mechanism in ("acute_strain", "avulsion"):
        assert KEY in il.mechanism(mechanism).shown_flags, mechanism


def test_a_practice_case_shows_the_hamstring_sign_at_its_level():
    cases = [c for c in ld.lesson_data().cases if c.red_flag == KEY]
    assert cases and all(c.urgency == "within_days" for c in cases)


def test_the_teenage_avulsion_sign_points_adults_to_the_hamstring_sign():
    teen = il.red_flag("adolescent_avulsion")
    assert "growth plates have closed" in teen.reason.text
    assert il.red_flag(KEY).title in teen.reason.text


def test_the_kidney_sign_gives_a_pregnant_woman_the_maternity_route():
    kidney = il.red_flag("kidney")
    fever = il.red_flag("fever_back_pain")
    route = "phones the maternity assessment (triage) unit or labour ward where she is booked"
    assert route in fever.destination and route in kidney.destination
    assert "rather than to a general emergency department" in kidney.destination
    assert "from about 20 weeks" in kidney.destination and "6 weeks" in kidney.destination
    assert "any sign of sepsis is 999" in kidney.destination
    assert {"NCT-MATERNAL-SEPSIS", "HSE-MATERNAL-SEPSIS"} <= set(kidney.reason.references)
