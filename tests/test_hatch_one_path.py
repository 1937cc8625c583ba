"""Issue 22: every hatched fill comes from one code path
(``figures/svg.py`` ``hatch_pattern``): a role's hatch is the same tile in a
big figure, in its legend, in the small compared maps and their keys, and the
pain map's marks come as Python's markup (painmap.js draws no hatch).  Each
test compares parsed tiles, so a changed stroke, ink or mark anywhere fails."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from iliopsoas_lessons.content.roles import ROLE_STYLES, ROLES
from iliopsoas_lessons.figures import style as st
from iliopsoas_lessons.figures.bodymap_plot import legend_handles, plot_body_map
from iliopsoas_lessons.figures.bodymap_svg import marks_map_svg, role_swatch_svg, tile_pattern
from iliopsoas_lessons.figures.svg import figure_to_svg, hatch_pattern
from iliopsoas_lessons.widgets._state_painmap import LEGENDS, MARK_STYLES

ROOT = Path(__file__).resolve().parents[1]
# one front-view region per role, for a figure that shows all five
ROLE_REGIONS = {
    "source": "lower_abdomen_left",
    "referred": "front_thigh_left",
    "claimed": "groin_left",
    "contrast": "lower_abdomen_right",
    "red_flag": "groin_right",
}


def _tile(markup: str) -> tuple:
    """A ``<pattern>`` as comparable data: its attributes (id left out), and
    each child's tag and attributes, the style split into properties."""
    root = ET.fromstring(markup)
    attrs = {k: v for k, v in root.attrib.items() if k not in ("id", "data-gid")}

    def child(e):
        a = dict(e.attrib)
        style = a.pop("style", "")
        props = tuple(sorted(tuple(p.strip() for p in d.split(":", 1)) for d in style.split(";") if d.strip()))
        return (e.tag.split("}")[-1], tuple(sorted(a.items())), props)

    return (tuple(sorted(attrs.items())), tuple(child(e) for e in root))


def _patterns(svg: str) -> dict:
    return {m.group(1): m.group(0) for m in re.finditer(r'<pattern id="([^"]+)".*?</pattern>', svg, re.S)}


def _fill_of(svg: str, gid: str) -> str:
    """The pattern a zone (or legend patch) with this gid is filled with."""
    m = re.search(rf'data-gid="{re.escape(gid)}">\s*<path\b[^>]*?fill: url\(#([^)]+)\)', svg)
    assert m, f"{gid} has no hatched fill"
    return _patterns(svg)[m.group(1)]


@pytest.fixture(scope="module")
def big_figure() -> str:
    """A full-size figure with every role on one map and the five roles' legend."""
    fig = st.new_figure((7.0, 6.0))
    ax = fig.add_subplot()
    keys = {"highlight": "source", "referred": "referred", "claimed": "claimed", "contrast": "contrast"}
    plot_body_map(ax, **{k: [ROLE_REGIONS[r]] for k, r in keys.items()}, red_flag=[ROLE_REGIONS["red_flag"]])
    ax.legend(handles=legend_handles(ROLES))
    return figure_to_svg(fig, id_prefix="big-")


@pytest.mark.parametrize("role", ROLES)
def test_a_roles_tile_is_the_same_in_a_figure_its_legend_a_small_map_and_its_key(role, big_figure):
    one = _tile(tile_pattern("t", role))
    assert _tile(_fill_of(big_figure, ROLE_REGIONS[role])) == one, "big figure's zone"
    small = marks_map_svg(((ROLE_REGIONS[role], role),), id_prefix="small-")
    assert _tile(_fill_of(small, ROLE_REGIONS[role])) == one, "small compared map"
    (swatch,) = _patterns(role_swatch_svg(role)).values()
    assert _tile(swatch) == one, "the small map's key"


def test_the_legend_of_a_figure_draws_no_other_tile_than_the_roles(big_figure):
    """The legend's swatches (copies of the role's handles) reuse the zones' tiles."""
    fills = re.findall(r"fill: url\(#([^)]+)\)", big_figure)
    assert len(fills) == 2 * len(ROLES)  # each role: a zone and a legend swatch
    assert {_tile(_patterns(big_figure)[f]) for f in fills} == {_tile(tile_pattern("t", r)) for r in ROLES}


def test_a_planted_different_stroke_ink_or_mark_is_caught():
    s = ROLE_STYLES["source"]
    one = _tile(tile_pattern("t", "source"))
    ink = (0, 0, 0, s["alpha"])
    assert _tile(hatch_pattern("x", s["hatch"], face=s["facecolor"], ink=ink)) == one  # the same, rebuilt
    for planted in (
        hatch_pattern("x", s["hatch"], face=s["facecolor"], ink=ink, linewidth=0.8),  # thinner stroke
        hatch_pattern("x", s["hatch"], face=s["facecolor"], ink=(0.3, 0.3, 0.3, s["alpha"])),  # grey ink
        hatch_pattern("x", "xx", face=s["facecolor"], ink=ink),  # sparser marks
        tile_pattern("t", "source").replace("stroke-width: 1;", "stroke-width: 0.9;"),  # edited by hand
    ):
        assert planted != tile_pattern("t", "source")
        assert _tile(planted) != one


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _ink_contrast(markup: str) -> float:
    root = ET.fromstring(markup)
    face = root.find("rect").get("fill")
    ink = re.search(r"stroke: (#[0-9a-f]{6})", root.find("path").get("style")).group(1)
    hi, lo = sorted((_luminance(face), _luminance(ink)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _tiles_of_the_pain_map() -> dict:
    from iliopsoas_lessons.widgets.painmap import PainMapExercise

    return PainMapExercise().map.data["tiles"]


def test_every_role_keeps_its_own_marks_and_they_stand_out_from_its_fill():
    marks = {role: ET.fromstring(tile_pattern("t", role)).find("path").get("d") for role in ROLES}
    assert len(set(marks.values())) == len(ROLES), marks  # never colour alone
    for role in ROLES:
        assert _ink_contrast(tile_pattern("t", role)) >= 3, role  # WCAG 1.4.11: 3:1 for graphics


def test_the_pain_map_gets_each_status_tile_from_the_one_code_path():
    tiles = _tiles_of_the_pain_map()
    assert set(tiles) == set(MARK_STYLES)
    for status, s in MARK_STYLES.items():
        assert _tile(tiles[status]) == _tile(hatch_pattern("t", s["hatch"], face=s["fill"], ink=s["ink"])), status
        assert _ink_contrast(tiles[status]) >= 3, status
    for role in ("source", "referred"):  # the reference pattern's marks are the role's, as in the figures
        role_marks = ET.fromstring(tile_pattern("t", role)).find("path").get("d")
        assert ET.fromstring(tiles[role]).find("path").get("d") == role_marks
    for mode, statuses in LEGENDS.items():
        marks = [ET.fromstring(tiles[s]).find("path").get("d") for s in statuses]
        assert len(set(marks)) == len(marks), mode


def test_no_javascript_draws_a_hatch_of_its_own():
    for js in sorted((ROOT / "iliopsoas_lessons").rglob("*.js")):
        text = js.read_text(encoding="utf8")
        assert not re.search(r"""svgEl\(\s*["'](pattern|circle)["']""", text), js.name
        assert not re.search(r"createElementNS\([^)]*[\"'](pattern|circle)[\"']", text), js.name
        assert not re.search(r"\bM-?\d+,-?\d+ [lL]", text), js.name  # hand-written tile path data
