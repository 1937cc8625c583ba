#!/usr/bin/env python3
"""How fast the lessons respond and run. Prints numbers; asserts nothing.

1. One state of the symptom stepper's table drawn (``SymptomStepper.render``:
   the map switched in place, its cached SVG background and the overlay of
   the changed artists), and the small PNG each state ships for readers
   without a kernel (``figure_picture``): what building the table and its
   pictures costs per state. The learner's step itself is a look-up in the
   page (benchmarks/bench_steps.py).
2. The same step done the common way: an ``ipywidgets.interactive`` callback
   that builds a new matplotlib figure and saves it (as SVG, and as PNG) each time.
3. Their ratios, and the bytes of each state's figure (the page gets them all
   once, in the table; the SVG background is stored once for the states sharing it).
4. What a lesson cell pays for the widget now: ``SymptomStepper()`` (its
   shipped table loaded) and its display (the anywidget's view plus the
   snapshot of every step from the shipped pictures), and the bundle's size.
5. The time to execute each notebook (nbclient, fresh kernel) against an
   empty notebook, and all notebooks against as many empty ones, split into
   kernel start, cells and shutdown. A run whose kernel ignored its shutdown
   request (an ipykernel race, empty kernels included) is repeated and named.

Goals on a 2-core machine: a state <= 20 ms and <= 0.2x the rebuild (the
vector figures the lessons show; the PNG printed beside them); all notebooks
<= 2x the same number of empty notebooks.

    python benchmarks/bench_lessons.py [--steps 40] [--runs 3] [--no-notebooks]
"""

from __future__ import annotations


import argparse
import contextlib
import io
import statistics
import time
from pathlib import Path

import matplotlib


matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def _median_ms(samples):
    return 1000 * statistics.median(samples)


def _states(steps: int):
    """``steps`` states of the symptom stepper's table, in the order a learner meets them."""
    from iliopsoas_lessons.widgets.state import SymptomStepperState

    s = SymptomStepperState()
    for i in range(steps):
        if s.at_end:
            s.set_side("right" if s.side == "left" else "left")
            if i % 3 == 0:
                s.go_to(0)
        else:
            s.next()
        yield {"index": s.index, "side": s.side, "body": s.body}


def bench_stepper(steps: int, *, vector: bool = True):
    """Wall-clock and CPU times of drawing ``steps`` states of the symptom
    stepper's table, and each state's figure bytes. ``vector``: the state as
    the page plays it (``render``: SVG background + overlay); else the small
    PNG shipped for the stored snapshot (``figure_picture``). This is what
    scripts/make_state_tables.py does per state; the learner's step itself is a
    table look-up in the page, measured in JupyterLab by benchmarks/bench_steps.py."""
    from iliopsoas_lessons.content.loader import course
    from iliopsoas_lessons.widgets._snapshot import figure_picture
    from iliopsoas_lessons.widgets.symptoms import SymptomStepper

    package = course()

    def draw(values) -> str:
        if vector:
            return SymptomStepper.render(package, values)["figure"]
        return figure_picture(SymptomStepper.figure_in(package, values))

    for values in _states(40):  # warm: every cached background is built once
        draw(values)
    times, cpu, sizes, before = [], [], [], None
    for values in _states(steps):
        start, start_cpu = time.perf_counter(), time.process_time()
        shown = draw(values)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert shown != before  # the state really has a picture of its own
        before = shown
        sizes.append(len(shown.encode()))
    return times, cpu, sizes


def bench_widget(runs: int) -> tuple[float, float, int]:
    """Medians (ms) of building ``SymptomStepper()`` and of its display bundle, and the bundle's bytes."""
    from iliopsoas_lessons.widgets import SymptomStepper

    SymptomStepper().close()  # warm: the shipped table and pictures read once per kernel
    built, shown, size = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        widget = SymptomStepper()
        built.append(time.perf_counter() - start)
        start = time.perf_counter()
        bundle = widget._repr_mimebundle_()
        shown.append(time.perf_counter() - start)
        size = sum(len(str(v).encode()) for v in bundle.values())
        widget.close()
    return _median_ms(built), _median_ms(shown), size


