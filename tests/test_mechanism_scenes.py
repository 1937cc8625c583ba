"""The mechanism close-ups: each mechanism draws its own lesion, on one side,
says so in its alt text, refuses bad names, and switches in place."""

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Patch

import iliopsoas_lessons as il
from iliopsoas_lessons.figures import hip
from iliopsoas_lessons.figures import mechanism_drawing as drawing
from iliopsoas_lessons.figures import mechanism_geometry as geo
from iliopsoas_lessons.figures import mechanism_scenes as scenes
from iliopsoas_lessons.figures.mechanisms import MechanismFigure, mechanism_alt_text, plot_mechanism

KEYS = [m.key for m in il.mechanisms()]
SIDES = ("right", "left")
# what a learner must find named in the alt text of each scene
LESION_WORDS = {
    "acute_strain": "tear",
    "overuse": "bursa",
    "snapping_hip": "snap",
    "hip_replacement_impingement": "cup",
    "avulsion": "fragment",
    "abscess": "pus",
    "haematoma": "blood",
}


def _every_scene_drawn(fig):
    """Show every mechanism once (each scene is drawn on its first showing),
    then the first again."""
    for key in KEYS:
        fig.set_mechanism(key)
    return fig.set_mechanism(KEYS[0])


@pytest.fixture(scope="module")
def live():
    return _every_scene_drawn(MechanismFigure())


def _shown(artist) -> bool:
    return artist.get_visible() and artist.axes.get_visible()


def _all_lesions(fig) -> dict:
    out = {}
    for artists in fig.artists["scenes"].values():
        for a in artists:
            if a.get_gid() in {g for gids in scenes.LESION_GIDS.values() for g in gids}:
                out.setdefault(a.get_gid(), []).append(a)
    return out


def test_every_mechanism_has_a_scene_and_a_lesion():
    assert set(scenes.SCENES) == set(KEYS) == set(LESION_WORDS)
    every = [g for gids in scenes.LESION_GIDS.values() for g in gids]
    assert len(every) == len(set(every)), "a lesion artist belongs to one scene only"


@pytest.mark.parametrize("key", KEYS)
def test_each_mechanism_shows_its_own_lesion_and_no_other(live, key):
    live.set_mechanism(key, "right")
    lesions = _all_lesions(live)
    assert set(lesions) == {g for gids in scenes.LESION_GIDS.values() for g in gids}
    shown = {gid for gid, arts in lesions.items() if any(_shown(a) for a in arts)}
    assert shown == set(scenes.LESION_GIDS[key])


def test_lesions_never_differ_by_colour_alone():
    looks = [(s["hatch"], s["linestyle"], s["edgecolor"], s["facecolor"]) for s in scenes.LESION_STYLES.values()]
    assert len(set(looks)) == len(looks)
    for name, s in scenes.LESION_STYLES.items():
        assert s["hatch"] and s["edgecolor"] and s["label"], name
    fig = _every_scene_drawn(MechanismFigure())
    for arts in _all_lesions(fig).values():
        for a in arts:
            if isinstance(a, Patch):
                assert a.get_hatch() and a.get_linewidth() >= 1.0, a.get_gid()


@pytest.mark.parametrize("key", KEYS)
def test_every_patch_drawn_has_a_gid(live, key):
    live.set_mechanism(key, "right")
    for ax in live.figure.axes[1:]:
        if ax.get_visible():
            for p in ax.patches:
                if p.get_visible():
                    assert p.get_gid(), (key, p)


