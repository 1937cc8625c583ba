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

import re
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from .cases import case_references
from .checks import level_problems, urgency_marks
from .loader import course as _package_course
from .models import Collection, Content, ContentError
from .practice_cases import Case, read_cases
from .reader import _Bad, _choice, _File, _list, _text, _whole
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
class Option:
    """One answer to a question and what a learner reads on choosing it.

    ``feedback`` explains this option (why it is right, or why not);
    ``misconception`` (wrong options only) names the mistaken idea that
    choosing it suggests, for reports of the commonest wrong answers."""

    text: str
    feedback: str
    misconception: str | None = None


@dataclass(frozen=True)
class Question:
    key: str
    lesson: str
    prompt: str
    options: tuple[Option, ...]
    answer: int  # index into ``options`` as stored; learners see them shuffled
    explanation: str
    references: tuple[str, ...]
    # The red flags the item shows ('red_flags' in quiz.json, optional), and
    # whether it also names the level of a presentation with no warning sign
    # ('no_flag'): every {urgency:...} mark must be one of their levels
    # (checks.level_problems). Not named 'red_flags' here, so that the review
    # sheet keeps filing each flag under the lesson that teaches it.
    flags_shown: tuple[str, ...] = ()
    no_flag: bool = False
    # Set by the loader from the stored text: (level key, sentence) per mark.
    urgency_marks: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # raw marks: not learner text

    @property
    def texts(self) -> tuple[str, ...]:
        """The options' texts, in stored order."""
        return tuple(o.text for o in self.options)

    @property
    def correct_option(self) -> str:
        return self.options[self.answer].text

    @property
    def option_feedback(self) -> tuple[str, ...]:
        """Each option with its feedback (and misconception): what a clinician
        reviewing the question checks beside its explanation."""
        return tuple(
            f"{o.text} \u2192 {o.feedback}" + (f" [misconception: {o.misconception}]" if o.misconception else "")
            for o in self.options
        )


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


_LEVEL_MARK = re.compile(r"\{urgency:([^{}]*)\}")


def _level_labels(urgency) -> dict[str, str]:
    """Each level's label by key, and its 'now' label (``{urgency:same_day:now}``) where it has one:
    the wording shown beside a flag that goes now, so a quiz names its level as the flag shows it."""
    labels = {u.key: u.label for u in urgency}
    labels.update({f"{u.key}:now": u.now.label for u in urgency if u.now is not None})
    return labels


def _leveled(levels: dict[str, str]):
    """Text in which ``{urgency:key}`` (or ``{urgency:key:now}``) becomes that level's label, quoted."""

    def convert(value: Any) -> str:
        def label(match: re.Match) -> str:
            if match.group(1) not in levels:
                raise _Bad(f"names unknown urgency level {match.group(1)!r}; choose one of: {', '.join(levels)}")
            return f"\u201c{levels[match.group(1)]}\u201d"

        return _LEVEL_MARK.sub(label, _text(value))

    return convert


def _options(text):
    """At least two options, each {text, feedback[, misconception]}, no text twice."""

    def convert(value: Any) -> tuple[Option, ...]:
        if len(_list(value, "list of at least two options")) < 2:
            raise _Bad("must be a list of at least two options")
        out = []
        for i, o in enumerate(value):
            if not isinstance(o, dict):
                raise _Bad(f"option {i} must be an object with 'text' and 'feedback'")
            unknown = sorted(set(o) - {"text", "feedback", "misconception"})
            missing = [f for f in ("text", "feedback") if f not in o]
            if unknown or missing:
                raise _Bad(
                    f"option {i}: "
                    + (f"unknown field {unknown[0]!r}" if unknown else f"missing {missing[0]!r}")
                    + "; fields are: text, feedback, misconception"
                )
            try:
                out.append(
                    Option(
                        text(o["text"]),
                        text(o["feedback"]),
                        None if o.get("misconception") is None else _text(o["misconception"]),
                    )
                )
            except _Bad as exc:
                raise _Bad(f"option {i}: {exc}") from None
        if len({o.text for o in out}) != len(out):
            raise _Bad("lists the same text twice")
        return tuple(out)

    return convert


def _check_answer(file: _File, k: str, q: Question) -> None:
    """``answer`` indexes an option; the key names no misconception, every wrong option one."""
    try:
        _whole(q.answer, 0, len(q.options) - 1)
    except _Bad:
        raise file.fail(k, f"field 'answer': must be an option index 0-{len(q.options) - 1}") from None
    for i, o in enumerate(q.options):
        if i == q.answer and o.misconception is not None:
            raise file.fail(k, f"field 'options': option {i} is the answer, so it names no misconception")
        if i != q.answer and o.misconception is None:
            raise file.fail(k, f"field 'options': option {i} is wrong, so it needs a 'misconception'")


def _questions(directory, lesson_keys, refs, levels: dict[str, str]) -> tuple[Question, ...]:
    file = _file(directory, "quiz.json")
    text = _leveled(levels)
    questions = []
    for k, r in file.records("questions"):
        flag_fields = {n: r[n] for n in ("red_flags", "no_flag") if n in r}
        r = {n: v for n, v in r.items() if n not in flag_fields}
        q = file.build(
            Question,
            k,
            r,
            {
                "lesson": _choice(lesson_keys),
                "prompt": text,
                "options": _options(text),
                "explanation": text,
                "answer": lambda v: v,
                "references": refs,
            },
            optional=("flags_shown", "no_flag", "urgency_marks"),
        )
        _check_answer(file, k, q)
        questions.append(replace(q, **_flag_fields(file, k, r, flag_fields)))
    return tuple(questions)


def _flag_fields(file: _File, k: str, raw: dict, flag_fields: dict) -> dict:
    """'red_flags' (keys) and 'no_flag' (true or false) as given, and the
    {urgency:...} marks of the raw texts with their sentences."""
    no_flag = flag_fields.get("no_flag", False)
    if not isinstance(no_flag, bool):
        raise file.fail(k, "field 'no_flag': must be true or false")
    try:
        red_flags = _records_keys(flag_fields.get("red_flags", []))
    except _Bad as exc:
        raise file.fail(k, f"field 'red_flags': {exc}") from None
    texts = [raw.get("prompt"), raw.get("explanation")]
    texts += [o.get("feedback") for o in raw.get("options", []) if isinstance(o, dict)]
    marks = tuple(m for t in texts if isinstance(t, str) for m in urgency_marks(t))
    return {"flags_shown": red_flags, "no_flag": no_flag, "urgency_marks": marks}


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
            _questions(directory, tuple(l.key for l in lessons), refs, _level_labels(course.urgency)),
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