def bench_rebuild(steps: int, *, vector: bool = True) -> list[float]:
    """The common way: interact rebuilds a figure from scratch on every change."""
    import ipywidgets as w
    from matplotlib.figure import Figure

    import iliopsoas_lessons as il
    from iliopsoas_lessons.figures.bodymap import plot_referred_pain
    from iliopsoas_lessons.figures.svg import figure_to_svg

    pictures = []

    def draw(symptom, side):
        fig = Figure(figsize=(6.0, 5.6), dpi=100)
        axes = (fig.add_axes((0.01, 0.10, 0.48, 0.83)), fig.add_axes((0.51, 0.10, 0.48, 0.83)))
        plot_referred_pain(axes, symptom, side=side)
        fig.suptitle(f"{il.symptom(symptom).title} ({side})")
        if vector:
            pictures.append(figure_to_svg(fig, alt=il.symptom(symptom).title))
        else:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", metadata={"Software": None})
            pictures.append(buf.getvalue())

    keys = list(il.symptoms().keys())
    ui = w.interactive(draw, symptom=keys, side=["left", "right"])
    symptom_control, side_control = ui.children[0], ui.children[1]
    for k in keys:  # warm up
        symptom_control.value = k
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        k = keys[(keys.index(symptom_control.value) + 1) % len(keys)]
        if k == keys[0]:
            side_control.value = "right" if side_control.value == "left" else "left"
        symptom_control.value = k
        times.append(time.perf_counter() - start)
    ui.close()
    return times


STEP_GOAL_MS, RATIO_GOAL = 20.0, 0.2


