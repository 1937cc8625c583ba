"""A learner's progress, kept in one small JSON file on their own machine.

Every exercise records each answer when it is checked; the first attempt at
an item is kept apart from later ones. A state built again (a new kernel, a
reopened lesson) restores the latest answers from the same file::

    store = default_store()                          # ILIOPSOAS_LESSONS_DATA or the user data folder
    store.record("quiz", "what_lessons_do", 2, correct=False)
    store.record("quiz", "what_lessons_do", 0, correct=True)
    store.restore("quiz")["what_lessons_do"].first   # Attempt(answer=2, correct=False)

What an answer is, per exercise (the class report reads the same):

* ``"quiz"``: the option's index in ``data/lessons/quiz.json`` (not its place
  on screen, which is shuffled per learner);
* ``"red_flag_cases"``: the urgency level's key (``data/urgency.json``);
* ``"pain_map"``: the list of marked region keys.

The file is written atomically (a temporary file in the same folder, fsync,
``os.replace``), so a crash leaves the previous file whole. A file that cannot
be read (corrupt, too big, another format version) is set aside as
``progress.corrupt-<n>.json``, never deleted, with a warning, and the lesson
goes on with a fresh record. Nothing here sends anything anywhere.

This module sits beside the content layer: standard library and platformdirs.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
import warnings
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from iliopsoas_lessons.content.collection import ContentError
from iliopsoas_lessons.content.reader import read_json

__all__ = ["FORMAT", "SCHEMA_VERSION", "FILE_NAME", "ENV_VAR", "MAX_BYTES", "EXERCISES", "Attempt", "ItemRecord",
           "ProgressStore", "ProgressWarning", "NoProgress", "data_folder", "default_store", "resolve_store", "problems", "read_results",
           "atomic_write_json", "atomic_write_text"]

FORMAT = "iliopsoas-lessons-results"
SCHEMA_VERSION = 1
FILE_NAME = "progress.json"
ENV_VAR = "ILIOPSOAS_LESSONS_DATA"
MAX_BYTES = 1_000_000          # a real record is a few kilobytes
MAX_DEPTH = 8                  # the format nests 5 deep
MAX_ATTEMPTS = 200             # later attempts kept per item
MAX_PSEUDONYM = 60
MAX_OPTIONS = 100              # a quiz answer is an option index below this
MAX_REGIONS = 100              # a pain-map answer marks at most this many regions
EXERCISES = ("quiz", "red_flag_cases", "pain_map")
FIELDS = ("$schema", "format", "schema_version", "package_version", "learner_id", "pseudonym", "exercises")
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")
_ID = re.compile(r"^[0-9a-f]{32}$")
# What the learner is told when their record cannot be read or saved ({place}: the
# file here; the browser's storage on the course website, sitewidgets/progress.py)
SET_ASIDE_MESSAGE = ("Your saved progress in {place} could not be read ({why}); it {where}. "
                     "The lesson goes on with a fresh record.")
KEPT_AS = "was kept as {name}"
NOT_MOVED = "could not be moved aside ({why})"
NOT_SAVED_MESSAGE = "Your progress could not be saved in {place} ({why}); the lesson goes on."


class ProgressWarning(UserWarning):
    """A progress file could not be used; the lesson goes on with a fresh record."""


@dataclass(frozen=True)
class Attempt:
    answer: object
    correct: bool
    at: str | None = None

    def as_json(self) -> dict:
        out = {"answer": list(self.answer) if isinstance(self.answer, tuple) else self.answer,
               "correct": self.correct}
        if self.at is not None:
            out["at"] = self.at
        return out


@dataclass(frozen=True)
class ItemRecord:
    """One item's attempts: the first kept apart from the later ones."""

    first: Attempt
    later: tuple[Attempt, ...] = ()

    @property
    def latest(self) -> Attempt:
        return self.later[-1] if self.later else self.first

    @property
    def attempts(self) -> int:
        return 1 + len(self.later)


