"""The symptom stepper ("2 of 5"); the symptom explorer (its maps side by
side) is in :mod:`.compare`, re-exported here."""

from __future__ import annotations

import html

import ipywidgets as w

from iliopsoas_lessons.content.roles import contrast_text
from iliopsoas_lessons.content.text import flag_steps_text, symptom_warning_signs
from iliopsoas_lessons.content.checks import sentences
from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.figures.bodymap import ReferredPainFigure

from ._base import FigurePanel, LessonWidget, figure_row, refs_html
from ._nav import StepperNav, Stepping
from ._state_common import course_or_package
from .state import BODIES, SymptomStepperState, contrast_note, side_label

__all__ = ["SymptomStepper", "SymptomExplorer", "symptom_details_html", "claim_html"]

SIDE_OPTIONS = [("patient's left", "left"), ("patient's right", "right")]
SIDE_TOOLTIPS = ["Show a problem in the patient's left iliopsoas", "Show a problem in the patient's right iliopsoas"]


def side_toggle(value: str) -> w.ToggleButtons:
    return w.ToggleButtons(
        options=SIDE_OPTIONS, value=value, description="Side:", tooltips=SIDE_TOOLTIPS, style={"button_width": "auto"}
    )


BODY_LABELS = {"male": "male body", "female": "female body"}


def body_toggle(value: str) -> w.ToggleButtons:
    """Which CHOIR body outline the map uses."""
    return w.ToggleButtons(
        options=[(BODY_LABELS.get(b, b), b) for b in BODIES],
        value=value,
        description="Body:",
        style={"button_width": "auto"},
        tooltips=[f"Draw the map on the {BODY_LABELS.get(b, b)}" for b in BODIES],
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


class SymptomStepper(Stepping, LessonWidget):
    """The five symptoms one at a time: previous/next, "k of 5", side, body map,
    what provokes it, why, and the evidence check.

    >>> s = SymptomStepper(); s.next_button.click(); s.progress.value
    '2 of 5'
    """

    def __init__(self, index: int = 0, *, side: str = "left", body: str = "male", course: Content | None = None):
        self.state = SymptomStepperState(index, side=side, body=body, course=course)
        self.figure = ReferredPainFigure(body=self.state.body)
        self.panel = FigurePanel(self.figure)
        self._panels = (self.panel,)
        self.nav = StepperNav(self.state, "symptom", self._update)
        self.previous_button, self.next_button = self.nav.previous_button, self.nav.next_button
        self.progress = self.nav.progress
        self.side = side_toggle(self.state.side)
        self.body = body_toggle(self.state.body)
        self.title = w.HTML()
        self.details = w.HTML(layout=w.Layout(max_width="52em"))
        self.side.observe(self._on_side, names="value")
        self.body.observe(self._on_body, names="value")
        self.box = w.VBox([self.title, self.nav.box, self.side, self.body, figure_row(self.panel.widget, self.details)])
        self.box.add_class("il-symptom-stepper")
        self._update()

    def _on_side(self, change) -> None:
        self.state.set_side(change["new"])
        self._update()

    def _on_body(self, change) -> None:
        self.state.set_body(change["new"])
        self._update()

    def _update(self) -> None:
        s = self.state
        sym = s.symptom
        if self.figure.body != s.body:
            self.figure.set_body(s.body)
        self.figure.show(s.key, s.side)
        self.panel.refresh()
        self.nav.update()
        note = contrast_html(sym, self.state.course)
        self.title.value = (
            f"<h3>{html.escape(sym.title)}</h3>"
            f"<p>Symptom {s.progress}, for a problem on the {side_label(s.side)} side</p>" + note
        )
        self.details.value = symptom_details_html(sym, self.state.course)


# the comparison has its own module; re-exported here, where it used to live
from .compare import SymptomExplorer  # noqa: E402  (kept last: compare.py takes its controls from this module)
