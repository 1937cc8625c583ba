"""Guards that keep the source article's known errors out of the lessons, and
the loader's level rules: every place that states an urgency level agrees with
its red flag (cases, quiz marks, mechanisms, the built summaries, go-now
wording, an emergency department "today", a GP or NHS 111 for a go-now flag, a
child's fever with not walking).

The lessons may *report* what the article claimed (in ``claims.json``, each
claim with its verdict), but no other text may state those errors as fact.
Tests run :func:`article_errors` over the content and the notebooks.
The link rules (a page shows the flags that belong on it) are in link_checks.py;
the go-now and destination rules (go-now wording, an emergency department
"today", a GP or NHS 111, a child's fever with not walking) are in
route_checks.py, re-exported here.
"""

from __future__ import annotations

import re

from .level_problem import LevelProblem

# the go-now and destination rules, re-exported: the loader (flag_links.py) and
# the tests read them here (test_case_safety.py reads the "today" pattern too)
from .route_checks import (
    _ED_TODAY as _ED_TODAY,
    _clause_before as _clause_before,
    child_fever_limp_problems as child_fever_limp_problems,
    ed_today_problems,
    go_now_case_gp_problems,
    go_now_gp_problems as go_now_gp_problems,
    go_now_problems as go_now_problems,
    gp_or_111_offers as gp_or_111_offers,
    says_now as says_now,
)

_NEGATION = re.compile(
    r"\b(not|no|never|nor|cannot|n't|neither|without|wrong|unsupported|overstated|claim\w*|says?|said)\b", re.I
)

# Each error: a name and a pattern that states it affirmatively.
ERRORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "inserts on the vertebrae",
        re.compile(
            r"\binsert(s|ed|ing|ion)?\b[^.]{0,40}\b(on|onto|into|at|is)\b[^.]{0,20}\b(lumbar|vertebra\w*|spine)\b", re.I
        ),
    ),
    (
        "inaccessible to treatment",
        re.compile(r"\b(inaccessible|impossible to treat|(cannot|can't|can not) be treated|untreatable)\b", re.I),
    ),
    (
        "spasm causes structural scoliosis",
        re.compile(
            r"\b(spasm|hypertoni\w*|tight\w*)\b[^.]{0,60}\b(cause\w*|produce\w*|lead\w* to|create\w*|develop\w*)\b[^.]{0,30}\bscoliosis\b",
            re.I,
        ),
    ),
    (
        "spasm causes disc herniation or sciatica",
        re.compile(
            r"\b(spasm|hypertoni\w*)\b[^.]{0,80}\b(cause\w*|push\w*|produce\w*|lead\w* to)\b[^.]{0,40}\b(herniat\w*|bulg\w*|sciatica)\b",
            re.I,
        ),
    ),
)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def article_errors(text: str) -> list[str]:
    """Sentences of ``text`` that state one of the article's errors as fact.

    A sentence that negates or attributes the claim ("does not", "the article
    says") is teaching the correction and is allowed.
    """
    found = []
    for sentence in sentences(text):
        for name, pattern in ERRORS:
            if pattern.search(sentence) and not _NEGATION.search(sentence):
                found.append(f"{name}: {sentence}")
    return found


# --- One presentation, one level, everywhere -------------------------------
#
# Every place that states or implies an urgency level must agree with the red
# flag it shows: a case's level is its flag's; a quiz item's {urgency:...} marks
# are levels of the flags it names in 'red_flags' (an escalation level only in a
# sentence that gives a condition), or the lowest level when it sets 'no_flag'
# (a presentation with no warning sign); a mechanism's level is one of its
# flags' levels, or the lowest with none; the summaries built from the data keep
# each flag under its own level. The lessons' loader refuses content that breaks
# this (lessons.load), naming the file and the key.

# {urgency:key} names a level; {urgency:key:now} its "now" wording, for a flag that goes now
_MARK = re.compile(r"\{urgency:([A-Za-z0-9_]+(?::now)?)\}")
# words that state the condition under which a flag moves up the scale
_CONDITION = re.compile(r"\b(if|when|whenever|once|unless|until|with any)\b", re.I)


