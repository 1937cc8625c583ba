"""Ludloff's sign (seated, the heel cannot be lifted off the floor) is known only from small
case reports, and how often it is missing after a lesser-trochanter avulsion has never been
measured. So no text may state that an avulsion always gives it ("the person cannot lift the
heel"), and no text may use a negative sign (a heel that can be lifted) to rule an avulsion out
or to admit an adult to routine care.

A sentence that names the sign is allowed when it hedges ("often", "may", "points to"), or when
it routes a positive sign ("if ... cannot lift the heel", "is first a lesser trochanter", "needs an
X-ray"). Condition texts (an escalation's 'when', a case item's question) are conditions by
design and are not statements about how often the sign is present.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "iliopsoas_lessons" / "data"
GUIDE = ROOT / "docs" / "instructor_guide.md"
NOTEBOOKS = ROOT / "notebooks"

# Fields whose text is a condition ("when this happens"), not a statement of fact.
CONDITION_FIELDS = {"when", "label"}

POSITIVE = re.compile(
    r"cannot lift (?:the|her|his|their) (?:right |left )?heel|heel cannot be lifted|"
    r"heels? that cannot be lifted|heel stays on the floor|fail(?:s|ing)? to lift the heel",
    re.IGNORECASE,
)
NEGATIVE = re.compile(
    r"Ludloff's sign is negative|negative Ludloff|negative sign|(?<!not )(?<!not be )(?<!not being )\bable to "
    r"lift the heel|\bcan (?:still )?lift the heel|heel (?:that )?can be lifted",
    re.IGNORECASE,
)
HEDGE = re.compile(r"\b(?:often|usually|may|might|can|could|points? to|less likely|not always|does not rule)\b")
ROUTE = re.compile(
    r"\bif\b|\bthink of\b|\bis first\b|\bis not graded\b|\bneeds an X-ray\b|\bis not a minor strain\b|"
    r"\bis (?:the|an|a) [\w' -]*warning sign\b",
    re.IGNORECASE,
)
RULE_OUT_DENIED = re.compile(r"\bdoes not rule\b|\bdo not rule\b|\bcannot rule\b|\brules? little out\b")


def _sentences(text: str) -> list[str]:
    flat = " ".join(text.replace("&#x27;", "'").split())
    return [s for s in re.split(r"(?<=[.;])\s+(?=[A-Z])", flat) if s]


def _strings(node, field: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, key)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, field)
    elif isinstance(node, str):
        yield field, node


def _texts() -> list[tuple[str, str]]:
    """(where, text) for every statement a learner or teacher reads."""
    found = []
    for path in sorted(DATA.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for field, text in _strings(data):
            if field not in CONDITION_FIELDS:
                found.append((f"{path.relative_to(DATA)}:{field}", text))
    found.append(("docs/instructor_guide.md", GUIDE.read_text(encoding="utf-8")))
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for number, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                found.append((f"{path.name} cell {number}", "".join(cell["source"])))
    return found


def overstatements(text: str) -> list[str]:
    """Sentences stating the sign as invariable, or a negative sign as ruling an avulsion out."""
    bad = []
    for sentence in _sentences(text):
        if POSITIVE.search(sentence) and not (HEDGE.search(sentence) or ROUTE.search(sentence)):
            bad.append(sentence)
        elif NEGATIVE.search(sentence) and not RULE_OUT_DENIED.search(sentence):
            bad.append(sentence)
    return bad


def test_the_checker_catches_the_old_wordings():
    old_feature = (
        "When the lesser trochanter has come away, the person cannot lift the heel while seated "
        "(Ludloff's sign), because the iliopsoas has lost its insertion."
    )
    old_gate = (
        "Routine care fits grade 1 and 2 strains in adults in whom the thigh can still be lifted "
        "with near-normal strength and Ludloff's sign is negative."
    )
    old_note = (
        "Which bone depends on the muscle: and, less commonly, the iliopsoas the lesser trochanter, "
        "with a heel that cannot be lifted when seated (Ludloff's sign)."
    )
    for text in (old_feature, old_gate, old_note):
        assert overstatements(text), text
    # hedged or routing sentences pass
    assert not overstatements(old_feature.replace("the person cannot", "the person often cannot"))
    assert not overstatements("If, seated, the heel cannot be lifted (Ludloff's sign), think of the lesser trochanter.")
    assert not overstatements("A negative sign does not rule an avulsion out.")


def test_the_texts_are_found():
    places = {where.split(":")[0] for where, text in _texts() if "Ludloff" in text}
    assert {"mechanisms.json", "red_flags.json", "examination.json", "docs/instructor_guide.md"} <= places


def test_no_text_states_ludloff_s_sign_as_invariable_or_a_negative_sign_as_ruling_out():
    found = [(where, sentence) for where, text in _texts() for sentence in overstatements(text)]
    assert found == []


def test_the_avulsion_page_hedges_the_sign_and_says_a_negative_one_does_not_rule_out():
    text = " ".join(f.text for f in il.mechanism("avulsion").features)
    assert "often cannot lift the heel" in text
    assert "a negative sign does not rule an avulsion out" in text


def test_the_strain_page_does_not_use_a_negative_sign_as_a_gate_to_routine_care():
    text = " ".join(f.text for f in il.mechanism("acute_strain").features)
    assert "Ludloff's sign is negative" not in text
    assert "little or no force, especially over about 40" in text
    assert "not routine care even if the thigh seems nearly as strong" in text
    # it names the two signs that take over
    for key in ("adult_avulsion", "bone_pain_unexplained"):
        assert key in il.mechanism("acute_strain").shown_flags
    assert "'Sudden marked weakness lifting the thigh in an adult'" in text
    assert "warning sign for unexplained bone pain" in text
