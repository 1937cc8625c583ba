"""A suspected hip fracture by ambulance, a screened referred-pain quiz item, and two
warning-sign titles that cover the calf.

The hip fracture sign cited nhs.uk's "call 999" but let anyone drive in who could
reach a car without weight on the leg, while asking to keep weight off the leg. It
now sends anyone over about 65 or with weak bones by 999 ambulance, and keeps the
car only for an adult under about 65 with healthy bones, named as the lessons' own
choice. A review quiz item keyed "pain referred from the iliopsoas" for back and
groin pain with deep lower-belly tenderness and no warning signs linked; it now
lists the screen (aneurysm, diverticulitis, infection) with no flag met and names it
first. The no-weight sign's title left out the calf its signs name, and the clot
sign's title named only the thigh and pelvis though the calf region points to it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.text import show_call_now

pytestmark = pytest.mark.unit

DATA = Path(il.__file__).parent / "data"
HIP = "hip_fracture_after_fall"
OLDER = ("over about 65", "weak bones")


def _flat(value) -> str:
    return " ".join(str(value).replace("*", "").split())


def _entries(raw_flag: dict) -> list[dict]:
    value = raw_flag.get("call_now") or []
    return value if isinstance(value, list) else [value]


def hip_car_gaps(raw_flag: dict) -> list[str]:
    """Where the hip fracture sign lets an older or weak-boned person travel other than
    by ambulance, or offers a car without calling it the lessons' own choice."""
    gaps = []
    entries = _entries(raw_flag)
    for entry in entries:
        older = all(words in entry["sign"] for words in OLDER)
        if older and entry["transport"] != "ambulance":
            gaps.append(f"call_now: {entry['sign']!r} is not by ambulance")
    if not any(e["transport"] == "ambulance" and all(w in e["sign"] for w in OLDER) for e in entries):
        gaps.append("call_now: no ambulance line for over about 65 or weak bones")
    destination = raw_flag["destination"]
    if "Call 999 for an ambulance instead for anyone over about 65 or with weak bones" not in destination:
        gaps.append("destination: no 999 for over about 65 or weak bones")
    if any(e["transport"] == "either" for e in entries):
        if "under about 65 with healthy bones" not in destination:
            gaps.append("destination: a car is offered without saying to whom")
        if "these lessons' own choice" not in raw_flag["reason"]["text"]:
            gaps.append("reason: the car is not called the lessons' own choice")
    return gaps


def _raw(key: str) -> dict:
    flags = json.loads((DATA / "red_flags.json").read_text(encoding="utf-8"))["red_flags"]
    return next(f for f in flags if f["key"] == key)


def test_a_suspected_hip_fracture_in_an_older_or_weak_boned_person_goes_by_ambulance():
    raw = _raw(HIP)
    assert hip_car_gaps(raw) == []
    flag = il.red_flag(HIP)
    assert flag.urgency == "emergency"
    by = {entry.transport: entry.sign for entry in flag.call_now}
    assert set(by) == {"ambulance", "either"}
    assert "at any adult age" in by["either"] and "healthy bones" in by["either"]
    # the box prints the older line with the ambulance wording
    box = _flat(show_call_now())
    assert f"{_flat(by['ambulance'])} (call 999 for an ambulance, do not drive)" in box
    # the advice for the wait does not send them walking to a car
    assert "rather than walking to a car" in flag.interim_advice
    assert "nhs.uk" in flag.reason.text and "999" in flag.reason.text
    # the old single 'either' line, planted back, is found
    planted = json.loads(json.dumps(raw))
    planted["call_now"] = {
        "group": "injury",
        "sign": "hip or groin pain after a fall in someone over about 65 or with weak bones",
        "transport": "either",
    }
    planted["destination"] = (
        "An emergency department now, for an X-ray of the hip: call 999 for an ambulance if they "
        "cannot get there without putting weight on the leg."
    )
    assert len(hip_car_gaps(planted)) >= 3


def test_the_older_persons_practice_case_calls_999_without_a_condition():
    cases = {c.key: c for c in ld.cases()}
    joan = cases["fall_hip_walks"]
    assert joan.red_flag == HIP and joan.urgency == "emergency"
    assert "call 999 for an ambulance" in joan.reason and "if she cannot" not in joan.reason
    assert "rather than walking her to a car" in joan.reason
    younger = cases["fall_limp_younger"]
    assert "these lessons' own choice" in younger.reason
    trail = il.course().red_flags[HIP].trail.note
    assert "by 999 ambulance for anyone over about 65 or with weak bones" in trail


def test_the_referred_back_pain_item_names_the_screen_before_referral():
    q = next(q for q in ld.questions("05_review") if q.key == "referred_back_strip")
    assert set(q.flags_shown) == {"aortic_aneurysm", "diverticulitis", "infection"} and q.no_flag
    for words in (
        "two months",
        "rowing",
        "resisted lifting",
        "no fever",
        "bowel",
        "pulses",
        "not change with movement",
    ):
        assert words in q.prompt, words
    text = q.explanation
    screen = min(text.index(w) for w in ("aortic aneurysm", "diverticulitis", "psoas abscess"))
    assert max(text.index(w) for w in ("aortic aneurysm", "diverticulitis", "psoas abscess")) < text.index(
        "Only then is referred pain considered"
    )
    assert screen < text.index("trigger-point map")
    assert "debated" in text and "debated" in q.options[q.answer].feedback


def test_the_no_weight_and_clot_titles_cover_the_calf():
    weight = il.red_flag("cannot_bear_weight")
    assert "thigh, calf or buttock" in weight.title
    assert "calf" in " ".join(weight.signs)
    # the foot-and-ankle line stays a line of its own, after the signs, and out of the title
    # (a "not this sign" line may not carry a route of its own, and no sign owns this one)
    assert "foot or ankle alone" in weight.signs[-1] and "ankle" not in weight.title
    clot = il.red_flag("iliofemoral_dvt")
    assert clot.title.startswith("A possible clot in the deep veins of the leg or pelvis")
    assert "calf" in clot.signs[0] and "calf" in clot.in_short and "calf" in clot.reason.text
    # the calf regions point to it by its title
    regions = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))["regions"]
    for key in ("calf_left", "calf_right"):
        region = next(r for r in regions if r["key"] == key)
        assert "a possible clot in the deep veins of the leg or pelvis" in region["description"], key
        assert key in clot.regions


def test_no_data_file_quotes_the_old_titles():
    old = (
        "deep veins of the thigh or pelvis (go now",
        "'A possible clot in the deep veins of the thigh or pelvis'",
        "a tense, swollen thigh or buttock after a blow",
    )
    for path in DATA.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        for words in old:
            assert words not in text, (path.name, words)
