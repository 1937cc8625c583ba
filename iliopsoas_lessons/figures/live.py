"""The base class of every figure the lessons update in place (they redraw
on every click): build the artists once, then blit only what changes.

Two outputs, made the same way: PNG (:meth:`LiveFigure.to_png`, the static
pixels kept and the dynamic artists drawn over them) and vector SVG
(:meth:`LiveFigure.svg_layers`, the static part's SVG kept per background and
the dynamic artists drawn into an overlay SVG with the same viewBox, which
the page stacks over it)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .png import png_bytes_from_canvas
from .style import CSS_PX_PER_INCH, new_figure
from .svg import artists_to_svg, figure_to_svg, patterns_svg


class LiveFigure:
    """Base for figures updated in place.

    Subclasses build every artist once, then list the artists that updates may
    change with :meth:`_set_dynamic`.  :meth:`to_png` draws the static part once,
    keeps its pixels, and on later calls only restores those pixels and
    redraws the dynamic artists (blitting): far cheaper than a full redraw.
    The dynamic artists must lie above the static ones (higher zorder).
    A subclass that switches between several static backgrounds keeps them
    in ``self._bg_cache`` (a dict) and names the current one with a
    ``_mode()`` method (the SVG backgrounds are cached under the same name);
    :meth:`invalidate` clears both.
    """

    size: tuple[float, float] = (6.0, 4.0)

    def __init__(self, *, size: tuple[float, float] | None = None):
        self.figure = new_figure(size or self.size)
        self._canvas = self.figure.canvas
        self._dynamic: list = []
        self._background = None
        self._svg_backgrounds: dict = {}
        self._svg_patterns: dict = {}  # hatch patterns sent with the background
        self._svg_fragments: dict = {}  # SVG of artists that look the same each time

    # -- subclasses -----------------------------------------------------
    def _set_dynamic(self, artists: Sequence) -> None:
        self._dynamic = sorted(artists, key=lambda a: a.get_zorder())
        self._background = None
        self._svg_backgrounds.clear()
        self._svg_fragments.clear()

    @property
    def alt_text(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    # -- output ---------------------------------------------------------
    def _current_size_px(self):
        return tuple(np.round(self.figure.bbox.size).astype(int))

    def _render(self) -> None:
        canvas = self._canvas
        if self._background is None:
            for a in self._dynamic:
                a.set_animated(True)
            try:
                canvas.draw()
                self._background = canvas.copy_from_bbox(self.figure.bbox)
                self._size_px = self._current_size_px()
            finally:
                for a in self._dynamic:
                    a.set_animated(False)
        elif self._size_px != self._current_size_px():
            self.invalidate()
            return self._render()
        else:
            canvas.restore_region(self._background)
        renderer = canvas.get_renderer()
        for a in self._dynamic:
            if a.get_visible():
                a.draw(renderer)

    def invalidate(self) -> None:
        """Forget the cached static pixels (call after changing a static
        artist or the figure size by hand); the next :meth:`to_png` redraws all."""
        self._background = None
        self._svg_backgrounds.clear()
        self._svg_fragments.clear()
        if hasattr(self, "_bg_cache"):
            self._bg_cache.clear()

    def to_png(self) -> bytes:
        """PNG bytes of the current state (fixed DPI, no metadata)."""
        self._render()
        return png_bytes_from_canvas(self._canvas)

    # -- vector output ---------------------------------------------------
    def _svg_mode(self):
        """Names the static SVG background in use (default: the PNG's ``_mode``)."""
        return self._mode() if hasattr(self, "_mode") else None

    def _svg_dynamic(self) -> list:
        """The artists of the SVG overlay (default: the PNG's dynamic ones).
        A subclass may move more artists to the overlay (cheap in SVG) so
        fewer backgrounds are needed."""
        return self._dynamic

    def _svg_fragment_key(self, artist):
        """A key under which an overlay artist's SVG can be reused (it looks
        the same whenever the key is the same), or None to draw it each time."""
        return None

    def _svg_background_key(self, id_prefix: str):
        return (self._svg_mode(), tuple(self.figure.get_size_inches()), id_prefix)

    def svg_layers(self, *, id_prefix: str = "") -> tuple[str, str]:
        """``(background, overlay)``: two inline ``<svg>`` elements with one
        viewBox, to be stacked (overlay on top).

        The background is every static artist; it is drawn once per
        background (see ``_mode``) and then reused, so an update costs only
        the overlay: the visible dynamic artists, carrying the current alt
        text as the accessible name (the background is ``aria-hidden``).
        The overlay's hatch patterns are defined once, after the background.
        Ids get *id_prefix* plus ``b-`` or ``o-``, so the two never clash.
        The background's full draw also settles the axes positions (aspect)
        the overlay is drawn with."""
        key = self._svg_background_key(id_prefix)
        background = self._svg_backgrounds.get(key)
        dynamic = self._svg_dynamic()
        if background is None:
            # hidden, not animated: matplotlib draws the animated artists of an
            # Axes when saving, and the marks of the moment stayed underneath
            # every later overlay
            shown = [a for a in dynamic if a.get_visible()]
            for a in shown:
                a.set_visible(False)
            try:
                background = figure_to_svg(self.figure, id_prefix=f"{id_prefix}b-", decorative=True)
            finally:
                for a in shown:
                    a.set_visible(True)
            self._svg_backgrounds[key] = background
        patterns = self._svg_patterns.setdefault(id_prefix, {})
        overlay = artists_to_svg(
            self.figure,
            dynamic,
            alt=self.alt_text,
            id_prefix=f"{id_prefix}o-",
            patterns=patterns,
            fragments=self._svg_fragments.setdefault(key, {}),
            fragment_key=self._svg_fragment_key,
        )
        # the overlay's hatch patterns travel with the background: it changes
        # only the first time a pattern is used
        return background + patterns_svg(patterns), overlay

    def to_svg(self, *, id_prefix: str = "") -> str:
        """The whole current state as one inline ``<svg>`` (full draw), named by the alt text."""
        return figure_to_svg(self.figure, alt=self.alt_text, id_prefix=id_prefix)

    @property
    def display_width_px(self) -> float:
        """The default display width in CSS px: the figure's natural size
        (:data:`.style.CSS_PX_PER_INCH` per inch, as a browser shows an SVG
        sized in points)."""
        return float(self.figure.get_figwidth() * CSS_PX_PER_INCH)

    def _repr_png_(self) -> bytes:
        return self.to_png()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"image/png": self.to_png(), "text/plain": self.alt_text}

    def close(self) -> None:
        self.figure.clear()
        self._dynamic = []
        self._background = None
        self._svg_backgrounds.clear()
        self._svg_fragments.clear()
