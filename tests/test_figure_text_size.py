"""Every label of every lesson figure is at least 12 CSS px at the figure's
default display size (figures/style.py: a figure inch is CSS_PX_PER_INCH CSS
px, as a browser shows an SVG sized in points, so s pt is s * CSS_PX_PER_PT
px), and the lessons show each figure at most that wide.

The figures are found through the lesson widgets, so a new figure is checked
without being listed here.  Hidden texts count too: each is shown in some state.
"""

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.axis import Axis
from matplotlib.text import Text

import iliopsoas_lessons as il
import iliopsoas_lessons.widgets as widgets
from iliopsoas_lessons.figures import style as st
from iliopsoas_lessons.figures.bodymap import ReferredPainFigure
from iliopsoas_lessons.widgets._base import FigurePanel
from iliopsoas_lessons.widgets.state_player import TableWidget


class _TablePanel:
    """A state table's figure seen as a panel: the figure and the width the page allows it."""

    def __init__(self, widget, figure):
        import re

        self.figure = figure
        slots = [s.name for s in widget.SLOTS if s.place == "figure"]
        width = re.search(r'class="il-figure" style="max-width:(\d+)px"', widget.shown(slots[0])).group(1)
        self.widget = type("Layout", (), {"layout": type("L", (), {"max_width": f"{width}px"})()})()


# Widgets that need an argument, built as a lesson builds them (a case player plays one case).
EXAMPLE_ARGUMENTS = {"CasePlayer": lambda: (il.course().cases[0].key,)}


def _lesson_widgets_with_figures():
    found = []
    for name in widgets.__all__:
        cls = getattr(widgets, name)
        if isinstance(cls, type) and issubclass(cls, widgets.LessonWidget) and cls is not widgets.LessonWidget:
            widget = cls(*EXAMPLE_ARGUMENTS.get(name, tuple)())
            panels = getattr(widget, "_panels", ())
            if isinstance(widget, TableWidget):  # a state table's figures, as the page shows them
                panels = [_TablePanel(widget, figure) for figure in widget.live_figures]
            if panels:
                found.append((name, widget, panels))
            else:
                widget.close()
    return found


WITH_FIGURES = _lesson_widgets_with_figures()


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
    names = {name for name, _, _ in WITH_FIGURES}
    # (the comparison's small maps carry no text: their titles, sides and keys are HTML)
    assert {"SymptomStepper"} <= names, names


@pytest.mark.parametrize("name,widget,panels", WITH_FIGURES, ids=[n for n, _, _ in WITH_FIGURES])
def test_every_label_is_at_least_12_px_at_the_default_display_size(name, widget, panels):
    for panel in panels:
        fig = panel.figure.figure
        natural_px = fig.get_figwidth() * st.CSS_PX_PER_INCH
        assert panel.widget.layout.max_width == f"{round(natural_px)}px"  # shown at most this wide
        small = []
        for text in _texts(fig):
            if text.get_text().strip():
                px = text.get_fontsize() * st.CSS_PX_PER_PT
                if px < st.MIN_LABEL_PX - 1e-9:
                    small.append(f"{text.get_gid() or text.get_text()[:30]!r}: {px:.1f} px")
        assert not small, f"{name}: labels under {st.MIN_LABEL_PX} px: {small}"
    widget.close()


def test_the_scale_is_the_css_inch():
    assert st.CSS_PX_PER_PT == pytest.approx(96 / 72)
    assert st.MIN_FONT_SIZE * st.CSS_PX_PER_PT == pytest.approx(12)
    panel = FigurePanel(ReferredPainFigure())
    assert panel.width == round(6.0 * 96)
    panel.close()


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
