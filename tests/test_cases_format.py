"""The case format: the schema and the loader accept the example and refuse broken
copies, naming the file and the key path; a new case file in a course's data
folder is loaded with no code change."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons import content
from iliopsoas_lessons.content.case_loader import lesson_keys, load_case_file
from case_helpers import ROOT, VALID, example, step, write_case

SCHEMA = json.loads((ROOT / "iliopsoas_lessons" / "content" / "schemas" / "case.schema.json").read_text("utf-8"))
DATA = ROOT / "iliopsoas_lessons" / "data"


def _schema_errors(data) -> list[str]:
    return [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]


def _load(tmp_path: Path, data: dict):
    path = write_case(tmp_path / "cases", data, "fixture_runner_groin.json")
    return load_case_file(path, il.course(), lessons=lesson_keys(DATA))


@pytest.mark.parametrize("path", sorted(VALID.glob("*.json")), ids=lambda p: p.name)
def test_the_fixture_cases_pass_the_schema_and_the_loader(path):
    assert _schema_errors(json.loads(path.read_text("utf-8"))) == []
    case = load_case_file(path, il.course(), lessons=lesson_keys(DATA))
    assert case.key == path.stem and case.essential


def test_the_schemas_fixed_lists_are_the_codes():
    from iliopsoas_lessons.content import cases

    assert SCHEMA["$defs"]["urgency"]["enum"] == [level.key for level in il.urgency_levels()]
    assert tuple(SCHEMA["$defs"]["verdict"]["enum"]) == cases.VERDICTS
    assert SCHEMA["properties"]["format"]["const"] == cases.CASE_FORMAT


# (what, change, the key path the loader's message names, words it says): defects of form
BROKEN_FORM = [
    ("missing feedback", lambda d: step(d, "history")["items"][0].pop("feedback"), "steps[0].items[0]", "feedback"),
    ("empty feedback", lambda d: step(d, "decision")["options"][0].update(feedback=" "), "steps[4].options[0].feedback", "non-empty"),
    ("unknown field", lambda d: step(d, "history")["items"][0].update(hint="x"), "steps[0].items[0].hint", "unknown field"),
    ("bad verdict", lambda d: step(d, "decision")["options"][1].update(verdict="good"), "steps[4].options[1].verdict", "valid: best"),
    ("bad urgency", lambda d: step(d, "decision")["options"][1].update(urgency="soon"), "steps[4].options[1].urgency", "valid: emergency"),
    ("minutes as text", lambda d: step(d, "history")["items"][0].update(minutes="2"), "steps[0].items[0].minutes", "whole number"),
    ("negative cost", lambda d: step(d, "history")["items"][0].update(cost=-1), "steps[0].items[0].cost", "whole number"),
    ("bad kind", lambda d: step(d, "history").update(kind="triage"), "steps[0].kind", "valid: history"),
    ("key with capitals", lambda d: step(d, "history")["items"][0].update(key="Ask"), "steps[0].items[0].key", "not a key"),
    ("a test without 'shows'", lambda d: step(d, "investigations")["items"][0].pop("shows"), "steps[2].items[0]", "'shows'"),
    ("'unnecessary' on history", lambda d: step(d, "history")["items"][0].update(unnecessary=True), "steps[0].items[0].unnecessary", "unknown field"),
    ("counter without a value", lambda d: d["rules"][0]["when"].pop("at_least"), "rules[0].when", "go together"),
    ("wrong format", lambda d: d.update(format="case/2"), "format", "iliopsoas-lessons/case/1"),
    ("no references", lambda d: d.update(references=[]), "references", "at least one"),
    ("bad transport", lambda d: step(d, "decision")["options"][2].update(transport="bus"), "steps[4].options[2].transport", "valid: ambulance, own"),
    ("'unstable' on a test", lambda d: step(d, "investigations")["items"][0].update(unstable=True), "steps[2].items[0].unstable", "unknown field"),
    ("a flag key with capitals", lambda d: step(d, "history")["items"][0].update(flags_shown=["Bleeding"]), "steps[0].items[0].flags_shown[0]", "not a key"),
]  # fmt: skip


@pytest.mark.parametrize("what, change, where, words", BROKEN_FORM, ids=[b[0] for b in BROKEN_FORM])
def test_the_loader_and_the_schema_refuse_a_broken_form(tmp_path, what, change, where, words):
    data = example()
    change(data)
    with pytest.raises(il.ContentError) as refused:
        _load(tmp_path, data)
    message = str(refused.value)
    assert message.startswith("cases/fixture_runner_groin.json: ") and where in message and words in message
    assert _schema_errors(data), f"the loader refuses {what} but the schema accepts it"


# Checks only the loader can make: they look into the course's other files.
IN_CODE_ONLY = [
    ("a bad test key", lambda d: step(d, "examination")["items"][1].update(test="thomas"),
     "steps[1].items[1].test: 'thomas' is not an examination test; valid: resisted_flexion, flexor_stretch, thomas_test, knee_jerk"),
    ("a bad reference key", lambda d: step(d, "history")["items"][0].update(references=["NOPE2020"]),
     "steps[0].items[0].references: cites unknown reference 'NOPE2020'"),
    ("a goto to no step", lambda d: step(d, "history")["moves"][0].update(goto="exam"),
     "steps[0].moves[0].goto: 'exam' is not a step; valid: history, examination"),
    ("an unknown lesson", lambda d: d.update(lessons=["09_magic"]), "lessons[0]: '09_magic' is not a lesson; valid: 00_start_here"),
    ("an unknown red flag", lambda d: d["answer"].update(red_flag="dragon"), "answer.red_flag: 'dragon' is not a red flag; valid: "),
    ("an answer that disagrees with its red flag", lambda d: d["answer"].update(red_flag="cauda_equina"),
     "answer.urgency: 'routine' disagrees with red flag 'cauda_equina'"),
    ("an unsafe option marked best", lambda d: d["answer"].update(urgency="same_day"),
     "steps[4].options[0].verdict: option 'dec_physio' is 'routine', less urgent than the answer 'same_day'"),
    ("no best option", lambda d: step(d, "decision")["options"][0].update(verdict="acceptable"), "no decision option has the verdict 'best'"),
    ("a key used twice", lambda d: step(d, "examination")["items"][0].update(key="ask_onset"),
     "steps[1].items[0].key: 'ask_onset' is already used at steps[0].items[0].key"),
    ("a rule entering no step", lambda d: d["rules"][1]["when"].update(entering="decide"), "rules[1].when.entering: 'decide' is not a step"),
    ("a key that is not the file name", lambda d: d.update(key="other_case"), "key: 'other_case' must be the file name"),
    # what a finding reveals binds every decision, asked or not (round 9, PS-1)
    ("a finding showing an unknown red flag", lambda d: step(d, "history")["items"][1].update(flags_shown=["dragon"]),
     "steps[0].items[1].flags_shown[0]: 'dragon' is not a red flag; valid: "),
    ("a best option slower than a red flag a finding shows",
     lambda d: step(d, "history")["items"][1].update(flags_shown=["cauda_equina"]),
     "steps[4].options[0].verdict: option 'dec_physio' is 'routine', less urgent than red flag 'cauda_equina' "
     "('emergency') that steps[0].items[1] 'ask_bladder' shows: its verdict must be 'unsafe', not 'best'"),
    ("own transport 'acceptable' for a patient who could collapse",
     lambda d: (step(d, "examination")["items"][0].update(unstable=True), step(d, "decision")["options"][1].update(transport="own")),
     "steps[4].options[1].verdict: option 'dec_gp' sends the patient by their own means, but steps[1].items[0] "
     "'exam_resisted' shows he or she could collapse on the way: its verdict must be 'unsafe', not 'acceptable'"),
]  # fmt: skip


@pytest.mark.parametrize("what, change, words", IN_CODE_ONLY, ids=[b[0] for b in IN_CODE_ONLY])
def test_the_loader_refuses_what_the_schema_cannot_see(tmp_path, what, change, words):
    data = example()
    change(data)
    with pytest.raises(il.ContentError) as refused:
        _load(tmp_path, data)
    assert words in str(refused.value)
    assert str(refused.value).startswith("cases/")


def test_a_new_case_file_is_loaded_from_a_course_data_folder_with_no_code_change(tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(DATA, directory)
    shutil.rmtree(directory / "cases", ignore_errors=True)
    assert content.load(directory).cases == ()  # no folder: no cases, and the course loads
    (directory / "cases").mkdir()
    assert content.load(directory).cases == ()  # an empty folder too
    for path in VALID.glob("*.json"):
        shutil.copy(path, directory / "cases" / path.name)
    course = content.load(directory)
    assert [c.key for c in course.cases] == sorted(p.stem for p in VALID.glob("*.json"))
    assert course.case("fixture_runner_groin").answer.urgency == "routine"
    with pytest.raises(il.ContentError, match="unknown case 'nope'; valid case keys: fixture_runner_groin"):
        course.case("nope")


def test_a_broken_case_in_the_data_folder_stops_the_course_loading_naming_it(tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(DATA, directory)
    data = example()
    step(data, "examination")["items"][0]["test"] = "thomas"
    write_case(directory / "cases", data)
    with pytest.raises(il.ContentError, match=r"^cases/fixture_runner_groin.json: steps\[1\].items\[0\].test"):
        content.load(directory)


def test_a_reference_cited_only_by_a_case_counts_as_cited(tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(DATA, directory)
    refs = json.loads((directory / "references.json").read_text("utf-8"))
    extra = dict(refs["references"][0], key="CASEONLY2020")
    refs["references"].append(extra)
    (directory / "references.json").write_text(json.dumps(refs), encoding="utf-8")
    with pytest.raises(il.ContentError, match="never cited"):
        content.load(directory)
    data = example()
    data["references"].append("CASEONLY2020")
    write_case(directory / "cases", data)
    assert content.load(directory).case("fixture_runner_groin").references[-1] == "CASEONLY2020"


def test_own_transport_is_allowed_when_no_finding_shows_instability(tmp_path):
    data = example()
    step(data, "decision")["options"][1].update(transport="own")
    step(data, "decision")["options"][2].update(transport="ambulance")
    assert _load(tmp_path, data).step("decision").options[1].transport == "own"


def _haematoma() -> dict:
    return json.loads((DATA / "cases" / "iliacus_haematoma_anticoag.json").read_text("utf-8"))


def _load_real(tmp_path: Path, data: dict):
    path = write_case(tmp_path / "cases", data)
    return load_case_file(path, il.course(), lessons=lesson_keys(DATA))


def test_the_haematoma_case_never_sends_a_man_in_shock_by_car(tmp_path):
    """Round 9, PS-1: light-headed, pulse 104, blood pressure well below his usual: a car is unsafe,
    and the case's own findings say so, so marking it acceptable again is refused."""
    case = _load_real(tmp_path, _haematoma())
    by_car = [o for s in case.steps for o in s.options if o.transport == "own"]
    assert by_car and all(o.verdict == "unsafe" for o in by_car)
    assert any(i.unstable and i.essential for i in case.items if i.key == "ask_faint")
    data = _haematoma()
    step(data, "decision")["options"][1].update(verdict="acceptable")
    with pytest.raises(il.ContentError, match="could collapse on the way"):
        _load_real(tmp_path, data)


