"""Every place that shows a red flag shows what it asks: its level, where to go
(destination), what to do meanwhile (interim advice) and the sign that moves
it up the scale (escalation). Checked structurally, flag by flag, on the real
outputs: the start page, lesson 04, the mechanism stepper (and so the site,
which is driven from it), the case feedback and the review sheet. The
handouts print the lessons' stored outputs: tests/test_handouts.py checks
them. Each check fails if a step is dropped from that output
(test_a_dropped_step_is_caught breaks each on purpose)."""

from __future__ import annotations

import html
import importlib.util
import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content import text, warning_text

ROOT = Path(__file__).resolve().parents[1]
START_PAGE_LEVELS = ("emergency", "same_day", "within_days")  # every level that sends someone to a doctor


def flat(output) -> str:
    """An output as plain words: markup, entities, emphasis and spacing removed."""
    s = html.unescape(re.sub(r"<[^>]+>", " ", str(output)))
    s = s.replace("\\|", "|").replace("*", "")
    return " ".join(s.split())


def words(value: str) -> str:
    return " ".join(value.rstrip(".").split())


def missing_steps(flag, output: str) -> list[str]:
    """The parts of what ``flag`` asks that ``output`` (flattened) lacks."""
    needed = {"destination": flag.destination, "interim advice": flag.interim_advice}
    if flag.escalation is not None:
        needed["escalation"] = flag.escalation.when
        needed["escalation level"] = il.urgency_level(flag.escalation.urgency).label
    return [f"{flag.key}: {name}" for name, value in needed.items() if words(value) not in output]


def _assert_all_shown(flags, output) -> None:
    out = flat(output)
    gaps = [gap for f in flags for gap in missing_steps(f, out)]
    assert not gaps, gaps


# ------------------------------------------------------------------ the data


def test_every_flag_has_a_destination_and_interim_advice():
    for f in il.red_flags():
        assert f.destination.strip() and f.interim_advice.strip(), f.key
        assert f.destination != f.interim_advice, f.key


def test_same_day_imaging_flags_send_to_imaging_not_a_gp_slot():
    # SCFE, the avulsions and the femoral-neck stress fracture need an X-ray today
    for key in ("scfe", "adolescent_avulsion", "adult_avulsion", "runner_stress_fracture"):
        f = il.red_flag(key)
        assert "X-ray" in f.destination and "GP" not in f.destination, key
        assert "weight" in f.interim_advice, key


def test_a_flag_whose_bone_may_break_keeps_weight_off_a_painful_leg_meanwhile():
    # review round 13 A M1: unexplained bone pain (a tumour in an older adult
    # too) asked only for no sport, while its siblings asked for crutches;
    # pain on weight-bearing is the strongest sign of a coming break
    weakened = [f for f in il.red_flags() if f.escalation is not None and "may have broken" in f.escalation.when]
    assert {"cancer_bone_pain", "bone_pain_unexplained"} <= {f.key for f in weakened}
    for f in weakened:
        advice = f.interim_advice.lower()
        assert "crutches" in advice and ("no weight" in advice or "weight off" in advice), f.key


def test_case_and_flag_urgency_keys_come_from_the_one_scale():
    levels = set(il.urgency_levels().keys())
    for f in il.red_flags():
        assert f.urgency in levels and (f.escalation is None or f.escalation.urgency in levels), f.key
    for m in il.mechanisms():
        assert m.urgency in levels, m.key
        own_ambulance = any(
            il.red_flag(k).urgency == m.urgency
            and il.red_flag(k).call_now is not None
            # a page sends by ambulance only if a flag of its own calls one for every sign
            and all(e.transport == "ambulance" for e in il.red_flag(k).call_now)
            for k in m.red_flags
        )
        for up in m.escalates_to:
            flag, page = il.red_flag(up.flag), il.urgency_level(m.urgency).rank
            # an escalation sends faster: a more urgent level, or at the page's level a
            # 999 ambulance where the page's own flags allow any transport (round 34, B PS1)
            faster = il.urgency_level(flag.urgency).rank < page or (
                il.urgency_level(flag.urgency).rank == page
                and not own_ambulance
                and flag.call_now is not None
                and any(e.transport == "ambulance" for e in flag.call_now)
            )
            assert faster, (m.key, up.flag)
    for case in ld.cases():
        assert case.urgency in levels, case.key
        if case.red_flag:
            assert case.urgency == il.red_flag(case.red_flag).urgency, case.key
    # the quiz names levels only as {urgency:key} marks, read from the file as written
    quiz = json.loads((ROOT / "iliopsoas_lessons" / "data" / "lessons" / "quiz.json").read_text(encoding="utf-8"))
    marks = re.findall(r"\{urgency:([^{}]*)\}", json.dumps(quiz["questions"]))
    # {urgency:key:now} is the level's "now" wording, for a flag that goes now
    assert marks and {m.removesuffix(":now") for m in marks} <= levels, sorted(set(marks) - levels)
    loaded = " ".join(str(q) for q in ld.questions())
    assert "{urgency:" not in loaded
    for key in set(marks):
        level = il.urgency_level(key.removesuffix(":now"))
        assert (level.now.label if key.endswith(":now") else level.label) in loaded, key


