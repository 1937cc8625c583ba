"""Small path helpers shared by the anatomy figures.  Drawing coordinates
are schematic units (about 2 cm each), the patient's midline at x = 0, y up;
shapes are given for the patient's left (x > 0) and mirrored."""

from __future__ import annotations

import numpy as np
from matplotlib.path import Path


def mirror_xy(pts) -> np.ndarray:
    a = np.asarray(pts, float)
    return np.column_stack([-a[:, 0], a[:, 1]])


def closed(pts) -> Path:
    a = np.asarray(pts, float)
    return Path(np.vstack([a, a[:1]]), closed=True)


def both(pts) -> Path:
    """Compound closed path: the given (patient's left, x > 0) outline and its
    mirror image (patient's right)."""
    return Path.make_compound_path(closed(pts), closed(mirror_xy(pts)))


def ellipse_pts(cx, cy, rx, ry=None, n=40, start=0.0, stop=2 * np.pi):
    ry = rx if ry is None else ry
    t = np.linspace(start, stop, n, endpoint=False)
    return np.column_stack([cx + rx * np.cos(t), cy + ry * np.sin(t)])


def ring(cx, cy, r_in, r_out) -> list:
    """Outer and (reversed, so it cuts a hole) inner outline of a ring."""
    outer = ellipse_pts(cx, cy, r_out)
    inner = ellipse_pts(cx, cy, r_in)[::-1]
    return [outer, inner]


def rotate(v, deg):
    """A 2-D point turned anticlockwise by ``deg`` degrees about the origin."""
    t = np.radians(deg)
    c, s = np.cos(t), np.sin(t)
    return np.array([c * v[0] - s * v[1], s * v[0] + c * v[1]])
