#!/usr/bin/env python3
"""The course website against JupyterLab: page weight and time to the first
interactive widget, per lesson, in headless Chromium on loopback.

The website (issue 12), served by ``python -m http.server --bind 127.0.0.1`` on
a free port (started and stopped by this script, by PID), in a fresh browser
context per run (a cold cache):

* weight -- the bytes of every response the lesson page loads (HTML, CSS, JS,
            fonts, images) until the network is idle: the length of each
            response body from Playwright's events. python's http.server does
            not compress, so these are also the bytes on the wire (the script
            prints how many responses came compressed, and the bytes
            transferred as Chromium counts them). Beside it, the same bodies
            gzipped (level 6, as a web host such as GitHub Pages sends them),
            an estimate; the goal is judged on the bytes measured;
* first  -- from navigation (the page's time origin) until the first
            ``.il-site-widget[data-ready="true"]``: the moment
            site-widgets.js has made a widget interactive. Read in the page by
            a MutationObserver installed before any page script, so no polling
            delay is counted. Median and max of --runs;
* load   -- the ``load`` event (the navigation entry's loadEventEnd), median.

The same lesson opened in JupyterLab, as a learner opens it: the lab server of
the browser tests (tests/browser/conftest.py ``lab_server``: a temp copy of
notebooks/, loopback, a token, stopped by PID), a fresh context, go to the
notebook, Run > Run All Cells as soon as the kernel reads Idle (the stored
notebook keeps no widget state, so nothing is interactive before the kernel
runs it; a Run All before the kernel is up runs the first cell only), then:

* Lab first -- from navigation until the first live lesson widget
               (``.il-lesson``) shows an enabled control, read in the page the
               same way as on the site;
* Lab bytes -- every HTTP response body plus every websocket frame (both
               directions, the kernel's messages included) from navigation
               until Run All has finished.

Goals: a page weighs at most 2.41 MB (issue 22; issue 12 asked 3 MB) and its
first widget is interactive within 1 s (issue 12; the median of the runs: the
machine may be shared; the max is printed beside it). Each figure is printed
beside its goal. The heaviest lesson, and any lesson over the weight goal, gets
its five largest responses listed. Exits 1 if a lesson misses a goal or a site
widget fails to start; a lesson page with no kernel-free widget yet is
reported, not failed.

    python benchmarks/bench_site.py [--site DIR] [--runs 5] [--lab-runs 3] [LESSON ...]

Without --site the site is built first (scripts/build_site.py) into a temporary
folder, with the sphinx-build of --sphinx-build (default: the site venv that
`make site` makes beside this Python's venv). --lab-runs 0 skips JupyterLab.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_browser import RUN_DONE, _TmpFactory, load_harness

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
GOAL_BYTES = 2_410_000  # issue 22 (issue 12's 3 MB before it)
GOAL_MS = 1000.0
MB = 1e6

SITE_READY = '.il-site-widget[data-ready="true"]'
SITE_FAILED = '.il-site-widget[data-ready="error"]'
# a live widget view (the stored snapshot's class is il-lesson-widget, not il-lesson)
LAB_READY = (
    ".jp-OutputArea-output .il-lesson :is(button, input, select, textarea):not(:disabled), "
    ".jp-OutputArea-output .il-lesson .widget-slider:not([disabled]) .noUi-handle"
)

# Installed before any script of the page: records performance.now() (time since
# navigation) when SELECTOR first matches, without polling.
WATCH = """(() => {
  const selector = %s;
  const check = () => {
    if (window.__ilFirstMatch === undefined && document.querySelector(selector)) {
      window.__ilFirstMatch = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {childList: true, subtree: true, attributes: true,
                              attributeFilter: ["data-ready", "disabled", "class"]});
})();"""

KERNEL_IDLE = """() => /\\(ipykernel\\)\\s*\\|\\s*Idle/.test(
  document.querySelector("#jp-main-statusbar")?.textContent ?? "")"""

TIMING = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {first: window.__ilFirstMatch ?? null, load: nav ? nav.loadEventEnd : null,
          dcl: nav ? nav.domContentLoadedEventEnd : null};
}"""


class Traffic:
    """Every finished response and websocket frame of one page."""

    def __init__(self, page):
        self.finished, self.failed, self.frames = [], [], [0, 0]
        page.on("requestfinished", lambda request: self.finished.append(request))
        page.on("requestfailed", lambda request: self.failed.append(request))
        page.on("websocket", self._socket)

    def _socket(self, socket) -> None:
        socket.on("framereceived", lambda payload: self._frame(0, payload))
        socket.on("framesent", lambda payload: self._frame(1, payload))

    def _frame(self, direction: int, payload) -> None:
        self.frames[direction] += len(payload.encode() if isinstance(payload, str) else payload)

    def tally(self) -> dict:
        """Body bytes (decoded), bytes transferred, compressed responses, and each response's size."""
        bodies, transferred, compressed, document, gzipped, sizes = 0, 0, 0, 0, 0, []
        for request in self.finished:
            response = request.response()
            if response is None:
                continue
            try:
                body = response.body()
            except Exception:  # a redirect or an empty reply has no body to read
                body = b""
            length = len(body)
            bodies += length
            gzipped += min(length, len(gzip.compress(body, compresslevel=6, mtime=0)))
            transferred += max(request.sizes()["responseBodySize"], 0)
            compressed += bool(response.headers.get("content-encoding"))
            sizes.append((length, request.url))
            if request.resource_type == "document" and request.frame.parent_frame is None:
                document += length
        return {
            "bytes": bodies,
            "document": document,
            "gzipped": gzipped,
            "transferred": transferred,
            "compressed": compressed,
            "responses": len(sizes),
            "failed": len(self.failed),
            "ws_in": self.frames[0],
            "ws_out": self.frames[1],
            "largest": sorted(sizes, reverse=True)[:5],
        }


# ------------------------------------------------------------------ the website


def build_site(sphinx_build: str, into: Path) -> Path:
    out = into / "html"
    started = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_site.py"),
            "--output-dir",
            str(out),
            "--source-dir",
            str(into / "src"),
            "--sphinx-build",
            sphinx_build,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise SystemExit(f"bench_site: the site did not build:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    print(f"site built in {time.perf_counter() - started:.1f} s into {out}", flush=True)
    return out


class StaticServer:
    """python -m http.server on a free loopback port, stopped by its PID."""

    def __init__(self, folder: Path, port: int):
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def __enter__(self):
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/index.html", timeout=2).close()
                return self
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.__exit__()
                    raise SystemExit("bench_site: the static server did not start") from None
                time.sleep(0.2)

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def site_run(browser, url: str, lesson: str, timeout_ms: float) -> dict:
    """One cold visit of a lesson page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(timeout_ms)
    context.add_init_script(WATCH % json.dumps(SITE_READY))
    page = context.new_page()
    traffic = Traffic(page)
    try:
        page.goto(f"{url}/{lesson}.html", wait_until="load")
        # at `load` the HTML is parsed: every widget element the page has is there
        widgets = page.locator(".il-site-widget").count()
        if widgets:
            page.wait_for_function(
                f"window.__ilFirstMatch !== undefined || !!document.querySelector({json.dumps(SITE_FAILED)})",
                polling="raf",
            )
        page.wait_for_load_state("networkidle")
        result = {
            **page.evaluate(TIMING),
            **traffic.tally(),
            "widgets": widgets,
            "broken": page.locator(SITE_FAILED).count(),
        }
    finally:
        context.close()
    return result


def measure_site(browser, url: str, lessons: list[str], runs: int) -> dict:
    site_run(browser, url, lessons[0], 30_000)  # warm-up: the first context pays one-off costs
    rows = {}
    for lesson in lessons:
        samples = [site_run(browser, url, lesson, 30_000) for _ in range(runs)]
        firsts = [s["first"] for s in samples if s["first"] is not None]
        row = {
            **samples[0],
            "load": statistics.median(s["load"] for s in samples),
            "dcl": statistics.median(s["dcl"] for s in samples),
            "first": statistics.median(firsts) if firsts else None,
            "first_max": max(firsts) if firsts else None,
            "weights": sorted({s["bytes"] for s in samples}),
        }
        rows[lesson] = row
        first = f"{row['first']:.0f} ms (goal <= {GOAL_MS:.0f})" if firsts else "no widget"
        print(
            f"  site {lesson:<22} {row['bytes'] / MB:6.2f} MB (goal <= {GOAL_BYTES / MB:g})  first {first}  "
            f"load {row['load']:.0f} ms",
            flush=True,
        )
    return rows


# ------------------------------------------------------------------ JupyterLab


def lab_run(h, browser, server, lesson: str, timeout_ms: float) -> dict:
    """Open the lesson in a fresh context, Run All, until every cell has run."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    context.add_init_script(WATCH % json.dumps(LAB_READY))
    page = context.new_page()
    traffic = Traffic(page)
    lab = h.Lab(page, server, f"sitebench-{lesson}")
    try:
        page.goto(
            f"{server.url}/lab/workspaces/sitebench-{lesson.replace('_', '-')}/tree/notebooks/"
            f"{lesson}.ipynb?reset&token={server.token}",
            wait_until="domcontentloaded",
        )
        lab.notebook.locator(".jp-Cell").first.wait_for()
        # Run All before the kernel is up runs the first cell only (lab drops the rest
        # of the queue when the kernel connects), so wait for "Idle" as a learner would
        page.wait_for_function(KERNEL_IDLE, polling="raf")
        run_all_at = page.evaluate("performance.now()")
        lab.menu("Run", "Run All Cells")
        page.wait_for_function("window.__ilFirstMatch !== undefined", timeout=timeout_ms, polling="raf")
        page.wait_for_function(RUN_DONE, timeout=timeout_ms, polling=100)
        result = {**page.evaluate(TIMING), **traffic.tally(), "errors": lab.errors(), "idle": run_all_at}
        if result["first"] < run_all_at:  # a view restored from saved widget state, not a live widget
            raise RuntimeError(f"{lesson}: a lesson widget showed before Run All; the measure would be wrong")
    finally:
        context.close()
        server.shutdown_kernels()
    return result


def measure_lab(h, browser, lessons: list[str], runs: int, timeout_ms: float) -> dict:
    tmp = _TmpFactory()
    server_gen = h.lab_server.__wrapped__(tmp)
    started = time.perf_counter()
    server = next(server_gen)
    print(f"JupyterLab {server.url} up in {time.perf_counter() - started:.1f} s", flush=True)
    rows = {}
    try:
        lab_run(h, browser, server, lessons[0], timeout_ms)  # warm-up: first kernel, first lab load
        for lesson in lessons:
            samples = [lab_run(h, browser, server, lesson, timeout_ms) for _ in range(runs)]
            row = {
                **samples[0],
                "first": statistics.median(s["first"] for s in samples),
                "idle": statistics.median(s["idle"] for s in samples),
                "first_max": max(s["first"] for s in samples),
                "total": statistics.median(s["bytes"] + s["ws_in"] + s["ws_out"] for s in samples),
                "errors": [e for s in samples for e in s["errors"]],
            }
            rows[lesson] = row
            print(
                f"  lab  {lesson:<22} kernel idle {row['idle']:.0f} ms, first widget {row['first']:.0f} ms  "
                f"{row['total'] / MB:.2f} MB "
                f"(websocket {(row['ws_in'] + row['ws_out']) / MB:.2f} MB)",
                flush=True,
            )
    finally:
        try:
            next(server_gen)  # the fixture's teardown: kernels shut down, the server stopped by PID
        except StopIteration:
            pass
        tmp.cleanup()
    return rows


# ------------------------------------------------------------------ the report


def ratio(a, b) -> str:
    return f"{a / b:.3f}" if a is not None and b else "-"


def table(site: dict, lab: dict, runs: int, lab_runs: int) -> list[str]:
    lines = [
        f"| lesson | page weight (MB, goal <= {GOAL_BYTES / MB:g}) | gzipped (MB) | of which the lesson's HTML "
        f"| first interactive (ms, median / max of {runs}; goal <= {GOAL_MS:.0f}) | load (ms) "
        f"| Lab first widget (ms, median of {lab_runs}) | Lab bytes (MB, HTTP + websocket) "
        "| time site/Lab | bytes site/Lab |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for lesson, s in site.items():
        first = f"{s['first']:.0f} / {s['first_max']:.0f}" if s["first"] is not None else "no site widget"
        row = [
            lesson,
            f"{s['bytes'] / MB:.2f}" + (" (over)" if s["bytes"] > GOAL_BYTES else ""),
            f"{s['gzipped'] / MB:.2f}",
            f"{s['document'] / MB:.2f}",
            first,
            f"{s['load']:.0f}",
        ]
        lab_row = lab.get(lesson)
        if lab_row:
            row += [
                f"{lab_row['first']:.0f}",
                f"{lab_row['total'] / MB:.2f} ({lab_row['bytes'] / MB:.2f} + "
                f"{(lab_row['ws_in'] + lab_row['ws_out']) / MB:.2f})",
                ratio(s["first"], lab_row["first"]),
                ratio(s["bytes"], lab_row["total"]),
            ]
        else:
            row += ["-"] * 4
        lines.append("| " + " | ".join(row) + " |")
    return lines


def missed_goals(site: dict, lab: dict) -> list[str]:
    missed = []
    for lesson, s in site.items():
        if s["bytes"] > GOAL_BYTES:
            missed.append(f"{lesson}: {s['bytes'] / MB:.2f} MB > {GOAL_BYTES / MB:g} MB")
        if s["first"] is not None and s["first"] > GOAL_MS:
            missed.append(f"{lesson}: first interactive widget {s['first']:.0f} ms > {GOAL_MS:.0f} ms")
        if s["broken"] or (s["widgets"] and s["first"] is None):
            missed.append(f"{lesson}: {s['broken']} of {s['widgets']} site widget(s) did not start")
        if lesson in lab and lab[lesson]["errors"]:
            missed.append(f"{lesson}: errors in JupyterLab: {lab[lesson]['errors'][0][:120]}")
    return missed


def report(site: dict, lab: dict, args, chromium: str, load_before: tuple) -> int:
    print()
    print(
        f"Chromium {chromium}; site served by python -m http.server ("
        f"{sum(s['compressed'] for s in site.values())} compressed responses); load average "
        f"{load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after ({os.cpu_count()} CPUs)"
    )
    print()
    print("\n".join(table(site, lab, args.runs, args.lab_runs)))
    print()
    heaviest = max(site, key=lambda lesson: site[lesson]["bytes"])
    for lesson, s in site.items():
        on_wire = f"transferred {s['transferred'] / MB:.2f} MB" if s["transferred"] != s["bytes"] else "same on wire"
        failed = f", {s['failed']} FAILED request(s)" if s["failed"] else ""
        print(
            f"{lesson}: {s['responses']} responses{failed}, {s['widgets']} site widget(s), {on_wire}, "
            f"DOMContentLoaded {s['dcl']:.0f} ms"
            + ("" if len(s["weights"]) == 1 else f"; weights differ between runs: {s['weights']}")
        )
        if s["bytes"] > GOAL_BYTES or lesson == heaviest:
            print(f"  its largest responses (the page: {s['bytes'] / MB:.2f} MB, goal <= {GOAL_BYTES / MB:g} MB):")
            for length, url in s["largest"]:
                print(f"    {length / MB:6.2f} MB  {url.removeprefix(args.url_prefix)}")
    for lesson, r in lab.items():
        print(
            f"{lesson} in Lab: kernel Idle (Run All clicked) at {r['idle']:.0f} ms; {r['responses']} HTTP "
            f"responses {r['bytes'] / MB:.2f} MB ({r['compressed']} compressed, transferred "
            f"{r['transferred'] / MB:.2f} MB), websocket {r['ws_in'] / MB:.2f} MB in + {r['ws_out'] / MB:.3f} MB out"
        )
    missed = missed_goals(site, lab)
    print(
        f"\nGoals: <= {GOAL_BYTES / MB:g} MB per lesson page, first interactive widget <= {GOAL_MS:.0f} ms (the "
        f"median): " + ("all met" if not missed else "missed: " + "; ".join(missed))
    )
    return 1 if missed else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("lessons", nargs="*", default=LESSONS, help=f"lessons (default: all of {', '.join(LESSONS)})")
    ap.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    ap.add_argument("--sphinx-build", default=str(Path(sys.prefix) / "site" / "bin" / "sphinx-build"))
    ap.add_argument("--runs", type=int, default=5, help="site visits per lesson (median and max)")
    ap.add_argument("--lab-runs", type=int, default=3, help="JupyterLab runs per lesson (0: skip JupyterLab)")
    ap.add_argument("--timeout", type=float, default=240.0, help="seconds for a lesson's Run All in JupyterLab")
    args = ap.parse_args(argv)
    unknown = sorted(set(args.lessons) - set(LESSONS))
    if unknown or args.runs < 1 or args.lab_runs < 0:
        ap.error(f"lessons are {', '.join(LESSONS)} (got {unknown}); --runs >= 1, --lab-runs >= 0")
    h = load_harness()
    exe = h.chromium_path()
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        print(f"Chromium not found at {exe} (set CHROMIUM_PATH); nothing measured", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench_site_") as tmp:
        folder = args.site or build_site(args.sphinx_build, Path(tmp))
        if not (folder / "index.html").is_file():
            ap.error(f"--site {folder}: no index.html there (build it with `make site`)")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, headless=True, args=h.CHROMIUM_FLAGS)
            try:
                with StaticServer(folder, h.free_port()) as server:
                    args.url_prefix = server.url
                    site = measure_site(browser, server.url, args.lessons, args.runs)
                lab = measure_lab(h, browser, args.lessons, args.lab_runs, args.timeout * 1000) if args.lab_runs else {}
                return report(site, lab, args, browser.version, load_before)
            finally:
                browser.close()


if __name__ == "__main__":
    sys.exit(main())
