"""The gradebook CSV: one row per learner, for a platform's grade import.

    python -m iliopsoas_lessons.report --per-learner grades.csv RESULTS...

Columns: Canvas's identifying columns first (``Student``, ``ID``, ``SIS User
ID``, ``SIS Login ID``, ``Section``; Canvas reads every later column as an
assignment), then one column per grade item: each lesson's quiz right at the
first try, the red-flag cases answered, under- and over-triaged, and each
pain map's areas judged right at the first check (%), and each virtual
patient's points (0-100, the latest path scored again from the case). Moodle's CSV import
maps the ``SIS User ID`` column to a user field (docs/instructor_guide.md).
``Student`` and the two SIS columns hold the learner's pseudonym, or the
learner id where none was given. A cell is blank where the learner answered
none of that item. Answers are scored again from the content, as in tally.py.
"""

from __future__ import annotations

import io

from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.loader import course as _package_course

from .collect import Collected
from .page import _SafeWriter, course_cases
from .paths import learner_points

__all__ = ["IDENTITY", "gradebook_columns", "gradebook_rows", "gradebook_csv"]

IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def _lessons() -> dict[str, list]:
    """{lesson key: its questions}, lessons in the order of lessons.json, only those with questions."""
    by_lesson: dict[str, list] = {}
    for q in ld.questions():
        by_lesson.setdefault(q.lesson, []).append(q)
    return {lesson.key: by_lesson[lesson.key] for lesson in ld.lessons() if lesson.key in by_lesson}


def _cases(cases) -> tuple:
    return course_cases() if cases is None else tuple(cases)


def gradebook_columns(cases=None) -> list[str]:
    cols = list(IDENTITY)
    cols += [f"Quiz {k}: right at first try (of {len(qs)})" for k, qs in _lessons().items()]
    n = len(ld.cases())
    cols += [f"Red-flag cases: answered (of {n})", "Red-flag cases: under-triaged", "Red-flag cases: over-triaged"]
    cols += [f"Pain map {p.key}: areas right at first check (%)" for p in ld.lesson_data().pain_maps]
    cols += [f"Virtual case {c.key}: points (of 100)" for c in _cases(cases)]
    return cols


def _firsts(data: dict, exercise: str) -> dict:
    return {item: rec["first"]["answer"] for item, rec in data["exercises"].get(exercise, {}).items()}


def _quiz_cells(data: dict) -> list:
    firsts = _firsts(data, "quiz")
    cells = []
    for questions in _lessons().values():
        answered = [q for q in questions if q.key in firsts]
        cells.append(sum(firsts[q.key] == q.answer for q in answered) if answered else "")
    return cells


def _case_cells(data: dict) -> list:
    firsts = _firsts(data, "red_flag_cases")
    levels = _package_course().urgency
    ranks = [
        (levels[a].rank, levels[c.urgency].rank) for c in ld.cases() for a in [firsts.get(c.key)] if a in levels.keys()
    ]
    if not ranks:
        return ["", "", ""]
    # the scale is most urgent first: a higher rank than needed is a less urgent level
    return [len(ranks), sum(chose > needed for chose, needed in ranks), sum(chose < needed for chose, needed in ranks)]


def _pain_map_cells(data: dict) -> list:
    firsts = _firsts(data, "pain_map")
    cells = []
    for exercise in ld.lesson_data().pain_maps:
        if exercise.key not in firsts:
            cells.append("")
            continue
        marked, pattern = set(firsts[exercise.key]), set(exercise.answer)
        right = sum((k in marked) == (k in pattern) for k in exercise.choices)
        cells.append(round(100 * right / len(exercise.choices), 1))
    return cells


def gradebook_rows(records, cases=None, engine=None) -> list[list]:
    cases = _cases(cases)
    rows = []
    for _, data in records:
        name = data["pseudonym"] or data["learner_id"]
        cells = _quiz_cells(data) + _case_cells(data) + _pain_map_cells(data)
        rows.append([name, "", name, name, ""] + cells + learner_points(data, cases, engine=engine))
    return rows


def gradebook_csv(collected: Collected, *, cases=None, engine=None) -> str:
    """The header and one row per learner, every cell neutralised against spreadsheet formulas.
    ``cases`` and ``engine`` default to the package's virtual patients and their engine."""
    out = io.StringIO()
    w = _SafeWriter(out)
    w.writerow(gradebook_columns(cases))
    for row in gradebook_rows(collected.records, cases, engine):
        w.writerow(row)
    return out.getvalue()
