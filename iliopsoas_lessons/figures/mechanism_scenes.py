"""The mechanism close-ups: one schematic per way the iliopsoas gets hurt.

Each scene draws its own lesion (a tear, a thickened tendon and swollen
bursa, pus, blood, the avulsed fragment, the prosthetic cup, the snap) on
ONE side, the side in question, in one of three views:

* ``front``: the lower lumbar spine, hip bone and upper femur from the front
  (:mod:`.mechanism_geometry`), zoomed per scene;
* ``side``: a section across a hip with a total hip replacement;
* ``hip_model``: two panels of the hip-angle model (:func:`.hip.plot_hip_side`),
  flexed and straight, for snapping hip.

:func:`build_scenes` draws every scene once (hidden); :func:`show_scene` is
the one place a (mechanism, side) becomes visible artists, limits and words.
Each scene's ``checked`` entry says what its drawing was checked against.
"""
from __future__ import annotations

import numpy as np
from matplotlib.legend import Legend
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, Patch, PathPatch, Polygon
from matplotlib.path import Path

from . import mechanism_geometry as g
from . import style as st
from .hip import plot_hip_side
from .shapes import closed, ellipse_pts

__all__ = ["SCENES", "LESION_STYLES", "LESION_GIDS", "DEFAULT_SIDE", "build_scenes", "show_scene",
           "scene_alt_text", "check_side", "SCENE_RECT", "HIP_PANEL_RECTS"]

DEFAULT_SIDE = "right"
LABEL_SIZE = 10.0
SCENE_RECT = (0.0, 0.15, 1.0, 0.72)          # host-axes fraction
HIP_PANEL_RECTS = ((0.0, 0.15, 0.5, 0.72), (0.5, 0.15, 0.5, 0.72))
_BOX_ASPECT = 8.0 * SCENE_RECT[2] / (6.4 * SCENE_RECT[3])   # width / height, figure 8 x 6.4 in

# Lesions never differ by colour alone: each has its own fill (Okabe-Ito),
# hatch, outline style and words.
LESION_STYLES = {
    "tear": dict(facecolor=st.OKABE_ITO["vermillion"], hatch="xxx", edgecolor="#000000",
                 linestyle="-", linewidth=1.4, label="the tear (a ragged gap in the fibres)"),
    "tendinopathy": dict(facecolor=st.OKABE_ITO["orange"], hatch="///", edgecolor="#000000",
                         linestyle="--", linewidth=1.3, label="overloaded, thickened tendon"),
    "bursitis": dict(facecolor=st.OKABE_ITO["sky_blue"], hatch="...", edgecolor=st.OKABE_ITO["blue"],
                     linestyle="-", linewidth=1.6, label="swollen bursa (fluid)"),
    "pus": dict(facecolor=st.OKABE_ITO["bluish_green"], hatch="oo", edgecolor="#000000",
                linestyle="-", linewidth=1.8, label="pus (the abscess)"),
    "blood": dict(facecolor=st.OKABE_ITO["reddish_purple"], hatch="\\\\\\", edgecolor="#000000",
                  linestyle="-.", linewidth=1.8, label="blood (the haematoma)"),
    "fragment": dict(facecolor=st.BONE, hatch="++", edgecolor=st.OKABE_ITO["vermillion"],
                     linestyle="-", linewidth=2.2, label="avulsed bone fragment"),
    "donor_site": dict(facecolor="white", hatch="..", edgecolor=st.OKABE_ITO["vermillion"],
                       linestyle=":", linewidth=1.6, label="where the fragment came from"),
    "cup": dict(facecolor="#C4CAD3", hatch="----", edgecolor=st.OKABE_ITO["blue"],
                linestyle="-", linewidth=2.2, label="prosthetic cup (metal shell)"),
    "impingement": dict(facecolor=st.OKABE_ITO["vermillion"], hatch="xx", edgecolor="#000000",
                        linestyle="--", linewidth=1.6, label="where the tendon rubs on the cup"),
    "snap": dict(facecolor=st.OKABE_ITO["yellow"], hatch="**", edgecolor="#000000",
                 linestyle="-", linewidth=1.4, label="the snap over the eminence"),
}
_BASE_STYLES = {
    "bone": dict(facecolor=st.BONE, edgecolor=st.BONE_EDGE, linewidth=1.0, label="bone"),
    "muscle": dict(facecolor=st.MUSCLE, edgecolor=st.MUSCLE_EDGE, linewidth=1.0, label="muscle"),
    "tendon": dict(facecolor="#F6EEDC", edgecolor="#7A5C2E", linewidth=1.2, hatch="||",
                   label="tendon"),
    "implant": dict(facecolor="#DADDE2", edgecolor="#333333", linewidth=1.2, label="implant (ball, stem)"),
    "nerve": dict(facecolor=st.NERVE, edgecolor="#000000", linewidth=1.0, label="femoral nerve"),
}

