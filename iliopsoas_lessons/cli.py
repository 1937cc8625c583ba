"""``iliopsoas-lessons``: one console command for teachers, with a subcommand per tool.

    iliopsoas-lessons --help
    iliopsoas-lessons lab
    iliopsoas-lessons links --hub https://hub.example.edu
    iliopsoas-lessons report results/ -o report.html

Each subcommand calls the same code as before (``python -m
iliopsoas_lessons.links``, ``scripts/build_site.py``, ...): this module only
finds it and hands it the arguments. It runs no shell and no POSIX-only call,
so it works where ``make`` is missing (a Windows or macOS laptop).

The builders of the website, the handouts and the review sheet stay in the
repository's ``scripts/``: they build from the checkout's notebooks and
``docs/`` (none of which is installed), so those subcommands look for a
checkout (the current folder or one above it, then the folder the package was
imported from) and say so when there is none.

A top layer beside the report: nothing in the package imports it.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

PROG = "iliopsoas-lessons"
START = "00_start_here.ipynb"
# Where a wheel install puts the lessons (pyproject's data-files), under the environment's prefix.
SHARED_NOTEBOOKS = Path("share") / "iliopsoas-lessons" / "notebooks"
EXPORT_FORMATS = ("moodle", "qti", "gift")

__all__ = ["COMMANDS", "CheckoutMissing", "find_checkout", "find_notebooks", "main"]


class CheckoutMissing(LookupError):
    """A subcommand that builds from the repository was run outside a checkout."""


def _is_checkout(folder: Path) -> bool:
    return (folder / "scripts" / "build_site.py").is_file() and (folder / "iliopsoas_lessons").is_dir()


def find_checkout(start: Path | None = None) -> Path | None:
    """The repository checkout: ``start`` (default the current folder) or a
    folder above it, else the folder this package was imported from."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_checkout(folder):
            return folder
    package_parent = Path(__file__).resolve().parents[1]
    return package_parent if _is_checkout(package_parent) else None


def _need_checkout(what: str) -> Path:
    checkout = find_checkout()
    if checkout is None:
        raise CheckoutMissing(
            f"{PROG} {what}: this builds from a checkout of the repository (its scripts/, notebooks/ "
            "and docs/ folders), and none was found in the current folder or above it. "
            "Clone the repository, change into it and run the command again "
            "(the installed package holds the lessons' code and data only)."
        )
    return checkout


def find_notebooks(start: Path | None = None) -> tuple[Path, bool] | None:
    """The lessons folder and whether it is an installed copy (to be copied
    before use) or a checkout's own ``notebooks/`` (opened where it is)."""
    checkout = find_checkout(start)
    if checkout is not None and (checkout / "notebooks" / START).is_file():
        return checkout / "notebooks", False
    prefixes = [Path(sys.prefix), Path(sysconfig.get_paths()["data"])]
    if sys.prefix != sys.base_prefix:
        prefixes.append(Path(sys.base_prefix))
    prefixes.append(Path(site.getuserbase()))  # pip install --user
    for prefix in prefixes:
        shipped = prefix / SHARED_NOTEBOOKS
        if (shipped / START).is_file():
            return shipped, True
    return None


def _formatter(prog):
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def _examples(*lines: str) -> str:
    return "example" + ("s" if len(lines) > 1 else "") + ":\n" + "\n".join(f"  {line}" for line in lines)


# --- lab ---------------------------------------------------------------------


def _running_as_root() -> bool:
    # os.geteuid does not exist on Windows, where there is no root to refuse
    return getattr(os, "geteuid", lambda: 1)() == 0


def lab_command(folder: Path, extra: list[str]) -> list[str]:
    """The JupyterLab command line: this Python's ``-m jupyterlab`` on the
    start lesson (``--allow-root`` as root: jupyter refuses otherwise)."""
    command = [sys.executable, "-m", "jupyterlab", str(folder / START)]
    if _running_as_root() and "--allow-root" not in extra:
        command.append("--allow-root")
    return command + extra


