"""Files that are safe to read and write beside a learner's record (used by
:mod:`iliopsoas_lessons.progress` and the class report): reading that refuses
pipes, devices and huge files without waiting on them, text with or without a
byte-order mark, atomic writes whose temporary files name their writer, the
clean-up of those a killed writer left, and the folder's lock. Standard
library only."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "STALE_TEMP_SECONDS",
    "Bytes",
    "LockTimeout",
    "as_utf8",
    "atomic_write_json",
    "atomic_write_text",
    "free_name",
    "locked",
    "read_bytes",
    "remove_stale_temporaries",
    "unsavable",
]

STALE_TEMP_SECONDS = 600  # a temporary file this old is left over whatever its writer (a save takes ms)


def unsavable(text: str) -> str | None:
    """Why ``text`` cannot be written as UTF-8 (a lone surrogate, as a JSON
    ``\ud800`` escape or a bad console paste gives), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return f"a lone surrogate ({text[e.start]!r}) at character {e.start}, which is not text and cannot be saved"
    return None


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"it is {kind}, not a regular file, so it was not opened"


def _too_big(size: int, limit: int) -> str:
    return f"too big ({size} bytes; a results file is under {limit})"


def read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing without reading a pipe, a device (or a link to
    one; a link to a regular file is fine) or anything over ``limit`` bytes."""
    st = os.stat(path)  # follows links: what would be opened
    problem = _not_regular(st.st_mode)
    if problem:
        raise ValueError(problem)
    if st.st_size > limit:
        raise ValueError(_too_big(st.st_size, limit))
    # O_NONBLOCK: if a pipe is swapped in between stat and open, opening it does not wait for a writer
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        problem = _not_regular(st.st_mode)
        if problem:
            raise ValueError(problem)
        chunks, size = [], 0
        while size <= limit:  # bounded even if the file grows while it is read
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ValueError(_too_big(size, limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),  # before UTF-16: same first bytes
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class Bytes:
    """UTF-8 bytes shaped like a file for the content layer's strict reader."""

    def __init__(self, raw: bytes):
        self.raw = raw

    def read_bytes(self) -> bytes:
        return self.raw


def as_utf8(raw: bytes) -> bytes:
    """UTF-8 bytes for ``raw``: files saved by an editor with a byte-order mark
    (UTF-8 with BOM, UTF-16, UTF-32) are honest results files too."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec).encode("utf-8")
            except UnicodeError as e:
                raise ValueError(
                    f"not valid UTF-8 or {codec.upper().removesuffix('-SIG')} text "
                    f"(it starts with a byte-order mark, then: {e.reason})"
                ) from None
    return raw


# ------------------------------------------------------------------ writing


def atomic_write_json(path: Path, data) -> Path:
    """Write ``data`` as JSON to ``path`` so that a crash leaves either the old
    file or the new one, never half of one (the text site-progress.js keeps too)."""
    return atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


# A temporary file's name carries this machine and the writing process, so the
# next store can tell one left by a dead process from a live writer's.
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.{_HOST}-{os.getpid()}-"


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically: a temporary file in the
    same folder, flushed to disk, then renamed over the old one."""
    path = Path(path)
    try:
        raw = text.encode("utf-8")  # before any file exists: text that cannot be saved leaves nothing behind
    except UnicodeEncodeError:
        raise ValueError(f"cannot save {path.name}: {unsavable(text)}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    return path


def _pid_gone(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) on Windows sends Ctrl-C: never probe there, go by age alone
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, another user's
        return False
    return False


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files a killed writer of ``path`` left behind: those
    of a process of this machine that is gone, and any older than
    ``STALE_TEMP_SECONDS`` (also the unnamed ones of earlier versions). A live
    writer's file is left alone. Returns what was removed."""
    path = Path(path)
    ours = re.compile(re.escape(f".{path.name}.") + r"([0-9a-f]{8})-(\d+)-[A-Za-z0-9_]+\.tmp")
    older = re.compile(re.escape(f".{path.stem}-") + r"[A-Za-z0-9_]+\.tmp")  # before names carried the writer
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = ours.fullmatch(entry.name)
        if not m and not older.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        dead = m is not None and m.group(1) == _HOST and int(m.group(2)) != os.getpid() and _pid_gone(int(m.group(2)))
        if dead or now - st.st_mtime > STALE_TEMP_SECONDS:
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def free_name(folder: Path, stem: str, kind: str) -> Path:
    n = 1
    while os.path.lexists(folder / f"{stem}.{kind}-{n}.json"):
        n += 1
    return folder / f"{stem}.{kind}-{n}.json"


class LockTimeout(OSError):
    """Another process held the progress lock for longer than ``LOCK_TIMEOUT``."""


@contextmanager
def locked(folder: Path, name: str, timeout: float):
    """Hold the folder's lock (an exclusive ``flock`` on the file ``name``;
    ``msvcrt.locking`` on Windows). Released when the block ends, and by the
    system if the process dies, so a killed kernel never leaves it held."""
    folder.mkdir(parents=True, exist_ok=True)
    flags = (
        os.O_RDWR
        | os.O_CREAT
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    fd = os.open(folder / name, flags, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{folder / name} is not a regular file; remove it")
        try:
            import fcntl

            def attempt() -> bool:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return False
                return True

            def release() -> None:
                fcntl.flock(fd, fcntl.LOCK_UN)
        except ImportError:  # Windows
            import msvcrt

            def attempt() -> bool:
                try:
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                except OSError:
                    return False
                return True

            def release() -> None:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

        deadline = time.monotonic() + timeout
        pause = 0.0005
        while not attempt():
            if time.monotonic() > deadline:
                raise LockTimeout(f"another lesson kept {folder / name} locked for over {timeout:g} s")
            time.sleep(pause)
            pause = min(pause * 2, 0.01)
        try:
            yield
        finally:
            release()
    finally:
        os.close(fd)
