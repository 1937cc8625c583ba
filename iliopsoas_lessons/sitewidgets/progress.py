"""A learner's progress on the course website, kept in their own browser.

On the website there is no kernel and no file: each answer is kept in the
browser's ``localStorage`` by the results module's store
(``widgets/static/results.js``'s ``browserStore``, made ``window.ilSiteProgress``
by ``static/site-progress.js``), as the very record
:mod:`iliopsoas_lessons.progress` writes (same format, same checks, same
limits), so the file the learner downloads is read by the class report
unchanged. Nothing is sent anywhere.

Two things come from here, so that nothing is typed twice:

* :func:`settings`: the format's constants, the limits and the messages,
  written by the site build into the ``data-settings`` attribute of
  ``site-progress.js``'s own ``<script>`` tag (``docs/site/conf.py``);
* :func:`export`: the review lesson's ``MyResults``, the same anywidget module
  as in JupyterLab (``results.js``) with the browser's words, mounted by the
  site's anywidget host; its adapter (``"my_results"``, in site-progress.js)
  answers the page's requests from the browser's store.
"""

from __future__ import annotations

from iliopsoas_lessons import __version__
from iliopsoas_lessons import progress as pg
from iliopsoas_lessons.widgets._state_progress import DOWNLOAD_NAME, PLACES, page_controls, page_texts

__all__ = ["export", "settings", "STORAGE_KEY", "PLACE_NAME"]

# the localStorage key of the record; a record set aside goes to "<key>.corrupt-<n>"
STORAGE_KEY = "iliopsoas-lessons/progress"
# what the messages call the browser's storage (the file's path in a kernel)
PLACE_NAME = "this browser's storage"
UNSAVED_MESSAGE = (
    "Not saved: this browser's storage refused your answers ({why}). They stay on this page "
    "until you close or reload it. Download your results now to keep them."
)


def settings() -> dict:
    """What the browser's store (results.js, through site-progress.js) needs from
    :mod:`iliopsoas_lessons.progress` (JSON-able)."""
    return {
        "storage_key": STORAGE_KEY,
        "format": pg.FORMAT,
        "schema_version": pg.SCHEMA_VERSION,
        "package_version": __version__,
        "exercises": list(pg.EXERCISES),
        "fields": list(pg.FIELDS),
        "key_pattern": pg._KEY.pattern,
        "key_rule": pg.KEY_RULE,
        "id_pattern": pg._ID.pattern,
        "max_bytes": pg.MAX_BYTES,
        "max_depth": pg.MAX_DEPTH,
        "max_attempts": pg.MAX_ATTEMPTS,
        "max_pseudonym": pg.MAX_PSEUDONYM,
        "max_options": pg.MAX_OPTIONS,
        "max_regions": pg.MAX_REGIONS,
        "max_path": pg.MAX_PATH,
        "messages": {
            "set_aside": pg.SET_ASIDE_MESSAGE.replace("{place}", PLACE_NAME),
            "kept_as": pg.KEPT_AS,
            "not_moved": pg.NOT_MOVED,
            "not_saved": pg.NOT_SAVED_MESSAGE.replace("{place}", PLACE_NAME),
            # while the latest answers are on the page only: said plainly, with the way to keep them
            "unsaved": UNSAVED_MESSAGE,
            "unsaved_summary": PLACES["browser"].unsaved_summary,
            "download": "Download my results",
            "download_ready": PLACES["browser"].download_ready.format(name=DOWNLOAD_NAME),
        },
        "download_name": DOWNLOAD_NAME,
    }


def export(widget) -> dict:
    """The ``MyResults`` widget on the website: the anywidget module's values
    with the browser's words; the record comes from the browser's own storage."""
    m = widget.widget
    return {
        "kind": "anywidget",
        "module": "results.js",
        "adapter": "my_results",
        "values": {
            "texts": page_texts("browser"),
            "controls": page_controls("browser"),
            "lessons": list(m.lessons),
            "download_name": m.download_name,
            "max_pseudonym": m.max_pseudonym,
            "record": {"exercises": {}, "pseudonym": None},
            "unsaved": False,
            "notices": [],
            "reply": {},
        },
    }
