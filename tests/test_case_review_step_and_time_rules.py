"""The dancer's step after a failed review names who arranges the X-ray and MRI, how soon, and
what sends him now instead; and a time rule's message says the same threshold as its rule (a rule
that fires 'at least' at a time does not say 'more than' that time); and the Hölmich 2007 record
says what the pages read show about its authors."""

from __future__ import annotations

import json
import re

import pytest

import iliopsoas_lessons as il
from case_helpers import CASES
from case_helpers import case_data as _case
from case_helpers import items_by_key as _items
from case_helpers import options_by_key as _options

pytestmark = pytest.mark.unit

_GOOD = ("dec_rehab", "dec_sports_doctor")


def _review_sentence(text: str) -> str:
    start = text.index("If the groin ache is not clearly better at the review")
    return text[start:]


@pytest.mark.parametrize("key", _GOOD)
def test_the_dancer_s_failed_review_names_who_arranges_the_scans_and_how_soon(key):
    """The step after a failed review named no route or time: an unowned wait on crutches."""
    step = _review_sentence(_options(_case("dancer_snapping_hip"))[key]["advice"])
    for words in (
        "refers him",
        "by phone as well as in writing",
        "the school's sports physician or his GP",
        "within 48 hours",
        "arranges an X-ray and asks for the MRI scan urgently",
        "within days, not in a routine outpatient slot",
        "until the MRI has been read",
        "all weight off the leg (crutches)",
        "goes now, not later in the day, to an emergency department",
    ):
        assert words in step, (key, words)
    # the signs that send him now are the stress-fracture sign's own
    flag = il.course().red_flags["runner_stress_fracture"]
    assert flag.go_now and "hopping" in " ".join(flag.signs)
    for sign in ("hopping", "on walking", "at rest or at night", "earlier in each class"):
        assert sign in step, (key, sign)
    assert "he has an X-ray and an MRI scan, with no weight" not in step


def test_the_dancer_s_answer_and_mri_feedback_give_the_same_route_after_a_failed_review():
    case = _case("dancer_snapping_hip")
    why = case["answer"]["why"]
    mri = _items(case)["inv_mri"]["feedback"]
    for text in (why, mri):
        assert "the school's sports physician or his GP, to be seen within 48 hours" in text
    assert "no weight on the leg until the MRI has been read" in why
    assert "(an X-ray and an MRI if the ache is not clearly better by then)" not in why


def _time_rules():
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text("utf-8"))
        for rule in case["rules"]:
            when = rule["when"]
            if when.get("counter") == "minutes" and "at_least" in when and rule["then"].get("message"):
                yield path.stem, rule


def test_a_time_rule_that_fires_at_least_at_a_time_does_not_say_more_than_that_time():
    rules = list(_time_rules())
    assert any(key == "iliacus_haematoma_anticoag" for key, _ in rules)
    for key, rule in rules:
        message = rule["then"]["message"]
        assert not re.match(r"More than\b", message), (key, rule["key"], message)


def test_the_bleed_case_s_two_hour_rule_and_its_texts_agree():
    case = _case("iliacus_haematoma_anticoag")
    rule = next(r for r in case["rules"] if r["key"] == "bleed_grows")
    assert rule["when"]["at_least"] == 120
    assert rule["then"]["message"].startswith("Two hours or more have gone by")
    assert "if they add up to two hours, the bleed grows" in case["teacher_notes"]


def test_holmich_2007_says_what_the_pages_show_about_its_authors():
    """The issue's bjsm.bmj.com page lists Per A Renström below Hölmich; the pages read do not say
    whether he is a co-author or wrote a commentary, so the record says so rather than settling it."""
    ref = il.reference("HOLMICH2007")
    assert ref.authors == ("Hölmich P",)
    for words in (
        "Per A Renström",
        "co-author or wrote a commentary",
        "the author list is unconfirmed",
        "'the author'",
    ):
        assert words in ref.note, words
    assert ref.pmid is None and "recalled from memory is not added" in ref.pmid_absent_reason
