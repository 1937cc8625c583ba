"""The figure widgets' one front end: an anywidget whose trait is a state
table (:mod:`._state_table`) that ``static/state_player.js`` plays.

Python draws every state once; the page moves between them itself, so a step
sends nothing the page waits for. The page syncs the current ``position``
(the controls' value positions) for the snapshot and for Python code that
reads it; Python never replies.

Tables of the package's own course, and each state's figure as a small PNG
(the stored snapshot for readers without a kernel), are shipped precomputed
in ``tables/`` (``scripts/make_state_tables.py`` writes them;
``tests/test_state_player.py`` checks they equal freshly drawn ones), so a
Run All draws none of them. A widget given another course draws its own.
"""

from __future__ import annotations

import html
import itertools
from functools import lru_cache
from pathlib import Path

import anywidget
import traitlets as t

from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.content.reader import read_json

from ._base import LESSONS_CSS, STATIC_NOTE, LessonWidget
from ._snapshot import STEPS_NOTE, details, figure_picture
from ._state_common import course_or_package
from ._state_table import ID_TOKEN, Control, Slot, build_table, slot_value, state_key

__all__ = ["StatePlayerWidget", "TableWidget", "TABLES", "table_path", "figure_markup"]

_STATIC = Path(__file__).with_name("static")
TABLES = Path(__file__).with_name("tables")


class StatePlayerWidget(anywidget.AnyWidget):
    """The page of a figure widget (front end in ``static/state_player.js``)."""

    _esm = _STATIC / "state_player.js"
    # the lessons' figure rules first (background and overlay stacked), then the player's own
    _css = LESSONS_CSS + (_STATIC / "state_player.css").read_text(encoding="utf-8")

    table = t.Dict().tag(sync=True)
    # the controls' value positions now: the page sets it, Python only reads it
    position = t.List(t.Int()).tag(sync=True)


def figure_markup(figure) -> str:
    """A live figure's current state as the page shows it: its background and
    overlay stacked (``il-figure``), at most its natural width, the overlay
    named by the alt text; element ids start with :data:`ID_TOKEN`."""
    background, overlay = figure.svg_layers(id_prefix=ID_TOKEN)
    return (
        f'<div class="il-figure" style="max-width:{round(figure.display_width_px)}px">'
        f'<div class="il-figure-background">{background}</div>'
        f'<div class="il-figure-overlay">{overlay}</div></div>'
    )


def table_path(name: str) -> Path:
    return TABLES / f"{name}.json"


def pictures_path(name: str) -> Path:
    """The stored pictures of every state (small PNGs, for readers without a kernel)."""
    return TABLES / f"{name}.pictures.json"


@lru_cache(maxsize=None)
def _shipped(name: str) -> dict | None:
    path = table_path(name)
    if not path.is_file():
        return None
    return read_json(path, f"widgets/tables/{path.name}")


@lru_cache(maxsize=None)
def _shipped_pictures(name: str) -> dict | None:
    path = pictures_path(name)
    if not path.is_file():
        return None
    return read_json(path, f"widgets/tables/{path.name}")