def test_the_haematoma_case_refuses_a_same_day_option_marked_acceptable(tmp_path):
    """Its findings show the bleeding sign, so nothing slower than an emergency may pass."""
    data = _haematoma()
    data["answer"]["red_flag"] = "progressive_weakness"  # as if the learner's reading were the case's
    data["answer"]["urgency"] = "same_day"
    step(data, "decision")["options"][2].update(verdict="acceptable")
    with pytest.raises(il.ContentError, match="less urgent than red flag 'bleeding'"):
        _load_real(tmp_path, data)


# Round 9, PS-2: a risk factor may raise suspicion but never gate a warning sign. A sentence that makes
# a sign apply "only when there is no blood thinner" (or only with one) teaches under-triage, because
# the bleeding sign's groin pain, bent hip and weak thigh count in anyone.
_RISK = re.compile(r"\b(blood thinner|anticoagulant|apixaban|warfarin|bleeding tendency)\b", re.I)
_GATE = re.compile(r"\bonly (when|if|with|without|in)\b", re.I)


def _case_texts(data: dict):
    for s in data["steps"]:
        for thing in s.get("items", []) + s.get("options", []) + s.get("moves", []):
            for field in ("finding", "feedback", "destination", "advice"):
                if field in thing:
                    yield f"{thing['key']}.{field}", thing[field]
        if "text" in s:
            yield f"{s['key']}.text", s["text"]


