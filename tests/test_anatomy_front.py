"""The anatomy drawings checked as geometry: what an atlas plate shows must
hold in the drawing (closed pelvic ring, femur parts, the femoral nerve's
groove, psoas minor's own labels, one-side highlights, the hip that stays in
its socket through the whole slider range, a connected lumbosacral junction)."""

from io import BytesIO

import numpy as np
import pytest
from matplotlib.image import imread
from matplotlib.path import Path

from iliopsoas_lessons.figures import front_geometry as g
from iliopsoas_lessons.figures import hip, hip_geometry, lumbar
from iliopsoas_lessons.figures.anatomy_front import FrontViewFigure, part_shapes_by_side
from iliopsoas_lessons.widgets import AnatomyExplorer
from iliopsoas_lessons.widgets.anatomy import HIP_ANGLES, anatomy_parts
import iliopsoas_lessons as il


def _x_range(poly, y):
    """Smallest and largest x where the horizontal line at ``y`` crosses ``poly``."""
    pts = np.asarray(poly, float)
    xs = []
    for (x0, y0), (x1, y1) in zip(pts, np.roll(pts, -1, axis=0)):
        if (y0 - y) * (y1 - y) <= 0 and y0 != y1:
            xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    assert xs, f"the line y={y} misses the outline"
    return min(xs), max(xs)


def _x_on_line(line, y):
    """x of an open polyline (running downwards) at height ``y``."""
    pts = np.asarray(line, float)
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if min(y0, y1) <= y <= max(y0, y1) and y0 != y1:
            return x0 + (y - y0) * (x1 - x0) / (y1 - y0)
    raise AssertionError(f"the line does not reach y={y}")


def _segments_cross(p, q, r, s):
    def orient(a, b, c):
        return np.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))

    return orient(p, q, r) != orient(p, q, s) and orient(r, s, p) != orient(r, s, q)


def _crossing(line_a, line_b):
    """The first point where two polylines cross."""
    for p, q in zip(line_a, line_a[1:]):
        for r, s in zip(line_b, line_b[1:]):
            if _segments_cross(p, q, r, s):
                d1, d2 = np.subtract(q, p), np.subtract(s, r)
                rp = np.subtract(r, p)
                t = (rp[0] * d2[1] - rp[1] * d2[0]) / (d1[0] * d2[1] - d1[1] * d2[0])
                return np.add(p, t * d1)
    raise AssertionError("the lines do not cross")


# ------------------------------------------------------------ pelvic ring
def test_the_pelvic_ring_is_closed_at_the_symphysis_and_both_sacroiliac_joints():
    fig = FrontViewFigure()
    gids = {a.get_gid() for a in fig.ax.get_children()}
    assert {"bone_hip", "bone_sacrum", "pubic_symphysis", "sacroiliac_joints"} <= gids
    symphysis = np.asarray(g.PUBIC_SYMPHYSIS)
    half = symphysis[:, 0].max()
    hip_bone = np.asarray(g.HIP_BONE)
    # the left pubic body's medial face lies on the symphysis' edge; its mirror on the other
    medial = hip_bone[np.isclose(hip_bone[:, 0], hip_bone[:, 0].min())]
    assert hip_bone[:, 0].min() == pytest.approx(half) and len(medial) >= 2
    assert medial[:, 1].max() >= symphysis[:, 1].max() - 1e-9
    assert medial[:, 1].min() <= symphysis[:, 1].min() + 1e-9
    # the sacrum's lateral edge and the ilium share every point of the joint
    for point in g.SACROILIAC_JOINT:
        assert point in g.HIP_BONE and point in g.SACRUM_HALF
    # L5 sits on the sacrum: the L5-S1 disc touches the base of the sacrum
    assert g.VERTEBRA_Y["L5"] - g.VERTEBRA_HEIGHT / 2 > g.SACRAL_BASE_Y == g.SACRUM_HALF[0][1]


