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
* ``"pain_map"``: the list of marked region keys;
* ``"virtual_cases"``: the path through a virtual-patient case (the item,
  move and option keys chosen, in order; ``data/cases/<case>.json``), recorded
  when the case ends; correct when its score's outcome is ``"success"``.

The file is written atomically (a temporary file in the same folder, fsync,
``os.replace``), so a crash leaves the previous file whole; a temporary file
left by a process that died mid-write is removed by the next store that opens
or saves in the folder. A file that cannot be read (corrupt, too big, another
format version, text that is not Unicode, not a regular file) is set aside as
``progress.corrupt-<n>.json``, never deleted, with a warning, and the lesson
goes on with a fresh record. Nothing here sends anything anywhere.

Two lessons open at once (two kernels) share the file. Every change is made
under a lock (``flock`` on ``.progress.lock`` beside the record) as
read, change, write: the file is read again under the lock, the one change
(an answer, a pseudonym, a start-over) is applied to what is there, and the
result is written. No kernel ever writes back the record it read earlier, so
no answer given elsewhere is lost and a start-over made elsewhere is not
undone. A change that could not be saved (a full disk, a lock held too long)
stays pending in the kernel and is applied with the next save.

This module sits beside the content layer: standard library and platformdirs.
"""

from __future__ import annotations

from .checks import (  # the record's format and checks, re-exported: this package is their public home
    _ID as _ID,
    _KEY as _KEY,
    EXERCISES,
    FIELDS,
    FORMAT,
    KEY_RULE,
    MAX_ATTEMPTS,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_OPTIONS,
    MAX_PATH,
    MAX_PSEUDONYM,
    MAX_REGIONS,
    SCHEMA_VERSION,
    problems,
)
from .files import (
    STALE_TEMP_SECONDS,
    LockTimeout,
    atomic_write_json,
    atomic_write_text,
    remove_stale_temporaries,
)
from .store import (  # the store (store.py), re-exported: this package is its public home
    ENV_VAR,
    FILE_NAME,
    KEPT_AS as KEPT_AS,
    LOCK_NAME,
    LOCK_TIMEOUT as LOCK_TIMEOUT,
    MAX_PENDING as MAX_PENDING,
    NOT_MOVED as NOT_MOVED,
    NOT_SAVED_MESSAGE as NOT_SAVED_MESSAGE,
    SET_ASIDE_MESSAGE as SET_ASIDE_MESSAGE,
    Attempt,
    ItemRecord,
    NoProgress,
    ProgressStore,
    ProgressWarning,
    data_folder,
    default_store,
    read_results,
    resolve_store,
)

__all__ = [
    "ENV_VAR",
    "EXERCISES",
    "FIELDS",
    "FILE_NAME",
    "FORMAT",
    "KEY_RULE",
    "LOCK_NAME",
    "MAX_ATTEMPTS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_OPTIONS",
    "MAX_PATH",
    "MAX_PSEUDONYM",
    "MAX_REGIONS",
    "SCHEMA_VERSION",
    "STALE_TEMP_SECONDS",
    "Attempt",
    "ItemRecord",
    "LockTimeout",
    "NoProgress",
    "ProgressStore",
    "ProgressWarning",
    "atomic_write_json",
    "atomic_write_text",
    "data_folder",
    "default_store",
    "problems",
    "read_results",
    "remove_stale_temporaries",
    "resolve_store",
]
