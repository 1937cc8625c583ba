"""The lean's list of other warning signs says it is a selection, and names the
aorta, heart, blocked-artery, pregnancy and fused-spine emergencies; lesson 03
says what the hernia sign says about a woman's referral.

The sideways-lean claim and the lean page's 'why' listed "the other warning
signs" as if complete, leaving out the leaking or torn aorta, back pain with
chest pain, a leg suddenly cold and pale, the two pregnancy signs and the
fused-spine fracture; an older adult's new back pain that does not change with
movement is the aneurysm sign, not routine. And lesson 03 said every groin
hernia in a woman is referred urgently, where the sign says one region asks for
that.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

NOTEBOOK = Path(il.__file__).resolve().parents[1] / "notebooks" / "03_symptoms.ipynb"
ADDED = (
    "aortic_aneurysm",
    "back_and_chest_pain",
    "acute_limb_ischaemia",
    "ectopic_pregnancy",
    "late_pregnancy_pain",
    "fused_spine_fracture",
)


def _label(key: str) -> str:
    return il.urgency_level(il.red_flag(key).urgency).label


def test_the_lean_claim_says_among_them_and_gives_the_added_signs_their_levels():
    evidence = il.claim("spasm_scoliosis").evidence
    assert "among them" in evidence and "Lesson 04 and the lean's own list of warning signs give every one" in evidence
    # the aneurysm is described, not quoted: its title names the aneurysm, which
    # the trigger rule ties to the page's own list
    assert re.search(r"leaking swelling \(an aneurysm\) of the aorta[^;]*\(Emergency now: call 999", evidence)
    for key in ADDED[1:]:
        title = il.red_flag(key).title
        assert re.search(re.escape(f"'{title}'") + r"[^;]*?\(" + re.escape(_label(key)), evidence), key
    assert {"NG156", "CG95", "NHSDEVON-ALI", "NG126", "NHS-PREGNANCY-PAIN", "NG41"} <= set(
        il.claim("spasm_scoliosis").references
    )


def test_the_lean_page_says_among_them_and_names_each_added_emergency():
    lean = il.symptom("lumbar_curve")
    why = lean.why.text
    assert "the list below gives every one, and among them are" in why
    for words in (
        "does not change with movement",
        "tear in it",
        "back pain with chest pain",
        "a leg that suddenly turns painful and pale, cold, numb or weak",
        "is or could be pregnant",
        "stiff, fused spine",
    ):
        assert words in why, words
    assert set(ADDED) <= set(lean.warning_flags)


def test_the_list_under_the_claims_table_is_a_selection_with_the_added_signs():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    i = next(n for n, c in enumerate(cells) if c["cell_type"] == "code" and "show_claims(" in "".join(c["source"]))
    text = "".join(cells[i + 1]["source"])
    assert "among those that set their own level" in text
    for key in ADDED:
        assert f"'{il.red_flag(key).title}'" in text, key


def test_lesson_03_gives_a_womans_groin_hernia_the_signs_referral_words():
    assert "one region asks for the woman's referral to be urgent" in il.red_flag("groin_hernia").destination
    texts = {
        "claim": il.claim("hip_pain_trochanter").evidence,
        "doha other": next(e for e in il.groin_entities() if e.key == "other").criteria.text,
    }
    for where, text in texts.items():
        assert "any groin hernia in a woman, urgently" not in text, where
        assert "as with any groin hernia in a woman" not in text, where
        assert (
            "any groin hernia in a woman to a surgeon as well (one NHS region asks for that referral to be urgent)"
            in (text)
        ), where
