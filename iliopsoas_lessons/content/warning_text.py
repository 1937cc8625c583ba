"""The urgency scale and the warning signs as the notebooks show them: the
scale, every red flag under its level, the start page's call-now box and urgent
signs, lesson 04's triage summary, a symptom's or a body-map region's warning
signs, and how urgently each mechanism needs care.

Each ``show_*`` function returns a :class:`~iliopsoas_lessons.content.doc.Doc`
and renders the content it is given (``content``, defaulting to the package's
own), every value escaped, as the other builders in text.py do; text.py
re-exports the public names here.
"""

from __future__ import annotations

import re

from .constants import CALL_NOW_GROUPS, CALL_NOW_TRANSPORT
from .doc import Doc, _cell, _md, _refs
from .flag_levels import (
    MECHANISM_SIGNS_NOT_ALL,
    _content,
    flag_level,
    flag_steps,
    flag_steps_text,
    mechanism_flag_links,
    mechanism_level,
    slower_than_mechanism,
)
from .mechanism_text import later_sign_markdown
from .models import Content, RedFlag

__all__ = [
    "URGENT_LEVELS",
    "call_now_signs",
    "show_urgency_scale",
    "show_red_flags",
    "show_call_now",
    "show_urgent_signs",
    "show_triage_summary",
    "show_mechanism_urgency",
    "symptom_warning_signs",
    "symptom_warning_text",
    "region_warning_signs",
]


def _how_urgent(mechanism, label: str, content: Content | None = None) -> str:
    """A mechanism's level for the comparison table. Below the top of the scale a
    warning sign can still raise it; at the top nothing can, so the cell names
    the step that is left, the ambulance, from its flags' call-now signs. The
    flags' own destination comes first, so the level stands on its own and the
    shock signs read as the reason for the ambulance, not as a condition of the
    emergency (review round 41, D minor 2)."""
    content = _content(content)
    if content.urgency[mechanism.urgency].rank > 0:
        return f"{_cell(label)} (a warning sign can make it more urgent)" if mechanism.escalates_to else _cell(label)
    steps = _ambulance_steps(mechanism, content)
    if not steps:
        return _cell(label)
    where = " or ".join(_destination_openings(mechanism, content))
    said = "; ".join(([where] if where else []) + [f"for {step}" for step in steps])
    return f"{_cell(label)} ({_cell(said)})"


def _destination_openings(mechanism, content: Content) -> list[str]:
    """Where the mechanism's flags send the person, each destination cut at its
    first clause (the details after it are the flag's own, shown with the flag).
    A flag of its own that is slower than the mechanism (``slower_than_mechanism``:
    a new weak leg beside a bleed into the muscle) is left out: its route is for
    when the mechanism is not suspected, never the mechanism's own."""
    openings = []
    for flag in (content.red_flags[k] for k in mechanism.red_flags):
        if slower_than_mechanism(mechanism, flag, content):
            continue
        head = re.split(r"[,;:.(]", flag.destination, maxsplit=1)[0].strip()
        if head:
            openings.append(head[0].lower() + head[1:])
    # at the top of the scale "999 or" is the level's own advice (call the emergency
    # number or go straight to an emergency department), said once by the level
    if content.urgency[mechanism.urgency].rank == 0:
        openings = [o.removeprefix("999 or ") for o in openings]
    return list(dict.fromkeys(openings))


def _ambulance_steps(mechanism, content: Content) -> list[str]:
    """When a top-level mechanism's own flags ask for an ambulance, not a car:
    each call-now entry whose transport is the ambulance."""
    ambulance = CALL_NOW_TRANSPORT["ambulance"]
    steps = [
        f"{entry.sign}: {ambulance}"
        for flag in (content.red_flags[k] for k in mechanism.red_flags)
        for entry in flag.call_now or ()
        if entry.transport == "ambulance"
    ]
    return list(dict.fromkeys(steps))


def _level_head(level) -> str:
    return f"**{_md(level.label)}**: {_md(level.patient_advice)}"


def show_urgency_scale(content: Content | None = None) -> Doc:
    """The one urgency scale as a table: each level, what to do, and why."""
    rows = ["| Level | Referral (student clinician) | Patient's advice | Why this level |", "|---|---|---|---|"]
    for level in _content(content).urgency:
        rows.append(
            f"| **{_cell(level.label)}** | {_cell(level.referral)} | {_cell(level.patient_advice)} | "
            f"{_cell(level.meaning)}{_refs(level.references)} |"
        )
    return Doc("\n".join(rows))


