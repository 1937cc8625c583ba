"""The front-view schematic of the iliopsoas and its highlight.

:func:`plot_anatomy` draws the lumbar vertebrae T12-L5 with their discs, the
closed pelvic ring (sacrum joined to both ilia at the sacroiliac joints, the
pubic bodies meeting at the pubic symphysis), femurs with head, neck,
greater and lesser trochanters and shaft; psoas major, psoas minor, the
iliacus fanning into the common tendon under the inguinal ligament, the
iliopsoas bursa, the iliopectineal eminence, the lumbar plexus, the femoral
nerve in the groove between psoas and iliacus, and the femoral artery and
vein medial to it.  Every part key of the content (``anatomy_parts.json``)
is one artist whose gid is the key.

:func:`show_front_state` is the one place the view's state (highlighted
parts, the side they are on, the mechanism shown) becomes artists: a
highlight is a layer of copies (:func:`add_highlight_layer`) whose paths are
set in place to the chosen side, so the drawing below never changes.
:class:`FrontViewFigure` is the live figure the anatomy explorer updates.
The outlines are data in :mod:`.front_geometry` (with the label layout),
made into each part's path on either side in :mod:`.front_shapes`.

Checked against: Gray's Anatomy (1918) Fig. 241/242 (pelvis from the front:
the ring is closed at the symphysis and at both sacroiliac joints), Fig.
244-246 (femur: head in the acetabulum, neck at about 125 degrees, greater
trochanter lateral, lesser trochanter medial below the neck), Fig. 430 and
its text (psoas major from the sides of T12-L5 and the L1-L5 transverse processes
across the pelvic brim; iliacus from the iliac fossa; one tendon under the
inguinal ligament and in front of the hip capsule, the bursa between, to the
lesser trochanter; psoas minor from T12-L1 on the front of psoas major to the
iliopectineal eminence) and the femoral nerve's course (Gray's p. 955: it
leaves the lower lateral border of psoas, runs between psoas and iliacus and
passes under the inguinal ligament lateral to the femoral artery).  The
geometry tests in tests/test_anatomy_front.py check these relations.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib import patheffects
from matplotlib.patches import PathPatch

from . import front_geometry as g
from . import style as st
from ..content import course
from .front_drawing import draw_bones, draw_fibres_and_vessels, draw_texts
from .front_shapes import (
    HIGHLIGHT_SIDES,
    VERTEBRAE,
    part_shapes,
    part_shapes_by_side,
)
from .live import LiveFigure

__all__ = [
    "plot_anatomy",
    "show_front_state",
    "add_highlight_layer",
    "layer_artists",
    "anatomy_alt_text",
    "part_shapes",
    "part_shapes_by_side",
    "check_parts",
    "check_side",
    "FrontViewFigure",
    "SHORT_LABELS",
    "VERTEBRAE",
    "HIGHLIGHT_SIDES",
    "MIDLINE_PARTS",
]

MIDLINE_PARTS = ("lumbar_discs",)  # one structure on the midline: highlighted whole


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


def check_side(side) -> str:
    """The patient's side a highlight is on; ``None`` means both sides."""
    return "both" if side is None else st.check_choice("side", side, HIGHLIGHT_SIDES)


# Short labels on the drawing (the content's names are sentences).
SHORT_LABELS = {
    "psoas_major": "psoas major",
    "iliacus": "iliacus (fans out\nof the iliac fossa)",
    "psoas_minor": "psoas minor\n(about half of people)",
    "psoas_origin": "origin of psoas major\n(T12-L5 bodies, discs;\nL1-L5 transverse\nprocesses)",
    "psoas_minor_origin": "origin of psoas minor\n(T12-L1 bodies, disc)",
    "iliac_fossa": "iliac fossa\n(origin of iliacus)",
    "common_tendon": "common tendon",
    "lesser_trochanter": "lesser trochanter\n(insertion)",
    "inguinal_ligament": "inguinal ligament",
    "iliopsoas_bursa": "iliopsoas bursa",
    "hip_joint": "hip joint",
    "iliopectineal_eminence": "iliopectineal\neminence (end of\npsoas minor)",
    "lumbar_plexus": "lumbar plexus (L1-L4)",
    "femoral_nerve": "femoral nerve (L2-L4)",
    "lumbar_discs": "lumbar discs",
}


# zorder and normal style per part; "line" parts are drawn unfilled
def _fill(z, fc, ec, lw=0.7, hatch="", alpha=1.0):
    return dict(kind="fill", z=z, fc=fc, ec=ec, lw=lw, hatch=hatch, alpha=alpha)


