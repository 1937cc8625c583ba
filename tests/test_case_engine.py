"""The case engine: moves, rules and the score, as the shared specification states
them; and the exported fixtures the page's JavaScript is checked against are current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.cases import fixture_document
from iliopsoas_lessons.content import case_engine as engine
from iliopsoas_lessons.content.case_loader import load_case_file
from case_helpers import EXAMPLE, ROOT, example, step, write_case

BEST = ["ask_bladder", "ask_unwell", "go_examine", "exam_knee_jerk", "go_decide", "dec_physio"]


@pytest.fixture(scope="module")
def case():
    return load_case_file(EXAMPLE, il.course())


def _case(tmp_path: Path, data: dict):
    return load_case_file(write_case(tmp_path, data), il.course())


def test_start_and_available(case):
    state = engine.start(case)
    assert (state.step, state.chosen, state.counters, state.fired, state.messages) == (
        "history",
        (),
        {"minutes": 0, "cost": 0},
        (),
        (),
    )
    assert not state.ended and state.decision is None
    assert engine.available(case, state) == (
        "ask_onset",
        "ask_bladder",
        "ask_unwell",
        "ask_shoes",
        "go_examine",
        "go_decide_early",
    )
    state = engine.choose(case, state, "ask_bladder")  # an item stays on the step, chosen once
    assert state.step == "history" and "ask_bladder" not in engine.available(case, state)
    assert state.counters == {"minutes": 1, "cost": 0}
    state = engine.replay(case, ["go_decide_early"])
    assert engine.available(case, state) == ("dec_physio", "dec_gp", "dec_ae", "dec_run_through")
    state = engine.choose(case, state, "dec_gp")
    assert state.ended and state.decision == "dec_gp" and engine.available(case, state) == ()


def test_a_state_is_frozen_and_choose_returns_a_new_one(case):
    state = engine.start(case)
    after = engine.choose(case, state, "ask_onset")
    assert state.chosen == () and after.chosen == ("ask_onset",)
    with pytest.raises(AttributeError):
        after.step = "decision"


def test_a_choice_not_available_names_the_valid_ones(case):
    with pytest.raises(
        engine.CaseError, match=r"'dec_physio' cannot be chosen at step 'history'; valid: ask_onset, ask_bladder"
    ):
        engine.choose(case, engine.start(case), "dec_physio")
    ended = engine.replay(case, BEST)
    with pytest.raises(engine.CaseError, match=r"the case has ended; valid: \(nothing\)"):
        engine.choose(case, ended, "dec_gp")


def test_replay_errors_name_the_position_and_the_valid_choices(case):
    with pytest.raises(
        engine.CaseError,
        match=r"path\[2\]: 'ask_bladder' cannot be chosen at step 'history'; valid: ask_onset, ask_unwell",
    ):
        engine.replay(case, ["ask_bladder", "ask_shoes", "ask_bladder"])
    with pytest.raises(engine.CaseError, match=r"path\[6\]: 'dec_gp' cannot be chosen after the case ended"):
        engine.replay(case, [*BEST, "dec_gp"])
    with pytest.raises(engine.CaseError, match="at most 200"):
        engine.replay(case, ["ask_onset"] * 201)
    with pytest.raises(engine.CaseError, match="a list of keys"):
        engine.replay(case, "ask_onset")


def test_the_best_path_is_a_success_with_full_points(case):
    s = engine.score(case, BEST)
    assert (s.essential_total, s.essential_asked, s.missing_essential, s.unnecessary) == (3, 3, (), ())
    assert (s.finished, s.decision, s.verdict, s.points, s.outcome) == (True, "dec_physio", "best", 100, "success")
    assert s.to_json()["missing_essential"] == [] and set(s.to_json()) == {
        "essential_total", "essential_asked", "missing_essential", "unnecessary", "minutes", "cost",
        "finished", "decision", "verdict", "points", "outcome"}  # fmt: skip


def test_an_unsafe_decision_is_never_a_success_whatever_else_was_done(case):
    s = engine.score(case, [*BEST[:-1], "dec_run_through"])
    assert s.missing_essential == () and s.unnecessary == ()
    assert (s.verdict, s.points, s.outcome) == ("unsafe", 0, "unsafe")


def test_points_arithmetic(case):
    # 1 of 3 essential: floor(50 / 3) = 16; acceptable 40; two unnecessary tests -10
    path = ["ask_bladder", "go_examine", "go_tests", "xr_pelvis", "mri_hip", "go_decide_late", "dec_gp"]
    s = engine.score(case, path)
    assert (s.essential_asked, s.missing_essential) == (1, ("ask_unwell", "exam_knee_jerk"))
    assert s.unnecessary == ("xr_pelvis", "mri_hip") and (s.minutes, s.cost) == (1 + 240 + 20160, 390)
    assert (s.points, s.outcome) == (16 + 40 - 10, "partial")
    # 2 of 3: floor(100 / 3) = 33; over 20
    assert engine.score(case, ["ask_bladder", "ask_unwell", "go_decide_early", "dec_ae"]).points == 33 + 20
    # unfinished: no decision, no decision points
    s = engine.score(case, ["ask_bladder", "ask_unwell"])
    assert (s.finished, s.verdict, s.points, s.outcome) == (False, None, 33, "unfinished")
    # best, but an essential item missed: partial
    s = engine.score(case, ["go_decide_early", "dec_physio"])
    assert (s.points, s.outcome) == (50, "partial")
    # best with every essential but an unnecessary test: partial
    s = engine.score(case, ["ask_bladder", "ask_unwell", "go_examine", "exam_knee_jerk", "go_tests", "xr_pelvis",
                            "go_decide_after_tests", "dec_physio"])  # fmt: skip
    assert (s.points, s.outcome) == (95, "partial")


def test_points_with_no_essential_item_and_clipped_at_zero(tmp_path):
    data = example()
    for s in data["steps"]:
        for item in s.get("items", []):
            item.pop("essential", None)
    tests = step(data, "investigations")["items"]
    tests += [dict(tests[0], key=f"extra_{i}", minutes=0) for i in range(20)]
    case = _case(tmp_path, data)
    assert engine.score(case, ["go_decide_early", "dec_physio"]).points == 100  # 50 + 50
    path = ["go_examine", "go_tests", *(f"extra_{i}" for i in range(20)), "go_decide_after_tests", "dec_ae"]
    s = engine.score(case, path)
    assert len(s.unnecessary) == 20 and s.points == 0  # 50 + 20 - 100, clipped


def test_the_essential_missing_message_names_every_item_still_missing(case):
    # the author's text may list only some items: the engine adds each one left out (round 14, C minor 2)
    rule = next(r for r in case.rules if r.essential_missing)
    labels = {i.key: i.label for i in case.items if i.essential}
    first = next(iter(labels))
    state = engine.replay(case, [first, "go_decide_early"])
    message = state.messages[-1]
    assert message.startswith(rule.message + " Not yet done: ")
    assert all(label in message for key, label in labels.items() if key != first)
    assert labels[first] not in message
    assert engine.missing_note(case, list(labels)) == ""


def test_rules_fire_once_in_file_order_and_a_goto_moves_the_learner(tmp_path, case):
    state = engine.replay(case, ["go_examine", "go_tests", "mri_hip"])
    assert state.step == "waited" and state.fired == ("too_slow",)
    assert state.messages == ("The scan took two weeks to arrange.",)
    state = engine.choose(case, state, "go_decide_late")  # entering the decision, essentials missing
    assert state.fired == ("too_slow", "essential_missing_at_decision") and len(state.messages) == 2
    data = example()
    data["rules"].append({"key": "costly", "when": {"counter": "cost", "at_least": 40}, "then": {"message": "Costly."}})
    costly = _case(tmp_path, data)
    state = engine.replay(costly, ["go_examine", "go_tests", "xr_pelvis"])
    assert state.fired == ("costly",)
    state = engine.choose(costly, state, "mri_hip")  # the counter rises again: the rule does not fire again
    assert state.fired == ("costly", "too_slow") and state.messages.count("Costly.") == 1


def test_a_rule_goto_never_fires_on_a_decision_step_or_after_the_end(tmp_path):
    data = example()
    data["rules"].insert(0, {"key": "bounce", "when": {"entering": "decision"},
                             "then": {"message": "Wait.", "goto": "waited"}})  # fmt: skip
    case = _case(tmp_path, data)
    state = engine.replay(case, ["ask_bladder", "ask_unwell", "go_examine", "exam_knee_jerk", "go_decide"])
    assert state.step == "decision" and "bounce" not in state.fired
    state = engine.choose(case, state, "dec_physio")
    assert state.ended and state.fired == () and state.messages == ()


def test_a_rule_goto_makes_the_rules_read_again_for_the_new_step(tmp_path):
    data = example()
    # the entering rule comes first in the file; the goto rule after it still lets it fire
    data["rules"] = [
        {"key": "at_decision", "when": {"entering": "decision"}, "then": {"message": "Now decide."}},
        {"key": "rush", "when": {"entering": "examination"}, "then": {"message": "No time.", "goto": "decision"}},
    ]
    case = _case(tmp_path, data)
    state = engine.replay(case, ["go_examine"])
    assert state.step == "decision" and state.fired == ("rush", "at_decision")


# ------------------------------------------------------------------ the fixtures for the page

FIXTURES = ROOT / "tests" / "fixtures" / "case_scores.json"


def test_the_scoring_fixtures_are_current():
    """Regenerate in memory and compare: after a case changes, run
    python -m iliopsoas_lessons.cases fixtures -o tests/fixtures/case_scores.json"""
    stored = json.loads(FIXTURES.read_text(encoding="utf-8"))
    fresh = json.loads(json.dumps(fixture_document()))
    assert stored == fresh, "tests/fixtures/case_scores.json is stale: regenerate it (see this test's docstring)"


def test_the_fixtures_hold_the_paths_the_specification_asks_for():
    document = fixture_document()
    assert document["cases"], "no case exported"
    for entry in document["cases"]:
        case = next((c for c in il.course().cases if c.key == entry["key"]), None) or load_case_file(
            ROOT / entry["file"], il.course()
        )
        names = [p["name"] for p in entry["paths"]]
        assert {"best", "skip_every_essential", "every_unnecessary"} <= set(names)
        assert {f"decision:{o.key}" for o in case.options} <= set(names)
        assert sum(n.startswith("random:") for n in names) == 20
        assert {f"rule:{r.key}" for r in case.rules} <= set(names)
        best = next(p for p in entry["paths"] if p["name"] == "best")
        assert best["score"]["outcome"] == "success"
        for path in entry["paths"]:
            assert len(path["states"]) == len(path["path"])
            assert path["score"] == engine.score(case, path["path"]).to_json()
            last = engine.replay(case, path["path"])
            assert path["states"][-1]["step"] == last.step and path["states"][-1]["counters"] == last.counters
