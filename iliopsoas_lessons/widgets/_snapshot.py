"""Every step of a stepping widget as static HTML, for readers without a kernel.

A stored notebook is read where no widget can run (the HTML export, nbviewer,
GitHub). For those readers :class:`~._base.LessonWidget` stores, as its
``text/html``, what :func:`all_steps_html` returns for a widget with a
Previous / Next bar (symptoms, mechanisms): each step in a ``<details>`` of
its own, the first one open: its title, its controls' state, its text and its
figure as a small PNG (:data:`STEP_FIGURE_WIDTH` px wide at most, 96 colours,
from :mod:`iliopsoas_lessons.figures.thumbnail`: a few tens of KB). (The quiz
and the red-flag cases store every item themselves, their answers folded in
``<details>``: :mod:`.exercises`.)

The steps are produced by driving the widget itself (``go_to`` each step),
then putting it back as it was: same step, same selected option. Meanwhile
the widgets hold their sync, so a live front end gets the final state once.
"""

from __future__ import annotations

import html
import re
from contextlib import ExitStack

import ipywidgets as w
import numpy as np

from iliopsoas_lessons.figures.thumbnail import small_png
from ._base import _snapshot, img_tag

__all__ = ["all_steps_html", "STEP_FIGURE_WIDTH", "STEPS_NOTE"]

STEP_FIGURE_WIDTH = 600  # px: the size the widgets show; labels stay readable

STEPS_NOTE = (
    "Every step, stored as a picture: open the lesson in JupyterLab (or on Binder) and run it to use the controls."
)


def all_steps_html(widget) -> str | None:
    """Every step of ``widget`` as static HTML; None for a widget without steps."""
    nav, state = getattr(widget, "nav", None), getattr(widget, "state", None)
    if nav is None or not hasattr(state, "count"):
        return None
    start, chosen = state.index, _selections(widget.box)
    steps = []
    with ExitStack() as held:
        for node in _tree(widget.box):
            held.enter_context(node.hold_sync())
        try:
            for index in range(state.count):
                widget.go_to(index)
                body = _step_body(widget)
                label = f"{nav.noun.capitalize()} {state.progress}"
                steps.append(
                    _details(
                        f"{label}: {_first_heading(body) or ''}".rstrip(": "), body, open_=index == 0, cls="il-step"
                    )
                )
        finally:
            widget.go_to(start)
            _restore(chosen)
    return f'<div class="il-lesson-widget il-all-steps">{"".join(steps)}<p><em>{STEPS_NOTE}</em></p></div>'


# ------------------------------------------------------------------ one step


def _step_body(widget) -> str:
    """The widget's box as HTML without its navigation bar, each figure as a small PNG."""
    skip = {id(widget.nav.box)}
    figures = {id(panel.widget): _figure_html(panel.figure) for panel in getattr(widget, "_panels", ())}
    return _tree_html(widget.box, skip, figures)


def _tree_html(node, skip: set, figures: dict) -> str:
    if id(node) in skip or getattr(node.layout, "display", None) == "none":
        return ""
    if id(node) in figures:
        return figures[id(node)]
    if hasattr(node, "static_html"):  # a widget that knows its own static form
        return node.static_html()
    if isinstance(node, w.Box):
        shown = [c for c in node.children if getattr(c.layout, "display", None) != "none"]
        if shown and all(isinstance(c, w.Button) for c in shown):  # a set of choices: a list to read
            return "<ul>" + "".join(f"<li>{html.escape(c.description)}</li>" for c in shown) + "</ul>"
        inner = "".join(_tree_html(child, skip, figures) for child in node.children)
        if not inner:
            return ""
        if isinstance(node, w.HBox):
            return f'<div style="display:flex;flex-wrap:wrap;gap:0.4em;align-items:center">{inner}</div>'
        return f"<div>{inner}</div>"
    if isinstance(node, w.RadioButtons):  # a question's choices, one a line
        items = "".join(f"<li>{html.escape(label)}</li>" for label in node._options_labels)
        return f"<ul>{items}</ul>"
    return _snapshot(node)


def _figure_html(figure) -> str:
    """The figure's current state as a small palette PNG, with its alt text."""
    figure.to_png()  # draws the current state into the canvas
    pixels = np.asarray(figure.figure.canvas.buffer_rgba())
    width = min(STEP_FIGURE_WIDTH, pixels.shape[1])
    return img_tag(small_png(pixels, width, colours=96), figure.alt_text, width)


def _details(summary: str, body: str, *, open_: bool, cls: str) -> str:
    return f'<details class="{cls}"{" open" if open_ else ""}><summary>{html.escape(summary)}</summary>{body}</details>'


def _first_heading(body: str) -> str:
    m = re.search(r"<h[1-6][^>]*>(.*?)</h[1-6]>", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else ""


# ------------------------------------------------------------------ putting the widget back


def _tree(node):
    yield node
    for child in getattr(node, "children", ()):
        yield from _tree(child)


def _selections(box) -> list[tuple[w.Widget, tuple, object]]:
    """Each choice widget with its options and selected index, to put back."""
    return [
        (node, tuple(node.options), node.index)
        for node in _tree(box)
        if isinstance(node, (w.RadioButtons, w.Dropdown, w.Select))
    ]


def _restore(saved) -> None:
    for node, options, index in saved:
        if tuple(node.options) == options and node.index != index:
            node.index = index