def gated_sentences(data: dict) -> list[str]:
    found = []
    for where, text in _case_texts(data):
        for sentence in re.split(r"(?<=[.;:!?])\s+", text):
            if _RISK.search(sentence) and _GATE.search(sentence):
                found.append(f"{where}: {sentence}")
    return found


@pytest.mark.parametrize("path", sorted((DATA / "cases").glob("*.json")), ids=lambda p: p.stem)
def test_no_case_makes_a_risk_factor_the_gate_of_a_warning_sign(path):
    assert gated_sentences(json.loads(path.read_text("utf-8"))) == []


def test_the_gate_check_finds_the_round_9_sentence():
    data = {"steps": [{"options": [{"key": "dec_spinal_today", "feedback": (
        "A new weak leg is the leg-weakness sign, at the same-day level, only when there is no blood thinner "
        "or bleeding tendency; here the anticoagulant makes it a bleed.")}]}]}  # fmt: skip
    assert gated_sentences(data) == [
        "dec_spinal_today.feedback: A new weak leg is the leg-weakness sign, at the same-day level, only when "
        "there is no blood thinner or bleeding tendency;"
    ]


def test_the_haematoma_case_says_the_bleeding_sign_counts_in_anyone():
    option = next(o for s in _haematoma()["steps"] for o in s.get("options", []) if o["key"] == "dec_spinal_today")
    assert "in anyone" in option["feedback"] and option["verdict"] == "unsafe"


