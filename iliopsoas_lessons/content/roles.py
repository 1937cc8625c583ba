"""The body-map marks ("roles"), the bodies, and which regions a symptom's map
marks with which role.

Plain data and plain Python (no matplotlib), so the lesson state objects
(``widgets/state.py``) and the figures (``bodymap``) share one definition.
``ROLE_STYLES`` is THE role table: the figures, legends and alt text all read it.
"""

from __future__ import annotations

from .loader import course as _package_course
from .models import Content

__all__ = [
    "OKABE_ITO",
    "ROLE_STYLES",
    "ROLES",
    "BODIES",
    "is_contrast_pattern",
    "contrast_kind",
    "contrast_text",
    "role_labels",
    "symptom_marks",
]

# Okabe & Ito (2008) colour-blind safe palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

# The marks of the body maps: ONE table, read by the drawing, the legends and
# the alt text.  Every role differs from every other in colour (Okabe-Ito),
# hatch AND outline style, so no mark depends on colour alone (grey-scale
# print, colour-blind readers).  ``label`` is the legend entry (line breaks
# keep the two-column legend narrow); ``alt`` starts the alt-text sentence
# that lists the role's regions; ``look`` says how the mark is drawn.
# ``hatch`` (matplotlib's hatch string) in ``hatchcolor`` is drawn by ONE code
# path everywhere (``figures/svg.py`` ``hatch_pattern``): the figures, the
# small SVG maps and their keys.  Black marks on every fill: the referred
# dots in the outline's blue were 2.2:1 on sky blue, black is 9:1.
ROLE_STYLES = {
    "source": {
        "facecolor": OKABE_ITO["vermillion"],
        "hatch": "xxx",
        "hatchcolor": "#000000",
        "edgecolor": "#000000",
        "linestyle": "-",
        "linewidth": 1.2,
        "alpha": 0.85,
        "label": "where the problem is (source)",
        "alt": "Where the problem is (source)",
        "look": "a solid outline and cross-hatching",
    },
    "referred": {
        "facecolor": OKABE_ITO["sky_blue"],
        "hatch": "...",
        "hatchcolor": "#000000",
        "edgecolor": OKABE_ITO["blue"],
        "linestyle": "--",
        "linewidth": 1.0,
        "alpha": 0.85,
        "label": "where its pain is felt (referred)",
        "alt": "Where its pain is felt (referred)",
        "look": "a dashed outline and dots",
    },
    "claimed": {
        "facecolor": OKABE_ITO["yellow"],
        "hatch": "\\\\\\",
        "hatchcolor": "#000000",
        "edgecolor": "#000000",
        "linestyle": ":",
        "linewidth": 1.2,
        "alpha": 0.8,
        "label": "claimed by the article,\nnot supported by evidence",
        "alt": "Claimed by the article, not supported by evidence",
        "look": "a dotted outline and diagonal lines",
    },
    "contrast": {
        "facecolor": OKABE_ITO["bluish_green"],
        "hatch": "---",
        "hatchcolor": "#000000",
        "edgecolor": "#000000",
        "linestyle": "-.",
        "linewidth": 1.0,
        "alpha": 0.75,
        "label": "a different condition's pattern,\nfor comparison",
        "alt": "A different condition's pattern, for comparison",
        "look": "a dash-dot outline and horizontal lines",
    },
    "red_flag": {
        "facecolor": OKABE_ITO["reddish_purple"],
        "hatch": "ooo",
        "hatchcolor": "#000000",
        "edgecolor": "#000000",
        "linestyle": (0, (6, 2, 1, 2, 1, 2)),
        "linewidth": 1.6,
        "alpha": 0.85,
        "label": "red flag area (a warning sign)",
        "alt": "Red flag area, a warning sign (lesson 04 says how urgently to act)",
        "look": "a dash-dot-dot outline and rings",
    },
}
ROLES = tuple(ROLE_STYLES)
# The CHOIR Body Map bodies shipped in data/bodymap/ (choir_<body>.json).
BODIES = ("male", "female")


def is_contrast_pattern(sym) -> bool:
    """True for a pattern that no iliopsoas condition gives (the content lists
    no related mechanism for it): it is taught only to tell it apart, e.g. the
    S1 nerve-root pattern of sciatic-type pain."""
    return bool(sym.pattern) and not sym.mechanisms


def _course(course: Content | None) -> Content:
    return _package_course() if course is None else course


def contrast_kind(sym, course: Content | None = None) -> str:
    """How a contrast pattern is named: 'a nerve-root pattern' when its
    source is a nerve root, else 'a different pattern' (the regions of
    ``course``, default: the package's)."""
    zones = {_course(course).regions[r].zone for r in sym.regions_for("left", "source")}
    return "a nerve-root pattern" if "nerve_root" in zones else "a different pattern"


def contrast_text(sym, course: Content | None = None):
    """What a contrast pattern is, said beside its map: the figure text
    ``contrast_<symptom>`` (a Fact with references) of ``course``, or None."""
    return _course(course).figure_texts.get(f"contrast_{sym.key}") if is_contrast_pattern(sym) else None


def role_labels(sym, course: Content | None = None) -> dict:
    """{role: legend label} of the roles a symptom's map names in its own
    words: a contrast pattern's figure texts ``legend_<symptom>_<role>``
    (e.g. the S1 root and the femoral pattern).  Other roles, and every
    other symptom, keep the role table's words (not listed here)."""
    if not is_contrast_pattern(sym):
        return {}
    texts = _course(course).figure_texts
    own = {role: texts.get(f"legend_{sym.key}_{role}") for role in ROLES}
    return {role: t.text for role, t in own.items() if t is not None}


def symptom_marks(sym, side: str, *, claimed: bool = False, contrast: bool = False) -> dict:
    """{region id: role} for a problem on ``side``: the symptom's own
    source/referred pattern, plus the article's claimed areas (``claimed``)
    and the contrasting pattern (``contrast``; always for a contrast pattern,
    so that one is never shown alone).  A region keeps its first role."""
    out = {r: a.role for r, a in zip(sym.regions_for(side), sym.pattern)}
    extra = []
    if claimed:
        extra += [(r, "claimed") for r in sym.article_regions_for(side)]
    if contrast or is_contrast_pattern(sym):
        extra += [(r, "contrast") for r in sym.contrast_regions_for(side)]
    for r, role in extra:
        out.setdefault(r, role)
    return out
