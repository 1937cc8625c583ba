"""Body maps: where iliopsoas problems hurt.

The body outline is the CHOIR Body Map (male and female body; front and back
view; coordinates MIT, Copyright (c) 2021 Eric Cramer, shipped in
``data/bodymap/`` with its licence).  The finer zones (one for every region id
of the content, e.g. ``lumbar_paraspinal_left``) are hand-drawn in the same
coordinates for each body; left and right zones are exact mirror images.

Orientation: in the FRONT view the patient faces you, so the patient's right
is on the picture's left; in the BACK view you look at the patient from
behind, so the patient's left is on the picture's left.  Every drawing labels
"patient's left" / "patient's right" on the correct sides.

Marks ("roles"): every marked region carries one of :data:`ROLES`:
``source`` (where the problem is), ``referred`` (where its pain is felt),
``claimed`` (an area the source article claimed, unsupported by evidence),
``contrast`` (another condition's pattern, shown to tell them apart) and
``red_flag`` (e.g. the saddle area in cauda equina syndrome).  One table,
``_style.ROLE_STYLES``, gives each role its fill, hatch, outline, legend text
and alt-text wording.

Each region belongs to one view (``region.view``).  :func:`plot_body_map`
draws one view and REJECTS regions of the other view with a ``ValueError``
naming the view they belong to (pass ``other_view="ignore"`` to skip them
silently instead); :func:`plot_referred_pain` and :class:`BodyMapFigure` draw
both views and put each region on its own view.

Typical use::

    from matplotlib.figure import Figure
    from iliopsoas_lessons.figures.bodymap import plot_body_map, ReferredPainFigure

    fig = Figure(); ax = fig.add_subplot()
    plot_body_map(ax, ["groin_left"], view="front", referred=["front_thigh_upper_left"],
                  claimed=["lateral_hip_left"], body="female")

    live = ReferredPainFigure()
    live.show("back_pain", side="right")   # in place, no rebuild
    png = live.to_png()
"""
from __future__ import annotations

from matplotlib.legend import Legend
from matplotlib.patches import Patch, PathPatch

from . import style as st
from .live import LiveFigure
from .bodymap_geometry import (BODIES, ROLE_STYLES, ROLES, SIDES, VIEWS, check_body, check_marks,
                            check_regions, geometry, is_contrast_pattern, outline_shapes,
                            region_info, region_shapes, split_marks, symptom, symptom_marks,
                            zone_zorder, midline_x)
from .bodymap_text import (body_map_alt_text, marks_alt_text, pattern_heading,
                            referred_pain_alt_text, side_words)

__all__ = [
    "VIEWS", "SIDES", "BODIES", "ROLES", "ROLE_STYLES", "legend_handles",
    "plot_body_map", "plot_referred_pain",
    "body_map_alt_text", "referred_pain_alt_text", "marks_alt_text",
    "region_shapes", "outline_shapes", "region_info", "midline_x",
    "BodyMapFigure", "ReferredPainFigure",
]

VIEW_TITLES = {
    "front": "Front (facing you)",
    "back": "Back (seen from behind)",
}


# ---------------------------------------------------------------- styling
def _apply_role(patch: PathPatch, role: str | None) -> None:
    if role is None:
        patch.set_visible(False)
        return
    s = ROLE_STYLES[role]
    patch.set_visible(True)
    patch.set_facecolor(s["facecolor"])
    patch.set_edgecolor(s["edgecolor"])
    patch.set_hatch(s["hatch"])
    patch.set_linestyle(s["linestyle"])
    patch.set_linewidth(s["linewidth"])
    patch.set_alpha(s["alpha"])


def legend_handles(roles=("source", "referred")) -> list:
    """Proxy patches explaining the marks (by default source vs referred)."""
    out = []
    for role in roles:
        s = ROLE_STYLES[role]
        out.append(Patch(facecolor=s["facecolor"], edgecolor=s["edgecolor"],
                         hatch=s["hatch"], linestyle=s["linestyle"], linewidth=s["linewidth"],
                         alpha=s["alpha"], label=s["label"], gid=f"legend_{role}"))
    return out


_LEGEND_KW = {"frameon": False, "fontsize": st.FONT_SIZE, "handlelength": 2.2,
              "handleheight": 1.4, "columnspacing": 1.2, "borderaxespad": 0.0}


