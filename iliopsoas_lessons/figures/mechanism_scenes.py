"""The mechanism close-ups: one schematic per way the iliopsoas gets hurt.

Each scene draws its own lesion (a tear, a thickened tendon and swollen
bursa, pus, blood, the avulsed fragment, the prosthetic cup, the snap) on
ONE side, the side in question, in one of three views:

* ``front``: the lower lumbar spine, hip bone and upper femur from the front
  (:mod:`.mechanism_geometry`), zoomed per scene;
* ``side``: a section across a hip with a total hip replacement;
* ``hip_model``: two panels of the hip-angle model (:func:`.hip.plot_hip_side`),
  flexed and straight, for snapping hip.

What each scene shows, and what its drawing was checked against, is data in
:mod:`.mechanism_scene_data`; :mod:`.mechanism_drawing` draws it.
:func:`build_scenes` prepares the close-ups (drawing the scenes asked for
now, hidden); :func:`show_scene` is the one place a (mechanism, side) becomes
visible artists, limits and words, drawing a scene the first time it is shown
and only switching artists after that.
"""

from __future__ import annotations

from matplotlib.legend import Legend
from matplotlib.patches import Patch

from . import style as st
from .mechanism_drawing import SCENE_DRAWERS, draw_front_base, draw_hip_panels, draw_side_base, label, tissue_style
from .mechanism_scene_data import (
    BOX_ASPECT,
    DEFAULT_SIDE,
    HIP_PANEL_BOX,
    HIP_PANEL_RECTS,
    LABEL_SIZE,
    LESION_GIDS,
    LESION_STYLES,
    SCENE_RECT,
    SCENES,
    VIEW_WORDS,
)

__all__ = [
    "SCENES",
    "LESION_STYLES",
    "LESION_GIDS",
    "DEFAULT_SIDE",
    "build_scenes",
    "show_scene",
    "scene_alt_text",
    "check_side",
    "SCENE_RECT",
    "HIP_PANEL_RECTS",
    "LABEL_SIZE",
]


def check_side(side: str) -> str:
    return st.check_choice("side", side, ("right", "left"))


# ------------------------------------------------------------------ build
def build_scenes(host, make_axes, keys=None) -> dict:
    """Prepare the close-ups on ``host`` and draw the scenes of ``keys`` (all
    by default; ``()`` for none), hidden.  A scene not drawn here is drawn
    the first time :func:`show_scene` shows it.

    ``host`` carries the header and legends; ``make_axes(rect)`` makes an axes
    at a rectangle of the host (an inset in :func:`.mechanisms.plot_mechanism`,
    a figure axes in the live figure).  Returns the artists by role.
    """
    st.clean_axes(host, equal=False)
    art = {
        "host": host,
        "make_axes": make_axes,
        "axes": {},
        "base": {},
        "scenes": {},
        "legends": {},
        "header": _header(host),
        "directions": [],
        "ha": [],
        "base_texts": [],
        "key": None,
        "side": None,
    }
    for key in tuple(SCENES) if keys is None else tuple(keys):
        _ensure_scene(art, key)
    return art


def _ensure_scene(art: dict, key: str) -> None:
    """Draw scene ``key`` (hidden) unless it is drawn already; its view's axes
    and base drawing too, the first time a scene needs them."""
    if key in art["scenes"]:
        return
    spec = SCENES[key]
    view, axes = spec["view"], art["axes"]
    new_view = view not in axes
    if new_view and view == "hip_model":
        axes[view] = tuple(art["make_axes"](r) for r in HIP_PANEL_RECTS)
    elif new_view:
        axes[view] = art["make_axes"](SCENE_RECT)
        st.clean_axes(axes[view])
        art["base"][view] = (draw_front_base if view == "front" else draw_side_base)(axes[view])
        art["base_texts"] += axes[view].texts
    if view == "hip_model":
        artists = draw_hip_panels(axes[view])
        art["base_texts"] += [t for ax in axes[view] for t in ax.texts if t.get_visible() and t not in artists]
    else:
        artists = SCENE_DRAWERS[key](axes)
        for n, (text, xy, pt, ha) in enumerate(spec["labels"]):
            artists += label(axes[view], text, xy, pt, ha, f"label:{key}:{n}")
    art["scenes"][key] = artists
    art["legends"][key] = _legend(art["host"], spec["legend"])
    if new_view:
        art["directions"] += _directions(view, axes[view])
    _record_alignments(art, axes[view])


def _legend(host, entries) -> Legend:
    handles = [Patch(**{k: v for k, v in tissue_style(e).items()}) for e in entries]
    leg = Legend(
        host,
        handles,
        [h.get_label() for h in handles],
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=_legend_columns(handles),
        fontsize=LABEL_SIZE,
        frameon=False,
        handlelength=2.4,
        handleheight=1.4,
        columnspacing=1.4,
    )
    leg.set_visible(False)
    leg.set_zorder(9)
    host.add_artist(leg)
    return leg


def _legend_columns(handles) -> int:
    """Four across when the words are short, else two rows of two."""
    return 4 if sum(len(h.get_label()) for h in handles) < 60 else 2


def _header(host) -> tuple:
    # drawn after the legends (a higher zorder), whichever is made first
    kw = dict(transform=host.transAxes, ha="center", va="top", color=st.TEXT, zorder=9.5)
    return (
        host.text(0.5, 0.99, "", fontsize=LABEL_SIZE + 4, fontweight="bold", gid="title", **kw),
        host.text(0.5, 0.935, "", fontsize=LABEL_SIZE + 0.5, gid="subtitle", **kw),
        host.text(0.5, 0.895, "", fontsize=LABEL_SIZE, style="italic", gid="note", **kw),
    )


def _directions(view: str, axes) -> list:
    """Orientation words whose arrow turns with the side: (text, right, left).
    Drawn above the labels (a higher zorder), whichever is made first."""
    words = ("midline →", "← midline") if view == "front" else ("front →", "← front")
    return [
        (
            ax.text(
                0.99,
                0.02,
                "",
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=LABEL_SIZE,
                color=st.MUTED,
                zorder=8.01,
            ),
            *words,
        )
        for ax in (axes if isinstance(axes, tuple) else (axes,))
    ]


def _record_alignments(art: dict, axes) -> None:
    """Every data-placed label not yet recorded, with its alignment on the
    patient's right (as drawn: nothing is flipped before it is recorded)."""
    known = {id(t) for t, _ in art["ha"]}
    art["ha"] += [
        (t, t.get_ha())
        for ax in (axes if isinstance(axes, tuple) else (axes,))
        for t in ax.texts
        if t.get_transform() is ax.transData and id(t) not in known
    ]


# ------------------------------------------------------------------ show
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
    words; hide every other scene.  The scene is drawn the first time it is
    shown; after that nothing is created or removed."""
    spec, side = SCENES[key], check_side(side)
    _ensure_scene(art, key)
    for view, ax in art["axes"].items():
        for a in ax if isinstance(ax, tuple) else (ax,):
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
            aspect = BOX_ASPECT * HIP_PANEL_RECTS[0][2] / SCENE_RECT[2]
            xlim, ylim = _limits(HIP_PANEL_BOX, aspect, side)
            ax.set_xlim(*xlim), ax.set_ylim(*ylim)
    else:
        xlim, ylim = _limits(spec["box"], BOX_ASPECT, side)
        art["axes"][spec["view"]].set_xlim(*xlim)
        art["axes"][spec["view"]].set_ylim(*ylim)
    _show_base_texts(art["base_texts"])
    for text, ha in art["ha"]:
        text.set_ha(ha if side == "right" else _FLIP_HA[ha])
    for text, right, left in art["directions"]:
        text.set_text(right if side == "right" else left)
    t, sub, n = art["header"]
    t.set_text(title)
    sub.set_text(f"Schematic, not to scale: the patient's {side} side, {VIEW_WORDS[spec['view']]}")
    n.set_text(note.replace("\n", " "))
    art["key"], art["side"] = key, side


def scene_alt_text(key: str, side: str, *, title: str, note: str) -> str:
    """What the scene shows, in words: the lesion, the side, that it is a schematic."""
    spec, side = SCENES[key], check_side(side)
    lesions = "; ".join(LESION_STYLES[e]["label"] for e in spec["legend"] if e in LESION_STYLES)
    return (
        f"{title}. A schematic, not to scale, of the patient's {side} side "
        f"{VIEW_WORDS[spec['view']]}. It shows {spec['alt']}. Marked: {lesions}. "
        f"In short: {note.replace(chr(10), ' ')}."
    )
