"""JupyterHub for a class on one server, running the iliopsoas lessons.

Two ways to use this file (deploy/jupyterhub/README.md):

* a plain JupyterHub:  ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py``, run by
  root from the lessons' environment (the hub and every learner's server share it);
* The Littlest JupyterHub: copy it to ``/opt/tljh/config/jupyterhub_config.d/``.
  TLJH chooses its spawner, authenticator, user environment and culler; this
  file reads TLJH's config.yaml, refuses to start while TLJH's login is one
  where anyone picks the account (first use, TLJH's default; dummy; tmp), and
  otherwise only adds what TLJH lacks (JupyterLab as the default page, the
  memory limit if ``limits.memory`` is not set, the unused extensions off, and
  the learners' servers started through the package's launcher from TLJH's user
  environment).

What it sets:

* every learner's server is ``jupyterhub-singleuser`` from the lessons'
  environment (the one with ``requirements.txt`` and this package installed),
  started by ``python -m iliopsoas_lessons.singleuser`` (which leaves out an
  import no class uses), and opens in JupyterLab;
* nbgitpuller is part of that environment (pinned in requirements.txt), so the
  links of ``python -m iliopsoas_lessons.links`` work;
* jupyterhub-idle-culler stops a server idle for an hour;
* a memory limit per learner (``Spawner.mem_limit``), enforced by
  SystemdSpawner (TLJH's, and the one chosen here when jupyterhub-systemdspawner
  is installed): one systemd unit per learner with ``MemoryMax``;
* who may log in (``ILIOPSOAS_HUB_AUTH``): ``pam`` (the default: the server's
  accounts, only those in the class list ``ILIOPSOAS_HUB_USERS``),
  ``generic-oauth`` (the institution's OAuth/OpenID Connect, from the
  ``OAUTH_*`` variables oauthenticator reads) or ``lti13`` (the learning
  platform, ``ILIOPSOAS_HUB_LTI_*``); admins are named one by one in
  ``ILIOPSOAS_HUB_ADMINS``.

It refuses to start (SystemExit at config load, saying why) when someone could
log in as someone else: a shared password, a login where the user picks the
account (first use, dummy), "anyone may log in" without a spawner that isolates
learners, a system account in the class list, or a hub run as root whose
spawner does not give each learner a user or container of their own.

The ``ILIOPSOAS_HUB_*`` environment variables set the class list and override
the defaults (ports, state folder, timeouts). The class simulation brings its
own authenticator and spawner (benchmarks/classsim/hub_config.py).
"""

import importlib.util
import os
import pwd
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)

env = os.environ.get
# TLJH runs the hub with TLJH_INSTALL_PREFIX set and loads this file with
# load_subconfig, which hands it an empty config: TLJH's own choices (spawner,
# login, users, limits) are in its config.yaml, written by tljh-config, and read
# here to check them and to leave them alone.
TLJH_PREFIX = env("TLJH_INSTALL_PREFIX")
ON_TLJH = bool(TLJH_PREFIX)

# ------------------------------------------------------------------ safety rules
# The hub refuses to start rather than let anyone in as someone else: no shared
# password, no login that lets a learner pick a user name (first use, dummy,
# tmp), no "anyone may log in" unless each learner's server is isolated, and a
# hub run as root only with a spawner that isolates learners.
AUTHENTICATORS = {  # ILIOPSOAS_HUB_AUTH
    "pam": "jupyterhub.auth.PAMAuthenticator",  # the server's accounts, the class list only
    "generic-oauth": "oauthenticator.generic.GenericOAuthenticator",  # the institution's OAuth/OIDC
    "lti13": "ltiauthenticator.lti13.auth.LTI13Authenticator",  # the learning platform (LTI 1.3)
}
OAUTH_ENV = (
    "OAUTH_CLIENT_ID",
    "OAUTH_CLIENT_SECRET",
    "OAUTH_CALLBACK_URL",
    "OAUTH2_AUTHORIZE_URL",
    "OAUTH2_TOKEN_URL",
    "OAUTH2_USERDATA_URL",
)
LTI_ENV = (
    "ILIOPSOAS_HUB_LTI_ISSUER",
    "ILIOPSOAS_HUB_LTI_CLIENT_ID",
    "ILIOPSOAS_HUB_LTI_AUTHORIZE_URL",
    "ILIOPSOAS_HUB_LTI_JWKS_URL",
)
# Logins where whoever types a user name first, or knows one shared password, gets that account
# (NativeAuthenticator: whoever first signs up under an admin's name is that admin).
OPEN_LOGINS = ("dummy", "sharedpassword", "shared-password", "firstuse", "tmpauthenticator", "nativeauthenticator")
TLJH_LOGIN_HELP = (
    "on TLJH, switch to the institution's login and name the class and the admins "
    "before sharing the hub's address, e.g.\n"
    "  sudo tljh-config set auth.type oauthenticator.generic.GenericOAuthenticator\n"
    "  (its client_id, client_secret and URLs: deploy/jupyterhub/README.md)\n"
    "  sudo tljh-config add-item users.allowed ada\n"
    "  sudo tljh-config add-item users.admin t.okafor\n"
    "  sudo tljh-config reload"
)


