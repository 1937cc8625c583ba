"""Case screens and safety nets that left out a step-up their own warning sign lists.

- The weak-leg case never asked about a recent spinal injection, epidural, lumbar
  puncture or spinal operation, which the leg-weakness sign sends to an emergency
  department now, and its safety net did not name a new fever, which the same sign
  makes an emergency.
"""

from __future__ import annotations

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
