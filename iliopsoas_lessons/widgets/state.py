"""Lesson state as plain Python objects: no ipywidgets, no matplotlib.

Each widget of :mod:`iliopsoas_lessons.widgets` keeps one of these objects and
only renders it. Tests drive the state directly, without a browser.

Every state is *clamped*: stepping past either end stays at the end, a slider
value outside its range is pulled back into it, and an invalid choice (an
unknown side or key) raises ``ValueError``/``LookupError`` and leaves the state
unchanged. So no sequence of clicks can reach a broken state.
"""
from __future__ import annotations

from dataclasses import dataclass

import iliopsoas_lessons as il
from iliopsoas_lessons.content.roles import BODIES, ROLES, contrast_kind, is_contrast_pattern, symptom_marks
from iliopsoas_lessons.content import SIDES, SYMPTOM_ORDER

from iliopsoas_lessons.content import lessons as ld

__all__ = [
    "Feedback", "Stepper", "SymptomStepperState", "SymptomExplorerState", "AnatomyExplorerState",
    "HipAngleState", "MechanismStepperState", "RedFlagCasesState", "QuizState", "PainMapState",
    "PainMapResult", "ANATOMY_FEATURES", "EXPLORER_VIEWS", "BODIES", "side_label", "contrast_note",
]


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


# ------------------------------------------------------------------ symptoms


class SymptomStepperState(Stepper):
    """Which of the five symptoms is shown, for which side and on which body.

    >>> s = SymptomStepperState(); s.next().progress
    '2 of 5'
    """

    keys = SYMPTOM_ORDER

    def __init__(self, index: int = 0, side: str = "left", body: str = "male"):
        super().__init__(len(self.keys), index)
        self.side = _check_side(side)
        self.body = _check_body(body)

    @property
    def key(self) -> str:
        return self.keys[self.index]

    @property
    def symptom(self):
        return il.symptom(self.key)

    def set_side(self, side: str):
        self.side = _check_side(side)
        return self

    def set_body(self, body: str):
        self.body = _check_body(body)
        return self

    def go_to(self, index_or_key):
        if isinstance(index_or_key, str):
            if index_or_key not in self.keys:
                il.symptom(index_or_key)  # raises LookupError listing the keys
            index_or_key = self.keys.index(index_or_key)
        return super().go_to(index_or_key)

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions of the symptom's own pattern (source and referred)."""
        return self.symptom.regions_for(self.side)

    @property
    def marks(self) -> dict:
        """{region id: role} the figure marks now (a contrast pattern comes
        with the pattern that tells it apart)."""
        return symptom_marks(self.symptom, self.side)

    @property
    def is_contrast(self) -> bool:
        return is_contrast_pattern(self.symptom)

    @property
    def caption(self) -> str:
        return contrast_note(self.symptom)

    @property
    def claims(self):
        return tuple(il.claim(k) for k in self.symptom.claims)


EXPLORER_VIEWS = ("evidence", "article", "contrast")


