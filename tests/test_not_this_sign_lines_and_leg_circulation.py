"""A "not this sign" line sends a look-alike to the sign that owns it; it does not
carry a level or a place of its own, which would put a second route beside the
flag's own level, destination and advice wherever the flag is shown.

- Pain in the leg or foot even at rest, a foot that stays cold, pale or blue, or a
  sore that will not heal was routed to a doctor the same day inside the line of the
  blocked-artery sign (an emergency). It is now a same-day warning sign of its own,
  with its short form, destination, advice, step up and body-map areas, and the
  blocked-artery sign only points to it by its title.
- The cancer-with-nerve-symptoms sign names numbness between the legs among its nerve
  signs, and is shown on the saddle area, as the avulsion sign's step up already said.
- The calf's description names a clot in the deep veins, whose sign is shown there.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import text as shown_text

pytestmark = pytest.mark.unit

NEW = "limb_threatening_ischaemia"
LIMB = "acute_limb_ischaemia"

# Words that give a level or a place to go.
_ROUTE = re.compile(
    r"\b999\b|\bGPs?\b|NHS 111|emergency department|\bA&E\b|same day|same-day|\btoday\b|within 48 hours|"
    r"\burgent\w*|an emergency|a doctor\b|at once|\bnow\b",
    re.I,
)
# Words that hand the route to a warning sign: this sign itself, or another one by
# its title ('...') or by name ("the aneurysm warning sign", "its own sign").
_POINTER = re.compile(
    r"(?<!not )\bthis sign\b|\bwarning sign\b|\bsign for\b|'[^']+'|\bits own sign\b|\bown sign\b|\bthe [\w-]+ sign\b",
    re.I,
)

# Clauses that still give a route of their own, each with the reason it stays.
EXCEPTIONS: dict[tuple[str, str], str] = {
    (LIMB, "ask a GP to check the circulation"): (
        "pain on walking that eases with rest (claudication) goes to a routine GP appointment, the lowest level, "
        "which has no warning signs of its own in these lessons"
    ),
    ("back_and_chest_pain", "asks their GP practice for an appointment within 48 hours"): (
        "chest pain now gone for more than 72 hours has no flag of its own yet; splitting it into a flag at the "
        "48-hour level is left to a later change"
    ),
}


def routes_of_their_own(flags) -> list[tuple[str, str]]:
    """(flag key, clause) for each clause of a "not this sign" line that names a level
    or a place to go without handing it to a warning sign."""
    found = []
    for flag in flags:
        for sign in flag.signs:
            if "not this sign" not in sign.lower():
                continue
            for clause in re.split(r";|\.\s", sign):
                if _ROUTE.search(clause) and not _POINTER.search(clause):
                    found.append((flag.key, clause.strip()))
    return found


def _excepted(key: str, clause: str) -> bool:
    return any(key == k and words in clause for (k, words) in EXCEPTIONS)


def test_no_not_this_sign_line_carries_a_route_of_its_own():
    found = [(k, c) for k, c in routes_of_their_own(il.red_flags()) if not _excepted(k, c)]
    assert found == []


def test_each_stated_exception_is_still_there():
    found = routes_of_their_own(il.red_flags())
    for (key, words), reason in EXCEPTIONS.items():
        assert reason
        assert any(k == key and words in c for k, c in found), (key, words)


def test_the_rule_catches_the_old_same_day_line_inside_the_blocked_artery_sign():
    old = SimpleNamespace(
        key=LIMB,
        signs=(
            "not this sign: pain on walking that eases with rest can come from narrowed arteries; feel the pulses "
            "in both feet and ask a GP to check the circulation. Pain in the leg or foot even at rest, a foot that "
            "stays cold, pale or blue, or a sore on the foot or leg that will not heal means the circulation is "
            "badly reduced and the leg is at risk: a doctor the same day (an urgent same-day GP appointment or NHS "
            "111), naming the pain at rest or the sore, not a routine appointment; a leg that becomes painful and "
            "pale, cold, numb or weak suddenly is this sign",
        ),
    )
    found = [(k, c) for k, c in routes_of_their_own([old]) if not _excepted(k, c)]
    assert len(found) == 1 and "a doctor the same day" in found[0][1]


def test_pain_at_rest_or_a_sore_that_will_not_heal_is_a_same_day_sign_of_its_own():
    flag = il.red_flag(NEW)
    assert flag.urgency == "same_day" and not flag.go_now and not flag.call_now
    for words in ("at rest", "cold, pale or blue", "will not heal"):
        assert words in flag.in_short, words
    assert "same day" in flag.destination.lower() and "GP" in flag.destination
    assert "vascular" in flag.destination and "not a routine appointment" in flag.destination
    assert flag.interim_advice and "999" in flag.interim_advice
    assert flag.escalation is not None and flag.escalation.urgency == "emergency"
    assert "999" in flag.escalation.when
    assert {"NIDIRECT-PAD", "NHS-PAD", "YALE-AIOD"} <= set(flag.reason.references)
    # the older page is cited only beside the current one that replaced it
    assert il.reference("NIDIRECT-PAD").is_current
    # shown on the thigh, calf and foot areas of both legs, where the pain is felt
    for zone in ("back_thigh", "front_thigh", "front_thigh_upper", "calf", "l4_leg", "l5_foot", "s1_foot"):
        for side in ("left", "right"):
            assert f"{zone}_{side}" in flag.regions, (zone, side)
    # the symptom pages where the leg pain can be met show it
    for symptom in il.symptoms():
        if symptom.key in ("back_pain", "sciatic_pain", "hip_pain", "pain_with_movement"):
            assert NEW in symptom.warning_flags, symptom.key


def test_the_blocked_artery_sign_only_points_to_the_slower_sign():
    limb, new = il.red_flag(LIMB), il.red_flag(NEW)
    line = next(s for s in limb.signs if s.startswith("not this sign"))
    # a pointer quotes the title's head, before its bracketed name of the cause
    assert f"'{new.title.split(' (')[0]}'" in line
    for words in ("a doctor the same day", "NHS 111", "not a routine appointment", "same-day GP"):
        assert words not in line, words
    assert limb.title in new.signs[-1] and new.signs[-1].startswith("not this sign")


def test_the_routine_pages_and_the_avulsion_page_offer_the_slower_sign():
    for key in ("acute_strain", "overuse", "snapping_hip", "hip_replacement_impingement", "avulsion"):
        assert NEW in il.mechanism(key).shown_flags, key


def test_the_cancer_nerve_sign_names_numbness_between_the_legs_and_shows_on_the_saddle():
    flag = il.red_flag("cancer_with_nerve_signs")
    assert "saddle" in flag.regions
    assert "between the legs" in flag.signs[0] and "between the legs" in flag.in_short
    saddle = next(r for r in il.regions() if r.key == "saddle")
    assert "cancer_with_nerve_signs" in saddle.red_flags
    shown = " ".join(shown_text.region_warning_signs(saddle))
    assert f"{flag.title}: {flag.in_short}" in shown
    # the avulsion sign's step up that sends numbness between the legs to it agrees
    assert "between the legs" in il.red_flag("adult_avulsion").escalation.when


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_calf_names_a_clot_and_shows_the_clot_sign(side):
    region = next(r for r in il.regions() if r.key == f"calf_{side}")
    for words in ("swollen, warm, tender", "clot in the deep veins", "after an operation", "long journey", "pregnancy"):
        assert words in region.description, words
    assert "iliofemoral_dvt" in region.red_flags
    assert set(il.red_flag("iliofemoral_dvt").reason.references) & set(region.references)
