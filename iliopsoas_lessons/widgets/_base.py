"""Shared parts of the lesson widgets.

* :class:`FigurePanel` shows an in-place figure (a ``LiveFigure``) as inline
  vector SVG: two ``ipywidgets.HTML`` stacked in one CSS grid cell, the
  figure's static background (sent once per background) and an overlay of
  the artists that change, named by the alt text (``role="img"``,
  ``aria-label``). ``HTML`` sets its value as the element's inner HTML, so
  the SVG reaches the DOM exactly as written. Each update re-renders only the
  overlay of the same figure object (:meth:`LiveFigure.svg_layers`); nothing
  is stacked up.  The panel is at most the figure's natural width (its
  default display size, where labels are at least 12 px) and shrinks with
  narrow screens.
* :func:`figure_row` puts a figure and its explanation side by side on wide
  screens, one under the other on narrow ones.
* ``static/lessons.css`` is the lessons' one stylesheet; every
  lesson widget carries it (:func:`stylesheet_widget`).
* :class:`LessonWidget` is the composition base: it owns ``self.box``,
  delegates ``_repr_mimebundle_`` to it, and adds a ``text/html`` snapshot of
  the current state (figure as ``<img alt>``, text, controls; every step of a
  stepper, see :mod:`._snapshot`) and a readable ``text/plain``, so the stored
  notebook reads well where no widget can render (GitHub, nbviewer, HTML export).
"""

from __future__ import annotations

import base64
import html
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as w


__all__ = [
    "FigurePanel",
    "LessonWidget",
    "img_tag",
    "html_to_text",
    "refs_html",
    "button",
    "figure_row",
    "stylesheet_widget",
    "STYLESHEET",
]

# The lessons' one stylesheet (layout of figure rows, quiz options, figures).
STYLESHEET = (Path(__file__).with_name("static") / "lessons.css").read_text(encoding="utf-8")


def img_tag(png: bytes, alt: str, width: int | None = None) -> str:
    data = base64.b64encode(png).decode("ascii")
    size = f' width="{int(width)}"' if width else ""
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}"{size} '
        f'style="max-width:100%;height:auto">'
    )


def refs_html(keys) -> str:
    """Reference keys as a short bracket, e.g. ``[GGC, EMED]`` (full list at the lesson's end)."""
    keys = list(keys)
    return f' <span class="il-refs">[{html.escape(", ".join(keys))}]</span>' if keys else ""


def button(description: str, tooltip: str, *, icon: str = "", style: str = "") -> w.Button:
    return w.Button(
        description=description, tooltip=tooltip, icon=icon, button_style=style, layout=w.Layout(width="auto")
    )


def stylesheet_widget() -> w.HTML:
    """A hidden widget holding :data:`STYLESHEET` (a ``<style>`` applies
    wherever it sits in the page: JupyterLab, Voila, VS Code)."""
    sheet = w.HTML(f"<style>{STYLESHEET}</style>", layout=w.Layout(display="none"))
    sheet.add_class("il-stylesheet")
    return sheet


def figure_row(figure_widget, explanation) -> w.Box:
    """A figure and its explanation: side by side when both fit (the figure
    at its natural width, the text at least 18em), else stacked (CSS flex-wrap)."""
    row = w.Box([figure_widget, explanation])
    row.add_class("il-figure-row")
    explanation.add_class("il-explanation")
    return row


_panel_numbers = itertools.count(1)


class _FigureBox(w.Box):
    """The panel's widget; a static export asks it for :meth:`static_html`."""

    def __init__(self, panel, **kwargs):
        super().__init__(**kwargs)
        self.static_html = panel.static_html


class FigurePanel:
    """An in-place figure shown as inline SVG (background + overlay, stacked).

    ``vector=False`` shows the PNG as ``<img alt>`` instead (same blitting).
    ``width`` (CSS px) overrides the figure's natural display width."""

    def __init__(self, figure, *, width: int | None = None, vector: bool = True):
        self.figure = figure
        self.vector = vector
        self.width = width or round(figure.display_width_px)
        self.id_prefix = f"il-fig{next(_panel_numbers)}-"  # ids unique on the page
        self.background = w.HTML()
        self.background.add_class("il-figure-background")
        self.overlay = w.HTML()
        self.overlay.add_class("il-figure-overlay")
        self.widget = _FigureBox(
            self, children=[self.background, self.overlay], layout=w.Layout(width="100%", max_width=f"{self.width}px")
        )
        self.widget.add_class("il-figure")
        self.alt = ""

    @property
    def png(self) -> bytes:
        """The current state as PNG (for static copies and comparisons)."""
        return self.figure.to_png()

    def refresh(self) -> None:
        """Re-render the (same) figure after its in-place update."""
        self.alt = self.figure.alt_text
        if self.vector:
            background, overlay = self.figure.svg_layers(id_prefix=self.id_prefix)
            self.background.value = background  # unchanged: nothing is sent
            self.overlay.value = overlay
        else:
            self.background.value = ""
            self.overlay.value = img_tag(self.figure.to_png(), self.alt, self.width)

    def static_html(self) -> str:
        """The current state as ``<img alt>`` (PNG), for pages without a kernel."""
        return img_tag(self.png, self.alt or self.figure.alt_text, self.width)

    def close(self) -> None:
        self.widget.close()
        self.background.close()
        self.overlay.close()
        self.figure.close()


