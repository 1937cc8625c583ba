"""Case texts and the Lesson 06 guide agree with the warning signs they lean on: the teenager's
torsion reasoning says which part of the full sign she lacks; after a hip replacement the
hip-replacement sign comes first in the guide; the femoral case's answer gives the weakness
sign's own fallback (an emergency department if the spinal team cannot be reached today)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from case_helpers import case_data as _case
from case_helpers import flat as _flat
from case_helpers import lesson_06 as _lesson_06

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]

# One plain sentence says what she has and what she lacks, in every text.
PLAIN = (
    "She has sudden one-sided groin pain, but not the pain low in the belly, sickness or vomiting "
    "that usually come with a twisted ovary; that cannot be excluded at the club, so she goes to an "
    "emergency department now."
)


def _things(case: dict) -> dict:
    return {x["key"]: x for s in case["steps"] for x in [*s.get("items", []), *s.get("options", [])]}


def test_the_teenager_s_torsion_texts_say_which_part_of_the_full_sign_she_lacks():
    case = _case("teen_kick_avulsion")
    things = _things(case)
    flag = il.course().red_flags["ovarian_torsion"]
    # the short form counts groin pain in a girl only when no injury explains it (round 46)
    assert "groin with no injury to explain it" in flag.in_short and "girl" in flag.in_short
    best = things["dec_xray_today"]
    assert best["verdict"] == "best" and best["destination"].startswith("An emergency department now")
    texts = {
        "why": case["answer"]["why"],
        "ask_belly_sickness": things["ask_belly_sickness"]["feedback"],
        "dec_xray_today": best["feedback"],
        "teacher_notes": case["teacher_notes"],
        "guide": _lesson_06(),
    }
    for where, text in texts.items():
        text = _flat(text)
        # no bare "the torsion sign is not met": each text says which part she lacks, in one
        # plain sentence, not the circular "what she lacks ... is the part she lacks"
        assert not re.search(r"(?<!full )torsion sign is not met", text), where
        assert PLAIN in text, where
        assert "she lacks" not in text and "her story lacks" not in text, where
        assert "belly" in text, where
    for where in ("why", "ask_belly_sickness", "teacher_notes", "guide"):
        text = _flat(texts[where])
        assert "Either way" in text and "emergency department now" in text[text.index("Either way") :], where


def test_the_guide_puts_the_hip_replacement_sign_first_for_slowly_built_pain_after_a_hip_replacement():
    lesson_06 = _lesson_06()
    start = lesson_06.index("In the woman with a hip replacement, and in the man on a blood thinner")
    paragraph = lesson_06[start : lesson_06.index("**The class report.**", start)]
    bone = paragraph.index("unexplained bone pain")
    after = paragraph[bone:]
    assert after.startswith("unexplained bone pain, unless the person has a hip replacement"), after[:80]
    assert "the hip-replacement sign applies first" in after
    assert "however slowly it built up" in after
    # the route is the flag's: now, the operating hospital's orthopaedic team or an emergency department
    flag = il.course().red_flags["hip_replacement_complication"]
    assert flag.go_now and flag.destination.startswith("Now, not later in the day")
    assert "now, not later in the day" in after
    assert "orthopaedic team" in after and "emergency department" in after
    case = _case("groin_after_hip_replacement")
    assert case["answer"]["red_flag"] == "hip_replacement_complication"


def test_the_femoral_case_s_answer_gives_the_weakness_sign_s_fallback_today_not_now():
    case = _case("femoral_nerve_vs_l3l4")
    flag = il.course().red_flags["progressive_weakness"]
    assert "if they cannot be reached today, an emergency department" in flag.destination
    best = _things(case)["dec_clinic_spinal_today"]
    assert best["verdict"] == "best" and "if they cannot be reached today" in best["destination"]
    why = case["answer"]["why"]
    assert "if they cannot be reached today, she goes to an emergency department the same day" in why
    assert "if they cannot be reached, she goes to an emergency department now" not in why
    assert not re.search(r"cannot be reached(?! today)", why), why
