"""Voila settings that JSON cannot hold (the repo's voila.json holds the rest).
Voila reads this file from the Jupyter config path: installed, or copied by
`make`, it is ``<venv>/etc/jupyter/voila.py``. (Not beside voila.json in the
repo root: a ``voila.py`` there would shadow the voila package.)

Leaving a lesson page (a Next link, closing the tab) makes the page ask
Voila to stop its kernel with a POST that carries the page's ``_xsrf``
cookie. Voila 0.5 never sets that cookie, so the request is refused (403,
voila-dashboards/voila#1458) and every page left keeps a kernel running
until the idle cull. Reading the token in the handler makes Tornado set it.
"""


def set_xsrf_cookie(request_handler, notebook, cwd):
    """Before the page's kernel starts: give the page its ``_xsrf`` cookie."""
    request_handler.xsrf_token  # noqa: B018 -- reading it sets the cookie
    return notebook


c = get_config()  # noqa: F821 -- provided by traitlets when it loads this file
c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie
