"""Three words a reader could take two ways, each said one way everywhere.

- A suspected-cancer referral is no longer 'an appointment within 2 weeks': since
  October 2023 England measures it by the 28-day Faster Diagnosis Standard, as the
  testicular-lump sign already said; the bone-pain route still said 2 weeks.
- 'Blood thinner' means an anticoagulant in the warning signs, but many people call
  aspirin or clopidogrel one too: the start-page box sent pain on clopidogrel to an
  emergency department, the antiplatelet sign to a doctor the same day.
- The box's kidney line left out that the pain comes in waves, so steady flank pain
  with a fever (the fever sign, same day) read as an emergency there.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

# --- the cancer referral's time ---------------------------------------------------

_TWO_WEEKS = re.compile(
    r"suspected[- ]cancer(?: pathway)? referral[^.;]{0,40}?\b(?:2|two)[- ]weeks?\b|\b(?:2|two)[- ]week[- ]wait\b",
    re.IGNORECASE,
)


def _flag_texts(flag) -> list[str]:
    texts = [flag.title, flag.in_short, *flag.signs, flag.destination, flag.interim_advice, flag.reason.text]
    if flag.escalation:
        texts.append(flag.escalation.when)
    texts += [entry.sign for entry in flag.call_now or ()]
    return texts


def two_week_cancer_targets(flags) -> list[str]:
    """(flag key: words) for each text that gives a suspected-cancer referral a 2-week time."""
    return [f"{f.key}: {m.group(0)}" for f in flags for t in _flag_texts(f) for m in _TWO_WEEKS.finditer(t or "")]


def test_no_warning_sign_gives_the_cancer_referral_a_two_week_time():
    assert two_week_cancer_targets(il.red_flags()) == []


def test_the_bone_pain_route_names_the_28_day_standard():
    destination = il.red_flag("bone_pain_unexplained").destination
    assert "within 2 weeks" not in destination
    assert "Faster Diagnosis Standard" in destination and "within 28 days" in destination
    assert "since October 2023" in destination
    # the same standard as the testicular-lump sign's reason
    assert "within 28 days" in il.red_flag("testicular_lump").reason.text


def test_the_two_week_check_catches_the_old_wording():
    old = SimpleNamespace(
        key="planted",
        title="",
        in_short="",
        signs=(),
        destination="it asks for a suspected-cancer referral (an appointment within 2 weeks) if the X-ray suggests a bone sarcoma",
        interim_advice="",
        reason=SimpleNamespace(text=""),
        escalation=None,
        call_now=None,
    )
    assert two_week_cancer_targets([old]) == ["planted: suspected-cancer referral (an appointment within 2 weeks"]
    # a 2-week scan is a different NICE timing and may stay
    scan = SimpleNamespace(**{**vars(old), "destination": "an ultrasound scan within 2 weeks in adults"})
    assert two_week_cancer_targets([scan]) == []


# --- what a blood thinner is ------------------------------------------------------

_ANTICOAGULANTS = ("warfarin", "apixaban", "rivaroxaban", "edoxaban", "dabigatran", "heparin")
_SAYS_ANTICOAGULANT = re.compile(r"anticoagulant blood thinner|blood thinner \(an anticoagulant")


def undefined_blood_thinners(flags) -> list[str]:
    """Escalations and box lines that say 'blood thinner' without saying it is an anticoagulant."""
    texts = [(f.key, f.escalation.when) for f in flags if f.escalation]
    texts += [(f.key, entry.sign) for f in flags for entry in f.call_now or ()]
    return [key for key, t in texts if "blood thinner" in t and not _SAYS_ANTICOAGULANT.search(t)]


def test_the_box_defines_a_blood_thinner_and_gives_aspirin_its_own_route():
    lines = il.red_flag("bleeding").call_now
    first = lines[0].sign
    assert "blood thinner (an anticoagulant" in first
    for medicine in _ANTICOAGULANTS:
        assert medicine in first, medicine
    assert all(len(entry.sign) <= 300 for entry in lines)  # the schema's limit for a box line
    # aspirin or clopidogrel alone: an emergency only with the bleeding sign's extra signs,
    # the same ones that step the antiplatelet sign up; feeling faint is the ambulance line
    (alone,) = [e for e in lines if e.sign.startswith("on aspirin or clopidogrel alone")]
    words_alone = alone.sign.split(";")[0]
    step_up = il.red_flag("antiplatelet_pain").escalation.when
    for words in ("bruise", "swelling", "hip", "held bent", "weak or numb"):
        assert words in words_alone and words in step_up, words
    assert "faint" not in words_alone and "faint" in step_up
    (shock,) = [e for e in lines if "feeling faint" in e.sign]
    assert shock.transport == "ambulance" and shock.sign.startswith("a possible bleed into the muscle")
    assert il.red_flag("antiplatelet_pain").urgency == "same_day"


def test_every_escalation_and_box_line_says_a_blood_thinner_is_an_anticoagulant():
    assert undefined_blood_thinners(il.red_flags()) == []
    # the rule reaches the escalations the review named
    named = [f for f in il.red_flags() if f.escalation and "blood thinner" in f.escalation.when]
    assert {"progressive_weakness", "serious_spine_signs", "bone_pain_unexplained"} <= {f.key for f in named}


def test_the_blood_thinner_check_catches_the_old_box_line():
    old = SimpleNamespace(
        key="planted",
        escalation=None,
        call_now=(SimpleNamespace(sign="new back, groin or thigh pain in someone on a blood thinner"),),
    )
    assert undefined_blood_thinners([old]) == ["planted"]


# --- the kidney box line ----------------------------------------------------------


def test_the_kidney_box_line_keeps_the_waves_of_its_short_form():
    flag = il.red_flag("kidney")
    assert flag.in_short.startswith("severe flank pain that comes in waves")
    (line,) = flag.call_now
    assert line.sign.startswith("severe flank pain that comes in waves")
    # steady flank pain with a fever is the fever sign's, a doctor the same day
    fever = il.red_flag("fever_back_pain")
    assert fever.urgency == "same_day" and "comes in waves" in fever.destination


def test_the_instructor_guide_says_what_a_blood_thinner_is():
    from pathlib import Path

    guide = " ".join((Path(__file__).resolve().parents[1] / "docs" / "instructor_guide.md").read_text("utf-8").split())
    start = guide.index("In the warning signs a blood thinner means an anticoagulant")
    passage = guide[start : start + 600]
    for words in (*_ANTICOAGULANTS, "aspirin or clopidogrel", "antiplatelet sign", "ask for the name of the medicine"):
        assert words in passage, words


def test_every_box_line_names_its_own_sign():
    """A box line is shown on its own in some places (the mechanism table shows only
    the ambulance lines), so none may lean on the line before it with 'such'."""
    leaning = [
        (flag.key, line.sign)
        for flag in il.red_flags()
        for line in (flag.call_now or ())
        if line.sign.lower().startswith(("such ", "this ", "that ", "these "))
    ]
    assert leaning == []