def test_femur_has_head_in_the_acetabulum_neck_and_both_trochanters():
    fig = FrontViewFigure()
    gids = {a.get_gid() for a in fig.ax.get_children()}
    assert {
        "bone_femoral_head",
        "bone_femoral_neck",
        "bone_greater_trochanter",
        "bone_femoral_shaft",
        "lesser_trochanter",
    } <= gids
    head = Path.circle(g.HIP_CENTRE, g.HEAD_RADIUS)
    hip_bone = Path(np.asarray(g.HIP_BONE))
    assert hip_bone.contains_point(g.HIP_CENTRE)  # the head sits in the acetabulum
    neck, shaft = Path(np.asarray(g.FEMORAL_NECK)), Path(np.asarray(g.FEMORAL_SHAFT))
    assert neck.intersects_path(head, filled=True) and neck.intersects_path(shaft, filled=True)
    # neck-shaft angle about 125 degrees (Gray's Fig. 244-246)
    n = np.asarray(g.FEMORAL_NECK)
    neck_axis = (n[0] + n[1]) / 2 - (n[2] + n[3]) / 2
    s = np.asarray(g.FEMORAL_SHAFT)
    shaft_axis = (s[6] + s[10]) / 2 - (s[3] + s[13]) / 2  # downwards
    angle = np.degrees(
        np.arccos(np.dot(neck_axis, shaft_axis) / np.linalg.norm(neck_axis) / np.linalg.norm(shaft_axis))
    )
    assert 120 <= angle <= 135
    lt_x, lt_y, _, _ = g.LESSER_TROCHANTER
    assert lt_x < _x_range(g.FEMORAL_SHAFT, lt_y)[0] + 0.1  # on the medial side
    gt = np.asarray(g.GREATER_TROCHANTER)
    assert gt[:, 0].max() > s[:, 0].max()  # lateral


def test_iliacus_fans_into_the_common_tendon_that_reaches_the_lesser_trochanter():
    tendon, iliacus = Path(np.asarray(g.COMMON_TENDON)), Path(np.asarray(g.ILIACUS))
    assert tendon.intersects_path(iliacus, filled=True)
    assert tendon.intersects_path(Path(np.asarray(g.PSOAS_MAJOR)), filled=True)
    lt = Path.circle(g.LESSER_TROCHANTER[:2], g.LESSER_TROCHANTER[3])
    assert tendon.intersects_path(lt, filled=True)
    # both muscles pass under the inguinal ligament; the tendon they end in lies
    # below it, in front of the femoral head
    ligament = Path(np.asarray(g.INGUINAL_LIGAMENT))
    for muscle in (g.PSOAS_MAJOR, g.ILIACUS):
        assert Path(np.asarray(muscle)).intersects_path(ligament, filled=True)
    for x, y in g.COMMON_TENDON:
        assert y < np.interp(x, *np.asarray(g.INGUINAL_LIGAMENT)[::-1].T) + 0.9
    assert tendon.intersects_path(Path.circle(g.HIP_CENTRE, g.HEAD_RADIUS), filled=True)


# ------------------------------------------------------------ femoral nerve
def test_femoral_nerve_runs_in_the_groove_between_psoas_and_iliacus():
    trunk = g.FEMORAL_NERVE[0]
    y_l5 = g.VERTEBRA_Y["L5"]
    at_ligament = _crossing(trunk, g.INGUINAL_LIGAMENT)
    for y in (y_l5, at_ligament[1]):
        nerve_x = _x_on_line(trunk, y)
        psoas_lo, psoas_hi = _x_range(g.PSOAS_MAJOR, y)
        iliacus_lo, iliacus_hi = _x_range(g.ILIACUS, y)
        assert psoas_hi <= nerve_x <= psoas_hi + 0.5, (y, nerve_x, psoas_hi)  # lateral to psoas
        assert iliacus_lo < nerve_x < iliacus_hi, (y, nerve_x)  # on the iliacus
    # under the ligament: lateral to the femoral artery, which is lateral to the vein
    artery = _x_on_line(g.FEMORAL_ARTERY, at_ligament[1])
    vein = _x_on_line(g.FEMORAL_VEIN, at_ligament[1])
    assert vein < artery < at_ligament[0]
    # never across the superior pubic ramus (tubercle to eminence)
    ramus = [(1.45, -4.85), (2.2, -4.4), (2.95, -3.75), (3.55, -3.0)]
    for branch in g.FEMORAL_NERVE:
        for p, q in zip(branch, branch[1:]):
            for r, s in zip(ramus, ramus[1:]):
                assert not _segments_cross(p, q, r, s)


