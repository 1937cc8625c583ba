"""The teacher's class report from the results files learners hand in.

    python -m iliopsoas_lessons.report RESULTS... -o report.html [--csv report.csv]
    python -m iliopsoas_lessons.report --per-learner grades.csv RESULTS...

RESULTS are files or folders (every ``*.json`` under a folder is read). The
page is one offline HTML file: the number of learners, each quiz question's
share right on the first try with the most common wrong answer and the
misconception it suggests, each red-flag case's under- and over-triage, each
virtual patient's paths (how many took each branch, "k of N never asked about
...", the most common wrong decisions, the outcomes: paths.py), and a
class heat map of the pain map beside the reference pattern, with alt text
and a table of the same numbers. The CSV (default: beside the HTML) has the
same numbers. Files that are not results of this version, are malformed or
hostile are skipped and listed with the reason; the others always count.
Only regular files are opened, each up to 1 MB and the input up to a total
cap (collect.py). CSV cells are quoted and neutralised against spreadsheet
formulas (page.py). The page and the CSV must differ and be no input; they
are written atomically, readable by others (a report is made to be shared).

``--per-learner`` writes the gradebook CSV instead of (or as well as) the
page: one row per learner for Moodle's or Canvas's grade import
(gradebook.py).

The top layer: it reads :mod:`iliopsoas_lessons.progress` and the content, and
draws with :mod:`iliopsoas_lessons.figures`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from iliopsoas_lessons.progress import MAX_BYTES

from .collect import MAX_FILES, MAX_TOTAL_BYTES, Collected, collect
from .gradebook import gradebook_csv
from .page import report_csv, report_html
from iliopsoas_lessons.publish import write_public

__all__ = [
    "Collected",
    "collect",
    "report_html",
    "report_csv",
    "gradebook_csv",
    "write_report",
    "write_gradebook",
    "output_problem",
    "main",
]


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def output_problem(output: Path, csv_path: Path, inputs) -> str | None:
    """Why the report cannot be written to ``output`` and ``csv_path`` (None if it can)."""
    if _same(output, csv_path):
        return (
            f"the page and the CSV would both be written to {output}; give -o a .html name "
            "(e.g. report.html) and --csv another name"
        )
    for out in (output, csv_path):
        for given in map(Path, inputs):
            if _same(out, given) or (
                given.is_dir() and out.resolve().is_relative_to(given.resolve()) and out.name.lower().endswith(".json")
            ):
                return f"{out} is one of the results given; write the report to another file"
        folder = out.parent
        if not folder.is_dir():
            return f"cannot write {out}: the folder {folder} does not exist"
        if out.is_dir():
            return f"cannot write {out}: it is a folder"
        if out.exists() and not out.is_file():
            return f"cannot write {out}: it is not a regular file"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"cannot write {out}: the folder {folder} is not writable"
    return None


def write_report(paths, output: Path | str, *, csv_path: Path | str | None = None) -> Collected:
    """Read ``paths``, write the HTML page to ``output`` and the CSV beside it
    (or to ``csv_path``); return what was read and skipped. ``ValueError`` if
    the outputs overlap, are an input or cannot be written."""
    output = Path(output)
    csv_path = Path(csv_path) if csv_path else output.with_suffix(".csv")
    problem = output_problem(output, csv_path, paths)
    if problem:
        raise ValueError(problem)
    collected = collect(paths)
    write_public(output, report_html(collected))
    write_public(csv_path, report_csv(collected))
    return collected


def _gradebook_problem(path: Path, inputs, others=()) -> str | None:
    for other in others:
        if _same(path, other):
            return f"the gradebook CSV and the report would both be written to {path}; give each its own name"
    return output_problem(path, path.with_name(path.name + ".unused"), inputs)


def write_gradebook(paths, output: Path | str, *, collected: Collected | None = None) -> Collected:
    """Read ``paths`` (or take ``collected``) and write the per-learner gradebook
    CSV to ``output``. ``ValueError`` if it is an input or cannot be written."""
    output = Path(output)
    problem = _gradebook_problem(output, paths)
    if problem:
        raise ValueError(problem)
    collected = collect(paths) if collected is None else collected
    write_public(output, gradebook_csv(collected))
    return collected


def _shown(path) -> str:
    """A path for one line of the terminal: control characters (a CR in a
    hostile file name) shown as escapes, not acted on."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(path))


def _parser(prog: str = "python -m iliopsoas_lessons.report") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Write a class report, or a per-learner gradebook CSV, from learners' results files.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"Each file is read up to {MAX_BYTES // 1000} kB, and at most "
        f"{MAX_FILES} files and {MAX_TOTAL_BYTES // 1_000_000} MB in all.\n\n"
        "examples (a folder of the files learners handed in):\n"
        f"  {prog} handed-in/ -o report.html\n"
        f"  {prog} --per-learner grades.csv handed-in/",
    )
    parser.add_argument("results", nargs="+", help="results files or folders of them")
    parser.add_argument("-o", "--output", help="the HTML page to write, e.g. report.html")
    parser.add_argument("--csv", help="the CSV to write (default: the HTML's name with .csv)")
    parser.add_argument(
        "--per-learner",
        metavar="FILE.csv",
        help="write the gradebook CSV, one row per learner, for Moodle's or Canvas's grade import",
    )
    return parser


def _tell(collected: Collected, wrote: list) -> None:
    print(f"{collected.learners} learner(s) counted; wrote {' and '.join(map(str, wrote))}")
    for path, why in collected.skipped:
        print(f"skipped {_shown(path)}: {_shown(why)}", file=sys.stderr)
    capped = sum(why.startswith("not read: the report reads at most") for _, why in collected.skipped)
    if capped:
        print(
            f"{capped} file(s) not read: over the cap of {MAX_FILES} files or {MAX_TOTAL_BYTES // 1_000_000} MB in all",
            file=sys.stderr,
        )


def main(argv=None, prog: str = "python -m iliopsoas_lessons.report") -> int:
    parser = _parser(prog)
    args = parser.parse_args(argv)
    if not args.output and not args.per_learner:
        parser.error("give -o/--output (the report page), --per-learner (the gradebook CSV), or both")
    if args.csv and not args.output:
        parser.error("--csv goes with -o/--output (the report page)")
    csv_path = Path(args.csv) if args.csv else (Path(args.output).with_suffix(".csv") if args.output else None)
    wrote, collected = [], None
    try:
        if args.per_learner:
            problem = _gradebook_problem(
                Path(args.per_learner), args.results, [Path(args.output), csv_path] if args.output else []
            )
            if problem:
                raise ValueError(problem)
        if args.output:
            collected = write_report(args.results, args.output, csv_path=csv_path)
            wrote += [args.output, csv_path]
        if args.per_learner:
            collected = write_gradebook(args.results, args.per_learner, collected=collected)
            wrote.append(args.per_learner)
    except ValueError as e:
        parser.error(str(e))
    except OSError as e:
        parser.error(f"cannot write the report: {e.strerror or e} ({_shown(e.filename or args.output)})")
    _tell(collected, wrote)
    return 0 if collected.learners else 1
