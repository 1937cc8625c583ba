"""The class heat map: how many learners marked each body-map region.

Each counted region is filled more strongly the more learners marked it, and
its number is written on it, so the count never rests on colour alone; a
region nobody marked keeps a dashed outline and a "0". Regions not offered
in the exercise are not drawn. Used by the teacher's class report
(:mod:`iliopsoas_lessons.report`)::

    fig = Figure(); axes = fig.subplots(1, 2)
    plot_region_counts(axes[0], {"groin_left": 31, "saddle": 2}, learners=40, view="front")
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from . import style as st
from .bodymap_geometry import VIEWS, region_info
from .bodymap_plot import plot_body_map, plot_referred_pain
from .bodymap_text import region_phrase

__all__ = ["plot_region_counts", "class_heat_map_figure", "reference_pattern_figure", "region_counts_alt_text"]

_FILL = to_rgb(st.OKABE_ITO["blue"])
_WHITE = (1.0, 1.0, 1.0)


def _fill(share: float) -> tuple:
    """White for no one, the palette's blue for everyone; light enough in between to read the number."""
    strength = 0.15 + 0.7 * min(max(share, 0.0), 1.0)
    return tuple(w + (c - w) * strength for w, c in zip(_WHITE, _FILL))


def _centre(patch) -> tuple[float, float]:
    vertices = patch.get_path().vertices
    return float(np.mean(vertices[:, 0])), float(np.mean(vertices[:, 1]))


def plot_region_counts(
    ax, counts: dict, *, learners: int, view: str = "front", body: str = "male", title: str | None = None
) -> dict:
    """Draw one view with each region of ``counts`` ({region id: learners who
    marked it}) filled by its share of ``learners`` and labelled with its count.

    Regions of the other view are skipped. Returns :func:`plot_body_map`'s
    dict plus ``"counts"``: {region id: the Text written on it}, gid ``count_<id>``.
    """
    st.check_choice("view", view, VIEWS)
    if isinstance(learners, bool) or not isinstance(learners, int) or learners < 0:
        raise ValueError(f"learners must be a whole number 0 or more, not {learners!r}")
    drawn = plot_body_map(ax, view=view, all_zones=True, labels=True, title=title, body=body)
    texts = {}
    for key, patch in drawn["regions"].items():
        if key not in counts:
            patch.set_visible(False)
            continue
        n = counts[key]
        patch.set_visible(True)
        patch.set_alpha(None)
        patch.set_hatch("")
        patch.set_facecolor(_fill(n / learners if learners else 0.0) if n else _WHITE)
        patch.set_edgecolor(st.TEXT if n else st.MUTED)
        patch.set_linestyle("-" if n else "--")
        patch.set_linewidth(0.9)
        x, y = _centre(patch)
        texts[key] = ax.text(
            x,
            y,
            str(n),
            ha="center",
            va="center",
            fontsize=st.FONT_SIZE,
            fontweight="bold",
            color=st.TEXT,
            zorder=9,
            gid=f"count_{key}",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )
    return {**drawn, "counts": texts}


def class_heat_map_figure(counts: dict, *, learners: int, body: str = "male") -> Figure:
    """Front and back views of the class counts, side by side."""
    fig = Figure(figsize=(6.4, 5.4))
    front, back = fig.subplots(1, 2)
    for ax, view in ((front, "front"), (back, "back")):
        on_view = {k: n for k, n in counts.items() if region_info(k).view == view}
        plot_region_counts(ax, on_view, learners=learners, view=view, body=body)
    fig.text(
        0.5,
        0.02,
        f"Number on each area: how many of {learners} learners marked it; darker = more.",
        ha="center",
        va="bottom",
        fontsize=st.FONT_SIZE,
        color=st.TEXT,
        gid="heat_map_key",
    )
    fig.subplots_adjust(left=0.01, right=0.99, top=0.97, bottom=0.08, wspace=0.04)
    return fig


def reference_pattern_figure(symptom_key: str, *, side: str = "left", body: str = "male") -> Figure:
    """The symptom's reference pattern, as the lessons draw it, to set beside the class map."""
    fig = Figure(figsize=(6.4, 5.4))
    plot_referred_pain(fig.subplots(1, 2), symptom_key, side=side, body=body)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.97, bottom=0.2, wspace=0.04)
    return fig


def region_counts_alt_text(counts: dict, *, learners: int) -> str:
    """The heat map in words: each area with its count, most marked first."""
    marked = sorted(((n, k) for k, n in counts.items() if n), key=lambda nk: (-nk[0], list(counts).index(nk[1])))
    parts = [f"{region_phrase([k])}: {n} of {learners}" for n, k in marked]
    text = f"Class heat map, front and back views, {learners} learners. "
    text += ("Areas marked: " + "; ".join(parts) + ". ") if parts else "No area was marked. "
    unmarked = [k for k, n in counts.items() if not n]
    if unmarked:
        text += f"Marked by no one: {region_phrase(unmarked)}."
    return text.strip()
