"""Every test is in exactly one tier (conftest.py at the root, pytest.ini's
markers), `make test` runs every tier and `make test-fast` the unit tier, and
plain `pytest --nbval notebooks/` gets the set-up `make test` gives it."""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _root_conftest():
    spec = importlib.util.spec_from_file_location("root_conftest_under_test", ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ini() -> configparser.ConfigParser:
    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini")
    return ini


# The slow tests below ask pytest what it selects for five command lines. Each
# new interpreter spent about 3 s of CPU loading pytest, its plugins and the
# conftests before collecting anything, so the five collections run one after
# another in one child process (a fresh one, outside this run: no xdist, no
# inherited marks), each a complete `pytest --collect-only` of its own (its own
# config, hooks and -m selection), and their outputs are kept for the module.
COLLECT_ONLY = ("--collect-only", "-q", "-p", "no:cacheprovider")
_RUNS = """
import contextlib, io, json, sys
import pytest
results = []
for args in json.loads(sys.stdin.read()):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = pytest.main([*args])
    results.append([int(code), out.getvalue()])
print(json.dumps(results))
"""
ALL_TIERS_FILES = ("tests", "--nbval", "notebooks/00_start_here.ipynb")
SITE_BROWSER_FILES = ("tests/test_site.py", "tests/browser/test_voila.py", "--nbval", "notebooks/00_start_here.ipynb")
ORDER_FILES = (
    "tests/test_svg.py",
    "tests/test_tiers.py",
    "tests/test_packaging.py",
    "tests/test_site.py",
    "tests/test_class_hub.py",
)
COLLECTIONS = (
    (*ALL_TIERS_FILES, "-m", "not (unit or notebooks or browser or site or hub or packaging)"),
    SITE_BROWSER_FILES,
    (*SITE_BROWSER_FILES, "-m", "site or browser or notebooks"),
    (*SITE_BROWSER_FILES, "-m", "unit"),
    ORDER_FILES,
)


@pytest.fixture(scope="module")
def collections() -> dict[tuple[str, ...], tuple[int, str]]:
    """{arguments: (exit status, output)} of `pytest --collect-only -q` for each of COLLECTIONS."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ILIOPSOAS_", "PYTEST_"))}
    run = subprocess.run(
        [sys.executable, "-c", _RUNS],
        input=json.dumps([[*COLLECT_ONLY, *args] for args in COLLECTIONS]),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    results = json.loads(run.stdout.strip().splitlines()[-1])
    assert len(results) == len(COLLECTIONS)
    return {args: (code, output) for args, (code, output) in zip(COLLECTIONS, results)}


def _collected(collections, *args: str) -> int:
    """How many tests `pytest --collect-only` selects, from the repository root."""
    code, output = collections[args]
    assert code in (0, 5), output[-2000:]  # 5: nothing selected
    found = re.search(r"(\d+)(?:/\d+)? tests? collected", output)
    return int(found.group(1)) if found else 0


def test_markers_are_strict_and_every_tier_is_registered():
    opts = _ini()["pytest"]["addopts"].split()
    assert "--strict-markers" in opts
    registered = {line.split(":")[0].strip() for line in _ini()["pytest"]["markers"].strip().splitlines()}
    assert set(_root_conftest().TIERS) <= registered


def test_each_named_module_exists_so_a_rename_cannot_drop_it_into_the_unit_tier():
    conftest = _root_conftest()
    for name, tier in conftest.TIER_OF_MODULE.items():
        assert (ROOT / "tests" / name).is_file(), f"{name} ({tier} tier) is gone: update conftest.py"
        assert tier in conftest.TIERS


def test_a_test_lands_in_the_tier_of_its_path():
    tier_of = _root_conftest().tier_of
    tests = ROOT / "tests"
    assert tier_of(tests / "test_content.py", False) == "unit"
    assert tier_of(tests / "test_site.py", False) == "site"
    assert tier_of(tests / "test_sitewidgets.py", False) == "site"
    assert tier_of(tests / "test_class_hub.py", False) == "hub"
    assert tier_of(tests / "test_packaging.py", False) == "packaging"
    assert tier_of(tests / "browser" / "test_voila.py", False) == "browser"
    assert tier_of(ROOT / "notebooks" / "01_anatomy.ipynb", True) == "notebooks"


# These collect the suite again in a new pytest (about 15 s of CPU): `make test` only.
@pytest.mark.slow
def test_no_test_is_outside_a_tier(collections):
    assert (
        _collected(
            collections, *ALL_TIERS_FILES, "-m", "not (unit or notebooks or browser or site or hub or packaging)"
        )
        == 0
    )


@pytest.mark.slow
def test_site_browser_and_notebook_cells_are_not_unit_tests(collections):
    # (plain `pytest --nbval`, as a contributor types it, marks the cells too)
    files = SITE_BROWSER_FILES
    assert _collected(collections, *files) == _collected(collections, *files, "-m", "site or browser or notebooks") > 0
    assert _collected(collections, *files, "-m", "unit") == 0


def test_the_tests_run_with_the_stored_notebooks_seed_and_a_scratch_progress_folder():
    # set by the root conftest.py for this process and every kernel it starts
    assert os.environ["ILIOPSOAS_QUIZ_SEED"] == "0"
    assert Path(os.environ["ILIOPSOAS_LESSONS_DATA"]).is_dir()
    assert Path(tempfile.gettempdir()) in Path(os.environ["ILIOPSOAS_LESSONS_DATA"]).parents


def _recipe(target: str) -> str:
    text = (ROOT / "Makefile").read_text()
    found = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", text, re.M)
    assert found, f"Makefile has no `{target}:` target"
    return found.group(1)


def test_make_test_runs_every_tier_and_make_test_fast_only_the_unit_tier():
    text = (ROOT / "Makefile").read_text()
    variables = dict(re.findall(r"^(\w+)\s*:=\s*(.+)$", text, re.M))
    selected = " ".join(re.findall(r'-m "([^"]+)"', _recipe("test")))
    selected = re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), m.group(0)), selected)
    for tier in _root_conftest().TIERS:
        assert re.search(rf"\b{tier}\b", selected), f"`make test` leaves out the {tier} tier"
    fast = _recipe("test-fast")
    assert re.findall(r'-m "([^"]+)"', fast) == ["unit and not slow"]
    assert re.search(r"^test-fast:.*\blint\b", text, re.M) and re.search(r"^test:.*\blint\b", text, re.M)


def test_make_test_spreads_every_tier_over_the_workers_a_module_or_notebook_to_one():
    recipe, text = _recipe("test"), (ROOT / "Makefile").read_text()
    assert "$(XDIST)" in recipe and "$(DIST)" in recipe
    dist = re.search(r"^DIST\s*:=\s*(.+)$", text, re.M).group(1).split()
    # loadscope: a notebook's cells share one kernel and a module's tests its servers;
    # without --no-loadscope-reorder xdist would undo conftest.py's longest-first order
    assert dist == ["--dist", "loadscope", "--no-loadscope-reorder"]


@pytest.mark.slow
def test_the_longest_tiers_are_collected_first_and_a_modules_order_is_kept(collections):
    code, output = collections[ORDER_FILES]
    assert code == 0, output[-2000:]
    ids = [line for line in output.splitlines() if "::" in line]
    modules = list(dict.fromkeys(i.split("::")[0] for i in ids))
    # hub, then site, then packaging, then unit (conftest.py's FIRST_TIERS), whatever the command line's
    # order; within the unit tier a module with a slow test (test_tiers.py) before one without (test_svg.py)
    assert modules == [
        "tests/test_class_hub.py",
        "tests/test_site.py",
        "tests/test_packaging.py",
        "tests/test_tiers.py",
        "tests/test_svg.py",
    ]
    mine = [i.split("::")[1] for i in ids if i.startswith("tests/test_tiers.py::")]
    assert mine[:3] == [
        "test_markers_are_strict_and_every_tier_is_registered",
        "test_each_named_module_exists_so_a_rename_cannot_drop_it_into_the_unit_tier",
        "test_a_test_lands_in_the_tier_of_its_path",
    ]


def test_a_deferred_module_loads_on_its_first_call_and_answers_as_itself(tmp_path, monkeypatch):
    # conftest.py defers rfc3987_syntax (1.2 s of CPU per process) this way, with the
    # learner-server launcher's defer_import, loaded by path
    defer_import = _root_conftest()._singleuser_launcher().defer_import
    (tmp_path / "deferred_probe.py").write_text(
        "import os\nos.environ['DEFERRED_PROBE_LOADED'] = '1'\n"
        "def check(term, value):\n    return (term, value.upper())\nOTHER = 7\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("DEFERRED_PROBE_LOADED", raising=False)
    monkeypatch.delitem(sys.modules, "deferred_probe", raising=False)
    stand_in = defer_import("deferred_probe", "check")
    try:
        assert stand_in is not None and sys.modules["deferred_probe"] is stand_in
        from deferred_probe import check  # as jsonschema takes is_valid_syntax

        assert "DEFERRED_PROBE_LOADED" not in os.environ, "the stand-in loaded the module at once"
        assert check("iri", "x") == ("iri", "X")
        assert os.environ["DEFERRED_PROBE_LOADED"] == "1"
        assert sys.modules["deferred_probe"] is not stand_in and sys.modules["deferred_probe"].OTHER == 7
        assert defer_import("deferred_probe", "check") is None  # loaded: left alone
        assert defer_import("no_such_module_here", "check") is None
    finally:
        sys.modules.pop("deferred_probe", None)


def test_make_test_fast_loads_neither_nbval_nor_the_browser_tests():
    # nbval (it imports jsonschema before conftest.py can defer rfc3987_syntax)
    # runs notebooks only, and tests/browser holds only browser-tier tests
    assert _root_conftest().tier_of(ROOT / "tests" / "browser" / "test_any.py", False) == "browser"
    fast = _recipe("test-fast").split()
    assert "no:nbval" in fast and fast[fast.index("no:nbval") - 1] == "-p"
    assert "--ignore=tests/browser" in fast


def test_closing_figures_after_a_test_imports_pyplot_only_where_it_is_loaded(monkeypatch):
    # tests/conftest.py's autouse _close_figures runs after every test of every tier:
    # importing pyplot there cost each browser worker about 3 s for nothing to close
    spec = importlib.util.spec_from_file_location("tests_conftest_under_test", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import matplotlib.pyplot as plt

    figure = plt.figure()
    module.close_pyplot_figures()
    assert not plt.fignum_exists(figure.number), "a figure pyplot holds stayed open"

    monkeypatch.delitem(sys.modules, "matplotlib.pyplot")
    module.close_pyplot_figures()
    assert "matplotlib.pyplot" not in sys.modules, "closing figures imported pyplot"
