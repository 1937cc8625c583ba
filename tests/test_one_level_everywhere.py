"""One presentation, one level, everywhere.

Every place that states or implies an urgency level (a red flag and its
escalation, a practice case, a quiz item's {urgency:...} marks and the flags it
names, a mechanism's level and flags, the summaries built from the data, the
lesson map's summaries) must agree with the red flag it shows. The check lives
in the content layer (``content/checks.py``: ``level_problems``) and the
lessons' loader refuses content that breaks it, naming the file and the key;
these tests drive it on the package's data and on copies with one planted
defect each. The handouts, the export and the class report print the cases
and flags from the same records, so a case that passes here prints the same
level there.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
from pathlib import Path

import pytest

from iliopsoas_lessons.content import checks, link_checks, loader, text, warning_text
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.models import ContentError

ROOT = Path(__file__).resolve().parents[1]

DATA = Path(loader.__file__).resolve().parents[1] / "data"

# Red flags that no practice case and no quiz item shows yet, so learners never
# practise them. The list may only shrink: a flag that gains a case or a quiz
# item ('red_flag' in red_flag_cases.json, 'red_flags' in quiz.json) must be
# removed from it (test_the_allow_list_only_shrinks fails until it is). Every
# flag now has a practice case, so a new flag needs one, or a quiz item, too.
NOT_YET_PRACTISED: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def package():
    course = loader.load()
    return course, ld.load(course=course)


def test_the_package_states_one_level_for_every_presentation(package):
    course, data = package
    assert checks.level_problems(course, data) == []


def test_every_flag_is_practised_or_allow_listed(package):
    course, data = package
    missing = set(checks.unpractised_flags(course, data))
    assert missing <= NOT_YET_PRACTISED, (
        f"red flags no case or quiz item practises: {sorted(missing - NOT_YET_PRACTISED)}"
    )


def test_the_allow_list_only_shrinks(package):
    course, data = package
    covered = NOT_YET_PRACTISED - set(checks.unpractised_flags(course, data))
    assert not covered, f"now practised, so remove from NOT_YET_PRACTISED: {sorted(covered)}"
    assert NOT_YET_PRACTISED <= set(course.red_flags.keys()), "the allow-list names a flag that does not exist"


def test_quiz_items_that_mark_a_level_name_their_flags(package):
    _, data = package
    unnamed = [q.key for q in data.questions if q.urgency_marks and not (q.flags_shown or q.no_flag)]
    assert unnamed == []
    assert data.questions["teen_kick"].flags_shown == ("adolescent_avulsion", "scfe")


# --- planted defects: each copy of the data breaks one place, and the loader names it


@pytest.fixture
def copy(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _record(records: list, key: str) -> dict:
    return next(r for r in records if r["key"] == key)


def _unlink_mechanism(directory: Path, mechanism: str, flag: str) -> None:
    """Take ``flag`` off ``mechanism``'s page at both ends (the mechanism's escalates_to and
    the flag's mechanisms), so only the age rule ('every_mechanism_for') is left to notice the gap."""

    _drop_escalation(directory, mechanism, flag)
    _edit(directory / "red_flags.json", lambda d: _record(d["red_flags"], flag)["mechanisms"].remove(mechanism))


def _drop_escalation(directory: Path, mechanism: str, flag: str) -> None:
    """Take ``flag`` off ``mechanism``'s escalates_to only (the flag still names the page)."""

    def drop_page(d):
        m = _record(d["mechanisms"], mechanism)
        m["escalates_to"] = [up for up in m["escalates_to"] if up["flag"] != flag]

    _edit(directory / "mechanisms.json", drop_page)


def _unlink_symptom(directory: Path, symptom: str, flag: str) -> None:
    """Take ``flag`` off ``symptom``'s page at both ends (the symptom's warning_flags and
    the flag's symptoms), so only the look-alike rule is left to notice the gap."""

    def drop_symptom(d):
        s = _record(d["symptoms"], symptom)
        s["warning_flags"] = [k for k in s["warning_flags"] if k != flag]

    def drop_flag(d):
        f = _record(d["red_flags"], flag)
        f["symptoms"] = [k for k in f["symptoms"] if k != symptom]

    _edit(directory / "symptoms.json", drop_symptom)
    _edit(directory / "red_flags.json", drop_flag)


def _load(directory: Path):
    course = loader.load(directory)
    return ld.load(directory / "lessons", course=course)


def test_a_case_moved_to_another_level_is_refused(copy):
    _edit(
        copy / "lessons" / "red_flag_cases.json",
        lambda d: _record(d["cases"], "teen_knee_limp").update(urgency="within_days"),
    )
    with pytest.raises(ContentError, match=r"^lessons/red_flag_cases\.json: teen_knee_limp: urgency 'within_days'"):
        _load(copy)


def test_the_check_itself_reports_a_case_at_the_wrong_level(package):
    """Apart from the loader's own case check: the level check finds it too."""
    course, data = package
    case = dataclasses.replace(data.cases["teen_knee_limp"], urgency="routine")
    cases = type(data.cases)("case", tuple(case if c.key == case.key else c for c in data.cases))
    found = checks.level_problems(course, dataclasses.replace(data, cases=cases))
    assert [(p.file, p.key) for p in found] == [("lessons/red_flag_cases.json", "teen_knee_limp")]


def test_a_quiz_key_at_another_level_is_refused(copy):
    def lower(d):
        option = _record(d["questions"], "teen_kick")["options"][0]
        assert "{urgency:same_day:now}" in option["feedback"]
        option["feedback"] = option["feedback"].replace("{urgency:same_day:now}", "{urgency:routine}")

    _edit(copy / "lessons" / "quiz.json", lower)
    with pytest.raises(ContentError, match=r"^lessons/quiz\.json: teen_kick: states 'routine', which is neither"):
        _load(copy)


def test_a_go_now_flag_named_at_the_plain_same_day_label_is_refused(copy):
    """Round 24: a quiz item whose same-day flags all go now names the level as they show it,
    "Same day (go now)" ({urgency:same_day:now}), not the plain "Same day" that reads as later today."""

    def plain(d):
        option = _record(d["questions"], "teen_kick")["options"][0]
        option["feedback"] = option["feedback"].replace("{urgency:same_day:now}", "{urgency:same_day}")

    _edit(copy / "lessons" / "quiz.json", plain)
    with pytest.raises(ContentError, match=r"^lessons/quiz\.json: teen_kick: states 'same_day', but its red flags"):
        _load(copy)


def test_a_go_now_flag_named_beside_the_plain_level_is_refused_in_a_mixed_item(copy):
    """Round 27, A minor 1: an item listing a plain same-day flag as well passed the
    item-wide rule, yet one sentence gave the femoral-neck stress fracture (go now)
    the plain "Same day". A sentence naming a go-now flag's trigger is judged alone."""

    def plain(d):
        option = _record(d["questions"], "saddle_numbness")["options"][0]
        assert "femoral neck, at {urgency:same_day:now}" in option["feedback"]
        option["feedback"] = option["feedback"].replace("{urgency:same_day:now}", "{urgency:same_day}")

    _edit(copy / "lessons" / "quiz.json", plain)
    with pytest.raises(
        ContentError,
        match=r"^lessons/quiz\.json: saddle_numbness: states 'same_day' beside 'stress fracture of the femoral neck', "
        r"which names red flag 'runner_stress_fracture'",
    ):
        _load(copy)


def test_the_package_names_no_go_now_flag_beside_the_plain_level(package):
    course, data = package
    for q in data.questions:
        for level, sentence in q.urgency_marks:
            assert checks._go_now_named(course, level, sentence) is None, (q.key, sentence)


def test_the_now_wording_is_refused_for_a_flag_that_does_not_go_now(copy):
    def now(d):
        item = _record(d["questions"], "teen_kick")
        item["red_flags"] = ["child_limp_not_settling"]  # same day, not go-now

    _edit(copy / "lessons" / "quiz.json", now)
    with pytest.raises(ContentError, match=r"teen_kick: states 'same_day:now', but its red flags at 'same_day' do not"):
        _load(copy)


def test_a_go_now_mark_shows_the_level_as_the_flag_shows_it(package):
    course, data = package
    item = next(q for q in data.questions if q.key == "teen_kick")
    label = course.urgency["same_day"].now.label
    assert f"\u201c{label}\u201d" in item.options[0].feedback
    assert "go now" in label.lower()


def test_an_escalation_level_without_its_condition_is_refused(copy):
    """Emergency is the leg-weakness flag's escalation, not its level: stated
    bare, with no 'if' or 'when', it would send the sign to two levels."""
    _edit(
        copy / "lessons" / "quiz.json",
        lambda d: _record(d["questions"], "anticoagulant_knee").update(red_flags=["progressive_weakness"]),
    )
    with pytest.raises(ContentError, match=r"^lessons/quiz\.json: anticoagulant_knee: .*without the condition"):
        _load(copy)


def test_a_quiz_level_with_no_flag_named_is_refused(copy):
    _edit(copy / "lessons" / "quiz.json", lambda d: _record(d["questions"], "emergency_first").pop("red_flags"))
    with pytest.raises(
        ContentError, match=r"^lessons/quiz\.json: emergency_first: states 'emergency' but names no red flag"
    ):
        _load(copy)


def test_an_unknown_flag_in_a_quiz_item_is_refused(copy):
    _edit(
        copy / "lessons" / "quiz.json",
        lambda d: _record(d["questions"], "teen_kick").update(red_flags=["scfe", "nope"]),
    )
    with pytest.raises(
        ContentError, match=r"^lessons/quiz\.json: teen_kick: field 'red_flags': unknown red flag 'nope'"
    ):
        _load(copy)


