"""Reference records that say plainly what was read and what is missing.

- An author list known to be incomplete is flagged with ``authors_incomplete`` and
  shown as "et al" in the citation; "et al" is never stored as an author's name.
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
