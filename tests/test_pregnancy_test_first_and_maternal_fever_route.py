"""Two pregnancy routes.

- The early-pregnancy sign sent anyone who could be pregnant to an early
  pregnancy unit 'even without a positive test', while a practice case used a
  negative test to step the sign down. The test now comes first where it can be
  done at once: positive (or no test possible) means the unit now, negative
  means the other warning signs apply, and faintness or sudden severe pain is
  999 whatever the test shows.
- The fever signs sent a pregnant or newly delivered woman to an emergency
  department or acute assessment unit only, never to the maternity assessment
  unit the pregnancy signs use.
"""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content.lessons import lesson_data

pytestmark = pytest.mark.unit


def first_step_gaps(text: str) -> list[str]:
    wanted = ("pregnancy test", "positive", "negative", "other warning signs", "999", "whatever the test shows")
    return [w for w in wanted if w not in text]


def test_the_early_pregnancy_route_puts_the_test_first():
    flag = il.red_flag("ectopic_pregnancy")
    assert first_step_gaps(flag.destination) == []
    assert flag.destination.startswith("Test first")
    sign = flag.signs[0]
    assert "even without a positive test" not in sign
    assert first_step_gaps(sign) == []
    for other in ("twisted ovary", "infection of the womb, tubes and ovaries", "appendicitis"):
        assert other in sign and other in flag.destination, other
    assert "negative test means the other warning signs apply" in flag.in_short
    # the faster route stays
    assert flag.go_now and flag.urgency == "same_day" and flag.escalation.urgency == "emergency"
    assert "NG126" in flag.reason.references


def test_the_negative_test_case_agrees_with_the_flag():
    case = next(c for c in lesson_data().cases if c.key == "adductor_ache_pain_with_sex")
    assert "negative" in case.story
    assert "first step" in case.reason and "other warning signs apply" in case.reason


def test_the_check_catches_the_route_as_it_was():
    before = (
        "Straight away, not later in the day (NICE: immediate referral): an early pregnancy assessment unit or, "
        "out of hours, the gynaecology service, for a pregnancy test and an ultrasound scan"
    )
    assert set(first_step_gaps(before)) >= {"positive", "negative", "other warning signs"}


MATERNITY_ROUTE = (
    "maternity assessment (triage) unit",
    "where she is booked or gave birth",
    "in the last 6 weeks",
    "before about 20 weeks",
    "early pregnancy or gynaecology service",
    "any sign of sepsis is 999",
)


def maternity_route_gaps(text: str) -> list[str]:
    return [w for w in MATERNITY_ROUTE if w not in text]


@pytest.mark.parametrize("key", ["infection", "fever_back_pain"])
def test_the_fever_signs_send_a_pregnant_or_newly_delivered_woman_to_maternity_care(key):
    flag = il.red_flag(key)
    assert maternity_route_gaps(flag.destination) == []
    assert {"NCT-MATERNAL-SEPSIS", "HSE-MATERNAL-SEPSIS"} <= set(flag.reason.references)
    for ref in ("NCT-MATERNAL-SEPSIS", "HSE-MATERNAL-SEPSIS"):
        assert il.reference(ref).checked == "2026-12-08"


def test_the_fever_signs_pregnancy_line_and_case_name_the_maternity_unit():
    sign = next(s for s in il.red_flag("fever_back_pain").signs if s.startswith("ask about pregnancy"))
    assert maternity_route_gaps(sign) == []
    case = next(c for c in lesson_data().cases if c.key == "fever_back_no_limp")
    assert "maternity assessment (triage) unit" in case.reason and "999" in case.reason


def test_the_maternity_check_catches_the_route_as_it_was():
    before = (
        "Now, not later in the day: hospital, not a GP or NHS 111 appointment: an emergency department, "
        "or the hospital's acute medical or surgical assessment unit by direct referral"
    )
    assert "maternity assessment (triage) unit" in maternity_route_gaps(before)
