"""The hip-angle model behind :mod:`.hip`, as computation only.

Side view, patient facing right, schematic units, y up: the outlines of the
lumbar spine, the sacrum, the hip bone and the femur, the femur turned about
the centre of its head for a hip angle, and the iliopsoas line from the
front of the lumbar spine over the iliopectineal eminence (a pulley) to the
lesser trochanter, whose length gives :func:`muscle_length_ratio`.

Checked against: Gray's Anatomy (1918) Fig. 234/235 (hip bone from the side:
iliac crest, anterior superior and inferior spines, acetabulum, pubis,
ischium, obturator foramen, greater sciatic notch), Fig. 94-96 (lumbar
vertebrae and the sacrum: the lordotic column stands on the sacral base
through the L5-S1 disc, the sacrum curves down and back) and Fig. 244-247
(femur: head, neck, greater trochanter behind, lesser trochanter
posteromedial).  The femur turns about the centre of its head, so the head
stays in the acetabulum at every angle; tests/test_anatomy_front.py sweeps
the slider's whole range and checks the head's centre, that nothing leaves
the figure and that no label is covered.
"""

from __future__ import annotations

import numpy as np

from ..content.constants import HIP_ANGLE_RANGE
from .shapes import ellipse_pts, rotate

__all__ = ["muscle_length_ratio", "spine_geometry", "HIP_ANGLE_RANGE"]


# Side view, facing right (the patient's front is to the right), y up, the
# centre of the femoral head (and of the acetabulum) at the origin.  Units
# of about 2.4 cm (the femoral head's radius is 0.95).
_HIP_C = np.array([0.0, 0.0])
_PULLEY = np.array([1.65, 0.75])  # iliopectineal eminence / pelvic brim
_TROCH0 = np.array([-0.45, -2.45])  # lesser trochanter, standing (0 deg): posteromedial
_KNEE0 = np.array([0.0, -9.0])
_HEAD_R = 0.95

# Lumbar lordosis, built up from the top of the sacrum so that every level
# sits on the one below: the S1 end plate's forward tilt, then for each
# vertebra the tilt of its lower and upper end plates (degrees, + = forward).
_S1_CENTRE, _S1_TILT = np.array([-1.3, 4.6]), 38.0
_LEVELS = (("L5", 28.0, 22.0), ("L4", 14.0, 11.0), ("L3", 5.0, 3.0), ("L2", -2.0, -3.0), ("L1", -7.0, -8.0))
_BODY_DEPTH, _BODY_HEIGHT, _DISC_HEIGHT = 1.75, 1.15, 0.42
_SACRUM_LENGTH = 4.4

# Hip bone seen from the side: iliac crest, anterior spines, pubis, ischium,
# greater sciatic notch (behind the acetabulum).
_PELVIS = [
    (-3.0, 4.2),
    (-2.6, 5.6),
    (-1.4, 6.6),
    (0.2, 6.95),
    (1.6, 6.3),
    (2.5, 4.7),
    (2.65, 2.7),
    (2.15, 2.1),
    (2.25, 1.45),
    (1.6, 0.95),
    (2.35, 0.15),
    (2.7, -0.55),
    (2.5, -2.2),
    (1.4, -2.7),
    (0.3, -2.95),
    (-0.8, -3.0),
    (-1.45, -2.3),
    (-1.5, -1.4),
    (-1.9, -0.6),
    (-2.05, 0.6),
    (-2.5, 1.9),
    (-3.25, 3.2),
]
_OBTURATOR = (1.05, -1.75, 0.85, 0.55)

# Femur standing (rotated about the head's centre for any angle): head,
# neck, greater trochanter behind, shaft cut across below.
_NECK = [(0.5, -0.6), (0.55, -1.25), (-0.5, -1.45), (-0.6, -0.55)]
_GREATER_TROCHANTER = [(-0.45, -0.3), (-1.1, -0.35), (-1.35, -1.15), (-1.1, -2.05), (-0.6, -1.9)]
_SHAFT = [
    (0.55, -1.1),
    (0.7, -3.0),
    (0.75, -6.0),
    (0.68, -8.2),
    (0.3, -8.0),
    (-0.05, -8.25),
    (-0.4, -8.0),
    (-0.72, -8.2),
    (-0.78, -5.0),
    (-0.85, -2.6),
    (-0.8, -1.4),
]


def _check_angle(hip_angle_deg) -> float:
    a = float(hip_angle_deg)
    lo, hi = HIP_ANGLE_RANGE
    if not (lo <= a <= hi) or not np.isfinite(a):
        raise ValueError(
            f"hip angle {hip_angle_deg!r} degrees is outside the valid range "
            f"{lo:g} to {hi:g} (negative = extension, positive = flexion)"
        )
    return a


