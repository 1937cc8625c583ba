"""The quiz's questions as the lessons' loader reads them from
``lessons/quiz.json``: each option with its feedback and misconception, the
answer checked against the options, and every ``{urgency:key}`` mark filled in
with that level's label from ``urgency.json``, so no quiz text can name a level
the scale does not have. :mod:`.lessons` assembles them into its lesson data
and re-exports :class:`Option` and :class:`Question`. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from .checks import urgency_marks
from .reader import _Bad, _choice, _File, _list, _text, _whole
from .reader import _keys as _records_keys

__all__ = ["Option", "Question", "level_labels", "read_questions"]


@dataclass(frozen=True)
class Option:
    """One answer to a question and what a learner reads on choosing it.

    ``feedback`` explains this option (why it is right, or why not);
    ``misconception`` (wrong options only) names the mistaken idea that
    choosing it suggests, for reports of the commonest wrong answers."""

    text: str
    feedback: str
    misconception: str | None = None


@dataclass(frozen=True)
class Question:
    key: str
    lesson: str
    prompt: str
    options: tuple[Option, ...]
    answer: int  # index into ``options`` as stored; learners see them shuffled
    explanation: str
    references: tuple[str, ...]
    # The red flags the item shows ('red_flags' in quiz.json, optional), and
    # whether it also names the level of a presentation with no warning sign
    # ('no_flag'): every {urgency:...} mark must be one of their levels
    # (checks.level_problems). Not named 'red_flags' here, so that the review
    # sheet keeps filing each flag under the lesson that teaches it.
    flags_shown: tuple[str, ...] = ()
    no_flag: bool = False
    # Set by the loader from the stored text: (level key, sentence) per mark.
    urgency_marks: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # raw marks: not learner text

    @property
    def texts(self) -> tuple[str, ...]:
        """The options' texts, in stored order."""
        return tuple(o.text for o in self.options)

    @property
    def correct_option(self) -> str:
        return self.options[self.answer].text

    @property
    def option_feedback(self) -> tuple[str, ...]:
        """Each option with its feedback (and misconception): what a clinician
        reviewing the question checks beside its explanation."""
        return tuple(
            f"{o.text} \u2192 {o.feedback}" + (f" [misconception: {o.misconception}]" if o.misconception else "")
            for o in self.options
        )


_LEVEL_MARK = re.compile(r"\{urgency:([^{}]*)\}")


def level_labels(urgency) -> dict[str, str]:
    """Each level's label by key, and its 'now' label (``{urgency:same_day:now}``) where it has one:
    the wording shown beside a flag that goes now, so a quiz names its level as the flag shows it."""
    labels = {u.key: u.label for u in urgency}
    labels.update({f"{u.key}:now": u.now.label for u in urgency if u.now is not None})
    return labels


def _leveled(levels: dict[str, str]):
    """Text in which ``{urgency:key}`` (or ``{urgency:key:now}``) becomes that level's label, quoted."""

    def convert(value: Any) -> str:
        def label(match: re.Match) -> str:
            if match.group(1) not in levels:
                raise _Bad(f"names unknown urgency level {match.group(1)!r}; choose one of: {', '.join(levels)}")
            return f"\u201c{levels[match.group(1)]}\u201d"

        return _LEVEL_MARK.sub(label, _text(value))

    return convert


def _options(text):
    """At least two options, each {text, feedback[, misconception]}, no text twice."""

    def convert(value: Any) -> tuple[Option, ...]:
        if len(_list(value, "list of at least two options")) < 2:
            raise _Bad("must be a list of at least two options")
        out = []
        for i, o in enumerate(value):
            if not isinstance(o, dict):
                raise _Bad(f"option {i} must be an object with 'text' and 'feedback'")
            unknown = sorted(set(o) - {"text", "feedback", "misconception"})
            missing = [f for f in ("text", "feedback") if f not in o]
            if unknown or missing:
                raise _Bad(
                    f"option {i}: "
                    + (f"unknown field {unknown[0]!r}" if unknown else f"missing {missing[0]!r}")
                    + "; fields are: text, feedback, misconception"
                )
            try:
                out.append(
                    Option(
                        text(o["text"]),
                        text(o["feedback"]),
                        None if o.get("misconception") is None else _text(o["misconception"]),
                    )
                )
            except _Bad as exc:
                raise _Bad(f"option {i}: {exc}") from None
        if len({o.text for o in out}) != len(out):
            raise _Bad("lists the same text twice")
        return tuple(out)

    return convert


def _check_answer(file: _File, k: str, q: Question) -> None:
    """``answer`` indexes an option; the key names no misconception, every wrong option one."""
    try:
        _whole(q.answer, 0, len(q.options) - 1)
    except _Bad:
        raise file.fail(k, f"field 'answer': must be an option index 0-{len(q.options) - 1}") from None
    for i, o in enumerate(q.options):
        if i == q.answer and o.misconception is not None:
            raise file.fail(k, f"field 'options': option {i} is the answer, so it names no misconception")
        if i != q.answer and o.misconception is None:
            raise file.fail(k, f"field 'options': option {i} is wrong, so it needs a 'misconception'")


def read_questions(file: _File, lesson_keys, refs, levels: dict[str, str]) -> tuple[Question, ...]:
    """Every question of ``file`` (lessons/quiz.json), its texts with their levels filled in."""
    text = _leveled(levels)
    questions = []
    for k, r in file.records("questions"):
        flag_fields = {n: r[n] for n in ("red_flags", "no_flag") if n in r}
        r = {n: v for n, v in r.items() if n not in flag_fields}
        q = file.build(
            Question,
            k,
            r,
            {
                "lesson": _choice(lesson_keys),
                "prompt": text,
                "options": _options(text),
                "explanation": text,
                "answer": lambda v: v,
                "references": refs,
            },
            optional=("flags_shown", "no_flag", "urgency_marks"),
        )
        _check_answer(file, k, q)
        questions.append(replace(q, **_flag_fields(file, k, r, flag_fields)))
    return tuple(questions)


def _flag_fields(file: _File, k: str, raw: dict, flag_fields: dict) -> dict:
    """'red_flags' (keys) and 'no_flag' (true or false) as given, and the
    {urgency:...} marks of the raw texts with their sentences."""
    no_flag = flag_fields.get("no_flag", False)
    if not isinstance(no_flag, bool):
        raise file.fail(k, "field 'no_flag': must be true or false")
    try:
        red_flags = _records_keys(flag_fields.get("red_flags", []))
    except _Bad as exc:
        raise file.fail(k, f"field 'red_flags': {exc}") from None
    texts = [raw.get("prompt"), raw.get("explanation")]
    texts += [o.get("feedback") for o in raw.get("options", []) if isinstance(o, dict)]
    marks = tuple(m for t in texts if isinstance(t, str) for m in urgency_marks(t))
    return {"flags_shown": red_flags, "no_flag": no_flag, "urgency_marks": marks}
