"""Lesson state as plain Python objects: no ipywidgets, no matplotlib.

Each widget of :mod:`iliopsoas_lessons.widgets` keeps one of these objects and
only renders it. Tests drive the state directly, without a browser.

Every state is *clamped*: stepping past either end stays at the end, and a
finite slider value outside its range is pulled back into it. Any other bad
input -- an unknown side, key or view, an index out of range, a bool or float
where an index is expected, nan or inf for an angle -- raises ``ValueError``
(``LookupError`` for an unknown key) naming the valid choices, and leaves the
state unchanged. So no sequence of clicks can reach a broken state.

Options after the first argument are keyword-only, e.g.
``SymptomStepperState(2, side="right", body="female")``. The body-map regions
a state shows are its ``marks`` (``{region id: role}``, the roles of
:mod:`iliopsoas_lessons.content.roles`).

The classes live in three modules, all re-exported here: ``_state_common``
(choice checks, :class:`Feedback`, :class:`Stepper`), ``_state_steppers``
(the symptom and mechanism steppers) and ``_state_exercises`` (red-flag
cases, quiz, pain map). The explorers (the maps compared, anatomy, hip
angle) keep no state object: each view is a function of the controls, drawn
into a state table (``compare.py``, ``anatomy.py``).
"""

from __future__ import annotations

from ._state_common import BODIES, Feedback, Stepper, contrast_note, side_label
from ._state_exercises import PainMapResult, PainMapState, QuizState, RedFlagCasesState
from ._state_steppers import MechanismStepperState, SymptomStepperState

__all__ = [
    "Feedback",
    "Stepper",
    "SymptomStepperState",
    "MechanismStepperState",
    "RedFlagCasesState",
    "QuizState",
    "PainMapState",
    "PainMapResult",
    "BODIES",
    "side_label",
    "contrast_note",
]
