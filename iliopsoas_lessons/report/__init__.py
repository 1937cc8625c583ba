"""The teacher's class report from the results files learners hand in.

    python -m iliopsoas_lessons.report RESULTS... -o report.html [--csv report.csv]

RESULTS are files or folders (every ``*.json`` under a folder is read). The
page is one offline HTML file: the number of learners, each quiz question's
share right on the first try with the most common wrong answer and the
misconception it suggests, each red-flag case's under- and over-triage, and a
class heat map of the pain map beside the reference pattern, with alt text
and a table of the same numbers. The CSV (default: beside the HTML) has the
same numbers. Files that are not results of this version, are malformed or
hostile are skipped and listed with the reason; the others always count.

The top layer: it reads :mod:`iliopsoas_lessons.progress` and the content, and
draws with :mod:`iliopsoas_lessons.figures`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from iliopsoas_lessons.progress import atomic_write_text

from .collect import Collected, collect
from .page import report_csv, report_html

__all__ = ["Collected", "collect", "report_html", "report_csv", "write_report", "main"]


def write_report(paths, output: Path | str, *, csv_path: Path | str | None = None) -> Collected:
    """Read ``paths``, write the HTML page to ``output`` and the CSV beside it
    (or to ``csv_path``); return what was read and skipped."""
    output = Path(output)
    collected = collect(paths)
    atomic_write_text(output, report_html(collected))
    atomic_write_text(Path(csv_path) if csv_path else output.with_suffix(".csv"), report_csv(collected))
    return collected


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m iliopsoas_lessons.report",
                                     description="Write a class report from learners' results files.")
    parser.add_argument("results", nargs="+", help="results files or folders of them")
    parser.add_argument("-o", "--output", required=True, help="the HTML page to write, e.g. report.html")
    parser.add_argument("--csv", help="the CSV to write (default: the HTML's name with .csv)")
    args = parser.parse_args(argv)
    collected = write_report(args.results, args.output, csv_path=args.csv)
    csv_path = args.csv or str(Path(args.output).with_suffix(".csv"))
    print(f"{collected.learners} learner(s) counted; wrote {args.output} and {csv_path}")
    for path, why in collected.skipped:
        print(f"skipped {path}: {why}", file=sys.stderr)
    return 0 if collected.learners else 1
