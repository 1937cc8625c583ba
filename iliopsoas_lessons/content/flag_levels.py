"""How a warning sign, a mechanism and a practice case show their level, and
what a sign asks: where to go, what to do meanwhile, and the sign that moves
it up the scale (its steps). Every page that shows a flag goes through these,
so the level and the escalation shown agree everywhere. Also the rule by which
a mechanism's page shows its flags: a flag of its own that is slower than the
mechanism is shown with the mechanism's level and route, never its own slower
route as if it applied to the mechanism.

Split from :mod:`.text`, which re-exports these names; standard library only.
"""

from __future__ import annotations

import dataclasses

from .loader import course as _package_course
from .models import Content, RedFlag

__all__ = [
    "MECHANISM_SIGNS_NOT_ALL",
    "case_level",
    "flag_level",
    "flag_steps",
    "flag_steps_text",
    "mechanism_flag_links",
    "mechanism_level",
    "slower_than_mechanism",
]


def _content(content: Content | None) -> Content:
    return _package_course() if content is None else content


def flag_level(flag: RedFlag, content: Content | None = None):
    """The flag's level as shown beside it: a flag that goes now (``go_now``) shows
    its level's 'now' wording, so the label beside it never says 'today'."""
    return _content(content).urgency[flag.urgency].for_flag(flag)


def mechanism_level(mechanism, content: Content | None = None):
    """A mechanism's level as every page shows it: its level's 'now' wording when
    any of its own red flags at that level goes now (``go_now``), as a quiz item
    naming such a flag must write ``{urgency:level:now}``. The rule is 'any', not
    'all': a mechanism's level answers "how urgently?" for the signs that define
    it, so one defining sign that cannot wait until later in the day is enough;
    'all' would leave the abscess at plain same day because of its slower
    mimics (review round 30, B PS1). Flags it only escalates to do not count."""
    content = _content(content)
    level = content.urgency[mechanism.urgency]
    own = (content.red_flags[k] for k in mechanism.red_flags)
    first_now = next((f for f in own if f.urgency == mechanism.urgency and f.go_now), None)
    return level.for_flag(first_now)


def case_level(case, content: Content | None = None):
    """A practice case's level as its answer shows it: its red flag's, 'now' wording included."""
    content = _content(content)
    flag = content.red_flags[case.red_flag] if case.red_flag else None
    return content.urgency[case.urgency].for_flag(flag)


def flag_steps(flag, content: Content | None = None) -> list[tuple[str, str]]:
    """(heading, text) for what a flag asks, in order: where to go and what
    to do meanwhile, then the sign that moves it up the scale. Every place
    that shows a flag shows these, so no page drops the escalation."""
    content = _content(content)
    steps = [("Where", flag.destination), ("Meanwhile", flag.interim_advice)]
    if flag.escalation is not None:
        up = content.urgency[flag.escalation.urgency]
        steps.append((f"{up.label} instead", f"if {flag.escalation.when}"))
    return steps


def flag_steps_text(flag, content: Content | None = None) -> str:
    """The flag's steps as one plain line (for summaries and HTML)."""
    return " ".join(f"{head}: {text.rstrip('.')}." for head, text in flag_steps(flag, content))


# Closes every mechanism's list of warning signs (lesson 02's stepper and summary):
# a page lists the signs that look like its story, not every sign, so a reader must
# not take the list as complete (review round 29, B PS1).
MECHANISM_SIGNS_NOT_ALL = (
    "This list is not complete: every other warning sign (the start page lists the urgent ones, "
    "and lesson 04 gives them all) applies here too, whatever the mechanism seems to be."
)


