"""Body map: geometry, orientation, drawing, alt text and in-place updates."""

import json
from importlib.resources import files

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

import iliopsoas_lessons as il
from iliopsoas_lessons.figures import bodymap as bm
from iliopsoas_lessons.figures import style as st

REGIONS = json.loads(files("iliopsoas_lessons").joinpath("data/regions.json").read_text())["regions"]
REGION_VIEW = {r["key"]: r["view"] for r in REGIONS}
SYMPTOMS = json.loads(files("iliopsoas_lessons").joinpath("data/symptoms.json").read_text())["symptoms"]
SYMPTOM_KEYS = [s["key"] for s in SYMPTOMS]
RAWS = {
    b: json.loads(files("iliopsoas_lessons").joinpath(f"data/bodymap/choir_{b}.json").read_text()) for b in bm.BODIES
}
RAW = RAWS["male"]


def _ax():
    fig = Figure(figsize=(3, 6))
    return fig.add_subplot()


def _visible_region_gids(ax):
    return {p.get_gid() for p in ax.patches if p.get_visible() and p.get_gid() in REGION_VIEW}


# ------------------------------------------------------------- geometry
def test_both_bodies_are_shipped():
    assert bm.BODIES == ("male", "female")
    for body, raw in RAWS.items():
        assert raw["body"] == body


@pytest.mark.parametrize("body", bm.BODIES)
def test_every_region_id_of_the_content_has_a_shape_on_its_view(body):
    for key, view in REGION_VIEW.items():
        assert key in bm.region_shapes(view, body=body), f"{key} has no shape on the {view} view"
    drawn = set(bm.region_shapes("front", body=body)) | set(bm.region_shapes("back", body=body))
    assert drawn == set(REGION_VIEW)


@pytest.mark.parametrize("body", bm.BODIES)
def test_shipped_data_has_74_named_segments_with_sides_and_the_mit_notice(body):
    raw = RAWS[body]
    segs = raw["views"]["front"]["segments"] + raw["views"]["back"]["segments"]
    assert len(segs) == 74
    for s in segs:
        assert s["name"] and s["side"] in ("left", "right"), s["id"]
    lic = files("iliopsoas_lessons").joinpath("data/bodymap/LICENSE").read_text()
    assert "MIT License" in lic and "Eric Cramer" in lic


@pytest.mark.parametrize("body", bm.BODIES)
@pytest.mark.parametrize("view", bm.VIEWS)
def test_segment_sides_match_the_picture(view, body):
    """Front: patient's right on the picture's left; back: patient's left."""
    raw = RAWS[body]
    mid = raw["views"][view]["midline_x"]
    for s in raw["views"][view]["segments"]:
        cx = np.mean([p[0] for p in s["points"]])
        picture_left = cx < mid
        expected = ("right" if picture_left else "left") if view == "front" else ("left" if picture_left else "right")
        assert s["side"] == expected, (view, s["id"], s["name"])
    named = {s["choir_id"]: s for s in raw["views"][view]["segments"]}
    if view == "front":  # choir 126 is on the picture's left: the right thigh
        assert named[126]["side"] == "right" and "thigh" in named[126]["name"]
        # the bodies number the abdomen differently
        right, left = (116, 117) if body == "male" else (112, 113)
        assert named[right]["name"] == named[left]["name"] == "abdomen"
        assert (named[right]["side"], named[left]["side"]) == ("right", "left")
    else:  # choir 228 is on the picture's left from behind: the left thigh
        assert named[228]["side"] == "left" and "thigh" in named[228]["name"]


