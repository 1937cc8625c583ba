"""The record every content rule reports a problem with (checks.py,
route_checks.py, link_checks.py, exam_checks.py): the file, the key and what
is wrong, shown as ``file: key: message``."""

from __future__ import annotations

from typing import NamedTuple


class LevelProblem(NamedTuple):
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"
