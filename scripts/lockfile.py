"""Read uv.lock, the one lock file, without uv: which exact versions an
environment gets for a set of extras and dependency groups on one Python.

`make lock` writes uv.lock (uv, pinned in the Makefile) and exports the
requirements files from it; this module lets tests/test_environment.py check
that those files and environment.yml still say what the lock says, and
`python scripts/lockfile.py` writes environment.yml (Binder's environment).
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from packaging.markers import Marker
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "uv.lock"
PROJECT = "iliopsoas-lessons"
# Binder builds environment.yml with conda's newest Python 3.11
BINDER_PYTHON = "3.11"


def marker_env(python: str) -> dict[str, str]:
    """A Linux CPython of ``python`` (x.y): where the lessons, CI and Binder run."""
    full = python if python.count(".") == 2 else f"{python}.99"
    return {
        "python_version": ".".join(full.split(".")[:2]),
        "python_full_version": full,
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
        "platform_machine": "x86_64",
        "extra": "",
    }


def read_lock(path: Path = LOCK) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _applies(entry: dict, env: dict) -> bool:
    marker = entry.get("marker")
    return marker is None or Marker(marker).evaluate(env)


def pins(
    lock: dict, *, python: str, extras: tuple[str, ...] = (), groups: tuple[str, ...] = (), project_deps: bool = True
) -> dict[str, str]:
    """{package: version} that the lock installs on ``python`` for the project's
    ``extras`` and dependency ``groups`` (with the project's own dependencies
    unless ``project_deps`` is false), the project itself left out."""
    env = marker_env(python)
    packages: dict[str, list[dict]] = {}
    for p in lock["package"]:
        packages.setdefault(canonicalize_name(p["name"]), []).append(p)

    def package(entry: dict) -> dict:
        found = packages[canonicalize_name(entry["name"])]
        if "version" in entry:
            found = [p for p in found if p["version"] == entry["version"]]
        if len(found) != 1:
            raise LookupError(f"uv.lock: {entry} matches {len(found)} packages")
        return found[0]

    root = package({"name": PROJECT})
    todo = [(e, ()) for e in (root.get("dependencies", []) if project_deps else [])]
    todo += [(e, ()) for x in extras for e in root.get("optional-dependencies", {})[x]]
    todo += [(e, ()) for g in groups for e in root.get("dev-dependencies", {})[g]]
    out: dict[str, str] = {}
    seen: set[tuple[str, str, tuple]] = set()
    while todo:
        entry, _ = todo.pop()
        if not _applies(entry, env):
            continue
        p = package(entry)
        name = canonicalize_name(p["name"])
        wanted = tuple(entry.get("extra", ()))
        key = (name, p["version"] if "version" in p else "", wanted)
        if key in seen:
            continue
        seen.add(key)
        if name != PROJECT:
            if out.get(name, p["version"]) != p["version"]:
                raise LookupError(f"uv.lock: {name} at {out[name]} and {p['version']} on Python {python}")
            out[name] = p["version"]
        todo += [(e, ()) for e in p.get("dependencies", [])]
        for x in wanted:
            todo += [(e, ()) for e in p.get("optional-dependencies", {}).get(x, [])]
    return dict(sorted(out.items()))


def direct(lock: dict, *, python: str, extras: tuple[str, ...]) -> dict[str, str]:
    """{package: version} of the project's own dependencies and those its
    ``extras`` name directly, as the lock pins them on ``python``."""
    env = marker_env(python)
    root = next(p for p in lock["package"] if p["name"] == PROJECT)
    entries = [*root.get("dependencies", []), *(e for x in extras for e in root["optional-dependencies"][x])]
    everything = pins(lock, python=python, extras=extras)
    return {
        canonicalize_name(e["name"]): everything[canonicalize_name(e["name"])]
        for e in entries
        if _applies(e, env) and canonicalize_name(e["name"]) != PROJECT
    }


ENVIRONMENT_HEAD = """\
# Binder / repo2docker environment (and the Zero to JupyterHub single-user
# image, deploy/jupyterhub/values.yaml). Written by `make lock` from uv.lock
# (scripts/lockfile.py): the lessons extra's packages at the versions the lock
# gives Python {python}. Do not edit by hand; tests/test_environment.py checks it.
# nbgitpuller lets the teachers' links update a learner's copy; jupyterhub-singleuser
# comes from repo2docker's own environment, matching the chart's hub.
name: iliopsoas-lessons
channels:
  - conda-forge
dependencies:
  - python={python}
  - pip
  - pip:
"""


def environment_yml(lock: dict) -> str:
    lines = [
        f"      - {name}=={version}\n"
        for name, version in direct(lock, python=BINDER_PYTHON, extras=("lessons",)).items()
    ]
    return (
        ENVIRONMENT_HEAD.format(python=BINDER_PYTHON)
        + "".join(lines)
        + "      # the lessons package itself (installed from the repo checkout)\n      - .\n"
    )


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "environment.yml"
    target.write_text(environment_yml(read_lock()), encoding="utf-8")
    print(f"wrote {target}")