@pytest.mark.parametrize("body", bm.BODIES)
@pytest.mark.parametrize("view", bm.VIEWS)
def test_left_and_right_zones_are_exact_mirror_images(view, body):
    raw = RAWS[body]
    mid = raw["views"][view]["midline_x"]
    assert mid == bm.midline_x(view, body=body) * 1.0
    zones = {z["id"]: np.array(z["points"]) for z in raw["views"][view]["zones"]}
    pairs = [k[:-5] for k in zones if k.endswith("_left")]
    assert pairs
    for base in pairs:
        left, right = zones[base + "_left"], zones[base + "_right"]
        mirrored = np.column_stack([2 * mid - left[:, 0], left[:, 1]])
        np.testing.assert_allclose(mirrored, right, atol=1e-9, err_msg=base)
        # and the left one lies on the patient's left half of the picture
        on_picture_left = left[:, 0] < mid
        assert on_picture_left.all() if view == "back" else (~on_picture_left).all(), base
    for z in raw["views"][view]["zones"]:
        if z["side"] == "midline":
            pts = np.array(z["points"])
            mirrored = {(round(2 * mid - x, 6), y) for x, y in pts}
            assert mirrored == {(round(x, 6), y) for x, y in pts}, z["id"]


@pytest.mark.parametrize("body", bm.BODIES)
@pytest.mark.parametrize("view", bm.VIEWS)
def test_every_zone_lies_inside_the_body_outline(view, body):
    outline = list(bm.outline_shapes(view, body=body).values())
    for key, path in bm.region_shapes(view, body=body).items():
        pts = path.vertices
        inside = np.zeros(len(pts), bool)
        for p in outline:
            inside |= p.contains_points(pts)
        assert inside.all(), f"{key}: vertices outside the outline: {pts[~inside].tolist()}"


def _parts_under(body, view, key):
    """For each vertex of a zone and its centre: the names of the outline
    segments (body parts) under it."""
    path = bm.region_shapes(view, body=body)[key]
    pts = np.vstack([path.vertices[:-1], path.vertices[:-1].mean(0)])
    segs = RAWS[body]["views"][view]["segments"]
    shapes = bm.outline_shapes(view, body=body)
    out = []
    for p in pts:  # a point on the seam between two segments: look either side
        near = [p] + [p + (dx, 0) for dx in (-0.6, 0.6)]
        out.append({s["name"] for s in segs if any(shapes[s["id"]].contains_point(q) for q in near)})
    return out


@pytest.mark.parametrize("view", bm.VIEWS)
def test_each_zone_sits_on_the_same_body_part_in_both_bodies(view):
    """The female zones were drawn again on the female outline: point for
    point they lie on the same named body parts as on the male body (one
    point may differ, where the two outlines put a segment border elsewhere)."""
    for key in bm.region_shapes(view, body="male"):
        male = _parts_under("male", view, key)
        female = _parts_under("female", view, key)
        assert len(male) == len(female), key
        differ = [(m, f) for m, f in zip(male, female) if m != f]
        assert len(differ) <= 1, (key, differ)
        assert all(female), (key, "a point on no body part")


# Overlaps drawn on purpose (the larger zone lies underneath; see
# bodymap's zone z-order): (zone, zone) -> the most of the smaller one covered.
DESIGNED_OVERLAPS = {
    ("femoral_triangle", "front_thigh_upper"): 0.85,  # the triangle is the top of the thigh
    ("front_thigh", "front_thigh_upper"): 0.2,  # the strip continues the upper thigh
    ("lumbar_paraspinal", "nerve_root"): 0.5,  # the root beside the strip's lower end
    ("nerve_root", "sacroiliac"): 0.15,
    ("buttock", "lateral_hip"): 0.35,
    ("buttock", "saddle"): 0.3,
}


@pytest.mark.parametrize("body", bm.BODIES)
@pytest.mark.parametrize("view", bm.VIEWS)
def test_zones_do_not_overlap_their_neighbours(view, body):
    import itertools

    zones = bm.region_shapes(view, body=body)
    allv = np.vstack([p.vertices for p in zones.values()])
    xs = np.arange(allv[:, 0].min(), allv[:, 0].max(), 0.5)
    ys = np.arange(allv[:, 1].min(), allv[:, 1].max(), 0.5)
    grid = np.column_stack([a.ravel() for a in np.meshgrid(xs, ys)])
    inside = {k: p.contains_points(grid) for k, p in zones.items()}
    zone_of = {k: bm.region_info(k).zone for k in zones}
    for a, b in itertools.combinations(sorted(zones), 2):
        shared = (inside[a] & inside[b]).sum()
        covered = shared / min(inside[a].sum(), inside[b].sum())
        sides = {bm.region_info(a).side, bm.region_info(b).side} - {"midline"}
        pair = tuple(sorted((zone_of[a], zone_of[b])))
        if len(sides) == 2 or pair not in DESIGNED_OVERLAPS:
            assert covered <= 0.03, f"{a} and {b} overlap ({covered:.0%} of the smaller)"
        else:
            assert covered <= DESIGNED_OVERLAPS[pair], (a, b, covered)


