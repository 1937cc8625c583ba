"""Sudden loss of sight, or a shadow or curtain over one eye, is a 999 call wherever a
lesson text names it; the 48-hour level's last step keeps the 48 hours; the start page's
warning-sign box carries the routine level's exceptions."""

import json
import re

import pytest

from iliopsoas_lessons.content.loader import data_directory
from text_helpers import strings_in as _strings_in

pytestmark = pytest.mark.unit

SIGHT_LOST = re.compile(
    r"(shadow|curtain)[^.;]{0,30}\bover\b[^.;]{0,12}\b(eye|vision)|loss of sight|sight (is )?lost|lost sight",
    re.IGNORECASE,
)


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def _sight_sentences_without_999(text: str) -> list[str]:
    return [s for s in _sentences(text) if SIGHT_LOST.search(s) and "999" not in s]


def _lesson_text_files():
    data = data_directory()
    return [
        data / "symptoms.json",
        data / "mechanisms.json",
        data / "urgency.json",
        *sorted((data / "cases").glob("*.json")),
        data / "lessons" / "red_flag_cases.json",
        data / "guideline_trail.json",
        data / "regions.json",
        data / "lessons" / "quiz.json",
        # red_flags.json is left out: the stroke sign is itself the 999 route, and the
        # arteritis sign's reason reports what the NHS pathways it cites say
    ]


def test_every_lesson_sentence_naming_lost_sight_or_a_shadow_over_an_eye_names_999():
    gaps = []
    for path in _lesson_text_files():
        for where, text in _strings_in(json.loads(path.read_text(encoding="utf-8"))):
            gaps += [f"{path.name}{where}: {s[:120]}" for s in _sight_sentences_without_999(text)]
    assert gaps == []
    # the old symptom wording sent a shadow over one eye to eye casualty only, and fails
    old = (
        "ask about any change in sight (the giant cell arteritis warning sign below; a new change in "
        "sight, such as blurring, a shadow over one eye or double vision, means eye casualty or an "
        "emergency department now). Sudden back pain with a tearing feeling means calling 999."
    )
    assert _sight_sentences_without_999(old)


def test_the_symptom_texts_split_sight_lost_suddenly_from_blurred_or_double_vision():
    symptoms = json.loads((data_directory() / "symptoms.json").read_text(encoding="utf-8"))["symptoms"]
    for symptom in symptoms:
        text = symptom["why"]["text"]
        if "giant cell arteritis" not in text:
            continue
        assert "a shadow or curtain over one eye" in text and "calling 999" in text, symptom["key"]
        assert "blurred or double vision means eye casualty or an emergency department now" in text


def _urgency_level(key: str) -> dict:
    levels = json.loads((data_directory() / "urgency.json").read_text(encoding="utf-8"))["levels"]
    return next(level for level in levels if level["key"] == key)


def _fallback_gaps(text: str) -> list[str]:
    """What the 48-hour level's last step leaves out if the 48 hours are about to pass."""
    gaps = [] if re.search(r"48 hours would (otherwise )?pass[^.]*NHS 111 again", text) else ["call 111 again"]
    gaps += [] if re.search(r"child or young person with bone pain[^.]*same day", text) else ["child same day"]
    return gaps + (["open-ended wait"] if "first appointment free" in text else [])


def test_the_48_hour_level_keeps_its_48_hours_when_no_appointment_is_free():
    level = _urgency_level("within_days")
    assert _fallback_gaps(level["referral"]) == []
    assert _fallback_gaps(level["patient_advice"]) == []
    # the old last step accepted the first free appointment, however late, and fails
    old = (
        "if still no doctor can see them within 48 hours, they tell the practice again that it is a "
        "warning sign and ask for the first appointment free."
    )
    assert set(_fallback_gaps(old)) == {"call 111 again", "child same day", "open-ended wait"}


EXCEPTIONS = {
    "statin": "stop taking the statin and call your GP or NHS 111 straight away, that day",
    "stiff hips or shoulders over about 50": "Over about 50, aching and stiffness of both hips or both shoulders",
    "giant cell arteritis first": "first check for a new headache, a tender scalp, jaw pain on chewing",
    "polymyalgia to a GP": "book a GP appointment rather than waiting",
    "pregnancy": "checked it against the two pregnancy warning signs",
}


def test_the_start_page_box_carries_the_routine_exceptions_from_the_scale(data_copy):
    from iliopsoas_lessons import content as content_module
    from iliopsoas_lessons.content.text import URGENT_LEVELS, _md, show_urgent_signs

    course = content_module.load(data_copy)
    lowest = list(course.urgency)[-1]
    assert lowest.key not in URGENT_LEVELS
    page = str(show_urgent_signs(content=course))
    missing = [name for name, words in EXCEPTIONS.items() if _md(words) not in page]
    assert missing == []
    # after the last warning sign of the list, and said once
    last_flag = [f for f in course.red_flags if f.urgency == URGENT_LEVELS[-1]][-1]
    assert page.index(_md(lowest.patient_advice)) > page.index(_md(last_flag.in_short))
    assert page.count(_md(lowest.patient_advice)) == 1
    # a list that already shows every level gives the advice under its own heading only
    every = str(show_urgent_signs(tuple(course.urgency.keys()), course))
    assert every.count(_md(lowest.patient_advice)) == 1
    # rendered from urgency.json, not copied: a changed advice reaches the page
    path = data_copy / "urgency.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    routine = next(level for level in data["levels"] if level["key"] == lowest.key)
    routine["patient_advice"] += " A planted sentence."
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert "A planted sentence." in str(show_urgent_signs(content=content_module.load(data_copy)))


def _x_ray_excludes_a_slip(text: str) -> list[str]:
    """Sentences that let an X-ray exclude a slipped epiphysis: a plain film can miss a very early slip."""
    return [s for s in _sentences(text) if re.search(r"X-ray[^.]*\bexclude[sd]?\b[^.;]*slip", s)]


def test_the_avulsion_case_never_lets_an_x_ray_exclude_a_slip_and_the_grading_text_names_its_authors():
    data = data_directory()
    case = json.loads((data / "cases" / "teen_kick_avulsion.json").read_text(encoding="utf-8"))
    said = [s for _, text in _strings_in(case) for s in _x_ray_excludes_a_slip(text)]
    assert said == []
    assert _x_ray_excludes_a_slip("The X-ray now shows whether bone has come away and excludes a slipped epiphysis.")
    strain = next(
        m
        for m in json.loads((data / "mechanisms.json").read_text(encoding="utf-8"))["mechanisms"]
        if m["key"] == "acute_strain"
    )
    grades = json.dumps(strain["grades"], ensure_ascii=False)
    assert "Their authors note" not in grades and "The authors of these MRI systems note" in grades
