"""Anatomy schematics of the iliopsoas.

* :func:`plot_anatomy` - front view: lumbar vertebrae T12-L5 with discs,
  sacrum, pelvis with the iliac fossa, hip joints, femurs with the lesser
  trochanters; psoas major, psoas minor, iliacus, the common tendon under the
  inguinal ligament, the iliopsoas bursa, the iliopectineal eminence, the
  lumbar plexus and the femoral nerve.  Every part key of the content
  (``anatomy_parts.json``) is one artist whose gid is the key.
* :func:`plot_hip_side` / :func:`muscle_length_ratio` - side view across the
  hip: the muscle wraps over the iliopectineal eminence (a pulley) to the
  lesser trochanter, and lengthens as the hip extends.
* :func:`plot_lumbar_curve` - the lumbar spine seen from behind, leaning when
  one psoas is in spasm (a model of the article's claim, labelled as such).
* :func:`plot_mechanism` - the front view with an injury mechanism's parts
  highlighted and a short note.

Each has an alt-text function built from the same data and an in-place
figure class (:class:`AnatomyFigure`, :class:`HipAngleFigure`,
:class:`LumbarCurveFigure`).  Drawing coordinates are schematic units (about
2 cm each), the patient's midline at x = 0, y up.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

import numpy as np
from matplotlib import patheffects
from matplotlib.patches import Circle, FancyArrowPatch, PathPatch, Polygon
from matplotlib.path import Path

from . import style as st
from .live import LiveFigure
from ..content import course

__all__ = [
    "plot_anatomy", "anatomy_alt_text", "part_shapes",
    "plot_hip_side", "muscle_length_ratio", "hip_side_alt_text", "HIP_ANGLE_RANGE",
    "plot_lumbar_curve", "lumbar_curve_alt_text", "lean_angle_deg",
    "plot_mechanism", "mechanism_alt_text",
    "AnatomyFigure", "HipAngleFigure", "LumbarCurveFigure",
]

SIDES = ("left", "right")
HIP_ANGLE_RANGE = (-30.0, 120.0)


# ------------------------------------------------------------ content
def _data(name: str) -> dict:
    return json.loads(files("iliopsoas_lessons").joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=None)
def _parts() -> dict:
    """Part key -> plain name (from the content loader when available)."""
    try:
        import iliopsoas_lessons as pkg

        return {p.key: p.name for p in pkg.parts()}
    except (ImportError, AttributeError):
        return {p["key"]: p["name"] for p in _data("anatomy_parts.json")["parts"]}


@lru_cache(maxsize=None)
def _mechanisms() -> dict:
    """Mechanism key -> (title, part keys)."""
    try:
        import iliopsoas_lessons as pkg

        return {m.key: (m.title, tuple(m.anatomy_parts)) for m in pkg.mechanisms()}
    except (ImportError, AttributeError):
        return {m["key"]: (m["title"], tuple(m["anatomy_parts"]))
                for m in _data("mechanisms.json")["mechanisms"]}


def _check_parts(keys) -> tuple:
    keys = st.as_tuple(keys)
    valid = _parts()
    for k in keys:
        if k not in valid:
            raise LookupError(f"unknown anatomy part {k!r}; valid choices: {', '.join(valid)}")
    return keys


def _check_mechanism(key: str):
    mechs = _mechanisms()
    if key not in mechs:
        raise LookupError(f"unknown mechanism {key!r}; valid choices: {', '.join(mechs)}")
    return mechs[key]


# Short labels on the drawing (the content's names are sentences).
SHORT_LABELS = {
    "psoas_major": "psoas major",
    "iliacus": "iliacus",
    "psoas_minor": "psoas minor\n(about half of people)",
    "psoas_origin": "origin of psoas major\n(T12-L5 bodies, discs,\ntransverse processes)",
    "iliac_fossa": "iliac fossa\n(origin of iliacus)",
    "common_tendon": "common tendon",
    "lesser_trochanter": "lesser trochanter\n(insertion)",
    "inguinal_ligament": "inguinal ligament",
    "iliopsoas_bursa": "iliopsoas bursa",
    "hip_joint": "hip joint",
    "iliopectineal_eminence": "iliopectineal eminence",
    "lumbar_plexus": "lumbar plexus (L1-L4)",
    "femoral_nerve": "femoral nerve (L2-L4)",
    "lumbar_discs": "lumbar discs",
}


# ------------------------------------------------------- front geometry
VERTEBRAE = ("T12", "L1", "L2", "L3", "L4", "L5")
_VY = {name: 12.0 - 2.0 * i for i, name in enumerate(VERTEBRAE)}  # centres
_VHALF_W = {name: 1.5 + 0.1 * i for i, name in enumerate(VERTEBRAE)}
_VH = 1.45


def _mirror_xy(pts) -> np.ndarray:
    a = np.asarray(pts, float)
    return np.column_stack([-a[:, 0], a[:, 1]])


def _closed(pts) -> Path:
    a = np.asarray(pts, float)
    return Path(np.vstack([a, a[:1]]), closed=True)


def _both(pts) -> Path:
    """Compound closed path: the given (patient's left, x > 0) outline and its
    mirror image (patient's right)."""
    return Path.make_compound_path(_closed(pts), _closed(_mirror_xy(pts)))


def _open_both(lines) -> Path:
    paths = []
    for pts in lines:
        a = np.asarray(pts, float)
        paths.append(Path(a))
        paths.append(Path(_mirror_xy(a)))
    return Path.make_compound_path(*paths)


def _circle_pts(cx, cy, rx, ry=None, n=40, start=0.0, stop=2 * np.pi):
    ry = rx if ry is None else ry
    t = np.linspace(start, stop, n, endpoint=False)
    return np.column_stack([cx + rx * np.cos(t), cy + ry * np.sin(t)])


def _ring(cx, cy, r_in, r_out) -> list:
    outer = _circle_pts(cx, cy, r_out)
    inner = _circle_pts(cx, cy, r_in)[::-1]
    return [outer, inner]


def _both_multi(polys) -> Path:
    """Several closed polygons on the patient's left plus their mirrors."""
    paths = [_closed(p) for p in polys] + [_closed(_mirror_xy(p)) for p in polys]
    return Path.make_compound_path(*paths)


HIP_BONE = [(2.6, 1.0), (2.9, 2.8), (4.0, 4.2), (5.8, 5.0), (7.6, 5.0), (9.1, 4.3),
            (9.9, 3.0), (10.0, 2.0), (9.4, 1.2), (9.5, 0.2), (9.1, -1.4), (9.4, -3.0),
            (9.0, -4.6), (8.0, -6.0), (6.9, -6.9), (5.6, -7.0), (4.0, -6.7), (2.2, -6.4),
            (0.35, -5.8), (0.35, -4.4), (1.8, -3.9), (3.8, -3.3), (5.6, -2.7), (6.1, -2.3),
            (5.2, -1.2), (3.8, -0.6), (2.3, -0.5)]
OBTURATOR = _circle_pts(3.9, -5.1, 1.25, 0.85)
SACRUM = [(-2.6, 1.0), (2.6, 1.0), (2.3, -0.5), (1.7, -2.4), (0.6, -4.0), (-0.6, -4.0),
          (-1.7, -2.4), (-2.3, -0.5)]
ILIAC_FOSSA = [(3.1, 0.9), (3.4, 2.6), (4.4, 3.8), (6.0, 4.4), (7.6, 4.4), (8.8, 3.7),
               (9.2, 2.6), (8.7, 1.2), (8.3, -0.6), (7.0, -1.2), (5.4, -0.7), (3.9, -0.1)]
HEAD_C, HEAD_R = (8.0, -3.1), 1.15
FEMUR = [(7.6, -2.3), (8.7, -2.3), (10.0, -3.1), (10.6, -3.4), (10.9, -4.4), (10.5, -5.6),
         (10.2, -8.5), (9.9, -12.5), (8.4, -12.5), (8.6, -8.5), (8.9, -6.3), (8.8, -5.0),
         (8.2, -4.1)]
LESSER_TROCHANTER = _circle_pts(8.75, -5.65, 0.45, 0.38)
PSOAS_MAJOR = [(1.55, 12.7), (1.75, 11.0), (1.95, 9.0), (2.2, 7.0), (2.5, 5.0), (2.9, 3.0),
               (3.4, 1.4), (4.2, 0.0), (5.3, -1.0), (6.4, -1.8), (7.2, -1.8), (6.8, -0.6),
               (6.0, 0.8), (5.3, 2.6), (4.8, 4.8), (4.3, 7.2), (3.6, 9.6), (2.9, 11.5),
               (2.4, 12.7)]
PSOAS_MINOR = [(2.1, 12.3), (2.55, 12.3), (2.85, 10.4), (3.25, 7.0), (4.0, 3.5), (5.3, 0.0),
               (6.2, -2.1), (6.0, -2.3), (4.95, 0.0), (3.65, 3.5), (2.9, 7.0), (2.4, 10.4)]
ILIACUS = [(3.2, 1.3), (3.6, 2.8), (4.6, 3.9), (6.2, 4.5), (7.8, 4.4), (9.0, 3.6), (9.3, 2.5),
           (8.9, 1.2), (8.4, -0.2), (7.9, -1.4), (7.5, -2.1), (6.9, -1.9), (6.5, -1.0),
           (5.6, -0.3), (4.4, 0.3)]
COMMON_TENDON = [(6.45, -0.6), (7.35, -0.6), (7.5, -2.4), (8.25, -4.3), (8.95, -5.45),
                 (8.45, -5.55), (7.6, -4.6), (6.65, -2.5)]
BURSA = _circle_pts(7.25, -3.0, 0.55, 0.95)
EMINENCE = _circle_pts(6.05, -2.35, 0.38, 0.3)
INGUINAL = [(10.0, 2.0), (8.0, 0.3), (6.0, -1.1), (4.0, -2.5), (1.8, -3.9)]
PLEXUS_LINES = [
    [(1.9, 9.2), (3.0, 7.9), (4.6, 6.6)],                      # L1 branches
    [(1.9, 7.2), (3.2, 5.6), (3.9, 2.0)],                      # L2
    [(1.9, 5.2), (3.2, 3.8), (3.9, 2.0)],                      # L3
    [(2.1, 3.2), (3.0, 2.5), (3.9, 2.0)],                      # L4
    [(3.1, 2.5), (2.9, 0.0), (3.2, -3.0), (3.8, -4.6)],        # obturator nerve
]
FEMORAL_LINES = [
    [(3.9, 2.0), (5.0, 0.0), (5.9, -1.4), (6.2, -3.6), (6.0, -5.5)],
    [(6.0, -5.5), (5.3, -8.0)], [(6.0, -5.5), (6.4, -8.8)], [(6.1, -5.0), (7.3, -7.6)],
]


def _vertebra_paths():
    bodies, tps, discs, origin = [], [], [], []
    for i, name in enumerate(VERTEBRAE):
        y, w = _VY[name], _VHALF_W[name]
        h = _VH / 2
        bodies.append([(-w, y - h), (w, y - h), (w + 0.08, y), (w, y + h), (-w, y + h),
                       (-w - 0.08, y)])
        if name != "T12":
            tl = 3.4 + (0.5 if name == "L3" else 0.25 if name in ("L2", "L4") else 0.0)
            tp = [(w - 0.1, y + 0.15), (tl, y + 0.35), (tl + 0.15, y + 0.05),
                  (tl, y - 0.25), (w - 0.1, y - 0.35)]
            tps.append(tp)
            tps.append(_mirror_xy(tp))
            # psoas origin marks: front of the transverse process tip
            origin.append(_circle_pts(tl - 0.35, y + 0.05, 0.32, 0.2, n=16))
        else:  # T12: rib-bearing, short process
            tp = [(w - 0.1, y + 0.15), (2.4, y + 0.3), (2.4, y - 0.2), (w - 0.1, y - 0.3)]
            tps.append(tp)
            tps.append(_mirror_xy(tp))
        # origin on the side of the body (upper and lower margins + disc)
        origin.append([(w - 0.05, y + h + 0.05), (w + 0.3, y + h), (w + 0.3, y - h),
                       (w - 0.05, y - h - 0.05), (w - 0.2, y)])
        if i < len(VERTEBRAE) - 1:
            yd = y - 1.0
            wd = w + 0.05
            discs.append([(-wd, yd - 0.24), (wd, yd - 0.24), (wd + 0.12, yd), (wd, yd + 0.24),
                          (-wd, yd + 0.24), (-wd - 0.12, yd)])
    # L5-S1 disc
    discs.append([(-2.05, 0.78), (2.05, 0.78), (2.16, 1.0), (2.05, 1.22), (-2.05, 1.22),
                  (-2.16, 1.0)])
    bodies_path = Path.make_compound_path(*[_closed(b) for b in bodies + tps])
    discs_path = Path.make_compound_path(*[_closed(d) for d in discs])
    origin_path = _both_multi(origin)
    return bodies_path, discs_path, origin_path


@lru_cache(maxsize=None)
def part_shapes() -> dict:
    """Part key -> ``matplotlib.path.Path`` in drawing coordinates (both sides)."""
    _, discs, origin = _vertebra_paths()
    shapes = {
        "psoas_major": _both(PSOAS_MAJOR),
        "iliacus": _both(ILIACUS),
        "psoas_minor": _both(PSOAS_MINOR),
        "psoas_origin": origin,
        "iliac_fossa": _both(ILIAC_FOSSA),
        "common_tendon": _both(COMMON_TENDON),
        "lesser_trochanter": _both(LESSER_TROCHANTER),
        "inguinal_ligament": _open_both([INGUINAL]),
        "iliopsoas_bursa": _both(BURSA),
        "hip_joint": Path.make_compound_path(
            *[_closed(p) for p in _ring(*HEAD_C, HEAD_R + 0.05, HEAD_R + 0.45)],
            *[_closed(_mirror_xy(p)) for p in _ring(*HEAD_C, HEAD_R + 0.05, HEAD_R + 0.45)]),
        "iliopectineal_eminence": _both(EMINENCE),
        "lumbar_plexus": _open_both(PLEXUS_LINES),
        "femoral_nerve": _open_both(FEMORAL_LINES),
        "lumbar_discs": discs,
    }
    return shapes


# zorder and normal style per part; "line" parts are drawn unfilled
_PART_STYLE = {
    "iliac_fossa": dict(kind="fill", z=2.3, fc="#E2D5B8", ec=st.BONE_EDGE, lw=0.6, hatch="",
                        alpha=1.0),
    "lumbar_discs": dict(kind="fill", z=2.4, fc="#BFD9EA", ec="#3F6E8C", lw=0.6, hatch="",
                         alpha=1.0),
    "hip_joint": dict(kind="fill", z=2.6, fc="#D7E8F3", ec="#3F6E8C", lw=0.6, hatch="",
                      alpha=1.0),
    "lesser_trochanter": dict(kind="fill", z=2.7, fc=st.BONE, ec=st.BONE_EDGE, lw=0.8,
                              hatch="", alpha=1.0),
    "iliopectineal_eminence": dict(kind="fill", z=2.7, fc="#D9CBA8", ec=st.BONE_EDGE, lw=0.8,
                                   hatch="", alpha=1.0),
    "iliacus": dict(kind="fill", z=3.0, fc="#D99A7E", ec=st.MUSCLE_EDGE, lw=0.7, hatch="",
                    alpha=0.82),
    "psoas_major": dict(kind="fill", z=3.2, fc="#E3A58A", ec=st.MUSCLE_EDGE, lw=0.7, hatch="",
                        alpha=0.85),
    "psoas_minor": dict(kind="fill", z=3.4, fc="#C97C63", ec=st.MUSCLE_EDGE, lw=0.5, hatch="",
                        alpha=0.9),
    "iliopsoas_bursa": dict(kind="fill", z=3.5, fc="#9FD3F0", ec="#2B6A94", lw=0.6, hatch="",
                            alpha=1.0),
    "common_tendon": dict(kind="fill", z=3.6, fc="#F4EEDD", ec="#7A6F55", lw=0.7, hatch="",
                          alpha=1.0),
    "psoas_origin": dict(kind="fill", z=3.7, fc="none", ec=st.BONE_EDGE, lw=0.6,
                         hatch="||||", alpha=1.0),
    "lumbar_plexus": dict(kind="line", z=3.8, fc="none", ec=st.NERVE, lw=1.0, hatch="",
                          alpha=1.0),
    "femoral_nerve": dict(kind="line", z=3.9, fc="none", ec=st.NERVE, lw=1.3, hatch="",
                          alpha=1.0),
    "inguinal_ligament": dict(kind="line", z=4.0, fc="none", ec="#5E5E5E", lw=1.6, hatch="",
                              alpha=1.0),
}
_NERVE_STROKE = [patheffects.withStroke(linewidth=2.4, foreground=st.NERVE_EDGE)]


def _style_part(patch, key: str, highlighted: bool) -> None:
    s = _PART_STYLE[key]
    if s["kind"] == "line":
        patch.set_facecolor("none")
        patch.set_edgecolor(st.HIGHLIGHT["facecolor"] if highlighted else s["ec"])
        patch.set_linewidth(s["lw"] + (1.4 if highlighted else 0.0))
        patch.set_linestyle("-")
        patch.set_hatch(None)
        patch.set_alpha(1.0)
        return
    if highlighted:
        patch.set_facecolor(st.HIGHLIGHT["facecolor"])
        patch.set_edgecolor(st.HIGHLIGHT["edgecolor"])
        patch.set_hatch(st.HIGHLIGHT["hatch"])
        patch.set_linewidth(1.2)
        patch.set_alpha(0.95)
    else:
        patch.set_facecolor(s["fc"])
        patch.set_edgecolor(s["ec"])
        patch.set_hatch(s["hatch"] or None)
        patch.set_linewidth(s["lw"])
        patch.set_alpha(s["alpha"])


def _make_part(key: str, *, zorder=None, gid=None) -> PathPatch:
    s = _PART_STYLE[key]
    p = PathPatch(part_shapes()[key], zorder=s["z"] if zorder is None else zorder,
                  gid=key if gid is None else gid, label=_parts().get(key, key),
                  fill=s["kind"] != "line", capstyle="round", joinstyle="round")
    if key in ("lumbar_plexus", "femoral_nerve"):
        p.set_path_effects(_NERVE_STROKE)
    _style_part(p, key, False)
    return p


# label layout: (part, anchor point on the drawing, side of the page)
_LABELS_LEFT = [  # picture left = patient's right (x < 0)
    ("psoas_origin", (-1.75, 10.0)),
    ("lumbar_discs", (-1.2, 9.0)),
    ("psoas_minor", (-3.05, 7.0)),
    ("lumbar_plexus", (-3.2, 3.8)),
    ("iliac_fossa", (-8.6, 3.9)),
    ("iliopectineal_eminence", (-6.05, -2.35)),
    ("femoral_nerve", (-6.1, -4.8)),
]
_LABELS_RIGHT = [  # picture right = patient's left (x > 0)
    ("psoas_major", (4.3, 6.5)),
    ("iliacus", (7.6, 2.8)),
    ("inguinal_ligament", (9.0, 1.15)),
    ("hip_joint", (9.45, -2.6)),
    ("iliopsoas_bursa", (7.6, -3.4)),
    ("common_tendon", (8.1, -4.3)),
    ("lesser_trochanter", (9.15, -5.7)),
]
_LABEL_X = 11.6


def _label_positions(items, top=12.4, bottom=-9.5):
    ys = np.linspace(top, bottom, len(items))
    return [(key, pt, y) for (key, pt), y in zip(items, ys)]


def plot_anatomy(ax, *, highlight=(), labels: bool = True, title: str | None = None) -> dict:
    """Front view of the lumbar spine, pelvis, hips and the iliopsoas.

    ``highlight``: part key(s) to emphasise (orange, hatched, label bold).
    Returns ``{"parts": {key: PathPatch}, "labels": {key: Annotation},
    "bones": [PathPatch...], "texts": [Text...]}``; each part's gid is its key.
    """
    hl = set(_check_parts(highlight))
    bodies, _, _ = _vertebra_paths()
    bones = []

    def bone(path, gid, z=2.0, fc=st.BONE):
        p = PathPatch(path, facecolor=fc, edgecolor=st.BONE_EDGE, linewidth=0.8, zorder=z,
                      gid=gid)
        st.add_patch(ax, p)
        bones.append(p)
        return p

    hip = Path.make_compound_path(_closed(HIP_BONE), _closed(OBTURATOR[::-1]),
                                  _closed(_mirror_xy(HIP_BONE)),
                                  _closed(_mirror_xy(OBTURATOR)[::-1]))
    bone(hip, "bone_hip")
    bone(_closed(SACRUM), "bone_sacrum", z=2.05)
    bone(bodies, "bone_vertebrae", z=2.1)
    bone(_both(FEMUR), "bone_femur", z=2.1)
    bone(_both(_circle_pts(*HEAD_C, HEAD_R)), "bone_femoral_head", z=2.15)

    parts = {}
    for key in _PART_STYLE:
        p = _make_part(key)
        _style_part(p, key, key in hl)
        st.add_patch(ax, p)
        parts[key] = p

    texts = []
    for name in VERTEBRAE:
        texts.append(ax.text(0, _VY[name], name, ha="center", va="center",
                             fontsize=st.FONT_SIZE - 1, color=st.TEXT, zorder=5))
    texts.append(ax.text(0, -1.6, "sacrum", ha="center", va="center",
                         fontsize=st.FONT_SIZE - 1.5, color=st.TEXT, zorder=5))
    for x, words in ((-11.0, "patient's right"), (11.0, "patient's left")):
        texts.append(ax.text(x, -12.6, words, ha="center", va="top",
                             fontsize=st.FONT_SIZE, color=st.MUTED, style="italic",
                             zorder=5, gid=f"label_{words.split()[-1]}"))
    texts.append(ax.text(0, 14.2, "Iliopsoas, front view" if title is None else title,
                         ha="center", va="bottom", fontsize=st.FONT_SIZE + 2,
                         fontweight="bold", color=st.TEXT, zorder=5))

    anns = {}
    if labels:
        for items, side in ((_LABELS_LEFT, -1), (_LABELS_RIGHT, 1)):
            for key, pt, y in _label_positions(items):
                anns[key], _line = st.leader(
                    ax, (side * _LABEL_X, y), pt, SHORT_LABELS[key],
                    ha="right" if side < 0 else "left", gid=f"label_{key}",
                    fontsize=st.FONT_SIZE - 0.5, color=st.TEXT, zorder=6,
                    fontweight="bold" if key in hl else "normal")
    ax.set_xlim(-21.5, 21.5)
    ax.set_ylim(-13.5, 15.5)
    st.clean_axes(ax)
    return {"parts": parts, "labels": anns, "bones": bones, "texts": texts}


def anatomy_alt_text(highlight=()) -> str:
    hl = _check_parts(highlight)
    text = ("Front-view schematic of the lower spine (T12 to L5 with their discs), sacrum, "
            "pelvis and both hips. " + course().figure_texts["anatomy_front"].text)
    if hl:
        names = "; ".join(_parts()[k] for k in hl)
        text += f" Highlighted: {names}."
    return text


# ------------------------------------------------------------ mechanisms
# Where each mechanism's arrow points; its words are cited data (figure_text.json).
_MECH_POINTS = {
    "acute_strain": (5.0, 3.0),
    "overuse": (7.4, -3.4),
    "snapping_hip": (6.3, -2.2),
    "hip_replacement_impingement": (8.0, -2.6),
    "avulsion": (8.8, -5.7),
    "abscess": (3.6, 6.0),
    "haematoma": (7.0, 2.0),
}


def _mechanism_note(ax, key: str):
    title, _ = _check_mechanism(key)
    pt = _MECH_POINTS.get(key, (5.0, 3.0))
    note = course().figure_texts[f"mechanism_{key}"].text
    # The note sits low between the femurs, the one place no part label uses.
    arrow = FancyArrowPatch((0.0, -7.6), pt, arrowstyle="-|>", mutation_scale=12,
                            color=st.OKABE_ITO["vermillion"], lw=1.6, zorder=7,
                            connectionstyle="arc3,rad=-0.2", gid=f"mechanism_arrow_{key}")
    st.add_patch(ax, arrow)
    text = ax.text(0.0, -7.8, f"{title}\n{note}", ha="center", va="top",
                   fontsize=st.FONT_SIZE - 0.5, color=st.TEXT, zorder=7,
                   gid=f"mechanism_note_{key}",
                   bbox=dict(boxstyle="round,pad=0.4", facecolor="white",
                             edgecolor=st.OKABE_ITO["vermillion"]))
    return arrow, text


def plot_mechanism(ax, mechanism_key: str, *, labels: bool = True) -> dict:
    """The front view with a mechanism's parts highlighted, an arrow and a note."""
    title, parts = _check_mechanism(mechanism_key)
    out = plot_anatomy(ax, highlight=parts, labels=labels, title=title)
    out["arrow"], out["note"] = _mechanism_note(ax, mechanism_key)
    return out


def mechanism_alt_text(mechanism_key: str) -> str:
    title, parts = _check_mechanism(mechanism_key)
    note = course().figure_texts[f"mechanism_{mechanism_key}"].text
    return (f"{title}: " + note.replace("\n", " ") + ". "
            + anatomy_alt_text(parts))


# ------------------------------------------------------------ hip, side view
# Side view, facing right (the patient's front is to the right), y up.
_HIP_C = np.array([0.0, 0.0])
_ORIGIN = np.array([-1.4, 9.2])      # front of the L2-L3 vertebral bodies
_PULLEY = np.array([1.65, 0.75])     # iliopectineal eminence / pelvic brim
_TROCH0 = np.array([-0.15, -2.35])   # lesser trochanter, standing (0 deg)
_KNEE0 = np.array([0.0, -11.0])


def _rot(v, deg):
    t = np.radians(deg)
    c, s = np.cos(t), np.sin(t)
    return np.array([c * v[0] - s * v[1], s * v[0] + c * v[1]])


def _check_angle(hip_angle_deg) -> float:
    a = float(hip_angle_deg)
    lo, hi = HIP_ANGLE_RANGE
    if not (lo <= a <= hi) or not np.isfinite(a):
        raise ValueError(f"hip angle {hip_angle_deg!r} degrees is outside the valid range "
                         f"{lo:g} to {hi:g} (negative = extension, positive = flexion)")
    return a


def _muscle_path(angle: float) -> np.ndarray:
    """Points of the muscle line: origin -> (pulley, if it wraps) -> trochanter."""
    t = _HIP_C + _rot(_TROCH0, angle)
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
        return _HIP_C + _rot(np.asarray(p, float), a)
    shaft = np.array([R(p) for p in [(-0.55, -1.0), (0.2, -0.6), (0.95, -1.3), (0.6, -2.2),
                                     (0.55, -10.6), (0.85, -11.4), (-0.9, -11.4), (-0.6, -10.6),
                                     (-0.6, -2.6)]])
    head = _circle_pts(*_HIP_C, 0.95)
    troch = np.array([R(p) for p in _circle_pts(*_TROCH0, 0.36, 0.3, n=16)])
    return shaft, head, troch


def plot_hip_side(ax, hip_angle_deg: float = 0.0, *, labels: bool = True) -> dict:
    """Side view across the hip (patient facing right) at ``hip_angle_deg``.

    The muscle runs from the front of the lumbar spine over the
    iliopectineal eminence (a pulley) to the lesser trochanter; its length,
    shown as a percentage of standing length, follows from the geometry.
    Returns a dict of the artists (``"muscle"``, ``"femur"``,
    ``"trochanter"``, ``"angle_text"``, ``"length_text"``, ``"static"``).
    """
    a = _check_angle(hip_angle_deg)
    static = []
    # lumbar spine (lordotic): bodies tilted along the curve, discs between,
    # spinous processes behind; then the sacrum
    centres = np.array([(-3.5, 12.5), (-3.0, 10.6), (-2.8, 8.7), (-3.0, 6.8), (-3.5, 4.95)])
    tang = np.gradient(centres, axis=0)
    for i, ((x, y), (dx, dy)) in enumerate(zip(centres, tang)):
        ang = np.degrees(np.arctan2(-dx, -dy))  # tilt of the body's long axis
        body = np.array([(-1.0, -0.72), (1.0, -0.72), (1.05, 0.0), (1.0, 0.72),
                         (-1.0, 0.72), (-1.05, 0.0)])
        spinous = np.array([(-1.0, 0.3), (-2.4, 0.1), (-2.6, -0.35), (-1.0, -0.3)])
        for shape, fc in ((spinous, st.BONE), (body, st.BONE)):
            pts = np.array([_rot(p, ang) for p in shape]) + (x, y)
            v = Polygon(pts, closed=True, facecolor=fc, edgecolor=st.BONE_EDGE, lw=0.8,
                        zorder=2)
            st.add_patch(ax, v)
            static.append(v)
        if i < len(centres) - 1:
            mx, my = (centres[i] + centres[i + 1]) / 2
            disc = Polygon(np.array([_rot(p, ang) for p in
                                     [(-0.95, -0.2), (0.95, -0.2), (0.95, 0.2), (-0.95, 0.2)]])
                           + (mx, my), closed=True, facecolor="#BFD9EA",
                           edgecolor="#3F6E8C", lw=0.6, zorder=1.95)
            st.add_patch(ax, disc)
            static.append(disc)
        static.append(ax.text(x, y, f"L{i + 1}", ha="center", va="center",
                              fontsize=st.FONT_SIZE - 1.5, color=st.TEXT, zorder=3))
    sacrum = Polygon([(-4.6, 4.05), (-2.5, 3.9), (-3.0, 2.2), (-4.0, 0.4), (-5.2, -0.9),
                      (-5.7, -0.5), (-5.6, 1.6), (-5.2, 3.3)], closed=True, facecolor=st.BONE,
                     edgecolor=st.BONE_EDGE, lw=0.8, zorder=1.85, gid="bone_sacrum")
    st.add_patch(ax, sacrum)
    static.append(sacrum)
    pelvis = Polygon([(-4.8, 4.0), (-3.0, 5.6), (-0.6, 6.0), (1.6, 4.8), (2.6, 3.2), (2.2, 2.2),
                      (2.0, 1.0), (1.3, 0.9), (1.0, 0.2), (1.9, -0.9), (2.6, -1.9), (1.6, -2.6),
                      (-0.4, -2.8), (-1.6, -3.6), (-2.4, -3.0), (-1.8, -1.6), (-2.6, 0.4),
                      (-4.4, 1.4), (-5.6, 2.6)], closed=True, facecolor=st.BONE,
                     edgecolor=st.BONE_EDGE, lw=0.8, zorder=1.8, gid="bone_pelvis")
    st.add_patch(ax, pelvis)
    static.append(pelvis)
    acet = Circle(_HIP_C, 1.25, facecolor="#D7E8F3", edgecolor="#3F6E8C", lw=0.7, zorder=1.9,
                  gid="hip_joint")
    st.add_patch(ax, acet)
    static.append(acet)
    pulley = Circle(_PULLEY, 0.32, facecolor="#D9CBA8", edgecolor=st.BONE_EDGE, lw=0.9,
                    zorder=4.5, gid="iliopectineal_eminence")
    st.add_patch(ax, pulley)
    static.append(pulley)
    # reference: the thigh when standing (dashed)
    ref = ax.plot([_HIP_C[0], _KNEE0[0]], [_HIP_C[1], _KNEE0[1]], ls=(0, (4, 3)), lw=0.9,
                  color=st.MUTED, zorder=1.5, gid="standing_reference")[0]
    static.append(ref)

    shaft, head, troch = _femur_geometry(a)
    femur = PathPatch(Path.make_compound_path(_closed(shaft), _closed(head)),
                      facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.9, zorder=5.0,
                      gid="bone_femur")
    st.add_patch(ax, femur)
    tro = Polygon(troch, closed=True, facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.9,
                  zorder=5.1, gid="lesser_trochanter")
    st.add_patch(ax, tro)
    pts = _muscle_path(a)
    muscle = ax.plot(pts[:, 0], pts[:, 1], color="#C8694A", lw=7.0, solid_capstyle="round",
                     solid_joinstyle="round", alpha=0.9, zorder=5.5, gid="iliopsoas")[0]
    r = muscle_length_ratio(a)
    angle_text = ax.text(0.0, 16.9, _angle_words(a), ha="center", va="top",
                         fontsize=st.FONT_SIZE + 1, color=st.TEXT, zorder=6, gid="angle_text")
    length_text = ax.text(0.0, 15.7, _length_words(a), ha="center", va="top",
                          fontsize=st.FONT_SIZE + 1, fontweight="bold",
                          color=st.OKABE_ITO["vermillion"] if r > 1.0005 else st.OKABE_ITO["blue"],
                          zorder=6, gid="length_text")
    if labels:
        kw = dict(fontsize=st.FONT_SIZE - 0.5, color=st.TEXT, zorder=6)
        overlay = []
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
                overlay = list(pair)  # the thigh can swing over it: keep it on top
        static.append(ax.text(-9.6, -12.9, "dashed: thigh when standing", va="bottom",
                              fontsize=st.FONT_SIZE - 1, color=st.MUTED, zorder=6))
        static.append(ax.text(9.6, -12.9, "front →", ha="right", va="bottom",
                              fontsize=st.FONT_SIZE - 0.5, color=st.MUTED, zorder=6))
        static.append(ax.text(0.0, 18.3, "Side view across the hip", ha="center", va="bottom",
                              fontsize=st.FONT_SIZE + 2, fontweight="bold", color=st.TEXT,
                              zorder=6))
    ax.set_xlim(-10.0, 10.0)
    ax.set_ylim(-13.2, 20.0)
    st.clean_axes(ax)
    return {"muscle": muscle, "femur": femur, "trochanter": tro, "angle_text": angle_text,
            "length_text": length_text, "static": static,
            "over_thigh": overlay if labels else []}


def _update_hip(artists: dict, a: float) -> None:
    shaft, head, troch = _femur_geometry(a)
    artists["femur"].set_path(Path.make_compound_path(_closed(shaft), _closed(head)))
    artists["trochanter"].set_xy(troch)
    pts = _muscle_path(a)
    artists["muscle"].set_data(pts[:, 0], pts[:, 1])
    artists["angle_text"].set_text(_angle_words(a))
    artists["length_text"].set_text(_length_words(a))
    r = muscle_length_ratio(a)
    artists["length_text"].set_color(st.OKABE_ITO["vermillion"] if r > 1.0005
                                     else st.OKABE_ITO["blue"])


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


# ------------------------------------------------------------ lumbar curve
_MAX_LEAN = 14.0  # degrees of trunk lean at full spasm (schematic)
_CURVE_LEVELS = ("L5", "L4", "L3", "L2", "L1", "T12", "T11", "T10")


def _check_spasm(spasm) -> float:
    s = float(spasm)
    if not (0.0 <= s <= 1.0) or not np.isfinite(s):
        raise ValueError(f"spasm {spasm!r} is outside the valid range 0 to 1 "
                         f"(0 = relaxed, 1 = strong one-sided spasm)")
    return s


def lean_angle_deg(spasm: float) -> float:
    """Schematic sideways lean of the trunk (degrees) at a spasm level 0..1."""
    return _MAX_LEAN * _check_spasm(spasm)


def _spine_path(spasm: float, side: str):
    """Vertebrae seen from behind, bending toward ``side``.  From behind, the
    patient's left is on the picture's left (negative x)."""
    sign = -1.0 if side == "left" else 1.0
    total = np.radians(lean_angle_deg(spasm))
    n = len(_CURVE_LEVELS)
    step = 2.0
    x, y, ang = 0.0, 1.6, 0.0
    centres, angles = [], []
    for i in range(n):
        # the bend happens in the lumbar levels; thoracic levels follow the lean
        dtheta = total / 5.0 if i < 5 else 0.0
        ang += dtheta
        x += sign * np.sin(ang) * step
        y += np.cos(ang) * step
        centres.append((x, y))
        angles.append(sign * -np.degrees(ang))
    polys = []
    for (cx, cy), a, name in zip(centres, angles, _CURVE_LEVELS):
        w = 1.9 if name.startswith("L") else 1.5
        box = np.array([(-w, -0.65), (w, -0.65), (w, 0.65), (-w, 0.65)])
        sp = np.array([(-0.3, 0.65), (0.3, 0.65), (0.2, -0.9), (-0.2, -0.9)])  # spinous process
        tpl = np.array([(-w, -0.25), (-w - 1.3, -0.1), (-w - 1.3, 0.25), (-w, 0.3)])
        tpr = tpl * np.array([-1, 1])
        t = np.radians(a)
        rot = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]])  # row-vector form
        for shape in (box, tpl, tpr, sp):
            polys.append(shape @ rot + (cx, cy))
    return centres, angles, polys


