"""The read-only, ordered collections that hold the records, and the errors
a lookup or a broken file raises."""

from __future__ import annotations

from typing import Generic, Iterator, TypeVar


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the key."""


class UnknownKeyError(KeyError, LookupError):
    """Lookup of a key that does not exist; the message lists the valid keys."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0]) if self.args else ""


class KeyTypeError(UnknownKeyError, TypeError):
    """Lookup with something that is not a text key (a number, True, None...);
    the message lists the valid keys. Records are found by key, never by position."""


T = TypeVar("T")


class Collection(Generic[T]):
    """Ordered, read-only records with lookup by key.

    Iterating gives the records in teaching order; ``collection[key]`` or
    ``collection.get(key)`` finds one; an unknown key raises
    :class:`UnknownKeyError` listing the valid keys.
    """

    def __init__(self, kind: str, items: tuple[T, ...]):
        self._kind = kind
        self._items = items
        self._by_key = {item.key: item for item in items}  # type: ignore[attr-defined]

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._by_key

    def _check_key(self, key: object) -> None:
        if not isinstance(key, str):
            raise KeyTypeError(
                f"{self._kind} keys are text, not {type(key).__name__} {key!r} (records are looked up by "
                f"key, never by position); valid {self._kind} keys: {', '.join(self.keys())}"
            )

    def __getitem__(self, key: str) -> T:
        self._check_key(key)
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownKeyError(
                f"unknown {self._kind} {key!r}; valid {self._kind} keys: {', '.join(self.keys())}"
            ) from None

    def get(self, key: str, default: T | None = None) -> T | None:
        """The record for ``key``, or ``default`` for an unknown text key; a key
        that is not text raises :class:`KeyTypeError`."""
        self._check_key(key)
        return self._by_key.get(key, default)

    def keys(self) -> tuple[str, ...]:
        return tuple(self._by_key)

    def __repr__(self) -> str:
        return f"<{len(self)} {self._kind} records: {', '.join(self.keys())}>"
