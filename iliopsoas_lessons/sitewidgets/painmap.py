"""Export the pain-map exercise, whose marks can be any of 2^N combinations.

Those cannot be precomputed, so the page works them out itself: it renders
the anywidget's own front end (``widgets/static/painmap.js``) with a small
model (``static/site-painmap.js``) that answers as
:class:`~iliopsoas_lessons.widgets.PainMapExercise` would. The model's logic
is a short port of :class:`~iliopsoas_lessons.widgets.state.PainMapState`;
every word and datum it uses comes from here: the map of each body (drawn by
the widget itself), the regions' names, the mark styles and legends, the
answer and its source and referred areas, and the sentence templates
(``TEXTS``, ``PAGE_TEXTS``). ``tests/browser/test_site_painmap_in_browser.py`` compares
the page with Python after the same clicks.
"""

from __future__ import annotations

import iliopsoas_lessons as il
from iliopsoas_lessons.widgets._state_common import Feedback
from iliopsoas_lessons.widgets._state_painmap import LEGENDS, TEXTS, plain_region_name
from iliopsoas_lessons.widgets.painmap import PAGE_TEXTS
from iliopsoas_lessons.widgets.state import BODIES

__all__ = ["export"]

# the verdict before a check's explanation, as Feedback.text writes it
_EXPLANATION = "{explanation}"


def _maps(widget) -> dict[str, str]:
    """{body: the map's SVG}, as the widget itself shows each body."""
    start = widget.state.body
    try:
        maps = {}
        for body in BODIES:
            widget.set_body(body)
            maps[body] = widget.map.svg
        return maps
    finally:
        widget.set_body(start)


def export(widget) -> dict:
    """Everything ``site-painmap.js`` needs to be the widget's model (JSON-able)."""
    s, m = widget.state, widget.map
    pattern = il.symptom(s.exercise.symptom)
    return {
        "kind": "painmap",
        "exercise": s.exercise.key,
        "prompt": m.prompt,
        "regions": list(m.regions),
        "styles": dict(m.styles),
        "bodies": [list(b) for b in m.bodies],
        "svg": _maps(widget),
        "choices": list(s.choices),
        "answer": list(s.answer),
        # in the order the reference mode paints and describes them: source first
        "answer_marks": [[key, role] for key, role in s.answer_marks.items()],
        "article": list(pattern.article_regions_for(s.exercise.side)),
        "references": list(s.exercise.references),
        "names": {k: plain_region_name(k) for k in s.choices},  # the map's words
        "labels": {k: il.region(k).label for k in s.choices},  # the feedback's words
        "legends": {mode: list(statuses) for mode, statuses in LEGENDS.items()},
        "texts": {
            **TEXTS,
            **PAGE_TEXTS,
            "correct": Feedback(True, _EXPLANATION).text,
            "not_yet": Feedback(False, _EXPLANATION).text,
        },
        "start": {"body": s.body, "marked": list(s.marked), "checked": s.checked, "reference": s.showing_reference},
    }