def plot_lumbar_curve(ax, *, spasm: float = 0.0, side: str = "left",
                      labels: bool = True) -> dict:
    """The lumbar spine from behind; a one-sided psoas spasm (``spasm`` 0..1
    on the patient's ``side``) bends it toward that side. It models the
    article's claim and is labelled as a claim, not a finding."""
    s = _check_spasm(spasm)
    st.check_choice("side", side, SIDES)
    static = []
    pelvis = [(-2.0, 1.0), (-2.4, 2.4), (-3.6, 3.6), (-6.0, 4.6), (-8.2, 4.0), (-8.8, 2.0),
              (-7.6, -0.6), (-5.6, -2.4), (-3.4, -3.6), (-1.2, -3.2), (-1.0, -1.0)]
    pel = PathPatch(Path.make_compound_path(_closed(pelvis), _closed(_mirror_xy(pelvis))),
                    facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.8, zorder=2,
                    gid="bone_pelvis")
    sac = Polygon([(-2.0, 1.2), (2.0, 1.2), (1.6, -1.4), (0.5, -3.4), (-0.5, -3.4), (-1.6, -1.4)],
                  closed=True, facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.8, zorder=2.1,
                  gid="bone_sacrum")
    st.add_patch(ax, pel)
    st.add_patch(ax, sac)
    plumb = ax.plot([0, 0], [-3.0, 19.5], ls=(0, (4, 3)), lw=0.9, color=st.MUTED, zorder=1.5,
                    gid="plumb_line")[0]
    static += [pel, sac, plumb]

    centres, angles, polys = _spine_path(s, side)
    spine = PathPatch(Path.make_compound_path(*[_closed(p) for p in polys]),
                      facecolor=st.BONE, edgecolor=st.BONE_EDGE, lw=0.8, zorder=3,
                      gid="vertebrae")
    st.add_patch(ax, spine)
    muscles = {}
    for sd, sign in (("left", -1.0), ("right", 1.0)):
        tight = sd == side and s > 0
        pts = _psoas_line(centres, sd, s if sd == side else 0.0)
        ln = ax.plot(pts[:, 0], pts[:, 1], lw=5.5 + 2.5 * (s if tight else 0.0),
                     solid_capstyle="round",
                     color=st.OKABE_ITO["vermillion"] if tight else "#D99A7E",
                     alpha=0.75, zorder=2.5, gid=f"psoas_{sd}")[0]
        muscles[sd] = ln
    lean_text = ax.text(0, -4.4, _lean_words(s, side), ha="center", va="top",
                        fontsize=st.FONT_SIZE, fontweight="bold", color=st.TEXT, zorder=6,
                        gid="lean_text")
    if labels:
        static.append(ax.text(0, -7.9, course().figure_texts["lumbar_curve_label"].text,
                              ha="center", va="top", fontsize=st.FONT_SIZE, style="italic",
                              color=st.OKABE_ITO["blue"], zorder=6, gid="scoliosis_note"))
        static.append(ax.text(-9.5, 20.5, "patient's left", ha="left", va="top",
                              fontsize=st.FONT_SIZE, color=st.MUTED, style="italic",
                              gid="label_left"))
        static.append(ax.text(9.5, 20.5, "patient's right", ha="right", va="top",
                              fontsize=st.FONT_SIZE, color=st.MUTED, style="italic",
                              gid="label_right"))
        static.append(ax.text(0, 21.6, "Lower spine seen from behind", ha="center",
                              va="bottom", fontsize=st.FONT_SIZE + 2, fontweight="bold",
                              color=st.TEXT))
        static.append(ax.text(-9.5, 18.4, "dashed: vertical", ha="left",
                              va="top", fontsize=st.FONT_SIZE - 1, color=st.MUTED))
    ax.set_xlim(-10.0, 10.0)
    ax.set_ylim(-10.8, 23.5)
    st.clean_axes(ax)
    return {"spine": spine, "psoas": muscles, "lean_text": lean_text, "static": static}


