"""One strict JSON reader for every content file (course facts, lesson data,
body-map geometry), and the converters that turn JSON values into record
fields. Problems are reported as ``ContentError('file: key: what')``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import fields
from typing import Any, Mapping

from .constants import AGE_BANDS, CALL_NOW_GROUPS, CALL_NOW_TRANSPORT
from .models import PATTERN_ROLES, Action, CallNow, ContentError, Escalation, Fact, Grade, MovesUp, NowWording, PainArea

# A record's key: letters, digits, '_' and '-' (keys appear in links, ids and
# reference lists, so they never carry markup or spaces).
KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
_KEY = re.compile(KEY_PATTERN)


class _Duplicate(Exception):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict:
    """``object_pairs_hook``: an object naming a member twice is refused, never
    silently reduced to its last value."""
    out: dict = {}
    for name, value in pairs:
        if name in out:
            where = out.get("key")
            inside = f" (in the object with key {where!r})" if isinstance(where, str) else ""
            raise _Duplicate(f"member {name!r} appears twice{inside}")
        out[name] = value
    return out


def _no_constant(name: str) -> Any:
    raise _Duplicate(f"{name} is not a JSON number")


def read_json(path: Any, label: str) -> Any:
    """Parse the JSON file at ``path`` (a Path or Traversable) strictly.

    The one way content files are read: the bytes must be UTF-8, the text
    valid JSON without NaN or Infinity, and no object may name a member twice.
    Every problem is a :class:`ContentError` that starts with ``label``.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(f"{label}: file is missing") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            f"{label}: not valid UTF-8 (byte {exc.start}, line {line}: {raw[exc.start : exc.start + 1]!r})"
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ContentError(f"{label}: not valid JSON ({exc})") from None
    except _Duplicate as exc:
        raise ContentError(f"{label}: {exc}") from None


class _File:
    """Reads one JSON file (with :func:`read_json`) and reports problems as 'file: key: what'."""

    def __init__(self, directory: Any, name: str, *, label: str | None = None):
        self.name = label or name
        self.data = read_json(directory / name, self.name)
        if not isinstance(self.data, dict):
            raise ContentError(f"{self.name}: top level must be an object")

    def fail(self, where: str, message: str) -> ContentError:
        return ContentError(f"{self.name}: {where}: {message}")

    def records(self, list_name: str) -> list[tuple[str, dict]]:
        raw = self.data.get(list_name)
        if not isinstance(raw, list) or not raw:
            raise ContentError(f"{self.name}: missing or empty list {list_name!r}")
        out, seen = [], set()
        for i, rec in enumerate(raw):
            where = f"{list_name}[{i}]"
            if not isinstance(rec, dict):
                raise self.fail(where, "must be an object")
            key = rec.get("key")
            if not isinstance(key, str) or not key:
                raise self.fail(where, "missing field 'key'")
            if not _KEY.match(key):
                raise self.fail(where, f"key {key!r} may hold only letters, digits, '_' and '-'")
            if key in seen:
                raise self.fail(key, "duplicate key")
            seen.add(key)
            out.append((key, rec))
        return out

    def build(self, cls: type, key: str, rec: dict, convert: Mapping[str, Any], optional: tuple[str, ...] = ()) -> Any:
        """Make ``cls`` from ``rec``: every field present, no unknown field.

        ``optional`` names fields the file never holds (they keep their default).
        """
        names = [f.name for f in fields(cls) if f.name not in optional]
        missing = [n for n in names if n not in rec]
        if missing:
            raise self.fail(key, f"missing field {missing[0]!r}")
        extra = sorted(set(rec) - set(names))
        if extra:
            raise self.fail(key, f"unknown field {extra[0]!r}; fields are: {', '.join(names)}")
        values = {}
        for name in names:
            conv = convert.get(name, _text)
            try:
                values[name] = conv(rec[name])
            except _Bad as exc:
                raise self.fail(key, f"field {name!r}: {exc}") from None
        return cls(**values)


class _Bad(Exception):
    pass


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be non-empty text")
    return value


def _list(value: Any, what: str = "list") -> list:
    """A JSON array; text is refused (it would be read letter by letter)."""
    if isinstance(value, str):
        raise _Bad(f"must be a {what}, not the text {value!r}")
    if not isinstance(value, list):
        raise _Bad(f"must be a {what}")
    return value


def _nonempty(value: Any, what: str = "non-empty list") -> list:
    if not _list(value, what):
        raise _Bad(f"must be a {what}")
    return value


def _number(value: Any) -> float:
    """A JSON number; true and false are refused (Python counts them as 0 and 1)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _Bad(f"must be a number, not {value!r}")
    return value


def _whole(value: Any, low: int | None = None, high: int | None = None, what: str = "a whole number") -> int:
    """A whole number (no bool, no 2.0) between ``low`` and ``high``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"must be {what}, not {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise _Bad(f"must be {what}, not {value!r}")
    return value


def _keys(value: Any) -> tuple[str, ...]:
    value = _list(value, "list of keys")
    if not all(isinstance(v, str) and v for v in value):
        raise _Bad("must be a list of keys")
    if len(set(value)) != len(value):
        raise _Bad("lists a key twice")
    return tuple(value)