def test_the_haematoma_case_gives_the_weakness_sign_its_emergency_level_on_a_blood_thinner():
    # round 43, C minor 1: red_flags.json escalates the leg-weakness sign to an emergency with a
    # blood thinner, so the feedback may not call it plain same-day for this man on apixaban
    option = next(o for s in _haematoma()["steps"] for o in s.get("options", []) if o["key"] == "dec_spinal_today")
    text = " ".join(option["feedback"].split())
    assert "at the same-day level." not in text
    assert "an emergency in someone on a blood thinner" in text


# --- review round 27, C PS1: a story of injecting into the groin brings its look-alikes ----


def _abscess() -> dict:
    return json.loads((DATA / "cases" / "psoas_abscess_injects.json").read_text("utf-8"))


def test_the_groin_injector_case_considers_every_injecting_look_alike(tmp_path):
    from iliopsoas_lessons.content.case_checks import CONTEXTS

    case = _load_real(tmp_path, _abscess())
    considered = {case.answer.red_flag} | {k for i in case.items for k in (*i.flags_shown, *i.flags_checked)}
    group = next(c for c in CONTEXTS if c.key == "injecting_into_the_groin")
    assert "necrotising_infection" in group.flags and set(group.flags) <= considered
    groin = case.choice("exam_groin")
    assert "necrotising_infection" in groin.flags_checked
    for text in (groin.label, groin.finding, groin.feedback, case.teacher_notes):
        assert "dusky" in text or "necrotising" in text


@pytest.mark.parametrize("flag", ["necrotising_infection", "groin_pseudoaneurysm", "iliofemoral_dvt", "bleeding"])
def test_a_planted_gap_in_the_injecting_look_alikes_is_refused(tmp_path, flag):
    data = _abscess()
    for s in data["steps"]:
        for item in s.get("items", []):
            for field in ("flags_checked", "flags_shown"):
                if flag in item.get(field, []):
                    item[field] = [k for k in item[field] if k != flag]
    with pytest.raises(content.ContentError, match=rf"injecting_into_the_groin.*{flag}"):
        _load_real(tmp_path, data)


