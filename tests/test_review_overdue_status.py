"""A source past its own review date, or called in need of updating by its issuer,
is filed as 'review_overdue', never 'current' (round 63 C C-1, C-2).

It still stands, so it may be a statement's only support, but wherever it is
cited in full or in short its citation says "review overdue when read".
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import review
from iliopsoas_lessons.content.citations import citation_markdown
from iliopsoas_lessons.content.models import REFERENCE_STATUSES, ContentError
from iliopsoas_lessons.content.text import show_references
from text_helpers import load_with_reference

DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"
_OWN_WORDS = re.compile(r"review overdue|needs? updating", re.IGNORECASE)
_REVIEW_DATE = re.compile(
    r"(?:review due|next review(?: date)?)(?: on| of|:)?\s*'?(\d{1,2} (?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December) \d{4})",
    re.IGNORECASE,
)
OVERDUE = {
    "COAKLEY2006",
    "NHS-MENINGITIS",
    "NHS-NECFASC",
    "NHS-SEPTICARTHRITIS",
    "HSE-DISSECTION",
    "BNSSG-PJI",
    "BNSSG-PID",
}


def _records() -> list[dict]:
    return json.loads((DATA / "references.json").read_text(encoding="utf-8"))["references"]


def _says_overdue(record: dict) -> bool:
    """Its own text says so, or its note gives a review date already past on the day it was read."""
    own = " ".join(record.get(f) or "" for f in ("published_in", "edition"))
    if _OWN_WORDS.search(own):
        return True
    checked = record.get("checked")
    if not checked:
        return False
    return any(
        datetime.datetime.strptime(m.group(1), "%d %B %Y").date() < datetime.date.fromisoformat(checked)
        for m in _REVIEW_DATE.finditer(record.get("note") or "")
    )


def test_review_overdue_is_a_status():
    assert "review_overdue" in REFERENCE_STATUSES
    schema = json.loads((DATA.parent / "content" / "schemas" / "references.schema.json").read_text(encoding="utf-8"))
    status = schema["properties"]["references"]["items"]["properties"]["status"]
    assert status["enum"] == list(REFERENCE_STATUSES)


def test_a_record_whose_own_text_says_its_review_is_overdue_is_not_current():
    found = {r["key"] for r in _records() if _says_overdue(r)}
    assert OVERDUE <= found
    for record in _records():
        if record["key"] in found:
            assert record["status"] == "review_overdue", record["key"]


def test_the_loader_refuses_a_current_record_that_says_its_review_is_overdue(tmp_path):
    with pytest.raises(ContentError, match=r"NHS-NECFASC: status 'current': its own text says its review is overdue"):
        load_with_reference(tmp_path / "a", "NHS-NECFASC", status="current")
    with pytest.raises(ContentError, match=r"COAKLEY2006: status 'current': .*needs updating"):
        load_with_reference(tmp_path / "b", "COAKLEY2006", status="current")
    with pytest.raises(ContentError, match=r"NHS-NECFASC: field 'superseded_by': a review_overdue reference is not"):
        load_with_reference(tmp_path / "c", "NHS-NECFASC", superseded_by="NHS-SEPTICARTHRITIS")


@pytest.mark.parametrize("key", sorted(OVERDUE))
def test_a_review_overdue_source_says_so_wherever_it_is_shown(key):
    ref = il.reference(key)
    assert ref.status == "review_overdue" and ref.is_review_overdue
    assert ref.is_current  # it still stands: the issuer's live advice
    assert "review overdue when read" in ref.citation.lower()
    assert "review overdue when read" in citation_markdown(ref).lower()
    assert ref.short_citation.endswith("(review overdue when read)")


def test_the_dated_guideline_says_it_is_overdue_though_its_own_words_do_not():
    ref = il.reference("COAKLEY2006")
    assert "review overdue when read" not in ref.published_in
    assert "[Review overdue when read.]" in ref.citation
    assert ref.short_citation == "Coakley et al. 2006 (review overdue when read)"


def test_a_review_overdue_source_may_be_the_only_support_of_a_statement():
    refs = {r.key: r for r in il.references()}
    some = review.statements()[0]
    alone = dataclasses.replace(some, id="x", references=("NHS-MENINGITIS",))
    assert review.outdated_only((alone,), refs) == ()
    # a superseded source alone still is not enough
    lapsed = dataclasses.replace(some, id="y", references=("CG75",))
    assert review.outdated_only((lapsed,), refs) == ("y",)


def test_the_lessons_reference_lists_show_the_status():
    seen = 0
    for lesson in ("03_symptoms", "04_red_flags", "06_cases"):
        for line in str(show_references(lesson)).splitlines():
            key = re.match(r"- \*\*([^*]+)\*\*", line)
            if key and key.group(1) in OVERDUE:
                seen += 1
                assert "review overdue when read" in line.lower(), (lesson, line)
    assert seen


def test_the_spine_referral_page_is_dated_from_its_own_record():
    ref = il.reference("LOTHIAN-SPINE")
    assert not ref.undated and ref.year == 2025 and ref.edition == "Last updated 13 June 2025"
    assert "2025" in ref.short_citation and "undated" not in ref.short_citation


def test_no_aggregator_link_where_the_issuer_s_record_was_read():
    assert "ouci.dntb.gov.ua" not in (il.reference("SERNER2018").url or "")
