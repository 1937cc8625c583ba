"""deploy/jupyterhub/: the single-server config sets what the README promises,
and the Zero to JupyterHub values agree with it."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"
VALUES = yaml.safe_load((DEPLOY / "values.yaml").read_text())


CLASS = {"ILIOPSOAS_HUB_USERS": "ada,ben,chloe", "ILIOPSOAS_HUB_ADMINS": "t.okafor"}


def installed(monkeypatch, *present: str, absent: tuple[str, ...] = ()) -> None:
    """Pretend these packages are (or are not) installed, as the config's find_spec sees them."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: object() if name in present else None if name in absent else real(name, *a),
    )


@pytest.fixture
def systemdspawner(monkeypatch):
    """jupyterhub-systemdspawner installed (the README's plain hub installs it)."""
    installed(monkeypatch, "systemdspawner")


def load_config(monkeypatch, env: dict[str, str], tljh: Path | None = None) -> Config:
    """Run jupyterhub_config.py as JupyterHub does (load_subconfig: an empty config),
    with ``env`` set; ``tljh``: TLJH's install prefix (its config/config.yaml)."""
    for name in [n for n in __import__("os").environ if n.startswith(("ILIOPSOAS_HUB_", "TLJH_"))]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if tljh is not None:  # TLJH's hub runs with this set
        monkeypatch.setenv("TLJH_INSTALL_PREFIX", str(tljh))
    c = Config()
    runpy.run_path(str(DEPLOY / "jupyterhub_config.py"), init_globals={"get_config": lambda: c})
    return c


def _bytes(size: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([KMG])", size).groups()
    return int(number) * 1024 ** "KMG".index(unit) * 1024


def test_a_single_server_gets_lab_the_culler_a_memory_limit_and_the_lessons_env(monkeypatch, tmp_path, systemdspawner):
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path), **CLASS})
    assert c.Spawner.default_url == "/lab"
    # jupyterhub-singleuser from the lessons' environment, through the package's launcher
    assert c.Spawner.cmd == [str(Path(sys.prefix) / "bin" / "python"), "-m", "iliopsoas_lessons.singleuser"]
    assert _bytes(c.Spawner.mem_limit) >= 400 * 1024**2
    culler = {s["name"]: s for s in c.JupyterHub.services}["idle-culler"]
    assert culler["command"][1:3] == ["-m", "jupyterhub_idle_culler"] and "--timeout=3600" in culler["command"]
    assert c.JupyterHub.load_roles[0]["services"] == ["idle-culler"]
    assert "delete:servers" in c.JupyterHub.load_roles[0]["scopes"]
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000"  # nothing public until IT puts TLS in front
    assert c.JupyterHub.authenticator_class == "jupyterhub.auth.PAMAuthenticator"
    # the class list and named admins, never anyone who can authenticate
    assert c.Authenticator.allowed_users == {"ada", "ben", "chloe"}
    assert c.Authenticator.admin_users == {"t.okafor"} and c.Authenticator.allow_all is False
    # each learner's server a systemd unit run by a dynamic user of its own
    assert c.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner" and c.SystemdSpawner.dynamic_users is True


def test_without_systemdspawner_it_says_the_limit_is_not_enforced(monkeypatch, tmp_path, capsys):
    import importlib.util
    import os

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "systemdspawner" else real(name, *a)
    )
    monkeypatch.setattr(os, "geteuid", lambda: 1000)  # a hub not run as root: its own account only
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path), **CLASS})
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.LocalProcessSpawner"
    assert "does NOT enforce the memory limit" in capsys.readouterr().err


def tljh_prefix(
    tmp_path: Path, settings: dict | None, user_env: tuple[str, ...] = ("nbgitpuller", "iliopsoas_lessons")
) -> Path:
    """A TLJH install prefix whose config/config.yaml (what tljh-config writes) holds ``settings``,
    and whose user environment (``user/``) has ``user_env`` pip-installed (their dist-info folders)."""
    (tmp_path / "config").mkdir(parents=True, exist_ok=True)
    if settings is not None:
        (tmp_path / "config" / "config.yaml").write_text(yaml.safe_dump(settings))
    site = tmp_path / "user" / "lib" / "python3.12" / "site-packages"
    for name in user_env:
        (site / f"{name}-1.0.dist-info").mkdir(parents=True, exist_ok=True)
    return tmp_path


INSTITUTIONAL_TLJH = {
    "auth": {"type": "oauthenticator.generic.GenericOAuthenticator"},
    "users": {"admin": ["t.okafor"], "allowed": ["ada", "ben"]},
}


