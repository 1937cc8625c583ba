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
from matplotlib import cbook
from matplotlib import hatch as mhatch
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG, _generate_css
from matplotlib.colors import rgb2hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

__all__ = [
    "figure_to_svg",
    "artists_to_svg",
    "patterns_svg",
    "hatch_tile",
    "hatch_pattern",
    "SVG_SALT",
    "SVG_PT_PER_INCH",
]

SVG_SALT = "iliopsoas-lessons"
SVG_PT_PER_INCH = 72  # matplotlib's SVG user unit is the point

_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'\s(width|height)="[^"]*pt"')
_ID = re.compile(r' id="([^"]+)"')
# every way matplotlib's SVG refers to an id (clip paths, hatches, glyphs)
_REFERENCES = ("url(#", 'href="#')
# the overlay needs no Dublin Core block
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


_SHARED = re.compile(r'<(pattern|clipPath) id="([^"]+)".*?</\1>', re.S)
# Path data as matplotlib writes it: six decimals and a line per command. A
# tenth of a point (0.14 px at the figures' natural size) is finer than any
# screen shows, and the body maps' outlines shrink to about half.
_PATH_DATA = re.compile(r'(<path\b[^>]*?\sd=")([^"]*)(")')
_DECIMAL = re.compile(r"-?\d+\.\d+")
_COMMAND_SPACE = re.compile(r"\s*([MLCQZz])\s*")


def _tenth(match: re.Match) -> str:
    text = f"{float(match.group()):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def compact_path_data(svg: str) -> str:
    """Every ``<path d>`` rounded to a tenth of a point, without spare spaces."""

    def compact(m: re.Match) -> str:
        data = _COMMAND_SPACE.sub(r"\1", " ".join(_DECIMAL.sub(_tenth, m.group(2)).split()))
        return m.group(1) + data + m.group(3)

    return _PATH_DATA.sub(compact, svg)


_RC = {"svg.hashsalt": SVG_SALT, "svg.fonttype": "none"}

HATCH_SIZE = 72  # matplotlib's hatch tile, in points (an inch): its density is per tile
_HATCH_DENSITY = 6  # matplotlib's lines per tile for each hatch character


