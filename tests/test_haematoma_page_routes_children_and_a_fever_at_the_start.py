"""The bleed page (haematoma) reaches young children (haemophilia) but showed no children's
route, and a fever at the start (the clue that an abscess is as likely as a bleed) appeared only
as a later sign. It now shows the two children's emergency signs as its own, and a feature line
says a fever at the start makes an abscess as likely as a bleed: the possible-infection sign."""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

CHILD_SIGNS = ("child_not_weight_bearing", "baby_leg_not_moved")


def test_the_bleed_page_reaches_young_children():
    assert {"young_child", "older_child"} <= set(il.mechanism("haematoma").ages)


@pytest.mark.parametrize("key", CHILD_SIGNS)
def test_the_bleed_page_shows_the_children_s_emergency_signs_both_ways(key):
    haematoma = il.mechanism("haematoma")
    assert key in haematoma.red_flags
    assert "haematoma" in il.red_flag(key).mechanisms
    # at the page's own level, so an own sign, not a step up
    assert il.red_flag(key).urgency == haematoma.urgency


def test_a_fever_at_the_start_is_the_possible_infection_sign_on_the_bleed_page():
    haematoma = il.mechanism("haematoma")
    line = next(f.text for f in haematoma.features if f.text.startswith("A fever, chills or sweats at the start"))
    assert "as likely as a bleed" in line and "possible-infection warning sign" in line
    assert "infection" in haematoma.shown_flags and "haematoma" in il.red_flag("infection").mechanisms