class TableWidget(LessonWidget):
    """Base of the figure widgets. A subclass gives :meth:`table_controls`,
    :data:`SLOTS` and :meth:`render`; for a stepper, its first control is the
    ``step`` and :attr:`noun` names the steps."""

    SLOTS: tuple[Slot, ...] = ()
    CSS = ""
    noun = ""
    PICTURES = True  # each state's figure is shipped as a small PNG (False: shown as its vector drawing)
    # an explorer's snapshot shows one state, so only its start's picture is
    # shipped (the constructor's defaults); another start draws its own
    START: dict | None = None

    def __init__(self, course: Content | None, start: dict):
        self.course = course_or_package(course)
        self.controls = self.table_controls(self.course)
        self._package = course is None or self.course is course_or_package(None)
        self.table = self.table_for(self.course, self._package)
        self._position = [c.position(start[c.name]) for c in self.controls]
        self._show(StatePlayerWidget(table=self.table, position=list(self._position)))
        self.widget.observe(self._on_position, names="position")

    # -- what a subclass gives ---------------------------------------------------
    @classmethod
    def table_controls(cls, course: Content) -> list[Control]:
        raise NotImplementedError

    @classmethod
    def render(cls, course: Content, values: dict) -> dict:
        """{slot name: html} for the controls' ``values``."""
        raise NotImplementedError

    # -- the table -----------------------------------------------------------------
    @classmethod
    def build(cls, course: Content | None = None) -> dict:
        """The table drawn afresh (what ``scripts/make_state_tables.py`` ships)."""
        course = course_or_package(course)
        return build_table(
            cls.__name__, cls.CSS, cls.table_controls(course), list(cls.SLOTS), lambda v: cls.render(course, v)
        )

    @classmethod
    def build_pictures(cls, course: Content | None = None) -> dict:
        """{state key: the figure as a small PNG <img alt>} for every state
        (what ``scripts/make_state_tables.py`` ships beside the table)."""
        course = course_or_package(course)
        controls = cls.table_controls(course)
        out = {}
        combinations = itertools.product(*[range(len(c.values)) for c in controls])
        if cls.START is not None:
            combinations = [[c.position(cls.START[c.name]) for c in controls]]
        for combination in combinations:
            values = {c.name: c.values[p] for c, p in zip(controls, combination)}
            out[state_key(combination)] = figure_picture(cls.figure_in(course, values))
        return out

    def picture(self, positions) -> str:
        """The figure of the state at ``positions`` as a small PNG, shipped or drawn now."""
        shipped = _shipped_pictures(type(self).__name__) if self._package else None
        if shipped is not None and state_key(positions) in shipped:
            return shipped[state_key(positions)]
        values = {c.name: c.values[p] for c, p in zip(self.controls, positions)}
        return figure_picture(self.figure_for_snapshot(values))

    @classmethod
    def figure_in(cls, course: Content, values: dict):
        """The live figure drawn in the state of ``values``."""
        raise NotImplementedError

    @classmethod
    def table_for(cls, course: Content, package: bool) -> dict:
        shipped = _shipped(cls.__name__) if package else None
        return shipped if shipped is not None else cls.build(course)

    # -- the current state ------------------------------------------------------------
    def _on_position(self, change) -> None:
        new = list(change["new"])
        if len(new) == len(self.controls) and all(0 <= p < len(c.values) for p, c in zip(new, self.controls)):
            self._position = new  # what the page shows; a bad one is ignored

    @property
    def values(self) -> dict:
        """The controls' values now, by name."""
        return {c.name: c.values[p] for c, p in zip(self.controls, self._position)}

    def make_state(self, values: dict):
        """A stepper's plain state object (``widgets.state``) of the controls'
        ``values``; an explorer keeps none (None)."""
        return None

    def set(self, **values):
        """Set controls by name, as the page does (errors name the valid choices)."""
        names = [c.name for c in self.controls]
        position = list(self._position)
        for name, value in values.items():
            if name not in names:
                raise LookupError(
                    f"{type(self).__name__} has no control {name!r}; its controls are: {', '.join(names)}"
                )
            position[names.index(name)] = self.controls[names.index(name)].position(value)
        self._position = position
        state = self.make_state(self.values)
        if state is not None:
            self.state = state
        self.widget.position = list(self._position)
        return self

    def go_to(self, index_or_key: int | str):
        """A stepper's step by position or key (errors name the valid choices)."""
        if not self.controls or self.controls[0].type != "step":
            raise TypeError(f"{type(self).__name__} has no steps to go to")
        self.state.go_to(index_or_key)
        return self.set(**{self.controls[0].name: self.state.index})

    def shown(self, slot: str) -> str:
        """What ``slot`` shows now (HTML, as the page sets it)."""
        return slot_value(self.table, self._position, slot)

    @property
    def key(self) -> str:
        return state_key(self._position)

    # -- for readers without a kernel ---------------------------------------------------
    def snapshot_html(self) -> str:
        """The current state as static HTML, each figure as a small PNG with its alt text."""
        self._check_open()
        picture = self.picture(self._position)
        state = self._state_html(self._position, lambda _: picture)
        return f'<div class="il-lesson-widget">{self._controls_html()}{state}<p><em>{STATIC_NOTE}</em></p></div>'

    def _controls_html(self, skip: str = "") -> str:
        out = []
        for c, p in zip(self.controls, self._position):
            if c.type == "step" or c.name == skip:
                continue
            labels = c.options or tuple(str(v) for v in c.values)
            if c.type == "slider":
                out.append(f"<div>{html.escape(c.label)}: {html.escape(labels[p])}</div>")
                continue
            opts = " · ".join(
                f"<strong>[{html.escape(label)}]</strong>" if j == p else html.escape(label)
                for j, label in enumerate(labels)
            )
            out.append(f"<div>{html.escape(c.label)}: {opts}</div>")
        return "".join(out)

    def _state_html(self, positions, figure_html=None) -> str:
        parts = []
        for slot in self.SLOTS:
            value = slot_value(self.table, positions, slot.name)
            if slot.place == "figure" and figure_html is not None:
                value = figure_html(slot.name)
            if value:
                parts.append(f"<div>{value}</div>")
        return "".join(parts)

    def static_html(self) -> str:
        """A stepper's every step, else the current state."""
        return self.all_steps_html() or self.snapshot_html()

    def figure_for_snapshot(self, values: dict):
        """The live figure drawn in the state of ``values`` (for the stored PNGs)."""
        return self.figure_in(self.course, values)

    def all_steps_html(self) -> str | None:
        """Every step of a stepper for static readers, each in a ``<details>``
        (the first open) with its figure as a small PNG; None for an explorer."""
        if not self.controls or self.controls[0].type != "step":
            return None
        step = self.controls[0]
        steps = []
        for index in range(len(step.values)):
            positions = [index, *self._position[1:]]
            picture = self.picture(positions)
            body = self._controls_html() + self._state_html(positions, lambda _, f=picture: f)
            label = f"{self.noun.capitalize()} {index + 1} of {len(step.values)}: {step.options[index]}"
            steps.append(details(label, body, open_=index == 0, cls="il-step"))
        return f'<div class="il-lesson-widget il-all-steps">{"".join(steps)}<p><em>{STEPS_NOTE}</em></p></div>'
