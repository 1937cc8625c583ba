"""Case details from a clinical review: a fall is asked about, and a review the
advice depends on has a date.

The woman with the weak leg comes back having fallen on the stairs: the case
says what the fall hurt, and the late options name the hip-fracture sign (new
hip or groin pain after a fall, or pain on putting weight on the leg). The
dancer's acceptable option hangs its escalation on "the review", so it sets the
review's interval; the escalation after a failed review is the lessons' own
cautious choice, and the case says so."""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit


def _case(key):
    return next(c for c in il.course().cases if c.key == key)


def _step(case, key):
    return next(s for s in case.steps if s.key == key)


def test_the_weak_leg_case_asks_what_the_fall_hurt():
    case = _case("femoral_nerve_vs_l3l4")
    event = _step(case, "weeks_later").text
    assert "fallen once on the stairs" in event
    for words in ("did not hit her head", "no new hip or groin pain", "puts weight on the leg"):
        assert words in event, words
    options = {o.key: o for o in _step(case, "decision_late").options}
    for key in ("dec_late_spinal_today", "dec_late_ed_now"):
        feedback = options[key].feedback
        assert "hip-fracture warning sign" in feedback and "emergency department now" in feedback, key
        assert "NHS-HIPFRACTURE" in options[key].references, key
    assert "new hip or groin pain" in options["dec_late_spinal_today"].advice
    assert il.red_flag("hip_fracture_after_fall").urgency == "emergency"


def test_every_dancer_option_that_relies_on_a_review_sets_its_interval():
    case = _case("dancer_snapping_hip")
    options = [o for s in case.steps if s.kind == "decision" for o in s.options]
    relying = [o for o in options if "at the review" in o.advice]
    assert {o.key for o in relying} >= {"dec_rehab", "dec_sports_doctor"}
    for o in relying:
        assert "review in one to two weeks" in o.destination, o.key


def test_the_dancer_escalation_is_labelled_the_lessons_own_choice():
    case = _case("dancer_snapping_hip")
    assert "these lessons' own cautious choice, not a guideline rule" in case.answer.why
    best = next(o for s in case.steps if s.kind == "decision" for o in s.options if o.key == "dec_rehab")
    assert "these lessons' own cautious choice, not a guideline rule" in best.feedback
