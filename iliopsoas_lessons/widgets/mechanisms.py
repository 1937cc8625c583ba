"""The mechanism stepper: each way the iliopsoas gets hurt, with its picture."""

from __future__ import annotations

import html

import ipywidgets as w

from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.content.text import flag_steps, mechanism_flag_links
from iliopsoas_lessons.figures.mechanisms import MechanismFigure

from ._base import FigurePanel, LessonWidget, figure_row, refs_html
from ._nav import StepperNav, Stepping
from ._state_common import course_or_package
from .state import MechanismStepperState
from .symptoms import side_toggle

__all__ = ["MechanismStepper", "mechanism_html"]


def mechanism_html(m, course: Content | None = None) -> str:
    """A mechanism's page, its urgency read from ``course`` (default: the package's)."""
    e = html.escape

    def items(facts) -> str:
        return "".join(f"<li>{e(f.text)}{refs_html(f.references)}</li>" for f in facts)

    course = course_or_package(course)
    level = course.urgency[m.urgency]

    def flag_item(when, flag, label) -> str:
        # each linked flag with its own level, destination, interim advice and
        # escalation: the level's generic advice alone would send an avulsion to a GP slot
        steps = " ".join(f"<strong>{e(head)}:</strong> {e(text)}" for head, text in flag_steps(flag, course))
        lead = f"If {e(when)}: see " if when else ""
        return f"<li>{lead}<strong>{e(flag.title)}</strong> ({e(label)}). {steps}</li>"

    links = mechanism_flag_links(m, course)
    signs = "".join(flag_item(*link) for link in links if link[0] is None)
    ups = "".join(flag_item(*link) for link in links if link[0] is not None)
    out = (
        f"<p><strong>How urgent: {e(level.label)}.</strong> {e(level.patient_advice)}</p>"
        + (f"<p><strong>Warning signs that go with it:</strong></p><ul>{signs}</ul>" if signs else "")
        + (f"<p><strong>When it moves up the scale:</strong></p><ul>{ups}</ul>" if ups else "")
        + f"<p>{e(m.summary.text)}{refs_html(m.summary.references)}</p>"
        f"<h4>Typical triggers</h4><ul>{items(m.triggers)}</ul>"
    )
    if m.grades:
        grades = "".join(
            f"<li><strong>Grade {g.grade}:</strong> {e(g.text)}{refs_html(g.references)}</li>" for g in m.grades
        )
        out += f"<h4>Grades</h4><ul>{grades}</ul>"
    return out + f"<h4>What you notice</h4><ul>{items(m.features)}</ul>"


class MechanismStepper(Stepping, LessonWidget):
    """Previous/next through the mechanisms ("1 of 7"), each with its own
    close-up schematic (the tear, the collection, the fragment, the cup...)
    on one side, the patient's right unless the side toggle says otherwise
    (the figure is switched in place, never rebuilt)."""

    def __init__(self, index: int = 0, *, side: str = "right", course: Content | None = None):
        self.state = MechanismStepperState(index, side=side, course=course)
        self.figure = MechanismFigure(self.state.key, self.state.side)
        self.panel = FigurePanel(self.figure)
        self._panels = (self.panel,)
        self.nav = StepperNav(self.state, "mechanism", self._update)
        self.previous_button, self.next_button = self.nav.previous_button, self.nav.next_button
        self.progress = self.nav.progress
        self.title = w.HTML()
        self.side = side_toggle(self.state.side)
        self.side.observe(self._on_side, names="value")
        self.details = w.HTML(layout=w.Layout(max_width="52em"))
        self.box = w.VBox([self.title, self.nav.box, self.side, figure_row(self.panel.widget, self.details)])
        self.box.add_class("il-mechanism-stepper")
        self._update()

    def _on_side(self, change) -> None:
        self.state.set_side(change["new"])
        self._update()

    def _update(self) -> None:
        s = self.state
        m = s.mechanism
        self.figure.set_mechanism(s.key, s.side)
        self.panel.refresh()
        self.nav.update()
        self.title.value = (
            f"<h3>{html.escape(m.title)}</h3><p>Mechanism {s.progress}, drawn on {html.escape(s.side_words)}</p>"
        )
        self.details.value = mechanism_html(m, self.state.course)