def run_lab(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} lab",
        formatter_class=_formatter,
        description="Open JupyterLab on the lessons, at 00_start_here. In a checkout of the repository "
        "it opens the checkout's notebooks/ folder; from an installed package it first copies "
        "the lessons into a folder of your own (--folder), so that your changes are kept "
        "and the installed copy stays clean. Any other option goes to JupyterLab.",
        epilog=_examples(f"{PROG} lab", f"{PROG} lab --folder my-lessons --no-browser --port 8899"),
    )
    parser.add_argument(
        "--folder",
        type=Path,
        default=Path("iliopsoas-lessons"),
        help="where an installed package's lessons are copied (default ./iliopsoas-lessons; "
        "kept as it is when it already holds them)",
    )
    args, extra = parser.parse_known_args(argv)
    found = find_notebooks()
    if found is None:
        parser.error(
            "no lessons found: run it inside a checkout of the repository, or install the "
            "package (pip install .) so that its lessons are installed with it"
        )
    folder, installed = found
    # JupyterLab's root: the checkout, as `make lab` had it (README, docs beside the lessons)
    root = folder.parent
    if installed:
        target = args.folder.resolve()
        if not (target / START).is_file():
            if target.exists() and any(target.iterdir()):
                parser.error(f"{target} exists and holds no lessons: choose another --folder")
            shutil.copytree(folder, target, dirs_exist_ok=True)
            print(f"copied the lessons into {target}")
        folder = root = target
    if importlib.util.find_spec("jupyterlab") is None:
        parser.error(
            "JupyterLab is not installed in this Python: pip install jupyterlab "
            "(or, from a clone, pip install -r requirements-lessons.txt)"
        )
    return subprocess.call(lab_command(folder, extra), cwd=root)


# --- the repository's builders (scripts/) -------------------------------------


