"""States of the exercises with feedback: red-flag cases and the quiz (the
pain map's is in :mod:`._state_painmap`; see :mod:`iliopsoas_lessons.widgets.state`)."""
from __future__ import annotations

from typing import TypeVar

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.lessons import Case, Question
from iliopsoas_lessons.content.models import UrgencyLevel

from ._state_common import Feedback, Stepper
# the pain map has its own module; re-exported here, where it used to live
from ._state_painmap import PainMapResult, PainMapState

__all__ = ["RedFlagCasesState", "QuizState", "PainMapState", "PainMapResult"]


_A = TypeVar("_A", bound="_Answered")


class _Answered(Stepper):
    """A stepper over items the learner answers; remembers one answer per item."""

    def __init__(self, items, *, index: int = 0):
        self.items = tuple(items)
        super().__init__(len(self.items), index=index)
        self.answers: dict[str, object] = {}

    @property
    def keys(self) -> tuple[str, ...]:
        """The items' keys: ``go_to`` takes a position or one of these."""
        return tuple(it.key for it in self.items)

    @property
    def item(self) -> Case | Question:
        return self.items[self.index]

    @property
    def answered(self) -> bool:
        return self.item.key in self.answers

    @property
    def score(self) -> int:
        return sum(1 for it in self.items if it.key in self.answers and self._is_correct(it, self.answers[it.key]))

    @property
    def score_text(self) -> str:
        return f"{self.score} of {self.count} correct ({len(self.answers)} answered)"

    def reset(self: _A) -> _A:
        self.answers.clear()
        self.index = 0
        return self

    def _is_correct(self, item, answer) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError


class RedFlagCasesState(_Answered):
    """The 'how urgent?' cases, answered on the urgency scale: ``answer("same_day")``."""

    noun = "case"

    def __init__(self, index: int = 0, *, cases=None):
        super().__init__(cases if cases is not None else ld.cases(), index=index)

    @property
    def case(self) -> Case:
        return self.item

    @property
    def levels(self) -> tuple[UrgencyLevel, ...]:
        """The answer choices: the urgency scale, most urgent first."""
        return tuple(il.urgency_levels())

    def _is_correct(self, item, answer) -> bool:
        return answer == item.urgency

    def answer(self, level: str) -> Feedback:
        keys = tuple(il.urgency_levels().keys())
        if not isinstance(level, str) or level not in keys:
            raise ValueError(f"unknown urgency level {level!r}; choose one of: {', '.join(keys)}")
        self.answers[self.case.key] = level
        return self.feedback

    def triage(self, item: Case | str | None = None) -> str | None:
        """'right', 'under' (chose less urgent than needed) or 'over'; None if
        unanswered. ``item`` is a case or its key (default: the current case)."""
        if item is None:
            item = self.case
        elif isinstance(item, str) and item in self.keys:
            item = self.items[self.keys.index(item)]
        elif item not in self.items:
            raise LookupError(f"unknown case {item!r}; choose one of: {', '.join(self.keys)}")
        if item.key not in self.answers:
            return None
        chose = il.urgency_level(self.answers[item.key]).rank
        needed = il.urgency_level(item.urgency).rank
        return "right" if chose == needed else ("under" if chose > needed else "over")

    @property
    def feedback(self) -> Feedback | None:
        verdict = self.triage()
        if verdict is None:
            return None
        c = self.case
        needed = il.urgency_level(c.urgency)
        head = f"This case is {needed.label.lower()}: {needed.action}"
        if verdict != "right":
            chose = il.urgency_level(self.answers[c.key]).label.lower()
            word = "less" if verdict == "under" else "more"
            head = f"You chose {chose}, {word} urgent than it needs. {head}"
        if c.red_flag:
            head += f" Red flag: {il.red_flag(c.red_flag).title.lower()}."
        return Feedback(verdict == "right", f"{head} {c.reason}", c.references)


class QuizState(_Answered):
    """Multiple-choice questions in a fixed order; ``choose(i)`` answers the current one."""

    noun = "question"

    def __init__(self, lesson: str | None = None, *, index: int = 0, questions=None):
        if questions is None:
            questions = ld.questions(self._check_lesson(lesson))
        self.lesson = lesson
        super().__init__(questions, index=index)

    @staticmethod
    def _check_lesson(lesson: str | None) -> str | None:
        """None (every question) or a lesson with questions; else LookupError listing them."""
        with_questions = tuple(dict.fromkeys(q.lesson for q in ld.questions()))
        if lesson is None or lesson == "05_review" or lesson in with_questions:
            return lesson
        if isinstance(lesson, str):
            ld.lesson(lesson)  # an unknown lesson: LookupError listing the lessons
        raise LookupError(f"no quiz questions for lesson {lesson!r}; choose one of: "
                          f"{', '.join(with_questions)}, or None (or '05_review') for all of them")

    @property
    def question(self) -> Question:
        return self.item

    def _is_correct(self, item, answer) -> bool:
        return answer == item.answer

    def choose(self, option: int) -> Feedback:
        q = self.question
        if isinstance(option, bool) or not isinstance(option, int) or not 0 <= option < len(q.options):
            raise ValueError(f"option must be 0-{len(q.options) - 1}, not {option!r}")
        self.answers[q.key] = option
        return self.feedback

    @property
    def chosen(self) -> int | None:
        return self.answers.get(self.question.key)

    @property
    def feedback(self) -> Feedback | None:
        if not self.answered:
            return None
        q = self.question
        ok = self.answers[q.key] == q.answer
        lead = "" if ok else f"The answer is: {q.correct_option}. "
        return Feedback(ok, lead + q.explanation, q.references)
