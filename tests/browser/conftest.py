"""Real-browser test harness: JupyterLab (from this venv) driven by headless Chromium.

Fixtures
--------
lab_server   session: a JupyterLab server on a free loopback port, with a token,
             isolated config/data/runtime dirs, news/update checks off, serving a
             temp copy of the repo's ``notebooks/`` folder.
browser      session: Playwright (sync API) Chromium from /usr/bin/chromium
             (or $CHROMIUM_PATH).  Missing Chromium -> skip, or fail when
             ILIOPSOAS_REQUIRE_BROWSER=1 or CI is set.
lab          function: a fresh page + helpers (open notebook, run all, wait idle,
             collect errors, screenshot elements into tests/browser/artifacts/).
lab_pages    session: the context manager behind ``lab``, for a module whose
             tests share one page (test_symptom_lesson.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# benchmarks/bench_browser.py loads this file by path: make its sibling importable
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _page_checks import (
    ARTIFACTS,
    ERROR_OUTPUT_SELECTOR,
    STDERR_SELECTOR,
    free_port,
    page_errors,
    safe_name,
)

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Errors that must never show in a rendered notebook.
# a live lesson widget is its anywidget's view, marked il-lesson (widgets/_base.py),
# and counts once its module has drawn something into it
RENDERED_SELECTOR = (
    ".jp-OutputArea-output img, .jp-OutputArea-output svg, "
    ".jp-OutputArea-output .jupyter-widgets, .jp-OutputArea-output canvas, "
    ".jp-OutputArea-output .il-lesson > *"
)

STARTUP_TIMEOUT = 90  # s, lab server start
PAGE_TIMEOUT = 60_000  # ms, lab UI load
RUN_TIMEOUT = 240_000  # ms, run-all of a lesson


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def browser_required() -> bool:
    return _truthy("ILIOPSOAS_REQUIRE_BROWSER") or _truthy("CI")


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


def _missing(reason: str):
    if browser_required():
        pytest.fail(
            f"{reason} -- browser tests are required here "
            "(ILIOPSOAS_REQUIRE_BROWSER=1 or CI set). Install Debian's chromium "
            "(`apt-get install -y chromium`) or set CHROMIUM_PATH.",
            pytrace=False,
        )
    pytest.skip(reason)


class LabServer:
    def __init__(self, proc, url: str, token: str, root: Path, nbdir: Path, log: Path):
        self.proc, self.url, self.token, self.log = proc, url, token, log
        self.root = root  # server root dir
        self.nbdir = nbdir  # root/notebooks: the temp copy of the lessons

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        try:
            for s in self.api("/api/sessions") or []:
                self.api(f"/api/sessions/{s['id']}", method="DELETE")
        except (urllib.error.URLError, OSError):
            pass

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


# What the package installs for learners (pyproject.toml's data-files; `make`
# copies share/ into the venv of an editable install).
LAB_SETTINGS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
PACKAGE_LAB_SETTINGS = REPO / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def learner_lab_settings() -> dict:
    """The JupyterLab settings this environment gives learners; fails unless they
    are the package's (the tests would otherwise see another Lab than learners)."""
    if not LAB_SETTINGS.is_file():
        pytest.fail(
            f"{LAB_SETTINGS} is missing: the package's JupyterLab settings are not installed "
            "(`make` copies share/ into .venv; pip install . installs them)",
            pytrace=False,
        )
    settings = json.loads(LAB_SETTINGS.read_text(encoding="utf-8"))
    if settings != json.loads(PACKAGE_LAB_SETTINGS.read_text(encoding="utf-8")):
        pytest.fail(f"{LAB_SETTINGS} is not {PACKAGE_LAB_SETTINGS} (run make to copy it)", pytrace=False)
    return settings


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """Start JupyterLab from this venv; yield a LabServer; kill it at the end."""
    base = tmp_path_factory.mktemp("lab")
    # Root laid out like the repo (as `make lab` serves it): a temp COPY of
    # notebooks/, so tests never modify the committed notebooks, beside symlinks
    # to the other top-level folders (assets/, ...) that lessons may read via ../
    root = base / "root"
    root.mkdir()
    nbdir = root / "notebooks"
    if NOTEBOOKS.is_dir():
        shutil.copytree(NOTEBOOKS, nbdir, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    else:
        nbdir.mkdir()
    for entry in REPO.iterdir():
        if (
            entry.name.startswith(".")
            or entry.name.endswith(".egg-info")
            or entry.name in ("notebooks", "tests", "build", "dist")
        ):
            continue
        (root / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    for d in ("config", "data", "runtime", "workspaces"):
        (base / d).mkdir()
    # JupyterLab reads the app settings a learner gets, the package's
    # share/jupyter/lab/settings/overrides.json installed into this environment
    # (no news prompt, no update check: see learner_lab_settings). The tests add
    # only what they need to see, as defaults below the app settings: every
    # cell in the DOM, so checks see the whole notebook.
    learner_lab_settings()
    (base / "config" / "labconfig").mkdir()
    (base / "config" / "labconfig" / "default_setting_overrides.json").write_text(
        json.dumps(
            {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none", "autoStartDefaultKernel": True}}
        )
    )

    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        # keep this venv's share/jupyter (labextensions such as ipywidgets', kernelspecs)
        JUPYTER_PATH=os.pathsep.join(
            [str(Path(sys.prefix) / "share" / "jupyter")]
            + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
        ),
        JUPYTER_PLATFORM_DIRS="1",
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        PYTHONUNBUFFERED="1",
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        # the lessons' saved progress: a folder of the test run's, emptied before each test
        ILIOPSOAS_LESSONS_DATA=str(base / "learner"),
    )
    env.pop("JUPYTER_TOKEN", None)
    # the lessons must import the package from this repo even if not installed
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    )

    token = secrets.token_hex(16)
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        f"--LabApp.user_settings_dir={base / 'config' / 'lab' / 'user-settings'}",
        "--ServerApp.open_browser=False",
        "--MappingKernelManager.cull_idle_timeout=0",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = base / "lab.log"
    logf = log.open("wb")
    proc = subprocess.Popen(
        cmd,
        cwd=nbdir,
        env=env,
        stdout=logf,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = LabServer(proc, f"http://127.0.0.1:{port}", token, root, nbdir, log)
    server.learner = base / "learner"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if proc.poll() is not None:
            logf.close()
            pytest.fail(f"jupyter lab exited with {proc.returncode}:\n{server.log_tail()}", pytrace=False)
        try:
            server.api("/api/status")
            with urllib.request.urlopen(f"{server.url}/lab?token={token}", timeout=10) as r:
                if r.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            proc.kill()
            logf.close()
            pytest.fail(f"jupyter lab did not answer within {STARTUP_TIMEOUT}s:\n{server.log_tail()}", pytrace=False)
        time.sleep(0.5)
    try:
        yield server
    finally:
        server.shutdown_kernels()
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        logf.close()


@pytest.fixture(scope="session")
def browser():
    exe = chromium_path()
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        _missing(f"Chromium not found at {exe}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - pinned in requirements.txt
        _missing(f"playwright is not installed: {e}")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_FLAGS)
    except Exception as e:
        pw.stop()
        _missing(f"Chromium at {exe} did not start: {e}")
    try:
        yield b
    finally:
        b.close()
        pw.stop()


class Lab:
    """A JupyterLab page plus helpers."""

    def __init__(self, page, server: LabServer, test_name: str):
        self.page, self.server, self.test_name = page, server, test_name
        self.console: list[str] = []
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))

    # -- navigation ---------------------------------------------------------
    def open(self, name: str):
        """Open a notebook in a fresh workspace.

        NAME is relative to the temp notebooks/ copy ("00_start_here.ipynb").
        """
        name = f"notebooks/{name}"
        ws = re.sub(r"[^A-Za-z0-9]+", "-", self.test_name).strip("-")[:80]  # no dots: lab 404s
        url = f"{self.server.url}/lab/workspaces/{ws}/tree/{name}?reset&token={self.server.token}"
        self.page.goto(url, wait_until="domcontentloaded")
        self.page.wait_for_selector("#jp-main-statusbar", timeout=PAGE_TIMEOUT)
        self.notebook.wait_for(state="visible", timeout=PAGE_TIMEOUT)
        # the notebook's cells are in the DOM
        self.notebook.locator(".jp-Cell").first.wait_for(timeout=PAGE_TIMEOUT)
        self.wait_idle(timeout=PAGE_TIMEOUT)
        return self

    @property
    def notebook(self):
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first

    # -- commands -----------------------------------------------------------
    def menu(self, top: str, item: str):
        """Click menu-bar TOP, then the item whose label starts with ITEM.

        (Lab 4 doesn't expose the app object to the page, so commands go
        through the menus like a learner's would.)
        """
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(top)}$")).click()
        entry = self.page.locator(".lm-Menu-item", has_text=re.compile(rf"^{re.escape(item)}")).first
        entry.wait_for(state="visible", timeout=10_000)
        entry.click()
        return self

    def run_all(self, clear: bool = True):
        """Edit > Clear Outputs of All Cells (so stored outputs can't pass for
        live ones), then Run > Run All Cells."""
        if clear:
            self.menu("Edit", "Clear Outputs of All Cells")
            self.notebook.locator(".jp-OutputArea-output").first.wait_for(state="detached", timeout=10_000)
        self.menu("Run", "Run All Cells")
        return self

    def status_text(self) -> str:
        return self.page.locator("#jp-main-statusbar").inner_text()

    def wait_idle(self, timeout: float = RUN_TIMEOUT):
        """Wait for the status bar to read '(ipykernel) | Idle' and no cell to be queued/running."""
        self.page.wait_for_function(
            """() => {
                const bar = document.querySelector('#jp-main-statusbar');
                if (!bar || !/\\(ipykernel\\)\\s*\\|\\s*Idle/.test(bar.textContent)) return false;
                const prompts = document.querySelectorAll(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt');
                for (const p of prompts) { if (p.textContent.includes('*')) return false; }
                return true;
            }""",
            timeout=timeout,
            polling=250,
        )
        return self

    def run_all_and_wait(self, timeout: float = RUN_TIMEOUT):
        self.run_all()
        # every code cell has an execution count -- or execution stopped at an error
        self.page.wait_for_function(
            """() => {
                const nb = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
                const cells = document.querySelectorAll(nb + '.jp-CodeCell');
                const bar = document.querySelector('#jp-main-statusbar');
                const idle = bar && /\\(ipykernel\\)\\s*\\|\\s*Idle/.test(bar.textContent);
                const running = [...document.querySelectorAll(nb + '.jp-CodeCell .jp-InputPrompt')]
                    .some(p => p.textContent.includes('*'));
                const failed = document.querySelector(nb +
                    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
                if (idle && !running && failed) return true;
                for (const c of cells) {
                    const p = c.querySelector('.jp-InputPrompt');
                    const src = c.querySelector('.jp-InputArea-editor');
                    if (src && src.textContent.trim() === '') continue;  // empty cell
                    if (!p || !/\\[\\s*\\d+\\s*\\]/.test(p.textContent)) return false;
                }
                return true;
            }""",
            timeout=timeout,
            polling=250,
        )
        self.wait_idle(timeout=timeout)
        # Widget views render after the reply. Every widget output is in the page
        # by now (the kernel's outputs come before the idle status wait_idle waits
        # for, and each is inserted as it comes), showing "Loading widget..." until
        # its view is in place: wait until none does.
        loading = self.notebook.get_by_text("Loading widget")
        try:
            loading.first.wait_for(state="detached", timeout=15_000)
        except Exception:
            pass
        return self

    # -- inspection ---------------------------------------------------------
    def errors(self) -> list[str]:
        return page_errors(self.notebook)

    def rendered_count(self) -> int:
        return self.notebook.locator(RENDERED_SELECTOR).count()

    def code_cell_count(self) -> int:
        return self.notebook.locator(".jp-CodeCell").count()

    def screenshot(self, label: str = "failure") -> list[Path]:
        """Screenshot the notebook panel and each output area with an error.

        Elements, not the page: lab scrolls inside its own panel.
        """
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = safe_name(f"{self.test_name}-{label}")
        saved: list[Path] = []
        try:
            panel = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
            if not panel.count():  # no notebook open: show what lab shows instead
                p = ARTIFACTS / f"{stem}-page.png"
                self.page.screenshot(path=str(p), timeout=10_000)
                saved.append(p)
            else:
                p = ARTIFACTS / f"{stem}-panel.png"
                panel.screenshot(path=str(p), timeout=10_000)
                saved.append(p)
            bad = self.notebook.locator(
                ".jp-Cell:has(" + STDERR_SELECTOR + "), "
                ".jp-Cell:has-text('Error displaying widget'), .jp-Cell:has-text('Loading widget'), "
                ".jp-Cell:has(" + ERROR_OUTPUT_SELECTOR + ")"
            )
            for i in range(min(bad.count(), 10)):
                cell = bad.nth(i)
                cell.scroll_into_view_if_needed(timeout=5_000)
                p = ARTIFACTS / f"{stem}-cell{i}.png"
                cell.screenshot(path=str(p), timeout=10_000)
                saved.append(p)
        except Exception as e:  # screenshots are best effort
            (ARTIFACTS / f"{stem}-screenshot-error.txt").write_text(repr(e))
        (ARTIFACTS / f"{stem}-console.txt").write_text("\n".join(self.console))
        return saved


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)
    if rep.failed and rep.when in ("setup", "call"):
        # a widget that never showed is often explained only by the server's own
        # log (a kernel that died, a slow start under load): print its last lines
        # with the failure, for every server the test used (Voila, JupyterLab)
        shown = set()  # a lesson's view of the session's Voila shares its log
        for name, server in getattr(item, "funcargs", {}).items():
            if callable(getattr(server, "log_tail", None)) and getattr(server, "log", name) not in shown:
                shown.add(getattr(server, "log", name))
                rep.sections.append((f"{name} server log (last 120 lines)", server.log_tail(120) or "(empty)"))


