"""Helpers shared by the rules on which warning signs a mechanism page offers."""

from __future__ import annotations

import dataclasses


def reaches(flag, mechanism) -> bool:
    """The flag can concern someone the page reaches: it names no age bands, or one of the page's."""
    return not flag.every_mechanism_for or bool(set(flag.every_mechanism_for) & set(mechanism.ages))


def without_escalation(course, mechanism_key: str, flag_key: str):
    """The course with one escalation dropped from one mechanism page."""
    page = course.mechanisms[mechanism_key]
    dropped = dataclasses.replace(page, escalates_to=tuple(up for up in page.escalates_to if up.flag != flag_key))
    assert dropped.escalates_to != page.escalates_to, (mechanism_key, flag_key)
    mechanisms = tuple(dropped if m.key == mechanism_key else m for m in course.mechanisms)
    return dataclasses.replace(course, mechanisms=type(course.mechanisms)("mechanism", mechanisms))