class _Text(HTMLParser):
    """HTML to plain text: block tags become new lines, images their alt text."""

    _BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "tr", "br", "ul", "ol", "figure", "figcaption"}

    def __init__(self):
        super().__init__()
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self._BLOCK:
            self.out.append("\n")
        if tag == "li":
            self.out.append("- ")
        if tag == "button":
            self.out.append(" [")
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.out.append(f"\n[Figure: {alt}]\n")

    def handle_endtag(self, tag):
        if tag in self._BLOCK:
            self.out.append("\n")
        elif tag == "button":
            self.out.append("] ")
        elif tag == "span":
            self.out.append(" ")

    def handle_data(self, data):
        self.out.append(data)


def html_to_text(value: str) -> str:
    parser = _Text()
    parser.feed(value)
    parser.close()
    text = "".join(parser.out)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def _options(widget) -> list[tuple[str, bool]]:
    labels = list(widget._options_labels)
    index = widget.index
    chosen = set(index) if isinstance(index, tuple) else {index}
    return [(label, i in chosen) for i, label in enumerate(labels)]


def _snapshot(widget) -> str:
    """Static HTML of a widget tree's current state (controls shown disabled)."""
    if getattr(widget.layout, "display", None) == "none":
        return ""
    if hasattr(widget, "static_html"):
        return widget.static_html()
    if isinstance(widget, w.Box):
        inner = "".join(_snapshot(c) for c in widget.children)
        if not inner:
            return ""
        if isinstance(widget, w.HBox):
            return f'<div style="display:flex;flex-wrap:wrap;gap:0.4em;align-items:center">{inner}</div>'
        return f"<div>{inner}</div>"
    if isinstance(widget, (w.HTML, w.HTMLMath)):
        return f"<div>{widget.value}</div>" if widget.value else ""
    if isinstance(widget, w.Label):
        return f"<span>{html.escape(widget.value)}</span>" if widget.value else ""
    if isinstance(widget, w.Button):
        return f'<button type="button" disabled>{html.escape(widget.description)}</button>'
    if isinstance(widget, (w.ToggleButton, w.Checkbox)):
        mark = "☑" if widget.value else "☐"
        return f"<span>{mark} {html.escape(widget.description)}</span>"
    if isinstance(widget, (w.ToggleButtons, w.RadioButtons, w.Dropdown, w.Select)):
        opts = " · ".join(
            f"<strong>[{html.escape(l)}]</strong>" if on else html.escape(l) for l, on in _options(widget)
        )
        label = f"{html.escape(widget.description)} " if widget.description else ""
        return f"<div>{label}{opts}</div>"  # a choice is a line of its own
    if isinstance(widget, (w.IntSlider, w.FloatSlider)):
        return f"<span>{html.escape(widget.description)} {widget.value}</span>"
    return ""


STATIC_NOTE = (
    "A stored picture of the starting state: open the lesson in JupyterLab "
    "(or on Binder) and run it to use the controls."
)


class LessonWidget:
    """Base of the lesson widgets: owns ``self.box`` and delegates display to it."""

    box: w.Box
    _closed: bool = False

    @property
    def closed(self) -> bool:
        """True after :meth:`close`: the widget can no longer be shown."""
        return self._closed

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError(
                f"this {type(self).__name__} was closed; create a new one "
                f"(e.g. {type(self).__name__}()) to show it again"
            )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        self._check_open()
        from ._snapshot import all_steps_html  # it imports this module

        self._add_stylesheet()
        bundle = self.box._repr_mimebundle_(include=include, exclude=exclude) or {}
        snapshot = self.snapshot_html()
        # for readers without a kernel: every step of a stepper, else the current state
        bundle["text/html"] = all_steps_html(self) or snapshot
        bundle["text/plain"] = html_to_text(snapshot)
        return bundle

    def _add_stylesheet(self) -> None:
        """The shared stylesheet, as the box's last (hidden) child, once; the
        box gets the class ``il-lesson`` its rules apply to."""
        self.box.add_class("il-lesson")
        if not any("il-stylesheet" in getattr(c, "_dom_classes", ()) for c in self.box.children):
            self.box.children = (*self.box.children, stylesheet_widget())

    def snapshot_html(self) -> str:
        """The current state as static HTML (what readers without a kernel see)."""
        self._check_open()
        return f'<div class="il-lesson-widget">{_snapshot(self.box)}<p><em>{STATIC_NOTE}</em></p></div>'

    def close(self) -> None:
        """Close the controls and the figure; closing twice does nothing more."""
        if self._closed:
            return
        self._closed = True
        for panel in getattr(self, "_panels", ()):
            panel.close()
        _close_tree(self.box)


def _close_tree(widget) -> None:
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()
