"""Four small gaps between the scale, the flags, the body map and a case.

- The routine level counted 'two' exceptions to routine care in its referral
  (polymyalgia and statin muscle pain) while its meaning described a third,
  the pregnancy warning signs, as a long list with no route. The referral now
  counts and names all three, and both say where a pregnancy warning sign goes,
  in the pregnancy flags' own words.
- The routine level cited a newspaper report, 'as reported in the press', for
  the statin advice; it now cites NHS pages only.
- The blocked-artery sign (a blocked aorta or iliac artery gives buttock pain)
  was on no buttock area.
- The sprinter's case said the order of avulsion sites 'differs between
  reviews' without calling it contested or citing the X-ray series that
  disagree most.
"""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content.lessons import lesson_data

pytestmark = pytest.mark.unit

NUMBERS = {"two": 2, "three": 3, "four": 4}

# the opening words of each exception to routine care in the referral
EXCEPTIONS = ("Over about 50,", "In pregnancy, or when a pregnancy is possible", "In someone taking a statin")


def _routine():
    return next(level for level in il.urgency_levels() if level.key == "routine")


def counted_exceptions(referral: str) -> tuple[int | None, int]:
    """The number the referral says ('the N cases below') and the number it describes."""
    said = next((n for word, n in NUMBERS.items() if f"except in the {word} cases below" in referral), None)
    return said, sum(opening in referral for opening in EXCEPTIONS)


def test_the_routine_referral_counts_the_exceptions_it_describes():
    said, described = counted_exceptions(_routine().referral)
    assert said == described == 3


def test_the_count_check_catches_the_wording_as_it_was():
    before = (
        "With no warning sign, no referral is needed today, except in the two cases below: assess and manage. "
        "Over about 50, aching and stiffness ... In someone taking a statin, new muscle pain ..."
    )
    assert counted_exceptions(before) == (2, 2)
    # the meaning described the pregnancy signs too, which the referral did not count
    assert "In pregnancy, or when a pregnancy is possible" in _routine().meaning


def test_the_pregnancy_exception_says_where_it_goes_in_the_flags_own_words():
    routine = _routine()
    early, late = il.red_flag("ectopic_pregnancy"), il.red_flag("late_pregnancy_pain")
    assert early.go_now and late.go_now and early.urgency == late.urgency == "same_day"
    early_place = "an early pregnancy assessment unit or, out of hours, the gynaecology service"
    late_place = "the maternity assessment (triage) unit or labour ward where she is booked"
    assert early_place in early.destination and late_place in late.destination
    for text in (routine.referral, routine.meaning):
        assert early_place in text and late_place in text, text[:60]
        assert "not later in the day" in text and "about 20 weeks" in text
    # the route follows the list of signs in the meaning, not before it
    meaning = routine.meaning
    assert meaning.index(late_place) > meaning.index("so no count of weeks rules it out")


def test_the_routine_level_cites_nhs_pages_not_the_press_for_statins():
    routine = _routine()
    assert "MIRROR2025-STATINS" not in routine.references
    assert "as reported in the press" not in routine.meaning
    assert "NHS-STATINS-SE" in routine.references and il.reference("NHS-STATINS-SE").issuer == "NHS"
    # the advice rests on NHS patient information, not on a newspaper or an unofficial copy
    for key in routine.references:
        ref = il.reference(key)
        assert ref.evidence != "news_item", key
        assert "azurewebsites" not in (ref.url or ""), key


def test_a_blocked_aorta_or_iliac_artery_shows_on_the_buttock_areas():
    flag = il.red_flag("acute_limb_ischaemia")
    for zone in ("buttock", "upper_buttock"):
        for side in ("left", "right"):
            assert f"{zone}_{side}" in flag.regions, (zone, side)
            region = next(r for r in il.regions() if r.key == f"{zone}_{side}")
            assert region.key in flag.regions
    assert "buttocks" in flag.reason.text and "YALE-AIOD" in flag.reason.references


def test_the_sprinters_case_calls_the_site_order_contested_and_cites_both_series():
    case = next(c for c in lesson_data().cases if c.key == "sprinter_pop")
    assert "in an order that is contested" in case.reason
    assert "between large X-ray series" in case.reason
    assert {"ROSSI2001", "FERRARO2023"} <= set(case.references)
