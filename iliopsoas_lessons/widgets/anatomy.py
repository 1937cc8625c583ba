"""The anatomy explorer (muscle x feature x side on the front-view schematic)
and the hip-angle explorer (a slider over the side view). Each is a state
table (:mod:`.state_player`): every view is a function of the controls,
drawn once here and played by ``static/state_player.js``."""

from __future__ import annotations

import html
import math
import numbers

from iliopsoas_lessons.content import SIDES
from iliopsoas_lessons.content.constants import HIP_ANGLE_RANGE
from iliopsoas_lessons.content.models import Content, Fact, Muscle

from ._base import refs_html
from ._state_common import _check_side, _clamp, course_or_package, side_label
from ._state_table import Control, Slot, radios_control
from .state_player import TableWidget, figure_markup

__all__ = [
    "AnatomyExplorer",
    "HipAngleExplorer",
    "muscle_facts_html",
    "ANATOMY_FEATURES",
    "anatomy_parts",
    "anatomy_fact",
    "anatomy_caption",
    "feature_label",
    "hip_angles",
    "hip_angle",
    "hip_position",
    "HIP_ANGLES",
]

ANATOMY_FEATURES = ("whole", "origin", "insertion", "nerve_supply")
_FEATURE_LABELS = {
    "whole": "whole muscle",
    "origin": "origin",
    "insertion": "insertion",
    "nerve_supply": "nerve supply",
}
_FEATURE_TIPS = {
    "whole": "Highlight the whole muscle with its origin and insertion",
    "origin": "Highlight where the muscle starts",
    "insertion": "Highlight where the muscle ends",
    "nerve_supply": "Highlight the nerves that supply it",
}


# ------------------------------------------------------------------ what the anatomy explorer shows


def check_muscle(course: Content, key) -> str:
    keys = tuple(course.muscles.keys())
    if not isinstance(key, str) or key not in keys:
        raise LookupError(f"unknown muscle {key!r}; choose one of: {', '.join(keys)}")
    return key


def check_feature(feature) -> str:
    if not isinstance(feature, str) or feature not in ANATOMY_FEATURES:
        raise ValueError(f"unknown feature {feature!r}; choose one of: {', '.join(ANATOMY_FEATURES)}")
    return feature


def feature_label(feature: str) -> str:
    return _FEATURE_LABELS[check_feature(feature)]


def anatomy_parts(muscle: Muscle, feature: str) -> tuple[str, ...]:
    """What the schematic highlights: the muscle, with the feature's parts on
    top (the whole muscle comes with its origin and insertion)."""
    extra = {
        "whole": muscle.anatomy_parts,
        "origin": muscle.origin_parts,
        "insertion": muscle.insertion_parts,
        "nerve_supply": muscle.nerve_parts,
    }[check_feature(feature)]
    out = dict.fromkeys(muscle.anatomy_parts if feature != "whole" else ())
    out.update(dict.fromkeys(extra))
    if feature == "whole":
        out.update(dict.fromkeys(muscle.origin_parts + muscle.insertion_parts))
    return tuple(out)


def anatomy_fact(muscle: Muscle, feature: str) -> Fact:
    """The fact shown beside the schematic (the summary for the whole muscle)."""
    return {
        "whole": muscle.summary,
        "origin": muscle.origin,
        "insertion": muscle.insertion,
        "nerve_supply": muscle.nerve_supply,
    }[check_feature(feature)]


def anatomy_caption(muscle: Muscle, feature: str, side: str) -> str:
    return f"{muscle.name}: {feature_label(feature)} ({side_label(side)} side)"


def muscle_facts_html(muscle) -> str:
    e = html.escape
    actions = "".join(
        f"<li>{e(a.text)}{' <strong>(disputed)</strong>' if a.disputed else ''}{refs_html(a.references)}</li>"
        for a in muscle.actions
    )
    return f"<h4>What {e(muscle.name)} does</h4><ul>{actions}</ul>"