def report_steps(steps: int) -> bool:
    """Both outputs, measured alike, in one run; True when the vector state meets the goals."""
    results = {}
    for label, vector in (("SVG", True), ("PNG", False)):
        times, cpu, sizes = bench_stepper(steps, vector=vector)
        with contextlib.redirect_stdout(io.StringIO()):  # interact's clear_output prints terminal codes
            rebuild = _median_ms(bench_rebuild(steps, vector=vector))
        results[label] = (_median_ms(times), rebuild, sizes, _median_ms(cpu))
    print(f"symptom stepper, median of {steps} states drawn (one state of its table):")
    for label, (step, rebuild, sizes, step_cpu) in results.items():
        ratio = step / rebuild
        shown = " (what the page plays)" if label == "SVG" else " (the stored snapshot's picture)"
        print(
            f"  {label}{shown}: state {step:6.1f} ms (CPU {step_cpu:5.1f} ms)"
            f"   interact-style rebuild {rebuild:6.1f} ms   ratio {ratio:.2f}"
        )
        print(
            f"       bytes per state: median {statistics.median(sizes):,.0f}, max {max(sizes):,}"
            + ("  (background + overlay; a shared background is stored once)" if label == "SVG" else "  (<img>)")
        )
    step, rebuild, _, _ = results["SVG"]
    ok = step <= STEP_GOAL_MS and step / rebuild <= RATIO_GOAL
    print(f"  goal: SVG state <= {STEP_GOAL_MS:.0f} ms and <= {RATIO_GOAL}x its rebuild: {'ok' if ok else 'MISSED'}")
    built, shown, size = bench_widget(max(3, steps // 8))
    print(
        f"  the lesson cell: SymptomStepper() {built:.1f} ms, its display (view + every step's snapshot)"
        f" {shown:.1f} ms, {size:,} bytes"
    )
    return ok


class ForcedShutdown(Exception):
    """The kernel ignored the shutdown request and had to be signalled."""


def _run(nb, path) -> tuple[float, float, float]:
    """Execute ``nb`` as ``NotebookClient.execute()`` does (fresh kernel, every
    cell, graceful shutdown), timing its three phases: kernel start, cells,
    and shutdown until the kernel process has exited."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", record_timing=False, resources={"metadata": {"path": str(path)}}
    )
    start = time.perf_counter()
    with client.setup_kernel():
        started = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        manager = client.km
        executed = time.perf_counter()
    finished = time.perf_counter()
    # jupyter_client waits half its shutdown_wait_time (2.5 s), then sends
    # SIGTERM. Now and then an *empty* kernel, asked to stop right after it
    # started, never answers (seen only when this process had run the stepper
    # benchmarks first). That sample measures a timeout, not the notebook.
    if "Sig" in str(getattr(manager, "_shutdown_status", "")):
        raise ForcedShutdown(f"{finished - executed:.1f} s")
    return started - start, executed - started, finished - executed


def _run_unforced(nb, path, forced: list[str], name: str) -> tuple[float, float, float]:
    """``_run``, repeated (up to 3 times) when the kernel had to be signalled;
    each repeat is recorded in ``forced`` and printed."""
    import nbformat

    for _ in range(3):
        try:
            return _run(nbformat.from_dict(nb), path)
        except ForcedShutdown as error:
            forced.append(f"{name} ({error})")
    raise RuntimeError(f"{name}: the kernel ignored the shutdown request 3 times in a row")


# What every figure lesson pays before its own code: ipywidgets, matplotlib
# and the widget base (with its exit setting) imported, one small figure drawn.
FLOOR_CELL = (
    "import iliopsoas_lessons.widgets._base\n"
    "from iliopsoas_lessons.figures.hip import HipAngleFigure\n"
    "HipAngleFigure().to_png();"
)
PHASES = ("start", "cells", "shutdown")


def bench_notebooks(runs: int):
    """Round-robin: each round runs the empty notebook, the floor and every
    lesson once, so a slow spell of the machine hits all of them alike. The
    ratio is taken within each round, and its median reported.

    Returns {name: (start, cells, shutdown) medians} for "empty", "floor" and
    each lesson, the median in-round ratio of all lessons to as many empty
    notebooks, and the runs repeated because their kernel had to be signalled."""
    import nbformat

    empty = nbformat.v4.new_notebook()
    empty.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    floor = nbformat.from_dict(empty)
    floor.cells = [nbformat.v4.new_code_cell(FLOOR_CELL)]
    lessons = {p.name: nbformat.read(p, as_version=4) for p in sorted(NOTEBOOKS.glob("*.ipynb"))}
    _run_unforced(empty, NOTEBOOKS, [], "warm-up")  # warm-up: first kernel start fills OS caches
    notebooks = {"empty": empty, "floor": floor, **lessons}
    times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in notebooks}
    round_ratios, forced = [], []
    for _ in range(runs):
        for name, nb in notebooks.items():
            times[name].append(_run_unforced(nb, NOTEBOOKS, forced, name))
        round_ratios.append(sum(sum(times[n][-1]) for n in lessons) / (len(lessons) * sum(times["empty"][-1])))
    phases = {
        name: tuple(statistics.median(run[i] for run in runs_) for i in range(3)) for name, runs_ in times.items()
    }
    return phases, statistics.median(round_ratios), forced


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-notebooks", action="store_true")
    args = parser.parse_args()

    steps_ok = report_steps(args.steps)

    if args.no_notebooks:
        raise SystemExit(0 if steps_ok else 1)
    phases, ratio, forced = bench_notebooks(args.runs)
    empty = sum(phases["empty"])
    print(
        f"\nnotebook execution (nbclient, fresh kernel, graceful shutdown), median of {args.runs} interleaved rounds:"
    )
    print(f"  {'':28s} {'total':>7s}  {'start':>6s} {'cells':>6s} {'shutdown':>8s}")
    labels = {"empty": "empty notebook", "floor": "floor: import + 1 small fig"}
    for name, (started, cells, shutdown) in phases.items():
        total = started + cells + shutdown
        note = "" if name == "empty" else f"   ({total / empty:.2f}x empty)"
        print(f"  {labels.get(name, name):28s} {total:6.2f}s  {started:6.2f} {cells:6.2f} {shutdown:8.2f}{note}")
    lessons = [name for name in phases if name not in labels]
    total = sum(sum(phases[name]) for name in lessons)
    print(
        f"  all {len(lessons)} notebooks: {total:.2f} s vs {len(lessons)} empty: {empty * len(lessons):.2f} s "
        f"(medians); median ratio within a round: {ratio:.2f}x   goal <= 2x: {'ok' if ratio <= 2 else 'MISSED'}"
    )
    print(f"  runs repeated because the kernel ignored its shutdown request: {', '.join(forced) if forced else 'none'}")
    print(
        "  (the floor: ipywidgets, matplotlib and the widget base imported and one figure drawn,"
        " before any lesson code)"
    )
    raise SystemExit(0 if steps_ok and ratio <= 2 else 1)


if __name__ == "__main__":
    main()