def _legend(ax, roles):
    return ax.legend(handles=legend_handles(roles), loc="upper left",
                     bbox_to_anchor=(0.0, 0.0), ncol=2, **_LEGEND_KW)


# ------------------------------------------------------------- plotting
def plot_body_map(ax, highlight=(), *, view: str = "front", referred=(),
                  labels: bool = True, title: str | None = None,
                  all_zones: bool = False, other_view: str = "error",
                  claimed=(), contrast=(), red_flag=(), body: str = "male") -> dict:
    """Draw one view of one body's map on ``ax`` and return what was drawn.

    Each keyword marks region ids with one role: ``highlight`` where the
    problem is (source), ``referred`` where its pain is felt, ``claimed``
    areas the article claimed without evidence, ``contrast`` another
    condition's pattern and ``red_flag`` a red-flag area; each role has its
    own fill, hatch and outline (``_style.ROLE_STYLES``).  A region may carry
    one role.  A region of the other view raises ``ValueError``
    (``other_view="error"``, default) or is skipped (``"ignore"``).  With
    ``all_zones=True`` every zone of the view is created (hidden unless
    marked) so it can be switched on later in place.  ``body``: one of
    :data:`BODIES`.

    Returns ``{"outline": {gid: PathPatch}, "regions": {region_id: PathPatch},
    "labels": [Text, ...]}``; every patch's gid is its id.
    """
    st.check_choice("view", view, VIEWS)
    st.check_choice("other_view", other_view, ("error", "ignore"))
    geo = geometry(check_body(body))[view]
    groups = {role: check_regions(st.as_tuple(keys), view, other_view, role)
              for role, keys in (("source", highlight), ("referred", referred),
                                 ("claimed", claimed), ("contrast", contrast),
                                 ("red_flag", red_flag))}
    roles = check_marks(groups)

    outline = {}
    for gid, (path, name, side) in geo["segments"].items():
        p = PathPatch(path, facecolor=st.SKIN, edgecolor=st.SKIN_EDGE, linewidth=0.5,
                      zorder=1, gid=gid, label=f"{name} ({side_words(side)})")
        st.add_patch(ax, p)
        outline[gid] = p

    zorder = zone_zorder(body, view)
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


def _used_roles(marks: dict) -> tuple:
    used = set(marks.values())
    return tuple(r for r in ROLES if r in used)


def plot_referred_pain(axes, symptom_key: str, *, side: str = "left",
                       legend: bool = True, extras: bool = False,
                       body: str = "male") -> dict:
    """Draw a symptom's pain pattern on a pair of axes ``(front_ax, back_ax)``.

    ``side`` is the side of the problem (the content's patterns are written
    for the left and mirrored).  ``extras=True`` also marks the regions the
    article claimed (``claimed`` role) and the contrasting pattern
    (``contrast`` role).  A pattern no iliopsoas condition gives (sciatic-type
    pain) is always drawn with its contrast pattern.  Returns ``{"front": ...,
    "back": ..., "legend": Legend | None, "note": Text | None}`` where
    front/back are the dicts of :func:`plot_body_map`.

    For a symptom without pain regions (``lumbar_curve``) the front axes show
    the outline with a note and the back axes show the lumbar-curve schematic
    (a one-sided spasm leaning the spine), never a silently empty map.
    """
    front_ax, back_ax = axes
    st.check_choice("side", side, SIDES)
    check_body(body)
    sym = symptom(symptom_key)
    marks = symptom_marks(symptom_key, side, claimed=extras, contrast=extras)
    out = {"legend": None, "note": None}
    if sym.diagram == "lumbar_curve" or not marks:
        from .anatomy import plot_lumbar_curve

        out["front"] = plot_body_map(front_ax, (), view="front", body=body)
        out["note"] = _note_text(front_ax, _LUMBAR_NOTE, gid="note_no_regions")
        out["back"] = plot_lumbar_curve(back_ax, spasm=0.6, side=side)
        return out
    for view, ax in (("front", front_ax), ("back", back_ax)):
        by = split_marks(marks, view)
        out[view] = plot_body_map(ax, by["source"], view=view, referred=by["referred"],
                                  claimed=by["claimed"], contrast=by["contrast"],
                                  red_flag=by["red_flag"], body=body)
        if not any(by.values()):
            out[view]["labels"].append(_empty_view_text(ax, view))
    if legend:
        out["legend"] = _legend(front_ax, _used_roles(marks))
    return out


