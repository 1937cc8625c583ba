"""The production hub config as a learner meets it: a real ``jupyterhub`` on
127.0.0.1 with deploy/jupyterhub/jupyterhub_config.py (through
tests/hub_login_config.py, which only stands in for the machine's PAM password
database), configurable-http-proxy from npm, and logins through the hub's own
/hub/login form. Nobody gets in as another learner or as a system account, even
when those accounts have the class's password; the learner with their own
password does. And the real hub refuses to start with a shared password, or as
root without a spawner that isolates learners.

Every process is bound in time and stopped by its PID. Run as root, the hub
is the README's plain hub: SystemdSpawner with dynamic users (pinned in
requirements.txt); no learner's server is started, so systemd itself is not needed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"
TEST_CONFIG = Path(__file__).resolve().parent / "hub_login_config.py"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
sys.path.insert(0, str(ROOT / "benchmarks"))  # benchmarks/ is not a package
from classsim.hub import wait_gone

JUPYTERHUB = Path(sys.executable).parent / "jupyterhub"
START_TIMEOUT = 90  # s, until the hub answers

pytestmark = pytest.mark.slow

CLASS_PASSWORD = "physio-class-2027"  # what every learner in the room may know
ACCOUNTS = {  # the stand-in password database: the worst case, system accounts with the class's password
    "ada": "ada-own-secret-1",
    "ben": "ben-own-secret-2",
    "t.okafor": "teacher-own-secret-3",
    "teacher": CLASS_PASSWORD,
    "root": CLASS_PASSWORD,
    "ubuntu": CLASS_PASSWORD,
    "www-data": CLASS_PASSWORD,
    "nobody": CLASS_PASSWORD,
}
INTRUSIONS = [  # (user name typed, password typed): each must be refused
    ("teacher", CLASS_PASSWORD),
    ("root", CLASS_PASSWORD),
    ("ubuntu", CLASS_PASSWORD),
    ("www-data", CLASS_PASSWORD),
    ("nobody", CLASS_PASSWORD),
    ("admin", CLASS_PASSWORD),
    ("ben", CLASS_PASSWORD),
    ("ben", ACCOUNTS["ada"]),
    ("ben", ""),
    ("t.okafor", CLASS_PASSWORD),
    ("t.okafor", ACCOUNTS["ada"]),
    ("ada", ACCOUNTS["ben"]),
    ("ada", CLASS_PASSWORD),
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hub_environment(state: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ILIOPSOAS_HUB_", "JUPYTERHUB_", "OAUTH"))}
    env.update(
        HOME=str(state),
        PYTHONUNBUFFERED="1",
        ILIOPSOAS_HUB_USERS="ada,ben",
        ILIOPSOAS_HUB_ADMINS="t.okafor",
        ILIOPSOAS_HUB_STATE_DIR=str(state),
        ILIOPSOAS_HUB_BIND_URL=f"http://127.0.0.1:{free_port()}",
        ILIOPSOAS_HUB_HUB_PORT=str(free_port()),
        ILIOPSOAS_HUB_PROXY_API_PORT=str(free_port()),
        ILIOPSOAS_HUB_PROXY_CMD=str(PROXY),
        HUB_TEST_ACCOUNTS=str(state / "accounts.json"),
    )
    env.update(extra)
    return env


def stop(proc: subprocess.Popen) -> list[int]:
    """SIGTERM the hub by its PID, then kill by PID whatever of its tree is left;
    returns the PIDs still running after that (none, or the test says so)."""
    try:
        tree = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        tree = []
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for p in wait_gone(tree, timeout=10):  # psutil checks the start time: a reused PID is not killed
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    return [p.pid for p in wait_gone(tree, timeout=10)]


def _required() -> bool:
    return any(
        os.environ.get(v, "").strip().lower() not in ("", "0", "false", "no")
        for v in ("CI", "ILIOPSOAS_REQUIRE_BROWSER")
    )


def _missing(message: str) -> None:
    pytest.fail(message) if _required() else pytest.skip(message)


@pytest.fixture
def state(tmp_path):
    (tmp_path / "accounts.json").write_text(json.dumps(ACCOUNTS), encoding="utf-8")
    return tmp_path


def start_hub(env: dict[str, str], state: Path) -> subprocess.Popen:
    log = (state / "jupyterhub.log").open("wb")
    try:
        return subprocess.Popen(
            [str(JUPYTERHUB), "-f", str(TEST_CONFIG)],
            cwd=state,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    finally:
        log.close()


def log_of(state: Path) -> str:
    return (state / "jupyterhub.log").read_text(errors="replace")


@pytest.fixture
def hub(state):
    if not PROXY.exists():
        _missing(f"configurable-http-proxy missing ({PROXY}): run `make proxy` (npm ci)")
    if os.geteuid() == 0 and importlib.util.find_spec("systemdspawner") is None:
        _missing(
            "jupyterhub-systemdspawner is not installed (pip install -r requirements.txt): "
            "the production config rightly refuses a hub run as root without it"
        )
    env = hub_environment(state)
    proc = start_hub(env, state)
    url = env["ILIOPSOAS_HUB_BIND_URL"]
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyterhub exited with {proc.returncode}:\n{log_of(state)[-4000:]}")
            try:
                if requests.get(f"{url}/hub/health", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyterhub did not answer within {START_TIMEOUT}s:\n{log_of(state)[-4000:]}")
            time.sleep(0.3)
        yield url, proc
    finally:
        left = stop(proc)
    assert left == [], f"still running after the hub was stopped: {left}"


def log_in(url: str, username: str, password: str) -> tuple[requests.Session, requests.Response]:
    """Fill in and send the hub's login form, as a browser does (no redirect followed: nothing spawns)."""
    session = requests.Session()
    page = session.get(f"{url}/hub/login", timeout=30)
    token = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
    assert page.status_code == 200 and token, page.text[:500]
    r = session.post(
        f"{url}/hub/login",
        data={"username": username, "password": password, "_xsrf": token.group(1)},
        allow_redirects=False,
        timeout=60,
    )
    return session, r


