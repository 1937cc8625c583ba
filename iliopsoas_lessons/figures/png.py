"""Deterministic PNG output: the same figure state always gives the same bytes
(fixed DPI, no metadata), so tests can compare images and caches can key on them."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .style import DPI


def encode_png(rgba: np.ndarray, *, level: int = 1) -> bytes:
    """Minimal PNG encoder (8-bit RGB, no filter, zlib ``level``, no
    metadata): byte-for-byte deterministic and about twice as fast as a
    general-purpose encoder for these mostly flat images."""
    h, w = rgba.shape[:2]
    raw = np.empty((h, 1 + 3 * w), np.uint8)
    raw[:, 0] = 0  # filter type "None" for every row
    raw[:, 1:] = rgba[..., :3].reshape(h, 3 * w)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw.tobytes(), level))
        + chunk(b"IEND", b"")
    )


def png_bytes_from_canvas(canvas: FigureCanvasAgg) -> bytes:
    """Encode the canvas' current pixel buffer as PNG (see :func:`encode_png`)."""
    return encode_png(np.asarray(canvas.buffer_rgba()))


def figure_to_png(fig: Figure, *, dpi: float = DPI) -> bytes:
    """Deterministic PNG of any figure (full draw): fixed DPI, no metadata."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, metadata={"Software": None}, facecolor="white")
    return out.getvalue()
