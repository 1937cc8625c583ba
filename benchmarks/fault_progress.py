"""Fault run for the learner's progress file: two kernels (two OS processes)
save answers into the same folder at once, and the file is checked for every
one of them afterwards.

    python benchmarks/fault_progress.py --answers 1000 --pace 0           # as fast as they can
    python benchmarks/fault_progress.py --answers 1000 --pace 0.05-0.5    # a human pace (jittered sleeps)

Prints the attempts made and the answers lost (must be 0). The test suite
(tests/test_progress_faults.py) runs the same writers at a smaller scale."""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ITEMS = 20  # items per writer; attempts spread over them (under MAX_ATTEMPTS each, so none is trimmed)


def writer(folder: str, who: int, answers: int, pace: tuple[float, float], start) -> None:
    """One kernel answering ``answers`` times: answer i is option i % 100 of item w<who>_<i % ITEMS>."""
    from iliopsoas_lessons import progress as pg

    rng = random.Random(who)
    # each attempt's time: the system-wide monotonic clock, to see how the two writers interleaved
    store = pg.ProgressStore(folder, clock=lambda: str(time.monotonic_ns()))
    start.wait()
    for i in range(answers):
        store.record("quiz", f"w{who}_{i % ITEMS}", i % pg.MAX_OPTIONS, False)
        if pace[1]:
            time.sleep(rng.uniform(*pace))


def expected(who: int, answers: int) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i in range(answers):
        out.setdefault(f"w{who}_{i % ITEMS}", []).append(i % 100)
    return out


def switches(folder: Path) -> int:
    """How often the saved answers, in time order, pass from one writer to the other
    (0 would mean the writers never overlapped and the run proved nothing)."""
    from iliopsoas_lessons import progress as pg

    items = pg.read_results(folder / pg.FILE_NAME)["exercises"].get("quiz", {})
    timed = sorted(
        (int(a["at"]), item.split("_")[0]) for item, rec in items.items() for a in (rec["first"], *rec["later"])
    )
    return sum(1 for (_, a), (_, b) in zip(timed, timed[1:]) if a != b)


def lost(folder: Path, writers: int, answers: int) -> int:
    """How many of the answers given are not in the file (in order, per item)."""
    from iliopsoas_lessons import progress as pg

    items = pg.read_results(folder / pg.FILE_NAME)["exercises"].get("quiz", {})
    missing = 0
    for who in range(writers):
        for item, given in expected(who, answers).items():
            rec = items.get(item)
            saved = [a["answer"] for a in ([rec["first"], *rec["later"]] if rec else [])]
            missing += max(0, len(given) - len(saved)) if saved == given[: len(saved)] else len(given)
    return missing


def run(
    folder: Path, *, writers: int = 2, answers: int = 1000, pace: tuple[float, float] = (0.0, 0.0), timeout: float = 600
) -> tuple[int, int]:
    """(attempts, lost) for ``writers`` processes each giving ``answers`` answers."""
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter each, as a kernel is
    start = ctx.Event()
    procs = [ctx.Process(target=writer, args=(str(folder), who, answers, pace, start)) for who in range(writers)]
    for p in procs:
        p.start()
    start.set()
    deadline = time.monotonic() + timeout
    for p in procs:
        p.join(max(0.0, deadline - time.monotonic()))
    hung = [p for p in procs if p.is_alive()]
    for p in hung:
        p.kill()
    if hung or any(p.exitcode for p in procs):
        raise RuntimeError(f"a writer failed or hung (exit codes {[p.exitcode for p in procs]})")
    return writers * answers, lost(folder, writers, answers)


def _pace(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    return float(low), float(high or low)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--answers", type=int, default=1000, help="answers per writer (default 1000)")
    ap.add_argument("--writers", type=int, default=2, help="processes writing at once (default 2)")
    ap.add_argument(
        "--pace",
        type=_pace,
        default=(0.0, 0.0),
        help="seconds between one writer's answers, as LOW-HIGH (jittered) or one number; 0: full speed",
    )
    ap.add_argument("--folder", default=None, help="where to make the scratch data folder (default: the system's temp)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        began = time.perf_counter()
        attempts, missing = run(Path(folder), writers=args.writers, answers=args.answers, pace=args.pace)
        took = time.perf_counter() - began
        turns = switches(Path(folder))
    print(
        f"writers {args.writers}, pace {args.pace[0]:g}-{args.pace[1]:g} s: attempts {attempts}, lost {missing}, "
        f"turns between writers {turns} ({took:.1f} s)"
    )
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