def test_a_mechanism_with_a_level_but_no_flag_is_refused(copy):
    def orphan(d):
        m = _record(d["mechanisms"], "acute_strain")
        m["urgency"], m["red_flags"], m["escalates_to"] = "same_day", [], []
        m["ages"] = ["adult"]  # no child's flag is then owed, so that only the level is wrong

    def unlink(d):  # the flags stop naming it too, so that only the level is wrong
        for f in d["red_flags"]:
            f["mechanisms"] = [k for k in f["mechanisms"] if k != "acute_strain"]
            f["named_by"] = []  # nor is a flag owed for a trigger its text names
            f["every_mechanism_for"] = []  # nor for the adult age band (round 24: bleeding, clot, hernia)

    _edit(copy / "mechanisms.json", orphan)
    _edit(copy / "red_flags.json", unlink)
    with pytest.raises(ContentError, match=r"^mechanisms\.json: acute_strain: urgency 'same_day' with no red flag"):
        _load(copy)


def test_a_mechanism_that_leaves_out_a_flag_naming_it_is_refused(copy):
    # acute strain taught without the twisted testicle (review round 10, B PS1)
    _drop_escalation(copy, "acute_strain", "testicular_torsion")
    with pytest.raises(
        ContentError,
        match=r"^mechanisms\.json: acute_strain: field 'escalates_to' leaves out red flag 'testicular_torsion'",
    ):
        _load(copy)


def test_a_mechanism_showing_a_flag_that_does_not_name_it_is_refused(copy):
    _edit(
        copy / "red_flags.json",
        lambda d: _record(d["red_flags"], "scfe").update(
            mechanisms=[k for k in _record(d["red_flags"], "scfe")["mechanisms"] if k != "snapping_hip"]
        ),
    )
    with pytest.raises(ContentError, match=r"^red_flags\.json: scfe: field 'mechanisms' leaves out 'snapping_hip'"):
        _load(copy)


def test_the_sudden_groin_pain_mimics_are_shown_beside_the_strain_and_the_snap(package):
    course, _ = package
    strain = {up.flag for up in course.mechanisms["acute_strain"].escalates_to}
    assert {"testicular_torsion", "strangulated_hernia", "ovarian_torsion"} <= strain
    snap = {up.flag for up in course.mechanisms["snapping_hip"].escalates_to}
    assert {"scfe", "adolescent_avulsion"} <= snap


def test_exertional_rhabdomyolysis_is_shown_where_exercise_pain_is_taught(package):
    """Muscle breakdown after hard exercise is filed as a strain or overload
    unless its warning sign sits on those pages (clinical review round 30, part A,
    PS2); its practice case is set at the flag's own level."""
    course, data = package
    flag = course.red_flags["exertional_rhabdomyolysis"]
    for mechanism in ("acute_strain", "overuse"):
        shown = set(course.mechanisms[mechanism].red_flags) | {
            up.flag for up in course.mechanisms[mechanism].escalates_to
        }
        assert flag.key in shown, mechanism
    # round 31, B M4: back or flank muscle pain after heavy trunk work is on the back page too
    for symptom in ("pain_with_movement", "hip_pain", "back_pain"):
        assert flag.key in course.symptoms[symptom].warning_flags, symptom
    # and its level now has a guideline sentence behind it, not patient pages only
    assert [q.reference for q in flag.trail.quotes] == ["NYE2021"]
    cases = [c for c in data.cases if c.red_flag == flag.key]
    assert cases and all(c.urgency == flag.urgency for c in cases)


def test_a_lesson_summary_naming_a_level_is_refused(copy):
    _edit(
        copy / "lessons" / "lessons.json",
        lambda d: _record(d["lessons"], "04_red_flags").update(
            summary="Which warning signs are Same day, and practice."
        ),
    )
    with pytest.raises(ContentError, match=r"^lessons/lessons\.json: 04_red_flags: summary names the level 'Same day'"):
        _load(copy)


def test_a_summary_that_drops_or_moves_a_flag_is_reported(package, monkeypatch):
    course, data = package
    original = text.show_triage_summary

    def narrowed(content=None):
        return text.Doc(str(original(content)).replace(text._md("a possible ectopic pregnancy"), "a pregnancy"))

    monkeypatch.setattr(text, "show_triage_summary", narrowed)
    found = checks.level_problems(course, data)
    assert [(p.file, p.key) for p in found] == [("red_flags.json", "ectopic_pregnancy")]


