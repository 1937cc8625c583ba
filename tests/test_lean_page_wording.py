"""The sideways lean of the lower back (symptom 'lumbar_curve', claim
'spasm_scoliosis', lesson 03's list under the claims table) in two respects.

- The lean's pages name the warning signs a blood thinner sets off. The bleeding
  sign is for an anticoagulant blood thinner (such as warfarin or apixaban);
  aspirin or clopidogrel alone has its own same-day sign. An unqualified "blood
  thinner" there sent every blood thinner to the bleeding sign.
- The idea that a one-sided psoas spasm holds the spine in a lean rests on a
  one-sided bending action that muscles.json marks as disputed, so these pages
  call it contested, not "anatomically possible", and cite the study that
  disputes it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
_QUALIFIED = re.compile(r"anticoagulant blood thinner|blood thinner \(an anticoagulant")


def unqualified_blood_thinners(texts: dict[str, str]) -> list[str]:
    """Names of the texts that say 'blood thinner' anywhere without saying it is an anticoagulant."""
    found = []
    for name, text in texts.items():
        flat = " ".join(text.split())
        for m in re.finditer("blood thinner", flat):
            near = flat[max(0, m.start() - 20) : m.end() + 25]
            if not _QUALIFIED.search(near):
                found.append(name)
                break
    return found


def _lean_list() -> str:
    nb = json.loads((ROOT / "notebooks" / "03_symptoms.ipynb").read_text("utf-8"))
    (cell,) = [
        "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "markdown" and "override the lean's verdict" in "".join(c["source"])
    ]
    return cell


def _lean_texts() -> dict[str, str]:
    lean = il.course().symptoms["lumbar_curve"]
    claim = il.course().claims["spasm_scoliosis"]
    texts = {"feel": lean.feel.text, "why": lean.why.text, "claim": claim.evidence, "lesson 03 list": _lean_list()}
    texts.update({f"provoked_by[{i}]": p.text for i, p in enumerate(lean.provoked_by)})
    return texts


def test_the_lean_pages_say_which_blood_thinner_is_the_bleeding_sign():
    texts = _lean_texts()
    assert unqualified_blood_thinners(texts) == []
    for name in ("why", "claim", "lesson 03 list"):
        assert "warfarin or apixaban" in texts[name], name
        assert "aspirin or clopidogrel" in texts[name], name
    # the lesson's list gives the aspirin-or-clopidogrel sign by its own name
    title = il.red_flag("antiplatelet_pain").title
    assert title in " ".join(texts["lesson 03 list"].split())


def test_the_blood_thinner_check_catches_the_old_wording():
    old = {"claim": "new pain in someone on a blood thinner is 'Possible bleeding into the muscle' (Emergency now)"}
    assert unqualified_blood_thinners(old) == ["claim"]
    assert unqualified_blood_thinners({"why": "a fever (an abscess), a blood thinner (a bleed)"}) == ["why"]


def test_the_one_sided_bending_action_is_called_contested_where_the_lean_relies_on_it():
    course = il.course()
    (action,) = [a for a in course.muscles["psoas_major"].actions if "toward that side" in a.text]
    assert action.disputed
    lean = course.symptoms["lumbar_curve"]
    claim = course.claims["spasm_scoliosis"]
    for text in (lean.why.text, claim.evidence):
        assert "anatomically possible" not in text and "follows from the muscle's anatomy" not in text
        assert "contested" in text
    assert "HU2011" in lean.why.references and "HU2011" in claim.references
