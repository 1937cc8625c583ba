"""figures/svg.py: the inline vector output every vector figure goes through."""

import re

from matplotlib.figure import Figure
from matplotlib.patches import Circle

from iliopsoas_lessons.figures.svg import figure_to_svg


def _figure():
    fig = Figure(figsize=(2, 2))
    ax = fig.add_subplot()
    ax.add_patch(Circle((0.5, 0.5), 0.2, gid="region:groin", hatch="//"))
    ax.text(0.1, 0.1, "label", gid="label:groin")
    return fig


def test_svg_is_inline_scalable_and_names_itself():
    svg = figure_to_svg(_figure(), alt='groin <"both">')
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'width="100%"' in svg and "viewBox=" in svg and "pt\"" not in svg.split(">", 1)[0]
    assert 'role="img" aria-label="groin &lt;&quot;both&quot;&gt;"' in svg


def test_svg_keeps_each_artists_gid_and_is_deterministic():
    fig = _figure()
    svg = figure_to_svg(fig)
    assert 'id="region:groin"' in svg and 'id="label:groin"' in svg
    assert svg == figure_to_svg(fig)


def test_id_prefix_renames_every_id_and_reference_together():
    svg = figure_to_svg(_figure(), id_prefix="f1-")
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    assert ids and all(i.startswith("f1-") for i in ids)
    refs = re.findall(r'url\(#([^)]+)\)', svg)
    assert refs and all(r in ids for r in refs)  # hatch pattern and clip paths still resolve
    assert 'data-gid="region:groin"' in svg


# ------------------------------------------------- live figures: background + overlay
def _viewbox(svg):
    return re.search(r'viewBox="([^"]+)"', svg).group(1)


def test_live_figure_overlay_stacks_on_its_background_and_resolves_every_reference():
    from iliopsoas_lessons.figures.bodymap import ReferredPainFigure

    live = ReferredPainFigure().show("sciatic_pain", "right")
    background, overlay = live.svg_layers(id_prefix="t-")
    assert _viewbox(background) == _viewbox(overlay) == _viewbox(live.to_svg())
    assert 'aria-hidden="true"' in background.split(">", 1)[0]
    assert re.match(r'<svg [^>]*role="img" aria-label="Sciatic-type leg pain', overlay)
    ids = set(re.findall(r'\bid="([^"]+)"', background + overlay))
    refs = set(re.findall(r'url\(#([^)]+)\)', overlay))
    assert refs and refs <= ids  # hatch patterns and clip paths travel with the background
    assert len(re.findall(r'\bid="([^"]+)"', overlay)) == len(set(re.findall(r'\bid="([^"]+)"', overlay)))
    # the marked zones and the title are in the overlay, by their gid
    for region in live.marks:
        assert f'data-gid="{region}"' in overlay
    assert 'data-gid="figure_title"' in overlay and 'data-gid="figure_title"' not in background


def test_the_background_never_keeps_the_marks_it_was_first_drawn_with():
    """The background is drawn once, at the first step; a later step's overlay
    must not sit on the first step's marks (matplotlib draws an Axes' animated
    artists when saving, so they are hidden instead)."""
    from iliopsoas_lessons.figures.bodymap import ReferredPainFigure

    live = ReferredPainFigure().show("back_pain", "left")
    first_marks = set(live.marks)
    background, _ = live.svg_layers(id_prefix="t-")
    background, overlay = live.show("sciatic_pain", "left").svg_layers(id_prefix="t-")
    assert first_marks - set(live.marks), "the two steps should mark different areas"
    drawn = set(re.findall(r'data-gid="([^"]+)"', background))
    assert drawn.isdisjoint(live.patches), sorted(drawn & set(live.patches))
    for region in live.marks:
        assert f'data-gid="{region}"' in overlay


