"""Two gaps in the reference rules (round 65).

- A record whose standing (still in force, withdrawn or replaced) was never read is
  filed as 'unverified': it claims neither 'current' nor 'superseded', it is never a
  statement's only support, and its full and short citations say it was not verified.
- An authored review that is not printed as a journal article (a book chapter) still
  says why it has no PMID, as journal articles do.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import loader

pytestmark = pytest.mark.unit

DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"


def _load_changed(tmp_path: Path, key: str, drop: tuple[str, ...] = (), **fields):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    refs = json.loads((copy / "references.json").read_text(encoding="utf-8"))
    rec = next(r for r in refs["references"] if r["key"] == key)
    for name in drop:
        rec.pop(name, None)
    rec.update(fields)
    (copy / "references.json").write_text(json.dumps(refs), encoding="utf-8")
    return loader.load(copy)


def test_the_book_chapter_says_why_it_has_no_pmid():
    ref = il.reference("CONTI2022")
    assert not ref.is_journal_article and ref.pmid is None
    assert ref.pmid_absent_reason == "None exists: an IntechOpen book chapter, not a journal article."


def test_the_loader_refuses_an_authored_review_with_no_pmid_and_no_reason(tmp_path):
    # fails before the rule: the chapter is no journal article, so the journal rule let it pass
    with pytest.raises(
        il.ContentError, match=r"CONTI2022: an authored review needs a 'pmid', or a 'pmid_absent_reason'"
    ):
        _load_changed(tmp_path, "CONTI2022", drop=("pmid_absent_reason",))


def test_every_authored_review_has_a_pmid_or_a_reason():
    for ref in il.references():
        if ref.evidence == "review" and ref.authors:
            assert ref.pmid or ref.pmid_absent_reason, ref.key


def test_unverified_is_a_status_in_code_schema_and_docs():
    from iliopsoas_lessons.content.constants import REFERENCE_STATUSES

    assert "unverified" in REFERENCE_STATUSES
    schema = json.loads((DATA.parent / "content" / "schemas" / "references.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["references"]["items"]["properties"]["status"]["enum"] == list(REFERENCE_STATUSES)
    docs = " ".join((DATA.parents[1] / "docs" / "content-format.md").read_text(encoding="utf-8").split())
    assert "`unverified`" in docs and "not verified as still in force" in docs


def test_the_cauda_equina_standards_claim_no_standing_that_was_not_read():
    ref = il.reference("BASS-CES")
    assert ref.status == "unverified" and ref.is_unverified and not ref.is_current
    assert ref.superseded_by is None and ref.checked is None
    assert "[Not verified as still in force.]" in ref.citation and "[cited" not in ref.citation
    assert ref.short_citation.endswith("(not verified as still in force)")
    # still cited only beside the pathway the lessons follow
    reason = il.red_flag("cauda_equina").reason
    assert reason.references.index("GIRFT-CES") < reason.references.index("BASS-CES")


def test_an_unverified_source_is_never_a_statement_s_only_support():
    from iliopsoas_lessons.content import review

    refs = {r.key: r for r in il.references()}
    some = review.statements()[0]
    alone = dataclasses.replace(some, id="x", references=("BASS-CES",))
    assert review.outdated_only((alone,), refs) == ("x",)
    beside = dataclasses.replace(some, id="y", references=("GIRFT-CES", "BASS-CES"))
    assert review.outdated_only((beside,), refs) == ()


def test_an_undated_unverified_page_says_both():
    ref = dataclasses.replace(il.reference("BASS-CES"), undated=True, checked="2026-12-08", year=2026)
    assert ref.short_citation.endswith("(undated; read 2026-12-08; not verified as still in force)")
    assert ref.citation.count("[Not verified as still in force.]") == 1


def test_the_loader_refuses_an_unverified_record_naming_a_replacement_or_no_note(tmp_path):
    with pytest.raises(il.ContentError, match=r"BASS-CES: field 'superseded_by': an unverified reference claims"):
        _load_changed(tmp_path / "a", "BASS-CES", superseded_by="GIRFT-CES")
    with pytest.raises(il.ContentError, match=r"BASS-CES: status 'unverified' needs a 'note'"):
        _load_changed(tmp_path / "b", "BASS-CES", drop=("note",))
    # and a source whose standing was read may not take the status by mistake: unverified is a
    # choice only the data makes, never a default
    assert il.reference("GIRFT-CES").status == "current"
