"""Clinical safety of the course's virtual-patient cases, as clinical review round 10 (part C) found it
missing: a dangerous look-alike whose warning sign the story meets is shown, examined and named in the
handover, and a safety net gives the look-alike's own level, place and advice for the wait."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import case_engine as engine
from iliopsoas_lessons.content.case_loader import load_case_file
from case_helpers import ROOT

CASES = ROOT / "iliopsoas_lessons" / "data" / "cases"


def _case(key: str) -> dict:
    return json.loads((CASES / f"{key}.json").read_text(encoding="utf-8"))


def _items(case: dict) -> dict[str, dict]:
    return {i["key"]: i for s in case["steps"] for i in s.get("items", [])}


def _options(case: dict) -> list[dict]:
    return [o for s in case["steps"] for o in s.get("options", [])]


# --- PS-1: the man on apixaban with groin and belly pain who feels faint meets the aortic-aneurysm flag


def test_the_anticoagulated_man_is_shown_the_aneurysm_flag_where_the_story_meets_it():
    items = _items(_case("iliacus_haematoma_anticoag"))
    for key in ("ask_faint", "exam_observations"):
        assert "aortic_aneurysm" in items[key].get("flags_shown", []), key


def test_the_abdomen_and_the_aneurysm_history_are_essential():
    items = _items(_case("iliacus_haematoma_anticoag"))
    belly = items["exam_belly_groin"]
    assert belly["essential"] and "pulsing" in belly["label"] and "rule an aneurysm out" in belly["feedback"]
    history = [i for i in items.values() if i["key"].startswith("ask_") and "aneurysm" in i["label"]]
    assert history and all(i["essential"] for i in history)
    assert "smok" in history[0]["label"] and "back" in history[0]["label"]


def test_the_handover_names_the_aneurysm_and_a_vascular_service():
    case = _case("iliacus_haematoma_anticoag")
    flag = il.course().red_flags["aortic_aneurysm"]
    assert "vascular surgery" in flag.destination
    for option in _options(case):
        if option["verdict"] == "best":
            assert "aneurysm" in option["destination"] and "vascular surgery" in option["destination"], option["key"]
    assert "aneurysm" in case["answer"]["why"] and "aneurysm" in case["teacher_notes"]


# --- PS-2: the dancer's safety net carries the stress-fracture flag's level, place and interim advice


@pytest.mark.parametrize("verdict", ["best", "acceptable"])
def test_the_dancers_safety_net_gives_the_stress_fracture_place_and_no_weight(verdict):
    flag = il.course().red_flags["runner_stress_fracture"]
    assert flag.urgency == "same_day"
    options = [o for o in _options(_case("dancer_snapping_hip")) if o["verdict"] == verdict]
    assert options
    for option in options:
        advice = option["advice"]
        for place in ("emergency department", "urgent treatment centre", "fracture clinic"):
            assert place in flag.destination and place in advice, (option["key"], place)
        # the stress-fracture flag goes now (round 24), so its safety net says now (round 25, C minor 1)
        assert flag.go_now and "go now, not later in the day" in advice
        assert "weight off the leg" in advice and "crutches" in advice
        assert "see a doctor sooner" not in advice


def test_the_dancers_answer_says_the_stress_fracture_sign_was_checked():
    why = _case("dancer_snapping_hip")["answer"]["why"]
    assert "stress-fracture warning sign was checked and is absent" in why


# --- the minor findings of the same review, each pinned


def _step(case: dict, key: str) -> dict:
    return next(s for s in case["steps"] if s["key"] == key)


def test_the_weeks_later_event_leads_to_its_own_decision():
    case = _case("femoral_nerve_vs_l3l4")
    (move,) = _step(case, "weeks_later")["moves"]
    late = _step(case, move["goto"])
    assert late["key"] != "decision" and late["kind"] == "decision"
    text = " ".join(o["feedback"] + o["advice"] for o in late["options"])
    assert "stable since yesterday" not in text and "drive" in text


def test_an_l4_root_is_not_said_to_weaken_hip_bending():
    items = _items(_case("femoral_nerve_vs_l3l4"))
    assert "hip bending is strong" in items["exam_strength"]["finding"]
    assert "fits the root" not in items["exam_resisted_flexion"]["feedback"]


def test_the_hospital_outpatient_is_not_sent_to_a_gp_as_the_best_route():
    case = _case("femoral_nerve_vs_l3l4")
    for option in _options(case):
        if option["verdict"] == "best":
            assert "GP" not in option["destination"] and "senior clinician" in option["destination"], option["key"]


def test_the_trip_is_told_apart_from_the_fall_flag_and_aspiration_is_not_called_useless():
    items = _items(_case("groin_after_hip_replacement"))
    # round 33, C PS1: the feedback no longer dismisses the fracture sign for want of a fall
    assert "A fall is not needed for the hip-fracture warning sign" in items["ask_fall"]["feedback"]
    assert "not the hip-fracture-after-a-fall sign" not in items["ask_fall"]["feedback"]
    assert "She can bear weight" not in items["ask_fall"]["feedback"]
    assert items["inv_aspiration"]["unnecessary"] is False
    assert "surgeon" in items["inv_aspiration"]["feedback"]


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")), ids=lambda p: p.stem)
def test_a_case_with_a_red_flag_shows_it_on_a_finding(path):
    """The checker binds decisions to the flags findings show; a case that declares none is not checked."""
    case = json.loads(path.read_text(encoding="utf-8"))
    shown = {k for i in _items(case).values() for k in i.get("flags_shown", [])}
    if case["answer"]["red_flag"] is None:
        assert not shown, "a case with no red flag shows none"
    else:
        assert case["answer"]["red_flag"] in shown


def test_the_abscess_safety_net_names_bladder_and_bowel_trouble():
    case = _case("psoas_abscess_injects")
    best = next(o for o in _options(case) if o["key"] == "dec_hospital_today")
    assert "bladder or bowel" in best["advice"] and "numbness between the legs" in best["advice"]


def test_lesson_06_counts_harmful_advice_for_the_wait_as_unsafe():
    nb = json.loads((ROOT / "notebooks" / "06_cases.ipynb").read_text(encoding="utf-8"))
    answers = next("".join(c["source"]) for c in nb["cells"] if "A decision is unsafe when" in "".join(c["source"]))
    assert "advice for the wait" in answers


# --- Clinical review round 11, part C: look-alikes screened, accuracy shown in context, wording that agrees


def test_the_groin_injector_has_both_legs_compared_for_a_clot_and_the_handover_says_so():
    case = _case("psoas_abscess_injects")
    groin = _items(case)["exam_groin"]
    assert groin["essential"] and "both legs" in groin["label"] and "swelling" in groin["label"]
    assert "iliofemoral DVT" in groin["feedback"] and "NG158" in groin["references"]
    best = next(o for o in _options(case) if o["key"] == "dec_hospital_today")
    assert "clot in the leg veins" in best["destination"]
    assert "iliofemoral DVT" in case["teacher_notes"]


def test_the_14_year_old_girl_is_asked_about_belly_pain_and_vomiting_for_ovarian_torsion():
    item = _items(_case("teen_kick_avulsion"))["ask_belly_sickness"]
    assert item["essential"] and "vomiting" in item["label"] and "earlier" in item["label"]
    assert "ovarian torsion" in item["feedback"] and "ACOG2019" in item["references"]
    assert il.course().red_flags["ovarian_torsion"].urgency == "emergency"  # why the question is essential


def test_the_psoas_sign_shows_its_measured_accuracy_for_appendicitis_not_the_athletes_criterion():
    item = _items(_case("psoas_abscess_injects"))["exam_hip_extension"]
    assert "test" not in item  # flexor_stretch's accuracy text is about athletic groin pain
    assert "16 %" in item["feedback"] and "95 %" in item["feedback"] and "WAGNER1996" in item["references"]


def test_round_11_wording_agrees_with_the_flags_and_the_findings():
    abscess = _items(_case("psoas_abscess_injects"))
    assert "does not show on a plain X-ray" not in abscess["inv_xray"]["feedback"]
    assert "cannot rule one out" in abscess["inv_xray"]["feedback"]
    assert "new pain in someone who injects" not in abscess["ask_fever"]["feedback"]
    assert "at rest or at night" in abscess["ask_fever"]["feedback"]
    assert abscess["exam_log_roll"]["references"] == ["MALLICK2004"]
    bleed = _case("iliacus_haematoma_anticoag")
    assert "inner side of the shin" in _items(bleed)["exam_sensation"]["finding"]
    worse = next(s for s in bleed["steps"] if s["key"] == "worse")
    assert "spread down the inner shin" not in worse["text"] and "inner ankle" in worse["text"]
    teen = _items(_case("teen_kick_avulsion"))["exam_ludloff"]
    assert "uncommon in teenagers" not in teen["feedback"] and "adult avulsion" in teen["feedback"]
    femoral = _case("femoral_nerve_vs_l3l4")
    assert "may bring neither" in femoral["teacher_notes"]
    assert "NG59" not in _items(femoral)["ask_onset"]["references"]
    aspiration = _items(_case("groin_after_hip_replacement"))["inv_aspiration"]
    assert aspiration["label"].startswith("Ask the orthopaedic surgeon whether") and not aspiration["unnecessary"]
    dancer = _items(_case("dancer_snapping_hip"))["ask_bone_stress"]
    assert "MOUNTJOY2023" in dancer["references"]


# --- round 12, PS-1: the dancer's safety net also gives the stress-fracture flag's emergency step


@pytest.mark.parametrize("verdict", ["best", "acceptable"])
def test_the_dancers_safety_net_gives_the_stress_fracture_emergency_step(verdict):
    flag = il.course().red_flags["runner_stress_fracture"]
    assert flag.escalation.urgency == "emergency"
    assert flag.escalation.when == "they suddenly cannot put weight on the leg"
    texts = [o["advice"] for o in _options(_case("dancer_snapping_hip")) if o["verdict"] == verdict]
    assert texts
    for text in texts:
        assert "suddenly cannot put weight on the leg" in text
        assert "999 or go to an emergency department now" in text and "not a clinic" in text


def test_the_dancers_answer_names_the_stress_fracture_emergency_step():
    why = _case("dancer_snapping_hip")["answer"]["why"]
    assert "suddenly cannot put weight on the leg" in why and "emergency department now" in why


# --- round 12, minor findings m-3 to m-6, each pinned


def test_round_12_minor_wording():
    teen = _case("teen_kick_avulsion")
    xray = _items(teen)["inv_xray_both_hips"]
    for text in (teen["teacher_notes"], xray["feedback"]):  # m-6: no frog-leg view in a possibly unstable slip
        assert "cannot bear weight" in text and "cross-table lateral" in text
    ludloff = _items(teen)["exam_ludloff"]["feedback"]  # m-4: the pubic symphysis is rarer
    assert "least common site" not in ludloff and "2 to 9 in every hundred" not in ludloff
    # review 36 C 5: the two reviews' shares are of treated avulsions, each cited, not an incidence
    assert "about 2 in every 100 of the treated avulsions" in ludloff and "not how often it happens" in ludloff
    assert {"EBERBACH2017", "DIMARIA2022"} <= set(_items(teen)["exam_ludloff"]["references"])
    abscess = _items(_case("psoas_abscess_injects"))  # m-5: three weeks after a period a urine test can miss it
    assert "a test settles it" not in abscess["ask_pregnancy"]["feedback"]
    for key in ("ask_pregnancy", "inv_pregnancy_test"):
        assert "last period" in abscess[key]["feedback"] and "repeat the test" in abscess[key]["feedback"]
    femoral = _case("femoral_nerve_vs_l3l4")  # m-3: the emergency threshold is contested
    for text in (
        femoral["teacher_notes"],
        next(o for o in _options(femoral) if o["key"] == "dec_late_spinal_today")["feedback"],
    ):
        assert "pathways differ" in text and "follow the local spinal pathway" in text
    assert "follow the local one" in _items(femoral)["ask_weakness_course"]["feedback"]


# --- round 13, part C minor findings, each pinned


def test_the_anticoagulant_answer_alone_shows_the_bleeding_emergency():
    """C 1: new groin pain on an anticoagulant is the bleeding flag's first sign, so the
    flag shows on the medicines answer; the nerve signs add to it and are not what completes it."""
    flag = il.course().red_flags["bleeding"]
    assert flag.urgency == "emergency" and "in someone taking an anticoagulant" in flag.signs[0]
    items = _items(_case("iliacus_haematoma_anticoag"))
    medicines = items["ask_medicines"]
    assert "bleeding" in medicines.get("flags_shown", [])
    assert "before any weakness" in medicines["feedback"]
    leg = items["ask_leg"]["feedback"]
    assert "together with the blood thinner" not in leg and "emergency was there from" in leg


def test_the_injector_s_observations_are_judged_by_the_signs_of_high_risk():
    """C 2, changed in round 33 (C citation 1): the observations are judged by the signs of high risk
    of severe illness a clinician sees, not by NG51's 2016 criteria or a NEWS2 score whose source is
    not in references.json; the receiving team scores them. (This test pinned the old NG51 and NEWS2
    wording before round 33.)"""
    feedback = _items(_case("psoas_abscess_injects"))["exam_observations"]["feedback"]
    assert "signs of high risk of severe illness" in feedback and "NG253, 2025" in feedback
    assert "NEWS2" not in feedback and "NG51" not in feedback and "2016" not in feedback
    assert "early-warning chart" in feedback
    assert "injecting drugs raises her risk" in feedback.lower()


def test_the_14_year_old_girl_can_be_asked_privately_about_periods_and_pregnancy():
    """C 3: sudden one-sided groin pain in a girl raises ectopic pregnancy as well as a
    twisted ovary; round 16 C 2 made the question essential (one rule across cases: essential
    in anyone who could be pregnant)."""
    item = _items(_case("teen_kick_avulsion"))["ask_periods_pregnancy"]
    assert item["essential"] and "privately" in item["label"] and "pregnant" in item["label"]
    assert "ectopic pregnancy" in item["feedback"] and "safeguarding" in item["feedback"]
    assert "NG126" in item["references"]
    assert il.course().red_flags["ectopic_pregnancy"].urgency in ("emergency", "same_day")


def test_the_late_femoral_weakness_is_graded_and_the_severe_grade_named():
    """C 4: 'cannot straighten the knee fully against your hand' did not say against
    gravity or resistance; the grade decides between the flag's same-day level and its
    emergency step ('severe'), so the finding gives it and the feedback names the grade
    that would be severe."""
    femoral = _case("femoral_nerve_vs_l3l4")
    weeks = next(s for s in femoral["steps"] if s["key"] == "weeks_later")["text"]
    assert "grade 4 out of 5" in weeks and "against gravity" in weeks
    best = next(o for o in _options(femoral) if o["key"] == "dec_late_spinal_today")
    assert best["urgency"] == "same_day" and best["verdict"] == "best"
    assert _flags_severe_example() in best["feedback"] and "emergency instead" in best["feedback"]
    assert "grade 2 or less" not in best["feedback"]  # review 32, C M2: the flag's line, not a stricter one
    assert "grade 3" in best["feedback"] and "follow the local spinal pathway" in best["feedback"]


def _flags_severe_example() -> str:
    """The leg-weakness flag's example of a severe weakness, read from red_flags.json: the case
    draws the emergency line where the flag does (review round 32, C M2)."""
    import re

    when = il.course().red_flags["progressive_weakness"].escalation.when
    return re.search(r"severe \(for example the ([^)]+)\)", when).group(1)


# --- clinical review round 15, part C


def test_the_septic_pulse_is_not_called_a_high_risk_sign_below_nices_mark():
    """C 1: a pulse of 130 or below was not a high-risk sign in the criteria the case once quoted.
    Since round 33 (C citation 1) the case quotes no threshold, so this pins that the pulse is named
    apart from, never among, the signs of high risk (it pinned the '130' mark before). The event's
    pulse is read from its text, so changing it keeps the feedback honest."""
    import re

    case = _case("psoas_abscess_injects")
    event = _step(case, "septic")
    readings = re.findall(r"\d+", event["text"])  # review 36 C 6: her numbers stay in the event only
    assert readings
    texts = [event["moves"][0]["feedback"], next(o for o in _options(case) if o["key"] == "dec_septic_999")["feedback"]]
    for text in texts:
        assert "a fast pulse and a low blood pressure" not in text
        assert not [n for n in readings if re.search(rf"\b{n}\b", text)], text
        assert "no numbers to compare" in text, text
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if "sign of high risk" in sentence:
                assert "pulse" not in sentence, sentence


_GO_NOW_WORDS = ("go now", "now rather than later", "not later in the day", "not later today")


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")), ids=lambda p: p.stem)
def test_a_case_says_go_now_at_its_flags_level_only_if_the_flag_does(path):
    """C 2: the level shown beside an option at the answer's level comes from the answer's
    flag; unless that flag has go_now, its label says 'Same day' and the advice 'today', so
    the case's own words must not say 'go now' (or the flag must gain go_now)."""
    case = json.loads(path.read_text(encoding="utf-8"))
    if case["answer"].get("red_flag") is None or il.course().red_flags[case["answer"]["red_flag"]].go_now:
        return  # no flag (a routine answer) or one that goes now: 'go now' is then the flag's own word
    for option in _options(case):
        if option["urgency"] == case["answer"]["urgency"]:
            words = (option["destination"] + " " + option["advice"]).lower()
            for phrase in _GO_NOW_WORDS:
                assert phrase not in words, (option["key"], phrase)