# ------------------------------------------------------------------ each output


def test_start_page_shows_every_urgent_flag_with_its_steps():
    out = text.show_urgent_signs()
    shown = [f for f in il.red_flags() if f.urgency in START_PAGE_LEVELS]
    assert shown
    _assert_all_shown(shown, out)
    # review round 3, m7: the start page says its list gives every sign, so no
    # level that needs a doctor may be left off (a bone sarcoma waits at 'within days')
    assert set(START_PAGE_LEVELS) == {l.key for l in il.urgency_levels() if l.key != "routine"}
    for key in START_PAGE_LEVELS:
        assert il.urgency_level(key).label in flat(out), key


def test_lesson_04_list_and_summary_show_every_flag_with_its_steps():
    _assert_all_shown(il.red_flags(), text.show_red_flags())
    _assert_all_shown(il.red_flags(), text.show_triage_summary())


def _linked(m):
    return [il.red_flag(k) for k in m.red_flags] + [il.red_flag(up.flag) for up in m.escalates_to]


@pytest.mark.parametrize("key", list(il.mechanisms().keys()))
def test_mechanism_stepper_text_shows_each_linked_flag_with_its_steps(key):
    from iliopsoas_lessons.widgets.mechanisms import mechanism_html

    m = il.mechanism(key)
    out = mechanism_html(m)
    _assert_all_shown(_linked(m), out)
    for up in m.escalates_to:
        assert words(up.when) in flat(out), (key, up.flag)
    # the lesson's own summary of the mechanisms shows the same
    _assert_all_shown(_linked(m), text.show_mechanism_urgency([key]))