class AnatomyExplorer(TableWidget):
    """Choose a muscle, a feature (origin, insertion, nerve supply) and the
    patient's side; the schematic highlights those parts on that side and the
    fact appears beside it. One anywidget (``static/state_player.js``) plays
    the table of every state."""

    SLOTS = (Slot("figure", "figure"), Slot("fact", "text"))
    CSS = "il-anatomy-explorer"
    START = {"muscle": "psoas_major", "feature": "whole", "side": "left"}  # the constructor's defaults

    def __init__(
        self, muscle: str = "psoas_major", *, feature: str = "whole", side: str = "left", course: Content | None = None
    ):
        check_muscle(course_or_package(course), muscle)
        super().__init__(course, {"muscle": muscle, "feature": check_feature(feature), "side": _check_side(side)})

    @classmethod
    def table_controls(cls, course: Content) -> list[Control]:
        muscles = list(course.muscles)
        return [
            radios_control(
                "muscle", "Muscle", [(m.name, m.key) for m in muscles], [f"Show the {m.name}" for m in muscles]
            ),
            radios_control(
                "feature",
                "Part",
                [(_FEATURE_LABELS[f], f) for f in ANATOMY_FEATURES],
                [_FEATURE_TIPS[f] for f in ANATOMY_FEATURES],
            ),
            radios_control(
                "side",
                "Side",
                [(f"patient's {s}", s) for s in SIDES],
                [
                    f"Highlight on the patient's {s} side (the picture's {'right' if s == 'left' else 'left'})"
                    for s in SIDES
                ],
            ),
        ]

    def set(self, **values):
        """Set controls by name; an unknown muscle or feature names the valid ones."""
        if "muscle" in values:
            check_muscle(self.course, values["muscle"])
        if "feature" in values:
            check_feature(values["feature"])
        if "side" in values:
            _check_side(values["side"])
        return super().set(**values)

    _figure = None

    @classmethod
    def figure_in(cls, course: Content, values: dict):
        """The one schematic, its highlight switched in place for every state."""
        if cls._figure is None:
            # imported on first drawing: the package's table is shipped, so a lesson needs no matplotlib
            from iliopsoas_lessons.figures.anatomy_front import FrontViewFigure

            cls._figure = FrontViewFigure()
        parts = anatomy_parts(course.muscles[values["muscle"]], values["feature"])
        return cls._figure.set_highlight(parts, side=values["side"])

    @classmethod
    def render(cls, course: Content, values: dict) -> dict:
        muscle, feature, side = course.muscles[values["muscle"]], values["feature"], values["side"]
        fact = anatomy_fact(muscle, feature)
        names = ", ".join(html.escape(course.parts[k].name) for k in anatomy_parts(muscle, feature))
        return {
            "figure": figure_markup(cls.figure_in(course, values)),
            "fact": f"<h4>{html.escape(anatomy_caption(muscle, feature, side))}</h4>"
            f"<p>{html.escape(fact.text)}{refs_html(fact.references)}</p>"
            f"<p><em>Highlighted on the patient's {side} side:</em> {names}</p>" + muscle_facts_html(muscle),
        }

    # -- what it shows now ------------------------------------------------------------
    @property
    def muscle(self) -> Muscle:
        return self.course.muscles[self.values["muscle"]]

    @property
    def parts(self) -> tuple[str, ...]:
        return anatomy_parts(self.muscle, self.values["feature"])

    @property
    def fact(self) -> Fact:
        return anatomy_fact(self.muscle, self.values["feature"])

    @property
    def caption(self) -> str:
        return anatomy_caption(self.muscle, self.values["feature"], self.values["side"])


# ------------------------------------------------------------------ the hip angle


def _is_finite_number(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Real) and math.isfinite(float(value))


