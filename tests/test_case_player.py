"""The case player: its JavaScript engine against Python's (node --test on
paths Python replays), and the CasePlayer widget (the page's path replayed,
an invalid path refused, a finished case recorded and restored).

``python tests/test_case_player.py`` writes ``tests/js/fixtures/case_player_paths.json``
(the paths of the test fixture cases, replayed by Python) again; a test
below fails when that file is not what Python gives now.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from iliopsoas_lessons.content import case_engine as engine  # noqa: E402
from iliopsoas_lessons.content.cases import load_case_file  # noqa: E402

FIXTURE = ROOT / "tests" / "js" / "fixtures" / "case_player_paths.json"
CASE_FILES = sorted((ROOT / "tests" / "data" / "cases" / "valid").glob("*.json"))
RANDOM_WALKS = 40

pytestmark = pytest.mark.unit


def _course():
    import iliopsoas_lessons as il
    from iliopsoas_lessons.widgets._state_common import course_or_package

    del il
    return course_or_package(None)


def _state_json(case, state) -> dict:
    return {
        "step": state.step,
        "available": list(engine.available(case, state)),
        "counters": dict(state.counters),
        "messages": list(state.messages),
        "ended": state.ended,
    }


def _walk(case, rng, prefer=None) -> list[str]:
    """A path to the end: ``prefer(keys)`` picks a key, else a random one."""
    state, path = engine.start(case), []
    while not state.ended:
        keys = engine.available(case, state)
        key = (prefer(keys, state) if prefer else None) or rng.choice(keys)
        path.append(key)
        state = engine.choose(case, state, key)
    return path


def case_paths(case) -> list[list[str]]:
    """The best path, one skipping every essential item, one with every
    unnecessary test, one per decision option, an unfinished one, and random walks."""
    rng = random.Random(23)
    items = {i.key: i for i in case.items}
    best = next(o.key for o in case.options if o.verdict == "best")

    def greedy(want_item, option):
        def pick(keys, state):
            for k in keys:
                if k in items and want_item(items[k]):
                    return k
            if option in keys:
                return option
            moves = [k for k in keys if k not in items]
            return moves[0] if moves and not set(keys) & {o.key for o in case.options} else None

        return pick

    paths = [
        _walk(case, rng, greedy(lambda i: i.essential, best)),
        _walk(case, rng, greedy(lambda i: False, best)),
        _walk(case, rng, greedy(lambda i: i.unnecessary or i.essential, best)),
    ]
    paths += [_walk(case, rng, greedy(lambda i: i.essential, o.key)) for o in case.options]
    paths += [_walk(case, rng) for _ in range(RANDOM_WALKS)]
    paths.append(paths[0][:2])  # unfinished
    unique = []
    for p in paths:
        if p not in unique:
            unique.append(p)
    return unique


def export() -> dict:
    from iliopsoas_lessons.widgets.cases import player_case

    course = _course()
    cases = []
    for file in CASE_FILES:
        case = load_case_file(file, course)
        out = []
        for path in case_paths(case):
            state, states = engine.start(case), []
            for key in path:
                state = engine.choose(case, state, key)
                states.append(_state_json(case, state))
            out.append({"path": path, "states": states, "score": engine.score(case, path).to_json()})
        cases.append({"key": case.key, "case": player_case(case, course), "paths": out})
    return {"about": "Written by tests/test_case_player.py from content/case_engine.py; read by tests/js/.", "cases": cases}


def _text(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def test_the_js_fixture_is_what_python_gives_now():
    assert FIXTURE.read_text(encoding="utf-8") == _text(export()), (
        "run: python tests/test_case_player.py (the case engine or the fixture cases changed)"
    )


def test_the_fixture_covers_every_outcome_and_rule():
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    outcomes = {p["score"]["outcome"] for c in data["cases"] for p in c["paths"]}
    assert outcomes == {"success", "partial", "unsafe", "unfinished"}
    messages = {m for c in data["cases"] for p in c["paths"] for m in p["states"][-1]["messages"]}
    rules = {r["message"] for c in data["cases"] for r in c["case"]["rules"]}
    assert messages == rules


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_page_engine_gives_python_s_states_and_scores():
    run = subprocess.run(
        ["node", "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


if __name__ == "__main__":
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(_text(export()), encoding="utf-8")
    print(f"wrote {FIXTURE}")
