"""A child's back pain on the routine pages children can reach.

The strain and overuse pages reach young and older children and offer several
back-pain signs, yet never the child's back-pain sign, so a child's back pain
put down to a pulled muscle or a training ache stayed routine. The flag now
names the child age bands in 'every_mechanism_for', so the age rule makes every
routine page those children reach show it (the snapping-hip page too, which
older children reach), and the strain and overuse pages' children's sentences
cover back pain as well as a limp.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons import content as content_module
from iliopsoas_lessons.content import link_checks

pytestmark = pytest.mark.unit

DATA = Path(il.__file__).resolve().parent / "data"
PAGES = ("acute_strain", "overuse", "snapping_hip")


def _order():
    return tuple(level.key for level in il.course().urgency)


def test_the_flag_names_the_child_bands_and_every_routine_child_page_shows_it():
    course = il.course()
    flag = course.red_flags["child_back_pain"]
    assert set(flag.every_mechanism_for) == {"young_child", "older_child"}
    for key in PAGES:
        m = course.mechanisms[key]
        assert {"young_child", "older_child"} & set(m.ages), key
        assert "child_back_pain" in {up.flag for up in m.escalates_to}, key
        assert key in flag.mechanisms, key
    assert link_checks.age_flag_problems(course.mechanisms, course.red_flags, _order()) == []


@pytest.mark.parametrize("key", PAGES)
def test_the_step_names_the_childs_back_pain_triggers(key):
    when = {up.flag: up.when for up in il.mechanism(key).escalates_to}["child_back_pain"]
    for words in ("under about 10", "more than about 4 weeks", "stops sport or school", "wakes them at night"):
        assert words in when, (key, words)


@pytest.mark.parametrize("key", ["acute_strain", "overuse"])
def test_a_page_dropping_the_sign_is_found_by_the_age_rule(key):
    course = il.course()
    m = course.mechanisms[key]
    planted = dataclasses.replace(m, escalates_to=tuple(up for up in m.escalates_to if up.flag != "child_back_pain"))
    found = [str(p) for p in link_checks.age_flag_problems([planted], course.red_flags, _order())]
    assert any("leaves out red flag 'child_back_pain'" in p for p in found), found


def test_dropping_the_sign_at_both_ends_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    mech = json.loads((data / "mechanisms.json").read_text(encoding="utf-8"))
    strain = next(m for m in mech["mechanisms"] if m["key"] == "acute_strain")
    strain["escalates_to"] = [up for up in strain["escalates_to"] if up["flag"] != "child_back_pain"]
    (data / "mechanisms.json").write_text(json.dumps(mech), encoding="utf-8")
    flags = json.loads((data / "red_flags.json").read_text(encoding="utf-8"))
    flag = next(f for f in flags["red_flags"] if f["key"] == "child_back_pain")
    flag["mechanisms"].remove("acute_strain")
    (data / "red_flags.json").write_text(json.dumps(flags), encoding="utf-8")
    with pytest.raises(
        il.ContentError,
        match=r"mechanisms\.json: acute_strain: field 'escalates_to' leaves out red flag 'child_back_pain'",
    ):
        content_module.load(data)


@pytest.mark.parametrize("key", ["acute_strain", "overuse"])
def test_the_childrens_sentence_covers_back_pain_as_well_as_a_limp(key):
    m = il.mechanism(key)
    feature = next(f for f in m.features if "under about 8" in f.text)
    assert "limp" in feature.text and "back pain" in feature.text, key
    assert "child's back-pain warning sign" in feature.text, key
    assert "NENC-CHILDBACK" in feature.references, key
