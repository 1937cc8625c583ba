"""Body-map texts and lesson 03 prose that once read as reassurance or promised
more than the warning signs give: the mid-back strip said only that iliopsoas
pain is not referred there; the saddle named numbness as its only danger; the
left lower belly promised a route for diverticulitis that no warning sign named
(it now has a sign of its own); and lesson 03 said only the lumbosacral trunk runs along the psoas's inner edge,
although the obturator nerve leaves it there too."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
MY_NOTEBOOKS = ("01_anatomy", "02_injury_mechanisms", "03_symptoms")


def _mid_back_gaps(region) -> list[str]:
    text = region.description
    needed = ("not referred here", "warning sign", "tear in the aorta", "spine", "chest pain")
    gaps = [words for words in needed if words not in text]
    if not text.rstrip().endswith("say how soon and where to go for each."):
        gaps.append("does not end by pointing to the warning signs shown with the area")
    return gaps


def test_the_mid_back_says_new_pain_there_can_be_a_warning_sign():
    for side in ("left", "right"):
        region = il.region(f"thoracic_paraspinal_{side}")
        assert _mid_back_gaps(region) == [], region.key
        assert {"NHS-BACK", "HSE-DISSECTION", "CG95"} <= set(region.references)
    before = dataclasses.replace(
        il.region("thoracic_paraspinal_left"),
        description="The band beside the spine above T12. The article claimed pain spreads here; "
        "the trigger-point sources do not.",
    )
    assert _mid_back_gaps(before)


def _saddle_gaps(region) -> list[str]:
    text = region.description
    gaps = [w for w in ("cauda equina", "necrotising infection", "genitals") if w not in text]
    if "not the only danger" not in text:
        gaps.append("reads as if numbness were the only danger")
    if not set(region.references) & set(il.red_flag("necrotising_infection").reason.references):
        gaps.append("no source of the necrotising infection warning sign")
    return gaps


def test_the_saddle_names_necrotising_infection_as_well_as_numbness():
    saddle = il.region("saddle")
    assert _saddle_gaps(saddle) == []
    # cauda equina stays the first danger named, with its own source first
    assert saddle.description.index("red flag") < saddle.description.index("necrotising")
    before = dataclasses.replace(
        saddle,
        description="The area that would touch a saddle. New numbness or tingling here, even on its own, is a red "
        "flag for cauda equina syndrome: the warning sign shown with this area says how soon and where to go.",
    )
    assert _saddle_gaps(before)


def _unnamed_cause_promise(region, cause: str, stem: str) -> list[str]:
    """A region that names a cause no warning sign names must not promise a route
    'for each' cause: it says none names it, and every sign it sends that cause
    to is shown with the region."""
    text = region.description
    if cause not in text or any(stem in f.in_short.lower() for f in il.red_flags()):
        return []
    gaps = []
    if re.search(r"how soon and where to go for each\.?$", text.strip()):
        gaps.append(f"promises a route for each cause, including {cause}")
    if f"None of them names {cause}" not in text:
        gaps.append(f"does not say that no warning sign names {cause}")
    return gaps


def test_the_left_lower_belly_gives_diverticulitis_its_own_sign_and_keeps_the_fever_routes():
    # diverticulitis had no warning sign, so the area sent it only through a fever;
    # pain that keeps getting worse without one had no route
    region = il.region("lower_abdomen_left")
    assert any("diverticul" in f.in_short.lower() for f in il.red_flags())
    assert "diverticulitis" in region.red_flags
    assert "Diverticulitis has a warning sign of its own" in region.description
    assert "with or without a fever" in region.description
    assert _unnamed_cause_promise(region, "diverticulitis", "diverticul") == []
    # the fever, sepsis and infection signs it names are shown with the area
    assert "the sepsis warning sign" in region.description and "infection_unwell" in region.red_flags
    assert "the infection warning sign" in region.description and "infection" in region.red_flags
    assert "NG253" in region.references
    # a cause that no warning sign names still may not be promised a route 'for each'
    before = dataclasses.replace(
        region,
        description="Pain here can come from a volvulus: the warning signs shown with this area say how "
        "soon and where to go for each.",
    )
    assert _unnamed_cause_promise(before, "volvulus", "volvulus")


def _markdown(name: str) -> str:
    nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


_ONLY_TRUNK = re.compile(r"only (?:its L4-L5 root, )?the lumbosacral trunk|only its L4-L5 root", re.I)


@pytest.mark.parametrize("name", MY_NOTEBOOKS)
def test_no_lesson_says_only_the_lumbosacral_trunk_runs_at_the_psoas_inner_edge(name):
    text = " ".join(_markdown(name).split())
    assert not _ONLY_TRUNK.search(text), name
    if "lumbosacral trunk" in text:
        assert "obturator nerve" in text and "inner edge" in text, name


def test_the_guide_does_not_say_only_the_lumbosacral_trunk():
    text = " ".join((ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8").split())
    assert not _ONLY_TRUNK.search(text)


def test_the_old_lesson_03_wording_is_caught():
    old = "the sciatic nerve (L4-S3) forms below it, and only its L4-L5 root, the lumbosacral trunk, runs along"
    assert _ONLY_TRUNK.search(old)


def test_lesson_03_summary_names_the_warning_signs_and_no_level():
    text = " ".join(_markdown("03_symptoms").split())
    summary = text[text.index("## Summary") : text.index("## References")]
    assert "New pain in the mid-back" in summary
    assert "numbness between the legs" in summary and "both legs" in summary
    assert "that needs a doctor" not in summary
    labels = [lv.label for lv in il.course().urgency]
    assert not [label for label in labels if label.lower() in text.lower()]
