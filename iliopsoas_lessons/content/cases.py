"""Virtual-patient cases: the frozen records (reading and checking a case
file is :mod:`.case_loader`'s).

A case is one JSON file, ``data/cases/<key>.json`` (schema:
``schemas/case.schema.json``): steps of history, examination and
investigations whose items are revealed one at a time, moves between steps,
event steps, and one or more decision steps whose options end the case; and
rules on the counters (minutes, cost) and on essential items still missing.

The loader checks the form (as the schema does) and what the schema cannot
see: keys unique in the case, steps, tests, levels, red flags, lessons and
references that exist, and the verdict and urgency rule. Every error names
the file and the key path, e.g. ``cases/x.json: steps[2].items[0].test:
...; valid: ...``. Whether every path ends is the model checker's
(:mod:`.case_checker`). Standard library only.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from .collection import ContentError


__all__ = [
    "CASE_FORMAT",
    "STEP_KINDS",
    "ITEM_KINDS",
    "VERDICTS",
    "COUNTERS",
    "CaseItem",
    "CaseMove",
    "CaseOption",
    "CaseStep",
    "CaseRule",
    "CaseAnswer",
    "Case",
    "case_references",
    "case_level",
    "listed_level",
    "option_goes_now",
    "shown_options",
]

CASE_FORMAT = "iliopsoas-lessons/case/1"
STEP_KINDS = ("history", "examination", "investigations", "decision", "event")
ITEM_KINDS = ("history", "examination", "investigations")  # the steps that hold items
VERDICTS = ("best", "acceptable", "over", "unsafe")
# how a decision sends the patient: by ambulance, by own means, or by transport booked for a later slot
TRANSPORTS = ("ambulance", "own", "booked")
COUNTERS = ("minutes", "cost")
CASE_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_REF_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class CaseItem:
    """A question, examination or test: chosen once, it reveals its finding."""

    key: str
    label: str
    finding: str
    feedback: str
    minutes: int
    cost: int
    references: tuple[str, ...] = ()
    essential: bool = False  # history/examination: leaving it out is unsafe
    unnecessary: bool = False  # examination and investigations: adds nothing here
    test: str | None = None  # examination: a key of examination.json's tests or nerve_tests
    shows: str | None = None  # investigations: what the test can and cannot show
    # history/examination: the red flags whose signs this finding reveals; no decision may call slower "fine"
    flags_shown: tuple[str, ...] = ()
    unstable: bool = False  # history/examination: he or she could collapse on the way (shock, faintness)
    # history/examination: red flags whose signs this item looks for, found or not (review 27, C PS1)
    flags_checked: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseMove:
    key: str
    label: str
    goto: str
    feedback: str
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseOption:
    key: str
    urgency: str
    destination: str
    advice: str
    verdict: str
    feedback: str
    references: tuple[str, ...] = ()
    transport: str | None = None  # "ambulance", "own" (car, taxi, on foot) or "booked"; None when it does not say


@dataclass(frozen=True)
class CaseStep:
    key: str
    kind: str
    title: str
    prompt: str | None = None  # every kind but event
    text: str | None = None  # event only
    items: tuple[CaseItem, ...] = ()
    moves: tuple[CaseMove, ...] = ()
    options: tuple[CaseOption, ...] = ()


@dataclass(frozen=True)
class CaseRule:
    key: str
    message: str
    counter: str | None = None
    at_least: int | None = None
    entering: str | None = None
    essential_missing: bool = False
    goto: str | None = None


@dataclass(frozen=True)
class CaseAnswer:
    urgency: str
    red_flag: str | None
    why: str


@dataclass(frozen=True)
class Case:
    key: str
    title: str
    lessons: tuple[str, ...]
    presenting: str
    teacher_notes: str
    references: tuple[str, ...]
    answer: CaseAnswer
    start: str
    steps: tuple[CaseStep, ...]
    rules: tuple[CaseRule, ...]
    file: str = ""  # where it was read from, for messages

    @cached_property
    def _index(self) -> dict[str, Any]:
        # built once per case: the engine and the checker look keys up on every move
        out: dict[str, Any] = {}
        for step in self.steps:
            for thing in (*step.items, *step.moves, *step.options):
                out.setdefault(thing.key, thing)
        return out

    @cached_property
    def _steps(self) -> dict[str, CaseStep]:
        return {s.key: s for s in self.steps}

    def step(self, key: str) -> CaseStep:
        step = self._steps.get(key)
        if step is not None:
            return step
        raise ContentError(f"case {self.key!r}: unknown step {key!r}; valid: {', '.join(s.key for s in self.steps)}")

    @property
    def items(self) -> tuple[CaseItem, ...]:
        return tuple(i for s in self.steps for i in s.items)

    @property
    def options(self) -> tuple[CaseOption, ...]:
        return tuple(o for s in self.steps for o in s.options)

    @cached_property
    def essential(self) -> tuple[str, ...]:
        """The essential items' keys, in case order."""
        return tuple(i.key for i in self.items if i.essential)

    def choice(self, key: str) -> CaseItem | CaseMove | CaseOption:
        """The item, move or option with this key."""
        thing = self._index.get(key)
        if thing is not None:
            return thing
        raise ContentError(f"case {self.key!r}: no item, move or option {key!r}")


