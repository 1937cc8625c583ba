"""Shared parts of the lesson states: choice checks, :class:`Feedback` and
:class:`Stepper` (see :mod:`iliopsoas_lessons.widgets.state`)."""
from __future__ import annotations

from dataclasses import dataclass

from iliopsoas_lessons.content.roles import BODIES, ROLES, contrast_kind, is_contrast_pattern
from iliopsoas_lessons.content import SIDES

__all__ = ["Feedback", "Stepper", "BODIES", "side_label", "contrast_note"]


def side_label(side: str) -> str:
    return f"patient's {side}"


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


def contrast_note(symptom) -> str:
    """What a contrast pattern is, said plainly ('' for an iliopsoas pattern)."""
    if not is_contrast_pattern(symptom):
        return ""
    return (f"Shown for contrast: {contrast_kind(symptom)}, not an iliopsoas pattern. "
            "A different condition's pattern is marked beside it to tell them apart.")


def _clamp(value, low, high):
    return max(low, min(high, value))


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


class Stepper:
    """An index over ``count`` items with previous/next, clamped at both ends."""

    def __init__(self, count: int, index: int = 0):
        if count < 1:
            raise ValueError("a stepper needs at least one item")
        self.count = count
        self.index = _clamp(int(index), 0, count - 1)

    @property
    def at_start(self) -> bool:
        return self.index == 0

    @property
    def at_end(self) -> bool:
        return self.index == self.count - 1

    @property
    def progress(self) -> str:
        return f"{self.index + 1} of {self.count}"

    def next(self):
        self.index = _clamp(self.index + 1, 0, self.count - 1)
        return self

    def previous(self):
        self.index = _clamp(self.index - 1, 0, self.count - 1)
        return self

    def go_to(self, index: int):
        self.index = _clamp(int(index), 0, self.count - 1)
        return self
