"""Two warning signs were missing from body-map areas their conditions reach.

- A leaking aortic aneurysm, or an aneurysm of the iliac arteries in the pelvis,
  can press on the femoral nerve (pain, numbness or weakness at the front of the
  thigh) and give buttock or hip pain; the aneurysm sign was on none of those
  areas.
- An appendix lying behind the bowel (retrocaecal) gives right flank or low back
  pain, and the psoas sign the lessons teach is typical of it; the appendicitis
  sign was only on the lower right belly and the right groin.
"""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

LOWER_AREAS = {
    f"{area}_{side}"
    for area in ("front_thigh_upper", "front_thigh", "buttock", "upper_buttock", "lateral_hip")
    for side in ("left", "right")
}


def test_the_aneurysm_sign_reaches_the_thigh_buttock_and_hip():
    flag = il.red_flag("aortic_aneurysm")
    assert LOWER_AREAS <= set(flag.regions)
    line = next(s for s in flag.signs if s.startswith("an aneurysm can also show lower down"))
    for words in (
        "iliac arteries",
        "front of the thigh",
        "buttock",
        "hip",
        "numbness or weakness",
        "counts as this sign",
    ):
        assert words in line, words
    assert "SINGH2013" in flag.reason.references
    # the level and the ambulance stay
    assert flag.urgency == "emergency"
    for key in LOWER_AREAS:
        assert "aortic_aneurysm" in il.region(key).red_flags, key


def test_the_appendicitis_sign_reaches_the_right_low_back():
    flag = il.red_flag("appendicitis")
    assert "lumbar_paraspinal_right" in flag.regions and "lumbar_curve" in flag.symptoms
    assert not [r for r in flag.regions if r.endswith("_left")]
    line = next(s for s in flag.signs if s.startswith("pain in the right side (flank) or the right loin"))
    for words in ("feeling sick", "off food", "fever", "psoas sign", "retrocaecal"):
        assert words in line, words
    assert {"ONG2009", "RADPOD-RETROCAECAL"} <= set(flag.reason.references)
    assert "appendicitis" in il.region("lumbar_paraspinal_right").red_flags
    assert "appendicitis" not in il.region("lumbar_paraspinal_left").red_flags
