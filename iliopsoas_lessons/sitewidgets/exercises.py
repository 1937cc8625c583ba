"""Export the quiz and the red-flag practice cases for the course website.

The page mounts the anywidget's own front end (``widgets/static/exercises.js``)
on the site's anywidget host (``static/anywidget-host.js``) with the trait
values the Python widget has: the items with their options in the order
Python shuffled them (the build's ``ILIOPSOAS_QUIZ_SEED``) and every
feedback text. ``static/site-exercises.js`` does what the kernel does with
the learner's answers: it takes back the answers saved in this browser when
the page opens, and records each new one in this browser's progress as
Python records it in the learner's file.
"""

from __future__ import annotations

__all__ = ["export"]


def export(widget) -> dict:
    """The model's starting values (JSON-able), with no answers: the browser's
    own saved progress restores them."""
    m = widget.widget
    return {
        "kind": "anywidget",
        "module": "exercises.js",
        "adapter": "exercises",
        "exercise": widget.state.exercise,
        "values": {
            "kind": m.kind,
            "texts": dict(m.texts),
            "tries": m.tries,
            "items": list(m.items),
            "index": m.index,
            "attempts": {},
        },
    }