# One entry per mechanism: the view, where the camera looks (centre x, y and
# height; the width follows from the box), what the lesion is, the labels
# (text, where, what it points at, alignment on the patient's right), what
# the legend shows, the words of the alt text and what it was checked against.
SCENES = {
    "acute_strain": dict(
        view="front", box=(5.0, 2.6, 13.5), hide=(),
        lesions=("lesion:tear",), legend=("muscle", "tendon", "bone", "tear"),
        labels=(("psoas major", (4.6, 8.2), (7.4, 8.0), "right"),
                ("iliacus", (0.2, 6.6), (2.4, 4.3), "right"),
                ("tear where muscle\nbecomes tendon", (12.6, 1.6), (6.7, 1.8), "left"),
                ("tendon to the\nlesser trochanter", (-0.6, -2.8), (3.5, -2.3), "right")),
        alt=("the fibres of psoas major and iliacus converging on their common tendon, with a "
             "ragged, cross-hatched gap (the tear) across them where muscle becomes tendon, "
             "above the hip"),
        checked=("Checked against: G1918 p. 467 and fig. 430 (psoas from the lumbar transverse "
                 "processes and bodies, across the pelvic brim, iliacus joining its tendon to the "
                 "lesser trochanter); SERNER2018 (on MRI the tears lay mostly where muscle joins "
                 "tendon).")),
    "overuse": dict(
        view="front", box=(3.8, -0.9, 10.0), hide=("tendon",),
        lesions=("lesion:tendinopathy", "lesion:bursitis"),
        legend=("tendinopathy", "bursitis", "muscle", "bone"),
        labels=(("thickened, overloaded tendon", (6.0, -4.8), (4.0, -2.4), "left"),
                ("swollen bursa, behind\nthe tendon, in front\nof the hip joint",
                 (-0.6, -1.4), (3.25, -0.7), "right"),
                ("head of femur", (-0.9, 1.2), (2.2, 0.0), "right"),
                ("lesser trochanter", (-0.4, -3.6), (2.7, -3.6), "right")),
        alt=("the common tendon drawn thickened and hatched as it crosses in front of the hip "
             "joint to the lesser trochanter, and behind it the iliopsoas bursa, swollen with "
             "fluid (dotted)"),
        checked=("Checked against: G1918 p. 467 (a large bursa separates the tendon from the pubis "
                 "and the hip capsule); JOHNSTON1998 (bursitis and tendinopathy together); "
                 "KHAN2002 (overload, little inflammation, so the tendon is drawn thick, not red).")),
    "snapping_hip": dict(
        view="hip_model", hide=(), lesions=("lesion:snap",),
        legend=("muscle", "bone", "snap"), labels=(),
        alt=("two panels of the hip-angle model seen from the side. Left, the hip bent to 90 "
             "degrees: the iliopsoas runs clear in front of the iliopectineal eminence. Right, "
             "the hip back to straight: the tendon is drawn back over the eminence, and a star "
             "marks where it flicks over it with a snap. The model bends the hip only; in life "
             "the hip also comes out of a turned-out position"),
        checked=("Checked against: the hip-angle model (figures/hip.py, its public plot_hip_side) "
                 "for both panels; SHS and ALLEN1995 for the tendon flicking over the "
                 "iliopectineal eminence as the hip returns from flexion to straight.")),
    "hip_replacement_impingement": dict(
        view="side", box=(0.6, 0.6, 11.0), hide=(),
        lesions=("cup", "lesion:impingement"), legend=("cup", "impingement", "implant", "tendon"),
        labels=(("prosthetic cup", (-5.2, 3.3), (-1.2, 1.3), "right"),
                ("cup edge standing proud\nof the bone (overhang)", (5.0, -2.6), (1.45, -1.25),
                 "left"),
                ("tendon rubbing\non the cup's edge", (5.0, 0.2), (2.2, -0.95), "left"),
                ("iliopsoas tendon", (4.6, 4.4), (3.35, 3.8), "left"),
                ("ball and stem", (-5.2, -1.6), (-0.2, -1.6), "right"),
                ("pelvis", (-5.2, 5.3), (-2.5, 4.5), "right")),
        alt=("a section across a total hip replacement from the side: the metal cup in the "
             "pelvis with its front edge standing proud of the bone, and the iliopsoas tendon "
             "draped over that edge, the rubbing point cross-hatched"),
        checked=("Checked against: BJO (Hardwick-Morris 2023: the tendon in contact with the "
                 "acetabular component after hip replacement); radiology and cadaver reports of "
                 "impingement describe the cup's front edge standing proud of the bone.")),
    "avulsion": dict(
        view="front", box=(3.3, -2.3, 7.0), hide=("tendon", "lesser_trochanter"),
        fade=("hip_bone", "iliacus", "psoas", "socket"),
        lesions=("fragment", "donor_site"), legend=("fragment", "donor_site", "tendon", "bone"),
        labels=(("lesser trochanter\npulled off by the tendon", (6.2, -1.7), (3.8, -2.45), "left"),
                ("where it broke away:\nthe growth plate in a\nteenager", (6.2, -3.3),
                 (3.3, -3.6), "left"),
                ("tendon", (6.2, 0.6), (5.2, -0.2), "left"),
                ("femur", (-0.7, -4.8), (1.2, -4.6), "right")),
        alt=("the upper femur from the front with the lesser trochanter pulled upwards off "
             "the bone by the iliopsoas tendon still attached to it (bone-coloured fragment, "
             "thick outline), and a dotted outline where it broke away at the growth plate of a "
             "teenager; a note says that in an adult with no real injury a tumour weakening "
             "the bone must be looked for"),
        checked=("Checked against: EBERBACH2017 (apophyseal avulsion in adolescents); case "
                 "radiographs show the fragment pulled upwards with the tendon still attached; "
                 "PHILLIPS and AFRA (in an adult without real trauma, look for a tumour).")),
    "abscess": dict(
        view="front", box=(6.0, 4.4, 16.5), hide=(),
        lesions=("lesion:pus",), legend=("pus", "muscle", "bone"),
        labels=(("pus inside\npsoas major", (4.9, 7.4), (7.4, 6.6), "right"),
                ("psoas major", (5.4, 10.6), (7.9, 10.3), "right"),
                ("iliacus", (0.8, 6.4), (2.4, 4.3), "right"),
                ("tendon to the hip", (-0.8, -1.9), (3.9, -1.5), "right")),
        alt=("the lumbar spine and the psoas major beside it, the muscle swollen by a "
             "collection of pus (green, circle-hatched) along its length, with an arrow from "
             "an infected disc of the spine, one source of the infection"),
        checked=("Checked against: MALLICK2004 and XU2019 (pus in the muscle, spreading from the "
                 "spine, bowel or kidney, or carried in the blood); CT reports describe a "
                 "low-density collection that enlarges psoas.")),
    "haematoma": dict(
        view="front", box=(4.4, 2.0, 11.0), hide=(),
        lesions=("lesion:blood", "femoral_nerve"), legend=("blood", "nerve", "muscle", "bone"),
        labels=(("blood in iliacus\n(e.g. on anticoagulants)", (-0.3, 5.6), (3.6, 3.3), "right"),
                ("femoral nerve, squeezed\nbetween blood and psoas", (7.3, 0.5), (6.4, 2.3),
                 "left"),
                ("psoas major", (5.2, 7.0), (7.4, 6.8), "right"),
                ("inguinal ligament", (-1.6, 1.5), (1.9, 2.2), "right")),
        alt=("the iliacus in the iliac fossa holding a collection of blood (purple, "
             "hatched) that bulges towards the groove between psoas and iliacus and presses "
             "on the femoral nerve (yellow) running down it"),
        checked=("Checked against: PMJ (Sanyal 2002: bleeding deep to the iliacus fascia, the "
                 "femoral nerve in the groove between iliacus and psoas) and CHOA2011; case "
                 "reports of iliacus haematoma pressing on the femoral nerve.")),
}

