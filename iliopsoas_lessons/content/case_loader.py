"""Reading a virtual-patient case file and checking it against the course.

The loader checks the form (as ``schemas/case.schema.json`` does) and what the
schema cannot see: keys unique in the case, steps, tests, levels, red flags,
lessons and references that exist, and the verdict and urgency rules. Every
error names the file and the key path, e.g. ``cases/x.json:
steps[2].items[0].test: ...; valid: ...``. The records are :mod:`.cases`';
whether every path ends is the model checker's (:mod:`.case_checker`).
Standard library only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import reader
from .cases import (
    CASE_FORMAT,
    CASE_KEY,
    COUNTERS,
    STEP_KINDS,
    TRANSPORTS,
    VERDICTS,
    _REF_KEY,
    Case,
    CaseAnswer,
    CaseItem,
    CaseMove,
    CaseOption,
    CaseRule,
    CaseStep,
)
from .case_checks import (
    check_contexts,
    check_fall_gate,
    check_flag_wording,
    check_go_now_timing,
    check_option_levels,
)
from .collection import ContentError

__all__ = ["read_case", "check_against_course", "lesson_keys", "load_case_file", "load_cases"]


# ---------------------------------------------------------------- reading the form


class _Form:
    """Reads one case file's JSON; every problem names the file and the key path."""

    def __init__(self, label: str):
        self.label = label

    def fail(self, where: str, message: str) -> ContentError:
        return ContentError(f"{self.label}: {where}: {message}" if where else f"{self.label}: {message}")

    def obj(self, value: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        missing = [n for n in required if n not in value]
        if missing:
            raise self.fail(where, f"missing field {missing[0]!r}")
        extra = sorted(set(value) - set(required) - set(optional))
        if extra:
            fields = ", ".join((*required, *optional))
            raise self.fail(f"{where}.{extra[0]}" if where else extra[0], f"unknown field; fields are: {fields}")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be non-empty text")
        return value

    def key(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not CASE_KEY.match(value):
            raise self.fail(where, f"{value!r} is not a key (a lower-case letter, then a-z, 0-9 or '_'; 64 at most)")
        return value

    def whole(self, value: Any, where: str, low: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise self.fail(where, f"must be a whole number, {low} or more, not {value!r}")
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, f"must be true or false, not {value!r}")
        return value

    def choice(self, value: Any, where: str, choices: tuple[str, ...], what: str) -> str:
        if not isinstance(value, str) or value not in choices:
            raise self.fail(where, f"{value!r} is not {what}; valid: {', '.join(choices)}")
        return value

    def refs(self, value: Any, where: str, *, at_least_one: bool = False) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and _REF_KEY.match(v) for v in value):
            raise self.fail(where, "must be a list of reference keys")
        if len(set(value)) != len(value):
            raise self.fail(where, "lists a reference twice")
        if at_least_one and not value:
            raise self.fail(where, "must cite at least one reference key")
        return tuple(value)

    def array(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        return value


def _item(form: _Form, raw: Any, where: str, kind: str) -> CaseItem:
    optional = {
        "history": ("essential", "flags_shown", "flags_checked", "unstable"),
        "examination": ("essential", "test", "flags_shown", "flags_checked", "unstable"),
        "investigations": ("unnecessary",),
    }
    required = ("key", "label", "finding", "minutes", "cost", "feedback") + (
        ("shows",) if kind == "investigations" else ()
    )
    rec = form.obj(raw, where, required, ("references", *optional[kind]))
    return CaseItem(
        key=form.key(rec["key"], f"{where}.key"),
        label=form.text(rec["label"], f"{where}.label"),
        finding=form.text(rec["finding"], f"{where}.finding"),
        feedback=form.text(rec["feedback"], f"{where}.feedback"),
        minutes=form.whole(rec["minutes"], f"{where}.minutes"),
        cost=form.whole(rec["cost"], f"{where}.cost"),
        references=form.refs(rec.get("references", []), f"{where}.references"),
        essential=form.flag(rec.get("essential", False), f"{where}.essential"),
        unnecessary=form.flag(rec.get("unnecessary", False), f"{where}.unnecessary"),
        test=form.key(rec["test"], f"{where}.test") if "test" in rec else None,
        shows=form.text(rec["shows"], f"{where}.shows") if "shows" in rec else None,
        flags_shown=tuple(
            form.key(v, f"{where}.flags_shown[{n}]")
            for n, v in enumerate(form.array(rec.get("flags_shown", []), f"{where}.flags_shown"))
        ),
        unstable=form.flag(rec.get("unstable", False), f"{where}.unstable"),
        flags_checked=tuple(
            form.key(v, f"{where}.flags_checked[{n}]")
            for n, v in enumerate(form.array(rec.get("flags_checked", []), f"{where}.flags_checked"))
        ),
    )


def _move(form: _Form, raw: Any, where: str) -> CaseMove:
    rec = form.obj(raw, where, ("key", "label", "goto", "feedback"), ("references",))
    return CaseMove(
        key=form.key(rec["key"], f"{where}.key"),
        label=form.text(rec["label"], f"{where}.label"),
        goto=form.key(rec["goto"], f"{where}.goto"),
        feedback=form.text(rec["feedback"], f"{where}.feedback"),
        references=form.refs(rec.get("references", []), f"{where}.references"),
    )


# a destination that sends the patient on their way now ("an emergency department now"),
# not one that leaves them where they are "for now"
_NOW = re.compile(r"(?<!for )\bnow\b", re.IGNORECASE)


def _option(form: _Form, raw: Any, where: str, levels: tuple[str, ...]) -> CaseOption:
    rec = form.obj(
        raw, where, ("key", "urgency", "destination", "advice", "verdict", "feedback"), ("references", "transport")
    )
    option = CaseOption(
        key=form.key(rec["key"], f"{where}.key"),
        urgency=form.choice(rec["urgency"], f"{where}.urgency", levels, "an urgency level"),
        destination=form.text(rec["destination"], f"{where}.destination"),
        advice=form.text(rec["advice"], f"{where}.advice"),
        verdict=form.choice(rec["verdict"], f"{where}.verdict", VERDICTS, "a verdict"),
        feedback=form.text(rec["feedback"], f"{where}.feedback"),
        references=form.refs(rec.get("references", []), f"{where}.references"),
        transport=form.choice(rec["transport"], f"{where}.transport", TRANSPORTS, "a transport")
        if "transport" in rec
        else None,
    )
    sends_now = option.urgency == levels[0] or _NOW.search(option.destination)
    if option.transport is None and sends_now:
        # an option that sends the patient somewhere now says how they get there
        raise form.fail(
            f"{where}.transport",
            f"option {option.key!r} sends the patient somewhere now ({option.urgency!r}: "
            f"{option.destination[:60]!r}): say how they travel, one of {', '.join(TRANSPORTS)} "
            f"(a 999 call is 'ambulance')",
        )
    return option


def _step(form: _Form, raw: Any, where: str, levels: tuple[str, ...]) -> CaseStep:
    if not isinstance(raw, dict):
        raise form.fail(where, "must be an object")
    kind = form.choice(raw.get("kind"), f"{where}.kind", STEP_KINDS, "a kind of step")
    if kind == "decision":
        rec = form.obj(raw, where, ("key", "kind", "title", "prompt", "options"))
        options = form.array(rec["options"], f"{where}.options")
        if not options:
            raise form.fail(f"{where}.options", "a decision needs at least one option")
        return CaseStep(
            key=form.key(rec["key"], f"{where}.key"),
            kind=kind,
            title=form.text(rec["title"], f"{where}.title"),
            prompt=form.text(rec["prompt"], f"{where}.prompt"),
            options=tuple(_option(form, o, f"{where}.options[{i}]", levels) for i, o in enumerate(options)),
        )
    body = ("text", "moves") if kind == "event" else ("prompt", "items", "moves")
    rec = form.obj(raw, where, ("key", "kind", "title", *body))
    items = form.array(rec.get("items", []), f"{where}.items")
    moves = form.array(rec["moves"], f"{where}.moves")
    return CaseStep(
        key=form.key(rec["key"], f"{where}.key"),
        kind=kind,
        title=form.text(rec["title"], f"{where}.title"),
        prompt=form.text(rec["prompt"], f"{where}.prompt") if "prompt" in rec else None,
        text=form.text(rec["text"], f"{where}.text") if "text" in rec else None,
        items=tuple(_item(form, it, f"{where}.items[{i}]", kind) for i, it in enumerate(items)),
        moves=tuple(_move(form, m, f"{where}.moves[{i}]") for i, m in enumerate(moves)),
    )


def _rule(form: _Form, raw: Any, where: str) -> CaseRule:
    rec = form.obj(raw, where, ("key", "when", "then"))
    when = form.obj(rec["when"], f"{where}.when", (), ("counter", "at_least", "entering", "essential_missing"))
    then = form.obj(rec["then"], f"{where}.then", ("message",), ("goto",))
    if not when:
        raise form.fail(
            f"{where}.when", "needs at least one condition: counter and at_least, entering, essential_missing"
        )
    if ("counter" in when) != ("at_least" in when):
        raise form.fail(f"{where}.when", "'counter' and 'at_least' go together")
    if "essential_missing" in when and when["essential_missing"] is not True:
        raise form.fail(f"{where}.when.essential_missing", "can only be true (leave it out otherwise)")
    return CaseRule(
        key=form.key(rec["key"], f"{where}.key"),
        message=form.text(then["message"], f"{where}.then.message"),
        counter=form.choice(when["counter"], f"{where}.when.counter", COUNTERS, "a counter")
        if "counter" in when
        else None,
        at_least=form.whole(when["at_least"], f"{where}.when.at_least", 1) if "at_least" in when else None,
        entering=form.key(when["entering"], f"{where}.when.entering") if "entering" in when else None,
        essential_missing="essential_missing" in when,
        goto=form.key(then["goto"], f"{where}.then.goto") if "goto" in then else None,
    )


_TOP = (
    "format",
    "key",
    "title",
    "lessons",
    "presenting",
    "teacher_notes",
    "references",
    "answer",
    "start",
    "steps",
    "rules",
)


def read_case(data: Any, label: str, levels: tuple[str, ...]) -> Case:
    """The form of one case (no cross-file check): a :class:`Case` or a ContentError naming ``label``."""
    form = _Form(label)
    rec = form.obj(data, "", _TOP, ("$schema",))
    if rec["format"] != CASE_FORMAT:
        raise form.fail("format", f"must be {CASE_FORMAT!r}, not {rec['format']!r}")
    answer = form.obj(rec["answer"], "answer", ("urgency", "red_flag", "why"))
    flag = answer["red_flag"]
    lessons = form.array(rec["lessons"], "lessons")
    if not lessons:
        raise form.fail("lessons", "name at least one lesson the case draws on")
    steps = form.array(rec["steps"], "steps")
    if not steps:
        raise form.fail("steps", "a case needs at least one step")
    return Case(
        key=form.key(rec["key"], "key"),
        title=form.text(rec["title"], "title"),
        lessons=tuple(form.text(v, f"lessons[{i}]") for i, v in enumerate(lessons)),
        presenting=form.text(rec["presenting"], "presenting"),
        teacher_notes=form.text(rec["teacher_notes"], "teacher_notes"),
        references=form.refs(rec["references"], "references", at_least_one=True),
        answer=CaseAnswer(
            urgency=form.choice(answer["urgency"], "answer.urgency", levels, "an urgency level"),
            red_flag=None if flag is None else form.text(flag, "answer.red_flag"),
            why=form.text(answer["why"], "answer.why"),
        ),
        start=form.key(rec["start"], "start"),
        steps=tuple(_step(form, s, f"steps[{i}]", levels) for i, s in enumerate(steps)),
        rules=tuple(_rule(form, r, f"rules[{i}]") for i, r in enumerate(form.array(rec["rules"], "rules"))),
        file=label,
    )


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
