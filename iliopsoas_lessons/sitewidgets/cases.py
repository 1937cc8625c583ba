"""Export the virtual-patient case player for the course website.

The page mounts the anywidget's own front end (``widgets/static/case_player.js``)
on the site's anywidget host (``static/anywidget-host.js``) with the trait
values the Python widget has; ``static/site-cases.js`` does what the kernel
does with a path (replay, refuse, record in this browser's progress).
"""

from __future__ import annotations

__all__ = ["export"]


def export(widget) -> dict:
    """The model's starting values (JSON-able): the case, the page's texts, an
    empty path (the browser's own saved progress restores a finished one)."""
    m = widget.widget
    return {
        "kind": "anywidget",
        "module": "case_player.js",
        "adapter": "case_player",
        "values": {"case": dict(m.case), "texts": dict(m.texts), "path": [], "restored_path": [], "saved_path": []},
    }
