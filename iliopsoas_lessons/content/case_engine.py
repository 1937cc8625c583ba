"""The case engine: the learner's moves through a case, the rules and the score.

Every function is pure: a state is a frozen record and each choice returns a
new one, so a path (the list of chosen keys) replays to the same state and
the same score anywhere (the page's JavaScript is checked against fixtures
exported from here). Standard library only.

Decisions where the shared specification is silent (docs/authoring-cases.md):
- rules are not checked at the start, nor after the decision that ends the case;
- after a choice the rules are read in file order; when one moves the learner
  (its ``goto``), they are read again from the top for the new step, so a
  rule about ``entering`` that step can fire; each fires at most once;
- a rule with a ``goto`` that would fire on a decision step waits (it does
  not fire and is not used up);
- an ``essential_missing`` rule's message is followed by the labels of the
  essential items still not chosen when it fires (:func:`missing_note`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .cases import Case, CaseItem, CaseMove, CaseOption
from .collection import ContentError

__all__ = [
    "CaseError",
    "CaseState",
    "CaseScore",
    "start",
    "available",
    "choose",
    "replay",
    "score",
    "missing_note",
    "MAX_PATH",
]

MAX_PATH = 200  # the longest path progress records keep
_VERDICT_POINTS = {"best": 50, "acceptable": 40, "over": 20, None: 0}


class CaseError(ContentError):
    """A choice that is not available now; the message names the valid choices."""


@dataclass(frozen=True)
class CaseState:
    step: str
    chosen: tuple[str, ...] = ()  # every key chosen so far, in order: the path
    minutes: int = 0
    cost: int = 0
    fired: tuple[str, ...] = ()  # rule keys, in the order they fired
    messages: tuple[str, ...] = ()  # the fired rules' messages, in order
    ended: bool = False
    decision: str | None = None
    entered: str | None = field(default=None, compare=False)  # the step the last choice moved into

    @property
    def counters(self) -> dict[str, int]:
        return {"minutes": self.minutes, "cost": self.cost}


@dataclass(frozen=True)
class CaseScore:
    essential_total: int
    essential_asked: int
    missing_essential: tuple[str, ...]
    unnecessary: tuple[str, ...]
    minutes: int
    cost: int
    finished: bool
    decision: str | None
    verdict: str | None
    points: int
    outcome: str  # success, partial, unsafe or unfinished

    def to_json(self) -> dict[str, Any]:
        return {
            "essential_total": self.essential_total,
            "essential_asked": self.essential_asked,
            "missing_essential": list(self.missing_essential),
            "unnecessary": list(self.unnecessary),
            "minutes": self.minutes,
            "cost": self.cost,
            "finished": self.finished,
            "decision": self.decision,
            "verdict": self.verdict,
            "points": self.points,
            "outcome": self.outcome,
        }


def start(case: Case) -> CaseState:
    return CaseState(step=case.start)


def available(case: Case, state: CaseState) -> tuple[str, ...]:
    """The keys the learner may choose now, in the order the case lists them."""
    if state.ended:
        return ()
    step = case.step(state.step)
    if step.kind == "decision":
        return tuple(o.key for o in step.options)
    chosen = set(state.chosen)
    return tuple(i.key for i in step.items if i.key not in chosen) + tuple(m.key for m in step.moves)


def choose(case: Case, state: CaseState, key: str) -> CaseState:
    """The state after choosing ``key``; CaseError names the valid choices when it is not available."""
    valid = available(case, state)
    if key not in valid:
        where = "the case has ended" if state.ended else f"at step {state.step!r}"
        raise CaseError(
            f"case {case.key!r}: {key!r} cannot be chosen {where}; valid: {', '.join(valid) or '(nothing)'}"
        )
    return after(case, state, key)


def after(case: Case, state: CaseState, key: str) -> CaseState:
    """:func:`choose` for a key already known to be available (the model checker's inner loop)."""
    thing = case.choice(key)
    chosen = (*state.chosen, key)
    if isinstance(thing, CaseOption):
        return CaseState(state.step, chosen, state.minutes, state.cost, state.fired, state.messages, True, key, None)
    if isinstance(thing, CaseMove):
        new = CaseState(thing.goto, chosen, state.minutes, state.cost, state.fired, state.messages, entered=thing.goto)
    else:
        assert isinstance(thing, CaseItem)
        new = CaseState(
            state.step, chosen, state.minutes + thing.minutes, state.cost + thing.cost, state.fired, state.messages
        )
    return _apply_rules(case, new)


def _holds(case: Case, rule, state: CaseState) -> bool:
    if rule.counter is not None and state.counters[rule.counter] < rule.at_least:
        return False
    if rule.entering is not None and state.entered != rule.entering:
        return False
    if rule.essential_missing and set(case.essential).issubset(state.chosen):
        return False
    return True


def missing_note(case: Case, chosen) -> str:
    """What an ``essential_missing`` rule adds to its message: the label of
    every essential item not yet chosen, in case order. The engine builds it,
    so the message names each item left out even when the author's own text
    lists only some (clinical review round 14, part C minor 2)."""
    done = set(chosen)
    labels = [i.label for i in case.items if i.essential and i.key not in done]
    return f" Not yet done: {'; '.join(labels)}." if labels else ""


def _apply_rules(case: Case, state: CaseState) -> CaseState:
    again = True
    while again:
        again = False
        for rule in case.rules:
            if rule.key in state.fired or not _holds(case, rule, state):
                continue
            if rule.goto is not None and case.step(state.step).kind == "decision":
                continue  # a rule never moves the learner off a decision
            message = rule.message + (missing_note(case, state.chosen) if rule.essential_missing else "")
            state = CaseState(
                rule.goto or state.step,
                state.chosen,
                state.minutes,
                state.cost,
                (*state.fired, rule.key),
                (*state.messages, message),
                entered=rule.goto or state.entered,
            )
            if rule.goto is not None:
                again = True  # read the rules again for the new step
                break
    return state


def replay(case: Case, path: list[str] | tuple[str, ...]) -> CaseState:
    """The state after choosing each key of ``path`` from the start."""
    if isinstance(path, str) or not isinstance(path, (list, tuple)):
        raise CaseError(f"case {case.key!r}: a path is a list of keys, not {type(path).__name__}")
    if len(path) > MAX_PATH:
        raise CaseError(f"case {case.key!r}: a path holds at most {MAX_PATH} choices, not {len(path)}")
    state = start(case)
    for i, key in enumerate(path):
        valid = available(case, state)
        if key not in valid:
            where = "after the case ended" if state.ended else f"at step {state.step!r}"
            raise CaseError(
                f"case {case.key!r}: path[{i}]: {key!r} cannot be chosen {where}; "
                f"valid: {', '.join(valid) or '(nothing)'}"
            )
        state = choose(case, state, key)
    return state


def score(case: Case, path: list[str] | tuple[str, ...]) -> CaseScore:
    """The score of a path (replayed from the start, never taken from the page)."""
    state = replay(case, path)
    essential = case.essential
    chosen = set(state.chosen)
    asked = sum(1 for key in essential if key in chosen)
    missing = tuple(key for key in essential if key not in chosen)
    unnecessary_keys = {i.key for i in case.items if i.unnecessary}
    unnecessary = tuple(key for key in state.chosen if key in unnecessary_keys)
    verdict = case.choice(state.decision).verdict if state.decision else None
    if verdict == "unsafe":
        points = 0
    else:
        part = 50 * asked // len(essential) if essential else 50
        points = max(0, min(100, part + _VERDICT_POINTS[verdict] - 5 * len(unnecessary)))
    if verdict == "unsafe":
        outcome = "unsafe"  # whatever else was done
    elif not state.ended:
        outcome = "unfinished"
    elif verdict in ("best", "acceptable") and not missing and not unnecessary:
        outcome = "success"
    else:
        outcome = "partial"
    return CaseScore(
        len(essential), asked, missing, unnecessary, state.minutes, state.cost,
        state.ended, state.decision, verdict, points, outcome,
    )  # fmt: skip