def data_folder() -> Path:
    """``$ILIOPSOAS_LESSONS_DATA`` if set, else the platform's user data folder."""
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("iliopsoas-lessons", appauthor=False))


def _package_version() -> str:
    from iliopsoas_lessons import __version__

    return __version__


def _utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# ------------------------------------------------------------------ checking a record


def _depth(value, limit: int) -> int:
    if limit < 0:
        return 1
    if isinstance(value, dict):
        return 1 + max((_depth(v, limit - 1) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v, limit - 1) for v in value), default=0)
    return 0


def _answer_problem(exercise: str, answer) -> str | None:
    if exercise == "quiz":
        ok = isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < MAX_OPTIONS
        return None if ok else f"a quiz answer must be an option index 0-{MAX_OPTIONS - 1}"
    if exercise == "red_flag_cases":
        return None if isinstance(answer, str) and _KEY.match(answer) else "a case answer must be a level key"
    ok = isinstance(answer, list) and len(answer) <= MAX_REGIONS and all(isinstance(k, str) and _KEY.match(k) for k in answer)
    return None if ok else "a pain-map answer must be a list of region keys"


def _attempt_problem(exercise: str, attempt) -> str | None:
    if not isinstance(attempt, dict) or not {"answer", "correct"} <= set(attempt) \
            or not set(attempt) <= {"answer", "correct", "at"}:
        return "an attempt must have 'answer' and 'correct' (and optionally 'at')"
    if not isinstance(attempt["correct"], bool):
        return "'correct' must be true or false"
    if "at" in attempt and not (isinstance(attempt["at"], str) and len(attempt["at"]) <= 40):
        return "'at' must be a short date-time text"
    return _answer_problem(exercise, attempt["answer"])


def _exercises_problems(exercises) -> list[str]:
    if not isinstance(exercises, dict) or not set(exercises) <= set(EXERCISES):
        return [f"'exercises' must be an object with only: {', '.join(EXERCISES)}"]
    for exercise, items in exercises.items():
        if not isinstance(items, dict):
            return [f"exercises.{exercise} must be an object"]
        for item, rec in items.items():
            if not _KEY.match(item):
                return [f"exercises.{exercise}: {item!r} is not a key (letters, digits, '_' and '-')"]
            if not isinstance(rec, dict) or set(rec) != {"first", "later"} or not isinstance(rec["later"], list):
                return [f"exercises.{exercise}.{item} must have 'first' and a list 'later'"]
            if len(rec["later"]) > MAX_ATTEMPTS:
                return [f"exercises.{exercise}.{item}: more than {MAX_ATTEMPTS} later attempts"]
            for attempt in (rec["first"], *rec["later"]):
                problem = _attempt_problem(exercise, attempt)
                if problem:
                    return [f"exercises.{exercise}.{item}: {problem}"]
    return []


def problems(data) -> list[str]:
    """Why ``data`` is not a results record of this format version ([] if it is)."""
    if not isinstance(data, dict):
        return ["not a results file (not a JSON object)"]
    if data.get("format") != FORMAT:
        return [f"not a results file (format is not {FORMAT!r})"]
    if data.get("schema_version") != SCHEMA_VERSION:
        return [f"from another version of the results format ({data.get('schema_version')!r}; "
                f"this package reads {SCHEMA_VERSION})"]
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        return [f"nested deeper than {MAX_DEPTH} levels"]
    if not set(data) <= set(FIELDS):
        return [f"unknown fields: {', '.join(sorted(map(str, set(data) - set(FIELDS))))}"]
    if not isinstance(data.get("learner_id"), str) or not _ID.match(data["learner_id"]):
        return ["'learner_id' must be 32 lower-case hex digits"]
    if not isinstance(data.get("package_version"), str) or len(data["package_version"]) > 40:
        return ["'package_version' must be a short text"]
    pseudonym = data.get("pseudonym")
    if pseudonym is not None and not (isinstance(pseudonym, str) and len(pseudonym) <= MAX_PSEUDONYM):
        return [f"'pseudonym' must be null or a text of at most {MAX_PSEUDONYM} characters"]
    return _exercises_problems(data.get("exercises"))


