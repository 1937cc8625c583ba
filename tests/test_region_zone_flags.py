"""A learner who starts from a body-map area sees the warning signs of that area
(the flags whose 'regions' in red_flags.json name it). Review round 43, D PS 1:
the groin, femoral-triangle and front-thigh areas left out the hip bone signs
(stress fracture, avulsions, cannot bear weight), so every area in a hip zone
must show every hip flag. D PS 2: the lower-back strip showed only vascular and
kidney signs, so it must show the spine flags. Checked on the shown lines, and
each check is broken on purpose below so it cannot pass vacuously."""

from __future__ import annotations

import iliopsoas_lessons as il
from iliopsoas_lessons.content import link_checks, text

# The lower-back strip, where back pain is put on the map, and the serious
# back-pain signs (infection, cancer, fracture, cauda equina) it must show.
BACK_ZONES = ("lumbar_paraspinal",)
SPINE_FLAGS = (
    "fever_back_pain",
    "infection",
    "cancer_spinal_pain",
    "fragility_fracture",
    "serious_spine_signs",
    "cauda_equina",
)


def _zone(key: str) -> str:
    return key.removesuffix("_left").removesuffix("_right")


def zone_gaps(zones, flag_keys) -> list[tuple[str, str]]:
    """Each (region, flag) where a region in ``zones`` (either side) does not
    show ``flag_keys``' flag among its warning signs."""
    regions = [r for r in il.regions() if _zone(r.key) in zones]
    assert {_zone(r.key) for r in regions} == set(zones), "a zone names no region"
    gaps = []
    for region in regions:
        shown = " ".join(text.region_warning_signs(region))
        for key in flag_keys:
            flag = il.red_flag(key)
            if f"{flag.title}: {flag.in_short}" not in shown:
                gaps.append((region.key, key))
    return gaps


def test_every_hip_zone_area_shows_every_hip_flag():
    assert zone_gaps(link_checks.HIP_ZONES, link_checks.HIP_FLAGS) == []


def test_the_front_of_the_thigh_and_femoral_triangle_show_necrotising_infection():
    assert zone_gaps(("femoral_triangle", "front_thigh"), ("necrotising_infection",)) == []


def test_the_lower_back_strip_shows_the_spine_flags():
    assert zone_gaps(BACK_ZONES, SPINE_FLAGS) == []


def test_a_planted_flag_without_the_region_is_caught():
    # appendicitis names only the right groin and lower belly: a hip or back
    # rule that required it would have gaps, so the checks above can fail
    assert zone_gaps(link_checks.HIP_ZONES, (*link_checks.HIP_FLAGS, "appendicitis"))
    assert zone_gaps(BACK_ZONES, (*SPINE_FLAGS, "appendicitis"))


def test_an_area_whose_shown_signs_drop_a_flag_is_caught(monkeypatch):
    real = text.region_warning_signs
    # drop one hip flag's and one spine flag's line from every area (the first
    # line shown is no longer always one of them)
    dropped = tuple(il.red_flag(k).title + ": " for k in (link_checks.HIP_FLAGS[0], SPINE_FLAGS[0]))
    monkeypatch.setattr(
        text,
        "region_warning_signs",
        lambda region, content=None: [line for line in real(region, content) if not line.startswith(dropped)],
    )
    assert zone_gaps(link_checks.HIP_ZONES, link_checks.HIP_FLAGS)
    assert zone_gaps(BACK_ZONES, SPINE_FLAGS)
