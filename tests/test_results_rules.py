"""The results record's checks in JavaScript (widgets/static/results.js, used
by the course website's store) against Python's (iliopsoas_lessons.progress.problems):
valid records, and each kind of record Python refuses, with its message.

``python tests/test_results_rules.py`` writes ``tests/js/fixtures/results_records.json``
again; ``node --test tests/js/`` checks results.js against it, and a test below
fails when that file is not what Python gives now.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from iliopsoas_lessons import progress as pg
from iliopsoas_lessons.sitewidgets.progress import settings

FIXTURE = ROOT / "tests" / "js" / "fixtures" / "results_records.json"

pytestmark = pytest.mark.unit

# Each kind of message Python gives, by the start of its words.
KINDS = {
    "not_object": r"^not a results file \(not a JSON object\)$",
    "format": r"^not a results file \(format is not ",
    "version_type": r"^'schema_version' must be a whole number",
    "version": r"^from another version of the results format",
    "depth": r"^nested deeper than",
    "fields": r"^unknown fields: ",
    "text": r"^it holds a lone surrogate",
    "learner_id": r"^'learner_id' must be",
    "package_version": r"^'package_version' must be",
    "pseudonym": r"^'pseudonym' must be",
    "exercises": r"^'exercises' must be an object with only",
    "items": r"^exercises\.\w+ must be an object$",
    "item_key": r"^exercises\.\w+: (?!.*answer must be).* is not a key",
    "record": r"must have 'first' and a list 'later'$",
    "attempts": r"later attempts$",
    "attempt": r"an attempt must have 'answer' and 'correct'",
    "correct": r"'correct' must be true or false$",
    "at": r"'at' must be a short date-time text$",
    "quiz": r"a quiz answer must be an option index",
    "red_flag": r"a case answer must be a level key$",
    "pain_map": r"a pain-map answer must be a list of region keys(: |$)",
    "virtual": r"a virtual-case answer must be a list of the chosen keys",
}


def _kind(message: str | None) -> str:
    if message is None:
        return "valid"
    found = [k for k, pattern in KINDS.items() if re.search(pattern, message)]
    assert len(found) == 1, (message, found)
    return found[0]


def _base() -> dict:
    return {
        "$schema": "https://example.org/results.schema.json",
        "format": pg.FORMAT,
        "schema_version": pg.SCHEMA_VERSION,
        "package_version": "1.0.0",
        "learner_id": "0123456789abcdef0123456789abcdef",
        "pseudonym": None,
        "exercises": {},
    }


def _with(**changes) -> dict:
    data = _base()
    for key, value in changes.items():
        if value is _DROP:
            data.pop(key)
        else:
            data[key] = value
    return data


_DROP = object()


def _answers(exercise, item, first, later=()) -> dict:
    return _with(exercises={exercise: {item: {"first": first, "later": list(later)}}})


def _attempt(answer, correct=True, **more):
    return {"answer": answer, "correct": correct, **more}


def records() -> list[tuple[str, object]]:
    """(name, record): valid ones first, then one or more of each kind refused."""
    full = _with(
        pseudonym="Sam",
        exercises={
            "quiz": {
                "what_lessons_do": {
                    "first": _attempt(2, False),
                    "later": [_attempt(0, True, at="2026-12-01T10:00:00Z")],
                }
            },
            "red_flag_cases": {"case_1": {"first": _attempt("emergency"), "later": []}},
            "pain_map": {"back_pain_referral": {"first": _attempt(["groin_left", "calf_left"], False), "later": []}},
            "virtual_cases": {"dancer_snapping_hip": {"first": _attempt(["ask_onset", "decide"], True), "later": []}},
        },
    )
    deep = _answers("pain_map", "p", _attempt([[[[[[["x"]]]]]]]))
    many = [_attempt(1) for _ in range(pg.MAX_ATTEMPTS)]
    out = [
        ("a fresh record", _base()),
        ("every exercise answered", full),
        ("no $schema", _with(**{"$schema": _DROP})),
        ("the most later attempts", _answers("quiz", "q", _attempt(1), many)),
        ("an empty pain map", _answers("pain_map", "p", _attempt([]))),
        ("a pseudonym of the longest length", _with(pseudonym="é" * pg.MAX_PSEUDONYM)),
        ("a pseudonym with a character beyond the BMP", _with(pseudonym="🦴" * pg.MAX_PSEUDONYM)),
        ("not an object: a list", [1, 2]),
        ("not an object: a text", "results"),
        ("not an object: null", None),
        ("no format", _with(format=_DROP)),
        ("another format", _with(format="something-else")),
        ("schema_version true", _with(schema_version=True)),
        ("schema_version a text", _with(schema_version="1")),
        ("schema_version missing", _with(schema_version=_DROP)),
        ("schema_version a fraction", _with(schema_version=1.5)),
        ("schema_version 2", _with(schema_version=2)),
        ("nested too deep", deep),
        ("unknown fields", _with(zeta=1, alpha=2)),
        ("a lone surrogate in the pseudonym", _with(pseudonym="ok \ud800")),
        ("a lone surrogate after a pair", _with(pseudonym="🦴\udc00")),
        ("a lone surrogate in an item key", _answers("quiz", "q\ud800", _attempt(1))),
        ("learner_id upper case", _with(learner_id="0123456789ABCDEF0123456789ABCDEF")),
        ("learner_id missing", _with(learner_id=_DROP)),
        ("learner_id with a newline", _with(learner_id="0123456789abcdef0123456789abcdef\n")),
        ("package_version a number", _with(package_version=1)),
        ("package_version too long", _with(package_version="1" * 41)),
        ("pseudonym too long", _with(pseudonym="x" * (pg.MAX_PSEUDONYM + 1))),
        ("pseudonym a number", _with(pseudonym=7)),
        ("no pseudonym field", _with(pseudonym=_DROP)),
        ("exercises missing", _with(exercises=_DROP)),
        ("exercises a list", _with(exercises=[])),
        ("an unknown exercise", _with(exercises={"essay": {}})),
        ("an exercise's items a list", _with(exercises={"quiz": []})),
        ("an item key with a space", _answers("quiz", "bad key", _attempt(1))),
        ("an item key with a quote", _answers("quiz", "it's", _attempt(1))),
        ("a record without later", _with(exercises={"quiz": {"q": {"first": _attempt(1)}}})),
        ("a record with later not a list", _with(exercises={"quiz": {"q": {"first": _attempt(1), "later": {}}}})),
        ("a record with an extra key", _with(exercises={"quiz": {"q": {"first": _attempt(1), "later": [], "x": 1}}})),
        ("too many later attempts", _answers("quiz", "q", _attempt(1), [*many, _attempt(1)])),
        ("an attempt without correct", _answers("quiz", "q", {"answer": 1})),
        ("an attempt with an extra key", _answers("quiz", "q", _attempt(1, why="guess"))),
        ("an attempt that is a list", _answers("quiz", "q", [1, True])),
        ("correct a text", _answers("quiz", "q", _attempt(1, "yes"))),
        ("correct a number", _answers("quiz", "q", _attempt(1, 1))),
        ("at too long", _answers("quiz", "q", _attempt(1, at="x" * 41))),
        ("at a number", _answers("quiz", "q", _attempt(1, at=20261201))),
        ("a later attempt refused", _answers("quiz", "q", _attempt(1), [_attempt(-1)])),
        ("a quiz answer true", _answers("quiz", "q", _attempt(True))),
        ("a quiz answer negative", _answers("quiz", "q", _attempt(-1))),
        ("a quiz answer too big", _answers("quiz", "q", _attempt(pg.MAX_OPTIONS))),
        ("a quiz answer a fraction", _answers("quiz", "q", _attempt(1.5))),
        ("a quiz answer a text", _answers("quiz", "q", _attempt("1"))),
        ("a case answer not a key", _answers("red_flag_cases", "c", _attempt("not a key"))),
        ("a case answer a list", _answers("red_flag_cases", "c", _attempt(["emergency"]))),
        ("a pain map answer a text", _answers("pain_map", "p", _attempt("groin_left"))),
        ("a pain map answer with a number", _answers("pain_map", "p", _attempt(["groin_left", 3]))),
        ("a pain map answer too long", _answers("pain_map", "p", _attempt(["a"] * (pg.MAX_REGIONS + 1)))),
        ("a virtual case answer a text", _answers("virtual_cases", "v", _attempt("decide"))),
        ("a virtual case answer too long", _answers("virtual_cases", "v", _attempt(["a"] * (pg.MAX_PATH + 1)))),
    ]
    return out


def sequences() -> list[dict]:
    """Answers recorded by Python's ProgressStore (no clock), and the record it
    keeps: results.js's store must keep the same (the merge rule: first attempt
    apart, the newest MAX_ATTEMPTS later ones), and write the same file text."""
    import tempfile

    plans = [
        ("one answer", [("quiz", "what_lessons_do", 2, False)], None),
        (
            "wrong then right, in two exercises",
            [
                ("quiz", "what_lessons_do", 2, False),
                ("red_flag_cases", "case_1", "same_day", False),
                ("quiz", "what_lessons_do", 0, True),
                ("pain_map", "back_pain_referral", ["groin_left"], False),
                ("virtual_cases", "dancer_snapping_hip", ["ask_onset", "decide"], True),
            ],
            "  Héron   7 ",
        ),
        ("more later attempts than are kept", [("quiz", "q", i % 3, i == 0) for i in range(pg.MAX_ATTEMPTS + 3)], ""),
    ]
    out = []
    for name, answers, pseudonym in plans:
        with tempfile.TemporaryDirectory() as folder:
            store = pg.ProgressStore(folder, clock=None)
            for args in answers:
                store.record(*args)
            if pseudonym is not None:
                store.set_pseudonym(pseudonym)
            data = store.current()
            data["learner_id"] = "0123456789abcdef0123456789abcdef"  # random per store: fixed for the fixture
            text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        out.append(
            {"name": name, "answers": [list(a) for a in answers], "pseudonym": pseudonym, "record": data, "file": text}
        )
    return out


def export() -> dict:
    cases = []
    for name, data in records():
        data = json.loads(json.dumps(data))  # as the page reads it: what JSON can carry
        found = pg.problems(data)
        message = found[0] if found else None
        cases.append({"name": name, "data": copy.deepcopy(data), "message": message, "kind": _kind(message)})
    return {
        "about": "Written by tests/test_results_rules.py from iliopsoas_lessons.progress.problems; read by tests/js/.",
        "settings": {k: v for k, v in settings().items() if k not in ("messages",)},
        "kinds": KINDS,
        "cases": cases,
        "sequences": sequences(),
    }


def _text(data) -> str:
    # ensure_ascii: a lone surrogate stays an escape, so the file is valid UTF-8
    return json.dumps(data, ensure_ascii=True, indent=None, separators=(",", ":")) + "\n"


def test_the_js_fixture_is_what_python_gives_now():
    assert FIXTURE.read_text(encoding="utf-8") == _text(export()), (
        "run: python tests/test_results_rules.py (the results format or its checks changed)"
    )


def test_the_fixture_has_valid_records_and_every_kind_python_refuses():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    kinds = {c["kind"] for c in data["cases"]}
    assert kinds == {"valid", *KINDS}, set(KINDS) - kinds
    assert sum(c["kind"] == "valid" for c in data["cases"]) >= 5


@pytest.mark.skipif(shutil.which("node") is None, reason="results.js's checks run in Node.js")
def test_node_checks_results_js_against_the_fixture():
    run = subprocess.run(
        ["node", "--test", str(ROOT / "tests" / "js" / "results.test.mjs")], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


if __name__ == "__main__":
    FIXTURE.write_text(_text(export()), encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")


# What the JSON Schema cannot say (a lone surrogate is not a pattern; Python's
# jsonschema reads "$" as re does, so a trailing newline passes it).
SCHEMA_CANNOT = {"a lone surrogate in the pseudonym", "a lone surrogate after a pair", "learner_id with a newline"}


def _schema_accepts(data) -> bool:
    import jsonschema

    schema = ROOT / "iliopsoas_lessons" / "content" / "schemas" / "progress" / "results.schema.json"
    validator = jsonschema.Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))
    return not list(validator.iter_errors(data))


def test_the_schema_accepts_and_refuses_what_python_does():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    wrong = [
        c["name"]
        for c in data["cases"]
        if c["name"] not in SCHEMA_CANNOT and _schema_accepts(c["data"]) != (c["kind"] == "valid")
    ]
    assert wrong == []


def test_the_schema_and_the_checker_agree_on_a_record_without_a_pseudonym():
    """The schema was right: every writer writes the field (null when the learner
    chose none) and the gradebook names a learner by it. A record without it is
    refused by both; one with null is accepted by both, and so is the file a
    learner who never chose a pseudonym saves and hands in."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    (missing,) = [c for c in data["cases"] if c["name"] == "no pseudonym field"]
    assert missing["kind"] == "pseudonym" and not _schema_accepts(missing["data"])
    (fresh,) = [c for c in data["cases"] if c["name"] == "a fresh record"]
    assert fresh["data"]["pseudonym"] is None and fresh["kind"] == "valid" and _schema_accepts(fresh["data"])
    (nameless,) = [s for s in data["sequences"] if s["name"] == "one answer"]
    assert nameless["record"]["pseudonym"] is None
    assert pg.problems(nameless["record"]) == [] and _schema_accepts(nameless["record"])
