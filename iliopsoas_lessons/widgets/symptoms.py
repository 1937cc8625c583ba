"""The symptom stepper ("2 of 5") and the controls it shares with the maps
compared; the symptom explorer (its maps side by side) is in :mod:`.compare`,
re-exported here."""

from __future__ import annotations

import html

from iliopsoas_lessons.content.roles import contrast_text
from iliopsoas_lessons.content.text import flag_steps_text, symptom_warning_signs
from iliopsoas_lessons.content.checks import sentences
from iliopsoas_lessons.content.models import Content

from ._base import refs_html
from ._state_common import course_or_package
from ._state_table import Control, Slot, radios_control, stepper_control
from .state_player import TableWidget, figure_markup
from .state import BODIES, SymptomStepperState, contrast_note, side_label

__all__ = ["SymptomStepper", "SymptomExplorer", "symptom_details_html", "claim_html", "contrast_html"]

SIDE_OPTIONS = [("patient's left", "left"), ("patient's right", "right")]
SIDE_TOOLTIPS = ["Show a problem in the patient's left iliopsoas", "Show a problem in the patient's right iliopsoas"]


BODY_LABELS = {"male": "male body", "female": "female body"}


def side_control() -> Control:
    """The patient's side, as radios (the steppers and the maps compared)."""
    return radios_control("side", "Side", SIDE_OPTIONS, SIDE_TOOLTIPS)


def body_control() -> Control:
    """Which CHOIR body outline the map uses, as radios."""
    return Control(
        "radios",
        "body",
        "Body",
        tuple(BODIES),
        tuple(BODY_LABELS.get(b, b) for b in BODIES),
        tuple(f"Draw the map on the {BODY_LABELS.get(b, b)}" for b in BODIES),
    )


def claim_html(claim) -> str:
    e = html.escape
    said = " ".join(f"<em>The article said:</em> {e(x)}" for x in sentences(claim.article_says))
    return (
        f"<li>{said}<br>"
        f"<strong>Verdict: {e(claim.verdict)}.</strong> "
        f"<em>What the sources say:</em> {e(claim.evidence)}{refs_html(claim.references)}</li>"
    )


# Said when no iliopsoas condition gives a symptom's pattern (the sciatic one):
# an empty line would read as missing data.
NO_RELATED_CONDITION = "none of the iliopsoas conditions of lesson 02 gives this pattern (see <em>Why it happens</em>)"


def contrast_html(symptom, course: Content | None = None) -> str:
    """A contrast pattern's note, its first sentence in bold, with its sources
    ('' for an iliopsoas pattern; the texts of ``course``, default: the package's)."""
    text = contrast_note(symptom, course)
    if not text:
        return ""
    lead, _, rest = text.partition(". ")
    own = contrast_text(symptom, course)
    refs = refs_html(own.references) if own is not None else ""
    return f'<p class="il-contrast-note"><strong>{html.escape(lead)}.</strong> {html.escape(rest)}{refs}</p>'


def warning_signs_html(symptom, course: Content | None = None) -> str:
    """The symptom's warning flags under their levels, each with its short form,
    where to go, what to do meanwhile and what moves it up, all from red_flags.json."""
    e = html.escape
    course = course_or_package(course)
    groups = symptom_warning_signs(symptom, course)
    if not groups:
        return ""
    parts = ["<h4>Warning signs that change this (lesson 04)</h4>"]
    for level, flags in groups:
        items = "".join(
            f"<li><strong>{e(f.title)}</strong>: {e(f.in_short)}. {e(flag_steps_text(f, course))}</li>" for f in flags
        )
        # each level open, so no sign is hidden; the reader may fold a long list
        parts.append(
            f"<details open><summary><strong>{e(level.label)}</strong>: {e(level.patient_advice)}</summary>"
            f"<ul>{items}</ul></details>"
        )
    return "".join(parts)


def symptom_details_html(symptom, course: Content | None = None) -> str:
    """The symptom's details, its mechanisms and claims read from ``course`` (default: the package's)."""
    e = html.escape
    course = course_or_package(course)
    provoked = "".join(f"<li>{e(f.text)}{refs_html(f.references)}</li>" for f in symptom.provoked_by)
    mechanisms = ", ".join(e(course.mechanisms[k].title) for k in symptom.mechanisms)
    claims = "".join(claim_html(course.claims[k]) for k in symptom.claims)
    return (
        f"<h4>How it feels</h4><p>{e(symptom.feel.text)}{refs_html(symptom.feel.references)}</p>"
        f"<h4>What brings it on</h4><ul>{provoked}</ul>"
        f"<h4>Why it happens</h4><p>{e(symptom.why.text)}{refs_html(symptom.why.references)}</p>"
        f"{warning_signs_html(symptom, course)}"
        f"<p><strong>Related conditions:</strong> {mechanisms or NO_RELATED_CONDITION}</p>"
        f"<h4>Evidence check</h4><ul>{claims}</ul>"
    )


class SymptomStepper(TableWidget):
    """The five symptoms one at a time: previous/next, "k of 5", side, body map,
    what provokes it, why, and the evidence check. One anywidget
    (``static/state_player.js``) plays the table of every state.

    >>> s = SymptomStepper(); s.go_to(1).shown("title").count("2 of 5")
    1
    """

    SLOTS = (Slot("title", "head"), Slot("figure", "figure"), Slot("details", "text"))
    CSS = "il-symptom-stepper"
    noun = "symptom"

    def __init__(self, index: int = 0, *, side: str = "left", body: str = "male", course: Content | None = None):
        self.state = SymptomStepperState(index, side=side, body=body, course=course)  # checks the input
        s = self.state
        super().__init__(course, {"index": s.index, "side": s.side, "body": s.body})

    @classmethod
    def table_controls(cls, course: Content) -> list[Control]:
        keys = SymptomStepperState.keys
        return [
            stepper_control("symptom", tuple(course.symptoms[k].title for k in keys)),
            side_control(),
            body_control(),
        ]

    @classmethod
    def render(cls, course: Content, values: dict) -> dict:
        s = SymptomStepperState(values["index"], side=values["side"], body=values["body"], course=course)
        figure = cls._live_figure(s)
        note = contrast_html(s.symptom, course)
        return {
            "title": f"<h3>{html.escape(s.symptom.title)}</h3>"
            f"<p>Symptom {s.progress}, for a problem on the {side_label(s.side)} side</p>" + note,
            "figure": figure_markup(figure),
            "details": symptom_details_html(s.symptom, course),
        }

    _figure = None

    @classmethod
    def _live_figure(cls, s: SymptomStepperState):
        """The one map drawn in place for every state (the body switched first,
        then the symptom shown: the order that keeps its legend words right)."""
        if cls._figure is None:
            # imported on first drawing: the package's table is shipped, so a lesson needs no matplotlib
            from iliopsoas_lessons.figures.bodymap import ReferredPainFigure

            cls._figure = ReferredPainFigure(body=s.body)
        figure = cls._figure
        if figure.body != s.body:
            figure.set_body(s.body)
        return figure.show(s.key, s.side)

    def make_state(self, values: dict) -> SymptomStepperState:
        return SymptomStepperState(values["index"], side=values["side"], body=values["body"], course=self.course)

    @classmethod
    def figure_in(cls, course: Content, values: dict):
        return cls._live_figure(
            SymptomStepperState(values["index"], side=values["side"], body=values["body"], course=course)
        )


# the comparison has its own module; re-exported here, where it used to live
from .compare import SymptomExplorer  # noqa: E402  (kept last: compare.py takes its controls from this module)
