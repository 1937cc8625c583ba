"""Case texts that must not say more than the case's own findings.

- A thigh lift that the examination finds limited by pain is not called weak in the answer, the
  teacher notes, the feedback or the decision options: the adult avulsion sign asks for marked
  weakness, so calling the lift weak in one place and pain-limited in another tells students the
  sign is both present and absent. The iliacus-bleed case says instead that a painful, limited lift
  cannot be told apart at the bedside from an avulsion's weakness, which is why its handover asks
  for the hip and whole femur X-ray (round 63 C M-1).
- No decision feedback says there is nothing for a doctor to rule out: in the dancer case the
  story alone does not exclude an early stress fracture (round 63 C M-2).
- Every measurement an observations finding reports is named in that item's label, so a learner
  choosing from labels sees what is measured (round 63 C M-3: oxygen saturation was missing).
"""

from __future__ import annotations

import re

import pytest
from case_helpers import CASES, case_data, flat, items_by_key, lesson_06, options_by_key

pytestmark = pytest.mark.unit

CASE_KEYS = sorted(p.stem for p in CASES.glob("*.json"))

# how the examination words a pain-limited thigh lift
PAIN_LIMITED_LIFT = re.compile(
    r"(hip bending|lifting the (right |left )?thigh|thigh lift|hip flexion)[^;.]{0,30}? is limited by pain",
    re.IGNORECASE,
)
# wordings that call the thigh lift itself weak
WEAK_LIFT = re.compile(
    r"weak(,? painful)? (thigh lift|hip bending|hip flexion)"
    r"|(thigh lift|hip bending|hip flexion|lifting (his|her|the) thigh) (is|was) (clearly |markedly )?weak"
    r"|weakness lifting (his|her) thigh"
    r"|(hip bending|thigh lift)[^;.]{0,20}? not (the )?markedly weak",
    re.IGNORECASE,
)


def _pain_limited(case: dict) -> bool:
    exam = next((s for s in case["steps"] if s["key"] == "examination"), {"items": []})
    return any(PAIN_LIMITED_LIFT.search(item["finding"]) for item in exam["items"])


def _texts(case: dict) -> dict[str, str]:
    """Every text of a case that interprets its findings (not the findings themselves)."""
    texts = {"answer.why": case["answer"]["why"], "teacher_notes": case["teacher_notes"]}
    for key, item in items_by_key(case).items():
        texts[f"{key}.feedback"] = item["feedback"]
    for key, option in options_by_key(case).items():
        for field in ("destination", "advice", "feedback"):
            texts[f"{key}.{field}"] = option.get(field, "")
    return texts


def weak_lift_claims(case: dict) -> list[str]:
    """Where a case calls a thigh lift weak that its examination finds limited by pain."""
    if not _pain_limited(case):
        return []
    return [where for where, text in _texts(case).items() if WEAK_LIFT.search(flat(text))]


def test_the_iliacus_and_psoas_cases_find_the_thigh_lift_limited_by_pain():
    # the rule below is not vacuous: both cases report a pain-limited lift
    for key in ("iliacus_haematoma_anticoag", "psoas_abscess_injects"):
        assert _pain_limited(case_data(key)), key


@pytest.mark.parametrize("key", CASE_KEYS)
def test_a_pain_limited_thigh_lift_is_never_called_weak(key):
    assert weak_lift_claims(case_data(key)) == []


def test_the_rule_catches_the_old_iliacus_wordings():
    case = case_data("iliacus_haematoma_anticoag")
    case["answer"]["why"] += " His weak, painful thigh lift brings to mind the adult avulsion sign."
    options_by_key(case)["dec_ed_ambulance"]["destination"] += (
        " Because lifting his thigh is weak, a possible avulsion of the lesser trochanter."
    )
    assert weak_lift_claims(case) == ["answer.why", "dec_ed_ambulance.destination"]


