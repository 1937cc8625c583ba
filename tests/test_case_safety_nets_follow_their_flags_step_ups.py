"""Case screens and safety nets that left out a step-up their own warning sign lists.

- The weak-leg case never asked about a recent spinal injection, epidural, lumbar
  puncture or spinal operation, which the leg-weakness sign sends to an emergency
  department now, and its safety net did not name a new fever, which the same sign
  makes an emergency.
- The hip-replacement case sent a leg that looks shorter or turned to an emergency
  department, where the fracture signs call 999 and do not move the person.
- The psoas-abscess case's best option left out the meningitis signs the infection sign
  sends to 999.
- The iliacus-bleed case did not name the adult avulsion sign, and its handover asked
  only for the hip to be X-rayed, where that sign asks for the hip and the whole femur.
"""

from __future__ import annotations

import re

import pytest

import iliopsoas_lessons as il
from case_helpers import case_data as _case
from case_helpers import items_by_key as _items
from case_helpers import options_by_key as _options

pytestmark = pytest.mark.unit

_PROCEDURES = ("a spinal injection", "an epidural", "a lumbar puncture", "a spinal operation")


def spinal_procedure_items(case: dict) -> list[dict]:
    """The essential history items that ask about every recent spinal procedure the
    leg-weakness sign names and record that they look for that sign."""
    found = []
    for item in _items(case).values():
        label = item["label"].lower()
        words = [p.split(" ", 1)[1] for p in _PROCEDURES]
        if all(w in label for w in words) and "progressive_weakness" in item.get("flags_checked", ()):
            if item.get("essential"):
                found.append(item)
    return found


def test_the_leg_weakness_sign_still_sends_a_recent_spinal_procedure_to_an_emergency_department_now():
    flag = il.red_flag("progressive_weakness")
    when = flag.escalation.when
    assert all(p in when for p in _PROCEDURES)
    assert "an emergency department now" in when and "with a fever it may be an infection, an emergency" in when


def test_the_weak_leg_case_asks_about_a_recent_spinal_procedure_as_an_essential_question():
    case = _case("femoral_nerve_vs_l3l4")
    assert case["answer"]["red_flag"] == "progressive_weakness"
    (item,) = spinal_procedure_items(case)
    assert "emergency department now" in item["feedback"] and item["finding"].startswith("None")
    message = next(r for r in case["rules"] if r["key"] == "essential_missing_at_decision")["then"]["message"]
    assert "a recent spinal injection, epidural, lumbar puncture or operation" in message


def test_the_procedure_check_catches_the_old_history():
    case = _case("femoral_nerve_vs_l3l4")
    for step in case["steps"]:
        if step["key"] == "history":
            step["items"] = [i for i in step["items"] if i["key"] != "ask_spinal_procedure"]
    assert spinal_procedure_items(case) == []


def fever_gaps(advice: str) -> list[str]:
    """What a weak-leg safety net leaves out of the fever step-up."""
    need = ("a fever, shivers or sweats", "emergency department at once", "call 999 if any sign of sepsis appears")
    return [n for n in need if n not in advice.lower()]


@pytest.mark.parametrize(
    "key", ["dec_clinic_spinal_today", "dec_gp_spinal_today", "dec_late_spinal_today", "dec_ed_today"]
)
def test_the_weak_leg_safety_nets_send_a_new_fever_on_at_once(key):
    option = _options(_case("femoral_nerve_vs_l3l4"))[key]
    assert option["verdict"] in ("best", "acceptable")
    advice = option["advice"]
    if key == "dec_ed_today":  # already on her way: she tells the staff, and sepsis means 999
        assert "fever, shivers or sweats" in advice and "tell the staff at once" in advice
        assert "call 999 if any sign of sepsis appears" in advice
    else:
        assert fever_gaps(advice) == []
    assert "NG253" in option["references"]


def test_the_fever_check_catches_the_old_advice():
    old = (
        "Take care on stairs and do not drive while the leg cannot be trusted. Note when the weakness began and "
        "whether it changes. Go to an emergency department at once if it gets much worse, the other leg is "
        "affected, or bladder or bowel change or numbness between the legs appears."
    )
    assert fever_gaps(old) == ["a fever, shivers or sweats", "call 999 if any sign of sepsis appears"]


# --- a replaced hip that looks shorter or turned: 999, not moved --------------------------------

_NOT_MOVED = "call 999 and do not try to move her"


def shortened_leg_gaps(advice: str) -> list[str]:
    """Each sentence naming a leg that looks shorter or turned without 999 and staying put."""
    return [s for s in re.split(r"(?<=[.;])\s+", advice) if "looks shorter or turned" in s and _NOT_MOVED not in s]


def test_the_fracture_signs_still_say_999_and_do_not_move_them():
    assert "the leg looks shorter or turned outwards" in il.red_flag("cannot_bear_weight").destination
    assert "do not try to move them" in il.red_flag("hip_fracture_after_fall").interim_advice


@pytest.mark.parametrize("key", ["dec_ortho_today", "dec_ed_today"])
def test_the_hip_replacement_safety_nets_send_a_shortened_or_turned_leg_by_999(key):
    advice = _options(_case("groin_after_hip_replacement"))[key]["advice"]
    assert "looks shorter or turned" in advice and _NOT_MOVED in advice
    assert shortened_leg_gaps(advice) == []


def test_the_shortened_leg_check_catches_the_old_advice():
    old = (
        "Go to an emergency department at once if she cannot put weight on the leg, it looks shorter or "
        "turned, or she becomes feverish and unwell, or if she falls, even if she can still walk afterwards."
    )
    assert len(shortened_leg_gaps(old)) == 1


# --- the psoas abscess: the infection sign's meningitis triggers --------------------------------


def _meningitis_words() -> str:
    advice = il.red_flag("infection").interim_advice
    start = advice.index("a severe headache")
    return advice[start : advice.index("(possible meningitis)", start) + len("(possible meningitis)")]


def test_the_psoas_abscess_best_option_names_the_meningitis_signs_as_the_flag_does():
    words = _meningitis_words()
    assert "stiff neck" in words and "a fit or drowsiness" in words
    option = _options(_case("psoas_abscess_injects"))["dec_hospital_today"]
    assert option["verdict"] == "best"
    assert words in option["advice"] and "NHS-MENINGITIS" in option["references"]
    call = option["advice"][option["advice"].index("Call 999 if") :]
    assert call.index(words) < call.index(".")  # inside the 999 sentence


# --- the iliacus bleed: the adult avulsion sign and its X-ray ------------------------------------


def test_the_adult_avulsion_sign_still_asks_for_the_hip_and_whole_femur():
    assert "an X-ray of the hip and whole femur" in il.red_flag("adult_avulsion").destination


def test_the_iliacus_case_names_the_adult_avulsion_sign_and_asks_for_the_whole_femur():
    case = _case("iliacus_haematoma_anticoag")
    strength = _items(case)["exam_strength"]
    assert "adult_avulsion" in strength["flags_checked"]
    assert "adult avulsion sign" in strength["feedback"] and "limited by pain" in strength["feedback"]
    handover = _options(case)["dec_ed_ambulance"]["destination"]
    assert "X-ray the hip and the whole femur" in handover and "X-ray the hip too" not in handover
    assert "hip and his whole femur" in case["answer"]["why"]
