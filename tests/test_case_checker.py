"""The model checker walks every path of every case: sound cases pass; planted
defects in copies of the example fail it (or the loader), with a message
naming the defect; a large case is checked in well under a second."""

from __future__ import annotations

import dataclasses
import time

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.cases import check_file
from iliopsoas_lessons.content import case_checker
from iliopsoas_lessons.content.case_loader import load_case_file
from case_helpers import EXAMPLE, VALID, example, large_case, step, write_case


def _problems(tmp_path, data) -> list[str]:
    case = load_case_file(write_case(tmp_path, data), il.course())
    return case_checker.check(case, il.course())


@pytest.mark.parametrize("case", il.course().cases, ids=lambda c: c.key)
def test_every_course_case_is_sound(case):
    assert case_checker.check(case, il.course()) == []


@pytest.mark.parametrize("path", sorted(VALID.glob("*.json")), ids=lambda p: p.name)
def test_every_fixture_case_is_sound(path):
    assert case_checker.check(load_case_file(path, il.course()), il.course()) == []


def test_a_step_nobody_reaches(tmp_path):
    data = example()
    data["steps"].append({"key": "orphan", "kind": "event", "title": "Later", "text": "Nothing.",
                          "moves": [{"key": "go_on", "label": "On", "goto": "decision", "feedback": "On."}]})  # fmt: skip
    assert _problems(tmp_path, data) == ["steps[5] 'orphan': no path reaches this step"]


def test_an_unreachable_essential_item(tmp_path):
    data = example()
    data["steps"].append({"key": "lost", "kind": "history", "title": "More history", "prompt": "Ask?",
                          "items": [{"key": "ask_cancer", "label": "Cancer?", "finding": "No.", "essential": True,
                                     "minutes": 1, "cost": 0, "feedback": "Always ask."}],
                          "moves": [{"key": "go_on", "label": "On", "goto": "decision", "feedback": "On."}]})  # fmt: skip
    problems = _problems(tmp_path, data)
    assert "steps[5].items[0] 'ask_cancer': no path reaches this essential item" in problems


def test_a_dead_end(tmp_path):
    data = example()
    step(data, "waited")["moves"] = []
    problems = _problems(tmp_path, data)
    assert len(problems) == 1 and problems[0].startswith("steps[3] 'waited': dead end")
    assert "after: go_examine, go_tests, mri_hip" in problems[0]


def test_a_dead_end_on_a_step_of_items(tmp_path):
    data = example()
    step(data, "investigations")["moves"] = []
    problems = _problems(tmp_path, data)
    assert not any("dead end" in p for p in problems)  # the MRI's two weeks fire too_slow: a way out
    step(data, "investigations")["items"].pop()  # without it, the X-ray leaves the learner stuck
    problems = _problems(tmp_path, data)
    assert any(p.startswith("steps[2] 'investigations': dead end") for p in problems)


def test_a_cycle(tmp_path):
    data = example()
    step(data, "examination")["moves"].append({"key": "go_back", "label": "Ask more", "goto": "history",
                                               "feedback": "Back to the history."})  # fmt: skip
    assert _problems(tmp_path, data) == [
        "cycle in the step graph: history -> examination -> history (moves and rules only go forward)"
    ]


def test_a_cycle_made_by_a_rule(tmp_path):
    data = example()
    data["rules"][0]["then"]["goto"] = "history"
    problems = _problems(tmp_path, data)
    assert any(p.startswith("cycle in the step graph:") and "history" in p for p in problems)


def test_missing_feedback_and_an_unsafe_option_marked_best_in_a_record(tmp_path):
    # the loader refuses both in a file (tests/test_cases_format.py); a record built in code
    # still meets the checker
    case = load_case_file(EXAMPLE, il.course())
    history = case.steps[0]
    item = dataclasses.replace(history.items[0], feedback="")
    decision = case.steps[4]
    options = (dataclasses.replace(decision.options[0], verdict="acceptable"), *decision.options[1:3],
               dataclasses.replace(decision.options[3], urgency="routine"))  # fmt: skip
    broken = dataclasses.replace(
        case,
        answer=dataclasses.replace(case.answer, urgency="same_day"),
        steps=(dataclasses.replace(history, items=(item, *history.items[1:])), *case.steps[1:4],
               dataclasses.replace(decision, options=options)),
    )  # fmt: skip
    problems = case_checker.check(broken, il.course())
    assert "steps[0].items[0] 'ask_onset': no feedback (every choice needs some)" in problems
    assert "steps[4] 'decision': decision step without a 'best' option" in problems
    assert any(
        p.startswith("steps[4].options[0] 'dec_physio': verdict 'acceptable' but its urgency 'routine'")
        for p in problems
    )


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: step(d, "examination")["items"][0].update(test="thomas"), "'thomas' is not an examination test"),
        (lambda d: step(d, "decision")["options"][0].update(references=["NOPE"]), "cites unknown reference 'NOPE'"),
        (lambda d: step(d, "history")["items"][0].pop("feedback"), "missing field 'feedback'"),
        (lambda d: d["answer"].update(urgency="same_day"), "its verdict must be 'unsafe', not 'best'"),
    ],
    ids=["bad test key", "bad reference key", "missing feedback", "unsafe option marked best"],
)
def test_the_check_command_refuses_what_the_loader_refuses_naming_it(tmp_path, change, words):
    data = example()
    change(data)
    path = write_case(tmp_path, data)
    case, problems = check_file(path)
    assert case is None and any(words in p for p in problems)


def test_a_large_case_is_checked_in_well_under_a_second(tmp_path):
    case = load_case_file(write_case(tmp_path, large_case()), il.course())
    assert len(case.steps[0].items) == 8 and len(case.steps[1].items) == 6 and len(case.steps[2].items) == 6
    began = time.process_time()
    problems = case_checker.check(case, il.course())
    assert problems == [] and time.process_time() - began < 1.0
    assert case_checker.walk(case).states < case_checker.MAX_STATES


def test_the_walk_is_bounded(tmp_path):
    case = load_case_file(write_case(tmp_path, large_case()), il.course())
    seen = case_checker.walk(case, limit=50)
    assert seen.too_big and seen.states <= 51


def test_the_tree_marks_essential_unnecessary_and_verdicts():
    text = case_checker.tree(load_case_file(EXAMPLE, il.course()))
    assert "item ask_bladder  [ESSENTIAL; 1 min, GBP 0]" in text
    assert "item xr_pelvis  [unnecessary; 240 min, GBP 40]" in text
    assert "option dec_run_through  [unsafe; routine]" in text
    assert "rule too_slow: when minutes >= 10080 -> waited" in text
