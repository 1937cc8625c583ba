"""A body-map area whose description names a cause shows the warning signs of
that cause. The nerve-root areas said a root can be pressed on "by an infection"
or by cancer spread to the spine, but showed neither the spinal-infection sign
(go now) nor the sepsis sign, nor the same-day sign for new back pain in someone
with cancer; the loader only asked a region naming a danger to show at least one
flag. The rule (region_rules.REGION_CAUSE_FLAGS) maps each cause to the flag groups that
must be shown; it is checked here against the areas as they were, so it cannot
pass vacuously."""

from __future__ import annotations

import json

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import loader, region_rules
from iliopsoas_lessons.content.collection import ContentError

pytestmark = pytest.mark.unit

# One phrase per cause, as a region's text could name it.
SAMPLES = {
    "a bleeding disorder": "someone with a bleeding disorder",
    "pelvic infection": "a pelvic infection",
    "necrotising infection": "a fast-spreading infection under the skin",
    "an infected kidney": "an infected, blocked kidney",
    "a kidney stone": "a kidney stone",
    "diverticulitis": "diverticulitis",
    "appendicitis": "appendicitis",
    "a twisted testicle or ovary": "a twisted testicle or ovary",
    "a twisted testicle": "a twisted testicle",
    "a twisted ovary": "a twisted ovary",
    "an ectopic pregnancy": "an ectopic pregnancy",
    "early labour or the placenta coming away": "early labour",
    "cauda equina syndrome": "cauda equina syndrome",
    "a slipped growth plate": "a slipped growth plate",
    "a hip replacement": "a problem with a hip replacement",
    "a stress fracture": "a stress fracture",
    "a broken hip": "a broken hip",
    "weak bone": "weak bone",
    "a fracture": "a fracture",
    "a false aneurysm": "a false aneurysm",
    "an aneurysm or a torn aorta": "a leaking aortic aneurysm",
    "an infection or an abscess": "an abscess",
    "cancer": "cancer that has spread",
    "a bleed": "a bleed into the muscle",
    "a clot": "a clot",
    "the blood vessels": "the blood vessels",
    "a hernia": "a hernia",
    "shingles": "shingles",
    "the heart": "the heart",
    "a serious problem in the spine": "a serious problem in the spine",
    "a weak leg": "a foot that drops",
    "a fever": "a fever",
}


def test_every_cause_has_a_reason_a_sample_and_known_flags():
    keys = set(il.course().red_flags.keys())
    assert [c for c, *_ in region_rules.REGION_CAUSE_FLAGS] == list(SAMPLES)
    for cause, _words, groups, reason in region_rules.REGION_CAUSE_FLAGS:
        assert reason.strip(), cause
        for group in groups:
            assert group and set(group) <= keys, (cause, set(group) - keys)


@pytest.mark.parametrize("cause", [c for c, _w, groups, _r in region_rules.REGION_CAUSE_FLAGS if groups])
def test_each_cause_is_read_and_asks_for_its_flags(cause):
    (groups,) = [g for c, _w, g, _r in region_rules.REGION_CAUSE_FLAGS if c == cause]
    text = f"Pain here can come from {SAMPLES[cause]}."
    gaps = region_rules.region_cause_gaps(text, set())
    assert {(c, group) for c, _words, group in gaps} >= {(cause, group) for group in groups}
    every_flag = {k for group in groups for k in group}
    assert [g for g in region_rules.region_cause_gaps(text, every_flag) if g[0] == cause] == []


def test_a_word_that_names_no_cause_asks_for_nothing():
    assert region_rules.region_cause_gaps("someone on a blood thinner or with a bleeding disorder", set()) == []


def test_a_narrower_name_is_not_read_again_as_the_wider_one():
    # a pelvic infection is its own sign, not the psoas or spine infection sign
    assert [c for c, *_ in region_rules.region_cause_gaps("a pelvic infection", set())] == ["pelvic infection"]
    assert [c for c, *_ in region_rules.region_cause_gaps("a false aneurysm", set())] == ["a false aneurysm"]
    assert {c for c, *_ in region_rules.region_cause_gaps("a kidney stone or an infected, blocked kidney", set())} == {
        "a kidney stone",
        "an infected kidney",
    }


def test_every_area_shows_the_signs_of_the_causes_it_names():
    for region in il.regions():
        assert region_rules.region_cause_gaps(region.description, set(region.red_flags)) == [], region.key


def test_the_nerve_root_areas_as_they_were_are_caught():
    added = {"infection", "infection_unwell", "cancer_spinal_pain", "possible_cancer"}
    for key in ("nerve_root_left", "nerve_root_right"):
        region = il.region(key)
        assert added <= set(region.red_flags), key
        before = set(region.red_flags) - added
        gaps = {(cause, group) for cause, _words, group in region_rules.region_cause_gaps(region.description, before)}
        assert ("an infection or an abscess", ("infection",)) in gaps
        assert ("an infection or an abscess", ("infection_unwell",)) in gaps
        assert ("cancer", ("cancer_spinal_pain", "cancer_bone_pain")) in gaps


def test_the_loader_refuses_an_area_without_the_sign_of_a_cause_it_names(data_copy):
    path = data_copy / "red_flags.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for flag in data["red_flags"]:
        if flag["key"] == "infection":
            flag["regions"].remove("nerve_root_left")
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(
        ContentError,
        match=r"^regions\.json: nerve_root_left: field 'description' names an infection or an abscess "
        r"\('infection'\) but shows none of infection",
    ):
        loader.load(data_copy)
