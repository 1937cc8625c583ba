"""The instructor guide states the hip-fracture sign as the flag does, and the
lesser trochanter is not called rare from reviews of treated cases.

The flag 'hip_fracture_after_fall' counts pain on putting weight on the leg at
any adult age only after a fall; with no fall, only over about 65 or with weak
bones. The two reviews' shares describe the studies they gathered, not how
often each site is injured, and the lesser trochanter is on the femur, so its
share is of pelvic and hip avulsions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _guide() -> str:
    return _flat((ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8"))


def test_the_guide_gives_the_hip_fracture_sign_as_the_flag_does():
    guide = _guide()
    assert "or pain on putting weight on the leg, is the hip-fracture sign" not in guide
    start = guide.index("The other way round: when the woman with the weak leg")
    paragraph = guide[start : start + 1200]
    for words in (
        "At any adult age, new hip or groin pain after a fall that makes them limp or hurts to put weight on the leg",
        "over about 65 or with weak bones",
        "with no fall",
    ):
        assert words in paragraph, words
    signs = " ".join(il.red_flag("hip_fracture_after_fall").signs)
    assert "at any adult age" in signs and "after a fall that makes them limp" in signs


def _lesser_trochanter_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s", _flat(text)) if "lesser trochanter" in s]


def test_the_lesser_trochanter_is_not_called_rare_where_the_shares_come_from_reviews():
    texts = {"guide": _guide()}
    case = json.loads((ROOT / "iliopsoas_lessons" / "data" / "cases" / "teen_kick_avulsion.json").read_text("utf-8"))
    texts["teen case"] = case["teacher_notes"]
    for name, text in texts.items():
        for sentence in _lesser_trochanter_sentences(text):
            if "avulsion" in sentence or "iliopsoas" in sentence:
                assert not re.search(r"\brare(ly)?\b", sentence), (name, sentence)
    assert "less commonly, the iliopsoas the lesser trochanter" in _flat(case["teacher_notes"])
    assert "is among the less common sites: about 2 % of the pelvic and hip avulsions" in texts["guide"]
    assert "2 % of pelvic avulsions" not in texts["guide"]
