"""Gather learners' results files for the class report, keeping every good one
and saying why each other one was skipped.

Every file given, and every ``*.json`` (any case) under a folder given, is
either counted or listed as skipped with its reason. Nothing that is not a
regular file is ever opened (a named pipe, a device, ``/proc/kmsg`` behind a
link would block or never end), each file is read only up to the size limit,
and reading stops at a total input cap."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from iliopsoas_lessons.content.case_engine import MAX_PATH as _MAX_PATH
from iliopsoas_lessons.content.collection import ContentError
from iliopsoas_lessons.content.reader import read_json
from iliopsoas_lessons.progress import EXERCISES, MAX_ATTEMPTS, MAX_BYTES, MAX_DEPTH, problems

from .paths import EXERCISE as _CASES

__all__ = ["Collected", "collect", "MAX_TOTAL_BYTES", "MAX_FILES"]

MAX_TOTAL_BYTES = 20_000_000  # a class of hundreds at a few kB each; 100 MB once took ~400 MB of memory
MAX_FILES = 5_000
# progress.problems checks with ^...$, which lets a trailing newline through:
# the report holds ids and keys to the whole text
_ID = re.compile(r"[0-9a-f]{32}")
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
_SYSTEM = ("/proc/", "/sys/", "/dev/")


@dataclass
class Collected:
    records: list[tuple[Path, dict]]  # one per learner, in the order found
    skipped: list[tuple[Path, str]]  # (file, why)

    @property
    def learners(self) -> int:
        return len(self.records)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file that can be read (None if it is one); nothing is opened."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "a broken link (its target does not exist)" if os.path.islink(path) else "no such file or folder"
    except OSError as e:
        return f"cannot be read ({e.strerror})"
    if stat.S_ISREG(st.st_mode):
        # the kernel's files pose as regular ones; reading /proc/kmsg takes the log from the system
        system = next((d for d in _SYSTEM if os.path.realpath(path).startswith(d)), None)
        return f"a system file (under {system}), not a results file" if system else None
    kind = _kind(st.st_mode)
    return (f"a link to {kind}" if os.path.islink(path) else kind) + "; only regular files are read"


def _is_json(name: str) -> bool:
    return name.lower().endswith(".json")


def _files(paths) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Each path given, and the *.json files under each folder given (sorted, so runs repeat).

    Links to folders inside a folder are not followed (they could loop); a
    .json entry that is not a regular file is listed as skipped, not opened."""
    found, skipped = [], []
    for given in map(Path, paths):
        if given.is_dir():

            def unreadable(error, _skipped=skipped):  # a folder that cannot be listed is said, not passed over
                _skipped.append((Path(error.filename), f"a folder that cannot be read ({error.strerror})"))

            for top, dirs, names in os.walk(given, onerror=unreadable, followlinks=False):
                dirs.sort()
                for d in list(dirs):
                    if os.path.islink(os.path.join(top, d)):
                        dirs.remove(d)
                        if _is_json(d):
                            skipped.append((Path(top, d), "a link to a folder (not followed)"))
                for name in sorted(names):
                    if _is_json(name):
                        found.append(Path(top, name))
        else:
            found.append(given)
    return found, skipped


