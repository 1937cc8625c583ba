"""The symptom stepper ("2 of 5") and the symptom explorer (evidence vs article)."""
from __future__ import annotations

import html

import ipywidgets as w

import iliopsoas_lessons as il
from iliopsoas_lessons.content.roles import ROLE_STYLES
from iliopsoas_lessons.content.checks import sentences
from iliopsoas_lessons.figures.bodymap import BodyMapFigure, ReferredPainFigure

from ._base import FigurePanel, LessonWidget, figure_row, refs_html
from ._nav import StepperNav, Stepping
from .state import BODIES, SymptomExplorerState, SymptomStepperState, contrast_note, side_label

__all__ = ["SymptomStepper", "SymptomExplorer", "symptom_details_html", "claim_html"]

SIDE_OPTIONS = [("patient's left", "left"), ("patient's right", "right")]
SIDE_TOOLTIPS = ["Show a problem in the patient's left iliopsoas",
                 "Show a problem in the patient's right iliopsoas"]


def side_toggle(value: str) -> w.ToggleButtons:
    return w.ToggleButtons(options=SIDE_OPTIONS, value=value, description="Side:",
                           tooltips=SIDE_TOOLTIPS, style={"button_width": "auto"})


BODY_LABELS = {"male": "male body", "female": "female body"}


def body_toggle(value: str) -> w.ToggleButtons:
    """Which CHOIR body outline the map uses."""
    return w.ToggleButtons(options=[(BODY_LABELS.get(b, b), b) for b in BODIES], value=value,
                           description="Body:", style={"button_width": "auto"},
                           tooltips=[f"Draw the map on the {BODY_LABELS.get(b, b)}" for b in BODIES])


def claim_html(claim) -> str:
    e = html.escape
    said = " ".join(f"<em>The article said:</em> {e(x)}" for x in sentences(claim.article_says))
    return (f"<li>{said}<br>"
            f"<strong>Verdict: {e(claim.verdict)}.</strong> "
            f"<em>What the sources say:</em> {e(claim.evidence)}{refs_html(claim.references)}</li>")


# Said when no iliopsoas condition gives a symptom's pattern (the sciatic one):
# an empty line would read as missing data.
NO_RELATED_CONDITION = ("none of the iliopsoas conditions of lesson 02 gives this pattern "
                        "(see <em>Why it happens</em>)")


def symptom_details_html(symptom) -> str:
    e = html.escape
    provoked = "".join(f"<li>{e(f.text)}{refs_html(f.references)}</li>" for f in symptom.provoked_by)
    mechanisms = ", ".join(e(il.mechanism(k).title) for k in symptom.mechanisms)
    claims = "".join(claim_html(il.claim(k)) for k in symptom.claims)
    return (
        f"<h4>How it feels</h4><p>{e(symptom.feel.text)}{refs_html(symptom.feel.references)}</p>"
        f"<h4>What brings it on</h4><ul>{provoked}</ul>"
        f"<h4>Why it happens</h4><p>{e(symptom.why.text)}{refs_html(symptom.why.references)}</p>"
        f"<p><strong>Related conditions:</strong> {mechanisms or NO_RELATED_CONDITION}</p>"
        f"<h4>Evidence check</h4><ul>{claims}</ul>"
    )


class SymptomStepper(Stepping, LessonWidget):
    """The five symptoms one at a time: previous/next, "k of 5", side, body map,
    what provokes it, why, and the evidence check.

    >>> s = SymptomStepper(); s.next_button.click(); s.progress.value
    '2 of 5'
    """

    def __init__(self, index: int = 0, *, side: str = "left", body: str = "male"):
        self.state = SymptomStepperState(index, side=side, body=body)
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
        self.box = w.VBox([self.title, self.nav.box, self.side, self.body,
                           figure_row(self.panel.widget, self.details)])
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
        note = f"<p><strong>{html.escape(s.caption)}</strong></p>" if s.caption else ""
        self.title.value = (f"<h3>{html.escape(sym.title)}</h3>"
                            f"<p>Symptom {s.progress}, for a problem on the {side_label(s.side)} side</p>"
                            + note)
        self.details.value = symptom_details_html(sym)