def test_the_first_femoral_examination_grades_the_knee():
    """C 3: the severity rule (grade 2 or less severe, grade 3 a major deficit on some
    pathways) can only be applied at the first decision if the first finding is graded."""
    case = _case("femoral_nerve_vs_l3l4")
    finding = _items(case)["exam_strength"]["finding"]
    assert "grade 4 out of 5 on the MRC scale" in finding and "against gravity" in finding
    best = next(o for o in _options(case) if o["key"] == "dec_clinic_spinal_today")
    assert "grade 3 or less" in best["feedback"] and _flags_severe_example() in best["feedback"]
    assert "grade 2 or less" not in best["feedback"]


@pytest.mark.parametrize("where", ["case", "scfe", "adolescent_avulsion"])
def test_the_teenagers_x_ray_goes_where_children_are_x_rayed_and_the_fracture_clinic_by_referral(where):
    """C 4: a fracture clinic takes referrals only, and not every urgent treatment centre
    X-rays or treats children: the place is the emergency department or a centre that can."""
    if where == "case":
        destination = next(o for o in _options(_case("teen_kick_avulsion")) if o["key"] == "dec_xray_today")[
            "destination"
        ]
    else:
        destination = il.course().red_flags[where].destination
    assert "or fracture clinic today" not in destination
    assert "emergency department" in destination
    if where != "case":  # round 23 A minor 1: a same-day emergency department means now
        assert destination.startswith("Now, not later in the day: an emergency department"), where
    if where == "case":  # round 46, C minor 1: an ovary not yet excluded rules a centre out for her
        assert "Not an urgent treatment centre" in destination and "cannot assess an ovary" in destination
    else:
        assert "urgent treatment centre that can X-ray" in destination and "phone first" in destination
    assert "fracture clinic" in destination and "referral" in destination


