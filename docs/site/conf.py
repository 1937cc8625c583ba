"""Sphinx configuration of the course website (built by scripts/build_site.py).

The lessons are the stored, executed notebooks: MyST-NB shows their outputs
and runs no kernel. Everything the pages load is served from the site itself:
no CDN (the widget JavaScript MyST-NB would fetch is switched off). Each widget
is replaced, by build_site.py, with its kernel-free form: its states as JSON
and the site's own small scripts (iliopsoas_lessons/sitewidgets).
"""

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETTINGS = json.loads((HERE / "site_settings.json").read_text(encoding="utf-8"))

project = "Iliopsoas lessons"
author = "iliopsoas-lessons contributors"
copyright = "2026, iliopsoas-lessons contributors (text and figures CC BY 4.0, code BSD-3-Clause)"
release = SETTINGS["version"]

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "site_settings.json"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The notebooks are stored executed (make notebooks); the site never runs them.
nb_execution_mode = "off"
# No widget JavaScript from a CDN: prefer each widget's text/html snapshot.
nb_ipywidgets_js = {}
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
# Sphinx loads MathJax (from a CDN) only on a page with mathematics; the lessons
# have none, and the site's tests fail on any script from outside the site.

html_theme = "sphinx_book_theme"
html_title = "Iliopsoas lessons"
html_static_path = ["_static"]
# the lessons' stylesheet and the kernel-free widgets' scripts (iliopsoas_lessons/sitewidgets)
html_css_files = ["site.css", *SETTINGS["stylesheets"]]
# a script's settings from Python (e.g. the results format for site-progress.js) ride on its own tag
html_js_files = ["site-menu.js"] + [  # site-menu.js: makes the theme's visible menu buttons work
    (name, {"data-settings": json.dumps(SETTINGS["script_settings"][name], separators=(",", ":"))})
    if name in SETTINGS["script_settings"]
    else name
    for name in SETTINGS["scripts"]
]
html_last_updated_fmt = None
html_show_sourcelink = False
html_theme_options = {
    "repository_url": SETTINGS["repository_url"],
    "repository_branch": SETTINGS["branch"],
    "path_to_docs": "notebooks",
    "use_repository_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "launch_buttons": {
        "binderhub_url": SETTINGS["binderhub_url"],
        "jupyterhub_url": SETTINGS["jupyterhub_url"],
        "notebook_interface": "jupyterlab",
    },
    "announcement": SETTINGS["announcement"],
    "show_toc_level": 2,
}
# pydata-sphinx-theme would look up its version switcher and analytics online; neither is used.
os.environ.setdefault("PYDATA_SPHINX_THEME_OFFLINE", "1")
