"""The package installs from its wheel, outside the repo, and Binder's build plan is right.

Select with ``pytest -m packaging``; runs in ``make test`` too.
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from wheel_helpers import clean_environment, run_checked

pytestmark = [pytest.mark.packaging, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
PKG = "iliopsoas_lessons"
_run = run_checked


@pytest.fixture
def wheel(built_wheel) -> Path:
    """The wheel, built once per test run (tests/conftest.py: built_wheel)."""
    return built_wheel


def test_wheel_ships_the_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n for n in names if n.startswith(f"{PKG}/data/") and n.endswith(".json")}
    assert shipped, f"no {PKG}/data/*.json in {wheel.name}"
    in_repo = {p.relative_to(REPO).as_posix() for p in (REPO / PKG / "data").rglob("*.json")}
    missing = in_repo - names
    assert not missing, f"data files not in the wheel: {sorted(missing)}"
    schemas = {p.relative_to(REPO).as_posix() for p in (REPO / PKG / "content" / "schemas").rglob("*.schema.json")}
    assert schemas and not schemas - names, f"schemas not in the wheel: {sorted(schemas - names)}"
    assert f"{PKG}/__init__.py" in names
    # the widgets' front ends: JupyterLab's (widgets/static) and the website's (sitewidgets/static)
    fronts = {
        p.relative_to(REPO).as_posix()
        for folder in ("widgets", "sitewidgets")
        for p in (REPO / PKG / folder / "static").iterdir()
        if p.suffix in (".js", ".css")
    }
    assert fronts and not fronts - names, f"front-end files not in the wheel: {sorted(fronts - names)}"
    assert not any(n.startswith(("tests/", "notebooks/", "benchmarks/")) for n in names), "wheel ships non-package dirs"


SMOKE = textwrap.dedent(
    r'''
    import sys
    from pathlib import Path
    import iliopsoas_lessons as il

    here = Path(il.__file__).resolve()
    assert "site-packages" in here.parts, f"imported from {here}, not the installed wheel"
    assert len(il.symptoms()) == 5, il.symptoms()
    print("symptoms:", len(il.symptoms()))

    # the body-map geometry ships in the wheel and draws a figure
    from matplotlib.figure import Figure
    from iliopsoas_lessons.figures.bodymap import plot_referred_pain
    fig = Figure(figsize=(6, 5), dpi=80)
    drawn = plot_referred_pain(fig.subplots(1, 2), "back_pain", side="right")
    gids = {p.get_gid() for view in ("front", "back") for p in drawn[view]["regions"].values()
            if p.get_visible() and p.get_facecolor()[3] > 0}
    assert set(il.symptom("back_pain").regions_for("right")) <= gids, gids
    fig.savefig("bodymap.png")
    print("bodymap: drew", len(gids), "regions")
    # and the female body too (its geometry is its own file beside the male one)
    drawn = plot_referred_pain(Figure().subplots(1, 2), "sciatic_pain", body="female")
    assert drawn["back"]["regions"]["nerve_root_left"].get_visible()
    print("bodymap: female body ok")

    # a lesson widget builds from the installed data
    from iliopsoas_lessons.widgets import SymptomStepper
    stepper = SymptomStepper()
    assert "Low back pain" in stepper._repr_mimebundle_()["text/html"]
    print("widgets: ok")

    # the Voila template and its setting are installed into the environment
    prefix = Path(sys.prefix)
    assert (prefix / "share/jupyter/voila/templates/iliopsoas/index.html.j2").is_file()
    assert (prefix / "etc/jupyter/jupyter_server_config.d/iliopsoas_lessons.json").is_file()
    print("voila template: installed")
    # JupyterLab's settings for learners: no news prompt, no update check
    import json
    overrides = json.loads((prefix / "share/jupyter/lab/settings/overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    print("lab settings: installed")
    '''
)


def test_wheel_installs_and_works_in_a_fresh_venv(wheel_venv, tmp_path):
    """The wheel as pip installs it into a fresh venv with only its own dependencies
    (tests/conftest.py: wheel_venv): the package, its data and the Voila template."""
    assert REPO not in wheel_venv.parents
    work = tmp_path / "cwd"
    work.mkdir()
    (work / "smoke.py").write_text(SMOKE)
    out = _run([wheel_venv, "smoke.py"], cwd=work, env=clean_environment(), timeout=120)
    assert "symptoms: 5" in out and "widgets: ok" in out and "voila template: installed" in out
    assert "bodymap: female body ok" in out
    assert "bodymap: drew" in out and (work / "bodymap.png").stat().st_size > 1000
    print(out)


def _repo2docker() -> Path:
    exe = Path(sys.executable).parent / "jupyter-repo2docker"
    if not exe.exists():
        found = shutil.which("jupyter-repo2docker")
        assert found, "jupyter-repo2docker is not installed (pinned in requirements.txt)"
        exe = Path(found)
    return exe


def test_binder_builds_conda_env_from_environment_yml(tmp_path):
    """repo2docker (what Binder runs) picks environment.yml and installs the package.

    ``--no-build --debug`` prints the generated Dockerfile without needing docker.
    Uses a clean clone of HEAD: what Binder would see.
    """
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs git and a git checkout")
    clone = tmp_path / "clone"
    _run(["git", "clone", "--quiet", "--no-hardlinks", REPO, clone], cwd=tmp_path, timeout=120)
    assert (clone / "environment.yml").exists(), "environment.yml is not committed"
    out = _run([_repo2docker(), "--no-build", "--debug", clone], cwd=tmp_path, env=clean_environment(), timeout=180)

    assert re.search(r"Building conda environment for python=3\.11", out), out[:3000]
    update = re.search(r'env update -p \$\{NB_PYTHON_PREFIX\} --file "environment\.yml"', out)
    assert update, "Dockerfile does not install environment.yml:\n" + out[-4000:]
    # the package ('.' in the pip: section) needs the repo: it must be installed after the copy
    copy = out.find("COPY --chown=0:0 src/ ${REPO_DIR}/")
    assert copy != -1, out[-4000:]
    assert update.start() > copy, "environment.yml is installed before the repo is copied; '.' would fail"
    # conda buildpack only: requirements.txt (test tools) is not what Binder installs
    assert "requirements.txt" not in out
