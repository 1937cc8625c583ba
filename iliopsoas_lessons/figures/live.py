"""The base class of every figure the lessons update in place (they redraw
on every click): build the artists once, then blit only what changes."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .png import png_bytes_from_canvas
from .style import new_figure


class LiveFigure:
    """Base for figures updated in place.

    Subclasses build every artist once, then list the artists that updates may
    change with :meth:`_set_dynamic`.  :meth:`to_png` draws the static part once,
    keeps its pixels, and on later calls only restores those pixels and
    redraws the dynamic artists (blitting): far cheaper than a full redraw.
    The dynamic artists must lie above the static ones (higher zorder).
    A subclass that switches between several static backgrounds keeps them
    in ``self._bg_cache`` (a dict); :meth:`invalidate` clears it too.
    """

    size: tuple[float, float] = (6.0, 4.0)

    def __init__(self, *, size: tuple[float, float] | None = None):
        self.figure = new_figure(size or self.size)
        self._canvas = self.figure.canvas
        self._dynamic: list = []
        self._background = None

    # -- subclasses -----------------------------------------------------
    def _set_dynamic(self, artists: Sequence) -> None:
        self._dynamic = sorted(artists, key=lambda a: a.get_zorder())
        self._background = None

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
        if hasattr(self, "_bg_cache"):
            self._bg_cache.clear()

    def to_png(self) -> bytes:
        """PNG bytes of the current state (fixed DPI, no metadata)."""
        self._render()
        return png_bytes_from_canvas(self._canvas)

    def _repr_png_(self) -> bytes:
        return self.to_png()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"image/png": self.to_png(), "text/plain": self.alt_text}

    def close(self) -> None:
        self.figure.clear()
        self._dynamic = []
        self._background = None
