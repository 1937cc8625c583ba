"""A soft-tissue sarcoma of the thigh, groin or buttock is easily taken for a strain
or a haematoma that has not yet gone down, and no warning sign covered it, so a
learner was left at the routine level's "a few weeks". The flag sits at the
48-hour level with NICE's scan times, points to the faster look-alikes, and is
shown on the strain page, the body map and a practice case. The start page's
short emergency box also carries its flags' main triggers."""

from __future__ import annotations

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content import text


def test_the_lump_sign_sits_at_48_hours_with_nices_scan_times():
    flag = il.red_flag("soft_tissue_lump")
    assert flag.urgency == "within_days" and flag.escalation.urgency == "emergency"
    assert flag.destination.startswith("A GP appointment within 48 hours")
    for words in ("within 2 weeks in adults", "within 48 hours in children and young people", "stricter"):
        assert words in flag.destination, words
    assert "massage" in flag.interim_advice and "scanned" in flag.interim_advice
    assert "own working limit" in " ".join(flag.signs)
    assert {"NG12", "GEORGE2012"} <= set(flag.reason.references)


def test_the_lump_sign_points_to_the_faster_look_alikes():
    flag = il.red_flag("soft_tissue_lump")
    said = " ".join((*flag.signs, flag.escalation.when))
    for key in ("groin_pseudoaneurysm", "strangulated_hernia", "bleeding"):
        assert il.red_flag(key).title in flag.escalation.when, key
    assert "the infection sign" in said
    for words in ("pulses", "will not go back in", "fever", "blood thinner"):
        assert words in said, words


def test_the_lump_sign_is_on_the_strain_page_the_thigh_groin_and_buttock_and_a_case():
    flag = il.red_flag("soft_tissue_lump")
    assert "acute_strain" in flag.mechanisms
    assert "soft_tissue_lump" in {up.flag for up in il.mechanism("acute_strain").escalates_to}
    zones = {r.removesuffix("_left").removesuffix("_right") for r in flag.regions}
    assert {"groin", "front_thigh", "back_thigh", "buttock"} <= zones
    cases = [c for c in ld.lesson_data().cases if c.red_flag == "soft_tissue_lump"]
    assert cases and all(c.urgency == "within_days" for c in cases)


def test_the_short_emergency_box_carries_the_main_triggers():
    box = str(text.show_call_now())
    for words in (
        "after a catheter or needle in the groin",
        "hip held bent and a weak or numb front of the thigh",
        "any groin lump that pulses",
        "in pregnancy",
        "little or no urine",
        "collapse or blacking out on its own",
        "will not let the hip be moved",
        "has back pain",
    ):
        assert words in box, words