class SymptomExplorerState:
    """A body-map symptom, a side, a body, and which map to show: the evidence
    (source and referred), the evidence beside the areas the article claimed
    (``claimed`` role), or beside another condition's pattern (``contrast``
    role, e.g. the femoral pattern beside the sciatic one)."""

    def __init__(self, key: str = "back_pain", side: str = "left", view: str = "evidence",
                 body: str = "male"):
        self.keys = tuple(s.key for s in il.symptoms() if s.diagram == "body_map")
        self.key = self._check_key(key)
        self.side = _check_side(side)
        self.view = self._check_view(view)
        self.body = _check_body(body)

    def _check_key(self, key: str) -> str:
        if key not in self.keys:
            raise LookupError(f"unknown body-map symptom {key!r}; valid: {', '.join(self.keys)}")
        return key

    @staticmethod
    def _check_view(view: str) -> str:
        if view not in EXPLORER_VIEWS:
            raise ValueError(f"unknown view {view!r}; choose one of: {', '.join(EXPLORER_VIEWS)}")
        return view

    @property
    def symptom(self):
        return il.symptom(self.key)

    def set_symptom(self, key: str):
        self.key = self._check_key(key)
        return self

    def set_side(self, side: str):
        self.side = _check_side(side)
        return self

    def set_view(self, view: str):
        self.view = self._check_view(view)
        return self

    def set_body(self, body: str):
        self.body = _check_body(body)
        return self

    def views_available(self) -> tuple[str, ...]:
        s = self.symptom
        return tuple(v for v in EXPLORER_VIEWS
                     if v == "evidence" or (v == "article" and s.article_regions)
                     or (v == "contrast" and s.contrast_regions))

    @property
    def marks(self) -> dict:
        """{region id: role} for the body map of the current view."""
        s = self.symptom
        return symptom_marks(s, self.side, claimed=self.view == "article" and bool(s.article_regions),
                             contrast=self.view == "contrast")

    @property
    def legend_roles(self) -> tuple[str, ...]:
        """The roles the legend explains, in the role table's order."""
        return _legend_roles(self.marks)

    @property
    def heading(self) -> str:
        return f"{self.symptom.title} ({side_label(self.side)} side)"

    @property
    def subheading(self) -> str:
        s = self.symptom
        if self.view == "article" and s.article_regions:
            return "the evidence beside areas the article claimed without support"
        if is_contrast_pattern(s):  # said in every view of it
            if self.view == "contrast":
                return (f"{contrast_kind(s)}, not an iliopsoas pattern, beside a different "
                        "condition's pattern")
            return f"{contrast_kind(s)} shown for contrast, not an iliopsoas pattern"
        if self.view == "contrast" and s.contrast_regions:
            return "beside a different condition's pattern, to tell them apart"
        return "where the evidence places it"

    @property
    def caption(self) -> str:
        return f"{self.heading}: {self.subheading}"

    @property
    def figure_title(self) -> str:
        """The caption on two lines, for the figure (a contrast pattern's second
        line is the same in every view, short enough for the figure's width)."""
        s = self.symptom
        sub = (f"shown for contrast: {contrast_kind(s)}, not an iliopsoas pattern"
               if is_contrast_pattern(s) else self.subheading)
        return f"{self.heading}\n{sub[0].upper()}{sub[1:]}"


# ------------------------------------------------------------------ anatomy


ANATOMY_FEATURES = ("whole", "origin", "insertion", "nerve_supply")
_FEATURE_LABELS = {"whole": "whole muscle", "origin": "origin", "insertion": "insertion",
                   "nerve_supply": "nerve supply"}


class AnatomyExplorerState:
    """A muscle and one of its features; ``parts`` are what the schematic highlights."""

    features = ANATOMY_FEATURES

    def __init__(self, muscle: str = "psoas_major", feature: str = "whole"):
        self.muscle_keys = tuple(il.muscles().keys())
        self.muscle_key = self._check_muscle(muscle)
        self.feature = self._check_feature(feature)

    def _check_muscle(self, key: str) -> str:
        il.muscle(key)  # LookupError listing the keys
        return key

    def _check_feature(self, feature: str) -> str:
        if feature not in ANATOMY_FEATURES:
            raise ValueError(f"unknown feature {feature!r}; choose one of: {', '.join(ANATOMY_FEATURES)}")
        return feature

    @staticmethod
    def feature_label(feature: str) -> str:
        return _FEATURE_LABELS[feature]

    @property
    def muscle(self):
        return il.muscle(self.muscle_key)

    def set_muscle(self, key: str):
        self.muscle_key = self._check_muscle(key)
        return self

    def set_feature(self, feature: str):
        self.feature = self._check_feature(feature)
        return self

    @property
    def parts(self) -> tuple[str, ...]:
        m = self.muscle
        extra = {"whole": m.anatomy_parts, "origin": m.origin_parts, "insertion": m.insertion_parts,
                 "nerve_supply": m.nerve_parts}[self.feature]
        out = dict.fromkeys(m.anatomy_parts if self.feature != "whole" else ())
        out.update(dict.fromkeys(extra))
        if self.feature == "whole":
            out.update(dict.fromkeys(m.origin_parts + m.insertion_parts))
        return tuple(out)

    @property
    def fact(self):
        """The Fact shown beside the schematic (None for the whole muscle: its summary)."""
        m = self.muscle
        return {"whole": m.summary, "origin": m.origin, "insertion": m.insertion,
                "nerve_supply": m.nerve_supply}[self.feature]

    @property
    def caption(self) -> str:
        return f"{self.muscle.name}: {self.feature_label(self.feature)}"