def test_no_destination_sends_anyone_to_a_fracture_clinic_without_a_referral():
    """Round 15 (destination wording): a fracture clinic takes referrals only, and not every
    urgent treatment centre can X-ray, so no flag, practice case, quiz explanation, case or
    urgency text offers "an emergency department, urgent treatment centre or fracture clinic"."""
    data = Path(il.__file__).parent / "data"
    for path in sorted(data.rglob("*.json")):
        assert "urgent treatment centre or fracture clinic" not in path.read_text(encoding="utf-8"), path.name
    flags = il.course().red_flags
    for key in ("cancer_bone_pain", "adult_avulsion", "runner_stress_fracture"):
        destination = flags[key].destination
        assert "urgent treatment centre that can X-ray" in destination and "phone first" in destination, key
        assert "fracture clinic" in destination and "referral" in destination, key
    cancer = flags["cancer_bone_pain"].destination
    assert cancer.startswith("Now, not later in the day: the person's cancer team")
    assert cancer.index("cancer team") < cancer.index("emergency department")


# --- clinical review round 16, part C


def _all_cases() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.json"))}


def test_one_pregnancy_rule_across_cases_essential_in_anyone_who_could_be_pregnant():
    """C 2: the injecting woman's case made the pregnancy question essential and the 14-year-old's
    made it optional; one rule now holds: wherever a case asks it, it is essential and says so,
    and the missing-essentials message names it."""
    asked = []
    for key, case in _all_cases().items():
        for item in _items(case).values():
            if "pregnant" in item["label"].lower():
                asked.append(key)
                assert item["essential"], (key, item["key"])
                assert item["feedback"].startswith("Essential in anyone who could be pregnant"), (key, item["key"])
                missing = next(r for r in case["rules"] if r["when"].get("essential_missing"))
                assert "pregnan" in missing["then"]["message"], key
    assert {"teen_kick_avulsion", "psoas_abscess_injects"} <= set(asked)


def test_a_superseded_reference_is_cited_in_a_case_step_only_beside_its_successor():
    """C 6: AAOS 2010 (superseded by TUBB2020, the 2019 guideline) supported the best decision
    and the aspiration; a step may cite a superseded source only with the current one beside it,
    and the hip-replacement case's aspiration and best decision cite only the current one."""
    data = json.loads((ROOT / "iliopsoas_lessons" / "data" / "references.json").read_text(encoding="utf-8"))
    refs = {r["key"]: r for r in data["references"]}
    for key, case in _all_cases().items():
        for entry in list(_items(case).values()) + _options(case):
            for ref in entry.get("references", []):
                if refs[ref].get("status") == "superseded":
                    assert refs[ref]["superseded_by"] in entry["references"], (key, entry["key"], ref)
    hip = _case("groin_after_hip_replacement")
    aspiration = _items(hip)["inv_aspiration"]["references"]
    best = next(o for o in _options(hip) if o["verdict"] == "best")["references"]
    for cited in (aspiration, best):
        assert "TUBB2020" in cited and "AAOS-PJI2010" not in cited
    assert "TUBB2020" in hip["references"] and "AAOS-PJI2010" not in hip["references"]


def test_the_hip_replacement_case_asks_about_blood_thinners_and_names_a_fall_in_the_safety_net():
    """C 1 and C 4: new groin pain on an anticoagulant is the emergency bleeding sign, so the
    question is essential; a fall is one of the flag's own escalations, so both same-day
    options name it, even if she can still walk."""
    hip = _case("groin_after_hip_replacement")
    medicines = _items(hip)["ask_medicines"]
    assert medicines["essential"] and medicines["feedback"].startswith("Essential")
    missing = next(r for r in hip["rules"] if r["when"].get("essential_missing"))
    assert "blood thinners" in missing["then"]["message"]
    for option in _options(hip):
        if option["verdict"] in ("best", "acceptable"):
            assert "falls" in option["advice"] and "still walk" in option["advice"], option["key"]
            # review 27 C 6: the fall advice rests on the fall flag's nhs.uk source, not on CG124,
            # which covers people already suspected of a hip fracture
            assert "NHS-HIPFRACTURE" in option["references"], option["key"]
    assert "CG124" not in json.dumps(hip)
    # review 26 C 2: the infection sign is shown where her risk factors are asked, and looked
    # for where fever is asked
    items = _items(hip)
    assert items["ask_infection_route"]["flags_shown"] == ["infection"]
    assert "infection" in items["ask_fever"]["flags_checked"]


def test_the_iliacus_case_does_not_say_a_weak_thigh_is_never_a_strain_and_cites_what_fits():
    """C 3, C 7 and C 8: a strain can itself bleed; DDIN2021 (injecting) does not cover a catheter's
    bleed; NG156 covers only the aneurysm half of the blood-loss sentences, PMJ the muscle bleed."""
    case = _case("iliacus_haematoma_anticoag")
    strain = next(o for o in _options(case) if o["key"] == "dec_strain")["feedback"]
    assert "never a strain" not in strain and "until a scan shows otherwise" in strain
    items = _items(case)
    assert "DDIN2021" not in items["ask_groin_procedure"]["references"]
    assert "PMJ" in items["ask_groin_procedure"]["references"]  # review 36 C 4: no longer uncited
    for key in ("ask_faint", "exam_observations"):
        assert {"PMJ", "NG156"} <= set(items[key]["references"]), key


def test_the_nerve_or_root_case_names_diabetic_amyotrophy_as_plexus_and_roots():
    """C 5: the usual diabetic cause of a painful weak thigh is a plexus-and-root disorder, not the
    femoral nerve alone."""
    notes = _case("femoral_nerve_vs_l3l4")["teacher_notes"]
    assert "a catheter in the groin, diabetes)" not in notes
    assert "diabetic amyotrophy" in notes and "plexus and roots" in notes and "adductors" in notes


# --- clinical review round 17, part C


def _same_day_cases() -> list[str]:
    return [key for key, case in _all_cases().items() if case["answer"]["urgency"] == "same_day"]


@pytest.mark.parametrize(
    ("key", "slow_path"),
    [
        (
            "femoral_nerve_vs_l3l4",
            ["go_examine", "go_tests", "inv_ct_pelvis", "go_decide", "dec_clinic_spinal_today"],
        ),
        ("teen_kick_avulsion", ["go_examine", "go_tests", "inv_bloods", "go_decide", "dec_xray_today"]),
    ],
)
def test_a_day_lost_on_tests_before_a_same_day_decision_is_told(key, slow_path):
    """C 1: a day of tests before a same-day decision used to pass without a word (the first time
    rule fired at a week or four weeks); a rule at one day now tells the learner the decision is late,
    and a path that spends no day on tests does not hear it."""
    case = load_case_file(CASES / f"{key}.json", il.course())
    rule = next(r for r in _all_cases()[key]["rules"] if r["key"] == "same_day_passed")
    assert rule["when"] == {"counter": "minutes", "at_least": 1440}
    slow = engine.replay(case, slow_path)
    assert slow.ended and "same_day_passed" in slow.fired
    assert any("a day late" in message for message in slow.messages)
    quick = engine.replay(case, [step for step in slow_path if not step.startswith("inv_")])
    assert quick.ended and "same_day_passed" not in quick.fired


def test_every_urgent_case_warns_a_learner_who_spends_a_day_on_tests():
    """C 1, one rule across cases: in a same-day or emergency case, any choice of items that adds up
    to a day or more also reaches a minutes rule (all items are counted together, more than any one
    path can choose, so the check is stricter than the cases need)."""
    for key, case in _all_cases().items():
        if case["answer"]["urgency"] not in ("same_day", "emergency"):
            continue
        totals = {0}
        for item in (i for s in case["steps"] for i in s.get("items", [])):
            totals |= {t + item["minutes"] for t in totals}
        late = [t for t in totals if t >= 1440]
        if not late:
            continue
        thresholds = [r["when"]["at_least"] for r in case["rules"] if r["when"].get("counter") == "minutes"]
        assert thresholds and min(thresholds) <= min(late), (key, min(late))


def test_one_blood_thinner_rule_across_cases_the_question_is_essential_wherever_asked():
    """C 2: a blood thinner with new groin pain is the bleeding emergency; the dancer case asked about
    it as an optional question while three other cases made it essential. Wherever a case asks about
    blood thinners it is essential and the missing-essentials message names them."""
    asked = []
    for key, case in _all_cases().items():
        for item in _items(case).values():
            if "blood thinner" in item["label"].lower():
                asked.append(key)
                assert item.get("essential"), (key, item["key"])
                missing = next(r for r in case["rules"] if r["when"].get("essential_missing"))
                assert "blood thinner" in missing["then"]["message"], key
    assert "dancer_snapping_hip" in asked
    assert _items(_case("dancer_snapping_hip"))["ask_medicines"]["feedback"].startswith("Essential")


def test_the_spinal_team_mri_item_does_not_say_the_team_was_already_contacted():
    """C 3: the tests step comes before the decision, so the MRI item cannot report the spinal team
    as contacted or the scan as done; it says the scan is the team's choice after the referral and
    costs no day on the clock."""
    item = _items(_case("femoral_nerve_vs_l3l4"))["inv_mri_spinal_team"]
    assert "contacted" not in item["finding"] and "disc prolapse" not in item["finding"]
    assert "once you have referred her" in item["finding"] and "not ordered from the clinic" in item["finding"]
    assert item["label"].startswith("Ask whether the spinal team") and item["minutes"] <= 5


