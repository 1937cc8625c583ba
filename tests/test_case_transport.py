"""How a decision option sends the patient: every option that sends someone on their way now
(the emergency level, or a destination that says "now") says how they travel, in every case,
and the loader refuses one that does not, naming the file and the key path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content.case_loader import lesson_keys, load_case_file
from case_helpers import ROOT, example, step, write_case

pytestmark = pytest.mark.unit

DATA = ROOT / "iliopsoas_lessons" / "data"
CASES = DATA / "cases"
NOW = re.compile(r"(?<!for )\bnow\b", re.IGNORECASE)


def _load(path: Path):
    return load_case_file(path, il.course(), lessons=lesson_keys(DATA))


def _sends_now(option: dict) -> bool:
    return option["urgency"] == "emergency" or bool(NOW.search(option["destination"]))


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")), ids=lambda p: p.stem)
def test_every_option_that_sends_the_patient_now_says_how_they_travel(path):
    data = json.loads(path.read_text("utf-8"))
    options = [o for s in data["steps"] for o in s.get("options", [])]
    assert any(_sends_now(o) for o in options), path.stem
    for option in options:
        if _sends_now(option):
            assert option.get("transport") in ("ambulance", "own", "booked"), (path.stem, option["key"])
        # a 999 call is an ambulance
        if option["destination"].startswith("999"):
            assert option["transport"] == "ambulance", (path.stem, option["key"])


def test_all_six_cases_record_transport_not_only_two():
    with_transport = {
        p.stem
        for p in CASES.glob("*.json")
        for s in json.loads(p.read_text("utf-8"))["steps"]
        for o in s.get("options", [])
        if "transport" in o
    }
    assert with_transport == {p.stem for p in CASES.glob("*.json")}


def test_an_emergency_option_without_transport_is_refused_naming_file_and_key(tmp_path):
    data = example()
    option = step(data, "decision")["options"][2]
    assert option["urgency"] == "emergency"
    del option["transport"]
    path = write_case(tmp_path / "cases", data, "fixture_runner_groin.json")
    with pytest.raises(
        il.ContentError, match=r"fixture_runner_groin.*steps\[4\]\.options\[2\]\.transport.*say how they travel"
    ):
        _load(path)


def test_a_same_day_option_going_now_without_transport_is_refused(tmp_path):
    data = json.loads((CASES / "teen_kick_avulsion.json").read_text("utf-8"))
    options = step(data, "decision")["options"]
    index = next(i for i, o in enumerate(options) if o["key"] == "dec_xray_today")
    assert options[index]["urgency"] == "same_day" and "now" in options[index]["destination"]
    del options[index]["transport"]
    path = write_case(tmp_path / "cases", data)
    with pytest.raises(il.ContentError, match=rf"teen_kick_avulsion.*options\[{index}\]\.transport.*'dec_xray_today'"):
        _load(path)


def test_an_option_that_leaves_the_patient_where_they_are_for_now_needs_no_transport(tmp_path):
    data = example()
    option = step(data, "decision")["options"][3]
    assert option["urgency"] == "routine" and "transport" not in option
    option["destination"] = "No follow-up for now"
    path = write_case(tmp_path / "cases", data, "fixture_runner_groin.json")
    assert _load(path).step("decision").options[3].transport is None