def test_every_flag_has_a_practice_case_as_the_instructor_guide_says(package):
    """Round 12 A M2: the guide says "There is a practice case for every warning sign";
    a quiz item does not make that true, so practice cases alone are counted here."""
    course, data = package
    guide = (DATA.parents[1] / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    assert "There is a practice case for every warning" in " ".join(guide.split())
    practised = {c.red_flag for c in data.cases}
    assert sorted(set(course.red_flags.keys()) - practised) == []


@pytest.mark.parametrize(
    "case_key",
    [
        "fever_limp",
        "afebrile_back_injects",
        "cancer_thigh_ache",
        "runner_groin",
        "teen_knee_limp",
        "teen_night_thigh",
        "sprinter_pop",
        "swollen_leg_flight",
        "thigh_lift_bus",
        "replaced_hip_ache",
    ],
)
def test_emergency_now_is_not_over_triage_where_the_flag_sends_to_an_emergency_department(package, case_key):
    """Round 12 A M1: where the flag's own destination is an emergency department
    today, choosing the emergency level is marked safe, not "more urgent than it needs"."""
    course, data = package
    case = data.cases[case_key]
    assert case.faster_is_safe and "emergency department" in case.faster_is_safe
    assert "an emergency department" in course.red_flags[case.red_flag].destination.split(". ")[0].lower()


# --- a flag whose guideline asks for now (round 13 A M2: ectopic pregnancy, NICE NG126
# 'immediate referral'): its level is the same day on the one scale, but the level shown
# beside it, in the case answers too, never says 'today'


def test_a_same_day_flag_sent_straight_away_goes_now(package):
    course, _ = package
    straight_away = {
        f.key
        for f in course.red_flags
        if f.urgency == "same_day" and ("immediate referral" in f.destination or "Straight away" in f.destination)
    }
    assert "ectopic_pregnancy" in straight_away
    assert straight_away <= {f.key for f in course.red_flags if f.go_now}


def test_the_level_shown_beside_a_flag_that_goes_now_never_says_today(package):
    from iliopsoas_lessons.export.items import items
    from iliopsoas_lessons.widgets._state_exercises import RedFlagCasesState

    course, data = package
    now_flags = [f for f in course.red_flags if f.go_now]
    assert now_flags
    state = RedFlagCasesState(course=course, cases=data.cases)
    exported = {i.key: i for i in items(course, data)}
    for flag in now_flags:
        shown = text.flag_level(flag, course)
        assert shown.rank == course.urgency[flag.urgency].rank  # the same level of the one scale
        assert "now" in shown.label
        for words in (shown.label, shown.referral, shown.patient_advice):
            assert "today" not in words.lower(), flag.key
        cases = [c for c in data.cases if c.red_flag == flag.key]
        assert cases, flag.key
        generic = course.urgency[flag.urgency]
        for case in cases:
            said = state.feedback_for(case, case.urgency, revealed=True).text
            assert shown.patient_advice in said and generic.patient_advice not in said, case.key
            right = next(c for c in exported[case.key].choices if c.correct).feedback
            assert shown.label in right and generic.referral not in right, case.key


def test_go_now_at_a_level_without_now_wording_is_refused(copy):
    _edit(copy / "red_flags.json", lambda d: _record(d["red_flags"], "bone_pain_unexplained").update(go_now=True))
    with pytest.raises(
        ContentError, match=r"^red_flags\.json: bone_pain_unexplained: field 'go_now': level 'within_days' has no 'now'"
    ):
        loader.load(copy)


# --- Look-alike warning signs travel together (review round 15, B S1 and S2) ---


def test_a_mechanism_offering_the_childs_fever_flag_but_not_the_adults_is_refused(copy):
    # the round-15 gap, planted again: the strain step with the child's fever flag only
    adult = {"fever_back_pain", "infection", "infection_unwell"}

    def drop(d):
        m = _record(d["mechanisms"], "acute_strain")
        m["escalates_to"] = [e for e in m["escalates_to"] if e["flag"] not in adult]

    def unlink(d):
        for f in d["red_flags"]:
            if f["key"] in adult:
                f["mechanisms"] = [k for k in f["mechanisms"] if k != "acute_strain"]

    _edit(copy / "mechanisms.json", drop)
    _edit(copy / "red_flags.json", unlink)
    with pytest.raises(
        ContentError,
        match=r"^mechanisms\.json: acute_strain: field 'escalates_to' shows red flag 'child_fever_limp' "
        r"but leaves out its look-alike 'fever_back_pain' \(and 2 more\)",
    ):
        _load(copy)


def test_a_symptom_offering_new_weakness_without_the_cauda_equina_signs_is_refused(copy):
    _unlink_symptom(copy, "hip_pain", "cauda_equina")
    with pytest.raises(
        ContentError,
        match=r"^symptoms\.json: hip_pain: field 'warning_flags' shows red flag 'progressive_weakness' "
        r"but leaves out its look-alike 'cauda_equina'",
    ):
        _load(copy)


def test_a_look_alike_that_is_not_another_flag_is_refused(copy):
    _edit(copy / "red_flags.json", lambda d: _record(d["red_flags"], "infection").update(shown_with=["infection"]))
    with pytest.raises(
        ContentError, match=r"^red_flags\.json: infection: field 'shown_with': 'infection' is not another red flag"
    ):
        _load(copy)


def test_every_groin_or_front_of_thigh_page_offers_new_weakness(package):
    # the flag's regions cover the groin and the front of the thigh, so every
    # symptom whose map reaches them must list it (link_checks.symptom_flag_problems)
    course, _ = package
    for s in course.symptoms:
        if {"groin_left", "front_thigh_upper_left"} & set(s.regions):
            assert {"progressive_weakness", "cauda_equina"} <= set(s.warning_flags), s.key


def test_every_page_whose_map_reaches_the_hip_shows_the_hip_emergencies(package):
    # round 38, B PS1: the low back pain map reaches the groin and the front of
    # the thigh, where a broken hip or a slipped growth plate is felt; round 39,
    # B PS1: a runner's femoral neck stress fracture, an adult's avulsion and
    # unexplained bone pain are felt there too
    course, _ = package
    assert {"runner_stress_fracture", "adult_avulsion", "bone_pain_unexplained"} <= set(link_checks.HIP_FLAGS)
    pages = link_checks.hip_pages(course.symptoms)
    assert {"back_pain", "pain_with_movement", "hip_pain", "sciatic_pain"} <= pages
    for s in course.symptoms:
        if s.key in pages:
            assert set(link_checks.HIP_FLAGS) <= set(s.warning_flags), s.key
    assert link_checks.hip_flag_problems(course.symptoms, course.red_flags) == []


def test_a_planted_groin_symptom_without_the_hip_flags_is_found(package):
    course, _ = package
    back = course.symptoms["back_pain"]
    planted = dataclasses.replace(
        back, key="planted", warning_flags=tuple(k for k in back.warning_flags if k not in link_checks.HIP_FLAGS)
    )
    found = [str(p) for p in link_checks.hip_flag_problems([planted], course.red_flags)]
    assert len(found) == len(link_checks.HIP_FLAGS)
    assert found[0].startswith("symptoms.json: planted: field 'warning_flags' leaves out red flag")
    assert "hip zone" in found[0]


def test_pages_where_aching_stiff_hips_are_read_show_giant_cell_arteritis(package):
    # round 41, B PS1: polymyalgia rheumatica aches and stiffens both hips on moving and
    # is easily taken for a hip flexor strain, but "pain when moving the hip" and low back
    # pain (whose map reaches both hips and thighs) left out the same-day screen for
    # giant cell arteritis that the front-of-the-hip page shows
    course, _ = package
    for key in ("pain_with_movement", "hip_pain", "back_pain"):
        page = course.symptoms[key]
        assert "giant_cell_arteritis" in page.warning_flags, key
        assert key in course.red_flags["giant_cell_arteritis"].symptoms, key
    why = course.symptoms["pain_with_movement"].why
    for words in ("over about 50", "both hips", "headache", "jaw", "sight", "giant cell arteritis"):
        assert words in why.text, words
    # round 42: the guideline itself (MACKIE2020), not the society's news page, and the
    # NHS pathways that send a new change in sight to eye casualty
    assert {"MACKIE2020", "NHS-PMR", "UHBRISTOL-GCA", "CHELWEST-GCA"} <= set(why.references)


def test_low_back_pain_shows_the_childrens_limp_signs_it_sends_children_to(package):
    # round 41, B minor 3: the low back pain text sends a child to the hip warning signs,
    # but its list had the fever-and-limp sign without the young child's limp (under 3, or
    # night pain, paleness, bruising: possible leukaemia) and the limp that is not settling
    course, _ = package
    back = course.symptoms["back_pain"]
    assert "child or teenager" in back.why.text
    for key in ("child_fever_limp", "young_child_limp", "child_limp_not_settling"):
        assert key in back.warning_flags, key
        assert "back_pain" in course.red_flags[key].symptoms, key


def test_a_planted_groin_symptom_without_the_round_39_hip_flags_is_found(package):
    # round 39, B PS1: the low back pain page showed the round 38 hip flags but
    # not the stress fracture, the adult avulsion or unexplained bone pain
    course, _ = package
    back = course.symptoms["back_pain"]
    new = ("runner_stress_fracture", "adult_avulsion", "bone_pain_unexplained")
    planted = dataclasses.replace(
        back, key="planted", warning_flags=tuple(k for k in back.warning_flags if k not in new)
    )
    found = [str(p) for p in link_checks.hip_flag_problems([planted], course.red_flags)]
    assert found == [
        f"symptoms.json: planted: field 'warning_flags' leaves out red flag {k!r}: its pain map reaches "
        "the hip zone 'upper_buttock_left', where pain from the hip or the thigh bone is felt"
        for k in new
    ]


@pytest.mark.parametrize("flag", ["runner_stress_fracture", "adult_avulsion", "bone_pain_unexplained"])
def test_the_back_pain_page_dropping_a_round_39_hip_flag_is_refused(copy, flag):
    # the pain map decides (the flag's own 'symptoms' must agree: round 40, B minor 2)
    _edit(copy / "symptoms.json", lambda d: _record(d["symptoms"], "back_pain")["warning_flags"].remove(flag))
    with pytest.raises(
        ContentError,
        match=rf"^symptoms\.json: back_pain: field 'warning_flags' leaves out red flag '{flag}'",
    ):
        _load(copy)


def test_every_hip_flag_names_every_hip_page_in_its_own_field(package):
    # round 40, B minor 2: the hip rule linked back and sciatic pain to the hip
    # flags from the page side only, so a view built from a flag's 'symptoms'
    # left them out; and new pain after a hip replacement is felt in the same zones
    course, _ = package
    assert "hip_replacement_complication" in link_checks.HIP_FLAGS
    pages = link_checks.hip_pages(course.symptoms)
    for key in link_checks.HIP_FLAGS:
        assert pages <= set(course.red_flags[key].symptoms), key
    for key in ("back_pain", "sciatic_pain"):
        assert "hip_replacement_complication" in course.symptoms[key].warning_flags, key


@pytest.mark.parametrize("flag", ["scfe", "hip_replacement_complication"])
def test_a_hip_flag_whose_own_field_leaves_out_a_hip_page_is_refused(copy, flag):
    _edit(copy / "red_flags.json", lambda d: _record(d["red_flags"], flag)["symptoms"].remove("back_pain"))
    with pytest.raises(
        ContentError,
        match=rf"^red_flags\.json: {flag}: field 'symptoms' leaves out 'back_pain', which its regions or the hip rule",
    ):
        _load(copy)


def test_the_back_pain_page_sends_a_runner_with_no_limp_to_the_hip_signs():
    # round 39, B PS1: the list of people checked for a hip cause left out the
    # adult runner or dancer with no limp, the typical femoral neck stress fracture
    text = json.loads((DATA / "symptoms.json").read_text(encoding="utf-8"))
    why = _record(text["symptoms"], "back_pain")["why"]["text"]
    assert "runs, marches or dances, even with no limp" in why
    assert "a stress fracture of the hip" in why
    assert "ROBERTSON2017" in _record(text["symptoms"], "back_pain")["why"]["references"]


def test_the_back_pain_page_and_the_overuse_mechanism_describe_the_stress_fracture_alike():
    # round 39, B minor 3: the mechanisms taught a runner's groin ache as a possible
    # stress fracture while the back pain page, with the same groin map, did not
    data = json.loads((DATA / "symptoms.json").read_text(encoding="utf-8"))
    back = _record(data["symptoms"], "back_pain")["why"]["text"]
    mechanisms = json.loads((DATA / "mechanisms.json").read_text(encoding="utf-8"))["mechanisms"]
    overuse = " ".join(f["text"] for f in _record(mechanisms, "overuse")["features"])
    for words in ("earlier in each session", "hopping"):
        assert words in back and words in overuse, words
    assert "even with no limp" in back and "even when they do not limp" in overuse


def test_a_groin_page_dropping_a_hip_flag_is_refused(copy):
    # the flag's own 'symptoms' never named back_pain: the pain map alone decides
    _edit(copy / "symptoms.json", lambda d: _record(d["symptoms"], "back_pain")["warning_flags"].remove("scfe"))
    with pytest.raises(
        ContentError,
        match=r"^symptoms\.json: back_pain: field 'warning_flags' leaves out red flag 'scfe'",
    ):
        _load(copy)


def test_the_hip_rule_names_a_missing_hip_flag(package):
    course, _ = package
    flags = [f for f in course.red_flags if f.key != "scfe"]
    found = [str(p) for p in link_checks.hip_flag_problems(course.symptoms, flags)]
    assert found == ["red_flags.json: scfe: the hip rule needs red flag 'scfe', which red_flags.json does not have"]


def test_every_lower_belly_page_offers_the_belly_emergencies(package):
    # review round 17, B 1: the back-pain map covers the lower belly and groin,
    # so the flags felt there must be on its page (their 'regions' force it)
    course, _ = package
    belly = [s for s in course.symptoms if {"lower_abdomen_left", "lower_abdomen_right"} & set(s.regions)]
    assert "back_pain" in {s.key for s in belly}
    for s in belly:
        assert {"appendicitis", "ovarian_torsion", "testicular_torsion", "ectopic_pregnancy"} <= set(s.warning_flags)


def test_a_lower_belly_page_that_drops_appendicitis_at_both_ends_is_refused(copy):
    # dropping the link at both ends still fails, because the flag's regions
    # (the lower right belly) reach the back-pain map
    _edit(
        copy / "red_flags.json",
        lambda d: _record(d["red_flags"], "appendicitis")["symptoms"].remove("back_pain"),
    )
    _edit(
        copy / "symptoms.json",
        lambda d: _record(d["symptoms"], "back_pain")["warning_flags"].remove("appendicitis"),
    )
    with pytest.raises(
        ContentError,
        match=r"^symptoms\.json: back_pain: field 'warning_flags' leaves out red flag 'appendicitis'",
    ):
        _load(copy)


def test_the_strain_step_offers_the_adult_fever_sepsis_and_clot_flags(package):
    course, _ = package
    strain = {up.flag for up in course.mechanisms["acute_strain"].escalates_to}
    assert {"child_fever_limp", "fever_back_pain", "infection", "infection_unwell", "iliofemoral_dvt"} <= strain
    assert "fever" in course.mechanisms["acute_strain"].features[3].text


# --- A sudden weak leg may be a stroke (review round 20, A PS1) --------------


def test_every_page_showing_a_nerve_sign_shows_the_possible_stroke_flag(package):
    course, _ = package
    nerve = {"progressive_weakness", "cauda_equina"}
    for key in nerve:
        assert "sudden_weakness_stroke" in course.red_flags[key].shown_with, key
    assert nerve <= set(course.red_flags["sudden_weakness_stroke"].shown_with)
    pages = [s for s in course.symptoms if nerve & set(s.warning_flags)]
    assert pages
    for s in pages:
        assert "sudden_weakness_stroke" in s.warning_flags, s.key


def test_a_symptom_offering_new_weakness_without_the_stroke_flag_is_refused(copy):
    _unlink_symptom(copy, "hip_pain", "sudden_weakness_stroke")
    with pytest.raises(
        ContentError,
        match=r"^symptoms\.json: hip_pain: field 'warning_flags' shows red flag 'cauda_equina' "
        r"but leaves out its look-alike 'sudden_weakness_stroke'",
    ):
        _load(copy)


# --- Every mechanism a child can reach shows the child's warning signs -------
# (review round 21, B PS1: the strain and overuse pages left a limping young
# child with no fever at routine)


def test_a_childs_mechanism_without_the_young_child_limp_sign_is_refused(copy):
    def drop(d):
        m = _record(d["mechanisms"], "overuse")
        m["escalates_to"] = [up for up in m["escalates_to"] if up["flag"] != "young_child_limp"]

    def unlink(d):  # the flag stops naming it too, so the pairwise check stays quiet
        f = _record(d["red_flags"], "young_child_limp")
        f["mechanisms"] = [k for k in f["mechanisms"] if k != "overuse"]

    _edit(copy / "mechanisms.json", drop)
    _edit(copy / "red_flags.json", unlink)
    with pytest.raises(
        ContentError,
        match=r"^mechanisms\.json: overuse: field 'escalates_to' leaves out red flag 'young_child_limp', "
        r"which every mechanism reaching 'young_child'",
    ):
        _load(copy)


def test_a_mechanism_a_child_can_reach_owes_the_child_signs(copy):
    # a planted gap: a routine page that now reaches teenagers but shows none of their signs
    _edit(
        copy / "mechanisms.json",
        lambda d: _record(d["mechanisms"], "hip_replacement_impingement").update(ages=["older_child", "adult"]),
    )
    with pytest.raises(
        ContentError, match=r"^mechanisms\.json: hip_replacement_impingement: field 'escalates_to' leaves out red flag"
    ):
        _load(copy)


BELLY_AND_PELVIS = ("appendicitis", "ovarian_torsion", "testicular_torsion", "ectopic_pregnancy")


def test_every_mechanism_shows_the_belly_and_pelvic_mimics(package):
    # round 27, B minor 2: only the strain page offered them, though the same groin
    # pain can come to the overuse, snapping-hip or hip-replacement page; their
    # 'every_mechanism_for' ages now force them wherever they are more urgent
    course, _ = package
    order = tuple(level.key for level in course.urgency)
    for m in course.mechanisms:
        shown = set(m.red_flags) | {up.flag for up in m.escalates_to}
        for key in BELLY_AND_PELVIS:
            flag = course.red_flags[key]
            if set(flag.every_mechanism_for) & set(m.ages) and order.index(flag.urgency) < order.index(m.urgency):
                assert key in shown, (m.key, key)
    for m in ("overuse", "snapping_hip", "hip_replacement_impingement"):
        shown = {up.flag for up in course.mechanisms[m].escalates_to}
        assert set(BELLY_AND_PELVIS) <= shown, m


def test_a_mechanism_dropping_a_belly_mimic_at_both_ends_is_refused(copy):
    # a planted gap: appendicitis taken off the overuse page and off the flag's own list,
    # so only its 'every_mechanism_for' ages are left to notice
    _unlink_mechanism(copy, "overuse", "appendicitis")
    with pytest.raises(
        ContentError,
        match=r"^mechanisms\.json: overuse: field 'escalates_to' leaves out red flag 'appendicitis', which every mechanism",
    ):
        _load(copy)


def test_the_abscess_and_avulsion_pages_show_their_round_27_mimics(package):
    # round 27, B minor 1 and 2: a groin swelling in someone who injects may be an artery;
    # the avulsion page lacked the no-weight, clot and antiplatelet signs the strain page has
    course, _ = package
    abscess, avulsion = course.mechanisms["abscess"], course.mechanisms["avulsion"]
    shown = set(abscess.red_flags) | {up.flag for up in abscess.escalates_to}
    assert {"groin_pseudoaneurysm", "iliofemoral_dvt"} <= shown
    shown = set(avulsion.red_flags) | {up.flag for up in avulsion.escalates_to}
    assert {"cannot_bear_weight", "iliofemoral_dvt", "antiplatelet_pain"} <= shown


BACK_PAGES = ("back_pain", "sciatic_pain", "lumbar_curve")


def _back_gaps(course) -> list[tuple[str, str]]:
    """(page, flag) for each back emergency that both the back-pain and the sciatica
    pages show but another back page leaves out, and each page that shows the bleeding
    flag without the antiplatelet flag beside it."""
    both = set(course.symptoms["back_pain"].warning_flags) & set(course.symptoms["sciatic_pain"].warning_flags)
    # the hip flags reach back_pain and sciatic_pain through their pain maps (the hip
    # rule, round 38 B PS1), not as back emergencies; the lean has no map to reach the hip
    emergencies = {k for k in both if course.red_flags[k].urgency == "emergency" and k not in link_checks.HIP_FLAGS}
    gaps = [(p, k) for p in BACK_PAGES for k in sorted(emergencies) if k not in course.symptoms[p].warning_flags]
    gaps += [
        (s.key, "antiplatelet_pain")
        for s in course.symptoms
        if "bleeding" in s.warning_flags and "antiplatelet_pain" not in s.warning_flags
    ]
    return gaps


def test_every_back_page_shows_the_back_emergencies(package):
    # round 27, B minor 4: the lean page lacked the leaking aneurysm and back pain with
    # chest pain; round 26, B minor 2: the sciatica page showed a bleed but not the
    # antiplatelet sign. The lean has no pain map, so the flags' regions cannot force it.
    course, _ = package
    assert not _back_gaps(course)
    assert {"aortic_aneurysm", "back_and_chest_pain", "kidney"} <= set(course.symptoms["lumbar_curve"].warning_flags)
    # round 29, B minor 3: flank pain into the buttock or leg from an infected, blocked kidney;
    # added by hand, since a union of the back pages would force belly and pelvic signs onto
    # the sciatica and lean pages
    for page in BACK_PAGES:
        assert "kidney" in course.symptoms[page].warning_flags, page


def test_a_back_page_dropping_a_back_emergency_at_both_ends_is_caught(copy):
    _edit(
        copy / "symptoms.json",
        lambda d: _record(d["symptoms"], "lumbar_curve")["warning_flags"].remove("aortic_aneurysm"),
    )
    _edit(
        copy / "red_flags.json", lambda d: _record(d["red_flags"], "aortic_aneurysm")["symptoms"].remove("lumbar_curve")
    )
    _edit(
        copy / "symptoms.json",
        lambda d: _record(d["symptoms"], "lumbar_curve")["warning_flags"].remove("antiplatelet_pain"),
    )
    _edit(
        copy / "red_flags.json",
        lambda d: _record(d["red_flags"], "antiplatelet_pain")["symptoms"].remove("lumbar_curve"),
    )
    assert _back_gaps(loader.load(copy)) == [("lumbar_curve", "aortic_aneurysm"), ("lumbar_curve", "antiplatelet_pain")]


def test_an_adult_only_mechanism_owes_no_child_sign(copy):
    course = loader.load(copy)
    assert course.mechanisms["hip_replacement_impingement"].ages == ("adult",)


def test_a_mechanism_must_name_its_ages(copy):
    _edit(copy / "mechanisms.json", lambda d: _record(d["mechanisms"], "haematoma").pop("ages"))
    with pytest.raises(ContentError, match=r"^mechanisms\.json: haematoma: missing field 'ages'"):
        _load(copy)


def test_an_unknown_age_band_names_the_choices(copy):
    _edit(copy / "mechanisms.json", lambda d: _record(d["mechanisms"], "haematoma").update(ages=["toddler"]))
    with pytest.raises(ContentError, match=r"young_child, older_child, adult"):
        _load(copy)


def test_the_strain_and_overuse_pages_show_both_limping_child_signs():
    course = loader.load(DATA)
    for key in ("acute_strain", "overuse"):
        shown = {up.flag for up in course.mechanisms[key].escalates_to}
        assert {"young_child_limp", "child_limp_not_settling", "child_fever_limp", "scfe"} <= shown, key


# --- review round 22, B PS1: a page that names a flag's trigger lists the flag ---


def test_the_lean_page_lists_the_bleeding_flags_it_names(package):
    course, _ = package
    lean = course.symptoms["lumbar_curve"]
    assert "blood thinner" in lean.why.text
    assert {"bleeding", "antiplatelet_pain"} <= set(lean.warning_flags)
    assert {"blood thinner", "anticoagulant"} <= set(course.red_flags["bleeding"].named_by)


def test_a_symptom_page_that_names_a_blood_thinner_without_the_bleeding_flag_is_refused(copy):
    # the planted gap: the lean page keeps "a blood thinner (a bleed)" but both ends drop the link
    _edit(copy / "red_flags.json", lambda d: _record(d["red_flags"], "bleeding")["symptoms"].remove("lumbar_curve"))
    _edit(copy / "symptoms.json", lambda d: _record(d["symptoms"], "lumbar_curve")["warning_flags"].remove("bleeding"))
    with pytest.raises(
        ContentError,
        match=r"^symptoms\.json: lumbar_curve: why names 'blood thinner', the trigger of red flag 'bleeding'",
    ):
        _load(copy)


def test_a_claim_shown_on_a_page_that_names_a_trigger_needs_the_flag_there(copy):
    # a claim is checked through the symptom pages that show it
    symptoms = json.loads((copy / "symptoms.json").read_text(encoding="utf-8"))["symptoms"]
    claim_key = _record(symptoms, "lumbar_curve")["claims"][0]
    _edit(
        copy / "claims.json",
        lambda d: _record(d["claims"], claim_key).update(
            evidence=_record(d["claims"], claim_key)["evidence"] + " A twisted testicle can start this way."
        ),
    )
    with pytest.raises(
        ContentError, match=rf"^symptoms\.json: lumbar_curve: claim '{claim_key}' names 'twisted testicle'"
    ):
        _load(copy)


def test_a_mechanism_page_that_names_a_more_urgent_trigger_needs_the_flag(copy, package):
    # round 24: snapping hip now shows the bleed, since round 54 the false aneurysm and since
    # round 62 shingles, so it shows every flag; the planted trigger is the baby's sign (a
    # nappy change), more urgent than the avulsion page and still not shown there
    course, _ = package
    assert "baby_leg_not_moved" not in course.mechanisms["avulsion"].shown_flags
    assert "nappy change" in course.red_flags["baby_leg_not_moved"].named_by
    _edit(
        copy / "mechanisms.json",
        lambda d: _record(d["mechanisms"], "avulsion")["summary"].update(
            text=_record(d["mechanisms"], "avulsion")["summary"]["text"] + " Ask whether it hurts at a nappy change."
        ),
    )
    with pytest.raises(ContentError, match=r"^mechanisms\.json: avulsion: summary names 'nappy change'"):
        _load(copy)


def test_a_named_by_phrase_must_be_lower_case(copy):
    _edit(copy / "red_flags.json", lambda d: _record(d["red_flags"], "bleeding").update(named_by=["Blood thinner"]))
    with pytest.raises(ContentError, match=r"red_flags\.json.*bleeding.*named_by"):
        _load(copy)


def test_the_hip_replacement_page_shows_the_sepsis_and_infection_flags(package):
    # review round 22, B 3: a joint replacement is a risk factor for infection
    course, _ = package
    m = course.mechanisms["hip_replacement_impingement"]
    assert {"infection_unwell", "infection"} <= {up.flag for up in m.escalates_to}
    for key in ("infection_unwell", "infection"):
        assert "hip_replacement_impingement" in course.red_flags[key].mechanisms


# --- review round 23, B PS1: the cancer signs are one look-alike group --------

CANCER = ("cancer_spinal_pain", "cancer_bone_pain", "cancer_with_nerve_signs")


def test_the_cancer_flags_are_one_look_alike_group(package):
    course, _ = package
    for key in CANCER:
        assert set(CANCER) - {key} <= set(course.red_flags[key].shown_with), key
    for page in ("pain_with_movement", "hip_pain"):
        assert set(CANCER) <= set(course.symptoms[page].warning_flags), page


def test_the_cancer_bone_pain_flag_escalates_for_new_nerve_signs(package):
    course, _ = package
    up = course.red_flags["cancer_bone_pain"].escalation
    assert up.urgency == course.red_flags["cancer_with_nerve_signs"].urgency == "emergency"
    assert "weak knee" in up.when and "cancer with nerve symptoms" in up.when
    signs = " ".join(course.red_flags["cancer_with_nerve_signs"].signs)
    assert "groin, hip" in signs and "back or neck pain" in signs


def test_a_hip_page_showing_cancer_bone_pain_without_the_nerve_emergency_is_refused(copy):
    # the nerve emergency reaches the hip page through its groin and thigh areas too:
    # keep it on the back areas only, so the look-alike rule is what refuses the page
    def back_areas_only(data):
        flag = _record(data["red_flags"], "cancer_with_nerve_signs")
        flag["regions"] = [r for r in flag["regions"] if r.startswith(("lumbar_paraspinal", "thoracic_paraspinal"))]

    _edit(copy / "red_flags.json", back_areas_only)
    _unlink_symptom(copy, "hip_pain", "cancer_with_nerve_signs")
    with pytest.raises(
        ContentError,
        match=r"^symptoms\.json: hip_pain: field 'warning_flags' shows red flag 'cancer_spinal_pain' "
        r"but leaves out its look-alike 'cancer_with_nerve_signs'",
    ):
        _load(copy)


# --- review round 23, A minor 1: an emergency department at same day means now ---


def test_no_same_day_sign_offers_an_emergency_department_for_today(package):
    course, data = package
    assert checks.ed_today_problems(course.red_flags, data.cases) == []
    assert "now" in course.red_flags["scfe"].destination.lower()


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("scfe", "An emergency department today, or an urgent treatment centre that can X-ray."),
        ("hip_replacement_complication", "The operating team today, or an emergency department, for X-rays."),
    ],
)
def test_a_same_day_flag_sending_to_an_emergency_department_today_is_refused(copy, key, text):
    _edit(copy / "red_flags.json", lambda d: _record(d["red_flags"], key).update(destination=text))
    with pytest.raises(
        ContentError, match=rf"^red_flags\.json: {key}: field 'destination' says .*: an emergency department at this"
    ):
        _load(copy)