def mechanism_flag_links(mechanism, content: Content | None = None) -> list[tuple[str | None, RedFlag, str]]:
    """(when, flag, level label) for every flag a mechanism links: first its
    red flags (``when`` is None: the flag's own signs say when), then the
    flags it moves up to (``escalates_to``) with the sign that moves it. Each
    page that shows a mechanism shows every one of these with the flag's own
    steps (``flag_steps``), so a routine strain still names where a thigh that
    cannot be lifted goes. A red flag of its own that is slower than the
    mechanism's level as shown (``slower_than_mechanism``) comes as this page
    shows it (``_as_shown_with``): its label and its 'Where' say that the
    mechanism's level and route apply, and its own route follows, marked as
    the route for when the mechanism is not suspected. The flags it moves up
    to come most urgent first (a go-now flag before the same level's plain one)."""
    content = _content(content)
    links: list[tuple[str | None, RedFlag, str]] = []
    for key in mechanism.red_flags:
        flag = content.red_flags[key]
        if slower_than_mechanism(mechanism, flag, content):
            shown = mechanism_level(mechanism, content).label
            label = f"{flag_level(flag, content).label} on its own; {shown} with this mechanism"
            links.append((None, _as_shown_with(mechanism, flag, content), label))
        else:
            links.append((None, flag, flag_level(flag, content).label))
    # most urgent first, so a reader who stops early has met the fastest route
    ups = sorted(
        mechanism.escalates_to,
        key=lambda up: _shown_rank(content, content.red_flags[up.flag].urgency, content.red_flags[up.flag].go_now),
    )
    for up in ups:
        flag = content.red_flags[up.flag]
        links.append((up.when, flag, flag_level(flag, content).label))
    return links


def _shown_rank(content: Content, level_key: str, goes_now: bool) -> tuple[int, int]:
    """How urgent a level is as shown, for comparing: its rank on the scale, then
    its 'now' wording before its plain one (the same level, but not later today)."""
    level = content.urgency[level_key]
    return (level.rank, 0 if goes_now and level.now is not None else 1)


def _mechanism_goes_now(mechanism, content: Content) -> bool:
    own = (content.red_flags[k] for k in mechanism.red_flags)
    return any(f.urgency == mechanism.urgency and f.go_now for f in own)


def slower_than_mechanism(mechanism, flag: RedFlag, content: Content | None = None) -> bool:
    """Whether one of a mechanism's own red flags is less urgent, as shown, than
    the mechanism's own level as shown (``mechanism_level``): a lower level of
    the scale, or the same level without the 'now' wording the mechanism has.
    A page that shows such a flag under the mechanism must not offer the flag's
    slower route as if it applied to the mechanism: the fever sign's same-day
    GP slot under a suspected psoas abscess, whose level is hospital now."""
    content = _content(content)
    page = _shown_rank(content, mechanism.urgency, _mechanism_goes_now(mechanism, content))
    return _shown_rank(content, flag.urgency, flag.go_now) > page


def _defining_flags(mechanism, content: Content) -> list[RedFlag]:
    """The mechanism's own flags that set its level as shown: the first run of
    its red flags at that level (a mechanism lists its defining signs first, then
    its look-alikes), or, if none comes first, the first one at that level."""
    own = [content.red_flags[k] for k in mechanism.red_flags]
    at_level = [f for f in own if not slower_than_mechanism(mechanism, f, content) and f.urgency == mechanism.urgency]
    leading = []
    for flag in own:
        if flag not in at_level:
            break
        leading.append(flag)
    return leading or at_level[:1]


def _as_shown_with(mechanism, flag: RedFlag, content: Content) -> RedFlag:
    """A slower flag as the mechanism's page shows it: its 'Where' first says that
    the mechanism's own level and route apply, then gives the flag's own route as
    the route for when the mechanism is not suspected. Only the text shown
    changes; the flag's level, signs, advice and escalation stay its own."""
    title = mechanism.title[0].lower() + mechanism.title[1:]
    level = mechanism_level(mechanism, content).label
    route = " or ".join(f"'{f.title}'" for f in _defining_flags(mechanism, content))
    where = (
        f"For a suspected {title}, this mechanism's own level and route apply, not this sign's slower route: "
        f"{level}: go where the warning sign {route} says. This sign's own route, for when no {title} is "
        f"suspected: {flag.destination}"
    )
    return dataclasses.replace(flag, destination=where)
