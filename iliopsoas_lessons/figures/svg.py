"""Vector output: a matplotlib figure as an inline ``<svg>`` element.

matplotlib's SVG backend writes each artist that has a ``gid`` as an element
with that ``id``, so a page (or a test) can find a region, a label or a mark
by the name the figure gave it.  Text stays text (``svg.fonttype`` "none":
``<text>`` elements in DejaVu Sans, falling back to Verdana and other sans
fonts of similar width): about a tenth of the bytes and time of glyph paths,
and its size can be checked in the page.  The words a reader needs are in the
``aria-label``.

:func:`artists_to_svg` draws only some artists of a figure into an ``<svg>``
with the same viewBox as the whole figure's: a live figure keeps the static
part's SVG and sends only such an overlay on each update (the vector form of
blitting, see :mod:`.live`).

The output is deterministic: no date, and a fixed hash salt for the ids
matplotlib derives (clip paths, hatch patterns).
"""
from __future__ import annotations

import hashlib
import html
import io
import re
from collections.abc import Iterable

import matplotlib
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure

__all__ = ["figure_to_svg", "artists_to_svg", "SVG_SALT", "SVG_PT_PER_INCH"]

SVG_SALT = "iliopsoas-lessons"
SVG_PT_PER_INCH = 72  # matplotlib's SVG user unit is the point

_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'\s(width|height)="[^"]*pt"')
_ID = re.compile(r' id="([^"]+)"')
# every way matplotlib's SVG refers to an id (clip paths, hatches, glyphs)
_REFERENCES = ("url(#", 'href="#')
# the overlay needs no Dublin Core block
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


_RC = {"svg.hashsalt": SVG_SALT, "svg.fonttype": "none"}


class _SaltedRendererSVG(RendererSVG):
    """matplotlib's SVG renderer with the settings of :data:`_RC` built in
    (fixed salt for derived ids, text as text), so an overlay needs no
    ``rc_context`` (copying rcParams costs about 1 ms)."""

    def _make_id(self, type, content):
        digest = hashlib.sha256(SVG_SALT.encode("utf8") + str(content).encode("utf8"))
        return f"{type}{digest.hexdigest()[:10]}"

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        clip_attrs = self._get_clip_attrs(gc)
        if clip_attrs:  # as RendererSVG.draw_text: the clip goes on a group
            self.writer.start("g", **clip_attrs)
        self._draw_text_as_text(gc, x, y, s, prop, angle, ismath, mtext)
        if clip_attrs:
            self.writer.end("g")


def inline_svg(svg: str, *, alt: str = "", id_prefix: str = "", decorative: bool = False) -> str:
    """matplotlib's SVG document made an inline element: prolog and fixed size
    dropped (``width="100%"``, viewBox kept), accessible name set, ids prefixed."""
    svg = _PROLOG.sub("", svg, count=1)
    svg = _SIZE.sub("", svg, count=2)
    attributes = ' width="100%" preserveAspectRatio="xMidYMid meet"'
    if alt:
        attributes += f' role="img" aria-label="{html.escape(alt, quote=True)}"'
    elif decorative:
        attributes += ' aria-hidden="true" focusable="false"'
    svg = svg.replace("<svg ", "<svg" + attributes + " ", 1)
    if id_prefix:
        svg = _ID.sub(lambda m: f' id="{id_prefix}{m.group(1)}" data-gid="{m.group(1)}"', svg)
        for reference in _REFERENCES:
            svg = svg.replace(reference, reference + id_prefix)
    return svg.strip()


def figure_to_svg(fig: Figure, *, alt: str = "", id_prefix: str = "",
                  decorative: bool = False) -> str:
    """The figure as one ``<svg>`` element to place inline in HTML.

    *alt* becomes the element's accessible name (``role="img"`` and
    ``aria-label``); *decorative* (with no *alt*) hides it from assistive
    technology instead (a background under a labelled overlay).
    *id_prefix*, when given, is put before every ``id``
    and every reference to one, so two figures on one page never share an
    id; the artist's own ``gid`` stays readable as ``data-gid``.
    The element scales to its container (``width="100%"``, the viewBox kept).
    """
    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return inline_svg(buffer.getvalue(), alt=alt, id_prefix=id_prefix, decorative=decorative)


def artists_to_svg(fig: Figure, artists: Iterable, *, alt: str = "", id_prefix: str = "") -> str:
    """Only *artists* (in the order given) as an ``<svg>`` with the viewBox of
    :func:`figure_to_svg` of the same figure, so the two stack exactly.

    Draws each visible artist (whose axes, if any, is visible) straight into
    matplotlib's SVG renderer at 72 dpi, as ``savefig`` does; the figure must
    have been drawn once (axes positions settled).  The background is
    transparent."""
    buffer = io.StringIO()
    dpi = fig.dpi
    fig._set_dpi(SVG_PT_PER_INCH, forward=False)
    try:
        width, height = fig.get_size_inches() * SVG_PT_PER_INCH
        renderer = _SaltedRendererSVG(width, height, buffer, image_dpi=dpi, metadata=_NO_METADATA)
        for artist in artists:
            if artist.get_visible() and (artist.axes is None or artist.axes.get_visible()):
                artist.draw(renderer)
        renderer.finalize()
    finally:
        fig._set_dpi(dpi, forward=False)
    return inline_svg(buffer.getvalue(), alt=alt, id_prefix=id_prefix)
