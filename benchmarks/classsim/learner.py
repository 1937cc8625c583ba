"""One simulated learner, doing over HTTP and the kernel websocket what a
learner does in the browser: log in through the lesson's nbgitpuller link,
wait for the server, let nbgitpuller copy the lessons, open the lesson, run
its cells, press the symptom stepper's buttons, and save the notebook.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import psutil
import requests

from iliopsoas_lessons.links import pull_link
from iliopsoas_lessons.widgets._state_table import slot_value

from .kernel import Kernel, KernelError

LESSON = "03_symptoms.ipynb"
STEPPER_CELL = "SymptomStepper("
# Next is disabled on the fifth symptom (the front end sends no click then), so the
# five presses are Next four times, to the last symptom, and Previous once.
PRESSES = ("Next", "Next", "Next", "Next", "Previous")
MARK = "iliopsoas_class_sim"  # notebook metadata key of the simulation's saved run


class LearnerFailed(RuntimeError):
    pass


@dataclass
class LearnerResult:
    name: str
    ok: bool = False
    error: str = ""
    stage: str = "login"
    login_to_figure: float | None = None  # s, from the login form to the first figure from the kernel
    ready_after: float | None = None  # s, from the login form until the server answered
    cells_run: int = 0
    steps: list[float] = field(default_factory=list)  # s, click to the figure's new picture
    marks: dict[str, float] = field(default_factory=dict)  # s from the login form to the end of each stage
    step_cpu: float | None = None  # CPU s per press, this learner's server and kernel together
    # a learner of the browser sample (browser.py) only:
    browser: bool = False
    browser_steps: list[float] = field(default_factory=list)  # s, click to painted figure, timed in the page
    frames_over: list[float] = field(default_factory=list)  # s, the widget's work: handler + that frame's rendering
    kernel_messages: int | None = None  # frames the page sent on the kernel websocket while stepping
    comm_messages: int | None = None  # of which widget comm messages
    run_messages: int | None = None  # frames sent before stepping, Run All's among them (the counter works: > 0)
    reconnects: int = 0  # kernel websockets that dropped under this learner and were opened again
    saved_after: float | None = None  # epoch s: the saved notebook must be newer (this run's, not the pull's)


def _xsrf(session: requests.Session, user_path: str) -> str:
    for c in session.cookies:
        if c.name == "_xsrf" and c.path.rstrip("/") == user_path.rstrip("/"):
            return c.value
    raise LearnerFailed(f"no _xsrf cookie for {user_path}")


class Learner:
    def __init__(
        self,
        hub,
        name: str,
        *,
        seed: int,
        think: tuple[float, float] = (0.5, 1.5),
        timeout: float = 600,
        together: threading.Barrier | None = None,
    ):
        self.hub, self.name = hub, name
        # the class works together: nobody presses before everyone has the lesson open
        self.together, self.arrived = together, False
        self.user = f"/user/{name}/"
        self.http = requests.Session()
        self.rng = random.Random(seed)
        self.think = think
        self.deadline = time.monotonic() + timeout
        self.result = LearnerResult(name)
        self.folder = "iliopsoas-lessons"
        self.path = f"{self.folder}/notebooks/{LESSON}"

    # ---------------------------------------------------------------- HTTP helpers
    def _left(self, cap: float = 120) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise LearnerFailed("ran out of time")
        return min(left, cap)

    def _api(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"X-XSRFToken": _xsrf(self.http, self.user)}
        r = self.http.request(method, f"{self.hub.url}{self.user}{path}", headers=headers, timeout=self._left(), **kw)
        if r.status_code >= 400:
            raise LearnerFailed(f"{method} {path}: HTTP {r.status_code}: {r.text[:200]}")
        return r

    # ---------------------------------------------------------------- the steps
    def log_in_through_the_link(self) -> str:
        """Open the lesson's link, log in, wait out the spawn; the nbgitpuller page's URL."""
        link = pull_link(self.hub.url, self.hub.repo_url, "class", LESSON)
        next_path = link[len(self.hub.url) :]
        page = self.http.get(f"{self.hub.url}/hub/login", params={"next": next_path}, timeout=self._left())
        token = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
        if not token:
            raise LearnerFailed("the login page has no _xsrf field")
        self.started = time.monotonic()
        r = self.http.post(
            f"{self.hub.url}/hub/login",
            params={"next": next_path},
            timeout=self._left(),
            data={"username": self.name, "password": self.hub.password, "_xsrf": token.group(1)},
        )
        while "/spawn-pending/" in r.url:  # what the pending page's script does: wait, reload
            if r.status_code != 200:
                raise LearnerFailed(f"spawn failed: HTTP {r.status_code}")
            time.sleep(0.25)
            r = self.http.get(r.url, timeout=self._left())
        self.result.ready_after = time.monotonic() - self.started
        if r.status_code != 200 or "git-pull" not in urlsplit(r.url).path:
            raise LearnerFailed(f"the link landed on {r.url} (HTTP {r.status_code}), not nbgitpuller")
        return r.url

    def pull(self, page_url: str) -> None:
        """nbgitpuller's page streams the pull from its /api; then it opens the lesson."""
        query = urlsplit(page_url).query
        with self.http.get(f"{self.hub.url}{self.user}git-pull/api?{query}", stream=True, timeout=self._left()) as r:
            if r.status_code != 200:
                raise LearnerFailed(f"git-pull/api: HTTP {r.status_code}")
            for line in r.iter_lines(decode_unicode=True):
                if line.startswith("data:"):
                    event = json.loads(line[5:])
                    if event.get("phase") == "error":
                        raise LearnerFailed(f"nbgitpuller: {event.get('message')}")
                    if event.get("phase") == "finished":
                        break
            else:
                raise LearnerFailed("nbgitpuller's stream ended before 'finished'")
        lab = self.http.get(f"{self.hub.url}{self.user}lab/tree/{quote(self.path)}", timeout=self._left())
        if lab.status_code != 200 or "JupyterLab" not in lab.text:
            raise LearnerFailed(f"JupyterLab did not open the lesson: HTTP {lab.status_code}")

    def open_kernel(self) -> tuple[dict, Kernel]:
        notebook = self._api("GET", f"api/contents/{quote(self.path)}", params={"content": 1}).json()["content"]
        session = self._api(
            "POST",
            "api/sessions",
            json={"path": self.path, "name": LESSON, "type": "notebook", "kernel": {"name": "python3"}},
        ).json()
        ws = self.hub.url.replace("http://", "ws://") + f"{self.user}api/kernels/{session['kernel']['id']}/channels"
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        kernel = Kernel(
            f"{ws}?session_id={session['id']}",
            cookie=cookie,
            timeout=self._left(),
            headers={"X-XSRFToken": _xsrf(self.http, self.user)},
        )
        try:
            kernel.wait_ready(timeout=self._left())
        finally:
            self.result.reconnects = kernel.reconnects
        return notebook, kernel

    def run_cells(self, notebook: dict, kernel: Kernel) -> set[str]:
        """Every code cell, outputs kept as the front end keeps them; the stepper's widget ids."""
        stepper: set[str] = set()
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            before = set(kernel.widgets.state)
            messages, count = kernel.execute("".join(cell["source"]), timeout=self._left(300))
            cell["outputs"] = [
                dict(
                    output_type=m["header"]["msg_type"],
                    **{k: v for k, v in m["content"].items() if k not in ("transient",)},
                )
                for m in messages
            ]
            for out in cell["outputs"]:
                if out["output_type"] == "execute_result":
                    out["execution_count"] = count
                if out["output_type"] in ("execute_result", "display_data"):
                    out.setdefault("metadata", {})
            cell["execution_count"] = count
            self.result.cells_run += 1
            if STEPPER_CELL in "".join(cell["source"]):
                stepper = set(kernel.widgets.state) - before
        if kernel.first_figure_at is None:
            raise LearnerFailed("the lesson showed no figure")
        self.result.login_to_figure = kernel.first_figure_at - self.started
        return stepper

    def _my_cpu(self) -> float:
        """CPU seconds of this learner's server and kernel so far (what a press costs, without the wait)."""
        try:
            server = self.hub.learner_servers()[self.name]
            times = [p.cpu_times() for p in [server, *server.children(recursive=True)]]
        except (KeyError, psutil.Error):
            return float("nan")
        return sum(t.user + t.system for t in times)

    def step_in_the_page(self, kernel: Kernel, comm_id: str) -> None:
        """A stepper that plays a state table steps in the page (state_player.js): the
        kernel is sent nothing. With no browser, the simulated learner looks each next
        state up in the table the kernel sent, as the page does; the time kept is that
        lookup (the paint needs a browser: benchmarks/bench_steps.py measures it), and
        step_cpu is what the presses cost this learner's server and kernel."""
        table = kernel.widgets.table_of(comm_id)
        position = list(kernel.widgets.state[comm_id].get("position") or [0] * len(table["controls"]))
        step = next((i for i, c in enumerate(table["controls"]) if c["type"] == "step"), None)
        if step is None:
            raise LearnerFailed("the stepper's table has no step control")
        figure = next(s["name"] for s in table["slots"] if s["place"] == "figure")
        cpu_before = self._my_cpu()
        shown = slot_value(table, position, figure)
        for label in PRESSES:
            time.sleep(self.rng.uniform(*self.think))  # reading the step before the next press
            start = time.perf_counter()
            position[step] = min(
                max(position[step] + (1 if label == "Next" else -1), 0), table["controls"][step]["count"] - 1
            )
            now = slot_value(table, position, figure)
            self.result.steps.append(time.perf_counter() - start)
            if now == shown:
                raise LearnerFailed(f"{label!r} changed no figure")
            shown = now
        self.result.step_cpu = (self._my_cpu() - cpu_before) / len(PRESSES)

    def press_buttons(self, kernel: Kernel, stepper: set[str]) -> None:
        tables = [c for c in stepper if kernel.widgets.table_of(c) is not None]
        if len(tables) != 1:
            raise LearnerFailed(f"the stepper has {len(tables)} state tables, expected 1")
        self.step_in_the_page(kernel, tables[0])

    def save(self, notebook: dict) -> None:
        notebook.setdefault("metadata", {})[MARK] = {
            "learner": self.name,
            "cells_run": self.result.cells_run,
            "steps": len(self.result.steps),
        }
        self._api(
            "PUT", f"api/contents/{quote(self.path)}", json={"type": "notebook", "format": "json", "content": notebook}
        )

    def _arrive(self) -> None:
        """Wait for the rest of the class (a learner who failed arrives too, so nobody waits forever)."""
        if self.together is None or self.arrived:
            return
        self.arrived = True
        try:
            self.together.wait(timeout=max(1.0, self.deadline - time.monotonic()))
        except threading.BrokenBarrierError:
            pass

    def _mark(self, stage: str) -> None:
        self.result.marks[self.result.stage] = time.monotonic() - self.started
        self.result.stage = stage

    def run(self) -> LearnerResult:
        kernel = None
        self.started = time.monotonic()
        try:
            self.result.stage = "login and server start"
            page = self.log_in_through_the_link()
            self._mark("nbgitpuller")
            self.pull(page)
            self._mark("kernel start")
            notebook, kernel = self.open_kernel()
            self._mark("running the cells")
            stepper = self.run_cells(notebook, kernel)
            self._mark("waiting for the class")
            self._arrive()
            self._mark("pressing the stepper's buttons")
            self.press_buttons(kernel, stepper)
            self._mark("saving")
            self.save(notebook)
            self._mark("done")
            self.result.ok = True
        except (LearnerFailed, KernelError, requests.RequestException, OSError) as exc:
            self.result.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._arrive()
            if kernel is not None:
                kernel.close()
        return self.result
