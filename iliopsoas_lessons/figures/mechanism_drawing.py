"""Drawing the mechanism close-ups: the base views and each scene's lesion.

* :func:`draw_front_base` and :func:`draw_side_base` draw the bones, muscles
  and tendon of a view once (:mod:`.mechanism_geometry`, right side);
* :data:`SCENE_DRAWERS` draws each front or side scene's own lesion and
  marks, :func:`draw_hip_panels` the snapping-hip scene through the hip-angle
  model (:func:`.hip.plot_hip_side`);
* :func:`label` puts a label with a leader line.

What each scene shows (labels, legend, styles) is data in
:mod:`.mechanism_scene_data`; :mod:`.mechanism_scenes` builds and shows them.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, PathPatch, Polygon
from matplotlib.path import Path

from . import mechanism_geometry as g
from . import style as st
from .hip import plot_hip_side
from .mechanism_scene_data import BASE_STYLES, HIP_PANELS, LABEL_BOX, LABEL_SIZE, LESION_STYLES
from .shapes import closed, ellipse_pts

__all__ = [
    "draw_front_base",
    "draw_side_base",
    "draw_hip_panels",
    "SCENE_DRAWERS",
    "label",
    "tissue_style",
    "eminence_xy",
]


# ------------------------------------------------------------------ helpers
def _patch(ax, shape, style: dict, gid: str, zorder: float):
    kw = {k: v for k, v in style.items() if k != "label"}
    return st.add_patch(ax, _as_patch(shape, gid=gid, zorder=zorder, **kw))


def _as_patch(shape, **kw):
    if isinstance(shape, dict):
        return Ellipse(shape["centre"], 2 * shape["rx"], 2 * shape["ry"], angle=shape.get("angle", 0.0), **kw)
    if isinstance(shape, Path):
        return PathPatch(shape, **kw)
    return Polygon(np.asarray(shape, float), closed=True, **kw)


def _arc_band(r_in, r_out, from_deg, to_deg, n=48) -> np.ndarray:
    t = np.radians(np.linspace(from_deg, to_deg, n))
    outer = np.column_stack([r_out * np.cos(t), r_out * np.sin(t)])
    inner = np.column_stack([r_in * np.cos(t), r_in * np.sin(t)])[::-1]
    return np.vstack([outer, inner])


def _band(line, width) -> np.ndarray:
    """A strip of ``width`` around a centre line (a tendon)."""
    p = np.asarray(line, float)
    d = np.gradient(p, axis=0)
    n = np.column_stack([-d[:, 1], d[:, 0]]) / np.linalg.norm(d, axis=1)[:, None]
    return np.vstack([p + n * width / 2, (p - n * width / 2)[::-1]])


def label(ax, text, xy, pt, ha, gid):
    t, line = st.leader(ax, xy, pt, text, ha=ha, gid=gid, fontsize=LABEL_SIZE, color=st.TEXT, zorder=8, bbox=LABEL_BOX)
    line.set_zorder(7.9)
    return [t, line]


def tissue_style(name: str) -> dict:
    """The look of a lesion or a base tissue (bone, muscle...), with its legend words."""
    return LESION_STYLES.get(name) or BASE_STYLES[name]


# ------------------------------------------------------------------ base views
# Kept as written: tests/test_code_size.py counts its lines, and formatted it
# would be over the limit; split it first, then let ruff format it.
# fmt: off
def draw_front_base(ax) -> dict:
    """Bones, muscles, tendon and inguinal ligament of the right side, front view."""
    bone, out = tissue_style("bone"), {}
    spine = []
    for name, (y0, y1) in g.VERTEBRAE.items():
        x0, x1, ym = g.MIDLINE_X - g.BODY_HALF_WIDTH, g.MIDLINE_X + g.BODY_HALF_WIDTH, (y0 + y1) / 2
        tp = [(g.TRANSVERSE_PROCESS_X[0], ym - 0.22), (g.TRANSVERSE_PROCESS_X[1], ym - 0.3),
              (g.TRANSVERSE_PROCESS_X[1], ym + 0.3), (g.TRANSVERSE_PROCESS_X[0], ym + 0.22)]
        spine.append(_patch(ax, tp, bone, f"transverse_process_{name}", 1.9))
        body = [(x0, y0), (x1, y0), (x1 - 0.1, ym), (x1, y1), (x0, y1), (x0 + 0.1, ym)]
        spine.append(_patch(ax, body, bone, f"vertebra_{name}", 2.0))
        spine.append(ax.text(g.MIDLINE_X, ym, name, ha="center", va="center",
                             fontsize=LABEL_SIZE - 1, color=st.TEXT, zorder=2.1))
    names, spans = list(g.VERTEBRAE), list(g.VERTEBRAE.values())
    for k in range(len(names) - 1):
        y_top, y_bottom = spans[k][0], spans[k + 1][1]
        disc = [(g.MIDLINE_X - 1.1, y_bottom), (g.MIDLINE_X + 1.1, y_bottom),
                (g.MIDLINE_X + 1.1, y_top), (g.MIDLINE_X - 1.1, y_top)]
        spine.append(_patch(ax, disc, dict(facecolor="#BFD9EA", edgecolor="#3F6E8C",
                                           linewidth=0.8), f"disc_{names[k]}_{names[k + 1]}",
                            1.95))
    hip_bone = Path.make_compound_path(closed(g.HIP_BONE), closed(ellipse_pts(
        *g.OBTURATOR["centre"], g.OBTURATOR["rx"], g.OBTURATOR["ry"])[::-1]))
    out["spine"] = spine
    out["sacrum"] = _patch(ax, g.SACRUM, bone, "sacrum", 1.9)
    out["hip_bone"] = _patch(ax, hip_bone, bone, "hip_bone", 1.8)
    out["socket"] = st.add_patch(ax, Circle(g.HIP_CENTRE, g.SOCKET_RADIUS, facecolor="#E2D6BC",
                                            edgecolor=st.BONE_EDGE, lw=1.0, zorder=1.85,
                                            gid="acetabulum"))
    out["femur"] = _patch(ax, g.FEMUR, dict(bone, linewidth=1.5), "femur", 2.2)
    out["head"] = st.add_patch(ax, Circle(g.HIP_CENTRE, g.HEAD_RADIUS, facecolor=st.BONE,
                                          edgecolor=st.BONE_EDGE, lw=1.0, zorder=2.3,
                                          gid="femoral_head"))
    out["lesser_trochanter"] = _patch(ax, g.LESSER_TROCHANTER, bone, "lesser_trochanter", 2.25)
    out["iliacus"] = _patch(ax, g.ILIACUS, tissue_style("muscle"), "iliacus", 3.0)
    out["psoas"] = _patch(ax, g.PSOAS, tissue_style("muscle"), "psoas_major", 3.2)
    out["tendon"] = _patch(ax, g.TENDON, tissue_style("tendon"), "common_tendon", 3.4)
    (x0, y0), (x1, y1) = g.INGUINAL_LIGAMENT
    out["ligament"] = ax.plot([x0, x1], [y0, y1], color="#4D4D4D", lw=1.6, zorder=4.0,
                              gid="inguinal_ligament")[0]
    out["midline"] = ax.plot([g.MIDLINE_X] * 2, [-5.0, 13.0], ls=(0, (6, 4)), lw=0.9,
                             color=st.MUTED, zorder=1.0, gid="midline")[0]
    return out
# fmt: on


def draw_side_base(ax) -> dict:
    """A section across the right hip with its replacement, seen from the right."""
    out = {
        "pelvis": _patch(ax, g.SIDE_PELVIS, tissue_style("bone"), "pelvis_section", 1.8),
        "femur": _patch(ax, g.SIDE_FEMUR, tissue_style("bone"), "femur", 1.9),
        "lesser_trochanter": _patch(ax, g.SIDE_LESSER_TROCHANTER, tissue_style("bone"), "lesser_trochanter", 1.95),
    }
    out["stem"] = _patch(ax, g.STEM, tissue_style("implant"), "femoral_stem", 2.5)
    liner = g.LINER
    out["liner"] = _patch(
        ax,
        _arc_band(liner["r_in"], liner["r_out"], liner["from_deg"], liner["to_deg"]),
        dict(facecolor="white", edgecolor="#333333", linewidth=0.8),
        "liner",
        2.6,
    )
    out["ball"] = st.add_patch(
        ax,
        Circle(
            (0, 0), g.BALL_RADIUS, facecolor="#DADDE2", edgecolor="#333333", lw=1.2, zorder=2.7, gid="prosthetic_head"
        ),
    )
    out["tendon"] = _patch(
        ax, _band(g.SIDE_TENDON_LINE, g.SIDE_TENDON_WIDTH), tissue_style("tendon"), "common_tendon", 4.0
    )
    return out


# ------------------------------------------------------------------ the scenes
def _fibres(ax) -> list:
    """Muscle fibres converging on the tendon, broken where the tear is."""
    tear, out = Path(np.asarray(g.TEAR, float)), []
    for n, (a, b) in enumerate(g.PSOAS_FIBRES + g.ILIACUS_FIBRES):
        pts = np.linspace(a, b, 80)
        pts[tear.contains_points(pts)] = np.nan  # the gap: no fibre inside the tear
        out += ax.plot(
            pts[:, 0],
            pts[:, 1],
            color=st.MUSCLE_EDGE,
            lw=1.3,
            zorder=3.6,
            solid_capstyle="butt",
            gid=f"muscle_fibre_{n}",
        )
    return out


def _scene_acute_strain(axes) -> list:
    ax = axes["front"]
    return _fibres(ax) + [_patch(ax, g.TEAR, tissue_style("tear"), "lesion:tear", 5.0)]


def _scene_overuse(axes) -> list:
    ax = axes["front"]
    return [
        _patch(ax, g.BURSA, tissue_style("bursitis"), "lesion:bursitis", 3.3),
        _patch(ax, g.THICK_TENDON, tissue_style("tendinopathy"), "lesion:tendinopathy", 3.5),
    ]


def _scene_abscess(axes) -> list:
    ax = axes["front"]
    arrow = FancyArrowPatch(
        g.DISC_SOURCE,
        (8.95, 6.3),
        arrowstyle="-|>",
        mutation_scale=16,
        color="#000000",
        lw=1.6,
        zorder=6,
        gid="spread_arrow",
        connectionstyle="arc3,rad=0.3",
    )
    words = ax.text(
        13.3,
        9.0,
        "spread from the spine\n(an infected disc)",
        ha="left",
        va="center",
        fontsize=LABEL_SIZE,
        color=st.TEXT,
        zorder=8,
    )
    line = ax.plot([13.05, g.DISC_SOURCE[0] + 1.0], [9.0, g.DISC_SOURCE[1] + 0.2], color="#555555", lw=0.6, zorder=7.9)[
        0
    ]
    return [_patch(ax, g.PUS, tissue_style("pus"), "lesion:pus", 5.0), st.add_patch(ax, arrow), words, line]


def _scene_haematoma(axes) -> list:
    ax = axes["front"]
    lines = [g.FEMORAL_NERVE] + g.NERVE_BRANCHES
    out = [_patch(ax, g.BLOOD, tissue_style("blood"), "lesion:blood", 3.1)]
    for k, pts in enumerate(lines):
        xy = np.asarray(pts, float)
        out += ax.plot(
            xy[:, 0],
            xy[:, 1],
            color="#000000",
            lw=5.2 if k == 0 else 3.4,
            zorder=5.0,
            solid_capstyle="round",
            gid=f"femoral_nerve_outline_{k}",
        )
        out += ax.plot(
            xy[:, 0],
            xy[:, 1],
            color=st.NERVE,
            lw=3.4 if k == 0 else 1.8,
            zorder=5.1,
            solid_capstyle="round",
            gid="femoral_nerve" if k == 0 else f"femoral_nerve_branch_{k}",
        )
    return out


def _scene_avulsion(axes) -> list:
    ax = axes["front"]
    frag = g.FRAGMENT
    arrow = FancyArrowPatch(
        (frag["centre"][0] + 0.2, frag["centre"][1] + 0.5),
        (4.45, -0.95),
        arrowstyle="-|>",
        mutation_scale=18,
        color=st.OKABE_ITO["vermillion"],
        lw=2.2,
        zorder=6,
        gid="pull_arrow",
    )
    adult = ax.text(
        6.2,
        -4.95,
        "adult, no real injury:\nlook for a tumour\nweakening the bone",
        ha="left",
        va="center",
        fontsize=LABEL_SIZE,
        style="italic",
        color=st.TEXT,
        zorder=8,
        bbox=LABEL_BOX,
    )
    return [
        adult,
        _patch(ax, g.LESSER_TROCHANTER, tissue_style("donor_site"), "donor_site", 2.26),
        _patch(ax, g.AVULSED_TENDON, tissue_style("tendon"), "avulsed_tendon", 3.4),
        _patch(ax, frag, tissue_style("fragment"), "fragment", 3.5),
        st.add_patch(ax, arrow),
    ]


def _scene_hip_replacement_impingement(axes) -> list:
    ax = axes["side"]
    cup = g.CUP
    return [
        _patch(
            ax, _arc_band(cup["r_in"], cup["r_out"], cup["from_deg"], cup["to_deg"]), tissue_style("cup"), "cup", 3.0
        ),
        _patch(ax, _band(g.CONTACT_LINE, g.SIDE_TENDON_WIDTH), tissue_style("impingement"), "lesion:impingement", 4.5),
    ]


# -------------------------------------------------------- snapping hip (model)
def eminence_xy(ax, muscle) -> np.ndarray:
    """Where the hip model puts the iliopectineal eminence (by its gid)."""
    for p in ax.patches:
        if (p.get_gid() or "").endswith("iliopectineal_eminence"):
            box = p.get_path().transformed(p.get_patch_transform()).get_extents()
            return np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    return np.asarray(muscle.get_xydata())[1]  # the model's pulley vertex


def _star(centre, r_out=0.95, r_in=0.45, n=8) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, 2 * n, endpoint=False) + np.pi / 2
    r = np.where(np.arange(2 * n) % 2 == 0, r_out, r_in)
    return np.column_stack([centre[0] + r * np.cos(t), centre[1] + r * np.sin(t)])


def _x_at(line, y) -> float:
    """x of a line (top to bottom) at height y."""
    pts = np.asarray(line, float)
    return float(np.interp(y, pts[::-1, 1], pts[::-1, 0]))


def draw_hip_panels(axes) -> list:
    """Two panels of the hip-angle model, flexed and straight, with the snap."""
    out, models, model_parts = [], [], []
    for ax, (angle, words) in zip(axes, HIP_PANELS):
        model = plot_hip_side(ax, angle, labels=False)
        model_parts.append([a for a in ax.get_children() if a.get_gid()])
        for key in ("angle_text", "length_text"):
            if key in model:
                model[key].set_visible(False)  # the panel title says the angle
        models.append(model)
        out.append(
            ax.text(
                0.02,
                0.02,
                words,
                transform=ax.transAxes,
                ha="left",
                va="bottom",
                fontsize=LABEL_SIZE + 1,
                fontweight="bold",
                color=st.TEXT,
                zorder=8,
            )
        )
    bent, straight = (np.asarray(m["muscle"].get_xydata()) for m in models)
    em = eminence_xy(axes[1], models[1]["muscle"])
    ghost = axes[1].plot(
        bent[:, 0], bent[:, 1], ls=(0, (4, 3)), lw=2.0, color=st.MUTED, zorder=5.4, gid="tendon_when_bent"
    )[0]
    star = _patch(axes[1], _star(em), tissue_style("snap"), "lesion:snap", 6.0)
    out += [ghost, star]
    for parts, prefix in zip(model_parts, ("hip_bent:", "hip_straight:")):
        for a in parts:  # the two panels' model parts keep unique ids
            a.set_gid(prefix + a.get_gid())
    on_bent = np.array([_x_at(bent, em[1] + 2.2), em[1] + 2.2])
    out += label(axes[0], "tendon clear\nof the\neminence", em + (1.2, 4.2), on_bent, "left", None)
    out += label(axes[0], "iliopectineal\neminence", em + (1.2, -3.6), em, "left", None)
    out += label(
        axes[1], "snap: tendon\nflicks back over\nthe eminence", em + (1.2, -3.6), em + (0.6, -0.4), "left", None
    )
    out += label(axes[1], "dashed: where\nit lay when bent", em + (1.2, 4.2), on_bent, "left", None)
    return out


SCENE_DRAWERS = {
    "acute_strain": _scene_acute_strain,
    "overuse": _scene_overuse,
    "abscess": _scene_abscess,
    "haematoma": _scene_haematoma,
    "avulsion": _scene_avulsion,
    "hip_replacement_impingement": _scene_hip_replacement_impingement,
}
