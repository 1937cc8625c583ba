"""The pain-map exercise: the learner clicks or taps the areas of the body map
(or reaches them with Tab and toggles them with Space), presses Check, and
sees found, missed and extra areas marked on the map itself, with the
feedback right beside the Check button.

The map is one anywidget module (``static/painmap.js`` and
``static/painmap.css``, shipped with the package, no network and no build
step), the same in JupyterLab, Voila and on the course website. It moves
between states itself (marks, Check, the reference pattern, Clear, the
body) from the data :meth:`PainMapState.page_data` gives, so no click waits
for the kernel. Python draws the maps, checks what the page sets, records a
checked answer in the learner's progress when the page says Check, restores
the last one, and makes the static snapshot from :meth:`PainMapState.view`
(the state table painmap.js's rules are tested against).
"""

from __future__ import annotations

import html
from pathlib import Path

import anywidget
import traitlets as t

from iliopsoas_lessons.content.models import Content

from ._base import STATIC_NOTE, LessonWidget
from ._state_painmap import MARK_STYLES, PAGE_TEXTS, PainMapState
from .state import BODIES

__all__ = ["PainMapExercise", "PainMapWidget", "PAGE_TEXTS", "PROMPT"]

_STATIC = Path(__file__).with_name("static")
ACTIONS = ("check",)


class PainMapWidget(anywidget.AnyWidget):
    """The clickable body map (front end in ``static/painmap.js``)."""

    _esm = _STATIC / "painmap.js"
    _css = _STATIC / "painmap.css"

    # what the map is: PainMapState.page_data(), the maps {body: svg}, the bodies, the prompt
    data = t.Dict().tag(sync=True)
    # where the learner is: the page sets these, Python checks them
    selected = t.List().tag(sync=True)
    checked = t.Bool(False).tag(sync=True)
    show_reference = t.Bool(False).tag(sync=True)
    body = t.Unicode("male").tag(sync=True)
    # what was wrong with the page's last input ('' if nothing): Python sets it, the page clears it
    error = t.Unicode("").tag(sync=True)


PROMPT = "Click or tap the areas on the map, or reach them with Tab and press Space, to mark them; then press Check."


class PainMapExercise(LessonWidget):
    """Mark where iliopsoas pain is referred on the body map; check against the
    reference pattern.

    ``toggle(key)``, ``check()``, ``clear()``, ``set_reference(on)`` and
    ``set_body(body)`` do in Python what the learner's clicks do on the page.
    """

    def __init__(
        self, exercise: str = "back_pain_referral", *, marked=(), body: str = "male", course: Content | None = None
    ):
        # imported here, not above: Quiz and RedFlagCases share this module and draw nothing
        from iliopsoas_lessons.figures.bodymap_svg import choice_map_svg
        from iliopsoas_lessons.figures.svg import hatch_pattern

        self.state = PainMapState(exercise, marked=marked, body=body, course=course)
        s = self.state
        self.map = self._show(
            PainMapWidget(
                data={
                    **s.page_data(),
                    "regions": [{"key": k, "view": s.course.regions[k].view} for k in s.choices],
                    "bodies": [[f"{b} body", b] for b in BODIES],
                    "svg": {b: choice_map_svg(tuple(s.choices), body=b) for b in BODIES},
                    # each status's hatch tile, drawn by the figures' own code (painmap.js draws none)
                    "tiles": {
                        k: hatch_pattern(f"tile-{k}", v["hatch"], face=v["fill"], ink=v["ink"])
                        for k, v in MARK_STYLES.items()
                    },
                    "prompt": f"{s.exercise.prompt} {PROMPT}",
                }
            ),
            "il-pain-map-widget",
        )
        self._syncing = False
        self.map.observe(self._on_selected, names="selected")
        self.map.observe(self._on_checked, names="checked")
        self.map.observe(self._on_reference, names="show_reference")
        self.map.observe(self._on_body, names="body")
        self.map.observe(self._on_error, names="error")
        self.map.on_msg(self._on_msg)
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

    def view(self) -> dict:
        """What the page shows now (:meth:`PainMapState.view`)."""
        return self.state.view()

    @property
    def feedback_text(self) -> tuple[str, str]:
        """(kind, text) of the feedback beside the Check button."""
        return self.state.feedback_text

    # -- what the page sets and sends (it never waits for an answer) ----------
    # The page has already shown the new state; Python follows it, and speaks
    # back only when the page sent something that is not an answer of this map.
    def _on_selected(self, change) -> None:
        if self._syncing:
            return
        self.state.select_from_page(change["new"])
        if self.state.error or list(self.state.marked) != list(change["new"]):
            self._sync()

    def _on_checked(self, change) -> None:
        # the page's Check comes as a message (recorded there); here only its undoing
        if not self._syncing and not change["new"]:
            self.state.checked = False

    def _on_reference(self, change) -> None:
        if not self._syncing:
            self.state.show_reference(bool(change["new"]))

    def _on_body(self, change) -> None:
        if self._syncing:
            return
        if change["new"] in BODIES:
            self.state.set_body(change["new"])
        else:
            self.state.error = f"Unknown body {change['new']!r:.40}; the bodies are: {', '.join(BODIES)}."
            self._sync()

    def _on_error(self, change) -> None:
        if not self._syncing and not change["new"]:
            self.state.error = ""  # the learner's next action has cleared it on the page

    def _on_msg(self, _widget, content, _buffers=None) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        if action == "check":
            self.state.check()  # records the marks in the learner's progress
        else:
            self.state.error = f"Unknown request {action!r:.40} from the page; the requests are: {', '.join(ACTIONS)}."
            self._sync()

    # -- state -> page -------------------------------------------------------------
    def _sync(self) -> PainMapExercise:
        s = self.state
        self._syncing = True
        try:
            with self.map.hold_sync():
                self.map.selected = list(s.marked)
                self.map.checked = s.checked
                self.map.show_reference = s.showing_reference
                self.map.body = s.body
                self.map.error = s.error
        finally:
            self._syncing = False
        return self

    def snapshot_html(self) -> str:
        """Static HTML of the current state: the prompt, the map (its alt text
        says what is marked) and the feedback."""
        self._check_open()
        s = self.state
        kind, text = s.feedback_text
        svg = self.map.data["svg"][s.body].replace(
            "<svg ", f'<svg role="img" aria-label="{html.escape(s.description, quote=True)}" ', 1
        )
        return (
            f'<div class="il-lesson-widget"><p>{html.escape(self.map.data["prompt"])}</p>'
            f'<div style="max-width:560px">{svg}</div>'
            f"<p>{html.escape(s.description)}</p><p>{html.escape(text)}</p>"
            f"<p><em>{STATIC_NOTE}</em></p></div>"
        )
