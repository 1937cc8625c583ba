"""Body maps: where iliopsoas problems hurt.

The body outline is the CHOIR Body Map (male body; front and back view;
coordinates MIT, Copyright (c) 2021 Eric Cramer, shipped in
``data/bodymap/`` with its licence).  The finer zones (one for every region id
of the content, e.g. ``lumbar_paraspinal_left``) are hand-drawn in the same
coordinates; left and right zones are exact mirror images.

Orientation: in the FRONT view the patient faces you, so the patient's right
is on the picture's left; in the BACK view you look at the patient from
behind, so the patient's left is on the picture's left.  Every drawing labels
"patient's left" / "patient's right" on the correct sides.

Each region belongs to one view (``region.view``).  :func:`plot_body_map`
draws one view and REJECTS regions of the other view with a ``ValueError``
naming the view they belong to (pass ``other_view="ignore"`` to skip them
silently instead); :func:`plot_referred_pain` and :class:`BodyMapFigure` draw
both views and put each region on its own view.

Typical use::

    from matplotlib.figure import Figure
    from iliopsoas_lessons.bodymap import plot_body_map, ReferredPainFigure

    fig = Figure(); ax = fig.add_subplot()
    plot_body_map(ax, ["groin_left"], view="front", referred=["front_thigh_upper_left"])

    live = ReferredPainFigure()
    live.show("back_pain", side="right")   # in place, no rebuild
    png = live.to_png()
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

import numpy as np
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from . import _style as st
from .records import content

__all__ = [
    "VIEWS", "SIDES", "BODIES", "ROLES", "legend_handles",
    "plot_body_map", "plot_referred_pain",
    "body_map_alt_text", "referred_pain_alt_text",
    "region_shapes", "outline_shapes", "region_info",
    "BodyMapFigure", "ReferredPainFigure",
]

VIEWS = ("front", "back")
SIDES = ("left", "right")
BODIES = ("male",)

VIEW_TITLES = {
    "front": "Front (facing you)",
    "back": "Back (seen from behind)",
}


# ---------------------------------------------------------------- content
# Regions and symptoms come from the validated content (records.py); this
# module adds only their shapes.


def region_info(key: str):
    """The content's Region for ``key``; ``LookupError`` listing valid ids."""
    return content().regions[key]


def _regions():
    return content().regions


def _symptom(key: str):
    return content().symptoms[key]


def _data_text(*parts: str) -> str:
    return files("iliopsoas_lessons").joinpath("data", *parts).read_text(encoding="utf-8")


def _pattern(symptom_key: str, side: str, extras: bool = False) -> list:
    """[(region id, role)] for a problem on ``side``; with ``extras`` also the
    regions the article claimed ("claimed") and contrast regions ("contrast")."""
    st.check_choice("side", side, SIDES)
    sym = _symptom(symptom_key)
    out = [(r, a.role) for r, a in zip(sym.regions_for(side), sym.pattern)]
    if extras:
        seen = {r for r, _ in out}
        for keys, role in ((sym.article_regions_for(side), "claimed"),
                           (sym.contrast_regions_for(side), "contrast")):
            for r in keys:
                if r not in seen:
                    out.append((r, role))
                    seen.add(r)
    return out


# --------------------------------------------------------------- geometry
@lru_cache(maxsize=None)
def _geometry(body: str) -> dict:
    st.check_choice("body", body, BODIES)
    raw = json.loads(_data_text("bodymap", f"choir_{body}.json"))
    out = {}
    for view, vd in raw["views"].items():
        def flip(points):
            a = np.asarray(points, dtype=float)
            return np.column_stack([a[:, 0], -a[:, 1]])  # y down -> y up

        segs = {}
        for s in vd["segments"]:
            v = flip(s["points"])
            segs[s["id"]] = (Path(np.vstack([v, v[:1]]), closed=True), s["name"], s["side"])
        zones = {}
        for z in vd["zones"]:
            v = flip(z["points"])
            zones[z["id"]] = Path(np.vstack([v, v[:1]]), closed=True)
        xmin, xmax, ymin, ymax = vd["bounds"]
        out[view] = {"segments": segs, "zones": zones, "midline": vd["midline_x"],
                     "bounds": (xmin, xmax, -ymax, -ymin)}
    return out


def outline_shapes(view: str = "front", *, body: str = "male") -> dict:
    """Outline segment id (e.g. ``"choir_126"``) -> ``matplotlib.path.Path``
    (drawing coordinates: image pixels with y flipped to point up)."""
    st.check_choice("view", view, VIEWS)
    return {k: v[0] for k, v in _geometry(body)[view]["segments"].items()}


