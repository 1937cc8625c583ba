"""The course's practice items in one neutral form that every export writes.

A quiz question keeps its options in stored order, each with its own
feedback; a red-flag case becomes a choice over the urgency scale (most
urgent first), each level with feedback that says whether it is right or
which way it is off, without giving the right level away before the second
try (the lessons' cases do the same: widgets/_state_exercises.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from iliopsoas_lessons.content.text import case_level, flag_steps_text
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.lessons import LessonData, Question
from iliopsoas_lessons.content.practice_cases import Case
from iliopsoas_lessons.content.loader import course as _package_course
from iliopsoas_lessons.content.models import Content

__all__ = ["Choice", "Item", "items", "TRIES", "RETRY_HINT", "CASE_PROMPT"]

TRIES = 2  # the lessons show the right answer after a right answer or a second one
RETRY_HINT = "Not yet. Read the feedback on your answer, then choose another one."
CASE_PROMPT = "How urgently should this person get help?"


@dataclass(frozen=True)
class Choice:
    text: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class Item:
    """One multiple-choice item: ``kind`` is 'quiz' or 'case'; ``key`` its key in the content."""

    kind: str
    key: str
    title: str
    prompt: str
    choices: tuple[Choice, ...]
    explanation: str
    references: tuple[str, ...]  # full citations, in the item's order

    @property
    def ident(self) -> str:
        """An identifier every format accepts (an XML NCName: starts with a letter)."""
        return f"{self.kind}-{self.key}"

    @property
    def answer(self) -> int:
        return next(i for i, c in enumerate(self.choices) if c.correct)


def _citations(course: Content, keys) -> tuple[str, ...]:
    return tuple(course.references[k].citation for k in keys)


def _title(text: str, limit: int = 80) -> str:
    """A short name for a platform's question bank (Moodle's names are at most 255 characters)."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _question(course: Content, q: Question) -> Item:
    choices = tuple(Choice(o.text, o.feedback, i == q.answer) for i, o in enumerate(q.options))
    return Item("quiz", q.key, _title(q.prompt), q.prompt, choices, q.explanation, _citations(course, q.references))


def _case(course: Content, case: Case) -> Item:
    needed = course.urgency[case.urgency]
    choices = []
    for level in course.urgency:
        if level.key == case.urgency:
            shown = case_level(case, course)  # 'go now' wording where the case's flag goes now
            text = f"Right: this case is \u201c{shown.label}\u201d. {shown.referral}"
        elif case.faster_is_safe is not None and level.rank == needed.rank - 1:
            # not wrong (the flag's own advice allows it), though the formats key one answer
            text = f"\u201c{level.label}\u201d is safe here, not wrong. {case.faster_is_safe}"
        else:
            way = "less" if level.rank > needed.rank else "more"
            text = f"\u201c{level.label}\u201d is {way} urgent than this case needs."
        choices.append(Choice(level.label, text, level.key == case.urgency))
    if case.red_flag:
        red_flag = course.red_flags[case.red_flag]
        # the flag's own destination, interim advice and escalation, as every page shows them
        flag = f" Red flag: {red_flag.title}. {flag_steps_text(red_flag, course)}"
    else:
        flag = " No red flag."
    return Item(
        "case",
        case.key,
        f"How urgent? {case.key.replace('_', ' ')}",
        f"{case.story} {CASE_PROMPT}",
        tuple(choices),
        f"{case.reason}{flag}",
        _citations(course, case.references),
    )


def items(course: Content | None = None, data: LessonData | None = None) -> tuple[Item, ...]:
    """Every quiz question, then every red-flag case, in the content's order.

    ``course`` defaults to the package's; ``data`` (the lesson data) to the
    package's when ``course`` is, else it is loaded against ``course``."""
    if course is None:
        course = _package_course()
    if data is None:
        data = ld.lesson_data() if course is _package_course() else ld.load(course=course)
    return tuple(_question(course, q) for q in data.questions) + tuple(_case(course, c) for c in data.cases)
