"""The model checker: walks every reachable state of a case and lists what is wrong.

A state is what the learner could meet: the step, the items chosen, the
counters and the rules already fired. Items are order-independent, so states
are told apart by what matters for the rest of the case: the step, the items
of that step already chosen, the essential items still missing, the rules
fired and each counter capped at the largest value a rule tests. One real
path reaches each such state (kept to name it in a message); the engine
itself (:mod:`.case_engine`) makes every move, so the checker and the learner
can never disagree.

``check(case, course)`` returns the problems (empty when the case is sound);
``tree(case)`` draws the steps as text. ``python -m iliopsoas_lessons.cases
check FILE`` prints both. Standard library only.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .case_engine import CaseState, after, available, start
from .cases import Case

__all__ = ["MAX_STATES", "Walk", "walk", "check", "tree"]

MAX_STATES = 100_000  # far above any teaching case; past it the walk stops and says so


@dataclass
class Walk:
    """What the walk saw."""

    states: int = 0
    steps: set[str] = field(default_factory=set)
    offered: set[str] = field(default_factory=set)  # every key some state made available
    fired: set[str] = field(default_factory=set)
    edges: set[tuple[str, str]] = field(default_factory=set)  # step to step, by a move or a rule
    dead_ends: dict[str, tuple[str, ...]] = field(default_factory=dict)  # step: the first path stuck there
    too_big: bool = False


class _Abstraction:
    """Tells states apart only by what can still change the rest of the case (exact, not approximate)."""

    def __init__(self, case: Case):
        self.caps = {"minutes": 0, "cost": 0}
        for rule in case.rules:
            if rule.counter is not None:
                self.caps[rule.counter] = max(self.caps[rule.counter], rule.at_least)
        self.tested_by = {c: frozenset(r.key for r in case.rules if r.counter == c) for c in ("minutes", "cost")}
        self.asks_missing = frozenset(r.key for r in case.rules if r.essential_missing)
        self.step_items = {s.key: frozenset(i.key for i in s.items) for s in case.steps}
        self.essential = frozenset(case.essential)
        # the essential items still choosable from each step: on it or on a step it can lead to
        # (by a move, or by any rule's goto: more than the truth, so never wrongly merged)
        graph = {s.key: {m.goto for m in s.moves} | {r.goto for r in case.rules if r.goto} for s in case.steps}
        self.ahead = {}
        for key in graph:
            seen, todo = {key}, [key]
            while todo:
                for nxt in graph.get(todo.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            self.ahead[key] = frozenset().union(*(self.step_items.get(k, frozenset()) for k in seen)) & self.essential

    def key(self, state: CaseState) -> tuple:
        chosen = frozenset(state.chosen)
        fired = frozenset(state.fired)
        missing_key: Any = None  # no rule left asks: the set cannot matter
        if not self.asks_missing <= fired:
            missing, ahead = self.essential - chosen, self.ahead[state.step]
            missing_key = (missing & ahead, bool(missing - ahead))  # behind: only whether any is missing
        # a counter no rule still tests cannot matter
        minutes = 0 if self.tested_by["minutes"] <= fired else min(state.minutes, self.caps["minutes"])
        cost = 0 if self.tested_by["cost"] <= fired else min(state.cost, self.caps["cost"])
        counters = (minutes, cost)
        return (state.step, state.ended, chosen & self.step_items[state.step], missing_key, fired, counters)


def walk(case: Case, *, limit: int = MAX_STATES) -> Walk:
    """Visit every abstract state reachable from the start, breadth first (so each path kept is a shortest)."""
    abstraction = _Abstraction(case)
    moves = {m.key: m.goto for s in case.steps for m in s.moves}
    first = start(case)
    seen = {abstraction.key(first)}
    queue, out = deque([first]), Walk()
    while queue:
        state = queue.popleft()
        out.states += 1
        out.steps.add(state.step)
        keys = available(case, state)
        out.offered.update(keys)
        if not keys and not state.ended:
            out.dead_ends.setdefault(state.step, state.chosen)
        for key in keys:
            new = after(case, state, key)
            out.fired.update(new.fired)
            via = moves.get(key, state.step)
            for a, b in ((state.step, via), (via, new.step)):
                if a != b:
                    out.edges.add((a, b))
            mark = abstraction.key(new)
            if mark not in seen:
                if len(seen) >= limit:
                    out.too_big = True
                    return out
                seen.add(mark)
                queue.append(new)
    return out


def _cycle(case: Case, edges: set[tuple[str, str]]) -> list[str] | None:
    """One cycle of the step graph as a list of step keys, or None."""
    graph: dict[str, list[str]] = {s.key: [] for s in case.steps}
    for a, b in sorted(edges):
        graph.setdefault(a, []).append(b)
    colour: dict[str, int] = {}  # 1 on the current route, 2 done
    route: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = 1
        route.append(node)
        for nxt in graph.get(node, []):
            if colour.get(nxt) == 1:
                return route[route.index(nxt) :] + [nxt]
            if nxt not in colour:
                found = visit(nxt)
                if found:
                    return found
        route.pop()
        colour[node] = 2
        return None

    for step in case.steps:
        if step.key not in colour:
            found = visit(step.key)
            if found:
                return found
    return None


def _static(case: Case, course: Any) -> list[str]:
    """What needs no walk: feedback, a best option per decision, the verdict and urgency rule."""
    problems = []
    levels = list(course.urgency.keys())
    answer_rank = levels.index(case.answer.urgency)
    for si, step in enumerate(case.steps):
        for kind, things in (("items", step.items), ("moves", step.moves), ("options", step.options)):
            for i, thing in enumerate(things):
                if not (thing.feedback or "").strip():
                    problems.append(f"steps[{si}].{kind}[{i}] {thing.key!r}: no feedback (every choice needs some)")
        if step.kind == "decision" and not any(o.verdict == "best" for o in step.options):
            problems.append(f"steps[{si}] {step.key!r}: decision step without a 'best' option")
        for i, option in enumerate(step.options):
            if option.verdict != "unsafe" and levels.index(option.urgency) > answer_rank:
                problems.append(
                    f"steps[{si}].options[{i}] {option.key!r}: verdict {option.verdict!r} but its urgency "
                    f"{option.urgency!r} is slower than the answer's {case.answer.urgency!r}: it must be 'unsafe'"
                )
    return problems


def check(case: Case, course: Any) -> list[str]:
    """Every problem of ``case`` (empty when sound): see the module's docstring."""
    problems = _static(case, course)
    seen = walk(case)
    if seen.too_big:
        problems.append(f"the case has more than {MAX_STATES} states; the check stopped (split the case)")
    index = {s.key: i for i, s in enumerate(case.steps)}
    for step in case.steps:
        if step.key not in seen.steps:
            problems.append(f"steps[{index[step.key]}] {step.key!r}: no path reaches this step")
    for si, step in enumerate(case.steps):
        for i, item in enumerate(step.items):
            if item.essential and item.key not in seen.offered:
                problems.append(f"steps[{si}].items[{i}] {item.key!r}: no path reaches this essential item")
    for step_key, path in sorted(seen.dead_ends.items()):
        problems.append(
            f"steps[{index[step_key]}] {step_key!r}: dead end: nothing left to choose and the case has not "
            f"ended (after: {', '.join(path) or 'the start'}); give the step a move on"
        )
    static_edges = {(s.key, m.goto) for s in case.steps for m in s.moves}
    cycle = _cycle(case, seen.edges | static_edges)
    if cycle:
        problems.append(f"cycle in the step graph: {' -> '.join(cycle)} (moves and rules only go forward)")
    return problems


