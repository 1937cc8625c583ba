#!/usr/bin/env python3
"""How fast the lessons respond and run. Prints numbers; asserts nothing.

1. One step of the symptom stepper: a click until the new figure's PNG is in
   the widget (in-place update + blitted ``to_png`` + ``<img>`` swap).
2. The same step done the common way: an ``ipywidgets.interactive`` callback
   that builds a new matplotlib figure and saves it each time.
3. Their ratio.
4. The time to execute each notebook (nbclient, fresh kernel) against an
   empty notebook, and all notebooks against as many empty ones.

Goals on a 2-core machine: a step <= 50 ms and <= half the rebuild; all
notebooks <= 2x the same number of empty notebooks.

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


def bench_stepper(steps: int) -> list[float]:
    from iliopsoas_lessons.widgets import SymptomStepper

    s = SymptomStepper()
    s.next_button.click()
    s.previous_button.click()  # warm: every cached background is built once per mode
    for side in ("right", "left"):
        s.side.value = side
        for _ in range(5):
            s.next_button.click()
        for _ in range(5):
            s.previous_button.click()
    times = []
    for i in range(steps):
        before = s.panel.png
        start = time.perf_counter()
        if s.state.at_end:
            s.side.value = "right" if s.side.value == "left" else "left"
        elif s.state.at_start and i % 2:
            s.next_button.click()
        else:
            s.next_button.click()
        times.append(time.perf_counter() - start)
        assert s.panel.png != before  # the step really produced a new picture
        if s.state.at_end and i % 3 == 0:
            for _ in range(4):
                s.previous_button.click()
    s.close()
    return times


def bench_rebuild(steps: int) -> list[float]:
    """The common way: interact rebuilds a figure from scratch on every change."""
    import ipywidgets as w
    from matplotlib.figure import Figure

    import iliopsoas_lessons as il
    from iliopsoas_lessons.bodymap import plot_referred_pain

    pngs = []

    def draw(symptom, side):
        fig = Figure(figsize=(6.0, 5.6), dpi=100)
        axes = (fig.add_axes((0.01, 0.10, 0.48, 0.83)), fig.add_axes((0.51, 0.10, 0.48, 0.83)))
        plot_referred_pain(axes, symptom, side=side)
        fig.suptitle(f"{il.symptom(symptom).title} ({side})")
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        pngs.append(buf.getvalue())

    keys = list(il.symptoms().keys())
    ui = w.interactive(draw, symptom=keys, side=["left", "right"])
    symptom_control, side_control = ui.children[0], ui.children[1]
    for k in keys:  # warm up
        symptom_control.value = k
    times = []
    for i in range(steps):
        start = time.perf_counter()
        k = keys[(keys.index(symptom_control.value) + 1) % len(keys)]
        if k == keys[0]:
            side_control.value = "right" if side_control.value == "left" else "left"
        symptom_control.value = k
        times.append(time.perf_counter() - start)
    ui.close()
    return times


def _run(nb, path):
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


FLOOR_CELL = ("import ipywidgets\n"
              "from iliopsoas_lessons.anatomy import HipAngleFigure\n"
              "HipAngleFigure().to_png();")


def bench_notebooks(runs: int) -> tuple[dict[str, float], float, float, float]:
    """Round-robin: each round runs the empty notebook, the floor and every
    lesson once, so a slow spell of the machine hits all of them alike. The
    ratio is taken within each round, and its median reported."""
    import nbformat

    empty = nbformat.v4.new_notebook()
    empty.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    floor = nbformat.from_dict(empty)
    floor.cells = [nbformat.v4.new_code_cell(FLOOR_CELL)]
    lessons = {p.name: nbformat.read(p, as_version=4) for p in sorted(NOTEBOOKS.glob("*.ipynb"))}
    _run(nbformat.from_dict(empty), NOTEBOOKS)  # warm-up: first kernel start fills OS caches
    times: dict[str, list[float]] = {"empty": [], "floor": [], **{name: [] for name in lessons}}
    round_ratios = []
    for _ in range(runs):
        times["empty"].append(_run(nbformat.from_dict(empty), NOTEBOOKS))
        times["floor"].append(_run(nbformat.from_dict(floor), NOTEBOOKS))
        for name, nb in lessons.items():
            times[name].append(_run(nbformat.from_dict(nb), NOTEBOOKS))
        round_ratios.append(sum(times[n][-1] for n in lessons) / (len(lessons) * times["empty"][-1]))
    result = {name: statistics.median(times[name]) for name in lessons}
    return (result, statistics.median(times["empty"]), statistics.median(times["floor"]),
            statistics.median(round_ratios))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-notebooks", action="store_true")
    args = parser.parse_args()

    step = _median_ms(bench_stepper(args.steps))
    with contextlib.redirect_stdout(io.StringIO()):  # interact's clear_output prints terminal codes
        rebuild = _median_ms(bench_rebuild(args.steps))
    print(f"symptom stepper step (click -> new PNG in widget), median of {args.steps}: {step:7.1f} ms"
          f"   goal <= 50 ms: {'ok' if step <= 50 else 'MISSED'}")
    print(f"interact-style rebuild (new figure + savefig),   median of {args.steps}: {rebuild:7.1f} ms")
    print(f"ratio step / rebuild: {step / rebuild:.2f}   goal <= 0.50: {'ok' if step / rebuild <= 0.5 else 'MISSED'}")

    if args.no_notebooks:
        return
    per_nb, empty, floor, ratio = bench_notebooks(args.runs)
    print(f"\nnotebook execution (nbclient, fresh kernel), median of {args.runs} interleaved rounds:")
    print(f"  {'empty notebook':28s} {empty:6.2f} s")
    print(f"  {'floor: import + 1 small fig':28s} {floor:6.2f} s   ({floor / empty:.2f}x empty;"
          f" ipywidgets + matplotlib import and a first draw, before any lesson code)")
    for name, t in per_nb.items():
        print(f"  {name:28s} {t:6.2f} s   ({t / empty:.2f}x empty)")
    total, baseline = sum(per_nb.values()), empty * len(per_nb)
    print(f"  all {len(per_nb)} notebooks: {total:.2f} s vs {len(per_nb)} empty: {baseline:.2f} s "
          f"(medians); median ratio within a round: {ratio:.2f}x   goal <= 2x: {'ok' if ratio <= 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
