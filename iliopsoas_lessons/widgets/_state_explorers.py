"""States of the steppers and explorers: symptoms, anatomy, hip angle,
mechanisms (see :mod:`iliopsoas_lessons.widgets.state`)."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

from iliopsoas_lessons.content.roles import contrast_kind, is_contrast_pattern, role_labels, symptom_marks
from iliopsoas_lessons.content import SYMPTOM_ORDER
from iliopsoas_lessons.content.models import Claim, Content, Fact, Mechanism, Muscle, Symptom

from ._state_common import (
    Stepper,
    course_or_package,
    _check_body,
    _check_side,
    _clamp,
    _legend_roles,
    contrast_note,
    side_label,
)

__all__ = [
    "SymptomStepperState",
    "SymptomExplorerState",
    "AnatomyExplorerState",
    "HipAngleState",
    "MechanismStepperState",
    "ANATOMY_FEATURES",
    "EXPLORER_VIEWS",
    "ComparePanel",
    "PANEL_TITLES",
]


class SymptomStepperState(Stepper):
    """Which of the five symptoms is shown, for which side and on which body.

    >>> s = SymptomStepperState(); s.next().progress
    '2 of 5'
    """

    keys = SYMPTOM_ORDER
    noun = "symptom"

    def __init__(self, index: int = 0, *, side: str = "left", body: str = "male", course: Content | None = None):
        super().__init__(len(self.keys), index=index)
        self.course = course_or_package(course)
        self.side = _check_side(side)
        self.body = _check_body(body)

    @property
    def key(self) -> str:
        return self.keys[self.index]

    @property
    def symptom(self) -> Symptom:
        return self.course.symptoms[self.key]

    def set_side(self, side: str) -> SymptomStepperState:
        self.side = _check_side(side)
        return self

    def set_body(self, body: str) -> SymptomStepperState:
        self.body = _check_body(body)
        return self

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions of the symptom's own pattern (source and referred)."""
        return self.symptom.regions_for(self.side)

    @property
    def marks(self) -> dict[str, str]:
        """{region id: role} the figure marks now (a contrast pattern comes
        with the pattern that tells it apart)."""
        return symptom_marks(self.symptom, self.side)

    @property
    def is_contrast(self) -> bool:
        return is_contrast_pattern(self.symptom)

    @property
    def caption(self) -> str:
        return contrast_note(self.symptom, self.course)

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(self.course.claims[k] for k in self.symptom.claims)


EXPLORER_VIEWS = ("evidence", "article", "contrast")
PANEL_TITLES = {
    "evidence": "What the evidence says",
    "article": "What the article claimed",
    "contrast": "A nerve pattern, for contrast",
}


@dataclass(frozen=True)
class ComparePanel:
    """One of the maps the comparison shows side by side."""

    view: str  # one of EXPLORER_VIEWS
    title: str
    subtitle: str
    symptom: str  # whose pattern the map shows
    marks: dict = field(hash=False)  # {region id: role}
    labels: dict = field(hash=False)  # {role: legend label} where the symptom names its own marks

    @property
    def legend_roles(self) -> tuple[str, ...]:
        return _legend_roles(self.marks)


