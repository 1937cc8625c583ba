"""Reading a virtual-patient case file and checking it against the course.

The loader checks the form (as ``schemas/case.schema.json`` does) and what the
schema cannot see: keys unique in the case, steps, tests, levels, red flags,
lessons and references that exist, and the verdict and urgency rules. Every
error names the file and the key path, e.g. ``cases/x.json:
steps[2].items[0].test: ...; valid: ...``. The records are :mod:`.cases`';
whether every path ends is the model checker's (:mod:`.case_checker`). The
form itself is read in :mod:`.case_form`; ``read_case`` is re-exported here.
Standard library only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import reader
from .cases import Case
from .case_checks import (
    check_contexts,
    check_fall_gate,
    check_flag_wording,
    check_go_now_timing,
    check_option_levels,
)
from .case_form import _Form, read_case

__all__ = ["read_case", "check_against_course", "lesson_keys", "load_case_file", "load_cases"]


# ---------------------------------------------------------------- checks against the course


def _valid(values) -> str:
    return ", ".join(values)


def check_against_course(case: Case, course: Any, lesson_keys: tuple[str, ...] | None, stem: str) -> None:
    """What the schema cannot see; raises ContentError naming the file and the key path."""
    form = _Form(case.file)
    if case.key != stem:
        raise form.fail("key", f"{case.key!r} must be the file name without '.json' ({stem!r})")
    _check_unique(form, case)
    step_keys = tuple(s.key for s in case.steps)
    if case.start not in step_keys:
        raise form.fail("start", f"{case.start!r} is not a step; valid: {_valid(step_keys)}")
    if lesson_keys is not None:
        for i, lesson in enumerate(case.lessons):
            if lesson not in lesson_keys:
                raise form.fail(f"lessons[{i}]", f"{lesson!r} is not a lesson; valid: {_valid(lesson_keys)}")
    tests = (*course.exam_tests.keys(), *course.nerve_tests.keys())
    ref_keys = set(course.references.keys())
    levels = course.urgency.keys()
    _check_refs(form, "references", case.references, ref_keys)
    for si, step in enumerate(case.steps):
        for kind, things in (("items", step.items), ("moves", step.moves), ("options", step.options)):
            for i, thing in enumerate(things):
                where = f"steps[{si}].{kind}[{i}]"
                _check_refs(form, f"{where}.references", thing.references, ref_keys)
                goto = getattr(thing, "goto", None)
                if goto is not None and goto not in step_keys:
                    raise form.fail(f"{where}.goto", f"{goto!r} is not a step; valid: {_valid(step_keys)}")
                test = getattr(thing, "test", None)
                if test is not None and test not in tests:
                    raise form.fail(f"{where}.test", f"{test!r} is not an examination test; valid: {_valid(tests)}")
    for ri, rule in enumerate(case.rules):
        for name in ("entering", "goto"):
            value = getattr(rule, name)
            if value is not None and value not in step_keys:
                part = "when" if name == "entering" else "then"
                raise form.fail(f"rules[{ri}].{part}.{name}", f"{value!r} is not a step; valid: {_valid(step_keys)}")
    _check_answer(form, case, course, levels)
    check_contexts(case, course)
    check_flag_wording(case, course)
    check_option_levels(case)
    check_fall_gate(case)
    check_go_now_timing(case, course)


def _check_refs(form: _Form, where: str, refs: tuple[str, ...], known: set[str]) -> None:
    for ref in refs:
        if ref not in known:
            raise form.fail(where, f"cites unknown reference {ref!r} (not in references.json)")


def _check_unique(form: _Form, case: Case) -> None:
    seen: dict[str, str] = {}
    for si, step in enumerate(case.steps):
        for kind, things in (("items", step.items), ("moves", step.moves), ("options", step.options)):
            for i, thing in enumerate(things):
                where = f"steps[{si}].{kind}[{i}].key"
                if thing.key in seen:
                    raise form.fail(
                        where, f"{thing.key!r} is already used at {seen[thing.key]}; keys are unique in a case"
                    )
                seen[thing.key] = where
    for what, keys in (("steps", [s.key for s in case.steps]), ("rules", [r.key for r in case.rules])):
        for i, key in enumerate(keys):
            if key in keys[:i]:
                raise form.fail(f"{what}[{i}].key", f"{key!r} appears twice")


def _check_answer(form: _Form, case: Case, course: Any, levels: tuple[str, ...]) -> None:
    answer = case.answer
    if answer.red_flag is not None:
        flags = course.red_flags.keys()
        if answer.red_flag not in flags:
            raise form.fail("answer.red_flag", f"{answer.red_flag!r} is not a red flag; valid: {_valid(flags)}")
        flag = course.red_flags[answer.red_flag]
        allowed = [flag.urgency] + ([flag.escalation.urgency] if flag.escalation else [])
        if answer.urgency not in allowed:
            raise form.fail(
                "answer.urgency",
                f"{answer.urgency!r} disagrees with red flag {flag.key!r}, whose level is {_valid(allowed)}",
            )
    rank = {level: i for i, level in enumerate(levels)}  # most urgent first
    best = False
    for si, step in enumerate(case.steps):
        for i, option in enumerate(step.options):
            best = best or option.verdict == "best"
            if rank[option.urgency] > rank[answer.urgency] and option.verdict != "unsafe":
                raise form.fail(
                    f"steps[{si}].options[{i}].verdict",
                    f"option {option.key!r} is {option.urgency!r}, less urgent than the answer "
                    f"{answer.urgency!r}: its verdict must be 'unsafe', not {option.verdict!r}",
                )
    if not best:
        raise form.fail("steps", "no decision option has the verdict 'best'; at least one must")
    _check_day_rule(form, case, course, rank)
    _check_findings(form, case, course, rank)


DAY_MINUTES = 1440  # a case whose answer is same day or sooner shows the learner when a day has gone


def _check_day_rule(form: _Form, case: Case, course: Any, rank: dict[str, int]) -> None:
    """A case whose answer goes now (its red flag's ``go_now``) or is same day or sooner needs a rule on
    the minutes counter at or below a day, so that a learner who spends the day on tests is told."""
    answer = case.answer
    go_now = answer.red_flag is not None and course.red_flags[answer.red_flag].go_now
    same_day = "same_day" in rank and rank[answer.urgency] <= rank["same_day"]
    if not (go_now or same_day):
        return
    if not any(r.counter == "minutes" and r.at_least is not None and r.at_least <= DAY_MINUTES for r in case.rules):
        raise form.fail(
            "rules",
            f"the answer is {answer.urgency!r}"
            + (f" and red flag {answer.red_flag!r} goes now" if go_now else "")
            + f": add a rule on 'minutes' with at_least {DAY_MINUTES} or less, telling the learner a day has gone",
        )


def _check_transport(form: _Form, where: str, option: Any, now: str | None, unstable: str | None) -> None:
    """A non-unsafe option's transport fits the case: no booked transport when a red flag goes now
    (``now``), and no own means when a finding shows the patient could collapse (``unstable``)."""
    if option.transport == "booked" and now is not None:
        # booked (non-emergency) transport comes at a slot, often hours away: not 'now'
        raise form.fail(
            f"{where}.transport",
            f"option {option.key!r} waits for booked transport, but red flag {now!r} goes now: "
            f"send the patient now (by ambulance, or own means with someone who goes along), "
            f"or make its verdict 'unsafe', not {option.verdict!r}",
        )
    if unstable and option.transport == "own":
        raise form.fail(
            f"{where}.verdict",
            f"option {option.key!r} sends the patient by their own means, but {unstable} shows he or she "
            f"could collapse on the way: its verdict must be 'unsafe', not {option.verdict!r}",
        )


def _check_findings(form: _Form, case: Case, course: Any, rank: dict[str, int]) -> None:
    """What the findings reveal binds every decision: the patient is as ill as the case says, whether or
    not the learner asked. No option slower than a red flag a finding shows, and no option sending an
    unstable patient by their own means, may be better than 'unsafe'."""
    flags = course.red_flags
    shown: dict[str, str] = {}  # flag key: where it is first shown
    unstable = None
    for si, step in enumerate(case.steps):
        for i, item in enumerate(step.items):
            for k, key in enumerate(item.flags_shown):
                if key not in flags.keys():
                    raise form.fail(
                        f"steps[{si}].items[{i}].flags_shown[{k}]",
                        f"{key!r} is not a red flag; valid: {_valid(flags.keys())}",
                    )
                shown.setdefault(key, f"steps[{si}].items[{i}] {item.key!r}")
            if item.unstable and unstable is None:
                unstable = f"steps[{si}].items[{i}] {item.key!r}"
    # a red flag that goes now (the answer's, or one a finding shows) rules out waiting for booked transport
    candidates = ([case.answer.red_flag] if case.answer.red_flag else []) + list(shown)
    now = next((key for key in candidates if flags[key].go_now), None)
    for si, step in enumerate(case.steps):
        for i, option in enumerate(step.options):
            if option.verdict == "unsafe":
                continue
            for key, where in shown.items():
                level = flags[key].urgency
                if rank[option.urgency] > rank[level]:
                    raise form.fail(
                        f"steps[{si}].options[{i}].verdict",
                        f"option {option.key!r} is {option.urgency!r}, less urgent than red flag {key!r} "
                        f"({level!r}) that {where} shows: its verdict must be 'unsafe', not {option.verdict!r}",
                    )
            _check_transport(form, f"steps[{si}].options[{i}]", option, now, unstable)
    for si, step in enumerate(case.steps):
        for i, item in enumerate(step.items):
            if item.essential and step.kind == "investigations":
                raise form.fail(f"steps[{si}].items[{i}].essential", "only history and examination items are essential")


# ---------------------------------------------------------------- loading


def lesson_keys(directory: Any) -> tuple[str, ...] | None:
    """The lesson keys of ``lessons/lessons.json`` (None when the folder has no lesson list)."""
    path = directory / "lessons" / "lessons.json"
    if not path.is_file():
        return None
    data = reader.read_json(path, "lessons/lessons.json")
    return tuple(rec.get("key") for rec in data.get("lessons", []) if isinstance(rec, dict))


def load_case_file(path: Any, course: Any, *, lessons: tuple[str, ...] | None = None, label: str | None = None) -> Case:
    """Read and check one case file against ``course`` (a Content)."""
    path = Path(path) if isinstance(path, str) else path
    label = label or f"cases/{path.name}"
    case = read_case(reader.read_json(path, label), label, course.urgency.keys())
    check_against_course(case, course, lessons, path.name.removesuffix(".json"))
    return case


def load_cases(data_dir: Any, course: Any) -> tuple[Case, ...]:
    """Every ``data_dir/cases/*.json``, in sorted file-name order; no folder, no cases."""
    folder = data_dir / "cases"
    if not folder.is_dir():
        return ()
    lessons = lesson_keys(data_dir)
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    return tuple(load_case_file(folder / name, course, lessons=lessons) for name in names)
