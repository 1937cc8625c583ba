"""Voila helpers for the browser tests (fixtures are imported by the test modules).

``voila_server`` (session, in conftest.py: once per worker) starts ``voila`` from this venv the way ``make voila``
does -- from the repo root, so a repo-root ``voila.json`` applies -- on a free
loopback port with ``--no-browser --Voila.ip=127.0.0.1``, isolated Jupyter
config/data/runtime dirs, serving the ``notebooks/`` folder (every lesson at
``/voila/render/NN_name.ipynb``, so the lessons' links work); ``app_url`` is
the symptom lesson, ``lesson_url(name)`` any other.

Like ``make voila``, extra Voila arguments come from ``$VOILA_ARGS``; the
repo's ``share/jupyter`` (if present) is put first on ``JUPYTER_PATH`` so a
Voila template shipped in the repo (``share/jupyter/voila/templates/<name>``)
is found the same way, and the repo's ``etc/jupyter`` is put first on
``JUPYTER_CONFIG_PATH`` for its ``voila.py``.

``voila_fixture(name, notebook)`` makes a fixture of that server for a module
(another lesson as its ``app_url``, a fresh learner for each test),
``running_voila`` a server of its own for a ``with`` block, and ``new_page`` a page in a fresh browser context.

``voila_page`` (function) opens the app in a fresh Chromium page, records every
request the page makes, and waits until every cell has rendered and the
kernel is idle.

Stepper helpers (``StepperView``) are shared with the JupyterLab test: they
locate the symptom stepper by its class (``il-symptom-stepper``, set in
``iliopsoas_lessons/widgets/symptoms.py``) and its controls by visible text.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from _page_checks import ARTIFACTS, free_port, page_errors, safe_name

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
LESSONS_DIR = "notebooks"
SYMPTOM_LESSON = "03_symptoms.ipynb"
STARTUP_TIMEOUT = 90  # s
RENDER_TIMEOUT = 180_000  # ms: voila executes the whole notebook before showing it

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
# A lesson figure as the page shows it: inline SVG (a static background under
# an overlay of what changes); the overlay is the labelled image.
FIGURE = ".il-figure svg[role='img']"


def is_local(url: str) -> bool:
    """True for loopback http(s)/ws(s) URLs and for in-page data:/blob:/about: URLs."""
    p = urlparse(url)
    if p.scheme in ("data", "blob", "about"):
        return True
    return p.scheme in ("http", "https", "ws", "wss") and (p.hostname or "") in LOOPBACK


class VoilaServer:
    def __init__(self, proc, url: str, log: Path, lesson: str = SYMPTOM_LESSON, learner: Path | None = None):
        self.proc, self.url, self.log, self.lesson = proc, url, log, lesson
        self.learner = learner  # the folder its kernels save the learner's progress in (voila_env)

    def opening(self, lesson: str) -> VoilaServer:
        """The same server, its ``app_url`` the lesson ``lesson``."""
        view = VoilaServer(self.proc, self.url, self.log, lesson, self.learner)
        view._logf = getattr(self, "_logf", None)
        return view

    def lesson_url(self, name: str) -> str:
        """Where Voila renders the lesson ``name`` (e.g. ``04_red_flags.ipynb``)."""
        return f"{self.url}/voila/render/{name}"

    @property
    def app_url(self) -> str:
        return self.lesson_url(self.lesson)

    def log_tail(self, n: int = 80) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


def voila_env(base: Path) -> dict:
    for d in ("config", "data", "runtime"):
        (base / d).mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTER_PATH=os.pathsep.join(
            [str(REPO / "share" / "jupyter")] * (REPO / "share" / "jupyter").is_dir()
            + [str(Path(sys.prefix) / "share" / "jupyter")]
            + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
        ),
        # the repo's etc/jupyter (voila.py), as `make` copies it into the venv
        JUPYTER_CONFIG_PATH=os.pathsep.join(
            [str(REPO / "etc" / "jupyter")]
            + [p for p in os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
        ),
        JUPYTER_PLATFORM_DIRS="1",
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        PYTHONUNBUFFERED="1",
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        ILIOPSOAS_LESSONS_DATA=str(base / "learner"),  # never the real user folder
        PYTHONPATH=os.pathsep.join([str(REPO)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]),
    )
    env.pop("JUPYTER_TOKEN", None)
    return env


def start_voila(base: Path, notebook: str = SYMPTOM_LESSON, extra_args=()) -> VoilaServer:
    """Serve the lessons' folder like ``make voila``; ``notebook`` is the lesson
    ``app_url`` opens."""
    base.mkdir(parents=True, exist_ok=True)
    voila = Path(sys.executable).parent / "voila"
    port = free_port()
    cmd = [
        str(voila) if voila.exists() else sys.executable,
        *([] if voila.exists() else ["-m", "voila"]),
        LESSONS_DIR,
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        *shlex.split(os.environ.get("VOILA_ARGS", "")),
        *extra_args,
    ]
    log = base / "voila.log"
    logf = log.open("wb")
    proc = subprocess.Popen(
        cmd,
        cwd=REPO,
        env=voila_env(base),
        stdout=logf,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = VoilaServer(proc, f"http://127.0.0.1:{port}", log, notebook, base / "learner")
    server._logf = logf
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if proc.poll() is not None:
            logf.close()
            raise RuntimeError(f"voila exited with {proc.returncode}:\n{server.log_tail()}")
        try:
            # /voila/static is served without starting a kernel
            with urllib.request.urlopen(f"{server.url}/voila/static/voila.js", timeout=5) as r:
                if r.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            stop_voila(server)
            raise RuntimeError(f"voila did not answer within {STARTUP_TIMEOUT}s:\n{server.log_tail()}")
        time.sleep(0.3)
    return server


def stop_voila(server: VoilaServer) -> None:
    proc = server.proc
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    try:
        server._logf.close()
    except Exception:
        pass


@contextmanager
def running_voila(base: Path, notebook: str = SYMPTOM_LESSON, extra_args=()):
    """A Voila server for the span of a ``with`` block: a server that does not
    start fails the test with its log; it is stopped (by its PID) at the end."""
    try:
        server = start_voila(base, notebook, extra_args)
    except RuntimeError as e:
        pytest.fail(str(e), pytrace=False)
    try:
        yield server
    finally:
        stop_voila(server)


def voila_fixture(name: str, notebook: str = SYMPTOM_LESSON):
    """A fixture ``name``: the session's Voila server (``voila_server``, one per
    xdist worker, serving the whole lessons' folder), its ``app_url`` the lesson
    ``notebook``, and the learner's progress folder emptied before the test, so
    each test meets a fresh learner as with its own server (as ``lab`` does in
    JupyterLab). A test module assigns it to the same name, e.g. ``voila_review = voila_fixture("voila_review",
    "05_review.ipynb")``. Starting a Voila server per module cost a few seconds
    of CPU each, on the browser tier's critical path; every page load starts a
    kernel of its own anyway."""

    @pytest.fixture(name=name)
    def _server(voila_server):
        shutil.rmtree(voila_server.learner, ignore_errors=True)
        return voila_server.opening(notebook)

    _server.__doc__ = f"The session's Voila server, a fresh learner; its app_url is {notebook}."
    return _server


@contextmanager
def new_page(browser, width: int = 1280, height: int = 900):
    """A page in a fresh browser context of ``width`` x ``height``, with the
    tests' 30 s default timeout; the context is closed at the end."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    try:
        yield context.new_page()
    finally:
        context.close()


