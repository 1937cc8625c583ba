"""The iliacus-bleed case and examination checks that add nothing.

- Desmond's leg is newly weak, and lesson 06's summary makes a recent spinal
  injection, epidural, lumbar puncture or spinal operation an essential
  question whenever a leg is newly weak; the case never asked it.
- The case's own feedback says its Thomas test is not for today (a bent hip
  that may hold a bleed is not stretched), yet choosing it cost nothing. An
  examination item may now be marked 'unnecessary', as a test may, and this
  one is; an item cannot be both essential and unnecessary.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from case_helpers import case_data as _case
from case_helpers import items_by_key as _items
from iliopsoas_lessons.content import case_engine
from iliopsoas_lessons.cases.fixtures import _planned
from iliopsoas_lessons.content.case_form import read_case
from test_case_safety_nets_follow_their_flags_step_ups import spinal_procedure_items

pytestmark = pytest.mark.unit

KEY = "iliacus_haematoma_anticoag"
ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "iliopsoas_lessons" / "content" / "schemas" / "case.schema.json").read_text())
NOTEBOOK = ROOT / "notebooks" / "06_cases.ipynb"


def _summary_rule_still_stated() -> bool:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    text = " ".join(" ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").split())
    return "when a leg is newly weak, a spinal injection, an epidural, a lumbar puncture or a spinal operation" in text


def test_the_weak_leg_in_the_iliacus_case_brings_the_spinal_procedure_question():
    assert _summary_rule_still_stated()
    case = _case(KEY)
    (item,) = spinal_procedure_items(case)
    assert item["finding"].startswith("None")
    assert "emergency department now" in item["feedback"] and "spine" in item["feedback"]
    message = next(r for r in case["rules"] if r["key"] == "essential_missing_at_decision")["then"]["message"]
    assert "a recent spinal injection, epidural, lumbar puncture or operation" in message


def test_the_iliacus_case_thomas_test_is_marked_as_adding_nothing():
    item = _items(_case(KEY))["exam_thomas"]
    assert "Not a test for today" in item["feedback"]
    assert item.get("unnecessary") is True and not item.get("essential")


def test_an_unnecessary_examination_withholds_success_and_costs_points():
    case = il.course().case(KEY)
    assert next(i for i in case.items if i.key == "exam_thomas").unnecessary
    best = next(o.key for o in case.options if o.verdict == "best")
    clean = case_engine.score(case, _planned(case, set(case.essential), best))
    with_thomas = case_engine.score(case, _planned(case, set(case.essential) | {"exam_thomas"}, best))
    assert clean.outcome == "success" and clean.unnecessary == ()
    assert with_thomas.outcome == "partial" and with_thomas.unnecessary == ("exam_thomas",)
    assert with_thomas.points == clean.points - 5


def test_the_schema_allows_unnecessary_on_examination_items_and_not_with_essential():
    exam = SCHEMA["$defs"]["examination_item"]
    assert exam["properties"]["unnecessary"]["type"] == "boolean"
    assert "unnecessary" not in SCHEMA["$defs"]["history_item"]["properties"]
    assert set(exam["not"]["required"]) == {"essential", "unnecessary"}


def test_the_loader_refuses_an_item_both_essential_and_unnecessary():
    data = copy.deepcopy(_case(KEY))
    exam = next(s for s in data["steps"] if s["key"] == "examination")
    exam["items"][0]["unnecessary"] = True
    assert exam["items"][0]["essential"] is True
    with pytest.raises(il.ContentError, match=r"steps\[1\]\.items\[0\]\.unnecessary: cannot be true on an essential"):
        read_case(data, f"{KEY}.json", tuple(level.key for level in il.urgency_levels()))
