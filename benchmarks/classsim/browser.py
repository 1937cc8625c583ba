"""A sampled learner in a real browser: headless Debian chromium through
Playwright (never a downloaded browser), while the rest of the class runs
over HTTP and the kernel websocket (learner.py).

It does what a learner does: opens lesson 03's nbgitpuller link, logs in on
the hub's form, waits out the spawn and the pull, lets JupyterLab open the
lesson, runs all cells (Run > Run All Cells, as the browser tests do), waits
for the class, steps the symptom stepper with think time and saves. Each step
is timed in the page by benchmarks/bench_steps.py's own script (imported, not
copied); every frame the page sends on a kernel websocket while stepping is
counted (the goal is none); login to first figure is as the page saw it.

Each sampled learner has its own Playwright driver and chromium, closed in
``finally``; every wait is bounded by the learner's deadline.
"""

from __future__ import annotations

import re
import threading
import time
from urllib.parse import quote

from iliopsoas_lessons.links import pull_link

from .learner import LESSON, Learner, LearnerFailed

STEPS = 10  # presses of the stepper per sampled learner
SETTLE_MS = 1000  # after the run, before counting: the run's own traffic ends (as bench_steps.py waits)
LATE_MS = 500  # after the last step: anything a step sends late is counted too

_harness_lock = threading.Lock()
_harness = None


def harness():
    """The browser tests' harness (tests/browser/conftest.py) and bench_steps.py's
    step script, loaded once for every sampled learner."""
    global _harness
    with _harness_lock:
        if _harness is None:
            # bench_class.py and tests/test_class_hub.py put benchmarks/ on sys.path
            from bench_browser import RUN_DONE, load_harness
            from bench_steps import CLOCK, one_step

            _harness = (load_harness(), (CLOCK, one_step), RUN_DONE)
    return _harness


def default_sample(n: int) -> int:
    """How many of ``n`` learners use a browser when --browser-sample is not given."""
    return 3 if n >= 10 else 1


def sampled(n: int, k: int) -> set[int]:
    """Indices of the ``k`` learners (of ``n``) in a browser, spread over the class."""
    if not 0 <= k <= n:
        raise ValueError(f"browser sample {k}: must be 0 to {n} (the number of learners)")
    return {j * n // k for j in range(k)}


class _NoServer:
    """Lab() wants a server for open(); here nbgitpuller opens the lesson."""

    url = token = ""


def _first_line(exc: BaseException, limit: int = 300) -> str:
    # Playwright errors carry a long call log: the first line says what failed
    text = str(exc).strip().splitlines()
    return (text[0] if text else "")[:limit]


class BrowserLearner(Learner):
    """A learner whose lesson runs in chromium; result.browser_steps in s, result.kernel_messages."""

    def __init__(self, *args, steps: int = STEPS, **kwargs):
        super().__init__(*args, **kwargs)
        self.presses = steps
        self.result.browser = True

    def _ms(self, cap: float = 120) -> float:
        return 1000 * self._left(cap)

    def _in_browser(self, page, sent: list) -> None:
        h, step_js, run_done = harness()
        link = pull_link(self.hub.url, self.hub.repo_url, "class", LESSON)
        page.goto(
            f"{self.hub.url}/hub/login?next={quote(link[len(self.hub.url) :], safe='')}",
            wait_until="domcontentloaded",
            timeout=self._ms(),
        )
        page.fill("#username_input", self.name)
        page.fill("#password_input", self.hub.password)
        self.started = time.monotonic()  # as learner.py: from the login form
        page.click("#login_submit")
        page.wait_for_url(re.compile(r"/user/[^/]+/(git-pull|lab)"), wait_until="commit", timeout=self._ms(600))
        self.result.ready_after = time.monotonic() - self.started
        self._mark("nbgitpuller")
        page.wait_for_url(re.compile(r"/user/[^/]+/lab"), wait_until="commit", timeout=self._ms(600))
        self._mark("kernel start")
        lab = h.Lab(page, _NoServer(), f"class-{self.name}")
        lab.notebook.locator(".jp-Cell").first.wait_for(timeout=self._ms(300))
        lab.wait_idle(timeout=self._ms(300))
        self._mark("running the cells")
        self.result.saved_after = time.time()  # the saved notebook must be newer than this
        lab.run_all()  # clears the stored outputs first: the figure counted is this run's
        lab.notebook.locator(h.RENDERED_SELECTOR).first.wait_for(state="attached", timeout=self._ms(300))
        self.result.login_to_figure = time.monotonic() - self.started
        page.wait_for_function(run_done, timeout=self._ms(300), polling=100)
        self.result.cells_run = lab.code_cell_count()
        root = lab.notebook.locator(".ilsp.il-symptom-stepper").first
        root.wait_for(state="visible", timeout=self._ms())
        self._mark("waiting for the class")
        self._arrive()
        self._mark("pressing the stepper's buttons")
        root.scroll_into_view_if_needed(timeout=self._ms())
        page.wait_for_timeout(SETTLE_MS)
        # Run All went over these sockets: a counter that saw nothing by now would count 0 per step for nothing
        self.result.run_messages = len(sent)
        if not sent:
            raise LearnerFailed("no kernel websocket frame seen by the end of Run All: the step counter sees nothing")
        clock, one_step = step_js
        page.evaluate(clock)
        sent.clear()
        cpu_before = self._my_cpu()
        for _ in range(self.presses):
            page.wait_for_timeout(1000 * self.rng.uniform(*self.think))  # reading the step before the next press
            # a real mouse click, timed as bench_steps.py times it: (b) click to the
            # end of the frame that shows the step, and (a) the widget's own work
            handler, frame, seen = one_step(root, script=False)[:3]
            self.result.browser_steps.append(seen / 1000)
            self.result.frames_over.append((handler + frame) / 1000)
        page.wait_for_timeout(LATE_MS)
        self.result.step_cpu = (self._my_cpu() - cpu_before) / self.presses
        self.result.kernel_messages = len(sent)
        self.result.comm_messages = sum(b"comm_msg" in m for m in sent)
        self._mark("saving")
        lab.menu("File", "Save Notebook")
        page.wait_for_function(
            "() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')",
            timeout=self._ms(),
            polling=100,
        )
        self._mark("done")

    def run(self):
        from playwright.sync_api import sync_playwright

        h, _, _ = harness()
        self.started = time.monotonic()
        self.result.stage = "starting the browser"
        pw = browser = None
        try:
            pw = sync_playwright().start()
            browser = pw.chromium.launch(
                executable_path=h.chromium_path(), headless=True, args=h.CHROMIUM_FLAGS, timeout=self._ms(60)
            )
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.set_default_timeout(self._ms(60))
            page = context.new_page()
            sent: list[bytes] = []

            def on_socket(ws):
                if "/api/kernels/" in ws.url:
                    ws.on("framesent", lambda p: sent.append(p if isinstance(p, bytes) else p.encode()))

            page.on("websocket", on_socket)
            self.result.stage = "login and server start"
            self._in_browser(page, sent)
            self.result.ok = True
        except Exception as exc:  # Playwright's errors, a timeout, a missing chromium: this learner failed
            self.result.error = f"in the browser: {type(exc).__name__}: {_first_line(exc)}"
        finally:
            self._arrive()
            try:
                if browser is not None:
                    browser.close()
            finally:
                if pw is not None:
                    pw.stop()
        return self.result
