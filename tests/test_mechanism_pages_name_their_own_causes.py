"""A mechanism page that names a cause shows the warning sign for it, and the
rules written in mechanisms.json's 'about' are the ones the loader enforces.

The avulsion page teaches that an adult avulsion may mean a tumour, so it shows
the cancer signs for someone never known to have cancer (weight loss, bone pain
at night), not only the sign for someone who has had cancer. The haematoma page
names antiplatelet medicines as a cause, so it shows the antiplatelet sign. The
strain and overuse pages are reached by young children (a limp is easily put
down to a strain), so they keep the young-child age band and its warning signs,
and their text says why the page names young children although its level is not
for them."""

from __future__ import annotations

import json

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import text
from iliopsoas_lessons.content.loader import data_directory

pytestmark = pytest.mark.unit


def _about() -> str:
    return json.loads((data_directory() / "mechanisms.json").read_text(encoding="utf-8"))["about"]


@pytest.mark.parametrize("flag", ["possible_cancer", "bone_pain_unexplained"])
def test_the_avulsion_page_shows_the_cancer_signs_for_someone_never_known_to_have_cancer(flag):
    course = il.course()
    avulsion = course.mechanisms["avulsion"]
    assert flag in avulsion.red_flags
    assert "avulsion" in course.red_flags[flag].mechanisms
    adult = next(f for f in avulsion.features if f.text.startswith("In an adult without real trauma"))
    assert "tumour" in adult.text and "cancer warning signs below" in adult.text
    assert "never known to have cancer" in adult.text


def test_the_haematoma_page_shows_the_antiplatelet_sign_but_not_as_its_own_route():
    course = il.course()
    haematoma = course.mechanisms["haematoma"]
    assert "antiplatelet" in haematoma.summary.text
    assert "antiplatelet_pain" in haematoma.red_flags
    assert "haematoma" in course.red_flags["antiplatelet_pain"].mechanisms
    # a same-day sign beside an emergency page: the bleed's own route stays the headline
    assert text.slower_than_mechanism(haematoma, course.red_flags["antiplatelet_pain"], course)
    assert haematoma.urgency == "emergency"


@pytest.mark.parametrize("key", ["acute_strain", "overuse"])
def test_a_page_a_young_child_reaches_says_why_and_that_its_level_is_not_for_them(key):
    course = il.course()
    m = course.mechanisms[key]
    # the age band stays: it is what makes the page show the children's warning signs
    assert "young_child" in m.ages
    shown = set(m.red_flags) | {up.flag for up in m.escalates_to}
    assert {"young_child_limp", "child_limp_not_settling", "child_fever_limp"} <= shown
    feature = next(f for f in m.features if "under about 8" in f.text)
    assert "A young child can reach this page" in feature.text
    assert "not for a young child" in feature.text


def test_the_about_text_states_the_level_rule_the_loader_enforces():
    course = il.course()
    about = _about()
    assert "must be one of theirs" not in about
    lowest = tuple(course.urgency.keys())[-1]
    assert f"no red flags is at the lowest level, {lowest}" in about
    assert "at least one of them" in about and "may be slower" in about
    assert "'ages' names the age bands of the people who can reach the page" in about
    # the data fits the rule as stated
    for m in course.mechanisms:
        levels = {course.red_flags[k].urgency for k in m.red_flags}
        assert (m.urgency in levels) if levels else (m.urgency == lowest), m.key
