"""The loader's checks of the links between red flags and what they appear
beside: a mechanism's flags and escalations, a symptom's warning flags (named
by key, with no urgent level in its own words, and 'routine' only on a
condition), the links content/link_checks.py finds both ways, and the level
rules of content/checks.py that read a flag's own words. Each error names the
file and the key. Standard library only.
"""

from __future__ import annotations

import re

from .checks import child_fever_limp_problems, ed_today_problems, go_now_gp_problems, go_now_problems
from .exam_checks import weak_hip_flexion_row_problems
from .link_checks import (
    age_flag_problems,
    femoral_sign_bleed_problems,
    flag_rank,
    hip_flag_problems,
    look_alike_problems,
    mechanism_flag_problems,
    mechanism_rank,
    named_flag_problems,
    pregnancy_flag_problems,
    symptom_flag_problems,
)
from .models import ContentError
from .reader import _File, _known

__all__ = ["_check_mechanism_flags", "_check_flag_links"]


def _check_mechanism_flags(file: _File, mechanisms, flags, order: tuple[str, ...]) -> None:
    by_key = {f.key: f for f in flags}
    for m in mechanisms:
        _known(file, m.key, "red_flags", m.red_flags, set(by_key), "red flag")
        levels = {by_key[k].urgency for k in m.red_flags}
        if levels and m.urgency not in levels:
            raise file.fail(
                m.key, f"urgency {m.urgency!r} is none of its red flags' levels: {', '.join(sorted(levels))}"
            )
        ups = [up.flag for up in m.escalates_to]
        _known(file, m.key, "escalates_to", ups, set(by_key), "red flag")
        for key in ups:
            if key in m.red_flags:
                raise file.fail(m.key, f"field 'escalates_to': {key!r} is already one of its red_flags")
            # moving "up" to a flag no more urgent than the mechanism would teach nothing;
            # at the same level, a flag that calls an ambulance is more urgent than a page
            # whose own flags do not (link_checks.flag_rank, round 34 B PS1)
            if flag_rank(by_key[key], order) >= mechanism_rank(m, by_key, order):
                raise file.fail(
                    m.key,
                    f"field 'escalates_to': {key!r} ({by_key[key].urgency}) is not more "
                    f"urgent than the mechanism's own level ({m.urgency}), nor at that level "
                    "a call for an ambulance where the mechanism's own flags allow any transport",
                )
        _check_later_signs(file, m, set(by_key))


def _check_later_signs(file: _File, m, flag_keys: set[str]) -> None:
    """A later sign (at any level) names a known flag that the page does not
    already show as one of its own signs or as a way up the scale: the same flag
    cannot be both the route for the mechanism and a later follow-up."""
    later = [s.flag for s in m.later_signs]
    _known(file, m.key, "later_signs", later, flag_keys, "red flag")
    ups = {up.flag for up in m.escalates_to}
    for key in later:
        if key in m.red_flags:
            raise file.fail(m.key, f"field 'later_signs': {key!r} is already one of its red_flags")
        if key in ups:
            raise file.fail(m.key, f"field 'later_signs': {key!r} is already in its escalates_to")


def _check_symptom_flags(file: _File, symptoms, flag_keys: set[str], urgency) -> None:
    """A symptom names its warning signs by flag key; its 'why' names no urgent
    level, so a summary can never give a flag a narrower sign or a lower level
    than red_flags.json does (review round 8, PS-1 to PS-3)."""
    for s in symptoms:
        _known(file, s.key, "warning_flags", s.warning_flags, flag_keys, "red flag")
        text = s.why.text.lower()
        for level in urgency:
            if level.key != "routine" and (level.label.lower() in text or f"{{urgency:{level.key}}}" in text):
                raise file.fail(
                    s.key,
                    f"field 'why' names the level {level.label!r}: list the red flag in 'warning_flags' "
                    "instead, so its level and escalation come from red_flags.json",
                )
        _check_routine_is_conditional(file, s)


# A clause ends at '.' or ';': the condition must sit in the same clause as 'routine'.
_CLAUSE_END = re.compile(r"[.;]")


def _check_routine_is_conditional(file: _File, s) -> None:
    """A symptom may call something routine only on a stated condition, so that it
    never gives a lower level than a warning sign it lists (review round 11, B S1:
    'a lean is routine' beside a flag for a new change in the back's shape)."""
    fields = [("feel", s.feel.text), ("why", s.why.text)]
    fields += [(f"provoked_by[{i}]", p.text) for i, p in enumerate(s.provoked_by)]
    for name, text in fields:
        for clause in _CLAUSE_END.split(text):
            low = clause.lower()
            if "routine" in low and "unless" not in low and "only when" not in low:
                raise file.fail(
                    s.key,
                    f"field {name!r} calls something routine without a condition in the same clause "
                    f"({clause.strip()!r}): say 'routine only when no warning sign applies' or 'routine unless ...'",
                )


def _check_flag_links(
    symptom_file: _File, symptoms, exam_file: _File, nerve_or_root, red_flags, urgency, mechanisms, claims=()
) -> None:
    """The red flags a symptom or a nerve-or-root finding names exist, and every
    symptom or mechanism and flag name each other where they overlap, and a page
    showing a flag shows its look-alikes (content/link_checks.py)."""
    flag_keys = {f.key for f in red_flags}
    _check_symptom_flags(symptom_file, symptoms, flag_keys, urgency)
    linked = symptom_flag_problems(symptoms, red_flags) + mechanism_flag_problems(mechanisms, red_flags)
    linked += look_alike_problems(symptoms, mechanisms, red_flags)
    linked += femoral_sign_bleed_problems(symptoms)
    linked += hip_flag_problems(symptoms, red_flags)
    linked += pregnancy_flag_problems(symptoms, red_flags, mechanisms)
    linked += ed_today_problems(red_flags)
    linked += go_now_gp_problems(red_flags)
    linked += child_fever_limp_problems(red_flags)
    linked += go_now_problems(red_flags, {level.key for level in urgency if level.now is not None})
    linked += age_flag_problems(mechanisms, red_flags, tuple(level.key for level in urgency))
    linked += named_flag_problems(symptoms, mechanisms, claims, red_flags, tuple(level.key for level in urgency))
    if linked:
        more = f" (and {len(linked) - 1} more)" if len(linked) > 1 else ""
        raise ContentError(f"{linked[0]}{more}")
    for sign in nerve_or_root:
        for name in ("nerve_flags", "root_flags"):
            _known(exam_file, sign.key, name, getattr(sign, name), flag_keys, "red flag")
    rows = weak_hip_flexion_row_problems(nerve_or_root)
    if rows:
        more = f" (and {len(rows) - 1} more)" if len(rows) > 1 else ""
        raise ContentError(f"{rows[0]}{more}")
