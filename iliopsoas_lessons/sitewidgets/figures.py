"""Export a figure widget (symptoms, anatomy, hip angle, mechanisms) for the
course website: the page mounts the anywidget's own front end
(``widgets/static/state_player.js``) on the site's anywidget host
(``static/anywidget-host.js``) with the widget's trait values, its state
table and start position. The kernel has no part in a step.

In the page the table is stored packed (:func:`packed`): a state table keeps
each distinct piece of a slot once, but two pieces still repeat most of their
markup (every compared map draws the same body outline; the symptom stepper
gives each symptom the same warning signs), about 1 MB on the symptoms page.
So the page keeps each distinct fragment once (``fragments``) and each of the
table's strings as a list of fragment indices; the site adapter
``static/site-figures.js`` joins them back before the state player sees the
table, so the player gets exactly the table JupyterLab and Voila get.
"""

from __future__ import annotations

import re

__all__ = ["export", "packed", "unpacked", "ADAPTER"]

ADAPTER = "figures"  # static/site-figures.js registers the adapter of this name

# Where a string is cut into fragments: between two tags, after each line end
# (matplotlib writes an SVG element a line), and between two sentences or
# clauses of text (". ", "; " or ": " before a capital, a bracket or a tag).
# Cutting there finds the repeats (an outline, a list item, and the sentences
# of a warning sign that every mechanism page shows after a line of its own)
# and keeps the index lists short.
_CUT = re.compile(r"(?<=>)(?=<)|(?<=\n)|(?<=[.;:] )(?=[A-Z(<])")


def export(widget) -> dict:
    m = widget.widget
    return {
        "kind": "anywidget",
        "module": "state_player.js",
        "values": {"table": m.table, "position": list(m.position)},
    }


def packed(data: dict) -> dict:
    """``data`` (from :func:`export`) as the page stores it: the table's
    strings as lists of indices into ``data["fragments"]`` (each fragment
    once), read back by the ``figures`` adapter. :func:`unpacked` inverts it."""
    table = data["values"]["table"]
    fragments: dict[str, int] = {}
    strings = [[fragments.setdefault(f, len(fragments)) for f in _CUT.split(s) if f] for s in table["strings"]]
    return {
        **data,
        "adapter": ADAPTER,
        "fragments": list(fragments),
        "values": {**data["values"], "table": {**table, "strings": strings}},
    }


def unpacked(data: dict) -> dict:
    """The trait values of a :func:`packed` export, as site-figures.js makes them."""
    fragments, table = data["fragments"], data["values"]["table"]
    strings = ["".join(fragments[i] for i in parts) for parts in table["strings"]]
    return {**data["values"], "table": {**table, "strings": strings}}