def test_on_tljh_it_keeps_tljh_choices(monkeypatch, tmp_path):
    settings = {**INSTITUTIONAL_TLJH, "limits": {"memory": "1G"}}
    c = load_config(monkeypatch, {}, tljh=tljh_prefix(tmp_path, settings))
    assert "mem_limit" not in c.Spawner  # tljh-config's limits.memory wins
    assert c.Spawner.default_url == "/lab"
    assert "services" not in c.JupyterHub  # TLJH's culler
    # TLJH's user environment, whose jupyterhub-singleuser starts through the launcher
    assert c.Spawner.cmd == [str(tmp_path / "user" / "bin" / "python"), "-m", "iliopsoas_lessons.singleuser"]
    assert "spawner_class" not in c.JupyterHub and "authenticator_class" not in c.JupyterHub
    assert "Authenticator" not in c  # TLJH's users.allowed and users.admin
    without_limit = load_config(monkeypatch, {}, tljh=tljh_prefix(tmp_path, INSTITUTIONAL_TLJH))
    assert without_limit.Spawner.mem_limit == "600M"


def test_values_yaml_builds_on_the_measured_figures_and_culls():
    user = VALUES["singleuser"]
    assert user["defaultUrl"] == "/lab"
    assert user["image"]["tag"] != "latest"
    guarantee, limit = _bytes(user["memory"]["guarantee"]), _bytes(user["memory"]["limit"])
    assert 0 < guarantee < limit
    assert VALUES["cull"]["enabled"] is True and VALUES["cull"]["timeout"] == 3600
    assert VALUES["hub"]["config"]["JupyterHub"]["authenticator_class"] != "dummy"


def test_every_deployment_starts_the_learners_servers_through_the_launcher(monkeypatch, tmp_path, systemdspawner):
    """iliopsoas_lessons.singleuser: jupyterhub-singleuser without the imports a class never uses."""
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path), **CLASS})
    assert c.Spawner.cmd[1:] == ["-m", "iliopsoas_lessons.singleuser"]
    assert VALUES["singleuser"]["cmd"] == ["python", "-m", "iliopsoas_lessons.singleuser"]
    tljh = load_config(monkeypatch, {}, tljh=tljh_prefix(tmp_path, INSTITUTIONAL_TLJH))
    assert tljh.Spawner.cmd[1:] == ["-m", "iliopsoas_lessons.singleuser"]


@pytest.mark.parametrize("missing", ["iliopsoas_lessons", "nbgitpuller"])
def test_on_tljh_a_user_environment_without_the_launcher_or_nbgitpuller_is_refused(monkeypatch, tmp_path, missing):
    """Every learner's server would fail to start: the hub says so, and how to install it."""
    present = tuple(m for m in ("nbgitpuller", "iliopsoas_lessons") if m != missing)
    why = refusal(monkeypatch, {}, tljh=tljh_prefix(tmp_path, INSTITUTIONAL_TLJH, user_env=present))
    assert f"{missing} is not installed" in why and str(tmp_path / "user") in why
    assert f"sudo -E {tmp_path / 'user' / 'bin' / 'pip'} install -c requirements.txt" in why


def test_one_memory_limit_for_both_deployments(monkeypatch, tmp_path, systemdspawner):
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path), **CLASS})
    assert _bytes(c.Spawner.mem_limit) == _bytes(VALUES["singleuser"]["memory"]["limit"])


@pytest.mark.parametrize(
    "name", ["README.md", "jupyterhub_config.py", "values.yaml", "package.json", "package-lock.json"]
)
def test_the_deploy_folder_has_its_files(name):
    assert (DEPLOY / name).is_file()


def test_the_learners_servers_leave_out_the_extensions_a_class_does_not_use(monkeypatch, tmp_path, systemdspawner):
    c = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path), **CLASS})
    option = [a for a in c.Spawner.args if a.startswith("--ServerApp.jpserver_extensions=")]
    assert len(option) == 1
    import json

    off = json.loads(option[0].split("=", 1)[1].replace("False", "false"))
    assert off == {"jupyter_lsp": False, "voila.server_extension": False, "notebook_shim": False}
    assert "jupyterlab" not in off and "nbgitpuller" not in off


# ---------------------------------------------------------------- nobody gets in as someone else
def refusal(monkeypatch, env: dict[str, str], **kw) -> str:
    with pytest.raises(SystemExit) as caught:
        load_config(monkeypatch, env, **kw)
    message = str(caught.value)
    assert message.startswith("jupyterhub_config.py refuses to start: ")
    return message