def hatch_tile(hatch: str) -> tuple[float, Path]:
    """The smallest tile that repeats matplotlib's *hatch* exactly: its size in
    points and its path in a unit square.

    matplotlib draws every hatch into a 72-point tile (``"..."`` is 361 tiny
    circles as bezier curves, about 84 KB of SVG, that a browser parses and
    paints for each figure). Its marks repeat every ``72 / n`` points (n lines
    or rows per tile), and rows of dots alternate, so a tile ``72 / m`` wide
    holding ``n / m`` lines or rows draws the same marks when ``n / m`` is
    even for every kind of mark in the hatch."""
    counts = {ch: hatch.count(ch) * _HATCH_DENSITY for ch in set(hatch)}
    for m in sorted((d for d in range(1, HATCH_SIZE + 1) if HATCH_SIZE % d == 0), reverse=True):
        if any(n % m for n in counts.values()):
            continue
        smaller = "".join(ch * (n // m) for ch, n in sorted(counts.items()))
        kinds = [kind(smaller, 1) for kind in mhatch._hatch_types]
        rows = [getattr(k, "num_lines", getattr(k, "num_rows", 0)) for k in kinds]
        if all(r % 2 == 0 for r in rows) and sum(rows):
            return HATCH_SIZE / m, mhatch.get_path(smaller, 1)
    return float(HATCH_SIZE), mhatch.get_path(hatch, _HATCH_DENSITY)


def _number(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


# SVG path letters of matplotlib's path codes (MOVETO, LINETO, CURVE3, CURVE4, CLOSEPOLY)
_PATH_LETTERS = {Path.MOVETO: "M", Path.LINETO: "L", Path.CURVE3: "Q", Path.CURVE4: "C", Path.CLOSEPOLY: "z"}


def _path_data(path: Path, transform) -> str:
    """SVG path data of *path*, to a tenth of a point (as :func:`compact_path_data`)."""
    out = []
    for vertices, code in path.iter_segments(transform, simplify=False, curves=True):
        if code == Path.CLOSEPOLY:
            out.append("z")
        else:
            out.append(_PATH_LETTERS[code] + " ".join(_DECIMAL.sub(_tenth, f"{v:.6f}") for v in vertices))
    return "".join(out)


def hatch_pattern(pattern_id: str, hatch: str, *, face, ink, linewidth: float | None = None) -> str:
    """The ``<pattern>`` of a hatched fill: the *face* colour (None: none)
    under matplotlib's *hatch* marks in *ink* (its alpha becomes the marks'
    opacity), *linewidth* points wide (default ``hatch.linewidth``), in the
    smallest tile that repeats them (:func:`hatch_tile`).

    THE one code path of every hatched fill (issue 22): matplotlib figures
    (:class:`_SaltedRendererSVG`), the small SVG maps and their keys
    (``bodymap_svg.tile_pattern``) and the pain map's marks (the markup
    ``painmap.js`` inserts) all draw their hatches here."""
    size, path = hatch_tile(hatch)
    side, over = _number(size), _number(size + 1)  # as matplotlib: past the edge, so no seam shows between tiles
    flip = Affine2D().scale(size).scale(1.0, -1.0).translate(0, size)
    stroke = to_rgba(ink)
    lw = matplotlib.rcParams["hatch.linewidth"] if linewidth is None else linewidth
    style = {
        "fill": rgb2hex(stroke),
        "stroke": rgb2hex(stroke),
        "stroke-width": _number(lw),
        "stroke-linecap": "butt",
        "stroke-linejoin": "miter",
    }
    if stroke[3] < 1:
        style["stroke-opacity"] = _number(stroke[3])
    fill = "none" if face is None else rgb2hex(to_rgba(face))
    return (
        f'<pattern id="{html.escape(pattern_id, quote=True)}" patternUnits="userSpaceOnUse" '
        f'x="0" y="0" width="{side}" height="{side}">'
        f'<rect x="0" y="0" width="{over}" height="{over}" fill="{fill}"/>'
        f'<path d="{_path_data(path, flip)}" style="{_generate_css(style)}"/></pattern>'
    )


class _SaltedRendererSVG(RendererSVG):
    """matplotlib's SVG renderer with the settings of :data:`_RC` built in
    (fixed salt for derived ids, text as text), so an overlay needs no
    ``rc_context`` (copying rcParams costs about 1 ms)."""

    def _make_id(self, type, content):
        digest = hashlib.sha256(SVG_SALT.encode("utf8") + str(content).encode("utf8"))
        return f"{type}{digest.hexdigest()[:10]}"

    # Given a dict, the definitions an overlay shares with the page (hatch
    # patterns: a dotted fill is tens of KB; clip paths: a reused fragment
    # refers to them) go there instead of into the SVG, and those already
    # known are not written again.
    patterns: dict | None = None
    known_patterns: frozenset = frozenset()

    def _write_shared(self, write, table: dict, oid_of) -> None:
        if self.patterns is None or not table:
            return write()
        fresh = {k: v for k, v in table.items() if oid_of(v) not in self.known_patterns}
        table.clear()
        table.update(fresh)
        writer, buffer = self.writer, io.StringIO()
        self.writer = type(writer)(buffer)
        try:
            write()
        finally:
            self.writer = writer
        for match in _SHARED.finditer(buffer.getvalue()):
            self.patterns[match.group(2)] = match.group(0)

    def _write_hatches(self):
        self._write_shared(self._write_tiles, self._hatchd, lambda v: v[1])

    def _write_tiles(self):
        """matplotlib's ``_write_hatches`` through :func:`hatch_pattern`: the
        one code path of every hatched fill."""
        if not self._hatchd:
            return
        writer = self.writer
        writer.start("defs")
        writer._XMLWriter__flush()  # closes the pending start tag before the raw text
        for (hatch, *_), ((_path, face, stroke, lw), oid) in self._hatchd.items():
            writer._XMLWriter__write(hatch_pattern(oid, hatch, face=face, ink=stroke, linewidth=lw))
        writer.end("defs")

    def _write_clips(self):
        self._write_shared(super()._write_clips, self._clipd, lambda v: v[1])

    def open_group(self, s, gid=None):
        """Groups without a gid get no id: reused fragments would repeat the
        numbered ids matplotlib makes up (``patch_1``)."""
        if self.patterns is None or gid:
            return super().open_group(s, gid)
        self.writer.start("g")

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
    svg = compact_path_data(svg)
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


def figure_to_svg(fig: Figure, *, alt: str = "", id_prefix: str = "", decorative: bool = False) -> str:
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
        _print_svg(fig, buffer, metadata={"Date": None})
    return inline_svg(buffer.getvalue(), alt=alt, id_prefix=id_prefix, decorative=decorative)


def _print_svg(fig: Figure, buffer, *, metadata: dict) -> None:
    """``savefig(format="svg")`` through :class:`_SaltedRendererSVG`, so a
    whole figure's hatches are the same small tiles as an overlay's (as
    matplotlib's ``FigureCanvasSVG.print_svg``, with the figure's canvas kept)."""
    canvas = fig.canvas
    dpi = fig.dpi
    try:
        FigureCanvasSVG(fig)  # becomes the figure's canvas while drawing
        fig.dpi = SVG_PT_PER_INCH
        width, height = fig.get_size_inches()
        w, h = width * SVG_PT_PER_INCH, height * SVG_PT_PER_INCH
        renderer = _SaltedRendererSVG(w, h, buffer, image_dpi=dpi, metadata=metadata)
        with cbook._setattr_cm(fig.canvas, _is_saving=True):
            fig.draw(MixedModeRenderer(fig, width, height, dpi, renderer))
        renderer.finalize()
    finally:
        fig.dpi = dpi
        fig.set_canvas(canvas)


def artists_to_svg(
    fig: Figure,
    artists: Iterable,
    *,
    alt: str = "",
    id_prefix: str = "",
    patterns: dict | None = None,
    fragments: dict | None = None,
    fragment_key=None,
) -> str:
    """Only *artists* (in the order given) as an ``<svg>`` with the viewBox of
    :func:`figure_to_svg` of the same figure, so the two stack exactly.

    Draws each visible artist (whose axes, if any, is visible) straight into
    matplotlib's SVG renderer at 72 dpi, as ``savefig`` does; the figure must
    have been drawn once (axes positions settled).  The background is
    transparent.

    With a *patterns* dict, hatch patterns (a dotted fill is tens of KB) and
    clip paths are not written into the SVG but added to the dict (id, with
    *id_prefix*, to its element), for :func:`patterns_svg` to send once: ids
    are shared by every SVG of an HTML page.  With a *fragments* dict and a
    *fragment_key* (artist -> hashable or None), an artist whose key is known
    is not drawn again: its SVG is reused (a legend or a zone in a role looks
    the same every time); the patterns it uses must be in *patterns*."""
    buffer = io.StringIO()
    dpi = fig.dpi
    found: dict = {}
    fig._set_dpi(SVG_PT_PER_INCH, forward=False)
    try:
        width, height = fig.get_size_inches() * SVG_PT_PER_INCH
        renderer = _SaltedRendererSVG(width, height, buffer, image_dpi=dpi, metadata=_NO_METADATA)
        if patterns is not None:
            renderer.patterns = found
            renderer.known_patterns = frozenset(k[len(id_prefix) :] for k in patterns)
        for artist in artists:
            if artist.get_visible() and (artist.axes is None or artist.axes.get_visible()):
                key = fragment_key(artist) if fragments is not None else None
                if key is None:
                    artist.draw(renderer)
                else:
                    _draw_reusing(renderer, artist, fragments, key)
        renderer.finalize()
    finally:
        fig._set_dpi(dpi, forward=False)
    if patterns is not None:
        for oid, element in found.items():
            patterns.setdefault(id_prefix + oid, inline_svg(element, id_prefix=id_prefix))
    return inline_svg(buffer.getvalue(), alt=alt, id_prefix=id_prefix)


def _draw_reusing(renderer, artist, fragments: dict, key) -> None:
    """Write the artist's SVG from *fragments*, drawing (and keeping) it the first time."""
    fragment = fragments.get(key)
    if fragment is None:
        writer, captured = renderer.writer, io.StringIO()
        renderer.writer = type(writer)(captured)
        try:
            artist.draw(renderer)
        finally:
            renderer.writer = writer
        fragment = fragments[key] = captured.getvalue()
    renderer.writer.data("")  # closes a pending start tag before the raw text
    renderer.writer._XMLWriter__write(fragment)


def patterns_svg(patterns: dict) -> str:
    """The collected hatch patterns (see :func:`artists_to_svg`) as a hidden,
    zero-size ``<svg>`` (not ``display:none``, which would disable them)."""
    if not patterns:
        return ""
    body = "".join(patterns[k] for k in sorted(patterns))
    return (
        '<svg width="0" height="0" aria-hidden="true" focusable="false" '
        'style="position:absolute;width:0;height:0;overflow:hidden" '
        f'xmlns="http://www.w3.org/2000/svg"><defs>{body}</defs></svg>'
    )
