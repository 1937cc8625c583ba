"""What a reader without a kernel sees of a stepping widget (the HTML export,
nbviewer, GitHub): every step, not only the first; the exercises' answers only
behind a collapsed <details>; and the live widget left exactly as it was.
"""

from __future__ import annotations

import base64
import html
import importlib.util
import re
import struct
from pathlib import Path

import matplotlib
import nbformat
import pytest

matplotlib.use("Agg")

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.widgets import MechanismStepper, Quiz, RedFlagCases, SymptomStepper
from iliopsoas_lessons.widgets._snapshot import STEP_FIGURE_WIDTH

ROOT = Path(__file__).resolve().parents[1]
ANSWER = re.compile(r'<details class="il-answer">.*?</details>', flags=re.S)
STEP = re.compile(r'<details class="il-step"( open)?><summary>(.*?)</summary>', flags=re.S)


def _titles(cls) -> list[str]:
    """What names each step, as the learner sees it in the widget."""
    if cls is SymptomStepper:
        return [s.title for s in il.symptoms()]
    if cls is MechanismStepper:
        return [m.title for m in il.mechanisms()]
    if cls is RedFlagCases:
        return [c.story for c in ld.cases()]
    return [q.prompt for q in ld.questions()]


def _noun(widget) -> str:
    return widget.noun


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _steps_html(widget) -> str:
    return widget._repr_mimebundle_()["text/html"]


@pytest.mark.parametrize("cls", [SymptomStepper, MechanismStepper], ids=lambda c: c.__name__)
def test_a_stepper_stores_every_step_with_its_own_figure_first_step_open(cls):
    widget = cls()
    page = _steps_html(widget)
    titles = _titles(cls)
    steps = STEP.findall(page)
    assert [summary for _, summary in steps] == [
        html.escape(f"{_noun(widget).capitalize()} {k + 1} of {len(titles)}: {t}", quote=True)
        for k, t in enumerate(titles)
    ]
    assert [bool(is_open) for is_open, _ in steps] == [True] + [False] * (len(titles) - 1)
    # each step's figure is that step's: its alt text names the step's title
    alts = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]*)"', page)
    assert len(alts) == len(titles)
    for title, alt in zip(titles, alts):
        assert html.unescape(alt).startswith(title) or title.lower() in html.unescape(alt).lower(), (title, alt)
    assert len(set(alts)) == len(alts)
    widget.close()


@pytest.mark.parametrize("cls", [SymptomStepper, MechanismStepper], ids=lambda c: c.__name__)
def test_step_figures_are_small_pngs(cls):
    widget = cls()
    pngs = [base64.b64decode(b) for b in re.findall(r'data:image/png;base64,([^"]+)"', _steps_html(widget))]
    for png in pngs:
        width, _ = struct.unpack(">II", png[16:24])  # IHDR
        assert 0 < width <= STEP_FIGURE_WIDTH
        assert len(png) < 50_000, f"a step's picture is {len(png)} bytes"
    widget.close()


@pytest.mark.parametrize("cls", [RedFlagCases, Quiz], ids=lambda c: c.__name__)
def test_an_exercise_shows_every_item_and_hides_every_answer(cls):
    widget = cls()
    page = _steps_html(widget)
    answers = ANSWER.findall(page)
    items = widget.state.items
    assert len(answers) == len(items)
    assert all("<details class=\"il-answer\">" in a and " open" not in a.split(">", 1)[0] for a in answers)
    in_view = _plain(ANSWER.sub("", page))
    for title in _titles(cls):
        assert title in in_view, title
    for item, answer in zip(items, answers):
        why = item.explanation if cls is Quiz else item.reason
        assert why in _plain(answer) and why not in in_view, item.key
        if cls is Quiz:
            assert item.correct_option in _plain(answer)
            shown = [html.unescape(t) for t in re.findall(r"<li>([A-H]\. [^<]*)</li>", ANSWER.sub("", page))]
            for option in item.options:  # every choice is shown, none marked; its feedback folded away
                assert any(t[3:] == option.text for t in shown), option.text
                assert option.feedback in _plain(answer) and option.feedback not in in_view
        else:
            assert il.urgency_level(item.urgency).label in _plain(answer)
    # the live feedback, score and Check button stay out of the stored page
    assert "Score:" not in in_view and "✓" not in in_view
    widget.close()