def _display_x(ax, x, y=0.0) -> float:
    return ax.transData.transform((x, y))[0]


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("key", KEYS)
def test_only_the_chosen_side_is_drawn(live, key, side):
    live.set_mechanism(key, side)
    axes = [ax for ax in live.figure.axes[1:] if ax.get_visible()]
    assert axes
    for ax in axes:
        # the patient's left is the mirror image: its x axis runs the other way
        assert ax.xaxis_inverted() == (side == "left")
    view = scenes.SCENES[key]["view"]
    ax = axes[0]
    if view == "front":
        # seen from the front the patient's right lies on the viewer's left of the midline
        lateral, midline = _display_x(ax, 1.0), _display_x(ax, geo.MIDLINE_X)
        assert (lateral < midline) == (side == "right")
        # nothing is drawn beyond the midline: one side only
        for p in ax.patches:
            if p.get_visible():
                ext = p.get_path().transformed(p.get_patch_transform()).get_extents()
                assert ext.x1 <= geo.MIDLINE_X + geo.BODY_HALF_WIDTH + 1.5, p.get_gid()
    else:
        # seen from the side the patient faces right for the right hip
        back, front = _display_x(ax, -2.0), _display_x(ax, 2.0)
        assert (back < front) == (side == "right")
    directions = [t.get_text() for t, *_ in live.artists["directions"] if _shown(t)]
    assert directions and all(("→" in d) == (side == "right") for d in directions)
    assert f"patient's {side} side" in live.artists["header"][1].get_text()


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("key", KEYS)
def test_alt_text_names_the_lesion_the_side_and_says_schematic(key, side):
    alt = mechanism_alt_text(key, side)
    assert alt.startswith(il.mechanism(key).title)
    assert f"patient's {side} side" in alt
    assert "schematic" in alt.lower()
    assert LESION_WORDS[key] in alt.lower()
    other = {"right": "left", "left": "right"}[side]
    assert f"patient's {other}" not in alt


def test_bad_mechanism_or_side_names_the_valid_choices():
    fig = MechanismFigure()
    with pytest.raises(LookupError, match="acute_strain.*haematoma"):
        fig.set_mechanism("falling_piano")
    with pytest.raises(ValueError, match="side 'middle'; choose one of: right, left"):
        fig.set_side("middle")
    with pytest.raises(ValueError, match="right, left"):
        MechanismFigure("abscess", "both")
    with pytest.raises(LookupError, match="avulsion"):
        plot_mechanism(Figure().add_subplot(), "falling_piano")
    with pytest.raises(ValueError, match="right, left"):
        mechanism_alt_text("abscess", "up")
    assert fig.mechanism == "acute_strain" and fig.side == "right"  # a refusal changes nothing


def _artist_ids(fig) -> list:
    """The artists of every axes (matplotlib's own lazily made ticks aside)."""
    return [list(ax.get_children()) for ax in fig.figure.axes]


def test_a_scene_is_drawn_on_its_first_showing_only():
    fig = MechanismFigure("overuse")
    assert list(fig.artists["scenes"]) == ["overuse"]  # a lesson opens on one scene
    fig.set_mechanism("snapping_hip", "left")
    assert list(fig.artists["scenes"]) == ["overuse", "snapping_hip"]
    shown = {gid for gid, a in fig.lesions.items() if _shown(a)}
    assert shown == set(scenes.LESION_GIDS["snapping_hip"])


def test_switching_mechanism_or_side_rebuilds_nothing():
    fig = _every_scene_drawn(MechanismFigure())
    fig.to_png()
    before, axes = _artist_ids(fig), list(fig.figure.axes)
    for key in KEYS:
        for side in SIDES:
            fig.set_mechanism(key, side).to_png()
    assert list(fig.figure.axes) == axes
    assert _artist_ids(fig) == before


@pytest.mark.parametrize("key, side", [("avulsion", "left"), ("snapping_hip", "right"), ("abscess", "right")])
def test_in_place_picture_equals_a_fresh_one(key, side):
    fig = MechanismFigure("overuse", "right")
    fig.to_png()
    fig.set_mechanism(key, side).to_png()
    fig.set_mechanism("haematoma", "left").to_png()
    assert fig.set_mechanism(key, side).to_png() == MechanismFigure(key, side).to_png()


def test_plot_mechanism_draws_only_inside_its_axes():
    fig = Figure(figsize=(8, 6.4))
    ax = fig.add_axes((0, 0, 1, 1))
    art = plot_mechanism(ax, "snapping_hip", side="left")
    assert fig.axes == [ax]
    assert all(a in ax.child_axes for a in art["axes"]["hip_model"])
    assert all(a.xaxis_inverted() for a in art["axes"]["hip_model"])


