"""States of the exercises with feedback: red-flag cases and the quiz (the
pain map's is in :mod:`._state_painmap`; see :mod:`iliopsoas_lessons.widgets.state`)."""

from __future__ import annotations

import numbers
import os
import random
import secrets
from typing import TypeVar

from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.lessons import Option, Question
from iliopsoas_lessons.content.practice_cases import Case
from iliopsoas_lessons.content.models import Content, UrgencyLevel
from iliopsoas_lessons.content.text import case_level, flag_steps_text
from iliopsoas_lessons.progress import resolve_store

from ._state_common import Feedback, Stepper, course_or_package

# the pain map has its own module; re-exported here, where it used to live
from ._state_painmap import PainMapResult, PainMapState

__all__ = [
    "RedFlagCasesState",
    "QuizState",
    "PainMapState",
    "PainMapResult",
    "quiz_seed",
    "option_orders",
    "SEED_VARIABLE",
]


_A = TypeVar("_A", bound="_Answered")

SEED_VARIABLE = "ILIOPSOAS_QUIZ_SEED"
_KERNEL_SEED: int | None = None


def quiz_seed(seed: int | None = None) -> int:
    """The seed that orders the quiz options.

    An explicit ``seed`` wins (tests pass one). Otherwise the environment
    variable ``ILIOPSOAS_QUIZ_SEED`` (the scripts that store the notebooks and
    the test suite set it, so stored outputs repeat run after run). Otherwise a
    random seed drawn once per kernel: each learner gets their own order, and it
    stays the same when they re-run a cell or open another lesson's quiz.
    """
    global _KERNEL_SEED
    if seed is None:
        value = os.environ.get(SEED_VARIABLE, "").strip()
        if not value:
            if _KERNEL_SEED is None:
                _KERNEL_SEED = secrets.randbelow(2**32)
            return _KERNEL_SEED
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"{SEED_VARIABLE} must be a whole number, not {value!r}") from None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise ValueError(f"seed must be a whole number or None (one per learner), not {seed!r}")
    return int(seed)


def option_orders(questions, seed: int) -> tuple[tuple[int, ...], ...]:
    """For each question, the stored option indices in the order a learner sees them.

    The key's shown position is dealt from shuffled blocks that hold every
    position once, so in any run of questions each position is the key about
    equally often (always choosing "A" scores about a quarter); the wrong
    options are shuffled around it. ``random.Random`` seeded with text is the
    same on every platform and Python run.
    """
    rng = random.Random(f"iliopsoas-quiz:{seed}")
    width = max(len(q.options) for q in questions)
    slots: list[int] = []
    while len(slots) < len(questions):
        block = list(range(width))
        rng.shuffle(block)
        slots.extend(block)
    orders = []
    for q, slot in zip(questions, slots):
        wrong = [i for i in range(len(q.options)) if i != q.answer]
        rng.shuffle(wrong)
        at = slot % len(q.options)
        orders.append(tuple(wrong[:at] + [q.answer] + wrong[at:]))
    return tuple(orders)


