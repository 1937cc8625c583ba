"""Two region rules and the early-pregnancy trail.

- The two sides of a body area give the same routing: the left lower belly named
  the diverticulitis, aneurysm, fever, sepsis and infection signs while the right
  named none of them. Only a stated, side-specific difference is allowed
  (appendicitis on the right).
- A flag whose escalation names another flag ("the kidney warning sign", or its
  title in quotes) is shown only where that flag is shown too: renal colic was on
  the saddle area, but the kidney and aneurysm signs it escalates to were not.
  Each older gap is listed below with its reason; a new gap fails.
- The ectopic-pregnancy trail says that a pregnancy test comes first where it can
  be done at once, and keeps the 999 steps.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

# --- the two sides of an area --------------------------------------------------

_ROUTE = re.compile(
    r"\bthe ((?:[\w'-]+ ){0,3}?[\w'-]+) (?:warning )?sign\b|\b(\w+)(?:, [^,.]+,)? has a warning sign of its own", re.I
)

# Routes one side may name and the other not, with the reason.
SIDE_ONLY = {("lower_abdomen_right", "appendicitis"): "the appendix lies on the right"}


def routes(text: str) -> set[str]:
    return {(m.group(1) or m.group(2)).lower() for m in _ROUTE.finditer(text)}


def side_gaps(regions) -> list[tuple[str, str]]:
    by_key = {r.key: r for r in regions}
    gaps = []
    for key, region in by_key.items():
        if not key.endswith("_left"):
            continue
        other = by_key[key[: -len("_left")] + "_right"]
        left, right = routes(region.description), routes(other.description)
        gaps += [(key, name) for name in sorted(left - right) if (key, name) not in SIDE_ONLY]
        gaps += [(other.key, name) for name in sorted(right - left) if (other.key, name) not in SIDE_ONLY]
    return gaps


def test_both_sides_of_every_area_name_the_same_routes():
    assert side_gaps(il.regions()) == []


def test_the_lower_belly_routes_are_read():
    names = routes(il.region("lower_abdomen_right").description)
    assert {"appendicitis", "diverticulitis", "leaking aneurysm", "fever", "sepsis", "infection"} <= names


def test_the_side_rule_catches_the_right_lower_belly_as_it_was():
    right = il.region("lower_abdomen_right")
    old = dataclasses.replace(right, description=right.description.split(" On this side appendicitis")[0])
    regions = [old if r.key == right.key else r for r in il.regions()]
    assert {name for _, name in side_gaps(regions)} == {
        "diverticulitis",
        "leaking aneurysm",
        "fever",
        "sepsis",
        "infection",
    }


def test_each_side_only_route_is_named_on_its_side():
    for (key, name), reason in SIDE_ONLY.items():
        assert reason and name in routes(il.region(key).description), key


# --- escalation targets share the escalating flag's areas ---------------------

# "the X warning sign" phrases in escalations, and the flag each one names.
PHRASES = {
    "fever-and-limp warning sign": "child_fever_limp",
    "kidney warning sign": "kidney",
    "leaking aortic aneurysm warning sign": "aortic_aneurysm",
    "possible-infection warning sign": "infection",
    "cancer warning sign": "cancer_spinal_pain",
    "twisted-testicle warning sign": "testicular_torsion",
    "sepsis warning sign": "infection_unwell",
}

_LOWER_LEG = {f"{z}_{s}" for z in ("calf", "l4_leg", "l5_foot", "s1_foot") for s in ("left", "right")}
_THORACIC = {"thoracic_paraspinal_left", "thoracic_paraspinal_right"}
_OUTER_HIP = {"lateral_hip_left", "lateral_hip_right"}


def _both(*zones: str) -> set[str]:
    return {f"{z}_{s}" for z in zones for s in ("left", "right")}


_BACK_CAUSE = "the weakness is felt in the lower leg and foot, but the cause this sign catches is in the back or hip"
_BLEED_BELOW_KNEE = (
    "the bleed sign is for pain in the back, flank, buttock, hip, groin and thigh and a weak front of the thigh; "
    "a leg weak below the knee points to the back, where that sign is shown"
)

# Older gaps: (escalating flag, named flag) -> (areas allowed to lack it, reason).
STATED: dict[tuple[str, str], tuple[set[str], str]] = {
    ("progressive_weakness", "bleeding"): (_LOWER_LEG, _BLEED_BELOW_KNEE),
    ("progressive_weakness", "infection"): (_LOWER_LEG, _BACK_CAUSE),
    ("child_back_pain", "bleeding"): (_LOWER_LEG, _BLEED_BELOW_KNEE),
    ("soft_tissue_lump", "groin_pseudoaneurysm"): (
        _both("back_thigh", "buttock", "front_thigh", "front_thigh_upper", "lateral_hip", "upper_buttock"),
        "a swelling after a needle or catheter is in the groin, where that sign is shown; lumps elsewhere are not",
    ),
    ("soft_tissue_lump", "strangulated_hernia"): (
        _both("back_thigh", "buttock", "lateral_hip", "upper_buttock"),
        "a hernia comes out at the groin or belly wall, not at the buttock, outer hip or back of the thigh",
    ),
    ("giant_cell_arteritis", "sudden_weakness_stroke"): (
        _both("buttock", "femoral_triangle", "front_thigh_upper", "groin", "lateral_hip"),
        "the stroke step is for sudden weakness or sight loss, not for the aching hip and thigh areas of this sign",
    ),
    ("fever_back_pain", "kidney"): (
        _both("back_thigh", "buttock", "femoral_triangle", "front_thigh", "front_thigh_upper", "lateral_hip")
        | _both("nerve_root", "sacroiliac", "upper_buttock"),
        "the kidney sign is for loin pain in waves that may spread to the groin: shown on the loin (the low and lower "
        "middle back), the belly, the groin and between the legs, not on the hip, buttock or thigh",
    ),
    ("fragility_fracture", "cancer_spinal_pain"): (
        _both("buttock", "upper_buttock"),
        "the cancer spine sign is for back or neck pain; new buttock or pelvis bone pain after cancer is the cancer "
        "bone-pain sign, which is shown on both buttock areas",
    ),
    ("fragility_fracture", "fused_spine_fracture"): (
        _both("buttock", "upper_buttock"),
        "a fused-spine break hurts in the back or neck",
    ),
    ("shingles", "aortic_aneurysm"): (
        _both("back_thigh") | _LOWER_LEG | {"saddle"} | _both("femoral_triangle"),
        "the aneurysm step is for back, side or belly pain with no rash; shingles on the leg or saddle is not it",
    ),
}

# Gaps closed since the rule came in: the named flag's signs apply in these areas,
# so the flag is shown there; the rule fails if one is taken off again.
CLOSED: dict[tuple[str, str], set[str]] = {
    # bone or joint infection in a child can be anywhere in the leg, pelvis or spine
    ("bone_pain_unexplained", "child_fever_limp"): _both("back_thigh"),
    ("child_back_pain", "child_fever_limp"): _both("back_thigh") | _LOWER_LEG | _THORACIC,
    # the bleed sign covers new back, groin, flank, buttock, hip (front or outer side) or thigh pain
    ("serious_spine_signs", "bleeding"): _THORACIC,
    ("fragility_fracture", "bleeding"): _THORACIC,
    ("child_back_pain", "bleeding"): _THORACIC,
    ("bone_pain_unexplained", "bleeding"): _OUTER_HIP,
    ("soft_tissue_lump", "bleeding"): _OUTER_HIP,
    ("adult_avulsion", "bleeding"): _OUTER_HIP,
    ("young_child_limp", "bleeding"): _OUTER_HIP,
    # an infected kidney hurts in the loin, which reaches the lower thoracic back
    ("fever_back_pain", "kidney"): _THORACIC,
    # the cancer nerve sign covers pain spreading into the groin, hip or thigh with numbness of the front of the thigh,
    # and cancer in the sacrum beside the upper buttock
    ("adult_avulsion", "cancer_with_nerve_signs"): _both("femoral_triangle", "upper_buttock"),
    ("fragility_fracture", "cancer_with_nerve_signs"): _both("upper_buttock"),
}


def _title(flag) -> str:
    return flag.title.split(" (go now")[0].split(":")[0]


def named_by_escalation(flag, flags) -> set[str]:
    when = flag.escalation.when if flag.escalation else ""
    by_title = {k for k, other in flags.items() if k != flag.key and f"'{_title(other)}'" in when}
    return by_title | {key for phrase, key in PHRASES.items() if f"the {phrase}" in when}


def escalation_area_gaps(flags) -> list[tuple[str, str, str]]:
    gaps = []
    for flag in flags.values():
        for key in sorted(named_by_escalation(flag, flags)):
            allowed = STATED.get((flag.key, key), (set(), ""))[0]
            missing = set(flag.regions) - set(flags[key].regions) - allowed
            gaps += [(flag.key, key, region) for region in sorted(missing)]
    return gaps


@pytest.fixture(scope="module")
def flags():
    return {f.key: f for f in il.red_flags()}


def test_every_flag_an_escalation_names_is_shown_where_the_escalating_flag_is(flags):
    assert escalation_area_gaps(flags) == []


def test_the_renal_colic_steps_are_on_the_saddle(flags):
    assert not [k for k in STATED if k[0] == "renal_colic"]
    assert named_by_escalation(flags["renal_colic"], flags) == {"kidney", "aortic_aneurysm"}
    for key in ("renal_colic", "kidney", "aortic_aneurysm"):
        assert "saddle" in flags[key].regions, key
    # the aneurysm sign says why: renal-colic-like pain over about 60 can reach the genitals
    assert any("renal colic" in s and "genitals" in s for s in flags["aortic_aneurysm"].signs)


def test_the_rule_catches_the_saddle_as_it_was(flags):
    old = {
        **flags,
        "kidney": dataclasses.replace(
            flags["kidney"], regions=tuple(r for r in flags["kidney"].regions if r != "saddle")
        ),
        "aortic_aneurysm": dataclasses.replace(
            flags["aortic_aneurysm"], regions=tuple(r for r in flags["aortic_aneurysm"].regions if r != "saddle")
        ),
    }
    assert ("renal_colic", "kidney", "saddle") in escalation_area_gaps(old)
    assert ("renal_colic", "aortic_aneurysm", "saddle") in escalation_area_gaps(old)


def test_every_phrase_names_a_flag_and_is_used(flags):
    whens = " ".join(f.escalation.when for f in flags.values() if f.escalation)
    for phrase, key in PHRASES.items():
        assert key in flags and f"the {phrase}" in whens, phrase


def test_each_stated_gap_is_still_a_gap_and_has_a_reason(flags):
    for (key, named), (allowed, reason) in STATED.items():
        assert reason and named in named_by_escalation(flags[key], flags), (key, named)
        assert allowed & (set(flags[key].regions) - set(flags[named].regions)), (key, named)


def test_each_closed_gap_stays_closed_and_the_rule_would_catch_it(flags):
    for (key, named), areas in CLOSED.items():
        assert named in named_by_escalation(flags[key], flags), (key, named)
        assert areas <= set(flags[key].regions) & set(flags[named].regions), (key, named)
        assert not areas & STATED.get((key, named), (set(), ""))[0], (key, named)
        old = {**flags, named: dataclasses.replace(flags[named], regions=tuple(set(flags[named].regions) - areas))}
        assert {(key, named, area) for area in areas} <= set(escalation_area_gaps(old)), (key, named)


def test_the_cancer_bone_pain_sign_covers_the_buttock_the_cancer_spine_sign_leaves(flags):
    allowed = STATED[("fragility_fracture", "cancer_spinal_pain")][0]
    assert allowed <= set(flags["cancer_bone_pain"].regions)


def test_the_bleed_sign_names_the_buttock_and_outer_hip(flags):
    assert "new back, groin, flank, buttock, hip (front or outer side) or thigh pain" in flags["bleeding"].signs[0]


# --- the early-pregnancy trail -------------------------------------------------


def test_the_ectopic_trail_puts_the_pregnancy_test_first_and_keeps_999():
    note = il.red_flag("ectopic_pregnancy").trail.note
    assert "pregnancy test first wherever one can be done at once" in note
    assert "negative test" in note and "999 steps stay whatever the test shows" in note