def _flags_at(content: Content, level_key: str):
    return [f for f in content.red_flags if f.urgency == level_key]


def _flag_groups(content: Content, level_key: str):
    """(level as shown, flags) for one level of the scale: flags that go now
    (``go_now``) first, under the level's 'now' wording, then the rest. A list
    grouped by level shows a go-now flag under "Same day (go now)", never under a
    heading that says 'today' (review round 18, A M-5)."""
    level = content.urgency[level_key]
    groups: dict[str, tuple[object, list]] = {}
    for flag in sorted(_flags_at(content, level_key), key=lambda f: not f.go_now):
        shown = level.for_flag(flag)
        groups.setdefault(shown.label, (shown, []))[1].append(flag)
    return list(groups.values())


def _escalation(content: Content, flag) -> str:
    return "".join(f"\n  - *{_md(head)}:* {_md(text)}" for head, text in flag_steps(flag, content))


def show_red_flags(content: Content | None = None) -> Doc:
    """Every red flag under its level of the urgency scale: signs, why, and what to do."""
    content = _content(content)
    parts = []
    for scale_level in content.urgency:
        for level, flags in _flag_groups(content, scale_level.key):
            parts.append(
                f"#### {_md(level.label)}\n\n*Referral (student clinician):* {_md(level.referral)}\n\n"
                f"*Patient's advice:* {_md(level.patient_advice)}\n"
            )
            for flag in flags:
                signs = "\n".join(f"  - {_md(s)}" for s in flag.signs)
                parts.append(
                    f"- **{_md(flag.title)}**\n{signs}{_escalation(content, flag)}\n"
                    f"  - *Why:* {_md(flag.reason.text)}{_refs(flag.reason.references)}"
                )
            parts.append("")
    caveat = content.red_flag_caveat
    parts.append(f"> {_md(caveat.text)}{_refs(caveat.references)}")
    return Doc("\n".join(parts))


# Every level that sends someone to a doctor: the start page may be the only list a
# patient reads, so it leaves none out (review round 3, m7).
URGENT_LEVELS = ("emergency", "same_day", "within_days")


def call_now_signs(content: Content | None = None) -> list[tuple[str, list[str]]]:
    """(group heading, signs) for every flag at the most urgent level, in
    CALL_NOW_GROUPS order: each of a flag's 'call_now' entries (the loader requires
    one), followed by its transport when that entry says call 999 for an ambulance."""
    content = _content(content)
    top = next(iter(content.urgency)).key
    groups: dict[str, list[str]] = {label: [] for label in CALL_NOW_GROUPS.values()}
    for f in _flags_at(content, top):
        for entry in f.call_now:
            how = CALL_NOW_TRANSPORT[entry.transport]
            groups[CALL_NOW_GROUPS[entry.group]].append(f"{entry.sign} ({how})" if how else entry.sign)
    return [(head, signs) for head, signs in groups.items() if signs]


def show_call_now(content: Content | None = None) -> Doc:
    """A short box of the most urgent signs, one line per group, for the top of
    the start page's list: the full list runs to thousands of words, too long to
    scan while unwell (review round 31). A heading and a list, not colour."""
    content = _content(content)
    level = next(iter(content.urgency))
    # the box is a summary; its heading must not read as the whole list
    lines = [
        f"#### {_md(level.label)} if any one of these signs appears (the main ones: the full list below has more)",
        "",
    ]
    lines += [f"- **{_md(head)}:** {'; '.join(_md(s) for s in signs)}." for head, signs in call_now_signs(content)]
    lines += ["", f"{_md(level.patient_advice)} Every warning sign, with where to go and what to do, is listed below."]
    return Doc("\n".join(lines))


def show_urgent_signs(levels=URGENT_LEVELS, content: Content | None = None) -> Doc:
    """The warning signs at the given levels, one line each, for the start page;
    when the most urgent level is among them, the short box of its signs comes first,
    with that level's advice, which the level's heading below then does not repeat."""
    content = _content(content)
    parts = []
    said = None
    if next(iter(content.urgency)).key in levels:
        parts += [str(show_call_now(content)), ""]
        said = next(iter(content.urgency)).patient_advice
    for key in levels:
        for level, flags in _flag_groups(content, key) or [(content.urgency[key], [])]:
            # the box has just given this advice: a second copy would only push the list down the page
            head = f"**{_md(level.label)}**: what to do is said just above." if level.patient_advice == said else None
            parts.append(f"{head or _level_head(level)}\n")
            parts.extend(f"- {_md(f.in_short)}. {_md(flag_steps_text(f, content))}" for f in flags)
            parts.append("")
    parts.append(_no_sign_note(levels, content))
    return Doc("\n".join(parts).rstrip())


