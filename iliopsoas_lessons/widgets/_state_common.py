"""Shared parts of the lesson states: choice checks, :class:`Feedback` and
:class:`Stepper` (see :mod:`iliopsoas_lessons.widgets.state`)."""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import TypeVar

from iliopsoas_lessons.content.roles import BODIES, ROLES, contrast_kind, contrast_text, is_contrast_pattern
from iliopsoas_lessons.content import SIDES
from iliopsoas_lessons.content.loader import course as _package_course
from iliopsoas_lessons.content.models import Content

__all__ = ["Feedback", "Stepper", "BODIES", "side_label", "contrast_note"]


def course_or_package(course: Content | None) -> Content:
    """The course a state was given, or the package's own (the default of a
    top-level widget): a state reads its records from it and nowhere else."""
    return _package_course() if course is None else course


def side_label(side: str) -> str:
    """``"patient's left"``; an unknown side raises ValueError naming the sides."""
    return f"patient's {_check_side(side)}"


def _check_side(side: str) -> str:
    if side not in SIDES:
        raise ValueError(f"unknown side {side!r}; choose one of: {', '.join(SIDES)}")
    return side


def _check_body(body: str) -> str:
    if body not in BODIES:
        raise ValueError(f"unknown body {body!r}; choose one of: {', '.join(BODIES)}")
    return body


def _legend_roles(marks: dict) -> tuple[str, ...]:
    used = set(marks.values())
    return tuple(r for r in ROLES if r in used)


def contrast_note(symptom, course: Content | None = None) -> str:
    """What a contrast pattern is, said plainly ('' for an iliopsoas pattern):
    its figure text (``contrast_<symptom>``, naming only what the map marks,
    from ``course``, default: the package's), else a general sentence."""
    if not is_contrast_pattern(symptom):
        return ""
    own = contrast_text(symptom, course)
    if own is not None:
        return own.text
    return (
        f"Shown for contrast: {contrast_kind(symptom, course)}, not an iliopsoas pattern. "
        "A different condition's pattern is marked beside it to tell them apart."
    )


def _clamp(value, low, high):
    return max(low, min(high, value))


def _check_index(index, count: int, noun: str = "item") -> int:
    """A whole number 0..count-1 (a bool or a float is refused, not truncated)."""
    valid = f"0 to {count - 1} (the {noun}s' positions, 1 of {count} to {count} of {count})"
    if isinstance(index, bool) or not isinstance(index, numbers.Integral):
        raise ValueError(f"{noun} index must be a whole number from {valid}, not {index!r}")
    if not 0 <= index < count:
        raise ValueError(f"{noun} index {index} is out of range; choose {valid}")
    return int(index)


@dataclass(frozen=True)
class Feedback:
    """What the learner sees after answering: a verdict in words, and why."""

    correct: bool
    explanation: str
    references: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        return "Correct" if self.correct else "Not yet"

    @property
    def text(self) -> str:
        return f"{self.verdict}. {self.explanation}"


_S = TypeVar("_S", bound="Stepper")


class Stepper:
    """An index over ``count`` items with previous/next, clamped at both ends.

    :meth:`next` and :meth:`previous` stop at the ends. An explicit index (at
    construction or :meth:`go_to`) must be a valid position: anything else
    raises ``ValueError`` naming the range. Subclasses with ``keys`` also go
    to an item by its key (an unknown key raises ``LookupError`` listing them).
    """

    noun = "item"
    keys: tuple[str, ...] | None = None

    def __init__(self, count: int, *, index: int = 0):
        if isinstance(count, bool) or not isinstance(count, numbers.Integral) or count < 1:
            raise ValueError(f"a stepper needs a whole number of items, at least one, not {count!r}")
        self.count = int(count)
        self.index = _check_index(index, self.count, self.noun)

    @property
    def at_start(self) -> bool:
        return self.index == 0

    @property
    def at_end(self) -> bool:
        return self.index == self.count - 1

    @property
    def progress(self) -> str:
        return f"{self.index + 1} of {self.count}"

    def next(self: _S) -> _S:
        self.index = _clamp(self.index + 1, 0, self.count - 1)
        return self

    def previous(self: _S) -> _S:
        self.index = _clamp(self.index - 1, 0, self.count - 1)
        return self

    def go_to(self: _S, index_or_key: int | str) -> _S:
        """Go to a position (0-based) or, where the items have keys, to a key."""
        if isinstance(index_or_key, str) and self.keys is not None:
            if index_or_key not in self.keys:
                raise LookupError(f"unknown {self.noun} {index_or_key!r}; choose one of: {', '.join(self.keys)}")
            self.index = self.keys.index(index_or_key)
        else:
            self.index = _check_index(index_or_key, self.count, self.noun)
        return self
