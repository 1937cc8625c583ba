"""The lower-belly and groin regions name the dangerous causes an experienced
clinician expects there, each with a source that its warning sign uses:
from about 20 weeks of pregnancy, early labour or the placenta coming away (the
maternity unit's sign, not the early pregnancy unit's); a kidney stone or an
infected, blocked kidney in the lower belly too; and diverticulitis, which can
spread infection into the psoas, in the left lower belly."""

from __future__ import annotations

import dataclasses

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

BELLY_AND_GROIN = ("lower_abdomen_left", "lower_abdomen_right", "groin_left", "groin_right")


def _late_pregnancy_gaps(region) -> list[str]:
    text = region.description
    gaps = []
    if "ectopic pregnancy" not in text:
        gaps.append("no ectopic pregnancy")
        return gaps
    after = text[text.index("ectopic pregnancy") :]
    for words in ("from about 20 weeks", "early labour", "placenta coming away", "maternity unit"):
        if words not in after:
            gaps.append(words)
    flag = il.red_flag("late_pregnancy_pain")
    if not set(region.references) & set(flag.reason.references):
        gaps.append("no source of the later-pregnancy warning sign")
    return gaps


def test_the_belly_and_groin_name_the_later_pregnancy_causes_after_the_ectopic():
    for key in BELLY_AND_GROIN:
        assert _late_pregnancy_gaps(il.region(key)) == [], key
    # the old wording, which stopped at the ectopic pregnancy, is caught
    before = dataclasses.replace(
        il.region("groin_left"), description="Pain here can come from an ectopic pregnancy, a kidney stone or a clot."
    )
    assert _late_pregnancy_gaps(before)


def test_the_lower_belly_names_the_kidney_causes_with_their_source():
    kidney_sources = set(il.red_flag("kidney").reason.references) | set(il.red_flag("renal_colic").reason.references)
    for key in ("lower_abdomen_left", "lower_abdomen_right"):
        region = il.region(key)
        assert "a kidney stone or an infected, blocked kidney" in region.description, key
        assert "NG118" in region.references and set(region.references) & kidney_sources, key


def test_the_left_lower_belly_names_diverticulitis_and_its_link_to_the_psoas():
    region = il.region("lower_abdomen_left")
    text = region.description
    assert "diverticulitis" in text and "in an adult" in text
    clause = text[text.index("in an adult") : text.index("diverticulitis") + 200]
    assert "psoas" in clause
    assert {"NG147", "MALLICK2004"} <= set(region.references)
    ref = il.course().references["NG147"]
    assert ref.is_current and ref.checked is not None