def region_shapes(view: str = "front", *, body: str = "male") -> dict:
    """Region id -> ``matplotlib.path.Path`` for the zones drawn on ``view``."""
    st.check_choice("view", view, VIEWS)
    return dict(_geometry(body)[view]["zones"])


def _area(path: Path) -> float:
    x, y = path.vertices[:, 0], path.vertices[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


@lru_cache(maxsize=None)
def _zone_zorder(body: str, view: str) -> dict:
    """Larger zones below smaller ones, so overlapping zones stay visible."""
    zones = _geometry(body)[view]["zones"]
    ranked = sorted(zones, key=lambda k: -_area(zones[k]))
    return {k: 3.0 + i * 0.01 for i, k in enumerate(ranked)}


def _check_regions(keys, view, other_view, what):
    keep = []
    for k in keys:
        info = region_info(k)
        if info.view != view:
            if other_view == "ignore":
                continue
            raise ValueError(
                f"{what} region {k!r} is drawn on the {info.view} view, not the "
                f"{view} view; regions of the {view} view: "
                + ", ".join(r for r in _regions().keys() if _regions()[r].view == view))
        keep.append(k)
    return keep


def _check_disjoint(**groups) -> None:
    names = {"src": "source", "ref": "referred", "cla": "claimed", "con": "contrast"}
    seen = {}
    for g, keys in groups.items():
        for k in keys:
            if k in seen and seen[k] != g:
                raise ValueError(f"region {k!r} marked both {names[seen[k]]} and {names[g]}; "
                                 "regions marked both source and referred are not allowed "
                                 "either: give each region one mark")
            seen[k] = g


# ---------------------------------------------------------------- styling
_ROLE_STYLE = {
    "source": st.SOURCE,
    "referred": st.REFERRED,
    "claimed": st.CLAIMED,
    "contrast": st.CONTRAST,
}
ROLES = tuple(_ROLE_STYLE)


def _apply_role(patch: PathPatch, role: str | None) -> None:
    if role is None:
        patch.set_visible(False)
        return
    s = _ROLE_STYLE[role]
    patch.set_visible(True)
    patch.set_facecolor(s["facecolor"])
    patch.set_edgecolor(s["edgecolor"])
    patch.set_hatch(s["hatch"])
    patch.set_linestyle(s["linestyle"])
    patch.set_alpha(s["alpha"])


def legend_handles(roles=("source", "referred")) -> list:
    """Proxy patches explaining the marks (by default source vs referred)."""
    out = []
    for role in roles:
        s = _ROLE_STYLE[role]
        out.append(Patch(facecolor=s["facecolor"], edgecolor=s["edgecolor"],
                         hatch=s["hatch"], linestyle=s["linestyle"], alpha=s["alpha"],
                         label=s["label"]))
    return out


def _side_words(side: str) -> str:
    return "midline" if side == "midline" else f"patient's {side}"


# ------------------------------------------------------------- plotting
def plot_body_map(ax, highlight=(), *, view: str = "front", referred=(),
                  labels: bool = True, title: str | None = None,
                  all_zones: bool = False, other_view: str = "error",
                  claimed=(), contrast=(), body: str = "male") -> dict:
    """Draw one view of the body map on ``ax`` and return what was drawn.

    ``highlight``: region ids where the pain starts (source); ``referred``:
    region ids where it is also felt.  The two marks differ by colour, hatch
    and edge style.  ``claimed`` (what the seed article claimed without
    support) and ``contrast`` (a different pattern to compare) are two more
    marks, again with their own fill and hatch.  A region of the other view raises ``ValueError``
    (``other_view="error"``, default) or is skipped (``"ignore"``).  With
    ``all_zones=True`` every zone of the view is created (hidden unless
    marked) so it can be switched on later in place.

    Returns ``{"outline": {gid: PathPatch}, "regions": {region_id: PathPatch},
    "labels": [Text, ...]}``; every patch's gid is its id.
    """
    st.check_choice("view", view, VIEWS)
    st.check_choice("other_view", other_view, ("error", "ignore"))
    geo = _geometry(body)[view]
    src = _check_regions(st.as_tuple(highlight), view, other_view, "highlighted")
    ref = _check_regions(st.as_tuple(referred), view, other_view, "referred")
    cla = _check_regions(st.as_tuple(claimed), view, other_view, "claimed")
    con = _check_regions(st.as_tuple(contrast), view, other_view, "contrast")
    _check_disjoint(src=src, ref=ref, cla=cla, con=con)

    outline = {}
    for gid, (path, name, side) in geo["segments"].items():
        p = PathPatch(path, facecolor=st.SKIN, edgecolor=st.SKIN_EDGE, linewidth=0.5,
                      zorder=1, gid=gid, label=f"{name} ({_side_words(side)})")
        st.add_patch(ax, p)
        outline[gid] = p

    roles = ({k: "source" for k in src} | {k: "referred" for k in ref}
             | {k: "claimed" for k in cla} | {k: "contrast" for k in con})
    zorder = _zone_zorder(body, view)
    regions = {}
    keys = list(geo["zones"]) if all_zones else [k for k in geo["zones"] if k in roles]
    for k in keys:
        p = PathPatch(geo["zones"][k], linewidth=0.9, zorder=zorder[k], gid=k,
                      label=region_info(k).name)
        _apply_role(p, roles.get(k))
        st.add_patch(ax, p)
        regions[k] = p

    xmin, xmax, ymin, ymax = geo["bounds"]
    ax.set_xlim(xmin - 8, xmax + 8)
    ax.set_ylim(ymin - 36, ymax + 22)  # room below the feet for a note
    st.clean_axes(ax)

    texts = []
    if labels:
        left_x, right_x = xmin - 6, xmax + 6
        y = -22.0  # beside the head
        pic_left, pic_right = (("patient's right", "patient's left") if view == "front"
                               else ("patient's left", "patient's right"))
        texts.append(ax.text(left_x, y, pic_left, ha="left", va="top",
                             fontsize=st.FONT_SIZE - 1, color=st.TEXT, zorder=6,
                             gid=f"label_{pic_left.split()[-1]}"))
        texts.append(ax.text(right_x, y, pic_right, ha="right", va="top",
                             fontsize=st.FONT_SIZE - 1, color=st.TEXT, zorder=6,
                             gid=f"label_{pic_right.split()[-1]}"))
        texts.append(ax.text((xmin + xmax) / 2, ymax + 14,
                             VIEW_TITLES[view] if title is None else title,
                             ha="center", va="bottom", fontsize=st.FONT_SIZE + 1,
                             fontweight="bold", color=st.TEXT, zorder=6,
                             gid=f"title_{view}"))
    return {"outline": outline, "regions": regions, "labels": texts}


def _note_text(ax, text: str, *, gid: str):
    return ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center",
                   fontsize=st.FONT_SIZE + 0.5, color=st.TEXT, wrap=True, zorder=8, gid=gid,
                   bbox={"boxstyle": "round,pad=0.5", "facecolor": "white",
                         "edgecolor": st.OKABE_ITO["blue"], "alpha": 0.95})


