"""One threshold for weakness on the strain page, the slipped-growth-plate sign before the routine
level at 8 to 17, and two case feedback lines that give the whole route.

- The strain page once gave three cut-offs for an adult's weak thigh lift (grade 2 "clear pain and
  weakness", "marked weakness" is not a strain, and "any weakness" is X-rayed). It now uses the
  adult avulsion sign's own threshold everywhere: near-normal strength held against resistance is
  routine; a thigh that cannot be lifted, lifts only weakly or gives way is that sign.
- The strain and overuse pages said the routine level is "for teenagers", while sending every 8- to
  17-year-old with groin, thigh or knee pain or a limp to the slipped-growth-plate sign first.
- The teen case's pregnancy question gave a shortened ectopic route; the dancer's emergency option
  ran the ordinary-risk and higher-risk fever routes into one sentence.
"""

from __future__ import annotations

import re

import pytest

import iliopsoas_lessons as il
from case_helpers import CASES
from case_helpers import case_data as _case
from case_helpers import items_by_key as _items
from case_helpers import options_by_key as _options
from iliopsoas_lessons.content.checks import sentences

pytestmark = pytest.mark.unit

MARKED = "cannot be lifted, lifts only weakly or gives way against resistance"


def _strain():
    return il.mechanism("acute_strain")


def _grade_two() -> str:
    return next(g.text for g in _strain().grades if g.grade == 2)


def _features(key: str) -> str:
    return " ".join(f.text for f in il.mechanism(key).features)


def mixed_weakness_thresholds(grade_two: str, features: str) -> list[str]:
    """Ways the grade and the routine feature disagree about an adult's weak thigh lift."""
    bad = []
    if re.search(r"clear pain and weakness", grade_two):
        bad.append("grade 2 routes clear weakness to routine care")
    if "near-normal strength" not in grade_two:
        bad.append("grade 2 does not say near-normal strength in an adult")
    for text in (grade_two, features):
        if MARKED not in text:
            bad.append("marked weakness is not defined the same way")
    if re.search(r"or with weakness lifting the thigh:", features):
        bad.append("the feature X-rays any weakness, a second threshold")
    return bad


def test_the_old_strain_texts_are_caught():
    old_grade = (
        "Many fibres torn: clear pain and weakness on lifting the thigh. In an adult, marked weakness "
        "lifting the thigh, weakness after little force, or a positive Ludloff's sign is not graded as a strain."
    )
    old_feature = (
        "Routine care fits grade 1 and 2 strains in adults after a clear strain, in whom the thigh can still "
        "be lifted with near-normal strength. It does not fit an adult with new groin or thigh pain after "
        "little or no force, especially over about 40, or with weakness lifting the thigh: they are X-rayed."
    )
    assert len(mixed_weakness_thresholds(old_grade, old_feature)) >= 3


def test_the_strain_page_uses_one_weakness_threshold():
    assert mixed_weakness_thresholds(_grade_two(), _features("acute_strain")) == []
    # it is the avulsion sign's threshold, whatever the force, and little force still means an X-ray
    title = il.red_flag("adult_avulsion").title.split(" (")[0]
    assert f"'{title}'" in _features("acute_strain")
    assert "marked weakness lifting the thigh after any force" in _features("acute_strain")
    assert "any weakness after little or no force" in _grade_two()
    assert "only weakly" in il.red_flag("adult_avulsion").in_short


ROUTINE_FOR_TEENS = re.compile(r"routine level is for (older children|teenagers|children)", re.I)
SCFE_FIRST = "only once the slipped-growth-plate sign has been checked"


def routine_for_teens_without_scfe(text: str) -> list[str]:
    return [
        s
        for s in sentences(text)
        if ROUTINE_FOR_TEENS.search(s) or ("routine level" in s and "teen" in s and SCFE_FIRST not in s)
    ]


def test_the_old_routine_for_teenagers_wording_is_caught():
    old = "A real muscle strain is uncommon, so the routine level is for teenagers and adults, not for a young child."
    assert routine_for_teens_without_scfe(old)
    old = "So the routine level is for older children, teenagers and adults, not for a young child."
    assert routine_for_teens_without_scfe(old)


@pytest.mark.parametrize("key", [m.key for m in il.mechanisms()])
def test_no_mechanism_gives_teenagers_the_routine_level_before_the_scfe_sign(key):
    assert routine_for_teens_without_scfe(_features(key)) == []


@pytest.mark.parametrize("key", ["acute_strain", "overuse"])
def test_strain_and_overuse_put_the_scfe_sign_first_at_8_to_17(key):
    text = _features(key)
    assert "routine level is for adults" in text and SCFE_FIRST in text
    assert "not for a young child" in text
    assert "scfe" in il.mechanism(key).shown_flags


def test_the_teen_case_gives_the_whole_ectopic_route():
    text = _items(_case("teen_kick_avulsion"))["ask_periods_pregnancy"]["feedback"]
    for words in (
        "pregnancy test at once",
        "early pregnancy unit",
        "gynaecology service",
        "emergency department if neither can see her now",
        "999",
        "shoulder-tip pain",
        "sudden severe pain",
    ):
        assert words in text, words
    assert "that means going now to an early pregnancy unit;" not in text


def test_every_case_sending_an_ectopic_to_the_early_pregnancy_unit_gives_the_fallbacks():
    for path in sorted(CASES.glob("*.json")):
        text = path.read_text("utf-8")
        if "early pregnancy unit" in text and "ectopic" in text:
            assert "emergency department if neither can see her now" in text, path.stem


def test_the_dancer_s_emergency_option_splits_the_fever_routes():
    ed = _options(_case("dancer_snapping_hip"))["dec_emergency_dept"]["feedback"]
    (ordinary,) = [s for s in sentences(ed) if "ordinary risk" in s]
    # the ordinary-risk sentence ends there: the faster routes are not read as its examples
    assert ordinary.rstrip().endswith("ordinary risk.")
    assert "hospital now" not in ordinary and "sepsis" not in ordinary
    (faster,) = [s for s in sentences(ed) if "higher-risk person" in s]
    for words in ("possible-infection warning sign", "hospital now", "hot or swollen hip", "joint replacement"):
        assert words in faster, words