def _marks(item) -> str:
    marks = [m for m, on in (("ESSENTIAL", item.essential), ("unnecessary", item.unnecessary)) if on]
    if item.test:
        marks.append(f"test: {item.test}")
    marks.append(f"{item.minutes} min, GBP {item.cost}")
    return "  [" + "; ".join(marks) + "]"


def tree(case: Case) -> str:
    """The steps as an indented tree, from the start, with each item's and option's marks."""
    lines = [
        f"{case.key}: {case.title}",
        f"answer: {case.answer.urgency}; red flag: {case.answer.red_flag or 'none'}",
    ]
    shown: set[str] = set()

    def draw(key: str, depth: int) -> None:
        pad = "    " * depth
        step = case.step(key)
        if key in shown:
            lines.append(f"{pad}{key} (shown above)")
            return
        shown.add(key)
        lines.append(f"{pad}{key} ({step.kind}): {step.title}")
        for item in step.items:
            lines.append(f"{pad}  item {item.key}{_marks(item)}")
        for option in step.options:
            lines.append(f"{pad}  option {option.key}  [{option.verdict}; {option.urgency}]")
        for move in step.moves:
            lines.append(f"{pad}  move {move.key} ->")
            draw(move.goto, depth + 1)

    draw(case.start, 0)
    for rule in case.rules:
        when = [f"{rule.counter} >= {rule.at_least}"] if rule.counter else []
        when += [f"entering {rule.entering}"] if rule.entering else []
        when += ["an essential item is missing"] if rule.essential_missing else []
        lines.append(f"rule {rule.key}: when {' and '.join(when)}" + (f" -> {rule.goto}" if rule.goto else ""))
        if rule.goto and rule.goto not in shown:
            draw(rule.goto, 1)
    for step in case.steps:
        if step.key not in shown:
            lines.append(f"not reached by any move or rule: {step.key} ({step.kind})")
    return "\n".join(lines)