def test_the_strain_stays_routine_and_names_both_avulsions():
    strain = il.mechanism("acute_strain")
    assert strain.urgency == "routine" and not strain.red_flags
    assert {up.flag for up in strain.escalates_to} == {
        "cannot_bear_weight",
        "adolescent_avulsion",
        "scfe",
        "adult_avulsion",
        "adult_hamstring_avulsion",  # round 66, A PS-1: an adult's hamstring tendon torn off the sitting bone
        "bleeding",
        "hip_fracture_after_fall",  # round 8, B PS-3
        "antiplatelet_pain",  # round 8, A5
        "testicular_torsion",  # round 10, B PS1: sudden groin pain in sport
        "strangulated_hernia",
        "ovarian_torsion",
        "child_fever_limp",  # round 13, B minor 2: a feverish child's limp blamed on a strain
        "fever_back_pain",  # round 15, B S2: an adult's fever or abscess taken for a strain
        "infection",
        "infection_unwell",
        "necrotising_infection",  # round 33, B PS2: a flesh-destroying infection in a strained muscle
        "iliofemoral_dvt",  # round 15, B S2: a deep-vein clot taken for a pulled muscle
        "appendicitis",  # round 16, B minor 2: the psoas sign of appendicitis taken for a strain
        "ectopic_pregnancy",  # round 20, B minor 2: ask whether she is or could be pregnant
        "late_pregnancy_pain",  # round 33, B PS1: from about 20 weeks, the maternity unit's sign
        "pelvic_infection",  # a pelvic infection taken for a groin or adductor strain in a sportswoman
        "possible_cancer",  # weight loss, or night or rest pain building over weeks, with a 'strain'
        "young_child_limp",  # round 21, B PS1: a limping young child with no fever
        "child_limp_not_settling",
        "runner_stress_fracture",  # round 23, B minor 5: a stress fracture felt as a sudden groin pain
        "exertional_rhabdomyolysis",  # round 30, A PS2: muscle breakdown after hard exercise taken for a strain
        # round 26, B PS: a 'strain' in someone with cancer or a replaced hip
        "cancer_bone_pain",
        "cancer_with_nerve_signs",
        "cancer_spinal_pain",
        "bone_pain_unexplained",
        "hip_replacement_complication",
        # round 29, B PS1: a leaking aneurysm or a kidney stone taken for a groin strain
        "aortic_aneurysm",
        "kidney",
        "renal_colic",
        # round 29, B minor 2: a new weak leg or the cauda equina signs beside a strain
        "progressive_weakness",
        "cauda_equina",
        "sudden_weakness_stroke",
        # round 50 B m-5: a pulsing groin swelling, or one after a needle, and a high-energy injury
        "groin_pseudoaneurysm",
        "major_trauma",
        "soft_tissue_lump",  # round 44, A PS-1: a growing lump or a "strain bruise" that does not shrink
        "acute_limb_ischaemia",  # round 44, B PS-1: a blocked artery's pain taken for a strain
        "limb_threatening_ischaemia",  # round 64 A Mi-1: pain at rest or a sore that will not heal, its own sign
        "groin_hernia",  # round 46, A PS-1: a groin lump that goes back in, taken for a strain
        # a weak-bone spinal fracture, or a serious spinal cause, taken for a back strain
        "fragility_fracture",
        "serious_spine_signs",
        # every emergency a symptom page offers: a heart attack or torn aorta felt in the back,
        # the two-legged nerve emergency, an inflamed pancreas (tests/test_routine_pages_offer_every_emergency.py)
        "back_and_chest_pain",
        "both_legs_sciatica",
        "pancreatitis",
        # a baby not yet walking who keeps a leg still, and a fused spine after a small fall
        "baby_leg_not_moved",
        "fused_spine_fracture",
        # a child of any age who will not put any weight on a leg, with or without a fever or an injury
        "child_not_weight_bearing",
        # the symptom pages' belly, skin and testicle look-alikes
        "diverticulitis",
        "shingles",
        "testicular_lump",
        # tingling and weakness in both legs that spread: possible Guillain-Barré syndrome
        "guillain_barre",
        "child_back_pain",  # round 56 B PS-2: a child's back pain taken for a back strain
        # the same escalations as the other routine mechanisms: aching of both hips over about 50
        # with a headache, a sore scalp or jaw pain (tests/test_warning_sign_lists_agree.py)
        "giant_cell_arteritis",
    }  # round 6, PS-2
    out = flat(text.show_mechanism_urgency(["acute_strain"]))
    for up in strain.escalates_to:
        flag = il.red_flag(up.flag)
        # the label as shown beside the flag: a go-now flag shows its level's "now" wording
        assert f"{flag.title} ({text.flag_level(flag).label})" in out, up.flag
    assert "cannot lift the thigh" in out


def test_the_stepper_widget_shows_the_steps_at_every_mechanism():
    # the site's mechanism widget is this widget driven through its states
    from iliopsoas_lessons.widgets import MechanismStepper

    stepper = MechanismStepper()
    for i, m in enumerate(il.mechanisms()):
        stepper.go_to(i)
        assert stepper.state.key == m.key
        _assert_all_shown(_linked(m), stepper.shown("details"))


def test_the_website_copy_of_the_stepper_shows_the_steps():
    # the site stores each state's text pieces; every mechanism's linked flags
    # must be there with their steps (driven from the Python widget)
    from iliopsoas_lessons import sitewidgets
    from iliopsoas_lessons.widgets import MechanismStepper

    stepper = MechanismStepper()
    data = sitewidgets.export(stepper)["values"]["table"]  # the state table the page plays
    stepper.close()
    pages = []
    for slots in data["states"].values():
        pages.append(" ".join("".join(data["strings"][i] for i in slot) for slot in slots))
    site = " ".join(pages)
    linked = {f.key: f for m in il.mechanisms() for f in _linked(m)}
    _assert_all_shown(linked.values(), site)


def test_case_feedback_shows_the_flags_steps():
    from iliopsoas_lessons.widgets.state import RedFlagCasesState

    cases = [c for c in ld.cases() if c.red_flag]
    assert cases
    for c in cases:
        state = RedFlagCasesState(cases=(c,))
        state.answer(c.urgency)
        _assert_all_shown([il.red_flag(c.red_flag)], state.feedback.text)


