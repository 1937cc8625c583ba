"""Tuberculosis of the spine was routed by no warning sign: weeks of back pain with
night sweats, or in someone who has had TB, has been close to it or comes from a
country where it is common, with no measured fever, no limp and no weight loss,
fell to the routine level. The fever sign (a doctor the same day, with its faster
routes) now names night sweats and a TB history or exposure in its own words and
route, the possible-cancer sign (also the same day) points to it, and a practice
case shows the picture with no fever reading and no weight loss."""

from __future__ import annotations

import re

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld

TB_RISK = re.compile(r"had (?:TB|tuberculosis)", re.I)
TB_CONTACT = re.compile(r"(?:spent a lot of time|been close to|lived with)[^.;]{0,40}(?:TB|it)\b", re.I)
TB_COUNTRY = re.compile(r"country where TB is common", re.I)


def _words(flag) -> str:
    return " ".join((flag.in_short, *flag.signs))


def test_the_fever_sign_names_night_sweats_and_a_tb_history_or_exposure():
    flag = il.red_flag("fever_back_pain")
    assert flag.urgency == "same_day" and not flag.go_now
    assert flag.escalation.urgency == "emergency"
    words = _words(flag)
    assert "night sweats" in flag.signs[0] and "night sweats" in flag.in_short
    for pattern in (TB_RISK, TB_CONTACT, TB_COUNTRY):
        assert pattern.search(flag.in_short), pattern.pattern
        assert pattern.search(words), pattern.pattern
    # it counts without the signs whose absence let it fall to routine
    tb = next(s for s in flag.signs if "tuberculosis" in s)
    assert "no fever measured" in tb and "no limp" in tb and "no weight loss" in tb and "weeks" in tb
    # the route tells the doctor about it, and the step-ups are the sign's own
    assert "night sweats" in flag.destination and "TB" in flag.destination
    assert "contact with TB" in flag.interim_advice
    assert {"YUSUF2019", "CORMICAN2006", "NHS-TB"} <= set(flag.reason.references)
    assert "these lessons' own rule" in flag.reason.text


def test_the_possible_cancer_sign_points_tb_risk_to_the_fever_sign_at_the_same_level():
    cancer, fever = il.red_flag("possible_cancer"), il.red_flag("fever_back_pain")
    assert cancer.urgency == fever.urgency
    pointer = next(s for s in cancer.signs if "TB" in s)
    assert "night sweats" in pointer and "fever warning sign" in pointer


def test_a_practice_case_has_night_sweats_and_no_fever_reading_or_weight_loss():
    case = next(c for c in ld.cases() if c.key == "night_sweats_back_tb")
    assert case.red_flag == "fever_back_pain" and case.urgency == il.red_flag("fever_back_pain").urgency
    assert "soaked in sweat" in case.story and "no thermometer" in case.story
    assert "not noticed any weight loss" in case.story and "walks normally" in case.story
    assert "TB" in case.story and "weeks" in case.story
    assert "a doctor today" in case.reason and "999" in case.reason


def test_the_rule_would_have_caught_the_old_wording():
    old_in_short = (
        "a fever, chills, shivering or feeling hot and cold with new back, flank, lower belly, buttock, hip, "
        "groin or thigh pain, even with no limp, in anyone"
    )
    assert "night sweats" not in old_in_short
    assert not any(p.search(old_in_short) for p in (TB_RISK, TB_CONTACT, TB_COUNTRY))