def test_snapping_hip_is_drawn_by_the_hip_angle_model():
    """The two panels are the hip model's own muscle lines at 90 and 0 degrees:
    clear of the eminence when bent, wrapped over it when straight."""
    fig = MechanismFigure("snapping_hip")
    bent_ax, straight_ax = fig.artists["axes"]["hip_model"]
    lines = []
    for ax, angle in ((bent_ax, 90), (straight_ax, 0)):
        drawn = [ln for ln in ax.lines if (ln.get_gid() or "").endswith(":iliopsoas")]
        model = hip.plot_hip_side(Figure().add_subplot(), angle, labels=False)["muscle"]
        assert len(drawn) == 1
        np.testing.assert_allclose(drawn[0].get_xydata(), model.get_xydata())
        lines.append(np.asarray(model.get_xydata()))
    eminence = drawing.eminence_xy(straight_ax, None)
    bent, straight = lines
    a, b = bent[0], bent[-1]
    u, v = b - a, eminence - a
    gap = abs(u[0] * v[1] - u[1] * v[0]) / np.linalg.norm(u)
    assert gap > 0.3, "in flexion the tendon runs clear of the eminence"
    assert min(np.linalg.norm(straight - eminence, axis=1)) < 0.05, "straight: over the eminence"
    star = [a for a in fig.artists["scenes"]["snapping_hip"] if a.get_gid() == "lesion:snap"][0]
    centre = star.get_path().vertices.mean(axis=0)
    assert np.linalg.norm(centre - eminence) < 0.2


def _text_boxes(live):
    """Every text a reader sees: header, labels of the visible views, legend."""
    fig = live.figure
    renderer = fig.canvas.get_renderer()
    texts = [t for ax in fig.axes if ax.get_visible() for t in ax.texts]
    texts += [t for leg in live.artists["legends"].values() if leg.get_visible() for t in leg.get_texts()]
    return [
        (t.get_text()[:30], t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text().strip()
    ]


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("key", KEYS)
def test_labels_do_not_overlap_and_stay_on_the_figure(live, key, side):
    live.set_mechanism(key, side).to_png()
    fig = live.figure
    boxes = _text_boxes(live)
    assert boxes
    clashes = [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1 :] if a != b and ba.overlaps(bb)]
    assert clashes == []
    page = fig.bbox
    outside = [
        t for t, bb in boxes if bb.x0 < page.x0 - 1 or bb.x1 > page.x1 + 1 or bb.y0 < page.y0 - 1 or bb.y1 > page.y1 + 1
    ]
    assert outside == []


def test_label_size_reads_when_projected():
    assert scenes.LABEL_SIZE >= 9  # 9 pt at 100 dpi is 12.5 px


def test_the_vector_picture_of_each_scene_holds_its_lesion_by_id_and_no_other():
    import collections
    import re

    from iliopsoas_lessons.figures.svg import figure_to_svg

    fig = MechanismFigure()
    every = {g for gids in scenes.LESION_GIDS.values() for g in gids}
    for key in KEYS:
        svg = figure_to_svg(fig.set_mechanism(key, "left").figure, alt=fig.alt_text)
        ids = collections.Counter(re.findall(r'\bid="([^"]+)"', svg))
        assert [i for i, n in ids.items() if n > 1] == [], key  # ids stay unique
        assert {g for g in every if g in ids} == set(scenes.LESION_GIDS[key]), key


def test_each_scene_says_what_it_was_checked_against():
    import json
    import re
    from importlib.resources import files

    refs = {
        r["key"]
        for r in json.loads(files("iliopsoas_lessons").joinpath("data/references.json").read_text())["references"]
    }
    for key, spec in scenes.SCENES.items():
        note = spec["checked"]
        assert note.startswith("Checked against: "), key
        cited = set(re.findall(r"\b[A-Z][A-Z0-9]{2,}\b", note))
        assert cited & refs, f"{key}: names no reference key"
        assert cited <= refs | {"CT", "MRI"}, f"{key}: unknown keys {cited - refs}"


def test_the_widgets_vector_picture_follows_the_mechanism_and_side():
    """The lessons show ``svg_layers``: its background is the scene chosen
    (each (mechanism, side) its own), not the first one drawn."""
    import re

    fig = MechanismFigure()
    every = {g for gids in scenes.LESION_GIDS.values() for g in gids}
    seen = set()
    for key in KEYS:
        for side in SIDES:
            background, overlay = fig.set_mechanism(key, side).svg_layers(id_prefix="t-")
            gids = set(re.findall(r'data-gid="([^"]+)"', background))
            assert every & gids == set(scenes.LESION_GIDS[key]), (key, side)
            assert f"patient&#x27;s {side} side" in overlay or f"patient's {side} side" in overlay
            seen.add(background)
    assert len(seen) == 2 * len(KEYS)  # the left side is drawn mirrored, not the right again
