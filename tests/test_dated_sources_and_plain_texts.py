"""A citation shows the standing its record knows (a renamed and updated quality
standard shows both dates; a dated guideline says it is dated), and the texts that
route a person name the warning sign and its level in the data, not a bare 'faster
route'."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

DATA = Path(il.__file__).resolve().parent / "data"


def test_qs56_shows_its_first_year_and_its_2023_update_with_where_the_date_was_read():
    ref = il.reference("QS56")
    assert ref.year == 2014 and f"; 2014 [cited {ref.checked}]." in ref.citation
    assert "updated September 2023" in ref.citation
    assert "published summary" in ref.edition and "not on NICE's own page" in ref.edition
    # the title is the 2023 name, and the note says so
    assert "title shown is the one NICE gave QS56 in its September 2023 update" in ref.note


def test_the_hot_swollen_joint_guideline_is_shown_as_dated_not_plainly_current():
    ref = il.reference("COAKLEY2006")
    assert ref.status == "review_overdue" and ref.is_current and ref.year == 2006  # dated, but still stands
    assert "[dated:" in ref.citation and "not published when read" in ref.citation
    before = dataclasses.replace(ref, published_in="Rheumatology (Oxford)")
    assert "dated" not in before.citation


def test_the_never_checked_record_says_why_and_the_agreement_paper_says_what_was_read():
    ref = il.reference("BASS-CES")
    assert ref.checked is None
    assert "Round 47" in ref.note and "not" in ref.note.split("Round 47")[1]
    landis = il.reference("LANDIS1977")
    assert landis.checked == "2026-12-07"
    assert "Checked on 2026-12-07 against" in landis.note and "full text, PubMed and JSTOR were not read" in landis.note


def _names_each_faster_sign_with_its_level(text: str) -> list[str]:
    labels = {lv.key: lv.label for lv in il.course().urgency}
    gaps = []
    for key in (
        "infection_unwell",
        "fever_back_pain",
        "bleeding",
        "cauda_equina",
        "progressive_weakness",
        "cancer_spinal_pain",
        "cancer_with_nerve_signs",
        "possible_cancer",
        "child_back_pain",
    ):
        flag = il.red_flag(key)
        shown = re.search(re.escape(f"'{flag.title}'") + r"[^;]*?" + re.escape(f"({labels[flag.urgency]}"), text)
        if not shown:
            gaps.append(key)
    return gaps


def test_the_lean_claim_names_each_faster_sign_and_its_level():
    evidence = il.claim("spasm_scoliosis").evidence
    assert _names_each_faster_sign_with_its_level(evidence) == []
    old = (
        "The other warning signs set their own level if that is faster: a fever or feeling unwell (an abscess "
        "or an infection), a blood thinner (a bleed), weakness, numbness, numbness between the legs or bladder "
        "or bowel trouble (the nerve signs), and cancer now or in the past, weight loss or pain at night."
    )
    assert _names_each_faster_sign_with_its_level(old)


def test_the_left_lower_belly_says_plainly_that_a_fever_is_the_fever_sign():
    text = il.region("lower_abdomen_left").description
    assert "new pain here with a fever, chills or shivering is the fever warning sign" in text
    assert "diverticulitis included" in text
    assert "fever_back_pain" in il.region("lower_abdomen_left").red_flags
    assert any("lower belly" in s for s in il.red_flag("fever_back_pain").signs)


def test_the_doha_criteria_rest_on_tenderness_and_mri_grades_are_not_the_clinical_grades():
    said = il.symptom("pain_with_movement").provoked_by[3].text
    assert "tenderness" in said and "more likely" in said and "on its own" in said
    mri = il.course().imaging["mri"].answers
    assert "(the basis of grading a strain)" not in mri.text
    assert "judged by examination" in mri.text and "POLLOCK2014" in mri.references


def test_the_abscess_case_safety_net_lists_the_infection_signs_sepsis_signs():
    case = json.loads((DATA / "cases" / "psoas_abscess_injects.json").read_text(encoding="utf-8"))
    options = [o for step in case["steps"] for o in step.get("options", []) if o["key"] == "dec_hospital_today"]
    (advice,) = [o["advice"] for o in options]
    flag = il.red_flag("infection").escalation.when
    listed = flag[flag.index("(such as ") + len("(such as ") : flag.index(")")]
    for sign in re.split(r", or |, ", listed):
        assert sign in advice, sign
    assert "sign of sepsis appears, such as" in advice


def _ups(key: str) -> dict[str, str]:
    return {up.flag: up.when for up in il.mechanism(key).escalates_to}


@pytest.mark.parametrize("key", ["avulsion", "abscess"])
def test_a_leg_that_suddenly_cannot_be_lifted_offers_the_blocked_artery_sign(key):
    when = _ups(key)["acute_limb_ischaemia"]
    assert "cannot be lifted" in when and "pulses" in when and "call 999" in when
    assert key in il.red_flag("acute_limb_ischaemia").mechanisms


def test_overuse_offers_the_teenage_avulsion_and_the_leg_that_takes_no_weight():
    ups = _ups("overuse")
    assert "pop" in ups["adolescent_avulsion"] and "any one is enough" in ups["adolescent_avulsion"]
    assert "no weight at all" in ups["cannot_bear_weight"] and "stress fracture" in ups["cannot_bear_weight"]


def test_the_haematoma_page_steps_up_to_major_trauma():
    """The haematoma is already at the top level: a flag is a step up from it only if it
    calls an ambulance where the page's own flags do not always; major trauma does, and a
    high-energy injury bleeds into the same space."""
    ups = _ups("haematoma")
    assert "high-energy" in ups["major_trauma"] and "call 999" in ups["major_trauma"]
    # its own signs: the bleed and the false aneurysm first, then the same-level signs of a
    # tense, swollen thigh (no weight) and a child's fever with a limp; never major trauma
    assert il.mechanism("haematoma").red_flags == (
        "bleeding",
        "groin_pseudoaneurysm",
        "cannot_bear_weight",
        "child_fever_limp",
        # round 62 B m-3: the page reaches young children (haemophilia), so it shows the
        # children's same-level signs for a leg that takes no weight or is not moved
        "child_not_weight_bearing",
        "baby_leg_not_moved",
        # round 50 B PS-2: the stroke sign's look-alikes, after the signs that set the level
        "progressive_weakness",
        "cauda_equina",
        # round 58 B M-3: the page names antiplatelet medicines as a cause, so it shows
        # their own same-day sign (slower than the page, so never its headline route)
        "antiplatelet_pain",
        # look-alikes at the page's own level and transport that need their own test or team
        # (a hip X-ray, surgeons), which the loader takes only as the page's own signs
        "hip_fracture_after_fall",
        "necrotising_infection",
        # every children's sign for the ages the page reaches; slower than the page, so each
        # is shown as the route for when a bleed is not suspected
        "scfe",
        "adolescent_avulsion",
        "young_child_limp",
        "child_limp_not_settling",
        "child_back_pain",
        # every sign all the routine pages show for its ages (a clot, a bleeding ectopic
        # pregnancy, ...), as the route for when a bleed is not suspected
        "iliofemoral_dvt",
        "ectopic_pregnancy",
        "hip_replacement_complication",
        "late_pregnancy_pain",
        "kidney",
        "appendicitis",
        "ovarian_torsion",
        "testicular_torsion",
        "strangulated_hernia",
        "exertional_rhabdomyolysis",
        "pelvic_infection",
        "both_legs_sciatica",
        "pancreatitis",
        "diverticulitis",
        "renal_colic",
        "possible_cancer",
        "serious_spine_signs",
        "runner_stress_fracture",
        "fragility_fracture",
        "adult_avulsion",
        "adult_hamstring_avulsion",
        "groin_hernia",
        "testicular_lump",
        "shingles",
        "bone_pain_unexplained",
        "giant_cell_arteritis",
        "limb_threatening_ischaemia",
    )


def test_the_avulsion_page_shows_the_hip_replacement_sign():
    assert "hip_replacement_complication" in il.mechanism("avulsion").red_flags