# mechanism -> the gids of the artists that draw its lesion
LESION_GIDS = {key: spec["lesions"] for key, spec in SCENES.items()}

_VIEW_WORDS = {"front": "seen from the front", "side": "seen from the side, in a section across the hip",
               "hip_model": "seen from the side (the hip-angle model)"}


def check_side(side: str) -> str:
    return st.check_choice("side", side, ("right", "left"))


# ------------------------------------------------------------------ helpers
def _patch(ax, shape, style: dict, gid: str, zorder: float):
    kw = {k: v for k, v in style.items() if k != "label"}
    return st.add_patch(ax, _as_patch(shape, gid=gid, zorder=zorder, **kw))


def _as_patch(shape, **kw):
    if isinstance(shape, dict):
        return Ellipse(shape["centre"], 2 * shape["rx"], 2 * shape["ry"],
                       angle=shape.get("angle", 0.0), **kw)
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


_LABEL_BOX = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85)


def _label(ax, text, xy, pt, ha, gid):
    t, line = st.leader(ax, xy, pt, text, ha=ha, gid=gid, fontsize=LABEL_SIZE, color=st.TEXT,
                        zorder=8, bbox=_LABEL_BOX)
    line.set_zorder(7.9)
    return [t, line]


def _style(name: str) -> dict:
    return LESION_STYLES.get(name) or _BASE_STYLES[name]