def hip_angles(low: float = HIP_ANGLE_RANGE[0], high: float = HIP_ANGLE_RANGE[1], step: float = 5) -> tuple[int, ...]:
    """The angles the slider offers, in whole degrees from ``low`` to ``high``
    (both included) every ``step``: each is drawn once into the table."""
    for name, value in (("low", low), ("high", high), ("step", step)):
        if not _is_finite_number(value):
            raise ValueError(f"{name} must be a finite number of degrees, not {value!r}")
    if not low < high:
        raise ValueError(f"low ({low!r}) must be below high ({high!r})")
    if step <= 0:
        raise ValueError(f"step must be above 0 degrees, not {step!r}")
    count = int((high - low) // step)
    return tuple(int(round(low + i * step)) for i in range(count + 1))


HIP_ANGLES = hip_angles()  # every 5 degrees, as the slider always stepped


def hip_angle(angle, angles: tuple[int, ...] = HIP_ANGLES) -> int:
    """The offered angle nearest ``angle``: a finite number, pulled into the
    range; nan, inf, bools and text are refused, naming the range."""
    low, high = angles[0], angles[-1]
    if not _is_finite_number(angle):
        raise ValueError(
            f"hip angle must be a finite number from {low:g} to {high:g} degrees "
            f"(negative = extension, positive = flexion), not {angle!r}"
        )
    value = _clamp(float(angle), low, high)
    return min(angles, key=lambda a: (abs(a - value), a))


def _length_ratio(angle: float) -> float:
    # the hip model needs numpy: imported only when asked, not to play the table
    from iliopsoas_lessons.figures.hip_geometry import muscle_length_ratio

    return muscle_length_ratio(angle)


def hip_position(angle: float) -> str:
    """The hip's position in words: positive = flexion, negative = extension."""
    if angle < -0.5:
        return f"hip extended {abs(angle):.0f}° (thigh behind the body): the iliopsoas is stretched"
    if angle > 0.5:
        return f"hip flexed {angle:.0f}° (thigh lifted): the iliopsoas is shortened"
    return "hip straight (0°), standing position"


class HipAngleExplorer(TableWidget):
    """A slider for the hip angle (every 5 degrees): the side-view schematic
    moves the thigh and reports how long the iliopsoas is compared with
    standing. One anywidget (``static/state_player.js``) plays the table."""

    SLOTS = (Slot("readout", "text"), Slot("figure", "figure"))
    CSS = "il-hip-angle"
    START = {"angle": 0}

    def __init__(self, angle: float = 0.0):
        super().__init__(None, {"angle": hip_angle(angle)})  # nan, inf, text: ValueError

    @classmethod
    def table_controls(cls, course: Content) -> list[Control]:
        return [
            Control(
                "slider",
                "angle",
                "Hip angle (°)",
                HIP_ANGLES,
                tuple(str(a) for a in HIP_ANGLES),
                extra={
                    "unit": "°",
                    "tip": "Negative: thigh behind the body (extension); positive: thigh lifted (flexion)",
                },
            )
        ]

    def set(self, **values):
        """Set the angle: the offered angle nearest it (nan, inf, text: ValueError)."""
        if "angle" in values:
            values["angle"] = hip_angle(values["angle"])
        return super().set(**values)

    _figure = None

    @classmethod
    def figure_in(cls, course: Content, values: dict):
        if cls._figure is None:
            from iliopsoas_lessons.figures.hip import HipAngleFigure  # as above: drawn only without a table

            cls._figure = HipAngleFigure(values["angle"])
        return cls._figure.set_angle(values["angle"])

    @classmethod
    def render(cls, course: Content, values: dict) -> dict:
        angle = values["angle"]
        return {
            "readout": f"<p><strong>{html.escape(hip_position(angle))}.</strong> "
            f"Muscle length: {100 * _length_ratio(angle):.0f} % of its standing length.</p>",
            "figure": figure_markup(cls.figure_in(course, values)),
        }

    @property
    def angle(self) -> int:
        return self.values["angle"]

    @property
    def length_ratio(self) -> float:
        return _length_ratio(self.angle)

    @property
    def position_words(self) -> str:
        return hip_position(self.angle)
