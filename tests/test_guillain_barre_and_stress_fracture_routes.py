"""Guillain-Barré syndrome as an emergency look-alike of back and leg pain, and two
route wordings.

Guillain-Barré syndrome can start with back, buttock or leg pain before tingling in
both feet and weakness that spreads upwards over hours to days; it had no sign, no
box line sent trouble breathing, swallowing or speaking to 999, and the cauda equina
and both-legs routes framed the visit as a spinal scan that a normal result could
end. The stress-fracture route allowed any urgent treatment centre that can X-ray,
where the adult avulsion route allows one only if it can reach the on-call
orthopaedic team the same day, and a normal X-ray does not rule the fracture out.
The sprinter's practice case gave a typical mechanism-site link as a frequency.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.text import show_call_now

pytestmark = pytest.mark.unit

GBS = "guillain_barre"
DATA = Path(il.__file__).parent / "data"


def _flat(value) -> str:
    return " ".join(str(value).replace("*", "").split())


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_spreading_weakness_is_an_emergency_with_an_ambulance_line_in_the_box():
    flag = il.red_flag(GBS)
    assert flag.urgency == "emergency"
    assert {entry.transport for entry in flag.call_now} == {"either", "ambulance"}
    (ambulance,) = [entry for entry in flag.call_now if entry.transport == "ambulance"]
    for words in ("breathing", "swallowing", "speaking", "weak face"):
        assert words in ambulance.sign, words
    box = _flat(show_call_now())
    for entry in flag.call_now:
        assert _flat(entry.sign) in box
    assert "Call 999 for an ambulance instead" in flag.destination
    assert "normal spinal scan is not the end of the visit" in flag.destination
    assert any("normal scan of the spine does not rule it out" in sign for sign in flag.signs)
    assert any("before any weakness" in sign for sign in flag.signs)


def spinal_scan_gaps(flags) -> list[str]:
    """Each nerve route (its signs and destination, or its step-up) that does not say
    that a normal spinal scan does not end it when the weakness spreads upwards or
    reaches the hands, pointing to the Guillain-Barré sign by its title."""
    title = il.red_flag(GBS).title
    gaps = []
    for flag in flags:
        texts = (
            {"escalation": flag.escalation.when}
            if flag.escalation is not None
            else {"signs": " ".join(flag.signs), "destination": flag.destination}
        )
        for where, text in texts.items():
            if not (re.search(r"normal (?:spinal )?scan", text) and "hands" in text and title in text):
                gaps.append(f"{flag.key}: {where}")
    return gaps


def test_a_normal_spinal_scan_does_not_end_the_nerve_routes():
    flags = [il.red_flag(k) for k in ("cauda_equina", "both_legs_sciatica", "progressive_weakness")]
    assert spinal_scan_gaps(flags) == []
    for key in ("cauda_equina", "both_legs_sciatica"):
        assert "999" in il.red_flag(key).destination and "breathing" in il.red_flag(key).destination, key


def test_the_old_scan_only_routes_are_caught():
    old = il.red_flag("cauda_equina")
    planted = type(old)(
        **{
            **{f: getattr(old, f) for f in old.__dataclass_fields__},
            "signs": old.signs[:-1],
            "destination": "An emergency department now, for an emergency MRI scan and the spinal team; call 999 if "
            "they cannot get there quickly.",
        }
    )
    assert spinal_scan_gaps([planted]) == ["cauda_equina: signs", "cauda_equina: destination"]


def test_the_routine_pages_and_back_pages_offer_the_sign():
    for key in ("acute_strain", "overuse", "snapping_hip", "hip_replacement_impingement"):
        when = {up.flag: up.when for up in il.mechanism(key).escalates_to}
        assert GBS in when, key
        assert "999" in when[GBS] and "swallowing" in when[GBS], key
    for key in ("back_pain", "sciatic_pain"):
        assert GBS in il.symptom(key).warning_flags, key
    regions = set(il.red_flag(GBS).regions)
    for area in ("lumbar_paraspinal", "buttock", "back_thigh", "front_thigh", "l5_foot", "s1_foot"):
        assert {f"{area}_left", f"{area}_right"} <= regions, area


def test_the_sign_has_a_practice_case_at_its_level():
    (case,) = [c for c in ld.cases() if c.red_flag == GBS]
    assert case.urgency == "emergency"
    assert "MRI" in case.story and "normal" in case.story and "stomach upset" in case.story
    assert "999" in case.reason and "normal spinal scan does not rule it out" in case.reason


_UTC = "urgent treatment centre that can X-ray"


def stress_fracture_utc_gaps(texts: dict[str, str]) -> list[str]:
    """Each text that offers an urgent treatment centre for a possible stress fracture
    without the same-day orthopaedic condition (a quiz text names no level, so it says
    'before the runner leaves'), or without saying that a normal X-ray does not rule the
    fracture out."""
    return [
        where
        for where, text in texts.items()
        if _UTC in text
        and not (
            re.search(r"on-call orthopaedic team (?:the same day|before (?:she|he|they|the runner) leaves?)", text)
            and "normal X-ray does not rule out a stress fracture" in text
        )
    ]


def _stress_fracture_texts() -> dict[str, str]:
    (runner,) = [c for c in _load("lessons/red_flag_cases.json")["cases"] if c["key"] == "runner_groin"]
    (quiz,) = [q for q in _load("lessons/quiz.json")["questions"] if q["key"] == "saddle_numbness"]
    texts = {"flag": il.red_flag("runner_stress_fracture").destination, "case": runner["reason"]}
    texts |= {f"quiz[{i}]": o["feedback"] for i, o in enumerate(quiz["options"]) if "stress fracture" in o["feedback"]}
    return texts


def test_the_stress_fracture_route_allows_a_centre_only_with_same_day_orthopaedics():
    texts = _stress_fracture_texts()
    assert set(texts) >= {"flag", "case", "quiz[0]"}
    assert stress_fracture_utc_gaps(texts) == []
    old = (
        "Now, not later in the day: an emergency department, or an urgent treatment centre that can X-ray (phone "
        "first: not all can), for an X-ray and, if it is normal, an MRI scan"
    )
    assert stress_fracture_utc_gaps({"old": old}) == ["old"]


def test_the_sprinters_case_gives_a_typical_site_not_a_frequency():
    (lena,) = [c for c in _load("lessons/red_flag_cases.json")["cases"] if c["key"] == "sprinter_pop"]
    reason = lena["reason"]
    assert "most often" not in reason and "more often" not in reason
    assert "typically pulls off the anterior superior iliac spine" in reason
    assert "ischial tuberosity" in reason and "differs between reviews" in reason
