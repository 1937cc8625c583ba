"""The hip seen from the side, and the muscle-length model behind it.

:func:`plot_hip_side` draws the hip across its joint (patient facing right):
the iliopsoas runs from the front of the lumbar spine over the iliopectineal
eminence (a pulley) to the lesser trochanter, and lengthens as the hip
extends (:func:`muscle_length_ratio`).  :func:`show_hip_angle` is the one
place an angle becomes artists; :class:`HipAngleFigure` calls it on every
:meth:`~HipAngleFigure.set_angle`.  Coordinates: schematic units, y up.
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle, PathPatch, Polygon
from matplotlib.path import Path

from . import style as st
from ..content import course
from .live import LiveFigure
from .shapes import closed, ellipse_pts, rotate

__all__ = ["plot_hip_side", "show_hip_angle", "muscle_length_ratio", "hip_side_alt_text",
           "HIP_ANGLE_RANGE", "HipAngleFigure"]

HIP_ANGLE_RANGE = (-30.0, 120.0)  # degrees; negative = extension, positive = flexion

# Side view, facing right (the patient's front is to the right), y up.
_HIP_C = np.array([0.0, 0.0])
_ORIGIN = np.array([-1.4, 9.2])      # front of the L2-L3 vertebral bodies
_PULLEY = np.array([1.65, 0.75])     # iliopectineal eminence / pelvic brim
_TROCH0 = np.array([-0.15, -2.35])   # lesser trochanter, standing (0 deg)
_KNEE0 = np.array([0.0, -11.0])

def _check_angle(hip_angle_deg) -> float:
    a = float(hip_angle_deg)
    lo, hi = HIP_ANGLE_RANGE
    if not (lo <= a <= hi) or not np.isfinite(a):
        raise ValueError(f"hip angle {hip_angle_deg!r} degrees is outside the valid range "
                         f"{lo:g} to {hi:g} (negative = extension, positive = flexion)")
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


def _angle_words(a: float) -> str:
    if abs(a) < 0.5:
        return "hip straight (standing, 0°)"
    return f"hip flexed {a:.0f}°" if a > 0 else f"hip extended {-a:.0f}°"


def _length_words(a: float) -> str:
    r = muscle_length_ratio(a)
    return f"muscle length: {100 * r:.0f} % of standing length"


def _femur_geometry(a: float):
    def R(p):
        return _HIP_C + rotate(np.asarray(p, float), a)
    shaft = np.array([R(p) for p in [(-0.55, -1.0), (0.2, -0.6), (0.95, -1.3), (0.6, -2.2),
                                     (0.55, -10.6), (0.85, -11.4), (-0.9, -11.4), (-0.6, -10.6),
                                     (-0.6, -2.6)]])
    head = ellipse_pts(*_HIP_C, 0.95)
    troch = np.array([R(p) for p in ellipse_pts(*_TROCH0, 0.36, 0.3, n=16)])
    return shaft, head, troch



def plot_hip_side(ax, hip_angle_deg: float = 0.0, *, labels: bool = True) -> dict:
    """Side view across the hip (patient facing right) at ``hip_angle_deg``.

    The muscle runs from the front of the lumbar spine over the
    iliopectineal eminence (a pulley) to the lesser trochanter; its length,
    shown as a percentage of standing length, follows from the geometry.
    Returns a dict of the artists (``"muscle"``, ``"femur"``,
    ``"trochanter"``, ``"angle_text"``, ``"length_text"``, ``"static"``,
    ``"over_thigh"``).
    """
    a = _check_angle(hip_angle_deg)
    static = _draw_lumbar_spine(ax) + _draw_pelvis(ax)
    artists = _draw_moving_parts(ax)
    over_thigh = []
    if labels:
        label_artists, over_thigh = _draw_labels(ax)
        static += label_artists
    ax.set_xlim(-10.0, 10.0)
    ax.set_ylim(-13.2, 20.0)
    st.clean_axes(ax)
    artists.update(static=static, over_thigh=over_thigh)
    show_hip_angle(artists, a)
    return artists


def show_hip_angle(artists: dict, a: float) -> None:
    """Show the hip at ``a`` degrees: thigh, muscle line and the two readouts."""
    shaft, head, troch = _femur_geometry(a)
    artists["femur"].set_path(Path.make_compound_path(closed(shaft), closed(head)))
    artists["trochanter"].set_xy(troch)
    pts = _muscle_path(a)
    artists["muscle"].set_data(pts[:, 0], pts[:, 1])
    artists["angle_text"].set_text(_angle_words(a))
    artists["length_text"].set_text(_length_words(a))
    r = muscle_length_ratio(a)
    artists["length_text"].set_color(st.OKABE_ITO["vermillion"] if r > 1.0005
                                     else st.OKABE_ITO["blue"])


def _draw_lumbar_spine(ax) -> list:
    """Lordotic lumbar spine: bodies tilted along the curve, discs between,
    spinous processes behind."""
    artists = []
    centres = np.array([(-3.5, 12.5), (-3.0, 10.6), (-2.8, 8.7), (-3.0, 6.8), (-3.5, 4.95)])
    tang = np.gradient(centres, axis=0)
    for i, ((x, y), (dx, dy)) in enumerate(zip(centres, tang)):
        ang = np.degrees(np.arctan2(-dx, -dy))  # tilt of the body's long axis
        body = np.array([(-1.0, -0.72), (1.0, -0.72), (1.05, 0.0), (1.0, 0.72),
                         (-1.0, 0.72), (-1.05, 0.0)])
        spinous = np.array([(-1.0, 0.3), (-2.4, 0.1), (-2.6, -0.35), (-1.0, -0.3)])
        for shape, gid in ((spinous, f"spinous_process_L{i + 1}"), (body, f"vertebra_L{i + 1}")):
            pts = np.array([rotate(p, ang) for p in shape]) + (x, y)
            artists.append(st.add_patch(ax, Polygon(pts, closed=True, facecolor=st.BONE,
                                                    edgecolor=st.BONE_EDGE, lw=0.8, zorder=2,
                                                    gid=gid)))
        if i < len(centres) - 1:
            mx, my = (centres[i] + centres[i + 1]) / 2
            disc = Polygon(np.array([rotate(p, ang) for p in
                                     [(-0.95, -0.2), (0.95, -0.2), (0.95, 0.2), (-0.95, 0.2)]])
                           + (mx, my), closed=True, facecolor="#BFD9EA",
                           edgecolor="#3F6E8C", lw=0.6, zorder=1.95, gid=f"disc_L{i + 1}_L{i + 2}")
            artists.append(st.add_patch(ax, disc))
        artists.append(ax.text(x, y, f"L{i + 1}", ha="center", va="center",
                               fontsize=st.FONT_SIZE - 1.5, color=st.TEXT, zorder=3))
    return artists


_SACRUM = [(-4.6, 4.05), (-2.5, 3.9), (-3.0, 2.2), (-4.0, 0.4), (-5.2, -0.9), (-5.7, -0.5),
           (-5.6, 1.6), (-5.2, 3.3)]
_PELVIS = [(-4.8, 4.0), (-3.0, 5.6), (-0.6, 6.0), (1.6, 4.8), (2.6, 3.2), (2.2, 2.2),
           (2.0, 1.0), (1.3, 0.9), (1.0, 0.2), (1.9, -0.9), (2.6, -1.9), (1.6, -2.6),
           (-0.4, -2.8), (-1.6, -3.6), (-2.4, -3.0), (-1.8, -1.6), (-2.6, 0.4),
           (-4.4, 1.4), (-5.6, 2.6)]


def _draw_pelvis(ax) -> list:
    """Sacrum, pelvis, hip socket, the pulley, and the standing thigh (dashed)."""
    bone = dict(facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.8)
    artists = [
        st.add_patch(ax, Polygon(_SACRUM, closed=True, zorder=1.85, gid="bone_sacrum", **bone)),
        st.add_patch(ax, Polygon(_PELVIS, closed=True, zorder=1.8, gid="bone_pelvis", **bone)),
        st.add_patch(ax, Circle(_HIP_C, 1.25, facecolor="#D7E8F3", edgecolor="#3F6E8C", lw=0.7,
                                zorder=1.9, gid="hip_joint")),
        st.add_patch(ax, Circle(_PULLEY, 0.32, facecolor="#D9CBA8", edgecolor=st.BONE_EDGE,
                                lw=0.9, zorder=4.5, gid="iliopectineal_eminence")),
    ]
    artists += ax.plot([_HIP_C[0], _KNEE0[0]], [_HIP_C[1], _KNEE0[1]], ls=(0, (4, 3)), lw=0.9,
                       color=st.MUTED, zorder=1.5, gid="standing_reference")
    return artists


def _draw_moving_parts(ax) -> dict:
    """The artists an angle changes, empty until :func:`show_hip_angle`."""
    bone = dict(facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.9)
    femur = st.add_patch(ax, PathPatch(Path(np.zeros((1, 2))), zorder=5.0, gid="bone_femur",
                                       **bone))
    tro = st.add_patch(ax, Polygon(np.zeros((3, 2)), closed=True, zorder=5.1,
                                   gid="lesser_trochanter", **bone))
    muscle = ax.plot([], [], color="#C8694A", lw=7.0, solid_capstyle="round",
                     solid_joinstyle="round", alpha=0.9, zorder=5.5, gid="iliopsoas")[0]
    angle_text = ax.text(0.0, 16.9, "", ha="center", va="top", fontsize=st.FONT_SIZE + 1,
                         color=st.TEXT, zorder=6, gid="angle_text")
    length_text = ax.text(0.0, 15.7, "", ha="center", va="top", fontsize=st.FONT_SIZE + 1,
                          fontweight="bold", zorder=6, gid="length_text")
    return {"muscle": muscle, "femur": femur, "trochanter": tro, "angle_text": angle_text,
            "length_text": length_text}


def _draw_labels(ax) -> tuple[list, list]:
    """Leader labels, notes and the title; also the labels the thigh can
    swing over (they are redrawn on top of it)."""
    kw = dict(fontsize=st.FONT_SIZE - 0.5, color=st.TEXT, zorder=6)
    static, over_thigh = [], []
    for text, xy, pt, ha in (
            ("iliopsoas", (3.8, 8.8), (-0.2, 5.0), "left"),
            ("iliopectineal eminence\n(the pulley)", (4.2, 3.4), tuple(_PULLEY), "left"),
            ("hip joint", (-5.6, -1.6), (-1.0, -0.6), "right"),
            ("lumbar spine", (0.6, 12.9), (-2.3, 12.6), "left"),
            ("pelvis (ilium)", (3.6, 6.0), (1.2, 4.6), "left"),
            ("sacrum", (-7.0, 2.2), (-5.0, 1.5), "right")):
        pair = st.leader(ax, xy, pt, text, ha=ha, **kw)
        static.extend(pair)
        if text.startswith("iliopectineal"):
            over_thigh = list(pair)
    static.append(ax.text(-9.6, -12.9, "dashed: thigh when standing", va="bottom",
                          fontsize=st.FONT_SIZE - 1, color=st.MUTED, zorder=6))
    static.append(ax.text(9.6, -12.9, "front →", ha="right", va="bottom",
                          fontsize=st.FONT_SIZE - 0.5, color=st.MUTED, zorder=6))
    static.append(ax.text(0.0, 18.3, "Side view across the hip", ha="center", va="bottom",
                          fontsize=st.FONT_SIZE + 2, fontweight="bold", color=st.TEXT,
                          zorder=6))
    return static, over_thigh


def hip_side_alt_text(hip_angle_deg: float) -> str:
    a = _check_angle(hip_angle_deg)
    r = muscle_length_ratio(a)
    if a < 0:
        why = course().figure_texts["hip_extension"].text
    elif a > 0:
        why = course().figure_texts["hip_flexion"].text
    else:
        why = "This is the reference length."
    return (f"Side view across the hip, patient facing right: {_angle_words(a)}. The "
            f"iliopsoas runs from the front of the lumbar spine over the iliopectineal "
            f"eminence to the lesser trochanter of the femur; its length is "
            f"{100 * r:.0f} % of its standing length. {why}")



class HipAngleFigure(LiveFigure):
    """Side view across the hip; :meth:`set_angle` moves the thigh in place."""

    size = (4.2, 5.6)

    def __init__(self, hip_angle_deg: float = 0.0, *, size=None):
        super().__init__(size=size)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.angle = _check_angle(hip_angle_deg)
        self.artists = plot_hip_side(self.ax, self.angle)
        self._set_dynamic([self.artists[k] for k in
                           ("femur", "trochanter", "muscle", "angle_text", "length_text")]
                          + self.artists["over_thigh"])

    def set_angle(self, hip_angle_deg: float) -> "HipAngleFigure":
        self.angle = _check_angle(hip_angle_deg)
        show_hip_angle(self.artists, self.angle)
        return self

    @property
    def length_ratio(self) -> float:
        return muscle_length_ratio(self.angle)

    @property
    def alt_text(self) -> str:
        return hip_side_alt_text(self.angle)
