"""Two emergency routes that had no sign of their own.

A baby or a child not yet walking who will not move a leg, or cries when it is
moved (at a nappy change), may have an infected hip or bone with no fever: the
children's fever-and-limp sign needed a fever, and the young child's limp sign
stepped up only for a fever, looking unwell or not bearing weight, which such a
baby cannot show. Someone with a stiff, fused spine (ankylosing spondylitis or
DISH) whose back or neck hurts after a small fall may have an unstable fracture:
the weak-bone fracture sign counted only older age, osteoporosis or steroids, and
sent spinal pain to a GP the same day."""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.text import show_call_now

pytestmark = pytest.mark.unit

BABY = "baby_leg_not_moved"
SPINE = "fused_spine_fracture"


def _flat(value) -> str:
    return " ".join(str(value).replace("*", "").split())


def test_a_baby_who_keeps_a_leg_still_goes_to_a_childrens_emergency_department_without_a_fever():
    flag = il.red_flag(BABY)
    assert flag.urgency == "emergency"
    assert "with or without a fever" in flag.in_short and "nappy change" in flag.in_short
    assert flag.destination.startswith("A children's emergency department now")
    assert "Not a GP appointment" in flag.destination
    assert "young_child" in flag.every_mechanism_for
    box = _flat(show_call_now())
    line = _flat(flag.call_now[0].sign)
    assert "even with no fever" in line and line in box


def test_the_young_childs_limp_steps_up_when_the_leg_is_not_moved():
    when = il.red_flag("young_child_limp").escalation.when
    assert "will not move the leg, or cries when it is moved" in when
    assert il.red_flag(BABY).title in when


def test_a_fused_spine_after_a_small_fall_is_an_emergency_and_999_with_nerve_signs():
    flag = il.red_flag(SPINE)
    assert flag.urgency == "emergency"
    assert "at any age" in flag.signs[0] or "of any age" in flag.signs[0]
    assert "ankylosing spondylitis" in flag.signs[0] and "DISH" in flag.signs[0]
    transports = {entry.transport for entry in flag.call_now}
    assert transports == {"either", "ambulance"}
    assert "Call 999 for an ambulance instead" in flag.destination
    assert "still" in flag.interim_advice
    box = _flat(show_call_now())
    for entry in flag.call_now:
        assert _flat(entry.sign) in box


def test_the_weak_bone_fracture_sign_hands_a_fused_spine_to_the_faster_sign():
    fragility = il.red_flag("fragility_fracture")
    title = il.red_flag(SPINE).title
    assert any("ankylosing spondylitis" in sign and title in sign for sign in fragility.signs)
    assert "ankylosing spondylitis" in fragility.escalation.when and title in fragility.escalation.when


def test_the_routine_strain_and_overuse_pages_offer_both_signs():
    for key in ("acute_strain", "overuse", "snapping_hip", "hip_replacement_impingement"):
        shown = il.mechanism(key).shown_flags
        assert {BABY, SPINE} <= set(shown), key
    assert BABY in il.mechanism("abscess").shown_flags
    assert {BABY, SPINE} <= set(il.symptom("back_pain").warning_flags)


def test_each_sign_has_a_practice_case_at_its_level():
    cases = {c.red_flag: c for c in ld.cases() if c.red_flag in (BABY, SPINE)}
    assert set(cases) == {BABY, SPINE}
    baby = cases[BABY]
    assert baby.urgency == "emergency" and "temperature is normal" in baby.story
    assert cases[SPINE].urgency == "emergency" and "ankylosing spondylitis" in cases[SPINE].story
