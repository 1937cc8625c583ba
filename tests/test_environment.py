"""The environment files agree with each other.

requirements.txt is the one place exact versions are pinned; environment.yml
(Binder) must repeat the same pins, install the package itself, and CI must run
the README's test command (`make test`).
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
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
REQUIREMENTS = REPO / "requirements.txt"
ENVIRONMENT = REPO / "environment.yml"
CI_RUN = REPO / ".ci" / "run"
WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
MAKEFILE = REPO / "Makefile"

# what Binder needs to run the lessons
BINDER_REQUIRED = {"jupyterlab", "ipywidgets", "matplotlib", "numpy", "voila", "ipykernel"}


def _lines(text: str):
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            yield line


def parse_requirements(text: str) -> list[Requirement]:
    return [Requirement(line) for line in _lines(text)]


def pins_for(reqs: list[Requirement], python_version: str) -> dict[str, str]:
    """name -> exact version, for the requirements whose marker applies to python_version."""
    env = {"python_version": python_version, "python_full_version": python_version + ".0"}
    out: dict[str, str] = {}
    for r in reqs:
        if r.marker is not None and not r.marker.evaluate(env):
            continue
        name = canonicalize_name(r.name)
        specs = list(r.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{r} is not an exact '==' pin"
        assert name not in out, f"{name} pinned twice for Python {python_version}"
        out[name] = specs[0].version
    return out


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


def disagreements(req_text: str, env_text: str) -> list[str]:
    py, _, pip_lines = load_environment(env_text)
    req = pins_for(parse_requirements(req_text), py)
    env = environment_pins(pip_lines)
    problems = [f"{n}: environment.yml has {v}, requirements.txt has {req[n]}" for n, v in env.items() if n in req and req[n] != v]
    problems += [f"{n}: pinned in environment.yml but not in requirements.txt" for n in env if n not in req]
    return problems


# --------------------------------------------------------------------------
def test_requirements_are_exact_pins_for_every_supported_python():
    reqs = parse_requirements(REQUIREMENTS.read_text())
    for py in ("3.10", "3.11", "3.12", "3.13"):
        pins = pins_for(reqs, py)
        assert BINDER_REQUIRED <= set(pins), f"Python {py}: missing pins {BINDER_REQUIRED - set(pins)}"
        for tool in ("pytest", "nbval", "playwright", "jupyter-repo2docker", "build"):
            assert tool in pins, f"{tool} not pinned for Python {py}"


def test_environment_yml_pins_agree_with_requirements():
    problems = disagreements(REQUIREMENTS.read_text(), ENVIRONMENT.read_text())
    assert problems == [], "\n".join(problems)
    _, _, pip_lines = load_environment(ENVIRONMENT.read_text())
    missing = BINDER_REQUIRED - set(environment_pins(pip_lines))
    assert not missing, f"environment.yml does not pin {sorted(missing)}"


def test_disagreement_is_detected():
    """The checker itself: a changed version in either file is reported."""
    env_text = ENVIRONMENT.read_text()
    req_text = REQUIREMENTS.read_text()
    py, _, _ = load_environment(env_text)
    pins = pins_for(parse_requirements(req_text), py)
    bad_env = env_text.replace(f"ipywidgets=={pins['ipywidgets']}", "ipywidgets==0.0.1")
    assert bad_env != env_text
    assert any("ipywidgets" in p for p in disagreements(req_text, bad_env))
    bad_req = req_text.replace(f"jupyterlab=={pins['jupyterlab']}", "jupyterlab==0.0.2")
    assert bad_req != req_text
    assert any("jupyterlab" in p for p in disagreements(bad_req, env_text))


def test_environment_yml_installs_python_pip_and_the_package():
    py, conda, pip_lines = load_environment(ENVIRONMENT.read_text())
    assert Version(py) >= Version("3.10")
    assert "pip" in conda, "environment.yml needs `pip` to install its pip: section"
    local = [line for line in pip_lines if line in (".", "./", "-e .", "-e ./", "--editable .")]
    assert local, "environment.yml's pip: section must install the package itself ('.' or '-e .')"


def test_pyproject_runtime_deps_are_satisfied_by_the_pins():
    pyproject = REPO / "pyproject.toml"
    if not pyproject.exists():
        pytest.skip("pyproject.toml not written yet")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    deps = tomllib.loads(pyproject.read_text())["project"].get("dependencies", [])
    reqs = parse_requirements(REQUIREMENTS.read_text())
    for py in ("3.10", "3.11"):
        pins = pins_for(reqs, py)
        for dep in map(Requirement, deps):
            name = canonicalize_name(dep.name)
            assert name in pins, f"runtime dependency {name} is not pinned in requirements.txt"
            assert dep.specifier.contains(pins[name], prereleases=True), (
                f"pyproject.toml wants {dep}, requirements.txt pins {name}=={pins[name]} (Python {py})"
            )


@pytest.mark.skipif(
    Path(sys.prefix).resolve() != (REPO / ".venv").resolve(),
    reason="only checks the repo's own .venv (made by `make`)",
)
def test_repo_venv_matches_the_pins():
    v = f"{sys.version_info.major}.{sys.version_info.minor}"
    pins = pins_for(parse_requirements(REQUIREMENTS.read_text()), v)
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
    reqs = parse_requirements(REQUIREMENTS.read_text())
    for py in ("3.10", "3.11", "3.12", "3.13"):
        assert HUB_PINS <= set(pins_for(reqs, py)), f"Python {py}: missing {HUB_PINS - set(pins_for(reqs, py))}"


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
