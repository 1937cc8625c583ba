"""The quiz and the red-flag cases as one anywidget (widgets/exercises.py +
static/exercises.js): the data Python gives the page, the answers the page
sends (checked, saved through the progress store as the state has always
saved them, restored in a new kernel), and the page's rules against the
state's, on sequences of answers Python exports.

``python tests/test_exercises_widget.py`` writes
``tests/js/fixtures/exercises_sequences.json`` again; a test below fails when
that file is not what Python gives now. ``node --test tests/js/`` replays it
against exercises.js.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))

import pytest

from iliopsoas_lessons.progress import ProgressStore
from iliopsoas_lessons.widgets import Quiz, RedFlagCases

FIXTURE = ROOT / "tests" / "js" / "fixtures" / "exercises_sequences.json"
SEQUENCES_PER_ITEM = 6


class Recorder:
    """A progress store that keeps each ``record`` call and restores ``saved``."""

    def __init__(self, saved=None):
        self.calls: list[list] = []
        self.saved = saved or {}

    def record(self, exercise, item, answer, correct):
        self.calls.append([exercise, item, answer, bool(correct)])

    def restore(self, exercise):
        return dict(self.saved)


def _widgets(progress=False):
    return [("quiz", Quiz(None, seed=0, progress=progress)), ("cases", RedFlagCases(progress=progress))]


def _fb(fb):
    return (
        None
        if fb is None
        else {"correct": fb.correct, "explanation": fb.explanation, "references": list(fb.references)}
    )


def _which(item: dict, answer, fb: dict) -> str:
    """Which of the option's two texts the state's feedback is ("try" or
    "final"); the page shows only those, so the state must give one of them."""
    option = next(o for o in item["options"] if o["answer"] == answer)
    for which in ("try", "final"):
        if option["feedback"][which] == fb:
            return which
    raise AssertionError(f"{item['key']}: the state's feedback for {answer!r} is not one the page has: {fb}")


def export() -> dict:
    """For each kind: the items as the page gets them, and random sequences of
    presses with what Python's state gives after each (answers kept, reveal,
    feedback, marks, score)."""
    rng = random.Random("iliopsoas-exercises")
    out = {}
    for kind, widget in _widgets():
        s = widget.state
        sequences = []
        for index, item in enumerate(widget.widget.items):
            answers = [o["answer"] for o in item["options"]]
            for _ in range(SEQUENCES_PER_ITEM):
                s.attempts.clear()
                s.go_to(index)
                steps = []
                for _ in range(rng.randint(1, 4)):
                    a = rng.choice(answers)
                    fb = widget._answer(a)
                    tried = s.attempts[item["key"]]
                    marks = [
                        ("right" if s.revealed else "") if o["correct"] else ("wrong" if o["answer"] in tried else "")
                        for o in item["options"]
                    ]
                    steps.append(
                        {
                            "answer": a,
                            "answers": list(tried),
                            "revealed": s.revealed,
                            "feedback": _which(item, a, _fb(fb)),
                            "marks": marks,
                            "score": s.score,
                        }
                    )
                sequences.append({"index": index, "steps": steps})
        s.attempts.clear()
        out[kind] = {
            "tries": s.tries,
            "items": widget.widget.items,
            "sequences": sequences,
            "restores": _restores(kind),
        }
        widget.close()
    return out


def _restores(kind: str) -> list[dict]:
    """Saved records (valid and not) and the attempts a state built again takes back from them."""
    from iliopsoas_lessons.progress import Attempt, ItemRecord

    cls = Quiz if kind == "quiz" else RedFlagCases
    probe = cls(progress=False) if kind == "cases" else cls(None, seed=0, progress=False)
    items = probe.state.items
    answers = {it.key: [o["answer"] for o in item["options"]] for it, item in zip(items, probe.widget.items)}
    probe.close()
    rng = random.Random(f"restore:{kind}")
    out = []
    for it in items[:6]:
        for bad in (False, True):
            tries = [rng.choice(answers[it.key]) for _ in range(rng.randint(1, 3))]
            if bad:
                tries.append("nonsense" if kind == "cases" else 99)
            record = ItemRecord(Attempt(tries[0], False), tuple(Attempt(a, False) for a in tries[1:]))
            widget = (
                cls(progress=Recorder({it.key: record}))
                if kind == "cases"
                else cls(None, seed=0, progress=Recorder({it.key: record}))
            )
            saved = {it.key: {"first": {"answer": tries[0]}, "later": [{"answer": a} for a in tries[1:]]}}
            out.append({"saved": saved, "attempts": widget.widget.attempts})
            widget.close()
    return out


def _text(data) -> str:
    # one line per item or sequence: readable diffs, a small file
    lines = ["{"]
    for n, (kind, part) in enumerate(data.items()):
        lines.append(f'{json.dumps(kind)}: {{"tries": {part["tries"]},')
        for name in ("items", "sequences", "restores"):
            rows = [json.dumps(x, ensure_ascii=False, separators=(",", ":")) for x in part[name]]
            end = "]" if name == "restores" else "],"
            lines.append(f'{json.dumps(name)}: [\n' + ",\n".join(rows) + end)
        lines.append("}" + ("," if n < len(data) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def test_the_js_fixture_is_what_python_gives_now():
    assert FIXTURE.read_text(encoding="utf-8") == _text(export()), (
        "run: python tests/test_exercises_widget.py (the quiz, the cases or their rules changed)"
    )


def test_the_fixture_reaches_every_kind_of_feedback():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for kind, part in data.items():
        steps = [st for seq in part["sequences"] for st in seq["steps"]]
        right = [st["answer"] == _right(part, seq["index"]) for seq in part["sequences"] for st in seq["steps"]]
        assert any(right), kind
        assert any(not r and st["feedback"] == "try" for r, st in zip(right, steps)), kind
        assert any(not r and st["feedback"] == "final" for r, st in zip(right, steps)), kind
        # the same wrong answer twice before the reveal uses no try
        assert any(
            len(seq["steps"]) > 1 and seq["steps"][1]["answers"] == seq["steps"][0]["answers"]
            for seq in part["sequences"]
        ), kind
        assert any(r["attempts"] == {} for r in part["restores"]) and any(r["attempts"] for r in part["restores"])


def _right(part, index):
    return next(o["answer"] for o in part["items"][index]["options"] if o["correct"])


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_page_rules_give_python_s_answers_feedback_marks_and_scores():
    run = subprocess.run(
        ["node", "--test", str(ROOT / "tests" / "js" / "exercises.test.mjs")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]


# ------------------------------------------------------------------ the data the page gets


def test_the_quiz_items_hold_the_shuffled_options_with_their_stored_index_and_feedback():
    q = Quiz("03_symptoms", seed=5, progress=False)
    for item, question in zip(q.widget.items, q.state.items):
        order = q.state.orders[question.key]
        assert [o["answer"] for o in item["options"]] == list(order)
        assert [o["label"] for o in item["options"]] == [
            f"{'ABCDEFGH'[p]}. {question.options[i].text}" for p, i in enumerate(order)
        ]
        assert [o["correct"] for o in item["options"]] == [i == question.answer for i in order]
        for o in item["options"]:
            assert o["feedback"]["try"]["explanation"].startswith(question.options[o["answer"]].feedback)
            if not o["correct"]:
                assert question.correct_option not in o["feedback"]["try"]["explanation"]
                assert f"The answer is: {question.correct_option}." in o["feedback"]["final"]["explanation"]
    assert q.widget.kind == "quiz" and q.widget.texts["counter"] == "Question {k} of {n}"
    q.close()


def test_the_cases_offer_every_urgency_level_most_urgent_first():
    import iliopsoas_lessons as il

    r = RedFlagCases(progress=False)
    levels = list(il.urgency_levels())
    for item, case in zip(r.widget.items, r.state.items):
        assert item["prompt"] == case.story
        assert [o["label"] for o in item["options"]] == [lv.label for lv in levels]
        # the case's own level, and the level just faster where the case says it is safe (round 11 A M-2)
        safe = {case.urgency} | (
            {levels[levels.index(il.urgency_level(case.urgency)) - 1].key} if case.faster_is_safe else set()
        )
        assert [o["correct"] for o in item["options"]] == [lv.key in safe for lv in levels]
    r.close()


# ------------------------------------------------------------------ the answers the page sends


def test_answers_from_the_page_are_saved_as_the_state_saves_them_with_the_stored_index():
    rec = Recorder()
    q = Quiz("01_anatomy", seed=3, progress=rec)
    first = q.state.items[0]
    wrong = next(i for i in range(len(first.options)) if i != first.answer)
    q.widget.attempts = {first.key: [wrong]}  # as the page sends it after a press
    assert rec.calls == [["quiz", first.key, wrong, False]]
    q.widget.attempts = {first.key: [wrong, first.answer]}
    assert rec.calls[-1] == ["quiz", first.key, first.answer, True]
    assert q.state.attempts == {first.key: [wrong, first.answer]} and q.state.score == 0
    # the page may not take answers back, nor send an option the question lacks
    q.widget.attempts = {}
    assert q.widget.attempts == {first.key: [wrong, first.answer]} and len(rec.calls) == 2
    q.widget.attempts = {first.key: [wrong, first.answer, 99]}
    assert q.widget.attempts == {first.key: [wrong, first.answer]} and len(rec.calls) == 2
    q.close()


def test_case_answers_from_the_page_are_saved_with_the_level_key():
    rec = Recorder()
    r = RedFlagCases(progress=rec)
    second = r.state.items[1]
    r.widget.index = 1
    assert r.state.index == 1
    r.widget.attempts = {second.key: [second.urgency]}
    assert rec.calls == [["red_flag_cases", second.key, second.urgency, True]]
    r.widget.attempts = {second.key: [second.urgency, "no_such_level"]}
    assert r.widget.attempts == {second.key: [second.urgency]}
    r.widget.index = 99
    assert r.widget.index == 1 == r.state.index
    r.close()


def test_saved_answers_come_back_in_a_new_kernel(tmp_path):
    store = ProgressStore(tmp_path)
    q = Quiz("03_symptoms", seed=0, progress=store)
    key = q.state.items[0].key
    q.choose(q.state.items[0].answer)
    r = RedFlagCases(progress=store)
    r.answer("emergency")
    again, cases = Quiz("03_symptoms", seed=0, progress=store), RedFlagCases(progress=store)
    assert again.widget.attempts == {key: [q.state.items[0].answer]}
    assert cases.widget.attempts == {r.state.items[0].key: ["emergency"]}
    for w in (q, r, again, cases):
        w.close()


def test_python_s_presses_reach_the_page():
    q = Quiz("03_symptoms", seed=0, progress=False)
    q.go_to(2)
    assert q.widget.index == 2
    q.choose(q.state.question.answer)
    assert q.widget.attempts == {q.state.question.key: [q.state.question.answer]}
    with pytest.raises(ValueError, match="option must be 0-"):
        q.choose(True)
    with pytest.raises(ValueError, match="choose one of"):
        RedFlagCases(progress=False).answer("soon")
    q.close()


def test_the_snapshot_holds_every_item_and_only_folded_answers_and_no_live_feedback():
    q = Quiz("03_symptoms", seed=0, progress=False)
    q.choose(q.state.question.answer)
    bundle = q._repr_mimebundle_()
    page = bundle["text/html"]
    assert page.count('<section class="il-step">') == q.state.count
    assert page.count('<details class="il-answer">') == q.state.count
    for question in q.state.items:
        assert question.explanation not in bundle["text/plain"]
    assert "✓" not in page and "First try" not in page
    q.close()


if __name__ == "__main__":
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(_text(export()), encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")