_PART_STYLE = {
    "iliac_fossa": _fill(2.3, "#E2D5B8", st.BONE_EDGE, 0.6),
    "lumbar_discs": _fill(2.4, "#BFD9EA", "#3F6E8C", 0.6),
    "hip_joint": _fill(2.25, "#D7E8F3", "#3F6E8C", 0.6),
    "lesser_trochanter": _fill(2.7, st.BONE, st.BONE_EDGE, 0.8),
    "iliopectineal_eminence": _fill(2.7, "#D9CBA8", st.BONE_EDGE, 0.8),
    "iliacus": _fill(3.0, "#D99A7E", st.MUSCLE_EDGE, 0.7, alpha=0.88),
    "psoas_major": _fill(3.2, "#E3A58A", st.MUSCLE_EDGE, 0.7, alpha=0.85),
    "psoas_minor": _fill(3.4, "#C97C63", st.MUSCLE_EDGE, 0.5, alpha=0.95),
    "iliopsoas_bursa": _fill(3.1, "#9FD3F0", "#2B6A94", 0.6),
    "common_tendon": _fill(3.6, "#F4EEDD", "#7A6F55", 0.7),
    "psoas_origin": _fill(3.7, "none", st.BONE_EDGE, 0.6, hatch="||||"),
    "psoas_minor_origin": _fill(3.7, "none", st.BONE_EDGE, 0.6, hatch="xxxx"),
    "lumbar_plexus": dict(kind="line", z=3.8, fc="none", ec=st.NERVE, lw=1.0, hatch="", alpha=1.0),
    "femoral_nerve": dict(kind="line", z=3.9, fc="none", ec=st.NERVE, lw=1.4, hatch="", alpha=1.0),
    "inguinal_ligament": dict(kind="line", z=4.0, fc="none", ec="#5E5E5E", lw=1.6, hatch="", alpha=1.0),
}
_NERVE_STROKE = [patheffects.withStroke(linewidth=2.6, foreground=st.NERVE_EDGE)]


def _style_part(patch, key: str, highlighted: bool) -> None:
    """A part's normal look, or its highlight: orange and hatched (not colour
    alone); a line part (nerve, ligament) turns orange and thicker."""
    s = _PART_STYLE[key]
    if s["kind"] == "line":
        patch.set_facecolor("none")
        patch.set_edgecolor(st.HIGHLIGHT["facecolor"] if highlighted else s["ec"])
        patch.set_linewidth(s["lw"] + (1.4 if highlighted else 0.0))
        patch.set_hatch(None)
        patch.set_alpha(1.0)
    elif highlighted:
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
    p = PathPatch(
        part_shapes()[key],
        zorder=s["z"] if zorder is None else zorder,
        gid=key if gid is None else gid,
        label=_part_names().get(key, key),
        fill=s["kind"] != "line",
        capstyle="round",
        joinstyle="round",
    )
    if key in ("lumbar_plexus", "femoral_nerve"):
        p.set_path_effects(_NERVE_STROKE)
    _style_part(p, key, False)
    return p


_EXTRA_LABELS = {"femoral_vessels": "femoral artery (A)\nand vein (V)"}


def _label_positions(items, top=12.6, bottom=-9.2):
    ys = np.linspace(top, bottom, len(items))
    return [(key, pt, y) for (key, pt), y in zip(items, ys)]


def plot_anatomy(ax, *, highlight=(), side=None, labels: bool = True, title: str | None = None) -> dict:
    """Front view of the lumbar spine, pelvis, hips and the iliopsoas.

    ``highlight``: part key(s) to emphasise (orange, hatched, label bold) on
    the patient's ``side`` (``"left"``, ``"right"``, or ``"both"``/``None``).
    Returns ``{"parts": {key: PathPatch}, "labels": {key: Text},
    "bones": [PathPatch...], "texts": [Text...], "highlight": layer}``; each
    part's gid is its key, its highlighted copy's ``"<key>:highlight"``.
    """
    hl, sd = check_parts(highlight), check_side(side)
    bones = draw_bones(ax)
    parts = {key: st.add_patch(ax, _make_part(key)) for key in _PART_STYLE}
    extras = draw_fibres_and_vessels(ax)
    texts = draw_texts(ax, title)
    anns = _draw_part_labels(ax) if labels else {}
    ax.set_xlim(-19.6, 19.6)
    ax.set_ylim(-13.5, 15.5)
    st.clean_axes(ax)
    artists = {"parts": parts, "labels": anns, "bones": bones + extras, "texts": texts}
    artists["highlight"] = add_highlight_layer(ax, artists)
    show_front_state(artists, hl, side=sd)
    return artists