def test_live_figure_steps_send_only_a_small_overlay_and_repeat_exactly():
    from iliopsoas_lessons.figures.bodymap import ReferredPainFigure

    live = ReferredPainFigure()
    keys = ["back_pain", "pain_with_movement", "hip_pain", "sciatic_pain"]
    for key in keys:  # every role's pattern has been used once
        live.show(key, "left", extras=True)
        live.svg_layers(id_prefix="t-")
    first = live.show("back_pain", "left").svg_layers(id_prefix="t-")
    second = live.show("hip_pain", "right").svg_layers(id_prefix="t-")
    assert second[0] == first[0]  # the background is not sent again
    assert second[1] != first[1] and len(second[1]) < 20_000
    assert live.show("back_pain", "left").svg_layers(id_prefix="t-") == first


def test_text_stays_text_in_the_svg():
    svg = figure_to_svg(_figure())
    assert re.search(r"<text\b[^>]*>label</text>", svg)


# -- hatches: the smallest repeating tile (issue 22: an 84 KB dotted tile was
# parsed and painted on each step) --------------------------------------------

HATCHES = ["...", "..", "xxx", "xx", "xxxx", "\\\\\\", "///", "---", "----", "||||", "ooo", "oo", "++", "**"]


def _marks(path, size, repeat):
    """Each mark of a hatch path (unit square, a tile *size* points wide)
    repeated *repeat* times each way, as a set modulo the 72-point tile: a
    shape by its centre and vertex count, a line by its direction and where
    it crosses (its offset along the normal)."""
    import numpy as np
    from matplotlib.path import Path

    marks = set()
    for vertices, codes in _subpaths(path):
        pts = np.asarray(vertices) * size
        for i in range(repeat):
            for j in range(repeat):
                shifted = pts + (i * size, j * size)
                if len(pts) == 2 and Path.CURVE4 not in codes:
                    d = shifted[1] - shifted[0]
                    n = np.array([-d[1], d[0]]) / np.hypot(*d)
                    if n[0] < 0 or (n[0] == 0 and n[1] < 0):
                        n = -n
                    step = abs(n[0] * 72) or abs(n[1] * 72)  # the 72 tile's period along n
                    offset = float(np.dot(n, shifted[0])) % step
                    marks.add(("line", round(n[0], 3), round(n[1], 3), round(offset, 2) % round(step, 2)))
                else:
                    centre = shifted.mean(axis=0) % 72
                    marks.add(("shape", len(pts), round(centre[0], 2) % 72, round(centre[1], 2) % 72))
    return marks


def _subpaths(path):
    from matplotlib.path import Path

    vertices, codes = [], []
    for v, c in zip(path.vertices, path.codes):
        if c == Path.MOVETO and vertices:
            yield vertices, codes
            vertices, codes = [], []
        vertices.append(v)
        codes.append(c)
    if vertices:
        yield vertices, codes


def test_a_hatch_tile_repeats_exactly_matplotlibs_marks_in_a_smaller_tile():
    from matplotlib import hatch as mhatch

    from iliopsoas_lessons.figures.svg import HATCH_SIZE, hatch_tile

    for hatch in HATCHES:
        size, path = hatch_tile(hatch)
        assert size < HATCH_SIZE and HATCH_SIZE % size == 0, hatch
        assert _marks(path, size, int(HATCH_SIZE // size)) == _marks(mhatch.get_path(hatch, 6), HATCH_SIZE, 1), hatch


def test_a_dotted_fill_is_a_small_pattern_written_by_one_code_path():
    from matplotlib.patches import Rectangle

    from iliopsoas_lessons.figures.svg import artists_to_svg

    fig = Figure(figsize=(2, 2))
    ax = fig.add_subplot()
    dots = ax.add_patch(Rectangle((0, 0), 1, 1, facecolor="#56b4e9", hatch="..."))
    whole = figure_to_svg(fig)
    fig.canvas.draw()
    overlay = artists_to_svg(fig, [dots])
    for svg in (whole, overlay):
        (pattern,) = re.findall(r"<pattern\b.*?</pattern>", svg, re.S)
        assert len(pattern) < 4000, len(pattern)  # matplotlib's own: about 84 KB
        assert 'width="8"' in pattern  # two rows of dots, every 4 points, as matplotlib spaces them