def _read(path: Path, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of a regular file, opened without blocking."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since it was checked
            raise ValueError("not a regular file; only regular files are read")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except BlockingIOError:
        raise ValueError("would block: not an ordinary file") from None
    finally:
        os.close(fd)


class _Bytes:
    """What read_json reads: the bytes already read, so the file is opened only once."""

    def __init__(self, raw: bytes):
        self.raw = raw

    def read_bytes(self) -> bytes:
        return self.raw


def _strict_problem(data: dict) -> str | None:
    """What progress.problems lets through: an id or key with a trailing newline."""
    if not _ID.fullmatch(data["learner_id"]):
        return "'learner_id' must be 32 lower-case hex digits"
    for exercise in dict.fromkeys((*EXERCISES, _CASES)):
        for item, rec in data["exercises"].get(exercise, {}).items():
            if not _KEY.fullmatch(item):
                return f"exercises.{exercise}: {item!r} is not a key (letters, digits, '_' and '-')"
            for attempt in (rec["first"], *rec["later"]):
                answer = attempt["answer"]
                keys = [answer] if exercise == "red_flag_cases" else answer if exercise in ("pain_map", _CASES) else []
                if not all(_KEY.fullmatch(k) for k in keys):
                    return f"exercises.{exercise}.{item}: an answer is not a key"
    return None


def _paths_problem(items) -> str | None:
    """What is wrong with a file's case paths (None if nothing), checked here
    while the progress module does not know the cases' exercise."""
    where = f"exercises.{_CASES}"
    if not isinstance(items, dict):
        return f"{where} must be an object"
    for item, rec in items.items():
        if not _KEY.fullmatch(item):
            return f"{where}: {item!r} is not a key (letters, digits, '_' and '-')"
        if not isinstance(rec, dict) or set(rec) != {"first", "later"} or not isinstance(rec["later"], list):
            return f"{where}.{item} must have 'first' and a list 'later'"
        if len(rec["later"]) > MAX_ATTEMPTS:
            return f"{where}.{item}: more than {MAX_ATTEMPTS} later attempts"
        for attempt in (rec["first"], *rec["later"]):
            if not isinstance(attempt, dict) or not {"answer", "correct"} <= set(attempt) <= {
                "answer",
                "correct",
                "at",
            }:
                return f"{where}.{item}: an attempt must have 'answer' and 'correct' (and optionally 'at')"
            if not isinstance(attempt["correct"], bool):
                return f"{where}.{item}: 'correct' must be true or false"
            if "at" in attempt and not (isinstance(attempt["at"], str) and len(attempt["at"]) <= 40):
                return f"{where}.{item}: 'at' must be a short date-time text"
            path = attempt["answer"]
            if not isinstance(path, list) or len(path) > _MAX_PATH or not all(isinstance(k, str) for k in path):
                return f"{where}.{item}: a case answer must be a list of at most {_MAX_PATH} keys"
    return None


def _problems(data) -> list:
    """progress.problems, and the case paths checked here if progress does not know them yet."""
    exercises = data.get("exercises") if isinstance(data, dict) else None
    if _CASES in EXERCISES or not isinstance(exercises, dict) or _CASES not in exercises:
        return problems(data)
    rest = {**data, "exercises": {k: v for k, v in exercises.items() if k != _CASES}}
    return problems(rest) or [_paths_problem(exercises[_CASES])]


def _results(path: Path, raw: bytes) -> dict:
    try:
        data = read_json(_Bytes(raw), path.name)  # the package's one strict reader
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels") from None
    except ContentError as e:
        raise ValueError(str(e).removeprefix(f"{path.name}: ")) from None
    found = [p for p in _problems(data) if p] or [_strict_problem(data)]
    if found[0]:
        raise ValueError(found[0])
    return data


def collect(paths, *, max_total: int = MAX_TOTAL_BYTES, max_files: int = MAX_FILES) -> Collected:
    """Read every results file under ``paths`` (files or folders).

    A file that is not a regular file, not a results file of this format
    version, malformed, bigger than the limit or nested too deeply is skipped
    with its reason; the same learner handed in twice counts once (the first
    file found). Past ``max_total`` bytes or ``max_files`` files in all, the
    rest are listed as skipped, unread."""
    files, skipped = _files(paths)
    records, seen = [], {}
    total = read = 0
    for path in dict.fromkeys(files):
        why = _not_regular(path)
        if why:
            skipped.append((path, why))
            continue
        try:
            size = os.stat(path).st_size
            if size > MAX_BYTES:
                raise ValueError(f"too big ({size} bytes; a results file is under {MAX_BYTES})")
            if read >= max_files or total + size > max_total:
                raise ValueError(
                    f"not read: the report reads at most {max_files} files and "
                    f"{max_total // 1_000_000} MB in all; make a report per group"
                )
            raw = _read(path, MAX_BYTES)
            read += 1
            total += len(raw)
            if len(raw) > MAX_BYTES:  # it grew, or its size was not told (as in /proc)
                raise ValueError(f"too big (over {MAX_BYTES} bytes; a results file is under {MAX_BYTES})")
            data = _results(path, raw)
        except OSError as e:
            skipped.append((path, f"cannot be read ({e.strerror or e})"))
            continue
        except ValueError as e:
            skipped.append((path, str(e)))
            continue
        learner = data["learner_id"]
        if learner in seen:
            skipped.append((path, f"the same learner as {seen[learner].name} (counted once)"))
            continue
        seen[learner] = path
        records.append((path, data))
    return Collected(records, skipped)
