"""The strain page's grade 2 ("clear weakness on lifting the thigh") overlapped the
adult avulsion sign, whose threshold is marked weakness, not only a thigh that
cannot be lifted: in an adult a weakened thigh bone can break off the lesser
trochanter after little force and present like a strain. The page now sets the
same threshold as the sign, in the grade, the routine feature and the step up."""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit


def _strain():
    return il.mechanism("acute_strain")


def test_grade_two_in_an_adult_hands_marked_weakness_to_the_avulsion_sign():
    grade_two = next(g for g in _strain().grades if g.grade == 2)
    title = il.red_flag("adult_avulsion").title
    assert "In an adult, marked weakness" in grade_two.text and "Ludloff" in grade_two.text
    assert f"'{title.split(' (')[0]}'" in grade_two.text


def test_the_step_up_fires_on_weak_lifting_not_only_on_none():
    (step,) = [up for up in _strain().escalates_to if up.flag == "adult_avulsion"]
    for words in ("only weakly", "whatever the force", "history of cancer", "Ludloff"):
        assert words in step.when, words
    assert "only weakly" in il.red_flag("adult_avulsion").in_short


def test_routine_care_needs_near_normal_strength():
    text = " ".join(f.text for f in _strain().features)
    assert "can still be lifted with near-normal strength" in text
    # round 62: a negative Ludloff's sign is no longer a gate to routine care; little force in an
    # adult, or any weakness lifting the thigh, is X-rayed even with near-normal strength
    assert "Ludloff's sign is negative" not in text
    assert "does not rule an avulsion out" in text
    assert "little or no force, especially over about 40" in text and "not routine care" in text
    assert "with some strength" not in text