def _load_script(checkout: Path, name: str):
    """``scripts/<name>.py`` as a module (its ``main`` is what ``python scripts/<name>.py`` runs)."""
    scripts = str(checkout / "scripts")
    if scripts not in sys.path:  # the builders import their helpers (_offline_pdf) from scripts/
        sys.path.insert(0, scripts)
    spec = importlib.util.spec_from_file_location(f"_iliopsoas_script_{name}", checkout / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _call_script(checkout: Path, name: str, script: str, argv: list[str]) -> int:
    """The script's ``main(argv)``, its messages headed with this command's name
    (argparse takes its program name from sys.argv[0])."""
    module = _load_script(checkout, script)
    saved = sys.argv[0] if sys.argv else ""
    sys.argv[:1] = [f"{PROG} {name}"]
    try:
        return module.main(argv)
    finally:
        sys.argv[:1] = [saved]


def _wants_help(argv: list[str]) -> bool:
    head = argv[: argv.index("--")] if "--" in argv else argv
    return "-h" in head or "--help" in head


def _sphinx_build(checkout: Path) -> str | None:
    """sphinx-build of the checkout's site venv (POSIX or Windows layout), else on the PATH."""
    for candidate in (
        checkout / ".venv" / "site" / "bin" / "sphinx-build",
        checkout / ".venv" / "site" / "Scripts" / "sphinx-build.exe",
    ):
        if candidate.is_file():
            return str(candidate)
    return shutil.which("sphinx-build")


def _script_runner(name: str, script: str, description: str, examples: tuple[str, ...]):
    def run(argv: list[str]) -> int:
        if _wants_help(argv):
            parser = argparse.ArgumentParser(
                prog=f"{PROG} {name}",
                formatter_class=_formatter,
                usage=f"{PROG} {name} [options of scripts/{script}.py]",
                description=description,
                epilog=_examples(*examples),
            )
            parser.print_help()
            checkout = find_checkout()
            if checkout is None:
                print(f"\n(Run it inside a checkout of the repository: the options are those of scripts/{script}.py.)")
                return 0
            print(f"\nOptions of scripts/{script}.py:\n")
            try:
                _call_script(checkout, name, script, ["--help"])
            except SystemExit as stop:
                return stop.code or 0
            return 0
        checkout = _need_checkout(name)
        if name == "site" and not any(a == "--sphinx-build" or a.startswith("--sphinx-build=") for a in argv):
            found = _sphinx_build(checkout)
            if found:
                argv = [*argv, "--sphinx-build", found]
        return _call_script(checkout, name, script, argv)

    return run


# --- the package's own tools -------------------------------------------------


def run_links(argv: list[str]) -> int:
    from iliopsoas_lessons import links

    return links.main(argv, prog=f"{PROG} links")


def run_cases(argv: list[str]) -> int:
    from iliopsoas_lessons import cases

    return cases.main(argv, prog=f"{PROG} cases")


def run_report(argv: list[str]) -> int:
    from iliopsoas_lessons import report

    return report.main(argv, prog=f"{PROG} report")


def _export_module():
    """``iliopsoas_lessons.export`` if this version has it (imported only when asked for)."""
    try:
        return importlib.import_module("iliopsoas_lessons.export")
    except ModuleNotFoundError as missing:
        if missing.name not in ("iliopsoas_lessons.export",):
            raise
        return None


def run_export(argv: list[str]) -> int:
    description = (
        "Write the quiz questions and red-flag practice cases for a learning platform: "
        f"{', '.join(EXPORT_FORMATS)} (Moodle XML, an IMS QTI package, or GIFT)."
    )
    examples = (
        f"{PROG} export --format moodle -o iliopsoas-quiz.xml",
        f"{PROG} export --format qti -o iliopsoas-quiz.zip",
    )
    module = _export_module()
    if module is not None and callable(getattr(module, "main", None)):
        if _wants_help(argv):
            print(
                f"usage: {PROG} export --format {{{','.join(EXPORT_FORMATS)}}} -o PATH\n\n{description}\n\n"
                f"{_examples(*examples)}\n\nOptions of python -m iliopsoas_lessons.export:\n"
            )
        return module.main(argv)
    parser = argparse.ArgumentParser(
        prog=f"{PROG} export", formatter_class=_formatter, description=description, epilog=_examples(*examples)
    )
    parser.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the platform's format")
    parser.add_argument("-o", "--output", required=True, type=Path, help="the file to write")
    args = parser.parse_args(argv)
    if module is None or not callable(getattr(module, "write_export", None)):
        parser.error("this version of iliopsoas-lessons has no export module (iliopsoas_lessons.export)")
    import iliopsoas_lessons as il

    module.write_export(il.course(), args.format, args.output)
    print(args.output)
    return 0


# --- the command -------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    run: Callable[[list[str]], int]
    script: str | None = None  # the scripts/ builder it runs, in a checkout


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command("lab", "open JupyterLab on the lessons (the start lesson first)", run_lab),
        Command(
            "site",
            "build the course website into build/site (needs a checkout)",
            _script_runner(
                "site",
                "build_site",
                "Build the course website (Sphinx with MyST-NB) from the stored notebooks, the instructor guide "
                "and the references, offline, into build/site. Needs a checkout of the repository and the site's "
                "tools (pip install -r requirements-site.txt).",
                (f"{PROG} site", f"{PROG} site --output-dir public"),
            ),
            script="build_site",
        ),
        Command(
            "handouts",
            "one printable PDF per lesson with its exercises, and its answer key (needs a checkout)",
            _script_runner(
                "handouts",
                "build_handouts",
                "One printable handout per lesson (summary, key figures, exercises; a body-map worksheet in 03-05), "
                "a separate answer key per lesson (NN_name-answers.pdf), and one handout of "
                "the instructor guide, printed to PDF offline by Chromium into build/handouts. Needs a checkout.",
                (f"{PROG} handouts", f"{PROG} handouts 03_symptoms --html-only"),
            ),
            script="build_handouts",
        ),
        Command(
            "review",
            "the clinicians' review sheet of every cited statement (needs a checkout)",
            _script_runner(
                "review",
                "build_review",
                "Every cited statement with its references and evidence level, for a clinician to check in one "
                "sitting: HTML, then PDF printed offline by Chromium, into build/review. Needs a checkout.",
                (f"{PROG} review", f"{PROG} review --html-only --output-dir review"),
            ),
            script="build_review",
        ),
        Command("links", "per lesson, the course hub's nbgitpuller link and the Binder link", run_links),
        Command("report", "the class report from the results files learners hand in", run_report),
        Command("cases", "check a virtual-patient case file and print its tree; list the cases", run_cases),
        Command("export", "the quiz and practice cases for Moodle, QTI (Canvas) or GIFT", run_export),
    )
}


def _parser() -> argparse.ArgumentParser:
    import iliopsoas_lessons as il

    parser = argparse.ArgumentParser(
        prog=PROG,
        formatter_class=_formatter,
        description="Interactive lessons on iliopsoas injury and its symptoms: one command for every tool. "
        f"Run '{PROG} COMMAND --help' for a command's options and an example.",
        epilog=_examples(
            f"{PROG} lab", f"{PROG} links --hub https://hub.example.edu", f"{PROG} report handed-in/ -o report.html"
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {il.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for command in COMMANDS.values():
        commands.add_parser(command.name, help=command.summary, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        # each command parses its own options (some belong to the tool it calls)
        try:
            return COMMANDS[argv[0]].run(argv[1:]) or 0
        except CheckoutMissing as missing:
            print(f"{PROG}: error: {missing}", file=sys.stderr)
            return 2
    parser = _parser()
    args = parser.parse_args(argv)  # --help, --version, or an unknown command naming the valid ones
    if args.command is None:
        parser.print_help()
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
