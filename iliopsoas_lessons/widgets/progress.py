"""The learner's controls (review lesson): a pseudonym, "Download my results"
and "Start over" with a confirmation step. Nothing leaves the computer: the
download is a file link the learner saves and hands in if they choose to."""

from __future__ import annotations

import html
from urllib.parse import quote

import ipywidgets as w
from IPython.display import HTML

from ._base import LessonWidget, button
from ._state_progress import DOWNLOAD_NAME, LearnerControlsState

__all__ = ["MyResults"]


class MyResults(LessonWidget):
    """``MyResults()`` in a notebook cell: the copy to download is written next
    to the notebook, so the link (relative to the notebook) works in JupyterLab,
    on JupyterHub and on Binder."""

    def __init__(self, *, folder=".", store=None):
        self.state = LearnerControlsState(store=store, folder=folder)
        self.summary = w.HTML()
        self.pseudonym = w.Text(
            value=self.state.store.pseudonym or "",
            placeholder="optional, e.g. Heron-7",
            description="Pseudonym:",
            tooltip="Optional: any name you like, or none",
            layout=w.Layout(width="22em"),
        )
        self.save_button = button("Save pseudonym", "Keep this pseudonym in your results file")
        self.download_button = button(
            "Download my results", "Make a copy of your results to save and hand in", style="primary"
        )
        self.start_over_button = button(*self.state.place.start_over)
        self.confirm_button = button(*self.state.place.confirm, style="danger")
        self.cancel_button = button("Cancel", "Keep your answers")
        self.save_button.on_click(lambda _: self._act(self.state.set_pseudonym, self.pseudonym.value))
        self.download_button.on_click(lambda _: self._act(self.state.make_download))
        self.start_over_button.on_click(lambda _: self._act(self.state.ask_start_over))
        self.confirm_button.on_click(lambda _: self._act(self.state.confirm_start_over))
        self.cancel_button.on_click(lambda _: self._act(self.state.cancel))
        self.confirm_row = w.HBox([self.confirm_button, self.cancel_button])
        self.message = w.HTML()
        # The link goes out through the notebook's own renderer (an Output widget), which
        # turns a path relative to the notebook into the server's file URL; JupyterLab
        # leaves a link with a download attribute to the browser, which saves the file.
        self.link = w.Output()
        self.link_html = ""
        row = w.HBox([self.download_button, self.start_over_button], layout=w.Layout(flex_flow="row wrap"))
        self.box = w.VBox(
            [
                self.summary,
                w.HBox([self.pseudonym, self.save_button], layout=w.Layout(flex_flow="row wrap")),
                row,
                self.confirm_row,
                self.message,
                self.link,
            ]
        )
        self.box.add_class("il-my-results")
        self._update()

    def _act(self, action, *args) -> None:
        try:
            action(*args)
        except (ValueError, RuntimeError, OSError) as e:
            self.state.message = f"That did not work: {e}"
        self._update()

    def _update(self) -> None:
        s = self.state
        self.summary.value = f"<p>{html.escape(s.summary)}</p>"
        self.confirm_row.layout.display = "flex" if s.confirming else "none"
        self.message.value = f'<p role="status">{html.escape(s.message)}</p>' if s.message else ""
        link = ""
        if s.download is not None and s.download.exists():
            link = (
                f'<p><a href="{quote(DOWNLOAD_NAME)}" download="{html.escape(DOWNLOAD_NAME)}">'
                f"Save {html.escape(DOWNLOAD_NAME)}</a> (your browser saves it, or asks where).</p>"
            )
        if link != self.link_html:
            self.link_html = link
            self.link.outputs = ()
            if link:
                self.link.append_display_data(HTML(link))
