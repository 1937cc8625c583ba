"""The lesson widgets on the course website, working with no kernel.

Each lesson widget is one anywidget front-end module (``widgets/static/*.js``)
that runs unchanged on the site: :func:`site_html` puts the widget's trait
values in the page as JSON, and ``static/anywidget-host.js`` gives the module
a model over them. ``static/site-widgets.js`` finds each widget's container
and hands it to the script registered for its kind. Nothing is computed
twice: the texts, the figures (the same inline SVG, alt text included) and
the feedback are the widget's own.

Kinds of export (one module each):

* ``anywidget`` (:mod:`.figures`, :mod:`.exercises`, :mod:`.cases`,
  :mod:`.painmap`): a widget written as one anywidget module (the figure
  widgets' state player, ``state_player.js``: the symptom and mechanism
  steppers, the maps compared, the anatomy and hip-angle explorers; the quiz
  and the red-flag cases' ``exercises.js``, the case player, the pain map),
  mounted by ``static/anywidget-host.js`` on a model over its exported trait
  values, with a small adapter script doing the kernel's part where there is
  one (``static/site-exercises.js``, which takes back the learner's saved
  answers on load and records each new one; ``static/site-cases.js``;
  ``static/site-painmap.js``); the figure widgets' adapter
  (``static/site-figures.js``) only unpacks their state table, which the page
  stores with each repeated fragment once (:func:`.figures.packed`);
* ``anywidget`` too, from :mod:`.progress`: the review lesson's "My results"
  (``results.js``, adapter ``my_results``). The learner's answers are kept in
  the browser's own storage by results.js's store, made
  ``window.ilSiteProgress`` by ``static/site-progress.js`` (loaded before the
  exercises' scripts), in the results file's own format.

:func:`site_html` is what ``scripts/build_site.py`` puts in a lesson page in
place of a widget's static snapshot.
"""

from __future__ import annotations

import html
import importlib
import json
import re

from pathlib import Path

__all__ = [
    "export",
    "site_html",
    "static_file",
    "site_file_bytes",
    "script_settings",
    "KINDS",
    "SCRIPTS",
    "STYLESHEETS",
    "CLASSIC_SCRIPTS",
]

# widget class -> the module that exports it
KINDS = {
    "SymptomStepper": "figures",
    "SymptomExplorer": "figures",
    "AnatomyExplorer": "figures",
    "HipAngleExplorer": "figures",
    "MechanismStepper": "figures",
    "Quiz": "exercises",
    "RedFlagCases": "exercises",
    "MyResults": "progress",
    "PainMapExercise": "painmap",
    "CasePlayer": "cases",
}

# the scripts the site loads, in order (from static/, copied into the site's _static);
# site-widgets.js (the registry of kinds, window.ilSiteWidgets) first; results.js (the results record's rules, store and view) and the anywidget host
# before site-progress.js (window.ilSiteProgress, and My results' adapter), and that
# before the widgets that record answers: each anywidget module followed by its
# adapter (the pain map, the case player, the quiz and cases, the figures' state tables)
SCRIPTS = (
    "site-widgets.js",
    "results.js",
    "anywidget-host.js",
    "site-progress.js",
    "painmap.js",
    "site-painmap.js",
    "case_player.js",
    "site-cases.js",
    "exercises.js",
    "site-exercises.js",
    "state_player.js",
    "site-figures.js",
)
# the lessons' own stylesheet (as in JupyterLab), then the site widgets' card, then each module's
STYLESHEETS = (
    "lessons.css",
    "site-widgets.css",
    "site-progress.css",
    "results.css",
    "painmap.css",
    "case_player.css",
    "exercises.css",
    "state_player.css",
)

# ES modules the site loads as classic scripts, each with the global name its
# default export takes. A teacher may open the site from disk (file://), where
# a browser refuses to load modules; so the copy's ``export default X;`` becomes
# ``window.NAME = X;`` inside a function of its own, its ``export function f``
# and ``export const c`` lose the word ``export``, and all its exports are
# registered as ``window.ilAnywidgetModules[file name]`` (``{default, f, c}``),
# where the site's anywidget host finds them (see :func:`site_file_bytes`).
CLASSIC_SCRIPTS = {
    "painmap.js": "ilPainMapModule",
    "case_player.js": "ilCasePlayerModule",
    "exercises.js": "ilExercisesModule",
    "results.js": "ilResultsModule",
    "state_player.js": "ilStatePlayerModule",
}
_EXPORT_DEFAULT = re.compile(r"^export default (?P<value>[^;]+);[ \t]*$", re.MULTILINE)
_EXPORT_NAMED = re.compile(
    r"^export (?P<what>(?:async )?function\*? |const |let |class )(?P<name>[A-Za-z_$][\w$]*)", re.MULTILINE
)
_MODULE_SYNTAX = re.compile(r"^\s*(?:import|export)\b", re.MULTILINE)


