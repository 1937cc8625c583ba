"""Vector output: a matplotlib figure as an inline ``<svg>`` element.

matplotlib's SVG backend writes each artist that has a ``gid`` as an element
with that ``id``, so a page (or a test) can find a region, a label or a mark
by the name the figure gave it.  Text is drawn as paths (matplotlib's default
``svg.fonttype``), so the picture looks the same with no fonts installed; the
words a reader needs are in the ``aria-label``.

The output is deterministic: no date, and a fixed hash salt for the ids
matplotlib derives (clip paths, hatch patterns).
"""
from __future__ import annotations

import html
import io
import re

import matplotlib
from matplotlib.figure import Figure

__all__ = ["figure_to_svg", "SVG_SALT"]

SVG_SALT = "iliopsoas-lessons"

_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'\s(width|height)="[^"]*pt"')
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|xlink:href="#|href="#)([^")]+)')


def figure_to_svg(fig: Figure, *, alt: str = "", id_prefix: str = "") -> str:
    """The figure as one ``<svg>`` element to place inline in HTML.

    *alt* becomes the element's accessible name (``role="img"`` and
    ``aria-label``).  *id_prefix*, when given, is put before every ``id``
    and every reference to one, so two figures on one page never share an
    id; the artist's own ``gid`` stays readable as ``data-gid``.
    The element scales to its container (``width="100%"``, the viewBox kept).
    """
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_SALT}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = _PROLOG.sub("", buffer.getvalue(), count=1)
    svg = _SIZE.sub("", svg, count=2)
    attributes = ' width="100%" preserveAspectRatio="xMidYMid meet"'
    if alt:
        attributes += f' role="img" aria-label="{html.escape(alt, quote=True)}"'
    svg = svg.replace("<svg ", "<svg" + attributes + " ", 1)
    if id_prefix:
        svg = _ID.sub(lambda m: f'id="{id_prefix}{m.group(1)}" data-gid="{m.group(1)}"', svg)
        svg = _REF.sub(lambda m: f"{m.group(1)}{id_prefix}{m.group(2)}", svg)
    return svg.strip()