VIEW_OPTIONS = [("what the evidence says", "evidence"), ("what the article claimed", "article"),
                ("a pattern to tell it apart", "contrast")]


class SymptomExplorer(LessonWidget):
    """Pick a body-map symptom and side; compare the evidence's map with the
    areas the article named and with a contrasting pattern."""

    def __init__(self, key: str = "back_pain", *, side: str = "left", view: str = "evidence",
                 body: str = "male"):
        self.state = SymptomExplorerState(key, side=side, view=view, body=body)
        self.figure = BodyMapFigure(body=self.state.body)
        self.panel = FigurePanel(self.figure)
        self._panels = (self.panel,)
        self.symptom = w.Dropdown(options=[(il.symptom(k).title, k) for k in self.state.keys],
                                  value=self.state.key, description="Symptom:",
                                  tooltip="Choose the symptom to map")
        self.side = side_toggle(self.state.side)
        self.body = body_toggle(self.state.body)
        self.view = w.RadioButtons(options=self._view_options(), value=self.state.view,
                                   description="Show:", tooltip="Choose which map to show")
        self.note = w.HTML()
        self._busy = False
        self.symptom.observe(self._on_symptom, names="value")
        self.side.observe(self._on_side, names="value")
        self.view.observe(self._on_view, names="value")
        self.body.observe(self._on_body, names="value")
        self.box = w.VBox([w.HBox([self.symptom, self.side], layout=w.Layout(flex_flow="row wrap")),
                           self.body, self.view, figure_row(self.panel.widget, self.note)])
        self.box.add_class("il-symptom-explorer")
        self._update()

    def _view_options(self) -> list[tuple[str, str]]:
        available = self.state.views_available()
        return [(label, v) for label, v in VIEW_OPTIONS if v in available]

    def _on_symptom(self, change) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self.state.set_symptom(change["new"])  # an unoffered view falls back to the evidence
            self.view.options = self._view_options()
            self.view.value = self.state.view
        finally:
            self._busy = False
        self._update()

    def _on_side(self, change) -> None:
        self.state.set_side(change["new"])
        self._update()

    def _on_body(self, change) -> None:
        self.state.set_body(change["new"])
        self._update()

    def _on_view(self, change) -> None:
        if self._busy or change["new"] is None:
            return
        self.state.set_view(change["new"])
        self._update()

    def _update(self) -> None:
        s = self.state
        if self.figure.body != s.body:
            self.figure.set_body(s.body)
        self.figure.title.set_text(s.figure_title)
        self.figure.set_marks(s.marks)
        self.panel.refresh()
        sym = s.symptom
        lead = "".join(f"<p><strong>{html.escape(t)}</strong></p>" for t in [contrast_note(sym)] if t)
        if s.view == "article":
            claims = [il.claim(k) for k in sym.claims if il.claim(k).is_error]
            body = "".join(f"<p><strong>Verdict: {html.escape(c.verdict)}.</strong> "
                           f"{html.escape(c.evidence)}{refs_html(c.references)}</p>" for c in claims[-1:])
            text = (f"<p>Marked with {ROLE_STYLES['claimed']['look']}: the areas the source "
                    "article added; the evidence does not support them. The rest of the map is "
                    "the evidence.</p>" + body)
        elif s.view == "contrast":
            femoral = il.course().figure_texts["femoral_pattern"]
            text = (f"<p>Marked with {ROLE_STYLES['contrast']['look']}: a different condition's "
                    f"pattern, to tell the two apart. {html.escape(femoral.text)}{refs_html(femoral.references)}</p>")
        else:
            text = f"<p>{html.escape(sym.feel.text)}{refs_html(sym.feel.references)}</p>"
        self.note.value = f"<h4>{html.escape(s.caption)}</h4>{lead}{text}"