def static_file(name: str) -> Path:
    """Where a file the site copies into its _static folder is shipped."""
    here = Path(__file__).parent
    for folder in (here / "static", here.parent / "widgets" / "static"):
        if (folder / name).is_file():
            return folder / name
    raise LookupError(f"no site file {name!r}; the files are: {', '.join(SCRIPTS + STYLESHEETS)}")


def script_settings() -> dict[str, dict]:
    """Settings a script reads from its own ``<script data-settings="...">`` tag,
    by script name (the site build writes them; docs/site/conf.py puts them there)."""
    from .progress import settings as progress_settings

    return {"site-progress.js": progress_settings()}


def site_file_bytes(name: str) -> bytes:
    """The file as the site serves it: as shipped, or, for an ES module of
    :data:`CLASSIC_SCRIPTS`, turned into a classic script."""
    path = static_file(name)
    if name not in CLASSIC_SCRIPTS:
        return path.read_bytes()
    text = path.read_text(encoding="utf-8")
    exports = _EXPORT_DEFAULT.findall(text)
    named = [m["name"] for m in _EXPORT_NAMED.finditer(text)]
    rest = _MODULE_SYNTAX.findall(_EXPORT_NAMED.sub("", _EXPORT_DEFAULT.sub("", text)))
    if len(exports) != 1 or rest:
        raise ValueError(
            f"{path}: the site loads it as a classic script, so it must have exactly one "
            f"'export default ...;' line and no other import or export than 'export function/const/let/class'"
        )
    body = _EXPORT_NAMED.sub(lambda m: m["what"] + m["name"], text)
    body = _EXPORT_DEFAULT.sub(lambda m: f"window.{CLASSIC_SCRIPTS[name]} = {m['value']};", body)
    members = ", ".join(["default: window." + CLASSIC_SCRIPTS[name], *named])
    register = (
        f"(window.ilAnywidgetModules = window.ilAnywidgetModules || {{}})[{json.dumps(name)}] = {{ {members} }};\n"
    )
    return (
        f"// {name} as a classic script (iliopsoas_lessons.sitewidgets.site_file_bytes)\n"
        f'(function () {{\n"use strict";\n{body}{register}}})();\n'
    ).encode()


NO_SCRIPT = (
    "This exercise needs JavaScript in the browser. Without it, open the lesson "
    "as a notebook (the buttons at the top of the page)."
)


def export(widget) -> dict | None:
    """What the page needs to run ``widget`` with no kernel (JSON-able), or
    None for a widget the site shows as its static snapshot."""
    where = KINDS.get(type(widget).__name__)
    if where is None:
        return None
    module = importlib.import_module(f".{where}", __name__)
    data = module.export(widget)
    data.setdefault("kind", where)
    return data


def _json_for_script(data: dict) -> str:
    """JSON safe inside <script>: no '</' can close the element early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def site_html(widget, *, element_id: str) -> str | None:
    """The widget's place in a website page: a container the site's script
    fills, with the widget's states as JSON inside it. A widget made of case
    players (``MoreCases``) gives one container per player."""
    if type(widget).__name__ == "MoreCases":
        from iliopsoas_lessons.widgets.cases import MORE_CASES_INTRO, MORE_CASES_NONE

        if not widget.players:
            return f"<p>{html.escape(MORE_CASES_NONE)}</p>"
        parts = [site_html(p, element_id=f"{element_id}-{i}") for i, p in enumerate(widget.players)]
        return f"<div><p>{html.escape(MORE_CASES_INTRO)}</p>{''.join(parts)}</div>"
    data = export(widget)
    if data is None:
        return None
    if data.get("module") == "state_player.js":  # a state table: stored packed, see .figures
        from .figures import packed

        data = packed(data)
    kind = html.escape(data["kind"], quote=True)
    return (
        f'<div class="il-site-widget il-site-{kind}" id="{html.escape(element_id, quote=True)}" '
        f'data-kind="{kind}">'
        f'<script type="application/json" class="il-site-data">{_json_for_script(data)}</script>'
        f'<noscript><p>{html.escape(NO_SCRIPT)}</p></noscript></div>'
    )
