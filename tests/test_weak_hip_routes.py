"""A newly weak hip, the haematoma page and the strain and overuse pages name the
faster warning signs that can look like them.

A new weak hip with no blood thinner and no fever was read straight away as a
nerve root (a GP the same day), though a thigh that cannot be lifted is the
avulsion sign (an X-ray now) and a sudden weakness may be a stroke (999); the
haematoma page, whose people mostly take blood thinners and whose feature is a
weak or numb leg, did not link the stroke sign; the strain and overuse pages had
no pulsing groin swelling; the nerve-or-root table showed the cauda equina signs
in only two rows.
"""

from __future__ import annotations

import dataclasses

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import link_checks

pytestmark = pytest.mark.unit

HIP_PAGES = ("pain_with_movement", "hip_pain")


def _head(flag) -> str:
    """A flag's title as a text quotes it: before any bracketed tag and before a colon."""
    return flag.title.split(" (")[0].split(":")[0]


@pytest.mark.parametrize("key", HIP_PAGES)
def test_a_weak_hip_meets_the_stroke_and_avulsion_signs_before_a_nerve_root(key):
    course = il.course()
    why = course.symptoms[key].why.text
    root = why.index("nerve root")
    for flag in ("sudden_weakness_stroke", "adult_avulsion", "adolescent_avulsion"):
        quoted = f"'{_head(course.red_flags[flag])}'"
        assert quoted in why and why.index(quoted) < root, (key, flag)
        assert flag in course.symptoms[key].warning_flags
    assert "Ludloff's sign" in why[:root] and "999" in why[:root]
    # the bleed still comes first (round 35 B PS1)
    assert why.index("blood thinner") < why.index("Ludloff's sign")


@pytest.mark.parametrize("key", HIP_PAGES)
def test_the_hip_pages_name_the_hip_signs_the_groin_mimics_and_giant_cell_arteritis(key):
    course = il.course()
    page = course.symptoms[key]
    for words in ("a broken hip", "stress fracture", "slipped growth plate", "pulled-off piece of bone"):
        assert words in page.why.text, (key, words)
    for flag in (
        "strangulated_hernia",
        "testicular_torsion",
        "ovarian_torsion",
        "ectopic_pregnancy",
        "appendicitis",
        "iliofemoral_dvt",
        "groin_pseudoaneurysm",
    ):
        assert f"'{_head(course.red_flags[flag])}" in page.why.text, (key, flag)
    assert "giant cell arteritis" in page.why.text and "polymyalgia" in page.why.text
    assert {"MACKIE2020", "NG128", "PHILLIPS", "NG126", "NG158"} <= set(page.why.references)


def test_a_planted_hip_page_without_the_stroke_sign_is_found_by_the_look_alike_rule():
    course = il.course()
    page = course.symptoms["hip_pain"]
    planted = dataclasses.replace(
        page, warning_flags=tuple(k for k in page.warning_flags if k != "sudden_weakness_stroke")
    )
    found = [str(p) for p in link_checks.look_alike_problems([planted], [], course.red_flags)]
    assert any("leaves out its look-alike 'sudden_weakness_stroke'" in p for p in found)


def test_the_haematoma_page_steps_up_to_the_stroke_sign():
    course = il.course()
    h = course.mechanisms["haematoma"]
    ups = {up.flag: up.when for up in h.escalates_to}
    when = ups["sudden_weakness_stroke"]
    for words in (
        "suddenly",
        "beyond the front of the thigh",
        "face",
        "arm",
        "speech",
        "even if it passes",
        "blood thinner",
        "bleed in the brain",
        "call 999 and say stroke",
    ):
        assert words in when, words
    assert "haematoma" in course.red_flags["sudden_weakness_stroke"].mechanisms
    # the stroke sign's look-alikes come with it, and both flags name the page back
    for key in ("progressive_weakness", "cauda_equina"):
        assert key in h.shown_flags and "haematoma" in course.red_flags[key].mechanisms, key
    # a same-day weak leg under a bleed is shown at the bleed's level, not its own route
    from iliopsoas_lessons.content.text import slower_than_mechanism

    assert slower_than_mechanism(h, course.red_flags["progressive_weakness"], course)


@pytest.mark.parametrize("key", ["acute_strain", "avulsion"])
def test_the_broken_hip_step_covers_a_painful_limp_after_a_fall_at_any_adult_age(key):
    ups = {up.flag: up.when for up in il.course().mechanisms[key].escalates_to}
    when = ups["hip_fracture_after_fall"]
    assert "at any adult age, a fall that leaves them limping or unable to put weight on the leg" in when
    assert "65" in when and "no injury they remember" in when or "no fall" in when


def test_the_strain_step_covers_sudden_hip_pain_with_no_fall_over_about_65():
    when = {up.flag: up.when for up in il.course().mechanisms["acute_strain"].escalates_to}["hip_fracture_after_fall"]
    assert "with no fall" in when and "over about 65" in when and "came on suddenly" in when


def test_overuse_is_not_the_routine_answer_for_a_young_child():
    over = il.course().mechanisms["overuse"]
    text = " ".join(f.text for f in over.features)
    assert "young_child" in over.ages
    assert "under about 8" in text and "children's warning signs" in text
    assert {"young_child_limp", "child_limp_not_settling", "child_fever_limp"} <= {up.flag for up in over.escalates_to}


@pytest.mark.parametrize("key", ["acute_strain", "overuse"])
def test_the_strain_and_overuse_pages_show_the_pulsing_groin_swelling(key):
    course = il.course()
    when = {up.flag: up.when for up in course.mechanisms[key].escalates_to}["groin_pseudoaneurysm"]
    for words in ("pulses", "needle", "injection", "catheter", "never massaged, cut or drained"):
        assert words in when, (key, words)
    assert key in course.red_flags["groin_pseudoaneurysm"].mechanisms


def test_the_strain_page_steps_up_to_major_trauma():
    course = il.course()
    when = {up.flag: up.when for up in course.mechanisms["acute_strain"].escalates_to}["major_trauma"]
    assert "high-energy" in when and "call 999" in when
    assert "acute_strain" in course.red_flags["major_trauma"].mechanisms


def test_every_nerve_or_root_row_shows_the_both_legs_signs_and_the_weakness_rows_the_stroke_sign():
    rows = il.course().nerve_or_root
    for row in rows:
        assert {"cauda_equina", "both_legs_sciatica"} <= set(row.root_flags), row.key
    for key in ("hip_flexion", "adductors", "ankle_dorsiflexion"):
        assert "sudden_weakness_stroke" in rows[key].root_flags, key
    from iliopsoas_lessons.content.text import show_nerve_examination

    table = str(show_nerve_examination())
    for key in ("cauda_equina", "both_legs_sciatica", "sudden_weakness_stroke"):
        assert il.course().red_flags[key].title in table, key


def test_the_haematoma_row_never_gives_the_slower_weak_leg_route_as_its_own():
    # a weak leg is one of the haematoma's own signs, shown at the bleed's level: the
    # comparison table's cell says where the page sends, so the same-day route is left out
    from iliopsoas_lessons.content.text import show_mechanism_table

    course = il.course()
    row = show_mechanism_table(("haematoma",)).markdown.splitlines()[-1]
    assert row.startswith("| **How urgent** |")
    slower = course.red_flags["progressive_weakness"].destination.split(":")[0].split(",")[0]
    assert slower.lower() not in row.lower() and "spinal team" not in row
    assert "emergency department now" in row
