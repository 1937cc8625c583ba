"""The practice red-flag cases (``data/lessons/red_flag_cases.json``): a short
story, the level it calls for and the red flag it shows, read and checked
against the course's red flags and urgency scale.

Split from :mod:`iliopsoas_lessons.content.lessons`, which assembles them into
its :class:`~iliopsoas_lessons.content.lessons.LessonData` beside the quiz and
the pain-map exercise. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Content
from .reader import _choice, _File, _text

__all__ = ["Case", "read_cases"]


@dataclass(frozen=True)
class Case:
    key: str
    story: str
    urgency: str  # a level of the urgency scale (urgency.json)
    red_flag: str | None
    reason: str
    references: tuple[str, ...]
    # Why the next faster level is safe too, when the red flag's own advice allows
    # an emergency department (round 11 A M-2): that choice is then not marked wrong.
    faster_is_safe: str | None = None


def _sends_to_an_emergency_department(destination: str) -> bool:
    """The flag's own route (its first sentence) offers an emergency department.

    Only the level just below the most urgent qualifies (checked by the caller),
    so "faster" means an emergency department now. A department named only in a
    later sentence (say, what a student clinician may do) or a children's one is
    no ground for calling that safe for everyone the flag applies to."""
    first = re.split(r"(?<=\.)\s", destination.strip(), maxsplit=1)[0]
    return re.search(r"\b[Aa]n emergency department\b", first) is not None


def read_cases(directory, course: Content, refs) -> tuple[Case, ...]:
    """Each case's level must be its red flag's (or the lowest level, with no flag)."""
    flags = course.red_flags
    levels = tuple(course.urgency.keys())
    file = _File(directory, "red_flag_cases.json", label="lessons/red_flag_cases.json")
    cases = []
    for k, r in file.records("cases"):
        case = file.build(
            Case,
            k,
            {"faster_is_safe": None, **r},  # optional in the file
            {
                "urgency": _choice(levels),
                "red_flag": lambda v: None if v is None else _choice(tuple(flags.keys()))(v),
                "references": refs,
                "faster_is_safe": lambda v: None if v is None else _text(v),
            },
        )
        if case.faster_is_safe is not None:
            flag = flags[case.red_flag] if case.red_flag else None
            if flag is None or flag.urgency != levels[1] or not _sends_to_an_emergency_department(flag.destination):
                raise file.fail(
                    k,
                    "field 'faster_is_safe': only for a case whose red flag is below the most urgent "
                    "level and whose destination names an emergency department",
                )
        if case.red_flag is None and case.urgency != levels[-1]:
            raise file.fail(k, f"a case with no red flag is {levels[-1]!r}; name the red flag it shows")
        if case.red_flag is not None and case.urgency != flags[case.red_flag].urgency:
            raise file.fail(
                k,
                f"urgency {case.urgency!r} disagrees with red flag {case.red_flag!r}, "
                f"which is {flags[case.red_flag].urgency!r}",
            )
        cases.append(case)
    return tuple(cases)