def refuse(why: str):
    raise SystemExit(f"jupyterhub_config.py refuses to start: {why}")


def names(variable: str) -> set[str]:
    """A comma-separated list of user names from the environment."""
    return {n.strip().lower() for n in env(variable, "").split(",") if n.strip()}


def require_env(*variables: str) -> None:
    missing = [v for v in variables if not env(v)]
    if missing:
        refuse(f"ILIOPSOAS_HUB_AUTH={env('ILIOPSOAS_HUB_AUTH')} needs {', '.join(missing)}")


def require_package(module: str, distribution: str) -> None:
    if importlib.util.find_spec(module) is None:
        refuse(f"ILIOPSOAS_HUB_AUTH={env('ILIOPSOAS_HUB_AUTH')} needs {module}: pip install {distribution}")


def is_system_account(name: str) -> bool:
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return False
    return uid < 1000 or uid == 65534  # root, services, nobody


def dotted(cls) -> str:
    """A class, or its entry-point name or import path, as a lower-case string."""
    return (f"{cls.__module__}.{cls.__qualname__}" if isinstance(cls, type) else str(cls)).lower()


def isolates(spawner: str) -> bool:
    """Whether each learner's server runs as a user of its own, never a system account."""
    return (
        spawner in ("systemdspawner.systemdspawner", "systemd") and c.SystemdSpawner.get("dynamic_users", False) is True
    )


def installed_in(prefix: Path, module: str) -> bool:
    """Whether the environment at ``prefix`` has the distribution of ``module``
    (the hub's own environment: importable; another one, such as TLJH's user
    environment, which the hub cannot import from: its *.dist-info folder, which
    pip writes for a normal and an editable install alike)."""
    if prefix == Path(sys.prefix):
        return importlib.util.find_spec(module) is not None
    return any(prefix.glob(f"lib/python3*/site-packages/{module}-*.dist-info"))


def tljh_settings() -> dict:
    """TLJH's config.yaml (tljh-config's settings); empty if there is none yet."""
    import yaml  # JupyterHub's own dependencies bring PyYAML (jupyter_events)

    path = Path(TLJH_PREFIX) / "config" / "config.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return {}


def check_tljh(settings: dict) -> None:
    # TLJH's default login is "first use": whoever first logs in under a name,
    # the admin's (bootstrap --admin) included, sets its password.
    login = str((settings.get("auth") or {}).get("type", "firstuseauthenticator.FirstUseAuthenticator"))
    if any(word in login.lower() for word in OPEN_LOGINS) or login.lower() == "tmp":
        refuse(f"TLJH's login is {login}, which lets anyone choose an account name to log in as; " + TLJH_LOGIN_HELP)


