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