@contextlib.contextmanager
def lab_page(request, browser, lab_server, **context_options):
    """A fresh browser context on the lab server; on failure, a screenshot and
    the server log go to the artifacts folder."""
    # each test meets a fresh learner: no progress restored from an earlier test
    shutil.rmtree(lab_server.learner, ignore_errors=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, **context_options)
    context.set_default_timeout(30_000)
    page = context.new_page()
    helper = Lab(page, lab_server, request.node.name)
    try:
        yield helper
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            helper.screenshot()
            (ARTIFACTS / f"{safe_name(request.node.name)}-server.log").write_text(lab_server.log_tail(200))
        context.close()
        lab_server.shutdown_kernels()


@pytest.fixture(scope="session")
def lab_pages():
    """lab_page itself, for a module that shares one page among its tests (a
    bare `from conftest import` may find tests/conftest.py instead of this file)."""
    return lab_page


@pytest.fixture
def lab(request, browser, lab_server):
    with lab_page(request, browser, lab_server) as helper:
        yield helper


@pytest.fixture
def lab2x(request, browser, lab_server):
    """Like ``lab`` but at device scale 2, so screenshots for the README are
    sharp on high-density screens."""
    with lab_page(request, browser, lab_server, device_scale_factor=2) as helper:
        yield helper


@pytest.hookimpl(tryfirst=True)  # before `-m` deselection
def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


# ------------------------------------------------------------------ the course website


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built course website, served by a plain static file server on loopback."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(built_site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/index.html", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the static server did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def phone(browser, site_url):
    """A 390 px wide page that may load the site's own files only; anything else is refused and recorded."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, has_touch=True)
    context.set_default_timeout(30_000)
    outside: list[str] = []

    def only_the_site(route):
        if route.request.url.startswith(site_url + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    page = context.new_page()
    yield page, outside
    context.close()


# ------------------------------------------------------------------ the Voila app


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    """Voila serving the lessons' folder as ``make voila`` does (_voila.py), once
    per worker; ``app_url`` is the symptom lesson, ``lesson_url(name)`` any other.
    Here, not in _voila.py: a session fixture imported into several test modules
    is a fixture of each, and started again for each of them."""
    from _voila import running_voila

    with running_voila(tmp_path_factory.mktemp("voila_server")) as server:
        yield server
