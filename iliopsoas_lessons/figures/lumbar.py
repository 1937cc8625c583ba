"""The lumbar-curve model: the lower spine seen from behind, leaning when one
psoas is in spasm.  It models the article's claim and is labelled as a claim,
not a finding.

:func:`show_spasm` is the one place a spasm level and side become artists;
:func:`plot_lumbar_curve` applies it once, :class:`LumbarCurveFigure` on every
:meth:`~LumbarCurveFigure.set_spasm`.  Coordinates: schematic units, y up.

Checked against: Gray's Anatomy (1918) Fig. 111 (the column from behind)
and Fig. 241 (pelvis): L5 stands on the sacrum through the L5-S1 disc and
every level on the one below (the bend turns each level about the middle of
its lower end plate), and each ilium meets the sacrum at its sacroiliac
joint.  The lean itself is the article's claim, labelled as such.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import PathPatch, Polygon
from matplotlib.path import Path

from . import style as st
from ..content import course
from .live import LiveFigure
from .shapes import closed, ellipse_pts, mirror_xy

__all__ = ["plot_lumbar_curve", "show_spasm", "lumbar_curve_alt_text", "lean_angle_deg", "LumbarCurveFigure", "SIDES"]

SIDES = ("left", "right")
_MAX_LEAN = 14.0  # degrees of trunk lean at full spasm (schematic)
_CURVE_LEVELS = ("L5", "L4", "L3", "L2", "L1", "T12", "T11", "T10")
_SACRAL_TOP, _BODY_HALF, _DISC = 1.2, 0.65, 0.35  # top of S1; half a body's height; a disc


def _check_spasm(spasm) -> float:
    s = float(spasm)
    if not (0.0 <= s <= 1.0) or not np.isfinite(s):
        raise ValueError(f"spasm {spasm!r} is outside the valid range 0 to 1 (0 = relaxed, 1 = strong one-sided spasm)")
    return s


def lean_angle_deg(spasm: float) -> float:
    """Schematic sideways lean of the trunk (degrees) at a spasm level 0..1."""
    return _MAX_LEAN * _check_spasm(spasm)


def _spine_path(spasm: float, side: str):
    """Vertebrae seen from behind, bending toward ``side``, built up from the
    top of the sacrum: L5 stands on the sacrum and each level on the one
    below, with a disc between.  From behind, the patient's left is on the
    picture's left (negative x)."""
    sign = -1.0 if side == "left" else 1.0
    total = np.radians(lean_angle_deg(spasm))
    base, ang = np.array([0.0, _SACRAL_TOP]), 0.0
    centres, angles, polys = [], [], []
    for i, name in enumerate(_CURVE_LEVELS):
        # the bend happens in the lumbar levels; thoracic levels follow the lean
        ang += total / 5.0 if i < 5 else 0.0
        up = np.array([sign * np.sin(ang), np.cos(ang)])
        rot = np.array([[np.cos(ang), -sign * np.sin(ang)], [sign * np.sin(ang), np.cos(ang)]])  # row vectors
        centre = base + up * (_DISC + _BODY_HALF)
        w = 1.9 if name.startswith("L") else 1.5
        disc = np.array(
            [
                (-w + 0.1, -_BODY_HALF - _DISC),
                (w - 0.1, -_BODY_HALF - _DISC),
                (w - 0.1, -_BODY_HALF),
                (-w + 0.1, -_BODY_HALF),
            ]
        )
        box = np.array([(-w, -_BODY_HALF), (w, -_BODY_HALF), (w, _BODY_HALF), (-w, _BODY_HALF)])
        sp = np.array([(-0.3, 0.65), (0.3, 0.65), (0.2, -0.9), (-0.2, -0.9)])  # spinous process
        tpl = np.array([(-w, -0.25), (-w - 1.3, -0.1), (-w - 1.3, 0.25), (-w, 0.3)])
        for shape in (disc, box, tpl, tpl * np.array([-1, 1]), sp):
            polys.append(shape @ rot + centre)
        centres.append(tuple(centre))
        angles.append(sign * -np.degrees(ang))
        base = centre + up * _BODY_HALF
    return centres, angles, polys


