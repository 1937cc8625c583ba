"""Every source read at a web address shows the day it was read.

In Vancouver style an online source gives the date it was cited. Only undated pages
did ("[cited YYYY-MM-DD]"), so guidelines and patient pages that carry a year of their
own (NHS-BACK, NG253, NG234, GIRFT-CES, NG156, NG128 ...) showed no date read at all.
Now every reference with a 'url' that is not a journal article shows "[cited <checked>]"
after its date; a journal article keeps its printed form; a "Last updated" edition is kept.
"""

from __future__ import annotations

import dataclasses

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

# a record with an address that nobody has read has no date to show (its 'checked' is null)
NEVER_READ = {"BASS-CES"}


def _web_sources():
    return [ref for ref in il.references() if ref.url and not ref.is_journal_article]


def test_every_web_source_that_is_not_a_journal_article_shows_the_day_it_was_read():
    web = _web_sources()
    assert len(web) > 100
    unread = {ref.key for ref in web if not ref.checked}
    assert unread == NEVER_READ
    for ref in web:
        if ref.key in NEVER_READ:
            assert "[cited" not in ref.citation, ref.key
            continue
        assert f"[cited {ref.checked}]" in ref.citation, (ref.key, ref.citation)
        # a dated source gives its own year first, then the day it was read
        if not ref.undated:
            assert f"; {ref.year} [cited {ref.checked}]." in ref.citation, (ref.key, ref.citation)


def test_the_sources_that_set_routes_show_the_day_they_were_read():
    for key in ("NHS-BACK", "NG253", "NG234", "GIRFT-CES", "NG156", "NG118", "NG128", "NG41", "NG89"):
        ref = il.reference(key)
        assert not ref.undated and ref.url and ref.checked, key
        assert ref.citation.count("[cited ") == 1, key
        assert f"; {ref.year} [cited {ref.checked}]." in ref.citation, (key, ref.citation)


def test_a_dated_web_source_shows_the_day_read_on_any_record_not_only_in_the_data():
    # fails on a citation that dates only undated pages by the day they were read
    ref = il.reference("NHS-BACK")
    moved = dataclasses.replace(ref, checked="2026-12-08", year=2024)
    assert (
        "NHS website (nhs.uk) (read on a third-party copy at redflagsymptoms.co.uk); 2024 [cited 2026-12-08]."
        " Available from:" in moved.citation
    )
    # a record nobody has read shows no date read, and no year stands in for one
    assert "[cited" not in dataclasses.replace(ref, checked=None).citation


def test_journal_articles_keep_their_printed_form():
    articles = [ref for ref in il.references() if ref.is_journal_article]
    assert any(ref.url for ref in articles)
    for ref in articles:
        assert "[cited" not in ref.citation, (ref.key, ref.citation)
    assert "Am Fam Physician. 2025;112(4):414-423." in il.reference("AFP2025-SCFE").citation


def test_a_book_without_an_address_shows_no_day_read():
    ref = il.reference("TRAVELL1992")
    assert not ref.url and "[cited" not in ref.citation
    assert ref.citation.endswith("Baltimore: Williams & Wilkins; 1992. ISBN 0-683-08367-8.")


def test_last_updated_dates_are_kept_beside_the_day_read():
    for key, shown in (
        ("NG59", "Last updated 11 December 2020. London: NICE; 2016 [cited "),
        ("CG124", "Last updated 6 January 2023. London: NICE; 2011 [cited "),
        ("NG128", "Last updated 13 April 2022. London: NICE; 2019 [cited 2026-12-08]."),
    ):
        assert shown in il.reference(key).citation, key


def test_the_stroke_guideline_shows_its_last_update_as_read_on_nices_own_pdf():
    ref = il.reference("NG128")
    assert ref.year == 2019 and ref.edition == "Last updated 13 April 2022"
    assert "Last updated 13 April 2022" in ref.note and "scribd.com" in ref.note


def test_the_avulsion_series_of_719_cases_gives_its_volume_doi_and_pmid():
    ref = il.reference("FERRARO2023")
    assert (ref.volume, ref.issue, ref.pages) == ("43", "4", "204-210")
    assert ref.doi == "10.1097/BPO.0000000000002355" and ref.pmid == "36727766"
    assert not ref.pmid_absent_reason and not ref.url
    assert "suppr.wilddata.cn/browses/detail/pubmed/36727766" in ref.note
    assert "J Pediatr Orthop. 2023;43(4):204-210. doi:10.1097/BPO.0000000000002355. PMID: 36727766." in ref.citation


def test_the_torsion_guide_and_the_older_trigger_point_manual_say_why_their_status_stands():
    torsion = il.reference("RCS-TORSION2016")
    assert torsion.status == "current" and "'Date of Review' lines are blank" in torsion.note
    assert f"; 2016 [cited {torsion.checked}]." in torsion.citation
    travell = il.reference("TRAVELL1992")
    assert travell.status == "current"
    assert "only support of three statements" in travell.note and "Donnelly JM" in travell.note