def _live(widget) -> dict:
    if hasattr(widget, "table"):  # a state table's widget: its position and what it shows
        return {
            "position": list(widget.widget.position),
            "values": widget.values,
            "shown": [widget.shown(s.name) for s in widget.SLOTS],
            "state": (widget.state.index, widget.state.side),
        }
    if hasattr(widget.widget, "attempts"):  # the exercises: their page's traits are all it shows
        m = widget.widget
        return {
            "index": widget.state.index,
            "traits": (m.index, m.attempts, m.items, m.texts),
            "answers": dict(widget.state.answers),
        }
    raise AssertionError(f"what does a {type(widget).__name__} show live?")


@pytest.mark.parametrize("cls", [SymptomStepper, MechanismStepper, RedFlagCases, Quiz], ids=lambda c: c.__name__)
def test_storing_every_step_leaves_the_live_widget_as_it_was(cls):
    widget = cls()
    widget.go_to(2)
    if cls is SymptomStepper:
        widget.set(side="right")
    if cls is RedFlagCases:
        widget.answer(widget.state.levels[0].key)
    if cls is Quiz:  # a first, wrong try: its mark and feedback show, a second try is open
        q = widget.state.question
        widget.choose(next(i for i in range(len(q.options)) if i != q.answer))
    before = _live(widget)
    _steps_html(widget)
    assert _live(widget) == before
    widget.close()


def test_a_widget_without_steps_stores_its_current_state():
    from iliopsoas_lessons.widgets import SymptomExplorer

    e = SymptomExplorer()
    assert e._repr_mimebundle_()["text/html"] == e.snapshot_html()
    e.close()


def test_the_html_export_shows_every_step_and_keeps_answers_collapsed(tmp_path):
    """scripts/export_html.py on a notebook holding the four steppers' outputs
    as a kernel stores them."""
    spec = importlib.util.spec_from_file_location("export_html", ROOT / "scripts" / "export_html.py")
    export_html = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(export_html)
    nb = nbformat.v4.new_notebook()
    classes = [SymptomStepper, MechanismStepper, RedFlagCases, Quiz]
    for cls in classes:
        widget = cls()
        bundle = widget._repr_mimebundle_()
        widget.close()
        cell = nbformat.v4.new_code_cell(f"{cls.__name__}()")
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
        nb.cells.append(cell)
    path = tmp_path / "steppers.ipynb"
    nbformat.write(nb, path)
    page = export_html.export(path, tmp_path).read_text(encoding="utf-8")
    for cls in classes:
        for title in _titles(cls):
            assert html.escape(title, quote=False) in page or html.escape(title) in page, (cls.__name__, title)
    for answer in ANSWER.findall(page):
        assert answer.startswith('<details class="il-answer"><summary>')
    assert len(ANSWER.findall(page)) == len(ld.cases()) + len(ld.questions())


def test_small_png_shrinks_to_a_deterministic_palette_image():
    import zlib

    import numpy as np

    from iliopsoas_lessons.figures.thumbnail import small_png

    rgba = np.full((40, 60, 4), 255, np.uint8)
    rgba[10:30, 5:25, :3] = (230, 159, 0)  # an Okabe-Ito orange block
    rgba[::7, :, :3] = (0, 0, 0)  # thin dark lines
    png = small_png(rgba, 30, colours=8)
    assert png == small_png(rgba.copy(), 30, colours=8)
    assert png.startswith(b"\x89PNG") and struct.unpack(">IIBB", png[16:26]) == (30, 20, 8, 3)
    plte = png.index(b"PLTE")
    palette = {
        tuple(png[plte + 4 + i : plte + 7 + i]) for i in range(0, struct.unpack(">I", png[plte - 4 : plte])[0], 3)
    }
    assert {(255, 255, 255), (230, 159, 0)} <= palette and len(palette) <= 8
    idat = png.index(b"IDAT")
    raw = zlib.decompress(png[idat + 4 : idat + 4 + struct.unpack(">I", png[idat - 4 : idat])[0]])
    assert len(raw) == 20 * (30 + 1)
    for bad in (1, 257):
        with pytest.raises(ValueError, match="colours must be from 2 to 256"):
            small_png(rgba, 30, colours=bad)
