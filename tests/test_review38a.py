"""Round 38, part A: wording fixes in the red flags that later edits must keep."""

from __future__ import annotations

import iliopsoas_lessons as il


def test_renal_colic_over_60_is_labelled_as_the_lessons_stricter_choice():
    """M2: guidance asks GPs to consider admission over 60; the 999 route for everyone
    over about 60 is the lessons' own choice and says so, citing that guidance."""
    renal = il.red_flag("renal_colic")
    assert "consider hospital admission" in renal.escalation.when
    assert "stricter than that guidance" in renal.escalation.when
    assert "GPNOTEBOOK-COLIC" in renal.reason.references
    aaa = il.red_flag("aortic_aneurysm")
    colic = next(s for s in aaa.signs if "renal colic" in s)
    assert "consider hospital admission" in colic and "stricter than that guidance" in colic
    assert "GPNOTEBOOK-COLIC" in aaa.reason.references
