"""Benchmark: saving a learner's answer, and the class report.

    python benchmarks/bench_progress.py [--repeat N]

Prints the median time to record one checked answer (read back the file,
write it atomically with fsync, rename) in a record already holding every
quiz, case and pain-map answer, the file's size, and the time to build the
class report (HTML with both maps + CSV) from 40 learners' files.
Goals: one answer saved in < 50 ms (a click must feel instant); the report
for a class of 40 in < 10 s. A script, not a timed test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import matplotlib

matplotlib.use("Agg")

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.progress import FILE_NAME, ProgressStore
from iliopsoas_lessons.report import write_report


def fill(store: ProgressStore, rng: random.Random) -> None:
    for q in ld.questions():
        store.record("quiz", q.key, rng.randrange(len(q.options)), False)
    for c in ld.cases():
        store.record("red_flag_cases", c.key, rng.choice(list(il.urgency_levels().keys())), False)
    ex = ld.pain_map_exercise()
    store.record("pain_map", ex.key, [k for k in ex.choices if rng.random() < 0.4], False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(1)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = ProgressStore(folder / "one")
        fill(store, rng)
        times = []
        for i in range(args.repeat):
            start = time.perf_counter()
            store.record("quiz", ld.questions()[i % 5].key, 1, False)
            times.append((time.perf_counter() - start) * 1000)
        record_ms = statistics.median(times)
        size = (folder / "one" / FILE_NAME).stat().st_size
        print(f"record one answer: {record_ms:.1f} ms median over {args.repeat} (file {size / 1024:.1f} KiB)")
        failed |= record_ms >= 50
        for i in range(40):
            fill(ProgressStore(folder / "class" / f"learner{i}", clock=None), rng)
        start = time.perf_counter()
        collected = write_report([folder / "class"], folder / "report.html")
        report_s = time.perf_counter() - start
        html_kib = (folder / "report.html").stat().st_size / 1024
        print(f"class report, {collected.learners} learners: {report_s:.2f} s (HTML {html_kib:.0f} KiB)")
        failed |= report_s >= 10
    print("goals: record < 50 ms, report < 10 s:", "MISSED" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
