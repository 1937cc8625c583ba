#!/usr/bin/env python3
"""Time each lesson in a real JupyterLab in headless Chromium: from opening it
to the end of Run All.

Per lesson, in a fresh browser context (nothing cached) and a fresh kernel:

* open   -- from page.goto() of the notebook's URL until lab shows the notebook
            and the kernel reads "(ipykernel) | Idle";
* run    -- Edit > Clear Outputs of All Cells, Run > Run All Cells, until every
            code cell has its execution count, the kernel is idle again and no
            "Loading widget" placeholder is left;
* total  -- open + run: what a learner waits for before the lesson is usable.

Goal on this 2-core machine: total under 10 s per lesson. Exits 1 if a lesson
misses it (or fails to run), so `make bench` reports it.

Reuses the browser-test harness (tests/browser/conftest.py): its JupyterLab
server fixture (a temp copy of notebooks/, isolated Jupyter dirs, loopback,
token) and its ``Lab`` page helper.

    python benchmarks/bench_browser.py [--runs 1] [--goal 10] [LESSON ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
CONFTEST = ROOT / "tests" / "browser" / "conftest.py"


def load_harness():
    spec = importlib.util.spec_from_file_location("_browser_conftest", CONFTEST)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


class _TmpFactory:
    """The bit of pytest's tmp_path_factory the lab_server fixture uses."""

    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="bench_browser_")

    def mktemp(self, name: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=name, dir=self._dir.name))

    def cleanup(self):
        self._dir.cleanup()


RUN_DONE = """() => {
    const nb = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
    const bar = document.querySelector('#jp-main-statusbar');
    if (!bar || !/\\(ipykernel\\)\\s*\\|\\s*Idle/.test(bar.textContent)) return false;
    for (const c of document.querySelectorAll(nb + '.jp-CodeCell')) {
        const p = c.querySelector('.jp-InputPrompt');
        const src = c.querySelector('.jp-InputArea-editor');
        if (src && src.textContent.trim() === '') continue;
        if (!p || !/\\[\\s*\\d+\\s*\\]/.test(p.textContent)) return false;
    }
    const panel = document.querySelector(nb);
    return !(panel && panel.textContent.includes('Loading widget'));
}"""


def time_lesson(h, browser, server, name: str, timeout_ms: float) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    lab = h.Lab(page, server, f"bench-{name}")
    try:
        t0 = time.perf_counter()
        lab.open(name)
        t1 = time.perf_counter()
        lab.run_all()
        page.wait_for_function(RUN_DONE, timeout=timeout_ms, polling=100)
        t2 = time.perf_counter()
        errors = lab.errors()
        if lab.rendered_count() == 0:  # the run "ended" but nothing was drawn
            errors.append("no image or widget rendered")
        return {"lesson": name, "open": t1 - t0, "run": t2 - t1, "total": t2 - t0, "errors": errors}
    finally:
        context.close()
        server.shutdown_kernels()


def main(argv=None) -> int:
    h = load_harness()
    lessons_all = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("lessons", nargs="*", default=lessons_all, help="notebook names (default: all)")
    ap.add_argument("--runs", type=int, default=1, help="runs per lesson (the median is reported)")
    ap.add_argument("--goal", type=float, default=10.0, help="seconds per lesson, open + run all")
    ap.add_argument("--timeout", type=float, default=240.0, help="seconds before a run counts as failed")
    args = ap.parse_args(argv)

    exe = h.chromium_path()
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        print(f"Chromium not found at {exe} (set CHROMIUM_PATH); nothing measured", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    tmp = _TmpFactory()
    server_gen = h.lab_server.__wrapped__(tmp)
    t = time.perf_counter()
    server = next(server_gen)
    print(f"JupyterLab {server.url} up in {time.perf_counter() - t:.1f} s", flush=True)
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=exe, headless=True, args=h.CHROMIUM_FLAGS)
    rows, failed = [], []
    try:
        # warm-up: first start of a kernel and lab's first page load pay one-off costs
        # (bytecode, font cache) that no learner's second lesson pays; not reported
        time_lesson(h, browser, server, args.lessons[0], args.timeout * 1000)
        for name in args.lessons:
            samples = []
            for _ in range(args.runs):
                try:
                    samples.append(time_lesson(h, browser, server, name, args.timeout * 1000))
                except Exception as e:  # a lesson that doesn't finish is a missed goal
                    failed.append(f"{name}: {type(e).__name__}: {str(e).splitlines()[0][:200]}")
                    break
            if not samples:
                continue
            row = {k: statistics.median(s[k] for s in samples) for k in ("open", "run", "total")}
            row["lesson"] = name
            row["errors"] = [e for s in samples for e in s["errors"]]
            rows.append(row)
            print(
                f"  {name:<28} open {row['open']:5.1f} s  run all {row['run']:5.1f} s  total {row['total']:5.1f} s",
                flush=True,
            )
    finally:
        browser.close()
        pw.stop()
        try:
            next(server_gen)
        except StopIteration:
            pass
        tmp.cleanup()

    print()
    print(f"Open a lesson in JupyterLab, then Run All (median of {args.runs} run(s); goal < {args.goal:g} s)")
    print(f"{'lesson':<28} {'open s':>7} {'run all s':>10} {'total s':>8}  goal")
    for r in rows:
        ok = r["total"] < args.goal and not r["errors"]
        note = "ok" if ok else (f"ERRORS: {r['errors'][0][:80]}" if r["errors"] else "MISSED")
        print(f"{r['lesson']:<28} {r['open']:7.2f} {r['run']:10.2f} {r['total']:8.2f}  {note}")
        if not ok:
            failed.append(f"{r['lesson']}: {note} ({r['total']:.1f} s)")
    if rows:
        med = {k: statistics.median(r[k] for r in rows) for k in ("open", "run", "total")}
        print(f"{'median':<28} {med['open']:7.2f} {med['run']:10.2f} {med['total']:8.2f}")
    if failed:
        print("missed: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