class VoilaPage:
    """A Voila app page, with every request it made recorded."""

    def __init__(self, page, server: VoilaServer, name: str):
        self.page, self.server, self.name = page, server, name
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.console: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.on("websocket", lambda ws: self.requests.append(ws.url))

    def open(self, timeout: float = RENDER_TIMEOUT):
        self.page.goto(self.server.app_url, wait_until="domcontentloaded", timeout=timeout)
        wait_rendered(self.page, timeout)
        return self

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not is_local(u)]

    def errors(self) -> list[str]:
        return page_errors(self.page.locator("body"))

    def screenshot(self, label: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        p = ARTIFACTS / f"{safe_name(self.name)}-{label}.png"
        try:
            self.page.screenshot(path=str(p), full_page=True, timeout=15_000)
        except Exception as e:
            p.with_suffix(".txt").write_text(repr(e))
        (ARTIFACTS / f"{safe_name(self.name)}-console.txt").write_text(
            "\n".join(self.console)
            + "\n\nrequests:\n"
            + "\n".join(self.requests)
            + "\n\nserver log:\n"
            + self.server.log_tail(200)
        )
        return p


def wait_rendered(page, timeout: float = RENDER_TIMEOUT) -> None:
    """Wait until Voila has executed the notebook, shown the cells and the widgets."""
    page.wait_for_selector("#rendered_cells", state="visible", timeout=timeout)
    page.wait_for_function(
        """(figure) => {
            const sp = document.querySelector('#loading');
            if (sp && getComputedStyle(sp).display !== 'none' && sp.offsetParent !== null) return false;
            const s = document.querySelector('.il-symptom-stepper ' + figure);
            return !!(s && s.getBoundingClientRect().width > 0);
        }""",
        arg=FIGURE,
        timeout=timeout,
        polling=250,
    )
    try:
        page.get_by_text("Loading widget").first.wait_for(state="detached", timeout=15_000)
    except Exception:
        pass


@pytest.fixture
def voila_page(request, browser, voila_server):
    with new_page(browser, 1280, 1000) as page:
        vp = VoilaPage(page, voila_server, request.node.name)
        try:
            yield vp
        finally:
            rep = getattr(request.node, "rep_call", None)
            if rep is not None and rep.failed:
                vp.screenshot("failure")


# ------------------------------------------------------------- the stepper
class StepperView:
    """The symptom stepper in a page (JupyterLab or Voila), found by its class
    and its controls by visible text / accessible names."""

    def __init__(self, page, scope=None):
        self.page = page
        base = scope if scope is not None else page
        self.root = base.locator(".il-symptom-stepper").first
        self.next = self.root.get_by_role("button", name=re.compile(r"(^|\W)Next\W*$"))
        self.previous = self.root.get_by_role("button", name=re.compile(r"(^|\W)Previous\W*$"))
        self.img = self.root.locator(FIGURE).first

    def side_button(self, side: str):
        return self.root.get_by_role("radio", name=re.compile(rf"patient's {side}$"))

    def wait_ready(self, timeout: float = 30_000):
        self.root.wait_for(state="visible", timeout=timeout)
        self.img.wait_for(state="visible", timeout=timeout)

    def state(self) -> dict:
        """What the learner sees: title, progress, picture (its SVG markup) and alt (its accessible name)."""
        return self.root.evaluate(
            """(el, figure) => {
                const h = el.querySelector('h3');
                const img = el.querySelector(figure);
                const count = el.querySelector('.ilsp-count');
                const progress = count ? count.textContent.trim() : '';
                const pressed = [...el.querySelectorAll('input[type=radio]:checked')]
                    .map(r => r.closest('label').textContent.trim());
                return {title: h ? h.textContent.trim() : '',
                        heading: h && h.nextElementSibling ? h.nextElementSibling.textContent.trim() : '',
                        progress, src: img ? img.outerHTML : '',
                        alt: img ? img.getAttribute('aria-label') : null, pressed};
            }""",
            FIGURE,
        )

    def wait_change(
        self,
        before: dict,
        timeout: float = 20_000,
        *,
        title: str | None = None,
        progress: str | None = None,
        side: str | None = None,
    ) -> dict:
        """Wait until the picture's src changed from BEFORE's and, when given, the
        title, the "k of n" progress and the side named in the alt text all show
        the expected values (one in-page check, retried until it holds); then
        return the new state. On a timeout the caller's checks report what differs."""
        try:
            self.page.wait_for_function(
                """([el, src, title, progress, side, figure]) => {
                    const i = el.querySelector(figure);
                    if (!i || i.outerHTML === src) return false;
                    const h = el.querySelector('h3');
                    if (title !== null && (!h || h.textContent.trim() !== title)) return false;
                    const count = el.querySelector('.ilsp-count');
                    if (progress !== null && !(count && count.textContent.trim() === progress)) return false;
                    if (side !== null && !(i.getAttribute('aria-label') || '').includes("patient's " + side)) return false;
                    const sub = h && h.nextElementSibling ? h.nextElementSibling.textContent : '';
                    if (side !== null && !sub.includes("patient's " + side)) return false;
                    return true;
                }""",
                arg=[self.root.element_handle(), before["src"], title, progress, side, FIGURE],
                timeout=timeout,
                polling=100,
            )
        except Exception:
            if title is None and progress is None and side is None:
                raise
        return self.state()

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.root.scroll_into_view_if_needed(timeout=10_000)
        self.root.screenshot(path=str(path), timeout=15_000)
        return path


def digest(src: str) -> str:
    """Short digest of a picture: an <img> data: URL's bytes, or an SVG's markup."""
    if src.startswith("data:") and "," in src:
        data = base64.b64decode(src.split(",", 1)[1])
    else:
        data = src.encode()
    return hashlib.sha1(data).hexdigest()[:12]


def check_state(st: dict, title: str, k: int, n: int, side: str) -> list[str]:
    """Problems with a stepper state versus what should show (empty list: fine)."""
    probs = []
    if st["title"] != title:
        probs.append(f"title {st['title']!r}, expected {title!r}")
    if st["progress"] != f"{k} of {n}":
        probs.append(f"progress {st['progress']!r}, expected '{k} of {n}'")
    alt = st["alt"] or ""
    if not alt.strip():
        probs.append("figure has no alt text")
    if f"patient's {side}" not in alt:
        probs.append(f"alt text does not name the patient's {side} side: {alt[:200]!r}")
    other = "right" if side == "left" else "left"
    if f"patient's {other}" in alt:
        probs.append(f"alt text names the other side ({other}): {alt[:200]!r}")
    if title and not alt.startswith(title):
        probs.append(f"alt text does not start with the symptom title {title!r}: {alt[:120]!r}")
    if f"patient's {side}" not in st["heading"]:
        probs.append(f"subtitle does not name the side: {st['heading']!r}")
    return probs


def walk_stepper(view: StepperView, titles: list[str], sides=("left", "right")) -> list[str]:
    """Click through every symptom (Next to the end, Previous back) on both sides;
    after each click check picture, title, progress and alt text. Returns problems."""
    n = len(titles)
    problems: list[str] = []
    st = view.state()
    # start from the first symptom, left side (as the lesson opens)
    problems += [f"start: {p}" for p in check_state(st, titles[0], 1, n, "left")]
    if not view.previous.is_disabled():
        problems.append("start: Previous is enabled on the first symptom")
    seen: dict[tuple, str] = {}
    current_side = "left"
    for side in sides:
        if side != current_side:
            before = st
            view.side_button(side).click()
            st = view.wait_change(before, title=titles[0], progress=f"1 of {n}", side=side)
            current_side = side
            problems += [f"side {side}: {p}" for p in check_state(st, titles[0], 1, n, side)]
            if st["alt"] == before["alt"]:
                problems.append(f"side {side}: alt text unchanged after switching side")
        seen[(0, side)] = st["src"]
        for k in range(1, n):
            before = st
            view.next.click()
            st = view.wait_change(before, title=titles[k], progress=f"{k + 1} of {n}", side=side)
            if st["src"] == before["src"]:
                problems.append(f"{side} Next->{k + 1}: picture did not change")
            problems += [f"{side} Next->{k + 1}: {p}" for p in check_state(st, titles[k], k + 1, n, side)]
            seen[(k, side)] = st["src"]
        if not view.next.is_disabled():
            problems.append(f"{side}: Next is enabled on the last symptom")
        for k in range(n - 2, -1, -1):
            before = st
            view.previous.click()
            st = view.wait_change(before, title=titles[k], progress=f"{k + 1} of {n}", side=side)
            if st["src"] == before["src"]:
                problems.append(f"{side} Previous->{k + 1}: picture did not change")
            problems += [f"{side} Previous->{k + 1}: {p}" for p in check_state(st, titles[k], k + 1, n, side)]
            if seen.get((k, side)) is not None and digest(seen[(k, side)]) != digest(st["src"]):
                # same symptom and side must give the same picture going back
                problems.append(f"{side} Previous->{k + 1}: picture differs from the one shown going forward")
    # every (symptom, side) picture is distinct
    digests = {key: digest(src) for key, src in seen.items()}
    if len(set(digests.values())) != len(digests):
        dup = {}
        for key, d in digests.items():
            dup.setdefault(d, []).append(key)
        problems.append(f"some symptom/side pictures are identical: {[v for v in dup.values() if len(v) > 1]}")
    return problems