_PACKAGE_MODULES = sorted(
    p.relative_to(Path(str(files("iliopsoas_lessons")))).as_posix()
    for p in Path(str(files("iliopsoas_lessons"))).rglob("*.py")
)


@pytest.mark.parametrize("mod", _PACKAGE_MODULES)
def test_package_does_not_read_shared_data_at_run_time(mod):
    src = files("iliopsoas_lessons").joinpath(mod).read_text()
    assert "../shared" not in src and "shared/data" not in src, mod


# ------------------------------------------------------------- drawing
def test_plot_body_map_highlights_exactly_the_requested_regions():
    ax = _ax()
    out = bm.plot_body_map(ax, ["groin_left"], view="front", referred=["front_thigh_upper_left", "lower_abdomen_left"])
    assert _visible_region_gids(ax) == {"groin_left", "front_thigh_upper_left", "lower_abdomen_left"}
    assert set(out["regions"]) == _visible_region_gids(ax)
    # every patch has a gid; outline segments are choir_<n>
    for p in ax.patches:
        assert p.get_gid(), p
    assert {g for g in out["outline"]} == {p.get_gid() for p in ax.patches if p.get_gid().startswith("choir_")}
    assert "choir_126" in out["outline"]


def test_source_and_referred_differ_by_fill_and_hatch():
    ax = _ax()
    out = bm.plot_body_map(ax, ["groin_left"], view="front", referred=["groin_right"])
    src, ref = out["regions"]["groin_left"], out["regions"]["groin_right"]
    assert src.get_hatch() and ref.get_hatch() and src.get_hatch() != ref.get_hatch()
    assert src.get_facecolor() != ref.get_facecolor()
    okabe = {c.lower() for c in st.PALETTE}
    from matplotlib.colors import to_hex

    assert to_hex(src.get_facecolor()) in okabe and to_hex(ref.get_facecolor()) in okabe


def test_all_zones_option_draws_hidden_zones():
    ax = _ax()
    out = bm.plot_body_map(ax, ["calf_left"], view="back", all_zones=True)
    assert set(out["regions"]) == set(bm.region_shapes("back"))
    assert _visible_region_gids(ax) == {"calf_left"}


@pytest.mark.parametrize("body", bm.BODIES)
@pytest.mark.parametrize("view,picture_left", [("front", "right"), ("back", "left")])
def test_side_labels_are_on_the_correct_side(view, picture_left, body):
    ax = _ax()
    out = bm.plot_body_map(ax, view=view, body=body)
    labels = {t.get_text(): t.get_position()[0] for t in out["labels"] if t.get_text().startswith("patient's")}
    other = "left" if picture_left == "right" else "right"
    assert labels[f"patient's {picture_left}"] < labels[f"patient's {other}"]
    # and a left region of this view really lies on the labelled side
    mid = RAWS[body]["views"][view]["midline_x"]
    key = "groin_left" if view == "front" else "buttock_left"
    x = bm.region_shapes(view, body=body)[key].vertices[:, 0].mean()
    assert (x < mid) == (picture_left == "left")


def test_region_of_the_other_view_is_rejected_or_ignored():
    with pytest.raises(
        ValueError,
        match="'lumbar_paraspinal_left' is drawn on the back view, not the front view; regions of the front view: lower_abdomen_left",
    ):
        bm.plot_body_map(_ax(), ["lumbar_paraspinal_left"], view="front")
    ax = _ax()
    out = bm.plot_body_map(ax, ["lumbar_paraspinal_left", "groin_left"], view="front", other_view="ignore")
    assert set(out["regions"]) == {"groin_left"}


