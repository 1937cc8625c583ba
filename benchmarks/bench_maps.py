"""Benchmark: the clickable pain map and the map comparison (issue 11).

    python benchmarks/bench_maps.py [--repeat N]

Prints, in the kernel (the browser's share is measured by the browser
tests' own timings, not here):

* pain map: building the widget; one click (the page's new marks checked,
  the state changed, every synced value set); Check;
* the SVG the page receives (kB) for the clickable map, and one small map
  of the comparison;
* comparison: a change of side or symptom, first time (the three SVG maps
  drawn) and again (from the cache).

A script, not a timed test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import matplotlib

matplotlib.use("Agg")

from iliopsoas_lessons.figures import bodymap_svg
from iliopsoas_lessons.widgets import PainMapExercise, SymptomExplorer


def median_ms(fn, repeat, *, warm=True):
    if warm:
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    n = args.repeat

    t = time.perf_counter()
    p = PainMapExercise()
    print(f"pain map: build (first, SVG drawn)         {(time.perf_counter() - t) * 1000:8.1f} ms")
    print(f"pain map: build (SVG cached)               {median_ms(lambda: PainMapExercise().close(), n):8.1f} ms")
    flip = iter(range(10**9))
    print(
        f"pain map: one click, the kernel following   "
        f"{median_ms(lambda: p.map.set_state({'selected': ['groin_left'] if next(flip) % 2 else []}), n):7.1f} ms"
    )
    print(f"pain map: Check                            {median_ms(p.check, n):8.1f} ms")
    print(f"pain map: maps sent to the page (each body) {len(json.dumps(p.map.data['svg'])) / 1024:7.1f} kB")
    p.close()

    # the maps compared are a state table: a change of symptom, side or body is
    # a look-up in the page (state_player.js), so what costs is drawing the table
    e = SymptomExplorer()
    print(f"compare: one small map's SVG               {len(e.shown('map1')) / 1024:8.1f} kB")
    print(f"compare: the table the page plays           {len(json.dumps(e.table)) / 1024:7.1f} kB")
    e.close()
    bodymap_svg.marks_map_svg.cache_clear()
    bodymap_svg.role_swatch_svg.cache_clear()
    print(
        f"compare: every state drawn (another course) {median_ms(lambda: SymptomExplorer.build(), 1, warm=False):8.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