def _no_sign_note(levels, content: Content) -> str:
    """The least urgent level's advice, after a list that leaves that level out: it
    carries the pains that are not warning signs but still need a GP or NHS 111 soon
    (a statin, long stiffness over about 50, pregnancy), so the start page gives them
    from the one scale rather than a copy of its words."""
    lowest = list(content.urgency)[-1]
    if lowest.key in levels:
        return ""
    return (
        "*No warning sign above? Read this to the end: a few pains that are not warning signs "
        f"still should not be left to wait.* {_md(lowest.patient_advice)}"
    )


def show_triage_summary(content: Content | None = None) -> Doc:
    """One bullet per level of the scale, naming its red flags in short."""
    content = _content(content)
    lines = []
    for scale_level in content.urgency:
        for level, flags in _flag_groups(content, scale_level.key):
            what = "; ".join(
                f"{_md(f.title[0].lower() + f.title[1:])} ({_md(flag_steps_text(f, content))})" for f in flags
            )
            lines.append(f"- **{_md(level.label)}**: {what}")
    return Doc("\n".join(lines))


def symptom_warning_signs(symptom, content: Content | None = None) -> list[tuple[object, tuple[RedFlag, ...]]]:
    """(level as shown, flags) for a symptom's warning flags, most urgent level
    first, a level's go-now flags under its 'now' wording before the rest, each
    flag in red_flags.json's order. Pages show each flag's ``in_short``
    and ``flag_steps``, so the symptom's summary shows the whole sign, its
    level and what moves it up, as lesson 04 does."""
    content = _content(content)
    chosen = set(symptom.warning_flags)
    groups = []
    # a go-now flag sits under its level's 'now' wording, as on the start page:
    # "Same day" alone would read as later today
    for level in content.urgency:
        for shown, flags in _flag_groups(content, level.key):
            chosen_here = tuple(f for f in flags if f.key in chosen)
            if chosen_here:
                groups.append((shown, chosen_here))
    return groups


def symptom_warning_text(symptom, content: Content | None = None) -> str:
    """The symptom's warning signs as one plain paragraph (``at 'Level': sign
    (steps); ...``, each sign after its flag's title), for a text export and for checking that a symptom shows
    each flag whole."""
    content = _content(content)
    return " ".join(
        f"At '{level.label}': "
        + "; ".join(f"{f.title}: {f.in_short} ({flag_steps_text(f, content)})" for f in flags)
        + "."
        for level, flags in symptom_warning_signs(symptom, content)
    )


def region_warning_signs(region, content: Content | None = None) -> list[str]:
    """One plain line per flag of a body-map region (``red_flags``, the flags that
    name the region in red_flags.json's 'regions'): its title,
    its sign in short, the level as shown beside a flag, and ``flag_steps``. Shown
    wherever the region's description is, so "red flag" never stands there
    without how soon and where to go (review round 38, D PS-1/PS-2)."""
    content = _content(content)
    lines = []
    for key in region.red_flags:
        flag = content.red_flags[key]
        lines.append(
            f"{flag.title}: {flag.in_short} ({flag_level(flag, content).label}). {flag_steps_text(flag, content)}"
        )
    return lines


def show_mechanism_urgency(keys, content: Content | None = None) -> Doc:
    """How urgently each mechanism needs care, from the scale, one bullet each,
    with every linked flag's level, destination, interim advice and escalation,
    then its later signs, each marked as a follow-up (content/mechanism_text.py)."""

    content = _content(content)
    lines = []
    for k in keys:
        m = content.mechanisms[k]
        level = mechanism_level(m, content)
        lines.append(f"- **{_md(m.title)}**: {_level_head(level)}")
        for when, flag, label in mechanism_flag_links(m, content):
            lead = f"*If {_md(when)}:* see " if when else "*Warning sign:* "
            lines.append(f"  - {lead}**{_md(flag.title)}** ({_md(label)}). {_md(flag_steps_text(flag, content))}")
        lines += later_sign_markdown(m, content)
        lines.append(f"  - *{_md(MECHANISM_SIGNS_NOT_ALL)}*")
    return Doc("\n".join(lines))
