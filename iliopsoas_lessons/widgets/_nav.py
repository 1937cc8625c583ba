"""The Previous / "k of n" / Next bar shared by every stepping widget.

One :class:`StepperNav` owns its ``HBox`` (Previous button, progress label,
Next button, in that tab order; the label is not a tab stop), steps a plain
:class:`~iliopsoas_lessons.widgets.state.Stepper` and then calls the widget's
``on_step`` callback, which redraws. :meth:`StepperNav.update` sets the label
and the buttons' disabled state from the stepper (Previous is disabled on the
first item, Next on the last), so the bar always matches the state.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as w

from ._base import button
from .state import Stepper

__all__ = ["StepperNav"]


class StepperNav:
    """Previous / "k of n" / Next for ``stepper``, the tooltips naming ``noun``.

    ``label`` is ``"plain"`` for "2 of 5" or ``"noun"`` for "Case 2 of 8".
    """

    def __init__(self, stepper: Stepper, noun: str, on_step: Callable[[], None], *, label: str = "plain"):
        if label not in ("plain", "noun"):
            raise ValueError(f"unknown label style {label!r}; choose one of: plain, noun")
        self.stepper = stepper
        self.noun = noun
        self.label = label
        self._on_step = on_step
        self.previous_button = button("Previous", f"Go to the previous {noun}", icon="arrow-left")
        self.next_button = button("Next", f"Go to the next {noun}", icon="arrow-right")
        self.progress = w.Label(layout=w.Layout(margin="0 0.6em"))
        self.previous_button.on_click(lambda _: self.step(-1))
        self.next_button.on_click(lambda _: self.step(+1))
        self.box = w.HBox(
            [self.previous_button, self.progress, self.next_button], layout=w.Layout(align_items="center")
        )
        self.update()

    @property
    def progress_text(self) -> str:
        """What the label says: "2 of 5", or "Case 2 of 8" with ``label="noun"``."""
        text = self.stepper.progress
        return f"{self.noun.capitalize()} {text}" if self.label == "noun" else text

    def step(self, delta: int) -> None:
        """One step forward (``delta > 0``) or back, clamped; then the widget redraws."""
        self.stepper.next() if delta > 0 else self.stepper.previous()
        self._on_step()

    def update(self) -> None:
        """Label and disabled state from the stepper."""
        s = self.stepper
        self.progress.value = self.progress_text
        self.previous_button.disabled = s.at_start
        self.next_button.disabled = s.at_end

    def go_to(self, index_or_key: int | str) -> None:
        """Go to a position (0-based) or a key; bad input raises, nothing changes."""
        self.stepper.go_to(index_or_key)
        self._on_step()


class Stepping:
    """Mixin for the widgets with a :class:`StepperNav` (``self.nav``)."""

    nav: StepperNav

    def go_to(self, index_or_key: int | str) -> None:
        """Show the item at a position (0-based) or with a key, e.g.
        ``SymptomStepper().go_to("hip_pain")``. An index out of range, a bool
        or an unknown key raises an error naming the valid choices."""
        self.nav.go_to(index_or_key)
