"""The project's pytest set-up for every run from the repository root, so that
`pytest --nbval notebooks/` alone checks the notebooks exactly as `make test`
does, and every test lands in one tier (a marker registered in pytest.ini).

The environment is fixed here, at import, before any kernel or server starts:
the kernels nbval starts, and the JupyterLab and Voila servers of the browser
tests, inherit it.
"""

from __future__ import annotations

import atexit
import importlib
import importlib.util
import os
import shutil
import sys
import tempfile
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
TESTS = ROOT / "tests"

# The quiz options' order is seeded per learner; the stored notebooks were run
# with seed 0 (scripts/run_notebooks.py), so every kernel a test starts uses it
# too, whatever the caller's shell says, or nbval would compare other orders.
os.environ["ILIOPSOAS_QUIZ_SEED"] = "0"

# Learner progress goes to a scratch folder, never the user's data folder
# (iliopsoas_lessons/progress.py). One per pytest process (each xdist worker
# imports this file), removed when it ends; unit tests get one each as well
# (tests/conftest.py).
_SCRATCH = tempfile.mkdtemp(prefix="iliopsoas-test-data-")
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)
os.environ["ILIOPSOAS_LESSONS_DATA"] = _SCRATCH

# Every kernel the tests start (nbval, JupyterLab, Voila) reads its IPython
# startup files from here: a scratch IPYTHONDIR (no test touches ~/.ipython)
# holding tests/kernel_startup/ (why: tests/kernel_startup/00_fast_exit.py).
KERNEL_STARTUP = TESTS / "kernel_startup"
_IPYTHONDIR = tempfile.mkdtemp(prefix="iliopsoas-test-ipython-")
atexit.register(shutil.rmtree, _IPYTHONDIR, ignore_errors=True)
shutil.copytree(
    KERNEL_STARTUP, Path(_IPYTHONDIR) / "profile_default" / "startup", ignore=shutil.ignore_patterns("__pycache__")
)
os.environ["IPYTHONDIR"] = _IPYTHONDIR

# Which tier a test module outside tests/browser belongs to when it is not a
# unit test (tests/browser/ is the browser tier, notebooks are the notebooks tier).
TIER_OF_MODULE = {
    "test_site.py": "site",  # builds the course website with Sphinx (tests/conftest.py: built_site)
    # the website's kernel-free widgets (iliopsoas_lessons/sitewidgets/): every state
    # each widget can reach, recorded and compared with the live widget (over a
    # minute of CPU: the unit tier keeps to a minute of wall time on 2 cores)
    "test_sitewidgets.py": "site",
    "test_site_exercises.py": "site",
    "test_site_painmap.py": "site",
    "test_site_progress.py": "site",
    "test_class_hub.py": "hub",  # a JupyterHub with simulated learners
    "test_packaging.py": "packaging",  # builds the wheel, checks the Binder set-up
}
TIERS = ("unit", "notebooks", "browser", "site", "hub", "packaging")

# `make test` runs every tier in one pytest-xdist run, each module (each notebook)
# on one worker (--dist loadscope --no-loadscope-reorder), in collection order.
# The longest modules go first and the many short unit modules fill in after
# them, so no worker is left finishing a long browser module alone at the end.
# Within a tier, the modules holding a `slow` test (PDF builds, fresh kernels,
# servers) go before the rest, so that no long module starts last and keeps
# one worker busy while the others have nothing left.
# Only the order across modules changes; a module's tests keep theirs.
FIRST_TIERS = ("hub", "browser", "site", "packaging", "notebooks", "unit")


def _singleuser_launcher() -> types.ModuleType:
    """iliopsoas_lessons/singleuser.py, loaded by its path: it is standard library only
    (an import contract), and importing it through the package would load the package's
    content before the stand-in below is in place."""
    spec = importlib.util.spec_from_file_location("_iliopsoas_singleuser", ROOT / "iliopsoas_lessons" / "singleuser.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# jsonschema imports rfc3987_syntax for its "iri" formats, and that module
# builds 38 Lark parsers as it is imported: about 1.2 s of CPU in every pytest
# process (both of the unit tier's workers import jsonschema), for a format no
# schema of ours names. jsonschema keeps only `is_valid_syntax`, so the stand-in
# checks exactly as the real module does, once something asks. (Too late where
# nbval is loaded: it imports jsonschema before this file; `make test-fast` does not load it.)
if "jsonschema" not in sys.modules:
    _launcher = _singleuser_launcher()
    _launcher.defer_import(*_launcher.DEFERRED)


def tier_of(path: Path, is_notebook: bool) -> str:
    """The one tier of a collected test, from where it lives."""
    if is_notebook:
        return "notebooks"
    if TESTS / "browser" in path.parents:
        return "browser"
    return TIER_OF_MODULE.get(path.name, "unit")


def pytest_configure(config):
    # `pytest --nbval notebooks/` compares as `make test` does: in this
    # environment's kernel (not whatever "python3" resolves to on PATH), with
    # the embedded PNG pixels masked (tests/nbval_sanitize.cfg explains why).
    option = config.option
    if getattr(option, "nbval", False):
        option.nbval_current_env = True
        if option.nbval_sanitize_with is None:
            option.nbval_sanitize_with = str(TESTS / "nbval_sanitize.cfg")


@pytest.hookimpl(wrapper=True)
def pytest_collection(session):
    """Cache the test modules pytest rewrites for its assertion messages, even
    where PYTHONDONTWRITEBYTECODE is set (as on the development machine and in
    many containers): without the cache, each pytest process (each xdist worker)
    parses and rewrites every test module again, about 3 s of CPU per process.
    The cache is tests/__pycache__ (ignored by git); pytest checks it against
    each file's size and time. Only while collecting: what the tests import
    while they run keeps the caller's setting."""
    before = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        return (yield)
    finally:
        sys.dont_write_bytecode = before


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config, items):
    tier_rank = {}
    has_slow = set()  # the modules (files) holding a test marked slow
    for item in items:
        is_notebook = type(item).__module__.startswith("nbval")
        tier = tier_of(Path(str(item.path)), is_notebook)
        item.add_marker(getattr(pytest.mark, tier))
        tier_rank[item.nodeid] = FIRST_TIERS.index(tier)
        if item.get_closest_marker("slow") is not None:
            has_slow.add(item.path)
    # stable: the order of the modules within a tier (slow first) and of a module's tests stays
    items.sort(key=lambda item: (tier_rank[item.nodeid], item.path not in has_slow))
