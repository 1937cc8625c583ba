"""Chest pain last felt more than 72 hours ago gets a time and a 999 step-up; sudden loss
of sight in suspected giant cell arteritis goes by ambulance, as for a stroke."""

import json

import pytest

from iliopsoas_lessons.content.loader import data_directory

pytestmark = pytest.mark.unit

STEP_UP = ("breathlessness", "swollen ankles", "palpitations", "faint", "comes back")


def _flags():
    data = json.loads((data_directory() / "red_flags.json").read_text(encoding="utf-8"))
    return {f["key"]: f for f in data["red_flags"]}


def _chest_route_gaps(text: str) -> list[str]:
    gaps = [] if "within 48 hours" in text and "ECG" in text and "troponin" in text else ["time or tests"]
    return gaps + [w for w in STEP_UP if w not in text] + ([] if "999" in text else ["999"])


def test_chest_pain_more_than_72_hours_ago_has_a_time_tests_and_a_999_step_up():
    flags = _flags()
    for text in (flags["back_and_chest_pain"]["signs"][1], flags["serious_spine_signs"]["signs"][3]):
        assert "more than 72 hours" in text
        assert _chest_route_gaps(text) == [], text[:80]
    # the old wording, a GP appointment with no time and only the pain coming back, fails the check
    old = "the person books a GP appointment to have it checked, and if it comes back it is the emergency sign"
    assert "time or tests" in _chest_route_gaps(old)
    assert "ACUTEGP-CORNWALL-CHESTPAIN" in flags["back_and_chest_pain"]["reason"]["references"]


def test_chest_pain_12_to_72_hours_ago_steps_up_to_999_with_complications():
    spine = _flags()["serious_spine_signs"]
    when = spine["escalation"]["when"]
    assert "after chest pain 12 to 72 hours ago" in when and "call 999 for an ambulance" in when
    for words in ("breathlessness", "swollen ankles", "palpitations", "feeling faint", "coming back"):
        assert words in when, words
    assert "swollen ankles" in spine["interim_advice"]


def test_sudden_loss_of_sight_in_giant_cell_arteritis_goes_by_ambulance():
    gca = _flags()["giant_cell_arteritis"]
    for text in (
        gca["in_short"],
        gca["signs"][2],
        gca["escalation"]["when"],
        gca["destination"],
        gca["interim_advice"],
    ):
        assert "999" in text, text[:80]
    lost = gca["escalation"]["when"].split("; with blurred vision")[0]
    assert "sudden loss of sight" in lost and "call 999 for an ambulance" in lost
    # other changes in sight keep eye casualty now
    assert "eye casualty" in gca["escalation"]["when"].split("; with blurred vision")[1]
    assert {"FALLICO2019", "DAY2024"} <= set(gca["reason"]["references"])


def test_no_reference_address_carries_a_user_parameter():
    data = json.loads((data_directory() / "references.json").read_text(encoding="utf-8"))
    for ref in data["references"]:
        assert "uid=" not in ref.get("url", ""), ref["key"]
    assert "as reported in the press" not in _flags()["exertional_rhabdomyolysis"]["reason"]["text"]
