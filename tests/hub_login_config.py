"""Test settings for tests/test_hub_logins.py (never for a real hub).

Loads the production deploy/jupyterhub/jupyterhub_config.py whole, with the
class list and admins from the ``ILIOPSOAS_HUB_*`` variables it documents, on a
machine whose PAM password database is a stand-in: a JSON file of user name ->
password, written by the test (``HUB_TEST_ACCOUNTS``). Only pamela's two calls
are replaced, so that the test need not create system accounts, and
``HUB_TEST_WITHOUT_SYSTEMDSPAWNER`` hides jupyterhub-systemdspawner; the
PAMAuthenticator, the class list, the admins and every check of the production
file are the real ones.
"""

import atexit
import gc
import json
import os
import signal
import sys
from pathlib import Path

import pamela

ACCOUNTS = json.loads(Path(os.environ["HUB_TEST_ACCOUNTS"]).read_text(encoding="utf-8"))
PRODUCTION = Path(__file__).resolve().parents[1] / "deploy" / "jupyterhub" / "jupyterhub_config.py"


def authenticate(username, password, service="login", encoding="utf-8", resetcred=True):
    if ACCOUNTS.get(username) != password:
        raise pamela.PAMError("Authentication failure", 7)  # PAM_AUTH_ERR, as pam_unix says


def check_account(username, service="login", encoding="utf-8"):
    if username not in ACCOUNTS:
        raise pamela.PAMError("User not known to the underlying authentication module", 10)


pamela.authenticate = authenticate
pamela.check_account = check_account

# The refusal test: a machine without jupyterhub-systemdspawner (find_spec gives None).
if os.environ.get("HUB_TEST_WITHOUT_SYSTEMDSPAWNER"):
    sys.modules["systemdspawner"] = None

load_subconfig(str(PRODUCTION))  # noqa: F821 (traitlets' config loader defines it)

# A prompt exit on the test's SIGTERM: the hub's final garbage collection over
# its live objects skipped (why: benchmarks/classsim/hub_config.py, the end).
atexit.register(gc.freeze)

# The idle culler stopped on SIGINT even where the hub was started with SIGINT
# ignored (why: benchmarks/classsim/hub_config.py, "SIGINT as Python sets it").
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
