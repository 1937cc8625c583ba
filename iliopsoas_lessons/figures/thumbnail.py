"""A figure's pixels as a small palette PNG: the pictures a stored notebook
keeps of each step of a stepper (see ``widgets/_snapshot.py``).

The figures are flat Okabe-Ito fills, outlines and hatching on white, so a
palette of their most frequent colours keeps them intact at a fraction of the
size of an RGB PNG. Area averaging shrinks the image (no new colours at flat
fills), each pixel then takes the colour of its pool of near-identical shades. numpy and zlib
only; the same pixels always give the same bytes.
"""
from __future__ import annotations

import struct
import zlib

import numpy as np

__all__ = ["small_png"]


def _area_weights(size: int, new_size: int) -> np.ndarray:
    """(new_size, size) matrix averaging the source pixels each new pixel covers."""
    edges = np.arange(new_size + 1) * (size / new_size)
    lo, hi = edges[:-1, None], edges[1:, None]
    src = np.arange(size)[None, :]
    overlap = np.clip(np.minimum(hi, src + 1) - np.maximum(lo, src), 0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def _shrink(rgb: np.ndarray, width: int) -> np.ndarray:
    h, w = rgb.shape[:2]
    if width >= w:
        return rgb
    height = max(1, round(h * width / w))
    rows, cols = _area_weights(h, height), _area_weights(w, width)
    tall = np.tensordot(rows, rgb.astype(np.float32), axes=(1, 0))  # (height, w, 3)
    out = np.tensordot(tall, cols, axes=(1, 1)).transpose(0, 2, 1)  # (height, width, 3)
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def _palette(rgb: np.ndarray, colours: int) -> tuple[np.ndarray, np.ndarray]:
    """(palette, index image). Near-identical shades are pooled first (4 bits
    a channel), so the palette spans the figure's distinct colours (thin dark
    outlines too) rather than many shades of its largest fill; each pool's
    mean colour joins the palette, most frequent pools first."""
    flat = rgb.reshape(-1, 3).astype(np.int32)
    pooled = ((flat[:, 0] >> 4) << 8) | ((flat[:, 1] >> 4) << 4) | (flat[:, 2] >> 4)
    pools, members, counts = np.unique(pooled, return_inverse=True, return_counts=True)
    sums = np.zeros((len(pools), 3), np.int64)
    np.add.at(sums, members.ravel(), flat)
    means = np.rint(sums / counts[:, None]).astype(np.int32)
    # most frequent first; ties by pool, so the choice is deterministic
    palette = means[np.lexsort((pools, -counts))[:colours]]
    nearest = ((means[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return palette.astype(np.uint8), nearest[members.ravel()].astype(np.uint8).reshape(rgb.shape[:2])


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def small_png(rgba: np.ndarray, width: int, *, colours: int = 64) -> bytes:
    """The image ``rgba`` (an ``(h, w, 3|4)`` uint8 array, e.g. a canvas'
    ``buffer_rgba()``) shrunk to ``width`` px, as an 8-bit palette PNG."""
    if not 2 <= colours <= 256:
        raise ValueError(f"colours must be from 2 to 256, not {colours!r}")
    small = _shrink(np.asarray(rgba)[..., :3], int(width))
    palette, index = _palette(small, colours)
    h, w = index.shape
    raw = np.empty((h, w + 1), np.uint8)
    raw[:, 0] = 0  # filter "None": palette indices compress well as they are
    raw[:, 1:] = index
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0))
            + _chunk(b"PLTE", palette.tobytes())
            + _chunk(b"IDAT", zlib.compress(raw.tobytes(), 9))
            + _chunk(b"IEND", b""))
