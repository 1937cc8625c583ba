"""Every label of every lesson figure is at least 12 CSS px at the figure's
default display size (figures/style.py: a figure inch is CSS_PX_PER_INCH CSS
px, as a browser shows an SVG sized in points, so s pt is s * CSS_PX_PER_PT
px), and the lessons show each figure at most that wide.

The figures are found through the lesson widgets' state tables, in every
state the table holds (as ``scripts/make_state_tables.py`` draws them), so a
new figure is checked without being listed here.  Hidden texts count too:
each is shown in some state.
"""

import matplotlib

matplotlib.use("Agg")

import itertools
import re

import pytest
from matplotlib.axis import Axis
from matplotlib.text import Text

import iliopsoas_lessons.widgets as widgets
from iliopsoas_lessons.content.loader import course as package_course
from iliopsoas_lessons.figures import style as st
from iliopsoas_lessons.figures.bodymap import ReferredPainFigure
from iliopsoas_lessons.widgets._state_table import slot_value
from iliopsoas_lessons.widgets.state_player import TableWidget, figure_markup


def _table_widgets_with_figures():
    """Every exported figure widget whose table holds figures drawn in place
    (``PICTURES``; the comparison's small maps carry no text: their titles,
    sides and keys are HTML)."""
    found = []
    for name in widgets.__all__:
        cls = getattr(widgets, name)
        if isinstance(cls, type) and issubclass(cls, TableWidget) and cls.PICTURES:
            found.append(cls)
    return found


WITH_FIGURES = _table_widgets_with_figures()


def _states(cls):
    """(positions, values) of every state of the class's shipped table."""
    controls = cls.table_controls(package_course())
    for positions in itertools.product(*[range(len(c.values)) for c in controls]):
        yield list(positions), {c.name: c.values[p] for c, p in zip(controls, positions)}


def _texts(artist, *, shown_only=False):
    """Every Text under *artist*, axis tick labels excepted (the figures hide
    their axes); with *shown_only*, those drawn now (it and its parents visible)."""
    for child in artist.get_children():
        if isinstance(child, Axis) or (shown_only and not child.get_visible()):
            continue
        if isinstance(child, Text):
            yield child
        yield from _texts(child, shown_only=shown_only)


def test_there_are_lesson_figures_to_check():
    names = {cls.__name__ for cls in WITH_FIGURES}
    assert {"SymptomStepper", "MechanismStepper", "AnatomyExplorer", "HipAngleExplorer"} <= names, names


@pytest.mark.parametrize("cls", WITH_FIGURES, ids=lambda c: c.__name__)
def test_every_label_is_at_least_12_px_at_the_default_display_size(cls):
    """In every state of the table: the figure the state is drawn with has
    no label under 12 px at its natural size, and the table shows it at most
    that wide."""
    course = package_course()
    table = cls.table_for(course, True)
    slots = [s.name for s in cls.SLOTS if s.place == "figure"]
    assert slots, cls.__name__
    small = set()
    for positions, values in _states(cls):
        fig = cls.figure_in(course, values).figure
        natural_px = round(fig.get_figwidth() * st.CSS_PX_PER_INCH)
        for slot in slots:  # shown at most this wide
            width = re.search(r'class="il-figure" style="max-width:(\d+)px"', slot_value(table, positions, slot))
            assert width and int(width.group(1)) == natural_px, (cls.__name__, values)
        for text in _texts(fig):  # every state: a mechanism's close-up is built on its first show
            if text.get_text().strip():
                px = text.get_fontsize() * st.CSS_PX_PER_PT
                if px < st.MIN_LABEL_PX - 1e-9:
                    small.add(f"{text.get_gid() or text.get_text()[:30]!r}: {px:.1f} px")
    assert not small, f"{cls.__name__}: labels under {st.MIN_LABEL_PX} px: {sorted(small)}"


def test_the_scale_is_the_css_inch():
    assert st.CSS_PX_PER_PT == pytest.approx(96 / 72)
    assert st.MIN_FONT_SIZE * st.CSS_PX_PER_PT == pytest.approx(12)
    figure = ReferredPainFigure()
    assert f'class="il-figure" style="max-width:{round(6.0 * 96)}px"' in figure_markup(figure)
    figure.close()


@pytest.mark.parametrize("symptom", ["back_pain", "pain_with_movement", "hip_pain", "sciatic_pain", "lumbar_curve"])
@pytest.mark.parametrize("extras", [False, True])
def test_no_body_map_text_runs_off_the_figure(symptom, extras):
    """The comparison map's two-line title was clipped; nothing may be."""
    live = ReferredPainFigure()
    for side in ("left", "right"):
        live.show(symptom, side, extras=extras)
        fig = live.figure
        renderer = fig.canvas.get_renderer()
        fig.draw(renderer)
        box = fig.bbox
        for text in _texts(fig, shown_only=True):
            if text.get_text().strip():
                extent = text.get_window_extent(renderer)
                assert (
                    extent.x0 >= box.x0 - 0.5
                    and extent.x1 <= box.x1 + 0.5
                    and extent.y0 >= box.y0 - 0.5
                    and extent.y1 <= box.y1 + 0.5
                ), (symptom, side, text.get_gid(), text.get_text()[:40], extent.bounds)
    live.close()
