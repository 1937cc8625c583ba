"""Export a widget whose view depends only on its controls, by driving it.

The widget's box is walked once into an HTML *skeleton*: every control
(toggle buttons, a dropdown, a slider, the Previous / Next bar) becomes a
plain HTML control with ``data-control``; every text or figure layer
(``ipywidgets.HTML`` / ``Label``) becomes an empty *slot* with ``data-slot``.
Then every combination of the controls' values is set on the real widget,
and what each slot holds (and which parts are hidden) is recorded. Strings
repeat a lot between states (a figure's background, a symptom's details), so
each is stored once in ``strings``; a state holds, for each slot, the indices
of the pieces its value is made of (see :func:`_pieces`).

The page (``static/site-widgets.js``) keys a state by its controls' value
positions joined with ``,`` (the Previous / Next position last), and fills the
slots from it.
"""

from __future__ import annotations

import html
import itertools
import re

import ipywidgets as w

__all__ = ["export", "MAX_STATES"]

MAX_STATES = 400  # a widget with more states than this needs another kind of export

# ipywidgets layout traits carried into the page as CSS
_LAYOUT_CSS = ("width", "max_width", "min_width", "flex", "flex_flow", "align_items", "margin")


def _style(node) -> str:
    layout = node.layout
    css = [f"{name.replace('_', '-')}:{getattr(layout, name)}" for name in _LAYOUT_CSS if getattr(layout, name, None)]
    if getattr(layout, "grid_gap", None):
        css.append(f"gap:{layout.grid_gap}")
    return f' style="{html.escape(";".join(css), quote=True)}"' if css else ""


def _classes(node, *extra: str) -> str:
    names = [c for c in (*extra, *getattr(node, "_dom_classes", ())) if c]
    return f' class="{html.escape(" ".join(names), quote=True)}"' if names else ""


def _name(description: str) -> str:
    return description.rstrip(": ").strip()


class _Skeleton:
    """The widget tree as HTML, collecting its controls, slots and nodes."""

    def __init__(self, widget):
        self.widget = widget
        self.nav_box = getattr(getattr(widget, "nav", None), "box", None)
        self.controls: list[tuple[w.Widget, list]] = []  # (control, its values)
        self.slots: list[w.Widget] = []
        self.nodes: list[w.Widget] = []  # every node that may be hidden, by data-node
        self.html = self._node(widget.box)

    def _node(self, node) -> str:
        if "il-stylesheet" in getattr(node, "_dom_classes", ()):
            return ""  # the site loads lessons.css itself
        number = len(self.nodes)
        self.nodes.append(node)
        mark = f' data-node="{number}"'
        if node is self.nav_box:
            return self._nav(mark)
        if isinstance(node, w.Box):
            inner = "".join(self._node(child) for child in node.children)
            extra = "il-site-row" if isinstance(node, w.HBox) else ""
            return f"<div{_classes(node, extra)}{_style(node)}{mark}>{inner}</div>"
        if isinstance(node, (w.HTML, w.Label)):
            self.slots.append(node)
            tag = "span" if isinstance(node, w.Label) else "div"
            return f'<{tag}{_classes(node, "il-slot")}{_style(node)}{mark} data-slot="{len(self.slots) - 1}"></{tag}>'
        if isinstance(node, w.ToggleButtons):
            return self._radios(node, mark)
        if isinstance(node, w.Dropdown):
            return self._select(node, mark)
        if isinstance(node, w.IntSlider):
            return self._slider(node, mark)
        raise TypeError(
            f"{type(self.widget).__name__}: no site form for a {type(node).__name__} "
            "(the states export knows HTML, Label, ToggleButtons, Dropdown, IntSlider "
            "and the Previous / Next bar)"
        )

    def _control(self, node, values) -> int:
        self.controls.append((node, list(values)))
        return len(self.controls) - 1

    def _radios(self, node, mark) -> str:
        c = self._control(node, node._options_values)
        tips = list(node.tooltips or ())
        name = f"c{c}"  # the page prefixes the widget's id: unique on the page
        items = []
        for j, label in enumerate(node._options_labels):
            tip = f' title="{html.escape(tips[j], quote=True)}"' if j < len(tips) and tips[j] else ""
            items.append(
                f'<label class="il-site-choice"{tip}><input type="radio" name="{name}" value="{j}">'
                f"<span>{html.escape(label)}</span></label>"
            )
        return (
            f'<fieldset class="il-site-radios" data-control="{c}"{mark}>'
            f"<legend>{html.escape(_name(node.description))}</legend>{''.join(items)}</fieldset>"
        )

    def _select(self, node, mark) -> str:
        c = self._control(node, node._options_values)
        options = "".join(
            f'<option value="{j}">{html.escape(label)}</option>' for j, label in enumerate(node._options_labels)
        )
        return (
            f'<label class="il-site-select"{mark}><span>{html.escape(_name(node.description))}</span> '
            f'<select data-control="{c}">{options}</select></label>'
        )

    def _slider(self, node, mark) -> str:
        values = list(range(node.min, node.max + 1, node.step))
        c = self._control(node, values)
        tip = f' title="{html.escape(node.tooltip, quote=True)}"' if node.tooltip else ""
        return (
            f'<label class="il-site-slider"{mark}{tip}><span>{html.escape(_name(node.description))}</span> '
            f'<input type="range" data-control="{c}" min="0" max="{len(values) - 1}" step="1" '
            f'data-values="{",".join(map(str, values))}">'
            f'<output aria-hidden="true"></output></label>'
        )

    def _nav(self, mark) -> str:
        nav = self.widget.nav
        progress = nav.progress
        self.slots.append(progress)
        return (
            f'<div class="il-site-nav il-site-row"{mark}>'
            f'<button type="button" data-step="-1" title="{html.escape(nav.previous_button.tooltip, quote=True)}">'
            f"← {html.escape(nav.previous_button.description)}</button>"
            f'<span class="il-slot il-site-count" data-slot="{len(self.slots) - 1}" aria-live="polite"></span>'
            f'<button type="button" data-step="1" title="{html.escape(nav.next_button.tooltip, quote=True)}">'
            f"{html.escape(nav.next_button.description)} →</button></div>"
        )


