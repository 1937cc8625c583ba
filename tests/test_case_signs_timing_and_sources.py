"""The virtual-patient cases state each warning sign as its flag does, count a test done after the
referral as no wait before the decision, and cite sources that still stand.

- A risk factor is not a condition of the infection sign: pain around a joint replacement is
  the sign on its own, with or without diabetes.
- The instructor guide's hip-fracture sentence keeps the flag's onset condition when there was
  no fall (pain that came on suddenly or over the last few days).
"""

from __future__ import annotations

import json
import re

from case_helpers import ROOT

CASES = ROOT / "iliopsoas_lessons" / "data" / "cases"


def _case(key: str) -> dict:
    return json.loads((CASES / f"{key}.json").read_text(encoding="utf-8"))


def _all_cases() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.json"))}


def _things(case: dict) -> dict[str, dict]:
    return {
        t["key"]: t for s in case["steps"] for t in (*s.get("items", []), *s.get("moves", []), *s.get("options", []))
    }


def _texts(case: dict):
    """Every sentence-bearing text of a case, with where it is."""
    yield "presenting", case["presenting"]
    yield "teacher_notes", case["teacher_notes"]
    yield "answer.why", case["answer"]["why"]
    for key, thing in _things(case).items():
        for field in ("label", "finding", "feedback", "destination", "advice"):
            if field in thing:
                yield f"{key}.{field}", thing[field]
    for rule in case.get("rules", []):
        yield f"rules.{rule['key']}", rule["then"]["message"]


def _lesson_06_guide() -> str:
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    return " ".join(guide[guide.index("## Lesson 06") : guide.index("## Exporting the quiz")].split())


# a sentence that makes a risk factor part of the joint-replacement infection sign
_GATED_SIGN = re.compile(
    r"joint replacement[^.;]{0,60}\b(?:in|with) (?:a person|someone|people|patients?)? ?with diabetes\b"
    r"[^.;]{0,40}\bis the infection (?:warning )?sign",
    re.IGNORECASE,
)


def test_no_case_makes_diabetes_a_condition_of_the_joint_replacement_infection_sign():
    assert _GATED_SIGN.search(
        "new pain around a joint replacement in a person with diabetes is the infection warning sign"
    )  # the check can fail
    found = [
        (key, where) for key, case in _all_cases().items() for where, text in _texts(case) if _GATED_SIGN.search(text)
    ]
    assert found == []
    feedback = _things(_case("groin_after_hip_replacement"))["ask_infection_route"]["feedback"]
    assert "New pain around a joint replacement is the infection warning sign on its own" in feedback
    assert "whether or not the person has diabetes" in feedback and "more likely still" in feedback


def test_the_guide_s_hip_fracture_sentence_keeps_the_flag_s_onset_condition():
    lesson_06 = _lesson_06_guide()
    start = lesson_06.index("In the woman with a hip replacement, and in the man on a blood thinner")
    paragraph = lesson_06[start : lesson_06.index("**The class report.**", start)]
    assert "no fall is needed" in paragraph
    assert "came on suddenly or over the last few days" in paragraph
    assert "built up slowly over weeks" in paragraph and "unexplained bone pain" in paragraph
    assert "new hip or groin pain on bearing weight is the sign on its own" not in paragraph


def test_antibiotics_before_samples_rests_on_the_aaos_guideline_not_a_lapsed_local_page():
    """The statement that antibiotics started before the surgeon's samples can hide an infected implant
    cites the AAOS guideline (its recommendation against antimicrobials until cultures are taken) and
    the worked summary of it, not a local page whose review date has passed."""
    option = _things(_case("groin_after_hip_replacement"))["dec_gp_48h"]
    assert "antibiotics started before the surgeon has taken samples" in option["feedback"]
    assert {"AAOS-PJI2019", "CHEN2020"} <= set(option["references"])
    assert "BNSSG-PJI" not in option["references"]


def test_a_test_named_in_the_referral_is_no_wait_before_the_decision():
    """A test the receiving department does after the person arrives is named in the referral: it adds
    about a minute to the clock, not its turnaround, and its finding says the result comes after the
    decision (as the iliacus case's CT and the femoral case's MRI do). The teenager's X-ray at the
    emergency department had counted three hours of work-up before she was sent."""
    named = re.compile(r"\b(?:in your (?:referral|handover))\b", re.IGNORECASE)
    seen = []
    for key, case in _all_cases().items():
        for step in case["steps"]:
            for item in step.get("items", []):
                if step["kind"] == "investigations" and named.search(item["label"]):
                    seen.append((key, item["key"]))
                    assert item["minutes"] <= 2 and item["cost"] == 0, (key, item["key"])
                    if not item["unnecessary"]:
                        assert "after your decision" in item["finding"], (key, item["key"])
    assert ("iliacus_haematoma_anticoag", "inv_ct_ed") in seen
    xray = _things(_case("teen_kick_avulsion"))["inv_xray_both_hips"]
    assert ("teen_kick_avulsion", "inv_xray_both_hips") in seen
    assert "after she arrives" in xray["label"] and "possible SCFE" in xray["label"]
    assert xray["finding"].startswith("About three hours later, at the emergency department:")
    assert not xray["unnecessary"]


def _notebook_06_markdown() -> str:
    nb = json.loads((ROOT / "notebooks" / "06_cases.ipynb").read_text(encoding="utf-8"))
    return " ".join(" ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").split())


def test_no_case_cites_a_source_that_no_longer_stands():
    """A case teaches current practice, so none of its texts cites a superseded or withdrawn
    reference. The abscess case graded the woman's risk on NG51's criteria, which NG253 replaced."""
    refs = json.loads((ROOT / "iliopsoas_lessons" / "data" / "references.json").read_text(encoding="utf-8"))
    stale = {r["key"] for r in refs["references"] if r.get("status") in ("superseded", "withdrawn")}
    assert "NG51" in stale  # the check can fail
    for key, case in _all_cases().items():
        cited = set(case["references"])
        for thing in _things(case).values():
            cited.update(thing.get("references", []))
        assert cited & stale == set(), (key, sorted(cited & stale))


def test_the_abscess_decision_rests_on_the_infection_sign_not_on_a_risk_grade():
    """NG253's own community risk criteria could not be read, so no text grades the woman who injects
    on a superseded guideline's criterion: the case, notebook 06 and the guide rest where she goes on
    the infection warning sign, and leave grading her sepsis risk to the clinician who sees her."""
    case = _case("psoas_abscess_injects")
    things = _things(case)
    places = {
        "why": case["answer"]["why"],
        "teacher_notes": case["teacher_notes"],
        "observations": things["exam_observations"]["feedback"],
        "999": things["dec_999_now"]["feedback"],
        "notebook": _notebook_06_markdown(),
        "guide": _lesson_06_guide(),
    }
    for where, text in places.items():
        for stale in ("moderate-to-high", "functional ability", "deterioration in function", "NG51"):
            assert stale not in text, (where, stale)
        assert "infection warning sign" in text, where
        assert "a new limp and a hip held bent, in someone who injects drugs" in text, where
    for where in ("teacher_notes", "observations", "notebook", "guide"):
        assert "NICE's current guideline" in places[where], where
    assert "NG51" not in things["dec_999_now"]["references"]
    assert "fastest safe route" in places["999"] and "999 call" in places["999"]
    assert "hospital now, not later in the day" in places["observations"]
    assert "low risk" not in places["observations"]
