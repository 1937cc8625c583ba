"""State tables: a figure widget's every view, drawn once by Python, played
by one front end (``static/state_player.js``) in JupyterLab, Voila and on the
course website, so that no step waits for a kernel.

A widget whose view is a function of its controls describes them as a list
of :class:`Control` (a Previous / Next stepper, radios, a select, a slider)
and gives a ``render(values) -> {slot: html}`` function. :func:`build_table`
calls it for every combination of the controls' values and stores what each
slot holds. Strings repeat a lot between states (a figure's background, a
symptom's details), so each piece is stored once in ``strings`` and a state
holds, for each slot, the indices of its pieces (a value is cut after each
``</svg>``: a background and its hatch patterns are one piece).

The table (JSON-able, the anywidget's ``table`` trait)::

    {"name": widget class, "css": root class, "version": TABLE_VERSION,
     "controls": [{"type": "step"|"radios"|"select"|"slider", "name", "label",
                   "options": [labels], "tips": [tooltips], ...}],
     "slots": [{"name", "place": "head"|"figure"|"text"}],
     "strings": [...], "states": {"i,j,k": [[piece indices] per slot]}}

A state's key is its controls' value positions joined with ``,``, in the
order of ``controls``. Element ids inside the figures start with
:data:`ID_TOKEN`; the page makes them unique per widget on the page.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["Control", "Slot", "build_table", "state_key", "slot_value", "ID_TOKEN", "MAX_STATES", "TABLE_VERSION"]

MAX_STATES = 400  # a widget with more states than this needs another kind of front end
TABLE_VERSION = 1
ID_TOKEN = "ilsp0-"  # the page replaces it with a prefix unique on the page
CONTROL_TYPES = ("step", "radios", "select", "slider")
PLACES = ("head", "figure", "text")


@dataclass(frozen=True)
class Control:
    """One control: its values (what ``render`` gets) and how the page shows them."""

    type: str
    name: str
    label: str
    values: tuple
    options: tuple[str, ...] = ()  # a label per value (the slider's are the values)
    tips: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, hash=False)  # noun (step), unit (slider), ...

    def __post_init__(self):
        if self.type not in CONTROL_TYPES:
            raise ValueError(
                f"control {self.name!r}: unknown type {self.type!r}; choose one of: {', '.join(CONTROL_TYPES)}"
            )
        if not self.values:
            raise ValueError(f"control {self.name!r} has no values")
        if self.options and len(self.options) != len(self.values):
            raise ValueError(f"control {self.name!r}: {len(self.options)} labels for {len(self.values)} values")

    def position(self, value) -> int:
        """Where ``value`` is among the values (an error names the valid ones)."""
        try:
            return list(self.values).index(value)
        except ValueError:
            valid = ", ".join(map(repr, self.values))
            raise ValueError(f"{self.name} {value!r} is not offered; choose one of: {valid}") from None

    def as_json(self) -> dict:
        out = {"type": self.type, "name": self.name, "label": self.label, "count": len(self.values)}
        out["options"] = list(self.options) if self.options else [str(v) for v in self.values]
        if self.tips:
            out["tips"] = list(self.tips)
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class Slot:
    name: str
    place: str = "text"

    def __post_init__(self):
        if self.place not in PLACES:
            raise ValueError(f"slot {self.name!r}: unknown place {self.place!r}; choose one of: {', '.join(PLACES)}")


def stepper_control(noun: str, titles: tuple[str, ...]) -> Control:
    """A stepper's Previous / "k of n" / Next control over ``titles``, tips naming the ``noun``."""
    return Control(
        "step",
        "index",
        noun.capitalize(),
        tuple(range(len(titles))),
        titles,
        extra={"previous_tip": f"Go to the previous {noun}", "next_tip": f"Go to the next {noun}"},
    )


def radios_control(name: str, label: str, options, tips) -> Control:
    """A radio group from ``options`` ((label, value) pairs) and one tip each."""
    return Control("radios", name, label, tuple(v for _, v in options), tuple(l for l, _ in options), tuple(tips))


def state_key(positions) -> str:
    return ",".join(str(int(p)) for p in positions)


_AFTER_SVG = re.compile(r"(?<=</svg>)")


def _pieces(value: str) -> list[str]:
    return [piece for piece in _AFTER_SVG.split(value) if piece] or [""]


def build_table(
    name: str, css: str, controls: list[Control], slots: list[Slot], render: Callable[[dict], dict]
) -> dict:
    """Every state of the controls, rendered (see the module doc)."""
    count = 1
    for c in controls:
        count *= len(c.values)
    if count > MAX_STATES:
        raise ValueError(f"{name} has {count} states, more than {MAX_STATES}; it needs another kind of front end")
    strings: dict[str, int] = {}
    states: dict[str, list] = {}
    for combination in itertools.product(*[range(len(c.values)) for c in controls]):
        values = {c.name: c.values[p] for c, p in zip(controls, combination)}
        shown = render(values)
        missing = [s.name for s in slots if s.name not in shown]
        if missing:
            raise KeyError(f"{name}: render() gave no {', '.join(missing)} for {values}")
        states[state_key(combination)] = [
            [strings.setdefault(piece, len(strings)) for piece in _pieces(shown[s.name])] for s in slots
        ]
    return {
        "name": name,
        "css": css,
        "version": TABLE_VERSION,
        "controls": [c.as_json() for c in controls],
        "slots": [{"name": s.name, "place": s.place} for s in slots],
        "strings": list(strings),
        "states": states,
    }


def slot_value(table: dict, positions, slot: str) -> str:
    """What ``slot`` holds in the state at ``positions`` (as the page fills it)."""
    names = [s["name"] for s in table["slots"]]
    if slot not in names:
        raise LookupError(f"no slot {slot!r}; the slots are: {', '.join(names)}")
    pieces = table["states"][state_key(positions)][names.index(slot)]
    return "".join(table["strings"][i] for i in pieces)
