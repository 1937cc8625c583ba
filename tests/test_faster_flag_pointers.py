"""A lower flag for a sign points on to the faster flags for the same sign in a higher-risk person.

Review round 41 (A, PS1): a new weak leg, back pain or bone pain sent a person
on a blood thinner, with a past cancer or with a fever to the same-day or
48-hour flag, because that flag never named the bleeding, cancer or fever flag
that catches them faster. The pointer lives in ``escalation.when``, which every
place that shows a flag prints (start page, lesson 03/04 summaries, handouts), and
names each flag by its title ("see '...'"), so it is checked here by key: one
key's title per group must be quoted in the text.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from iliopsoas_lessons.content import loader

# A sign that the faster flags also catch: weakness, back pain, or pain in a bone.
SIGN = re.compile(r"\bweakness\b|\bback pain\b|\bbone pain\b|\bpain in the bone\b", re.IGNORECASE)

BLEEDING = ("bleeding",)
CANCER = ("cancer_with_nerve_signs", "cancer_spinal_pain", "cancer_bone_pain")
FEVER = ("infection", "fever_back_pain", "child_fever_limp")

# The faster flags themselves (and the blood-thinner flag beside 'bleeding') are
# the higher-risk routes, so they need no pointer to one another; 'possible_cancer'
# is the cancer route for someone not yet known to have cancer. The pregnancy flag
# sends its back pain to the maternity unit, whose own route covers these people.
EXEMPT = frozenset(BLEEDING + CANCER + FEVER + ("antiplatelet_pain", "possible_cancer", "late_pregnancy_pain"))


def _title(flag) -> str:
    # A pointer quotes the title's head: without a go-now flag's "(go now, not later
    # today)" tag, and before any colon that starts a list of its signs.
    return flag.title.split(" (go now")[0].split(":")[0]


def pointer_problems(flags) -> list[str]:
    """Each lower flag naming weakness, back pain or bone pain that lacks a pointer, by key."""
    problems = []
    for flag in flags.values():
        if flag.urgency == "emergency" or flag.key in EXEMPT:
            continue
        if not any(SIGN.search(sign) for sign in (flag.in_short, *flag.signs)):
            continue
        shown = flag.escalation.when if flag.escalation else ""
        for group, keys in (("bleeding", BLEEDING), ("cancer", CANCER), ("fever", FEVER)):
            if not any(f"'{_title(flags[k])}'" in shown for k in keys):
                problems.append(f"{flag.key}: escalation names no {group} flag (one of {', '.join(keys)})")
    return problems


@pytest.fixture(scope="module")
def flags():
    return dict(loader.load().red_flags)


def test_every_lower_flag_for_these_signs_points_to_the_faster_flags(flags):
    assert pointer_problems(flags) == []


def test_the_three_flags_the_review_named_are_in_scope(flags):
    # The rule must reach the flags it was written for, or it could pass by matching none.
    for key in ("progressive_weakness", "fragility_fracture", "bone_pain_unexplained"):
        flag = flags[key]
        assert flag.urgency != "emergency" and key not in EXEMPT
        assert any(SIGN.search(s) for s in (flag.in_short, *flag.signs)), key


@pytest.mark.parametrize("group,keys", [("bleeding", BLEEDING), ("cancer", CANCER), ("fever", FEVER)])
def test_a_planted_flag_without_a_pointer_fails(flags, group, keys):
    weak = flags["progressive_weakness"]
    when = weak.escalation.when
    for k in keys:
        when = when.replace(f"'{_title(flags[k])}'", "'another sign'")
    planted = dataclasses.replace(weak, escalation=dataclasses.replace(weak.escalation, when=when))
    problems = pointer_problems({**flags, "progressive_weakness": planted})
    assert problems == [f"progressive_weakness: escalation names no {group} flag (one of {', '.join(keys)})"]


def test_a_planted_new_flag_for_back_pain_fails(flags):
    base = flags["fragility_fracture"]
    planted = dataclasses.replace(
        base,
        key="planted",
        signs=("new back pain",),
        escalation=dataclasses.replace(base.escalation, when="it worsens"),
    )
    assert len(pointer_problems({**flags, "planted": planted})) == 3
