"""Export the pain-map exercise for the course website.

The page mounts the anywidget's own front end (``widgets/static/painmap.js``)
on the site's anywidget host (``static/anywidget-host.js``) with the trait
values the Python widget has: the map moves between states itself, as in
JupyterLab. ``static/site-painmap.js`` does the kernel's part: it records a
check in this browser's progress and shows the marks last checked again.
"""

from __future__ import annotations

__all__ = ["export"]


def export(widget) -> dict:
    """The model's starting values (JSON-able): what the map is, and where
    the learner starts (the browser's own saved progress restores a check)."""
    m = widget.map
    return {
        "kind": "painmap",
        "module": "painmap.js",
        "adapter": "painmap",
        "values": {
            "data": dict(m.data),
            "selected": list(m.selected),
            "checked": m.checked,
            "show_reference": m.show_reference,
            "body": m.body,
            "error": "",
        },
    }
