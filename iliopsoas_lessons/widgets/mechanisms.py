"""The mechanism stepper: each way the iliopsoas gets hurt, with its picture."""

from __future__ import annotations

import html

from iliopsoas_lessons.content.mechanism_text import later_sign_lead, later_sign_links, later_signs_heading
from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.content.text import MECHANISM_SIGNS_NOT_ALL, flag_steps, mechanism_flag_links, mechanism_level

from ._base import refs_html
from ._state_common import course_or_package
from ._state_table import Control, Slot, stepper_control
from .state import MechanismStepperState
from .state_player import TableWidget, figure_markup
from .symptoms import side_control

__all__ = ["MechanismStepper", "mechanism_html"]


def mechanism_html(m, course: Content | None = None) -> str:
    """A mechanism's page, its urgency read from ``course`` (default: the package's)."""
    e = html.escape

    def items(facts) -> str:
        return "".join(f"<li>{e(f.text)}{refs_html(f.references)}</li>" for f in facts)

    course = course_or_package(course)
    level = mechanism_level(m, course)  # 'now' wording when a defining flag goes now

    def flag_item(when, flag, label) -> str:
        # each linked flag with its own level, destination, interim advice and
        # escalation: the level's generic advice alone would send an avulsion to a GP slot
        steps = " ".join(f"<strong>{e(head)}:</strong> {e(text)}" for head, text in flag_steps(flag, course))
        lead = f"If {e(when)}: see " if when else ""
        return f"<li>{lead}<strong>{e(flag.title)}</strong> ({e(label)}). {steps}</li>"

    links = mechanism_flag_links(m, course)
    signs = "".join(flag_item(*link) for link in links if link[0] is None)
    ups = "".join(flag_item(*link) for link in links if link[0] is not None)
    # later signs: each at its own level, marked as a follow-up, never the mechanism's route
    later = "".join(
        flag_item(None, flag, label).replace("<li>", f"<li>{e(later_sign_lead(when))}: see ", 1)
        for when, flag, label in later_sign_links(m, course)
    )
    out = (
        f"<p><strong>How urgent: {e(level.label)}.</strong> {e(level.patient_advice)}</p>"
        + (f"<p><strong>Warning signs that go with it:</strong></p><ul>{signs}</ul>" if signs else "")
        + (f"<p><strong>When it moves up the scale:</strong></p><ul>{ups}</ul>" if ups else "")
        + (f"<p><strong>{e(later_signs_heading(m, course))}:</strong></p><ul>{later}</ul>" if later else "")
        + f"<p>{e(MECHANISM_SIGNS_NOT_ALL)}</p>"
        + f"<p>{e(m.summary.text)}{refs_html(m.summary.references)}</p>"
        f"<h4>Typical triggers</h4><ul>{items(m.triggers)}</ul>"
    )
    if m.grades:
        grades = "".join(
            f"<li><strong>Grade {g.grade}:</strong> {e(g.text)}{refs_html(g.references)}</li>" for g in m.grades
        )
        out += f"<h4>Grades</h4><ul>{grades}</ul>"
    return out + f"<h4>What you notice</h4><ul>{items(m.features)}</ul>"


class MechanismStepper(TableWidget):
    """Previous/next through the mechanisms ("1 of 7"), each with its own
    close-up schematic (the tear, the collection, the fragment, the cup...)
    on one side, the patient's right unless the side toggle says otherwise.
    One anywidget (``static/state_player.js``) plays the table of every state."""

    SLOTS = (Slot("title", "head"), Slot("figure", "figure"), Slot("details", "text"))
    CSS = "il-mechanism-stepper"
    noun = "mechanism"

    def __init__(self, index: int = 0, *, side: str = "right", course: Content | None = None):
        self.state = MechanismStepperState(index, side=side, course=course)  # checks the input
        super().__init__(course, {"index": self.state.index, "side": self.state.side})

    @classmethod
    def table_controls(cls, course: Content) -> list[Control]:
        keys = tuple(course.mechanisms.keys())
        return [
            stepper_control("mechanism", tuple(course.mechanisms[k].title for k in keys)),
            side_control(),
        ]

    _figure = None

    @classmethod
    def _live_figure(cls, s: MechanismStepperState):
        """The one close-up figure, switched in place for every state."""
        if cls._figure is None:
            # imported on first drawing: the package's table is shipped, so a lesson needs no matplotlib
            from iliopsoas_lessons.figures.mechanisms import MechanismFigure

            cls._figure = MechanismFigure(s.key, s.side)
        return cls._figure.set_mechanism(s.key, s.side)

    @classmethod
    def render(cls, course: Content, values: dict) -> dict:
        s = MechanismStepperState(values["index"], side=values["side"], course=course)
        m = s.mechanism
        return {
            "title": f"<h3>{html.escape(m.title)}</h3><p>Mechanism {s.progress}, drawn on {html.escape(s.side_words)}</p>",
            "figure": figure_markup(cls._live_figure(s)),
            "details": mechanism_html(m, course),
        }

    def make_state(self, values: dict) -> MechanismStepperState:
        return MechanismStepperState(values["index"], side=values["side"], course=self.course)

    @classmethod
    def figure_in(cls, course: Content, values: dict):
        return cls._live_figure(MechanismStepperState(values["index"], side=values["side"], course=course))
