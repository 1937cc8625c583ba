"""The look of an unmarked pain-map area as Python states it
(figures/bodymap_svg.py ``CHOICE_STYLE``), written as the SVG declarations
matplotlib gives it, worked out here from the style table and matplotlib's
dash rule, not read from the drawing: the pain-map tests compare the
drawing, painmap.js (node) and the page (browser) with it."""

from __future__ import annotations

import matplotlib
from matplotlib.colors import to_hex

from iliopsoas_lessons.figures.bodymap_svg import CHOICE_STYLE


def _number(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def unmarked_look() -> dict[str, str]:
    """{property: value} of an unmarked area, as CSS declarations."""
    s = CHOICE_STYLE
    assert s["linestyle"] == "--", "only the dashed outline is worked out here"
    dashes = [d * s["linewidth"] for d in matplotlib.rcParams["lines.dashed_pattern"]]
    return {
        "fill": to_hex(s["facecolor"]),
        "fill-opacity": _number(s["face_alpha"]),
        "stroke": to_hex(s["edgecolor"]),
        "stroke-width": _number(s["linewidth"]),
        "stroke-dasharray": ",".join(_number(d) for d in dashes),
    }


def declarations(style: str) -> dict[str, str]:
    """An inline ``style`` attribute as {property: value}."""
    return {k.strip(): v.strip() for k, v in (d.split(":", 1) for d in style.split(";") if d.strip())}
