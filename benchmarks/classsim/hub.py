"""Start and stop the class hub: JupyterHub with the simulation's own config
(classsim/hub_config.py: the learners' servers as deploy/jupyterhub/jupyterhub_config.py
sets them, a shared password for the simulated learners only, a home folder per
learner), configurable-http-proxy from the project's node_modules, and a bare git
copy of this repository that nbgitpuller pulls from by a file:// URL.

Everything binds 127.0.0.1; everything started is stopped by PID: the hub,
then whatever of its process tree (proxy, culler, learners' servers, kernels)
is still running.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "jupyterhub"
CONFIG = Path(__file__).resolve().parent / "hub_config.py"  # the simulation's, never deploy/'s
# CLASS_SIM_PROXY: another checkout's installed proxy (a worktree without node_modules), read-only
PROXY = Path(os.environ.get("CLASS_SIM_PROXY") or DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy")
BRANCH = "class"  # the branch of the bare copy that learners pull: this checkout's HEAD
START_TIMEOUT = 90  # s, until the hub answers


class HubError(RuntimeError):
    """The hub could not be set up or did not start."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bare_copy(workdir: Path) -> str:
    """A bare clone of this checkout whose branch ``class`` is HEAD; its file:// URL.

    nbgitpuller runs ``git clone --depth 1 file://...``: a plain local path
    would ignore --depth, and the working tree's uncommitted files stay out.
    """
    target = workdir / "iliopsoas-lessons.git"
    run = dict(check=True, capture_output=True, text=True, timeout=120)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], **run).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--bare", "--no-hardlinks", str(ROOT), str(target)], **run)
    subprocess.run(["git", "-C", str(target), "update-ref", f"refs/heads/{BRANCH}", head], **run)
    return target.as_uri()


def tracked_files(ref: str = "HEAD") -> list[str]:
    """The files a learner's pull must bring: those git tracks at HEAD."""
    out = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", ref],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return out.splitlines()


class ClassHub:
    """A running hub for the simulation: ``with ClassHub(workdir) as hub: ...``."""

    def __init__(self, workdir: Path, learners: list[str], *, start_timeout: int = 300):
        if not PROXY.exists():
            raise HubError(
                f"configurable-http-proxy is not installed at {PROXY}: "
                f"run `npm ci --prefix {DEPLOY.relative_to(ROOT)}` (make class does), "
                "or set CLASS_SIM_PROXY to an installed configurable-http-proxy"
            )
        self.workdir = Path(workdir)
        self.learners = list(learners)  # the only names the hub lets in
        self.homes = self.workdir / "home"
        self.state = self.workdir / "state"
        self.password = secrets.token_urlsafe(12)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.repo_url = ""
        self.log = self.workdir / "jupyterhub.log"

    # ------------------------------------------------------------------ set-up
    def environment(self) -> dict[str, str]:
        venv_bin = str(Path(sys.executable).parent)
        # the deployment's own variables stay out: the simulation's config sets its own
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ILIOPSOAS_HUB_", "CLASS_SIM_"))}
        env.update(
            CLASS_SIM_STATE_DIR=str(self.state),
            CLASS_SIM_HOME_ROOT=str(self.homes),
            CLASS_SIM_PASSWORD=self.password,
            CLASS_SIM_LEARNERS=",".join(self.learners),
            CLASS_SIM_BIND_URL=self.url,
            CLASS_SIM_HUB_PORT=str(free_port()),
            CLASS_SIM_PROXY_API_PORT=str(free_port()),
            CLASS_SIM_PROXY_CMD=str(PROXY),
            CLASS_SIM_USER_ENV=sys.prefix,
            CLASS_SIM_START_TIMEOUT=str(self.start_timeout),
            PATH=os.pathsep.join([venv_bin, env.get("PATH", "")]),
            # the learners' kernels import the package from this checkout
            PYTHONPATH=os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]),
            # no learner's pull may read the machine's git configuration
            GIT_CONFIG_NOSYSTEM="1",
            PYTHONUNBUFFERED="1",
        )
        for name in (
            "JUPYTERHUB_API_TOKEN",
            "JUPYTER_TOKEN",
            "JUPYTER_CONFIG_DIR",
            "JUPYTER_RUNTIME_DIR",
            "IPYTHONDIR",
        ):  # a learner's kernel: no test harness start-up files
            env.pop(name, None)
        return env

    def start(self) -> "ClassHub":
        for d in (self.homes, self.state):
            d.mkdir(parents=True, exist_ok=True)
        self.repo_url = bare_copy(self.workdir)
        hub = Path(sys.executable).parent / "jupyterhub"
        logf = self.log.open("wb")
        self.proc = subprocess.Popen(
            [str(hub), "-f", str(CONFIG)],
            cwd=self.state,
            env=self.environment(),
            stdout=logf,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        logf.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HubError(f"jupyterhub exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/health", timeout=5) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise HubError(f"jupyterhub did not answer within {START_TIMEOUT}s:\n{self.log_tail()}")

    # ------------------------------------------------------------------ looking
    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def hub_process(self) -> psutil.Process:
        return psutil.Process(self.proc.pid)

    def proxy_process(self) -> psutil.Process | None:
        for p in self.hub_process().children():
            try:
                if "configurable-http-proxy" in " ".join(p.cmdline()):
                    return p
            except psutil.Error:
                continue
        return None

    def learner_servers(self) -> dict[str, psutil.Process]:
        """user name -> their single-user server process (a child of the hub)."""
        found = {}
        for p in self.hub_process().children():
            try:
                user = p.environ().get("JUPYTERHUB_USER")
            except psutil.Error:
                continue
            if user and "singleuser" in " ".join(p.cmdline()):
                found[user] = p
        return found

    # ------------------------------------------------------------------ stopping
    def stop(self) -> list[int]:
        """SIGTERM the hub (it stops the servers it spawned and its proxy), then
        kill by PID whatever of its tree is left; returns the PIDs still running
        after that (none, unless a process cannot be killed)."""
        if self.proc is None:
            return []
        try:
            tree = self.hub_process().children(recursive=True)
        except psutil.NoSuchProcess:
            tree = []
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for p in wait_gone(tree, timeout=10):  # psutil checks the start time: a reused PID is not killed
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        self.proc = None
        return [p.pid for p in wait_gone(tree, timeout=10)]

    def __enter__(self) -> "ClassHub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def running(p: psutil.Process) -> bool:
    """Still running: not gone (is_running checks the start time, so a reused PID
    is not this process), not a zombie (dead, waiting for its parent to reap it)."""
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def wait_gone(procs: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    """Wait until every process of ``procs`` has ended; those still running at ``timeout``.

    Not psutil.wait_procs: the hub's proxy, stopped by the hub, which then
    exits without reaping it, stays a zombie until init reaps it, and
    wait_procs waits on until then (about 1.5 s here) as if it still ran."""
    deadline = time.monotonic() + timeout
    while True:
        alive = [p for p in procs if running(p)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def remove(workdir: Path) -> None:
    shutil.rmtree(workdir, ignore_errors=True)
