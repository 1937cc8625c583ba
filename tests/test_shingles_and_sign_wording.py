"""Shingles in the T12-L2 or sacral strips of skin mimics groin, front-thigh and
buttock pain days before its rash, and its medicine works best when started
early: it has a same-day warning sign, shown on those areas, with a practice
case. Two wordings are pinned as well: the infection sign's sepsis aside covers
only the groups it names, and an adult's X-ray for unexplained bone pain is not
called by NICE's word for children ('very urgent')."""

from __future__ import annotations

import json
from pathlib import Path

import iliopsoas_lessons as il

DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"


def _both(*zones: str) -> set[str]:
    return {f"{zone}_{side}" for zone in zones for side in ("left", "right")}


def test_shingles_is_a_same_day_sign_on_the_areas_it_mimics():
    flag = il.red_flag("shingles")
    assert flag.urgency == "same_day" and not flag.go_now
    assert _both("groin", "front_thigh_upper", "front_thigh", "buttock", "lumbar_paraspinal") <= set(flag.regions)
    assert "within 3 days" in flag.destination and "pharmacist" in flag.destination
    assert flag.escalation is not None and flag.escalation.urgency == "emergency"
    # the cauda equina sign is named for bladder trouble or numbness between the legs
    assert any("cauda equina" in s and "between the legs" in s for s in flag.signs)
    for region in ("groin_left", "buttock_right", "front_thigh_left"):
        assert "shingles" in il.region(region).red_flags, region


def test_shingles_has_a_practice_case_at_its_level():
    cases = json.loads((DATA / "lessons" / "red_flag_cases.json").read_text(encoding="utf-8"))["cases"]
    found = [c for c in cases if c["red_flag"] == "shingles"]
    assert found and all(c["urgency"] == "same_day" for c in found)


def test_the_infection_signs_sepsis_aside_names_only_its_groups():
    short = il.red_flag("infection").in_short
    assert "(a fever in them is the sepsis warning sign instead)" not in short
    assert "sickle cell disease or no working spleen (in these two, and during cancer treatment, a fever" in short


def test_an_adults_bone_pain_x_ray_is_not_called_very_urgent():
    destination = il.red_flag("bone_pain_unexplained").destination
    assert "for a very urgent X-ray" not in destination
    assert "For children and young people NICE calls both 'very urgent'" in destination
    assert "48-hour limit for adults" in destination
