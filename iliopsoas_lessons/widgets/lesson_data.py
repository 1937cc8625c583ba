"""The lessons' own data: quiz questions, red-flag cases, the pain-map exercise
and the lesson map, read from ``data/lessons/*.json``.

Like :mod:`iliopsoas_lessons.records`, every file is checked on load and a
problem fails loudly with the file and the key (``lessons/quiz.json:
insertion: field 'answer': ...``). Every item cites reference keys that must
exist in ``references.json``. Standard library only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import iliopsoas_lessons as il
from iliopsoas_lessons.records import Collection, ContentError

__all__ = [
    "Lesson", "Question", "Case", "PainMapExercise", "LessonData",
    "load", "lesson_data", "lessons", "lesson", "questions", "cases", "pain_map_exercise",
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
class Question:
    key: str
    lesson: str
    prompt: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    references: tuple[str, ...]

    @property
    def correct_option(self) -> str:
        return self.options[self.answer]


@dataclass(frozen=True)
class Case:
    key: str
    story: str
    urgent: bool
    red_flag: str | None
    reason: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class PainMapExercise:
    key: str
    symptom: str
    side: str
    prompt: str
    choices: tuple[str, ...]
    references: tuple[str, ...]

    @property
    def answer(self) -> tuple[str, ...]:
        """The reference pattern: the symptom's regions for ``side``."""
        return il.symptom(self.symptom).regions_for(self.side)


@dataclass(frozen=True)
class LessonData:
    lessons: Collection[Lesson]
    questions: Collection[Question]
    cases: Collection[Case]
    pain_maps: Collection[PainMapExercise]


USE_KINDS = ("muscle", "mechanism", "symptom", "claim", "red_flag", "region", "caveat",
             "quiz", "case", "pain_map")


class _Bad(Exception):
    pass


