#!/usr/bin/env python3
"""A figure widget's step in JupyterLab, from click to painted figure, and
the kernel messages it sends.

Lesson 03 is opened and run in a real JupyterLab (headless Chromium, the
browser tests' harness); then the symptom stepper (one anywidget module
playing its state table) is stepped ``--steps`` times (Next, and Previous
from the last symptom). Each step is timed in the page: ``performance.now()``
before the click, and again in the ``requestAnimationFrame`` callback after
the figure's DOM changed (the frame that paints it), once the figure's
style and layout are forced there: the step time the goal is judged on.
Also shown, stricter: until that frame's rendering is over (style, layout
and paint of whatever it had left, e.g. text that ``content-visibility``
only lays out once on screen), timed by a task the callback posts, which runs
after the frame. Meanwhile every
websocket frame the page sends is counted (Playwright's ``page.on("websocket")``):
comm messages per step.

Goals (issue 22): p95 at most 16 ms; 0 kernel messages per step.

``--against OLD.js`` also compares this checkout's ``state_player.js`` with
another version of it in the same page, under the same load: each module is
imported from a blob URL and renders the lesson's table into the widget's own
output (the widget itself hidden meanwhile), each with its own stylesheet
(``OLD.css`` beside it; the page's own copy of ``state_player.css`` is turned
off meanwhile and each version's rules are scoped to its copy), and the two
copies are stepped in alternating rounds, timed as above. It prints both and
the ratio of their p95 and medians; the goal is judged on the widget itself.

    python benchmarks/bench_steps.py [--steps 50] [--against OLD.js [--rounds 4]]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_browser import RUN_DONE, _TmpFactory, load_harness

LESSON = "03_symptoms.ipynb"
GOAL_MS, GOAL_MESSAGES = 16.0, 0

# one step, timed in the page: click, wait for the figure to change, then the next frame
STEP = """async (root) => {
    const next = root.querySelector('.ilsp-next');
    const button = next.disabled ? root.querySelector('.ilsp-previous') : next;
    const figure = root.querySelector('.ilsp-slot-figure');
    const before = root.dataset.state;
    let frameOver;
    const over = new Promise((done) => { frameOver = done; });
    const t0 = performance.now();
    button.click();
    if (root.dataset.state === before) throw new Error('the step changed nothing');
    await new Promise((done) => requestAnimationFrame(() => {
        const channel = new MessageChannel();  // its message is a task: it runs after this frame
        channel.port1.onmessage = () => frameOver(performance.now());
        channel.port2.postMessage(null);
        done();
    }));
    void figure.offsetHeight;
    const step = performance.now() - t0;
    return [step, (await over) - t0];
}"""


# the same table rendered by two versions of the module, beside the widget (hidden)
MOUNT = """async ({ sources, styles, table }) => {
    const real = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .ilsp.il-symptom-stepper');
    const host = real.parentElement;
    // the page's state_player.css off; each version's rules scoped to its copy
    for (const sheet of document.styleSheets) {
        const node = sheet.ownerNode;
        if (node && node.textContent.includes('.ilsp-figure-frame')) sheet.disabled = true;
    }
    for (const [name, css] of Object.entries(styles)) {
        const style = document.createElement('style');
        style.textContent = `[data-bench-copy=${name}] {\n${css}\n}`;  // CSS nesting: scoped to the copy
        document.head.appendChild(style);
    }
    for (const [name, source] of Object.entries(sources)) {
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const module = await import(url);
        const el = document.createElement('div');
        el.dataset.benchCopy = name;
        el.hidden = true;
        host.appendChild(el);
        const model = { get: (key) => (key === 'table' ? table : []), on() {}, off() {} };
        module.default.render({ model, el });
    }
    real.hidden = true;
}"""

SHOW_COPY = """(name) => {
    for (const el of document.querySelectorAll('[data-bench-copy]')) el.hidden = el.dataset.benchCopy !== name;
}"""


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--against", type=Path, help="another state_player.js to compare with, in the same page")
    ap.add_argument("--rounds", type=int, default=4, help="alternating rounds of --steps steps per module")
    args = ap.parse_args(argv)
    if args.against is not None and not (args.against.is_file() and args.against.with_suffix(".css").is_file()):
        ap.error(f"--against: needs {args.against} and {args.against.with_suffix('.css')} beside it")
    h = load_harness()
    exe = h.chromium_path()
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        print(f"Chromium not found at {exe} (set CHROMIUM_PATH); nothing measured", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    tmp = _TmpFactory()
    server_gen = h.lab_server.__wrapped__(tmp)
    server = next(server_gen)
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=exe, headless=True, args=h.CHROMIUM_FLAGS)
    sent: list[str] = []
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(30_000)
        page = context.new_page()

        def on_socket(ws):
            if "/api/kernels/" in ws.url:
                ws.on("framesent", lambda payload: sent.append(payload if isinstance(payload, str) else "<binary>"))

        page.on("websocket", on_socket)
        lab = h.Lab(page, server, "bench-steps")
        lab.open(LESSON)
        lab.run_all()
        page.wait_for_function(RUN_DONE, timeout=240_000, polling=100)
        root = lab.notebook.locator(".ilsp.il-symptom-stepper").first
        root.wait_for(state="visible")
        root.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)  # let the run's own traffic settle before counting
        for _ in range(3):  # warm-up steps, not reported
            root.evaluate(STEP)
        sent.clear()
        measured = [root.evaluate(STEP) for _ in range(args.steps)]
        times, frames = [m[0] for m in measured], [m[1] for m in measured]
        page.wait_for_timeout(500)  # anything a step would send late is counted too
        comm = [m for m in sent if "comm_msg" in m]
        compared = compare(page, lab, args) if args.against else None
        context.close()
    finally:
        browser.close()
        pw.stop()
        try:
            next(server_gen)
        except StopIteration:
            pass
        tmp.cleanup()

    step_p95, per_step = p95(times), len(comm) / args.steps
    print(f"Symptom stepper in JupyterLab, {args.steps} steps (click to painted figure, Chromium)")
    print(
        f"  step p95        {step_p95:7.2f} ms   goal <= {GOAL_MS:g} ms   {'ok' if step_p95 <= GOAL_MS else 'MISSED'}"
    )
    print(f"  step median     {statistics.median(times):7.2f} ms")
    print(
        f"  frame over      p95 {p95(frames):7.2f} ms, median {statistics.median(frames):7.2f} ms (stricter, see above)"
    )
    print(
        f"  kernel messages {per_step:7.2f} /step goal {GOAL_MESSAGES}          "
        f"{'ok' if per_step <= GOAL_MESSAGES else 'MISSED'} ({len(comm)} comm messages, {len(sent)} frames sent)"
    )
    if compared:
        print_comparison(compared, args)
    print(json.dumps({"p95_ms": round(step_p95, 2), "messages_per_step": per_step}))
    return 0 if step_p95 <= GOAL_MS and per_step <= GOAL_MESSAGES else 1


def compare(page, lab, args) -> dict[str, list[float]]:
    """Step times of this checkout's module and of ``args.against``, in alternating rounds."""
    here = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "widgets"
    sources = {
        "this": (here / "static" / "state_player.js").read_text(encoding="utf-8"),
        "against": args.against.read_text(encoding="utf-8"),
    }
    styles = {
        "this": (here / "static" / "state_player.css").read_text(encoding="utf-8"),
        "against": args.against.with_suffix(".css").read_text(encoding="utf-8"),
    }
    table = json.loads((here / "tables" / "SymptomStepper.json").read_text(encoding="utf-8"))
    page.evaluate(MOUNT, {"sources": sources, "styles": styles, "table": table})
    times: dict[str, list] = {name: [] for name in sources}
    for r in range(args.rounds):
        for name in sorted(sources, reverse=bool(r % 2)):  # each module first in half of the rounds
            page.evaluate(SHOW_COPY, name)
            root = lab.notebook.locator(f"[data-bench-copy={name}] .ilsp")
            root.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            for _ in range(3):
                root.evaluate(STEP)
            times[name] += [root.evaluate(STEP) for _ in range(args.steps)]
    return times


def print_comparison(times: dict[str, list], args) -> None:
    print(f"Same page, {args.rounds} alternating rounds of {args.steps} steps: this module against {args.against}")
    for k, measure in enumerate(("step", "frame over")):
        this, against = [m[k] for m in times["this"]], [m[k] for m in times["against"]]
        for label, values in (("this", this), ("against", against)):
            print(f"  {measure:10s} {label:8s} p95 {p95(values):7.2f} ms   median {statistics.median(values):7.2f} ms")
        print(
            f"  {measure:10s} ratio (this / against): p95 {p95(this) / p95(against):.2f}, "
            f"median {statistics.median(this) / statistics.median(against):.2f}"
        )


if __name__ == "__main__":
    sys.exit(main())
