"""The scoring fixtures: paths through every case with the engine's state after
each choice and the final score, so the page's JavaScript can be checked
against Python (``node --test tests/js/``) without a browser or a kernel.

Per case: the best path, one that skips every essential item, one with every
unnecessary test, one ending in each decision option, one firing each rule
(when some path fires it) and 20 random paths from a fixed seed.
"""

from __future__ import annotations

import random
from collections import deque
from pathlib import Path
from typing import Any, Iterable

from iliopsoas_lessons.content.case_engine import MAX_PATH, CaseState, available, choose, replay, score, start
from iliopsoas_lessons.content.cases import Case

__all__ = ["FIXTURE_FORMAT", "RANDOM_PATHS", "case_paths", "fixtures"]

FIXTURE_FORMAT = "iliopsoas-lessons/case-scores/1"
RANDOM_PATHS = 20
_RULE_TRIES = 300  # random paths tried to fire a rule the planned paths miss


def _distances(case: Case, targets: set[str]) -> dict[str, int]:
    """Moves needed from each step to reach one of ``targets`` (steps), by moves only."""
    back: dict[str, list[str]] = {}
    for step in case.steps:
        for move in step.moves:
            back.setdefault(move.goto, []).append(step.key)
    dist = {t: 0 for t in targets}
    queue = deque(targets)
    while queue:
        node = queue.popleft()
        for prev in back.get(node, ()):
            if prev not in dist:
                dist[prev] = dist[node] + 1
                queue.append(prev)
    return dist


def _planned(case: Case, wanted: set[str], option: str) -> list[str]:
    """A path choosing the ``wanted`` items it meets, heading for steps that still hold
    some, then for the decision step holding ``option``, which it chooses."""
    decision = next(s.key for s in case.steps if option in {o.key for o in s.options})
    state, path = start(case), []
    while not state.ended and len(path) < MAX_PATH:
        keys = available(case, state)
        if not keys:
            break
        step = case.step(state.step)
        todo = [i.key for i in step.items if i.key in wanted and i.key in keys]
        if step.key == decision:
            key = option
        elif todo:
            key = todo[0]
        else:
            left = {s.key for s in case.steps if any(i.key in wanted and i.key not in state.chosen for i in s.items)}
            near_items, near_end = _distances(case, left - {step.key}), _distances(case, {decision})
            moves = [m for m in step.moves]
            if not moves:
                break
            key = min(
                moves, key=lambda m: (m.goto not in near_items, near_items.get(m.goto, 0), near_end.get(m.goto, 99))
            ).key
        if key not in keys:  # the decision reached is not the one planned: take its first option
            key = keys[0]
        path.append(key)
        state = choose(case, state, key)
    return path


def _random(case: Case, rng: random.Random) -> list[str]:
    state, path = start(case), []
    while len(path) < MAX_PATH:
        keys = available(case, state)
        if not keys:
            break
        path.append(rng.choice(keys))
        state = choose(case, state, path[-1])
    return path


def case_paths(case: Case) -> list[tuple[str, list[str]]]:
    """(name, path) pairs in a fixed order."""
    essential = set(case.essential)
    unnecessary = {i.key for i in case.items if i.unnecessary}
    best = next(o.key for o in case.options if o.verdict == "best")
    named = [
        ("best", _planned(case, essential, best)),
        ("skip_every_essential", _planned(case, set(), best)),
        ("every_unnecessary", _planned(case, unnecessary | essential, best)),
        ("every_item", _planned(case, {i.key for i in case.items}, best)),
    ]
    named += [(f"decision:{o.key}", _planned(case, essential, o.key)) for o in case.options]
    rng = random.Random(f"iliopsoas-lessons:{case.key}")
    randoms = [(f"random:{i}", _random(case, rng)) for i in range(RANDOM_PATHS)]
    tries = [_random(case, rng) for _ in range(_RULE_TRIES)]
    for rule in case.rules:
        found = next((p for _, p in named + randoms if rule.key in replay(case, p).fired), None)
        found = found or next((p for p in tries if rule.key in replay(case, p).fired), None)
        if found is not None:
            named.append((f"rule:{rule.key}", found))
    return named + randoms  # a path may appear under two names: each name says what it checks


def _state_json(case: Case, state: CaseState) -> dict[str, Any]:
    return {
        "step": state.step,
        "available": list(available(case, state)),
        "counters": state.counters,
        "messages": list(state.messages),
        "fired": list(state.fired),
        "ended": state.ended,
        "decision": state.decision,
    }


def _path_json(case: Case, name: str, path: list[str]) -> dict[str, Any]:
    state, states = start(case), []
    for key in path:
        state = choose(case, state, key)
        states.append(_state_json(case, state))
    return {"name": name, "path": path, "states": states, "score": score(case, path).to_json()}


def fixtures(cases: Iterable[tuple[Case, str]]) -> dict[str, Any]:
    """The fixture document for ``(case, file)`` pairs (file: the case's path, relative to the checkout)."""
    return {
        "format": FIXTURE_FORMAT,
        "about": "Written by python -m iliopsoas_lessons.cases fixtures; do not edit. tests/test_case_engine.py "
        "checks it is current; node --test tests/js/ checks the page's engine against it.",
        "cases": [
            {
                "key": case.key,
                "file": file,
                "start": _state_json(case, start(case)),
                "paths": [_path_json(case, name, path) for name, path in case_paths(case)],
            }
            for case, file in cases
        ],
    }


def relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` as a POSIX path when inside it, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
