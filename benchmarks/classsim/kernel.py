"""A learner's kernel, driven as JupyterLab drives it: over the kernel
websocket, running cells with ``execute_request`` and keeping the widget
models it opens (a figure widget's state table, which the page then plays
with no message to the kernel).
"""

from __future__ import annotations

import json
import struct
import time
import uuid

import websocket


class KernelError(RuntimeError):
    """A cell failed, or the kernel did not answer in time."""


class KernelClosed(KernelError):
    """The kernel's websocket closed under the learner (the server or the proxy dropped it)."""


def _decode(frame) -> dict:
    """A message from the websocket: JSON text, or jupyter_server's binary frame
    (a count, offsets, the JSON, then buffers) for messages with buffers."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack(f"!{count}I", frame[4 : 4 + 4 * count])
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0] : end].decode("utf-8"))


class Widgets:
    """The widget models the kernel opened, by comm id, with their latest state."""

    def __init__(self):
        self.state: dict[str, dict] = {}

    def see(self, msg: dict) -> str | None:
        """Track a comm_open or an update; the comm id if it is a figure whose picture changed."""
        kind, content = msg["header"]["msg_type"], msg["content"]
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.state[content["comm_id"]] = dict(content["data"].get("state", {}))
            changed = self.state[content["comm_id"]]
        elif kind == "comm_msg" and content["data"].get("method") == "update":
            changed = content["data"].get("state", {})
            self.state.setdefault(content["comm_id"], {}).update(changed)
        else:
            return None
        if self.is_figure(content["comm_id"]) and changed.get("table"):
            return content["comm_id"]
        return None

    def table_of(self, comm_id: str) -> dict | None:
        """The state table of a figure widget that plays one in the page (state_player.js), or None."""
        table = self.state.get(comm_id, {}).get("table")
        if isinstance(table, dict) and any(s.get("place") == "figure" for s in table.get("slots", ())):
            return table
        return None

    def is_figure(self, comm_id: str) -> bool:
        """Every lesson figure is a state table the page plays (no figure is an HTML widget any more)."""
        return self.table_of(comm_id) is not None


class Kernel:
    """One websocket to one kernel (``ws_url`` ends in /api/kernels/<id>/channels)."""

    def __init__(self, ws_url: str, *, cookie: str, headers: dict[str, str], timeout: float = 60):
        self.session = uuid.uuid4().hex
        self._connect_args = dict(ws_url=ws_url, cookie=cookie, headers=headers, timeout=timeout)
        self.ws = self._connect()
        self.reconnects = 0  # websockets that closed under the learner and were opened again
        self.widgets = Widgets()
        self.first_figure_at: float | None = None  # time.monotonic() of the first figure

    def _connect(self) -> websocket.WebSocket:
        args = self._connect_args
        try:
            return websocket.create_connection(
                args["ws_url"],
                cookie=args["cookie"],
                header=args["headers"],
                timeout=args["timeout"],
                suppress_origin=True,
            )
        except websocket.WebSocketException as exc:
            raise KernelError(f"the kernel websocket could not be opened: {exc}") from None

    def reconnect(self) -> None:
        """Open the websocket again, as JupyterLab's page does when its connection drops
        (the kernel keeps running; only messages sent while it was closed are lost)."""
        try:
            self.ws.close()
        except websocket.WebSocketException:
            pass
        self.ws = self._connect()
        self.reconnects += 1

    def close(self) -> None:
        self.ws.close()

    def _send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        frame = json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": msg_type,
                    "session": self.session,
                    "username": "learner",
                    "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()),
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "content": content,
                "channel": channel,
                "buffers": [],
            }
        )
        try:
            self.ws.send(frame)
        except (websocket.WebSocketException, OSError) as exc:
            raise KernelClosed(f"the kernel websocket closed while sending: {exc}") from None
        return msg_id

    def _receive(self, deadline: float) -> dict:
        self.ws.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            msg = _decode(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            raise KernelError("the kernel did not answer in time") from None
        except (websocket.WebSocketException, OSError) as exc:
            raise KernelClosed(f"the kernel websocket closed: {exc}") from None
        if self.widgets.see(msg) and self.first_figure_at is None:
            self.first_figure_at = time.monotonic()
        content = msg.get("content", {})
        if (
            msg["header"]["msg_type"] == "display_data"
            and self.first_figure_at is None
            and {"image/png", "image/svg+xml"} & set(content.get("data", {}))
        ):
            self.first_figure_at = time.monotonic()
        return msg

    def _until_idle(
        self, msg_id: str, deadline: float, on_message=None, *, reply_expected: bool = True
    ) -> tuple[list[dict], dict | None]:
        """iopub messages of request ``msg_id`` until it is idle and its reply has come
        (a comm message gets no reply)."""
        outputs, reply, idle = [], None, False
        while not (idle and (reply is not None or not reply_expected)):
            if time.monotonic() > deadline:
                raise KernelError("the kernel did not finish in time")
            msg = self._receive(deadline)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if on_message is not None:
                on_message(msg)
            if msg["channel"] == "shell":
                reply = msg["content"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif kind in ("execute_result", "display_data", "stream", "error"):
                outputs.append(msg)
        return outputs, reply

    def wait_ready(self, timeout: float = 120) -> None:
        """Ask for kernel_info until the kernel answers (it may still be starting)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                msg_id = self._send("shell", "kernel_info_request", {})
                self._until_idle(msg_id, min(deadline, time.monotonic() + 10))
                return
            except KernelClosed:
                # a starting kernel's socket dropped: open it again, as the page would,
                # at most twice (a third drop is a failure the report names)
                if self.reconnects >= 2 or time.monotonic() > deadline:
                    raise
                self.reconnect()
            except KernelError:
                if time.monotonic() > deadline:
                    raise

    def execute(self, code: str, timeout: float = 300) -> tuple[list[dict], int]:
        """Run one cell; its output messages and execution count. A failing cell raises."""
        msg_id = self._send(
            "shell",
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        outputs, reply = self._until_idle(msg_id, time.monotonic() + timeout)
        if reply.get("status") != "ok":
            raise KernelError(f"cell failed: {reply.get('ename')}: {reply.get('evalue')}")
        return outputs, reply.get("execution_count")
