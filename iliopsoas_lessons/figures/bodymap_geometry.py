"""Body-map data: bodies, views, regions, roles and the shipped geometry.

Part of :mod:`iliopsoas_lessons.figures.bodymap` (which re-exports the public names);
no drawing here.  The geometry is read from the JSON shipped in
``data/bodymap/`` (one file per body), never from anywhere else.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

import numpy as np
from matplotlib.path import Path

from . import style as st
from ..content import roles as _roles
from ..content import course

VIEWS = ("front", "back")
SIDES = ("left", "right")
BODIES = _roles.BODIES
ROLE_STYLES = _roles.ROLE_STYLES
ROLES = _roles.ROLES
is_contrast_pattern = _roles.is_contrast_pattern
contrast_kind = _roles.contrast_kind


def check_body(body: str) -> str:
    return st.check_choice("body", body, BODIES)


def check_role(role: str) -> str:
    return st.check_choice("role", role, ROLES)


# ---------------------------------------------------------------- content
# Regions and symptoms come from the validated content (records.py); this
# module adds only their shapes.
def region_info(key: str):
    """The content's Region for ``key``; ``LookupError`` listing valid ids."""
    return course().regions[key]


def regions():
    return course().regions


def symptom(key: str):
    return course().symptoms[key]


def symptom_marks(symptom_key: str, side: str, *, claimed: bool = False,
                  contrast: bool = False) -> dict:
    """{region id: role} of a symptom's map (see ``_roles.symptom_marks``)."""
    st.check_choice("side", side, SIDES)
    return _roles.symptom_marks(symptom(symptom_key), side, claimed=claimed, contrast=contrast)


def split_marks(marks: dict, view: str) -> dict:
    """{role: [region ids on ``view``]} for every role, in table order."""
    by = {role: [] for role in ROLES}
    for k, role in marks.items():
        if region_info(k).view == view:
            by[role].append(k)
    return by


def check_marks(groups: dict) -> dict:
    """{role: keys} -> {region id: role}; each region may carry one role."""
    marks = {}
    for role, keys in groups.items():
        check_role(role)
        for k in st.as_tuple(keys):
            region_info(k)
            if k in marks and marks[k] != role:
                raise ValueError(f"region {k!r} marked both {marks[k]} and {role}; "
                                 "give each region one mark")
            marks[k] = role
    return marks


def check_regions(keys, view, other_view, what):
    keep = []
    for k in keys:
        info = region_info(k)
        if info.view != view:
            if other_view == "ignore":
                continue
            raise ValueError(
                f"{what} region {k!r} is drawn on the {info.view} view, not the "
                f"{view} view; regions of the {view} view: "
                + ", ".join(r for r in regions().keys() if regions()[r].view == view))
        keep.append(k)
    return keep


# --------------------------------------------------------------- geometry
def _data_text(*parts: str) -> str:
    return files("iliopsoas_lessons").joinpath("data", *parts).read_text(encoding="utf-8")


def _closed(points) -> Path:
    a = np.asarray(points, dtype=float)
    v = np.column_stack([a[:, 0], -a[:, 1]])  # y down -> y up
    return Path(np.vstack([v, v[:1]]), closed=True)


@lru_cache(maxsize=None)
def geometry(body: str) -> dict:
    check_body(body)
    raw = json.loads(_data_text("bodymap", f"choir_{body}.json"))
    out = {}
    for view, vd in raw["views"].items():
        segs = {s["id"]: (_closed(s["points"]), s["name"], s["side"]) for s in vd["segments"]}
        zones = {z["id"]: _closed(z["points"]) for z in vd["zones"]}
        xmin, xmax, ymin, ymax = vd["bounds"]
        out[view] = {"segments": segs, "zones": zones, "midline": vd["midline_x"],
                     "bounds": (xmin, xmax, -ymax, -ymin)}
    return out


def outline_shapes(view: str = "front", *, body: str = "male") -> dict:
    """Outline segment id (e.g. ``"choir_126"``) -> ``matplotlib.path.Path``
    (drawing coordinates: image pixels with y flipped to point up)."""
    st.check_choice("view", view, VIEWS)
    return {k: v[0] for k, v in geometry(body)[view]["segments"].items()}


def region_shapes(view: str = "front", *, body: str = "male") -> dict:
    """Region id -> ``matplotlib.path.Path`` for the zones drawn on ``view``."""
    st.check_choice("view", view, VIEWS)
    return dict(geometry(body)[view]["zones"])


def midline_x(view: str = "front", *, body: str = "male") -> float:
    """x of the body's midline on ``view`` (drawing coordinates)."""
    st.check_choice("view", view, VIEWS)
    return geometry(body)[view]["midline"]


def area(path: Path) -> float:
    x, y = path.vertices[:, 0], path.vertices[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


@lru_cache(maxsize=None)
def zone_zorder(body: str, view: str) -> dict:
    """Larger zones below smaller ones, so overlapping zones stay visible."""
    zones = geometry(body)[view]["zones"]
    ranked = sorted(zones, key=lambda k: -area(zones[k]))
    return {k: 3.0 + i * 0.01 for i, k in enumerate(ranked)}
