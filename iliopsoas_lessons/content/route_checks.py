"""The go-now and destination rules the loader applies to the red flags and
the practice cases: a flag that says now is marked as going now (and only such
a flag), a same-day emergency department means now, not "today", a go-now sign
never sends the person to a GP appointment or to NHS 111, and a child's fever
with not walking is an emergency wherever it is named.

checks.py re-exports these rules beside the other level rules; the loader
applies them through flag_links.py and checks.level_problems.
"""

from __future__ import annotations

import re

from .level_problem import LevelProblem


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
