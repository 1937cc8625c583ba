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

This module holds the live figures; the static drawings are in
:mod:`.bodymap_plot`, the geometry in :mod:`.bodymap_geometry` and the alt text
in :mod:`.bodymap_text`, all re-exported here.

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

from . import style as st
from .bodymap_plot import (
    _LEGEND_KW,
    _LUMBAR_NOTE,
    _apply_role,
    _empty_view_text,
    _note_text,
    _used_roles,
    legend_handles,
    plot_body_map,
    plot_referred_pain,
)
from .live import LiveFigure
from .bodymap_geometry import (
    BODIES,
    ROLE_STYLES,
    ROLES,
    SIDES,
    VIEWS,
    check_body,
    check_marks,
    midline_x,
    outline_shapes,
    region_info,
    region_shapes,
    role_labels,
    symptom,
    symptom_marks,
)
from .bodymap_text import body_map_alt_text, marks_alt_text, pattern_heading, referred_pain_alt_text

__all__ = [
    "VIEWS",
    "SIDES",
    "BODIES",
    "ROLES",
    "ROLE_STYLES",
    "legend_handles",
    "plot_body_map",
    "plot_referred_pain",
    "body_map_alt_text",
    "referred_pain_alt_text",
    "marks_alt_text",
    "region_shapes",
    "outline_shapes",
    "region_info",
    "midline_x",
    "BodyMapFigure",
    "ReferredPainFigure",
]


# ---------------------------------------------------- in-place figures
# Figure fractions of a 6.0 x 6.4 in figure: up to three lines of title on
# top (it wraps), the two views, then the legend rows.
_FRONT_RECT = (0.01, 0.16, 0.48, 0.72)
_BACK_RECT = (0.51, 0.16, 0.48, 0.72)
# Upper-left corners (figure fraction) of the legend rows, two per row, in
# the order of ROLES among the roles shown.
_LEGEND_SLOTS = ((0.02, 0.155), (0.52, 0.155), (0.02, 0.099), (0.52, 0.099), (0.02, 0.043))


class _TwoViewFigure(LiveFigure):
    """Front and back view of one body, with one legend entry per role.

    The zones of a body are built once (all hidden); the marks change only
    their style and visibility.  Another body's views are built on first use
    of :meth:`set_body` and then switched by visibility.  Each role has its
    own one-entry legend; the roles in use are laid out in order (legends
    are static: each combination keeps its own cached background).
    """

    size = (6.0, 6.4)  # 576 x 614 CSS px at the default display size

    def __init__(self, *, size=None, body: str = "male"):
        super().__init__(size=size)
        fig = self.figure
        self.title = fig.text(
            0.5,
            0.99,
            "",
            ha="center",
            va="top",
            linespacing=1.3,
            fontsize=st.HEADING_FONT_SIZE,
            fontweight="bold",
            color=st.TEXT,
            gid="figure_title",
            zorder=10,
            wrap=True,
        )
        self.legends = {}
        self._legend_slot = {}  # legend gid -> its slot, while shown
        for role, handle in zip(ROLES, legend_handles(ROLES)):
            leg = Legend(
                fig,
                [handle],
                [handle.get_label()],
                loc="upper left",
                bbox_to_anchor=_LEGEND_SLOTS[0],
                bbox_transform=fig.transFigure,
                **_LEGEND_KW,
            )
            leg.set_gid(f"legend_{role}")
            leg.set_zorder(9)
            leg.set_visible(False)
            fig.add_artist(leg)
            self.legends[role] = leg
        self._legend_artists = set(self.legends.values())
        self.legend_roles: tuple = ()
        self.legend_labels: tuple = ()  # (role, label) of the legend entries shown
        self.marks: dict = {}
        self._bodies = {}
        self._bg_cache = {}
        self._mode_now = None
        self.body = None
        self._use_body(check_body(body))

    # -- bodies -----------------------------------------------------------
    def _build_body(self, body: str) -> dict:
        axes = (self.figure.add_axes(_FRONT_RECT), self.figure.add_axes(_BACK_RECT))
        views = {view: plot_body_map(ax, (), view=view, all_zones=True, body=body) for view, ax in zip(VIEWS, axes)}
        return {
            "axes": axes,
            "views": views,
            "patches": {k: p for d in views.values() for k, p in d["regions"].items()},
            "empty_notes": {view: _empty_view_text(ax, view) for view, ax in zip(VIEWS, axes)},
        }

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
        self._dynamic = sorted(
            list(self.patches.values()) + [self.title] + list(self.empty_notes.values()), key=lambda a: a.get_zorder()
        )

    def _mode(self):
        return (self.body, self.legend_labels)

    def _svg_mode(self):
        return self.body

    def _svg_dynamic(self) -> list:
        """In SVG the legends are drawn with the zones (a few elements), so one
        background serves every legend: a step sends only the overlay."""
        return sorted([*self._dynamic, *self.legends.values()], key=lambda a: a.get_zorder())

    def _svg_fragment_key(self, artist):
        """A zone looks the same whenever it has the same role, a legend in the same slot."""
        gid = artist.get_gid()
        if artist in self._legend_artists:
            # the label is part of the key: a contrast pattern renames its
            # roles, and a legend cached with those words must not come back
            # for the next symptom (body switch, then Previous)
            return ("legend", gid, self._legend_slot.get(gid), artist.get_texts()[0].get_text())
        if gid in self.patches and self.patches[gid] is artist:
            return ("zone", self.body, gid, self.marks.get(gid))
        return None

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

    def _apply(self, marks: dict, *, notes: bool = True, legend: bool = True, labels=None) -> None:
        for k, p in self.patches.items():
            _apply_role(p, marks.get(k))
        marked = {region_info(k).view for k in marks}
        for view, t in self.empty_notes.items():
            t.set_visible(notes and view not in marked)
        self.legend_roles = _used_roles(marks) if legend else ()
        for leg in self.legends.values():
            leg.set_visible(False)
        labels = labels or {}
        self.legend_labels = tuple((role, labels.get(role, ROLE_STYLES[role]["label"])) for role in self.legend_roles)
        for slot, (role, label) in zip(_LEGEND_SLOTS, self.legend_labels):
            leg = self.legends[role]
            leg.get_texts()[0].set_text(label)  # a contrast pattern names its own marks
            leg.set_bbox_to_anchor(slot, transform=self.figure.transFigure)
            leg.set_visible(True)
            self._legend_slot[leg.get_gid()] = slot
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

    def set_highlight(self, source=(), referred=(), *, claimed=(), contrast=(), red_flag=()) -> "BodyMapFigure":
        self.marks = check_marks(
            {"source": source, "referred": referred, "claimed": claimed, "contrast": contrast, "red_flag": red_flag}
        )
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
            for text in ax.texts:  # drawn for a whole figure; here in half of one
                text.set_fontsize(st.MIN_FONT_SIZE)
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
        return (self.body, "curve", self.side) if self._curve_mode else (self.body, "map", self.legend_labels)

    def _svg_mode(self):
        return (self.body, "curve", self.side) if self._curve_mode else (self.body, "map")

    def show(self, symptom_key: str, side: str = "left", *, extras: bool = False) -> "ReferredPainFigure":
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
        self._apply(self.marks, notes=not curve, legend=not curve, labels=role_labels(sym))
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
        return referred_pain_alt_text(self.symptom_key, side=self.side, extras=self.extras, body=self.body)