def _empty_view_text(ax, view: str):
    return ax.text(0.5, 0.0, "nothing marked on this view", transform=ax.transAxes,
                   ha="center", va="bottom", fontsize=st.FONT_SIZE, style="italic",
                   color=st.MUTED, zorder=8, gid=f"empty_{view}")


_LUMBAR_NOTE = ("No area of pain to map:\nthis symptom is a change in the\n"
                "shape of the lower back.\nThe right-hand drawing shows\n"
                "the spine from behind.")


def plot_referred_pain(axes, symptom_key: str, *, side: str = "left",
                       legend: bool = True, extras: bool = False,
                       body: str = "male") -> dict:
    """Draw a symptom's pain pattern on a pair of axes ``(front_ax, back_ax)``.

    ``side`` is the side of the injured iliopsoas (the content's patterns are
    written for the left and mirrored).  ``extras=True`` also marks the
    regions the seed article claimed without support and the contrast
    regions (e.g. the femoral-nerve pattern beside sciatic-type pain).  Returns ``{"front": ..., "back": ...,
    "legend": Legend | None, "note": Text | None}`` where front/back are the
    dicts of :func:`plot_body_map`.

    For a symptom without pain regions (``lumbar_curve``) the front axes show
    the outline with a note and the back axes show the lumbar-curve schematic
    (a one-sided spasm leaning the spine), never a silently empty map.
    """
    front_ax, back_ax = axes
    st.check_choice("side", side, SIDES)
    sym = _symptom(symptom_key)
    pattern = _pattern(symptom_key, side, extras)
    out = {"legend": None, "note": None}
    if sym.diagram == "lumbar_curve" or not pattern:
        from .anatomy import plot_lumbar_curve

        out["front"] = plot_body_map(front_ax, (), view="front", body=body)
        out["note"] = _note_text(front_ax, _LUMBAR_NOTE, gid="note_no_regions")
        out["back"] = plot_lumbar_curve(back_ax, spasm=0.6, side=side)
        return out
    for view, ax in (("front", front_ax), ("back", back_ax)):
        by_role = {role: [r for r, ro in pattern if ro == role and region_info(r).view == view]
                   for role in ROLES}
        out[view] = plot_body_map(ax, by_role["source"], view=view,
                                  referred=by_role["referred"], claimed=by_role["claimed"],
                                  contrast=by_role["contrast"], body=body)
        if not any(by_role.values()):
            out[view]["labels"].append(_empty_view_text(ax, view))
    if legend:
        used = {ro for _, ro in pattern}
        out["legend"] = _legend(front_ax, ("source", "referred")
                                + tuple(r for r in ("claimed", "contrast") if r in used))
    return out


