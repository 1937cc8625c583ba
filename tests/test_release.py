"""Release hygiene: a citable, versioned resource (CITATION.cff, CHANGELOG, CONTRIBUTING)."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


# The Citation File Format's own JSON Schema, version 1.2.0, shipped beside the
# tests (tests/data/README.md says where it comes from): validated offline with
# the jsonschema the lessons' environment already pins.
CFF_SCHEMA = ROOT / "tests" / "data" / "cff-1.2.0.schema.json"


class _CffLoader(yaml.SafeLoader):
    """YAML as the CFF schema reads it: a date such as 2026-01-31 stays a string,
    and a key given twice is an error (plain YAML loaders keep the last one)."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise yaml.constructor.ConstructorError(None, None, f"{', '.join(twice)}: given twice", node.start_mark)
        return super().construct_mapping(node, deep=deep)


_CffLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def cff_problems(path: Path) -> list[str]:
    """Each way the file breaks the CFF 1.2.0 schema, with the key it is at."""
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_CffLoader)  # a SafeLoader
    except yaml.YAMLError as error:
        return [f"{path.name}: {error}"]
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(data)]


def _package_version():
    return re.search(r'^version = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(), re.M).group(1)


def test_the_shipped_schema_is_cff_1_2_0():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    jsonschema.Draft7Validator.check_schema(schema)


def test_citation_file_is_valid_cff():
    assert cff_problems(ROOT / "CITATION.cff") == []


def test_citation_validation_can_fail(tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text(
        (ROOT / "CITATION.cff").read_text().replace("cff-version: 1.2.0", "cff-version: 1.2.0\nauthors: 7")
    )
    problems = cff_problems(broken)
    assert len(problems) == 1 and "authors: given twice" in problems[0], problems
    broken.write_text((ROOT / "CITATION.cff").read_text().replace("authors:", "authors: 7\nold-authors:"))
    assert "authors: 7 is not of type 'array'" in cff_problems(broken)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("date-released: 31 January 2026", "date-released"),
        ("cff-version: 1.2.0", "cff-version"),
        ("doi: not-a-doi", "doi"),
    ],
)
def test_a_wrong_value_is_named_by_its_key(tmp_path, line, key):
    broken = tmp_path / "CITATION.cff"
    text = (ROOT / "CITATION.cff").read_text()
    if key == "cff-version":
        text = text.replace(line, "cff-version: 1.1.0")
    else:
        text += line + "\n"
    broken.write_text(text)
    problems = cff_problems(broken)
    assert problems and all(p.startswith(f"{key}:") for p in problems), problems


def test_citation_version_is_the_package_version():
    cff = (ROOT / "CITATION.cff").read_text()
    assert re.search(r'^version: "?([^"\n]+)"?$', cff, re.M).group(1) == _package_version()


def test_changelog_has_an_unreleased_section_and_the_current_version():
    version = _package_version()
    headings = re.findall(r"^## (.+)$", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert headings[0] == "Unreleased"
    assert any(h.split()[0] == version for h in headings[1:])


def test_contributing_says_how_a_clinician_proposes_a_change_with_sources():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    for needed in ("make review", "DOI or PMID", "evidence level", "data/urgency.json"):
        assert needed in text


def test_release_workflow_builds_with_targets_that_exist():
    workflow = "\n".join(
        line
        for line in (ROOT / ".github" / "workflows" / "release.yml").read_text().splitlines()
        if not line.lstrip().startswith("#")
    )
    makefile = (ROOT / "Makefile").read_text()
    used = set(re.findall(r"\bmake (\w+)", workflow))
    assert {"test", "review", "html"} <= used
    for target in used:
        assert re.search(rf"^{target}:", makefile, re.M), f"release.yml runs `make {target}`, which the Makefile lacks"
    for asset in ("review.pdf", "lessons-html", "--wheel", "CITATION.cff"):
        assert asset in workflow
