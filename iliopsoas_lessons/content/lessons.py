"""The lessons' own data: quiz questions, the pain-map exercise and the lesson
map, read from ``data/lessons/*.json``, with the red-flag cases (read by
:mod:`.practice_cases`) assembled into one :class:`LessonData`.

A quiz question's options each carry their own feedback, and every wrong
option names the misconception choosing it suggests. Quiz texts never state an
urgency level in words: they write ``{urgency:same_day}`` and the loader puts
in that level's label from ``urgency.json``, so the quiz and the scale cannot
disagree.

Like :mod:`iliopsoas_lessons.content`, every file is checked on load and a
problem fails loudly with the file and the key (``lessons/quiz.json:
insertion: field 'answer': ...``). Every item cites reference keys that must
exist in ``references.json``. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from .cases import case_references
from .checks import level_problems
from .loader import course as _package_course
from .models import Collection, Content, ContentError
from .practice_cases import Case, read_cases
from .quiz import Option, Question, level_labels, read_questions
from .reader import _Bad, _choice, _File, _whole
from .reader import _keys as _records_keys
from .reader import _refs as _records_refs

__all__ = [
    "Lesson",
    "Option",
    "Question",
    "PainMapExercise",
    "LessonData",
    "load",
    "lesson_data",
    "lessons",
    "lesson",
    "questions",
    "cases",
    "pain_map_exercise",
    "lesson_references",
]


@dataclass(frozen=True)
class Lesson:
    key: str
    title: str
    minutes: int
    summary: str
    uses: tuple[str, ...]

    @property
    def file(self) -> str:
        return f"{self.key}.ipynb"


@dataclass(frozen=True)
class PainMapExercise:
    key: str
    symptom: str
    side: str
    prompt: str
    choices: tuple[str, ...]
    references: tuple[str, ...]
    # The reference pattern: the symptom's regions for ``side`` in the course the
    # exercise was loaded with (set by the loader, never held in pain_map.json).
    answer: tuple[str, ...] = ()


@dataclass(frozen=True)
class LessonData:
    lessons: Collection[Lesson]
    questions: Collection[Question]
    cases: Collection[Case]
    pain_maps: Collection[PainMapExercise]


USE_KINDS = (
    "muscle",
    "mechanism",
    "symptom",
    "claim",
    "red_flag",
    "urgency",
    "exam",
    "imaging",
    "rehab",
    "figure",
    "region",
    "caveat",
    "quiz",
    "case",
    "pain_map",
    "virtual_case",
)


def _refs_in(known: set[str]):
    def convert(value: Any) -> tuple[str, ...]:
        value = list(_records_refs(value))
        unknown = [v for v in value if v not in known]
        if unknown:
            raise _Bad(f"cites unknown reference {unknown[0]!r}")
        return tuple(value)

    return convert


def _int(value: Any) -> int:
    return _whole(value, 1, what="a positive whole number")


def _keys(value: Any) -> tuple[str, ...]:
    keys = _records_keys(value)
    if not keys:
        raise _Bad("must be a non-empty list of keys")
    return keys


def _use(value: str) -> str:
    kind, _, key = value.partition(":")
    if kind not in USE_KINDS or not key:
        raise _Bad(f"{value!r} must be 'kind:key' with kind one of: {', '.join(USE_KINDS)}")
    return value


def _file(directory: Any, name: str) -> _File:
    return _File(directory, name, label=f"lessons/{name}")


def data_directory():
    return resources.files("iliopsoas_lessons") / "data" / "lessons"


def _pain_maps(directory, course: Content, refs) -> tuple[PainMapExercise, ...]:
    """Every region offered exists, and the answer's regions are all offered."""
    region_keys = tuple(course.regions.keys())
    file = _file(directory, "pain_map.json")
    maps = []
    for k, r in file.records("exercises"):
        exercise = file.build(
            PainMapExercise,
            k,
            r,
            {
                "symptom": _choice(tuple(course.symptoms.keys())),
                "side": _choice(("left", "right")),
                "choices": _keys,
                "references": refs,
            },
            optional=("answer",),
        )
        for region in exercise.choices:
            if region not in region_keys:
                raise file.fail(k, f"field 'choices': unknown region {region!r}")
        answer = course.symptoms[exercise.symptom].regions_for(exercise.side)
        if not answer:
            raise file.fail(k, f"symptom {exercise.symptom!r} has no regions to mark")
        missing = [r for r in answer if r not in exercise.choices]
        if missing:
            raise file.fail(k, f"field 'choices': the answer region {missing[0]!r} is not offered")
        maps.append(replace(exercise, answer=answer))
    return tuple(maps)


