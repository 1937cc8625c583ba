"""The psoas abscess page reached young and older children but showed no slipped-growth-plate,
teenage-avulsion, children's-limp or children's-back-pain sign, so a child with hip pain and a
limp whom a learner had settled on as a possible abscess got a plain same-day route with no
X-ray now and no advice to keep weight off the leg; the avulsion page, for older children, left
out the limp that does not settle and the children's back pain. The rule is now general: every
mechanism page shows every children's warning sign for each child age band it reaches, whatever
the page's level (a faster sign as a step up, a slower one as its own sign)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

CHILD_BANDS = ("young_child", "older_child")
# A child's sign that names no age bands, or too few, in 'every_mechanism_for': the teenage
# avulsion is for growing bones (older children); the young child's limp sign also covers a
# limp with night pain, weight loss, paleness or bruising at any child age.
EXTRA_BANDS = {"adolescent_avulsion": ("older_child",), "young_child_limp": CHILD_BANDS}
NAMED = (
    "child_fever_limp",
    "child_not_weight_bearing",
    "baby_leg_not_moved",
    "young_child_limp",
    "child_limp_not_settling",
    "child_back_pain",
    "scfe",
    "adolescent_avulsion",
)
DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"


def child_signs(flags) -> dict[str, set[str]]:
    """Each children's warning sign and the child age bands it is for: a flag whose
    'every_mechanism_for' names only child bands, and the signs of EXTRA_BANDS."""
    found = {}
    for f in flags:
        bands = set(f.every_mechanism_for)
        if bands and bands <= set(CHILD_BANDS):
            found[f.key] = bands
    for key, bands in EXTRA_BANDS.items():
        found[key] = found.get(key, set()) | set(bands)
    return found


def gaps(mechanisms, flags) -> list[str]:
    """Each (page, children's sign) pair where the page reaches a band of the sign but does not show it."""
    signs = child_signs(flags)
    out = []
    for m in mechanisms:
        shown = set(m.red_flags) | {up.flag for up in m.escalates_to}
        for key, bands in sorted(signs.items()):
            if bands & set(m.ages) and key not in shown:
                out.append(f"{m.key}: {key}")
    return out


def test_the_children_s_signs_are_found_by_their_ages():
    assert set(NAMED) <= set(child_signs(il.red_flags()))


def test_every_mechanism_page_shows_every_children_s_sign_for_the_ages_it_reaches():
    assert gaps(il.mechanisms(), il.red_flags()) == []


@pytest.mark.parametrize("key", ["abscess", "avulsion", "haematoma"])
def test_the_reviewed_pages_show_them_both_ways(key):
    m = il.mechanism(key)
    for flag in child_signs(il.red_flags()):
        if set(child_signs(il.red_flags())[flag]) & set(m.ages):
            assert flag in m.shown_flags, (key, flag)
            assert key in il.red_flag(flag).mechanisms, (key, flag)


def test_the_abscess_page_gives_the_slipped_growth_plate_its_own_go_now_route():
    course = il.course()
    abscess = course.mechanisms["abscess"]
    scfe = course.red_flags["scfe"]
    assert scfe.go_now and "scfe" in abscess.red_flags
    # not slower than the page, so the sign keeps its own X-ray-now route and no-weight advice
    from iliopsoas_lessons.content import text

    assert not text.slower_than_mechanism(abscess, scfe, course)
    assert "serious_spine_signs" in abscess.red_flags


def test_the_old_data_fails_the_rule():
    """The pages as they were before this rule: the abscess, avulsion and haematoma pages
    without the children's signs they now show."""
    old = json.loads((DATA / "mechanisms.json").read_text(encoding="utf-8"))["mechanisms"]
    removed = {
        "abscess": {"scfe", "adolescent_avulsion", "young_child_limp", "child_limp_not_settling", "child_back_pain"},
        "avulsion": {"young_child_limp", "child_limp_not_settling", "child_back_pain"},
        "haematoma": {"scfe", "adolescent_avulsion", "young_child_limp", "child_limp_not_settling", "child_back_pain"},
    }
    import dataclasses

    mechanisms = [
        dataclasses.replace(m, red_flags=tuple(k for k in m.red_flags if k not in removed.get(m.key, set())))
        for m in il.mechanisms()
    ]
    assert {m["key"] for m in old} == {m.key for m in mechanisms}
    found = gaps(mechanisms, il.red_flags())
    assert "abscess: scfe" in found and "avulsion: child_limp_not_settling" in found
    assert "haematoma: adolescent_avulsion" in found


def test_the_rule_is_stated_in_the_about_text():
    about = json.loads((DATA / "mechanisms.json").read_text(encoding="utf-8"))["about"]
    assert "Every mechanism page shows each children's warning sign" in about
    assert "for each age it reaches" in about
