"""An emergency-level mechanism page (a bleed into the muscle) already sends
everyone to an emergency department now, so a look-alike that goes to the same
place by the same means adds little there. But a look-alike whose route is
different must still be offered, or the page's own "999 or an emergency
department" is the only route a reader sees: a sign that needs an ambulance
(999, do not drive), or a sign whose first place is not an ordinary emergency
department (a stroke unit, a major trauma centre, the cancer team's 24-hour
line). A review found the bleed page without the back-and-chest-pain sign
(a heart attack or a tear in the aorta, 999 for an ambulance), in the very
group, people on blood thinners after a heart attack or a stent, most at risk
of both. The pages below emergency have their own, wider rule
(test_routine_pages_offer_every_emergency.py).

A sign whose 'every_mechanism_for' names only age bands the page does not reach
is not needed there, as in that rule."""

from __future__ import annotations

import dataclasses
import re

import pytest

import iliopsoas_lessons as il
from page_helpers import reaches, without_escalation

pytestmark = pytest.mark.unit

TOP = "emergency"

# A gap with a stated reason, kept until the loader can take it. The cancer sign
# shares the bleed page's level and transport, so the loader takes it only as one
# of the page's own signs (a way up must be faster), and an own sign's first place
# becomes the bleed's own route in lesson 02's comparison table ("an emergency
# department now or the person's acute oncology service"), which is wrong for
# everyone without cancer. Meanwhile the page's leg-weakness sign sends a weak leg
# in someone who has or has had cancer to the cancer team's 24-hour line or an
# emergency department at once, naming the cancer sign.
STATED = {
    ("haematoma", "cancer_with_nerve_signs"): "same level and transport: the loader takes it only as an own "
    "sign, whose first place would become the bleed's own route",
}


def _asks_for_an_ambulance(flag) -> bool:
    return any(entry.transport == "ambulance" for entry in flag.call_now or ())


def _first_place(flag) -> str:
    """The destination's opening clause, without the top level's own "999 or"."""
    head = re.split(r"[,;:.(]", flag.destination, maxsplit=1)[0].strip()
    return head.removeprefix("999 or ").strip()


def _first_place_is_an_emergency_department(flag) -> bool:
    return re.match(r"(?i)(an?|the nearest)\b.*\bemergency department\b", _first_place(flag)) is not None


def _another_route(flag) -> bool:
    return _asks_for_an_ambulance(flag) or not _first_place_is_an_emergency_department(flag)


def _gaps(course) -> list[tuple[str, str]]:
    """(mechanism, flag) for each emergency sign with another route that an emergency page does not offer."""
    return [
        (m.key, flag.key)
        for m in course.mechanisms
        if m.urgency == TOP
        for flag in course.red_flags
        if flag.urgency == TOP and _another_route(flag) and flag.key not in m.shown_flags and reaches(flag, m)
        if (m.key, flag.key) not in STATED
    ]


def test_every_emergency_page_offers_every_emergency_sign_with_another_route():
    course = il.course()
    assert any(m.urgency == TOP for m in course.mechanisms)
    assert _gaps(course) == []


def test_the_route_test_sorts_the_known_signs():
    flags = il.course().red_flags
    # an ambulance
    # (a suspected hip fracture over about 65 or with weak bones: 999, as nhs.uk says)
    for key in (
        "back_and_chest_pain",
        "major_trauma",
        "sudden_weakness_stroke",
        "aortic_aneurysm",
        "hip_fracture_after_fall",
    ):
        assert _another_route(flags[key]), key
    # another first place: the cancer team's 24-hour line
    assert not _asks_for_an_ambulance(flags["cancer_with_nerve_signs"])
    assert _another_route(flags["cancer_with_nerve_signs"])
    # an emergency department now, by any means: the page's own route
    for key in ("pancreatitis", "appendicitis", "kidney", "necrotising_infection"):
        assert not _another_route(flags[key]), key


def test_the_bleed_page_offers_chest_pain_with_999_and_says_why_for_blood_thinners():
    bleed = il.mechanism("haematoma")
    when = {up.flag: up.when for up in bleed.escalates_to}
    text = when["back_and_chest_pain"]
    assert "chest pain" in text and "999" in text and "do not drive" in text
    assert "tearing" in text and "blood thinner" in text and "stent" in text
    assert "haematoma" in il.red_flag("back_and_chest_pain").mechanisms
    assert "tearing" in when["aortic_aneurysm"]


def test_the_bleed_page_offers_the_fall_and_flesh_infection_signs_as_its_own():
    """At the page's own level and with any transport, the loader takes these only
    as the page's own signs (a way up must be faster), so they are listed there."""
    bleed = il.mechanism("haematoma")
    for key in ("hip_fracture_after_fall", "necrotising_infection"):
        assert key in bleed.red_flags, key
        assert "haematoma" in il.red_flag(key).mechanisms, key
    for key in ("fused_spine_fracture", "guillain_barre"):
        assert key in {up.flag for up in bleed.escalates_to}, key


def test_each_stated_gap_is_still_a_gap_and_the_weak_leg_sign_names_the_cancer_route():
    for (page, key), reason in STATED.items():
        assert reason and key not in il.mechanism(page).shown_flags, (page, key)
    bleed = il.mechanism("haematoma")
    assert "progressive_weakness" in bleed.red_flags
    when = il.red_flag("progressive_weakness").escalation.when
    assert "has or has had cancer" in when and "the cancer team's 24-hour line" in when
    assert il.red_flag("cancer_with_nerve_signs").title in when


def _without_own(course, mechanism_key: str, flag_key: str):
    page = course.mechanisms[mechanism_key]
    dropped = dataclasses.replace(page, red_flags=tuple(k for k in page.red_flags if k != flag_key))
    assert dropped.red_flags != page.red_flags, (mechanism_key, flag_key)
    mechanisms = tuple(dropped if m.key == mechanism_key else m for m in course.mechanisms)
    return dataclasses.replace(course, mechanisms=type(course.mechanisms)("mechanism", mechanisms))


def test_a_dropped_sign_with_another_route_is_caught():
    course = il.course()
    for key in ("back_and_chest_pain", "fused_spine_fracture", "guillain_barre"):
        planted = without_escalation(course, "haematoma", key)
        assert _gaps(planted) == [("haematoma", key)]
    planted = _without_own(course, "haematoma", "bleeding")
    assert ("haematoma", "bleeding") in _gaps(planted)
