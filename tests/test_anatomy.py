"""Anatomy schematics: parts, highlight, hip side view, lumbar curve, mechanisms."""

import json
import re
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

import iliopsoas_lessons as il
from iliopsoas_lessons.figures import anatomy_front as front
from iliopsoas_lessons.figures import hip, hip_geometry, lumbar
from iliopsoas_lessons.figures.anatomy_front import FrontViewFigure

PARTS = [
    p["key"] for p in json.loads(files("iliopsoas_lessons").joinpath("data/anatomy_parts.json").read_text())["parts"]
]
MECHS = {
    m["key"]: m["anatomy_parts"]
    for m in json.loads(files("iliopsoas_lessons").joinpath("data/mechanisms.json").read_text())["mechanisms"]
}


def _ax(size=(7, 6)):
    return Figure(figsize=size).add_subplot()


def _by_gid(ax):
    out = {}
    for a in ax.get_children():
        g = a.get_gid()
        if g:
            out.setdefault(g, []).append(a)
    return out


# ------------------------------------------------------------ front view
def test_every_anatomy_part_has_a_shape_with_its_gid():
    ax = _ax()
    out = front.plot_anatomy(ax)
    gids = _by_gid(ax)
    for key in PARTS:
        assert key in gids, f"part {key} has no artist"
        assert key in out["parts"]
        assert len(out["parts"][key].get_path().vertices) >= 2
        assert key in front.part_shapes()


def test_parts_are_symmetric_about_the_midline():
    for key, path in front.part_shapes().items():
        v = path.vertices
        mirrored = {(round(-x, 6), round(y, 6)) for x, y in v}
        assert mirrored == {(round(x, 6), round(y, 6)) for x, y in v}, key


def test_highlight_changes_exactly_the_named_parts():
    # a highlight is a layer of copies above the drawing (one side or both);
    # the drawing below stays as it is
    ax0, ax1 = _ax(), _ax()
    plain = front.plot_anatomy(ax0)
    lit = front.plot_anatomy(ax1, highlight=["common_tendon", "femoral_nerve"])
    shown = {k for k, p in lit["highlight"]["parts"].items() if p.get_visible()}
    assert shown == {"common_tendon", "femoral_nerve"}
    assert not any(p.get_visible() for p in plain["highlight"]["parts"].values())
    assert lit["highlight"]["parts"]["common_tendon"].get_hatch()  # not colour alone
    for k, p in plain["parts"].items():
        assert (p.get_facecolor(), p.get_hatch()) == (lit["parts"][k].get_facecolor(), lit["parts"][k].get_hatch())


def test_labels_name_parts_and_sides():
    ax = _ax()
    out = front.plot_anatomy(ax, highlight="iliacus")
    assert set(out["labels"]) == set(PARTS)
    assert out["labels"]["iliacus"].get_fontweight() == "bold"
    sides = {t.get_text(): t.get_position()[0] for t in out["texts"] if t.get_text().startswith("patient's")}
    assert sides["patient's right"] < 0 < sides["patient's left"]  # front view mirrors


def test_unknown_part_lists_choices():
    with pytest.raises(LookupError, match="valid choices: psoas_major, iliacus"):
        front.plot_anatomy(_ax(), highlight=["gluteus"])


# ------------------------------------------------------------ hip side view
def test_muscle_length_ratio_is_one_standing_and_monotonic():
    assert hip_geometry.muscle_length_ratio(0) == pytest.approx(1.0)
    assert hip_geometry.muscle_length_ratio(-20) > 1.0 > hip_geometry.muscle_length_ratio(45)
    angles = np.linspace(*hip_geometry.HIP_ANGLE_RANGE, 301)
    r = np.array([hip_geometry.muscle_length_ratio(a) for a in angles])
    assert np.all(np.diff(r) < 0), "length must fall steadily as the hip flexes"


@pytest.mark.parametrize("bad", [-31, 121, float("nan"), 1e9])
def test_hip_angle_out_of_range(bad):
    with pytest.raises(ValueError, match="-30 to 120"):
        hip_geometry.muscle_length_ratio(bad)


def test_plot_hip_side_shows_length_and_wraps_over_the_pulley():
    ax = _ax((4, 6))
    out = hip.plot_hip_side(ax, -20)
    pct = round(100 * hip_geometry.muscle_length_ratio(-20))
    assert f"{pct} % of standing length" in out["length_text"].get_text()
    assert "extended 20" in out["angle_text"].get_text()
    x, y = out["muscle"].get_data()
    assert len(x) == 3  # origin, eminence (pulley), lesser trochanter
    np.testing.assert_allclose((x[1], y[1]), hip_geometry._PULLEY)
    assert il.figure_text("hip_extension") in hip.hip_side_alt_text(-20)


def test_hip_angle_figure_in_place():
    live = hip.HipAngleFigure(0)
    children = list(live.ax.get_children())
    femur_before = live.artists["femur"].get_path().vertices.copy()
    static_ids = [id(a) for a in live.artists["static"]]
    live.set_angle(60)
    assert list(live.ax.get_children()) == children
    assert not np.allclose(live.artists["femur"].get_path().vertices, femur_before)
    assert [id(a) for a in live.artists["static"]] == static_ids
    assert live.length_ratio < 1
    assert "flexed 60" in live.alt_text
    assert live.to_png() == hip.HipAngleFigure(60).to_png()