class SymptomExplorerState:
    """A body-map symptom, a side, a body, and which map to show: the evidence
    (source and referred), the evidence beside the areas the article claimed
    (``claimed`` role), or beside another condition's pattern (``contrast``
    role, e.g. the femoral pattern beside the sciatic one)."""

    def __init__(
        self,
        key: str = "back_pain",
        *,
        side: str = "left",
        view: str = "evidence",
        body: str = "male",
        course: Content | None = None,
    ):
        self.course = course_or_package(course)
        self.keys = tuple(s.key for s in self.course.symptoms if s.diagram == "body_map")
        self.key = self._check_key(key)
        self.side = _check_side(side)
        self.body = _check_body(body)
        self.view = self._check_view(view)

    def _check_key(self, key: str) -> str:
        if not isinstance(key, str) or key not in self.keys:
            raise LookupError(f"unknown body-map symptom {key!r}; valid: {', '.join(self.keys)}")
        return key

    def _check_view(self, view: str, key: str | None = None) -> str:
        key = self.key if key is None else key
        offered = self.views_for(key)
        if not isinstance(view, str) or view not in offered:
            raise ValueError(f"view {view!r} is not offered for {key!r}; choose one of: {', '.join(offered)}")
        return view

    def views_for(self, key: str) -> tuple[str, ...]:
        """The views a symptom offers: always the evidence, the article's areas
        where it named any, a contrasting pattern where there is one."""
        s = self.course.symptoms[key]
        return tuple(
            v
            for v in EXPLORER_VIEWS
            if v == "evidence" or (v == "article" and s.article_regions) or (v == "contrast" and s.contrast_regions)
        )

    @property
    def symptom(self) -> Symptom:
        return self.course.symptoms[self.key]

    def set_symptom(self, key: str) -> SymptomExplorerState:
        """Switch symptom; a view the new symptom does not offer falls back to the evidence."""
        self.key = self._check_key(key)
        if self.view not in self.views_for(self.key):
            self.view = "evidence"
        return self

    def set_side(self, side: str) -> SymptomExplorerState:
        self.side = _check_side(side)
        return self

    def set_view(self, view: str) -> SymptomExplorerState:
        self.view = self._check_view(view)
        return self

    def set_body(self, body: str) -> SymptomExplorerState:
        self.body = _check_body(body)
        return self

    def views_available(self) -> tuple[str, ...]:
        """The views the current symptom offers."""
        return self.views_for(self.key)

    @property
    def marks(self) -> dict[str, str]:
        """{region id: role} for the body map of the current view."""
        s = self.symptom
        return symptom_marks(
            s, self.side, claimed=self.view == "article" and bool(s.article_regions), contrast=self.view == "contrast"
        )

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
                return (
                    f"{contrast_kind(s, self.course)}, not an iliopsoas pattern, beside a different condition's pattern"
                )
            return f"{contrast_kind(s, self.course)} shown for contrast, not an iliopsoas pattern"
        if self.view == "contrast" and s.contrast_regions:
            return "beside a different condition's pattern, to tell them apart"
        return "where the evidence places it"

    @property
    def caption(self) -> str:
        return f"{self.heading}: {self.subheading}"

    @property
    def panels(self) -> tuple[ComparePanel, ...]:
        """The maps to compare, side by side: the evidence; the article's
        extra areas, where it named any; and a contrasting nerve pattern (the
        symptom's own contrast, or else the course's contrast pattern, the S1
        one beside the femoral one).  A contrast pattern's own map already
        shows its contrast, so it is not repeated."""
        s, side = self.symptom, self.side
        own = "where the evidence places it"
        if is_contrast_pattern(s):
            own = f"{contrast_kind(s, self.course)} shown for contrast, not an iliopsoas pattern"
        out = [
            ComparePanel(
                "evidence", PANEL_TITLES["evidence"], own, s.key, symptom_marks(s, side), role_labels(s, self.course)
            )
        ]
        if s.article_regions:
            out.append(
                ComparePanel(
                    "article",
                    PANEL_TITLES["article"],
                    "the evidence, with the areas the article added",
                    s.key,
                    symptom_marks(s, side, claimed=True),
                    role_labels(s, self.course),
                )
            )
        other = next((x for x in self.course.symptoms if is_contrast_pattern(x)), None)
        if s.contrast_regions and not is_contrast_pattern(s):
            out.append(
                ComparePanel(
                    "contrast",
                    PANEL_TITLES["contrast"],
                    "beside a different condition's pattern",
                    s.key,
                    symptom_marks(s, side, contrast=True),
                    role_labels(s, self.course),
                )
            )
        elif other is not None and not is_contrast_pattern(s):
            out.append(
                ComparePanel(
                    "contrast",
                    PANEL_TITLES["contrast"],
                    f"{other.title}: {contrast_kind(other, self.course)}, not an iliopsoas pattern",
                    other.key,
                    symptom_marks(other, side),
                    role_labels(other, self.course),
                )
            )
        return tuple(out)

    @property
    def figure_title(self) -> str:
        """The caption on two lines, for the figure (a contrast pattern's second
        line is the same in every view, short enough for the figure's width)."""
        s = self.symptom
        sub = (
            f"shown for contrast: {contrast_kind(s, self.course)}, not an iliopsoas pattern"
            if is_contrast_pattern(s)
            else self.subheading
        )
        return f"{self.heading}\n{sub[0].upper()}{sub[1:]}"


# ------------------------------------------------------------------ anatomy


ANATOMY_FEATURES = ("whole", "origin", "insertion", "nerve_supply")
_FEATURE_LABELS = {
    "whole": "whole muscle",
    "origin": "origin",
    "insertion": "insertion",
    "nerve_supply": "nerve supply",
}