def test_any_finding_that_names_groin_injecting_triggers_the_rule(tmp_path):
    data = _example_with_story("He injects heroin into his left groin.")
    with pytest.raises(content.ContentError, match=r"presenting: meets 'injecting_into_the_groin'"):
        _load(tmp_path, data)
    data = _example_with_story("He injects heroin into his arm veins.")  # no groin: no rule
    assert _load(tmp_path, data).key == "fixture_runner_groin"


def _example_with_story(text: str) -> dict:
    data = example()
    data["presenting"] = text
    return data


def test_flags_checked_must_name_red_flags(tmp_path):
    data = example()
    step(data, "history")["items"][0]["flags_checked"] = ["dragon"]
    assert _schema_errors(data) == []  # a key in form; only the loader knows the flags
    with pytest.raises(
        content.ContentError, match=r"steps\[0\]\.items\[0\]\.flags_checked\[0\]: 'dragon' is not a red flag; valid: "
    ):
        _load(tmp_path, data)


def _abscess() -> dict:
    return json.loads((DATA / "cases" / "psoas_abscess_injects.json").read_text("utf-8"))


def test_a_go_now_case_refuses_an_option_that_waits_for_booked_transport(tmp_path):
    """Round 31, minor 1: the infection flag goes now, and booked patient transport comes at a slot,
    often hours away, so a 'best' option that waits for it is refused, naming the option's transport."""
    case = _load_real(tmp_path, _abscess())
    assert all(o.transport != "booked" for s in case.steps for o in s.options if o.verdict != "unsafe")
    data = _abscess()
    step(data, "decision")["options"][0].update(transport="booked")
    with pytest.raises(il.ContentError, match=r"options\[0\]\.transport.*booked transport.*'infection' goes now"):
        _load_real(tmp_path, data)
    step(data, "decision")["options"][0].update(verdict="unsafe")  # the honest alternative passes
    assert _load_real(tmp_path, data).step("decision").options[0].transport == "booked"


def test_booked_transport_is_allowed_where_no_red_flag_goes_now(tmp_path):
    data = example()
    step(data, "decision")["options"][1].update(transport="booked")
    assert _load(tmp_path, data).step("decision").options[1].transport == "booked"


def _hip() -> dict:
    return json.loads((DATA / "cases" / "groin_after_hip_replacement.json").read_text("utf-8"))


def test_a_same_day_case_needs_a_rule_that_fires_within_a_day(tmp_path):
    """Round 31, minor 2: the hip-replacement case goes now but warned only after two weeks; a case
    whose answer is same day (or goes now) without a minutes rule at 1440 or less is refused."""
    rules = _load_real(tmp_path, _hip()).rules
    assert any(r.key == "same_day_passed" and r.counter == "minutes" and r.at_least <= 1440 for r in rules)
    data = _hip()
    data["rules"] = [r for r in data["rules"] if r["key"] != "same_day_passed"]
    with pytest.raises(il.ContentError, match=r"rules.*'same_day'.*'hip_replacement_complication' goes now.*1440"):
        _load_real(tmp_path, data)
    data["rules"][0]["when"]["at_least"] = 1441  # just over a day is still refused
    with pytest.raises(il.ContentError, match="at_least 1440 or less"):
        _load_real(tmp_path, data)
    data["rules"][0]["when"]["at_least"] = 1440
    assert _load_real(tmp_path, data).rules[0].at_least == 1440


def test_a_routine_case_needs_no_day_rule(tmp_path):
    data = example()
    assert data["answer"]["urgency"] == "routine"
    data["rules"] = [r for r in data["rules"] if "counter" not in r["when"]]
    assert all(r.counter is None for r in _load(tmp_path, data).rules)


# --- review round 32, C S1: a case names a warning sign no narrower than its flag -------------


def _item(data: dict, key: str) -> dict:
    """The history, examination or test item ``key`` of a raw case."""
    return next(i for s in data["steps"] for i in s.get("items", []) if i["key"] == key)


def _dancer() -> dict:
    return json.loads((DATA / "cases" / "dancer_snapping_hip.json").read_text("utf-8"))


def test_the_dancers_torsion_feedback_counts_any_severity(tmp_path):
    case = _load_real(tmp_path, _dancer())
    feedback = case.choice("ask_testicles").feedback
    for words in ("of any severity", "groin or low in the belly", "comes and goes", "sits higher", "emergency"):
        assert words in feedback, words
    assert "severe pain" not in feedback