def _set(control, value) -> None:
    if control.value != value:
        control.value = value  # the widget's own observers update it


def _positions(skeleton: _Skeleton) -> list[list[int]]:
    """For each control, the position of its current value."""
    return [values.index(control.value) for control, values in skeleton.controls]


def export(widget) -> dict:
    """The widget's skeleton and every state of its controls (see the module doc)."""
    sk = _Skeleton(widget)
    stepper = getattr(widget, "state", None) if sk.nav_box is not None else None
    steps = range(stepper.count) if stepper is not None else [None]
    count = len(steps) * _product(len(values) for _, values in sk.controls)
    if count > MAX_STATES:
        raise ValueError(
            f"{type(widget).__name__} has {count} states, more than the site's {MAX_STATES}; export it another way"
        )
    start_positions, start_step = _positions(sk), (stepper.index if stepper is not None else None)
    strings: dict[str, int] = {}
    states: dict[str, list] = {}

    def intern(text: str) -> int:
        return strings.setdefault(text, len(strings))

    try:
        for combination in itertools.product(*[range(len(v)) for _, v in sk.controls]):
            for (control, values), position in zip(sk.controls, combination):
                _set(control, values[position])
            for step in steps:
                if step is not None:
                    widget.go_to(step)
                hidden = [n for n, node in enumerate(sk.nodes) if node.layout.display == "none"]
                key = ",".join(map(str, (*combination, *([step] if step is not None else []))))
                states[key] = [[[intern(piece) for piece in _pieces(_markup(slot))] for slot in sk.slots], hidden]
    finally:  # put the widget back as it was
        for (control, values), position in zip(sk.controls, start_positions):
            _set(control, values[position])
        if stepper is not None:
            widget.go_to(start_step)
    return {
        "kind": "states",
        "skeleton": sk.html,
        "controls": [len(values) for _, values in sk.controls],
        "steps": len(steps) if stepper is not None else 0,
        "start": ",".join(map(str, (*start_positions, *([start_step] if stepper is not None else [])))),
        "strings": list(strings),
        "states": states,
    }


def _markup(slot) -> str:
    """A slot's value as the page sets it (innerHTML): a Label's is text."""
    return html.escape(slot.value, quote=False) if isinstance(slot, w.Label) else slot.value


_AFTER_SVG = re.compile(r"(?<=</svg>)")


def _pieces(value: str) -> list[str]:
    """A slot's value cut after each ``</svg>``: a figure's background and the
    hatch patterns that travel with it are stored once each."""
    return [piece for piece in _AFTER_SVG.split(value) if piece] or [""]


def _product(numbers) -> int:
    out = 1
    for n in numbers:
        out *= n
    return out
