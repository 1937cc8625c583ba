"""The Voila app stops the kernels of pages that were closed.

Voila starts one kernel per page load. Without culling, every load leaves a
kernel (about 140 MiB) running until the server stops. The shipped
``voila.json`` culls a kernel once its page is gone and it has been idle for
a while; here a server with a short idle time (the same settings, only
quicker) serves three page loads, the pages close, and the kernels must go.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import psutil
import pytest
from _voila import start_voila, stop_voila, wait_rendered

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
CULL_SETTINGS = ("cull_idle_timeout", "cull_interval", "cull_connected", "cull_busy")


def _kernels(pid: int) -> list[psutil.Process]:
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    out = []
    for child in children:
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                out.append(child)
        except psutil.NoSuchProcess:
            pass
    return out


def test_shipped_voila_config_culls_kernels_of_closed_pages():
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    config = json.loads((REPO / "voila.json").read_text())["MappingKernelManager"]
    assert set(config) == set(CULL_SETTINGS)
    for name in CULL_SETTINGS:  # every name is a real setting of the kernel manager Voila uses
        assert AsyncMappingKernelManager.class_traits().get(name) is not None, name
    assert 0 < config["cull_idle_timeout"] <= 900 and 0 < config["cull_interval"] <= config["cull_idle_timeout"]
    assert config["cull_connected"] is False  # an open page keeps its kernel


def test_closed_pages_leave_no_kernel_running(browser, tmp_path):
    server = start_voila(
        tmp_path, extra_args=["--MappingKernelManager.cull_idle_timeout=3", "--MappingKernelManager.cull_interval=1"]
    )
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            for _ in range(3):
                page = context.new_page()
                page.goto(server.app_url)
                wait_rendered(page)
                page.close()
        finally:
            context.close()
        deadline = time.monotonic() + 60
        while _kernels(server.proc.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        left = _kernels(server.proc.pid)
        assert left == [], f"{len(left)} kernel(s) still running 60 s after their pages closed:\n" + server.log_tail(40)
        assert server.proc.poll() is None, "the Voila server itself stopped"
    finally:
        stop_voila(server)
