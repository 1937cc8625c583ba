"""Injury mechanisms on the front view, and the live front-view figure.

* :func:`plot_mechanism` - the front view (:mod:`.anatomy_front`) with a
  mechanism's parts highlighted, an arrow and a short cited note.
* :class:`AnatomyFigure` - the front view updated in place: it shows a
  highlight or a mechanism.  It lives here, not in :mod:`.anatomy_front`,
  because it carries every mechanism's note.

Both show their state through :func:`.anatomy_front.show_front_state`.
"""
from __future__ import annotations

from functools import lru_cache

from matplotlib.patches import FancyArrowPatch

from . import style as st
from ..content import course
from .anatomy_front import (add_highlight_layer, anatomy_alt_text, check_parts, plot_anatomy,
                            show_front_state)
from .live import LiveFigure

__all__ = ["plot_mechanism", "mechanism_alt_text", "AnatomyFigure"]


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



def plot_mechanism(ax, mechanism_key: str, *, labels: bool = True) -> dict:
    """The front view with a mechanism's parts highlighted, an arrow and a note."""
    title, parts = _check_mechanism(mechanism_key)
    out = plot_anatomy(ax, labels=labels, title=title)
    out["arrow"], out["note"] = _mechanism_note(ax, mechanism_key)
    out["notes"] = {mechanism_key: (out["arrow"], out["note"])}
    show_front_state(out, parts, mechanism_key)
    return out


def mechanism_alt_text(mechanism_key: str) -> str:
    title, parts = _check_mechanism(mechanism_key)
    note = course().figure_texts[f"mechanism_{mechanism_key}"].text
    return (f"{title}: " + note.replace("\n", " ") + ". "
            + anatomy_alt_text(parts))


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