def test_the_young_man_with_groin_ache_is_asked_about_his_testicles():
    # a painless testicular lump can come with only a dull groin ache (the
    # testicular_lump flag): the full screen of a man of 21 asks, and says why
    dancer = _case("dancer_snapping_hip")
    item = _items(dancer)["ask_testicles"]
    assert item["essential"] is True
    assert "48 hours" in item["feedback"] and "emergency" in item["feedback"]
    assert (
        "testicles"
        in next(r for r in dancer["rules"] if r["key"] == "essential_missing_at_decision")["then"]["message"]
    )


# --- clinical review round 18, part C


def test_the_septic_event_shows_mottled_skin_and_both_feedbacks_name_it_a_high_risk_sign():
    """M1: mottled or ashen skin is itself one of NICE's high-risk sepsis criteria, and the one
    anyone can see without equipment; the event showed it as 'blotchy' and the feedback left it out."""
    case = _case("psoas_abscess_injects")
    septic = next(s for s in case["steps"] if s["key"] == "septic")
    assert "pale and mottled" in septic["text"] and "blotchy" not in septic["text"]
    move = next(m for m in septic["moves"] if m["key"] == "go_decide_septic")
    best = next(o for o in _options(case) if o["key"] == "dec_septic_999")
    for feedback in (move["feedback"], best["feedback"]):
        # round 33: 'a sign of high risk of severe illness' replaced NG51's 'high-risk criteria'
        assert "mottled skin" in feedback and "sign of high risk of severe illness" in feedback


def test_the_iliacus_examination_looks_for_a_trapped_hernia_after_the_lift():
    """M2: a heavy lift with new groin and lower-belly pain is also the story of a trapped hernia
    (the strangulated_hernia flag, an emergency); the groin was felt for a pulsing lump only."""
    item = _items(_case("iliacus_haematoma_anticoag"))["exam_belly_groin"]
    assert "reducible or not" in item["finding"] and "hernia" in item["finding"]
    missing = next(r for r in _case("iliacus_haematoma_anticoag")["rules"] if r["when"].get("essential_missing"))
    assert "trapped hernia" in missing["then"]["message"]
    # cited to a current source of the trapped-hernia flag itself (HerniaSurge 2018 is superseded)
    flag = next(
        f
        for f in json.loads((ROOT / "iliopsoas_lessons" / "data" / "red_flags.json").read_text(encoding="utf-8"))[
            "red_flags"
        ]
        if f["key"] == "strangulated_hernia"
    )
    assert "trapped hernia" in item["feedback"]
    assert set(item["references"]) & (set(flag["reason"]["references"]) - {"HERNIASURGE2018"})


def test_the_adductors_root_supply_is_given_with_its_caveat():
    """M3: myotome charts differ on the adductors; the obturator nerve carries L2-L4."""
    case = _case("femoral_nerve_vs_l3l4")
    for text in (_items(case)["exam_strength"]["feedback"], case["teacher_notes"]):
        assert "mostly on L2 and L3" not in text
        assert "obturator nerve carries L2-L4, and charts differ" in text
        assert "a single L4 root can spare them" in text


def test_the_hip_replacement_notes_say_go_now_and_leave_any_later_slot_to_the_team():
    """M4: what must not come first is tendon exercise or antibiotics before CRP, ESR and X-rays.
    Round 29 C minor 1 and 2: the notes no longer call a wait of a few days acceptable (the
    level is go now, and an urgent slot is the operating team's triage decision, not the
    referrer's), and neither they nor the flag send her to a fracture clinic, which takes
    no walk-in patients."""
    notes = _case("groin_after_hip_replacement")["teacher_notes"]
    assert "within a few days" not in notes and "chosen threshold" not in notes
    assert "go now, not later in the day" in notes and "their triage decision, not the referrer's" in notes
    assert "tendon exercise or antibiotics, before the CRP, ESR and X-rays" in notes
    destination = il.red_flag("hip_replacement_complication").destination
    for text in (notes, destination):
        assert "arthroplasty or fracture clinic" not in text and "phoned first" in text
    assert destination.startswith("Now, not later in the day: an emergency department")
    assert "one of the commonest" in _items(_case("femoral_nerve_vs_l3l4"))["ask_diabetes"]["feedback"]
    why = _case("dancer_snapping_hip")["answer"]["why"]
    assert "painless examination" not in why and "painless hopping" in why and "reproduce his pain" in why


def _cited_feedback():
    for key, case in _all_cases().items():
        for step in case["steps"]:
            for node in step.get("items", []) + step.get("options", []) + step.get("moves", []):
                if node.get("references"):
                    yield key, node


def test_a_case_urgency_statement_does_not_rest_first_on_the_pmj_case_quiz():
    """C1: Sanyal & Banerjee 2002 (PMJ) is a two-page self-assessment case; it supports the clinical
    picture of an iliopsoas bleed, not a triage level. A feedback that cites it first and states a
    level says the level is these lessons' warning sign; where the level's own authority is cited
    (nhs.uk on anticoagulants or A&E), that comes before PMJ."""
    level_words = ("emergency", "urgen", "same-day level", "ambulance")
    checked = 0
    for key, node in _cited_feedback():
        refs, text = node["references"], node["feedback"]
        if "PMJ" not in refs or not any(w in text for w in level_words):
            continue
        checked += 1
        assert refs[0] != "PMJ" or "these lessons'" in text, (key, node["key"])
        for authority in ("NHS-ANTICOAG", "NHS-AE"):
            if authority in refs:
                assert refs.index(authority) < refs.index("PMJ"), (key, node["key"])
    assert checked >= 8
    medicines = _items(_case("iliacus_haematoma_anticoag"))["ask_medicines"]
    assert medicines["references"][0] == "NHS-ANTICOAG"
    assert "these lessons' emergency warning sign of a bleed (lesson 04)" in medicines["feedback"]


def test_the_child_limp_practice_case_gives_the_flag_s_48_hours():
    cases = json.loads((ROOT / "iliopsoas_lessons" / "data" / "lessons" / "red_flag_cases.json").read_text("utf-8"))
    limp = next(c for c in cases["cases"] if c["key"] == "limp_after_trip")
    assert "after 48 hours (2 days)" in limp["reason"] and "2 to 3 days" not in limp["reason"]


def test_a_superseded_source_in_a_cases_list_is_named_as_superseded_in_the_case():
    """Left over from round 18: the hip-replacement case listed AAOS 2010 among its sources
    with nothing in the case saying it no longer stands; the sheet prints the citation alone."""
    data = json.loads((ROOT / "iliopsoas_lessons" / "data" / "references.json").read_text(encoding="utf-8"))
    refs = {r["key"]: r for r in data["references"]}
    for key, case in _all_cases().items():
        for ref in case["references"]:
            if refs[ref].get("status") == "superseded":
                assert refs[ref]["superseded_by"] in case["references"], (key, ref)
                assert "superseded" in case["teacher_notes"], (key, ref)


# --- Clinical review round 20, part C minor: new groin pain after a needle in the groin is also in the
# bleeding flag, so the abscess case must say why this picture is infection, and what would make it a bleed


def test_the_groin_injector_case_says_why_infection_not_a_bleed_and_what_would_make_it_one():
    case = _case("psoas_abscess_injects")
    groin = _items(case)["exam_groin"]
    for where, text in (("exam_groin feedback", groin["feedback"]), ("teacher_notes", case["teacher_notes"])):
        assert "needle in the groin" in text, where  # the bleeding flag's own words, met head-on
        for sign in ("fever", "hip held bent", "grows or pulses"):  # why infection
            assert sign in text, (where, sign)
        assert "faint" in text and "false-aneurysm emergency" in text and "999" in text, where
    assert "PMJ" in groin["references"]  # bleeding after a needle or catheter in the groin
    assert "needle in the groin" in il.course().red_flags["bleeding"].signs[0]


# --- Clinical review round 28, part C M1: the bleeding sign's groin needle is a medical catheter or a
# needle into the artery; after injecting, it asks for a growing or pulsing swelling or faintness, and
# groin pain with a fever after injecting is the infection sign (go now), so the two levels do not clash


def test_the_bleeding_signs_groin_needle_is_qualified_and_points_fever_after_injecting_to_infection():
    bleed = il.course().red_flags["bleeding"]
    assert "medical catheter or needle in the groin" in bleed.signs[0]
    assert "hit the artery" in bleed.signs[0]  # an arterial puncture still counts, whoever made it
    injecting = [s for s in bleed.signs if s.startswith("after injecting")]
    assert len(injecting) == 1, bleed.signs
    for sign in ("grows or pulses", "bruise that spreads", "faint", "even with a fever", "infection warning sign"):
        assert sign in injecting[0], sign  # no under-triage of a real bleed; fever alone goes to infection
    assert "grows or pulses" in bleed.in_short and "infection sign" in bleed.in_short
    infection = il.course().red_flags["infection"]
    assert infection.go_now and "injects drugs" in infection.signs[1]
    case = _case("psoas_abscess_injects")
    for where, text in (("exam_groin", _items(case)["exam_groin"]["feedback"]), ("notes", case["teacher_notes"])):
        assert "medical catheter or needle in the groin" in text and "infection sign" in text, where


# --- clinical review round 21, part C: the medicines and blood-thinner question in every case