@pytest.mark.parametrize(
    "call,words",
    [
        (lambda: bm.plot_body_map(_ax(), ["groin_middle"]), ["groin_left", "saddle"]),
        (lambda: bm.plot_body_map(_ax(), view="side"), ["front", "back"]),
        (lambda: bm.plot_body_map(_ax(), body="robot"), ["male", "female"]),
        (
            lambda: bm.plot_referred_pain((_ax(), _ax()), "back_pain", body="child"),
            ["unknown body 'child'; choose one of: male, female"],
        ),
        (lambda: bm.BodyMapFigure(body="child"), ["choose one of: male, female"]),
        (lambda: bm.ReferredPainFigure().set_body("child"), ["choose one of: male, female"]),
        (lambda: bm.region_shapes("back", body="child"), ["choose one of: male, female"]),
        (lambda: bm.plot_referred_pain((_ax(), _ax()), "headache"), ["back_pain", "lumbar_curve"]),
        (lambda: bm.plot_referred_pain((_ax(), _ax()), "back_pain", side="both"), ["left", "right"]),
        (lambda: bm.ReferredPainFigure().show("hip_pain", side="middle"), ["left", "right"]),
        (lambda: bm.BodyMapFigure().set_highlight(["nope"]), ["calf_left"]),
    ],
)
def test_bad_input_lists_the_valid_choices(call, words):
    with pytest.raises((ValueError, LookupError)) as err:
        call()
    for w in words:
        assert w in str(err.value)


@pytest.mark.parametrize("symptom", SYMPTOM_KEYS)
@pytest.mark.parametrize("side", bm.SIDES)
def test_every_symptom_draws_its_regions_on_the_right_view(symptom, side):
    fig = Figure(figsize=(6, 5))
    front, back = fig.add_subplot(121), fig.add_subplot(122)
    out = bm.plot_referred_pain((front, back), symptom, side=side)
    spec = next(s for s in SYMPTOMS if s["key"] == symptom)
    expected = {}
    for item in spec["pattern"]:
        rid = item["region"]
        if side == "right":
            rid = rid[:-5] + "_right" if rid.endswith("_left") else rid
        expected.setdefault(REGION_VIEW[rid], {})[rid] = item["role"]
    if spec["pattern"] and not spec["mechanisms"]:  # a contrast pattern comes with its contrast
        for rid in spec["contrast_regions"]:
            rid = rid[:-5] + f"_{side}"
            expected.setdefault(REGION_VIEW[rid], {})[rid] = "contrast"
    if not spec["pattern"]:  # lumbar_curve: an honest note and the spine drawing
        assert out["note"] is not None and "No area of pain" in out["note"].get_text()
        assert out["back"]["spine"].get_gid() == "vertebrae"
        return
    for view, ax in (("front", front), ("back", back)):
        assert _visible_region_gids(ax) == set(expected.get(view, {})), view
        for rid, role in expected.get(view, {}).items():
            patch = out[view]["regions"][rid]
            assert patch.get_hatch() == bm.ROLE_STYLES[role]["hatch"], rid
    assert out["legend"] is not None
    texts = [t.get_text() for t in out["legend"].get_texts()]
    if spec["pattern"] and not spec["mechanisms"]:
        # a contrast pattern names its own marks: the S1 root, the S1 pattern, the femoral one
        assert texts == [il.figure_text(f"legend_{symptom}_{role}") for role in ("source", "referred", "contrast")]
        assert "S1 nerve root" in texts[0] and "femoral nerve pattern (L2-L4)" in texts[2]
    else:
        assert any("source" in t for t in texts) and any("referred" in t for t in texts)


# ------------------------------------------------------------- alt text
def test_alt_text_names_regions_sides_and_view():
    text = bm.body_map_alt_text(["groin_left"], view="front", referred=["front_thigh_upper_left"])
    assert "front view" in text and "their right side is on your left" in text
    assert "groin (patient's left)" in text
    assert "upper front of the thigh (patient's left)" in text
    text = bm.referred_pain_alt_text("back_pain", side="right")
    assert "strip beside the lumbar spine (patient's right)" in text
    assert "Back view" in text and "Front view" in text
    assert "patient's left" not in text
    assert "not structural scoliosis" in bm.referred_pain_alt_text("lumbar_curve")


