"""Reference records that say plainly what was read and what is missing.

- An author list known to be incomplete is flagged with ``authors_incomplete`` and
  shown as "et al" in the citation; "et al" is never stored as an author's name.
- A lapsed NHS Choices page is shown as superseded by the current source beside it.
- An older edition of a textbook says so in its citation.
- A journal review whose authors were not read is cited as a journal article that says
  so, not under its publisher as if it were a society guideline.
- An article read only ahead of print says so, and what is missing.
- Authors and a year that no page showed are called unconfirmed in the record.
- A maintainer's note is one statement, not a log of repeated searches.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons import content as records

DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"
SCHEMA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "content" / "schemas" / "references.schema.json"
RAW = json.loads((DATA / "references.json").read_text(encoding="utf-8"))["references"]


def _edit(directory: Path, key: str, change) -> None:
    path = directory / "references.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    (entry,) = [r for r in data["references"] if r["key"] == key]
    change(entry)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# ------------------------------------------------------------------ incomplete author lists


def test_no_record_stores_et_al_as_an_author():
    for rec in RAW:
        for name in rec.get("authors", []):
            assert name.rstrip(".").lower() != "et al", rec["key"]


def test_an_incomplete_author_list_is_flagged_and_cited_with_et_al():
    ueno = il.reference("UENO2018")
    assert ueno.citation.startswith("Ueno T, et al. Risk factors")
    flagged = [r["key"] for r in RAW if r.get("authors_incomplete")]
    assert "UENO2018" in flagged and len(flagged) >= 10
    for key in flagged:
        assert re.search(r", et al[.;]", il.reference(key).citation), key
    # a complete list carries no "et al"
    assert "et al" not in il.reference("CHEN2020").citation


@pytest.mark.parametrize("name", ["et al", "et al.", "Et al"])
def test_the_loader_refuses_et_al_as_a_name(data_copy, name):
    _edit(data_copy, "UENO2018", lambda e: (e.pop("authors_incomplete"), e.update(authors=["Ueno T", name])))
    with pytest.raises(il.ContentError, match=r"UENO2018: field 'authors': 'et al' is not a name"):
        records.load(data_copy)


def test_the_loader_refuses_a_flag_without_names_or_not_true_or_false(data_copy):
    _edit(data_copy, "UENO2018", lambda e: e.update(authors_incomplete="yes"))
    with pytest.raises(il.ContentError, match=r"UENO2018: field 'authors_incomplete': must be true or false"):
        records.load(data_copy)
    _edit(data_copy, "GGC", lambda e: e.update(authors_incomplete=True))
    _edit(data_copy, "UENO2018", lambda e: e.update(authors_incomplete=True))
    with pytest.raises(il.ContentError, match=r"GGC: field 'authors_incomplete': there are no names"):
        records.load(data_copy)


def test_the_schema_refuses_et_al_as_a_name_and_accepts_the_flag():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = json.loads((DATA / "references.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    ueno = next(r for r in data["references"] if r["key"] == "UENO2018")
    ueno["authors"].append("et al")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    ueno["authors"].pop()
    ueno["authors"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# ------------------------------------------------------------------ standing and citation text


def test_the_lapsed_nhs_pad_page_is_superseded_by_the_nidirect_page():
    old, new = il.reference("NHS-PAD"), il.reference("NIDIRECT-PAD")
    assert old.status == "superseded" and old.superseded_by == "NIDIRECT-PAD" and old.checked == "2026-12-07"
    assert "archived" in old.citation and "since replaced" in old.citation
    assert old.note.startswith("Patient information, not a guideline. A lapsed page, so marked superseded")
    assert new.is_current and new.checked == "2026-12-07"
    assert "do not heal" in new.note and "pale or blue" in new.note


def test_the_older_edition_of_the_trigger_point_manual_says_so():
    ref = il.reference("TRAVELL1992")
    assert ref.edition.startswith("Earlier edition") and "3rd" in ref.edition
    assert "Earlier edition; a newer (3rd) edition exists and was not read" in ref.citation
    assert "The 3rd edition was not read" in ref.note


def test_the_scfe_review_is_cited_as_a_journal_article_whose_authors_were_not_read():
    ref = il.reference("AFP2025-SCFE")
    assert ref.evidence == "review" and ref.is_journal_article
    assert ref.issuer and "Academy" not in ref.issuer and "authors not read" in ref.issuer
    assert "Am Fam Physician. 2025;112(4):414-423." in ref.citation
    assert ref.pmid_absent_reason and "The authors were not read" in ref.note
    assert ref.checked == "2026-12-07"


def test_the_pji_worked_case_says_it_was_read_ahead_of_print_and_what_is_missing():
    ref = il.reference("CHEN2020")
    assert ref.authors == ("Chen AF", "Riedel S") and ref.pmid == "32991385"
    assert "ahead of print" in ref.citation and "not read" in ref.citation
    assert "Still missing: the volume, issue, pages and DOI" in ref.note


def test_the_avulsion_series_says_its_authors_and_year_are_unconfirmed():
    ref = il.reference("ROSSI2001")
    assert "Not confirmed: the authors' names and the year" in ref.note
    assert "checked date covers the title, journal, PMID and abstract only" in ref.note


# ------------------------------------------------------------------ notes are statements, not logs

TIDIED = (
    "SERNER2018",
    "HOLMICH2007",
    "ROSSI2001",
    "UENO2018",
    "BULLER2021",
    "TUFO2012",
    "MALLICK2004",
    "KHAN2002",
    "JOHNSTON1998",
    "CHEN2020",
    "AFP2025-SCFE",
)
_LOG = re.compile(r"\bRound \d+|[Ss]earched (?:again|once more)|[Tt]ried (?:again|once more)|later that day")


@pytest.mark.parametrize("key", TIDIED)
def test_a_note_says_once_what_was_read_and_what_is_missing(key):
    ref = il.reference(key)
    for text in (ref.note or "", ref.pmid_absent_reason or ""):
        assert not _LOG.search(text), (key, _LOG.search(text).group())
    assert len(ref.note or "") + len(ref.pmid_absent_reason or "") < 2000, key
