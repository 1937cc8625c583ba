"""What a citation shows about a source's date and standing.

- An undated web page shows no year as if the page had given one: its full
  citation gives only the day it was read ("[cited YYYY-MM-DD]"), its short
  citation (the case player's) says "undated", and its 'year' is the year it was
  read, checked at load (review round 52, C C-2).
- Every page whose note records a review date that had passed when it was read
  says "review overdue when read" in its citation, whatever words the note uses
  for the date (C C-1; BNSSG-PID's "next review date of ..." was missed).
- Where the status can only say current, withdrawn or superseded, the citation
  says the rest, in every place the source is cited: the older edition of the
  trigger-point manual, the historical Gray's, a page of a trust that has since
  merged (B C-1, A C-2).
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import re
from html import escape
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import review
from iliopsoas_lessons.content.citations import citation_html, citation_markdown
from iliopsoas_lessons.content.lessons import lesson_data, lesson_references
from iliopsoas_lessons.content.models import ContentError
from iliopsoas_lessons.content.text import show_references
from text_helpers import load_with_reference

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "iliopsoas_lessons" / "data"
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


def _records() -> list[dict]:
    return json.loads((DATA / "references.json").read_text(encoding="utf-8"))["references"]


def _without_own_words(ref, text: str) -> str:
    """The citation less the words the source gives itself (a title, a publisher,
    an edition and an address may hold a year) and the day it was read."""
    for own in (ref.title, ref.published_in, ref.edition, ref.url, ref.issuer):
        if own:
            text = text.replace(own, "")
    return re.sub(r"\[cited \d{4}-\d{2}-\d{2}\]|\(undated; read \d{4}-\d{2}-\d{2}\)", "", text)


def test_no_undated_page_shows_a_year_it_does_not_have():
    undated = [ref for ref in il.references() if ref.undated]
    assert len(undated) > 40
    for ref in undated:
        assert ref.checked, ref.key
        assert str(ref.year) == ref.checked[:4], ref.key  # the year it was read, not a date of the page
        assert f"[cited {ref.checked}]" in ref.citation, ref.key
        assert not _YEAR.search(_without_own_words(ref, ref.citation)), (ref.key, ref.citation)
        assert ref.short_citation.endswith(f"(undated; read {ref.checked})"), ref.key
        assert not _YEAR.search(_without_own_words(ref, ref.short_citation)), (ref.key, ref.short_citation)
    # the two pages that showed a year nobody had read now show the day they were read
    for key in ("NHS-HIPFRACTURE", "NHS-ECTOPIC"):
        ref = il.reference(key)
        assert "2024" not in ref.citation and "2024" not in ref.short_citation, key
        assert "; [cited 2026-12-06]." in ref.citation, key


def test_a_dated_source_keeps_its_year_in_both_citations():
    for ref in il.references():
        if ref.undated:
            continue
        assert str(ref.year) in ref.citation, ref.key
        # a status that the year alone cannot say follows it: overdue when read, or (round 65
        # A C-1) a standing never read
        suffix = r"(?: \((?:review overdue when read|not verified as still in force)\))?$"
        assert re.search(rf" {ref.year}{suffix}", ref.short_citation), ref.key
    assert il.reference("NEUMANN2010").short_citation == "Neumann 2010"
    assert il.reference("NHS-NECFASC").short_citation == "NHS England 2022 (review overdue when read)"
    assert il.reference("GGC").short_citation == "NHS Greater Glasgow and Clyde (undated; read 2026-12-07)"
    assert il.reference("BASS-CES").short_citation.endswith(" 2018 (not verified as still in force)")


def test_an_undated_page_with_another_year_than_it_was_read_is_refused(tmp_path):
    with pytest.raises(ContentError, match=r"GGC: field 'year': an undated page's year is the year it was read \(2026"):
        load_with_reference(tmp_path / "a", "GGC", year=2024)
    # a dated page may have been read years after it was published
    assert load_with_reference(tmp_path / "b", "NG59", year=2019).references["NG59"].year == 2019


# a review date in a note, however it is worded: "review due: 20 June 2025",
# "Next review due: 20 June 2025", "review due on 23 March 2025", "next review date of 26 January 2026"
_REVIEW_DATE = re.compile(
    r"(?:review due|next review(?: date)?)(?: on| of|:)?\s*'?(\d{1,2} (?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December) \d{4})",
    re.IGNORECASE,
)


def test_every_page_past_its_review_date_when_read_says_so_in_its_citation():
    overdue = []
    for record in _records():
        checked = record.get("checked")
        if not checked:
            continue
        for found in _REVIEW_DATE.finditer(record.get("note") or ""):
            due = datetime.datetime.strptime(found.group(1), "%d %B %Y").date()
            if due < datetime.date.fromisoformat(checked):
                overdue.append(record["key"])
                ref = il.reference(record["key"])
                assert "review overdue when read" in ref.citation, ref.key
                assert found.group(1) in ref.citation, ref.key
                assert ref.short_citation.endswith("(review overdue when read)"), ref.key
    assert {"BNSSG-PJI", "NHS-NECFASC", "NHS-SEPTICARTHRITIS", "HSE-DISSECTION", "BNSSG-PID"} <= set(overdue)


# what each record's status cannot say, as its citation says it
_STANDING = {
    "TRAVELL1992": "Earlier edition; a newer (3rd) edition exists and was not read for these lessons",
    "G1918": "a historical edition: far newer editions exist",
    "NWLH-SCD": "the trust has since merged, so the page may be old",
    "NHS-NECFASC": "review due 20 June 2025, review overdue when read",
}


@pytest.mark.parametrize("key", sorted(_STANDING))
def test_what_the_status_cannot_say_shows_wherever_the_source_is_cited(key):
    words = _STANDING[key]
    ref = il.reference(key)
    assert ref.is_current  # the nearest status the schema allows
    assert words in ref.citation and words in citation_html(ref).replace("&amp;", "&")
    assert escape(words, quote=False) in citation_markdown(ref)
    # every lesson that cites it lists it in full, with those words
    lessons = [lesson.key for lesson in lesson_data().lessons if key in lesson_references(lesson.key)]
    assert lessons, key
    for lesson in lessons:
        shown = [line for line in str(show_references(lesson)).splitlines() if f"**{key}**" in line]
        assert len(shown) == 1 and escape(words, quote=False) in shown[0], (key, lesson)
    # and on the review sheet: beside each statement that cites it, and in its reference list
    spec = importlib.util.spec_from_file_location("build_review", ROOT / "scripts" / "build_review.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    html = build.render_html()
    statements = [s for s in review.statements() if key in s.references]
    assert html.count(escape(words)) >= len(statements) + 1, key
