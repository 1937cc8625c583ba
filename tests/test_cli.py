"""The teachers' console command, ``iliopsoas-lessons``: every subcommand is
listed, documented with an example, and reaches the same code as before;
it runs where ``make`` is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from iliopsoas_lessons import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "docs" / "examples" / "sample-results.json"
SUBCOMMANDS = ("lab", "site", "handouts", "review", "links", "report", "cases", "export")


def _run(args, capsys):
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _help(args, capsys):
    try:
        code = cli.main([*args, "--help"])
    except SystemExit as stop:
        code = stop.code
    return code, capsys.readouterr().out


def test_the_command_table_is_the_documented_one():
    assert tuple(cli.COMMANDS) == SUBCOMMANDS


def test_help_lists_every_subcommand(capsys):
    code, out = _help([], capsys)
    assert code == 0
    for name in SUBCOMMANDS:
        assert re.search(rf"^\s+{name}\s+\S", out, re.M), f"{name} missing from --help:\n{out}"


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help_with_an_example(name, capsys):
    code, out = _help([name], capsys)
    assert code == 0, out
    assert f"usage: iliopsoas-lessons {name}" in out
    assert re.search(rf"^examples?.*:\n\s+iliopsoas-lessons {name}\b", out, re.M), out


def test_an_unknown_subcommand_names_the_valid_ones(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["bulid"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "bulid" in err and all(name in err for name in SUBCOMMANDS)


def test_links_prints_each_lesson_for_the_hub(capsys):
    code, out, _ = _run(["links", "--hub", "https://hub.example.edu"], capsys)
    assert code == 0
    assert "Start here: how these lessons work" in out
    assert "https://hub.example.edu/hub/user-redirect/git-pull?" in out


def test_links_errors_are_headed_with_the_command(capsys):
    with pytest.raises(SystemExit):
        cli.main(["links", "--hub", "ftp://x"])
    assert "iliopsoas-lessons links: error:" in capsys.readouterr().err


def test_report_on_the_sample_results(tmp_path, capsys):
    code, out, _ = _run(["report", str(SAMPLE), "-o", str(tmp_path / "report.html")], capsys)
    assert code == 0
    assert "1 learner(s) counted" in out
    assert (tmp_path / "report.html").stat().st_size > 1000 and (tmp_path / "report.csv").exists()


# --- checkout and lessons ------------------------------------------------------


def test_the_checkout_is_found_from_a_subfolder():
    assert cli.find_checkout(ROOT / "docs" / "site") == ROOT


def test_builders_outside_a_checkout_say_so(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "find_checkout", lambda start=None: None)
    for name in ("site", "handouts", "review"):
        code, _, err = _run([name], capsys)
        assert code == 2
        assert f"iliopsoas-lessons {name}: this builds from a checkout of the repository" in err
        assert "Clone the repository" in err
        # help still works there, and says where the options come from
        code, out = _help([name], capsys)
        assert code == 0 and "inside a checkout" in out


def test_builders_call_the_scripts_main_with_the_arguments(monkeypatch, tmp_path, capsys):
    checkout = tmp_path / "repo"
    (checkout / "scripts").mkdir(parents=True)
    (checkout / "iliopsoas_lessons").mkdir()
    (checkout / "scripts" / "build_site.py").write_text("def main(argv):\n    print('site', argv)\n    return 0\n")
    (checkout / "scripts" / "build_review.py").write_text(
        "import sys\ndef main(argv):\n    print('review', argv, sys.argv[0])\n    return 3\n"
    )
    monkeypatch.chdir(checkout / "scripts")
    code, out, _ = _run(["review", "--html-only"], capsys)
    assert code == 3 and "review ['--html-only'] iliopsoas-lessons review" in out
    monkeypatch.setattr(cli, "_sphinx_build", lambda checkout: None)
    code, out, _ = _run(["site", "--output-dir", "public"], capsys)
    assert code == 0 and "site ['--output-dir', 'public']" in out


def test_site_uses_the_site_venvs_sphinx_on_any_platform(monkeypatch, tmp_path):
    windows = tmp_path / ".venv" / "site" / "Scripts" / "sphinx-build.exe"
    windows.parent.mkdir(parents=True)
    windows.write_text("")
    assert cli._sphinx_build(tmp_path) == str(windows)


def _lab_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command, cwd=None: calls.append((command, cwd)) or 0)
    monkeypatch.setattr(cli.importlib.util, "find_spec", lambda name: object())
    return calls


def test_lab_opens_the_checkouts_start_lesson_with_this_python(monkeypatch):
    calls = _lab_calls(monkeypatch)
    monkeypatch.setattr(cli, "_running_as_root", lambda: False)
    assert cli.main(["lab", "--no-browser"]) == 0
    ((command, cwd),) = calls
    assert command == [
        sys.executable,
        "-m",
        "jupyterlab",
        str(ROOT / "notebooks" / "00_start_here.ipynb"),
        "--no-browser",
    ]
    assert cwd == ROOT  # JupyterLab's root is the checkout, as with make lab


def test_lab_adds_allow_root_as_root_as_make_did(monkeypatch):
    calls = _lab_calls(monkeypatch)
    monkeypatch.setattr(cli.os, "geteuid", lambda: 0, raising=False)
    cli.main(["lab"])
    assert calls[0][0][-1] == "--allow-root"


def test_lab_copies_installed_lessons_into_a_folder_of_the_users(monkeypatch, tmp_path, capsys):
    shipped = tmp_path / "prefix" / "share" / "iliopsoas-lessons" / "notebooks"
    shipped.mkdir(parents=True)
    (shipped / "00_start_here.ipynb").write_text("{}")
    monkeypatch.setattr(cli, "find_notebooks", lambda start=None: (shipped, True))
    calls = _lab_calls(monkeypatch)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["lab"]) == 0
    mine = tmp_path / "iliopsoas-lessons"
    assert (mine / "00_start_here.ipynb").is_file() and calls[0][1] == mine
    (mine / "00_start_here.ipynb").write_text('{"edited": true}')
    cli.main(["lab"])  # a second start keeps the learner's own copy
    assert "edited" in (mine / "00_start_here.ipynb").read_text()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "thesis.docx").write_text("x")
    with pytest.raises(SystemExit):
        cli.main(["lab", "--folder", "other"])
    assert "holds no lessons" in capsys.readouterr().err


def test_lab_finds_the_lessons_installed_under_the_prefix(monkeypatch, tmp_path):
    shipped = tmp_path / cli.SHARED_NOTEBOOKS
    shipped.mkdir(parents=True)
    (shipped / cli.START).write_text("{}")
    monkeypatch.setattr(cli, "find_checkout", lambda start=None: None)
    monkeypatch.setattr(cli.sys, "prefix", str(tmp_path))
    assert cli.find_notebooks() == (shipped, True)


def test_lab_without_jupyterlab_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(cli.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(SystemExit):
        cli.main(["lab"])
    assert "pip install jupyterlab" in capsys.readouterr().err


# --- export: iliopsoas_lessons.export is another module, imported only when asked for ---


def test_export_calls_the_export_modules_main(monkeypatch, capsys):
    seen = []
    fake = types.ModuleType("iliopsoas_lessons.export")
    fake.main = lambda argv: seen.append(argv) or 0
    monkeypatch.setitem(sys.modules, "iliopsoas_lessons.export", fake)
    assert cli.main(["export", "--format", "gift", "-o", "quiz.gift"]) == 0
    assert seen == [["--format", "gift", "-o", "quiz.gift"]]
    cli.main(["export", "--help"])
    out = capsys.readouterr().out
    assert seen[-1] == ["--help"] and "iliopsoas-lessons export --format moodle" in out


def test_export_is_not_imported_by_the_other_commands(monkeypatch, capsys):
    monkeypatch.delitem(sys.modules, "iliopsoas_lessons.export", raising=False)
    cli.main(["links", "--hub", "https://hub.example.edu"])
    assert "iliopsoas_lessons.export" not in sys.modules


def test_export_without_main_calls_write_export(monkeypatch, tmp_path, capsys):
    seen = []
    fake = types.ModuleType("iliopsoas_lessons.export")
    fake.write_export = lambda course, fmt, path: seen.append((course, fmt, path))
    monkeypatch.setitem(sys.modules, "iliopsoas_lessons.export", fake)
    assert cli.main(["export", "--format", "qti", "-o", str(tmp_path / "q.zip")]) == 0
    ((course, fmt, path),) = seen
    assert fmt == "qti" and path == tmp_path / "q.zip" and course.references
    with pytest.raises(SystemExit):
        cli.main(["export", "--format", "word", "-o", "x"])
    assert "choose from 'moodle', 'qti', 'gift'" in capsys.readouterr().err


def test_export_missing_module_is_a_clear_error(monkeypatch, capsys):
    real_import = cli.importlib.import_module

    def no_export(name, *a):
        if name == "iliopsoas_lessons.export":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *a)

    monkeypatch.setattr(cli.importlib, "import_module", no_export)
    with pytest.raises(SystemExit):
        cli.main(["export", "--format", "moodle", "-o", "x.xml"])
    assert "has no export module" in capsys.readouterr().err


# --- the console script, where make is missing ------------------------------------


def _script_beside(python: Path) -> Path | None:
    for name in ("iliopsoas-lessons", "iliopsoas-lessons.exe"):
        for folder in (python.parent, python.parent.parent / "Scripts"):
            if (folder / name).is_file():
                return folder / name
    return None


def _no_make_env(bin_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = str(bin_dir)  # the venv's own folder only: no make, no system tools
    env["MPLBACKEND"] = "Agg"
    return env


def _check_console_script(script: Path, work: Path) -> None:
    env = _no_make_env(script.parent)
    assert shutil.which("make", path=env["PATH"]) is None

    def run(*args):
        proc = subprocess.run(
            [str(script), *args],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, f"{script.name} {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}"
        return proc.stdout

    out = run("--help")
    assert all(name in out for name in SUBCOMMANDS)
    for name in SUBCOMMANDS:
        assert f"iliopsoas-lessons {name}" in run(name, "--help")
    assert "https://hub.example.edu/hub/user-redirect/git-pull?" in run("links", "--hub", "https://hub.example.edu")
    assert "1 learner(s) counted" in run("report", str(SAMPLE), "-o", str(work / "report.html"))
    assert (work / "report.html").is_file()


@pytest.mark.slow  # runs each subcommand in a fresh process (about 9 s); make test runs it
def test_console_script_of_this_environment_runs_without_make(tmp_path):
    """The environment the tests run in (``make test``: the editable install in .venv)."""
    script = _script_beside(Path(sys.executable))
    if script is None:
        pytest.skip(f"no iliopsoas-lessons console script beside {sys.executable} (pip install -e . makes it)")
    _check_console_script(script, tmp_path)


@pytest.mark.packaging
@pytest.mark.slow
def test_wheel_console_script_in_a_fresh_venv_without_make(wheel_venv, tmp_path):
    """The wheel, installed by pip into a fresh venv (tests/conftest.py: wheel_venv):
    its console script, run with only the venv on the PATH."""
    python = wheel_venv
    assert ROOT not in python.parents
    script = _script_beside(python)
    assert script is not None, f"the wheel installed no iliopsoas-lessons script beside {python}"
    work = tmp_path / "elsewhere"
    work.mkdir()
    _check_console_script(script, work)
    # outside a checkout: the installed lessons are found, and the builders say what they need
    found = subprocess.run(
        [str(python), "-c", "from iliopsoas_lessons import cli; print(cli.find_notebooks())"],
        cwd=work,
        env=_no_make_env(script.parent),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "share/iliopsoas-lessons/notebooks" in found.stdout.replace("\\", "/") and "True" in found.stdout
    site = subprocess.run(
        [str(script), "site"], cwd=work, env=_no_make_env(script.parent), capture_output=True, text=True, timeout=60
    )
    assert site.returncode == 2 and "checkout of the repository" in site.stderr


def test_cases_check_prints_the_tree_or_the_problems_naming_the_file(capsys, tmp_path):
    good = ROOT / "tests" / "data" / "cases" / "valid" / "fixture_runner_groin.json"
    code, out, err = _run(["cases", "check", str(good)], capsys)
    assert code == 0 and "dec_physio  [best; routine]" in out and err == ""
    bad = tmp_path / "fixture_runner_groin.json"
    bad.write_text(good.read_text(encoding="utf-8").replace('"test": "thomas_test"', '"test": "thomas"'))
    code, out, err = _run(["cases", "check", str(bad)], capsys)
    assert code == 1 and f"{bad}: " in err and "'thomas' is not an examination test; valid:" in err