def test_every_case_asks_an_essential_medicines_and_blood_thinner_question():
    """Minors 1 and 2: the dancer case calls the medicines question 'Essential in every case', but the
    groin injector (whose feedback leaned on 'no blood thinner') and the teenager were never asked it.
    Every case now asks it in its history, as an essential item citing the anticoagulant page first,
    and the engine's missing-essentials message names it when it is left out."""
    for key, raw in _all_cases().items():
        history = next(s for s in raw["steps"] if s["kind"] == "history")
        asked = [i for i in history["items"] if "blood thinner" in i["label"].lower()]
        assert asked, f"{key}: no history question about blood thinners"
        item = asked[0]
        assert item["essential"] is True and item["feedback"].startswith("Essential"), key
        assert item["references"][0] == "NHS-ANTICOAG", key
        assert "these lessons' emergency warning sign of a bleed" in item["feedback"], key
        case = load_case_file(CASES / f"{key}.json", il.course())
        assert item["label"] in engine.missing_note(case, []), key
        missing = next(r for r in raw["rules"] if r["when"].get("essential_missing"))
        assert "blood thinner" in missing["then"]["message"], key


def test_the_groin_injector_is_asked_about_medicines_before_no_blood_thinner_is_taught():
    """Minor 1: 'no blood thinner' separates infection from a bleed only if the learner asked."""
    case = _case("psoas_abscess_injects")
    item = _items(case)["ask_medicines"]
    assert "clot" in item["label"]
    assert "never taken a blood thinner" in item["finding"] and "clot" in item["finding"]
    assert "MACKENZIE2000" in item["references"]
    assert "when asked about her medicines" in _items(case)["exam_groin"]["feedback"]


def test_the_teenager_is_asked_about_a_bleeding_disorder_in_her_or_her_family():
    """Minor 2: the bleeding flag covers haemophilia and other bleeding tendencies."""
    item = _items(_case("teen_kick_avulsion"))["ask_medicines"]
    assert "bleeding problem" in item["label"] and "family" in item["label"]
    assert "haemophilia" in item["feedback"] and "bleeding disorder" in item["finding"]


def test_the_groin_injector_handover_asks_the_team_to_check_for_infective_endocarditis():
    """Minor 3: fever with a deep abscess in someone who injects: the receiving team checks the heart."""
    case = _case("psoas_abscess_injects")
    best = next(o for o in _options(case) if o["key"] == "dec_hospital_today")
    for where, text in (("handover", best["destination"]), ("teacher_notes", case["teacher_notes"])):
        assert "infective endocarditis" in text, where
        assert "new murmur" in text and "echocardiogram" in text and "blood cultures" in text, where


# --- clinical review round 22, part C


def test_the_iliacus_bleed_does_not_use_strong_adductors_to_rule_out_an_l4_root():
    """Minor 1: a single L4 root can spare the adductors (they draw mostly on L2-L3), as
    examination.json and the femoral-nerve case teach; strong ankle lifting is what separates
    the femoral nerve from the L4 root here."""
    case = _case("iliacus_haematoma_anticoag")
    items = _items(case)
    strength, mri = items["exam_strength"]["feedback"], items["inv_mri_spine"]["feedback"]
    assert "strong adductors and strong ankle lifting points to the femoral nerve" not in strength.lower()
    assert "Strong adductors and ankle lifting point to the femoral nerve" not in mri
    assert "Adductors stay strong (the obturator nerve is spared), which points" not in case["teacher_notes"]
    for where, text in (("exam_strength", strength), ("inv_mri_spine", mri), ("teacher_notes", case["teacher_notes"])):
        # round 24, C minor 3: tibialis anterior is L4 and L5, as examination.json says
        assert "tibialis anterior" in text and "mainly L4, with L5, through the peroneal nerve" in text, where
    for where, text in (("exam_strength", strength), ("teacher_notes", case["teacher_notes"])):
        assert "a single L4 root" in text and "can spare them" in text, where


def test_the_teenagers_no_weight_emergency_goes_where_the_flag_sends_it():
    """Minor 2: cannot_bear_weight sends the person to 999 or an emergency department, not
    only by ambulance; the over-triage feedback and the best option's safety net say so."""
    flag = il.course().red_flags["cannot_bear_weight"]
    place = flag.destination.split(",")[0]
    assert place == "999 or an emergency department now"
    options = {o["key"]: o for o in _options(_case("teen_kick_avulsion"))}
    feedback = options["dec_999"]["feedback"]
    assert "An ambulance would be right" not in feedback
    assert place in feedback
    assert "call an ambulance if she cannot" in feedback
    assert place in options["dec_xray_today"]["advice"]


def test_the_femoral_case_says_what_the_lothian_guidance_says_about_grade_3():
    """Citation 3: NHS Lothian asks for a worsening root weakness of grade 3 or less to be
    discussed with the on-call neurosurgical registrar; no cited source sends it straight to
    the emergency department, so the case must not claim a pathway that does."""
    case = _case("femoral_nerve_vs_l3l4")
    options = {o["key"]: o for o in _options(case)}
    texts = {
        "dec_clinic_spinal_today": options["dec_clinic_spinal_today"]["feedback"],
        "dec_late_spinal_today": options["dec_late_spinal_today"]["feedback"],
        "teacher_notes": case["teacher_notes"],
    }
    for where, text in texts.items():
        assert "straight to the emergency department" not in text, where
        assert "would send her to the emergency department" not in text, where
        assert "grade 3 or less" in text and "on-call neurosurgical registrar" in text, where
        assert "NHS Lothian" in text, where
    for key in ("dec_clinic_spinal_today", "dec_late_spinal_today"):
        assert "LOTHIAN-SPINE" in options[key]["references"], key
    assert "major motor deficit there" not in options["dec_late_ed_now"]["feedback"]


# --- clinical review round 23, part C


def test_the_abscess_case_sends_her_straight_from_the_clinic_not_within_hours():
    """C 1: the same-day scale says a sign naming an emergency department means going straight
    away, so the best option, its advice and the answer must not let her leave it for hours."""
    case = _case("psoas_abscess_injects")
    best = next(o for o in _options(case) if o["key"] == "dec_hospital_today")
    for text in (best["destination"], best["advice"], case["answer"]["why"]):
        assert "within hours" not in text and "straight from the clinic" in text, text
    assert "emergency department" in best["destination"]


def test_the_abscess_case_does_not_wait_for_cultures_before_an_echocardiogram():
    """C 4: echocardiography follows a clinical suspicion of endocarditis (a new murmur among
    others), not only bacteria grown in the blood cultures."""
    case = _case("psoas_abscess_injects")
    best = next(o for o in _options(case) if o["key"] == "dec_hospital_today")
    for text in (best["destination"], case["teacher_notes"]):
        assert "an echocardiogram if the cultures grow bacteria" not in text
        assert "new murmur is heard" in text and "suspects endocarditis" in text, text


def test_the_femoral_case_lets_the_learner_ask_about_diabetes_it_teaches():
    """C 2: the teacher notes discuss diabetic amyotrophy, so a question asks about diabetes,
    with feedback saying why it matters."""
    case = _case("femoral_nerve_vs_l3l4")
    assert "amyotrophy" in case["teacher_notes"]
    item = _items(case)["ask_diabetes"]
    assert "diabetes" in item["label"].lower() and item["finding"].startswith("No")
    assert "amyotrophy" in item["feedback"] and "weak knee" in item["feedback"]
    assert load_case_file(CASES / "femoral_nerve_vs_l3l4.json", il.course()).key == "femoral_nerve_vs_l3l4"


def test_the_femoral_case_names_a_high_femoral_lesion_among_the_causes_of_weak_hip_flexion():
    """C 3: examination.json's nerve-or-root table weakens hip flexion with a femoral lesion high
    in the pelvis (a bleed into the iliacus), so the case's list includes it."""
    case = _case("femoral_nerve_vs_l3l4")
    feedback = _items(case)["exam_resisted_flexion"]["feedback"]
    assert "femoral nerve lesion high in the pelvis" in feedback and "iliacus" in feedback
    exam = json.loads((ROOT / "iliopsoas_lessons" / "data" / "examination.json").read_text(encoding="utf-8"))
    assert "iliacus" in json.dumps(exam["nerve_or_root"])  # the table this list agrees with


def test_the_hip_replacement_case_takes_a_full_set_of_observations():
    """C 5: a possible implant infection is screened with a structured set of observations, as
    NICE's sepsis guidance asks and the other cases do, not with temperature and pulse alone."""
    hip = _case("groin_after_hip_replacement")
    obs = _items(hip)["exam_observations"]
    assert obs["essential"]
    for word in ("temperature", "pulse", "breathing", "blood pressure", "oxygen", "alert"):
        assert word in obs["label"], word
    for word in ("°C", "pulse", "breathing", "blood pressure", "oxygen saturation", "confusion"):
        assert word in obs["finding"], word
    assert "NG253" in obs["references"] and "low-grade infection" in obs["feedback"]
    missing = next(r for r in hip["rules"] if r["when"].get("essential_missing"))
    assert "her observations" in missing["then"]["message"]


def test_no_case_offers_an_emergency_department_for_today():
    """Round 23, A 1 (and its follow-up in the cases): at the same-day level an emergency
    department means going now (urgency.json), so no case text sends someone there 'today'."""
    from iliopsoas_lessons.content.checks import _ED_TODAY

    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)

    for key, case in _all_cases().items():
        found = [m.group(0) for text in strings(case) for m in _ED_TODAY.finditer(text)]
        assert found == [], (key, found)
    assert _ED_TODAY.search("An emergency department today, with your letter.")  # the check can fail
    infection = il.red_flag("infection")
    assert infection.destination.startswith("Now, not later in the day: hospital")
    assert "Go now, not later in the day" in infection.interim_advice