# ------------------------------------------------------------ highlights
def _visible_gids(fig):
    return {a.get_gid() for a in fig.ax.get_children() if a.get_visible() and a.get_gid()}


def test_psoas_minor_origin_lights_its_own_label_not_psoas_majors():
    parts = anatomy_parts(il.muscle("psoas_minor"), "origin")
    assert "psoas_minor_origin" in parts and "psoas_origin" not in parts
    fig = FrontViewFigure().set_highlight(parts, side="left")
    shown = {gid for gid in _visible_gids(fig) if gid.endswith(":highlight")}
    assert "label_psoas_minor_origin:highlight" in shown
    assert "label_psoas_minor:highlight" in shown
    assert "label_psoas_origin:highlight" not in shown
    texts = {t.get_gid(): t.get_text() for t in fig.ax.texts}
    assert "T12-L1" in texts["label_psoas_minor_origin"]
    major = anatomy_parts(il.muscle("psoas_major"), "origin")
    assert "psoas_origin" in major and "psoas_minor_origin" not in major


@pytest.mark.parametrize("side,sign", [("left", 1), ("right", -1)])
def test_one_side_highlight_changes_only_that_sides_artists(side, sign):
    fig = FrontViewFigure().set_highlight(["iliacus", "femoral_nerve", "common_tendon"], side=side)
    for key in ("iliacus", "femoral_nerve", "common_tendon"):
        xs = fig.overlays[key].get_path().vertices[:, 0]
        assert np.all(sign * xs > 0), key  # the patient's left is the picture's right
    assert all(
        not fig.overlays[k].get_visible()
        for k in fig.overlays
        if k not in ("iliacus", "femoral_nerve", "common_tendon")
    )
    # what a viewer sees: every changed pixel is on that half of the picture
    # (these parts are labelled in that half's column)
    # in the drawing between the two label columns
    plain = imread(BytesIO(FrontViewFigure().to_png()))
    lit = imread(BytesIO(fig.to_png()))
    columns = np.nonzero(np.any(np.abs(plain - lit) > 0.02, axis=(0, 2)))[0]
    to_px = fig.ax.transData.transform
    (left_edge, _), (right_edge, _), (middle, _) = to_px([(-9.0, 0), (9.0, 0), (0, 0)])
    drawing = columns[(columns > left_edge) & (columns < right_edge)]
    assert drawing.size and np.all(sign * (drawing - middle) > 0)
    assert f"patient's {side} side only" in fig.alt_text


def test_midline_discs_highlight_whole_and_a_bad_side_names_the_choices():
    shapes = part_shapes_by_side()["lumbar_discs"]
    assert shapes["left"] is shapes["right"] is shapes["both"]
    with pytest.raises(ValueError, match="choose one of: left, right, both"):
        FrontViewFigure().set_highlight(["iliacus"], side="front")
    with pytest.raises(ValueError, match="choose one of: left, right"):
        AnatomyExplorer(side="middle")
    explorer = AnatomyExplorer()
    with pytest.raises(ValueError, match="choose one of: left, right"):
        explorer.set(side="up")
    assert explorer.values["side"] == "left"
    explorer.close()