def _psoas_line(centres, sd, s):
    """Psoas (deep, drawn through) from the lumbar levels to the thigh."""
    sign = -1.0 if sd == "left" else 1.0
    top = np.array(centres[4]) + (sign * 2.0, 0.0)  # L1 side
    mid = np.array(centres[1]) + (sign * 2.6, 0.0)  # L4 side
    bottom = np.array([sign * 5.2, -2.8])  # toward the lesser trochanter
    return np.array([top, mid, bottom])


def _lean_words(s: float, side: str) -> str:
    if s <= 0:
        return "model: no spasm, spine straight"
    return f"model: {side} psoas spasm {100 * s:.0f} %, lean {lean_angle_deg(s):.0f}°"


def plot_lumbar_curve(ax, *, spasm: float = 0.0, side: str = "left", labels: bool = True) -> dict:
    """The lumbar spine from behind; a one-sided psoas spasm (``spasm`` 0..1
    on the patient's ``side``) bends it toward that side. It models the
    article's claim and is labelled as a claim, not a finding.
    Returns ``{"spine", "psoas": {side: Line2D}, "lean_text", "static"}``."""
    s = _check_spasm(spasm)
    st.check_choice("side", side, SIDES)
    static = _draw_pelvis(ax)
    spine = st.add_patch(
        ax,
        PathPatch(Path(np.zeros((1, 2))), facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.8, zorder=3, gid="vertebrae"),
    )
    psoas = {sd: ax.plot([], [], solid_capstyle="round", alpha=0.75, zorder=2.5, gid=f"psoas_{sd}")[0] for sd in SIDES}
    lean_text = ax.text(
        0,
        -5.9,
        "",
        ha="center",
        va="top",
        fontsize=st.FONT_SIZE,
        fontweight="bold",
        color=st.TEXT,
        zorder=6,
        gid="lean_text",
    )
    if labels:
        static += _draw_labels(ax)
    ax.set_xlim(-10.0, 10.0)
    ax.set_ylim(-10.8, 23.5)
    st.clean_axes(ax)
    artists = {"spine": spine, "psoas": psoas, "lean_text": lean_text, "static": static}
    show_spasm(artists, s, side)
    return artists


def show_spasm(artists: dict, s: float, side: str) -> None:
    """Show a ``side`` psoas spasm of level ``s`` (0..1): the bent spine, the
    tight muscle thicker and vermilion, and the readout."""
    centres, _angles, polys = _spine_path(s, side)
    artists["spine"].set_path(Path.make_compound_path(*[closed(p) for p in polys]))
    for sd, line in artists["psoas"].items():
        tight = sd == side and s > 0
        pts = _psoas_line(centres, sd, s if sd == side else 0.0)
        line.set_data(pts[:, 0], pts[:, 1])
        line.set_color(st.OKABE_ITO["vermillion"] if tight else "#D99A7E")
        line.set_linewidth(5.5 + 2.5 * (s if tight else 0.0))
    artists["lean_text"].set_text(_lean_words(s, side))


# From behind: each ilium meets the sacrum along its sacroiliac joint (the
# sacrum's edge from (2.0, 1.2) to (1.6, -1.4)); the ischium and pubis below.
_SACRUM = [(-2.0, 1.2), (2.0, 1.2), (1.6, -1.4), (0.5, -3.4), (-0.5, -3.4), (-1.6, -1.4)]
_ILIUM = [
    (-2.0, 1.2),
    (-2.4, 2.4),
    (-3.6, 3.6),
    (-6.0, 4.6),
    (-8.2, 4.0),
    (-8.8, 2.0),
    (-7.6, -0.6),
    (-6.3, -2.0),
    (-5.6, -3.6),
    (-4.6, -5.2),
    (-3.2, -5.4),
    (-2.2, -4.6),
    (-0.4, -5.0),
    (-0.4, -3.9),
    (-1.8, -3.3),
    (-1.6, -1.4),
]
_HIP_JOINT = (-5.0, -2.4)