@pytest.mark.parametrize(
    "sentence",
    [
        "A sudden, severe pain in a testicle is the twisted-testicle warning sign, an emergency.",
        "Excruciating pain in the scrotum may be testicular torsion.",
    ],
)
def test_a_planted_narrowed_torsion_sign_is_refused(tmp_path, sentence):
    data = _dancer()
    item = _item(data, "ask_testicles")
    item["feedback"] = sentence
    with pytest.raises(content.ContentError, match=r"items\[\d+\]\.feedback: names red flag 'testicular_torsion'"):
        _load_real(tmp_path, data)


def test_a_severity_word_is_allowed_when_the_sentence_says_any_severity_counts(tmp_path):
    data = _dancer()
    item = _item(data, "ask_testicles")
    item["feedback"] = "Pain in a testicle of any severity, mild or severe, is the twisted-testicle warning sign."
    assert _load_real(tmp_path, data).key == "dancer_snapping_hip"


# --- review round 32, C M1: one destination, one level in a case ------------------------------


def _femoral() -> dict:
    return json.loads((DATA / "cases" / "femoral_nerve_vs_l3l4.json").read_text("utf-8"))


def test_the_femoral_cases_emergency_department_now_has_one_level(tmp_path):
    case = _load_real(tmp_path, _femoral())
    levels = {o.urgency for o in case.options if o.destination == "An emergency department now, with your letter."}
    assert levels == {"same_day"}


def test_a_planted_second_level_for_the_same_destination_is_refused(tmp_path):
    data = _femoral()
    option = next(o for s in data["steps"] for o in s.get("options", []) if o["key"] == "dec_late_ed_now")
    option["urgency"] = "emergency"
    with pytest.raises(
        content.ContentError, match=r"options\[\d+\]\.urgency: 'emergency', but .*dec_ed_today.*one level"
    ):
        _load_real(tmp_path, data)


def test_the_femoral_answer_rests_on_essential_checks(tmp_path):
    """Review round 32, C M4: the knee jerk and the skin's feeling that the answer relies on
    are essential, and the essential-missing message names them."""
    case = _load_real(tmp_path, _femoral())
    for key, words in (
        ("exam_knee_jerk", "reduced knee jerk"),
        ("exam_sensation", "reduced pinprick at the inner ankle"),
    ):
        assert case.choice(key).essential, key
        assert words in case.answer.why, words
    message = next(r.message for r in case.rules if r.essential_missing)
    assert "the knee jerk" in message and "the skin's feeling" in message


# --- review round 33, C PS1 and minor 1: no fall is not a gate for the hip-fracture sign ----------


def test_the_hip_replacement_case_tests_the_fracture_sign_that_needs_no_fall(tmp_path):
    case = _load_real(tmp_path, _hip())
    for key in ("ask_fall", "ask_pain_pattern", "exam_leg_gait"):
        assert "hip_fracture_after_fall" in case.choice(key).flags_checked, key
    assert "A fall is not needed for the hip-fracture warning sign" in case.choice("ask_fall").feedback
    gait = case.choice("exam_leg_gait").finding
    assert "stands on the right leg alone" in gait and "walks on the flat without pain" in gait


def test_the_hip_replacement_answer_says_why_the_fracture_sign_does_not_apply(tmp_path):
    """Round 33, C minor 1: the explanation (printed on the debrief sheet) shows the flag was weighed."""
    case = _load_real(tmp_path, _hip())
    assert "hip-fracture warning sign" in case.answer.why and "over 65" in case.answer.why
    assert "with or without a fall" in case.answer.why and "She did not fall" not in case.answer.why


def test_an_older_persons_hip_case_that_never_looks_for_the_fracture_sign_is_refused(tmp_path):
    data = _hip()
    for s in data["steps"]:
        for item in s.get("items", []):
            if "flags_checked" in item:
                item["flags_checked"] = [k for k in item["flags_checked"] if k != "hip_fracture_after_fall"]
    with pytest.raises(
        il.ContentError, match=r"presenting: meets 'older_person_with_hip_or_groin_pain'.*hip_fracture_after_fall"
    ):
        _load_real(tmp_path, data)