class HipAngleState:
    """The hip angle in degrees: positive = flexion (thigh lifted), negative =
    extension (thigh behind the body). Clamped to ``[low, high]``."""

    def __init__(self, angle: float = 0.0, low: float = -30.0, high: float = 120.0, step: float = 5.0):
        if not low < high:
            raise ValueError("low must be below high")
        self.low, self.high, self.step = float(low), float(high), float(step)
        self.angle = _clamp(float(angle), self.low, self.high)

    def set_angle(self, angle: float):
        try:
            value = float(angle)
        except (TypeError, ValueError):
            raise ValueError(f"angle must be a number, not {angle!r}") from None
        if value != value:  # NaN
            raise ValueError("angle must be a number, not NaN")
        self.angle = _clamp(value, self.low, self.high)
        return self

    @property
    def position(self) -> str:
        a = self.angle
        if a < -0.5:
            return f"hip extended {abs(a):.0f}° (thigh behind the body): the iliopsoas is stretched"
        if a > 0.5:
            return f"hip flexed {a:.0f}° (thigh lifted): the iliopsoas is shortened"
        return "hip straight (0°), standing position"


# ------------------------------------------------------------------ mechanisms


class MechanismStepperState(Stepper):
    """Steps through the injury mechanisms in the content's order."""

    def __init__(self, index: int = 0):
        self.keys = tuple(il.mechanisms().keys())
        super().__init__(len(self.keys), index)

    @property
    def key(self) -> str:
        return self.keys[self.index]

    @property
    def mechanism(self):
        return il.mechanism(self.key)

    def go_to(self, index_or_key):
        if isinstance(index_or_key, str):
            il.mechanism(index_or_key)
            index_or_key = self.keys.index(index_or_key)
        return super().go_to(index_or_key)


# ------------------------------------------------------------------ exercises


class _Answered(Stepper):
    """A stepper over items the learner answers; remembers one answer per item."""

    def __init__(self, items, index: int = 0):
        self.items = tuple(items)
        super().__init__(len(self.items), index)
        self.answers: dict[str, object] = {}

    @property
    def item(self):
        return self.items[self.index]

    @property
    def answered(self) -> bool:
        return self.item.key in self.answers

    @property
    def score(self) -> int:
        return sum(1 for it in self.items if it.key in self.answers and self._is_correct(it, self.answers[it.key]))

    @property
    def score_text(self) -> str:
        return f"{self.score} of {self.count} correct ({len(self.answers)} answered)"

    def reset(self):
        self.answers.clear()
        self.index = 0
        return self

    def _is_correct(self, item, answer) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError


class RedFlagCasesState(_Answered):
    """The 'how urgent?' cases, answered on the urgency scale: ``answer("same_day")``."""

    def __init__(self, index: int = 0, cases=None):
        super().__init__(cases if cases is not None else ld.cases(), index)

    @property
    def case(self):
        return self.item

    @property
    def levels(self):
        """The answer choices: the urgency scale, most urgent first."""
        return tuple(il.urgency_levels())

    def _is_correct(self, item, answer) -> bool:
        return answer == item.urgency

    def answer(self, level: str) -> Feedback:
        keys = tuple(il.urgency_levels().keys())
        if not isinstance(level, str) or level not in keys:
            raise ValueError(f"unknown urgency level {level!r}; choose one of: {', '.join(keys)}")
        self.answers[self.case.key] = level
        return self.feedback

    def triage(self, item=None) -> str | None:
        """'right', 'under' (chose less urgent than needed) or 'over'; None if unanswered."""
        item = self.case if item is None else item
        if item.key not in self.answers:
            return None
        chose = il.urgency_level(self.answers[item.key]).rank
        needed = il.urgency_level(item.urgency).rank
        return "right" if chose == needed else ("under" if chose > needed else "over")

    @property
    def feedback(self) -> Feedback | None:
        verdict = self.triage()
        if verdict is None:
            return None
        c = self.case
        needed = il.urgency_level(c.urgency)
        head = f"This case is {needed.label.lower()}: {needed.action}"
        if verdict != "right":
            chose = il.urgency_level(self.answers[c.key]).label.lower()
            word = "less" if verdict == "under" else "more"
            head = f"You chose {chose}, {word} urgent than it needs. {head}"
        if c.red_flag:
            head += f" Red flag: {il.red_flag(c.red_flag).title.lower()}."
        return Feedback(verdict == "right", f"{head} {c.reason}", c.references)


