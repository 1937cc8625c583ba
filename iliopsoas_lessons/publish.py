"""Files a teacher publishes (the class report, the gradebook, the exports):
written atomically and readable by others. Standard library only, so every
layer that writes such a file may use it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["write_public"]


def write_public(path: Path, payload: bytes | str) -> None:
    """Write ``payload`` (text is written as UTF-8) atomically: a temporary file
    in the same folder, flushed and synced, then renamed over ``path``. The file
    is 0o666 less the umask (e.g. -rw-r--r--), since it is made to be shared;
    tempfile's own would be 0o600."""
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    temp = path.with_name(f".{path.name}-{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