def _review_build():
    spec = importlib.util.spec_from_file_location("build_review_for_flags", ROOT / "scripts" / "build_review.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_review_sheet_shows_every_flag_with_its_steps():
    _assert_all_shown(il.red_flags(), _review_build().render_html())


# ------------------------------------------------------------------ the checks can fail


def _without_escalation(steps):
    return [(head, body) for head, body in steps if not head.endswith("instead")]


def test_a_dropped_step_is_caught(monkeypatch):
    """Drop the escalation (then the destination) from the shared steps and
    from each flag: every output check above must then fail."""
    original = text.flag_steps
    flags_with_escalation = [f for f in il.red_flags() if f.escalation is not None]
    assert flags_with_escalation

    def broken(flag, content=None):
        return _without_escalation(original(flag, content))

    import iliopsoas_lessons.content.flag_levels as flag_levels
    import iliopsoas_lessons.widgets.mechanisms as mech_widget

    # the steps live in flag_levels (flag_steps_text reads them there); warning_text and the widget import them
    monkeypatch.setattr(flag_levels, "flag_steps", broken)
    monkeypatch.setattr(warning_text, "flag_steps", broken)
    monkeypatch.setattr(mech_widget, "flag_steps", broken)
    for check in (
        lambda: _assert_all_shown(flags_with_escalation, text.show_red_flags()),
        lambda: _assert_all_shown(flags_with_escalation, text.show_triage_summary()),
        lambda: _assert_all_shown(
            [f for f in flags_with_escalation if f.urgency in START_PAGE_LEVELS], text.show_urgent_signs()
        ),
        lambda: _assert_all_shown(
            [il.red_flag("adolescent_avulsion")], mech_widget.mechanism_html(il.mechanism("acute_strain"))
        ),
        lambda: _assert_all_shown([il.red_flag("adolescent_avulsion")], text.show_mechanism_urgency(["acute_strain"])),
    ):
        with pytest.raises(AssertionError, match="escalation"):
            check()
    monkeypatch.setattr(warning_text, "flag_steps", lambda flag, content=None: original(flag, content)[1:])
    with pytest.raises(AssertionError, match="destination"):
        _assert_all_shown(il.red_flags(), text.show_red_flags())


def test_the_ectopic_flag_says_go_now_wherever_its_level_label_is_shown():
    """Round 7, m-3: the flag stays at the same-day level (NICE NG126: immediate
    referral to an early pregnancy service, an emergency department only when she is
    unstable, which is its escalation), so every output that prints the label
    "Same day" beside it must also say "go now": its title and its advice say so."""
    flag = il.red_flag("ectopic_pregnancy")
    assert flag.urgency == "same_day" and flag.escalation.urgency == "emergency"
    assert "go now" in flag.title and "Go now" in flag.interim_advice
    for output in (text.show_red_flags(), text.show_triage_summary()):
        assert "ectopic pregnancy (go now" in flat(output).lower()
    # the start page lists flags by their short form, which says it too
    assert "(go now" in flag.in_short and flat(flag.in_short) in flat(text.show_urgent_signs())


# Clinical review round 18, A M-5: a flag that goes now (go_now) is listed under its
# level's 'now' label ("Same day (go now)"), never under the heading that says 'today'.
# Each rendering below is cut into (heading, block) at its own heading markup.
def _blocks(output: str, heading: str) -> list[tuple[str, str]]:
    parts = re.split(heading, str(output), flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2]))


def _go_now_misplaced(output: str, heading: str, marker) -> list[str]:
    """The same-day flags that ``output`` lists under a heading other than their shown label."""
    wrong = []
    blocks = [(html.unescape(head).strip(), flat(body)) for head, body in _blocks(output, heading)]
    for flag in (f for f in il.red_flags() if f.urgency == "same_day"):
        label = text.flag_level(flag).label
        under = [head for head, body in blocks if flat(marker(flag)) in body]
        if under != [label]:
            wrong.append(f"{flag.key} under {under}, not [{label!r}]")
    return wrong


def _title(flag):
    return text._md(flag.title[0].lower() + flag.title[1:])


def _renderings():
    handouts = _load_script("build_handouts")
    return {
        "start page": (text.show_urgent_signs(), r"^\*\*(.+?)\*\*: ", lambda f: text._md(f.in_short)),
        "lesson 04 red flags": (text.show_red_flags(), r"^#### (.+)$", lambda f: text._md(f.title)),
        "lesson 04 summary": (text.show_triage_summary(), r"^- \*\*(.+?)\*\*: ", _title),
        "start handout": (
            handouts.render_html("00_start_here"),
            r"<p><strong>(.+?)</strong>: ",
            lambda f: handouts._markdown(f.in_short),
        ),
    }


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_for_go_now", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_go_now_flags_are_listed_under_the_go_now_label_everywhere_flags_are_grouped():
    now_label = il.urgency_level("same_day").now.label
    go_now = [f for f in il.red_flags() if f.go_now]
    assert go_now and now_label == "Same day (go now)"
    for name, (output, heading, marker) in _renderings().items():
        assert now_label in str(output), name
        assert _go_now_misplaced(output, heading, marker) == [], name