def test_a_same_day_case_sending_to_an_emergency_department_today_is_refused(copy):
    def change(d):
        case = _record(d["cases"], "runner_groin")
        case["reason"] = case["reason"].replace("be seen now, not later in the day, at", "be seen today at")

    _edit(copy / "lessons" / "red_flag_cases.json", change)
    with pytest.raises(ContentError, match=r"runner_groin: field 'reason' says 'today at an emergency department'"):
        _load(copy)


def test_an_emergency_department_named_as_the_fallback_passes():
    text = "A doctor today: a same-day GP slot; an emergency department if no doctor can see them today."
    flag = dataclasses.replace(loader.load().red_flags["renal_colic"], destination=text)
    assert checks.ed_today_problems([flag]) == []


# --- review round 23, A minor 2: no source sets 48 hours for a spinal fragility fracture ---


def test_the_spinal_fragility_fracture_is_same_day_everywhere(package):
    course, data = package
    flag = course.red_flags["fragility_fracture"]
    assert flag.urgency == "same_day" and flag.escalation.urgency == "emergency"
    assert "48 hours" not in flag.destination and "today" in flag.destination
    cases = [c for c in data.cases if c.red_flag == "fragility_fracture"]
    assert cases and all(c.urgency == "same_day" and "48 hours" not in c.reason for c in cases)


