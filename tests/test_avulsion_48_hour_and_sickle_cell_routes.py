"""Three routes that the signs give and the texts around them must give too.

* The teenage avulsion sign sends a girl or young woman with sudden groin pain to
  an emergency department, not an urgent treatment centre (a twisted ovary cannot
  be ruled out there); its practice case about a girl and the quiz explanations
  that offer an urgent treatment centre said otherwise.
* The 48-hour level offered an urgent treatment centre as the fallback, although
  such a centre usually cannot start the cancer or surgical referrals most signs
  at that level need: NHS 111 is the fallback, and a centre only where a sign's
  own steps name one.
* A sickle cell pain crisis that is unlike the usual one, or not controlled at
  home, is sent to the infection sign, whose signs did not name it or thigh pain.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"
_GIRL = re.compile(r"\b(?:she|her|girl)\b", re.I)
_UTC = "urgent treatment centre"


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def avulsion_utc_gaps(cases, questions) -> list[str]:
    """Each case about a girl on the avulsion sign that offers an urgent treatment
    centre, and each quiz explanation on that sign that offers one without the
    emergency department for a girl or young woman."""
    gaps = [
        c["key"]
        for c in cases
        if c.get("red_flag") == "adolescent_avulsion"
        and _GIRL.search(c["story"])
        and _UTC in c["reason"].replace(f"not an {_UTC}", "")
    ]
    for q in questions:
        if "adolescent_avulsion" not in q.get("red_flags", []):
            continue
        texts = [("explanation", q["explanation"])] + [
            (f"options[{i}].feedback", o["feedback"]) for i, o in enumerate(q["options"])
        ]
        for where, text in texts:
            if _UTC in text and "girl or young woman" not in text:
                gaps.append(f"{q['key']}.{where}")
    return gaps


def test_a_girl_with_the_avulsion_sign_is_not_sent_to_an_urgent_treatment_centre():
    flag = il.red_flag("adolescent_avulsion")
    assert "In a girl or young woman with sudden groin pain, an emergency department, not an urgent" in (
        flag.destination
    )
    cases, questions = _load("lessons/red_flag_cases.json")["cases"], _load("lessons/quiz.json")["questions"]
    assert avulsion_utc_gaps(cases, questions) == []
    (lena,) = [c for c in cases if c["key"] == "sprinter_pop"]
    assert "at an emergency department, not an urgent treatment centre" in lena["reason"]
    assert "twisted ovary" in lena["reason"]


def test_the_old_avulsion_texts_are_caught():
    lena = {
        "key": "sprinter_pop",
        "red_flag": "adolescent_avulsion",
        "story": "Lena, 15, felt a pop at the front of her hip.",
        "reason": "She needs an X-ray at an emergency department or an urgent treatment centre that can X-ray children.",
    }
    quiz = {
        "key": "teen_kick",
        "red_flags": ["adolescent_avulsion"],
        "explanation": "the X-ray at an emergency department or at an urgent treatment centre (phone first)",
        "options": [],
    }
    assert avulsion_utc_gaps([lena], [quiz]) == ["sprinter_pop", "teen_kick.explanation"]


def test_the_48_hour_fallback_is_nhs_111_and_says_what_a_centre_cannot_do():
    referral = il.urgency_level("within_days").referral
    assert "NHS 111 or an urgent treatment centre instead" not in referral
    assert "cannot be reached, NHS 111" in referral
    assert "not the fallback at this level unless the warning sign's own steps name one" in referral
    assert "cannot start or follow up the urgent cancer or surgical referral" in referral
    assert "NHS-UTC" in il.urgency_level("within_days").references
    assert "urgent treatment centre" not in il.urgency_level("within_days").patient_advice


def test_the_infection_sign_names_the_sickle_cell_crisis_triggers_and_thigh_pain():
    signs = " ".join(il.red_flag("infection").signs)
    for words in (
        "sickle cell disease, thigh pain counts too",
        "unlike their usual crisis pain",
        "their usual painkillers at home do not control",
        "telling the staff about the sickle cell disease",
    ):
        assert words in signs, words
    # the bone-pain sign that sends the crisis here names the same triggers
    assert "pain unlike their usual sickle cell pain" in il.red_flag("bone_pain_unexplained").escalation.when
