"""JupyterHub for a class on one server, running the iliopsoas lessons.

Two ways to use this file (deploy/jupyterhub/README.md):

* a plain JupyterHub:  ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py``, run by
  root from the lessons' environment (the hub and every learner's server share it);
* The Littlest JupyterHub: copy it to ``/opt/tljh/config/jupyterhub_config.d/``.
  TLJH has already chosen its spawner, authenticator, user environment and
  culler there; this file then only adds what TLJH lacks (JupyterLab as the
  default page, the memory limit if none is set, nbgitpuller's check).

What it sets:

* every learner's server is ``jupyterhub-singleuser`` from the lessons'
  environment (the one with ``requirements.txt`` and this package installed),
  and opens in JupyterLab;
* nbgitpuller is part of that environment (pinned in requirements.txt), so the
  links of ``python -m iliopsoas_lessons.links`` work;
* jupyterhub-idle-culler stops a server idle for an hour;
* a memory limit per learner (``Spawner.mem_limit``). Only a spawner that
  enforces it keeps a learner to it: SystemdSpawner (TLJH's, and the default
  here when jupyterhub-systemdspawner is installed) gives each server a
  systemd unit with ``MemoryMax``; LocalProcessSpawner only passes the number
  on as ``MEM_LIMIT`` and enforces nothing.

The ``ILIOPSOAS_HUB_*`` environment variables override the defaults; the
class simulation (``make class``) uses them to run the same file on
127.0.0.1 with a shared password and one home folder per learner under a
temporary folder.
"""
import importlib.util
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)

env = os.environ.get
ON_TLJH = "spawner_class" in c.JupyterHub  # TLJH's own config ran first

# Measured by benchmarks/bench_class.py (deploy/jupyterhub/README.md): a learner
# with one lesson open uses about 273 MB (server 154 + kernel 118); the limit
# leaves room for a second open lesson (a kernel, about 120 MB) before a
# kernel is stopped.
MEM_LIMIT = env("ILIOPSOAS_HUB_MEM_LIMIT", "600M")
CULL_AFTER_SECONDS = int(env("ILIOPSOAS_HUB_CULL_TIMEOUT", "3600"))
USER_ENV = Path(env("ILIOPSOAS_HUB_USER_ENV", sys.prefix))  # the lessons' environment
STATE_DIR = Path(env("ILIOPSOAS_HUB_STATE_DIR", "/srv/jupyterhub"))

# ---------------------------------------------------------------- learners' servers
c.Spawner.default_url = "/lab"
if "mem_limit" not in c.Spawner:  # TLJH: `tljh-config set limits.memory` wins
    c.Spawner.mem_limit = MEM_LIMIT
# Server extensions a class does not use, off: each learner's server then starts
# with about 25 % less CPU and 12 MB less memory (measured, see README.md).
# jupyter_lsp has no language server to talk to here; Voila serves the lesson
# as an app (Binder's link does that; remove it from this list to offer it on
# the hub); notebook_shim is for the classic Notebook's extensions.
c.Spawner.args = [*c.Spawner.get("args", []),
                  '--ServerApp.jpserver_extensions={"jupyter_lsp": False, '
                  '"voila.server_extension": False, "notebook_shim": False}']
c.Spawner.start_timeout = int(env("ILIOPSOAS_HUB_START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(env("ILIOPSOAS_HUB_HTTP_TIMEOUT", "60"))

if not ON_TLJH:
    c.Spawner.cmd = [str(USER_ENV / "bin" / "jupyterhub-singleuser")]
    if USER_ENV == Path(sys.prefix) and importlib.util.find_spec("nbgitpuller") is None:
        raise SystemExit("nbgitpuller is not installed in the lessons' environment: "
                         "pip install -r requirements.txt")

    home_root = env("ILIOPSOAS_HUB_HOME_ROOT")
    if home_root:
        # Simulation and trials: every learner is the same system user, with a
        # home folder of their own. Nothing enforces mem_limit here.
        c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
        c.SimpleLocalProcessSpawner.home_dir_template = str(Path(home_root) / "{username}")
        if os.geteuid() == 0:
            c.Spawner.args = [*c.Spawner.args, "--allow-root"]
    elif importlib.util.find_spec("systemdspawner") is not None:
        # One system user and one systemd unit per learner; MemoryMax enforces mem_limit.
        c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
        c.SystemdSpawner.dynamic_users = True
        c.SystemdSpawner.unit_name_template = "jupyter-{USERNAME}-singleuser"
    else:
        print("jupyterhub_config: jupyterhub-systemdspawner is not installed; LocalProcessSpawner "
              "does NOT enforce the memory limit (pip install jupyterhub-systemdspawner)", file=sys.stderr)
        c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"

    # ------------------------------------------------------------ who may log in
    shared_password = env("ILIOPSOAS_HUB_SHARED_PASSWORD")
    if shared_password:
        # One password for the whole class: any user name may log in with it.
        # For the simulation and short workshops only; use the university's
        # login (OAuth, LTI) for a course.
        c.JupyterHub.authenticator_class = "jupyterhub.authenticators.shared.SharedPasswordAuthenticator"
        c.SharedPasswordAuthenticator.user_password = shared_password
        c.Authenticator.allow_all = True
    else:
        # System accounts (PAM). Replace with your institution's authenticator.
        c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
        c.Authenticator.allowed_users = set(filter(None, env("ILIOPSOAS_HUB_USERS", "").split(",")))
        c.Authenticator.admin_users = set(filter(None, env("ILIOPSOAS_HUB_ADMINS", "").split(",")))

    # ------------------------------------------------------------ where it listens
    # 127.0.0.1 by default: put a TLS reverse proxy (nginx, caddy) in front, or
    # set ILIOPSOAS_HUB_BIND_URL=https://0.0.0.0:443 with c.JupyterHub.ssl_cert/ssl_key.
    c.JupyterHub.bind_url = env("ILIOPSOAS_HUB_BIND_URL", "http://127.0.0.1:8000")
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env('ILIOPSOAS_HUB_HUB_PORT', '8081')}"
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('ILIOPSOAS_HUB_PROXY_API_PORT', '8001')}"
    proxy_command = env("ILIOPSOAS_HUB_PROXY_CMD")
    if proxy_command:
        c.ConfigurableHTTPProxy.command = [proxy_command]
    c.ConfigurableHTTPProxy.pid_file = str(STATE_DIR / "jupyterhub-proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{STATE_DIR / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(STATE_DIR / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(STATE_DIR / "jupyterhub.pid")

    # ------------------------------------------------------------ idle culler
    # Stops a learner's server after an hour without activity (their files stay).
    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    f"--timeout={CULL_AFTER_SECONDS}", "--cull-every=300", "--concurrency=5"],
    }]
    c.JupyterHub.load_roles = [{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }]
