"""A stand-in for the core branch's case records and engine (cases-spec.md),
used by the report's tests only until `iliopsoas_lessons.content.case_engine`
exists. It follows the spec's field names so the report code does not change
when the real engine lands."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace


class CaseError(ValueError):
    pass


def _ns(obj):
    if isinstance(obj, dict):
        return SimpleNamespace(**{k: _ns(v) for k, v in obj.items()})
    if isinstance(obj, list):
        return tuple(_ns(v) for v in obj)
    return obj


def load_case_file(path: Path):
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    for step in raw["steps"]:
        for name in ("items", "moves", "options"):
            step.setdefault(name, [])
        step.setdefault("text", "")
        step.setdefault("prompt", "")
        for item in step["items"]:
            item.setdefault("essential", False)
            item.setdefault("unnecessary", False)
    return _ns(raw)


@dataclass(frozen=True)
class CaseState:
    step: str
    chosen: tuple = ()
    counters: dict = field(default_factory=lambda: {"minutes": 0, "cost": 0})
    fired: tuple = ()
    messages: tuple = ()
    ended: bool = False
    decision: str | None = None


def _step(case, key):
    return next(s for s in case.steps if s.key == key)


def start(case) -> CaseState:
    return CaseState(case.start)


def available(case, state) -> tuple:
    if state.ended:
        return ()
    step = _step(case, state.step)
    if step.kind == "decision":
        return tuple(o.key for o in step.options)
    items = tuple(i.key for i in step.items if i.key not in state.chosen)
    return items + tuple(m.key for m in step.moves)


def _essential(case):
    return [i.key for s in case.steps for i in s.items if i.essential]


def choose(case, state, key) -> CaseState:
    if key not in available(case, state):
        raise CaseError(f"{key!r} is not available; valid: {', '.join(available(case, state))}")
    step = _step(case, state.step)
    chosen = state.chosen + (key,)
    counters = dict(state.counters)
    entering = None
    new_step, ended, decision = state.step, False, None
    item = next((i for i in step.items if i.key == key), None)
    if item:
        counters["minutes"] += item.minutes
        counters["cost"] += item.cost
    move = next((m for m in step.moves if m.key == key), None)
    if move:
        new_step = entering = move.goto
    if any(o.key == key for o in step.options):
        ended, decision = True, key
    fired, messages = state.fired, state.messages
    for rule in case.rules:
        if rule.key in fired:
            continue
        w = rule.when
        ok = True
        if getattr(w, "counter", None) is not None:
            ok &= counters[w.counter] >= w.at_least
        if getattr(w, "entering", None) is not None:
            ok &= entering == w.entering
        if getattr(w, "essential_missing", None):
            ok &= any(k not in chosen for k in _essential(case))
        goto = getattr(rule.then, "goto", None)
        if goto and (ended or _step(case, new_step).kind == "decision"):
            ok = False
        if ok:
            fired += (rule.key,)
            messages += (rule.then.message,)
            if goto:
                new_step = entering = goto
    return CaseState(new_step, chosen, counters, fired, messages, ended, decision)


def replay(case, path) -> CaseState:
    state = start(case)
    for i, key in enumerate(path):
        try:
            state = choose(case, state, key)
        except CaseError as e:
            raise CaseError(f"at position {i}: {e}") from None
    return state


@dataclass(frozen=True)
class CaseScore:
    essential_total: int
    essential_asked: int
    missing_essential: list
    unnecessary: list
    minutes: int
    cost: int
    finished: bool
    decision: str | None
    verdict: str | None
    points: int
    outcome: str


def score(case, path) -> CaseScore:
    state = replay(case, path)
    essential = _essential(case)
    missing = [k for k in essential if k not in state.chosen]
    unnecessary_keys = {i.key for s in case.steps for i in s.items if i.unnecessary}
    unnecessary = [k for k in state.chosen if k in unnecessary_keys]
    verdict = None
    if state.decision:
        verdict = next(o.verdict for s in case.steps for o in s.options if o.key == state.decision)
    asked = len(essential) - len(missing)
    if verdict == "unsafe":
        points = 0
    else:
        base = math.floor(50 * asked / len(essential)) if essential else 50
        points = base + {"best": 50, "acceptable": 40, "over": 20, None: 0}[verdict] - 5 * len(unnecessary)
        points = max(0, min(100, points))
    if verdict == "unsafe":
        outcome = "unsafe"
    elif not state.ended:
        outcome = "unfinished"
    elif verdict in ("best", "acceptable") and not missing and not unnecessary:
        outcome = "success"
    else:
        outcome = "partial"
    return CaseScore(
        len(essential),
        asked,
        missing,
        unnecessary,
        state.counters["minutes"],
        state.counters["cost"],
        state.ended,
        state.decision,
        verdict,
        points,
        outcome,
    )
