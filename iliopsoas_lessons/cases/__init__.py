"""Virtual-patient cases on the command line: ``python -m iliopsoas_lessons.cases``.

``check FILE`` validates one case file (its form, as the schema states it,
and against the course: tests, levels, red flags, lessons, references), runs
the model checker and prints the step tree; ``list`` lists the course's
cases; ``fixtures -o FILE`` writes the scoring fixtures the page's engine is
tested against. Beside the content layer: it imports the content only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from iliopsoas_lessons import content
from iliopsoas_lessons.content.case_checker import check, tree
from iliopsoas_lessons.content.case_loader import lesson_keys, load_case_file
from iliopsoas_lessons.content.cases import Case
from iliopsoas_lessons.content.reader import read_json
from iliopsoas_lessons.publish import write_public

from .fixtures import fixtures, relative

__all__ = ["main", "check_file", "fixture_document", "CHECKOUT", "FIXTURE_CASES"]

PROG = "python -m iliopsoas_lessons.cases"
CHECKOUT = Path(__file__).resolve().parents[2]
# The test fixture cases, exported with the course's when the checkout has them.
FIXTURE_CASES = CHECKOUT / "tests" / "data" / "cases" / "valid"
SCHEMA = Path(__file__).resolve().parents[1] / "content" / "schemas" / "case.schema.json"


def _schema_problems(path: Path) -> list[str]:
    """The JSON Schema's findings when ``jsonschema`` is installed (the loader checks the same form
    without it; the schema adds only its own wording)."""
    try:
        import jsonschema  # not a dependency of the package: used when present
    except ImportError:
        return []
    try:
        data = read_json(path, str(path))
    except (OSError, content.ContentError):
        return []  # the loader reports unreadable files in its own words
    validator = jsonschema.Draft202012Validator(read_json(SCHEMA, str(SCHEMA)))
    return [
        f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]


def check_file(path: Path, data_dir: Path | None = None) -> tuple[Case | None, list[str]]:
    """(the case or None, its problems) for one file, against the course in ``data_dir``."""
    directory = content.data_directory() if data_dir is None else data_dir
    try:
        course = content.load(directory)
        case = load_case_file(path, course, lessons=lesson_keys(directory), label=str(path))
    except content.ContentError as exc:
        problems = _schema_problems(path)
        return None, [str(exc).removeprefix(f"{path}: ")] + [p for p in problems if p not in str(exc)]
    return case, _schema_problems(path) + check(case, course)


def fixture_document(data_dir: Path | None = None, extra: Path | None = FIXTURE_CASES) -> dict:
    """The fixtures for every course case and every case file in ``extra`` (the test fixtures)."""
    directory = content.data_directory() if data_dir is None else data_dir
    course = content.load(directory)
    pairs = [(case, f"iliopsoas_lessons/data/cases/{case.key}.json") for case in course.cases]
    if extra is not None and extra.is_dir():
        lessons = lesson_keys(directory)
        for path in sorted(extra.glob("*.json")):
            pairs.append((load_case_file(path, course, lessons=lessons), relative(path, CHECKOUT)))
    return fixtures(pairs)


def _check(args) -> int:
    case, problems = check_file(args.file, args.data)
    if case is not None:
        print(tree(case))
    if problems:
        for problem in problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        print(f"{args.file}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{args.file}: OK (every path ends; every step and essential item can be reached)")
    return 0


def _list(args) -> int:
    course = content.load(content.data_directory() if args.data is None else args.data)
    if not course.cases:
        print("No cases: data/cases/ holds no case file.")
    for case in course.cases:
        print(f"{case.key}\t{case.answer.urgency}\t{case.title}")
    return 0


def _fixtures(args) -> int:
    document = fixture_document(args.data, None if args.no_test_cases else FIXTURE_CASES)
    write_public(args.output, json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {args.output} ({len(document['cases'])} cases)")
    return 0


def main(argv: list[str] | None = None, prog: str = PROG) -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check, list and export the virtual-patient cases (docs/authoring-cases.md).",
        epilog=f"examples:\n  {prog} check iliopsoas_lessons/data/cases/dancer_snapping_hip.json\n"
        f"  {prog} list\n  {prog} fixtures -o tests/fixtures/case_scores.json",
    )
    parser.add_argument("--data", type=Path, help="a course data folder (default: the package's own)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{check,list,fixtures}")
    one = commands.add_parser("check", help="validate one case file, run the model checker, print its tree")
    one.add_argument("file", type=Path, help="the case file (JSON)")
    commands.add_parser("list", help="the course's cases: key, level, title")
    out = commands.add_parser("fixtures", help="write the scoring fixtures for the page's engine")
    out.add_argument("-o", "--output", type=Path, required=True, help="the JSON file to write")
    out.add_argument("--no-test-cases", action="store_true", help="the course's cases only")
    args = parser.parse_args(argv)
    try:
        return {"check": _check, "list": _list, "fixtures": _fixtures}[args.command](args)
    except content.ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
