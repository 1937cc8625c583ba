"""How a mechanism's page shows its later signs (``Mechanism.later_signs``).

A later sign is a warning sign to watch for after the mechanism's own care, at
the flag's own level, which may be slower than the mechanism's: a bleed into
the muscle is an emergency, and a lump left by it that has not shrunk within
some weeks is the slower lump sign. Every page that lists a mechanism's flags
(lesson 02's stepper and its state tables, the site and the handouts built from
them, lesson 02's summary list and the review sheet) shows each later sign with
its own level, its ``when`` and words that say it is a later follow-up, never
the route for the mechanism itself: "Within 48 hours" must not stand as the
haematoma's route.

Standard library only, like the rest of :mod:`iliopsoas_lessons.content`.
"""

from __future__ import annotations

import html

from .models import Content, RedFlag
from .flag_levels import flag_level, flag_steps_text, mechanism_level

__all__ = [
    "later_sign_lead",
    "later_sign_label",
    "later_sign_links",
    "later_signs_heading",
    "later_sign_lines",
    "later_sign_markdown",
]


def _lower(title: str) -> str:
    return title[0].lower() + title[1:]


def later_sign_lead(when: str) -> str:
    """The words before a later sign's flag: when it applies, and that it comes later."""
    return f"Later, once this has been dealt with, if {when}"


def later_sign_label(mechanism, flag: RedFlag, content: Content) -> str:
    """The level shown beside a later sign: the flag's own, marked as a later
    follow-up and set apart from the mechanism's own level and route."""
    own = flag_level(flag, content).label
    page = mechanism_level(mechanism, content).label
    return f"{own}, as a later follow-up only: not the route for a suspected {_lower(mechanism.title)}, which is {page}"


def later_sign_links(mechanism, content: Content) -> list[tuple[str, RedFlag, str]]:
    """(when, flag, label) for each later sign, in the mechanism's order."""
    return [
        (s.when, content.red_flags[s.flag], later_sign_label(mechanism, content.red_flags[s.flag], content))
        for s in mechanism.later_signs
    ]


def later_signs_heading(mechanism, content: Content) -> str:
    """The heading over a page's later signs, in plain text."""
    page = mechanism_level(mechanism, content).label
    return (
        f"Later signs to watch for once this has been dealt with (each at its own level; none of them is "
        f"the route for a suspected {_lower(mechanism.title)}, which is {page})"
    )


def later_sign_lines(mechanism, content: Content) -> list[str]:
    """One plain line per later sign: lead, title, level as shown, and the flag's steps."""
    return [
        f"{later_sign_lead(when)}: see {flag.title} ({label}). {flag_steps_text(flag, content)}"
        for when, flag, label in later_sign_links(mechanism, content)
    ]


def later_sign_markdown(mechanism, content: Content) -> list[str]:
    """Lesson 02's summary lines for the later signs (Markdown, content escaped),
    each indented as an item of the mechanism's bullet."""
    e = html.escape
    lines = []
    if mechanism.later_signs:
        lines.append(f"  - *{e(later_signs_heading(mechanism, content), quote=False)}:*")
    for when, flag, label in later_sign_links(mechanism, content):
        lead = e(later_sign_lead(when), quote=False)
        steps = e(flag_steps_text(flag, content), quote=False)
        lines.append(f"  - *{lead}:* see **{e(flag.title, quote=False)}** ({e(label, quote=False)}). {steps}")
    return lines
