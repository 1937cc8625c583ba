"""Three case wordings.

- The femoral case does not call the femoral stretch test "not specific": the one study it cites
  found a positive test strongly favoured an L2-L4 root, as examination.json says. The case keeps
  the point that a hip problem, or a bleed or an abscess in the iliopsoas, can make it hurt too.
- The femoral case's answer does not call one mildly weak finding "deciding": weak ankle lifting
  and a normal thigh are a pattern that points to the root, not a proof.
- The dancer's good options open with the stress-fracture line (stop, no weight on the leg, go
  now), then the pain rule, then the review; the "do not wait" and "because he is on crutches"
  clauses that repeated the route are gone.
"""

from __future__ import annotations

import json

import pytest

from case_helpers import ROOT
from case_helpers import case_data as _case
from case_helpers import flat as _flat
from case_helpers import items_by_key as _items
from case_helpers import options_by_key as _options

pytestmark = pytest.mark.unit

EXAMINATION = ROOT / "iliopsoas_lessons" / "data" / "examination.json"


def test_the_femoral_case_gives_the_stretch_test_the_weight_its_study_found():
    case = _case("femoral_nerve_vs_l3l4")
    stretch = _flat(_items(case)["exam_femoral_stretch"]["feedback"])
    why = _flat(case["answer"]["why"])
    for text in (stretch, why):
        assert "not specific" not in text
        assert "L2 to L4 root" in text and "small" in text
        assert "bleed or an abscess in the iliopsoas" in text and "hip" in text
    assert "much more likely" in stretch and "confidence interval" in stretch
    assert "SURI2011" in _items(case)["exam_femoral_stretch"]["references"]
    # the examination data say the same of the same study
    exam = json.loads(EXAMINATION.read_text("utf-8"))
    accuracy = next(t for t in exam["nerve_tests"] if t["key"] == "femoral_stretch")["accuracy"]
    assert "much more likely" in accuracy["text"] and "SURI2011" in accuracy["references"]


def test_the_femoral_answer_calls_the_ankle_and_thigh_findings_a_pattern_not_a_proof():
    why = _flat(_case("femoral_nerve_vs_l3l4")["answer"]["why"])
    assert "deciding" not in why
    assert "tip the balance towards a root (a pattern, not a proof)" in why
    assert "weak ankle lifting (which a femoral nerve lesion spares)" in why
    assert "normal feeling over the front and inner thigh" in why


_GOOD = ("dec_rehab", "dec_sports_doctor")


@pytest.mark.parametrize("key", _GOOD)
def test_the_dancer_s_advice_opens_with_the_stress_fracture_line(key):
    advice = _flat(_options(_case("dancer_snapping_hip"))[key]["advice"])
    first = advice.split(". ")[0]
    for words in ("on hopping", "at rest or at night", "earlier in each class", "stop dancing"):
        assert words in first, words
    assert "all weight off the leg (crutches)" in first and "go now, not later in the day" in first
    # then the pain rule, then the review, each once
    ed, rule, review = (
        advice.index("emergency department"),
        advice.index("pain rule"),
        advice.index("at the review in one to two weeks"),
    )
    assert ed < rule < review
    assert advice.count("pain rule") == 1 and advice.count("at the review") == 1
    assert "do not wait for those signs" not in advice
    assert "because he is on crutches" not in advice
    assert len(advice.split()) < 330