def check_safety() -> None:
    spawner = dotted(c.JupyterHub.get("spawner_class", "jupyterhub.spawner.LocalProcessSpawner"))
    chosen = c.JupyterHub.get("authenticator_class", "jupyterhub.auth.PAMAuthenticator")
    login = dotted(chosen)
    section = chosen.__name__ if isinstance(chosen, type) else str(chosen).rsplit(".", 1)[-1]
    allow_all = any(c[s].get("allow_all") is True for s in {"Authenticator", section} if s[:1].isupper())
    if any(word in login for word in OPEN_LOGINS) or login == "tmp":
        refuse(f"the authenticator {login} lets anyone choose an account name to log in as")
    isolated = isolates(spawner)
    if os.geteuid() == 0 and not isolated:
        refuse(
            f"the hub runs as root and {spawner} does not isolate learners (their servers could "
            "run as root or as any account): pip install jupyterhub-systemdspawner (each "
            "learner's server then runs as a dynamic user of its own)"
        )
    if allow_all and (not isolated or "pam" in login):
        refuse(
            f"allow_all with {spawner} and {login}: any account could log in and get a terminal "
            "as itself; give the class list (ILIOPSOAS_HUB_USERS)"
        )


# Measured by benchmarks/bench_class.py (deploy/jupyterhub/README.md): a learner
# with one lesson open uses about 273 MB (server 154 + kernel 118); the limit
# leaves room for a second open lesson (a kernel, about 120 MB) before a
# kernel is stopped.
MEM_LIMIT = env("ILIOPSOAS_HUB_MEM_LIMIT", "600M")
CULL_AFTER_SECONDS = int(env("ILIOPSOAS_HUB_CULL_TIMEOUT", "3600"))
# The lessons' environment, where every learner's server runs: TLJH's user
# environment on TLJH (the README's pip install puts the package there), else
# the hub's own.
USER_ENV = Path(env("ILIOPSOAS_HUB_USER_ENV") or (Path(TLJH_PREFIX) / "user" if ON_TLJH else sys.prefix))
STATE_DIR = Path(env("ILIOPSOAS_HUB_STATE_DIR", "/srv/jupyterhub"))

if env("ILIOPSOAS_HUB_SHARED_PASSWORD"):  # this file once offered one: say why it no longer does
    refuse(
        "ILIOPSOAS_HUB_SHARED_PASSWORD is set: with one password for the class, any learner "
        "could log in under another learner's name. Use the institution's login "
        "(ILIOPSOAS_HUB_AUTH: pam with ILIOPSOAS_HUB_USERS, generic-oauth or lti13)"
    )

TLJH = tljh_settings() if ON_TLJH else {}
if ON_TLJH:
    check_tljh(TLJH)

# ---------------------------------------------------------------- learners' servers
c.Spawner.default_url = "/lab"
if not (TLJH.get("limits") or {}).get("memory"):  # TLJH: `tljh-config set limits.memory` wins
    c.Spawner.mem_limit = MEM_LIMIT