# ------------------------------------------------------------------ base views
def _draw_front_base(ax) -> dict:
    """Bones, muscles, tendon and inguinal ligament of the right side, front view."""
    bone, out = _style("bone"), {}
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
    out["iliacus"] = _patch(ax, g.ILIACUS, _style("muscle"), "iliacus", 3.0)
    out["psoas"] = _patch(ax, g.PSOAS, _style("muscle"), "psoas_major", 3.2)
    out["tendon"] = _patch(ax, g.TENDON, _style("tendon"), "common_tendon", 3.4)
    (x0, y0), (x1, y1) = g.INGUINAL_LIGAMENT
    out["ligament"] = ax.plot([x0, x1], [y0, y1], color="#4D4D4D", lw=1.6, zorder=4.0,
                              gid="inguinal_ligament")[0]
    out["midline"] = ax.plot([g.MIDLINE_X] * 2, [-5.0, 13.0], ls=(0, (6, 4)), lw=0.9,
                             color=st.MUTED, zorder=1.0, gid="midline")[0]
    return out


def _draw_side_base(ax) -> dict:
    """A section across the right hip with its replacement, seen from the right."""
    out = {"pelvis": _patch(ax, g.SIDE_PELVIS, _style("bone"), "pelvis_section", 1.8),
           "femur": _patch(ax, g.SIDE_FEMUR, _style("bone"), "femur", 1.9),
           "lesser_trochanter": _patch(ax, g.SIDE_LESSER_TROCHANTER, _style("bone"),
                                       "lesser_trochanter", 1.95)}
    out["stem"] = _patch(ax, g.STEM, _style("implant"), "femoral_stem", 2.5)
    liner = g.LINER
    out["liner"] = _patch(ax, _arc_band(liner["r_in"], liner["r_out"], liner["from_deg"],
                                        liner["to_deg"]),
                          dict(facecolor="white", edgecolor="#333333", linewidth=0.8),
                          "liner", 2.6)
    out["ball"] = st.add_patch(ax, Circle((0, 0), g.BALL_RADIUS, facecolor="#DADDE2",
                                          edgecolor="#333333", lw=1.2, zorder=2.7,
                                          gid="prosthetic_head"))
    out["tendon"] = _patch(ax, _band(g.SIDE_TENDON_LINE, g.SIDE_TENDON_WIDTH), _style("tendon"),
                           "common_tendon", 4.0)
    return out


