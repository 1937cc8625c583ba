"""The results record's checks: what a learner's results file must be
(``problems``), with the format's constants and limits. The JavaScript copy,
``widgets/static/results.js``, says the same in the same words
(tests/test_results_rules.py); the JSON Schema is
``content/schemas/progress/results.schema.json``. Standard library only."""

from __future__ import annotations

import json
import re

from .files import unsavable

FORMAT = "iliopsoas-lessons-results"
SCHEMA_VERSION = 1
MAX_BYTES = 1_000_000  # a real record is a few kilobytes
MAX_DEPTH = 8  # the format nests 5 deep
MAX_ATTEMPTS = 200  # later attempts kept per item
MAX_PSEUDONYM = 60
MAX_OPTIONS = 100  # a quiz answer is an option index below this
MAX_REGIONS = 100  # a pain-map answer marks at most this many regions
MAX_PATH = 200  # a virtual-case answer is a path of at most this many keys
# the exercises whose answer is a list of keys: (at most, the problem when not)
_LIST_ANSWERS = {
    "pain_map": (MAX_REGIONS, "a pain-map answer must be a list of region keys"),
    "virtual_cases": (MAX_PATH, "a virtual-case answer must be a list of the chosen keys (its path)"),
}
EXERCISES = ("quiz", "red_flag_cases", "pain_map", "virtual_cases")
FIELDS = ("$schema", "format", "schema_version", "package_version", "learner_id", "pseudonym", "exercises")
# Patterns are used with fullmatch (``$`` alone would let a trailing newline through);
# the anchors stay because results.js reads the same patterns as JavaScript RegExps.
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")
_ID = re.compile(r"^[0-9a-f]{32}$")
KEY_RULE = "letters, digits, '_' and '-', at most 80, starting with a letter or digit"


# ------------------------------------------------------------------ checking a record


def _deeper_than(value, limit: int) -> bool:
    """Whether ``value`` nests more than ``limit`` objects/arrays deep (one level at a time:
    fast on a big record, no recursion on a hostile one)."""
    level = [value] if isinstance(value, (dict, list)) else []
    for _ in range(limit):
        level = [c for v in level for c in (v.values() if isinstance(v, dict) else v) if isinstance(c, (dict, list))]
        if not level:
            return False
    return bool(level)


def _bad_text(value) -> str | None:
    """The first unsavable text anywhere in ``value`` (keys too), or None."""
    try:  # one pass in C for the common case: everything is text
        json.dumps(value, ensure_ascii=False).encode("utf-8")
        return None
    except (UnicodeEncodeError, TypeError, ValueError):
        pass
    return _find_bad_text(value)


def _find_bad_text(value) -> str | None:
    if isinstance(value, str):
        return unsavable(value)
    # each key before its value, in order, as results.js reads them
    parts = [x for kv in value.items() for x in kv] if isinstance(value, dict) else value
    return next((found for v in parts if (found := _find_bad_text(v))), None) if isinstance(parts, list) else None


def _is_key(value) -> bool:
    return isinstance(value, str) and _KEY.fullmatch(value) is not None


def _answer_problem(exercise: str, answer) -> str | None:
    if exercise == "quiz":
        ok = isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer < MAX_OPTIONS
        return None if ok else f"a quiz answer must be an option index 0-{MAX_OPTIONS - 1}"
    if exercise == "red_flag_cases":
        return None if _is_key(answer) else "a case answer must be a level key"
    limit, problem = _LIST_ANSWERS[exercise]
    if not isinstance(answer, list):
        return problem
    if len(answer) > limit:
        return f"{problem}: at most {limit} keys, not {len(answer)}"
    # the place, not the value (hostile or huge); results.js says the same (tests/test_results_rules.py)
    bad = next((i for i, k in enumerate(answer) if not _is_key(k)), None)
    return None if bad is None else f"{problem}: item {bad} is not a key ({KEY_RULE})"


def _attempt_problem(exercise: str, attempt) -> str | None:
    if (
        not isinstance(attempt, dict)
        or not {"answer", "correct"} <= set(attempt)
        or not set(attempt) <= {"answer", "correct", "at"}
    ):
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
            if not _is_key(item):
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
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):  # true == 1 and 1.0 == 1 in Python
        return [f"'schema_version' must be a whole number (this package reads {SCHEMA_VERSION}), not {version!r}"]
    if version != SCHEMA_VERSION:
        return [f"from another version of the results format ({version!r}; this package reads {SCHEMA_VERSION})"]
    if _deeper_than(data, MAX_DEPTH):
        return [f"nested deeper than {MAX_DEPTH} levels"]
    if not set(data) <= set(FIELDS):
        return [f"unknown fields: {', '.join(sorted(map(str, set(data) - set(FIELDS))))}"]
    bad = _bad_text(data)
    if bad:
        return [f"it holds {bad}"]
    if not isinstance(data.get("learner_id"), str) or not _ID.fullmatch(data["learner_id"]):
        return ["'learner_id' must be 32 lower-case hex digits"]
    if not isinstance(data.get("package_version"), str) or len(data["package_version"]) > 40:
        return ["'package_version' must be a short text"]
    # required, null when the learner chose none (as the schema says): every writer
    # writes it, and the gradebook names a learner by it
    pseudonym = data.get("pseudonym", ...)
    if pseudonym is not None and not (isinstance(pseudonym, str) and len(pseudonym) <= MAX_PSEUDONYM):
        return [f"'pseudonym' must be null or a text of at most {MAX_PSEUDONYM} characters"]
    return _exercises_problems(data.get("exercises"))
