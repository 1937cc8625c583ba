"""The environments agree with the one lock file, uv.lock.

pyproject.toml says what each use needs (the lessons and hub extras, the test
and site dependency groups), in ranges; uv.lock pins every package of every
environment; `make lock` exports requirements-lessons.txt (make lab),
requirements.txt (the developers' venv, CI), requirements-site.txt (.venv/site)
and environment.yml (Binder) from it. These tests read the lock themselves
(scripts/lockfile.py, no uv needed) and check that each file says exactly
what the lock says, on every supported Python; CI must run `make test`.
"""

from __future__ import annotations

import os
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import lockfile  # scripts/ is not a package: put on sys.path above

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REQUIREMENTS = REPO / "requirements.txt"
ENVIRONMENT = REPO / "environment.yml"
CI_RUN = REPO / ".ci" / "run"
WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
MAKEFILE = REPO / "Makefile"
PYTHONS = ("3.10", "3.11", "3.12", "3.13")

# each exported file: what it holds (pyproject's extras and groups, and whether the
# package's own dependencies come with it: the site's venv does not install the package)
EXPORTS = {
    "requirements-lessons.txt": {"extras": ("lessons",), "groups": ()},
    "requirements.txt": {"extras": ("lessons", "hub"), "groups": ("test",)},
    "requirements-site.txt": {"extras": (), "groups": ("site",), "project_deps": False},
}
# what Binder needs to run the lessons
BINDER_REQUIRED = {"jupyterlab", "ipywidgets", "matplotlib", "numpy", "voila", "ipykernel"}
# what a learner's or teacher's `make lab` must not install
NOT_FOR_LEARNERS = {
    "pytest",
    "pytest-xdist",
    "nbval",
    "playwright",
    "axe-playwright-python",
    "jupyter-repo2docker",
    "build",
    "ruff",
    "import-linter",
    "jupyterhub",
    "jupyterhub-idle-culler",
    "jupyterhub-systemdspawner",
    "sphinx",
}


@pytest.fixture(scope="module")
def lock():
    return lockfile.read_lock()


def file_pins(text: str, python: str) -> dict[str, str]:
    """{package: version} a requirements file installs on ``python``: every line an exact pin."""
    env = lockfile.marker_env(python)
    out: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{line!r} is not an exact '==' pin"
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        name = canonicalize_name(req.name)
        assert name not in out, f"{name} pinned twice for Python {python}"
        out[name] = specs[0].version
    return out


def disagreements(text: str, lock: dict, python: str, spec: dict) -> list[str]:
    want = lockfile.pins(lock, python=python, **spec)
    have = file_pins(text, python)
    problems = [
        f"{n}: the file has {have.get(n)}, uv.lock has {want.get(n)}"
        for n in sorted(set(want) | set(have))
        if want.get(n) != have.get(n)
    ]
    return [f"Python {python}: {p}" for p in problems]


def load_environment(text: str) -> tuple[str, list[str], list[str]]:
    """(python version, conda deps, pip lines) from environment.yml text."""
    env = yaml.safe_load(text)
    conda, pip = [], []
    for dep in env.get("dependencies", []):
        if isinstance(dep, dict):
            pip.extend(str(x).strip() for x in dep.get("pip", []))
        else:
            conda.append(str(dep).strip())
    py = [d for d in conda if re.match(r"^python\s*[=<>]", d)]
    assert len(py) == 1, f"environment.yml must pin python exactly once, found {py}"
    m = re.match(r"^python\s*=+\s*(\d+\.\d+)", py[0])
    assert m, f"python must be pinned like python=3.11, got {py[0]!r}"
    return m.group(1), conda, pip