def _inside_figure(fig):
    """(name, extent) of each visible artist that reaches outside the figure."""
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    out = []
    for ax in fig.axes:
        for artist in ax.get_children():
            if not artist.get_visible() or artist is ax.patch or not hasattr(artist, "get_window_extent"):
                continue
            if hasattr(artist, "get_text") and not artist.get_text().strip():
                continue
            if artist in ax.spines.values() or artist in (
                ax.xaxis,
                ax.yaxis,
                ax.title,
                ax._left_title,
                ax._right_title,
            ):
                continue
            e = artist.get_window_extent(renderer)
            if e.width == 0 and e.height == 0:
                continue
            if e.x0 < box.x0 - 1 or e.y0 < box.y0 - 1 or e.x1 > box.x1 + 1 or e.y1 > box.y1 + 1:
                out.append((artist.get_gid() or type(artist).__name__, e))
    return out


def test_front_view_stays_on_the_figure():
    fig = FrontViewFigure().set_highlight(["iliacus", "psoas_minor_origin"], side="right")
    fig.to_png()
    assert _inside_figure(fig.figure) == []


# ------------------------------------------------------------ hip side view
def _sweep():
    low, high = HIP_ANGLES[0], HIP_ANGLES[-1]
    assert (low, high) == hip_geometry.HIP_ANGLE_RANGE  # the slider's range is the model's
    return sorted(set(np.arange(low, high + 0.1, 5.0).tolist()) | {low, high})


def test_femur_stays_in_the_acetabulum_and_on_the_figure_at_every_slider_angle():
    live = hip.HipAngleFigure(0)
    socket = next(a for a in live.ax.patches if a.get_gid() == "hip_joint")
    for angle in _sweep():
        live.set_angle(angle)
        live.to_png()
        head = live.artists["femur_parts"]["head"].get_xy()
        np.testing.assert_allclose(head[:-1].mean(axis=0), socket.center, atol=1e-6)
        # the neck and the shaft stay joined to the head
        neck, shaft = (Path(live.artists["femur_parts"][k].get_xy()) for k in ("neck", "shaft"))
        assert neck.intersects_path(Path(head), filled=True), angle
        assert shaft.intersects_path(neck, filled=True), angle
        assert _inside_figure(live.figure) == [], angle


def test_no_label_is_covered_by_the_femur_or_another_label_at_any_angle():
    live = hip.HipAngleFigure(0)
    renderer = live.figure.canvas.get_renderer()
    labels = [t for t in live.ax.texts if t.get_text().strip()]
    assert len(labels) >= 8
    for angle in _sweep():
        live.set_angle(angle)
        live.to_png()
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in labels]
        for key, patch in live.artists["femur_parts"].items():
            shape = patch.get_path().transformed(patch.get_transform())
            for words, box in boxes:
                assert not shape.intersects_bbox(box, filled=True), (angle, key, words)
        for i, (a, box_a) in enumerate(boxes):
            for b, box_b in boxes[i + 1 :]:
                assert not box_a.overlaps(box_b), (angle, a, b)


def test_lumbosacral_junction_is_connected_in_the_side_and_back_views():
    geo = hip_geometry.spine_geometry()
    disc, l5, sacrum = geo["discs"]["L5_S1"], geo["bodies"]["L5"], geo["sacrum"]
    # disc = (back, front) of the sacral end plate, then (front, back) of L5's lower end plate
    np.testing.assert_allclose(disc[2], l5[1], atol=1e-9)
    np.testing.assert_allclose(disc[3], l5[0], atol=1e-9)
    np.testing.assert_allclose(disc[1], sacrum[0], atol=1e-9)  # front of the sacral base
    np.testing.assert_allclose(disc[0], sacrum[-1], atol=1e-9)  # back of the sacral base
    for upper, lower in zip(["L4", "L3", "L2", "L1"], ["L5", "L4", "L3", "L2"]):
        np.testing.assert_allclose(geo["discs"][f"{upper}_{lower}"][0], geo["bodies"][lower][3], atol=1e-9)
    pelvis = Path(np.asarray(hip_geometry._PELVIS))
    assert any(pelvis.contains_point(p) for p in sacrum)  # the sacrum meets the ilium
    for spasm in (0.0, 0.5, 1.0):
        _, _, polys = lumbar._spine_path(spasm, "left")
        lower_edge_middle = polys[0][:2].mean(axis=0)  # L5-S1 disc, first polygon
        np.testing.assert_allclose(lower_edge_middle, (0.0, lumbar._SACRAL_TOP), atol=1e-9)
        assert lumbar._SACRUM[0][1] == lumbar._SACRAL_TOP


