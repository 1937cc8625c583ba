"""Texts that must agree with each other or with what their sources say.

- The psoas abscess case: a very fast heartbeat is a sign of high risk in the
  case's first decision and in the instructor guide, so the sepsis step names it
  too instead of counting four signs without it; the essential-missing message
  names her observations, an essential check.
- The hip-replacement case: a dental abscess is a local infection and only a
  possible source of bacteria in the blood; how often a dental source causes an
  infected joint replacement is uncertain, and the case says so.
- Lesson 05's summary: deep bone pain sits at a less pressing level than the
  mimics listed as ones that cannot wait, so it is not among them.
- The cauda equina reason says what was read: the lessons follow the 2023
  national pathway, which builds on the 2018 standards, and treat it as having
  superseded them; it no longer states that supersession as a finding.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from text_helpers import lesson_summary

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "iliopsoas_lessons" / "data" / "cases"


def _case(key: str) -> dict:
    return json.loads((CASES / f"{key}.json").read_text(encoding="utf-8"))


def _step(case: dict, key: str) -> dict:
    return next(s for s in case["steps"] if s["key"] == key)


def test_the_psoas_sepsis_step_names_the_fast_heartbeat_as_its_first_decision_does():
    case = _case("psoas_abscess_injects")
    first = next(o for o in _step(case, "decision")["options"] if o["key"] == "dec_999_now")
    assert "a very fast heartbeat" in first["feedback"]
    event = next(m for m in _step(case, "septic")["moves"] if m["key"] == "go_decide_septic")
    best = next(o for o in _step(case, "decision_septic")["options"] if o["key"] == "dec_septic_999")
    for text in (event["feedback"], best["feedback"]):
        assert "a very fast heartbeat is on the same list" in text
        assert "four signs" not in text
    guide = " ".join((ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8").split())
    assert "a very fast heartbeat, mottled skin) makes it a 999 call" in guide


def test_the_psoas_essential_missing_message_names_her_observations():
    case = _case("psoas_abscess_injects")
    essential = {i["key"] for s in case["steps"] for i in s.get("items", []) if i.get("essential")}
    assert "exam_observations" in essential
    rule = next(r for r in case["rules"] if r["key"] == "essential_missing_at_decision")
    assert "her observations (temperature, pulse, breathing, blood pressure" in rule["then"]["message"]


def test_the_hip_replacement_case_calls_the_dental_route_possible_and_uncertain():
    case = _case("groin_after_hip_replacement")
    assert "bloodstream infection (here, a dental abscess" not in case["teacher_notes"]
    assert "a dental abscess two months ago is a possible source" in case["teacher_notes"]
    assert "uncertain" in case["teacher_notes"]
    assert "(a possible route for infection to reach the implant)" in case["answer"]["why"]
    route = next(i for s in case["steps"] for i in s.get("items", []) if i["key"] == "ask_infection_route")
    assert "perhaps the dental abscess" in route["feedback"] and "uncertain" in route["feedback"]


def test_the_review_summary_does_not_list_bone_pain_among_the_mimics_that_cannot_wait():
    assert il.red_flag("bone_pain_unexplained").urgency == "within_days"
    flat = lesson_summary("05_review")
    start = flat.index("cannot wait (")
    depth, end = 0, start
    for end in range(start + len("cannot wait "), len(flat)):
        depth += {"(": 1, ")": -1}.get(flat[end], 0)
        if depth == 0:
            break
    assert "bone pain" not in flat[start:end]
    assert "Deep bone pain that no injury explains" in flat[end:]


def test_the_cauda_equina_reason_says_the_lessons_follow_the_2023_pathway():
    reason = il.red_flag("cauda_equina").reason
    assert "builds on the spinal surgeons' 2018 standards (BASS-CES)" in reason.text
    # the lessons' own choice, not a finding that the pathway replaced the standards
    assert "these lessons follow the 2023 pathway and treat it as having superseded them" in reason.text
    assert "builds on the spinal surgeons' 2018 standards (BASS-CES) and has superseded" not in reason.text
    assert "replaced" not in reason.text and "withdr" not in reason.text
