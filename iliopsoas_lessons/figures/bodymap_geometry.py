"""Body-map data: bodies, views, regions, roles and the shipped geometry.

Part of :mod:`iliopsoas_lessons.figures.bodymap` (which re-exports the public names);
no drawing here.  The geometry is read from the JSON shipped in
``data/bodymap/`` (one file per body), never from anywhere else.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import numpy as np
from matplotlib.path import Path

from . import style as st
from ..content import roles as _roles
from ..content import course
from ..content.reader import _Bad, _choice, _File, _list, _nonempty, _number, _text, _whole

VIEWS = ("front", "back")
SIDES = ("left", "right")
BODIES = _roles.BODIES
ROLE_STYLES = _roles.ROLE_STYLES
ROLES = _roles.ROLES
is_contrast_pattern = _roles.is_contrast_pattern
contrast_kind = _roles.contrast_kind
role_labels = _roles.role_labels


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


def symptom_marks(symptom_key: str, side: str, *, claimed: bool = False, contrast: bool = False) -> dict:
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
                raise ValueError(f"region {k!r} marked both {marks[k]} and {role}; give each region one mark")
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
                + ", ".join(r for r in regions().keys() if regions()[r].view == view)
            )
        keep.append(k)
    return keep


# --------------------------------------------------------------- geometry
# The shipped files are generated (scripts/build_bodymap_data.py) but read
# like every content file: through the content layer's strict reader, with
# each problem named as 'choir_male.json: zones.groin_left: ...'.
_SEGMENT_FIELDS = ("id", "choir_id", "name", "side", "points")
_ZONE_FIELDS = ("id", "zone", "side", "points")


def _points(value) -> list:
    points = _nonempty(value, "list of at least 3 points [x, y]")
    if len(points) < 3:
        raise _Bad("must be a list of at least 3 points [x, y]")
    for i, point in enumerate(points):
        try:
            if len(_list(point, "point [x, y]")) != 2:
                raise _Bad("must be a point [x, y]")
            _number(point[0]), _number(point[1])
        except _Bad as exc:
            raise _Bad(f"point {i}: {exc}") from None
    return points


def _shape(file: _File, kind: str, rec, names: tuple[str, ...], convert: dict, seen: set) -> dict:
    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str) or not rec["id"]:
        raise file.fail(kind, f"every entry must be an object with a text 'id', not {rec!r:.60}")
    where = f"{kind}.{rec['id']}"
    if rec["id"] in seen:
        raise file.fail(where, "id appears twice")
    seen.add(rec["id"])
    missing = [n for n in names if n not in rec]
    extra = sorted(set(rec) - set(names))
    if missing or extra:
        problem = f"missing field {missing[0]!r}" if missing else f"unknown field {extra[0]!r}"
        raise file.fail(where, f"{problem}; fields are: {', '.join(names)}")
    for name, conv in convert.items():
        try:
            conv(rec[name])
        except _Bad as exc:
            raise file.fail(where, f"field {name!r}: {exc}") from None
    return rec


def _view(file: _File, view: str, vd, seen: set) -> dict:
    where = f"views.{view}"
    if not isinstance(vd, dict):
        raise file.fail(where, "must be an object")
    for name in ("midline_x", "bounds", "segments", "zones"):
        if name not in vd:
            raise file.fail(where, f"missing field {name!r}")
    try:
        midline = _number(vd["midline_x"])
    except _Bad as exc:
        raise file.fail(where, f"field 'midline_x': {exc}") from None
    try:
        bounds = _list(vd["bounds"], "list [xmin, xmax, ymin, ymax]")
        if len(bounds) != 4:
            raise _Bad("must be a list [xmin, xmax, ymin, ymax]")
        xmin, xmax, ymin, ymax = (_number(b) for b in bounds)
    except _Bad as exc:
        raise file.fail(where, f"field 'bounds': {exc}") from None
    for name in ("segments", "zones"):
        try:
            _nonempty(vd[name])
        except _Bad as exc:
            raise file.fail(where, f"field {name!r}: {exc}") from None
    side = _choice(SIDES)
    segment_convert = {"id": _text, "choir_id": lambda v: _whole(v, 1), "name": _text, "side": side, "points": _points}
    zone_convert = {"id": _text, "zone": _text, "side": _choice((*SIDES, "midline")), "points": _points}
    segs, zones = {}, {}
    for rec in vd["segments"]:
        s = _shape(file, "segments", rec, _SEGMENT_FIELDS, segment_convert, seen)
        segs[s["id"]] = (_closed(s["points"]), s["name"], s["side"])
    for rec in vd["zones"]:
        z = _shape(file, "zones", rec, _ZONE_FIELDS, zone_convert, seen)
        region = regions().get(z["id"])
        if region is None or region.view != view:
            raise file.fail(f"zones.{z['id']}", f"is not a region of the {view} view in regions.json")
        zones[z["id"]] = _closed(z["points"])
    missing = [r.key for r in regions() if r.view == view and r.key not in zones]
    if missing:
        raise file.fail(where, f"no zone for region {missing[0]!r}")
    return {"segments": segs, "zones": zones, "midline": midline, "bounds": (xmin, xmax, -ymax, -ymin)}


def _closed(points) -> Path:
    a = np.asarray(points, dtype=float)
    v = np.column_stack([a[:, 0], -a[:, 1]])  # y down -> y up
    return Path(np.vstack([v, v[:1]]), closed=True)


def geometry_file(body: str):
    """The folder holding ``choir_<body>.json`` (a Traversable)."""
    return files("iliopsoas_lessons").joinpath("data", "bodymap")


def load_geometry(directory, body: str) -> dict:
    """Read and check ``choir_<body>.json`` in ``directory``: {view: shapes}.

    A malformed file raises :class:`ContentError` naming the file and the
    entry (``choir_male.json: zones.groin_left: field 'points': ...``).
    """
    file = _File(directory, f"choir_{body}.json")
    raw = file.data
    if raw.get("body") != body:
        raise file.fail("body", f"must be {body!r}, not {raw.get('body')!r}")
    views = raw.get("views")
    if not isinstance(views, dict) or set(views) != set(VIEWS):
        raise file.fail("views", f"must be an object with exactly: {', '.join(VIEWS)}")
    seen: set = set()
    return {view: _view(file, view, views[view], seen) for view in VIEWS}


@lru_cache(maxsize=None)
def geometry(body: str) -> dict:
    check_body(body)
    return load_geometry(geometry_file(body), body)


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
