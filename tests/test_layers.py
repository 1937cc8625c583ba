"""Layers, each importing only the layers below it (ARCHITECTURE.md):
content (standard library only) <- figures (matplotlib) <- widgets (ipywidgets),
with progress.py (the learner's saved answers: standard library + platformdirs)
beside the content layer, under the widgets, and the teacher's class report
(report/) on top, drawing with the figures; the website's kernel-free widgets
(sitewidgets/) on top of the widgets."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "iliopsoas_lessons"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# For each layer: the third-party top-level packages and the package's own
# layers it may import.
ALLOWED = {
    "content": (set(), {"content"}),
    "figures": ({"matplotlib", "numpy"}, {"content", "figures"}),
    "progress": ({"platformdirs"}, {"content", "progress"}),
    "links": (set(), {"content", "links"}),
    # the learning-platform exports (Moodle XML, GIFT, QTI): the content only, standard library
    "export": (set(), {"content", "export"}),  # the teachers' class-hub links: the lesson list only
    "widgets": ({"matplotlib", "numpy", "ipywidgets", "IPython", "anywidget", "traitlets"},
                {"content", "figures", "progress", "widgets"}),
    # the widgets on the website without a kernel: drives the widgets, records their states
    "sitewidgets": ({"ipywidgets"}, {"content", "figures", "progress", "widgets", "sitewidgets"}),
    "report": ({"matplotlib", "numpy"}, {"content", "figures", "progress", "report"}),
    # the teachers' console command, on top: hands each subcommand to its tool (export imported lazily)
    "cli": (set(), {"cli", "links", "report", "export"}),
}


def _imports(path: Path, layer: str) -> list[tuple[str, str]]:
    """(kind, name) for each import: ('third', top-level name) or ('own', layer name)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's own layer
                in_folder = node.level == 1 and layer != "api" and path.name != f"{layer}.py"
                parts = ([layer] if in_folder else []) + (node.module or "").split(".")
                own = [p for p in parts if p]
                if node.level == 2 and not own:  # 'from .. import x' names the layers themselves
                    own = [a.name for a in node.names]
                out += [("own", own[0] if own else layer)]
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top, _, rest = name.partition(".")
            if top == "iliopsoas_lessons":
                out.append(("own", rest.split(".")[0] if rest else "api"))
            elif top not in STDLIB:
                out.append(("third", top))
    return out


def _modules(layer: str) -> list[Path]:
    """A layer is a folder of modules, or one module (progress.py)."""
    single = PKG / f"{layer}.py"
    return [single] if single.is_file() else sorted((PKG / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_what_is_below_it(layer):
    third_ok, own_ok = ALLOWED[layer]
    problems = []
    for path in _modules(layer):
        for kind, name in _imports(path, layer):
            if kind == "third" and name not in third_ok:
                problems.append(f"{path.relative_to(PKG)} imports {name}")
            # the top-level API ('import iliopsoas_lessons as il') is the content layer's façade
            if kind == "own" and name not in own_ok | {"api"}:
                problems.append(f"{path.relative_to(PKG)} imports the {name} layer")
    assert problems == []


def test_the_top_level_api_builds_on_the_content_layer_only():
    imports = _imports(PKG / "__init__.py", "api")
    assert {name for kind, name in imports if kind == "own"} <= {"content"}
    assert [name for kind, name in imports if kind == "third"] == []


def test_layer_checker_sees_a_planted_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from ..widgets import Quiz\nimport matplotlib\n")
    assert ("own", "widgets") in _imports(bad, "content")
    assert ("third", "matplotlib") in _imports(bad, "content")


def _loaded_after(code: str) -> set[str]:
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    names = {line.split("|")[-1].strip().split(".")[0] for line in run.stderr.splitlines() if "|" in line}
    return names | set(run.stdout.split())


def test_the_content_layer_loads_neither_matplotlib_nor_ipywidgets():
    # import, load everything and build the text: still no plotting or widget library
    loaded = _loaded_after(
        "import sys, iliopsoas_lessons.content as c; from iliopsoas_lessons.content import lessons, text, review;"
        "c.course(); lessons.lesson_data(); str(text.show_red_flags()); review.statements();"
        "print(' '.join(m.split('.')[0] for m in sys.modules))")
    assert "matplotlib" not in loaded and "ipywidgets" not in loaded and "numpy" not in loaded


def test_the_figures_layer_loads_no_ipywidgets():
    loaded = _loaded_after(
        "import sys, iliopsoas_lessons.figures; from iliopsoas_lessons.figures import mechanisms, bodymap;"
        "bodymap.BodyMapFigure(); mechanisms.MechanismFigure();"
        "print(' '.join(m.split('.')[0] for m in sys.modules))")
    assert "matplotlib" in loaded  # the check itself works
    assert "ipywidgets" not in loaded


def test_every_module_of_the_package_belongs_to_a_layer():
    top = {p.stem for p in PKG.glob("*.py")} | {p.name for p in PKG.iterdir() if (p / "__init__.py").is_file()}
    assert top - {"__init__"} == set(ALLOWED)
    assert all(_modules(layer) for layer in ALLOWED)


def test_the_progress_file_loads_neither_matplotlib_nor_ipywidgets():
    loaded = _loaded_after(
        "import sys, iliopsoas_lessons.progress as p; p.problems({});"
        "print(' '.join(m.split('.')[0] for m in sys.modules))")
    assert "iliopsoas_lessons" in loaded  # the check itself works
    assert "matplotlib" not in loaded and "ipywidgets" not in loaded and "numpy" not in loaded


def test_the_links_command_builds_on_the_content_layer_only():
    """python -m iliopsoas_lessons.links needs the lesson list, not a plotting or widget library."""
    imports = _imports(PKG / "links.py", "api")
    assert {name for kind, name in imports if kind == "own"} <= {"content", "api"}
    assert [name for kind, name in imports if kind == "third"] == []
    loaded = _loaded_after("import sys, iliopsoas_lessons.links as l; l.lesson_links('https://h.example');"
                           "print(' '.join(m.split('.')[0] for m in sys.modules))")
    assert "matplotlib" not in loaded and "ipywidgets" not in loaded
