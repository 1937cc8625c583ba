"""Two layout rules for the urgency scale's slower levels.

- The 48-hour level's referral was one long sentence of fall-back routes joined
  by semicolons, with the step for a child or young person with bone pain buried
  in the middle. Its steps now come as short sentences in order, the child's
  same-day step is a sentence of its own, and the urgent treatment centre note
  comes after the steps.
- The routine level wrote its three exceptions (stiff hips or shoulders over
  about 50, pregnancy, a statin) as full routes inside text shown under the
  label 'Routine'. Each of its texts now opens with one line that names them as
  checks to make before calling anything routine, each with where its route
  lives, and the level's own routine advice stands apart from them.
"""

from __future__ import annotations

import re

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

CHECK_LINE = "Before calling it routine, check three things first:"
# what the opening line must name for each check: the situation and where its route lives
CHECKS = {
    "stiff hips or shoulders": ("over about 50", "giant cell arteritis warning sign", "GP"),
    "pregnancy": ("pregnancy", "pregnancy warning sign", "go now, not later in the day"),
    "statin": ("statin", "stop it and call that day", "rhabdomyolysis warning sign"),
}
STEPS = ("First,", "Second,", "Third,", "Fourth,")


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.])\s+(?=[A-Z])", text)


def check_line_gaps(text: str) -> list[str]:
    """What the routine text's opening line leaves out."""
    if not text.startswith(CHECK_LINE):
        return ["opening line"]
    first = _sentences(text)[0]
    return [name for name, words in CHECKS.items() if not all(w in first for w in words)]


def step_gaps(referral: str) -> list[str]:
    """What the 48-hour referral's step layout leaves out."""
    sentences = _sentences(referral)
    gaps = []
    starts = [next((i for i, s in enumerate(sentences) if s.startswith(step)), None) for step in STEPS]
    if None in starts or starts != sorted(starts):
        gaps.append("steps in order")
    if any(len(s.split()) > 60 for s in sentences):
        gaps.append("short sentences")
    child = [s for s in sentences if "child or young person with bone pain" in s]
    if len(child) != 1 or "same day" not in child[0] or ";" in child[0]:
        gaps.append("child step on its own")
    centre = next((i for i, s in enumerate(sentences) if "urgent treatment centre" in s), None)
    if centre is None or None in starts or centre < max(starts):
        gaps.append("centre note after the steps")
    return gaps


@pytest.mark.parametrize("field", ["referral", "patient_advice", "meaning"])
def test_each_routine_text_opens_with_the_three_checks(field):
    text = getattr(il.urgency_level("routine"), field)
    assert check_line_gaps(text) == []
    # the check line is short and stands apart from the level's own routine advice
    first = _sentences(text)[0]
    assert len(first.split()) <= 75
    assert "a few weeks" not in first


def test_the_routine_advice_stands_apart_from_the_checks():
    advice = il.urgency_level("routine").patient_advice
    own = next(s for s in _sentences(advice) if "keep moving within comfort" in s)
    assert own.startswith("With no warning sign and none of these three")
    referral = il.urgency_level("routine").referral
    assert referral.index("except in the three cases below") > referral.index(CHECK_LINE)


def test_the_check_line_rule_catches_the_wording_as_it_was():
    before = (
        "Keep moving within comfort, and see a GP or physiotherapist if it is not improving after a few weeks. "
        "Get help sooner if a warning sign appears. Over about 50, aching and stiffness of both hips ..."
    )
    assert check_line_gaps(before) == ["opening line"]


def test_the_48_hour_referral_gives_short_steps_in_order_with_the_child_apart():
    assert step_gaps(il.urgency_level("within_days").referral) == []
    advice = il.urgency_level("within_days").patient_advice
    child = [s for s in _sentences(advice) if "child or young person with bone pain" in s]
    assert len(child) == 1 and "same day" in child[0] and ";" not in child[0]


def test_the_step_rule_catches_the_referral_as_it_was():
    before = (
        "Ask the person's GP for an appointment within 48 hours (two days), by phone as well as in writing; "
        "if the practice cannot see them within 48 hours, or cannot be reached, NHS 111, for advice on where they "
        "can be seen; if the 48 hours would otherwise pass without a doctor seeing them, they call NHS 111 again; "
        "for a child or young person with bone pain, they ask for a children's service that can see them the same "
        "day. An urgent treatment centre is not the fallback at this level."
    )
    assert step_gaps(before) == [
        "steps in order",
        "short sentences",
        "child step on its own",
        "centre note after the steps",
    ]