# ------------------------------------------------------------ every figure
def _figures():
    yield "front", lambda: FrontViewFigure().set_highlight(["psoas_major"], side="left")
    yield "hip", lambda: hip.HipAngleFigure(45)
    yield "lumbar", lambda: lumbar.LumbarCurveFigure(0.5, "right")


@pytest.mark.parametrize("name, make", list(_figures()), ids=[n for n, _ in _figures()])
def test_every_patch_has_its_own_gid(name, make):
    fig = make()
    patches = [
        a
        for a in fig.ax.get_children()
        if a in fig.ax.patches or type(a).__name__ in ("PathPatch", "Polygon", "Circle")
    ]
    gids = [p.get_gid() for p in patches]
    assert patches and all(gids), [type(p).__name__ for p in patches if not p.get_gid()]
    assert len(set(gids)) == len(gids), sorted(g for g in gids if gids.count(g) > 1)


def test_front_view_is_built_once_and_updated_in_place():
    fig = FrontViewFigure()
    children = list(fig.ax.get_children())
    first = fig.to_png()
    fig.set_highlight(["iliacus"], side="right").to_png()
    fig.set_highlight(["psoas_minor", "psoas_minor_origin"], side="left").to_png()
    assert list(fig.ax.get_children()) == children
    assert fig.set_highlight(()).to_png() == first


def test_explorer_side_buttons_move_the_highlight_to_that_side():
    from iliopsoas_lessons.widgets import AnatomyExplorer

    explorer = AnatomyExplorer("iliacus", feature="nerve_supply")
    assert explorer.values["side"] == "left"
    figure = explorer.figure_for_snapshot(explorer.values)
    assert np.all(figure.overlays["femoral_nerve"].get_path().vertices[:, 0] > 0)
    before = explorer.shown("figure")
    explorer.set(side="right")
    figure = explorer.figure_for_snapshot(explorer.values)
    assert explorer.values["side"] == "right" and figure.side == "right"
    assert np.all(figure.overlays["femoral_nerve"].get_path().vertices[:, 0] < 0)
    assert explorer.shown("figure") != before
    assert "patient&#x27;s right side only" in explorer.shown("figure")  # the alt text the page shows
    assert "patient&#x27;s right side" in explorer.shown("fact")
    explorer.close()


def test_labels_still_fit_when_the_house_type_grows(monkeypatch):
    """The layout may raise the house font size: the labels keep clear of each
    other, of the femur and of the figure's edges one point larger. (Written
    with two points of room when the house size was 8 pt; the vector figures
    then raised it to 10.5 pt, which uses most of that room.)"""
    from iliopsoas_lessons.figures import style

    monkeypatch.setattr(style, "FONT_SIZE", style.FONT_SIZE + 1)
    front = FrontViewFigure().set_highlight(list(FrontViewFigure().overlays), side="left")
    front.to_png()
    assert _inside_figure(front.figure) == []
    renderer = front.figure.canvas.get_renderer()
    boxes = [
        (t.get_text(), t.get_window_extent(renderer))
        for t in front.ax.texts
        if t.get_visible() and t.get_text().strip()
    ]
    assert not [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1 :] if a != b and ba.overlaps(bb)]
    for angle in hip_geometry.HIP_ANGLE_RANGE:
        side = hip.HipAngleFigure(angle)
        side.to_png()
        assert _inside_figure(side.figure) == [], angle
