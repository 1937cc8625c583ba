"""Injury mechanisms: each one drawn as its own close-up, and the live
front view.

* :func:`plot_mechanism` - a mechanism's close-up schematic on ONE side (the
  tear, the thickened tendon and bursa, the snap through the hip-angle model,
  the prosthetic cup, the avulsed fragment, pus, blood); the scenes and what
  each was checked against are in :mod:`.mechanism_scenes`.
* :class:`MechanismFigure` - every scene built once and switched in place.
* :class:`AnatomyFigure` - the front view (:mod:`.anatomy_front`) updated in
  place with a highlight; its older ``set_mechanism`` (the mechanism's parts
  highlighted on the front view) is no longer used by the lessons.
"""
from __future__ import annotations

from functools import lru_cache

from matplotlib.patches import FancyArrowPatch

from . import style as st
from ..content import course
from .anatomy_front import (add_highlight_layer, anatomy_alt_text, check_parts, plot_anatomy,
                            show_front_state)
from .live import LiveFigure
from .mechanism_scenes import DEFAULT_SIDE, LESION_GIDS, build_scenes, check_side, scene_alt_text, show_scene

__all__ = ["plot_mechanism", "mechanism_alt_text", "MechanismFigure", "AnatomyFigure",
           "DEFAULT_SIDE"]


# ------------------------------------------------------------ content
@lru_cache(maxsize=None)
def _mechanisms() -> dict:
    """Mechanism key -> (title, part keys)."""
    return {m.key: (m.title, tuple(m.anatomy_parts)) for m in course().mechanisms}


def _check_mechanism(key: str):
    mechs = _mechanisms()
    if key not in mechs:
        raise LookupError(f"unknown mechanism {key!r}; valid choices: {', '.join(mechs)}")
    return mechs[key]


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



def _words(key: str) -> dict:
    """The scene's title and its cited note (figure_text.json)."""
    title, _ = _check_mechanism(key)
    return {"title": title, "note": course().figure_texts[f"mechanism_{key}"].text}


def plot_mechanism(ax, mechanism_key: str, *, side: str = DEFAULT_SIDE) -> dict:
    """Draw one mechanism's close-up on the patient's ``side`` ("right" by
    default, or "left") inside ``ax`` (its panels are insets of ``ax``).
    Returns the artists by role (``"scenes"``, ``"axes"``, ``"legends"``...)."""
    words, side = _words(mechanism_key), check_side(side)
    art = build_scenes(ax, ax.inset_axes, keys=(mechanism_key,))
    show_scene(art, mechanism_key, side, **words)
    return art


def mechanism_alt_text(mechanism_key: str, side: str = DEFAULT_SIDE) -> str:
    return scene_alt_text(mechanism_key, side, **_words(mechanism_key))


class MechanismFigure(LiveFigure):
    """Every mechanism's close-up, built once; :meth:`set_mechanism` and
    :meth:`set_side` show one and hide the rest (nothing is rebuilt).  The
    pixels of each (mechanism, side) are cached after their first drawing."""

    size = (8.0, 6.4)

    def __init__(self, mechanism_key: str | None = None, side: str = DEFAULT_SIDE, *, size=None):
        super().__init__(size=size)
        host = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.artists = build_scenes(host, self.figure.add_axes)
        self._bg_cache: dict = {}
        self.mechanism, self.side = None, None
        self.set_mechanism(mechanism_key or next(iter(_mechanisms())), side)

    def set_mechanism(self, mechanism_key: str, side: str | None = None) -> "MechanismFigure":
        words = _words(mechanism_key)
        side = check_side(self.side if side is None else side)
        show_scene(self.artists, mechanism_key, side, **words)
        if self.mechanism is not None:
            self._bg_cache[(self.mechanism, self.side)] = self._background
        self._background = self._bg_cache.get((mechanism_key, side))
        self.mechanism, self.side = mechanism_key, side
        return self

    def set_side(self, side: str) -> "MechanismFigure":
        return self.set_mechanism(self.mechanism, side)

    @property
    def lesions(self) -> dict:
        """gid -> artist of every lesion drawn (shown or hidden)."""
        return {a.get_gid(): a for arts in self.artists["scenes"].values() for a in arts
                if any(a.get_gid() in gids for gids in LESION_GIDS.values())}

    @property
    def alt_text(self) -> str:
        return mechanism_alt_text(self.mechanism, self.side)


class AnatomyFigure(LiveFigure):
    """Front-view anatomy with in-place highlighting.

    The base drawing is static; every part has a hidden highlight overlay
    (gid ``"<key>:highlight"``) and a highlighted label, and every mechanism
    a hidden arrow and note, switched on by :meth:`set_highlight` or
    :meth:`set_mechanism`.  Nothing is rebuilt.
    """

    size = (7.2, 5.6)

    def __init__(self, *, size=None):
        super().__init__(size=size)
        self.ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.artists = plot_anatomy(self.ax)
        self.layer = add_highlight_layer(self.ax, self.artists)
        self.layer["notes"] = {key: _mechanism_note(self.ax, key) for key in _mechanisms()}
        # the names the lesson widgets and tests use for the layer's parts
        self.overlays, self.label_overlays = self.layer["parts"], self.layer["labels"]
        self.mechanism_notes = self.layer["notes"]
        self.highlight: tuple = ()
        self.mechanism: str | None = None
        show_front_state(self.layer, self.highlight, self.mechanism)
        self._set_dynamic(list(self.overlays.values()) + list(self.label_overlays.values())
                          + [a for pair in self.mechanism_notes.values() for a in pair])

    def set_highlight(self, parts=()) -> "AnatomyFigure":
        self.highlight, self.mechanism = check_parts(parts), None
        show_front_state(self.layer, self.highlight, self.mechanism)
        return self

    def set_mechanism(self, mechanism_key: str | None) -> "AnatomyFigure":
        if mechanism_key is None:
            return self.set_highlight(())
        _, self.highlight = _check_mechanism(mechanism_key)
        self.mechanism = mechanism_key
        show_front_state(self.layer, self.highlight, self.mechanism)
        return self

    @property
    def alt_text(self) -> str:
        if self.mechanism:
            return mechanism_alt_text(self.mechanism)
        return anatomy_alt_text(self.highlight)