# Server extensions a class does not use, off: each learner's server then starts
# with about 25 % less CPU and 12 MB less memory (measured, see README.md).
# jupyter_lsp has no language server to talk to here; Voila serves the lesson
# as an app (Binder's link does that; remove it from this list to offer it on
# the hub); notebook_shim is for the classic Notebook's extensions.
c.Spawner.args = [
    *c.Spawner.get("args", []),
    '--ServerApp.jpserver_extensions={"jupyter_lsp": False, "voila.server_extension": False, "notebook_shim": False}',
]
c.Spawner.start_timeout = int(env("ILIOPSOAS_HUB_START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(env("ILIOPSOAS_HUB_HTTP_TIMEOUT", "60"))

# jupyterhub-singleuser through the package's launcher, on TLJH too (whose own
# command is plain jupyterhub-singleuser): less start-up CPU per learner
# (iliopsoas_lessons/singleuser.py says which and why).
c.Spawner.cmd = [str(USER_ENV / "bin" / "python"), "-m", "iliopsoas_lessons.singleuser"]
PIP = f"sudo -E {USER_ENV / 'bin' / 'pip'}" if ON_TLJH else "pip"
for module, install in (("nbgitpuller", "nbgitpuller"), ("iliopsoas_lessons", ".")):
    if not installed_in(USER_ENV, module):
        refuse(
            f"{module} is not installed in the lessons' environment {USER_ENV}, so no learner's "
            f"server could start: {PIP} install -c requirements.txt {install} (deploy/jupyterhub/README.md)"
        )

if not ON_TLJH:
    if importlib.util.find_spec("systemdspawner") is not None:
        # One systemd unit per learner, run as a dynamic user of its own (not a
        # system account); MemoryMax enforces mem_limit.
        c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
        c.SystemdSpawner.dynamic_users = True
        c.SystemdSpawner.unit_name_template = "jupyter-{USERNAME}-singleuser"
    else:
        # Refused below when the hub runs as root: install jupyterhub-systemdspawner.
        print(
            "jupyterhub_config: jupyterhub-systemdspawner is not installed; LocalProcessSpawner "
            "does NOT enforce the memory limit (pip install jupyterhub-systemdspawner)",
            file=sys.stderr,
        )
        c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"

    # ------------------------------------------------------------ who may log in
    # The institution's login, a class list, and admins named one by one.
    auth = env("ILIOPSOAS_HUB_AUTH", "pam")
    if auth not in AUTHENTICATORS:
        refuse(f"ILIOPSOAS_HUB_AUTH={auth!r}: choose one of {', '.join(AUTHENTICATORS)}")
    c.JupyterHub.authenticator_class = AUTHENTICATORS[auth]
    allowed, admins = names("ILIOPSOAS_HUB_USERS"), names("ILIOPSOAS_HUB_ADMINS")
    c.Authenticator.allowed_users = allowed
    c.Authenticator.admin_users = admins  # admins by name, never by a group or a claim
    c.Authenticator.allow_all = False
    if auth == "pam":
        # A PAM login is a system account: only the class list, never a service account.
        if not allowed:
            refuse(
                "ILIOPSOAS_HUB_USERS is empty: PAM needs the class list "
                "(ILIOPSOAS_HUB_USERS=ada,ben,chloe); without it nobody could log in"
            )
        system = sorted(n for n in allowed | admins if is_system_account(n))
        if system:
            refuse(
                f"{', '.join(system)} in ILIOPSOAS_HUB_USERS/ILIOPSOAS_HUB_ADMINS: a system "
                "account (root, or uid below 1000) may not log in to the hub"
            )
    elif auth == "generic-oauth":
        require_package("oauthenticator", "oauthenticator")
        require_env(*OAUTH_ENV)  # oauthenticator reads these variables itself
        # "sub", the provider's fixed id for the person, unless the institution names a claim
        # it alone sets (its login name); never one users may edit (preferred_username, email
        # or name can be, at some providers)
        c.GenericOAuthenticator.username_claim = env("ILIOPSOAS_HUB_OAUTH_USERNAME_CLAIM", "sub")
        c.GenericOAuthenticator.scope = ["openid", "profile"]
        groups = names("ILIOPSOAS_HUB_GROUPS")
        if groups:  # the course's groups, as the institution's directory sends them
            c.GenericOAuthenticator.allowed_groups = groups
            c.GenericOAuthenticator.auth_state_groups_key = f"oauth_user.{env('ILIOPSOAS_HUB_GROUPS_CLAIM', 'groups')}"
        if not allowed and not groups:
            refuse(
                "set ILIOPSOAS_HUB_USERS (the class list) or ILIOPSOAS_HUB_GROUPS (the course's "
                "groups in the institution's directory): otherwise nobody could log in"
            )
    else:  # lti13
        require_package("ltiauthenticator", "jupyterhub-ltiauthenticator")
        require_env(*LTI_ENV)
        c.LTI13Authenticator.issuer = env("ILIOPSOAS_HUB_LTI_ISSUER")
        c.LTI13Authenticator.client_id = [env("ILIOPSOAS_HUB_LTI_CLIENT_ID")]
        c.LTI13Authenticator.authorize_url = env("ILIOPSOAS_HUB_LTI_AUTHORIZE_URL")
        c.LTI13Authenticator.jwks_endpoint = env("ILIOPSOAS_HUB_LTI_JWKS_URL")
        # the platform's own user id: the learner cannot change it, unlike a name or an e-mail
        c.LTI13Authenticator.username_key = env("ILIOPSOAS_HUB_LTI_USERNAME_KEY", "sub")
        if not allowed:
            # Whoever the learning platform launches from the course: the course's
            # enrolment is the class list. Refused below unless the spawner isolates learners.
            c.Authenticator.allow_all = True

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
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={CULL_AFTER_SECONDS}",
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

    check_safety()
