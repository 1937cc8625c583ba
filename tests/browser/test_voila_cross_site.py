"""`make voila` serves only its own machine's names and starts no kernel for
another site's request.

A real Voila server on 127.0.0.1 (as `make voila` runs it, with the repo's
etc/jupyter/voila.py) gets: a request whose Host is another name (DNS
rebinding: a page on evil.example whose name now points at 127.0.0.1), and
lesson requests marked cross-site by the browser (Sec-Fetch-Site) or naming
another Origin or Referer. Each is refused and no kernel is started (counted
as the server's ipykernel child processes before and after). A normal page
load in Chromium still renders the lesson.
"""

from __future__ import annotations

import http.client
import time
from urllib.parse import urlsplit

import psutil
import pytest
from _voila import new_page, start_voila, stop_voila, wait_rendered

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "/voila/render/03_symptoms.ipynb"


def _kernels(pid: int) -> int:
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    count = 0
    for child in children:
        try:
            count += "ipykernel" in " ".join(child.cmdline())
        except psutil.NoSuchProcess:
            pass
    return count


def _get(url: str, path: str, headers: dict) -> tuple[int, bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# What the server logs as it refuses: jupyter_server's Host check, and the
# prelaunch hook of etc/jupyter/voila.py (before any kernel is asked for).
REFUSED_HOST = "Blocking request with non-local 'Host'"
REFUSED_SITE = "Refused to start a kernel for a cross-site request"


def _logged(server, text: str) -> int:
    return server.log.read_text(errors="replace").count(text)


def _wait_logged(server, text: str, count: int, timeout: float = 30) -> None:
    """Wait until the server's log holds ``text`` ``count`` times: its handlers
    have refused the requests and returned (a kernel the request started would be
    a child process by then: Voila starts it before it sends the page)."""
    deadline = time.monotonic() + timeout
    while _logged(server, text) < count:
        assert time.monotonic() < deadline, f"the server did not log {text!r} {count} times:\n{server.log_tail(20)}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = start_voila(tmp_path_factory.mktemp("voila-cross-site"))
    yield server
    stop_voila(server)


def test_another_host_name_is_refused(server):
    port = urlsplit(server.url).port
    before, refused = _kernels(server.proc.pid), _logged(server, REFUSED_HOST)
    hosts = ("evil.example", f"evil.example:{port}", f"127.0.0.1.nip.io:{port}")
    for host in hosts:
        status, _ = _get(server.url, LESSON, {"Host": host})
        assert status == 403, (host, status, server.log_tail(20))
        status, _ = _get(server.url, "/", {"Host": host})
        assert status == 403, (host, status)
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        status, _ = _get(server.url, "/", {"Host": host})  # the lesson list starts no kernel
        assert status == 200, (host, status)
    _wait_logged(server, REFUSED_HOST, refused + 2 * len(hosts))  # each refused for its Host
    assert _kernels(server.proc.pid) == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"},
        {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Dest": "iframe"},
        {"Origin": "http://evil.example"},
        {"Referer": "http://evil.example/page.html"},
        {"Origin": "null"},
    ],
)
def test_a_cross_site_request_starts_no_kernel(server, headers):
    before, refused = _kernels(server.proc.pid), _logged(server, REFUSED_SITE)
    status, body = _get(server.url, LESSON, {"Host": urlsplit(server.url).netloc, **headers})
    assert status == 403, (headers, status, body[:300])
    _wait_logged(server, REFUSED_SITE, refused + 1)  # refused by the hook, not by anything else
    assert _kernels(server.proc.pid) - before == 0, server.log_tail(20)


def test_a_normal_page_load_still_renders_the_lesson(server, browser):
    before = _kernels(server.proc.pid)
    with new_page(browser) as page:
        response = page.goto(server.url + LESSON)
        assert response.status == 200
        wait_rendered(page)
        assert _kernels(server.proc.pid) - before == 1
        # a link on the server's own pages (same origin) opens a lesson too
        with page.expect_navigation():
            page.evaluate("url => { window.location.href = url; }", server.url + LESSON)
        wait_rendered(page)
