"""Case checks that read the story: a case whose text meets a risky context must consider
every warning sign that context brings (clinical review round 27, C PS1).

The abscess case of a woman who injects into her groin named the false aneurysm, the
iliofemoral clot and the bleed, but never the necrotising infection that injecting there
also causes, an emergency one step above the case's answer. A flag counts as considered
when it is the answer's flag, or a history or examination item lists it in 'flags_shown'
(the finding reveals its sign) or 'flags_checked' (the item looks for its sign and may
find it absent). Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .cases import Case
from .collection import ContentError

__all__ = [
    "CONTEXTS",
    "Context",
    "check_contexts",
    "check_fall_gate",
    "check_flag_wording",
    "check_go_now_timing",
    "check_option_levels",
]


@dataclass(frozen=True)
class Context:
    key: str
    pattern: re.Pattern[str]  # matched, case-blind, on the story and every finding
    flags: tuple[str, ...]  # red flags every case meeting the context must consider
    why: str


CONTEXTS = (
    Context(
        key="injecting_into_the_groin",
        # 'injects ... into her right groin', 'injected into the groin', 'groin injecting'
        pattern=re.compile(r"\binject\w*\b[^.;]{0,60}\bgroin\b|\bgroin\s+inject", re.IGNORECASE),
        flags=("infection", "necrotising_infection", "groin_pseudoaneurysm", "iliofemoral_dvt", "bleeding"),
        why="injecting into the groin can cause each of these",
    ),
    # review round 33, C PS1: the hip-fracture sign needs no fall over about 65 or with weak bones,
    # so a story of an older person (the story's 'Name, 66,') or weak bone must look for it
    Context(
        key="older_person_with_hip_or_groin_pain",
        pattern=re.compile(r"(?s),\s*(?:6[5-9]|[7-9]\d|1[01]\d)\s*,(?=.*\b(?:hip|groin)\b)"),
        flags=("hip_fracture_after_fall",),
        why="over about 65, hip or groin pain on standing, walking or bearing weight is the fracture sign, fall or not",
    ),
    Context(
        key="weak_bones_with_hip_or_groin_pain",
        pattern=re.compile(r"(?s)\b(?:osteoporo\w*|long-term steroids?)\b(?=.*\b(?:hip|groin)\b)", re.IGNORECASE),
        flags=("hip_fracture_after_fall",),
        why="with weak bones, hip or groin pain on standing, walking or bearing weight is the fracture sign, fall or not",
    ),
)


def _texts(case: Case):
    yield "presenting", case.presenting
    for si, step in enumerate(case.steps):
        if step.text:
            yield f"steps[{si}].text", step.text
        for i, item in enumerate(step.items):
            yield f"steps[{si}].items[{i}].finding", item.finding


def _considered(case: Case) -> set[str]:
    found = {case.answer.red_flag} - {None}
    for item in case.items:
        found.update(item.flags_shown, item.flags_checked)
    return found


def check_contexts(case: Case, course: Any, contexts: tuple[Context, ...] = CONTEXTS) -> None:
    """Raise ContentError naming the file and where the context is met, if a flag it brings is
    not considered; and if any item's 'flags_checked' names no red flag."""
    flags = course.red_flags.keys()
    for si, step in enumerate(case.steps):
        for i, item in enumerate(step.items):
            for k, key in enumerate(item.flags_checked):
                if key not in flags:
                    raise ContentError(
                        f"{case.file}: steps[{si}].items[{i}].flags_checked[{k}]: {key!r} is not a red flag; "
                        f"valid: {', '.join(flags)}"
                    )
    considered = _considered(case)
    for context in contexts:
        where = next((w for w, text in _texts(case) if context.pattern.search(text)), None)
        if where is None:
            continue
        missing = [f for f in context.flags if f not in considered]
        if missing:
            raise ContentError(
                f"{case.file}: {where}: meets {context.key!r} ({context.why}), but no item considers red "
                f"flag(s) {', '.join(missing)}: list each in an item's 'flags_checked' (looked for) or "
                f"'flags_shown' (found)"
            )


