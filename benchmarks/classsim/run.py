"""One class at the hub: N learners at once, then what was measured and
whether every learner's files and outputs are still there."""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from .hub import ClassHub, remove, running, tracked_files, wait_gone
from .browser import BrowserLearner, sampled
from .learner import LESSON, MARK, PRESSES, Learner, LearnerResult

SPAWN_LOG = re.compile(r"User (\S+) took ([\d.]+) seconds to start")


@dataclass
class Memory:
    server_rss: int  # bytes, jupyterhub-singleuser
    kernel_rss: int  # bytes, its kernel(s) and any other child
    pss: int  # bytes, both, shared pages divided among the processes sharing them
    cpu: float = 0.0  # CPU seconds the learner cost so far: server, kernel, git and the like
    kernel_cpu: float = 0.0  # of which the kernel('s)

    @property
    def rss(self) -> int:
        return self.server_rss + self.kernel_rss


@dataclass
class ClassRun:
    n: int
    results: list[LearnerResult]
    wall: float  # s, from the first login to the last learner done
    server_start: dict[str, float] = field(default_factory=dict)  # s, as the hub logged it
    memory: dict[str, Memory] = field(default_factory=dict)
    hub_cpu: float = 0.0  # CPU seconds of the hub during the class
    proxy_cpu: float = 0.0
    lost: dict[str, list[str]] = field(default_factory=dict)  # learner -> what is missing afterwards
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after
    left_running: list[str] = field(default_factory=list)  # processes of the hub's tree alive after the stop
    log_tail: str = ""

    @property
    def failed(self) -> list[LearnerResult]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failed and not any(self.lost.values()) and not self.left_running


def measure_memory(hub: ClassHub) -> dict[str, Memory]:
    """Per learner: the single-user server and its kernel, read from /proc."""
    out = {}
    for user, server in hub.learner_servers().items():
        try:
            children = server.children(recursive=True)
            server_rss = server.memory_info().rss
            kernel_rss = sum(p.memory_info().rss for p in children)
            pss = sum(p.memory_full_info().pss for p in [server, *children])
            times = [p.cpu_times() for p in [server, *children]]
        except psutil.Error:
            continue
        # children_* hold the CPU of finished children (git, for the pull)
        seconds = [t.user + t.system + t.children_user + t.children_system for t in times]
        out[user] = Memory(server_rss, kernel_rss, pss, sum(seconds), sum(seconds[1:]))
    return out


def spawn_times(log: str) -> dict[str, float]:
    return {m.group(1): float(m.group(2)) for m in SPAWN_LOG.finditer(log)}


def _cpu(process) -> float:
    try:
        t = process.cpu_times()
        return t.user + t.system
    except (psutil.Error, AttributeError):
        return 0.0


def _descendants() -> list[psutil.Process]:
    return psutil.Process().children(recursive=True)


def stop_leftovers(procs: set[psutil.Process]) -> list[str]:
    """Kill, by PID, those of ``procs`` still running (psutil checks the start time,
    so a reused PID is spared); what was running, for the report."""
    alive = [p for p in procs if running(p)]
    left = []
    for p in alive:
        try:
            left.append(f"{p.pid} {p.name()}")
            p.kill()
        except psutil.Error:
            pass
    wait_gone(alive, timeout=10)
    return left


def lost_files(homes: Path, name: str, expected: list[str], saved_after: float | None = None) -> list[str]:
    """What a learner's home lacks after the class: pulled files, or the run's saved outputs.

    A learner in the browser saves from JupyterLab, which writes no mark of the
    simulation's: their run is the one saved after ``saved_after`` (epoch s)."""
    folder = homes / name / "iliopsoas-lessons"
    missing = [f for f in expected if not (folder / f).exists()]
    notebook = folder / "notebooks" / LESSON
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return missing + [f"{notebook.name} unreadable: {exc}"]
    if saved_after is not None:
        if notebook.stat().st_mtime < saved_after:
            missing.append(f"{notebook.name}: not saved after the browser ran it")
    else:
        mark = nb.get("metadata", {}).get(MARK, {})
        if mark.get("learner") != name or mark.get("steps") != len(PRESSES):
            missing.append(f"{notebook.name}: the saved run is not this learner's ({mark})")
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    if not code or any(c.get("execution_count") is None or not c.get("outputs") for c in code):
        missing.append(f"{notebook.name}: a code cell without its outputs")
    return missing


def simulate(
    n: int,
    *,
    timeout: float = 900,
    think: tuple[float, float] = (0.5, 1.5),
    seed: int = 0,
    keep: bool = False,
    browser_sample: int = 0,
) -> ClassRun:
    """Start the hub, let ``n`` learners work at once, ``browser_sample`` of them in
    chromium (browser.py), measure, stop everything."""
    in_browser = sampled(n, browser_sample)  # checked before anything starts
    workdir = Path(tempfile.mkdtemp(prefix=f"iliopsoas-class-{n}-"))
    names = [f"learner{i + 1:02d}" for i in range(n)]
    load_before = os.getloadavg()[0]
    try:
        with ClassHub(workdir, names, start_timeout=int(timeout)) as hub:
            hub_proc, proxy = hub.hub_process(), hub.proxy_process()
            cpu_before = (_cpu(hub_proc), _cpu(proxy))
            ours_before = _descendants()
            started = time.monotonic()
            together = threading.Barrier(n)
            learners = [
                (BrowserLearner if i in in_browser else Learner)(
                    hub, name, seed=seed + i, think=think, timeout=timeout, together=together
                )
                for i, name in enumerate(names)
            ]
            with ThreadPoolExecutor(max_workers=n) as pool:
                results = list(pool.map(lambda learner: learner.run(), learners))  # BrowserLearner.run too
            run = ClassRun(n, results, time.monotonic() - started)
            run.hub_cpu = _cpu(hub_proc) - cpu_before[0]
            run.proxy_cpu = _cpu(proxy) - cpu_before[1]
            run.memory = measure_memory(hub)
            run.load = (load_before, os.getloadavg()[0])
            tree = [hub_proc, *hub_proc.children(recursive=True)]
            hub.stop()  # the files must survive the hub stopping
            # a zombie has ended: it only waits for init to reap it (the hub exits without reaping its proxy)
            run.left_running = [f"{p.pid} {p.name()}" for p in tree if running(p)]
            # each browser learner closes its chromium and Playwright driver; any left is killed, and reported
            run.left_running += stop_leftovers(set(_descendants()) - set(ours_before) - set(tree))
            log = hub.log.read_text(errors="replace")
            run.server_start = spawn_times(log)
            run.log_tail = hub.log_tail(60)
        expected = tracked_files()
        run.lost = {
            # a browser learner who failed before the run saved nothing of it
            r.name: lost_files(hub.homes, r.name, expected, (r.saved_after or math.inf) if r.browser else None)
            for r in results
        }
        return run
    finally:
        if not keep:
            remove(workdir)
