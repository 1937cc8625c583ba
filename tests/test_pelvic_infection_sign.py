"""No warning sign covered pelvic inflammatory disease: a young sportswoman's lower
belly or groin ache from it, with no fever, no pregnancy and no sudden onset, fell
to the routine level's "a few weeks" as an adductor strain. The sign sits at the
level nhs.uk sets (an urgent GP appointment or NHS 111, so a doctor the same day),
steps up to an emergency on nhs.uk's reasons for 999 or A&E, puts the early
pregnancy sign first, and is shown on the strain pages, the symptom pages, the
body map and a practice case; the torsion and appendicitis signs name it as a
look-alike.

The same change closes four smaller gaps: a quiz explanation that gave no level
or route, aneurysm cases that said "call the emergency number" without an
ambulance, mechanism pages that offered no route for weight loss with the pain
(the possible-cancer sign), and the outer-hip area that said only that iliopsoas
pain does not spread there."""

from __future__ import annotations

import dataclasses

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld

ROUTINE_PAGES = ("acute_strain", "overuse", "snapping_hip", "hip_replacement_impingement")


def test_the_pelvic_infection_sign_is_a_doctor_today_with_nhs_uks_emergency_step_up():
    flag = il.red_flag("pelvic_infection")
    assert flag.urgency == "same_day" and not flag.go_now
    assert flag.escalation.urgency == "emergency"
    for words in ("severe", "getting worse", "shivery", "being sick", "dizzy or faint", "bleeds heavily", "sepsis"):
        assert words in flag.escalation.when, words
    for words in ("urgent same-day GP appointment", "sexual health clinic", "NHS 111", "without waiting"):
        assert words in flag.destination, words
    said = " ".join((flag.in_short, *flag.signs))
    for words in ("discharge", "during sex", "between periods", "passing urine", "coil", "miscarriage", "no fever"):
        assert words in said, words
    # pregnancy first: the early pregnancy sign is named and shown wherever this one is
    assert "early pregnancy sign comes first" in flag.in_short
    assert "ectopic_pregnancy" in flag.shown_with
    assert {"NHS-PID", "BNSSG-PID"} <= set(flag.reason.references)
    assert flag.trail.quotes and flag.trail.quotes[0].reference == "BNSSG-PID"


def test_the_pelvic_infection_sign_is_on_the_strain_and_symptom_pages_the_belly_and_groin_and_a_case():
    flag = il.red_flag("pelvic_infection")
    for key in ROUTINE_PAGES:
        assert "pelvic_infection" in {up.flag for up in il.mechanism(key).escalates_to}, key
    assert set(ROUTINE_PAGES) <= set(flag.mechanisms)
    for key in ("pain_with_movement", "hip_pain", "back_pain"):
        assert "pelvic_infection" in il.symptom(key).warning_flags, key
    assert {"lower_abdomen_left", "lower_abdomen_right", "groin_left", "groin_right"} <= set(flag.regions)
    cases = [c for c in ld.lesson_data().cases if c.red_flag == "pelvic_infection"]
    assert cases and all(c.urgency == "same_day" for c in cases)
    assert any("adductor" in c.story and "during sex" in c.reason for c in cases)


def test_the_torsion_and_appendicitis_signs_name_the_pelvic_infection_as_a_look_alike():
    for key in ("ovarian_torsion", "appendicitis"):
        assert "pelvic infection (pelvic inflammatory disease)" in il.red_flag(key).reason.text, key


def test_the_abscess_quiz_explanation_gives_the_level_and_the_hospital_route():
    item = next(q for q in ld.questions() if q.key == "abscess_without_limp")
    text = item.explanation
    for words in ("Same day (go now)", "hospital now", "not a GP", "Emergency now", "sepsis", "weak or numb leg"):
        assert words in text, words


def test_the_aneurysm_cases_call_an_ambulance_and_say_do_not_drive():
    cases = {c.key: c for c in ld.lesson_data().cases}
    for key in ("faint_back_pain", "known_aneurysm_ache", "flank_to_groin_no_rash"):
        reason = cases[key].reason
        assert "Call the emergency number" not in reason, key
        assert "Call 999 for an ambulance" in reason and "do not drive or be driven" in reason, key


def test_the_routine_mechanisms_offer_the_possible_cancer_sign_and_it_names_them_back():
    flag = il.red_flag("possible_cancer")
    assert set(ROUTINE_PAGES) <= set(flag.mechanisms)
    for key in ROUTINE_PAGES:
        up = next(u for u in il.mechanism(key).escalates_to if u.flag == "possible_cancer")
        assert "weight loss without trying" in up.when and "worse at night" in up.when, key


def _outer_hip_gaps(region) -> list[str]:
    text = region.description
    gaps = [
        w for w in ("does not make new pain here harmless", "broken hip", "hip replacement", "cancer") if w not in text
    ]
    if not text.rstrip().endswith("say how soon and where to go for each."):
        gaps.append("does not end by pointing to the warning signs shown with the area")
    return gaps


def test_the_outer_hip_says_new_pain_there_is_not_harmless():
    for side in ("left", "right"):
        assert _outer_hip_gaps(il.region(f"lateral_hip_{side}")) == [], side
    before = dataclasses.replace(
        il.region("lateral_hip_left"),
        description="The outside of the hip over the greater trochanter. The article claimed pain spreads here; "
        "the sources say iliopsoas referral does not.",
    )
    assert _outer_hip_gaps(before)
