"""Reading a virtual-patient case file's form into its records: every field
checked as ``schemas/case.schema.json`` describes it, with errors that name the
file and the key path (``cases/x.json: steps[2].items[0].test: ...``). Split
from :mod:`.case_loader`, which checks the case against the course and loads
the files; the records are :mod:`.cases`'. Standard library only.
"""

from __future__ import annotations

import re
from typing import Any

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
from .collection import ContentError

__all__ = ["read_case"]


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
        # an examination can add nothing, or be one the case teaches not to do today
        "examination": ("essential", "unnecessary", "test", "flags_shown", "flags_checked", "unstable"),
        "investigations": ("unnecessary",),
    }
    required = ("key", "label", "finding", "minutes", "cost", "feedback") + (
        ("shows",) if kind == "investigations" else ()
    )
    rec = form.obj(raw, where, required, ("references", *optional[kind]))
    if rec.get("essential") is True and rec.get("unnecessary") is True:
        raise form.fail(f"{where}.unnecessary", "cannot be true on an essential item")
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
