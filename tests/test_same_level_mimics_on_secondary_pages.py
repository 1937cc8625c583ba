"""The secondary mechanism pages name the same-level look-alikes their neighbours
name: a swollen bursa at the front of the hip is the usual look-alike of a
soft-tissue tumour on the snapping-hip and hip-replacement pages, as on the
overuse page; and a pelvic infection in a girl or woman is named on the abscess
page, where it joins the page's own flags because it is at the page's level."""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("key", ["snapping_hip", "hip_replacement_impingement"])
def test_the_bursa_pages_step_up_to_the_lump_sign(key):
    when = {up.flag: up.when for up in il.mechanism(key).escalates_to}["soft_tissue_lump"]
    for words in ("getting bigger", "deep, firm or fixed", "about 5 cm", "bursa", "soft-tissue tumour"):
        assert words in when, (key, words)
    assert key in il.red_flag("soft_tissue_lump").mechanisms


def test_the_abscess_page_shows_the_pelvic_infection_and_says_when():
    abscess = il.mechanism("abscess")
    assert "pelvic_infection" in abscess.red_flags
    assert "abscess" in il.red_flag("pelvic_infection").mechanisms
    feature = next(f for f in abscess.features if "pelvic infection" in f.text)
    assert "girl or woman" in feature.text and "pregnancy test comes first" in feature.text
    assert {"NHS-PID", "CKS-PID"} <= set(feature.references)