def environment_pins(pip_lines: list[str]) -> dict[str, str]:
    out = {}
    for line in pip_lines:
        if line.startswith("-") or line in (".", "./") or "/" in line:
            continue
        r = Requirement(line)
        specs = list(r.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"environment.yml: {line} is not an exact pin"
        out[canonicalize_name(r.name)] = specs[0].version
    return out


# --------------------------------------------------------------------------
# The lock says what pyproject.toml asks for; each file says what the lock says.
def _wanted(reqs, group: str) -> set[tuple]:
    return {
        (canonicalize_name(r.name), str(SpecifierSet(str(r.specifier))), tuple(sorted(r.extras)), group)
        for r in map(Requirement, reqs)
    }


def test_the_lock_was_made_from_this_pyproject(lock):
    """uv.lock records what it was resolved for; a dependency added, removed or
    given another range in pyproject.toml without `make lock` is caught here."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    want = _wanted(project["project"]["dependencies"], "")
    for extra, reqs in project["project"]["optional-dependencies"].items():
        want |= _wanted(reqs, extra)
    for group, reqs in project["dependency-groups"].items():
        want |= _wanted(reqs, "group:" + group)
    meta = next(p for p in lock["package"] if p["name"] == lockfile.PROJECT)["metadata"]
    have = set()
    for e in meta["requires-dist"]:
        extra = re.fullmatch(r"extra == '([^']*)'", e.get("marker", "extra == ''")).group(1)
        have.add(
            (
                canonicalize_name(e["name"]),
                str(SpecifierSet(e.get("specifier", ""))),
                tuple(sorted(e.get("extras", ()))),
                extra,
            )
        )
    for group, entries in meta["requires-dev"].items():
        have |= {
            (
                canonicalize_name(e["name"]),
                str(SpecifierSet(e.get("specifier", ""))),
                tuple(sorted(e.get("extras", ()))),
                "group:" + group,
            )
            for e in entries
        }
    assert want == have, f"run `make lock`: pyproject only {sorted(want - have)}, uv.lock only {sorted(have - want)}"


@pytest.mark.parametrize("name", sorted(EXPORTS))
@pytest.mark.parametrize("python", PYTHONS)
def test_each_requirements_file_is_exported_from_the_lock(lock, name, python):
    problems = disagreements((REPO / name).read_text(), lock, python, EXPORTS[name])
    assert problems == [], f"run `make lock` ({name}):\n" + "\n".join(problems)


def test_a_changed_pin_is_detected(lock):
    """The checker itself: a version changed in a file, or a line dropped, is reported."""
    text = REQUIREMENTS.read_text()
    pins = lockfile.pins(lock, python="3.11", **EXPORTS["requirements.txt"])
    bumped = text.replace(f"jupyterlab=={pins['jupyterlab']}", "jupyterlab==0.0.2")
    assert bumped != text
    assert any("jupyterlab" in p for p in disagreements(bumped, lock, "3.11", EXPORTS["requirements.txt"]))
    dropped = re.sub(r"^pytest==.*$", "", text, flags=re.M)
    assert any("pytest:" in p for p in disagreements(dropped, lock, "3.11", EXPORTS["requirements.txt"]))


def test_environment_yml_is_written_from_the_lock(lock):
    assert ENVIRONMENT.read_text() == lockfile.environment_yml(lock), "run `make lock` (environment.yml)"
    py, _, pip_lines = load_environment(ENVIRONMENT.read_text())
    pins = environment_pins(pip_lines)
    assert BINDER_REQUIRED <= set(pins), f"environment.yml does not pin {sorted(BINDER_REQUIRED - set(pins))}"
    everything = lockfile.pins(lock, python=py, extras=("lessons",))
    assert {n: everything[n] for n in pins} == pins


def test_make_lab_installs_no_test_or_hub_tool(lock):
    for py in PYTHONS:
        lessons = file_pins((REPO / "requirements-lessons.txt").read_text(), py)
        assert BINDER_REQUIRED <= set(lessons)
        assert not NOT_FOR_LEARNERS & set(lessons), f"Python {py}: {sorted(NOT_FOR_LEARNERS & set(lessons))}"
        tests = file_pins(REQUIREMENTS.read_text(), py)
        assert NOT_FOR_LEARNERS - {"sphinx"} <= set(tests), f"Python {py}: the test venv lacks a tool"
    text = MAKEFILE.read_text()
    recipe = re.search(r"^\$\(LAB_STAMP\):(.*)\n((?:\t.*\n)+)", text, re.M)
    assert recipe and "requirements-lessons.txt" in recipe.group(1) + recipe.group(2)
    assert "requirements.txt" not in recipe.group(2).replace("requirements-lessons.txt", "")
    assert re.search(r"^lab: \$\(LAB_STAMP\)", text, re.M), "make lab must not install the developers' venv"


def test_environment_yml_installs_python_pip_and_the_package():
    py, conda, pip_lines = load_environment(ENVIRONMENT.read_text())
    assert Version(py) >= Version("3.10")
    assert "pip" in conda, "environment.yml needs `pip` to install its pip: section"
    local = [line for line in pip_lines if line in (".", "./", "-e .", "-e ./", "--editable .")]
    assert local, "environment.yml's pip: section must install the package itself ('.' or '-e .')"


@pytest.mark.skipif(
    Path(sys.prefix).resolve() != (REPO / ".venv").resolve(),
    reason="only checks the repo's own .venv (made by `make`)",
)
def test_repo_venv_matches_the_pins():
    v = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    pins = file_pins(REQUIREMENTS.read_text(), v)
    wrong = []
    for name, want in pins.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{name}: not installed (want {want})")
            continue
        if Version(have) != Version(want):
            wrong.append(f"{name}: installed {have}, pinned {want}")
    assert not wrong, "run `make test` (reinstalls from requirements.txt):\n" + "\n".join(wrong)


def test_ci_run_calls_make_test():
    assert CI_RUN.exists()
    assert os.access(CI_RUN, os.X_OK), ".ci/run must be executable"
    text = CI_RUN.read_text()
    assert text.startswith("#!/usr/bin/env bash") or text.startswith("#!/bin/bash")
    assert "set -euo pipefail" in text or "set -e" in text
    commands = [line.strip() for line in text.splitlines() if not line.strip().startswith("#")]
    assert any(re.match(r"^(exec\s+)?make\s+test\b", c) for c in commands), ".ci/run must run `make test`"
    assert "ILIOPSOAS_REQUIRE_BROWSER=1" in text
    assert "chromium" in text


def test_makefile_test_target_runs_everything():
    text = MAKEFILE.read_text()
    m = re.search(r"^test:.*\n((?:\t.*\n)+)", text, re.M)
    assert m, "Makefile has no `test:` target"
    recipe = m.group(1)
    assert "pytest" in recipe and "tests" in recipe
    assert "NBVAL_ARGS" in recipe and "--nbval" in text


def test_github_workflow_runs_make_test():
    wf = yaml.safe_load(WORKFLOW.read_text())
    triggers = wf.get("on", wf.get(True))  # YAML 1.1 reads `on` as True
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "make test" in runs
    assert "apt-get install -y chromium" in runs


# --------------------------------------------------------------------------
# The class hub (deploy/jupyterhub/): what each environment must hold.
HUB_PINS = {"jupyterhub", "nbgitpuller", "jupyterhub-idle-culler", "jupyterhub-systemdspawner"}
PROXY_PACKAGE = REPO / "deploy" / "jupyterhub" / "package.json"


def test_the_hub_packages_are_pinned_for_every_supported_python():
    for py in PYTHONS:
        pins = file_pins(REQUIREMENTS.read_text(), py)
        assert HUB_PINS <= set(pins), f"Python {py}: missing {HUB_PINS - set(pins)}"


def test_the_single_user_image_has_nbgitpuller_but_not_its_own_hub():
    """environment.yml builds the Zero to JupyterHub image (and Binder's): nbgitpuller
    must be in it; jupyterhub-singleuser comes from repo2docker, matching the chart's hub,
    so the image must not pin another jupyterhub (nor the culler or the spawner, hub-side)."""
    _, _, pip_lines = load_environment(ENVIRONMENT.read_text())
    pins = environment_pins(pip_lines)
    assert "nbgitpuller" in pins
    assert not {"jupyterhub", "jupyterhub-idle-culler", "jupyterhub-systemdspawner"} & set(pins)


def test_the_proxy_is_pinned_and_installed_from_its_lock_file():
    import json

    package = json.loads(PROXY_PACKAGE.read_text())
    version = package["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"configurable-http-proxy {version!r} is not an exact pin"
    lock = json.loads((PROXY_PACKAGE.parent / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == version
    makefile = MAKEFILE.read_text()
    assert "npm ci" in makefile and "deploy/jupyterhub" in makefile  # never `npm install`: the lock file decides
    assert "npm" in CI_RUN.read_text()
