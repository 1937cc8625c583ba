"""Injury mechanisms: each one drawn as its own close-up.

* :func:`plot_mechanism` - a mechanism's close-up schematic on ONE side (the
  tear, the thickened tendon and bursa, the snap through the hip-angle model,
  the prosthetic cup, the avulsed fragment, pus, blood); the scenes and what
  each was checked against are in :mod:`.mechanism_scenes`.
* :class:`MechanismFigure` - each scene built the first time it is shown,
  then switched in place.

The front view with its highlights is :class:`.anatomy_front.FrontViewFigure`.
"""

from __future__ import annotations

from functools import lru_cache

from ..content import course
from .live import LiveFigure
from .mechanism_scenes import DEFAULT_SIDE, LESION_GIDS, build_scenes, check_side, scene_alt_text, show_scene

__all__ = ["plot_mechanism", "mechanism_alt_text", "MechanismFigure", "DEFAULT_SIDE"]


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
    """Every mechanism's close-up, each built the first time it is shown
    (a lesson opens on one); :meth:`set_mechanism` and :meth:`set_side` show
    one and hide the rest (nothing is rebuilt).  The pixels of each
    (mechanism, side) are cached after their first drawing."""

    size = (8.0, 6.4)

    def __init__(self, mechanism_key: str | None = None, side: str = DEFAULT_SIDE, *, size=None):
        super().__init__(size=size)
        host = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        self.artists = build_scenes(host, self.figure.add_axes, keys=())
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

    def _mode(self):
        """Names the static picture in use: each (mechanism, side) has its own."""
        return (self.mechanism, self.side)

    def set_side(self, side: str) -> "MechanismFigure":
        return self.set_mechanism(self.mechanism, side)

    @property
    def lesions(self) -> dict:
        """gid -> artist of every lesion drawn so far (shown or hidden)."""
        return {
            a.get_gid(): a
            for arts in self.artists["scenes"].values()
            for a in arts
            if any(a.get_gid() in gids for gids in LESION_GIDS.values())
        }

    @property
    def alt_text(self) -> str:
        return mechanism_alt_text(self.mechanism, self.side)
