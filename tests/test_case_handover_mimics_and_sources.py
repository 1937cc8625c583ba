"""What the cases hand over, which look-alikes they name and where their figures come from
(review round 56, part C: Mi-2, Mi-3, Mi-4 and C-1). The expectations are read from the raw
case files and the reference list, not from the code that shows them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import iliopsoas_lessons as il

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "iliopsoas_lessons" / "data" / "cases"


def _case(key: str) -> dict:
    return json.loads((CASES / f"{key}.json").read_text("utf-8"))


def _items(case: dict) -> dict:
    return {i["key"]: i for s in case["steps"] for i in s.get("items", ())}


def _options(case: dict) -> dict:
    return {o["key"]: o for s in case["steps"] for o in s.get("options", ())}


def test_every_sign_a_case_says_is_met_at_the_answers_level_reaches_the_best_handover():
    """Mi-2: the blood-thinner case says the hip-fracture sign is met (74, no fall, new groin
    pain that makes walking hard), so the best option's handover asks for the hip X-ray, as the
    flag's own destination does; the answer and the teacher notes say so too."""
    case = _case("iliacus_haematoma_anticoag")
    flag = il.course().red_flags["hip_fracture_after_fall"]
    assert flag.urgency == case["answer"]["urgency"] and "X-ray of the hip" in flag.destination
    shown = {f for i in _items(case).values() for f in i.get("flags_shown", ())}
    assert "hip_fracture_after_fall" in shown
    for key in ("dec_ed_ambulance", "dec_worse_ambulance"):
        best = _options(case)[key]
        assert best["verdict"] == "best"
        assert re.search(r"X-ray(ed)? (the|his) hip|hip has not yet been X-rayed", best["destination"]), key
        assert "NHS-HIPFRACTURE" in best["references"], key
    assert "hip-fracture warning sign" in case["answer"]["why"] and "X-rayed" in case["answer"]["why"]
    assert "hip-fracture warning sign" in case["teacher_notes"] and "X-ray of the hip" in case["teacher_notes"]


def test_the_teen_case_names_appendicitis_and_the_psoas_sign_and_feels_the_belly():
    """Mi-3: right-sided groin pain on lifting the thigh against resistance can be the psoas
    sign of appendicitis, which the psoas case and examination.json teach; the teen case asks
    about appetite, names it where the twisted ovary is weighed, feels the belly, and its safety
    net names both belly emergencies."""
    case = _case("teen_kick_avulsion")
    items = _items(case)
    belly = items["ask_belly_sickness"]
    assert "appendicitis" in belly["feedback"] and "psoas sign" in belly["feedback"]
    assert "off food" in belly["label"] and "eating as usual" in belly["finding"]
    resisted = items["exam_resisted"]
    assert resisted["test"] == "resisted_flexion" and "psoas sign of appendicitis" in resisted["feedback"]
    exam = next(s for s in case["steps"] if s["key"] == "examination")
    felt = [i for i in exam["items"] if "belly" in i["label"] and "low on the right" in i["label"]]
    assert len(felt) == 1 and "not tender" in felt[0]["finding"]
    assert "appendicitis" in felt[0]["feedback"] and "twisted ovary" in felt[0]["feedback"]
    best = _options(case)["dec_xray_today"]
    assert "appendicitis" in best["advice"] and "twisted ovary" in best["advice"]
    assert "appendicitis" in best["feedback"]
    assert "appendicitis" in case["teacher_notes"] and "psoas sign" in case["teacher_notes"]
    for where in (belly, resisted, felt[0], best, case):
        assert "DISAVERIO2020" in where["references"]


def test_the_dancers_mri_after_a_failed_review_is_asked_for_urgently_while_he_is_on_crutches():
    """Mi-4: no weight on the leg until the MRI has been read is bounded: the MRI is asked for
    urgently, within days, not in a routine outpatient slot (the case's own MRI takes weeks)."""
    case = _case("dancer_snapping_hip")
    texts = {key: _options(case)[key]["advice"] for key in ("dec_rehab", "dec_sports_doctor")}
    texts["answer"] = case["answer"]["why"]
    texts["inv_mri"] = _items(case)["inv_mri"]["feedback"]
    for where, text in texts.items():
        assert "until the MRI has been read" in text or "until it has been read" in text, where
        assert "urgently" in text and "within days" in text, where
    assert _items(case)["inv_mri"]["minutes"] >= 7 * 24 * 60  # the routine wait it must not be


def test_psoas_sign_figures_are_cited_to_the_page_they_were_read_on():
    """C-1: the 16 %/95 % figures were read on getthediagnosis.org, not in Wagner 1996's table:
    a case giving them cites that page, says they come from a secondary summary and says the
    review's table was not read; the page's record says what it does and does not name."""
    found = 0
    for path in sorted(CASES.glob("*.json")):
        for item in _items(json.loads(path.read_text("utf-8"))).values():
            if "specificity 95 %" not in item["feedback"]:
                continue
            found += 1
            assert "GTD-PSOAS" in item["references"], (path.stem, item["key"])
            assert "secondary summary" in item["feedback"], (path.stem, item["key"])
            assert "table was not read" in item["feedback"], (path.stem, item["key"])
            assert "has been measured" not in item["feedback"], (path.stem, item["key"])
    assert found
    page = il.reference("GTD-PSOAS")
    assert page.url == "http://getthediagnosis.org/finding/Psoas_sign.htm" and page.checked == "2026-12-07"
    assert not page.doi and not page.pmid and "names no study" in page.note
    wagner = il.reference("WAGNER1996")
    assert not wagner.doi and "GTD-PSOAS" in wagner.note
