"""Shingles before its rash and a leaking aortic aneurysm can both be new
one-sided back, side, belly or groin pain that no movement changes. The
shingles sign sent such pain to a GP, NHS 111 or a pharmacist today, with or
without a rash, while the aneurysm sign sent the same pain to 999; neither named
the other. The two signs now state one rule: with a visible shingles rash it is
the shingles sign; without one, in an adult, it is the aneurysm sign until a
clinician has examined the person. The pharmacist route needs a visible rash in
a non-pregnant adult whose immune system is not weakened (NHS England's
Pharmacy First pathway), and a practice case teaches the older adult without a
rash. The aneurysm sign also says that its 'any adult age' for a steady pain is
the lessons' own stricter choice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content.lessons import lesson_data
from text_helpers import lesson_summary

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]


def _head(flag) -> str:
    return flag.title.split(" (go now")[0].split(":")[0]


def _both(*zones: str) -> set[str]:
    return {f"{zone}_{side}" for zone in zones for side in ("left", "right")}


def shingles_rule_gaps(flag) -> list[str]:
    """What the shingles sign lacks of the rule that tells it from a leak."""
    gaps = []
    rule = next((s for s in flag.signs if s.startswith("the rule that tells it from a leaking aortic aneurysm")), "")
    for words in ("visible", "without a visible rash", "over about 60", "pulsing lump", "known aneurysm", "999"):
        if words not in rule:
            gaps.append(f"rule: {words}")
    if "without a visible rash" not in flag.in_short or "aneurysm" not in flag.in_short:
        gaps.append("in_short")
    said = flag.destination
    for words in ("With a visible rash", "not pregnant", "Without a visible rash", "not a pharmacist", "under 18"):
        if words not in said:
            gaps.append(f"destination: {words}")
    aneurysm = il.red_flag("aortic_aneurysm")
    if flag.escalation is None or f"'{_head(aneurysm)}'" not in flag.escalation.when:
        gaps.append("escalation names the aneurysm sign")
    elif "faint" not in flag.escalation.when or "collaps" not in flag.escalation.when:
        gaps.append("escalation: faint or collapse")
    return gaps


def test_the_shingles_sign_states_the_rule_that_tells_it_from_a_leak():
    flag = il.red_flag("shingles")
    assert shingles_rule_gaps(flag) == []
    # the pharmacist route rests on the Pharmacy First pathway, cited beside it
    assert "Pharmacy First" in flag.destination
    assert "NHSE-PF-SHINGLES" in flag.reason.references and "NG156" in flag.reason.references


def test_the_rule_check_catches_the_sign_as_it_was():
    """The shingles sign before the fix: pharmacist or GP with or without a rash."""
    flag = il.red_flag("shingles")
    before = type(
        "Before",
        (),
        {
            "signs": [s for s in flag.signs if not s.startswith("the rule that tells")],
            "in_short": flag.in_short.split(" (without a visible rash")[0],
            "destination": "A doctor or pharmacist today: an urgent same-day GP appointment or NHS 111, or a "
            "pharmacist, naming this sign, so that treatment can start within 3 days of the rash appearing.",
            "escalation": type("E", (), {"when": "the rash spreads well beyond one band", "urgency": "emergency"})(),
        },
    )()
    gaps = shingles_rule_gaps(before)
    assert "in_short" in gaps and "escalation names the aneurysm sign" in gaps
    assert any(g.startswith("rule:") for g in gaps) and any(g.startswith("destination:") for g in gaps)


def test_the_aneurysm_sign_names_the_shingles_rash_and_its_own_age_choice():
    aneurysm = il.red_flag("aortic_aneurysm")
    steady = next(s for s in aneurysm.signs if "does not change with movement" in s)
    assert "the rule that tells it from shingles" in steady and "shingles warning sign" in steady
    assert "without a visible rash, a steady pain stays this sign" in steady
    assert "these lessons' own stricter choice, not a guideline's" in steady
    assert "own stricter choice" in aneurysm.reason.text and "NICE names no age" in aneurysm.reason.text
    # the level is unchanged: 999 at any adult age
    assert aneurysm.urgency == "emergency" and "in an adult of any age" in steady


def test_a_practice_case_sends_an_older_adult_without_a_rash_to_the_aneurysm_level():
    case = next(c for c in lesson_data().cases if c.key == "flank_to_groin_no_rash")
    age = int(re.search(r"\b(\d+)\b", case.story).group(1))
    assert age >= 60 and "no rash" in case.story and "groin" in case.story
    assert case.red_flag == "aortic_aneurysm" and case.urgency == il.red_flag("aortic_aneurysm").urgency
    assert "Shingles" in case.reason and "until a clinician has examined her" in case.reason


def test_the_shingles_sign_is_shown_on_the_lower_leg_and_foot():
    flag = il.red_flag("shingles")
    assert _both("calf", "l4_leg", "l5_foot", "s1_foot") <= set(flag.regions)
    assert "lower leg or foot" in flag.signs[0] and "lower leg or foot" in flag.in_short
    # new bladder trouble or numbness between the legs stays the cauda equina sign
    assert any(s.startswith("not this sign, but faster") and "cauda equina" in s for s in flag.signs)


def test_the_review_summary_gives_the_caveat_for_shingles_before_its_rash():
    flat = lesson_summary("05_review")
    assert "can come days before its rash, although without a visible rash" in flat
    assert "treated as a leaking aneurysm until a clinician has examined them" in flat


def test_the_shingles_sources_say_what_was_read():
    pf = il.reference("NHSE-PF-SHINGLES")
    assert pf.issuer == "NHS England" and pf.checked == "2026-12-07" and "not read" in pf.published_in
    assert "commercial pharmacy" in il.reference("NHS-SHINGLES").published_in
    cks = il.reference("CKS-SHINGLES")
    assert "third-party summary" in cks.published_in and cks.evidence != "guideline"
