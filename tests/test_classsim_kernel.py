"""The class simulation's kernel client when the kernel's websocket drops
under a learner (as it once did at 40 learners): the drop is a KernelError
that the learner records as its failure, and a kernel that is still starting
gets its socket opened again, as JupyterLab's page does, instead of the whole
run stopping on an uncaught exception."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import websocket

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from classsim import kernel as kernel_module
from classsim.kernel import Kernel, KernelClosed, KernelError


class _Socket:
    """A websocket that drops at once, or answers kernel_info like a kernel."""

    def __init__(self, drops: bool):
        self.drops = drops
        self.sent: list[dict] = []
        self.queue: list[str] = []

    def settimeout(self, _seconds):
        pass

    def send(self, frame: str):
        if self.drops:
            raise websocket.WebSocketConnectionClosedException("Connection to remote host was lost.")
        request = json.loads(frame)
        self.sent.append(request)
        parent = {"msg_id": request["header"]["msg_id"]}
        self.queue += [
            json.dumps(
                {
                    "header": {"msg_type": "kernel_info_reply"},
                    "parent_header": parent,
                    "channel": "shell",
                    "content": {"status": "ok"},
                }
            ),
            json.dumps(
                {
                    "header": {"msg_type": "status"},
                    "parent_header": parent,
                    "channel": "iopub",
                    "content": {"execution_state": "idle"},
                }
            ),
        ]

    def recv(self):
        if self.drops or not self.queue:
            raise websocket.WebSocketConnectionClosedException("Connection to remote host was lost.")
        return self.queue.pop(0)

    def close(self):
        pass


def _kernel(monkeypatch, drops: list[bool]) -> tuple[Kernel, list[_Socket]]:
    opened: list[_Socket] = []

    def connect(*_args, **_kwargs):
        opened.append(_Socket(drops[min(len(opened), len(drops) - 1)]))
        return opened[-1]

    monkeypatch.setattr(kernel_module.websocket, "create_connection", connect)
    return Kernel("ws://127.0.0.1:1/api/kernels/k/channels", cookie="", headers={}), opened


def test_a_dropped_socket_is_opened_again_while_the_kernel_starts(monkeypatch):
    kernel, opened = _kernel(monkeypatch, [True, False])
    kernel.wait_ready(timeout=5)
    assert kernel.reconnects == 1
    assert len(opened) == 2 and opened[1].sent[0]["header"]["msg_type"] == "kernel_info_request"


def test_a_socket_that_keeps_dropping_is_a_kernel_error_not_a_crash(monkeypatch):
    kernel, opened = _kernel(monkeypatch, [True])
    with pytest.raises(KernelClosed, match="websocket closed") as caught:
        kernel.wait_ready(timeout=5)
    assert isinstance(caught.value, KernelError)  # what Learner.run records as the learner's failure
    assert kernel.reconnects == 2 and len(opened) == 3


def test_a_drop_while_a_cell_runs_is_a_kernel_error(monkeypatch):
    kernel, _ = _kernel(monkeypatch, [False])
    kernel.ws.drops = True
    with pytest.raises(KernelClosed):
        kernel.execute("1 + 1", timeout=5)