# --- review round 23, B minors 4 and 5 ----------------------------------------


def test_a_strain_in_a_runner_leads_to_the_stress_fracture_flag_both_ways(package):
    course, _ = package
    ups = {up.flag: up.when for up in course.mechanisms["acute_strain"].escalates_to}
    assert "runner_stress_fracture" in ups and "hopping" in ups["runner_stress_fracture"]
    assert "acute_strain" in course.red_flags["runner_stress_fracture"].mechanisms


def test_the_sciatica_lean_texts_say_that_pain_worse_on_coughing_is_a_warning_sign(package):
    # the spinal flag counts pain worse on coughing in anyone, so a text calling ordinary
    # sciatica routine must say that this pain is one of the warning signs it excepts
    course, _ = package
    spine = " ".join(course.red_flags["serious_spine_signs"].signs)
    assert "coughing" in spine and course.red_flags["serious_spine_signs"].urgency == "same_day"
    texts = {
        "symptom lumbar_curve": course.symptoms["lumbar_curve"].why.text,
        "claim spasm_scoliosis": next(c for c in course.claims if c.key == "spasm_scoliosis").evidence,
        "sciatic_pain provoked_by": course.symptoms["sciatic_pain"].provoked_by[0].text,
    }
    for where, said in texts.items():
        assert "coughing" in said and "warning sign" in said, where


# --- review round 24, A PS-1 and M-1: a flag that says now has go_now, and only such a flag ---


def test_every_same_day_flag_that_opens_with_now_goes_now(package):
    course, _ = package
    assert checks.go_now_problems(course.red_flags, {"same_day"}) == []
    for key in (
        "infection",
        "adult_avulsion",
        "adolescent_avulsion",
        "scfe",
        "runner_stress_fracture",
        "cancer_bone_pain",
        "hip_replacement_complication",
        "iliofemoral_dvt",
    ):
        assert course.red_flags[key].go_now, key
    # a destination that sends only some people on to another sign now is not itself go-now
    assert not course.red_flags["fever_back_pain"].go_now


def test_a_flag_that_says_now_without_go_now_is_refused(copy):
    _edit(copy / "red_flags.json", lambda d: _record(d["red_flags"], "infection").pop("go_now"))
    with pytest.raises(
        ContentError, match=r"^red_flags\.json: infection: field 'destination' or 'interim_advice' opens"
    ):
        _load(copy)


def test_a_go_now_flag_that_does_not_say_now_is_refused(copy):
    def change(d):
        flag = _record(d["red_flags"], "scfe")
        flag["destination"] = "An emergency department, for an X-ray of both hips."
        flag["interim_advice"] = "No weight on the leg until the X-ray has been read."

    _edit(copy / "red_flags.json", change)
    with pytest.raises(ContentError, match=r"^red_flags\.json: scfe: field 'go_now' is true, but neither"):
        _load(copy)


