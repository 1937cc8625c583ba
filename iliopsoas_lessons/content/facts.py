"""A fact: one statement with the reference keys it rests on (the record every
other content record is built from), and the union of several facts' sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Fact"]


@dataclass(frozen=True)
class Fact:
    """One statement with the reference keys it rests on."""

    text: str
    references: tuple[str, ...]


def _union_refs(items: list[Any]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        for ref in item.references:
            seen.setdefault(ref, None)
    return tuple(seen)
