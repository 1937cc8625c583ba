"""Two gaps in the reference rules (round 65).

- A record whose standing (still in force, withdrawn or replaced) was never read is
  filed as 'unverified': it claims neither 'current' nor 'superseded', it is never a
  statement's only support, and its full and short citations say it was not verified.
- An authored review that is not printed as a journal article (a book chapter) still
  says why it has no PMID, as journal articles do.
"""

from __future__ import annotations

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
    with pytest.raises(il.ContentError, match=r"CONTI2022: an authored review needs a 'pmid', or a 'pmid_absent_reason'"):
        _load_changed(tmp_path, "CONTI2022", drop=("pmid_absent_reason",))


def test_every_authored_review_has_a_pmid_or_a_reason():
    for ref in il.references():
        if ref.evidence == "review" and ref.authors:
            assert ref.pmid or ref.pmid_absent_reason, ref.key
