"""The routine level's clinician text names cases that are not left for a few
weeks (polymyalgia, pregnancy, a statin). The patient's advice at the same level
names its own exceptions, so a reader takes its list as complete: every case the
clinician text names must be in the patient's words too. The pregnancy case was
once missing from the patient's advice."""

from __future__ import annotations

import re

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

# Each exception, with the words that mark it in the clinician text and in the
# patient's advice.
EXCEPTIONS = {
    "polymyalgia": ("both hips or both shoulders",),
    "pregnancy": ("pregnancy warning signs", "pregnant"),
    "statin": ("statin",),
}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _routine():
    return next(level for level in il.urgency_levels() if level.key == "routine")


def named_exceptions(text: str) -> set[str]:
    """Exceptions whose first marker occurs in the text."""
    return {name for name, marks in EXCEPTIONS.items() if marks[0] in text}


def missing_from_advice(referral: str, advice: str) -> set[str]:
    return {name for name in named_exceptions(referral) if not all(mark in advice for mark in EXCEPTIONS[name])}


def test_the_referral_counts_every_exception_it_names():
    referral = _routine().referral
    m = re.search(r"except in the (\w+) cases below", referral)
    assert m, "the referral no longer counts its exceptions"
    assert NUMBERS[m.group(1)] == len(named_exceptions(referral)) == len(EXCEPTIONS)


def test_every_exception_the_referral_names_is_in_the_patients_advice():
    routine = _routine()
    assert missing_from_advice(routine.referral, routine.patient_advice) == set()
    assert missing_from_advice(routine.meaning, routine.patient_advice) == set()


def test_the_pregnancy_exception_gives_the_patient_both_routes_and_go_now():
    advice = _routine().patient_advice
    start = advice.index("If you are or could be pregnant")
    sentence = advice[start : advice.index("If you take a statin")]
    for words in (
        "not ordinary pregnancy backache",
        "two pregnancy warning signs",
        "go now, not later in the day",
        "before about 20 weeks",
        "early pregnancy assessment unit",
        "gynaecology service",
        "from about 20 weeks",
        "maternity assessment (triage) unit",
        "where you are booked",
        "NHS 111",
    ):
        assert words.lower() in sentence.lower(), words


def test_the_check_catches_the_advice_as_it_was():
    routine = _routine()
    before = (
        "Keep moving within comfort, and see a GP or physiotherapist if it is not improving after a few "
        "weeks. Get help sooner if a warning sign appears. Over about 50, aching and stiffness of both hips "
        "or both shoulders, worst in the morning, that has lasted more than a week is not left for a few "
        "weeks. If you take a statin and have new muscle pain, do not wait to see whether it improves."
    )
    assert missing_from_advice(routine.referral, before) == {"pregnancy"}
