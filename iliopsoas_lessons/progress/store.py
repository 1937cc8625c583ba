"""The learner's progress store: one learner's record in ``progress.json``,
read, changed and written atomically under the folder's lock, with an
unreadable file set aside (the package docstring, :mod:`iliopsoas_lessons.progress`,
describes the file, the lock and what two open lessons do). Everything here is
re-exported by the package, its public home.

Standard library and platformdirs.
"""

from __future__ import annotations

import copy
import os
import uuid
import warnings
import weakref
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from .checks import (
    EXERCISES,
    FORMAT,
    KEY_RULE,
    MAX_PSEUDONYM,
    SCHEMA_VERSION,
    _attempt_problem,
    _is_key,
    _LIST_ANSWERS,
)
from .files import (
    atomic_write_json,
    free_name,
    locked,
    remove_stale_temporaries,
    unsavable,
)
from .records import Attempt, ItemRecord, _apply, _item_record, read_results

__all__ = [
    "ENV_VAR",
    "FILE_NAME",
    "KEPT_AS",
    "LOCK_NAME",
    "LOCK_TIMEOUT",
    "MAX_PENDING",
    "NOT_MOVED",
    "NOT_SAVED_MESSAGE",
    "SET_ASIDE_MESSAGE",
    "Attempt",
    "ItemRecord",
    "NoProgress",
    "ProgressStore",
    "ProgressWarning",
    "data_folder",
    "default_store",
    "read_results",
    "resolve_store",
]

FILE_NAME = "progress.json"
ENV_VAR = "ILIOPSOAS_LESSONS_DATA"
LOCK_NAME = ".progress.lock"  # beside the record; held only while a change is read, made and written
LOCK_TIMEOUT = 15.0  # seconds to wait for another kernel's save before giving up on this one
MAX_PENDING = 1000  # unsaved changes kept in a kernel while saving fails
# What the learner is told when their record cannot be read or saved ({place}: the
# file here; the browser's storage on the course website, sitewidgets/progress.py)
SET_ASIDE_MESSAGE = (
    "Your saved progress in {place} could not be read ({why}); it {where}. The lesson goes on with a fresh record."
)
KEPT_AS = "was kept as {name}"
NOT_MOVED = "could not be moved aside ({why})"
NOT_SAVED_MESSAGE = "Your progress could not be saved in {place} ({why}); the lesson goes on."


class ProgressWarning(UserWarning):
    """A progress file could not be used; the lesson goes on with a fresh record."""


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


# ------------------------------------------------------------------ the store


class _NotMoved(OSError):
    """An unreadable record could not be set aside, so nothing may be saved over it."""