def show_front_state(artists: dict, highlight=(), mechanism: str | None = None, *, side=None) -> None:
    """Show a state of the front view: the ``highlight`` parts on the
    patient's ``side`` (``None``: both) and their labels stand out, and only
    ``mechanism``'s arrow and note (if any) show.

    ``artists`` is what :func:`plot_anatomy` returns (its own highlight
    layer is switched; its labels turn bold) or a layer from
    :func:`add_highlight_layer` (``"overlay": True``).
    """
    on, sd = set(check_parts(highlight)), check_side(side)
    layer = artists if artists.get("overlay") else artists["highlight"]
    shapes = part_shapes_by_side()
    for key, patch in layer["parts"].items():
        patch.set_path(shapes[key][sd])
        patch.set_visible(key in on)
    for key, label in layer["labels"].items():
        label.set_visible(key in on)
    for words, text in layer.get("sides", {}).items():  # says which side is lit
        text.set_visible(bool(on) and sd == words)
    if not artists.get("overlay"):
        for key, label in artists["labels"].items():
            label.set_fontweight("bold" if key in on else "normal")
    for key, (arrow, note) in artists.get("notes", {}).items():
        arrow.set_visible(key == mechanism)
        note.set_visible(key == mechanism)


def add_highlight_layer(ax, base: dict) -> dict:
    """Hidden copies of every part (gid ``"<key>:highlight"``), of its label
    (boxed) and of the side names, above the whole drawing, for a figure to
    switch on: the drawing below stays static, so it can be blitted.  A
    drawing from :func:`plot_anatomy` has its layer already: that one is
    returned.  :func:`layer_artists` lists what a live figure must redraw."""
    if "highlight" in base:
        return base["highlight"]
    parts, labels, sides = {}, {}, {}
    for key in _PART_STYLE:
        parts[key] = st.add_patch(ax, _make_part(key, zorder=8 + _PART_STYLE[key]["z"] / 10, gid=f"{key}:highlight"))
        _style_part(parts[key], key, True)
    for key, label in base["labels"].items():
        labels[key] = _boxed_copy(ax, label, f"label_{key}:highlight")
    for text in base["texts"]:
        gid = text.get_gid() or ""
        if gid in ("label_left", "label_right"):
            sides[gid.split("_")[1]] = _boxed_copy(ax, text, f"{gid}:highlight")
    layer = {"parts": parts, "labels": labels, "sides": sides, "overlay": True}
    show_front_state(layer, ())
    return layer


def layer_artists(layer: dict) -> list:
    """Every artist of a highlight layer that a state change can switch."""
    return [*layer["parts"].values(), *layer["labels"].values(), *layer["sides"].values()]


def _boxed_copy(ax, text, gid):
    return ax.text(
        *text.get_position(),
        text.get_text(),
        ha=text.get_ha(),
        va=text.get_va(),
        fontsize=text.get_fontsize(),
        color=st.TEXT,
        zorder=9,
        gid=gid,
        fontweight="bold",
        bbox=dict(boxstyle="round,pad=0.15", facecolor="#FBE3B8", edgecolor="none"),
    )


def _draw_part_labels(ax) -> dict:
    """Part key -> its label, in two columns beside the drawing."""
    labels = {}
    for items, sign in ((g.LABELS_LEFT, -1), (g.LABELS_RIGHT, 1)):
        for key, pt, y in _label_positions(items):
            labels[key], _line = st.leader(
                ax,
                (sign * g.LABEL_X, y),
                pt,
                SHORT_LABELS.get(key) or _EXTRA_LABELS[key],
                ha="right" if sign < 0 else "left",
                gid=f"label_{key}",
                fontsize=st.FONT_SIZE - 0.5,
                color=st.TEXT,
                zorder=6,
                fontweight="normal",
            )
    labels.pop("femoral_vessels")  # a landmark, not a part a lesson highlights
    return labels


def anatomy_alt_text(highlight=(), side=None) -> str:
    hl, sd = check_parts(highlight), check_side(side)
    text = (
        "Front-view schematic of the lower spine (T12 to L5 with their discs), the closed "
        "pelvic ring (sacrum, both hip bones, pubic symphysis) and both hips with the femoral "
        "head, neck and trochanters. " + course().figure_texts["anatomy_front"].text
    )
    if hl:
        names = "; ".join(_part_names()[k] for k in hl)
        where = "both sides" if sd == "both" else f"the patient's {sd} side only"
        text += f" Highlighted: {names} (on {where})."
    return text


class FrontViewFigure(LiveFigure):
    """The front view with in-place highlighting of parts on one side.

    The drawing is static; :meth:`set_highlight` switches the highlight
    layer's copies (their paths set to the chosen side) and labels.
    """

    size = (7.2, 5.6)

    def __init__(self, *, size=None):
        super().__init__(size=size)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.artists = plot_anatomy(self.ax)
        self.layer = self.artists["highlight"]
        self.overlays, self.label_overlays = self.layer["parts"], self.layer["labels"]
        self.highlight: tuple = ()
        self.side = "both"
        self._set_dynamic(layer_artists(self.layer))

    def set_highlight(self, parts=(), side=None) -> "FrontViewFigure":
        self.highlight, self.side = check_parts(parts), check_side(side)
        show_front_state(self.layer, self.highlight, side=self.side)
        return self

    @property
    def alt_text(self) -> str:
        return anatomy_alt_text(self.highlight, self.side)