def logged_in(session: requests.Session) -> bool:
    return any(c.name.endswith("jupyterhub-hub-login") for c in session.cookies)


def singleuser_servers(proc: subprocess.Popen) -> list[str]:
    return [
        " ".join(p.cmdline())
        for p in psutil.Process(proc.pid).children(recursive=True)
        if "singleuser" in " ".join(p.cmdline())
    ]


def test_nobody_logs_in_as_another_learner_or_a_system_account(hub):
    url, proc = hub
    intrusions = []
    for username, password in INTRUSIONS:
        session, r = log_in(url, username, password)
        refused = r.status_code == 403 and "Invalid username or password" in r.text and not logged_in(session)
        # and no way in afterwards: the home page sends back to the login form
        home = session.get(f"{url}/hub/home", allow_redirects=False, timeout=30)
        kept_out = home.status_code == 302 and "/hub/login" in home.headers.get("Location", "")
        if not (refused and kept_out):
            intrusions.append((username, password, r.status_code, home.status_code))
    print(f"\nhub login attempts as someone else: {len(INTRUSIONS)}, successful intrusions: {len(intrusions)}")
    assert intrusions == []
    assert singleuser_servers(proc) == []  # no server was started for anyone

    # the learner with their own password gets in, as themselves, and is no admin
    session, r = log_in(url, "ada", ACCOUNTS["ada"])
    assert r.status_code == 302 and logged_in(session)
    home = session.get(f"{url}/hub/home", allow_redirects=False, timeout=30)
    assert home.status_code == 200 and "ada" in home.text
    assert session.get(f"{url}/hub/admin", allow_redirects=False, timeout=30).status_code == 403
    # the admin named in ILIOPSOAS_HUB_ADMINS, with their own password, is the admin
    teacher, r = log_in(url, "t.okafor", ACCOUNTS["t.okafor"])
    assert r.status_code == 302 and logged_in(teacher)
    assert teacher.get(f"{url}/hub/admin", allow_redirects=False, timeout=30).status_code == 200
    assert singleuser_servers(proc) == []  # logging in starts nothing by itself


def run_until_exit(env: dict[str, str], state: Path) -> tuple[int, str]:
    proc = start_hub(env, state)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        pass
    finally:
        left = stop(proc)
    assert left == [], f"still running after the hub was stopped: {left}"
    return proc.returncode, log_of(state)


def test_the_real_hub_refuses_to_start_with_a_shared_password(state):
    code, log = run_until_exit(hub_environment(state, ILIOPSOAS_HUB_SHARED_PASSWORD="a-long-class-password"), state)
    assert code not in (0, None) and "refuses to start: ILIOPSOAS_HUB_SHARED_PASSWORD is set" in log, log[-3000:]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root: the check is about a hub run as root")
def test_the_real_hub_refuses_to_start_as_root_without_isolation(state):
    # without jupyterhub-systemdspawner the spawner is LocalProcessSpawner: as root, refused
    code, log = run_until_exit(hub_environment(state, HUB_TEST_WITHOUT_SYSTEMDSPAWNER="1"), state)
    assert code not in (0, None) and "refuses to start: the hub runs as root" in log, log[-3000:]
    assert "localprocessspawner does not isolate learners" in log
