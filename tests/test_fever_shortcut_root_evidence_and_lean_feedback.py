"""Three teaching texts that were narrower than the rules they stand for.

- A fever with new groin pain is "a doctor today" only in someone at ordinary risk: case and quiz
  texts that teach it also name the faster routes (a hot or swollen hip or pain around a joint
  replacement, or a higher-risk person: hospital now; during cancer treatment, with sickle cell
  disease or no working spleen: the sepsis sign).
- The femoral case's answer does not give inner-ankle numbness as evidence for an L4 root without
  saying that the saphenous branch of the femoral nerve shares that skin; the deciding findings are
  weak ankle lifting and normal feeling over the front and inner thigh.
- The sideways-lean quiz feedback gives the whole leg-nerve rule (a new, marked weakness even if it
  is not getting worse) and counts a new lean with no leg pain to explain it as the spinal sign.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from case_helpers import CASES
from case_helpers import case_data as _case
from case_helpers import flat as _flat
from case_helpers import items_by_key as _items
from case_helpers import lesson_06 as _lesson_06
from case_helpers import options_by_key as _options
from iliopsoas_lessons.content.checks import sentences
from text_helpers import strings_in as _strings_in

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
QUIZ = ROOT / "iliopsoas_lessons" / "data" / "lessons" / "quiz.json"

# the faster routes a text must name beside "a fever ... a doctor today"
HIGHER_RISK = (
    "hot or swollen hip",
    "joint replacement",
    "hospital now",
    "cancer treatment",
    "sickle cell",
    "no working spleen",
    "sepsis warning sign",
)


def _case_and_quiz_texts() -> dict[str, str]:
    texts = {}
    for path in sorted(CASES.glob("*.json")):
        for where, text in _strings_in(json.loads(path.read_text("utf-8"))):
            texts[f"{path.stem}:{where}"] = text
    for where, text in _strings_in(json.loads(QUIZ.read_text("utf-8"))):
        texts[f"quiz:{where}"] = text
    return texts


def fever_shortcuts(text: str) -> list[str]:
    """Sentences of ``text`` that send a fever to 'a doctor today' without saying that holds only
    at ordinary risk."""
    found = []
    for sentence in sentences(_flat(text)):
        low = sentence.lower()
        fever, doctor = low.find("fever"), low.find("a doctor today")
        if fever != -1 and doctor > fever and "ordinary risk" not in low:
            found.append(sentence)
    return found


def missing_faster_routes(text: str) -> list[str]:
    low = _flat(text).lower()
    return [words for words in HIGHER_RISK if words not in low]


OLD_DANCER_ED = (
    "Over-triage. An emergency department is for warning signs such as pain on hopping or at night, a pop "
    "with a limp, or a fever with a limp or a hip held bent (a fever with new groin pain and none of these is "
    "a doctor today); none is present. It uses a place meant for urgent problems and gives him no plan."
)


def test_the_old_dancer_feedback_is_caught_as_a_fever_shortcut():
    assert fever_shortcuts(OLD_DANCER_ED)
    assert missing_faster_routes(OLD_DANCER_ED)


def test_no_case_or_quiz_text_sends_a_fever_to_a_doctor_today_as_a_general_rule():
    texts = _case_and_quiz_texts()
    found = {where: hit for where, text in texts.items() if (hit := fever_shortcuts(text))}
    assert found == {}
    # every text that does give the ordinary-risk route names the faster ones beside it
    for where, text in texts.items():
        low = _flat(text).lower()
        if "fever" in low and "a doctor today" in low and "ordinary risk" in low:
            assert missing_faster_routes(text) == [], where


def test_the_dancer_s_emergency_option_and_blood_tests_name_the_higher_risk_routes():
    case = _case("dancer_snapping_hip")
    ed = _options(case)["dec_emergency_dept"]["feedback"]
    assert ed.startswith("Over-triage.") and "none is present" in ed
    assert "doctor today only in someone at ordinary risk" in ed
    assert "possible-infection warning sign" in ed
    items = _items(case)
    for key in ("ask_fever", "inv_bloods"):
        text = items[key]["feedback"]
        assert "ordinary risk" in text and missing_faster_routes(text) == [], key


# --- the femoral case: inner-ankle numbness is shared, the ankle weakness decides ---------------

_SHIN = re.compile(r"inner (ankle|shin|leg)", re.I)
_ROOT_WORDS = re.compile(r"\bL4\b|\broot\b")


def unshared_shin_evidence(text: str) -> bool:
    """True when ``text`` ties numbness of the inner shin or ankle to a root without saying the
    saphenous nerve shares that skin."""
    text = _flat(text)
    return bool(_SHIN.search(text) and _ROOT_WORDS.search(text) and "saphenous" not in text)


def test_the_old_femoral_answer_is_caught():
    old = (
        "A new, marked weakness of one leg (the knee buckles), with weak knee straightening and ankle lifting, "
        "a reduced knee jerk, reduced pinprick at the inner ankle and back pain: most likely an L4 root pressed "
        "by a disc rather than a femoral nerve lesion."
    )
    assert unshared_shin_evidence(old)


def test_the_femoral_answer_rests_on_the_ankle_and_the_thigh_not_the_shared_shin():
    case = _case("femoral_nerve_vs_l3l4")
    why = _flat(case["answer"]["why"])
    assert "weak ankle lifting (which a femoral nerve lesion spares)" in why
    assert "normal feeling over the front and inner thigh" in why
    assert "saphenous branch of the femoral nerve shares that skin" in why
    assert not unshared_shin_evidence(why)
    # the answer's findings are the case's own
    items = _items(case)
    assert "the front and inner thigh feel normal" in items["exam_sensation"]["finding"]
    assert "lifting the foot at the ankle is mildly weak" in items["exam_strength"]["finding"]
    # no other text of the case, nor the guide's Lesson 06, gives the shin as root evidence alone
    texts = {"teacher_notes": case["teacher_notes"], "guide": _lesson_06()}
    for s in case["steps"]:
        for x in [*s.get("items", []), *s.get("options", [])]:
            texts[x["key"]] = x.get("feedback", "")
    assert {k for k, t in texts.items() if unshared_shin_evidence(t)} == set()


# --- the sideways-lean quiz item ----------------------------------------------------------------


def test_the_sideways_lean_feedback_gives_the_whole_nerve_rule_and_the_unexplained_lean():
    questions = {q["key"]: q for q in json.loads(QUIZ.read_text("utf-8"))["questions"]}
    q = questions["sideways_lean"]
    right = _flat(q["options"][q["answer"]]["feedback"])
    assert "a leg that is getting weaker" not in right
    for words in (
        "a new, marked weakness in one leg (even if it is not getting worse)",
        "numbness between the legs",
        "new bladder or bowel trouble",
    ):
        assert words in right, words
    (marked,) = [s for s in sentences(right) if "{urgency:" in s]
    assert marked.startswith("A new lean with no leg pain to explain it, or a new, fixed change in the shape")
    assert "a lump on it" in marked and marked.endswith("at {urgency:same_day}.")
    assert "serious_spine_signs" in q["red_flags"]
