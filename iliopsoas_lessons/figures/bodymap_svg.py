"""Body maps as inline SVG: the clickable map of the pain-map exercise and
the small maps of the comparison.

The same drawing as every other body map (:func:`.bodymap_plot.plot_body_map`:
the CHOIR outline, the zones, the side labels), written through
:func:`.svg.figure_to_svg`, so each zone keeps its region id as ``data-gid``:
the page finds a region by its key, with no second copy of the geometry.
"""

from __future__ import annotations

import re
from functools import lru_cache

from matplotlib.colors import to_rgba

from . import style as st
from .bodymap_geometry import ROLE_STYLES, VIEWS, check_body, check_role, region_info
from .bodymap_plot import _apply_role, plot_body_map
from .svg import figure_to_svg, hatch_pattern

__all__ = ["choice_map_svg", "marks_map_svg", "role_swatch_svg", "tile_pattern", "CHOICE_STYLE"]

# A region the learner may click, before any mark: a faint fill (so the
# whole area takes the click) and a dashed grey outline, opaque so that the
# area's edge stands out (WCAG 1.4.11).  The one copy of this look: the page
# (painmap.js) keeps what matplotlib writes from it for an unmarked area.
CHOICE_STYLE = {"facecolor": "#FFFFFF", "face_alpha": 0.35, "edgecolor": "#555555", "linestyle": "--", "linewidth": 0.9}
# Small in inches, so that the page, which scales the SVG to its column
# (about 560 px), shows the side labels at 12 px or more.
_SIZE = (4.4, 4.0)
_RECTS = {"front": (0.0, 0.0, 0.5, 0.94), "back": (0.5, 0.0, 0.5, 0.94)}
_LABEL_PT = {"title": 8.5, "label": 7.0}  # 12.8 px at the map's full width (580 px, painmap.css)


_PATH_DATA = re.compile(r' d="([^"]*)"')
_LONG_DECIMAL = re.compile(r"(\d\.\d)\d+")


def _compact(svg: str) -> str:
    """Path coordinates to 0.1 unit (a tenth of a point): a third lighter, and
    the same picture at any size a page shows."""
    return _PATH_DATA.sub(lambda m: ' d="' + _LONG_DECIMAL.sub(r"\1", m.group(1)) + '"', svg)


def _two_views(size=_SIZE, *, body: str, labels: bool = True):
    fig = st.new_figure(size)
    rects = _RECTS if labels else {v: (x, 0.0, w, 1.0) for v, (x, _, w, _) in _RECTS.items()}
    drawn = {
        view: plot_body_map(fig.add_axes(rects[view]), (), view=view, all_zones=True, body=body, labels=labels)
        for view in VIEWS
    }
    for d in drawn.values():
        for text in d["labels"]:
            text.set_fontsize(_LABEL_PT["title" if text.get_gid().startswith("title") else "label"])
    return fig, {k: p for d in drawn.values() for k, p in d["regions"].items()}


def _apply_choice_style(patch) -> None:
    """CHOICE_STYLE on a zone: the alpha on the face only (matplotlib's
    ``alpha`` would fade the outline too)."""
    s = CHOICE_STYLE
    patch.set_alpha(None)
    patch.set_facecolor(to_rgba(s["facecolor"], s["face_alpha"]))
    patch.set(edgecolor=s["edgecolor"], linestyle=s["linestyle"], linewidth=s["linewidth"])
    patch.set_hatch(None)


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
        _apply_choice_style(patch)
    svg = figure_to_svg(fig, id_prefix="pm-")
    fig.clear()
    return _compact(svg)


def tile_pattern(pattern_id: str, role: str) -> str:
    """An SVG ``<pattern>``: the role's fill colour with its hatch drawn over
    it, by the figures' own code (:func:`.svg.hatch_pattern`, with the ink
    and opacity matplotlib gives a patch of the role), so a role's key looks
    as its zones do in every map and figure."""
    check_role(role)
    s = ROLE_STYLES[role]
    return hatch_pattern(pattern_id, s["hatch"], face=s["facecolor"], ink=to_rgba(s["hatchcolor"], s["alpha"]))


@lru_cache(maxsize=64)
def marks_map_svg(
    marks: tuple[tuple[str, str], ...], *, body: str = "male", alt: str = "", id_prefix: str = "map-"
) -> str:
    """A small front-and-back map with ``marks`` (``((region, role), ...)``),
    each zone drawn in its role's colour, outline and hatch (matplotlib's,
    as in every figure); for small multiples side by side.  The view titles, the side labels, the map's
    title and key are left to the page: HTML text stays readable when the
    map is small, and is never clipped."""
    check_body(body)
    if not id_prefix:
        raise ValueError("id_prefix must be a non-empty text: the zones' tiles are found by it")
    fig, patches = _two_views((4.0, 3.5), body=body, labels=False)
    roles = dict(marks)
    for key in roles:
        region_info(key)
    for key, patch in patches.items():
        _apply_role(patch, roles.get(key))
    svg = figure_to_svg(fig, alt=alt, id_prefix=id_prefix)
    fig.clear()
    return _compact(svg)


@lru_cache(maxsize=64)
def role_swatch_svg(role: str, *, id_prefix: str = "") -> str:
    """A legend swatch: a small rectangle in the role's colour, outline and
    tile hatch, as the SVG maps draw its zones."""
    check_role(role)
    s = ROLE_STYLES[role]
    dash = {"-": "", "--": "5 2.5", ":": "1.5 2", "-.": "6 2 1.5 2"}.get(s["linestyle"], "6 2 1.5 2 1.5 2")
    pid = f"{id_prefix}swatch-{role}"
    return (
        f'<svg viewBox="0 0 30 20" width="100%" aria-hidden="true" focusable="false">'
        f"<defs>{tile_pattern(pid, role)}</defs>"
        f'<rect x="1.5" y="1.5" width="27" height="17" fill="url(#{pid})" fill-opacity="{s["alpha"]}" '
        f'stroke="{s["edgecolor"]}" stroke-width="{1.4 * s["linewidth"]:.2f}" '
        f'stroke-dasharray="{dash or "none"}"/></svg>'
    )