def test_a_go_now_flags_cases_and_quiz_items_say_now_not_today(package):
    """Round 24, A PS-1: the cases and quiz items of a go-now flag taught 'hospital
    today', and called going now 'safe here, not wrong', as if it were optional."""
    course, data = package
    now_flags = {f.key for f in course.red_flags if f.go_now}
    cases = [c for c in data.cases if c.red_flag in now_flags]
    assert {"fever_limp", "afebrile_back_injects", "swollen_leg_flight"} <= {c.key for c in cases}
    for case in cases:
        assert not re.search(r"\b(?:hospital|X-ray|scan|assessment)\b[^.;]{0,40}\btoday\b", case.reason), case.key
        assert "now" in case.reason, case.key
        if case.faster_is_safe:
            assert "now is safe here" not in case.faster_is_safe, case.key
            assert "not later" in case.faster_is_safe, case.key
    quiz = json.loads((ROOT / "iliopsoas_lessons" / "data" / "lessons" / "quiz.json").read_text(encoding="utf-8"))
    for q in quiz["questions"]:
        if q["key"] in ("abscess_without_limp", "fever_flank_which_scan", "teen_kick", "sprint_start"):
            said = json.dumps(q, ensure_ascii=False)
            assert not re.search(r"\b(?:hospital|hips|thigh bone)\b[^.;(]{0,30}\btoday\b", said), q["key"]


# --- review round 24, B PS-1 and B minor 3: bleeding, hernia and clot at every mechanism of their ages ---


def test_a_bleed_a_trapped_hernia_and_a_clot_reach_every_mechanism_of_their_ages(package):
    course, _ = package
    assert link_checks.age_flag_problems(course.mechanisms, course.red_flags, tuple(course.urgency.keys())) == []
    for key in ("bleeding", "antiplatelet_pain", "strangulated_hernia", "iliofemoral_dvt"):
        assert "adult" in course.red_flags[key].every_mechanism_for, key
    for m in ("hip_replacement_impingement", "overuse", "snapping_hip"):
        ups = {up.flag: up.when for up in course.mechanisms[m].escalates_to}
        assert {"bleeding", "antiplatelet_pain"} <= set(ups), m
        assert "anticoagulant" in ups["bleeding"], m
        for flag in ("bleeding", "antiplatelet_pain"):
            assert m in course.red_flags[flag].mechanisms, (flag, m)
    replaced = course.mechanisms["hip_replacement_impingement"]
    assert "a bleed into the muscle" in replaced.summary.text and "NG89" in replaced.summary.references
    assert "hip replacement" in {up.flag: up.when for up in replaced.escalates_to}["bleeding"]


@pytest.mark.parametrize(("mechanism", "flag"), [("snapping_hip", "bleeding"), ("overuse", "iliofemoral_dvt")])
def test_a_mechanism_leaving_out_an_age_band_flag_is_refused(copy, mechanism, flag):
    _unlink_mechanism(copy, mechanism, flag)
    with pytest.raises(
        ContentError, match=rf"^mechanisms\.json: {mechanism}: field 'escalates_to' leaves out red flag '{flag}'"
    ):
        _load(copy)


def test_fever_after_a_hip_replacement_points_first_to_the_signs_that_go_now(package):
    # B minor 1: the fever line named the GP-level fever sign first
    course, _ = package
    flags = [up.flag for up in course.mechanisms["hip_replacement_impingement"].escalates_to]
    for now in ("hip_replacement_complication", "infection"):
        assert course.red_flags[now].go_now and flags.index(now) < flags.index("fever_back_pain")
    whens = {up.flag: up.when for up in course.mechanisms["hip_replacement_impingement"].escalates_to}
    assert "fever" in whens["hip_replacement_complication"] and "fever" in whens["infection"]
    assert "apply first" in whens["fever_back_pain"]


def test_a_lean_with_sciatica_is_not_called_the_changed_shape_sign(package):
    # round 26, A minor 2: the feedback gave every sudden sciatic list the same-day
    # spinal-shape sign; only a fixed change of shape without that story is the sign
    _, data = package
    marks = data.questions["sideways_lean"].urgency_marks
    assert marks
    for _level, sentence in marks:
        assert "sciatica" not in sentence and "fixed change in the shape" in sentence, sentence


# --- review round 28, A minor 1: a go-now sign is never sent to a GP slot or NHS 111 ---


def test_no_go_now_sign_offers_a_gp_appointment_or_nhs_111_as_the_place_to_go(package):
    course, data = package
    assert checks.go_now_gp_problems(course.red_flags) == []
    assert checks.go_now_case_gp_problems(course.red_flags, data.cases) == []
    cancer = course.red_flags["cancer_bone_pain"]
    assert cancer.go_now and "same-day GP" not in cancer.destination
    assert "NHS 111 can say which is nearest and open" in cancer.destination


@pytest.mark.parametrize(
    ("key", "field", "text"),
    [
        (
            "cancer_bone_pain",
            "destination",
            "Now, not later in the day: an emergency department. If it cannot be reached, "
            "an urgent same-day GP appointment or NHS 111.",
        ),
        ("iliofemoral_dvt", "destination", "Now, not later in the day: the DVT service (through the GP or NHS 111)."),
        ("late_pregnancy_pain", "destination", "Straight away, not later in the day: the unit; NHS 111 if it is shut."),
        ("scfe", "interim_advice", "Go now, not later in the day, and see a GP if the pain stays."),
    ],
)
def test_a_go_now_flag_offering_a_gp_or_nhs_111_is_refused(copy, key, field, text):
    _edit(copy / "red_flags.json", lambda d: _record(d["red_flags"], key).update({field: text}))
    with pytest.raises(
        ContentError,
        match=rf"^red_flags\.json: {key}: field '{field}' offers a GP or NHS 111 as the place to go .*but the flag goes now",
    ):
        _load(copy)


def test_a_case_on_a_go_now_flag_offering_a_gp_is_refused(copy):
    def change(d):
        case = _record(d["cases"], "runner_groin")
        case["reason"] += " If that is hard, an urgent same-day GP appointment will do."

    _edit(copy / "lessons" / "red_flag_cases.json", change)
    with pytest.raises(ContentError, match=r"runner_groin: field 'reason' offers a GP or NHS 111 as the place to go"):
        _load(copy)


@pytest.mark.parametrize(
    "text",
    [
        "An emergency department now, not a GP appointment.",
        "Hospital, not a GP or NHS 111 appointment.",
        "Go now; do not wait for a GP appointment.",
        "An emergency department (NHS 111 can say which is nearest and open).",
        "The unit; if it cannot be reached, NHS 111, which can say where to go now.",
    ],
)
def test_a_gp_named_only_to_say_not_to_wait_or_nhs_111_only_as_the_finder_passes(text):
    assert checks.gp_or_111_offers(text) == []


def test_nhs_111_offered_as_a_place_or_a_gp_slot_is_found():
    assert checks.gp_or_111_offers("If the team cannot be reached, NHS 111.")
    assert checks.gp_or_111_offers("An emergency department or a same-day GP slot.")


# --- review round 29, A PS2: a child's fever with not walking is never below emergency ---


def test_a_child_s_fever_with_not_walking_names_the_emergency_wherever_it_is_said(package):
    course, _ = package
    assert checks.child_fever_limp_problems(course.red_flags) == []
    back = course.red_flags["child_back_pain"]
    assert "child_fever_limp" in back.shown_with
    for said in (back.in_short, back.signs[2], back.escalation.when):
        assert "fever-and-limp warning sign for children" in said and "emergency department now" in said
    assert any("back" in s and "will not walk" in s for s in course.red_flags["child_fever_limp"].signs)


def test_a_child_s_fever_with_not_walking_kept_at_same_day_is_refused(copy):
    # the round 29 text: a same-day escalation for "a fever ... will not walk or move the back"
    old = (
        "the child is under about 5, or the pain wakes them at night, or they have a fever or are unwell, "
        "will not walk or move the back, have lost weight, or have new numbness, tingling or weakness in a leg "
        "(with bladder or bowel trouble, or numbness between the legs, it is an emergency)"
    )
    _edit(copy / "red_flags.json", lambda d: _record(d["red_flags"], "child_back_pain")["escalation"].update(when=old))
    with pytest.raises(
        ContentError,
        match=r"^red_flags\.json: child_back_pain: field 'escalation\.when' names a child's fever with not walking",
    ):
        _load(copy)


def test_the_child_s_back_page_shows_the_fever_and_limp_sign(copy):
    # a page showing child_back_pain without child_fever_limp is refused (its look-alike)
    def drop(d):
        s = _record(d["symptoms"], "sciatic_pain")
        s["warning_flags"].remove("child_fever_limp")

    _edit(copy / "symptoms.json", drop)

    def unlink(d):
        flag = _record(d["red_flags"], "child_fever_limp")
        flag["symptoms"].remove("sciatic_pain")
        # its buttock, L5-S1 root, back-of-thigh and lower-leg areas lie on the sciatic
        # page's map: off them too, so the look-alike rule (not the area-page rule) is
        # what refuses the page
        sciatic_map = ("buttock_", "nerve_root_", "back_thigh_", "calf_", "l4_leg_", "l5_foot_", "s1_foot_")
        flag["regions"] = [r for r in flag["regions"] if not r.startswith(sciatic_map)]

    _edit(copy / "red_flags.json", unlink)
    with pytest.raises(
        ContentError,
        match=r"^symptoms\.json: sciatic_pain: .*'child_back_pain' but leaves out its look-alike 'child_fever_limp'",
    ):
        _load(copy)


# --- review round 29, B PS1 and B minor 2: the aneurysm, kidney and nerve signs on the routine pages ---

ROUTINE_GROIN = ("acute_strain", "overuse", "snapping_hip", "hip_replacement_impingement")


def test_every_routine_mechanism_routes_to_the_aneurysm_and_the_kidney(package):
    course, _ = package
    assert "adult" in course.red_flags["aortic_aneurysm"].every_mechanism_for
    for key in ("kidney", "renal_colic"):
        assert {"older_child", "adult"} <= set(course.red_flags[key].every_mechanism_for), key
    for m in ROUTINE_GROIN:
        ups = {up.flag: up.when for up in course.mechanisms[m].escalates_to}
        assert {"aortic_aneurysm", "kidney", "renal_colic"} <= set(ups), m
        assert "leaking aortic aneurysm" in ups["aortic_aneurysm"] and "faint" in ups["aortic_aneurysm"], m
        assert "waves" in ups["renal_colic"] and "waves" in ups["kidney"], m
        for flag in ("aortic_aneurysm", "kidney", "renal_colic"):
            assert m in course.red_flags[flag].mechanisms, (flag, m)
    for m in ("acute_strain", "overuse"):
        ups = {up.flag for up in course.mechanisms[m].escalates_to}
        assert {"progressive_weakness", "cauda_equina", "sudden_weakness_stroke"} <= ups, m


