"""Shared helpers for the case tests: the example case, copies with planted defects, a large case,
and readers of the package's own cases and the guide's Lesson 06 section."""

from __future__ import annotations

import copy
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "tests" / "data" / "cases" / "valid"
EXAMPLE = VALID / "fixture_runner_groin.json"


def example() -> dict:
    """The example case as JSON data (a fresh copy to change)."""
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def write_case(folder: Path, data: dict, name: str | None = None) -> Path:
    """Write ``data`` to ``folder/<key>.json`` and return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{data['key']}.json")
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def step(data: dict, key: str) -> dict:
    return next(s for s in data["steps"] if s["key"] == key)


def large_case() -> dict:
    """The example grown to 8 history items (3 essential), 6 examination (2 essential) and 6 tests."""
    data = copy.deepcopy(example())
    data["key"] = "fixture_large"
    history, exam, tests = step(data, "history"), step(data, "examination"), step(data, "investigations")
    history["items"] = [
        {"key": f"ask_{i}", "label": f"Question {i}", "finding": "An answer.", "essential": i < 3,
         "minutes": 1 + i % 4, "cost": 0, "feedback": "Why it matters."}
        for i in range(8)
    ]  # fmt: skip
    exam["items"] = [
        {"key": f"exam_{i}", "label": f"Test {i}", "finding": "A finding.", "essential": i < 2,
         "minutes": 2 + i % 3, "cost": 0, "feedback": "Why it matters.", "test": "thomas_test"}
        for i in range(6)
    ]  # fmt: skip
    tests["items"] = [
        {"key": f"order_{i}", "label": f"Scan {i}", "finding": "A result.", "shows": "What it shows.",
         "unnecessary": i < 2, "minutes": 30 * (i + 1), "cost": 10 * i, "feedback": "Why it matters."}
        for i in range(6)
    ]  # fmt: skip
    data["rules"][0]["when"]["at_least"] = 180
    data["rules"].append(
        {"key": "costly", "when": {"counter": "cost", "at_least": 100}, "then": {"message": "That is costly."}}
    )
    return data


CASES = ROOT / "iliopsoas_lessons" / "data" / "cases"


def case_data(key: str) -> dict:
    """A case of the package as its file holds it."""
    return json.loads((CASES / f"{key}.json").read_text("utf-8"))


def flat(text: str) -> str:
    """Whitespace folded, so texts wrapped differently compare equal."""
    return " ".join(text.split())


def options_by_key(case: dict) -> dict[str, dict]:
    return {o["key"]: o for s in case["steps"] for o in s.get("options", [])}


def items_by_key(case: dict) -> dict[str, dict]:
    return {i["key"]: i for s in case["steps"] for i in s.get("items", [])}


def lesson_06() -> str:
    """The instructor guide's Lesson 06 section, whitespace folded."""
    guide = (ROOT / "docs" / "instructor_guide.md").read_text("utf-8")
    return flat(guide[guide.index("## Lesson 06") : guide.index("## Exporting the quiz")])