# ------------------------------------------------------------------ the scenes
def _fibres(ax) -> list:
    """Muscle fibres converging on the tendon, broken where the tear is."""
    tear, out = Path(np.asarray(g.TEAR, float)), []
    for n, (a, b) in enumerate(g.PSOAS_FIBRES + g.ILIACUS_FIBRES):
        pts = np.linspace(a, b, 80)
        pts[tear.contains_points(pts)] = np.nan     # the gap: no fibre inside the tear
        out += ax.plot(pts[:, 0], pts[:, 1], color=st.MUSCLE_EDGE, lw=1.3, zorder=3.6,
                       solid_capstyle="butt", gid=f"muscle_fibre_{n}")
    return out


def _scene_acute_strain(axes) -> list:
    ax = axes["front"]
    return _fibres(ax) + [_patch(ax, g.TEAR, _style("tear"), "lesion:tear", 5.0)]


def _scene_overuse(axes) -> list:
    ax = axes["front"]
    return [_patch(ax, g.BURSA, _style("bursitis"), "lesion:bursitis", 3.3),
            _patch(ax, g.THICK_TENDON, _style("tendinopathy"), "lesion:tendinopathy", 3.5)]


def _scene_abscess(axes) -> list:
    ax = axes["front"]
    arrow = FancyArrowPatch(g.DISC_SOURCE, (8.95, 6.3), arrowstyle="-|>", mutation_scale=16,
                            color="#000000", lw=1.6, zorder=6, gid="spread_arrow",
                            connectionstyle="arc3,rad=0.3")
    words = ax.text(13.3, 9.0, "spread from the spine\n(an infected disc)", ha="left",
                    va="center", fontsize=LABEL_SIZE, color=st.TEXT, zorder=8)
    line = ax.plot([13.05, g.DISC_SOURCE[0] + 1.0], [9.0, g.DISC_SOURCE[1] + 0.2], color="#555555",
                   lw=0.6, zorder=7.9)[0]
    return [_patch(ax, g.PUS, _style("pus"), "lesion:pus", 5.0), st.add_patch(ax, arrow),
            words, line]


def _scene_haematoma(axes) -> list:
    ax = axes["front"]
    lines = [g.FEMORAL_NERVE] + g.NERVE_BRANCHES
    out = [_patch(ax, g.BLOOD, _style("blood"), "lesion:blood", 3.1)]
    for k, pts in enumerate(lines):
        xy = np.asarray(pts, float)
        out += ax.plot(xy[:, 0], xy[:, 1], color="#000000", lw=5.2 if k == 0 else 3.4,
                       zorder=5.0, solid_capstyle="round", gid=f"femoral_nerve_outline_{k}")
        out += ax.plot(xy[:, 0], xy[:, 1], color=st.NERVE, lw=3.4 if k == 0 else 1.8,
                       zorder=5.1, solid_capstyle="round",
                       gid="femoral_nerve" if k == 0 else f"femoral_nerve_branch_{k}")
    return out


def _scene_avulsion(axes) -> list:
    ax = axes["front"]
    frag = g.FRAGMENT
    arrow = FancyArrowPatch((frag["centre"][0] + 0.2, frag["centre"][1] + 0.5),
                            (4.45, -0.95), arrowstyle="-|>", mutation_scale=18,
                            color=st.OKABE_ITO["vermillion"], lw=2.2, zorder=6, gid="pull_arrow")
    adult = ax.text(6.2, -4.95, "adult, no real injury:\nlook for a tumour\n"
                    "weakening the bone", ha="left", va="center", fontsize=LABEL_SIZE, style="italic",
                    color=st.TEXT, zorder=8, bbox=_LABEL_BOX)
    return [adult, _patch(ax, g.LESSER_TROCHANTER, _style("donor_site"), "donor_site", 2.26),
            _patch(ax, g.AVULSED_TENDON, _style("tendon"), "avulsed_tendon", 3.4),
            _patch(ax, frag, _style("fragment"), "fragment", 3.5), st.add_patch(ax, arrow)]


