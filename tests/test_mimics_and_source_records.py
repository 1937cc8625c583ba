"""Mimics that a mechanism or symptom page must offer, and what a reference's
record must tell learners about its own standing.

- A blocked artery to the leg passes for a strain, overuse pain, a snapping hip
  or pain after a hip replacement; a blocked aorta gives sudden back pain with
  both legs affected. The pages say so with the flag and its step-up.
- An adult's weight loss without trying with hip or groin pain leads to the
  cancer warning signs on the hip pages.
- The psoas abscess page shows both pregnancy signs and names antiplatelet
  medicines in its bleeding step-up, as the other pages do.
- The Thomas test's agreement figures come with the convention that names
  them and the study authors' own judgement.
- A statistical methods paper is labelled as one and never supports a statement
  alone; a journal's summary of a guideline is a review; a page whose review date
  had passed when it was read says so in its citation.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import iliopsoas_lessons as il
from iliopsoas_lessons.content import EVIDENCE_LEVELS, review

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "iliopsoas_lessons" / "data"
SCHEMAS = ROOT / "iliopsoas_lessons" / "content" / "schemas"

LIMB = "acute_limb_ischaemia"
LIMB_PAGES = ("acute_strain", "overuse", "snapping_hip", "hip_replacement_impingement", "haematoma")


def _mechanisms() -> dict[str, dict]:
    data = json.loads((DATA / "mechanisms.json").read_text(encoding="utf-8"))
    return {m["key"]: m for m in data["mechanisms"]}


def _symptoms() -> dict[str, dict]:
    data = json.loads((DATA / "symptoms.json").read_text(encoding="utf-8"))
    return {s["key"]: s for s in data["symptoms"]}


def _references() -> dict[str, dict]:
    data = json.loads((DATA / "references.json").read_text(encoding="utf-8"))
    return {r["key"]: r for r in data["references"]}


def test_the_pages_a_blocked_leg_artery_passes_for_show_its_warning_sign():
    mechanisms = _mechanisms()
    for key in LIMB_PAGES:
        ups = {up["flag"]: up["when"] for up in mechanisms[key]["escalates_to"]}
        assert LIMB in ups, key
        when = ups[LIMB]
        for words in ("pale", "cold", "numb", "weak"):
            assert words in when, (key, words)
    for key in ("hip_replacement_impingement", "haematoma"):
        when = next(up["when"] for up in mechanisms[key]["escalates_to"] if up["flag"] == LIMB)
        assert "catheter or needle" in when and "artery" in when, key
        assert "operation" in when, key


def test_the_back_pages_name_a_blocked_aorta():
    symptoms = _symptoms()
    for key in ("back_pain", "lumbar_curve"):
        page = symptoms[key]
        assert LIMB in page["warning_flags"], key
        why = page["why"]["text"]
        assert "both legs cold, pale, numb or weak" in why and "aorta" in why, key
        assert {"NHSDEVON-ALI", "IRIZARRY2016"} <= set(page["why"]["references"]), key


def test_the_hip_pages_send_weight_loss_to_the_cancer_signs():
    symptoms = _symptoms()
    for key in ("pain_with_movement", "hip_pain"):
        page = symptoms[key]
        assert "possible_cancer" in page["warning_flags"], key
        assert "weight loss without trying" in page["why"]["text"], key
        assert "NG12" in page["why"]["references"], key


def test_the_abscess_page_shows_both_pregnancy_signs_and_names_antiplatelets():
    abscess = _mechanisms()["abscess"]
    shown = set(abscess["red_flags"]) | {up["flag"] for up in abscess["escalates_to"]}
    assert {"ectopic_pregnancy", "late_pregnancy_pain"} <= shown
    bleeding = next(up["when"] for up in abscess["escalates_to"] if up["flag"] == "bleeding")
    assert "antiplatelet" in bleeding and "anticoagulant" in bleeding


def test_the_thomas_test_figures_come_with_their_convention_and_the_authors_judgement():
    text = il.course().exam_tests["thomas_test"].accuracy.text
    assert "kappa 0.39" in text and "0.47" in text
    assert "Landis and Koch convention" in text and "not a clinical threshold" in text
    assert "study's own authors judged" in text


def test_a_methods_paper_is_labelled_and_never_the_only_support():
    assert "methods_paper" in EVIDENCE_LEVELS and "not clinical evidence" in EVIDENCE_LEVELS["methods_paper"]
    schema = json.loads((SCHEMAS / "references.schema.json").read_text(encoding="utf-8"))
    item = schema["properties"]["references"]["items"]["properties"]
    assert "methods_paper" in item["evidence"]["enum"]
    course = il.course()
    landis = course.references["LANDIS1977"]
    assert landis.evidence == "methods_paper" and landis.doi == "10.2307/2529310"
    methods = {r.key for r in course.references if r.evidence == "methods_paper"}
    citing = [s for s in review.statements() if set(s.references) & methods]
    assert citing
    for statement in citing:
        assert set(statement.references) - methods, statement.id


def test_a_journal_summary_of_a_guideline_is_a_review_and_the_guideline_links_to_itself():
    course = il.course()
    assert course.references["TUBB2020"].evidence == "review"
    assert course.references["AAOS-PJI2019"].evidence == "guideline"
    mackie = course.references["MACKIE2020"]
    # the guideline itself, by its DOI (the journal's article number kez672), not a news page
    assert mackie.doi == "10.1093/rheumatology/kez672" and mackie.url is None


_REVIEW_DUE = re.compile(r"review due(?: on|:)\s*(\d{1,2} [A-Z][a-z]+ \d{4})")


def test_a_page_past_its_review_date_says_so_in_its_citation():
    overdue = []
    for key, record in _references().items():
        checked = record.get("checked")
        found = _REVIEW_DUE.search(record.get("note") or "")
        if not checked or not found:
            continue
        due = datetime.datetime.strptime(found.group(1), "%d %B %Y").date()
        if due < datetime.date.fromisoformat(checked):
            overdue.append(key)
            citation = il.course().references[key].citation
            assert "review overdue when read" in citation, key
            assert found.group(1) in citation, key
    assert {"BNSSG-PJI", "NHS-NECFASC"} <= set(overdue)
