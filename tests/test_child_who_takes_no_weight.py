"""A child who will not put any weight on a leg, with no fever and no injury.

Before this sign, such a child of about 3 to 7 matched no warning sign for the
first 48 hours: the fever-and-limp sign needed a fever, the injury sign a known
injury or fall, the young child's limp sign an age under 3, and the step-ups of
the limp signs were reached only under 3 or after 48 hours.
"""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.text import show_call_now

pytestmark = pytest.mark.unit

KEY = "child_not_weight_bearing"


def _flat(value) -> str:
    return " ".join(str(value).replace("*", "").split())


def test_a_child_who_takes_no_weight_goes_to_a_childrens_emergency_department_without_a_fever():
    flag = il.red_flag(KEY)
    assert flag.urgency == il.red_flag("baby_leg_not_moved").urgency == "emergency"
    assert "of any age" in flag.signs[0]
    assert "with or without a fever" in flag.signs[0]
    assert "with or without an injury" in flag.signs[0]
    assert flag.destination.startswith("A children's emergency department now")
    assert "Not a GP appointment" in flag.destination
    assert "safeguarding" in flag.destination
    assert {"young_child", "older_child"} <= set(flag.every_mechanism_for)
    assert "contested" in flag.reason.text


def test_its_line_is_in_the_start_page_box():
    flag = il.red_flag(KEY)
    line = _flat(flag.call_now[0].sign)
    assert "even with no fever and no injury" in line
    assert line in _flat(show_call_now())


def test_the_limp_step_ups_point_to_it():
    title = il.red_flag(KEY).title
    for key in ("young_child_limp", "child_limp_not_settling"):
        when = il.red_flag(key).escalation.when
        assert "will not put any weight on the leg" in when and title in when, key


def test_the_trail_no_longer_says_the_fever_sign_covers_it():
    note = il.red_flag("young_child_limp").trail.note
    assert "who takes no weight is the fever-and-limp flag's emergency" not in note
    assert KEY in note


def test_the_pages_for_children_show_it():
    for key in ("acute_strain", "overuse", "snapping_hip", "avulsion", "abscess"):
        assert KEY in il.mechanism(key).shown_flags, key
    assert KEY in il.symptom("hip_pain").warning_flags


def test_an_afebrile_five_year_old_with_no_injury_has_a_practice_case_at_its_level():
    cases = [c for c in ld.cases() if c.red_flag == KEY]
    assert len(cases) == 1
    case = cases[0]
    assert case.urgency == "emergency"
    assert "5" in case.story and "temperature is normal" in case.story and "this morning" in case.story


def test_the_baby_sign_has_a_safeguarding_step():
    flag = il.red_flag("baby_leg_not_moved")
    assert "safeguarding" in flag.destination and "supervisor" in flag.destination
    assert "safeguarding" in flag.reason.text


def test_the_48_hour_wait_for_a_well_childs_limp_is_called_contested():
    flag = il.red_flag("child_limp_not_settling")
    assert "contested" in flag.reason.text
    assert "NHSW-HIPCHILD" in flag.reason.references


def test_the_review_summary_sends_some_unexplained_bone_pain_sooner():
    import json
    from pathlib import Path

    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / "05_review.ipynb").read_text())
    text = " ".join(" ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").split())
    assert "needs a doctor too, at a less pressing level than those." not in text
    assert "has or has had cancer" in text and "about 8 to 17" in text