# ---------------------------------------------------- in-place figures
_FRONT_RECT = (0.01, 0.17, 0.48, 0.73)
_BACK_RECT = (0.51, 0.17, 0.48, 0.73)
# Upper-left corners (figure fraction) of the legend rows, two per row, in
# the order of ROLES among the roles shown.
_LEGEND_SLOTS = ((0.02, 0.165), (0.52, 0.165), (0.02, 0.105), (0.52, 0.105),
                 (0.02, 0.045))


class _TwoViewFigure(LiveFigure):
    """Front and back view of one body, with one legend entry per role.

    The zones of a body are built once (all hidden); the marks change only
    their style and visibility.  Another body's views are built on first use
    of :meth:`set_body` and then switched by visibility.  Each role has its
    own one-entry legend; the roles in use are laid out in order (legends
    are static: each combination keeps its own cached background).
    """

    size = (6.0, 6.0)

    def __init__(self, *, size=None, body: str = "male"):
        super().__init__(size=size)
        fig = self.figure
        self.title = fig.text(0.5, 0.99, "", ha="center", va="top", linespacing=1.4,
                              fontsize=st.FONT_SIZE + 2, fontweight="bold", color=st.TEXT,
                              gid="figure_title", zorder=10)
        self.legends = {}
        for role, handle in zip(ROLES, legend_handles(ROLES)):
            leg = Legend(fig, [handle], [handle.get_label()], loc="upper left",
                         bbox_to_anchor=_LEGEND_SLOTS[0], bbox_transform=fig.transFigure,
                         **_LEGEND_KW)
            leg.set_gid(f"legend_{role}")
            leg.set_zorder(9)
            leg.set_visible(False)
            fig.add_artist(leg)
            self.legends[role] = leg
        self.legend_roles: tuple = ()
        self.marks: dict = {}
        self._bodies = {}
        self._bg_cache = {}
        self._mode_now = None
        self.body = None
        self._use_body(check_body(body))

    # -- bodies -----------------------------------------------------------
    def _build_body(self, body: str) -> dict:
        axes = (self.figure.add_axes(_FRONT_RECT), self.figure.add_axes(_BACK_RECT))
        views = {view: plot_body_map(ax, (), view=view, all_zones=True, body=body)
                 for view, ax in zip(VIEWS, axes)}
        return {"axes": axes, "views": views,
                "patches": {k: p for d in views.values() for k, p in d["regions"].items()},
                "empty_notes": {view: _empty_view_text(ax, view)
                                for view, ax in zip(VIEWS, axes)}}

    def _use_body(self, body: str) -> None:
        if body not in self._bodies:
            self._bodies[body] = self._build_body(body)
        for b, parts in self._bodies.items():
            for ax in parts["axes"]:
                ax.set_visible(b == body)
        parts = self._bodies[body]
        self.body = body
        self.axes, self._views = parts["axes"], parts["views"]
        self.patches, self.empty_notes = parts["patches"], parts["empty_notes"]
        self._dynamic = sorted(list(self.patches.values()) + [self.title]
                               + list(self.empty_notes.values()), key=lambda a: a.get_zorder())

    def _mode(self):
        return (self.body, self.legend_roles)

    def _switch_background(self) -> None:
        """Static pixels differ between bodies, legends (and modes): the
        background of each is cached, so a change of marks that keeps the
        legend redraws only the zones."""
        mode = self._mode()
        if mode != self._mode_now:
            if self._mode_now is not None:
                self._bg_cache[self._mode_now] = self._background
            self._background = self._bg_cache.get(mode)
            self._mode_now = mode

    def _apply(self, marks: dict, *, notes: bool = True, legend: bool = True) -> None:
        for k, p in self.patches.items():
            _apply_role(p, marks.get(k))
        marked = {region_info(k).view for k in marks}
        for view, t in self.empty_notes.items():
            t.set_visible(notes and view not in marked)
        self.legend_roles = _used_roles(marks) if legend else ()
        for leg in self.legends.values():
            leg.set_visible(False)
        for slot, role in zip(_LEGEND_SLOTS, self.legend_roles):
            leg = self.legends[role]
            leg.set_bbox_to_anchor(slot, transform=self.figure.transFigure)
            leg.set_visible(True)
        self._switch_background()