def _psoas_line(centres, sd, s):
    """Psoas (deep, drawn through) from the lumbar levels to the thigh."""
    sign = -1.0 if sd == "left" else 1.0
    top = np.array(centres[4]) + (sign * 2.0, 0.0)   # L1 side
    mid = np.array(centres[1]) + (sign * 2.6, 0.0)   # L4 side
    bottom = np.array([sign * 5.2, -2.8])            # toward the lesser trochanter
    return np.array([top, mid, bottom])


def _lean_words(s: float, side: str) -> str:
    if s <= 0:
        return "model: no spasm, spine straight"
    return f"model: {side} psoas spasm {100 * s:.0f} %, lean {lean_angle_deg(s):.0f}°"


def _update_curve(artists: dict, s: float, side: str) -> None:
    centres, angles, polys = _spine_path(s, side)
    artists["spine"].set_path(Path.make_compound_path(*[_closed(p) for p in polys]))
    for sd, ln in artists["psoas"].items():
        tight = sd == side and s > 0
        pts = _psoas_line(centres, sd, s if sd == side else 0.0)
        ln.set_data(pts[:, 0], pts[:, 1])
        ln.set_color(st.OKABE_ITO["vermillion"] if tight else "#D99A7E")
        ln.set_linewidth(5.5 + 2.5 * (s if tight else 0.0))
    artists["lean_text"].set_text(_lean_words(s, side))


