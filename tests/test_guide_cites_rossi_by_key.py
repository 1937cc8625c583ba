"""The instructor guide cites the X-ray series of adolescent pelvic avulsions by its reference key,
as it cites the two reviews beside it, and no longer calls it the largest series (nobody checked
that); the record behind the key holds the series' PMID and what was read."""

from __future__ import annotations

from pathlib import Path

import pytest

import iliopsoas_lessons as il

from text_helpers import guide_lesson_02_answer

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]


def test_the_guide_cites_the_x_ray_series_by_its_key_and_does_not_call_it_the_largest():
    answer = guide_lesson_02_answer()
    assert "a large X-ray series of adolescent athletes (ROSSI2001: 203 avulsions)" in answer
    for words in ("largest", "Rossi and Dragoni", "Skeletal Radiology", "PMID"):
        assert words not in answer, words
    series = answer[answer.index("(ROSSI2001") :]
    for words in ("ischial tuberosity", "commonest site", "about half"):
        assert words in series, words
    # cited by key like its neighbours
    assert "(EBERBACH2017)" in answer and "(DIMARIA2022)" in answer


def test_the_key_the_guide_cites_holds_the_series():
    ref = il.reference("ROSSI2001")
    assert ref.pmid == "11357449" and ref.year == 2001 and ref.checked
    assert ref.title.endswith("203 cases collected") and "Rossi F" in ref.authors
    assert "109" in ref.note and "203" in ref.note