def test_a_routine_mechanism_dropping_the_aneurysm_at_both_ends_is_refused(copy):
    # a planted gap: the aneurysm taken off the snapping-hip page and off the flag's own
    # list, so only its 'every_mechanism_for' ages are left to notice
    _unlink_mechanism(copy, "snapping_hip", "aortic_aneurysm")
    with pytest.raises(
        ContentError,
        match=r"^mechanisms\.json: snapping_hip: field 'escalates_to' leaves out red flag 'aortic_aneurysm', which every",
    ):
        _load(copy)


def test_a_routine_mechanism_dropping_the_kidney_at_both_ends_is_refused(copy):
    _unlink_mechanism(copy, "overuse", "renal_colic")
    with pytest.raises(
        ContentError,
        match=r"^mechanisms\.json: overuse: field 'escalates_to' leaves out red flag 'renal_colic', which every",
    ):
        _load(copy)


def test_every_mechanism_page_says_its_list_of_warning_signs_is_not_complete(package):
    from iliopsoas_lessons.content import text as content_text
    from iliopsoas_lessons.widgets.mechanisms import mechanism_html

    course, _ = package
    line = content_text.MECHANISM_SIGNS_NOT_ALL
    assert "not complete" in line and "lesson 04" in line and "start page" in line
    summary = str(content_text.show_mechanism_urgency(tuple(course.mechanisms.keys()), course))
    assert summary.count("not complete") == len(course.mechanisms)
    for m in course.mechanisms:
        assert html.escape(line) in mechanism_html(m, course), m.key


# --- review round 30, B PS1: a mechanism's level as shown -------------------------


def _mechanism_level_gaps(render) -> list[str]:
    """Mechanisms whose own red flags at their level go now (read from the raw
    JSON, not through the code under test) but whose shown level is not that
    level's 'now' label; ``render(key)`` is the text a page shows for one mechanism."""
    raw_flags = {f["key"]: f for f in json.loads((DATA / "red_flags.json").read_text())["red_flags"]}
    raw_levels = {lv["key"]: lv for lv in json.loads((DATA / "urgency.json").read_text())["levels"]}
    gaps = []
    for m in json.loads((DATA / "mechanisms.json").read_text())["mechanisms"]:
        own_now = [k for k in m["red_flags"] if raw_flags[k]["urgency"] == m["urgency"] and raw_flags[k].get("go_now")]
        if not own_now:
            continue
        now_label = raw_levels[m["urgency"]]["now"]["label"]
        if now_label not in render(m["key"]):
            gaps.append(f"{m['key']}: {own_now} go now, but the page does not say {now_label!r}")
    return gaps


def _lesson_02_table_level(key: str) -> str:
    rows = str(text.show_mechanism_table([key])).splitlines()
    return next(r for r in rows if r.startswith("| **How urgent**"))


def _lesson_02_summary_level(key: str) -> str:
    return str(text.show_mechanism_urgency([key])).splitlines()[0]


def _stepper_level(key: str) -> str:
    from iliopsoas_lessons.widgets import mechanisms as stepper

    page = stepper.mechanism_html(loader.load().mechanisms[key])
    return html.unescape(re.search(r"<strong>How urgent: (.*?)</strong>", page).group(1))


def test_abscess_and_avulsion_show_the_now_wording_read_from_the_raw_data():
    raw_levels = {lv["key"]: lv for lv in json.loads((DATA / "urgency.json").read_text())["levels"]}
    now_label = raw_levels["same_day"]["now"]["label"]
    for key in ("abscess", "avulsion"):
        for render in (_lesson_02_table_level, _lesson_02_summary_level, _stepper_level):
            shown = render(key)
            assert now_label in shown, f"{key} via {render.__name__}: {shown!r}"


@pytest.mark.parametrize("render", [_lesson_02_table_level, _lesson_02_summary_level, _stepper_level])
def test_every_page_shows_a_mechanism_level_its_go_now_flags_allow(render):
    assert _mechanism_level_gaps(render) == []


@pytest.mark.parametrize("render", [_lesson_02_table_level, _lesson_02_summary_level, _stepper_level])
def test_a_planted_plain_mechanism_level_is_caught(render, monkeypatch):
    from iliopsoas_lessons.widgets import mechanisms as stepper

    def plain(m, content=None):
        return (content or loader.load()).urgency[m.urgency]

    monkeypatch.setattr(text, "mechanism_level", plain)  # the mechanism table
    monkeypatch.setattr(warning_text, "mechanism_level", plain)  # the mechanism summary
    monkeypatch.setattr(stepper, "mechanism_level", plain)
    gaps = _mechanism_level_gaps(render)
    assert any(g.startswith("abscess") for g in gaps) and any(g.startswith("avulsion") for g in gaps)


# --- Every back-pain page shows the pregnancy flags (review round 31, B M1) --


def test_every_back_pain_page_shows_both_pregnancy_flags(package):
    course, _ = package
    pages = [s for s in course.symptoms if link_checks.BACK_PAGE_FLAG in s.warning_flags]
    assert {"back_pain", "sciatic_pain", "lumbar_curve"} <= {s.key for s in pages}
    for s in pages:
        assert set(link_checks.PREGNANCY_FLAGS) <= set(s.warning_flags), s.key
    assert "pregnancy warning signs" in course.symptoms["sciatic_pain"].why.text


@pytest.mark.parametrize("flag", ["late_pregnancy_pain", "ectopic_pregnancy"])
def test_a_back_pain_page_dropping_a_pregnancy_flag_at_both_ends_is_refused(copy, flag):
    # unlinked at both ends, so the two-way symptom rule has nothing to notice:
    # only the back-pain rule can refuse it
    _unlink_symptom(copy, "sciatic_pain", flag)

    # its L5-S1 root areas lie on the sciatic page's map: off them too, so the
    # area-page rule does not refuse the page first
    def off_the_root(d):
        f = _record(d["red_flags"], flag)
        f["regions"] = [r for r in f["regions"] if not r.startswith("nerve_root_")]

    _edit(copy / "red_flags.json", off_the_root)
    with pytest.raises(
        ContentError,
        match=rf"^symptoms\.json: sciatic_pain: field 'warning_flags' leaves out red flag '{flag}': "
        r"every page that shows 'cauda_equina' is about back pain",
    ):
        _load(copy)


def test_the_back_pain_rule_reports_each_gap(package):
    course, _ = package
    assert link_checks.pregnancy_flag_problems(course.symptoms, course.red_flags) == []
    gap = dataclasses.replace(
        course.symptoms["lumbar_curve"],
        warning_flags=tuple(k for k in course.symptoms["lumbar_curve"].warning_flags if k != "late_pregnancy_pain"),
    )
    found = link_checks.pregnancy_flag_problems([gap], course.red_flags)
    assert [(p.file, p.key) for p in found] == [("symptoms.json", "lumbar_curve")]


# --- review round 33, B PS1: a mechanism page with one pregnancy sign shows both ---

PREGNANCY_MECHANISMS = ("acute_strain", "overuse", "snapping_hip", "hip_replacement_impingement")


def test_every_mechanism_with_the_early_pregnancy_sign_shows_the_late_one_and_says_20_weeks(package):
    # the steppers sent a pregnant woman at any stage to the early pregnancy unit
    course, _ = package
    assert link_checks.pregnancy_flag_problems(course.symptoms, course.red_flags, course.mechanisms) == []
    late = course.red_flags["late_pregnancy_pain"]
    for key in PREGNANCY_MECHANISMS:
        ups = {up.flag: up.when for up in course.mechanisms[key].escalates_to}
        assert "not yet about 20 weeks" in ups["ectopic_pregnancy"], key
        assert "from about 20 weeks" in ups["late_pregnancy_pain"], key
        assert "in the weeks after the birth" in ups["late_pregnancy_pain"], key
        assert key in late.mechanisms, key
    # the avulsion page is at the flags' own level, so both are its red_flags
    assert {"ectopic_pregnancy", "late_pregnancy_pain"} <= set(course.mechanisms["avulsion"].red_flags)
    assert "avulsion" in late.mechanisms


@pytest.mark.parametrize("mechanism", ["acute_strain", "overuse"])
def test_a_mechanism_dropping_the_late_pregnancy_sign_at_both_ends_is_refused(copy, mechanism):
    # unlinked at both ends, so the two-way mechanism rule has nothing to notice:
    # only the pregnancy rule can refuse it
    _unlink_mechanism(copy, mechanism, "late_pregnancy_pain")
    with pytest.raises(
        ContentError,
        match=rf"^mechanisms\.json: {mechanism}: field 'escalates_to' shows red flag 'ectopic_pregnancy' "
        r"but leaves out 'late_pregnancy_pain'",
    ):
        _load(copy)


def test_the_pregnancy_rule_reports_each_mechanism_gap(package):
    course, _ = package
    avulsion = course.mechanisms["avulsion"]
    gap = dataclasses.replace(avulsion, red_flags=tuple(k for k in avulsion.red_flags if k != "late_pregnancy_pain"))
    found = link_checks.pregnancy_flag_problems([], course.red_flags, [gap, course.mechanisms["overuse"]])
    assert [(p.file, p.key) for p in found] == [("mechanisms.json", "avulsion")]
    # a symptom page that is not a back-pain page (no cauda equina sign) but shows only
    # the late sign is refused too: the rule runs both ways and on both kinds of page
    hip = course.symptoms["hip_pain"]
    dropped = ("ectopic_pregnancy", link_checks.BACK_PAGE_FLAG)
    one = dataclasses.replace(hip, warning_flags=tuple(k for k in hip.warning_flags if k not in dropped))
    found = link_checks.pregnancy_flag_problems([one], course.red_flags)
    assert [(p.file, p.key, "shows red flag 'late_pregnancy_pain'" in p.message) for p in found] == [
        ("symptoms.json", "hip_pain", True)
    ]