def test_a_go_now_flag_under_the_today_heading_is_caught(monkeypatch):
    # The check above fails when lists group by level alone, as they did before round 18.
    monkeypatch.setattr(
        warning_text,
        "_flag_groups",
        lambda content, key: [(content.urgency[key], warning_text._flags_at(content, key))],
    )
    output, heading, marker = text.show_triage_summary(), r"^- \*\*(.+?)\*\*: ", _title
    assert any("ectopic_pregnancy" in w for w in _go_now_misplaced(output, heading, marker))


# ------------------------------------------------------------------ body-map regions


def _region_context(region_key: str) -> str:
    from iliopsoas_lessons.content import review

    (found,) = [s for s in review.statements() if s.id == f"regions/{region_key}"]
    return flat(" ".join(f"{label}: {value}" for label, value in found.context))


def _assert_region_shows_its_flags(region) -> None:
    out = _region_context(region.key)
    assert region.red_flags, region.key
    for flag in (il.red_flag(k) for k in region.red_flags):
        assert words(flag.in_short) in out, (region.key, flag.key)
        assert text.flag_level(flag).label in out, (region.key, flag.key)
    _assert_all_shown([il.red_flag(k) for k in region.red_flags], out)


@pytest.mark.parametrize(
    "key",
    [
        "saddle",
        "femoral_triangle_left",
        "femoral_triangle_right",
        "groin_left",
        "groin_right",
        "lower_abdomen_left",
        "lower_abdomen_right",
    ],
)
def test_a_region_that_names_a_danger_shows_each_flag_with_its_level_and_steps(key):
    """Review round 38, D PS-1/PS-2: the saddle and groin-lump texts name a danger,
    so the review sheet (where region descriptions are shown) prints each of
    the region's flags with its level, destination, interim advice and escalation."""
    _assert_region_shows_its_flags(il.region(key))


def test_the_groin_regions_list_the_groin_flags():
    """Review round 39, D minor 1: a bleed into the muscle can swell the groin,
    so the femoral triangle names it and shows the bleeding flag too."""
    for key in ("femoral_triangle_left", "femoral_triangle_right"):
        region = il.region(key)
        assert {
            "strangulated_hernia",
            "groin_pseudoaneurysm",
            "infection",
            "iliofemoral_dvt",
            "bleeding",
        } <= set(region.red_flags)
        assert "a bleed into the muscle" in region.description
    # the saddle shows the signs whose words name the area between the legs
    assert il.region("saddle").red_flags == (
        "cauda_equina",
        "cancer_with_nerve_signs",  # numbness between the legs in someone with cancer
        "infection_unwell",  # a necrotising infection there can turn to sepsis within hours
        "necrotising_infection",
        "aortic_aneurysm",  # the steps renal colic escalates to are shown where it is
        "kidney",
        "renal_colic",
        "testicular_torsion",
        "testicular_lump",
        "shingles",
    )


def test_a_regions_flags_are_exactly_the_flags_that_name_it():
    """Review round 40, D minor 4: region-flag links have one source, the
    flags' 'regions' in red_flags.json; each region's flags are derived from it,
    so the region's page and the flag's cannot disagree."""
    for region in il.regions():
        named = tuple(f.key for f in il.red_flags() if region.key in f.regions)
        assert region.red_flags == named, region.key


def test_the_lower_belly_and_groin_show_their_emergencies():
    """Review round 40, D minor 4: the torsions, the ectopic pregnancy and the
    leaking aneurysm name the groin and lower belly on both sides (appendicitis
    the right only), and those regions show them."""
    either_side = {"testicular_torsion", "ovarian_torsion", "ectopic_pregnancy", "aortic_aneurysm"}
    for zone in ("groin", "lower_abdomen"):
        for side in ("left", "right"):
            region = il.region(f"{zone}_{side}")
            expected = either_side | ({"appendicitis"} if side == "right" else set())
            assert expected <= set(region.red_flags), region.key
            assert "the warning signs shown with this area" in region.description
    assert "appendicitis" not in il.region("lower_abdomen_left").red_flags


def test_a_region_shown_without_its_flags_is_caught(monkeypatch):
    monkeypatch.setattr(text, "region_warning_signs", lambda region, content=None: [])
    with pytest.raises(AssertionError):
        _assert_region_shows_its_flags(il.region("saddle"))
