"""etc/jupyter/voila.py's request checks, without a server: Voila's own
server (`make voila`) refuses another site's request before a kernel starts;
where Voila is a Jupyter server extension (Binder, a hub: logins guard it and
its links come through Binder's launch page) the same request goes on."""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from tornado.httputil import HTTPHeaders
from tornado.web import HTTPError
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def config():
    c = Config()
    return runpy.run_path(str(ROOT / "etc" / "jupyter" / "voila.py"), init_globals={"get_config": lambda: c}), c


def _handler(headers: dict, voila_app):
    request = SimpleNamespace(headers=HTTPHeaders(headers), protocol="http", host="127.0.0.1:8866")
    return SimpleNamespace(
        request=request,
        settings={"voila": voila_app} if voila_app else {},
        log=SimpleNamespace(warning=lambda *a: None),
        xsrf_token=b"t",
    )


def test_the_host_check_is_on_for_voilas_own_server(config):
    _, c = config
    settings = c.Voila.tornado_settings
    assert settings["allow_remote_access"] is False and settings["local_hostnames"] == ["localhost"]
    assert set(settings) == {"allow_remote_access", "local_hostnames", "jinja_template_vars"}


@pytest.mark.parametrize(
    "headers, refused",
    [
        ({}, False),
        ({"Sec-Fetch-Site": "none"}, False),
        ({"Sec-Fetch-Site": "same-origin", "Referer": "http://127.0.0.1:8866/"}, False),
        ({"Sec-Fetch-Site": "cross-site"}, True),
        ({"Sec-Fetch-Site": "same-site"}, True),
        ({"Origin": "http://evil.example"}, True),
        ({"Origin": "http://127.0.0.1:9999"}, True),
        ({"Referer": "https://127.0.0.1:8866/"}, True),
        ({"Origin": "null"}, True),
    ],
)
def test_only_the_servers_own_requests_start_a_kernel(config, headers, refused):
    from voila.app import Voila

    ns, _ = config
    hook = ns["set_xsrf_cookie"]
    own = _handler(headers, Voila.__new__(Voila))
    if refused:
        with pytest.raises(HTTPError) as e:
            hook(own, notebook="nb", cwd=".")
        assert e.value.status_code == 403
    else:
        assert hook(own, notebook="nb", cwd=".") == "nb"
    # as a server extension the request goes on (its login guards it)
    assert hook(_handler(headers, None), notebook="nb", cwd=".") == "nb"