def _scene_hip_replacement_impingement(axes) -> list:
    ax = axes["side"]
    cup = g.CUP
    return [_patch(ax, _arc_band(cup["r_in"], cup["r_out"], cup["from_deg"], cup["to_deg"]),
                   _style("cup"), "cup", 3.0),
            _patch(ax, _band(g.CONTACT_LINE, g.SIDE_TENDON_WIDTH), _style("impingement"),
                   "lesion:impingement", 4.5)]


# -------------------------------------------------------- snapping hip (model)
HIP_PANELS = ((90.0, "hip bent (flexed 90°)"), (0.0, "back to straight (0°)"))
HIP_PANEL_BOX = (1.6, 2.0, 16.5)


def _eminence_xy(ax, muscle) -> np.ndarray:
    """Where the hip model puts the iliopectineal eminence (by its gid)."""
    for p in ax.patches:
        if (p.get_gid() or "").endswith("iliopectineal_eminence"):
            box = p.get_path().transformed(p.get_patch_transform()).get_extents()
            return np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    return np.asarray(muscle.get_xydata())[1]   # the model's pulley vertex


def _star(centre, r_out=0.95, r_in=0.45, n=8) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, 2 * n, endpoint=False) + np.pi / 2
    r = np.where(np.arange(2 * n) % 2 == 0, r_out, r_in)
    return np.column_stack([centre[0] + r * np.cos(t), centre[1] + r * np.sin(t)])


def _x_at(line, y) -> float:
    """x of a line (top to bottom) at height y."""
    pts = np.asarray(line, float)
    return float(np.interp(y, pts[::-1, 1], pts[::-1, 0]))


def _draw_hip_panels(axes) -> list:
    """Two panels of the hip-angle model, flexed and straight, with the snap."""
    out, models, model_parts = [], [], []
    for ax, (angle, words) in zip(axes, HIP_PANELS):
        model = plot_hip_side(ax, angle, labels=False)
        model_parts.append([a for a in ax.get_children() if a.get_gid()])
        for key in ("angle_text", "length_text"):
            if key in model:
                model[key].set_visible(False)     # the panel title says the angle
        models.append(model)
        out.append(ax.text(0.02, 0.02, words, transform=ax.transAxes, ha="left", va="bottom",
                           fontsize=LABEL_SIZE + 1, fontweight="bold", color=st.TEXT, zorder=8))
    bent, straight = (np.asarray(m["muscle"].get_xydata()) for m in models)
    em = _eminence_xy(axes[1], models[1]["muscle"])
    ghost = axes[1].plot(bent[:, 0], bent[:, 1], ls=(0, (4, 3)), lw=2.0, color=st.MUTED,
                         zorder=5.4, gid="tendon_when_bent")[0]
    star = _patch(axes[1], _star(em), _style("snap"), "lesion:snap", 6.0)
    out += [ghost, star]
    for parts, prefix in zip(model_parts, ("hip_bent:", "hip_straight:")):
        for a in parts:                 # the two panels' model parts keep unique ids
            a.set_gid(prefix + a.get_gid())
    on_bent = np.array([_x_at(bent, em[1] + 2.2), em[1] + 2.2])
    out += _label(axes[0], "tendon clear\nof the\neminence", em + (1.2, 4.2), on_bent, "left",
                  None)
    out += _label(axes[0], "iliopectineal\neminence", em + (1.2, -3.6), em, "left", None)
    out += _label(axes[1], "snap: tendon\nflicks back over\nthe eminence", em + (1.2, -3.6),
                  em + (0.6, -0.4), "left", None)
    out += _label(axes[1], "dashed: where\nit lay when bent", em + (1.2, 4.2), on_bent, "left",
                  None)
    return out