def _muscle_path(angle: float) -> np.ndarray:
    """Points of the muscle line: origin -> (pulley, if it wraps) -> trochanter."""
    t = _HIP_C + rotate(_TROCH0, angle)
    # it wraps over the pulley when the pulley lies in front of the straight line
    d = t - _ORIGIN
    e = _PULLEY - _ORIGIN
    cross = d[0] * e[1] - d[1] * e[0]  # > 0: pulley on the anterior (right) side
    if cross > 0:
        return np.array([_ORIGIN, _PULLEY, t])
    return np.array([_ORIGIN, t])


def _length(angle: float) -> float:
    pts = _muscle_path(angle)
    return float(np.sum(np.linalg.norm(np.diff(pts, axis=0), axis=1)))


def muscle_length_ratio(hip_angle_deg: float) -> float:
    """Iliopsoas length relative to standing (hip at 0 deg) in the side-view
    model: origin on the lumbar spine, over the iliopectineal eminence as a
    pulley, to the lesser trochanter.  Positive angles are flexion (shorter,
    < 1), negative extension (longer, > 1).  Valid range: -30 to +120 deg."""
    return _length(_check_angle(hip_angle_deg)) / _length(0.0)


def _femur_geometry(a: float) -> dict:
    """Outline of each femur part at hip angle ``a`` (rotated about the head)."""

    def turned(pts):
        return np.array([_HIP_C + rotate(np.asarray(p, float), a) for p in pts])

    return {
        "shaft": turned(_SHAFT),
        "neck": turned(_NECK),
        "greater_trochanter": turned(_GREATER_TROCHANTER),
        "head": ellipse_pts(*_HIP_C, _HEAD_R),
        "trochanter": turned(ellipse_pts(*_TROCH0, 0.34, 0.28, n=16)),
    }


def _endplate(centre, tilt, depth=_BODY_DEPTH):
    """(posterior, anterior) corners of an end plate tilted ``tilt`` degrees forward."""
    t = np.radians(tilt)
    along = np.array([np.cos(t), -np.sin(t)]) * depth / 2
    return centre - along, centre + along


def _up(centre, tilt_low, tilt_high, height):
    t = np.radians((tilt_low + tilt_high) / 2)
    return centre + height * np.array([np.sin(t), np.cos(t)])


def spine_geometry() -> dict:
    """Outlines of the sacrum, the L5-S1 to L1-L2 discs and the bodies L5-L1
    with their spinous processes; each level starts on the one below."""
    out = {"discs": {}, "bodies": {}, "spinous": {}, "centres": {}}
    c, tilt, below = _S1_CENTRE, _S1_TILT, "S1"
    for name, low, high in _LEVELS:
        c_low = _up(c, tilt, low, _DISC_HEIGHT)
        p0, a0 = _endplate(c, tilt)
        p1, a1 = _endplate(c_low, low)
        out["discs"][f"{name}_{below}"] = np.array([p0, a0, a1, p1])
        c_high = _up(c_low, low, high, _BODY_HEIGHT)
        p2, a2 = _endplate(c_high, high)
        out["bodies"][name] = np.array([p1, a1, a2, p2])
        back = (p1 + p2) / 2
        t = np.radians((low + high) / 2)
        along, up = np.array([np.cos(t), -np.sin(t)]), np.array([np.sin(t), np.cos(t)])
        out["spinous"][name] = np.array(
            [back + 0.4 * up, back - 1.7 * along + 0.1 * up, back - 1.95 * along - 0.35 * up, back - 0.4 * up]
        )
        out["centres"][name] = (c_low + c_high) / 2
        c, tilt, below = c_high, high, name
    out["sacrum"] = _sacrum_outline()
    return out


def _sacrum_outline() -> np.ndarray:
    """The sacrum and coccyx, from the S1 end plate down and back, curved
    forward (concave in front)."""
    t = np.radians(_S1_TILT)
    along, down = np.array([np.cos(t), -np.sin(t)]), -np.array([np.sin(t), np.cos(t)])
    front, back = [], []
    for s in np.linspace(0.0, _SACRUM_LENGTH, 9):
        centre = _S1_CENTRE + down * s + along * 0.06 * s**2
        half = _BODY_DEPTH / 2 * (1.0 - s / 5.6)
        front.append(centre + along * half)
        back.append(centre - along * half)
    return np.array(front + back[::-1])


def _front_of_l2_l3() -> np.ndarray:
    """Origin of the muscle line: the front of the L2-L3 disc and bodies."""
    disc = spine_geometry()["discs"]["L2_L3"]
    return (disc[1] + disc[2]) / 2


_ORIGIN = _front_of_l2_l3()
