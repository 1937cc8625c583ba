"""iliopsoas_lessons.singleuser: the learners' servers on the class hub start
without building rfc3987_syntax's parsers, and jsonschema's "iri" check still
works if anything asks for it.

The project's own lock leaves rfc3987_syntax out, but a hub installed with pip
gets it (jsonschema[format-nongpl], through jupyter-events). Where it is not
installed, a stand-in package with the same layout (``__init__`` importing
``syntax_helpers``, which holds ``is_valid_syntax``) is put on the path, so the
launcher's deferral is tested in every clone, not only where pip put the real
one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAND_IN = {
    "__init__.py": "from .syntax_helpers import *\n",
    # the real module builds Lark parsers here; the stand-in only judges 'no spaces, has a scheme'
    "syntax_helpers.py": (
        "import re\n"
        "def is_valid_syntax(rule, value):\n"
        "    return rule in ('iri', 'iri_reference') and re.match(r'^[a-z][a-z0-9+.-]*:\\S+$', value) is not None\n"
    ),
}


@pytest.fixture(scope="module")
def iri_path(tmp_path_factory) -> list[str]:
    """Extra import path for the subprocesses: none where rfc3987_syntax is installed,
    else a folder holding the stand-in package."""
    import importlib.util

    if importlib.util.find_spec("rfc3987_syntax") is not None:
        return []
    folder = tmp_path_factory.mktemp("iri") / "rfc3987_syntax"
    folder.mkdir()
    for name, text in STAND_IN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder.parent)]


def run(*args: str, path: list[str] = ()) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *path, *[p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]]
    )
    return subprocess.run(
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )


def imported(stderr: str) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.slow  # two Python processes that load jupyter_server
def test_the_learners_server_command_runs_without_building_the_iri_parsers(iri_path):
    """The very command the hub runs (deploy/jupyterhub/jupyterhub_config.py), asked
    for its version: jupyter_server and jsonschema load, the parsers' module does not."""
    done = run("-m", "iliopsoas_lessons.singleuser", "--version", path=iri_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip()  # jupyterhub's version
    modules = imported(done.stderr)
    assert {"jupyter_server.serverapp", "jupyterhub.singleuser.extension", "jsonschema"} <= modules
    assert "rfc3987_syntax.syntax_helpers" not in modules
    # nor the hub's own handlers and database layer
    assert not {"jupyterhub.orm", "jupyterhub.handlers.base", "alembic", "sqlalchemy.orm", "mako"} & modules
    # and without the launcher, jupyterhub-singleuser's own imports do build them, and load those
    plain = run("-c", "import jupyterhub.singleuser", path=iri_path)
    assert plain.returncode == 0, plain.stderr[-2000:]
    assert "rfc3987_syntax.syntax_helpers" in imported(plain.stderr)
    assert {"jupyterhub.orm", "jupyterhub.handlers.base", "alembic", "sqlalchemy.orm"} <= imported(plain.stderr)


def test_the_hubs_handlers_and_orm_still_load_when_something_uses_them():
    """The stand-ins skip_hub_database puts in place: jupyterhub.log takes a
    placeholder for HealthCheckHandler, and anything else asked of them loads
    the real modules."""
    code = (
        "import sys\n"
        "from iliopsoas_lessons.singleuser import skip_hub_database\n"
        "assert skip_hub_database() is True\n"
        "assert skip_hub_database() is False\n"  # the stand-ins are in place: left alone
        "import jupyterhub.singleuser.extension\n"
        "from jupyterhub.log import log_request\n"
        "assert 'jupyterhub.handlers.base' not in sys.modules and 'sqlalchemy.orm' not in sys.modules\n"
        "import jupyterhub.orm\n"
        "print(jupyterhub.orm.User.__tablename__)\n"  # the real ORM, loaded on first use
        "from jupyterhub.handlers import BaseHandler\n"
        "print(BaseHandler.__module__)\n"
        "import jupyterhub.handlers.pages as pages\n"
        "print(pages.RootHandler.__module__)\n"
    )
    done = run("-c", code)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["users", "jupyterhub.handlers.base", "jupyterhub.handlers.pages"]


def test_the_iri_check_still_judges_when_asked(iri_path):
    code = (
        "from iliopsoas_lessons.singleuser import DEFERRED, defer_import\n"
        "import sys\n"
        "assert defer_import(*DEFERRED) is not None\n"
        "from jsonschema import FormatChecker\n"
        "assert 'rfc3987_syntax.syntax_helpers' not in sys.modules\n"
        "fc = FormatChecker()\n"
        "print(fc.conforms('https://example.org/r\\u00e9sum\\u00e9', 'iri'), fc.conforms('no iri', 'iri'))\n"
        "print('rfc3987_syntax.syntax_helpers' in sys.modules)\n"
    )
    done = run("-c", code, path=iri_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "False", "True"]


def test_a_module_already_loaded_or_not_installed_is_left_alone(monkeypatch):
    from iliopsoas_lessons.singleuser import defer_import

    assert defer_import("json", "loads") is None  # loaded: nothing replaced
    assert sys.modules["json"].loads("1") == 1
    assert defer_import("no_such_module_here", "f") is None
    assert "no_such_module_here" not in sys.modules


@pytest.mark.slow  # two Python processes that load JupyterLab's server
@pytest.mark.parametrize("launcher", [True, False])
def test_jupyterlab_asks_node_for_yarns_configuration_only_without_the_launcher(tmp_path, launcher):
    """A stand-in ``node`` first on the PATH notes each call: JupyterLab's import
    calls it (yarn's config) unless the launcher's skip_yarn_config ran first."""
    calls = tmp_path / "node-calls"
    node = tmp_path / "bin" / "node"
    node.parent.mkdir()
    node.write_text(f'#!/bin/sh\necho "$@" >> {calls}\necho "{{}}"\n', encoding="utf-8")
    node.chmod(0o755)
    code = (
        "from iliopsoas_lessons.singleuser import skip_yarn_config\n"
        "assert skip_yarn_config() is True\n" * launcher + "import jupyterlab.labapp\n"
        "from jupyterlab.commands import AppOptions\n"
        "print(AppOptions().registry)\n"
    )
    env = {**os.environ, "PATH": os.pathsep.join([str(node.parent), os.environ.get("PATH", "")])}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *[p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().startswith("https://")  # a registry all the same: yarn's default
    if launcher:
        assert not calls.exists()
    else:
        assert "config --json" in calls.read_text(encoding="utf-8")
