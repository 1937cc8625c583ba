"""Gather learners' results files for the class report, keeping every good one
and saying why each other one was skipped."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iliopsoas_lessons.progress import MAX_BYTES, read_results

__all__ = ["Collected", "collect"]


@dataclass
class Collected:
    records: list[tuple[Path, dict]]      # one per learner, in the order found
    skipped: list[tuple[Path, str]]       # (file, why)

    @property
    def learners(self) -> int:
        return len(self.records)


def _files(paths) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Each path given, and the *.json files under each folder given (sorted, so runs repeat)."""
    found, missing = [], []
    for given in map(Path, paths):
        if given.is_dir():
            found += sorted(p for p in given.rglob("*.json") if p.is_file())
        elif given.is_file():
            found.append(given)
        else:
            missing.append((given, "no such file or folder"))
    return found, missing


def collect(paths) -> Collected:
    """Read every results file under ``paths`` (files or folders).

    A file that is not a results file of this format version, is malformed,
    bigger than the limit or nested too deeply is skipped with its reason; the
    same learner handed in twice counts once (the first file found)."""
    files, skipped = _files(paths)
    records, seen = [], {}
    for path in dict.fromkeys(files):
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ValueError(f"too big ({path.stat().st_size} bytes; a results file is under {MAX_BYTES})")
            data = read_results(path)
        except (OSError, ValueError) as e:
            skipped.append((path, str(e)))
            continue
        learner = data["learner_id"]
        if learner in seen:
            skipped.append((path, f"the same learner as {seen[learner].name} (counted once)"))
            continue
        seen[learner] = path
        records.append((path, data))
    return Collected(records, skipped)
