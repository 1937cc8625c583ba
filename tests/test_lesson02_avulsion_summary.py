"""Lesson 02's summary sent an adult whose thigh suddenly cannot be lifted to an
emergency department or any urgent treatment centre that can X-ray, on a par, and
did not say to go now. It now splits by age as the two avulsion warning signs do:
the adult goes to an emergency department now (X-rays of the hip and whole femur,
an orthopaedic assessment), with an urgent treatment centre only when no emergency
department can be reached and only on the flag's conditions; the teenager goes
now to an emergency department or a centre that X-rays and treats their age. The
prose names each sign by title and leaves the level to lesson 04."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_injury_mechanisms.ipynb"


def _summary() -> str:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    return next(c for c in cells if c.startswith("## Summary"))


def _bullet(summary: str, start: str) -> str:
    lines = summary.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith(start))
    out = [lines[i]]
    for line in lines[i + 1 :]:
        if line.startswith("- ") or line.startswith("  - "):
            break
        out.append(line)
    return " ".join(" ".join(out).split())


def test_the_summary_splits_the_thigh_that_cannot_be_lifted_by_age():
    summary = _summary()
    head = _bullet(summary, "- A thigh that suddenly cannot be lifted")
    assert "goes now, not later in the day" in head
    teen = _bullet(summary, "  - a teenager or young adult")
    adult = _bullet(summary, "  - an adult")
    assert il.red_flag("adolescent_avulsion").title.split(" (")[0] in teen
    assert il.red_flag("adult_avulsion").title.split(" (")[0] in adult
    assert "urgent treatment centre that can X-ray and treat someone of their age" in teen
    assert "pelvis and both hips" in teen
    for words in ("an emergency department, for X-rays of the hip and the whole thigh bone", "orthopaedic assessment"):
        assert words in adult, words
    assert "only for when no emergency department can be reached" in adult
    assert "speak to the on-call orthopaedic team" in adult
    # the adult's route offers no centre on a par with the emergency department
    assert "an emergency department, or an urgent treatment centre" not in adult


def test_the_adult_route_in_the_summary_is_the_flags_route():
    dest = il.red_flag("adult_avulsion").destination
    assert dest.startswith(
        "Now, not later in the day: an emergency department, for an X-ray of the hip and whole femur"
    )
    assert "only for when no emergency department can be reached" in dest
    teen = il.red_flag("adolescent_avulsion").destination
    assert "urgent treatment centre that can X-ray and treat someone of their age" in teen
