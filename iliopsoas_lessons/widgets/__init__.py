"""Interactive lesson widgets, one line each in the notebooks::

    from iliopsoas_lessons.widgets import SymptomStepper
    SymptomStepper()

The ``show_*`` functions are the content layer's Markdown builders
(:mod:`iliopsoas_lessons.content.text`), offered here so that a lesson
imports everything it displays from one place.

Every widget is a plain class whose ``widget`` is one anywidget (its front-end
module): ``_repr_mimebundle_`` gives that widget's view, plus a snapshot made
from the same data (and a text fallback) for readers without a kernel; it has
``close()``, and displaying a closed widget raises ``RuntimeError`` (create a
new one). A stepper's or exercise's state is a plain object from
:mod:`iliopsoas_lessons.widgets.state`, which tests drive without a browser.

The first argument is the data (``Quiz("04_red_flags")``,
``SymptomExplorer("back_pain")``, ``SymptomStepper(2)``); every option after
it is keyword-only (``SymptomExplorer("back_pain", side="right",
body="female")``). Bad input raises an error naming the valid choices. The
steppers (symptoms, mechanisms, cases, quiz) step in their front-end module
(Previous / "k of n" / Next) and share ``go_to(index_or_key)`` in Python; the
figure widgets (the steppers of symptoms and mechanisms, the three explorers)
play a state table in one module and share ``set(**controls)`` and ``shown(slot)``.

Importing this package is light: the widget classes (and anywidget and
matplotlib) load on first use, so ``iliopsoas_lessons.widgets.state`` stays
importable without either.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "SymptomStepper": "symptoms",
    "SymptomExplorer": "symptoms",
    "AnatomyExplorer": "anatomy",
    "HipAngleExplorer": "anatomy",
    "MechanismStepper": "mechanisms",
    "RedFlagCases": "exercises",
    "Quiz": "exercises",
    "PainMapExercise": "exercises",
    "CasePlayer": "cases",
    "MoreCases": "cases",
    "MyResults": "progress",
    "LessonWidget": "_base",
    "show_references": "iliopsoas_lessons.content.text",
    "show_lesson_map": "iliopsoas_lessons.content.text",
    "show_muscle_table": "iliopsoas_lessons.content.text",
    "show_mechanism_table": "iliopsoas_lessons.content.text",
    "show_red_flags": "iliopsoas_lessons.content.text",
    "show_claims": "iliopsoas_lessons.content.text",
    "show_disclaimer": "iliopsoas_lessons.content.text",
    "show_lesson_info": "iliopsoas_lessons.content.text",
    "show_urgency_scale": "iliopsoas_lessons.content.text",
    "show_urgent_signs": "iliopsoas_lessons.content.text",
    "show_triage_summary": "iliopsoas_lessons.content.text",
    "show_mechanism_urgency": "iliopsoas_lessons.content.text",
    "show_examination": "iliopsoas_lessons.content.text",
    "show_nerve_examination": "iliopsoas_lessons.content.text",
    "show_imaging": "iliopsoas_lessons.content.text",
    "show_rehabilitation": "iliopsoas_lessons.content.text",
    "show_map_key": "iliopsoas_lessons.content.text",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        where = _EXPORTS[name]
        module = importlib.import_module(where if "." in where else f".{where}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