def test_the_psoas_case_does_not_call_a_new_limp_low_risk():
    """Round 24, C minor 2: her normal observations alone do not make her low risk; round 44, C C1:
    the infection warning sign decides where she goes, not a risk grade from NG51's criteria."""
    feedback = _items(_case("psoas_abscess_injects"))["exam_observations"]["feedback"]
    assert "low risk" not in feedback and "moderate-to-high-risk criteria for sepsis" not in feedback
    assert "the infection warning sign" in feedback and "already decides it" in feedback
    assert "hospital now, not later in the day" in feedback


@pytest.mark.parametrize("key", ["femoral_nerve_vs_l3l4", "iliacus_haematoma_anticoag"])
def test_tibialis_anterior_is_given_as_mainly_l4_with_l5(key):
    """Round 24, C minor 3: examination.json gives ankle lifting as L4-L5; the cases agree."""
    text = (CASES / f"{key}.json").read_text(encoding="utf-8")
    assert "L4 through the peroneal" not in text and "is L4 through" not in text
    assert "mainly L4, with L5" in text


def test_an_unsafe_option_at_a_go_now_flags_level_keeps_the_plain_label():
    """Round 25, C minor 4: "Same day (go now)" beside an option that waits until later in
    the day contradicts it; the safe options at that level show the flag's 'now' wording."""
    from iliopsoas_lessons.content.cases import case_level

    course = il.course()
    checked = 0
    for case in course.cases:
        flag = case.answer.red_flag
        if flag is None or not course.red_flags[flag].go_now:
            continue
        level = course.red_flags[flag].urgency
        for step in case.steps:
            for option in step.options:
                if option.urgency != level:
                    continue
                label = case_level(case, level, course, option).label
                if option.verdict == "unsafe":
                    assert label == course.urgency[level].label, (case.key, option.key)
                else:
                    assert label == course.urgency[level].now.label, (case.key, option.key)
                checked += 1
    assert checked
    # the dancer's safety net for a stress fracture (a go-now flag) says now
    dancer = json.dumps(_case("dancer_snapping_hip"))
    assert "go the same day" not in dancer and "go now, not later in the day, to an emergency" in dancer


def test_the_weak_leg_case_makes_diabetes_essential_and_the_missing_message_names_it():
    """Review 27 C minor 2 (and 26 C minor 3): diabetes can make her worsening pain the
    infection sign and, with a weak leg, an emergency, so it is an essential question."""
    case = _case("femoral_nerve_vs_l3l4")
    assert _items(case)["ask_diabetes"]["essential"] is True
    rule = next(r for r in case["rules"] if r["key"] == "essential_missing_at_decision")
    assert "diabetes" in rule["then"]["message"]


def test_the_dancers_pain_is_stable_and_the_crescendo_and_practice_variation_are_told():
    """Review 27 C minor 3 (and 26 C minor 1): the story must not read as pain first after, then
    during activity; the feedback says why it is not the crescendo, that practice on MRI differs,
    and the plan reviews him in one to two weeks with imaging if he is not better."""
    case = _case("dancer_snapping_hip")
    assert "now hurts" not in case["presenting"] and "neither has changed" in case["presenting"]
    items = _items(case)
    assert "crescendo" in items["ask_bone_stress"]["feedback"]
    options = {o["key"]: o for o in _options(case)}
    for text in (items["inv_mri"]["feedback"], options["dec_gp_48h"]["feedback"]):
        assert "Practice differs" in text and "MRI" in text
    for key in ("dec_rehab", "dec_sports_doctor"):
        assert "not clearly better at the review" in options[key]["advice"]
    assert "one to two weeks" in options["dec_rehab"]["destination"]
    assert "two to three weeks" not in json.dumps(case)


# --- Clinical review round 28, part C M2: the infection flag said every replaced hip has joint fluid
# drawn off; the orthopaedic team tests the blood, X-rays it and decides on sampling, before antibiotics


def test_the_infection_flag_makes_sampling_a_replaced_hip_a_decision_as_the_hip_case_does():
    dest = il.course().red_flags["infection"].destination
    replaced = next(part for part in dest.split(";") if "replaced hip" in part)
    for words in ("test the blood", "X-ray", "decide whether to sample the joint fluid", "before any antibiotics"):
        assert words in replaced, words
    assert "replaced hip goes to the orthopaedic team, who take a sample" not in dest
    assert "TUBB2020" in il.course().red_flags["infection"].reason.references
    aspiration = _items(_case("groin_after_hip_replacement"))["inv_aspiration"]["feedback"]
    assert "selectively" in aspiration  # the case and the flag now teach the same thing


# --- Clinical review round 28, part C M4: the psoas case's best option sent her "straight from the
# clinic" without saying how; a febrile injector with a possible deep abscess is not sent alone by bus


def test_the_groin_injectors_best_option_says_how_she_gets_to_hospital():
    best = next(o for o in _options(_case("psoas_abscess_injects")) if o["key"] == "dec_hospital_today")
    assert best["verdict"] == "best" and best["transport"] == "own"
    for words in ("staff member or friend who goes with her", "not alone on public transport", "999 on the way"):
        assert words in best["advice"], words
    assert "sign of sepsis" in best["advice"] and "NG253" in best["references"]


# --- Clinical review round 28, part C C1: CHEN2020 is a worked case on the AAOS guideline, not the
# guideline; the hip-replacement case and the infection flag cite the guideline itself, read today


def test_the_hip_replacement_case_cites_the_aaos_guideline_itself_beside_its_summary():
    guideline = il.reference("AAOS-PJI2019")
    assert guideline.evidence == "guideline" and "orthoguidelines.org" in guideline.url
    case = _case("groin_after_hip_replacement")
    for key in ("inv_aspiration", "dec_ortho_today"):
        where = {**_items(case), **{o["key"]: o for o in _options(case)}}[key]["references"]
        assert "AAOS-PJI2019" in where and "TUBB2020" in where, key
    assert "AAOS-PJI2019" in case["references"]
    assert "AAOS-PJI2019" in il.course().red_flags["infection"].reason.references


# --- Clinical review round 28, part C C2: PMJ (one self-assessment case) shows only that the picture
# is reported; reversal, bruising and the nerve's prognosis rest on sources that say them, or are softened


def test_the_one_case_pmj_quiz_does_not_carry_reversal_or_the_nerves_prognosis():
    items = {
        **_items(_case("iliacus_haematoma_anticoag")),
        **{o["key"]: o for o in _options(_case("iliacus_haematoma_anticoag"))},
    }
    assert "PMJ" not in items["dec_stop_apixaban"]["references"]
    assert "BASHEER2013" in items["dec_stop_apixaban"]["references"]  # correcting the clotting
    assert "BASHEER2013" in items["ask_medicines"]["references"]
    ultrasound = items["inv_ultrasound"]
    assert "PMJ" not in ultrasound["references"] and "KONG2012" in ultrasound["references"]
    assert "for good" not in ultrasound["feedback"] and "lasting weakness" in ultrasound["feedback"]
    assert "take days" not in items["exam_belly_groin"]["feedback"]
    assert "decide on reversal" not in items["ask_medicines"]["feedback"]
    assert "KONG2012" in il.course().red_flags["bleeding"].reason.references  # cited outside the cases too


# --- Clinical review round 28, part C C3: NG141 (cellulitis prescribing) is cited only for sending
# necrotising fasciitis to hospital; NHS-NECFASC carries the features and comes first


def test_the_groin_exam_cites_nhs_necfasc_for_the_features_and_ng141_only_for_referral():
    groin = _items(_case("psoas_abscess_injects"))["exam_groin"]
    refs_ = groin["references"]
    assert refs_.index("NHS-NECFASC") < refs_.index("NG141")
    assert (
        "NICE's cellulitis guideline lists necrotising fasciitis among the reasons to send someone to hospital"
        in (groin["feedback"])
    )


def test_the_teen_avulsion_case_makes_pressing_the_bony_points_essential():
    """Round 30, C minor 1: the tender anterior inferior iliac spine names the site, yet a
    learner could reach 'best' without pressing the bony points."""
    case = _case("teen_kick_avulsion")
    assert _items(case)["exam_bony_points"]["essential"]
    (rule,) = [r for r in case["rules"] if r["key"] == "essential_missing_at_decision"]
    assert "the bony points" in rule["then"]["message"]


def test_nhs_111_is_not_offered_as_a_way_to_reach_the_spinal_team():
    """Round 30, C minor 2: '(or NHS 111)' read as a route to the on-call spinal team;
    111 can only say where a doctor can be seen today."""
    (option,) = [o for o in _options(_case("femoral_nerve_vs_l3l4")) if o["key"] == "dec_gp_spinal_today"]
    flag = il.red_flag("progressive_weakness")
    for where, text in (("case", option["destination"]), ("flag", flag.destination)):
        assert "(or NHS 111)" not in text, where
        assert "cannot contact the spinal team itself" in text, where
    assert "NHS-111" in option["references"] and "NHS-111" in flag.reason.references


# --- round 31, part C: minor findings pinned


def test_round_31_the_abscess_case_sends_her_now_not_by_booked_transport():
    """Minor 1: the infection flag goes now; booked patient transport can take hours."""
    best = next(o for o in _options(_case("psoas_abscess_injects")) if o["key"] == "dec_hospital_today")
    assert "transport it books" not in best["advice"]
    for words in ("sends her now", "taxi", "by ambulance if nobody can go with her", "not by booked patient transport"):
        assert words in best["advice"], words


