"""House style shared by the figure modules: Okabe-Ito colours, fonts, and
small drawing helpers (a pyplot-free figure, bare axes, cheap patches and
leader labels).  Deterministic PNG output is in :mod:`.png`, the base of
figures updated in place in :mod:`.live`.

Only imported by the figure modules; importing ``iliopsoas_lessons`` itself
never imports matplotlib.
"""

from __future__ import annotations

from collections.abc import Iterable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

# The Okabe-Ito palette and the body-map role table live in content.roles (no matplotlib).
from ..content.roles import OKABE_ITO, ROLE_STYLES

PALETTE = tuple(OKABE_ITO.values())

# Named views of the table (the same dicts, not copies).
SOURCE = ROLE_STYLES["source"]
REFERRED = ROLE_STYLES["referred"]
CLAIMED = ROLE_STYLES["claimed"]
CONTRAST = ROLE_STYLES["contrast"]
HIGHLIGHT = {"facecolor": OKABE_ITO["orange"], "hatch": "///", "edgecolor": "#000000"}

SKIN = "#F3EEE8"
SKIN_EDGE = "#8C8C8C"
BONE = "#EDE6D6"
BONE_EDGE = "#5A5246"
MUSCLE = "#E8B4A0"
MUSCLE_EDGE = "#8A4B3A"
NERVE = OKABE_ITO["yellow"]
NERVE_EDGE = "#7A6A00"
TEXT = "#222222"
MUTED = "#666666"

# Text size.  A figure's default display size is its natural CSS size: as a
# browser shows an SVG sized in points, one inch of figure is CSS_PX_PER_INCH
# CSS px, so a label of s pt is s * CSS_PX_PER_PT px on screen (the state
# player shows figures at most this wide; narrower screens scale them down, and the
# vector picture stays sharp when zoomed).  Labels must be at least
# MIN_LABEL_PX there (readable when projected or on a phone): MIN_FONT_SIZE pt.
CSS_PX_PER_INCH = 96
CSS_PX_PER_PT = CSS_PX_PER_INCH / 72
MIN_LABEL_PX = 12.0
MIN_FONT_SIZE = MIN_LABEL_PX / CSS_PX_PER_PT  # 9 pt
# Named sizes for new code; use these rather than arithmetic on FONT_SIZE.
LABEL_FONT_SIZE = MIN_FONT_SIZE + 0.5
HEADING_FONT_SIZE = MIN_FONT_SIZE + 1.5
# The base size the anatomy modules compute from: some subtract up to 1.5 pt
# from it, so it sits 1.5 pt above the minimum.
FONT_SIZE = MIN_FONT_SIZE + 1.5
# PNG output (assets, baselines, static snapshots): pixels per inch.
DPI = 100


def new_figure(size: tuple[float, float]) -> Figure:
    """A pyplot-free Figure with an Agg canvas attached."""
    fig = Figure(figsize=size, dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def clean_axes(ax, *, equal: bool = True) -> None:
    ax.set_axis_off()
    if equal:
        ax.set_aspect("equal")


def add_patch(ax, patch):
    """Add a patch without updating data limits (the figures set their limits
    explicitly); much cheaper than ``ax.add_patch`` for many patches."""
    ax.add_artist(patch)
    return patch


def leader(ax, text_xy, point_xy, text, *, ha, gid=None, **text_kw):
    """A label with a straight leader line: cheaper to draw than
    ``ax.annotate`` with an arrow (no path clipping against the text box)."""
    (tx, ty), (px, py) = text_xy, point_xy
    gap = 0.25 if ha == "left" else -0.25
    line = ax.plot(
        [tx - gap, px],
        [ty, py],
        color="#555555",
        lw=0.6,
        zorder=5.9,
        solid_capstyle="butt",
        gid=None if gid is None else f"{gid}_line",
    )[0]
    t = ax.text(tx, ty, text, ha=ha, va="center", gid=gid, **text_kw)
    return t, line


# Argument checks every figure module shares; kept here (not in a module of
# their own) because the body-map modules already use them from here.
def check_choice(name: str, value, choices: Iterable, exc=ValueError):
    """Raise ``exc`` naming the valid choices when ``value`` is not one of them."""
    choices = list(choices)
    if value not in choices:
        raise exc(f"unknown {name} {value!r}; choose one of: {', '.join(map(str, choices))}")
    return value


def as_tuple(value) -> tuple:
    """Accept one key or an iterable of keys."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)