def lumbar_curve_alt_text(spasm: float = 0.0, *, side: str = "left") -> str:
    s = _check_spasm(spasm)
    st.check_choice("side", side, SIDES)
    base = "The lower spine and pelvis seen from behind (the patient's left is on your left)."
    if s <= 0:
        return base + " No spasm: the spine is straight above a level pelvis."
    return (base + f" In the model the {side} psoas is in spasm ({100 * s:.0f} %), bending the "
            f"lumbar spine toward the patient's {side}: the trunk leans about "
            f"{lean_angle_deg(s):.0f}° to that side. " + course().figure_texts["lumbar_curve"].text)


# ------------------------------------------------------------ live figures
class AnatomyFigure(LiveFigure):
    """Front-view anatomy with in-place highlighting.

    The base drawing is static; every part has a hidden highlight overlay
    (gid ``"<key>:highlight"``) and a highlighted label, switched on by
    :meth:`set_highlight` or :meth:`set_mechanism`.  Nothing is rebuilt.
    """

    size = (7.2, 5.6)

    def __init__(self, *, size=None):
        super().__init__(size=size)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.artists = plot_anatomy(self.ax)
        self.overlays, self.label_overlays = {}, {}
        for key in _PART_STYLE:
            ov = _make_part(key, zorder=8 + _PART_STYLE[key]["z"] / 10, gid=f"{key}:highlight")
            _style_part(ov, key, True)
            ov.set_visible(False)
            st.add_patch(self.ax, ov)
            self.overlays[key] = ov
            base = self.artists["labels"].get(key)
            if base is not None:
                t = self.ax.text(*base.get_position(), base.get_text(), ha=base.get_ha(),
                                 va="center", fontsize=st.FONT_SIZE - 0.5, fontweight="bold",
                                 color=st.TEXT, zorder=9, visible=False,
                                 gid=f"label_{key}:highlight",
                                 bbox=dict(boxstyle="round,pad=0.15", facecolor="#FBE3B8",
                                           edgecolor="none"))
                self.label_overlays[key] = t
        self.mechanism_notes = {}
        for key in _mechanisms():
            arrow, text = _mechanism_note(self.ax, key)
            arrow.set_visible(False)
            text.set_visible(False)
            self.mechanism_notes[key] = (arrow, text)
        self._set_dynamic(list(self.overlays.values()) + list(self.label_overlays.values())
                          + [a for pair in self.mechanism_notes.values() for a in pair])
        self.highlight: tuple = ()
        self.mechanism: str | None = None

    def set_highlight(self, parts=()) -> "AnatomyFigure":
        keys = _check_parts(parts)
        self.highlight, self.mechanism = keys, None
        self._apply(keys, None)
        return self

    def set_mechanism(self, mechanism_key: str | None) -> "AnatomyFigure":
        if mechanism_key is None:
            return self.set_highlight(())
        _, parts = _check_mechanism(mechanism_key)
        self.highlight, self.mechanism = parts, mechanism_key
        self._apply(parts, mechanism_key)
        return self

    def _apply(self, keys, mech) -> None:
        on = set(keys)
        for k, ov in self.overlays.items():
            ov.set_visible(k in on)
        for k, t in self.label_overlays.items():
            t.set_visible(k in on)
        for k, (arrow, text) in self.mechanism_notes.items():
            arrow.set_visible(k == mech)
            text.set_visible(k == mech)

    @property
    def alt_text(self) -> str:
        if self.mechanism:
            return mechanism_alt_text(self.mechanism)
        return anatomy_alt_text(self.highlight)


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
        _update_hip(self.artists, self.angle)
        return self

    @property
    def length_ratio(self) -> float:
        return muscle_length_ratio(self.angle)

    @property
    def alt_text(self) -> str:
        return hip_side_alt_text(self.angle)


class LumbarCurveFigure(LiveFigure):
    """Lower spine from behind; :meth:`set_spasm` bends it in place."""

    size = (4.2, 5.6)

    def __init__(self, spasm: float = 0.0, side: str = "left", *, size=None):
        super().__init__(size=size)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.spasm, self.side = _check_spasm(spasm), st.check_choice("side", side, SIDES)
        self.artists = plot_lumbar_curve(self.ax, spasm=self.spasm, side=self.side)
        self._set_dynamic([self.artists["spine"], *self.artists["psoas"].values(),
                           self.artists["lean_text"]])

    def set_spasm(self, spasm: float, side: str | None = None) -> "LumbarCurveFigure":
        s = _check_spasm(spasm)
        sd = self.side if side is None else st.check_choice("side", side, SIDES)
        self.spasm, self.side = s, sd
        _update_curve(self.artists, s, sd)
        return self

    @property
    def alt_text(self) -> str:
        return lumbar_curve_alt_text(self.spasm, side=self.side)
