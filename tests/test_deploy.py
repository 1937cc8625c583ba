"""deploy/jupyterhub/: the single-server config sets what the README promises,
and the Zero to JupyterHub values agree with it."""
from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"
VALUES = yaml.safe_load((DEPLOY / "values.yaml").read_text())


def load_config(monkeypatch, env: dict[str, str], tljh: bool = False) -> Config:
    """Run jupyterhub_config.py as JupyterHub does, with ``env`` set."""
    for name in [n for n in __import__("os").environ if n.startswith("ILIOPSOAS_HUB_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    c = Config()
    if tljh:  # what TLJH's own config has set before it loads jupyterhub_config.d/
        c.JupyterHub.spawner_class = "tljh.user_creating_spawner.UserCreatingSpawner"
        c.Spawner.mem_limit = "1G"
    runpy.run_path(str(DEPLOY / "jupyterhub_config.py"), init_globals={"get_config": lambda: c})
    return c


def _bytes(size: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([KMG])", size).groups()
    return int(number) * 1024 ** "KMG".index(unit) * 1024


def test_a_single_server_gets_lab_the_culler_a_memory_limit_and_the_lessons_env(monkeypatch, tmp_path):
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path)})
    assert c.Spawner.default_url == "/lab"
    assert c.Spawner.cmd[0].endswith("/bin/jupyterhub-singleuser")
    assert _bytes(c.Spawner.mem_limit) >= 400 * 1024 ** 2
    culler = {s["name"]: s for s in c.JupyterHub.services}["idle-culler"]
    assert culler["command"][1:3] == ["-m", "jupyterhub_idle_culler"] and "--timeout=3600" in culler["command"]
    assert c.JupyterHub.load_roles[0]["services"] == ["idle-culler"]
    assert "delete:servers" in c.JupyterHub.load_roles[0]["scopes"]
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000"  # nothing public until IT puts TLS in front
    assert c.JupyterHub.authenticator_class == "jupyterhub.auth.PAMAuthenticator"


def test_without_systemdspawner_it_says_the_limit_is_not_enforced(monkeypatch, tmp_path, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "systemdspawner" else real(name, *a))
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path)})
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.LocalProcessSpawner"
    assert "does NOT enforce the memory limit" in capsys.readouterr().err
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: object() if name == "systemdspawner" else real(name, *a))
    assert load_config(monkeypatch, {}).JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"


def test_the_simulation_overrides_give_a_shared_password_and_a_home_per_learner(monkeypatch, tmp_path):
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_HOME_ROOT": str(tmp_path), "ILIOPSOAS_HUB_STATE_DIR": str(tmp_path),
                                  "ILIOPSOAS_HUB_SHARED_PASSWORD": "a-long-class-password",
                                  "ILIOPSOAS_HUB_BIND_URL": "http://127.0.0.1:8999"})
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.SimpleLocalProcessSpawner"
    assert c.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "{username}")
    assert c.JupyterHub.authenticator_class.endswith("SharedPasswordAuthenticator")
    assert c.SharedPasswordAuthenticator.user_password == "a-long-class-password"
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8999"


def test_on_tljh_it_keeps_tljh_choices(monkeypatch):
    c = load_config(monkeypatch, {}, tljh=True)
    assert c.JupyterHub.spawner_class == "tljh.user_creating_spawner.UserCreatingSpawner"
    assert c.Spawner.mem_limit == "1G"  # tljh-config's limits.memory wins
    assert c.Spawner.default_url == "/lab"
    assert "services" not in c.JupyterHub and "cmd" not in c.Spawner  # TLJH's culler and user env


def test_values_yaml_builds_on_the_measured_figures_and_culls():
    user = VALUES["singleuser"]
    assert user["defaultUrl"] == "/lab"
    assert user["image"]["tag"] != "latest"
    guarantee, limit = _bytes(user["memory"]["guarantee"]), _bytes(user["memory"]["limit"])
    assert 0 < guarantee < limit
    assert VALUES["cull"]["enabled"] is True and VALUES["cull"]["timeout"] == 3600
    assert VALUES["hub"]["config"]["JupyterHub"]["authenticator_class"] != "dummy"


def test_one_memory_limit_for_both_deployments(monkeypatch, tmp_path):
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path)})
    assert _bytes(c.Spawner.mem_limit) == _bytes(VALUES["singleuser"]["memory"]["limit"])


@pytest.mark.parametrize("name", ["README.md", "jupyterhub_config.py", "values.yaml", "package.json",
                                  "package-lock.json"])
def test_the_deploy_folder_has_its_files(name):
    assert (DEPLOY / name).is_file()


def test_the_learners_servers_leave_out_the_extensions_a_class_does_not_use(monkeypatch, tmp_path):
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path), "ILIOPSOAS_HUB_HOME_ROOT": str(tmp_path)})
    option = [a for a in c.Spawner.args if a.startswith("--ServerApp.jpserver_extensions=")]
    assert len(option) == 1
    import json

    off = json.loads(option[0].split("=", 1)[1].replace("False", "false"))
    assert off == {"jupyter_lsp": False, "voila.server_extension": False, "notebook_shim": False}
    assert "jupyterlab" not in off and "nbgitpuller" not in off
