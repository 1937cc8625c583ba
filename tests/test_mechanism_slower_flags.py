"""A mechanism's page lists look-alike warning signs beside its own. When such a
sign is less urgent, as shown, than the mechanism's own level (the fever sign,
'Same day' with a same-day GP slot, under a suspected psoas abscess, whose level
is 'Same day (go now)': hospital now), the page must not offer the sign's slower
route as if it applied: its 'Where' says first that the mechanism's own level and
route apply, and gives the sign's own route only for when the mechanism is not
suspected. The rule is general: it is checked on every mechanism of the package
and on a mechanism made on purpose to have such a sign."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import text, warning_text
from iliopsoas_lessons.content.collection import Collection

pytestmark = pytest.mark.unit


def flat(output) -> str:
    s = html.unescape(re.sub(r"<[^>]+>", " ", str(output)))
    return " ".join(s.replace("*", "").split())


def _summary_items(mechanism, content) -> list[str]:
    """Lesson 02's summary of one mechanism, one flattened item per linked flag."""
    lines = str(text.show_mechanism_urgency([mechanism.key], content)).splitlines()
    return [flat(line.strip()[2:]) for line in lines if line.startswith("  - ")]


def _stepper_items(mechanism, content) -> list[str]:
    from iliopsoas_lessons.widgets.mechanisms import mechanism_html

    page = mechanism_html(mechanism, content)
    return [flat(item) for item in re.findall(r"<li>(.*?)</li>", page, flags=re.S)]


def _gaps(mechanism, content) -> list[str]:
    """Each slower own flag whose item offers its own route as if it applied."""
    gaps = []
    shown = text.mechanism_level(mechanism, content).label
    for render in (_summary_items, _stepper_items):
        items = render(mechanism, content)
        for key in mechanism.red_flags:
            flag = content.red_flags[key]
            if not text.slower_than_mechanism(mechanism, flag, content):
                continue
            item = next(
                (i for i in items if i.startswith(f"Warning sign: {flag.title} (") or i.startswith(f"{flag.title} (")),
                None,
            )
            assert item is not None, (mechanism.key, key, render.__name__)
            own_route = " ".join(flag.destination.split())
            where = item.index("Where:")
            route_at = item.index(own_route)
            said = item[where:route_at]
            if f"Where: {own_route}" in item or shown not in said or "own level and route apply" not in said:
                gaps.append(f"{mechanism.key}: {key} via {render.__name__}")
            elif "not suspected" not in said and "no " not in said:
                gaps.append(f"{mechanism.key}: {key} via {render.__name__}: own route not marked as for another case")
    return gaps


def _with_slower_flag(content):
    """The package's content with the abscess page given the fever sign (a
    same-day sign with a GP slot) if it lacks it, so the rule is always tried."""
    abscess = content.mechanisms["abscess"]
    fever = content.red_flags["fever_back_pain"]
    assert not fever.go_now and fever.urgency == abscess.urgency
    if fever.key not in abscess.red_flags:
        abscess = dataclasses.replace(abscess, red_flags=(*abscess.red_flags, fever.key))
    mechanisms = Collection("mechanism", tuple(abscess if m.key == "abscess" else m for m in content.mechanisms))
    return dataclasses.replace(content, mechanisms=mechanisms)


def test_the_abscess_page_does_not_offer_the_fever_signs_gp_slot():
    content = _with_slower_flag(il.course())
    abscess = content.mechanisms["abscess"]
    assert text.mechanism_level(abscess, content).label == il.urgency_level("same_day").now.label
    assert text.slower_than_mechanism(abscess, content.red_flags["fever_back_pain"], content)
    assert _gaps(abscess, content) == []
    item = next(i for i in _summary_items(abscess, content) if "Fever with new back, flank, hip or groin pain" in i)
    # the abscess's own route (the possible-infection sign: hospital now) is named
    assert content.red_flags["infection"].title in item


def test_no_mechanism_offers_a_slower_flags_route_as_if_it_applied():
    content = il.course()
    for mechanism in content.mechanisms:
        assert _gaps(mechanism, content) == [], mechanism.key


def test_a_flag_at_or_above_the_mechanisms_level_keeps_its_own_route():
    content = il.course()
    for mechanism in content.mechanisms:
        for when, flag, label in text.mechanism_flag_links(mechanism, content):
            real = content.red_flags[flag.key]
            if when is not None or not text.slower_than_mechanism(mechanism, real, content):
                assert flag == real and label == text.flag_level(real, content).label, (mechanism.key, flag.key)
            else:
                # only the text shown changes: level, signs, advice and escalation stay the flag's own
                assert dataclasses.replace(flag, destination=real.destination) == real


def test_the_old_display_is_caught(monkeypatch):
    """The display before the rule (each flag with its own route, as if it
    applied) fails the check above."""
    content = _with_slower_flag(il.course())

    def old(mechanism, content=None):
        content = content or il.course()
        links = [
            (None, content.red_flags[k], text.flag_level(content.red_flags[k], content).label)
            for k in mechanism.red_flags
        ]
        links += [
            (up.when, content.red_flags[up.flag], text.flag_level(content.red_flags[up.flag], content).label)
            for up in mechanism.escalates_to
        ]
        return links

    import iliopsoas_lessons.widgets.mechanisms as stepper

    monkeypatch.setattr(warning_text, "mechanism_flag_links", old)
    monkeypatch.setattr(stepper, "mechanism_flag_links", old)
    assert _gaps(content.mechanisms["abscess"], content)