class AnatomyExplorerState:
    """A muscle, one of its features and the patient's side; ``parts`` are
    what the schematic highlights, on ``side`` only."""

    features = ANATOMY_FEATURES

    def __init__(
        self, muscle: str = "psoas_major", *, feature: str = "whole", side: str = "left", course: Content | None = None
    ):
        self.course = course_or_package(course)
        self.muscle_keys = tuple(self.course.muscles.keys())
        self.muscle_key = self._check_muscle(muscle)
        self.feature = self._check_feature(feature)
        self.side = _check_side(side)

    def _check_muscle(self, key: str) -> str:
        if not isinstance(key, str) or key not in self.muscle_keys:
            raise LookupError(f"unknown muscle {key!r}; choose one of: {', '.join(self.muscle_keys)}")
        return key

    def _check_feature(self, feature: str) -> str:
        if not isinstance(feature, str) or feature not in ANATOMY_FEATURES:
            raise ValueError(f"unknown feature {feature!r}; choose one of: {', '.join(ANATOMY_FEATURES)}")
        return feature

    @staticmethod
    def feature_label(feature: str) -> str:
        if feature not in _FEATURE_LABELS:
            raise ValueError(f"unknown feature {feature!r}; choose one of: {', '.join(ANATOMY_FEATURES)}")
        return _FEATURE_LABELS[feature]

    @property
    def muscle(self) -> Muscle:
        return self.course.muscles[self.muscle_key]

    def set_muscle(self, key: str) -> AnatomyExplorerState:
        self.muscle_key = self._check_muscle(key)
        return self

    def set_feature(self, feature: str) -> AnatomyExplorerState:
        self.feature = self._check_feature(feature)
        return self

    def set_side(self, side: str) -> AnatomyExplorerState:
        self.side = _check_side(side)
        return self

    @property
    def parts(self) -> tuple[str, ...]:
        m = self.muscle
        extra = {
            "whole": m.anatomy_parts,
            "origin": m.origin_parts,
            "insertion": m.insertion_parts,
            "nerve_supply": m.nerve_parts,
        }[self.feature]
        out = dict.fromkeys(m.anatomy_parts if self.feature != "whole" else ())
        out.update(dict.fromkeys(extra))
        if self.feature == "whole":
            out.update(dict.fromkeys(m.origin_parts + m.insertion_parts))
        return tuple(out)

    @property
    def fact(self) -> Fact:
        """The Fact shown beside the schematic (None for the whole muscle: its summary)."""
        m = self.muscle
        return {"whole": m.summary, "origin": m.origin, "insertion": m.insertion, "nerve_supply": m.nerve_supply}[
            self.feature
        ]

    @property
    def caption(self) -> str:
        return f"{self.muscle.name}: {self.feature_label(self.feature)} ({side_label(self.side)} side)"


def _is_finite_number(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Real) and math.isfinite(float(value))


class HipAngleState:
    """The hip angle in degrees: positive = flexion (thigh lifted), negative =
    extension (thigh behind the body). Clamped to ``[low, high]``."""

    def __init__(self, angle: float = 0.0, *, low: float = -30.0, high: float = 120.0, step: float = 5.0):
        for name, value in (("low", low), ("high", high), ("step", step)):
            if not _is_finite_number(value):
                raise ValueError(f"{name} must be a finite number of degrees, not {value!r}")
        if not low < high:
            raise ValueError(f"low ({low!r}) must be below high ({high!r})")
        if step <= 0:
            raise ValueError(f"step must be above 0 degrees, not {step!r}")
        self.low, self.high, self.step = float(low), float(high), float(step)
        self.angle = self._check_angle(angle)

    @property
    def valid_range(self) -> str:
        return f"{self.low:g} to {self.high:g} degrees (negative = extension, positive = flexion)"

    def _check_angle(self, angle) -> float:
        """A finite number, clamped into the range; nan, inf, bools and text are refused."""
        if not _is_finite_number(angle):
            raise ValueError(f"hip angle must be a finite number from {self.valid_range}, not {angle!r}")
        return _clamp(float(angle), self.low, self.high)

    def set_angle(self, angle: float) -> HipAngleState:
        self.angle = self._check_angle(angle)
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
    """Steps through the injury mechanisms in the content's order, each drawn
    on one side: the side in question (the patient's right unless chosen).

    >>> MechanismStepperState().set_side("left").side
    'left'
    """

    noun = "mechanism"

    def __init__(self, index: int = 0, *, side: str = "right", course: Content | None = None):
        self.course = course_or_package(course)
        self.keys = tuple(self.course.mechanisms.keys())
        super().__init__(len(self.keys), index=index)
        self.side = _check_side(side)

    def set_side(self, side: str) -> MechanismStepperState:
        self.side = _check_side(side)
        return self

    @property
    def side_words(self) -> str:
        """``"the patient's right side"``."""
        return f"the {side_label(self.side)} side"

    @property
    def key(self) -> str:
        return self.keys[self.index]

    @property
    def mechanism(self) -> Mechanism:
        return self.course.mechanisms[self.key]
