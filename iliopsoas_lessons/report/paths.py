"""The virtual-patient cases' path view: what the class chose at each step.

Each learner's latest path through a case (the exercise ``"virtual_cases"``:
item = the case key, answer = the list of keys chosen) is scored again from
the content with the engine's ``score(case, path)``, never from the file's own
``correct`` flag. A path that no longer replays (the case changed since) is
listed as skipped with the engine's reason; it never stops the report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from iliopsoas_lessons.content.cases import listed_level as _listed_level

__all__ = [
    "EXERCISE",
    "OUTCOMES",
    "Branch",
    "NeverAsked",
    "WrongDecision",
    "CasePathView",
    "latest_paths",
    "case_path_views",
    "learner_points",
    "unknown_cases",
]

EXERCISE = "virtual_cases"
OUTCOMES = ("success", "partial", "unsafe", "unfinished")
WRONG = ("unsafe", "over")  # the decisions a teacher debriefs: too slow or wrong place, or more than needed


@dataclass(frozen=True)
class Branch:
    """One item, move or option of a case and how many learners chose it."""

    step: str  # the step's title
    kind: str  # "item", "move" or "option"
    key: str
    label: str
    mark: str  # "essential", "unnecessary", an option's verdict, or ""
    count: int


@dataclass(frozen=True)
class NeverAsked:
    key: str
    label: str
    missing: int
    of: int
    kind: str = "history"  # the step's kind: a question is "asked about", a test "chosen"

    @property
    def sentence(self) -> str:
        if self.kind != "history":
            return f"{self.missing} of {self.of} never chose \u201c{self.label}\u201d"
        # "Ask about fever" reads as "never asked about fever", "Ask whether ..." as "never asked whether ..."
        asked = re.match(r"ask\b\s*(.*)", self.label, flags=re.I | re.S)
        topic = asked.group(1) if asked else f"about {self.label}"
        return f"{self.missing} of {self.of} never asked{'' if topic.startswith(',') else ' '}{topic}"


@dataclass(frozen=True)
class WrongDecision:
    key: str
    destination: str
    level: str  # the option's urgency level, as the scale labels it
    verdict: str
    count: int


@dataclass(frozen=True)
class CasePathView:
    key: str
    title: str
    started: int  # learners whose latest path replays
    finished: int  # of those, paths ending with a decision
    branches: tuple[Branch, ...]
    never_asked: tuple[NeverAsked, ...]
    wrong: tuple[WrongDecision, ...]  # most common first
    outcomes: dict  # {outcome: learners}, in OUTCOMES order
    skipped: tuple[tuple[object, str], ...]  # (results file, why its path was not counted)


def _default_engine():
    from iliopsoas_lessons.content import case_engine

    return case_engine


def latest_paths(records) -> dict[str, list[tuple[object, list]]]:
    """{case key: [(results file, the learner's latest path)]}; files without the exercise add nothing."""
    out: dict[str, list] = {}
    for path, data in records:
        for case_key, rec in data["exercises"].get(EXERCISE, {}).items():
            attempt = rec["later"][-1] if rec["later"] else rec["first"]
            out.setdefault(case_key, []).append((path, list(attempt["answer"])))
    return out


def _why(error: Exception) -> str:
    return f"its path no longer plays through this case ({error})"


def _scores(case, paths, engine) -> tuple[list, list]:
    scored, skipped = [], []
    for source, path in paths:
        try:
            scored.append((source, path, engine.score(case, path)))
        except (engine.CaseError, ValueError, KeyError) as e:
            skipped.append((source, _why(e)))
    return scored, skipped


def _level_label(case, option, course) -> str:
    """The option's level as the case player listed it on its button (the content layer's
    ``listed_level``: the level's 'now' wording where the destination opens with now, else
    its plain label, whatever the verdict), so the report and the lesson agree."""
    if course is None or option.urgency not in course.urgency.keys():
        return option.urgency
    return _listed_level(case, option.urgency, course, option).label


def _branches(case, chosen: Counter, course) -> tuple[Branch, ...]:
    rows = []
    for step in case.steps:
        for item in step.items:
            mark = "essential" if item.essential else "unnecessary" if item.unnecessary else ""
            rows.append(Branch(step.title, "item", item.key, item.label, mark, chosen[item.key]))
        for move in step.moves:
            rows.append(Branch(step.title, "move", move.key, move.label, "", chosen[move.key]))
        for option in step.options:
            label = f"{_level_label(case, option, course)}: {option.destination}"
            rows.append(Branch(step.title, "option", option.key, label, option.verdict, chosen[option.key]))
    return tuple(rows)


def _options(case) -> dict:
    return {o.key: o for s in case.steps for o in s.options}


def case_path_views(records, cases, *, engine=None, course=None) -> list[CasePathView]:
    """One view per case of ``cases`` (in their order), from ``records`` (collect's).

    ``engine`` gives ``score`` and ``CaseError`` (default: the content layer's
    case engine); ``course`` is the loaded content whose urgency scale labels each option's
    level (without it, the level's key is shown)."""
    cases = tuple(cases)
    if not cases:
        return []
    engine = _default_engine() if engine is None else engine
    by_case = latest_paths(records)
    views = []
    for case in cases:
        scored, skipped = _scores(case, by_case.get(case.key, []), engine)
        chosen = Counter(k for _, path, _ in scored for k in set(path))
        essential = [(i.key, i.label, s.kind) for s in case.steps for i in s.items if i.essential]
        missing = Counter(k for _, _, sc in scored for k in sc.missing_essential)
        wrong_counts = Counter(sc.decision for _, _, sc in scored if sc.verdict in WRONG)
        options = _options(case)
        order = list(options)
        wrong = tuple(
            WrongDecision(k, options[k].destination, _level_label(case, options[k], course), options[k].verdict, n)
            # the most chosen first; a tie keeps the case's order
            for k, n in sorted(wrong_counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
        )
        outcomes = Counter(sc.outcome for _, _, sc in scored)
        views.append(
            CasePathView(
                case.key,
                case.title,
                len(scored),
                sum(sc.finished for _, _, sc in scored),
                _branches(case, chosen, course),
                tuple(NeverAsked(k, label, missing[k], len(scored), kind) for k, label, kind in essential),
                wrong,
                {o: outcomes[o] for o in OUTCOMES},
                tuple(skipped),
            )
        )
    return views


def unknown_cases(records, cases) -> Counter:
    """{case key: learners} for paths through cases this version does not have."""
    known = {c.key for c in cases}
    return Counter(k for k, paths in latest_paths(records).items() if k not in known for _ in paths)


def learner_points(data: dict, cases, *, engine=None) -> list:
    """One learner's points (0-100) per case of ``cases``, from their latest path;
    "" where they have no path or it no longer replays."""
    cases = tuple(cases)
    if not cases:
        return []
    engine = _default_engine() if engine is None else engine
    mine = data["exercises"].get(EXERCISE, {})
    cells = []
    for case in cases:
        rec = mine.get(case.key)
        if rec is None:
            cells.append("")
            continue
        attempt = rec["later"][-1] if rec["later"] else rec["first"]
        try:
            cells.append(engine.score(case, list(attempt["answer"])).points)
        except (engine.CaseError, ValueError, KeyError):
            cells.append("")
    return cells