# --- review round 32, C S1 and M1 -------------------------------------------------------------

# words that narrow a warning sign to its most severe form
_SEVERE = re.compile(r"\b(severe|intense|excruciating|agoni[sz]ing|unbearable|worst)\b", re.IGNORECASE)
# how a flag (and a sentence) says that any severity counts
_ANY_SEVERITY = re.compile(r"any severity|however (?:mild|severe|bad)|mild or moderate", re.IGNORECASE)


def _all_texts(case: Case):
    """Every sentence a learner or teacher reads in the case, with where it is."""
    yield "presenting", case.presenting
    yield "teacher_notes", case.teacher_notes
    yield "answer.why", case.answer.why
    for si, step in enumerate(case.steps):
        for name in ("prompt", "text"):
            if getattr(step, name):
                yield f"steps[{si}].{name}", getattr(step, name)
        for kind, things, fields in (
            ("items", step.items, ("label", "finding", "feedback")),
            ("moves", step.moves, ("label", "feedback")),
            ("options", step.options, ("destination", "advice", "feedback")),
        ):
            for i, thing in enumerate(things):
                for name in fields:
                    yield f"steps[{si}].{kind}[{i}].{name}", getattr(thing, name)
    for ri, rule in enumerate(case.rules):
        yield f"rules[{ri}].then.message", rule.message


def _names(flag) -> list[re.Pattern[str]]:
    # the flag's own names, and its key read as words ('testicular torsion'); a space may be a hyphen
    words = [*getattr(flag, "named_by", ()), flag.key.replace("_", " ")]
    return [re.compile(r"\b" + r"[\s-]+".join(map(re.escape, w.split())) + r"\b", re.IGNORECASE) for w in words]


def check_flag_wording(case: Case, course: Any) -> None:
    """Raise ContentError if a sentence that names a red flag whose signs count any severity
    (the twisted testicle: 'of any severity') narrows it with a severity word ('severe') and
    does not say that any severity counts. The dancer case taught 'a sudden, severe pain' as
    the torsion sign, narrower than the flag (review round 32, C S1)."""
    for flag in (course.red_flags[k] for k in course.red_flags.keys()):
        if not any(_ANY_SEVERITY.search(t) for t in (flag.in_short, *flag.signs)):
            continue
        names = _names(flag)
        for where, text in _all_texts(case):
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if not any(n.search(sentence) for n in names):
                    continue
                word = _SEVERE.search(sentence)
                if word and not _ANY_SEVERITY.search(sentence):
                    raise ContentError(
                        f"{case.file}: {where}: names red flag {flag.key!r} but narrows it with "
                        f"{word.group(0)!r}, while the flag counts any severity; say so, as the flag "
                        f"does: {flag.in_short}"
                    )


def check_option_levels(case: Case) -> None:
    """Raise ContentError if two decision options with the same destination text carry different
    levels: the student sheet prints the level beside each, so one action would show under two
    levels (review round 32, C M1)."""
    seen: dict[str, tuple[str, str]] = {}
    for si, step in enumerate(case.steps):
        for i, option in enumerate(step.options):
            text = " ".join(option.destination.split()).casefold()
            where = f"steps[{si}].options[{i}]"
            if text in seen and seen[text][1] != option.urgency:
                first, level = seen[text]
                raise ContentError(
                    f"{case.file}: {where}.urgency: {option.urgency!r}, but {first} has the same destination "
                    f"at {level!r}; one destination, one level in a case"
                )
            seen.setdefault(text, (f"{where} ({option.key})", option.urgency))


# --- review round 33, C PS1 --------------------------------------------------------------------