def test_alt_text_mentions_saddle_as_midline():
    text = bm.body_map_alt_text(["saddle"], view="back")
    assert "saddle (perineal) area" in text and "patient's" not in text.split("view")[-1]


# ------------------------------------------------------------- in place
def _state(patches):
    return {k: (p.get_visible(), tuple(p.get_facecolor()), p.get_hatch()) for k, p in patches.items()}


def test_referred_pain_figure_updates_in_place():
    live = bm.ReferredPainFigure()
    artists_before = [list(ax.get_children()) for ax in live.figure.axes]
    patch_ids = {k: id(p) for k, p in live.patches.items()}
    live.show("back_pain", "left")
    s1 = _state(live.patches)
    live.show("hip_pain", "left")
    s2 = _state(live.patches)
    changed = {k for k in s1 if s1[k] != s2[k]}
    # back_pain-left and hip_pain-left differ exactly in these regions
    assert changed == {
        "lower_abdomen_left",
        "lumbar_paraspinal_left",
        "sacroiliac_left",
        "upper_buttock_left",
        "groin_left",
        "femoral_triangle_left",
    }
    visible = {k for k, (v, _, _) in s2.items() if v}
    assert visible == {"femoral_triangle_left", "groin_left", "front_thigh_upper_left"}
    # no artist added or removed, same patch objects
    assert [list(ax.get_children()) for ax in live.figure.axes] == artists_before
    assert {k: id(p) for k, p in live.patches.items()} == patch_ids
    assert "femoral triangle (patient's left)" in live.alt_text


def test_referred_pain_figure_lumbar_curve_switches_views():
    live = bm.ReferredPainFigure()
    live.show("lumbar_curve", "right")
    assert not any(p.get_visible() for p in live.patches.values())
    assert live.note.get_visible() and not live.axes[1].get_visible()
    assert live._curve_axes["right"].get_visible()
    live.show("back_pain", "left")
    assert not live.note.get_visible() and live.axes[1].get_visible()


def test_body_map_figure_set_highlight():
    live = bm.BodyMapFigure()
    n = len(live.figure.axes[0].patches) + len(live.figure.axes[1].patches)
    live.set_highlight(source=["buttock_right"], referred=["calf_right", "groin_right"])
    vis = {k for k, p in live.patches.items() if p.get_visible()}
    assert vis == {"buttock_right", "calf_right", "groin_right"}
    assert live.patches["buttock_right"].axes is live.axes[1]
    assert live.patches["groin_right"].axes is live.axes[0]
    assert len(live.figure.axes[0].patches) + len(live.figure.axes[1].patches) == n
    assert "buttock (patient's right)" in live.alt_text
    with pytest.raises(ValueError, match="both source and referred"):
        live.set_highlight(source=["calf_left"], referred=["calf_left"])


def test_png_is_deterministic_and_in_place_matches_fresh():
    a = bm.ReferredPainFigure().show("sciatic_pain", "right").to_png()
    b = bm.ReferredPainFigure().show("sciatic_pain", "right").to_png()
    assert a == b and a[:8] == b"\x89PNG\r\n\x1a\n"
    # reached by in-place steps from another state: same pixels
    live = bm.ReferredPainFigure()
    live.to_png()
    live.show("lumbar_curve", "left").to_png()
    live.show("hip_pain", "left").to_png()
    c = live.show("sciatic_pain", "right").to_png()
    assert _pixels(c).shape == _pixels(a).shape
    assert np.abs(_pixels(c).astype(int) - _pixels(a).astype(int)).max() <= 2


def _pixels(png: bytes):
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_importing_the_package_does_not_import_matplotlib():
    import subprocess
    import sys

    code = "import sys, iliopsoas_lessons; sys.exit(1 if 'matplotlib' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_modules_use_no_pyplot():
    for mod in _PACKAGE_MODULES:
        src = files("iliopsoas_lessons").joinpath(mod).read_text()
        assert "import pyplot" not in src and "matplotlib.pyplot" not in src, mod
        assert "plt." not in src, mod


