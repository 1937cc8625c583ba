"""Body maps as inline SVG: the clickable map of the pain-map exercise and
the small maps of the comparison.

The same drawing as every other body map (:func:`.bodymap_plot.plot_body_map`:
the CHOIR outline, the zones, the side labels), written through
:func:`.svg.figure_to_svg`, so each zone keeps its region id as ``data-gid``:
the page finds a region by its key, with no second copy of the geometry.
"""
from __future__ import annotations

from functools import lru_cache

from . import style as st
from .bodymap_geometry import VIEWS, check_body, region_info
from .bodymap_plot import _apply_role, plot_body_map
from .svg import figure_to_svg

__all__ = ["choice_map_svg", "marks_map_svg", "CHOICE_STYLE"]

# A region the learner may click, before any mark: a faint fill (so the
# whole area takes the click) and a dashed grey outline.
CHOICE_STYLE = {"facecolor": "#FFFFFF", "alpha": 0.35, "edgecolor": "#555555", "linestyle": "--",
                "linewidth": 0.9}
# Small in inches, so that the page, which scales the SVG to its column
# (about 560 px), shows the side labels at 12 px or more.
_SIZE = (4.4, 4.0)
_RECTS = {"front": (0.0, 0.0, 0.5, 0.94), "back": (0.5, 0.0, 0.5, 0.94)}
_LABEL_PT = {"title": 8.5, "label": 6.5}


def _two_views(size=_SIZE, *, body: str):
    fig = st.new_figure(size)
    drawn = {view: plot_body_map(fig.add_axes(_RECTS[view]), (), view=view, all_zones=True,
                                 body=body)
             for view in VIEWS}
    for d in drawn.values():
        for text in d["labels"]:
            text.set_fontsize(_LABEL_PT["title" if text.get_gid().startswith("title") else "label"])
    return fig, {k: p for d in drawn.values() for k, p in d["regions"].items()}


@lru_cache(maxsize=8)
def choice_map_svg(choices: tuple[str, ...], *, body: str = "male") -> str:
    """Front and back view of ``body`` with the ``choices`` (region ids) drawn
    as outlined zones, every other zone left out; each zone's element has
    ``data-gid="<region id>"`` (ids prefixed ``pm-``).  No title, no legend:
    the page around it says what the map is."""
    check_body(body)
    choices = tuple(choices)
    for key in choices:
        region_info(key)  # an unknown region: LookupError naming the valid ones
    fig, patches = _two_views(body=body)
    for key, patch in patches.items():
        patch.set_visible(key in choices)
        patch.set(**{k: v for k, v in CHOICE_STYLE.items()})
        patch.set_hatch(None)
    svg = figure_to_svg(fig, id_prefix="pm-")
    fig.clear()
    return svg


@lru_cache(maxsize=64)
def marks_map_svg(marks: tuple[tuple[str, str], ...], *, body: str = "male", alt: str = "",
                  id_prefix: str = "") -> str:
    """A small front-and-back map with ``marks`` (``((region, role), ...)``),
    each zone drawn with its role's style; for small multiples side by side.
    Title and legend are left to the page (HTML text, never clipped)."""
    check_body(body)
    fig, patches = _two_views((4.0, 3.9), body=body)
    roles = dict(marks)
    for key in roles:
        region_info(key)
    for key, patch in patches.items():
        _apply_role(patch, roles.get(key))
    svg = figure_to_svg(fig, alt=alt, id_prefix=id_prefix)
    fig.clear()
    return svg
