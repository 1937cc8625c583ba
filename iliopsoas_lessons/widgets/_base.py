"""Shared parts of the lesson widgets.

* :class:`LessonWidget` is the composition base: ``self.widget`` is the
  lesson's one anywidget (its front-end module), and it is what a notebook
  displays: ``_repr_mimebundle_`` gives that widget's view, plus, for
  readers without a kernel (GitHub, nbviewer, the HTML export), a
  ``text/html`` snapshot made from the widget's own data (every step of a
  stepper, see :mod:`._snapshot`; else the current state) and a readable
  ``text/plain``.
* Each module brings its own stylesheet as its anywidget ``_css``; the state
  player's also carries ``static/lessons.css`` (:data:`LESSONS_CSS`: its
  figures' background and overlay stacked in one cell).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["LessonWidget", "html_to_text", "refs_html", "LESSONS_CSS", "STATIC_NOTE"]

# The figures' shared rules (the site loads the same file: sitewidgets.STYLESHEETS).
LESSONS_CSS = (Path(__file__).with_name("static") / "lessons.css").read_text(encoding="utf-8")

STATIC_NOTE = (
    "A stored picture of the starting state: open the lesson in JupyterLab "
    "(or on Binder) and run it to use the controls."
)


def refs_html(keys) -> str:
    """Reference keys as a short bracket, e.g. ``[GGC, EMED]`` (full list at the lesson's end)."""
    keys = list(keys)
    return f' <span class="il-refs">[{html.escape(", ".join(keys))}]</span>' if keys else ""


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


class LessonWidget:
    """Base of the lesson widgets: ``self.widget`` (an anywidget) is what is displayed.

    A subclass makes its anywidget, passes it to :meth:`_show`, and gives
    :meth:`snapshot_html` (the current state from its data); a stepper also
    gives :meth:`static_html` (every step)."""

    widget = None
    _closed: bool = False

    def _show(self, widget, *classes: str):
        """``widget`` becomes the displayed view; ``il-lesson`` marks a live lesson view in the page."""
        widget.add_class("il-lesson")
        for name in classes:
            widget.add_class(name)
        self.widget = widget
        return widget

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
        shown = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        # anywidget gives (data, metadata); the metadata is only ever filled on Colab
        bundle, metadata = shown if isinstance(shown, tuple) else (shown, {})
        bundle = {**bundle, "text/html": self.static_html(), "text/plain": self.plain_text()}
        return (bundle, metadata) if metadata else bundle

    def snapshot_html(self) -> str:  # pragma: no cover - every lesson widget gives its own
        """The current state as static HTML (what readers without a kernel see)."""
        raise NotImplementedError

    def static_html(self) -> str:
        """What the stored notebook shows readers without a kernel (default: the current state)."""
        return self.snapshot_html()

    def plain_text(self) -> str:
        return html_to_text(self.snapshot_html())

    def close(self) -> None:
        """Close the page's widget; closing twice does nothing more."""
        if self._closed:
            return
        self._closed = True
        if self.widget is not None:
            self.widget.close()