def test_round_31_the_frog_leg_view_is_the_radiographers_choice():
    """Minor 3: walking makes a slip stable by definition, but the view is the department's to choose."""
    teen = _case("teen_kick_avulsion")
    xray = _items(teen)["inv_xray_both_hips"]
    assert "frog-leg view is safe" not in xray["feedback"]
    for words in ("classed as stable", "usually take frog-leg laterals", "radiographer's choice", "'possible SCFE'"):
        assert words in xray["feedback"], words
    assert "PERRY2022" in xray["references"] and "chosen by the radiographer" in teen["teacher_notes"]


def test_round_33_the_abscess_case_judges_sepsis_by_signs_not_by_ng51s_thresholds():
    """Round 32 C1 pinned NG51's 2016 thresholds here, dated; round 33 (C citation 1) replaced them:
    the septic event is judged by the signs of high risk of severe illness, NG51 is named nowhere,
    and NG253 is cited only as NICE's current guideline for people aged 16 or over."""
    case = _case("psoas_abscess_injects")
    things = {
        t["key"]: t for s in case["steps"] for t in (*s.get("items", []), *s.get("moves", []), *s.get("options", []))
    }
    for key in ("exam_observations", "go_decide_septic", "dec_septic_999"):
        text = things[key]["feedback"]
        assert "high risk of severe illness" in text, key
        assert ("NG253, 2025" in text) or key == "go_decide_septic", key
        assert "NICE's high-risk" not in text and "NICE's moderate" not in text, key
        assert "2016" not in text and "NG51" not in text and "NEWS2" not in text, key
        assert "NG253" in things[key]["references"] and "NG51" not in things[key]["references"], key
        assert "more than 130" not in text and "above 130" not in text, key  # no replaced threshold
    septic = things["go_decide_septic"]["feedback"]
    for sign in ("New confusion", "fast breathing", "low top blood pressure", "mottled skin"):
        assert sign in septic, sign


def test_round_32_the_hospital_ct_is_named_in_the_handover_not_ordered_from_the_practice():
    """M3: the iliacus case's CT belongs to the emergency department after the referral: naming it
    costs the practice's clock almost nothing and does not give its result before the decision."""
    ct = _items(_case("iliacus_haematoma_anticoag"))["inv_ct_ed"]
    assert ct["minutes"] <= 1 and ct["cost"] == 0 and not ct["unnecessary"]
    assert "handover" in ct["label"] and "after he arrives" in ct["label"]
    assert "iliacus" not in ct["finding"] and "after your decision" in ct["finding"]


def test_round_32_the_teens_x_ray_views_and_no_weight_cite_the_scfe_review():
    """C2: PERRY2022 (an epidemiology cohort) carries the walking and blood-supply link only; the
    views and taking the weight off cite the SCFE review (AFP2025-SCFE), and the cross-table
    lateral for a child who cannot bear weight stays (round 12, m-6) pending a source read for it."""
    teen = _case("teen_kick_avulsion")
    xray, walk = (
        _items(teen)["inv_xray_both_hips"],
        next(o for o in _options(teen) if o["key"] == "dec_xray_today_walk"),
    )
    assert "AFP2025-SCFE" in xray["references"] and "AFP2025-SCFE" in walk["references"]
    assert "turn a stable slip into an unstable one" not in walk["feedback"]
    assert "no weight on the leg" in walk["feedback"] and "four times the odds" in walk["feedback"]


def test_round_34_the_teens_kick_is_told_apart_from_the_torsion_sign_and_the_ovary_is_safety_netted():
    """C Minor 1: her sudden one-sided groin pain meets the torsion flag's call-now sign word for
    word; the case says why it is judged as bone, gives the ovary a safety net, and records that the
    question looked for the flag."""
    item = _items(_case("teen_kick_avulsion"))["ask_belly_sickness"]
    sign = il.course().red_flags["ovarian_torsion"].call_now[0].sign
    # round 46: what she has and lacks, not the sign's short words, which now fit her
    assert sign not in item["feedback"] and "judged to be the bone" in item["feedback"]
    # round 62: what she has and lacks in one plain sentence, no longer the circular "What she lacks"
    assert "She has sudden one-sided groin pain, but not the pain low in the belly" in item["feedback"]
    assert "What she lacks" not in item["feedback"] and "the part she lacks" not in item["feedback"]
    for net in ("belly pain", "feeling sick or vomiting", "straight to an emergency department"):
        assert net in item["feedback"], net
    assert "ovarian_torsion" in item["flags_checked"]


def test_round_34_the_teens_best_advice_names_every_sign_that_raises_the_level():
    """C Minor 2: the best option's safety net names fever, belly pain, sickness or vomiting and
    not standing, as the other cases' best options name theirs."""
    best = next(o for o in _options(_case("teen_kick_avulsion")) if o["key"] == "dec_xray_today")
    for sign in ("cannot stand", "fever", "belly pain", "feels sick or vomits", "emergency department now"):
        assert sign in best["advice"], sign
    assert {"BOAST2022", "ACOG2019"} <= set(best["references"])


def test_round_35_the_abscess_case_makes_immune_status_essential():
    """Review round 35, C minor 1: immune status (HIV, diabetes, steroids) raises the sepsis risk
    and goes in the handover, so it is in the essential screen and the missing message names it."""
    case = _case("psoas_abscess_injects")
    item = _items(case)["ask_health"]
    assert item["essential"] is True and item["feedback"].startswith("Essential"), item["feedback"]
    assert "handover" in item["feedback"] and {"YUSUF2019", "NG253"} <= set(item["references"])
    missing = next(r for r in case["rules"] if r["when"].get("essential_missing"))
    assert "immune status" in missing["then"]["message"] and "HIV" in missing["then"]["message"]


def test_round_35_the_bleed_case_makes_a_recent_groin_procedure_essential():
    """Review round 35, C minor 2: a recent needle or catheter in the groin is a leading cause of a
    bleed or a false aneurysm on a blood thinner (the bleeding and false-aneurysm flags), so it is in
    the core screen, checks both flags, and is named in the essential-missing message."""
    case = _case("iliacus_haematoma_anticoag")
    item = _items(case)["ask_groin_procedure"]
    assert item["essential"] is True and item["feedback"].startswith("Essential"), item["feedback"]
    assert "false aneurysm" in item["feedback"] and {"bleeding", "groin_pseudoaneurysm"} <= set(item["flags_checked"])
    missing = next(r for r in case["rules"] if r["when"].get("essential_missing"))
    assert "needle or catheter in the groin" in missing["then"]["message"]


def test_round_35_the_hip_replacement_best_option_phones_the_operating_team_first():
    """Review round 35, C minor 3: a well patient weeks after a hip replacement is usually seen by
    the operating team after a phone call; the emergency department is the fallback, not an equal."""
    hip = _case("groin_after_hip_replacement")
    best = next(o for o in _options(hip) if o["verdict"] == "best")
    dest = best["destination"]
    assert best["urgency"] == hip["answer"]["urgency"] == "same_day"
    assert dest.index("phone the operating hospital") < dest.index("emergency department")
    assert "cannot be reached" in dest and "phoned first" in hip["answer"]["why"]


def test_round_38_the_abscess_case_counts_her_new_limp_as_a_moderate_to_high_risk_sign():
    """Review round 38, C major 1: her new limp is an acute deterioration in function, a NICE
    moderate-to-high risk sign, so no text of the case may say she meets no NICE criteria, and the
    999 option says why hospital now, by the fastest safe route, is right and when it becomes 999."""
    case = _case("psoas_abscess_injects")
    text = json.dumps(case)
    assert "meets none of NICE" not in text and "none of NICE's" not in text
    over = next(o for o in _options(case) if o["key"] == "dec_999_now")
    for words in ("infection warning sign itself", "fastest safe route", "999 call"):
        assert words in over["feedback"], words
    # round 44, C C1: the infection sign, not a risk grade on NG51's criterion, decides where she goes
    for part in (case["answer"]["why"], case["teacher_notes"], _items(case)["exam_observations"]["feedback"]):
        assert "infection warning sign" in part and "moderate-to-high" not in part
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    lesson_06 = " ".join(guide[guide.index("## Lesson 06") : guide.index("## Exporting the quiz")].split())
    assert "infection warning sign alone" in lesson_06 and "moderate-to-high" not in lesson_06


def test_round_38_the_dancers_thomas_test_agrees_with_its_sources_and_stays_contested():
    """Review round 38, C minor 2: CADY2022 (cited) found good agreement for the iliopsoas (0.78);
    examination.json marks the test's accuracy contested, so the case says both, not 'only fair'."""
    item = _items(_case("dancer_snapping_hip"))["exam_thomas"]
    assert "0.78" in item["feedback"] and "0.39" in item["feedback"] and "uncertain" in item["feedback"]
    assert {"CADY2022", "PEELER2007"} <= set(item["references"])


def test_round_38_the_teen_goes_to_the_emergency_department_not_an_urgent_treatment_centre():
    """Review round 38, C minor 4: the best place is the emergency department (which can also
    assess an ovary); round 46, C minor 1: an urgent treatment centre is not acceptable while a
    twisted ovary is not excluded."""
    case = _case("teen_kick_avulsion")
    best = next(o for o in _options(case) if o["key"] == "dec_xray_today")
    assert best["destination"].startswith("An emergency department now")
    assert "acceptable only if" not in best["destination"] and "Not an urgent treatment centre" in best["destination"]
    assert "or an urgent treatment centre" not in case["answer"]["why"] + case["teacher_notes"]


