"""The hip seen from the side, drawn (the model behind it: :mod:`.hip_geometry`).

:func:`plot_hip_side` draws the hip across its joint (patient facing right):
the iliopsoas runs from the front of the lumbar spine over the iliopectineal
eminence (a pulley) to the lesser trochanter, and lengthens as the hip
extends (:func:`.hip_geometry.muscle_length_ratio`).  :func:`show_hip_angle`
is the one place an angle becomes artists; :class:`HipAngleFigure` calls it
on every :meth:`~HipAngleFigure.set_angle`.  Coordinates: schematic units,
y up.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle, PathPatch, Polygon
from matplotlib.path import Path

from . import style as st
from ..content import course
from .hip_geometry import (
    _HIP_C,
    _KNEE0,
    _OBTURATOR,
    _PELVIS,
    _PULLEY,
    _check_angle,
    _femur_geometry,
    _muscle_path,
    muscle_length_ratio,
    spine_geometry,
)
from .live import LiveFigure
from .shapes import closed, ellipse_pts

__all__ = [
    "plot_hip_side",
    "show_hip_angle",
    "hip_side_alt_text",
    "HipAngleFigure",
]


def _angle_words(a: float) -> str:
    if abs(a) < 0.5:
        return "hip straight (standing, 0°)"
    return f"hip flexed {a:.0f}°" if a > 0 else f"hip extended {-a:.0f}°"


def _length_words(a: float) -> str:
    r = muscle_length_ratio(a)
    return f"muscle length: {100 * r:.0f} % of standing length"


def plot_hip_side(ax, hip_angle_deg: float = 0.0, *, labels: bool = True) -> dict:
    """Side view across the hip (patient facing right) at ``hip_angle_deg``.

    The muscle runs from the front of the lumbar spine over the
    iliopectineal eminence (a pulley) to the lesser trochanter; its length,
    shown as a percentage of standing length, follows from the geometry.
    The femur turns about the centre of its head, which stays in the
    acetabulum at every angle.  Returns a dict of the artists (``"muscle"``,
    ``"femur"`` (the shaft), ``"femur_parts"`` (gid -> patch), ``"trochanter"``,
    ``"angle_text"``, ``"length_text"``, ``"static"``, ``"labels"``,
    ``"over_thigh"``).
    """
    a = _check_angle(hip_angle_deg)
    static = _draw_lumbar_spine(ax) + _draw_pelvis(ax)
    artists = _draw_moving_parts(ax)
    label_artists = []
    if labels:
        label_artists = _draw_labels(ax)
        static += label_artists
    ax.set_xlim(-10.0, 10.0)
    ax.set_ylim(-10.9, 19.6)
    st.clean_axes(ax)
    artists.update(static=static, over_thigh=[], labels=[t for t in label_artists if hasattr(t, "get_text")])
    show_hip_angle(artists, a)
    return artists


def show_hip_angle(artists: dict, a: float) -> None:
    """Show the hip at ``a`` degrees: thigh, muscle line and the two readouts."""
    parts = _femur_geometry(a)
    for key, patch in artists["femur_parts"].items():
        patch.set_xy(parts[key])
    pts = _muscle_path(a)
    artists["muscle"].set_data(pts[:, 0], pts[:, 1])
    artists["angle_text"].set_text(_angle_words(a))
    artists["length_text"].set_text(_length_words(a))
    r = muscle_length_ratio(a)
    artists["length_text"].set_color(st.OKABE_ITO["vermillion"] if r > 1.0005 else st.OKABE_ITO["blue"])


_BONE = dict(facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.8)


def _draw_lumbar_spine(ax) -> list:
    """Lordotic lumbar spine standing on the sacrum: bodies, discs (L5-S1
    included) and spinous processes, each level on the one below."""
    geo = spine_geometry()
    artists = [
        st.add_patch(
            ax, Polygon(geo["sacrum"], closed=True, zorder=2.0, gid="bone_sacrum", **{**_BONE, "facecolor": "#E2D5B8"})
        )
    ]
    for name, body in geo["bodies"].items():
        artists.append(
            st.add_patch(
                ax, Polygon(geo["spinous"][name], closed=True, zorder=1.95, gid=f"spinous_process_{name}", **_BONE)
            )
        )
        artists.append(st.add_patch(ax, Polygon(body, closed=True, zorder=2.0, gid=f"vertebra_{name}", **_BONE)))
        x, y = geo["centres"][name]
        artists.append(
            ax.text(x, y, name, ha="center", va="center", fontsize=st.FONT_SIZE - 1.5, color=st.TEXT, zorder=3)
        )
    for key, disc in geo["discs"].items():
        artists.append(
            st.add_patch(
                ax,
                Polygon(
                    disc, closed=True, facecolor="#BFD9EA", edgecolor="#3F6E8C", lw=0.6, zorder=2.05, gid=f"disc_{key}"
                ),
            )
        )
    return artists


def _draw_pelvis(ax) -> list:
    """Hip bone (with the obturator foramen), the acetabulum, the pulley,
    and the standing thigh (dashed)."""
    x, y, rx, ry = _OBTURATOR
    hip_bone = Path.make_compound_path(closed(_PELVIS), closed(ellipse_pts(x, y, rx, ry)[::-1]))
    artists = [
        st.add_patch(ax, PathPatch(hip_bone, zorder=1.8, gid="bone_pelvis", **_BONE)),
        st.add_patch(
            ax, Circle(_HIP_C, 1.25, facecolor="#D7E8F3", edgecolor="#3F6E8C", lw=0.7, zorder=1.9, gid="hip_joint")
        ),
        st.add_patch(
            ax,
            Circle(
                _PULLEY,
                0.32,
                facecolor="#D9CBA8",
                edgecolor=st.BONE_EDGE,
                lw=0.9,
                zorder=5.6,
                gid="iliopectineal_eminence",
            ),
        ),
    ]
    # the rim of the acetabulum over the head: the head sits in the socket
    rim = ellipse_pts(*_HIP_C, 1.12, n=30, start=np.radians(-25), stop=np.radians(205))
    artists += ax.plot(
        rim[:, 0], rim[:, 1], color=st.BONE_EDGE, lw=2.2, zorder=5.2, solid_capstyle="round", gid="acetabulum_rim"
    )
    artists += ax.plot(
        [_HIP_C[0], _KNEE0[0]],
        [_HIP_C[1], _KNEE0[1]],
        ls=(0, (4, 3)),
        lw=0.9,
        color=st.MUTED,
        zorder=1.5,
        gid="standing_reference",
    )
    return artists


def _draw_moving_parts(ax) -> dict:
    """The artists an angle changes, empty until :func:`show_hip_angle`."""
    bone = dict(facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.9)
    femur_parts = {}
    # neck and greater trochanter under the shaft, so that the three read as one bone
    for key, gid, z in (
        ("greater_trochanter", "bone_greater_trochanter", 4.98),
        ("neck", "bone_femoral_neck", 4.99),
        ("shaft", "bone_femur", 5.0),
        ("head", "bone_femoral_head", 5.03),
        ("trochanter", "lesser_trochanter", 5.1),
    ):
        femur_parts[key] = st.add_patch(ax, Polygon(np.zeros((3, 2)), closed=True, zorder=z, gid=gid, **bone))
    muscle = ax.plot(
        [],
        [],
        color="#C8694A",
        lw=7.0,
        solid_capstyle="round",
        solid_joinstyle="round",
        alpha=0.9,
        zorder=5.5,
        gid="iliopsoas",
    )[0]
    angle_text = ax.text(
        0.0, 17.0, "", ha="center", va="top", fontsize=st.FONT_SIZE + 1, color=st.TEXT, zorder=6, gid="angle_text"
    )
    length_text = ax.text(
        0.0, 15.8, "", ha="center", va="top", fontsize=st.FONT_SIZE + 1, fontweight="bold", zorder=6, gid="length_text"
    )
    return {
        "muscle": muscle,
        "femur": femur_parts["shaft"],
        "femur_parts": femur_parts,
        "trochanter": femur_parts["trochanter"],
        "angle_text": angle_text,
        "length_text": length_text,
    }


# (words, text position, point on the drawing, alignment, gid).  The right-hand
# labels sit above the highest the thigh reaches (120 degrees of flexion),
# the left-hand ones behind the body, where the thigh never swings.
_LABELS = (
    ("lumbar spine", (3.0, 13.2), (-0.2, 12.0), "left", "label_lumbar_spine"),
    ("iliopsoas", (3.0, 11.2), (0.25, 5.8), "left", "label_iliopsoas"),
    ("pelvis (ilium)", (3.0, 9.4), (1.3, 5.6), "left", "label_pelvis"),
    ("iliopectineal\neminence (pulley)", (3.0, 7.3), tuple(_PULLEY), "left", "label_pulley"),
    ("L5 on the\nsacrum (L5-S1)", (-4.4, 8.2), (-1.6, 4.95), "right", "label_lumbosacral"),
    ("sacrum", (-4.6, 5.6), (-2.43, 2.69), "right", "label_sacrum"),
    ("hip joint", (-4.6, 3.2), (-0.9, 0.6), "right", "label_hip_joint"),
)


def _draw_labels(ax) -> list:
    """Leader labels, notes and the title."""
    kw = dict(fontsize=st.FONT_SIZE - 0.5, color=st.TEXT, zorder=6)
    static = []
    for text, xy, pt, ha, gid in _LABELS:
        static.extend(st.leader(ax, xy, pt, text, ha=ha, gid=gid, **kw))
    static.append(
        ax.text(
            -9.6, -10.6, "dashed: thigh when standing", va="bottom", fontsize=st.FONT_SIZE - 1, color=st.MUTED, zorder=6
        )
    )
    static.append(
        ax.text(9.6, -10.6, "front →", ha="right", va="bottom", fontsize=st.FONT_SIZE - 0.5, color=st.MUTED, zorder=6)
    )
    static.append(
        ax.text(
            0.0,
            18.2,
            "Side view across the hip",
            ha="center",
            va="bottom",
            fontsize=st.FONT_SIZE + 2,
            fontweight="bold",
            color=st.TEXT,
            zorder=6,
        )
    )
    return static


def hip_side_alt_text(hip_angle_deg: float) -> str:
    a = _check_angle(hip_angle_deg)
    r = muscle_length_ratio(a)
    if a < 0:
        why = course().figure_texts["hip_extension"].text
    elif a > 0:
        why = course().figure_texts["hip_flexion"].text
    else:
        why = "This is the reference length."
    return (
        f"Side view across the hip, patient facing right: {_angle_words(a)}. The "
        f"iliopsoas runs from the front of the lumbar spine over the iliopectineal "
        f"eminence to the lesser trochanter of the femur; its length is "
        f"{100 * r:.0f} % of its standing length. {why}"
    )


class HipAngleFigure(LiveFigure):
    """Side view across the hip; :meth:`set_angle` moves the thigh in place."""

    size = (4.2, 5.6)

    def __init__(self, hip_angle_deg: float = 0.0, *, size=None):
        super().__init__(size=size)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.angle = _check_angle(hip_angle_deg)
        self.artists = plot_hip_side(self.ax, self.angle)
        self._set_dynamic(
            [
                *self.artists["femur_parts"].values(),
                self.artists["muscle"],
                self.artists["angle_text"],
                self.artists["length_text"],
            ]
        )

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
