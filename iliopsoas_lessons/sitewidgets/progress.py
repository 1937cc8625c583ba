"""A learner's progress on the course website, kept in their own browser.

On the website there is no kernel and no file: each answer is kept in the
browser's ``localStorage`` by ``static/site-progress.js``, as the very record
:mod:`iliopsoas_lessons.progress` writes (same format, same checks, same
limits), so the file the learner downloads is read by the class report
unchanged. Nothing is sent anywhere.

Two things come from here, so that nothing is typed twice:

* :func:`settings`: the format's constants, the limits and the messages,
  written by the site build into the ``data-settings`` attribute of the
  script's own ``<script>`` tag (``docs/site/conf.py``);
* :func:`export`: the review lesson's ``MyResults`` widget (kind
  ``"progress"``). Its texts are drawn from the Python widget and its state
  (:class:`~iliopsoas_lessons.widgets._state_progress.LearnerControlsState`
  with ``place="browser"``), driven with markers (``{n}``, ``{pseudonym}``)
  in place of the learner's values, which the page fills in.
"""

from __future__ import annotations

from iliopsoas_lessons import __version__
from iliopsoas_lessons import progress as pg
from iliopsoas_lessons.widgets._state_progress import DOWNLOAD_NAME, PLACES, LearnerControlsState

__all__ = ["export", "settings", "STORAGE_KEY", "PLACE_NAME"]

# the localStorage key of the record; a record set aside goes to "<key>.corrupt-<n>"
STORAGE_KEY = "iliopsoas-lessons/progress"
# what the messages call the browser's storage (the file's path in a kernel)
PLACE_NAME = "this browser's storage"
N, PSEUDONYM = "{n}", "{pseudonym}"
UNSAVED_MESSAGE = (
    "Not saved: this browser's storage refused your answers ({why}). They stay on this page "
    "until you close or reload it. Download your results now to keep them."
)
UNSAVED_SUMMARY = (
    "Not saved: your answers to {n} item(s) are on this page only, because this browser's "
    "storage refused them. Download your results to keep them."
)


def settings() -> dict:
    """What ``site-progress.js`` needs from :mod:`iliopsoas_lessons.progress` (JSON-able)."""
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
            "unsaved_summary": UNSAVED_SUMMARY,
            "download": "Download my results",
            "download_ready": PLACES["browser"].download_ready.format(name=DOWNLOAD_NAME),
        },
        "download_name": DOWNLOAD_NAME,
    }


class _Markers:
    """A stand-in store whose values are the page's markers."""

    def __init__(self, answered, pseudonym):
        self.answered = answered
        self.pseudonym = pseudonym

    def set_pseudonym(self, name):
        self.pseudonym = name or None

    def start_over(self):
        return None  # the browser keeps no backup: forgetting is what the learner asked for


def _texts() -> dict:
    def state(answered=N, pseudonym=None) -> LearnerControlsState:
        return LearnerControlsState(store=_Markers(answered, pseudonym), place="browser")

    summary = {
        f"{count}{'_named' if named else ''}": state(1 if count == "one" else N, PSEUDONYM if named else None).summary
        for count in ("one", "many")
        for named in (False, True)
    }
    controls = state()
    texts = {
        "summary": summary,
        "pseudonym_set": controls.set_pseudonym(PSEUDONYM),
        "pseudonym_none": controls.set_pseudonym(""),
        "ask_forget": controls.ask_start_over(),
        "cancelled": controls.cancel(),
    }
    controls.ask_start_over()
    controls.confirm_start_over()
    texts["forgotten"] = controls.message
    texts["download_ready"] = PLACES["browser"].download_ready.format(name=DOWNLOAD_NAME)
    return texts


def _control(button) -> dict:
    return {"label": button.description, "title": button.tooltip}


def export(widget) -> dict:
    """The ``MyResults`` widget on the website: its labels and texts (the page
    reads the learner's record from the browser's storage)."""
    browser = PLACES["browser"]
    return {
        "kind": "progress",
        "download_name": DOWNLOAD_NAME,
        "pseudonym": {
            "label": widget.pseudonym.description.rstrip(": "),
            "placeholder": widget.pseudonym.placeholder,
            "title": widget.pseudonym.tooltip,
        },
        "save": _control(widget.save_button),
        "download": _control(widget.download_button),
        "cancel": _control(widget.cancel_button),
        "forget": {"label": browser.start_over[0], "title": browser.start_over[1]},
        "confirm": {"label": browser.confirm[0], "title": browser.confirm[1]},
        "texts": _texts(),
    }