class _Answered(Stepper):
    """A stepper over items the learner answers, with a second try.

    A first wrong answer gets that answer's feedback and a second try; the
    right answer is shown only after a right answer or a second one
    (``revealed``). The score counts first answers only: answering again
    never changes it. Every answer is kept, in order, in ``attempts``; each is
    saved to the learner's progress file as it is given, and a state built again
    (a new kernel) takes the saved attempts back.
    """

    tries = 2  # answers before the right one is shown

    exercise = ""  # the items' name in the learner's progress file

    def __init__(self, items, *, index: int = 0, progress=None):
        self.items = tuple(items)
        super().__init__(len(self.items), index=index)
        self.attempts: dict[str, list] = {}
        self.store = resolve_store(progress)
        self._restore()

    def _restore(self) -> None:
        """Take back each item's saved attempts, first one first (only answers still valid for the item)."""
        saved = self.store.restore(self.exercise)
        for it in self.items:
            record = saved.get(it.key)
            if record is None:
                continue
            tries = [a.answer for a in (record.first, *record.later)]
            if all(self._is_valid(it, a) for a in tries):
                self.attempts[it.key] = tries

    @property
    def keys(self) -> tuple[str, ...]:
        """The items' keys: ``go_to`` takes a position or one of these."""
        return tuple(it.key for it in self.items)

    @property
    def item(self) -> Case | Question:
        return self.items[self.index]

    @property
    def answers(self) -> dict[str, object]:
        """{item key: the latest answer} of the items answered so far."""
        return {k: tries[-1] for k, tries in self.attempts.items()}

    @property
    def first_answers(self) -> dict[str, object]:
        """{item key: the first answer}: what the score counts."""
        return {k: tries[0] for k, tries in self.attempts.items()}

    @property
    def answered(self) -> bool:
        return self.item.key in self.attempts

    @property
    def revealed(self) -> bool:
        """True once the current item's right answer may be shown."""
        tries = self.attempts.get(self.item.key, [])
        return any(self._is_correct(self.item, a) for a in tries) or len(tries) >= self.tries

    def _record(self, answer) -> None:
        """Keep and save ``answer``; the same wrong answer again before the reveal uses up no try."""
        tries = self.attempts.setdefault(self.item.key, [])
        if not self.revealed and answer in tries:
            return
        tries.append(answer)
        self.store.record(self.exercise, self.item.key, answer, self._is_correct(self.item, answer))

    @property
    def score(self) -> int:
        """Items answered right at the first try."""
        return sum(1 for it in self.items if it.key in self.attempts and self._is_correct(it, self.attempts[it.key][0]))

    @property
    def score_text(self) -> str:
        return f"First try: {self.score} of {self.count} correct ({len(self.attempts)} answered)"

    def reset(self: _A) -> _A:
        self.attempts.clear()
        self.index = 0
        return self

    def _is_correct(self, item, answer) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def _is_valid(self, item, answer) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError


class RedFlagCasesState(_Answered):
    """The 'how urgent?' cases, answered on the urgency scale: ``answer("same_day")``."""

    noun = "case"
    exercise = "red_flag_cases"

    def __init__(self, index: int = 0, *, cases=None, progress=None, course: Content | None = None):
        self.course = course_or_package(course)  # before the saved answers are checked against its scale
        super().__init__(cases if cases is not None else ld.cases(), index=index, progress=progress)

    @property
    def case(self) -> Case:
        return self.item

    @property
    def levels(self) -> tuple[UrgencyLevel, ...]:
        """The answer choices: the urgency scale, most urgent first."""
        return tuple(self.course.urgency)

    def _is_correct(self, item, answer) -> bool:
        return answer == item.urgency or self._safe_faster(item, answer)

    def _safe_faster(self, item, answer) -> bool:
        """The level just faster than the case's, where the case says why it is safe too."""
        if item.faster_is_safe is None or answer not in self.course.urgency.keys():
            return False
        return self.course.urgency[answer].rank == self.course.urgency[item.urgency].rank - 1

    def _is_valid(self, item, answer) -> bool:
        return answer in self.course.urgency.keys()

    def answer(self, level: str) -> Feedback:
        keys = tuple(self.course.urgency.keys())
        if not isinstance(level, str) or level not in keys:
            raise ValueError(f"unknown urgency level {level!r}; choose one of: {', '.join(keys)}")
        self._record(level)
        return self.feedback

    def triage(self, item: Case | str | None = None) -> str | None:
        """'right', 'under' (chose less urgent than needed) or 'over' for the
        latest answer; None if unanswered. ``item`` is a case or its key
        (default: the current case)."""
        if item is None:
            item = self.case
        elif isinstance(item, str) and item in self.keys:
            item = self.items[self.keys.index(item)]
        elif item not in self.items:
            raise LookupError(f"unknown case {item!r}; choose one of: {', '.join(self.keys)}")
        if item.key not in self.attempts:
            return None
        chose = self.course.urgency[self.attempts[item.key][-1]].rank
        needed = self.course.urgency[item.urgency].rank
        return "right" if chose == needed else ("under" if chose > needed else "over")

    @property
    def feedback(self) -> Feedback | None:
        """The latest answer's feedback (see :meth:`feedback_for`); None if unanswered."""
        if not self.answered:
            return None
        return self.feedback_for(self.case, self.answers[self.case.key], revealed=self.revealed)

    def feedback_for(self, case: Case, level: str, *, revealed: bool) -> Feedback:
        """What answering ``level`` to ``case`` shows: before the reveal, a
        wrong level says which way it was off and offers a second try, the
        level kept back; once revealed (or when right), the level and why.
        The page shows these texts as they are (:mod:`..exercises`)."""
        # the case's level as its flag shows it ('go now' rather than 'today' where the flag goes now)
        chose, needed = self.course.urgency[level], case_level(case, self.course)
        right = chose.rank == needed.rank
        head = f"This case is {needed.label.lower()}: {needed.patient_advice}"
        if self._safe_faster(case, level):
            right = True
            head = f"You chose {chose.label.lower()}: safe here, not wrong. {case.faster_is_safe} {head}"
        elif not right:
            word = "less" if chose.rank > needed.rank else "more"
            off = f"You chose {chose.label.lower()}, {word} urgent than it needs."
            if not revealed:
                return Feedback(False, f"{off} Try again: choose another level.")
            head = f"{off} {head}"
        if case.red_flag:
            flag = self.course.red_flags[case.red_flag]
            head += f" Red flag: {flag.title.lower()}. {flag_steps_text(flag, self.course)}"
        return Feedback(right, f"{head} {case.reason}", case.references)