class BodyMapFigure(_TwoViewFigure):
    """Front and back body map whose marks change in place.

    ``set_highlight(source=..., referred=..., claimed=..., contrast=...,
    red_flag=...)`` or ``set_marks({region: role})`` puts each region on its
    own view; only zone patches and legend entries change (no artists are
    added or removed).  ``set_body("female")`` switches the body.
    """

    def __init__(self, *, size=None, body: str = "male", title: str = ""):
        super().__init__(size=size, body=body)
        self.title.set_text(title)
        self._apply({})

    @property
    def source(self) -> tuple:
        return tuple(k for k, r in self.marks.items() if r == "source")

    @property
    def referred(self) -> tuple:
        return tuple(k for k, r in self.marks.items() if r == "referred")

    def set_marks(self, marks: dict) -> "BodyMapFigure":
        """Mark regions: ``{region id: role}`` (every role of :data:`ROLES`)."""
        groups = {}
        for k, role in dict(marks).items():
            groups.setdefault(role, []).append(k)
        self.marks = check_marks(groups)
        self._apply(self.marks)
        return self

    def set_highlight(self, source=(), referred=(), *, claimed=(), contrast=(),
                      red_flag=()) -> "BodyMapFigure":
        self.marks = check_marks({"source": source, "referred": referred, "claimed": claimed,
                                  "contrast": contrast, "red_flag": red_flag})
        self._apply(self.marks)
        return self

    def set_body(self, body: str) -> "BodyMapFigure":
        self._use_body(check_body(body))
        self._apply(self.marks)
        return self

    @property
    def alt_text(self) -> str:
        return marks_alt_text(self.marks, body=self.body, title=self.title.get_text())


class ReferredPainFigure(_TwoViewFigure):
    """The pain pattern of one symptom, switched in place by :meth:`show`.

    ``show(symptom_key, side)`` changes facecolour, hatch and visibility of
    the existing zone patches, the legend entries and the title text; it
    never rebuilds.  For ``lumbar_curve`` the back view is replaced by the
    lumbar-curve schematic and the front view carries a note (both pre-built,
    toggled by visibility).  A contrast pattern (sciatic-type pain) is shown
    with its contrasting pattern and a title saying what it is.
    """

    def __init__(self, *, size=None, body: str = "male"):
        self._curve_axes = {}
        self._curve_mode = False
        self.side = "left"
        super().__init__(size=size, body=body)
        from .anatomy import plot_lumbar_curve

        for side in SIDES:
            ax = self.figure.add_axes(_BACK_RECT)
            plot_lumbar_curve(ax, spasm=0.6, side=side)
            ax.set_visible(False)
            self._curve_axes[side] = ax
        self.notes = {b: self._note(b) for b in self._bodies}
        self.extras = False
        self.symptom_key = None
        self.show("back_pain", "left")

    def _note(self, body):
        t = _note_text(self._bodies[body]["axes"][0], _LUMBAR_NOTE, gid="note_no_regions")
        t.set_visible(False)
        return t

    @property
    def note(self):
        return self.notes[self.body]

    def _mode(self):
        return ((self.body, "curve", self.side) if self._curve_mode
                else (self.body, "map", self.legend_roles))

    def show(self, symptom_key: str, side: str = "left", *,
             extras: bool = False) -> "ReferredPainFigure":
        """Show a symptom's pattern for a problem on ``side``; ``extras=True``
        also marks what the article claimed and the contrasting pattern."""
        st.check_choice("side", side, SIDES)
        sym = symptom(symptom_key)
        marks = symptom_marks(symptom_key, side, claimed=extras, contrast=extras)
        curve = sym.diagram == "lumbar_curve" or not marks
        self.symptom_key, self.side, self._curve_mode = symptom_key, side, curve
        self.extras = bool(extras)
        self.marks = {} if curve else marks
        self.axes[1].set_visible(not curve)
        for s, ax in self._curve_axes.items():
            ax.set_visible(curve and s == side)
        self.note.set_visible(curve)
        self._apply(self.marks, notes=not curve, legend=not curve)
        self.title.set_text(pattern_heading(symptom_key, side))
        return self

    def set_body(self, body: str) -> "ReferredPainFigure":
        check_body(body)
        self.note.set_visible(False)
        self._use_body(body)
        if body not in self.notes:
            self.notes[body] = self._note(body)
        return self.show(self.symptom_key, self.side, extras=self.extras)

    @property
    def alt_text(self) -> str:
        return referred_pain_alt_text(self.symptom_key, side=self.side, extras=self.extras,
                                      body=self.body)
