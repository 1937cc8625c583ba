"""Guards that keep the source article's known errors out of the lessons, and
the loader's level rules: every place that states an urgency level agrees with
its red flag (cases, quiz marks, mechanisms, the built summaries, go-now
wording, an emergency department "today", a GP or NHS 111 for a go-now flag, a
child's fever with not walking).

The lessons may *report* what the article claimed (in ``claims.json``, each
claim with its verdict), but no other text may state those errors as fact.
Tests run :func:`article_errors` over the content and the notebooks.
The link rules (a page shows the flags that belong on it) are in link_checks.py.
"""

from __future__ import annotations

import re
from typing import NamedTuple

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


class LevelProblem(NamedTuple):
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


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


# --- A flag that says now is shown as going now, and only such a flag -------
#
# A level's 'now' wording (urgency.json) is shown beside a flag only when the flag
# has 'go_now'. Seven same-day flags whose destination opened "Now, not later in
# the day" lacked it, so the label beside them said plain "Same day" and the
# level's referral offered a GP slot today (review round 24, A PS-1, A M-1). The
# flag's own lead words decide: a destination that opens with now, or interim
# advice that opens with "Go now". A destination that only routes some people to
# another sign "now" (fever_back_pain) does not say the flag itself goes now.

_LEADS_NOW = re.compile(r"^(?:now|straight away|go now)\b[^.:;]*?\bnot later (?:in the day|today)\b", re.I)


def says_now(flag) -> bool:
    """Whether the flag's own destination or interim advice opens by sending the person now."""
    return any(_LEADS_NOW.match(getattr(flag, field)) for field in ("destination", "interim_advice"))


def go_now_problems(flags, now_levels) -> list[LevelProblem]:
    """Each flag at a level with 'now' wording whose lead words and 'go_now' disagree."""
    found = []
    for f in flags:
        if f.urgency not in now_levels:
            continue
        if says_now(f) and not f.go_now:
            why = (
                "field 'destination' or 'interim_advice' opens with now, not later in the day, "
                "but field 'go_now' is not true, so the label beside it would say the level's plain wording"
            )
            found.append(LevelProblem("red_flags.json", f.key, why))
        elif f.go_now and not says_now(f):
            why = (
                "field 'go_now' is true, but neither 'destination' nor 'interim_advice' opens with "
                "now, not later in the day (e.g. 'Now, not later in the day: ...' or 'Go now, not later in the day')"
            )
            found.append(LevelProblem("red_flags.json", f.key, why))
    return found


# --- A same-day sign that names an emergency department means going now ------
#
# The scale says a same-day sign that sends someone to an emergency department
# means going now, not later in the day; six flags said "an emergency department
# today", so the start page and the handout gave two timings for one sign
# (review round 23, A minor 1). An emergency department named only as the
# fallback ("if no doctor can see them today, an emergency department") is not
# offered for "today" and passes.

# "today, or an emergency department now" (a same-day clinic, or the ED at once) is fine
_ED_TODAY = re.compile(
    r"emergency department,?\s+today\b|\btoday,?\s+(?:or|at|to)\s+(?:an?\s+)?emergency department(?!,?\s+now\b)",
    re.I,
)


def ed_today_problems(flags, cases=(), level: str = "same_day") -> list[LevelProblem]:
    """Each same-day flag (destination, interim advice) or same-day practice case (reason)
    that offers an emergency department for "today" rather than now."""
    found = []
    for f in flags:
        for field in ("destination", "interim_advice"):
            hit = _ED_TODAY.search(getattr(f, field)) if f.urgency == level else None
            if hit:
                why = f"field {field!r} says {hit.group(0)!r}: an emergency department at this level means going now"
                found.append(LevelProblem("red_flags.json", f.key, why))
    for c in cases:
        hit = _ED_TODAY.search(c.reason) if c.urgency == level else None
        if hit:
            why = f"field 'reason' says {hit.group(0)!r}: an emergency department at this level means going now"
            found.append(LevelProblem("lessons/red_flag_cases.json", c.key, why))
    return found


# --- A go-now sign never sends the person to a GP appointment or to NHS 111 ---
#
# A go-now flag needs a place that can act now; cancer_bone_pain fell back on "an
# urgent same-day GP appointment or NHS 111", a slot that may be late in the day
# and cannot X-ray (review round 28, A minor 1). In a go-now flag's destination
# and interim advice, and in the reason of a practice case on such a flag, a GP
# may be named only to say not to wait for one ("not a GP appointment", "do not
# wait for a GP"), and NHS 111 only in that way or as the way to find the nearest
# open place: "NHS 111 can say which ... is nearest and open" ("NHS 111, which can
# say where to go now" also passes). Any other mention (a GP slot, "through the GP
# or NHS 111", "NHS 111 if the unit cannot be reached") is refused.