def test_resizing_a_live_figure_redraws_everything():
    live = bm.BodyMapFigure().set_highlight(["groin_left"])
    small = _pixels(live.to_png())
    live.figure.set_size_inches(8, 7)
    big = _pixels(live.to_png())
    assert big.shape[:2] == (700, 800) and small.shape[:2] != big.shape[:2]
    # the static outline is there after the resize, not a stale background
    assert (big[:, :, 0] < 250).mean() > 0.05


def test_extras_mark_article_claims_and_contrast_regions_distinctly():
    live = bm.ReferredPainFigure().show("back_pain", "right", extras=True)
    vis = {k: p.get_hatch() for k, p in live.patches.items() if p.get_visible()}
    assert vis["thoracic_paraspinal_right"] == vis["lateral_hip_right"] == st.CLAIMED["hatch"]
    hatches = {st.SOURCE["hatch"], st.REFERRED["hatch"], st.CLAIMED["hatch"], st.CONTRAST["hatch"]}
    assert len(hatches) == 4
    assert "Claimed by the article" in live.alt_text and "lateral" in live.alt_text
    assert live.legend_roles == ("source", "referred", "claimed")
    assert [r for r, leg in live.legends.items() if leg.get_visible()] == list(live.legend_roles)
    live.show("hip_pain", "left", extras=True)  # no claims, no contrast: nothing extra
    assert live.legend_roles == ("source", "referred")
    live.show("back_pain", "left")
    assert "thoracic_paraspinal_left" not in {k for k, p in live.patches.items() if p.get_visible()}
    assert live.legend_roles == ("source", "referred")


def test_plot_referred_pain_extras_legend_lists_used_marks():
    fig = Figure(figsize=(6, 5))
    out = bm.plot_referred_pain((fig.add_subplot(121), fig.add_subplot(122)), "back_pain", extras=True)
    texts = [t.get_text() for t in out["legend"].get_texts()]
    assert texts == [st.SOURCE["label"], st.REFERRED["label"], st.CLAIMED["label"]]
    assert out["back"]["regions"]["lateral_hip_left"].get_hatch() == st.CLAIMED["hatch"]


def test_shipped_geometry_matches_the_build_script():
    """The shipped JSON is what scripts/build_bodymap_data.py makes from the
    CHOIR source polygons kept beside it (scripts/choir-bodymap/)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    source = root / "scripts" / "choir-bodymap"
    res = subprocess.run(
        [sys.executable, str(root / "scripts" / "build_bodymap_data.py"), "--check", "--source", str(source)],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_legend_words_follow_the_symptom_after_a_body_switch():
    """Lesson 03 as a lecturer tried it: the last symptom, the female body,
    then Previous back to the first. Every step's figure (as the page gets it
    from the state table) must carry the legend words of the symptom shown,
    never the S1 pattern's words cached from the contrast step; and the table
    drawn in that very order says the same as the shipped one."""
    import re

    from iliopsoas_lessons.widgets import SymptomStepper

    stepper = SymptomStepper()
    count = len(stepper.state.course.symptoms)
    stepper.go_to(count - 1)
    stepper.set(body="female")
    seen = []
    fresh = bm.ReferredPainFigure()  # drawn in the lecturer's order, one figure switched in place
    fresh.show(stepper.state.key, stepper.state.side)
    fresh.set_body("female")
    for index in reversed(range(count)):
        stepper.go_to(index)
        fresh.show(stepper.state.key, stepper.state.side)
        _, overlay = fresh.svg_layers()
        labels = [" ".join(label.split()) for _, label in fresh.legend_labels]
        for shown in (" ".join(overlay.split()), " ".join(stepper.shown("figure").split())):
            for label in labels:
                assert all(word in shown for word in label.split()), (stepper.state.key, label)
            contrast = any("S1" in label for label in labels)
            assert ("S1" in shown) == contrast, (stepper.state.key, labels)
        alt = lambda m: re.search(r'role="img" aria-label="([^"]*)"', m).group(1)  # noqa: E731
        assert alt(overlay) == alt(stepper.shown("figure"))
        seen.append(stepper.state.key)
    assert len(seen) == count
