"""The pain-map exercise: the learner clicks or taps the areas of the body map
(or reaches them with Tab and toggles them with Space), presses Check, and
sees found, missed and extra areas marked on the map itself, with the
feedback right beside the Check button.

The map is one custom widget written once with anywidget: its front end
(``static/painmap.js`` and ``static/painmap.css``, shipped with the package,
no network and no build step) only shows :class:`PainMapState` and sends the
learner's marks and presses back, which Python checks.
"""

from __future__ import annotations

import html
from pathlib import Path

import anywidget
import ipywidgets as w
import traitlets as t

from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.figures.bodymap_svg import choice_map_svg

from ._base import STATIC_NOTE, LessonWidget
from ._state_painmap import MARK_STYLES, PainMapState
from .state import BODIES

__all__ = ["PainMapExercise", "PainMapWidget", "PAGE_TEXTS"]

_STATIC = Path(__file__).with_name("static")
ACTIONS = ("check", "clear")


class PainMapWidget(anywidget.AnyWidget):
    """The clickable body map (front end in ``static/painmap.js``)."""

    _esm = _STATIC / "painmap.js"
    _css = _STATIC / "painmap.css"

    svg = t.Unicode("").tag(sync=True)
    regions = t.List().tag(sync=True)
    styles = t.Dict().tag(sync=True)
    bodies = t.List().tag(sync=True)
    prompt = t.Unicode("").tag(sync=True)
    # the learner's marks: the page sets them, Python checks every key
    selected = t.List().tag(sync=True)
    show_reference = t.Bool(False).tag(sync=True)
    body = t.Unicode("male").tag(sync=True)
    # what the page shows, all from the state
    mode = t.Unicode("select").tag(sync=True)
    marks = t.Dict().tag(sync=True)
    labels = t.Dict().tag(sync=True)
    legend = t.List().tag(sync=True)
    result = t.Dict().tag(sync=True)
    feedback = t.Unicode("").tag(sync=True)
    feedback_kind = t.Unicode("prompt").tag(sync=True)
    description = t.Unicode("").tag(sync=True)


PROMPT = "Click or tap the areas on the map, or reach them with Tab and press Space, to mark them; then press Check."


# The sentences beside the Check button that are not the check's own (the
# state's are _state_painmap.TEXTS); the course website fills the same templates.
PAGE_TEXTS = {
    "reference_shown": "The map shows the reference pattern. Press the button again to see your marks.",
    "references": " [{keys}]",
    "references_joiner": ", ",
    "count": "{count} area{plural} marked. Press Check when you are done.",
}


class PainMapExercise(LessonWidget):
    """Mark where iliopsoas pain is referred on the body map; check against the
    reference pattern.

    ``toggle(key)``, ``check()``, ``clear()``, ``set_reference(on)`` and
    ``set_body(body)`` do in Python what the learner's clicks do on the page.
    """

    def __init__(
        self, exercise: str = "back_pain_referral", *, marked=(), body: str = "male", course: Content | None = None
    ):
        self.state = PainMapState(exercise, marked=marked, body=body, course=course)
        s = self.state
        self.map = PainMapWidget(
            regions=[{"key": k, "view": s.course.regions[k].view} for k in s.choices],
            styles=MARK_STYLES,
            bodies=[[f"{b} body", b] for b in BODIES],
            prompt=f"{s.exercise.prompt} {PROMPT}",
        )
        self.map.add_class("il-pain-map-widget")
        self._syncing = False
        self.map.observe(self._on_selected, names="selected")
        self.map.observe(self._on_reference, names="show_reference")
        self.map.observe(self._on_body, names="body")
        self.map.on_msg(self._on_msg)
        self.box = w.VBox([self.map])
        self.box.add_class("il-pain-map")
        self._sync()

    # -- what the learner does, from Python --------------------------------
    def toggle(self, key: str) -> PainMapExercise:
        self.state.toggle(key)
        return self._sync()

    def check(self):
        result = self.state.check()
        self._sync()
        return result

    def clear(self) -> PainMapExercise:
        self.state.clear()
        return self._sync()

    def set_reference(self, on: bool = True) -> PainMapExercise:
        self.state.show_reference(on)
        return self._sync()

    def set_body(self, body: str) -> PainMapExercise:
        self.state.set_body(body)
        return self._sync()

    # -- what the page sends --------------------------------------------------
    def _on_selected(self, change) -> None:
        if not self._syncing:
            self.state.select_from_page(change["new"])
            self._sync()

    def _on_reference(self, change) -> None:
        if not self._syncing:
            self.state.show_reference(bool(change["new"]))
            self._sync()

    def _on_body(self, change) -> None:
        if self._syncing:
            return
        if change["new"] in BODIES:
            self.state.set_body(change["new"])
        else:
            self.state.error = f"Unknown body {change['new']!r:.40}; the bodies are: {', '.join(BODIES)}."
        self._sync()

    def _on_msg(self, _widget, content, _buffers=None) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        if action == "check":
            self.state.check()
        elif action == "clear":
            self.state.clear()
        else:
            self.state.error = f"Unknown request {action!r:.40} from the page; the requests are: {', '.join(ACTIONS)}."
        self._sync()

    # -- state -> page -------------------------------------------------------------
    @property
    def feedback_text(self) -> tuple[str, str]:
        """(kind, text) of the feedback beside the Check button."""
        s = self.state
        if s.error:
            return "error", s.error
        if s.mode == "reference":
            return "prompt", PAGE_TEXTS["reference_shown"]
        fb = s.feedback
        if fb is not None:
            keys = PAGE_TEXTS["references_joiner"].join(s.exercise.references)
            refs = PAGE_TEXTS["references"].format(keys=keys) if s.exercise.references else ""
            return ("correct" if fb.correct else "not_yet"), fb.text + refs
        count = len(s.marked)
        return "prompt", PAGE_TEXTS["count"].format(count=count, plural="" if count == 1 else "s")

    def _sync(self) -> PainMapExercise:
        s = self.state
        kind, text = self.feedback_text
        result = s.result
        self._syncing = True
        try:
            with self.map.hold_sync():
                self.map.svg = choice_map_svg(tuple(s.choices), body=s.body)
                self.map.body = s.body
                self.map.selected = list(s.marked)
                self.map.show_reference = s.showing_reference
                self.map.mode = s.mode
                self.map.marks = s.map_marks
                self.map.labels = s.region_labels
                self.map.legend = list(s.legend)
                self.map.result = (
                    {"found": list(result.hits), "missed": list(result.missed), "extra": list(result.extra)}
                    if s.checked
                    else {}
                )
                self.map.feedback, self.map.feedback_kind = text, kind
                self.map.description = s.description
        finally:
            self._syncing = False
        return self

    def snapshot_html(self) -> str:
        """Static HTML of the current state: the prompt, the map (its alt text
        says what is marked) and the feedback."""
        self._check_open()
        s = self.state
        kind, text = self.feedback_text
        svg = choice_map_svg(tuple(s.choices), body=s.body).replace(
            "<svg ", f'<svg role="img" aria-label="{html.escape(s.description, quote=True)}" ', 1
        )
        return (
            f'<div class="il-lesson-widget"><p>{html.escape(self.map.prompt)}</p>'
            f'<div style="max-width:560px">{svg}</div>'
            f"<p>{html.escape(s.description)}</p><p>{html.escape(text)}</p>"
            f"<p><em>{STATIC_NOTE}</em></p></div>"
        )