def test_the_avulsion_page_shows_its_round_31_look_alikes_and_says_who(package):
    # round 31, B M2: a teenager's avulsion can hide a slipped growth plate, a runner's
    # a stress fracture and an older adult's a broken hip after a fall. The first two
    # are at the page's own level, so they are its red_flags; the third is more urgent.
    course, _ = package
    avulsion = course.mechanisms["avulsion"]
    assert {"scfe", "runner_stress_fracture"} <= set(avulsion.red_flags)
    fall = next(up for up in avulsion.escalates_to if up.flag == "hip_fracture_after_fall")
    assert "older adult" in fall.when and "fall" in fall.when
    assert any("8 to 17" in f.text and "clear pop" in f.text for f in avulsion.features)
    for key in ("scfe", "runner_stress_fracture", "hip_fracture_after_fall"):
        assert "avulsion" in course.red_flags[key].mechanisms, key


# --- review round 33, B PS2: a necrotising infection can hide behind a strain ---


def test_a_strain_overuse_and_abscess_page_show_the_necrotising_infection_sign(package):
    # the flag was on the symptom pages only, never beside the strain a learner looks up
    course, _ = package
    flag = course.red_flags["necrotising_infection"]
    assert {"acute_strain", "overuse", "abscess"} <= set(flag.mechanisms)
    for key in ("acute_strain", "overuse", "abscess"):
        ups = {up.flag: up.when for up in course.mechanisms[key].escalates_to}
        assert "far worse than" in ups["necrotising_infection"], key
        assert "spread" in ups["necrotising_infection"], key
    assert (
        "injects drugs"
        in {up.flag: up.when for up in course.mechanisms["abscess"].escalates_to}["necrotising_infection"]
    )
    # the stepper's own 'far worse than expected' line for muscle breakdown is not the only one left
    assert (
        "strained muscle"
        in {up.flag: up.when for up in course.mechanisms["acute_strain"].escalates_to}["necrotising_infection"]
    )


@pytest.mark.parametrize("mechanism", ["acute_strain", "overuse", "abscess"])
def test_a_mechanism_dropping_the_necrotising_sign_at_one_end_is_refused(copy, mechanism):
    _drop_escalation(copy, mechanism, "necrotising_infection")
    with pytest.raises(
        ContentError,
        match=rf"^mechanisms\.json: {mechanism}: field 'escalates_to' leaves out red flag 'necrotising_infection'",
    ):
        _load(copy)


# --- review round 34, B PS1: an emergency page still shows a flag that calls 999 ---
#
# The age rule compared levels only, so the haematoma page (emergency, its bleeding
# flag letting the person get to hospital any way) was exempt from the aneurysm flag
# (emergency, ambulance): a faint person was never told to call 999 there and the
# leaking aneurysm was not named as the look-alike.


def test_the_haematoma_page_names_the_aneurysm_and_999_for_a_faint_person(package):
    course, _ = package
    ups = {up.flag: up.when for up in course.mechanisms["haematoma"].escalates_to}
    assert "aortic_aneurysm" in ups
    assert "faint" in ups["aortic_aneurysm"] and "call 999" in ups["aortic_aneurysm"]
    assert "haematoma" in course.red_flags["aortic_aneurysm"].mechanisms
    assert [e.transport for e in course.red_flags["aortic_aneurysm"].call_now] == ["ambulance"]


def test_a_haematoma_page_without_the_aneurysm_is_refused(copy):
    _unlink_mechanism(copy, "haematoma", "aortic_aneurysm")
    with pytest.raises(
        ContentError,
        match=r"^mechanisms\.json: haematoma: field 'escalates_to' leaves out red flag 'aortic_aneurysm'",
    ):
        _load(copy)


def test_at_the_same_level_only_a_flag_that_calls_an_ambulance_is_more_urgent(package):
    course, _ = package
    order = tuple(course.urgency.keys())
    page = link_checks.mechanism_rank(course.mechanisms["haematoma"], course.red_flags, order)
    assert link_checks.flag_rank(course.red_flags["aortic_aneurysm"], order) < page
    # an emergency flag that lets the person go any way adds no speed to this page
    assert link_checks.flag_rank(course.red_flags["appendicitis"], order) >= page
    gap = dataclasses.replace(course.mechanisms["haematoma"], escalates_to=())
    found = link_checks.age_flag_problems([gap], list(course.red_flags), order)
    assert [p.key for p in found] == ["haematoma"] and "'aortic_aneurysm'" in found[0].message


def test_an_escalation_no_faster_than_the_page_is_still_refused(copy):
    def add(d):
        _record(d["mechanisms"], "haematoma")["escalates_to"].append(
            {"flag": "cancer_with_nerve_signs", "when": "belly pain"}
        )

    _edit(copy / "mechanisms.json", add)
    _edit(
        copy / "red_flags.json",
        lambda d: _record(d["red_flags"], "cancer_with_nerve_signs")["mechanisms"].append("haematoma"),
    )
    with pytest.raises(
        ContentError, match=r"^mechanisms\.json: haematoma: field 'escalates_to': 'cancer_with_nerve_signs'"
    ):
        _load(copy)


# --- review round 34, B minor 2: the nerve signs on every mechanism page ---


def test_every_mechanism_page_shows_the_nerve_signs_and_their_look_alikes(package):
    course, _ = package
    assert {"older_child", "adult"} <= set(course.red_flags["cauda_equina"].every_mechanism_for)
    for m in course.mechanisms:
        if m.key == "haematoma":  # already at the cauda equina flag's level and transport
            continue
        shown = set(m.red_flags) | {up.flag for up in m.escalates_to}
        assert {"cauda_equina", "progressive_weakness", "sudden_weakness_stroke"} <= shown, m.key
    whens = {up.flag: up.when for up in course.mechanisms["abscess"].escalates_to}
    assert "infection in the spine" in whens["cauda_equina"]
    for m in ("snapping_hip", "hip_replacement_impingement", "avulsion"):
        assert "necrotising_infection" in {up.flag for up in course.mechanisms[m].escalates_to}, m


def test_a_mechanism_page_without_the_nerve_signs_is_refused(copy):
    for flag in ("cauda_equina", "progressive_weakness", "sudden_weakness_stroke"):
        _unlink_mechanism(copy, "snapping_hip", flag)
    with pytest.raises(
        ContentError,
        match=r"^mechanisms\.json: snapping_hip: field 'escalates_to' leaves out red flag 'cauda_equina', "
        r"which every mechanism reaching",
    ):
        _load(copy)


# --- review round 35, B PS1: a weak or numb front of the thigh points to the bleed first ---


def test_the_groin_pages_read_a_femoral_nerve_sign_as_a_bleed_first(package):
    course, _ = package
    assert link_checks.femoral_sign_bleed_problems(course.symptoms) == []
    for key in ("pain_with_movement", "hip_pain"):
        why = course.symptoms[key].why.text
        assert why.index("blood thinner") < why.index("held bent") < why.index("nerve root"), key
        assert "bleeding" in course.symptoms[key].warning_flags
        assert key in course.red_flags["bleeding"].symptoms


def test_a_symptom_text_naming_a_numb_thigh_without_the_bleed_is_refused(copy):
    planted = "A numb front of the thigh with this pain comes from a nerve root in the low back."
    _edit(
        copy / "symptoms.json",
        lambda d: _record(d["symptoms"], "back_pain")["feel"].update(
            text=_record(d["symptoms"], "back_pain")["feel"]["text"] + " " + planted
        ),
    )
    with pytest.raises(
        ContentError,
        match=r"^symptoms\.json: back_pain: field 'feel' names a femoral-nerve sign but not 'blood thinner'",
    ):
        _load(copy)


def test_a_symptom_text_naming_the_nerve_root_before_the_bleed_is_refused(copy):
    def root_first(d):
        s = _record(d["symptoms"], "hip_pain")
        s["why"]["text"] = s["why"]["text"].replace(
            "ask first whether", "it points to a nerve root in the low back; ask whether", 1
        )

    _edit(copy / "symptoms.json", root_first)
    with pytest.raises(
        ContentError,
        match=r"^symptoms\.json: hip_pain: field 'why' reads a femoral-nerve sign as a nerve root before",
    ):
        _load(copy)


# --- review round 35, B PS2: the dancer's snap and the older walker's overuse pain ---


def test_the_snapping_hip_and_overuse_pages_show_the_hip_fracture_signs(package):
    course, _ = package
    snap = {up.flag: up.when for up in course.mechanisms["snapping_hip"].escalates_to}
    assert "dancer" in snap["runner_stress_fracture"] and "hopping" in snap["runner_stress_fracture"]
    assert "snapping_hip" in course.red_flags["runner_stress_fracture"].mechanisms
    assert "dancer" in " ".join(course.red_flags["runner_stress_fracture"].signs)
    over = {up.flag: up.when for up in course.mechanisms["overuse"].escalates_to}
    assert "65" in over["hip_fracture_after_fall"] and "no fall" in over["hip_fracture_after_fall"]
    assert "overuse" in course.red_flags["hip_fracture_after_fall"].mechanisms


def test_the_dancer_stress_fracture_left_off_one_end_is_refused(copy):
    _edit(
        copy / "red_flags.json",
        lambda d: _record(d["red_flags"], "runner_stress_fracture")["mechanisms"].remove("snapping_hip"),
    )
    with pytest.raises(ContentError, match=r"runner_stress_fracture|snapping_hip"):
        _load(copy)
