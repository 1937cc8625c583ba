"""Three case texts that gave a warning sign a different route from the sign itself.

- The hip-replacement case's two good options named fever but not the signs of sepsis,
  which the infection sign (its own answer's second sign) sends to 999.
- The dancer's fever question and blood-test feedback sent any fever with groin pain to
  hospital now, merging the possible-infection sign (hospital now) with the fever sign
  (a doctor today).
- The dancer's stress-fracture safety net named 'an emergency department, or an urgent
  treatment centre that can X-ray' in one sentence and an emergency department alone in
  the next, for the same sign.
"""

from __future__ import annotations

import re

import pytest

import iliopsoas_lessons as il
from case_helpers import case_data as _case
from case_helpers import items_by_key as _items
from case_helpers import options_by_key as _options

pytestmark = pytest.mark.unit


def _sepsis_signs() -> list[str]:
    """The signs of sepsis in the infection sign's step-up, one by one."""
    when = il.red_flag("infection").escalation.when
    inside = when[when.index("(such as ") + len("(such as ") : when.index(")")]
    return [s.strip() for s in inside.replace(" or passing", ", passing").split(",") if s.strip()]


def missing_sepsis_signs(advice: str) -> list[str]:
    return [sign for sign in _sepsis_signs() if sign not in advice]


def test_the_sepsis_signs_are_read_from_the_flag():
    signs = _sepsis_signs()
    assert "new confusion" in signs[0] and any("mottled" in s for s in signs) and len(signs) >= 6


@pytest.mark.parametrize("key", ["dec_ortho_today", "dec_ed_today"])
def test_the_hip_replacement_options_send_sepsis_signs_to_999(key):
    option = _options(_case("groin_after_hip_replacement"))[key]
    assert option["verdict"] in ("best", "acceptable")
    advice = option["advice"]
    assert missing_sepsis_signs(advice) == []
    assert "Call 999 for an ambulance, rather than drive her in" in advice
    # the infection sign's other 999 signs too
    assert "a leg becomes weak or numb" in advice and "bladder or bowel" in advice


def test_the_sepsis_check_catches_the_old_advice():
    old = (
        "Go to an emergency department at once if she cannot put weight on the leg, it looks shorter or "
        "turned, or she becomes feverish and unwell, or if she falls."
    )
    assert len(missing_sepsis_signs(old)) == len(_sepsis_signs())


def test_the_dancer_s_fever_feedback_keeps_the_two_fever_routes_apart():
    items = _items(_case("dancer_snapping_hip"))
    fever = items["ask_fever"]
    assert {"infection", "fever_back_pain"} <= set(fever["flags_checked"])
    assert "or groin pain in someone at higher risk of infection, could be" not in fever["feedback"]
    for key in ("ask_fever", "inv_bloods"):
        text = items[key]["feedback"]
        assert "possible-infection warning sign" in text and "hospital now, not later in the day" in text, key
        assert "fever warning sign" in text and "none of these" in text, key
    assert "a doctor today" in fever["feedback"] and "999" in fever["feedback"]
    # the routes are the flags' own
    assert il.red_flag("infection").go_now and il.red_flag("fever_back_pain").urgency == "same_day"
    assert "a doctor today" in il.red_flag("fever_back_pain").destination


_SENDS_NOW = re.compile(r"go(?:es)? now, not later in the day, to an emergency department[^.:]*")


def ed_only_safety_nets(advice: str) -> list[str]:
    """Each place the advice sends him now to an emergency department without the X-ray centre."""
    return [
        m.group(0) for m in _SENDS_NOW.finditer(advice) if "urgent treatment centre that can X-ray" not in m.group(0)
    ]


@pytest.mark.parametrize("key", ["dec_rehab", "dec_sports_doctor"])
def test_the_dancer_s_stress_fracture_safety_net_names_the_same_places_each_time(key):
    flag = il.red_flag("runner_stress_fracture")
    assert "urgent treatment centre that can X-ray (phone first: not all can)" in flag.destination
    advice = _options(_case("dancer_snapping_hip"))[key]["advice"]
    assert len(_SENDS_NOW.findall(advice)) == 2
    assert ed_only_safety_nets(advice) == []
    # the sign allows the centre only if it can reach the on-call orthopaedic team the same day
    assert "only if it can speak to the on-call orthopaedic team the same day" in flag.destination
    for sent in _SENDS_NOW.findall(advice):
        assert "only if it can speak to the on-call orthopaedic team the same day" in sent, sent


def test_the_place_check_catches_the_old_second_sentence():
    old = "if pain on hopping appears meanwhile, he goes now, not later in the day, to an emergency department: do not wait"
    assert ed_only_safety_nets(old) == ["goes now, not later in the day, to an emergency department"]
