"""The quiz without a browser: options shuffled per learner from a seed, a
second try before the answer is shown, first-try scores, feedback for every
option, and the loader's checks of the quiz data."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from collections import Counter

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.widgets import _state_exercises
from iliopsoas_lessons.widgets.state import QuizState

LESSONS = tuple(dict.fromkeys(q.lesson for q in ld.questions()))


# ------------------------------------------------------------------ shuffling


@pytest.mark.parametrize("lesson", LESSONS + (None,))
def test_a_seed_gives_the_same_order_every_time_and_each_order_shows_every_option_once(lesson):
    first, again = QuizState(lesson, seed=7), QuizState(lesson, seed=7)
    assert first.orders == again.orders
    for q in first.items:
        assert sorted(first.orders[q.key]) == list(range(len(q.options)))


def test_different_seeds_give_different_orders():
    orders = {seed: QuizState("05_review", seed=seed).orders for seed in range(6)}
    assert len({tuple(o.values()) for o in orders.values()}) == 6
    one, two = QuizState(None, seed=1), QuizState(None, seed=2)
    differ = [k for k in one.keys if one.orders[k] != two.orders[k]]
    assert len(differ) > len(one.keys) // 2


def test_options_are_shown_in_the_seeded_order_and_choose_takes_the_stored_index():
    q = QuizState("01_anatomy", seed=3)
    question = q.question
    assert [o.text for o in q.shown_options] == [question.options[i].text for i in q.order]
    assert q.shown_options != question.options or q.order == tuple(range(len(question.options)))
    assert q.choose(question.answer).correct  # the stored index, wherever the option is shown


@pytest.mark.parametrize("seed", range(40))
def test_for_any_seed_no_shown_position_holds_the_key_more_often_than_its_share(seed):
    for lesson in LESSONS + (None,):
        q = QuizState(lesson, seed=seed)
        shown = Counter(q.orders[x.key].index(x.answer) for x in q.items)
        assert max(shown.values()) <= math.ceil(q.count / 4), (lesson, dict(shown))


def test_the_seed_comes_from_the_argument_then_the_environment_then_the_kernel(monkeypatch):
    monkeypatch.setenv("ILIOPSOAS_QUIZ_SEED", "11")
    assert QuizState("03_symptoms").seed == 11
    assert QuizState("03_symptoms").orders == QuizState("03_symptoms", seed=11).orders
    assert QuizState("03_symptoms", seed=5).seed == 5
    monkeypatch.setenv("ILIOPSOAS_QUIZ_SEED", "eleven")
    with pytest.raises(ValueError, match=r"ILIOPSOAS_QUIZ_SEED must be a whole number, not 'eleven'"):
        QuizState("03_symptoms")
    monkeypatch.delenv("ILIOPSOAS_QUIZ_SEED")
    monkeypatch.setattr(_state_exercises, "_KERNEL_SEED", None)
    kernel = QuizState("03_symptoms").seed
    assert QuizState("02_injury_mechanisms").seed == kernel  # one seed per kernel: re-running keeps the order
    for bad in (True, 1.5, "3"):
        with pytest.raises(ValueError, match=r"seed must be a whole number or None"):
            QuizState("03_symptoms", seed=bad)


def test_two_learners_kernels_draw_different_seeds():
    code = (
        "import os; os.environ.pop('ILIOPSOAS_QUIZ_SEED', None); "
        "from iliopsoas_lessons.widgets.state import QuizState; print(QuizState().seed)"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "ILIOPSOAS_QUIZ_SEED"}
    seeds = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()
        for _ in range(3)
    }
    assert len(seeds) == 3


# ------------------------------------------------------------------ second try, first-try score


def test_a_wrong_first_answer_gets_its_feedback_and_a_second_try_without_the_answer():
    q = QuizState("01_anatomy", seed=0)
    question = q.question
    wrong = [i for i in range(len(question.options)) if i != question.answer]
    fb = q.choose(wrong[0])
    assert not fb.correct and not q.revealed
    assert fb.text == f"Not yet. {question.options[wrong[0]].feedback} Try again: choose another answer."
    assert question.correct_option not in fb.text and question.explanation not in fb.text
    assert q.choose(wrong[0]).text == fb.text and not q.revealed  # the same wrong answer again uses no try
    fb = q.choose(wrong[1])
    assert q.revealed and not fb.correct
    assert fb.text.startswith(
        f"Not yet. {question.options[wrong[1]].feedback} The answer is: {question.correct_option}."
    )
    assert fb.text.endswith(question.explanation)
    assert q.tried == (wrong[0], wrong[1]) and q.score == 0
    assert q.choose(question.answer).correct and q.score == 0, "answering again never replaces the first try"
    assert q.score_text == f"First try: 0 of {q.count} correct (1 answered)"


def test_a_right_first_answer_counts_and_later_answers_do_not_change_it():
    q = QuizState("02_injury_mechanisms", seed=0)
    for i, question in enumerate(q.items):
        q.go_to(i)
        if i % 2 == 0:
            assert q.choose(question.answer).correct and q.revealed
        else:
            q.choose((question.answer + 1) % len(question.options))
        q.choose((question.answer + 2) % len(question.options))
        q.choose(question.answer)
    right_first = len(range(0, q.count, 2))
    assert q.score == right_first
    assert q.score_text == f"First try: {right_first} of {q.count} correct ({q.count} answered)"
    assert set(q.first_wrong) == {x.key for i, x in enumerate(q.items) if i % 2}
    q.reset()
    assert q.attempts == {} and q.score == 0 and q.feedback is None


@pytest.mark.parametrize("question", ld.questions(), ids=lambda x: x.key)
def test_every_option_has_its_own_feedback_and_every_wrong_one_a_misconception(question):
    texts = set()
    for i, option in enumerate(question.options):
        q = QuizState(None, seed=0, progress=False).go_to(question.key)  # a fresh learner each time
        fb = q.choose(i)
        assert fb.text.startswith(("Correct. " if i == question.answer else "Not yet. ") + option.feedback)
        assert fb.references == question.references
        texts.add(option.feedback)
        if i == question.answer:
            assert option.misconception is None
        else:
            assert option.misconception and q.first_wrong == {question.key: option}
    assert len(texts) == len(question.options)


# ------------------------------------------------------------------ the data and its checks


_LEVEL_WORDS = re.compile(
    r"emergency now|same[ -]day|within days|within 48 hours|prompt(ly)?\b|routine|urgent care|"
    r"\bneeds? (medical|urgent) care",
    re.IGNORECASE,
)


def test_quiz_texts_name_urgency_levels_only_by_key():
    raw = json.loads((ld.data_directory() / "quiz.json").read_text(encoding="utf-8"))
    for q in raw["questions"]:
        texts = [q["prompt"], q["explanation"]] + [o[f] for o in q["options"] for f in ("text", "feedback")]
        for text in texts:
            found = _LEVEL_WORDS.search(re.sub(r"\{urgency:\w+(?::now)?\}", "", text))
            assert found is None, f"{q['key']}: {found.group(0)!r} in {text!r}"
    shown = ld.lesson_data().questions["saddle_numbness"].prompt
    assert f"\u201c{il.urgency_level('emergency').label}\u201d" in shown and "{" not in shown


def _edit_quiz(data_copy, change):
    path = data_copy / "lessons" / "quiz.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change({q["key"]: q for q in data["questions"]})
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda d: d["insertion"]["options"][d["insertion"]["answer"]].update(misconception="x"),
            r"insertion: field 'options': option 2 is the answer, so it names no misconception",
        ),
        (
            lambda d: d["insertion"]["options"][0].pop("misconception"),
            r"insertion: field 'options': option 0 is wrong, so it needs a 'misconception'",
        ),
        (
            lambda d: d["insertion"]["options"][1].pop("feedback"),
            r"insertion: field 'options': option 1: missing 'feedback'; fields are: text, feedback, misconception",
        ),
        (
            lambda d: d["insertion"]["options"][1].update(hint="x"),
            r"insertion: field 'options': option 1: unknown field 'hint'",
        ),
        (
            lambda d: d["insertion"].update(options=["a", "b"]),
            r"insertion: field 'options': option 0 must be an object with 'text' and 'feedback'",
        ),
        (
            lambda d: d["insertion"].update(prompt="Is it {urgency:soon}?"),
            r"insertion: field 'prompt': names unknown urgency level 'soon'; choose one of: emergency, same_day",
        ),
        (
            lambda d: d["insertion"]["options"][3].update(feedback="{urgency:later}"),
            r"insertion: field 'options': option 3: names unknown urgency level 'later'",
        ),
    ],
)
def test_broken_quiz_data_is_refused_naming_the_question_and_option(data_copy, change, expected):
    _edit_quiz(data_copy, change)
    with pytest.raises(il.ContentError, match=expected):
        ld.load(data_copy / "lessons")