class QuizState(_Answered):
    """Multiple-choice questions; ``choose(i)`` answers the current one.

    ``i`` is an option's index as stored (``question.options[i]``), whatever
    order the learner sees: ``order`` lists the stored indices in shown order,
    shuffled per learner from ``seed`` (see :func:`quiz_seed`).
    """

    noun = "question"
    exercise = "quiz"

    def __init__(
        self, lesson: str | None = None, *, index: int = 0, questions=None, seed: int | None = None, progress=None
    ):
        if questions is None:
            questions = ld.questions(self._check_lesson(lesson))
        self.lesson = lesson
        super().__init__(questions, index=index, progress=progress)
        self.seed = quiz_seed(seed)
        self.orders = dict(zip(self.keys, option_orders(self.items, self.seed)))

    @staticmethod
    def _check_lesson(lesson: str | None) -> str | None:
        """None (every question) or a lesson with questions; else LookupError listing them."""
        with_questions = tuple(dict.fromkeys(q.lesson for q in ld.questions()))
        if lesson is None or lesson in with_questions:
            return lesson
        if isinstance(lesson, str):
            ld.lesson(lesson)  # an unknown lesson: LookupError listing the lessons
        raise LookupError(
            f"no quiz questions for lesson {lesson!r}; choose one of: "
            f"{', '.join(with_questions)}, or None for all of them"
        )

    @property
    def question(self) -> Question:
        return self.item

    @property
    def order(self) -> tuple[int, ...]:
        """The current question's stored option indices, in the order shown."""
        return self.orders[self.question.key]

    @property
    def shown_options(self) -> tuple[Option, ...]:
        return tuple(self.question.options[i] for i in self.order)

    def _is_correct(self, item, answer) -> bool:
        return answer == item.answer

    def _is_valid(self, item, answer) -> bool:
        return isinstance(answer, int) and 0 <= answer < len(item.options)

    def choose(self, option: int) -> Feedback:
        q = self.question
        if isinstance(option, bool) or not isinstance(option, int) or not 0 <= option < len(q.options):
            raise ValueError(f"option must be 0-{len(q.options) - 1}, not {option!r}")
        self._record(option)  # the option's index in quiz.json, whatever order was shown
        return self.feedback

    @property
    def chosen(self) -> int | None:
        """The latest option chosen for the current question (stored index)."""
        return self.answers.get(self.question.key)

    @property
    def tried(self) -> tuple[int, ...]:
        """Every option chosen for the current question, in order (stored indices)."""
        return tuple(self.attempts.get(self.question.key, ()))

    @property
    def first_wrong(self) -> dict[str, Option]:
        """{question key: the wrong option chosen first}, for 'commonest wrong answer' reports."""
        by_key = {q.key: q for q in self.items}
        return {k: by_key[k].options[a] for k, a in self.first_answers.items() if a != by_key[k].answer}

    @property
    def feedback(self) -> Feedback | None:
        """The latest answer's feedback (see :meth:`feedback_for`); None if unanswered."""
        if not self.answered:
            return None
        return self.feedback_for(self.question, self.chosen, revealed=self.revealed)

    def feedback_for(self, q: Question, option: int, *, revealed: bool) -> Feedback:
        """What choosing ``option`` (stored index) shows: the option's own
        feedback; before the reveal a wrong one adds "try again" and keeps the
        answer back; once revealed, the answer and why. The page shows these
        texts as they are (:mod:`..exercises`)."""
        text = q.options[option].feedback
        if option == q.answer:
            return Feedback(True, f"{text} {q.explanation}", q.references)
        if not revealed:
            return Feedback(False, f"{text} Try again: choose another answer.", q.references)
        return Feedback(False, f"{text} The answer is: {q.correct_option}. {q.explanation}", q.references)
