"""The learner's "My results" (review lesson): each lesson's first-try score
and what was answered, a pseudonym, "Download my results" and "Start over"
behind a confirmation step.

One anywidget module, ``static/results.js`` (+ ``results.css``), the same in
JupyterLab, in Voila and on the course website. Here Python reads and writes
the learner's file through :mod:`iliopsoas_lessons.progress` and sends the page
the record; the page shows it, scores it and asks for each change by message
(``{"action": "refresh" | "pseudonym" | "download" | "clear"}``), answered
in the ``reply`` trait. The download is made by the browser from the record on
the page: nothing leaves the computer unless the learner hands the file in.
"""

from __future__ import annotations

import html
from pathlib import Path

import anywidget
import traitlets as t

from iliopsoas_lessons.content.loader import course as _package_course
from iliopsoas_lessons.progress import MAX_PSEUDONYM

from ._base import STATIC_NOTE, LessonWidget
from ._state_progress import DOWNLOAD_NAME, LearnerControlsState, lesson_items, page_controls, page_texts

__all__ = ["MyResults", "ResultsWidget", "ACTIONS"]

_STATIC = Path(__file__).with_name("static")
ACTIONS = ("refresh", "pseudonym", "download", "clear")


class ResultsWidget(anywidget.AnyWidget):
    """The page of "My results" (front end in ``static/results.js``)."""

    _esm = _STATIC / "results.js"
    _css = _STATIC / "results.css"

    texts = t.Dict().tag(sync=True)
    controls = t.Dict().tag(sync=True)
    lessons = t.List().tag(sync=True)
    download_name = t.Unicode(DOWNLOAD_NAME).tag(sync=True)
    max_pseudonym = t.Int(MAX_PSEUDONYM).tag(sync=True)
    # what Python sends: the record as saved now, whether the latest change is unsaved,
    # the store's notices, and its answer to the page's last request
    record = t.Dict().tag(sync=True)
    unsaved = t.Bool(False).tag(sync=True)
    notices = t.List().tag(sync=True)
    reply = t.Dict().tag(sync=True)


class MyResults(LessonWidget):
    """``MyResults()`` in a notebook cell. ``store``: a ProgressStore (the
    learner's own by default); ``course``: the content to list (the package's)."""

    def __init__(self, *, store=None, course=None, folder="."):
        self.state = LearnerControlsState(store=store, folder=folder)
        course = _package_course() if course is None else course
        self._show(
            ResultsWidget(
                texts=page_texts("folder"),
                controls=page_controls("folder"),
                lessons=lesson_items(course),
            ),
            "il-my-results",
        )
        self._replies = 0
        self._sync()
        self.widget.on_msg(self._on_msg)
        if hasattr(self.state.store, "subscribe"):  # answers given in this kernel show at once
            self.state.store.subscribe(self._sync)

    # -- what the learner does, from Python or the page ------------------------------
    def set_pseudonym(self, name: str) -> MyResults:
        return self._act("pseudonym", self.state.set_pseudonym, name)

    def start_over(self) -> MyResults:
        """Clear the record (the old file kept as a backup; the page asked first)."""
        self.state.ask_start_over()
        return self._act("clear", self.state.confirm_start_over)

    def refresh(self) -> MyResults:
        return self._act("refresh", None)

    def _act(self, action: str, do, *args) -> MyResults:
        reply = {"action": action, "backup": None, "error": None}
        try:
            done = do(*args) if do is not None else None
            if action == "clear" and done is not None:
                reply["backup"] = done.name
        except (ValueError, RuntimeError, OSError) as e:
            reply["error"] = str(e)
        self._sync()
        self._replies += 1
        self.widget.reply = {**reply, "n": self._replies}
        return self

    def _on_msg(self, _widget, content, _buffers=None) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        if action == "pseudonym":
            name = content.get("name")
            self._act(action, self.state.set_pseudonym, name if isinstance(name, str) else "")
        elif action == "clear":
            self.start_over()
        elif action in ("refresh", "download"):
            self._act(action, None)  # the page downloads the record it is sent, as saved now
        else:
            self._act(
                "refresh", self._refuse, f"unknown request {action!r:.40}; the requests are: {', '.join(ACTIONS)}"
            )

    @staticmethod
    def _refuse(why: str):
        raise ValueError(why)

    def _sync(self) -> None:
        if self._closed:
            return
        store = self.state.store
        with self.widget.hold_sync():
            self.widget.record = store.current()
            self.widget.unsaved = store.unsaved
            self.widget.notices = list(store.notices[-3:])

    def snapshot_html(self) -> str:
        """What a reader without a kernel sees: no learner's data, only what the widget is for."""
        self._check_open()
        return (
            f'<div class="il-lesson-widget"><p>{html.escape(self.state.place.saved)}: '
            "your first-try score per lesson, what you answered, and your results file to download.</p>"
            f"<p><em>{STATIC_NOTE}</em></p></div>"
        )
