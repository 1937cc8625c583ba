"""A learner's record as the store reads it: the frozen attempt and item
records, the strict reading of a results file, and how one change is made to
a record. Split from :mod:`.store` so the store holds only the file, the lock
and the saving; everything here is re-exported by the package.

Standard library, and the package's one strict JSON reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iliopsoas_lessons.content.collection import ContentError
from iliopsoas_lessons.content.reader import read_json

from .checks import MAX_ATTEMPTS, MAX_BYTES, MAX_DEPTH, problems
from .files import Bytes, as_utf8, read_bytes

__all__ = ["Attempt", "ItemRecord", "read_results"]


@dataclass(frozen=True)
class Attempt:
    answer: object
    correct: bool
    at: str | None = None

    def as_json(self) -> dict:
        out = {"answer": list(self.answer) if isinstance(self.answer, tuple) else self.answer, "correct": self.correct}
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


# ------------------------------------------------------------------ reading


def read_results(path: Path) -> dict:
    """A results file's record; ``ValueError`` saying why it is not one."""
    path = Path(path)
    raw = as_utf8(read_bytes(path, MAX_BYTES))
    try:
        data = read_json(Bytes(raw), path.name)  # the package's one strict reader: no NaN, no member twice
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels") from None
    except ContentError as e:
        raise ValueError(str(e).removeprefix(f"{path.name}: ")) from None
    found = problems(data)
    if found:
        raise ValueError(found[0])
    return data


def _attempt(a: dict) -> Attempt:
    return Attempt(tuple(a["answer"]) if isinstance(a["answer"], list) else a["answer"], a["correct"], a.get("at"))


def _item_record(rec: dict) -> ItemRecord:
    return ItemRecord(_attempt(rec["first"]), tuple(_attempt(a) for a in rec["later"]))


def _apply(data: dict, change: tuple) -> None:
    """Make one change to a record in place: ("answer", exercise, item, attempt) or ("pseudonym", name)."""
    if change[0] == "answer":
        _, exercise, item, attempt = change
        items = data["exercises"].setdefault(exercise, {})
        if item in items:
            items[item]["later"] = (items[item]["later"] + [attempt])[-MAX_ATTEMPTS:]
        else:
            items[item] = {"first": attempt, "later": []}
    else:
        data["pseudonym"] = change[1]
