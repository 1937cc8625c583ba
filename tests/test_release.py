"""Release hygiene: a citable, versioned resource (CITATION.cff, CHANGELOG, CONTRIBUTING)."""
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _cffconvert():
    # cffconvert needs jsonschema 3, so `make test` puts it in a venv of its own
    # (requirements-cffconvert.txt); a missing tool fails, it never skips.
    exe = ROOT / ".venv" / "cffconvert" / "bin" / "cffconvert"
    if not exe.exists():
        pytest.fail(f"{exe} is missing: `make test` installs it from requirements-cffconvert.txt")
    return str(exe)


def _package_version():
    return re.search(r'^version = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(), re.M).group(1)


def test_citation_file_is_valid_cff():
    done = subprocess.run([_cffconvert(), "--validate", "-i", str(ROOT / "CITATION.cff")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_citation_validation_can_fail(tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text().replace("cff-version: 1.2.0", "cff-version: 1.2.0\nauthors: 7"))
    done = subprocess.run([_cffconvert(), "--validate", "-i", str(broken)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0


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
    workflow = "\n".join(line for line in (ROOT / ".github" / "workflows" / "release.yml").read_text().splitlines()
                         if not line.lstrip().startswith("#"))
    makefile = (ROOT / "Makefile").read_text()
    used = set(re.findall(r"\bmake (\w+)", workflow))
    assert {"test", "review", "html"} <= used
    for target in used:
        assert re.search(rf"^{target}:", makefile, re.M), f"release.yml runs `make {target}`, which the Makefile lacks"
    for asset in ("review.pdf", "lessons-html", "--wheel", "CITATION.cff"):
        assert asset in workflow
