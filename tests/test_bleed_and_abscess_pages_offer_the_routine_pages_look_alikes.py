"""The bleed page (emergency) showed 27 of the 57 warning signs and none of a clot in
the leg, a bleeding ectopic pregnancy, a hip-replacement problem, the kidney,
appendicitis or a twisted ovary or testicle; the abscess page named a bowel cancer as
a cause but offered neither the unexplained-weight-loss sign nor a kidney stone nor a
lump. The avulsion page's rule now covers both pages: each shows every warning sign
that all the routine pages reaching an age band show, for each band it reaches, as an
own sign or as a step up. The bleed page keeps one stated gap (see
test_emergency_pages_offer_signs_with_another_route.py) and the two cancer signs that
must be shown with it. Guillain-Barré's back pain is shown on the mid back too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

ABOUT = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data" / "mechanisms.json"
PAGES = ("avulsion", "abscess", "haematoma")

# the cancer sign with leg weakness shares the bleed page's level and transport, so it
# could only be one of the page's own signs; the cancer bone and spine signs must be
# shown with it ('shown_with'), so they stay out with it
STATED = {"haematoma": {"cancer_with_nerve_signs", "cancer_bone_pain", "cancer_spinal_pain"}}


def _wanted(course, key: str) -> set[str]:
    page = course.mechanisms[key]
    routine = [m for m in course.mechanisms if m.urgency == "routine"]
    wanted: set[str] = set()
    for band in page.ages:
        reaching = [m for m in routine if band in m.ages]
        common = set.intersection(*(set(m.shown_flags) for m in reaching))
        wanted |= {
            k
            for k in common
            if not course.red_flags[k].every_mechanism_for or band in course.red_flags[k].every_mechanism_for
        }
    return wanted


@pytest.mark.parametrize("key", PAGES)
def test_each_page_shows_every_sign_the_routine_pages_all_show_for_its_ages(key):
    course = il.course()
    missing = _wanted(course, key) - course.mechanisms[key].shown_flags - STATED.get(key, set())
    assert sorted(missing) == []


def test_each_stated_gap_is_still_wanted_and_tied_to_the_cancer_sign():
    course = il.course()
    for key, gaps in STATED.items():
        assert gaps <= _wanted(course, key)
        assert not gaps & course.mechanisms[key].shown_flags
        for flag in gaps - {"cancer_with_nerve_signs"}:
            assert "cancer_with_nerve_signs" in course.red_flags[flag].shown_with, flag


def test_the_reviewed_look_alikes_are_on_the_bleed_and_abscess_pages():
    bleed = il.mechanism("haematoma").shown_flags
    for key in (
        "iliofemoral_dvt",
        "ectopic_pregnancy",
        "hip_replacement_complication",
        "kidney",
        "appendicitis",
        "ovarian_torsion",
        "testicular_torsion",
        "strangulated_hernia",
        "late_pregnancy_pain",
        "exertional_rhabdomyolysis",
        "pelvic_infection",
    ):
        assert key in bleed, key
        assert "haematoma" in il.red_flag(key).mechanisms, key
    abscess = il.mechanism("abscess").shown_flags
    for key in ("possible_cancer", "renal_colic", "soft_tissue_lump"):
        assert key in abscess, key
        assert "abscess" in il.red_flag(key).mechanisms, key


def test_the_rule_is_stated_for_all_three_pages():
    about = json.loads(ABOUT.read_text(encoding="utf-8"))["about"]
    assert "The avulsion, abscess and haematoma pages" in about
    assert "every warning sign that all the routine pages show" in about


def test_guillain_barre_is_shown_on_the_mid_back():
    regions = il.red_flag("guillain_barre").regions
    assert "pain in the back" in " ".join(il.red_flag("guillain_barre").signs)
    for side in ("left", "right"):
        assert f"thoracic_paraspinal_{side}" in regions