def read_results(path: Path) -> dict:
    """A results file's record; ``ValueError`` saying why it is not one."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"too big ({size} bytes; a results file is under {MAX_BYTES})")
    try:
        data = read_json(path, path.name)  # the package's one strict reader: no NaN, no member twice
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels") from None
    except ContentError as e:
        raise ValueError(str(e).removeprefix(f"{path.name}: ")) from None
    found = problems(data)
    if found:
        raise ValueError(found[0])
    return data


# ------------------------------------------------------------------ writing


def atomic_write_json(path: Path, data) -> Path:
    """Write ``data`` as JSON to ``path`` so that a crash leaves either the old
    file or the new one, never half of one."""
    return atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically: a temporary file in the
    same folder, flushed to disk, then renamed over the old one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
    return path


def _fsync_folder(folder: Path) -> None:
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


def _free_name(folder: Path, stem: str, kind: str) -> Path:
    n = 1
    while (folder / f"{stem}.{kind}-{n}.json").exists():
        n += 1
    return folder / f"{stem}.{kind}-{n}.json"


# ------------------------------------------------------------------ the store


def _attempt(a: dict) -> Attempt:
    return Attempt(tuple(a["answer"]) if isinstance(a["answer"], list) else a["answer"], a["correct"], a.get("at"))


def _item_record(rec: dict) -> ItemRecord:
    return ItemRecord(_attempt(rec["first"]), tuple(_attempt(a) for a in rec["later"]))


class ProgressStore:
    """One learner's record in ``folder/progress.json``.

    Nothing is written until the first answer (or pseudonym): opening a lesson
    leaves no file. ``clock`` gives each attempt's time (``None``: no times,
    as the tests use)."""

    def __init__(self, folder: Path | str | None = None, *, clock: Callable[[], str] | None = _utc_now):
        self.folder = Path(folder) if folder is not None else data_folder()
        self.path = self.folder / FILE_NAME
        self.clock = clock
        self.notices: list[str] = []
        self._seen = None  # the file as last read or written: (inode, size, mtime)
        self.data = self._load()

    def _fresh(self, learner_id: str | None = None, pseudonym: str | None = None) -> dict:
        return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "package_version": _package_version(),
                "learner_id": learner_id or uuid.uuid4().hex, "pseudonym": pseudonym, "exercises": {}}

    def _load(self) -> dict:
        if not self.path.exists():
            return self._fresh()
        try:
            data = read_results(self.path)
            self._seen = self._signature()
            return data
        except (OSError, ValueError) as e:
            self._set_aside(str(e))
            return self._fresh()

    def _set_aside(self, why: str) -> None:
        target = _free_name(self.folder, self.path.stem, "corrupt")
        try:
            os.replace(self.path, target)
        except OSError as e:  # cannot move it: leave it, answers go nowhere rather than over it
            where = NOT_MOVED.format(why=e)
        else:
            where = KEPT_AS.format(name=target.name)
        message = SET_ASIDE_MESSAGE.format(place=self.path, why=why, where=where)
        self.notices.append(message)
        warnings.warn(message, ProgressWarning, stacklevel=3)

    def _signature(self):
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns

    def _save(self) -> None:
        try:
            atomic_write_json(self.path, self.data)
            self._seen = self._signature()
        except OSError as e:  # a full disk or a read-only folder must not stop the lesson
            message = NOT_SAVED_MESSAGE.format(place=self.path, why=e)
            self.notices.append(message)
            warnings.warn(message, ProgressWarning, stacklevel=3)

    def _reload(self) -> None:
        """Take in what another kernel wrote since, so two lessons open at once keep both."""
        if self.path.exists() and self._signature() != self._seen:
            self.data = self._load()

    # -- what the exercise states call
    def record(self, exercise: str, item: str, answer, correct: bool) -> ItemRecord:
        """Keep one checked answer: the item's first attempt, or one of its later ones."""
        if exercise not in EXERCISES:
            raise ValueError(f"unknown exercise {exercise!r}; choose one of: {', '.join(EXERCISES)}")
        if not isinstance(item, str) or not _KEY.match(item):
            raise ValueError(f"item must be a key (letters, digits, '_' and '-'), not {item!r}")
        attempt = Attempt(list(answer) if isinstance(answer, (tuple, list)) else answer, bool(correct),
                          self.clock() if self.clock else None).as_json()
        problem = _attempt_problem(exercise, attempt)
        if problem:
            raise ValueError(f"{exercise} {item}: {problem}, not {answer!r}")
        self._reload()
        items = self.data["exercises"].setdefault(exercise, {})
        if item in items:
            items[item]["later"] = (items[item]["later"] + [attempt])[-MAX_ATTEMPTS:]
        else:
            items[item] = {"first": attempt, "later": []}
        self._save()
        return _item_record(items[item])

    def restore(self, exercise: str) -> dict[str, ItemRecord]:
        """{item: its attempts} recorded for ``exercise`` ({} for none), as saved now."""
        self._reload()
        return {item: _item_record(rec) for item, rec in self.data["exercises"].get(exercise, {}).items()}

    # -- what the learner controls call
    @property
    def learner_id(self) -> str:
        return self.data["learner_id"]

    @property
    def pseudonym(self) -> str | None:
        return self.data["pseudonym"]

    def set_pseudonym(self, name: str | None) -> ProgressStore:
        """An optional name the learner chooses; '' or None removes it."""
        if name is not None and not isinstance(name, str):
            raise ValueError(f"pseudonym must be text, not {name!r}")
        name = " ".join((name or "").split())
        if len(name) > MAX_PSEUDONYM:
            raise ValueError(f"pseudonym must be at most {MAX_PSEUDONYM} characters, not {len(name)}")
        self._reload()
        self.data["pseudonym"] = name or None
        self._save()
        return self

    @property
    def answered(self) -> int:
        """How many items have at least one recorded answer."""
        return sum(len(items) for items in self.data["exercises"].values())

    def export(self, path: Path | str) -> Path:
        """Write a copy of the record to ``path`` (for the learner to hand in)."""
        self._reload()
        return atomic_write_json(Path(path), self.data)

    def start_over(self) -> Path | None:
        """Begin a fresh record; the old file is kept as ``progress.backup-<n>.json``
        (returned; None if nothing had been saved). Pseudonym and learner id stay."""
        backup = None
        if self.path.exists():
            backup = _free_name(self.folder, self.path.stem, "backup")
            os.replace(self.path, backup)
        self.data = self._fresh(self.data["learner_id"], self.data["pseudonym"])
        if self.data["pseudonym"]:
            self._save()
        return backup


class NoProgress:
    """A store that keeps nothing: ``progress=False`` for a state that must not save."""

    notices: list[str] = []

    def record(self, exercise: str, item: str, answer, correct: bool) -> None:
        return None

    def restore(self, exercise: str) -> dict[str, ItemRecord]:
        return {}


_STORES: dict[Path, ProgressStore] = {}


def default_store() -> ProgressStore:
    """The learner's store for the current data folder (one per folder per kernel)."""
    folder = data_folder().resolve()
    if folder not in _STORES:
        _STORES[folder] = ProgressStore(folder)
    return _STORES[folder]


def resolve_store(progress=None):
    """What a state's ``progress=`` means: None the learner's store, False none, else the store given."""
    if progress is None:
        return default_store()
    if progress is False:
        return NoProgress()
    if not (hasattr(progress, "record") and hasattr(progress, "restore")):
        raise ValueError(f"progress must be None (the learner's file), False (save nothing) or a ProgressStore, "
                         f"not {progress!r}")
    return progress
