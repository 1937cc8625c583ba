"""The mechanism stepper: each way the iliopsoas gets hurt, with its picture."""
from __future__ import annotations

import html

import ipywidgets as w

import iliopsoas_lessons as il
from iliopsoas_lessons.figures.anatomy import AnatomyFigure

from ._base import FigurePanel, LessonWidget, button, refs_html
from iliopsoas_lessons.content.text import mechanism_escalations
from .state import MechanismStepperState

__all__ = ["MechanismStepper", "mechanism_html"]

def mechanism_html(m) -> str:
    e = html.escape

    def items(facts):
        return "".join(f"<li>{e(f.text)}{refs_html(f.references)}</li>" for f in facts)

    level = il.urgency_level(m.urgency)
    flags = "; ".join(il.red_flag(k).title.lower() for k in m.red_flags)
    ups = "".join(f" <strong>{e(label)} instead</strong> if {e(when)}." for label, when in mechanism_escalations(m))
    out = (f"<p><strong>How urgent: {e(level.label)}.</strong> {e(level.action)}{ups}"
           + (f" Warning signs to know: {e(flags)}." if flags else "") + "</p>"
           f"<p>{e(m.summary.text)}{refs_html(m.summary.references)}</p>"
           f"<h4>Typical triggers</h4><ul>{items(m.triggers)}</ul>")
    if m.grades:
        grades = "".join(f"<li><strong>Grade {g.grade}:</strong> {e(g.text)}{refs_html(g.references)}</li>"
                         for g in m.grades)
        out += f"<h4>Grades</h4><ul>{grades}</ul>"
    return out + f"<h4>What you notice</h4><ul>{items(m.features)}</ul>"


class MechanismStepper(LessonWidget):
    """Previous/next through the mechanisms ("1 of 7"), each with the anatomy
    schematic highlighting the parts involved (updated in place)."""

    def __init__(self, index: int = 0):
        self.state = MechanismStepperState(index)
        self.figure = AnatomyFigure()
        self.panel = FigurePanel(self.figure)
        self._panels = (self.panel,)
        self.previous_button = button("Previous", "Go to the previous mechanism", icon="arrow-left")
        self.next_button = button("Next", "Go to the next mechanism", icon="arrow-right")
        self.progress = w.Label(layout=w.Layout(margin="0 0.6em"))
        self.title = w.HTML()
        self.details = w.HTML(layout=w.Layout(max_width="52em"))
        self.previous_button.on_click(lambda _: self._step(-1))
        self.next_button.on_click(lambda _: self._step(+1))
        nav = w.HBox([self.previous_button, self.progress, self.next_button], layout=w.Layout(align_items="center"))
        self.box = w.VBox([self.title, nav, self.panel.widget, self.details])
        self.box.add_class("il-mechanism-stepper")
        self._update()

    def _step(self, delta: int) -> None:
        self.state.next() if delta > 0 else self.state.previous()
        self._update()

    def _update(self) -> None:
        s = self.state
        m = s.mechanism
        self.figure.set_mechanism(s.key)
        self.panel.refresh()
        self.progress.value = s.progress
        self.title.value = f"<h3>{html.escape(m.title)}</h3><p>Mechanism {s.progress}</p>"
        self.details.value = mechanism_html(m)
        self.previous_button.disabled = s.at_start
        self.next_button.disabled = s.at_end