def _age_bands(value: Any) -> tuple[str, ...]:
    bands = _keys(value)
    unknown = [b for b in bands if b not in AGE_BANDS]
    if unknown:
        raise _Bad(f"{unknown[0]!r} is not one of: {', '.join(AGE_BANDS)}")
    return bands


def _phrases(value: Any) -> tuple[str, ...]:
    """Short lower-case phrases, each listed once (a red flag's 'named_by')."""
    value = _list(value, "list of phrases")
    if not all(isinstance(v, str) and v.strip() and v == v.strip().lower() for v in value):
        raise _Bad("must be a list of non-empty lower-case phrases")
    if len(set(value)) != len(value):
        raise _Bad("lists a phrase twice")
    return tuple(value)


def _refs(value: Any) -> tuple[str, ...]:
    refs = _keys(value)
    if not refs:
        raise _Bad("must cite at least one reference key")
    return refs


def _fact(value: Any) -> Fact:
    if not isinstance(value, dict) or set(value) != {"text", "references"}:
        raise _Bad("must be an object with exactly 'text' and 'references'")
    return Fact(_text(value["text"]), _refs(value["references"]))


def _facts(value: Any, *, allow_empty: bool = False) -> tuple[Fact, ...]:
    if not _list(value, "non-empty list of facts") and not allow_empty:
        raise _Bad("must be a non-empty list of facts")
    return tuple(_fact(v) for v in value)


def _choice(choices: tuple[str, ...]):
    def convert(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise _Bad(f"{value!r} is not one of: {', '.join(choices)}")
        return value

    return convert


def _action(value: Any) -> Action:
    if not isinstance(value, dict) or set(value) != {"text", "disputed", "references"}:
        raise _Bad("each action needs exactly 'text', 'disputed' and 'references'")
    if not isinstance(value["disputed"], bool):
        raise _Bad("'disputed' must be true or false")
    return Action(_text(value["text"]), value["disputed"], _refs(value["references"]))


def _grade(value: Any) -> Grade:
    if not isinstance(value, dict) or set(value) != {"grade", "text", "references"}:
        raise _Bad("each grade needs exactly 'grade', 'text' and 'references'")
    try:
        _whole(value["grade"], 1, 3)
    except _Bad:
        raise _Bad(f"grade must be 1, 2 or 3, not {value['grade']!r}") from None
    return Grade(value["grade"], _text(value["text"]), _refs(value["references"]))


def _pain_area(value: Any) -> PainArea:
    if not isinstance(value, dict) or set(value) != {"region", "role"}:
        raise _Bad("each pattern entry needs exactly 'region' and 'role'")
    return PainArea(_text(value["region"]), _choice(PATTERN_ROLES)(value["role"]))


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("must be true or false")
    return value


def _call_now(value: Any) -> tuple[CallNow, ...] | None:
    """One entry, or a list of them when a flag's signs go by different routes
    (each printed line then carries one instruction: review round 37, A m1)."""
    if value is None:
        return None
    entries = value if isinstance(value, list) and value else [value]
    out = []
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != {"group", "sign", "transport"}:
            raise _Bad(
                "must be an object with exactly 'group', 'sign' and 'transport', or a non-empty list of such objects"
            )
        out.append(
            CallNow(
                _choice(tuple(CALL_NOW_GROUPS))(entry["group"]),
                _text(entry["sign"]),
                _choice(tuple(CALL_NOW_TRANSPORT))(entry["transport"]),
            )
        )
    return tuple(out)


def _now_wording(value: Any) -> NowWording | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"label", "referral", "patient_advice"}:
        raise _Bad("must be null or an object with exactly 'label', 'referral' and 'patient_advice'")
    return NowWording(_text(value["label"]), _text(value["referral"]), _text(value["patient_advice"]))


def _escalation(levels: tuple[str, ...]):
    def convert(value: Any) -> Escalation | None:
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) != {"urgency", "when"}:
            raise _Bad("must be null or an object with exactly 'urgency' and 'when'")
        return Escalation(_choice(levels)(value["urgency"]), _text(value["when"]))

    return convert


def _moves_up(value: Any) -> tuple[MovesUp, ...]:
    out = []
    for item in _list(value):
        if not isinstance(item, dict) or set(item) != {"flag", "when"}:
            raise _Bad("each item must be an object with exactly 'flag' and 'when'")
        out.append(MovesUp(_text(item["flag"]), _text(item["when"])))
    if len({m.flag for m in out}) != len(out):
        raise _Bad("names a red flag twice")
    return tuple(out)


def _signs(value: Any) -> tuple[str, ...]:
    return tuple(_text(v) for v in _nonempty(value, "non-empty list of text"))


def _known(file: _File, key: str, field_name: str, values, valid: set[str], kind: str) -> None:
    for value in values:
        if value not in valid:
            raise file.fail(key, f"field {field_name!r}: unknown {kind} {value!r}; valid: {', '.join(sorted(valid))}")