_SCENE_DRAWERS = {"acute_strain": _scene_acute_strain, "overuse": _scene_overuse,
                  "abscess": _scene_abscess, "haematoma": _scene_haematoma,
                  "avulsion": _scene_avulsion,
                  "hip_replacement_impingement": _scene_hip_replacement_impingement}


# ------------------------------------------------------------------ build/show
def build_scenes(host, make_axes, keys=None) -> dict:
    """Draw the scenes of ``keys`` (all by default) once, all hidden.

    ``host`` carries the header and legends; ``make_axes(rect)`` makes an axes
    at a rectangle of the host (an inset in :func:`.mechanisms.plot_mechanism`,
    a figure axes in the live figure).  Returns the artists by role.
    """
    keys = tuple(SCENES) if keys is None else tuple(keys)
    st.clean_axes(host, equal=False)
    views = {SCENES[k]["view"] for k in keys}
    axes, base = {}, {}
    for view, draw in (("front", _draw_front_base), ("side", _draw_side_base)):
        if view in views:
            axes[view] = make_axes(SCENE_RECT)
            st.clean_axes(axes[view])
            base[view] = draw(axes[view])
    if "hip_model" in views:
        axes["hip_model"] = tuple(make_axes(r) for r in HIP_PANEL_RECTS)
    base_texts = [t for ax in _flat(axes) for t in ax.texts]
    scenes = {}
    for key in keys:
        spec = SCENES[key]
        if key == "snapping_hip":
            artists = _draw_hip_panels(axes["hip_model"])
            base_texts += [t for ax in axes["hip_model"] for t in ax.texts
                           if t.get_visible() and t not in artists]
        else:
            artists = _SCENE_DRAWERS[key](axes)
            for n, (text, xy, pt, ha) in enumerate(spec["labels"]):
                artists += _label(axes[spec["view"]], text, xy, pt, ha, f"label:{key}:{n}")
        scenes[key] = artists
    return {"host": host, "axes": axes, "base": base, "scenes": scenes,
            "legends": {k: _legend(host, SCENES[k]["legend"]) for k in keys},
            "header": _header(host), "directions": _directions(axes),
            "ha": _text_alignments(axes), "base_texts": base_texts, "key": None, "side": None}


def _legend(host, entries) -> Legend:
    handles = [Patch(**{k: v for k, v in _style(e).items()}) for e in entries]
    leg = Legend(host, handles, [h.get_label() for h in handles], loc="lower center",
                 bbox_to_anchor=(0.5, 0.0), ncol=_legend_columns(handles), fontsize=LABEL_SIZE,
                 frameon=False, handlelength=2.4, handleheight=1.4, columnspacing=1.4)
    leg.set_visible(False)
    leg.set_zorder(9)
    host.add_artist(leg)
    return leg


def _legend_columns(handles) -> int:
    """Four across when the words are short, else two rows of two."""
    return 4 if sum(len(h.get_label()) for h in handles) < 60 else 2


def _header(host) -> tuple:
    kw = dict(transform=host.transAxes, ha="center", va="top", color=st.TEXT, zorder=9)
    return (host.text(0.5, 0.99, "", fontsize=LABEL_SIZE + 4, fontweight="bold", gid="title", **kw),
            host.text(0.5, 0.935, "", fontsize=LABEL_SIZE + 0.5, gid="subtitle", **kw),
            host.text(0.5, 0.895, "", fontsize=LABEL_SIZE, style="italic", gid="note", **kw))


def _directions(axes) -> list:
    """Orientation words whose arrow turns with the side: (text, right, left)."""
    out = []
    if "front" in axes:
        t = axes["front"].text(0.99, 0.02, "", transform=axes["front"].transAxes, ha="right",
                               va="bottom", fontsize=LABEL_SIZE, color=st.MUTED, zorder=8)
        out.append((t, "midline →", "← midline"))
    for ax in ([axes["side"]] if "side" in axes else []) + list(axes.get("hip_model", ())):
        t = ax.text(0.99, 0.02, "", transform=ax.transAxes, ha="right", va="bottom",
                    fontsize=LABEL_SIZE, color=st.MUTED, zorder=8)
        out.append((t, "front →", "← front"))
    return out