@pytest.mark.parametrize(
    ("story", "refused"),
    [
        ("Joan, 81, has pain in the right groin.", "older_person"),
        ("Sam, 40, takes long-term steroids for asthma and has pain in the left hip.", "weak_bones"),
        ("Sam, 40, has pain in the left hip.", None),
        ("Sam, 66 kg, has pain in the left hip.", None),
    ],
)
def test_age_or_weak_bones_in_a_hip_story_brings_the_fracture_sign(tmp_path, story, refused):
    data = _example_with_story(story)
    if refused is None:
        assert _load(tmp_path, data).key == "fixture_runner_groin"
    else:
        with pytest.raises(il.ContentError, match=rf"presenting: meets '{refused}\w*'.*hip_fracture_after_fall"):
            _load(tmp_path, data)


def test_a_feedback_that_rules_the_fracture_out_because_she_did_not_fall_is_refused(tmp_path):
    data = _hip()
    item = _item(data, "ask_fall")
    item["feedback"] = "Essential. She did not fall, so this is not the hip-fracture-after-a-fall sign."
    with pytest.raises(il.ContentError, match=r"items\[2\]\.feedback: rules a fracture out because there was no fall"):
        _load_real(tmp_path, data)
    item["feedback"] = "Essential. She did not fall, but a fall is not needed for the fracture sign."
    assert _load_real(tmp_path, data).choice("ask_fall").flags_checked == ("hip_fracture_after_fall",)


def test_the_lesson_06_guide_warns_that_no_fall_does_not_clear_the_fracture_sign():
    guide = (ROOT / "docs" / "instructor_guide.md").read_text("utf-8")
    lesson = guide.split("## Lesson 06", 1)[1].split("\n## ", 1)[0]
    assert "no fall is needed" in " ".join(lesson.split())


def _real(key: str) -> dict:
    return json.loads((DATA / "cases" / f"{key}.json").read_text(encoding="utf-8"))


def _real_item(data: dict, key: str) -> dict:
    return next(
        x for s in data["steps"] for kind in ("items", "moves", "options") for x in s.get(kind, []) if x["key"] == key
    )


@pytest.mark.parametrize(
    ("case_key", "item_key", "field", "sentence"),
    [
        # the answer's flag ('infection') goes now: every sentence of the case speaks for it
        ("psoas_abscess_injects", "exam_log_roll", "feedback", "Either way she goes to hospital today."),
        ("teen_kick_avulsion", "inv_ultrasound", "feedback", "The X-ray is done the same day."),
        # the dancer's answer has no flag: the item that looks for a go-now flag speaks for it
        ("dancer_snapping_hip", "ask_bone_stress", "feedback", "It would mean an X-ray the same day."),
    ],
)
def test_a_go_now_flag_is_not_timed_today_or_the_same_day(tmp_path, case_key, item_key, field, sentence):
    """Review 36, C M3: feedback said 'hospital today' and 'an X-ray the same day' for flags whose
    level is now, not later in the day; a planted sentence of that kind is refused, naming the key."""
    data = _real(case_key)
    _load_real(tmp_path, data)  # the case as stored passes
    _real_item(data, item_key)[field] += " " + sentence
    with pytest.raises(il.ContentError, match=r"which goes now, not later in the day; say 'now'") as raised:
        _load_real(tmp_path, data)
    assert f"{case_key}.json" in str(raised.value) and f".{field}:" in str(raised.value)


def test_an_unsafe_option_may_still_offer_a_same_day_appointment(tmp_path):
    """The wrong answers are wrong on purpose: an unsafe 'same-day GP' option is not refused, while
    the same words in the best option are."""
    data = _real("psoas_abscess_injects")
    assert "same-day" in _real_item(data, "dec_gp_today")["destination"]
    _load_real(tmp_path, data)
    _real_item(data, "dec_hospital_today")["destination"] += " She is seen at the hospital today."
    with pytest.raises(il.ContentError, match="dec_hospital_today|options\\[0\\]\\.destination"):
        _load_real(tmp_path, data)