def test_the_iliacus_case_says_one_thing_about_his_thigh_lift():
    case = case_data("iliacus_haematoma_anticoag")
    items, options = items_by_key(case), options_by_key(case)
    same = "cannot be told apart at the bedside from the weakness of"
    assert "limited by pain" in items["exam_strength"]["finding"]
    assert "painful, limited thigh lift " + same + " the adult avulsion sign" in flat(case["answer"]["why"])
    handover = options["dec_ed_ambulance"]["destination"]
    assert "painful, limited thigh lift " + same + " an avulsion" in handover
    assert "X-ray the hip and the whole femur" in handover
    strength = flat(items["exam_strength"]["feedback"])
    assert "painful, limited thigh lift cannot be told apart from the weakness of an avulsion" in strength
    assert "not the marked weakness of an avulsion" not in strength
    guide = lesson_06()
    assert "painful, limited thigh lift " + same + " the adult avulsion sign" in guide
    assert "weak, painful thigh lift" not in guide and "not markedly weak" not in guide


NOTHING_TO_RULE_OUT = re.compile(r"nothing (for a doctor )?to rule out|nothing for a doctor", re.IGNORECASE)


@pytest.mark.parametrize("key", CASE_KEYS)
def test_no_feedback_says_there_is_nothing_to_rule_out(key):
    texts = _texts(case_data(key))
    assert [where for where, text in texts.items() if NOTHING_TO_RULE_OUT.search(text)] == []


def test_the_dancers_over_triage_feedback_keeps_the_stress_fracture_open():
    case = case_data("dancer_snapping_hip")
    feedback = flat(options_by_key(case)["dec_gp_48h"]["feedback"])
    assert "nothing needs a doctor within two days" in feedback
    assert "the story alone does not exclude an early stress fracture" in feedback
    assert "the safety net matter" in feedback
    assert "does not exclude an early stress fracture" in case["answer"]["why"]


# what an observations finding reports, and the word its label must use for it
MEASUREMENTS = {
    "temperature": (re.compile(r"temperature \d|\d °C", re.IGNORECASE), "temperature"),
    "pulse": (re.compile(r"pulse \d", re.IGNORECASE), "pulse"),
    "breathing rate": (re.compile(r"breathing( rate)? \d", re.IGNORECASE), "breathing"),
    "blood pressure": (re.compile(r"blood pressure \d", re.IGNORECASE), "blood pressure"),
    "oxygen saturation": (re.compile(r"oxygen saturation \d|\bSpO2\b", re.IGNORECASE), "oxygen saturation"),
    "alertness": (re.compile(r"\balert\b|confus|drowsy", re.IGNORECASE), "alert"),
}


def unnamed_measurements(item: dict) -> list[str]:
    """The measurements an observations finding reports that its label does not name."""
    label = item["label"].lower()
    return [
        name
        for name, (reported, word) in MEASUREMENTS.items()
        if reported.search(item["finding"]) and word not in label
    ]


def _observation_items() -> list[tuple[str, dict]]:
    return [
        (key, item)
        for key in CASE_KEYS
        for item_key, item in items_by_key(case_data(key)).items()
        if item_key == "exam_observations"
    ]


def test_the_observation_rule_reaches_the_cases_that_measure():
    keys = {key for key, _ in _observation_items()}
    assert {"psoas_abscess_injects", "iliacus_haematoma_anticoag", "groin_after_hip_replacement"} <= keys


@pytest.mark.parametrize("key", CASE_KEYS)
def test_an_observations_label_names_every_measurement_its_finding_reports(key):
    for case_key, item in _observation_items():
        if case_key == key:
            assert unnamed_measurements(item) == [], key


def test_the_rule_catches_the_old_psoas_label():
    item = dict(items_by_key(case_data("psoas_abscess_injects"))["exam_observations"])
    assert "oxygen saturation 97%" in item["finding"]
    item["label"] = "Measure temperature, pulse, breathing rate and blood pressure, and note how alert she is"
    assert unnamed_measurements(item) == ["oxygen saturation"]