def test_round_39_the_teens_torsion_sign_is_set_aside_not_met_and_graded_below():
    """Review round 39, C minor 1: a case at the same-day level may not say her pain meets the
    emergency-level torsion sign as written; it says why torsion is considered and set aside, and
    what would meet the sign (then an emergency department now)."""
    case = _case("teen_kick_avulsion")
    assert case["answer"]["urgency"] != il.course().red_flags["ovarian_torsion"].urgency
    text = json.dumps(case)
    assert "as written" not in text and "does not cancel a warning sign" not in text
    for part in (case["answer"]["why"], case["teacher_notes"], _items(case)["ask_belly_sickness"]["feedback"]):
        assert "not met" in part or "does not meet" in part, part
        for reason in ("pop", "tender bony point", "no belly pain"):
            assert reason in part, (reason, part)
    feedback = _items(case)["ask_belly_sickness"]["feedback"]
    assert "the sign is met: that is an emergency" in feedback and "emergency department now" in feedback
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    lesson_06 = guide[guide.index("## Lesson 06") : guide.index("## Exporting the quiz")]
    # round 62: "it" became unclear once the circular sentence went, so the sign is named
    assert "as written" not in lesson_06 and "do not meet the torsion warning sign" in lesson_06


def test_round_39_every_teen_text_agrees_the_best_place_is_the_emergency_department():
    """Review round 39, C minor 2: the X-ray finding placed her at an urgent treatment centre and an
    unsafe option called one 'the right place'; the best option sends her to the emergency
    department, a UTC only on its stated conditions, so no text may place her at a UTC by default."""
    case = _case("teen_kick_avulsion")
    assert _items(case)["inv_xray_both_hips"]["finding"].startswith(
        "About three hours later, at the emergency department:"
    )
    walk = next(o for o in _options(case) if o["key"] == "dec_xray_today_walk")
    assert "right place" not in walk["feedback"] and "cannot assess an ovary" in walk["feedback"]
    assert "at the urgent treatment centre" not in json.dumps(case)


def test_round_39_the_limp_as_moderate_to_high_risk_is_the_lessons_reading_not_nices():
    """Review round 39, C minor 3: NICE's criterion (acute deterioration of functional ability) was
    not quoted from a page read for this fix, so no text may credit NICE's grading with reading her
    new limp as moderate-to-high risk; the case and the guide say it is the lessons' reading."""
    case = _case("psoas_abscess_injects")
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    lesson_06 = " ".join(guide[guide.index("## Lesson 06") : guide.index("## Exporting the quiz")].split())
    over = next(o for o in _options(case) if o["key"] == "dec_999_now")
    for part in (json.dumps(case), lesson_06):
        assert "NICE's grading" not in part and "acute deterioration in" not in part
    for part in (case["answer"]["why"], over["feedback"], lesson_06):  # round 44, C C1: no risk grade
        assert "moderate-to-high" not in part and "infection warning sign" in part


def test_round_40_the_guide_sentence_on_the_woman_who_injects_reads_cleanly():
    """Review round 40, C minor 1 (D minor 3): a stray 'her' ('her the lessons treat') and 'hospital
    now' said twice in one sentence; the teaching point stays, said once."""
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    lesson_06 = " ".join(guide[guide.index("## Lesson 06") : guide.index("## Exporting the quiz")].split())
    start = lesson_06.index("In the woman who injects, ")
    paragraph = lesson_06[start : lesson_06.index("Watch for anchoring", start)]
    assert "her the lessons" not in paragraph and "whether or not it counts" not in paragraph
    assert paragraph.count("hospital now") == 1 and "999 call" in paragraph


def test_round_40_the_groin_injector_case_names_spinal_tuberculosis_and_an_hiv_test_now():
    """Review round 40, C minor 2: night sweats, weight loss, back pain, injecting and an HIV test over a
    year old point to spinal TB, a classic cause of a psoas abscess; it changes what the hospital does
    (TB culture of drained pus, an HIV test now), not where she goes, so weight loss stays non-essential."""
    case = _case("psoas_abscess_injects")
    items = _items(case)
    weight, health = items["ask_cancer_weight"], items["ask_health"]
    best = next(o for o in _options(case) if o["key"] == "dec_hospital_today")
    for where, text in (
        ("weight feedback", weight["feedback"]),
        ("handover", best["destination"]),
        ("teacher_notes", case["teacher_notes"]),
    ):
        assert "tuberculosis" in text.lower() and "TB culture" in text and "HIV test" in text, where
    assert "MALLICK2004" in weight["references"] and "MALLICK2004" in health["references"]
    assert "can be offered later" not in health["feedback"] and "offered in hospital now" in health["feedback"]
    assert weight["essential"] is False and case["answer"]["urgency"] == "same_day"


def test_round_40_lesson_06_says_an_essential_answer_can_change_the_place_as_well_as_the_level():
    """Review round 40, C task 3: the cases mark essential the questions whose answer can change where
    the person goes (the kidney to the urologists, the new hip to the operating team) as well as the
    level, and the cases' own reminder says so; the lesson's answer and summary said 'the level' only."""
    nb = json.loads((ROOT / "notebooks" / "06_cases.ipynb").read_text(encoding="utf-8"))
    text = " ".join(" ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").split())
    assert "whose answer can change the level or the place" in text
    assert "can change the urgency level or the place" in text and "can move the urgency level:" not in text


def test_round_42_the_dancers_thomas_test_uses_the_landis_and_koch_band_names():
    """Review round 42, C minor 1: on the Landis and Koch scale the package cites, kappa 0.78 is
    substantial (not good) and 0.39 between examiners is fair; 0.47 is within one examiner, not a
    between-examiner figure, and the later study scored photographs of a modified test."""
    thomas = _items(_case("dancer_snapping_hip"))["exam_thomas"]
    text = thomas["feedback"]
    assert "was good" not in text and "fair to moderate" not in text
    assert "substantial for the iliopsoas (kappa 0.78)" in text and "photographs of a modified" in text
    assert "only fair (kappa 0.39 between examiners; 0.47, moderate, within the same examiner)" in text
    assert "LANDIS1977" in thomas["references"] and "CADY2022" in thomas["references"]


def test_round_42_the_reason_the_limp_counts_as_moderate_to_high_risk_is_shown_everywhere():
    """Review round 42, C minor 2: 'the lessons treat her new limp as moderate-to-high risk' gave no
    reason, so it read as if NICE listed a limp; each place now names NICE's criterion (NG51's wording,
    read on 2026-12-07 in a published copy of its risk table), the lessons' mapping, and that the decision
    does not depend on it."""
    case = _case("psoas_abscess_injects")
    items = _items(case)
    over = next(o for o in _options(case) if o["key"] == "dec_999_now")
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    lesson_06 = " ".join(guide[guide.index("## Lesson 06") : guide.index("## Exporting the quiz")].split())
    nb = json.loads((ROOT / "notebooks" / "06_cases.ipynb").read_text(encoding="utf-8"))
    markdown = " ".join(" ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").split())
    for where, text in (
        ("why", case["answer"]["why"]),
        ("999", over["feedback"]),
        ("guide", lesson_06),
        ("notebook", markdown),
    ):
        # round 44, C C1: NG253's criteria could not be read, so no text grades her on NG51's criterion
        assert "functional ability" not in text and "deterioration in function" not in text, where
        assert "infection warning sign" in text, where
    observations = items["exam_observations"]
    assert "deterioration in function" not in observations["feedback"]
    assert "NG51" not in over["references"] and "NG253" in over["references"]
    assert observations["references"] == ["NG253"]


def test_round_42_the_teenagers_no_weight_advice_is_its_own_sentence_about_the_slipped_growth_plate():
    """Review round 42, C minor 3: 'with no weight on the leg until it has been read' hung on the
    torsion clause, where 'it' no longer meant the X-ray; the advice protects a possible slip, so it
    sits in the slipped-growth-plate sentence and the torsion reasoning follows on its own."""
    why = _case("teen_kick_avulsion")["answer"]["why"]
    sentences = [s.strip() for s in why.split(". ")]
    weight = [s for s in sentences if "no weight on the leg until the X-ray has been read" in s]
    assert len(weight) == 1 and "slipped capital femoral epiphysis" in weight[0]
    assert "ovary" not in weight[0] and "torsion" not in weight[0]
    torsion = next(s for s in sentences if "twisted ovary" in s)
    assert "no weight" not in torsion and "torsion sign is not met" in torsion
    assert why.index("no weight on the leg") < why.index("twisted ovary")


def test_round_42_the_hip_replacement_case_keeps_the_hip_fracture_signs_time_course():
    """Review round 42, C minor 4: with no fall the hip-fracture sign needs pain that came on suddenly
    or over the last few days (red_flags.json); the case restated it without that condition, so it
    taught a different sign from the red-flag lesson. Every restatement now keeps the condition."""
    flag = il.course().red_flags["hip_fracture_after_fall"]
    assert "came on suddenly or over the last few days" in flag.signs[0]
    case = _case("groin_after_hip_replacement")
    items = _items(case)
    texts = {
        "why": case["answer"]["why"],
        "ask_fall": items["ask_fall"]["feedback"],
        "ask_pain_pattern": items["ask_pain_pattern"]["feedback"],
        "exam_leg_gait": items["exam_leg_gait"]["feedback"],
    }
    for where, text in texts.items():
        assert "hip-fracture warning sign" in text, where
        assert "came on suddenly or over the last few days" in text, where
    for where in ("why", "ask_fall"):
        assert "however it built up" in texts[where] and "orthopaedic team now" in texts[where], where
