"""The class report's numbers, from the learners' records and the content.

Answers are scored again from the content, read through the content loader
(the quiz's key, the urgency scale's order), never taken from the files' own ``correct`` flags. First
attempts are what each learner thought before any feedback, so every share
here is of first attempts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.loader import course as _package_course
from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.content.text import case_level

__all__ = ["QuestionRow", "CaseRow", "PainMapRow", "question_rows", "case_rows", "pain_map_rows"]


@dataclass(frozen=True)
class QuestionRow:
    key: str
    prompt: str
    answered: int
    correct_first: int
    common_wrong: str | None  # the option's text
    common_wrong_count: int
    misconception: str | None  # what that option suggests (the quiz's content), if recorded

    @property
    def share_correct(self) -> float | None:
        return self.correct_first / self.answered if self.answered else None


@dataclass(frozen=True)
class CaseRow:
    key: str
    story: str
    level: str  # the level the case needs (its label)
    answered: int
    right: int
    under: int
    over: int


@dataclass(frozen=True)
class PainMapRow:
    exercise: str
    region: str
    label: str
    in_pattern: bool
    marked: int


def _firsts(records, exercise: str) -> dict[str, list]:
    """{item: [each learner's first answer]} for one exercise."""
    out: dict[str, list] = {}
    for _, data in records:
        for item, rec in data["exercises"].get(exercise, {}).items():
            out.setdefault(item, []).append(rec["first"]["answer"])
    return out


def _valid_option(answer, question) -> bool:
    return isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < len(question.options)


def question_rows(records, data: ld.LessonData | None = None) -> list[QuestionRow]:
    """One row per quiz question of ``data`` (default: the package's lessons)."""
    data = ld.lesson_data() if data is None else data
    firsts = _firsts(records, "quiz")
    rows = []
    for q in data.questions:
        answers = [a for a in firsts.get(q.key, []) if _valid_option(a, q)]
        wrong = Counter(a for a in answers if a != q.answer)
        # the most common wrong option; a tie goes to the option stored first
        top = min(wrong, key=lambda a: (-wrong[a], a)) if wrong else None
        option = q.options[top] if top is not None else None
        rows.append(
            QuestionRow(
                q.key,
                q.prompt,
                len(answers),
                sum(a == q.answer for a in answers),
                option and option.text,
                wrong[top] if top is not None else 0,
                option and option.misconception,
            )
        )
    return rows


def case_rows(records, data: ld.LessonData | None = None, course: Content | None = None) -> list[CaseRow]:
    """One row per red-flag case of ``data``, scored on the urgency scale of ``course`` (defaults: the package's)."""
    data = ld.lesson_data() if data is None else data
    course = _package_course() if course is None else course
    firsts = _firsts(records, "red_flag_cases")
    levels = course.urgency
    rows = []
    for case in data.cases:
        needed = levels[case.urgency].rank
        chosen = [levels[a].rank for a in firsts.get(case.key, []) if a in levels.keys()]
        rows.append(
            CaseRow(
                case.key,
                case.story,
                case_level(case, course).label,  # as the lesson shows it: "go now" where the flag goes now
                len(chosen),
                sum(c == needed for c in chosen),
                sum(c > needed for c in chosen),  # a less urgent level than needed
                sum(c < needed for c in chosen),
            )
        )
    return rows


def pain_map_rows(records, data: ld.LessonData | None = None, course: Content | None = None) -> list[PainMapRow]:
    """One row per region offered by each pain-map exercise of ``data``, labelled from ``course``."""
    data = ld.lesson_data() if data is None else data
    course = _package_course() if course is None else course
    firsts = _firsts(records, "pain_map")
    rows = []
    for exercise in data.pain_maps:
        marked = Counter(k for answer in firsts.get(exercise.key, []) for k in set(answer))
        rows += [
            PainMapRow(exercise.key, k, course.regions[k].label, k in exercise.answer, marked[k])
            for k in exercise.choices
        ]
    return rows