def load(directory: Any = None, course: Content | None = None) -> LessonData:
    """Read and check the lesson data in ``directory`` (default: the package's)
    against the course content ``course`` (default: the package's)."""
    directory = data_directory() if directory is None else directory
    course = _package_course() if course is None else course
    refs = _refs_in(set(course.references.keys()))
    lesson_file = _file(directory, "lessons.json")
    lessons = tuple(
        lesson_file.build(Lesson, k, r, {"minutes": _int, "uses": lambda v: tuple(_use(u) for u in _keys(v))})
        for k, r in lesson_file.records("lessons")
    )
    data = LessonData(
        lessons=Collection("lesson", lessons),
        questions=Collection(
            "question",
            read_questions(
                _file(directory, "quiz.json"), tuple(l.key for l in lessons), refs, level_labels(course.urgency)
            ),
        ),
        cases=Collection("case", read_cases(directory, course, refs)),
        pain_maps=Collection("pain-map exercise", _pain_maps(directory, course, refs)),
    )
    for lesson in lessons:
        for use in lesson.uses:
            try:
                _resolve(use, data, course)
            except LookupError as exc:
                raise lesson_file.fail(lesson.key, f"field 'uses': {use!r}: {exc}") from None
    problems = level_problems(course, data)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ContentError(f"{problems[0]}{more}")
    return data


_DATA: LessonData | None = None


def lesson_data() -> LessonData:
    global _DATA
    if _DATA is None:
        _DATA = load()
    return _DATA


def lessons() -> Collection[Lesson]:
    return lesson_data().lessons


def lesson(key: str) -> Lesson:
    return lesson_data().lessons[key]


def questions(lesson_key: str | None = None) -> tuple[Question, ...]:
    """Quiz questions in their stored order; one lesson's (``'05_review'``: the
    review's own application items), or every lesson's (``None``)."""
    all_q = tuple(lesson_data().questions)
    if lesson_key is None:
        return all_q
    lesson(lesson_key)  # unknown key -> LookupError
    return tuple(q for q in all_q if q.lesson == lesson_key)


def cases() -> tuple[Case, ...]:
    return tuple(lesson_data().cases)


def pain_map_exercise(key: str = "back_pain_referral") -> PainMapExercise:
    return lesson_data().pain_maps[key]


def _resolve(use: str, data: LessonData, course: Content) -> list:
    """The records a lesson's 'kind:key' entry points at ('*' = all of that kind)."""
    kind, _, key = use.partition(":")
    if kind == "caveat":
        return [course.red_flag_caveat]
    if kind == "virtual_case":  # the virtual-patient cases of data/cases/ (content/cases.py)
        if key == "*":
            return list(course.cases)
        try:
            return [course.case(key)]
        except ValueError as exc:  # ContentError names the valid keys
            raise LookupError(str(exc)) from None
    if kind == "quiz":
        if key == "*":
            return list(data.questions)
        data.lessons[key]
        return [q for q in data.questions if q.lesson == key]
    pools = {
        "muscle": lambda: course.muscles,
        "mechanism": lambda: course.mechanisms,
        "symptom": lambda: course.symptoms,
        "claim": lambda: course.claims,
        "red_flag": lambda: course.red_flags,
        "urgency": lambda: course.urgency,
        "region": lambda: course.regions,
        "exam": lambda: [
            *course.groin_entities,
            *course.exam_tests,
            course.groin_note,
            *course.nerve_tests,
            *course.nerve_or_root,
            course.nerve_or_root_note,
        ],
        "imaging": lambda: course.imaging,
        "rehab": lambda: course.rehabilitation,
        "figure": lambda: course.figure_texts,
        "case": lambda: data.cases,
        "pain_map": lambda: data.pain_maps,
    }
    pool = pools[kind]()
    return list(pool) if key == "*" else [pool[key]]


def lesson_references(
    lesson_key: str, course: Content | None = None, data: LessonData | None = None
) -> tuple[str, ...]:
    """Reference keys a lesson uses, in the order of ``references.json``
    (``course`` and ``data`` default to the package's)."""
    course = _package_course() if course is None else course
    data = lesson_data() if data is None else data
    found: set[str] = set()
    for use in data.lessons[lesson_key].uses:
        for record in _resolve(use, data, course):
            found.update(case_references(record) if use.startswith("virtual_case:") else record.references)
            if use.startswith("symptom:"):  # a symptom page also shows its claims and mechanisms
                for m in record.mechanisms:
                    found.update(course.mechanisms[m].references)
    return tuple(r.key for r in course.references if r.key in found)