_GP_OR_111 = re.compile(r"\b(?:GPs?|general practi\w*|NHS 111|111)\b")
# the start of the clause a mention is in
_CLAUSE_START = re.compile(r"[.;:(),]")
_NEGATED = re.compile(r"\b(?:not|rather than|instead of|without)\b", re.I)
_111_FINDS_THE_PLACE = re.compile(r"NHS 111,? (?:which )?can say (?:which|where)\b")


def _clause_before(text: str, at: int) -> str:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, at)]
    return text[starts[-1] if starts else 0 : at]


def gp_or_111_offers(text: str) -> list[str]:
    """Each mention in ``text`` of a GP or NHS 111 that offers it as the place to go."""
    found = []
    for m in _GP_OR_111.finditer(text):
        if _NEGATED.search(_clause_before(text, m.start())):
            continue
        if m.group(0) == "NHS 111" and _111_FINDS_THE_PLACE.match(text, m.start()):
            continue
        found.append(text[max(0, m.start() - 40) : m.end() + 40].strip())
    return found


def go_now_gp_problems(flags) -> list[LevelProblem]:
    """Each go-now flag whose destination or interim advice offers a GP appointment
    or NHS 111 as the place to go."""
    found = []
    for f in flags:
        for field in ("destination", "interim_advice"):
            for hit in gp_or_111_offers(getattr(f, field)) if f.go_now else ():
                why = (
                    f"field {field!r} offers a GP or NHS 111 as the place to go ({hit!r}), but the flag goes now: "
                    "name a place that can act now; a GP only as 'not a GP appointment', "
                    "NHS 111 only as 'NHS 111 can say which ... is nearest and open'"
                )
                found.append(LevelProblem("red_flags.json", f.key, why))
    return found


def go_now_case_gp_problems(flags, cases) -> list[LevelProblem]:
    """Each practice case on a go-now flag whose reason offers a GP appointment or
    NHS 111 as the place to go."""
    go_now = {f.key for f in flags if f.go_now}
    found = []
    for c in cases:
        for hit in gp_or_111_offers(c.reason) if c.red_flag in go_now else ():
            why = (
                f"field 'reason' offers a GP or NHS 111 as the place to go ({hit!r}), but red flag "
                f"{c.red_flag!r} goes now: a GP only as 'not a GP appointment', "
                "NHS 111 only as 'NHS 111 can say which ... is nearest and open'"
            )
            found.append(LevelProblem("lessons/red_flag_cases.json", c.key, why))
    return found


# --- A child's fever with not walking is an emergency wherever it is named ---
#
# child_back_pain sent "a fever ... will not walk or move the back" to a same-day
# doctor in its escalation, while child_fever_limp calls the same child an
# emergency (review round 29, A PS2). A clause of a flag below the emergency
# level (its short form, signs or escalation) that names a child, a fever and not
# walking, a limp or not bearing weight must itself say emergency: the clause
# hands the child on to the emergency sign, never keeps them at a lower level.

_CLAUSE = re.compile(r"[.;()]")
_CHILD = re.compile(r"\b(child\w*|teenager\w*|boy|girl)\b", re.I)
_FEVER = re.compile(r"\b(fever\w*|high temperature)\b", re.I)
_NOT_WALKING = re.compile(
    r"\b(will not (walk|stand|put weight|bear weight)|not (walking|bearing weight|putting weight)|limp\w*)\b", re.I
)


# "even with no fever" names no fever
_NO_FEVER = re.compile(r"\b(?:no|without|nor|not have)\s+(?:a\s+)?(?:fever\w*|high temperature)", re.I)
# the clause says the level, or names the children's emergency sign it hands on to
_HANDED_ON = re.compile(r"\bemergency\b|\bfever-and-limp warning sign\b|\bemergency warning sign for children\b", re.I)


def child_fever_limp_problems(flags, top: str = "emergency") -> list[LevelProblem]:
    """Each clause below the ``top`` level that names a child's fever with not walking
    (or a limp, or not bearing weight) without saying it is an emergency."""
    found = []
    for f in flags:
        texts = [(f.urgency, "in_short", f.in_short)]
        texts += [(f.urgency, f"signs[{i}]", s) for i, s in enumerate(f.signs)]
        if f.escalation is not None:
            texts.append((f.escalation.urgency, "escalation.when", f.escalation.when))
        for level, field, text in texts:
            if level == top:
                continue
            for clause in _CLAUSE.split(text):
                if not (_FEVER.search(_NO_FEVER.sub("", clause)) and _NOT_WALKING.search(clause)):
                    continue
                if not (_CHILD.search(clause) or _CHILD.search(f.title)) or _HANDED_ON.search(clause):
                    continue
                why = (
                    f"field {field!r} names a child's fever with not walking at {level!r} ({clause.strip()!r}): "
                    "it is the fever-and-limp warning sign for children, so say so in the same clause, with "
                    "an emergency department now"
                )
                found.append(LevelProblem("red_flags.json", f.key, why))
    return found
