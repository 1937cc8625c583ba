"""Layers, each importing only the layers below it (ARCHITECTURE.md):
content (standard library only) <- figures (matplotlib) <- widgets (ipywidgets),
with progress.py (the learner's saved answers: standard library + platformdirs)
beside the figures, under the widgets, and the teacher's class report
(report/), the website's kernel-free widgets (sitewidgets/) and the class-hub
links (links.py, on the content layer only) on top.

The import rules are import-linter contracts in pyproject.toml
([tool.importlinter]), checked by `lint-imports` (make lint, and here); what
a real import loads is checked with `python -X importtime`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "iliopsoas_lessons"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _contract_count() -> int:
    return len(re.findall(r"^\[\[tool\.importlinter\.contracts\]\]$", (ROOT / "pyproject.toml").read_text(), re.M))


def _layers() -> list[str]:
    """The layers contract's layers (tomllib would need Python 3.11)."""
    block = re.search(r"^layers = \[\n(.*?)^\]", (ROOT / "pyproject.toml").read_text(), re.M | re.S).group(1)
    return re.findall(r'"([^"]+)"', block)


def _lint_imports(package_parent: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """lint-imports with the project's contracts over the package found in ``package_parent``."""
    if not LINT_IMPORTS.exists():
        pytest.fail(f"{LINT_IMPORTS} is missing: requirements.txt pins import-linter")
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_import_contracts_are_kept(tmp_path):
    run = _lint_imports(ROOT, tmp_path)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert f"{_contract_count()} kept, 0 broken" in run.stdout


@pytest.mark.parametrize(
    ("module", "planted", "contract"),
    [
        ("content/text.py", "from ..widgets import Quiz", "Layers"),
        ("content/lessons.py", "import iliopsoas_lessons as il", "does not import the package root"),
        ("figures/style.py", "import ipywidgets", "never with widgets"),
        ("links.py", "from .figures import style", "lesson list only"),
        ("report/__init__.py", "from ..widgets import Quiz", "without widgets"),
    ],
)
def test_a_planted_import_breaks_its_contract(tmp_path, module, planted, contract):
    copy = tmp_path / "src"
    shutil.copytree(PKG, copy / "iliopsoas_lessons", ignore=shutil.ignore_patterns("data", "__pycache__", "static"))
    target = copy / "iliopsoas_lessons" / module
    target.write_text(target.read_text() + f"\n{planted}\n")
    run = _lint_imports(copy, tmp_path)
    assert run.returncode != 0
    broken = run.stdout.split("Broken contracts")[-1]
    assert contract in " ".join(broken.split()), run.stdout[-3000:]


def test_every_module_of_the_package_belongs_to_a_layer():
    top = {p.stem for p in PKG.glob("*.py")} | {p.name for p in PKG.iterdir() if (p / "__init__.py").is_file()}
    named = {name.strip() for layer in _layers() for name in layer.replace(":", "|").split("|")}
    assert top - {"__init__"} == named


def _loaded_after(code: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    names = {line.split("|")[-1].strip().split(".")[0] for line in run.stderr.splitlines() if "|" in line}
    return names | set(run.stdout.split())


def test_the_content_layer_loads_neither_matplotlib_nor_ipywidgets():
    # import, load everything and build the text: still no plotting or widget library
    loaded = _loaded_after(
        "import sys, iliopsoas_lessons.content as c; from iliopsoas_lessons.content import lessons, text, review;"
        "c.course(); lessons.lesson_data(); str(text.show_red_flags()); review.statements();"
        "print(' '.join(m.split('.')[0] for m in sys.modules))"
    )
    assert "matplotlib" not in loaded and "ipywidgets" not in loaded and "numpy" not in loaded


def test_the_figures_layer_loads_no_ipywidgets():
    loaded = _loaded_after(
        "import sys, iliopsoas_lessons.figures; from iliopsoas_lessons.figures import mechanisms, bodymap;"
        "bodymap.BodyMapFigure(); mechanisms.MechanismFigure();"
        "print(' '.join(m.split('.')[0] for m in sys.modules))"
    )
    assert "matplotlib" in loaded  # the check itself works
    assert "ipywidgets" not in loaded


def test_the_progress_file_loads_neither_matplotlib_nor_ipywidgets():
    loaded = _loaded_after(
        "import sys, iliopsoas_lessons.progress as p; p.problems({});"
        "print(' '.join(m.split('.')[0] for m in sys.modules))"
    )
    assert "iliopsoas_lessons" in loaded  # the check itself works
    assert "matplotlib" not in loaded and "ipywidgets" not in loaded and "numpy" not in loaded


def test_the_links_command_builds_on_the_content_layer_only():
    """python -m iliopsoas_lessons.links needs the lesson list, not a plotting or widget library."""
    loaded = _loaded_after(
        "import sys, iliopsoas_lessons.links as l; l.lesson_links('https://h.example');"
        "print(' '.join(m.split('.')[0] for m in sys.modules))"
    )
    assert "matplotlib" not in loaded and "ipywidgets" not in loaded


# -- issue 22: a lesson's kernel loads matplotlib only when it draws ------------------------
# Each widget a lesson shows, as the lesson shows it: the figure widgets play
# the shipped tables and pictures, the exercises and cases draw nothing, so
# building and displaying them (the snapshot too) needs no plotting library.
LESSON_WIDGETS = {
    "SymptomStepper": "SymptomStepper()",
    "SymptomExplorer": "SymptomExplorer()",
    "MechanismStepper": "MechanismStepper()",
    "AnatomyExplorer": "AnatomyExplorer()",
    "HipAngleExplorer": "HipAngleExplorer()",
    "Quiz": 'Quiz("03_symptoms")',
    "RedFlagCases": "RedFlagCases()",
    "CasePlayer": 'CasePlayer("dancer_snapping_hip")',
    "MoreCases": 'MoreCases(["dancer_snapping_hip", "teen_kick_avulsion"])',
    "MyResults": "MyResults()",
}
DRAWING = ("matplotlib", "numpy", "PIL")


def _modules_after_showing(setup: str, shown: str, tmp_path: Path) -> set[str]:
    """Top-level modules in sys.modules after ``shown`` is built and displayed
    (its mime bundle, as a kernel asks for it) in a fresh interpreter."""
    code = (
        f"import sys\n{setup}\nw = {shown}\nw._repr_mimebundle_()\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    env = {**os.environ, "ILIOPSOAS_LESSONS_DATA": str(tmp_path), "ILIOPSOAS_QUIZ_SEED": "0"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    return set(run.stdout.split())


@pytest.mark.parametrize("name", sorted(LESSON_WIDGETS))
def test_a_lesson_widget_is_shown_without_a_plotting_library(name, tmp_path):
    loaded = _modules_after_showing(f"from iliopsoas_lessons.widgets import {name}", LESSON_WIDGETS[name], tmp_path)
    assert "anywidget" in loaded  # the check itself works: the widget was made
    assert not loaded & set(DRAWING), f"{name} loaded {sorted(loaded & set(DRAWING))}"


def test_the_pain_map_exercise_still_draws_its_maps(tmp_path):
    # it has no shipped table: its maps are drawn when it is built (and the check sees matplotlib)
    loaded = _modules_after_showing(
        "from iliopsoas_lessons.widgets import PainMapExercise", "PainMapExercise()", tmp_path
    )
    assert "matplotlib" in loaded


def test_a_widget_draws_when_its_table_is_not_shipped_or_another_course_is_given(tmp_path):
    """A missing table, or a course passed in, is drawn as before (with matplotlib)."""
    no_tables = (
        "from pathlib import Path\nfrom iliopsoas_lessons.widgets import SymptomStepper, state_player\n"
        f"state_player.TABLES = Path({str(tmp_path / 'none')!r})"
    )
    loaded = _modules_after_showing(no_tables, "SymptomStepper()", tmp_path)
    assert "matplotlib" in loaded
    other_course = (
        "import copy\nfrom iliopsoas_lessons.widgets import SymptomExplorer\n"
        "from iliopsoas_lessons.widgets._state_common import course_or_package\n"
        "other = copy.copy(course_or_package(None))"
    )
    loaded = _modules_after_showing(other_course, "SymptomExplorer(course=other)", tmp_path)
    assert "matplotlib" in loaded