class ProgressStore:
    """One learner's record in ``folder/progress.json``.

    Nothing is written until the first answer (or pseudonym): opening a lesson
    leaves no file. ``clock`` gives each attempt's time (``None``: no times,
    as the tests use). Other kernels may write the same file at any time: each
    change is made to the file as it is then, under the folder's lock, and
    ``restore`` and the properties read it again."""

    def __init__(
        self,
        folder: Path | str | None = None,
        *,
        clock: Callable[[], str] | None = _utc_now,
        lock_timeout: float = LOCK_TIMEOUT,
    ):
        if folder is not None and not isinstance(folder, (str, os.PathLike)):
            raise ValueError(f"folder must be a path (text or pathlib.Path) or None (the data folder), not {folder!r}")
        if clock is not None and not callable(clock):
            raise ValueError(f"clock must be a function giving the time as text, or None (no times), not {clock!r}")
        self.folder = Path(folder) if folder is not None else data_folder()
        self.path = self.folder / FILE_NAME
        self.clock = clock
        self.lock_timeout = lock_timeout
        self.notices: list[str] = []
        self._pending: list[tuple] = []  # changes not saved yet (the last save failed)
        self._learner_id = uuid.uuid4().hex  # used only until a file gives one
        self._listeners: list[weakref.WeakMethod] = []
        if os.path.lexists(self.path):
            remove_stale_temporaries(self.path)
        self._base = self._read()
        self.data = self._base

    def _fresh(self, learner_id: str | None = None, pseudonym: str | None = None) -> dict:
        return {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "package_version": _package_version(),
            "learner_id": learner_id or uuid.uuid4().hex,
            "pseudonym": pseudonym,
            "exercises": {},
        }

    # -- reading and writing the file
    def _read(self, *, holding: bool = False) -> dict:
        """The file's record as it is now; a fresh one if there is none. A file
        that cannot be used is set aside (under the lock, read once more first:
        another kernel may just have replaced it)."""
        if not os.path.lexists(self.path):
            return self._fresh(self._learner_id)
        try:
            data = read_results(self.path)
        except FileNotFoundError:
            return self._fresh(self._learner_id)
        except (OSError, ValueError) as e:
            if holding:
                if not self._set_aside(str(e)):  # left in place: no answer is written over it
                    raise _NotMoved(f"{self.path.name} could not be read, nor moved aside") from None
                return self._fresh(self._learner_id)
            try:
                with locked(self.folder, LOCK_NAME, self.lock_timeout):
                    return self._read(holding=True)
            except _NotMoved:  # the learner has been told
                return self._fresh(self._learner_id)
            except OSError as no_lock:  # a read-only folder: say so and leave the file
                self._warn(SET_ASIDE_MESSAGE.format(place=self.path, why=e, where=NOT_MOVED.format(why=no_lock)))
                return self._fresh(self._learner_id)
        self._learner_id = data["learner_id"]
        return data

    def _set_aside(self, why: str) -> bool:
        """Move the unreadable file to ``progress.corrupt-<n>.json`` and tell the learner; False if it stays."""
        target = free_name(self.folder, self.path.stem, "corrupt")
        try:
            os.replace(self.path, target)
        except FileNotFoundError:
            return True
        except OSError as e:
            self._warn(SET_ASIDE_MESSAGE.format(place=self.path, why=why, where=NOT_MOVED.format(why=e)))
            return False
        self._warn(SET_ASIDE_MESSAGE.format(place=self.path, why=why, where=KEPT_AS.format(name=target.name)))
        return True

    def _warn(self, message: str) -> None:
        if message in self.notices[-3:]:  # a file that stays unreadable is told once, not on every read
            return
        self.notices.append(message)
        warnings.warn(message, ProgressWarning, stacklevel=4)

    def _with_pending(self, base: dict) -> dict:
        if not self._pending:
            return base
        data = copy.deepcopy(base)
        for change in self._pending:
            _apply(data, change)
        return data

    def _change(self, change: tuple | None) -> None:
        """Save ``change`` (and any earlier one that could not be saved) into
        the file as it is now, under the lock. If saving fails the lesson goes
        on: the change is kept here and saved with the next one."""
        if change is not None:
            self._pending.append(change)
            if len(self._pending) > MAX_PENDING:
                del self._pending[0]
        try:
            with locked(self.folder, LOCK_NAME, self.lock_timeout):
                remove_stale_temporaries(self.path)
                base = self._read(holding=True)
                data = base  # read just now, shared with nothing: changed in place
                for pending in self._pending:  # each was checked when it was made
                    _apply(data, pending)
                atomic_write_json(self.path, data)
            self._pending.clear()
            self._base = self.data = data
        except OSError as e:  # a full disk or a read-only folder must not stop the lesson
            self.data = self._with_pending(self._base)
            self._warn(NOT_SAVED_MESSAGE.format(place=self.path, why=e))
        except ValueError as e:  # text that can never be saved: dropped, so it cannot block later saves
            self._pending.clear()
            self.data = self._base
            self._warn(NOT_SAVED_MESSAGE.format(place=self.path, why=e))

    def _refresh(self) -> dict:
        """Take in what another kernel wrote since, so two lessons open at once see both."""
        self._base = self._read()
        self.data = self._with_pending(self._base)
        return self.data

    def subscribe(self, method) -> None:
        """Call ``method()`` (a bound method, held weakly) after each change made
        here: My results follows the answers given in the same kernel."""
        self._listeners.append(weakref.WeakMethod(method))

    def _changed(self) -> None:
        self._listeners = [ref for ref in self._listeners if ref() is not None]
        for ref in list(self._listeners):
            method = ref()
            if method is not None:
                method()

    # -- what the exercise states call
    def record(self, exercise: str, item: str, answer, correct: bool) -> ItemRecord:
        """Keep one checked answer: the item's first attempt, or one of its later ones."""
        if not isinstance(exercise, str) or exercise not in EXERCISES:
            raise ValueError(f"unknown exercise {exercise!r}; choose one of: {', '.join(EXERCISES)}")
        parts = enumerate(answer) if isinstance(answer, (list, tuple)) else ()
        for name, value in (("item", item), ("answer", answer), *((f"answer[{i}]", v) for i, v in parts)):
            bad = unsavable(value) if isinstance(value, str) else None
            if bad:
                raise ValueError(f"{name} holds {bad}")
        if not _is_key(item):
            raise ValueError(f"item must be a key ({KEY_RULE}), not {item!r}")
        if not isinstance(correct, bool):
            raise ValueError(f"correct must be True or False, not {correct!r}")
        if exercise in _LIST_ANSWERS and isinstance(answer, (list, tuple)):
            answer = list(answer)  # a copy: the caller's list may change later
        attempt = Attempt(answer, correct, self.clock() if self.clock else None).as_json()
        bad = unsavable(attempt["at"]) if isinstance(attempt.get("at"), str) else None
        if bad:
            raise ValueError(f"the store's clock gave a time that holds {bad}")
        problem = _attempt_problem(exercise, attempt)
        if problem:
            rule = {"quiz": "a whole number", "red_flag_cases": f"a key: {KEY_RULE}"}.get(exercise)
            rule = rule or f"at most {_LIST_ANSWERS[exercise][0]} keys in a list or tuple; a key: {KEY_RULE}"
            raise ValueError(f"{exercise} {item}: {problem} ({rule}), not {answer!r}")
        change = ("answer", exercise, item, attempt)
        self._change(change)
        kept = _item_record(self.data["exercises"][exercise][item])
        self._changed()
        return kept

    def restore(self, exercise: str) -> dict[str, ItemRecord]:
        """{item: its attempts} recorded for ``exercise`` ({} for none), as saved now."""
        if not isinstance(exercise, str) or exercise not in EXERCISES:
            raise ValueError(f"unknown exercise {exercise!r}; choose one of: {', '.join(EXERCISES)}")
        data = self._refresh()
        return {item: _item_record(rec) for item, rec in data["exercises"].get(exercise, {}).items()}

    # -- what the learner controls call
    @property
    def learner_id(self) -> str:
        return self.data["learner_id"]

    @property
    def pseudonym(self) -> str | None:
        return self._refresh()["pseudonym"]

    def current(self) -> dict:
        """A copy of the record as saved now (with any change not saved yet)."""
        return copy.deepcopy(self._refresh())

    @property
    def unsaved(self) -> bool:
        """Whether a change could not be saved yet (it is kept here and saved with the next)."""
        return bool(self._pending)

    def set_pseudonym(self, name: str | None) -> ProgressStore:
        """An optional name the learner chooses; '' or None removes it."""
        if name is not None and not isinstance(name, str):
            raise ValueError(f"pseudonym must be text or None, not {name!r}")
        bad = unsavable(name) if name else None
        if bad:
            raise ValueError(f"pseudonym holds {bad}")
        name = " ".join((name or "").split())
        if len(name) > MAX_PSEUDONYM:
            raise ValueError(f"pseudonym must be at most {MAX_PSEUDONYM} characters, not {len(name)}")
        self._change(("pseudonym", name or None))
        self._changed()
        return self

    @property
    def answered(self) -> int:
        """How many items have at least one recorded answer."""
        return sum(len(items) for items in self._refresh()["exercises"].values())

    def export(self, path: Path | str) -> Path:
        """Write a copy of the record to ``path`` (for the learner to hand in)."""
        if not isinstance(path, (str, os.PathLike)):
            raise ValueError(f"path must be a file path (text or pathlib.Path), not {path!r}")
        return atomic_write_json(Path(path), self._refresh())

    def start_over(self) -> Path | None:
        """Begin a fresh record; the old file is kept as ``progress.backup-<n>.json``
        (returned; None if nothing had been saved). Pseudonym and learner id stay.

        Made under the lock like every change, so it holds while other lessons
        are open: their later answers are added to the fresh record, and
        answers given before it are not brought back."""
        with locked(self.folder, LOCK_NAME, self.lock_timeout):
            base = self._read(holding=True)
            # answers not yet saved were given before the start-over: they go too; a new pseudonym stays
            self._pending = [c for c in self._pending if c[0] == "pseudonym"]
            pseudonym = self._with_pending(base)["pseudonym"]
            backup = None
            if os.path.lexists(self.path):
                backup = free_name(self.folder, self.path.stem, "backup")
                os.replace(self.path, backup)
            self._base = self._fresh(base["learner_id"], pseudonym)
            self._pending.clear()
            if pseudonym:
                atomic_write_json(self.path, self._base)
        self.data = self._base
        self._changed()
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
    if progress is True or not (hasattr(progress, "record") and hasattr(progress, "restore")):
        raise ValueError(
            f"progress must be None (the learner's file), False (save nothing) or a ProgressStore, not {progress!r}"
        )
    return progress
