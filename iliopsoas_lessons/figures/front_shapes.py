"""The front view's part outlines as paths, on either side or both.

Each part of the content (``anatomy_parts.json``) that the front view draws
is outlined on the patient's LEFT in :mod:`.front_geometry` and mirrored here
for the right; :func:`part_shapes_by_side` gives every part's path for
``"left"``, ``"right"`` and ``"both"``.  :mod:`.anatomy_front` draws them.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.path import Path

from . import front_geometry as g
from .shapes import closed, ellipse_pts, mirror_xy, ring

__all__ = [
    "part_shapes",
    "part_shapes_by_side",
    "vertebra_outlines",
    "compound",
    "both_closed",
    "ellipse",
    "HIGHLIGHT_SIDES",
    "VERTEBRAE",
]

VERTEBRAE = g.VERTEBRAE
HIGHLIGHT_SIDES = ("left", "right", "both")


def ellipse(spec, n=40):
    """The outline of an ``(x, y, rx, ry)`` ellipse."""
    x, y, rx, ry = spec
    return ellipse_pts(x, y, rx, ry, n=n)


def vertebra_outlines():
    """Bodies with transverse processes, discs, and the two origin marks."""
    bodies, discs, origin, minor_origin = [], [], [], []
    h = g.VERTEBRA_HEIGHT / 2
    for i, name in enumerate(VERTEBRAE):
        y, w, tip = g.VERTEBRA_Y[name], g.VERTEBRA_HALF_WIDTH[name], g.TRANSVERSE_TIP[name]
        bodies.append([(-w, y - h), (w, y - h), (w + 0.08, y), (w, y + h), (-w, y + h), (-w - 0.08, y)])
        tp = [(w - 0.1, y + 0.15), (tip, y + 0.3), (tip + 0.12, y + 0.02), (tip, y - 0.25), (w - 0.1, y - 0.3)]
        bodies += [tp, mirror_xy(tp)]
        # psoas major: the sides of the body (margins and disc) and the front of the process
        origin.append(
            [(w - 0.05, y + h + 0.05), (w + 0.28, y + h), (w + 0.28, y - h), (w - 0.05, y - h - 0.05), (w - 0.2, y)]
        )
        if name != "T12":
            origin.append(ellipse_pts(tip - 0.4, y + 0.02, 0.3, 0.18, n=16))
        below = g.VERTEBRA_Y[VERTEBRAE[i + 1]] + h if i + 1 < len(VERTEBRAE) else g.SACRAL_BASE_Y
        wd = w + 0.05
        discs.append(
            [
                (-wd, below + 0.02),
                (wd, below + 0.02),
                (wd + 0.12, (below + y - h) / 2),
                (wd, y - h - 0.02),
                (-wd, y - h - 0.02),
                (-wd - 0.12, (below + y - h) / 2),
            ]
        )
    w12, w1 = g.VERTEBRA_HALF_WIDTH["T12"], g.VERTEBRA_HALF_WIDTH["L1"]
    # psoas minor: the front of the T12 and L1 bodies and their disc, medial to major's marks
    minor_origin.append(
        [
            (w12 - 0.6, g.VERTEBRA_Y["T12"] - 0.15),
            (w12 - 0.15, g.VERTEBRA_Y["T12"] - 0.15),
            (w1 - 0.15, g.VERTEBRA_Y["L1"] + 0.35),
            (w1 - 0.6, g.VERTEBRA_Y["L1"] + 0.35),
        ]
    )
    return bodies, discs, origin, minor_origin


def compound(polys, *, closed_shapes=True) -> Path:
    """Several outlines as one path: closed shapes, or open lines (nerves, a ligament)."""
    if closed_shapes:
        return Path.make_compound_path(*[closed(p) for p in polys])
    return Path.make_compound_path(*[Path(np.asarray(p, float)) for p in polys])


def _left_outlines() -> dict:
    """Part key -> (outlines on the patient's left, closed?)."""
    _, _, origin, minor_origin = vertebra_outlines()
    return {
        "psoas_major": ([g.PSOAS_MAJOR], True),
        "iliacus": ([g.ILIACUS], True),
        "psoas_minor": ([g.PSOAS_MINOR], True),
        "psoas_origin": (origin, True),
        "psoas_minor_origin": (minor_origin, True),
        "iliac_fossa": ([g.ILIAC_FOSSA], True),
        "common_tendon": ([g.COMMON_TENDON], True),
        "lesser_trochanter": ([ellipse(g.LESSER_TROCHANTER)], True),
        "inguinal_ligament": ([g.INGUINAL_LIGAMENT], False),
        "iliopsoas_bursa": ([ellipse(g.ILIOPSOAS_BURSA)], True),
        "hip_joint": (ring(*g.HIP_CENTRE, g.HEAD_RADIUS + 0.05, g.HEAD_RADIUS + 0.4), True),
        "iliopectineal_eminence": ([ellipse(g.ILIOPECTINEAL_EMINENCE)], True),
        "lumbar_plexus": (g.PLEXUS_LINES, False),
        "femoral_nerve": (g.FEMORAL_NERVE, False),
    }


@lru_cache(maxsize=None)
def part_shapes_by_side() -> dict:
    """Part key -> {"left": Path, "right": Path, "both": Path}; a midline part
    (the discs) is the same whole structure for every side."""
    out = {}
    for key, (polys, is_closed) in _left_outlines().items():
        left = compound(polys, closed_shapes=is_closed)
        right = compound([mirror_xy(p) for p in polys], closed_shapes=is_closed)
        out[key] = {"left": left, "right": right, "both": Path.make_compound_path(left, right)}
    discs = compound(vertebra_outlines()[1])
    out["lumbar_discs"] = dict.fromkeys(HIGHLIGHT_SIDES, discs)
    return out


@lru_cache(maxsize=None)
def part_shapes() -> dict:
    """Part key -> ``matplotlib.path.Path`` in drawing coordinates (both sides)."""
    return {key: sides["both"] for key, sides in part_shapes_by_side().items()}


def both_closed(*polys) -> Path:
    """Closed outlines on the patient's left and their mirror images on the right."""
    return compound(list(polys) + [mirror_xy(p) for p in polys])
