"""The class simulation's JupyterHub (benchmarks/bench_class.py, ``make class``,
tests/test_class_hub.py). Never for a real class: deploy/jupyterhub/ is.

The learners' servers get what deploy/jupyterhub/jupyterhub_config.py gives
them (JupyterLab, the memory limit, the extensions a class does not use turned
off, the timeouts; tests/test_deploy.py checks that the two agree). Everything
about who logs in and as whom is the simulation's own, and refused by the
production file:

* one password for the simulated learners (``learner01`` ...), and only them
  (``CLASS_SIM_LEARNERS``);
* every learner's server runs as the user who runs the simulation, with a home
  folder of their own under a temporary folder (SimpleLocalProcessSpawner);
* everything on 127.0.0.1, on free ports chosen by classsim/hub.py.

Its settings come from the ``CLASS_SIM_*`` variables that classsim/hub.py sets.
"""

import atexit
import gc
import os
import signal
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)

env = os.environ.__getitem__  # every CLASS_SIM_* variable is required: a KeyError names the missing one

# ---------------------------------------------------------------- learners' servers, as in production
c.Spawner.default_url = "/lab"
c.Spawner.mem_limit = "600M"  # production's; this spawner does not enforce it
c.Spawner.args = [
    ('--ServerApp.jpserver_extensions={"jupyter_lsp": False, "voila.server_extension": False, "notebook_shim": False}')
]
c.Spawner.start_timeout = int(env("CLASS_SIM_START_TIMEOUT"))  # a class of 40 on 2 CPUs waits long
c.Spawner.http_timeout = int(env("CLASS_SIM_START_TIMEOUT"))
c.Spawner.cmd = [str(Path(env("CLASS_SIM_USER_ENV")) / "bin" / "python"), "-m", "iliopsoas_lessons.singleuser"]

# ---------------------------------------------------------------- the simulation's login and spawner
learners = {n.strip() for n in env("CLASS_SIM_LEARNERS").split(",") if n.strip()}
if not learners:
    raise SystemExit("CLASS_SIM_LEARNERS is empty: give the simulated learners' names, e.g. learner01,learner02")
c.JupyterHub.authenticator_class = "jupyterhub.authenticators.shared.SharedPasswordAuthenticator"
c.SharedPasswordAuthenticator.user_password = env("CLASS_SIM_PASSWORD")
c.Authenticator.allowed_users = learners
c.Authenticator.allow_all = False
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(Path(env("CLASS_SIM_HOME_ROOT")) / "{username}")
if os.geteuid() == 0:  # a build machine's container: the simulated servers run as its user
    c.Spawner.args = [*c.Spawner.args, "--allow-root"]

# ---------------------------------------------------------------- where it listens, where it keeps state
bind_url = env("CLASS_SIM_BIND_URL")
if not bind_url.startswith("http://127.0.0.1:"):
    raise SystemExit(f"CLASS_SIM_BIND_URL={bind_url!r}: the simulation listens on http://127.0.0.1:PORT only")
c.JupyterHub.bind_url = bind_url
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env('CLASS_SIM_HUB_PORT')}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('CLASS_SIM_PROXY_API_PORT')}"
c.ConfigurableHTTPProxy.command = [env("CLASS_SIM_PROXY_CMD")]
state = Path(env("CLASS_SIM_STATE_DIR"))
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# the idle culler, as production runs it (it stops nothing in a simulation shorter than an hour)
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            "--timeout=3600",
            "--cull-every=300",
            "--concurrency=5",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]

# ---------------------------------------------------------------- SIGINT as Python sets it
# JupyterHub stops its services and the learners' servers with SIGINT, and waits
# interrupt_timeout (30 s) before it sends SIGTERM. A hub started in the
# background by a shell without job control (make test under nohup, CI) starts
# with SIGINT ignored, and passes that on to what it starts before it sets its
# own handler: the idle culler then ignores the SIGINT, and every stop of the
# hub waited the full 30 s. Python's own handler, set here, is not inherited.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# ---------------------------------------------------------------- a prompt exit
# Asked to stop, the hub stops its services, servers and proxy in well under a
# second, then spends about 1 s of CPU at interpreter exit running the cyclic
# garbage collector over its ~270,000 live objects (measured: SIGTERM to exit
# 2-4 s, 0.2-0.4 s with the line below). Nothing there needs
# collecting: the process returns all its memory at once. So at exit the
# survivors move to the permanent generation and the final passes skip them
# (as tests/kernel_startup/00_fast_exit.py does for the tests' kernels). A real
# class's hub (deploy/jupyterhub/) leaves exit alone.
atexit.register(gc.freeze)
