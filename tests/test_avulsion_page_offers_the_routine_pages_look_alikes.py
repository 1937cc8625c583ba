"""The avulsion page (same day) showed some slower look-alikes as its own signs (a testicular
lump, diverticulitis, shingles) and not others that the routine pages all offer for the same
groin and hip pain (a groin hernia, a pelvic infection, renal colic, a soft-tissue lump, a
fragility fracture). The rule is now one rule, stated in mechanisms.json 'about': the avulsion
page shows every warning sign that all the routine pages show, except a sign only for ages it
does not reach (a baby's sign on a page for older children and adults)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

ABOUT = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data" / "mechanisms.json"


def _wanted() -> set[str]:
    routine = [m for m in il.mechanisms() if m.urgency == "routine"]
    common = set.intersection(*(set(m.shown_flags) for m in routine))
    ages = set(il.mechanism("avulsion").ages)
    # a sign tied to age bands the page does not reach is not wanted there
    return {
        k for k in common if not il.red_flag(k).every_mechanism_for or ages & set(il.red_flag(k).every_mechanism_for)
    }


def test_the_avulsion_page_shows_every_sign_the_routine_pages_all_show_for_its_ages():
    missing = sorted(_wanted() - set(il.mechanism("avulsion").shown_flags))
    assert missing == []


def test_the_reviewed_look_alikes_are_among_them_as_the_page_s_own_signs():
    avulsion = il.mechanism("avulsion")
    for key in ("groin_hernia", "pelvic_infection", "renal_colic", "soft_tissue_lump", "fragility_fracture"):
        assert key in avulsion.red_flags, key
        assert "avulsion" in il.red_flag(key).mechanisms, key


def test_the_only_sign_left_out_is_for_an_age_the_page_does_not_reach():
    routine = [m for m in il.mechanisms() if m.urgency == "routine"]
    common = set.intersection(*(set(m.shown_flags) for m in routine))
    left_out = common - set(il.mechanism("avulsion").shown_flags)
    assert left_out == common - _wanted()
    for key in left_out:
        assert not set(il.red_flag(key).every_mechanism_for) & set(il.mechanism("avulsion").ages), key


def test_the_rule_is_stated_in_the_about_text():
    about = json.loads(ABOUT.read_text(encoding="utf-8"))["about"]
    assert "every warning sign that all the routine pages show" in about
