"""The content format as JSON Schema (iliopsoas_lessons/content/schemas/).

Each content file has a schema (draft 2020-12) that an editor can check a file
against without running the package. Here: every schema is itself valid,
every shipped file validates, the schemas' fixed lists match the code's, and
the schema and the loader AGREE on broken copies: whatever the loader refuses
for its form (a missing or unknown field, a wrong type, true where a number
belongs, an empty list, an unknown level), the schema refuses too. What a
schema cannot see (keys that must exist in another file, order, checksums)
stays in code; the last test lists those checks and shows that the schema
lets each through while the loader refuses it.

``jsonschema`` is used here only; the package itself stays standard library.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import jsonschema  # pinned in the test group: a missing one fails, never skips

import iliopsoas_lessons as il
from iliopsoas_lessons import content
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content import models, review

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "iliopsoas_lessons"
DATA = PKG / "data"
SCHEMAS = PKG / "content" / "schemas"
DATA_FILES = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.json"))
# The one schema of a file the package writes rather than ships: a learner's
# results (iliopsoas_lessons/progress.py; checked in tests/test_progress.py).
RESULTS_SCHEMA = SCHEMAS / "progress" / "results.schema.json"
# One schema for every case file, data/cases/<key>.json (the folder may be empty:
# the schema is then checked on tests/data/cases/valid/ in tests/test_cases_format.py).
CASE_SCHEMA = SCHEMAS / "case.schema.json"


def schema_for(name: str) -> Path:
    """The schema of the data file ``name`` ('symptoms.json', 'lessons/quiz.json',
    'bodymap/choir_male.json')."""
    if name.startswith("bodymap/choir_"):
        name = "bodymap/choir.json"
    if name.startswith("cases/"):
        return CASE_SCHEMA
    return SCHEMAS / name.replace(".json", ".schema.json")


def _validator(name: str):
    schema = json.loads(schema_for(name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _errors(name: str, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(name).iter_errors(data)]


# ------------------------------------------------------------------ the schemas themselves


def test_every_schema_is_a_valid_draft_2020_12_schema():
    schemas = sorted(SCHEMAS.rglob("*.schema.json"))
    assert len(schemas) == 21
    for path in schemas:
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", path.name
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_content_file_has_a_schema_and_every_schema_a_file():
    assert DATA_FILES and all(schema_for(name).is_file() for name in DATA_FILES)
    used = {schema_for(name) for name in DATA_FILES}
    assert set(SCHEMAS.rglob("*.schema.json")) == used | {RESULTS_SCHEMA, CASE_SCHEMA}


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_shipped_file_validates_against_its_schema(name):
    assert _errors(name, json.loads((DATA / name).read_text(encoding="utf-8"))) == []


def _enums(node, found=None) -> dict[str, set]:
    """{property name: its enum} over a whole schema."""
    found = {} if found is None else found
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict) and "enum" in value:
                found.setdefault(key, set()).update(value["enum"])
            _enums(value, found)
    elif isinstance(node, list):
        for value in node:
            _enums(value, found)
    return found


def test_the_schemas_fixed_lists_are_the_codes():
    """A level added to urgency.json, or a view, side or evidence level added in
    the code, must be added to the schemas too: this test names the gap."""
    urgency = [level.key for level in il.urgency_levels()]
    for name in ("mechanisms.json", "red_flags.json", "lessons/red_flag_cases.json"):
        schema = json.loads(schema_for(name).read_text(encoding="utf-8"))
        assert schema["$defs"]["urgency"]["enum"] == urgency, name
    enums = {}
    for path in SCHEMAS.rglob("*.schema.json"):
        for key, values in _enums(json.loads(path.read_text(encoding="utf-8"))).items():
            enums.setdefault((path.name, key), values)
    assert enums[("references.schema.json", "evidence")] == set(models.EVIDENCE_LEVELS)
    assert enums[("regions.schema.json", "view")] == set(models.VIEWS)
    assert enums[("regions.schema.json", "side")] == set(models.REGION_SIDES)
    assert enums[("symptoms.schema.json", "diagram")] == set(models.DIAGRAMS)
    assert enums[("symptoms.schema.json", "role")] == set(models.PATTERN_ROLES)
    assert enums[("pain_map.schema.json", "side")] == set(models.SIDES)
    assert enums[("choir.schema.json", "body")] == set(models.BODIES)
    uses = json.loads(schema_for("lessons/lessons.json").read_text(encoding="utf-8"))
    pattern = uses["properties"]["lessons"]["items"]["properties"]["uses"]["items"]["pattern"]
    assert pattern.startswith(f"^({'|'.join(ld.USE_KINDS)}):")


# ------------------------------------------------------------------ loader and schema agree


def _load(directory: Path, name: str) -> None:
    """Run the loader that reads ``name`` from the data folder ``directory``."""
    if name.startswith("bodymap/"):
        from iliopsoas_lessons.figures.bodymap_geometry import load_geometry

        load_geometry(directory / "bodymap", name.split("_")[1].removesuffix(".json"))
    elif name == "review.json":
        review.last_reviewed(directory)
        review.reviewed_by(directory)
        review.rounds(directory)
    elif name.startswith("lessons/"):
        ld.load(directory / "lessons", course=content.load(directory))
    else:
        content.load(directory)


def _zone(d, zone_id):
    return next(z for v in d["views"].values() for z in v["zones"] if z["id"] == zone_id)


# (file, what is wrong, change): each a defect of FORM, which the schema must see.
BROKEN = [
    # a required field is missing
    ("symptoms.json", "missing field", lambda d: d["symptoms"][1].pop("provoked_by")),
    ("references.json", "missing field", lambda d: d["references"][0].pop("title")),
    ("lessons/quiz.json", "missing field", lambda d: d["questions"][0].pop("explanation")),
    ("red_flags.json", "missing top-level member", lambda d: d.pop("caveat")),
    ("bodymap/choir_male.json", "missing field", lambda d: _zone(d, "groin_left").pop("points")),
    # a field the format does not know
    ("muscles.json", "unknown field", lambda d: d["muscles"][0].update(colour="red")),
    ("symptoms.json", "unknown field in a fact", lambda d: d["symptoms"][0]["why"].update(source="x")),
    ("references.json", "unknown field", lambda d: d["references"][0].update(publisher="x")),
    ("lessons/red_flag_cases.json", "unknown field", lambda d: d["cases"][0].update(hint="x")),
    # a wrong type
    ("regions.json", "number for text", lambda d: d["regions"][0].update(name=5)),
    ("references.json", "text for a year", lambda d: d["references"][0].update(year="2020")),
    ("urgency.json", "null for text", lambda d: d["levels"][0].update(label=None)),
    ("examination.json", "text for a flag", lambda d: d["tests"][0].update(contested="yes")),
    ("examination.json", "missing field", lambda d: d["nerve_or_root"][0].pop("root")),
    ("care.json", "text for a flag", lambda d: d["rehabilitation"][0].update(contested="yes")),
    ("care.json", "unknown field", lambda d: d["imaging"][0].update(best="x")),
    ("red_flags.json", "text for a list", lambda d: d["red_flags"][0].update(regions="saddle")),
    ("muscles.json", "text for a list of facts", lambda d: d["muscles"][0].update(relations="beside the spine")),
    ("lessons/pain_map.json", "text for a list", lambda d: d["exercises"][0].update(choices="groin_left")),
    ("red_flags.json", "wrong escalation", lambda d: d["red_flags"][0].update(escalation="soon")),
    ("review.json", "not an ISO date", lambda d: d.update(last_reviewed="1 December 2026")),
    (
        "review.json",
        "a round signed as a clinician's",
        lambda d: d.update(
            rounds=[
                {
                    "date": "2026-12-06",
                    "scope": "all",
                    "reviewer_kind": "clinician",
                    "report": "docs/review/r.md",
                    "counts": {},
                }
            ]
        ),
    ),
    ("references.json", "an unknown status", lambda d: d["references"][0].update(status="retired")),
    ("references.json", "a note cut off mid-sentence", lambda d: d["references"][0].update(note="Chapters on")),
    (
        "guideline_trail.json",
        "a quote without its address",
        lambda d: next(e for e in d["trail"] if e["quotes"])["quotes"][0].pop("url"),
    ),
    (
        "guideline_trail.json",
        "three quotes",
        lambda d: next(e for e in d["trail"] if e["quotes"]).update(
            quotes=[next(e for e in d["trail"] if e["quotes"])["quotes"][0]] * 3
        ),
    ),
    ("claims.json", "markup in a key", lambda d: d["claims"][0].update(key="<b>x</b>")),
    ("bodymap/choir_male.json", "text for a number", lambda d: d["views"]["front"].update(midline_x="140")),
    # true or false where a number belongs
    ("mechanisms.json", "true for a grade", lambda d: d["mechanisms"][0]["grades"][0].update(grade=True)),
    ("lessons/lessons.json", "true for minutes", lambda d: d["lessons"][0].update(minutes=True)),
    ("lessons/quiz.json", "false for an answer", lambda d: d["questions"][0].update(answer=False)),
    ("references.json", "true for a year", lambda d: d["references"][0].update(year=True)),
    (
        "bodymap/choir_male.json",
        "true for a coordinate",
        lambda d: _zone(d, "groin_left")["points"][1].__setitem__(0, True),
    ),
    # a number where true or false belongs
    ("muscles.json", "0 for false", lambda d: d["muscles"][0]["actions"][0].update(disputed=0)),
    # an empty list where one item is required
    ("symptoms.json", "no reference", lambda d: d["symptoms"][0]["feel"].update(references=[])),
    ("red_flags.json", "no sign", lambda d: d["red_flags"][0].update(signs=[])),
    ("muscles.json", "no action", lambda d: d["muscles"][0].update(actions=[])),
    ("claims.json", "no verdict", lambda d: d.update(verdicts=[])),
    ("anatomy_parts.json", "no part", lambda d: d.update(parts=[])),
    ("lessons/quiz.json", "one option", lambda d: d["questions"][0].update(options=["only"])),
    ("lessons/lessons.json", "no use", lambda d: d["lessons"][0].update(uses=[])),
    ("bodymap/choir_male.json", "two points", lambda d: _zone(d, "groin_left").update(points=[[0, 0], [1, 1]])),
    # a value outside its fixed list
    ("mechanisms.json", "unknown urgency level", lambda d: d["mechanisms"][0].update(urgency="soon")),
    ("red_flags.json", "unknown urgency level", lambda d: d["red_flags"][0].update(urgency="asap")),
    (
        "red_flags.json",
        "unknown escalation level",
        lambda d: next(f for f in d["red_flags"] if f["escalation"])["escalation"].update(urgency="now"),
    ),
    ("lessons/red_flag_cases.json", "unknown urgency level", lambda d: d["cases"][0].update(urgency="later")),
    ("regions.json", "unknown view", lambda d: d["regions"][0].update(view="side")),
    ("symptoms.json", "unknown diagram", lambda d: d["symptoms"][1].update(diagram="pie")),
    ("symptoms.json", "unknown role", lambda d: d["symptoms"][0]["pattern"][0].update(role="main")),
    ("references.json", "unknown evidence level", lambda d: d["references"][0].update(evidence="blog")),
    ("lessons/pain_map.json", "unknown side", lambda d: d["exercises"][0].update(side="both")),
    ("lessons/lessons.json", "unknown kind of use", lambda d: d["lessons"][0]["uses"].append("planet:mars")),
    ("mechanisms.json", "grade 4", lambda d: d["mechanisms"][0]["grades"][0].update(grade=4)),
    ("references.json", "year 1066", lambda d: d["references"][0].update(year=1066)),
    # the rules of a reference that the schema can state
    (
        "references.json",
        "neither authors nor issuer",
        lambda d: next(r for r in d["references"] if "issuer" not in r).update(authors=[]),
    ),
    (
        "references.json",
        "no DOI, PMID, ISBN or URL",
        lambda d: [d["references"][0].pop(n, None) for n in ("doi", "pmid", "isbn", "url")],
    ),
    ("references.json", "a DOI that is not one", lambda d: d["references"][0].update(doi="doi.org/10.1/x")),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    target = tmp_path_factory.mktemp("pristine") / "data"
    shutil.copytree(DATA, target)
    return target


def _broken_copy(tmp_path, pristine, name, change):
    """A copy of the data with ``change`` made to file ``name``: (folder, the changed JSON)."""
    directory = tmp_path / "data"
    shutil.copytree(pristine, directory)
    path = directory / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return directory, data


@pytest.mark.parametrize("name, what, change", BROKEN, ids=[f"{n}: {w}" for n, w, _ in BROKEN])
def test_the_loader_and_the_schema_refuse_the_same_broken_file(tmp_path, pristine, name, what, change):
    directory, data = _broken_copy(tmp_path, pristine, name, change)
    with pytest.raises(il.ContentError) as refused:
        _load(directory, name)
    assert str(refused.value).startswith(Path(name).name) or str(refused.value).startswith(name)
    assert _errors(name, data), f"the loader refuses {what} ({refused.value}) but the schema accepts it"


def test_the_broken_examples_cover_every_kind_of_defect_and_most_files():
    files = {name for name, _, _ in BROKEN}
    assert len(files) >= 14
    whats = " ".join(what for _, what, _ in BROKEN)
    for kind in ("missing", "unknown field", "for text", "true for", "no ", "unknown urgency level"):
        assert kind in whats


# Checks the schemas cannot make, because they look into another file, at an
# order, at a checksum or at a list elsewhere in the same file. They stay in
# the loader; each example here passes its schema and is still refused.
IN_CODE_ONLY = [
    (
        "symptoms.json",
        "a region that regions.json lacks",
        lambda d: d["symptoms"][2]["pattern"].append({"region": "elbow_left", "role": "referred"}),
        "unknown region",
    ),
    (
        "symptoms.json",
        "a reference that references.json lacks",
        lambda d: d["symptoms"][0]["why"]["references"].append("NOPE"),
        "cites unknown reference 'NOPE'",
    ),
    ("symptoms.json", "the symptoms out of the article's order", lambda d: d["symptoms"].reverse(), "in this order"),
    (
        "symptoms.json",
        "a pattern drawn on the patient's right",
        lambda d: d["symptoms"][3]["pattern"][0].update(region="buttock_right"),
        "patient's left",
    ),
    ("regions.json", "the same key twice", lambda d: d["regions"].append(dict(d["regions"][0])), "duplicate key"),
    ("regions.json", "a key that is not zone_side", lambda d: d["regions"][0].update(key="lumbar_left"), "key must be"),
    (
        "claims.json",
        "a verdict not among the verdicts",
        lambda d: d["claims"][0].update(verdict="maybe"),
        "field 'verdict'",
    ),
    (
        "muscles.json",
        "an anatomy part that anatomy_parts.json lacks",
        lambda d: d["muscles"][1]["origin_parts"].append("kneecap"),
        "unknown anatomy part",
    ),
    (
        "references.json",
        "a reference nobody cites",
        lambda d: d["references"].append(
            {
                "key": "EXTRA",
                "authors": ["Nobody N"],
                "year": 2020,
                "title": "Nothing",
                "published_in": "Nowhere Press",
                "isbn": "978-0-306-40615-7",
                "evidence": "textbook",
                "status": "current",
                "checked": None,
            }
        ),
        "never cited",
    ),
    (
        "references.json",
        "a wrong ISBN checksum",
        lambda d: next(r for r in d["references"] if "isbn" in r).update(isbn="978-0-306-40615-8"),
        "valid ISBN",
    ),
    (
        "mechanisms.json",
        "a level none of its red flags has",
        lambda d: next(m for m in d["mechanisms"] if m["key"] == "haematoma").update(urgency="routine"),
        "none of its red flags' levels",
    ),
    (
        "lessons/quiz.json",
        "an answer past the last option",
        lambda d: d["questions"][0].update(answer=len(d["questions"][0]["options"])),
        "option index",
    ),
    (
        "lessons/red_flag_cases.json",
        "a level that disagrees with the case's red flag",
        lambda d: next(c for c in d["cases"] if c["red_flag"]).update(urgency="routine"),
        "disagrees",
    ),
    (
        "lessons/lessons.json",
        "a use that points at nothing",
        lambda d: d["lessons"][0]["uses"].append("muscle:biceps"),
        "field 'uses'",
    ),
    (
        "bodymap/choir_male.json",
        "a zone for a region that does not exist",
        lambda d: _zone(d, "groin_left").update(id="elbow_left"),
        "not a region",
    ),
    ("review.json", "a date that does not exist", lambda d: d.update(last_reviewed="2026-02-30"), "ISO date"),
    (
        "references.json",
        "a superseded_by key that does not exist",
        lambda d: next(r for r in d["references"] if r["key"] == "CG75").update(superseded_by="NG999"),
        "unknown reference",
    ),
    (
        "references.json",
        "a journal article with neither PMID nor reason",
        lambda d: next(r for r in d["references"] if r["key"] == "DANGARIA1998").pop("pmid"),
        "pmid_absent_reason",
    ),
    (
        "guideline_trail.json",
        "a red flag without an entry",
        lambda d: d["trail"].remove(next(e for e in d["trail"] if e["key"] == "kidney")),
        "every red flag needs",
    ),
    (
        "guideline_trail.json",
        "a quote citing an unknown reference",
        lambda d: next(e for e in d["trail"] if e["quotes"])["quotes"][0].update(reference="NOPE"),
        "unknown reference",
    ),
]


@pytest.mark.parametrize("name, what, change, message", IN_CODE_ONLY, ids=[f"{n}: {w}" for n, w, _, _ in IN_CODE_ONLY])
def test_cross_reference_checks_stay_in_code(tmp_path, pristine, name, what, change, message):
    directory, data = _broken_copy(tmp_path, pristine, name, change)
    assert _errors(name, data) == [], f"the schema now sees {what}: move it to BROKEN"
    with pytest.raises(il.ContentError, match=message):
        _load(directory, name)


# ------------------------------------------------------------------ the clinicians' guide


GUIDE = ROOT / "docs" / "content-format.md"


def test_the_guides_worked_example_loads_and_validates(tmp_path):
    """The reference and the fact in docs/content-format.md, added as the guide
    says, pass the schema and the loader; either one alone is refused."""
    import re

    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)]
    reference, fact = blocks
    alone = tmp_path / "reference-alone"
    shutil.copytree(DATA, alone)
    refs_path = alone / "references.json"
    refs = json.loads(refs_path.read_text(encoding="utf-8"))
    refs["references"].append(reference)
    refs_path.write_text(json.dumps(refs), encoding="utf-8")
    with pytest.raises(il.ContentError, match="references.json: SURNAME2024: reference is never cited"):
        content.load(alone)
    directory = tmp_path / "data"
    shutil.copytree(DATA, directory)

    def add(name, change):
        path = directory / name
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
        assert _errors(name, data) == []

    add("muscles.json", lambda d: d["muscles"][0]["relations"].append(fact))
    with pytest.raises(il.ContentError, match="muscles.json: psoas_major: cites unknown reference 'SURNAME2024'"):
        content.load(directory)
    add("references.json", lambda d: d["references"].append(reference))
    loaded = content.load(directory)
    assert "SURNAME2024" in loaded.muscles["psoas_major"].references
    assert loaded.references["SURNAME2024"].citation.startswith("Surname AB, Othername CD. The title")


def test_the_guide_names_every_content_file_and_is_linked_from_the_readme():
    guide = GUIDE.read_text(encoding="utf-8")
    for name in DATA_FILES:
        if not name.startswith("bodymap/"):
            assert f"`{Path(name).name}`" in guide, name
    assert "(docs/content-format.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("make test", "make review", 'python -c "import iliopsoas_lessons as il; il.course()"'):
        assert command in guide