@pytest.mark.parametrize("root", [True, False])
def test_a_shared_password_is_refused_with_a_local_spawner(monkeypatch, tmp_path, root):
    import os

    installed(monkeypatch, absent=("systemdspawner",))
    monkeypatch.setattr(os, "geteuid", lambda: 0 if root else 1000)
    why = refusal(
        monkeypatch,
        {"ILIOPSOAS_HUB_SHARED_PASSWORD": "a-long-class-password", "ILIOPSOAS_HUB_HOME_ROOT": str(tmp_path), **CLASS},
    )
    assert "ILIOPSOAS_HUB_SHARED_PASSWORD" in why and "another learner's name" in why


def test_a_shared_password_is_refused_even_with_systemdspawner(monkeypatch, systemdspawner):
    assert "SHARED_PASSWORD" in refusal(
        monkeypatch, {"ILIOPSOAS_HUB_SHARED_PASSWORD": "a-long-class-password", **CLASS}
    )


def test_a_hub_run_as_root_needs_a_spawner_that_isolates_learners(monkeypatch):
    import os

    installed(monkeypatch, absent=("systemdspawner",))
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    why = refusal(monkeypatch, CLASS)
    assert "runs as root" in why and "localprocessspawner" in why and "jupyterhub-systemdspawner" in why


def test_the_simulation_switches_are_gone_from_the_production_file():
    text = (DEPLOY / "jupyterhub_config.py").read_text()
    assert "HOME_ROOT" not in text and "SimpleLocalProcessSpawner" not in text
    assert "SharedPasswordAuthenticator" not in text


@pytest.mark.parametrize(
    "env, words",
    [
        ({}, "ILIOPSOAS_HUB_USERS is empty"),
        ({"ILIOPSOAS_HUB_USERS": "ada,www-data"}, "www-data"),
        ({"ILIOPSOAS_HUB_USERS": "ada", "ILIOPSOAS_HUB_ADMINS": "root"}, "root"),
        ({"ILIOPSOAS_HUB_USERS": "ada", "ILIOPSOAS_HUB_AUTH": "dummy"}, "choose one of pam, generic-oauth, lti13"),
    ],
)
def test_pam_takes_the_class_list_only_and_never_a_system_account(monkeypatch, systemdspawner, env, words):
    assert words in refusal(monkeypatch, env)


@pytest.mark.parametrize(
    "login",
    [
        "dummy",
        "jupyterhub.auth.DummyAuthenticator",
        "tmpauthenticator.TmpAuthenticator",
        "firstuseauthenticator.FirstUseAuthenticator",
        "jupyterhub.authenticators.shared.SharedPasswordAuthenticator",
        "nativeauthenticator.NativeAuthenticator",
    ],
)
def test_on_tljh_a_login_where_one_picks_the_account_is_refused(monkeypatch, tmp_path, login):
    prefix = tljh_prefix(tmp_path, {**INSTITUTIONAL_TLJH, "auth": {"type": login}})
    assert "lets anyone choose an account name" in refusal(monkeypatch, {}, tljh=prefix)


@pytest.mark.parametrize("settings", [None, {}, {"users": {"admin": ["teacher"]}}])
def test_on_tljh_first_use_is_refused_with_the_commands_that_switch_it(monkeypatch, tmp_path, settings):
    # TLJH's default login (no auth.type: bootstrap --admin teacher leaves it so) is first use
    why = refusal(monkeypatch, {}, tljh=tljh_prefix(tmp_path, settings))
    assert "firstuseauthenticator.FirstUseAuthenticator" in why
    for command in (
        "sudo tljh-config set auth.type oauthenticator.generic.GenericOAuthenticator",
        "sudo tljh-config add-item users.allowed",
        "sudo tljh-config add-item users.admin",
        "sudo tljh-config reload",
    ):
        assert command in why


def test_allow_all_needs_a_spawner_that_isolates_learners(monkeypatch):
    import os

    monkeypatch.setattr(os, "geteuid", lambda: 1000)  # not root: only allow_all stands in the way
    # LTI 1.3 without a class list admits the course's enrolment: only with isolated servers
    installed(monkeypatch, "ltiauthenticator", absent=("systemdspawner",))
    lti = {
        "ILIOPSOAS_HUB_AUTH": "lti13",
        "ILIOPSOAS_HUB_LTI_ISSUER": "https://lms.example.edu",
        "ILIOPSOAS_HUB_LTI_CLIENT_ID": "abc",
        "ILIOPSOAS_HUB_LTI_AUTHORIZE_URL": "https://lms.example.edu/auth",
        "ILIOPSOAS_HUB_LTI_JWKS_URL": "https://lms.example.edu/jwks",
        "ILIOPSOAS_HUB_ADMINS": "t.okafor",
    }
    assert "allow_all" in refusal(monkeypatch, lti)
    installed(monkeypatch, "ltiauthenticator", "systemdspawner")
    c = load_config(monkeypatch, lti)
    assert c.Authenticator.allow_all is True and c.SystemdSpawner.dynamic_users is True
    assert c.LTI13Authenticator.username_key == "sub"  # the platform's id, which the learner cannot edit


