"""Can the quiz be gamed? Where the keyed answer falls and how long it is.

For every question: the key's position in the data and as a learner sees it
with the seed the stored notebooks use (``ILIOPSOAS_QUIZ_SEED``, 0 in tests),
and the length of each option. The tests fail when one position holds the key
in more than 40 % of a lesson's questions (or of all of them), or when the key
is the longest option (ties included) in more than 40 %; a failure prints
the table. The review quiz must be new items, not repeats of the lessons'.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.widgets.state import QuizState

LIMIT = 0.40
LETTERS = "ABCDEFGH"
LESSONS = tuple(dict.fromkeys(q.lesson for q in ld.questions()))
SETS = LESSONS + (None,)  # each lesson's quiz, then every question together


def _name(lesson):
    return lesson or "all questions"


def _rows(lesson):
    """(question, key position in the data, key position shown, shown option lengths, key is longest)."""
    state = QuizState(lesson)  # the default seed: the one the stored notebooks show
    rows = []
    for q in state.items:
        order = state.orders[q.key]
        lengths = [len(q.options[i].text) for i in order]
        key_length = len(q.options[q.answer].text)
        longest = key_length >= max(len(o.text) for i, o in enumerate(q.options) if i != q.answer)
        rows.append((q, q.answer, order.index(q.answer), lengths, longest))
    return state.seed, rows


def _table(lesson) -> str:
    seed, rows = _rows(lesson)
    lines = [
        f"\n{_name(lesson)} (seed {seed}): key position in data / shown; option lengths as shown, key in *",
        f"  {'question':28} data shown  lengths",
    ]
    for q, data, shown, lengths, longest in rows:
        cells = " ".join(f"{'*' if p == shown else ' '}{n:3d}" for p, n in enumerate(lengths))
        lines.append(
            f"  {q.key:28} {LETTERS[data]:>4} {LETTERS[shown]:>5}  {cells}{'  key longest' if longest else ''}"
        )
    n = len(rows)
    for what, column in (("data", 1), ("shown", 2)):
        counts = Counter(r[column] for r in rows)
        spread = "  ".join(f"{LETTERS[p]} {counts.get(p, 0)} ({counts.get(p, 0) / n:.0%})" for p in range(4))
        lines.append(f"  key position ({what}): {spread}")
    longest = sum(r[4] for r in rows)
    lines.append(f"  key is the longest option: {longest} of {n} ({longest / n:.0%})")
    return "\n".join(lines)


@pytest.mark.parametrize("lesson", SETS, ids=_name)
def test_the_table_shown_on_failure_lists_every_question_and_adds_up(lesson):
    """The table the tests print when they fail (and ``pytest -s`` readers use):
    one line per question, its shown key marked once, the counts summing to the questions."""
    _, rows = _rows(lesson)
    table = _table(lesson)
    for q, _data, _shown, _lengths, _longest in rows:
        line = next(line for line in table.splitlines() if line.split()[:1] == [q.key])
        assert line.count("*") == 1, line
    for what in ("data", "shown"):
        spread = next(line for line in table.splitlines() if f"key position ({what})" in line)
        assert sum(int(n) for n in re.findall(r"[A-H] (\d+) \(", spread)) == len(rows), spread


@pytest.mark.parametrize("lesson", SETS, ids=_name)
@pytest.mark.parametrize("where", ["data", "shown"])
def test_no_position_holds_the_key_in_more_than_40_percent(lesson, where):
    _, rows = _rows(lesson)
    counts = Counter(r[1] if where == "data" else r[2] for r in rows)
    position, most = counts.most_common(1)[0]
    assert most / len(rows) <= LIMIT, (
        f"{_name(lesson)}: the key is at {LETTERS[position]} ({where}) in {most} of {len(rows)} questions"
        + _table(lesson)
    )


@pytest.mark.parametrize("lesson", SETS, ids=_name)
def test_the_key_is_the_longest_option_in_at_most_40_percent(lesson):
    _, rows = _rows(lesson)
    longest = [r[0].key for r in rows if r[4]]
    assert len(longest) / len(rows) <= LIMIT, f"{_name(lesson)}: the key is longest in {longest}" + _table(lesson)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def test_the_review_quiz_shares_no_prompt_or_option_text_with_the_lessons():
    review = ld.questions("05_review")
    lessons = [q for q in ld.questions() if q.lesson != "05_review"]
    assert len(review) >= 8 and lessons
    assert not {q.key for q in review} & {q.key for q in lessons}
    used = {_words(q.prompt) for q in lessons} | {_words(o.text) for q in lessons for o in q.options}
    for q in review:
        for text in (q.prompt, *(o.text for o in q.options)):
            assert _words(text) not in used, f"{q.key} repeats a lesson's text: {text!r}"
