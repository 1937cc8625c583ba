#!/usr/bin/env python3
"""A class at the JupyterHub: N simulated learners at once, on 127.0.0.1.

For each N it starts JupyterHub with the simulation's own config
(classsim/hub_config.py: the learners' servers as deploy/jupyterhub/jupyterhub_config.py
sets them; a shared password for the N learners only and one home folder per
learner under a temporary folder, which the production file refuses),
configurable-http-proxy from deploy/jupyterhub/node_modules, and a bare git
copy of this checkout's HEAD that nbgitpuller pulls by file:// URL. Every
learner, at the same time: logs in through lesson 03's nbgitpuller link,
waits for their server, lets nbgitpuller copy the lessons, opens the lesson,
runs its cells over the kernel websocket, presses the symptom stepper's
buttons five times (Next to the last symptom, then Previous) as the widget
front end does, and saves the notebook. Then the hub is stopped (everything
it started, by PID) and each learner's home folder is checked: every tracked
file pulled, the saved notebook with this learner's outputs.

A sample of the learners (--browser-sample K; default 3 when N >= 10, else 1)
does all that in headless Debian chromium instead (classsim/browser.py): the
lesson opens in JupyterLab, Run All runs it, and the stepper is stepped ten
times, each step timed in the page as benchmarks/bench_steps.py times it
(goal: p95 at most 50 ms) while the frames the page sends to the kernel are
counted (goal: none).

Measured: server start (the hub's own "took X seconds to start") p50/p95,
login to first figure p50/p95, step latency (click to the figure's new
picture) p50/p95, memory per learner (single-user server + kernel RSS from
/proc; PSS beside it), the hub's CPU. Percentiles are nearest-rank.

    python benchmarks/bench_class.py                    # N = 1, 10, 20, 40: table, goals, plot
    python benchmarks/bench_class.py --learners 5 --check   # make class N=5: fails if a learner fails
    python benchmarks/bench_class.py --learners 3 --browser-sample 1   # one of three in chromium

Exits non-zero when a learner fails or loses files, and in a sweep when a
goal is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
if str(ROOT) not in sys.path:
    sys.path.insert(1, str(ROOT))

from classsim import report
from classsim.browser import default_sample
from classsim.hub import HubError
from classsim.run import simulate

MAX_LEARNERS = 60  # bounded: each learner is a server and a kernel on this machine
MAX_BROWSERS = 5  # bounded: each learner of the browser sample is a chromium on this machine too


def learners(text: str) -> list[int]:
    try:
        ns = [int(x) for x in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give numbers of learners, e.g. 1,10,20,40") from None
    if not ns or any(not 1 <= n <= MAX_LEARNERS for n in ns):
        raise argparse.ArgumentTypeError(f"{text!r}: each number of learners must be 1 to {MAX_LEARNERS}")
    return ns


def browser_sample(text: str) -> int:
    try:
        k = int(text)
    except ValueError:
        k = -1
    if not 0 <= k <= MAX_BROWSERS:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the browser sample must be a whole number from 0 (no browser) to {MAX_BROWSERS}"
        )
    return k


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--learners",
        type=learners,
        default=[1, 10, 20, 40],
        help="number(s) of learners at once, comma-separated (default 1,10,20,40)",
    )
    parser.add_argument("--timeout", type=float, default=900, help="seconds each learner may take (default 900)")
    parser.add_argument(
        "--check", action="store_true", help="fail only when a learner fails or loses files, not on a missed goal"
    )
    parser.add_argument("--plot", type=Path, default=ROOT / "build" / "class_simulation.png")
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        help="where to save the figures (default build/class_simulation.json for a sweep, "
        "build/class_N.json for one N)",
    )
    parser.add_argument(
        "--browser-sample",
        type=browser_sample,
        default=None,
        metavar="K",
        help=f"how many of the N learners use headless chromium, 0 to {MAX_BROWSERS} and at most N "
        "(default 3 when N >= 10, else 1; 0: none)",
    )
    args = parser.parse_args(argv)
    if args.browser_sample is not None and args.browser_sample > min(args.learners):
        parser.error(
            f"--browser-sample {args.browser_sample}: must be 0 to {min(args.learners)} "
            f"(at most the number of learners, {min(args.learners)} here)"
        )
    if args.json is None:
        name = "class_simulation" if len(args.learners) > 1 else f"class_{args.learners[0]}"
        args.json = ROOT / "build" / f"{name}.json"

    rows, failed = [], False
    for n in args.learners:
        print(f"== {n} learner(s) at once ...", flush=True)
        try:
            k = default_sample(n) if args.browser_sample is None else args.browser_sample
            run = simulate(n, timeout=args.timeout, browser_sample=k)
        except HubError as exc:
            print(f"the hub did not start: {exc}")
            return 2
        row = report.summary(run)
        rows.append(row)
        print(report.table([row]))
        print(report.where_time_goes(row))
        for name, why in row["failed"].items():
            print(f"  FAILED {name}: {why}")
        for name, what in row["lost"].items():
            print(f"  LOST {name}: {', '.join(what[:5])}")
        if row["reconnects"]:
            print(f"  kernel websockets that dropped and were opened again: {row['reconnects']}")
        if not run.ok:
            failed = True
            print("hub log (last lines):\n" + run.log_tail)
            if len(run.failed) > n // 10:
                print(f"the machine does not hold {n} learners: stopping the sweep here")
                break
    print("\n" + report.table(rows))
    print(f"saved {report.save_json(rows, args.json)}")
    if len(rows) > 1:
        print(f"saved {report.plot(rows, args.plot)}")
    missed = [line for line in report.goals(rows) if line.startswith("MISSED")]
    print("\n".join(report.goals(rows)))
    return 1 if failed or (missed and not args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
