"""Export a figure widget (symptoms, anatomy, hip angle, mechanisms) for the
course website: the page mounts the anywidget's own front end
(``widgets/static/state_player.js``) on the site's anywidget host
(``static/anywidget-host.js``) with the widget's trait values, its state
table and start position. The kernel has no part in a step, so there is no
adapter.
"""

from __future__ import annotations

__all__ = ["export"]


def export(widget) -> dict:
    m = widget.widget
    return {
        "kind": "anywidget",
        "module": "state_player.js",
        "values": {"table": m.table, "position": list(m.position)},
    }
