"""The shares of pelvic avulsion sites come from two reviews of treated cases;
the instructor guide and lesson 02's answers give them per review, not as one
pooled range, and the guide cites a large X-ray series of adolescent
athletes, by its key,, in which the ischial tuberosity was the commonest site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from text_helpers import guide_lesson_02_answer

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]


def _pooled_range_gaps(text: str) -> list[str]:
    return [p for p in ("2 to 9 %", "across two reviews") if p in text]


def test_the_guide_gives_the_shares_per_review_and_the_x_ray_series():
    answer = guide_lesson_02_answer()
    assert _pooled_range_gaps(answer) == []
    for words in ("EBERBACH2017", "DIMARIA2022", "31 to 33 %", "28 to 37 %", "14 to 30 %", "treatment"):
        assert words in answer, words
    series = answer[answer.index("a large X-ray series") :]
    for words in ("ROSSI2001", "203", "ischial tuberosity", "commonest site", "about half"):
        assert words in series, words
    # the old answer's pooled range is caught
    assert _pooled_range_gaps("rare: about 2 to 9 % of pelvic avulsions across two reviews of treated cases")


def test_lesson_02s_answers_give_the_lesser_trochanter_share_per_review():
    cells = json.loads((ROOT / "notebooks" / "02_injury_mechanisms.ipynb").read_text(encoding="utf-8"))["cells"]
    markdown = [" ".join("".join(c["source"]).split()) for c in cells if c["cell_type"] == "markdown"]
    answers = next(m for m in markdown if "lesser trochanter, where the iliopsoas pulls" in m)
    assert _pooled_range_gaps(answers) == []
    # the lesser trochanter is on the femur, so the shares are of pelvic and hip avulsions
    assert "about 2 % of the pelvic and hip avulsions in one review of treated cases and 9 % in another" in answers


def test_no_series_is_called_the_largest_and_the_larger_one_is_named():
    """One X-ray series of 203 athletes put the ischial tuberosity first; a larger
    series of 719 fractures put it third, so the order is contested."""
    summary = il.mechanism("avulsion").summary
    assert "largest" not in summary.text
    for words in ("203", "719", "third", "contested"):
        assert words in summary.text, words
    assert {"ROSSI2001", "FERRARO2023"} <= set(summary.references)
    answer = guide_lesson_02_answer()
    assert "FERRARO2023" in answer and "719" in answer and "do not let the class rank it last" not in answer


def test_the_lesser_trochanter_is_not_called_rare_from_reviews_of_treated_cases():
    """The two reviews' shares describe the studies they gathered, not how often each
    site is injured, so the lessons call the lesser trochanter one of the less common
    sites in those reviews, not a rare site."""
    summary = il.mechanism("avulsion").summary.text
    assert "is a rare site" not in summary and "less common sites in both reviews" in summary
    assert "203 avulsions in adolescent athletes" in summary
    for path in (
        ROOT / "iliopsoas_lessons" / "data" / "cases" / "teen_kick_avulsion.json",
        ROOT / "iliopsoas_lessons" / "data" / "lessons" / "red_flag_cases.json",
    ):
        assert "is a rare site" not in path.read_text(encoding="utf-8"), path.name
