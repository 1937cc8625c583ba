"""What a citation tells a learner about its source's standing: a guideline updated since it
was first published shows the update it was read with, a patient-safety investigation is not
shown as a guideline, and a date the record cannot confirm is not shown as if it were."""

from __future__ import annotations

from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import loader
from iliopsoas_lessons.content.constants import EVIDENCE_LEVELS
from iliopsoas_lessons.content.models import ContentError
from text_helpers import load_with_reference

DATA = Path(loader.__file__).resolve().parents[1] / "data"

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "key, shown",
    [
        ("NG59", "Last updated 11 December 2020."),
        ("CG95", "Last updated 30 November 2016."),
        ("NG126", "Last updated 24 November 2021."),
        ("NG104", "Last updated December 2020."),
    ],
)
def test_a_nice_guideline_shows_its_last_update_beside_its_first_year(key, shown):
    ref = il.reference(key)
    assert shown in ref.citation
    # the year stays that of first publication, after the update, and the day it was read follows it
    assert ref.citation.index(shown) < ref.citation.index(f"; {ref.year} [cited {ref.checked}].")
    assert ref.edition in ref.note


def test_ng12_shows_no_update_date_its_own_record_contradicts():
    ref = il.reference("NG12")
    assert "Updated January 2021" not in ref.citation
    assert "latest update confirmed: August 2023" in ref.citation
    # it says what was confirmed, not NICE's own 'Last updated' date, which was never read
    assert "Last updated" not in ref.citation
    assert "not ruled out" in ref.note


def test_a_safety_investigation_is_not_labelled_a_guideline():
    ref = il.reference("HSIB-TORSION")
    assert ref.evidence == "safety_investigation"
    assert ref.evidence_label == EVIDENCE_LEVELS["safety_investigation"] == "Patient-safety investigation report"
    assert "Guideline" not in ref.evidence_label


def test_the_necrotising_fasciitis_page_says_its_review_is_overdue_in_the_lessons():
    ref = il.reference("NHS-NECFASC")
    assert "review overdue when read" in ref.citation
    from iliopsoas_lessons.content.text import show_references

    for lesson in ("03_symptoms", "04_red_flags", "06_cases"):
        shown = [line for line in str(show_references(lesson)).splitlines() if "**NHS-NECFASC**" in line]
        if shown:
            assert "review overdue when read" in shown[0], lesson


def test_a_last_updated_date_must_be_a_date_and_say_where_it_was_read(tmp_path):
    with pytest.raises(ContentError, match=r"NG59: field 'edition': write 'Last updated"):
        load_with_reference(tmp_path / "a", "NG59", edition="Last updated recently")
    with pytest.raises(ContentError, match=r"NG59: field 'note': say where 'Last updated 1 May 2024' was read"):
        load_with_reference(tmp_path / "b", "NG59", edition="Last updated 1 May 2024")
    with pytest.raises(ContentError, match=r"CG95: field 'edition': the last update comes before"):
        load_with_reference(
            tmp_path / "c", "CG95", edition="Last updated May 2009", note="Last updated May 2009 was read."
        )


def test_the_overuse_page_sends_a_thigh_that_suddenly_cannot_be_lifted_to_the_avulsion_sign():
    """An adult with weeks of overuse-type groin pain who suddenly cannot lift the thigh may
    have a lesser trochanter pulled off through a tumour: the overuse page offers that sign,
    and its nerve-root weakness entry points there first."""
    overuse = il.mechanism("overuse")
    esc = {e.flag: e.when for e in overuse.escalates_to}
    assert "adult_avulsion" in esc
    assert "cannot lift the thigh" in esc["adult_avulsion"] and "tumour" in esc["adult_avulsion"]
    assert "'Sudden marked weakness lifting the thigh in an adult'" in esc["progressive_weakness"]
    order = [e.flag for e in overuse.escalates_to]
    assert order.index("adult_avulsion") < order.index("progressive_weakness")