def _draw_pelvis(ax) -> list:
    """Pelvis (both ilia joined to the sacrum), the hip joints and the dashed vertical."""
    pelvis = PathPatch(
        Path.make_compound_path(closed(_ILIUM), closed(mirror_xy(_ILIUM))),
        facecolor=st.BONE,
        edgecolor=st.BONE_EDGE,
        lw=0.8,
        zorder=2,
        gid="bone_pelvis",
    )
    sacrum = Polygon(
        _SACRUM, closed=True, facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.8, zorder=2.1, gid="bone_sacrum"
    )
    heads = PathPatch(
        Path.make_compound_path(
            *[closed(ellipse_pts(x, _HIP_JOINT[1], 0.95)) for x in (_HIP_JOINT[0], -_HIP_JOINT[0])]
        ),
        facecolor=st.BONE,
        edgecolor=st.BONE_EDGE,
        lw=0.8,
        zorder=2.05,
        gid="bone_femoral_heads",
    )
    for patch in (pelvis, heads, sacrum):
        st.add_patch(ax, patch)
    plumb = ax.plot([0, 0], [-3.0, 19.5], ls=(0, (4, 3)), lw=0.9, color=st.MUTED, zorder=1.5, gid="plumb_line")[0]
    return [pelvis, heads, sacrum, plumb]


def _draw_labels(ax) -> list:
    """The claim note, which side is which, the title and the key."""
    side_label = dict(va="top", fontsize=st.FONT_SIZE, color=st.MUTED, style="italic")
    return [
        ax.text(
            0,
            -7.5,
            course().figure_texts["lumbar_curve_label"].text,
            ha="center",
            va="top",
            fontsize=st.FONT_SIZE,
            style="italic",
            color=st.OKABE_ITO["blue"],
            zorder=6,
            gid="scoliosis_note",
        ),
        ax.text(-9.5, 20.5, "patient's left", ha="left", gid="label_left", **side_label),
        ax.text(9.5, 20.5, "patient's right", ha="right", gid="label_right", **side_label),
        ax.text(
            0,
            21.6,
            "Lower spine seen from behind",
            ha="center",
            va="bottom",
            fontsize=st.FONT_SIZE + 2,
            fontweight="bold",
            color=st.TEXT,
        ),
        ax.text(-9.5, 18.4, "dashed: vertical", ha="left", va="top", fontsize=st.FONT_SIZE - 1, color=st.MUTED),
    ]


def lumbar_curve_alt_text(spasm: float = 0.0, *, side: str = "left") -> str:
    s = _check_spasm(spasm)
    st.check_choice("side", side, SIDES)
    base = "The lower spine and pelvis seen from behind (the patient's left is on your left)."
    if s <= 0:
        return base + " No spasm: the spine is straight above a level pelvis."
    return (
        base + f" In the model the {side} psoas is in spasm ({100 * s:.0f} %), bending the "
        f"lumbar spine toward the patient's {side}: the trunk leans about "
        f"{lean_angle_deg(s):.0f}° to that side. " + course().figure_texts["lumbar_curve"].text
    )


class LumbarCurveFigure(LiveFigure):
    """Lower spine from behind; :meth:`set_spasm` bends it in place."""

    size = (4.2, 5.6)

    def __init__(self, spasm: float = 0.0, side: str = "left", *, size=None):
        super().__init__(size=size)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.spasm, self.side = _check_spasm(spasm), st.check_choice("side", side, SIDES)
        self.artists = plot_lumbar_curve(self.ax, spasm=self.spasm, side=self.side)
        self._set_dynamic([self.artists["spine"], *self.artists["psoas"].values(), self.artists["lean_text"]])

    def set_spasm(self, spasm: float, side: str | None = None) -> "LumbarCurveFigure":
        s = _check_spasm(spasm)
        sd = self.side if side is None else st.check_choice("side", side, SIDES)
        self.spasm, self.side = s, sd
        show_spasm(self.artists, s, sd)
        return self

    @property
    def alt_text(self) -> str:
        return lumbar_curve_alt_text(self.spasm, side=self.side)