# a sentence that says the person did not fall ...
_NO_FALL = re.compile(r"\b(?:did not|didn't|never|without) fall(?:ing)?\b|\bno fall\b", re.IGNORECASE)
# ... and that a fracture (or the fall sign) is therefore not in play
_NOT_FRACTURE = re.compile(
    r"\bnot (?:a |the |an? )?(?:[\w-]+[\s-]+){0,4}(?:fracture|break|fall sign)|\bno (?:hip )?fracture\b|"
    r"\bfracture\b[^.]{0,40}\b(?:ruled out|excluded|unlikely)\b",
    re.IGNORECASE,
)
# how a sentence says a fall is not needed for the sign
_FALL_NOT_NEEDED = re.compile(
    r"fall is not needed|not need(?:ed)? a fall|needs no fall|with or without a fall|fall or no fall|"
    r"whether or not (?:she|he|they) fell|even with no fall|no fall is needed",
    re.IGNORECASE,
)


def check_fall_gate(case: Case) -> None:
    """Raise ContentError if a sentence dismisses a fracture because the person did not fall and
    does not say that a fall is not needed: the hip-fracture sign counts with no fall over about
    65 or with weak bones. The hip-replacement case said 'She did not fall ... so this is not the
    hip-fracture-after-a-fall sign' of a 66-year-old (review round 33, C PS1)."""
    for where, text in _all_texts(case):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if _NO_FALL.search(sentence) and _NOT_FRACTURE.search(sentence) and not _FALL_NOT_NEEDED.search(sentence):
                raise ContentError(
                    f"{case.file}: {where}: rules a fracture out because there was no fall ({sentence.strip()!r}); "
                    f"a fall is not needed for 'hip_fracture_after_fall' over about 65 or with weak bones: "
                    f"judge it by pain on standing, walking or bearing weight"
                )


# --- review round 36, C M3 ---------------------------------------------------------------------

# a sentence that sets a time for going, sending, seeing or testing as 'today' or 'the same day'
_DAY_TIMING = re.compile(
    r"\b(?:go(?:es|ing)?|send(?:s)?|sent|hospital|x-rays?|scans?|done|seen|referred|excluded|ruled out)\b"
    r"[^.;:]{0,40}?\b(?:today(?!')|(?:the )?same[\s-]day)\b",
    re.IGNORECASE,
)
_NOW = re.compile(r"\bnow\b", re.IGNORECASE)


def _go_now_texts(case: Case, course: Any):
    """(where, text, flag) for every text that speaks for a flag that goes now: every text of a case
    whose answer's flag goes now, and an item's texts where the item looks for or shows such a flag.
    Unsafe and over-urgent options' destinations and advice are the wrong answers on purpose."""
    flags = course.red_flags
    answer = case.answer.red_flag
    whole = answer if answer is not None and flags[answer].go_now else None
    item_flags = {}
    for si, step in enumerate(case.steps):
        for i, item in enumerate(step.items):
            now = [f for f in (*item.flags_checked, *item.flags_shown) if f in flags.keys() and flags[f].go_now]
            if now:
                item_flags[f"steps[{si}].items[{i}]."] = now[0]
        for i, option in enumerate(step.options):
            if option.verdict not in ("best", "acceptable"):
                item_flags[f"steps[{si}].options[{i}].destination"] = None
                item_flags[f"steps[{si}].options[{i}].advice"] = None
    for where, text in _all_texts(case):
        if where in item_flags and item_flags[where] is None:
            continue
        flag = next((f for w, f in item_flags.items() if f and where.startswith(w)), whole)
        if flag is not None:
            yield where, text, flag


def check_go_now_timing(case: Case, course: Any) -> None:
    """Raise ContentError if a sentence that speaks for a flag that goes now ('go_now': now, not
    later in the day) sets the time as 'today' or 'the same day' and does not say 'now'. The
    psoas-abscess, avulsion and dancer cases taught 'hospital today' and 'an X-ray the same day' for
    such flags, a weaker time than their level (review round 36, C M3)."""
    for where, text, flag in _go_now_texts(case, course):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            timing = _DAY_TIMING.search(sentence)
            if timing and not _NOW.search(sentence):
                raise ContentError(
                    f"{case.file}: {where}: says {timing.group(0)!r} for red flag {flag!r}, which goes now, "
                    f"not later in the day; say 'now' ({sentence.strip()!r})"
                )