def _legend(ax, roles):
    return ax.legend(handles=legend_handles(roles), loc="upper left",
                     bbox_to_anchor=(0.0, 0.0), ncol=2, frameon=False,
                     fontsize=st.FONT_SIZE, handlelength=2.2, handleheight=1.4,
                     columnspacing=1.2)


# --------------------------------------------------------------- alt text
def _region_phrase(keys) -> str:
    parts = []
    for k in keys:
        info = region_info(k)
        parts.append(info.name if info.side == "midline"
                     else f"{info.name} ({_side_words(info.side)})")
    return "; ".join(parts)


_ORIENT = {
    "front": "front view, the patient facing you (their right side is on your left)",
    "back": "back view, the patient seen from behind (their left side is on your left)",
}


def body_map_alt_text(highlight=(), *, view: str = "front", referred=(),
                      other_view: str = "error") -> str:
    """Plain-language description of :func:`plot_body_map` with the same input."""
    st.check_choice("view", view, VIEWS)
    src = _check_regions(st.as_tuple(highlight), view, other_view, "highlighted")
    ref = _check_regions(st.as_tuple(referred), view, other_view, "referred")
    text = f"Body map, {_ORIENT[view]}."
    if src:
        text += f" Where the pain starts (source, solid cross-hatched): {_region_phrase(src)}."
    if ref:
        text += f" Where it is also felt (referred, dotted): {_region_phrase(ref)}."
    if not src and not ref:
        text += " No region is marked."
    return text


def referred_pain_alt_text(symptom_key: str, *, side: str = "left",
                           extras: bool = False) -> str:
    """Plain-language description of :func:`plot_referred_pain`."""
    sym = _symptom(symptom_key)
    pattern = _pattern(symptom_key, side, extras)
    head = f"{sym.title}: pain map for a problem on the patient's {side} side."
    if sym.diagram == "lumbar_curve" or not pattern:
        return (f"{sym.title}: there is no area of pain to map. The drawing shows the "
                f"lower spine seen from behind, leaning toward the patient's {side} as "
                f"the {side} psoas tightens: a functional, reversible lean, not "
                f"structural scoliosis.")
    parts = [head]
    for view in VIEWS:
        by = {role: [r for r, ro in pattern if ro == role and region_info(r).view == view]
              for role in ROLES}
        if not any(by.values()):
            parts.append(f"{view.capitalize()} view: nothing marked.")
            continue
        bits = []
        for role, words in (("source", "Pain starts in"), ("referred", "Also felt in"),
                            ("claimed", "Claimed by the article but not by the sources"),
                            ("contrast", "For contrast, a different pattern")):
            if by[role]:
                bits.append(f"{words}: {_region_phrase(by[role])}")
        parts.append(f"{view.capitalize()} view. " + ". ".join(bits) + ".")
    return " ".join(parts)


# ---------------------------------------------------- in-place figures
_FRONT_RECT = (0.01, 0.10, 0.48, 0.83)
_BACK_RECT = (0.51, 0.10, 0.48, 0.83)


class _TwoViewFigure(st.LiveFigure):
    size = (6.0, 5.6)

    def __init__(self, *, size=None, body: str = "male"):
        super().__init__(size=size)
        st.check_choice("body", body, BODIES)
        self.body = body
        fig = self.figure
        self.axes = (fig.add_axes(_FRONT_RECT), fig.add_axes(_BACK_RECT))
        self._views = {}
        for view, ax in zip(VIEWS, self.axes):
            self._views[view] = plot_body_map(ax, (), view=view, all_zones=True, body=body)
        self.patches = {k: p for d in self._views.values() for k, p in d["regions"].items()}
        self.legend = _legend(self.axes[0], ("source", "referred"))
        self.title = fig.text(0.5, 0.985, "", ha="center", va="top",
                              fontsize=st.FONT_SIZE + 2, fontweight="bold", color=st.TEXT,
                              gid="figure_title", zorder=10)
        self.empty_notes = {view: _empty_view_text(ax, view)
                            for view, ax in zip(VIEWS, self.axes)}
        self._set_dynamic(list(self.patches.values()) + [self.title]
                          + list(self.empty_notes.values()))

    def _apply(self, roles: dict, *, notes: bool = True) -> None:
        for k, p in self.patches.items():
            _apply_role(p, roles.get(k))
        marked = {region_info(k).view for k in roles}
        for view, t in self.empty_notes.items():
            t.set_visible(notes and view not in marked)


