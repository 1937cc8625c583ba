"""Every body-map area where a deep infection can be felt shows all three
infection routes: the go-now sign for a psoas abscess, septic hip or spinal
infection, the fever sign (a fever with new pain, no limp needed) and the
sepsis sign. Whether a person with a fever is shown a route must not depend on
exactly where on the buttock they tap: the upper buttock showed none of the
three and the main buttock only the first, although an infected sacroiliac
joint, a psoas abscess or a spinal infection can be felt in both.

Two rules: the areas named below, each with its reason, show all three; and any
area that shows the go-now infection sign shows the fever and sepsis signs too,
because the same infection can come with a fever and no limp, or with sepsis.
"""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

SIDES = ("left", "right")
INFECTION_SIGNS = ("infection", "fever_back_pain", "infection_unwell")

# Each area (zone, both sides) where an infected sacroiliac joint, a psoas
# abscess or a spinal infection can be felt, and why.
INFECTION_AREAS: dict[str, str] = {
    "lumbar_paraspinal": "an infected vertebra or disc, or an abscess beside the spinal cord, hurts in the low back",
    "thoracic_paraspinal": "a spinal infection can be higher up, in the middle of the back",
    "nerve_root": "an infection in the spine can press on the lowest nerve roots",
    "sacroiliac": "an infected sacroiliac joint hurts over the joint itself",
    "upper_buttock": "the sacroiliac joint lies just beneath the upper, inner buttock",
    "buttock": "an infected sacroiliac joint or an abscess in the buttock muscles is felt deep in the buttock",
    "lower_abdomen": "a psoas or iliacus abscess lies behind the lower belly",
    "groin": "a psoas abscess lies under the groin and can track down into it",
    "femoral_triangle": "a psoas abscess can show as a tender swelling just below the groin crease",
    "lateral_hip": "a septic hip can hurt at the outer hip",
    "front_thigh_upper": "a psoas abscess can track down to the top of the thigh",
    "front_thigh": "pain from the hip and the psoas is felt down the front of the thigh",
    "back_thigh": "an infected sacroiliac joint can send its pain down the back of the thigh",
}


def _areas(zone: str) -> set[str]:
    return {f"{zone}_{side}" for side in SIDES}


def _missing_on_named_areas(regions_of) -> dict[str, list[str]]:
    """For each infection sign, the named infection areas it is not shown on."""
    wanted = set().union(*(_areas(zone) for zone in INFECTION_AREAS))
    return {key: sorted(wanted - regions_of[key]) for key in INFECTION_SIGNS if wanted - regions_of[key]}


def _missing_beside_the_go_now_sign(regions_of) -> dict[str, list[str]]:
    """For the fever and sepsis signs, the areas that show the go-now infection sign but not them."""
    go_now = regions_of["infection"]
    return {key: sorted(go_now - regions_of[key]) for key in INFECTION_SIGNS[1:] if go_now - regions_of[key]}


def _regions_now() -> dict[str, set[str]]:
    return {key: set(il.red_flag(key).regions) for key in INFECTION_SIGNS}


def test_the_named_areas_are_real():
    known = {r.key for r in il.regions()}
    for zone, reason in INFECTION_AREAS.items():
        assert reason and _areas(zone) <= known, zone


def test_every_infection_area_shows_all_three_infection_signs():
    assert _missing_on_named_areas(_regions_now()) == {}


def test_every_area_with_the_go_now_infection_sign_shows_the_fever_and_sepsis_signs():
    assert _missing_beside_the_go_now_sign(_regions_now()) == {}


def test_the_upper_buttock_shows_the_three_routes_on_its_page():
    for region in il.regions():
        if region.zone in ("upper_buttock", "buttock"):
            assert set(INFECTION_SIGNS) <= set(region.red_flags), region.key
    upper = next(r for r in il.regions() if r.zone == "upper_buttock")
    assert "fever" in upper.description and "infection" in upper.description


def test_the_rules_catch_the_buttock_areas_as_they_were():
    """The regions the data gave these signs before the fix: neither buttock area
    showed the fever or sepsis sign, and the upper buttock not even the go-now sign."""
    before = _regions_now()
    before["infection"] -= _areas("upper_buttock")
    for key in ("fever_back_pain", "infection_unwell"):
        before[key] -= _areas("upper_buttock") | _areas("buttock") | _areas("front_thigh") | _areas("back_thigh")
    before["infection_unwell"] -= _areas("front_thigh_upper")
    named = _missing_on_named_areas(before)
    assert sorted(_areas("upper_buttock")) == named["infection"]
    assert _areas("buttock") | _areas("upper_buttock") <= set(named["fever_back_pain"])
    assert _areas("buttock") | _areas("upper_buttock") <= set(named["infection_unwell"])
    beside = _missing_beside_the_go_now_sign(before)
    assert _areas("buttock") <= set(beside["fever_back_pain"]) and _areas("buttock") <= set(beside["infection_unwell"])


def test_the_groin_shows_the_blocked_artery_sign_as_the_femoral_triangle_does():
    """The groin and the area just below it are tapped for the same pain, so a sign
    of the artery that runs through both is shown on both."""
    regions = set(il.red_flag("acute_limb_ischaemia").regions)
    assert _areas("femoral_triangle") <= regions
    assert _areas("groin") <= regions


def test_the_fever_signs_say_why_buttock_pain_with_a_fever_can_be_an_infected_sacroiliac_joint():
    """The buttock and thigh are linked to the fever signs because an infected
    sacroiliac joint is felt there; each sign's reason says so and cites a source
    that reports it, as does the upper buttock's description."""
    for key in ("fever_back_pain", "infection"):
        reason = il.red_flag(key).reason
        assert "infected sacroiliac joint" in reason.text and "buttock or thigh pain with a fever" in reason.text, key
        assert "WEISZ2012" in reason.references, key
    for side in ("left", "right"):
        assert "WEISZ2012" in il.region(f"upper_buttock_{side}").references
