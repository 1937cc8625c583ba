"""Warning-sign lists that invite comparison say the same thing.

A symptom page whose text says its list "gives every one" of the back-pain
page's signs for pain in the lower or middle back really shows every flag on
the back-pain page whose pain map reaches the areas beside the lumbar or
thoracic spine (pancreatitis, a kidney stone and shingles were missing from
the lean page). The pages for a lean of the back and for back pain running
into the leg show them too.

The routine mechanisms of lesson 02 offer the same escalations, so students
comparing the pages do not read an unexplained gap as a clinical
distinction; the only gaps allowed are the ones with a reason stated here
(children's signs on an adults-only page). Shingles on the snapping-hip page was
once a stated gap; the page now shows it, so no page-by-page gap is left."""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

BACK_AREAS = ("lumbar_paraspinal_", "thoracic_paraspinal_")
EVERY_CLAIM = "gives every one"
CHILD_BANDS = {"young_child", "older_child"}

# Signs only for children and teenagers (growing bones, a child's limp or back
# pain): a page that reaches no child (field 'ages') may leave them out.
CHILD_ONLY = {"adolescent_avulsion", "child_back_pain", "child_limp_not_settling", "scfe", "young_child_limp"}


def _back_flags() -> set[str]:
    """Flags on the back-pain page whose areas include the lower or middle back."""
    back_page = il.symptom("back_pain")
    return {key for key in back_page.warning_flags if any(r.startswith(BACK_AREAS) for r in il.red_flag(key).regions)}


def test_the_back_pain_page_has_back_flags_to_compare():
    flags = _back_flags()
    assert {"pancreatitis", "renal_colic", "shingles", "cauda_equina"} <= flags


@pytest.mark.parametrize("key", [s.key for s in il.symptoms() if EVERY_CLAIM in s.why.text])
def test_a_page_that_says_it_gives_every_back_sign_shows_them_all(key):
    missing = sorted(_back_flags() - set(il.symptom(key).warning_flags))
    assert missing == [], f"{key} says its list {EVERY_CLAIM!r} but leaves out {missing}"


def test_the_lean_page_still_makes_the_checked_claim():
    assert EVERY_CLAIM in il.symptom("lumbar_curve").why.text


@pytest.mark.parametrize("key", ["lumbar_curve", "sciatic_pain"])
def test_the_lean_and_leg_pain_pages_show_every_back_sign(key):
    missing = sorted(_back_flags() - set(il.symptom(key).warning_flags))
    assert missing == [], f"{key} leaves out back-pain signs {missing}"


# Gaps on one page with a stated reason (kept in step with
# test_routine_pages_offer_the_belly_skin_and_testicle_mimics.LEFT_OUT): none now.
STATED: dict[tuple[str, str], str] = {}


def _allowed_gap(mechanism, flag: str) -> str | None:
    """The stated reason a routine mechanism may leave a flag out, or None."""
    if flag in CHILD_ONLY and not (CHILD_BANDS & set(mechanism.ages)):
        return "adults only: the page reaches no child"
    return STATED.get((mechanism.key, flag))


def test_every_routine_mechanism_offers_the_same_escalations_unless_a_reason_is_stated():
    routine = [m for m in il.mechanisms() if m.urgency == "routine"]
    assert {m.key for m in routine} >= {"acute_strain", "overuse", "snapping_hip", "hip_replacement_impingement"}
    offered = set().union(*(m.shown_flags for m in routine))
    gaps = [(m.key, flag) for m in routine for flag in sorted(offered - m.shown_flags) if _allowed_gap(m, flag) is None]
    assert gaps == []


def test_the_adults_only_reason_is_real():
    """The hip-replacement page is for adults only, so its child gaps are allowed;
    a page that reaches children may not use the reason."""
    assert set(il.mechanism("hip_replacement_impingement").ages) == {"adult"}
    assert _allowed_gap(il.mechanism("snapping_hip"), "scfe") is None
    assert _allowed_gap(il.mechanism("hip_replacement_impingement"), "scfe")


def test_no_page_by_page_gap_is_stated_any_more():
    assert STATED == {}
    assert _allowed_gap(il.mechanism("snapping_hip"), "shingles") is None


def test_each_stated_gap_is_still_a_gap():
    for (key, flag), reason in STATED.items():
        assert reason and flag not in il.mechanism(key).shown_flags, (key, flag)
