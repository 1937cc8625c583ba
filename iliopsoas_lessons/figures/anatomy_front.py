"""The front-view schematic of the iliopsoas and its highlight.

:func:`plot_anatomy` draws lumbar vertebrae T12-L5 with discs, sacrum,
pelvis with the iliac fossa, hip joints, femurs with the lesser trochanters;
psoas major, psoas minor, iliacus, the common tendon under the inguinal
ligament, the iliopsoas bursa, the iliopectineal eminence, the lumbar plexus
and the femoral nerve.  Every part key of the content (``anatomy_parts.json``)
is one artist whose gid is the key.

:func:`show_front_state` is the one place the view's state (highlighted
parts, the mechanism shown) becomes artists: :func:`plot_anatomy` applies it
to its own parts, and the live figure (:class:`.mechanisms.AnatomyFigure`) to
the hidden highlight layer from :func:`add_highlight_layer` on every change.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib import patheffects
from matplotlib.patches import PathPatch
from matplotlib.path import Path

from . import style as st
from ..content import course
from .shapes import both, both_multi, closed, ellipse_pts, mirror_xy, open_both, ring

__all__ = ["plot_anatomy", "show_front_state", "add_highlight_layer", "anatomy_alt_text",
           "part_shapes", "check_parts", "SHORT_LABELS", "VERTEBRAE"]


# ------------------------------------------------------------ content
@lru_cache(maxsize=None)
def _part_names() -> dict:
    """Part key -> plain name."""
    return {p.key: p.name for p in course().parts}


def check_parts(keys) -> tuple:
    keys = st.as_tuple(keys)
    valid = _part_names()
    for k in keys:
        if k not in valid:
            raise LookupError(f"unknown anatomy part {k!r}; valid choices: {', '.join(valid)}")
    return keys


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


HIP_BONE = [(2.6, 1.0), (2.9, 2.8), (4.0, 4.2), (5.8, 5.0), (7.6, 5.0), (9.1, 4.3),
            (9.9, 3.0), (10.0, 2.0), (9.4, 1.2), (9.5, 0.2), (9.1, -1.4), (9.4, -3.0),
            (9.0, -4.6), (8.0, -6.0), (6.9, -6.9), (5.6, -7.0), (4.0, -6.7), (2.2, -6.4),
            (0.35, -5.8), (0.35, -4.4), (1.8, -3.9), (3.8, -3.3), (5.6, -2.7), (6.1, -2.3),
            (5.2, -1.2), (3.8, -0.6), (2.3, -0.5)]
OBTURATOR = ellipse_pts(3.9, -5.1, 1.25, 0.85)
SACRUM = [(-2.6, 1.0), (2.6, 1.0), (2.3, -0.5), (1.7, -2.4), (0.6, -4.0), (-0.6, -4.0),
          (-1.7, -2.4), (-2.3, -0.5)]
ILIAC_FOSSA = [(3.1, 0.9), (3.4, 2.6), (4.4, 3.8), (6.0, 4.4), (7.6, 4.4), (8.8, 3.7),
               (9.2, 2.6), (8.7, 1.2), (8.3, -0.6), (7.0, -1.2), (5.4, -0.7), (3.9, -0.1)]
HEAD_C, HEAD_R = (8.0, -3.1), 1.15
FEMUR = [(7.6, -2.3), (8.7, -2.3), (10.0, -3.1), (10.6, -3.4), (10.9, -4.4), (10.5, -5.6),
         (10.2, -8.5), (9.9, -12.5), (8.4, -12.5), (8.6, -8.5), (8.9, -6.3), (8.8, -5.0),
         (8.2, -4.1)]
LESSER_TROCHANTER = ellipse_pts(8.75, -5.65, 0.45, 0.38)
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
BURSA = ellipse_pts(7.25, -3.0, 0.55, 0.95)
EMINENCE = ellipse_pts(6.05, -2.35, 0.38, 0.3)
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
            tps.append(mirror_xy(tp))
            # psoas origin marks: front of the transverse process tip
            origin.append(ellipse_pts(tl - 0.35, y + 0.05, 0.32, 0.2, n=16))
        else:  # T12: rib-bearing, short process
            tp = [(w - 0.1, y + 0.15), (2.4, y + 0.3), (2.4, y - 0.2), (w - 0.1, y - 0.3)]
            tps.append(tp)
            tps.append(mirror_xy(tp))
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
    bodies_path = Path.make_compound_path(*[closed(b) for b in bodies + tps])
    discs_path = Path.make_compound_path(*[closed(d) for d in discs])
    origin_path = both_multi(origin)
    return bodies_path, discs_path, origin_path


@lru_cache(maxsize=None)
def part_shapes() -> dict:
    """Part key -> ``matplotlib.path.Path`` in drawing coordinates (both sides)."""
    _, discs, origin = _vertebra_paths()
    shapes = {
        "psoas_major": both(PSOAS_MAJOR),
        "iliacus": both(ILIACUS),
        "psoas_minor": both(PSOAS_MINOR),
        "psoas_origin": origin,
        "iliac_fossa": both(ILIAC_FOSSA),
        "common_tendon": both(COMMON_TENDON),
        "lesser_trochanter": both(LESSER_TROCHANTER),
        "inguinal_ligament": open_both([INGUINAL]),
        "iliopsoas_bursa": both(BURSA),
        "hip_joint": Path.make_compound_path(
            *[closed(p) for p in ring(*HEAD_C, HEAD_R + 0.05, HEAD_R + 0.45)],
            *[closed(mirror_xy(p)) for p in ring(*HEAD_C, HEAD_R + 0.05, HEAD_R + 0.45)]),
        "iliopectineal_eminence": both(EMINENCE),
        "lumbar_plexus": open_both(PLEXUS_LINES),
        "femoral_nerve": open_both(FEMORAL_LINES),
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
    """A part's normal look, or its highlight: orange and hatched (not colour
    alone); a line part (nerve, ligament) turns orange and thicker."""
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
                  gid=key if gid is None else gid, label=_part_names().get(key, key),
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
    Returns ``{"parts": {key: PathPatch}, "labels": {key: Text},
    "bones": [PathPatch...], "texts": [Text...]}``; each part's gid is its key.
    """
    hl = check_parts(highlight)
    bones = _draw_bones(ax)
    parts = {key: st.add_patch(ax, _make_part(key)) for key in _PART_STYLE}
    texts = _draw_texts(ax, title)
    anns = _draw_part_labels(ax) if labels else {}
    ax.set_xlim(-21.5, 21.5)
    ax.set_ylim(-13.5, 15.5)
    st.clean_axes(ax)
    artists = {"parts": parts, "labels": anns, "bones": bones, "texts": texts}
    show_front_state(artists, hl)
    return artists