def urgency_marks(text: str) -> tuple[tuple[str, str], ...]:
    """Each ``{urgency:key}`` mark in ``text`` as (level key, the sentence it is in)."""
    return tuple((m, s) for s in sentences(text) for m in _MARK.findall(s))


def _levels(flags) -> tuple[set[str], set[str]]:
    """The flags' own levels, and the levels their escalations move them to."""
    return {f.urgency for f in flags}, {f.escalation.urgency for f in flags if f.escalation is not None}


# Whether ``text`` names ``phrase`` (a flag's 'named_by' trigger); link_checks.py uses it too.
def _names(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}", text.lower()) is not None


# A sentence that names a go-now flag (by a 'named_by' phrase) beside its level's
# plain wording reads as "later today": an item that listed a same-day flag too
# passed the item-wide rule below, and told a runner with a femoral-neck stress
# fracture "Same day" (review round 27, A minor 1). Judged one sentence at a time,
# whatever flags the item lists.


def _go_now_named(course, level: str, sentence: str) -> tuple[str, str] | None:
    """The first go-now flag at ``level`` (a plain level with 'now' wording) that
    ``sentence`` names, as (flag key, phrase); None when there is none."""
    if level not in course.urgency.keys() or course.urgency[level].now is None:
        return None
    for f in course.red_flags:
        if f.go_now and f.urgency == level:
            phrase = next((p for p in f.named_by if _names(sentence, p)), None)
            if phrase is not None:
                return f.key, phrase
    return None


def _quiz_problems(course, questions, lowest: str) -> list[LevelProblem]:
    flags = course.red_flags
    found = []
    for q in questions:
        unknown = [k for k in q.flags_shown if k not in flags.keys()]
        if unknown:
            found.append(
                LevelProblem("lessons/quiz.json", q.key, f"field 'red_flags': unknown red flag {unknown[0]!r}")
            )
            continue
        shown = [flags[k] for k in q.flags_shown]
        own, up = _levels(shown)
        # a flag that goes now is named at its level's "now" wording, and only such a flag
        own = {f.urgency + (":now" if f.go_now else "") for f in shown}
        for level, sentence in q.urgency_marks:
            gone = _go_now_named(course, level, sentence)
            if gone is not None:
                why = (
                    f"states {level!r} beside {gone[1]!r}, which names red flag {gone[0]!r}: it goes now, "
                    "so write {urgency:" + level + ":now} and the place it sends to"
                )
                found.append(LevelProblem("lessons/quiz.json", q.key, f"{why}; in: {sentence!r}"))
                continue
            if level in own or (level == lowest and q.no_flag):
                continue
            if level.removesuffix(":now") in {f.urgency for f in shown} and level not in own:
                plain = level.removesuffix(":now")
                why = f"states {level!r}, but its red flags at {plain!r} " + (
                    "all go now: write {urgency:" + plain + ":now}" if level == plain else "do not go now"
                )
                found.append(LevelProblem("lessons/quiz.json", q.key, f"{why}; in: {sentence!r}"))
                continue
            if level in up and _CONDITION.search(sentence):
                continue
            if level in up:
                why = f"states {level!r}, an escalation of its red flags, without the condition that moves it there"
            elif not q.flags_shown and not q.no_flag:
                why = (
                    f"states {level!r} but names no red flag: list the flags it shows in 'red_flags', "
                    f"or set 'no_flag' for a presentation with no warning sign ({lowest!r})"
                )
            else:
                named = ", ".join(f"{k} ({flags[k].urgency})" for k in q.flags_shown) or "none"
                why = f"states {level!r}, which is neither the level nor an escalation of its red flags: {named}"
            found.append(LevelProblem("lessons/quiz.json", q.key, f"{why}; in: {sentence!r}"))
    return found


