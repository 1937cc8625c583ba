"""Voila settings that JSON cannot hold (the repo's voila.json holds the rest).
Voila reads this file from the Jupyter config path: installed, or copied by
`make`, it is ``<venv>/etc/jupyter/voila.py``. (Not beside voila.json in the
repo root: a ``voila.py`` there would shadow the voila package.)

Leaving a lesson page (a Next link, closing the tab) makes the page ask
Voila to stop its kernel with a POST that carries the page's ``_xsrf``
cookie. Voila 0.5 never sets that cookie, so the request is refused (403,
voila-dashboards/voila#1458) and every page left keeps a kernel running
until the idle cull. Reading the token in the handler makes Tornado set it.

Voila's own server passes ``allow_remote_access=True`` to jupyter_server's
handlers, so any Host header is served and a page on another site can reach
``make voila`` through DNS rebinding. The Tornado settings below turn
jupyter_server's Host check back on: only a loopback address or
``localhost`` is served. And every page load starts a kernel (about 115 MB),
so a lesson is rendered only for the browser's own navigation (a typed
address, a bookmark, a link on these pages), never for another site's
request (a link, an image or a frame on any web page).
"""

from urllib.parse import urlsplit

from tornado.web import HTTPError

# Sec-Fetch-Site values a browser sends for its own or this server's requests
_OWN = ("same-origin", "none")


def foreign_request(request) -> str | None:
    """Why ``request`` comes from another site (None if it does not)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site.strip().lower() not in _OWN:
        return f"Sec-Fetch-Site is {site!r}"
    origin = f"{request.protocol}://{request.host}".lower()
    for header in ("Origin", "Referer"):
        value = request.headers.get(header)
        if value is None:
            continue
        parts = urlsplit(value.strip())
        if value.strip() == "null" or f"{parts.scheme}://{parts.netloc}".lower() != origin:
            return f"{header} {value!r} is another origin than {origin}"
    return None


def standalone(request_handler) -> bool:
    """True in ``voila``'s own server (``make voila``, no login); False where Voila
    is a Jupyter server extension (Binder, a hub), whose login guards it and whose
    links arrive through other sites (Binder's launch page)."""
    from voila.app import Voila

    return isinstance(request_handler.settings.get("voila"), Voila)


def set_xsrf_cookie(request_handler, notebook, cwd):
    """Before the page's kernel starts: refuse another site's request (in
    Voila's own server), then give the page its ``_xsrf`` cookie."""
    why = standalone(request_handler) and foreign_request(request_handler.request)
    if why:
        request_handler.log.warning("Refused to start a kernel for a cross-site request: %s", why)
        raise HTTPError(403, "This lesson opens only from this server's own pages or a typed address")
    request_handler.xsrf_token  # noqa: B018 -- reading it sets the cookie
    return notebook


def lesson_list() -> list[dict]:
    """The lessons in teaching order, for the start page (tree.html): each
    notebook's file name and title, from the content's lesson list. Empty if
    the package cannot be read (the page then shows the file names)."""
    try:
        from iliopsoas_lessons.content.lessons import lessons
    except Exception:
        return []
    return [{"file": lesson.file, "title": lesson.title} for lesson in lessons()]


c = get_config()  # noqa: F821 -- provided by traitlets when it loads this file
c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie
# jupyter_server's check_host: a Host that is not a loopback IP or one of these names gets 403
# (Voila's own server only: c.Voila is not read where Voila is a server extension).
# jinja_template_vars: every page template gets these names (jupyter_server's template_namespace).
c.Voila.tornado_settings = {
    "allow_remote_access": False,
    "local_hostnames": ["localhost"],
    "jinja_template_vars": {"iliopsoas_lessons": lesson_list()},
}