class BodyMapFigure(_TwoViewFigure):
    """Front and back body map whose marks change in place.

    ``set_highlight(source=..., referred=...)`` puts each region on its own
    view; only zone patches change (no artists are added or removed).
    """

    def __init__(self, *, size=None, body: str = "male", title: str = ""):
        super().__init__(size=size, body=body)
        self.title.set_text(title)
        self._apply({})
        self.source: tuple = ()
        self.referred: tuple = ()

    def set_highlight(self, source=(), referred=()) -> "BodyMapFigure":
        src, ref = st.as_tuple(source), st.as_tuple(referred)
        for k in src + ref:
            region_info(k)
        both = set(src) & set(ref)
        if both:
            raise ValueError(f"regions marked both source and referred: {sorted(both)}")
        self.source, self.referred = src, ref
        self._apply({k: "source" for k in src} | {k: "referred" for k in ref})
        return self

    @property
    def alt_text(self) -> str:
        parts = []
        for view in VIEWS:
            src = [k for k in self.source if region_info(k).view == view]
            ref = [k for k in self.referred if region_info(k).view == view]
            parts.append(body_map_alt_text(src, view=view, referred=ref))
        return " ".join(parts)


class ReferredPainFigure(_TwoViewFigure):
    """The pain pattern of one symptom, switched in place by :meth:`show`.

    ``show(symptom_key, side)`` changes facecolour, hatch and visibility of
    the existing zone patches and the title text; it never rebuilds.  For
    ``lumbar_curve`` the back view is replaced by the lumbar-curve schematic
    and the front view carries a note (both pre-built, toggled by visibility).
    """

    def __init__(self, *, size=None, body: str = "male"):
        super().__init__(size=size, body=body)
        from .anatomy import plot_lumbar_curve

        self._curve_axes = {}
        for side in SIDES:
            ax = self.figure.add_axes(_BACK_RECT)
            plot_lumbar_curve(ax, spasm=0.6, side=side)
            ax.set_visible(False)
            self._curve_axes[side] = ax
        self.note = _note_text(self.axes[0], _LUMBAR_NOTE, gid="note_no_regions")
        self.note.set_visible(False)
        self.legend_all = _legend(self.axes[0], ROLES)
        self.axes[0].add_artist(self.legend)  # keep both legends on the axes
        self.legend_all.set_visible(False)
        self.extras = False
        self._bg_cache = {}
        self.symptom_key = None
        self.side = "left"
        self.show("back_pain", "left")

    def _mode(self):
        return ("curve", self.side) if self._curve_mode else ("map", self.extras)

    def show(self, symptom_key: str, side: str = "left", *,
             extras: bool = False) -> "ReferredPainFigure":
        """Show a symptom's pattern for a problem on ``side``; ``extras=True``
        also marks what the article claimed and the contrast regions."""
        st.check_choice("side", side, SIDES)
        sym = _symptom(symptom_key)
        pattern = _pattern(symptom_key, side, extras)
        curve = sym.diagram == "lumbar_curve" or not pattern
        self._apply({} if curve else dict(pattern), notes=not curve)
        # static parts differ between modes: keep one cached background each
        if self.symptom_key is not None:
            self._bg_cache[self._mode()] = self._background
        self.symptom_key, self.side, self._curve_mode = symptom_key, side, curve
        self.extras = bool(extras)
        self.axes[1].set_visible(not curve)
        for s, ax in self._curve_axes.items():
            ax.set_visible(curve and s == side)
        self.note.set_visible(curve)
        self.legend.set_visible(not curve and not self.extras)
        self.legend_all.set_visible(not curve and self.extras)
        self._background = self._bg_cache.get(self._mode())
        self.title.set_text(f"{sym.title} — problem on the patient's {side} side")
        return self

    @property
    def alt_text(self) -> str:
        return referred_pain_alt_text(self.symptom_key, side=self.side, extras=self.extras)
