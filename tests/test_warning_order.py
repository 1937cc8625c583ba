"""Where a page lists warning signs, the fastest route comes first and a sign
that goes now is never under a heading that reads as later today. A review found
the lesson 03 symptom stepper listing go-now signs (a psoas abscess, an ectopic
pregnancy) under a plain "Same day: be seen today" heading, and a page for an
impingement after a hip replacement listing two hernia signs before the go-now
sign for new pain after the operation."""

from __future__ import annotations

import html

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content.text import mechanism_flag_links, show_mechanism_urgency, symptom_warning_signs
from iliopsoas_lessons.widgets.mechanisms import mechanism_html
from iliopsoas_lessons.widgets.symptoms import warning_signs_html

pytestmark = pytest.mark.unit


def test_a_symptom_lists_go_now_signs_under_the_now_wording_only():
    course = il.course()
    met_a_go_now = False
    for symptom in course.symptoms:
        for level, flags in symptom_warning_signs(symptom, course):
            for flag in flags:
                # the group heading is the flag's own level as shown, never the plain wording of a go-now flag
                assert level.label == course.urgency[flag.urgency].for_flag(flag).label, (symptom.key, flag.key)
                met_a_go_now |= flag.go_now and course.urgency[flag.urgency].now is not None
        page = warning_signs_html(symptom, course)
        for level, flags in symptom_warning_signs(symptom, course):
            block = page.split(f"<strong>{html.escape(level.label)}</strong>", 1)[1].split("</details>", 1)[0]
            assert all(html.escape(f.title) in block for f in flags), symptom.key
    assert met_a_go_now, "no symptom lists a go-now sign, so this test checks nothing"


def _rank(course, flag):
    level = course.urgency[flag.urgency]
    return (level.rank, 0 if flag.go_now and level.now is not None else 1)


def test_a_mechanism_lists_the_signs_that_move_it_up_most_urgent_first():
    course = il.course()
    reordered = 0
    for mechanism in course.mechanisms:
        ups = [flag for when, flag, _ in mechanism_flag_links(mechanism, course) if when is not None]
        ranks = [_rank(course, f) for f in ups]
        assert ranks == sorted(ranks), mechanism.key
        declared = [_rank(course, course.red_flags[u.flag]) for u in mechanism.escalates_to]
        reordered += declared != sorted(declared)
    assert reordered, "every mechanism already declares its escalations in order, so this test checks nothing"


def test_the_impingement_page_names_new_pain_after_the_operation_before_a_slower_hernia():
    course = il.course()
    mechanism = course.mechanisms["hip_replacement_impingement"]
    first = course.red_flags["hip_replacement_complication"].title
    # a hernia that will not go back is an emergency and may come first; a new lump may not
    hernias = [course.red_flags["groin_hernia"].title]
    pages = {
        "lesson text": str(show_mechanism_urgency(["hip_replacement_impingement"], course)),
        "stepper": html.unescape(mechanism_html(mechanism, course)),
    }
    for name, page in pages.items():
        assert first in page, name
        for title in hernias:
            assert title in page, (name, title)
            assert page.index(first) < page.index(title), (name, title)


def test_the_start_page_gives_the_emergency_advice_once():
    """A review found the emergency level's advice printed twice in a row on the
    start page: once closing the short box, again as the level's heading."""
    from iliopsoas_lessons.content.text import show_urgent_signs

    course = il.course()
    top = next(iter(course.urgency))
    page = str(show_urgent_signs(content=course))
    assert page.count(top.patient_advice) == 1
    assert f"**{top.label}**" in page  # the level's heading is still there, with the list under it
    # a level the box does not cover keeps its own advice
    later = course.urgency["within_days"]
    assert f"**{later.label}**: {later.patient_advice}" in page