def case_references(case: Case) -> tuple[str, ...]:
    """Every reference key the case cites, once each, in file order."""
    seen: dict[str, None] = dict.fromkeys(case.references)
    for step in case.steps:
        for thing in (*step.items, *step.moves, *step.options):
            seen.update(dict.fromkeys(thing.references))
    return tuple(seen)


def case_level(case: Case, urgency: str, course, option: CaseOption | None = None):
    """Level ``urgency`` as a case shows it. Without ``option`` (the case's answer, a step's
    right level): at the level of the case's answer flag, that flag's wording, so a flag that
    goes now shows "Same day (go now)", never a label whose advice says 'today'. With ``option`` (feedback, the debrief sheet): the option's own label, the
    same as it was listed before the choice (:func:`listed_level`), so an option that waits
    until later in the day keeps the plain label. ``course`` is the
    loaded content."""
    if option is not None:
        return listed_level(case, urgency, course, option)
    level = course.urgency[urgency]
    flag = case.answer.red_flag
    if flag is None or course.red_flags[flag].urgency != urgency:
        return level
    return level.for_flag(course.red_flags[flag])


# An option's destination that opens by sending the person now: the words before its first
# comma, colon, semicolon or full stop say "now" ("An emergency department now, for an X-ray",
# "Now, not later in the day: ...", "Hospital now, straight from the clinic: ..."). "Today,
# from the clinic", "An urgent GP appointment later today" and "not now" do not.
_OPENS_NOW = re.compile(r"^[^,:;.]*?(?<!\bnot )\bnow\b", re.I)


def option_goes_now(option: CaseOption) -> bool:
    """Whether the option's destination opens by sending the person now, not later in the day."""
    return bool(_OPENS_NOW.match(option.destination))


def listed_level(case: Case, urgency: str, course, option: CaseOption | None = None):
    """Level ``urgency`` as it is listed beside an option BEFORE the learner chooses (the case
    player's buttons, the student sheet, the class report's branches), and after it.

    The label follows the option's own destination, never its verdict: a label that said
    "go now" only beside the safe options gave the answer away (review round 27, C minor 4),
    while the plain label beside a destination that says now contradicted it (round 56, C Mi-1).
    So an option whose destination opens with now (:func:`option_goes_now`) is listed under
    its level's 'now' wording from ``urgency.json`` ("Same day (go now)"), where the level has
    one; every other option under the level's plain label. Without ``option``, the plain label.
    ``case`` is taken so that every caller names the case it lists, as ``case_level`` does."""
    del case  # the listed label depends on the option's destination, not on the case's flag
    level = course.urgency[urgency]
    if option is None or option.urgency != urgency or level.now is None or not option_goes_now(option):
        return level
    now = level.now
    return replace(level, label=now.label, referral=now.referral, patient_advice=now.patient_advice)


def shown_options(case: Case, step: CaseStep, seed: int) -> tuple[CaseOption, ...]:
    """The step's decision options in the order a learner sees them: shuffled from ``seed``.

    The files keep the best option first for the author; shown in that order, its place
    would give the answer away. The order depends only on the seed, the case and the
    step (``random.Random`` seeded with text is the same on every platform), so a learner
    sees the same order each time, a printed sheet is the same for a whole class, and
    scoring, which goes by option keys, is unaffected.
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")
    options = list(step.options)
    random.Random(f"iliopsoas-case:{seed}:{case.key}:{step.key}").shuffle(options)
    return tuple(options)