class _File:
    def __init__(self, directory: Any, name: str):
        self.name = f"lessons/{name}"
        try:
            text = (directory / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ContentError(f"{self.name}: file is missing") from None
        try:
            self.data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ContentError(f"{self.name}: not valid JSON ({exc})") from None
        if not isinstance(self.data, dict):
            raise ContentError(f"{self.name}: top level must be an object")

    def fail(self, key: str, message: str) -> ContentError:
        return ContentError(f"{self.name}: {key}: {message}")

    def records(self, list_name: str, fields: dict[str, Any]) -> list[dict]:
        raw = self.data.get(list_name)
        if not isinstance(raw, list) or not raw:
            raise ContentError(f"{self.name}: missing or empty list {list_name!r}")
        out, seen = [], set()
        for i, rec in enumerate(raw):
            if not isinstance(rec, dict):
                raise ContentError(f"{self.name}: {list_name}[{i}]: must be an object")
            key = rec.get("key")
            if not isinstance(key, str) or not key:
                raise ContentError(f"{self.name}: {list_name}[{i}]: missing field 'key'")
            if key in seen:
                raise self.fail(key, "duplicate key")
            seen.add(key)
            missing = [f for f in fields if f not in rec]
            if missing:
                raise self.fail(key, f"missing field {missing[0]!r}")
            extra = sorted(set(rec) - set(fields))
            if extra:
                raise self.fail(key, f"unknown field {extra[0]!r}; fields are: {', '.join(fields)}")
            values = {}
            for name, convert in fields.items():
                try:
                    values[name] = convert(rec[name])
                except _Bad as exc:
                    raise self.fail(key, f"field {name!r}: {exc}") from None
            out.append(values)
        return out


def _key(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise _Bad("must be a key")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be non-empty text")
    return value


def _refs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise _Bad("must cite at least one reference key")
    known = set(il.references().keys())
    unknown = [v for v in value if v not in known]
    if unknown:
        raise _Bad(f"cites unknown reference {unknown[0]!r}")
    return tuple(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("must be true or false")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise _Bad("must be a positive whole number")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise _Bad("must be a list of at least two texts")
    out = tuple(_text(v) for v in value)
    if len(set(out)) != len(out):
        raise _Bad("lists the same text twice")
    return out


def _keys(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise _Bad("must be a non-empty list of keys")
    if len(set(value)) != len(value):
        raise _Bad("lists a key twice")
    return tuple(value)


def _one_of(choices):
    def convert(value: Any) -> str:
        if value not in choices:
            raise _Bad(f"unknown key {value!r}; valid: {', '.join(choices)}")
        return value
    return convert


def _use(value: str, lesson_keys) -> str:
    kind, _, key = value.partition(":")
    if kind not in USE_KINDS or not key:
        raise _Bad(f"{value!r} must be 'kind:key' with kind one of: {', '.join(USE_KINDS)}")
    return value


def data_directory():
    return resources.files("iliopsoas_lessons") / "data" / "lessons"


def load(directory: Any = None) -> LessonData:
    """Read and check the lesson data in ``directory`` (default: the package's)."""
    directory = data_directory() if directory is None else directory

    lesson_file = _File(directory, "lessons.json")
    lesson_recs = lesson_file.records("lessons", {
        "key": _key, "title": _text, "minutes": _int, "summary": _text,
        "uses": lambda v: tuple(_use(u, None) for u in (v if isinstance(v, list) else _keys(v))),
    })
    lessons = tuple(Lesson(**r) for r in lesson_recs)
    lesson_keys = tuple(l.key for l in lessons)

    quiz_file = _File(directory, "quiz.json")
    questions = []
    for r in quiz_file.records("questions", {
        "key": _key, "lesson": _one_of(lesson_keys), "prompt": _text, "options": _texts,
        "answer": lambda v: v, "explanation": _text, "references": _refs,
    }):
        answer = r["answer"]
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < len(r["options"]):
            raise quiz_file.fail(r["key"], f"field 'answer': must be an option index 0-{len(r['options']) - 1}")
        questions.append(Question(**r))

    flag_keys = tuple(il.red_flags().keys())
    case_file = _File(directory, "red_flag_cases.json")
    cases = []
    for r in case_file.records("cases", {
        "key": _key, "story": _text, "urgent": _bool,
        "red_flag": lambda v: None if v is None else _one_of(flag_keys)(v),
        "reason": _text, "references": _refs,
    }):
        if r["urgent"] != (r["red_flag"] is not None):
            raise case_file.fail(r["key"], "an urgent case names its red flag; a non-urgent case has none (null)")
        cases.append(Case(**r))

    region_keys = tuple(il.regions().keys())
    map_file = _File(directory, "pain_map.json")
    maps = []
    for r in map_file.records("exercises", {
        "key": _key, "symptom": _one_of(tuple(il.symptoms().keys())), "side": _one_of(("left", "right")),
        "prompt": _text, "choices": _keys, "references": _refs,
    }):
        for region in r["choices"]:
            if region not in region_keys:
                raise map_file.fail(r["key"], f"field 'choices': unknown region {region!r}")
        exercise = PainMapExercise(**r)
        if not exercise.answer:
            raise map_file.fail(r["key"], f"symptom {exercise.symptom!r} has no regions to mark")
        missing = [k for k in exercise.answer if k not in exercise.choices]
        if missing:
            raise map_file.fail(r["key"], f"field 'choices': the answer region {missing[0]!r} is not offered")
        maps.append(exercise)

    data = LessonData(
        lessons=Collection("lesson", lessons),
        questions=Collection("question", tuple(questions)),
        cases=Collection("case", tuple(cases)),
        pain_maps=Collection("pain-map exercise", tuple(maps)),
    )
    for lesson in lessons:
        for use in lesson.uses:
            try:
                _resolve(use, data)
            except LookupError as exc:
                raise lesson_file.fail(lesson.key, f"field 'uses': {use!r}: {exc}") from None
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
    """Quiz questions in their fixed order; one lesson's, or all (``None`` or ``'05_review'``)."""
    all_q = tuple(lesson_data().questions)
    if lesson_key is None or lesson_key == "05_review":
        return all_q
    lesson(lesson_key)  # unknown key -> LookupError
    return tuple(q for q in all_q if q.lesson == lesson_key)


def cases() -> tuple[Case, ...]:
    return tuple(lesson_data().cases)


def pain_map_exercise(key: str = "back_pain_referral") -> PainMapExercise:
    return lesson_data().pain_maps[key]


def _resolve(use: str, data: LessonData) -> list:
    """The records a lesson's 'kind:key' entry points at ('*' = all of that kind)."""
    kind, _, key = use.partition(":")
    if kind == "caveat":
        return [il.content().red_flag_caveat]
    if kind == "quiz":
        if key == "*":
            return list(data.questions)
        data.lessons[key]
        return [q for q in data.questions if q.lesson == key]
    pools = {
        "muscle": il.muscles, "mechanism": il.mechanisms, "symptom": il.symptoms, "claim": il.claims,
        "red_flag": il.red_flags, "region": il.regions,
        "case": lambda: data.cases, "pain_map": lambda: data.pain_maps,
    }
    pool = pools[kind]()
    return list(pool) if key == "*" else [pool[key]]


def lesson_references(lesson_key: str) -> tuple[str, ...]:
    """Reference keys a lesson uses, in the order of ``references.json``."""
    data = lesson_data()
    found: set[str] = set()
    for use in data.lessons[lesson_key].uses:
        for record in _resolve(use, data):
            found.update(record.references)
            if use.startswith("symptom:"):  # a symptom page also shows its claims and mechanisms
                for m in record.mechanisms:
                    found.update(il.mechanism(m).references)
    return tuple(r.key for r in il.references() if r.key in found)
