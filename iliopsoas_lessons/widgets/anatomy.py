"""The anatomy explorer (muscle x feature on the schematic) and the hip-angle explorer."""

from __future__ import annotations

import html

import ipywidgets as w

from iliopsoas_lessons.content import SIDES
from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.figures.anatomy import HIP_ANGLE_RANGE, HipAngleFigure, muscle_length_ratio
from iliopsoas_lessons.figures.anatomy_front import FrontViewFigure

from ._base import FigurePanel, LessonWidget, figure_row, refs_html
from .state import ANATOMY_FEATURES, AnatomyExplorerState, HipAngleState

__all__ = ["AnatomyExplorer", "HipAngleExplorer", "muscle_facts_html"]

_FEATURE_TIPS = {
    "whole": "Highlight the whole muscle with its origin and insertion",
    "origin": "Highlight where the muscle starts",
    "insertion": "Highlight where the muscle ends",
    "nerve_supply": "Highlight the nerves that supply it",
}


def muscle_facts_html(muscle) -> str:
    e = html.escape
    actions = "".join(
        f"<li>{e(a.text)}{' <strong>(disputed)</strong>' if a.disputed else ''}{refs_html(a.references)}</li>"
        for a in muscle.actions
    )
    return f"<h4>What {e(muscle.name)} does</h4><ul>{actions}</ul>"


class AnatomyExplorer(LessonWidget):
    """Choose a muscle, a feature (origin, insertion, nerve supply) and the
    patient's side; the schematic highlights those parts on that side in
    place and the fact appears beside it."""

    def __init__(
        self, muscle: str = "psoas_major", *, feature: str = "whole", side: str = "left", course: Content | None = None
    ):
        self.state = AnatomyExplorerState(muscle, feature=feature, side=side, course=course)
        self.figure = FrontViewFigure()
        self.panel = FigurePanel(self.figure)
        self._panels = (self.panel,)
        muscles = list(self.state.course.muscles)
        self.muscle = w.ToggleButtons(
            options=[(m.name, m.key) for m in muscles],
            value=self.state.muscle_key,
            description="Muscle:",
            tooltips=[f"Show the {m.name}" for m in muscles],
            style={"button_width": "auto"},
        )
        self.feature = w.ToggleButtons(
            options=[(self.state.feature_label(f), f) for f in ANATOMY_FEATURES],
            value=self.state.feature,
            description="Part:",
            tooltips=[_FEATURE_TIPS[f] for f in ANATOMY_FEATURES],
            style={"button_width": "auto"},
        )
        self.side = w.ToggleButtons(
            options=[(f"patient's {s}", s) for s in SIDES],
            value=self.state.side,
            description="Side:",
            tooltips=[
                f"Highlight on the patient's {s} side (the picture's {'right' if s == 'left' else 'left'})"
                for s in SIDES
            ],
            style={"button_width": "auto"},
        )
        self.fact = w.HTML(layout=w.Layout(max_width="52em"))
        self.muscle.observe(lambda c: self._set(muscle=c["new"]), names="value")
        self.feature.observe(lambda c: self._set(feature=c["new"]), names="value")
        self.side.observe(lambda c: self._set(side=c["new"]), names="value")
        self.box = w.VBox([self.muscle, self.feature, self.side, figure_row(self.panel.widget, self.fact)])
        self.box.add_class("il-anatomy-explorer")
        self._update()

    def _set(self, muscle: str | None = None, feature: str | None = None, side: str | None = None) -> None:
        if muscle is not None:
            self.state.set_muscle(muscle)
        if feature is not None:
            self.state.set_feature(feature)
        if side is not None:
            self.state.set_side(side)
        self._update()

    def _update(self) -> None:
        s = self.state
        self.figure.set_highlight(s.parts, side=s.side)
        self.panel.refresh()
        names = ", ".join(html.escape(s.course.parts[k].name) for k in s.parts)
        self.fact.value = (
            f"<h4>{html.escape(s.caption)}</h4>"
            f"<p>{html.escape(s.fact.text)}{refs_html(s.fact.references)}</p>"
            f"<p><em>Highlighted on the patient's {s.side} side:</em> {names}</p>" + muscle_facts_html(s.muscle)
        )


class HipAngleExplorer(LessonWidget):
    """A slider for the hip angle: the side-view schematic moves the thigh in
    place and reports how long the iliopsoas is compared with standing."""

    def __init__(self, angle: float = 0.0):
        low, high = HIP_ANGLE_RANGE
        self.state = HipAngleState(angle, low=low, high=high)  # nan, inf, text: ValueError
        self.state.set_angle(round(self.state.angle))  # whole degrees, as the slider shows
        self.figure = HipAngleFigure(self.state.angle)
        self.panel = FigurePanel(self.figure)
        self._panels = (self.panel,)
        self.slider = w.IntSlider(
            value=int(self.state.angle),
            min=int(low),
            max=int(high),
            step=5,
            description="Hip angle (°):",
            continuous_update=False,
            tooltip="Negative: thigh behind the body (extension); positive: thigh lifted (flexion)",
            style={"description_width": "initial"},
            layout=w.Layout(width="28em"),
        )
        self.readout = w.HTML()
        self.slider.observe(self._on_angle, names="value")
        self.box = w.VBox([self.slider, self.readout, self.panel.widget])
        self.box.add_class("il-hip-angle")
        self._update()

    def _on_angle(self, change) -> None:
        self.state.set_angle(change["new"])
        self._update()

    @property
    def length_ratio(self) -> float:
        return muscle_length_ratio(self.state.angle)

    def _update(self) -> None:
        self.figure.set_angle(self.state.angle)
        self.panel.refresh()
        self.readout.value = (
            f"<p><strong>{html.escape(self.state.position)}.</strong> "
            f"Muscle length: {100 * self.length_ratio:.0f} % of its standing length.</p>"
        )