def _text_alignments(axes) -> list:
    """Every data-placed label with its alignment on the patient's right."""
    return [(t, t.get_ha()) for ax in _flat(axes) for t in ax.texts
            if t.get_transform() is ax.transData]


def _flat(axes) -> list:
    return [a for v in axes.values() for a in (v if isinstance(v, tuple) else (v,))]


def _show_base_texts(texts) -> None:
    """Names of bones (L1...) show only when they fall inside the close-up:
    text is not clipped like a patch, and half a name would mislead."""
    for t in texts:
        (x0, x1), (y0, y1) = sorted(t.axes.get_xlim()), t.axes.get_ylim()
        x, y = t.get_position()
        t.set_visible(x0 + 0.4 < x < x1 - 0.4 and y0 + 0.5 < y < y1 - 0.5)


_FLIP_HA = {"left": "right", "right": "left", "center": "center"}


def _limits(box, aspect, side):
    cx, cy, h = box
    w = h * aspect
    x = (cx - w / 2, cx + w / 2)
    return (x if side == "right" else x[::-1]), (cy - h / 2, cy + h / 2)


def show_scene(art: dict, key: str, side: str, *, title: str, note: str) -> None:
    """Show mechanism ``key`` on ``side``: its view, lesion, labels, legend and
    words; hide every other scene.  Nothing is created or removed."""
    spec, side = SCENES[key], check_side(side)
    for view, ax in art["axes"].items():
        for a in (ax if isinstance(ax, tuple) else (ax,)):
            a.set_visible(view == spec["view"])
    for view, parts in art["base"].items():
        for name, artist in parts.items():
            if not isinstance(artist, list):
                here = view == spec["view"]
                artist.set_visible(not (here and name in spec["hide"]))
                # a scene about one bone fades its neighbours (restyled, not redrawn)
                artist.set_alpha(0.35 if here and name in spec.get("fade", ()) else None)
    for k, artists in art["scenes"].items():
        for a in artists:
            a.set_visible(k == key)
    for k, leg in art["legends"].items():
        leg.set_visible(k == key)
    if spec["view"] == "hip_model":
        for ax in art["axes"]["hip_model"]:
            aspect = _BOX_ASPECT * HIP_PANEL_RECTS[0][2] / SCENE_RECT[2]
            xlim, ylim = _limits(HIP_PANEL_BOX, aspect, side)
            ax.set_xlim(*xlim), ax.set_ylim(*ylim)
    else:
        xlim, ylim = _limits(spec["box"], _BOX_ASPECT, side)
        art["axes"][spec["view"]].set_xlim(*xlim)
        art["axes"][spec["view"]].set_ylim(*ylim)
    _show_base_texts(art["base_texts"])
    for text, ha in art["ha"]:
        text.set_ha(ha if side == "right" else _FLIP_HA[ha])
    for text, right, left in art["directions"]:
        text.set_text(right if side == "right" else left)
    t, sub, n = art["header"]
    t.set_text(title)
    sub.set_text(f"Schematic, not to scale: the patient's {side} side, "
                 f"{_VIEW_WORDS[spec['view']]}")
    n.set_text(note.replace("\n", " "))
    art["key"], art["side"] = key, side


def scene_alt_text(key: str, side: str, *, title: str, note: str) -> str:
    """What the scene shows, in words: the lesion, the side, that it is a schematic."""
    spec, side = SCENES[key], check_side(side)
    lesions = "; ".join(LESION_STYLES[e]["label"] for e in spec["legend"] if e in LESION_STYLES)
    return (f"{title}. A schematic, not to scale, of the patient's {side} side "
            f"{_VIEW_WORDS[spec['view']]}. It shows {spec['alt']}. Marked: {lesions}. "
            f"In short: {note.replace(chr(10), ' ')}.")