def test_generic_oauth_takes_its_settings_and_a_class_list_or_the_course_groups(monkeypatch, systemdspawner):
    installed(monkeypatch, "systemdspawner", "oauthenticator")
    oauth = {
        "ILIOPSOAS_HUB_AUTH": "generic-oauth",
        "OAUTH_CLIENT_ID": "id",
        "OAUTH_CLIENT_SECRET": "secret",
        "OAUTH_CALLBACK_URL": "https://hub.example.edu/hub/oauth_callback",
        "OAUTH2_AUTHORIZE_URL": "https://login.example.edu/a",
        "OAUTH2_TOKEN_URL": "https://login.example.edu/t",
        "OAUTH2_USERDATA_URL": "https://login.example.edu/u",
    }
    assert "OAUTH_CLIENT_SECRET" in refusal(monkeypatch, {**oauth, "OAUTH_CLIENT_SECRET": ""})
    assert "ILIOPSOAS_HUB_GROUPS" in refusal(monkeypatch, oauth)
    c = load_config(monkeypatch, {**oauth, "ILIOPSOAS_HUB_GROUPS": "physio-2027", "ILIOPSOAS_HUB_ADMINS": "t.okafor"})
    assert c.GenericOAuthenticator.allowed_groups == {"physio-2027"}
    assert c.Authenticator.admin_users == {"t.okafor"} and "admin_groups" not in c.GenericOAuthenticator
    assert c.Authenticator.allow_all is False


def test_values_yaml_names_its_admins_and_takes_no_admin_from_a_claim():
    config = VALUES["hub"]["config"]
    auth = config["Authenticator"]
    assert auth["allow_all"] is False
    assert auth["admin_users"] and "teacher" not in auth["admin_users"]
    assert auth.get("allowed_users") or config["GenericOAuthenticator"].get("allowed_groups")
    for section in config.values():
        assert "admin_groups" not in section and "admin_users_key" not in section
    # a claim the user may change in some identity providers never names the account
    assert config["GenericOAuthenticator"]["username_claim"] not in (
        "preferred_username",
        "name",
        "nickname",
        "email",
        "given_name",
    )


def test_the_simulation_gives_the_learners_servers_what_production_gives(monkeypatch, tmp_path, systemdspawner):
    """benchmarks/classsim/hub_config.py keeps its own copy of the learner-server settings
    (it cannot load the production file, which refuses its login and spawner): they must agree."""
    import runpy

    production = load_config(monkeypatch, {"ILIOPSOAS_HUB_STATE_DIR": str(tmp_path), **CLASS})
    sim_env = {
        "CLASS_SIM_STATE_DIR": str(tmp_path),
        "CLASS_SIM_HOME_ROOT": str(tmp_path),
        "CLASS_SIM_PASSWORD": "a-long-class-password",
        "CLASS_SIM_LEARNERS": "learner01,learner02",
        "CLASS_SIM_BIND_URL": "http://127.0.0.1:8999",
        "CLASS_SIM_HUB_PORT": "8998",
        "CLASS_SIM_PROXY_API_PORT": "8997",
        "CLASS_SIM_PROXY_CMD": "configurable-http-proxy",
        "CLASS_SIM_USER_ENV": "/env",
        "CLASS_SIM_START_TIMEOUT": "120",
    }
    for name, value in sim_env.items():
        monkeypatch.setenv(name, value)
    sim = Config()
    runpy.run_path(str(ROOT / "benchmarks" / "classsim" / "hub_config.py"), init_globals={"get_config": lambda: sim})
    for key in ("default_url", "mem_limit", "start_timeout"):
        assert sim.Spawner[key] == production.Spawner[key], key
    assert [a for a in sim.Spawner.args if a != "--allow-root"] == production.Spawner.args
    # the same command, from the simulation's environment
    assert sim.Spawner.cmd == ["/env/bin/python", *production.Spawner.cmd[1:]]
    # and the simulation's own login admits its learners only, on 127.0.0.1
    assert sim.Authenticator.allowed_users == {"learner01", "learner02"} and sim.Authenticator.allow_all is False
    assert sim.JupyterHub.bind_url.startswith("http://127.0.0.1:")
    monkeypatch.setenv("CLASS_SIM_BIND_URL", "http://0.0.0.0:8999")
    with pytest.raises(SystemExit, match="127.0.0.1"):
        runpy.run_path(str(ROOT / "benchmarks" / "classsim" / "hub_config.py"), init_globals={"get_config": Config})