class QuizState(_Answered):
    """Multiple-choice questions in a fixed order; ``choose(i)`` answers the current one."""

    def __init__(self, lesson: str | None = None, index: int = 0, questions=None):
        self.lesson = lesson
        super().__init__(questions if questions is not None else ld.questions(lesson), index)

    @property
    def question(self):
        return self.item

    def _is_correct(self, item, answer) -> bool:
        return answer == item.answer

    def choose(self, option: int) -> Feedback:
        q = self.question
        if isinstance(option, bool) or not isinstance(option, int) or not 0 <= option < len(q.options):
            raise ValueError(f"option must be 0-{len(q.options) - 1}, not {option!r}")
        self.answers[q.key] = option
        return self.feedback

    @property
    def chosen(self) -> int | None:
        return self.answers.get(self.question.key)

    @property
    def feedback(self) -> Feedback | None:
        if not self.answered:
            return None
        q = self.question
        ok = self.answers[q.key] == q.answer
        lead = "" if ok else f"The answer is: {q.correct_option}. "
        return Feedback(ok, lead + q.explanation, q.references)


@dataclass(frozen=True)
class PainMapResult:
    hits: tuple[str, ...]
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    article_extras: tuple[str, ...]

    @property
    def correct(self) -> bool:
        return not self.missed and not self.extra

    @property
    def score_text(self) -> str:
        total = len(self.hits) + len(self.missed)
        text = f"{len(self.hits)} of {total} areas found"
        if self.extra:
            text += f", {len(self.extra)} marked that are not part of the pattern"
        return text

    def _names(self, keys) -> str:
        return "; ".join(il.region(k).label for k in keys)

    @property
    def feedback(self) -> Feedback:
        parts = [self.score_text + "."]
        if self.missed:
            parts.append(f"Missed: {self._names(self.missed)}.")
        if self.extra:
            parts.append(f"Not part of the pattern: {self._names(self.extra)}.")
        if self.article_extras:
            parts.append(f"The source article named {self._names(self.article_extras)}, "
                         "but the trigger-point sources do not include them.")
        if self.correct:
            parts.append("You marked exactly the reference pattern.")
        return Feedback(self.correct, " ".join(parts))


class PainMapState:
    """Regions the learner has marked, scored against a symptom's pattern."""

    def __init__(self, exercise: str = "back_pain_referral", marked=()):
        self.exercise = ld.pain_map_exercise(exercise)
        self.choices = self.exercise.choices
        self.answer = self.exercise.answer
        self.marked: tuple[str, ...] = ()
        self.checked = False
        self.set_marked(marked)

    def _check_region(self, key: str) -> str:
        if key not in self.choices:
            raise LookupError(f"region {key!r} is not offered; choose from: {', '.join(self.choices)}")
        return key

    def _store(self, keys) -> None:
        chosen = set(keys)
        self.marked = tuple(k for k in self.choices if k in chosen)  # display order, no duplicates
        self.checked = False

    def set_marked(self, keys):
        keys = tuple(keys)
        for k in keys:
            self._check_region(k)
        self._store(keys)
        return self

    def toggle(self, key: str):
        self._check_region(key)
        self._store(set(self.marked) ^ {key})
        return self

    def mark(self, key: str, on: bool = True):
        self._check_region(key)
        self._store(set(self.marked) | {key} if on else set(self.marked) - {key})
        return self

    def clear(self):
        self._store(())
        return self

    def check(self) -> PainMapResult:
        self.checked = True
        return self.result

    @property
    def result(self) -> PainMapResult:
        marked, answer = set(self.marked), set(self.answer)
        article = set(il.symptom(self.exercise.symptom).article_regions_for(self.exercise.side))
        extra = tuple(k for k in self.choices if k in marked - answer)
        return PainMapResult(
            hits=tuple(k for k in self.answer if k in marked),
            missed=tuple(k for k in self.answer if k not in marked),
            extra=extra,
            article_extras=tuple(k for k in extra if k in article),
        )