def show_front_state(artists: dict, highlight=(), mechanism: str | None = None) -> None:
    """Show a state of the front view: the ``highlight`` parts and their
    labels stand out, and only ``mechanism``'s arrow and note (if any) show.

    ``artists`` is what :func:`plot_anatomy` returns (its parts are restyled
    in place) or a layer from :func:`add_highlight_layer` (``"overlay":
    True``: each copy is shown, highlighted, only while its part is on).
    """
    on = set(highlight)
    overlay = artists.get("overlay", False)
    for key, patch in artists["parts"].items():
        _style_part(patch, key, key in on)
        patch.set_visible(key in on or not overlay)
    for key, label in artists["labels"].items():
        label.set_fontweight("bold" if key in on else "normal")
        label.set_visible(key in on or not overlay)
    for key, (arrow, note) in artists.get("notes", {}).items():
        arrow.set_visible(key == mechanism)
        note.set_visible(key == mechanism)


def add_highlight_layer(ax, base: dict) -> dict:
    """Hidden copies of every part (gid ``"<key>:highlight"``) and of its
    label (boxed), above the whole drawing, for a live figure to switch on:
    the drawing below stays static, so it can be blitted."""
    parts, labels = {}, {}
    for key in _PART_STYLE:
        parts[key] = st.add_patch(ax, _make_part(key, zorder=8 + _PART_STYLE[key]["z"] / 10,
                                                 gid=f"{key}:highlight"))
        label = base["labels"].get(key)
        if label is not None:
            labels[key] = ax.text(*label.get_position(), label.get_text(), ha=label.get_ha(),
                                  va="center", fontsize=st.FONT_SIZE - 0.5, color=st.TEXT,
                                  zorder=9, gid=f"label_{key}:highlight",
                                  bbox=dict(boxstyle="round,pad=0.15", facecolor="#FBE3B8",
                                            edgecolor="none"))
    layer = {"parts": parts, "labels": labels, "overlay": True}
    show_front_state(layer, ())
    return layer


def _draw_bones(ax) -> list:
    bodies, _, _ = _vertebra_paths()
    hip = Path.make_compound_path(closed(HIP_BONE), closed(OBTURATOR[::-1]),
                                  closed(mirror_xy(HIP_BONE)),
                                  closed(mirror_xy(OBTURATOR)[::-1]))
    bones = []
    for path, gid, z in ((hip, "bone_hip", 2.0),
                         (closed(SACRUM), "bone_sacrum", 2.05),
                         (bodies, "bone_vertebrae", 2.1),
                         (both(FEMUR), "bone_femur", 2.1),
                         (both(ellipse_pts(*HEAD_C, HEAD_R)), "bone_femoral_head", 2.15)):
        bones.append(st.add_patch(ax, PathPatch(path, facecolor=st.BONE, edgecolor=st.BONE_EDGE,
                                                linewidth=0.8, zorder=z, gid=gid)))
    return bones


def _draw_texts(ax, title: str | None) -> list:
    """Vertebra names, the sacrum, which side is which, and the title."""
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
    return texts


def _draw_part_labels(ax) -> dict:
    """Part key -> its label, in two columns beside the drawing."""
    labels = {}
    for items, side in ((_LABELS_LEFT, -1), (_LABELS_RIGHT, 1)):
        for key, pt, y in _label_positions(items):
            labels[key], _line = st.leader(
                ax, (side * _LABEL_X, y), pt, SHORT_LABELS[key],
                ha="right" if side < 0 else "left", gid=f"label_{key}",
                fontsize=st.FONT_SIZE - 0.5, color=st.TEXT, zorder=6, fontweight="normal")
    return labels


def anatomy_alt_text(highlight=()) -> str:
    hl = check_parts(highlight)
    text = ("Front-view schematic of the lower spine (T12 to L5 with their discs), sacrum, "
            "pelvis and both hips. " + course().figure_texts["anatomy_front"].text)
    if hl:
        names = "; ".join(_part_names()[k] for k in hl)
        text += f" Highlighted: {names}."
    return text
