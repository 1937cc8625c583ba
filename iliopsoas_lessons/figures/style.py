"""House style shared by the figure modules: Okabe-Ito colours, hatches,
deterministic PNG output and a small base class for figures that are updated
in place (the lessons redraw on every click).

Only imported by the figure modules (``bodymap``, ``anatomy``); importing
``iliopsoas_lessons`` itself never imports matplotlib.
"""
from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

# The Okabe-Ito palette and the body-map role table live in _roles (no matplotlib).
from ..content.roles import OKABE_ITO, ROLE_STYLES

PALETTE = tuple(OKABE_ITO.values())

# Named views of the table (the same dicts, not copies).
SOURCE = ROLE_STYLES["source"]
REFERRED = ROLE_STYLES["referred"]
CLAIMED = ROLE_STYLES["claimed"]
CONTRAST = ROLE_STYLES["contrast"]
RED_FLAG = ROLE_STYLES["red_flag"]
HIGHLIGHT = {"facecolor": OKABE_ITO["orange"], "hatch": "///", "edgecolor": "#000000"}

SKIN = "#F3EEE8"
SKIN_EDGE = "#8C8C8C"
BONE = "#EDE6D6"
BONE_EDGE = "#5A5246"
MUSCLE = "#E8B4A0"
MUSCLE_EDGE = "#8A4B3A"
NERVE = OKABE_ITO["yellow"]
NERVE_EDGE = "#7A6A00"
TEXT = "#222222"
MUTED = "#666666"

FONT_SIZE = 8.0
DPI = 100


def new_figure(size: tuple[float, float]) -> Figure:
    """A pyplot-free Figure with an Agg canvas attached."""
    fig = Figure(figsize=size, dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def clean_axes(ax, *, equal: bool = True) -> None:
    ax.set_axis_off()
    if equal:
        ax.set_aspect("equal")


def add_patch(ax, patch):
    """Add a patch without updating data limits (the figures set their limits
    explicitly); much cheaper than ``ax.add_patch`` for many patches."""
    ax.add_artist(patch)
    return patch


def leader(ax, text_xy, point_xy, text, *, ha, gid=None, **text_kw):
    """A label with a straight leader line: cheaper to draw than
    ``ax.annotate`` with an arrow (no path clipping against the text box)."""
    (tx, ty), (px, py) = text_xy, point_xy
    gap = 0.25 if ha == "left" else -0.25
    line = ax.plot([tx - gap, px], [ty, py], color="#555555", lw=0.6, zorder=5.9,
                   solid_capstyle="butt", gid=None if gid is None else f"{gid}_line")[0]
    t = ax.text(tx, ty, text, ha=ha, va="center", gid=gid, **text_kw)
    return t, line


def check_choice(name: str, value, choices: Iterable, exc=ValueError):
    """Raise ``exc`` naming the valid choices when ``value`` is not one of them."""
    choices = list(choices)
    if value not in choices:
        raise exc(f"unknown {name} {value!r}; choose one of: {', '.join(map(str, choices))}")
    return value


def as_tuple(value) -> tuple:
    """Accept one key or an iterable of keys."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def encode_png(rgba: np.ndarray, *, level: int = 1) -> bytes:
    """Minimal PNG encoder (8-bit RGB, no filter, zlib ``level``, no
    metadata): byte-for-byte deterministic and about twice as fast as a
    general-purpose encoder for these mostly flat images."""
    h, w = rgba.shape[:2]
    raw = np.empty((h, 1 + 3 * w), np.uint8)
    raw[:, 0] = 0  # filter type "None" for every row
    raw[:, 1:] = rgba[..., :3].reshape(h, 3 * w)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw.tobytes(), level))
            + chunk(b"IEND", b""))


def png_bytes_from_canvas(canvas: FigureCanvasAgg) -> bytes:
    """Encode the canvas' current pixel buffer as PNG (see :func:`encode_png`)."""
    return encode_png(np.asarray(canvas.buffer_rgba()))


def figure_to_png(fig: Figure, *, dpi: float = DPI) -> bytes:
    """Deterministic PNG of any figure (full draw): fixed DPI, no metadata."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, metadata={"Software": None},
                facecolor="white")
    return out.getvalue()


class LiveFigure:
    """Base for figures updated in place.

    Subclasses build every artist once, then list the artists that updates may
    change in ``self._dynamic``.  :meth:`to_png` draws the static part once,
    keeps its pixels, and on later calls only restores those pixels and
    redraws the dynamic artists (blitting): far cheaper than a full redraw.
    The dynamic artists must lie above the static ones (higher zorder).
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
