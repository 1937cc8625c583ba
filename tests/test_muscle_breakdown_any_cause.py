"""Muscle breakdown (rhabdomyolysis) has a warning sign whatever its cause.

The rhabdomyolysis sign counted only exercise, a crush or a long lie, so a
person on a statin with aching, weak thighs and dark urine, and no unusual
exercise, matched no warning sign and was left at the routine level (graded
exercise, reviewed after a few weeks). The sign now covers any cause, with dark
urine or very weak muscles as the emergency part; unexplained muscle pain on a
statin without them goes to a GP or NHS 111 the same day, by the routine
level's own step; and a practice case teaches the statin story.
"""

from __future__ import annotations

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld

FLAG = "exertional_rhabdomyolysis"


def _words(flag) -> list[str]:
    return [flag.title, flag.in_short, *flag.signs]


def test_the_sign_names_causes_other_than_exercise_with_its_emergency_part():
    flag = il.red_flag(FLAG)
    assert flag.urgency == "emergency"
    # a statin, an infection and heat, beside the crush and the long lie, in one sign
    # that keeps dark urine or very weak muscles as what makes it the emergency
    assert any(
        all(w in s for w in ("statin", "infection", "overheating", "crush", "dark or scanty urine", "weak"))
        for s in flag.signs
    )
    for text in (flag.title, flag.in_short):
        assert "statin" in text and "dark or scanty urine" in text, text
    # the start page's emergency box reads it too
    assert any("statin" in line.sign for line in flag.call_now)


def test_unexplained_muscle_pain_on_a_statin_has_a_same_day_route():
    flag = il.red_flag(FLAG)
    step = [s for s in flag.signs if s.startswith("in someone taking a statin")]
    assert step and "that day" in step[0] and ("GP" in step[0] and "NHS 111" in step[0])
    routine = next(level for level in il.urgency_levels() if level.key == "routine")
    for text in (routine.referral, routine.patient_advice):
        assert "statin" in text and "that day" in text and "NHS 111" in text, text
    assert "NHS-STATINS-SE" in routine.references


def test_a_practice_case_teaches_the_statin_story():
    cases = [c for c in ld.cases() if c.red_flag == FLAG and "statin" in c.story]
    assert cases, "no practice case with a statin"
    case = cases[0]
    assert case.urgency == "emergency"
    assert "no unusual exercise" in case.story and "dark" in case.story
    assert "that day" in case.reason
