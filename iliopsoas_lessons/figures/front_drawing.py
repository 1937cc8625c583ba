"""The fixed layer of the front view that no state changes: the bones (the
closed pelvic ring, the vertebrae and both femurs), the iliacus fibres, the
femoral artery and vein, and the texts (vertebra names, the sacrum, the sides
and the title). :func:`.anatomy_front.plot_anatomy` draws it under the parts
and their highlight; the outlines are data in :mod:`.front_geometry`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import PathPatch

from . import front_geometry as g
from . import style as st
from .front_shapes import VERTEBRAE, both_closed, compound, ellipse, vertebra_outlines
from .shapes import closed, mirror_xy

__all__ = ["draw_bones", "draw_fibres_and_vessels", "draw_texts"]


def _bone(ax, path, gid, z):
    return st.add_patch(
        ax, PathPatch(path, facecolor=st.BONE, edgecolor=st.BONE_EDGE, linewidth=0.8, zorder=z, gid=gid)
    )


def draw_bones(ax) -> list:
    """The closed pelvic ring, the vertebrae and the two femurs."""
    bodies = vertebra_outlines()[0]
    sacrum = np.vstack([g.SACRUM_HALF, mirror_xy(g.SACRUM_HALF)[::-1]])
    foramina = [ellipse(f, 20)[::-1] for f in g.SACRAL_FORAMINA]
    obturator = ellipse(g.OBTURATOR_FORAMEN)[::-1]
    head = ellipse((*g.HIP_CENTRE, g.HEAD_RADIUS, g.HEAD_RADIUS))
    bones = [
        _bone(ax, both_closed(g.HIP_BONE, obturator), "bone_hip", 2.0),
        _bone(ax, compound([sacrum] + foramina + [mirror_xy(f) for f in foramina]), "bone_sacrum", 2.05),
        st.add_patch(
            ax,
            PathPatch(
                closed(g.PUBIC_SYMPHYSIS),
                facecolor="#BFD9EA",
                edgecolor="#3F6E8C",
                lw=0.7,
                zorder=2.06,
                gid="pubic_symphysis",
            ),
        ),
        _bone(ax, compound(bodies), "bone_vertebrae", 2.1),
        _bone(ax, both_closed(g.FEMORAL_SHAFT), "bone_femoral_shaft", 2.1),
        _bone(ax, both_closed(g.GREATER_TROCHANTER), "bone_greater_trochanter", 2.11),
        _bone(ax, both_closed(g.FEMORAL_NECK), "bone_femoral_neck", 2.12),
        _bone(ax, both_closed(head), "bone_femoral_head", 2.2),
    ]
    sij = [np.asarray(g.SACROILIAC_JOINT), mirror_xy(g.SACROILIAC_JOINT)]
    bones += ax.plot(
        *np.vstack([sij[0], [np.nan, np.nan], sij[1]]).T,
        color="#3F6E8C",
        lw=1.6,
        zorder=2.07,
        gid="sacroiliac_joints",
        solid_capstyle="round",
    )
    return bones


def draw_fibres_and_vessels(ax) -> list:
    """Iliacus fibre lines (the fan) and the femoral artery and vein."""

    def both_lines(lines):
        segs = [np.asarray(p, float) for p in lines]
        segs += [mirror_xy(p) for p in segs]
        return np.vstack([np.vstack([s, [np.nan, np.nan]]) for s in segs]).T

    out = ax.plot(
        *both_lines(g.ILIACUS_FIBRES), color=st.MUSCLE_EDGE, lw=0.5, alpha=0.6, zorder=3.05, gid="iliacus_fibres"
    )
    for gid, pts, colour, letter in (
        ("femoral_artery", g.FEMORAL_ARTERY, "vermillion", "A"),
        ("femoral_vein", g.FEMORAL_VEIN, "blue", "V"),
    ):
        out += ax.plot(
            *both_lines([pts]), color=st.OKABE_ITO[colour], lw=2.0, zorder=3.75, gid=gid, solid_capstyle="round"
        )
        for sign in (1, -1):
            x, y = pts[-1]
            out.append(
                ax.text(
                    sign * x,
                    y - 0.2,
                    letter,
                    ha="center",
                    va="top",  # under its line
                    fontsize=st.FONT_SIZE - 1.5,
                    color=st.OKABE_ITO[colour],
                    fontweight="bold",
                    zorder=5,
                )
            )
    return out


def draw_texts(ax, title: str | None) -> list:
    """Vertebra names, the sacrum, which side is which, and the title."""
    texts = [
        ax.text(
            0, g.VERTEBRA_Y[name], name, ha="center", va="center", fontsize=st.FONT_SIZE - 1, color=st.TEXT, zorder=5
        )
        for name in VERTEBRAE
    ]
    texts.append(
        ax.text(0, -3.55, "sacrum", ha="center", va="center", fontsize=st.FONT_SIZE - 1.5, color=st.TEXT, zorder=5)
    )
    for x, words in ((-9.5, "patient's right"), (9.5, "patient's left")):
        texts.append(
            ax.text(
                x,
                -12.4,
                words,
                ha="center",
                va="top",
                fontsize=st.FONT_SIZE,
                color=st.MUTED,
                style="italic",
                zorder=5,
                gid=f"label_{words.split()[-1]}",
            )
        )
    texts.append(
        ax.text(
            0,
            14.2,
            "Iliopsoas, front view" if title is None else title,
            ha="center",
            va="bottom",
            fontsize=st.FONT_SIZE + 2,
            fontweight="bold",
            color=st.TEXT,
            zorder=5,
        )
    )
    return texts