def _case_problems(course, cases, lowest: str) -> list[LevelProblem]:
    found = []
    for c in cases:
        if c.red_flag is None and c.urgency != lowest:
            found.append(LevelProblem("lessons/red_flag_cases.json", c.key, f"a case with no red flag is {lowest!r}"))
        elif c.red_flag is not None and c.urgency != course.red_flags[c.red_flag].urgency:
            flag = course.red_flags[c.red_flag]
            found.append(
                LevelProblem(
                    "lessons/red_flag_cases.json",
                    c.key,
                    f"urgency {c.urgency!r} disagrees with red flag {flag.key!r}, which is {flag.urgency!r}",
                )
            )
    return found


def _mechanism_problems(course, lowest: str) -> list[LevelProblem]:
    found = []
    for m in course.mechanisms:
        own = {course.red_flags[k].urgency for k in m.red_flags}
        if own and m.urgency not in own:
            why = f"urgency {m.urgency!r} is none of its red flags' levels: {', '.join(sorted(own))}"
            found.append(LevelProblem("mechanisms.json", m.key, why))
        if not own and m.urgency != lowest:
            why = f"urgency {m.urgency!r} with no red flag: name the flag that sets it, or it is {lowest!r}"
            found.append(LevelProblem("mechanisms.json", m.key, why))
    return found


def _summary_problems(course) -> list[LevelProblem]:
    """The summaries built from the data (lesson 04's triage summary, the start
    page's urgent signs) keep each flag under its own level."""
    from . import text  # text imports the lessons, which import this module

    found = []
    summary = {line.split("**")[1]: line for line in str(text.show_triage_summary(course)).splitlines() if "**" in line}
    # Each flag sits under its level as shown beside it: a go-now flag under the
    # level's 'now' label, never under one that says 'today' (review round 18, A M-5).
    for f in course.red_flags:
        label = course.urgency[f.urgency].for_flag(f).label
        title = text._md(f.title[0].lower() + f.title[1:])
        if title not in summary.get(text._md(label), ""):
            found.append(LevelProblem("red_flags.json", f.key, f"lesson 04's summary does not list it under {label!r}"))
    start = str(text.show_urgent_signs(content=course))
    # the short box of emergency signs heads the page; the levels are checked in the full list after it
    start = start.removeprefix(str(text.show_call_now(course)))
    labels = {lv.label for k in text.URGENT_LEVELS for lv in (course.urgency[k], course.urgency[k].now) if lv}
    heads = [(start.find(f"**{text._md(label)}**"), label) for label in labels]
    for f in course.red_flags:
        if f.urgency not in text.URGENT_LEVELS:
            continue
        label = course.urgency[f.urgency].for_flag(f).label
        at = start.find(text._md(f.in_short))
        under = max((h for h in heads if 0 <= h[0] <= at), default=(-1, None))[1] if at >= 0 else None
        if under != label:
            found.append(LevelProblem("red_flags.json", f.key, f"the start page does not list it under {label!r}"))
    return found


def _lesson_summary_problems(course, lessons) -> list[LevelProblem]:
    """A lesson's summary never names a level in words: only data states levels."""
    found = []
    for lesson in lessons:
        for level in course.urgency:
            if level.label.lower() in lesson.summary.lower():
                found.append(
                    LevelProblem("lessons/lessons.json", lesson.key, f"summary names the level {level.label!r}")
                )
    return found


def level_problems(course, data) -> list[LevelProblem]:
    """Every place where the content states a level that disagrees with its red flag."""
    lowest = tuple(course.urgency.keys())[-1]
    return [
        *_case_problems(course, data.cases, lowest),
        *_quiz_problems(course, data.questions, lowest),
        *_mechanism_problems(course, lowest),
        *_summary_problems(course),
        *_lesson_summary_problems(course, data.lessons),
        *ed_today_problems((), data.cases),
        *go_now_case_gp_problems(course.red_flags, data.cases),
    ]


def unpractised_flags(course, data) -> tuple[str, ...]:
    """Red flags that no practice case and no quiz item shows."""
    shown = {c.red_flag for c in data.cases} | {k for q in data.questions for k in q.flags_shown}
    return tuple(f.key for f in course.red_flags if f.key not in shown)
