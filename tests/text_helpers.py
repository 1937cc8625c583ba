"""Readers shared by the tests of lesson texts: every string in a data file with
where it sits, a lesson's summary, the guide's answer on the sprinter's
avulsion, and the content loaded with one reference record edited. Not a test
module."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from iliopsoas_lessons.content import loader

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "iliopsoas_lessons" / "data"


def strings_in(node, where=""):
    """Every string in a JSON value, with where it sits (``.steps[0].label``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings_in(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from strings_in(value, f"{where}[{i}]")
    elif isinstance(node, str):
        yield where, node


def lesson_summary(notebook: str) -> str:
    """The markdown of a lesson's '## Summary' cell, whitespace folded."""
    nb = json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    summary = next(
        "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## Summary")
    )
    return " ".join(summary.split())


def guide_lesson_02_answer() -> str:
    """The instructor guide's answer on the 14-year-old sprinter's pop, whitespace folded."""
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    start = guide.index("A 14-year-old sprinter feels a pop")
    return " ".join(guide[start : guide.index("\n- ", start)].split())


def load_with_reference(tmp_path: Path, key: str, **fields):
    """The content loaded from a copy of the data with reference ``key``'s fields updated."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    refs = json.loads((copy / "references.json").read_text(encoding="utf-8"))
    rec = next(r for r in refs["references"] if r["key"] == key)
    rec.update(fields)
    (copy / "references.json").write_text(json.dumps(refs), encoding="utf-8")
    return loader.load(copy)