# ------------------------------------------------------------ lumbar curve
@pytest.mark.parametrize("side,sign", [("left", -1), ("right", 1)])
def test_spasm_leans_the_spine_toward_that_side(side, sign):
    centres, _, _ = lumbar._spine_path(0.8, side)
    top_x = centres[-1][0]
    assert sign * top_x > 1.0  # from behind: patient's left is the picture's left
    straight, _, _ = lumbar._spine_path(0.0, side)
    assert all(abs(x) < 1e-9 for x, _ in straight)


def test_lumbar_curve_labels_and_range():
    ax = _ax((4, 6))
    out = lumbar.plot_lumbar_curve(ax, spasm=0.5, side="right")
    texts = " ".join(t.get_text() for t in out["static"] if hasattr(t, "get_text"))
    assert "a model of a claim, not a finding" in texts.replace("\n", " ")
    assert "model: right psoas spasm 50 %" in out["lean_text"].get_text()
    with pytest.raises(ValueError, match="0 to 1"):
        lumbar.plot_lumbar_curve(_ax(), spasm=1.5)
    with pytest.raises(ValueError, match="left, right"):
        lumbar.plot_lumbar_curve(_ax(), side="up")
    alt = lumbar.lumbar_curve_alt_text(0.5, side="right")
    assert "models a claim, not a finding" in alt and "No clinical study shows" in alt


def test_lumbar_curve_figure_in_place():
    live = lumbar.LumbarCurveFigure(0.0, "left")
    children = list(live.ax.get_children())
    live.set_spasm(0.9, "right")
    assert list(live.ax.get_children()) == children
    assert "right" in live.alt_text
    assert live.to_png() == lumbar.LumbarCurveFigure(0.9, "right").to_png()


def _visible_text_boxes(fig):
    renderer = fig.canvas.get_renderer()
    boxes = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for text in ax.texts:
            if text.get_visible() and text.get_text().strip():
                boxes.append((text.get_text().replace("\n", " ")[:40], text.get_window_extent(renderer)))
    return boxes


def _states():
    from iliopsoas_lessons.figures.hip import HipAngleFigure
    from iliopsoas_lessons.figures.lumbar import LumbarCurveFigure
    from iliopsoas_lessons.figures.bodymap import ReferredPainFigure

    for angle in (-30, -20, 0, 45, 90, 120):
        yield f"hip {angle}", lambda a=angle: HipAngleFigure(a)
    for spasm in (0.0, 0.5, 1.0):
        for side in ("left", "right"):
            yield f"lumbar {spasm} {side}", lambda x=spasm, sd=side: LumbarCurveFigure(x, sd)
    for part in il.parts():
        yield f"part {part.key}", lambda k=part.key: FrontViewFigure().set_highlight([k])
    for symptom in il.symptoms():
        for side in ("left", "right"):
            yield (
                f"map {symptom.key} {side}",
                lambda k=symptom.key, sd=side: ReferredPainFigure().show(k, sd, extras=True),
            )


@pytest.mark.parametrize("name, make", list(_states()), ids=[n for n, _ in _states()])
def test_no_two_labels_overlap_in_any_figure_state(name, make):
    fig = make()
    fig.to_png()
    boxes = _visible_text_boxes(fig.figure)
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1 :] if a != b and ba.overlaps(bb)]
    assert clashes == [], name


def _psoas_origin_slips(texts) -> list[str]:
    """Clauses that put transverse processes in a range starting at T12 without
    saying they are the lumbar (L1-L5) ones: psoas major's deep slips arise from
    L1-L5 only, while its bodies-and-discs slips run from T12 (round 37, B minor 1)."""
    bad = []
    for text in texts:
        for clause in re.split(r"[.;]\s", " ".join(text.split())):
            if "T12" in clause and "transverse process" in clause:
                if not re.search(r"L1 ?(?:to|-|–) ?L5|lumbar", clause):
                    bad.append(clause)
    return bad


def test_psoas_major_origin_keeps_the_transverse_processes_lumbar():
    root = Path(__file__).resolve().parents[1]

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    texts = [
        s
        for p in sorted((root / "iliopsoas_lessons" / "data").rglob("*.json"))
        for s in strings(json.loads(p.read_text()))
    ]
    for nb in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text())["cells"]
        texts += ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    texts += [(root / "docs" / "instructor_guide.md").read_text()]
    texts += [label.replace("\n", " ") for label in front.SHORT_LABELS.values()]
    assert _psoas_origin_slips(texts) == []
    assert any(re.search(r"transverse processes of L1 to L5", t) for t in texts)
    # the wording round 37 found is caught
    assert _psoas_origin_slips(["The psoas major starts on T12 to L5 (bodies, discs, transverse processes)."])
    assert _psoas_origin_slips(["origin of psoas major (T12-L5 bodies, discs, transverse processes)"])
