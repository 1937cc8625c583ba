"""A warning sign's title, short form, start-page line, signs, route and practice cases agree.

Each test names one gap a reader could fall through: a sign whose title or box line
adds a gate its signs do not have, two flags that send the same finding by
different routes without naming each other, or a cause of a sign left unnamed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import iliopsoas_lessons as il

DATA = Path(__file__).resolve().parents[1] / "iliopsoas_lessons" / "data"


def _flags() -> dict[str, dict]:
    raw = json.loads((DATA / "red_flags.json").read_text(encoding="utf-8"))
    return {f["key"]: f for f in raw["red_flags"]}


def _cases() -> dict[str, dict]:
    raw = json.loads((DATA / "lessons" / "red_flag_cases.json").read_text(encoding="utf-8"))
    return {c["key"]: c for c in raw["cases"]}


def _box_lines(flag: dict) -> list[dict]:
    call = flag["call_now"]
    return call if isinstance(call, list) else [call]


def _title_head(flag: dict) -> str:
    # how one flag points to another: its title before any "(go now" tag or colon
    return flag["title"].split(" (go now")[0].split(":")[0]


def test_compartment_syndrome_after_a_long_lie_or_crush_has_an_emergency_sign():
    """Compartment syndrome of the buttock or thigh follows a crush or hours lying in one
    position, not only a blow; the sign, its title, short form and box line all say so."""
    flag = _flags()["cannot_bear_weight"]
    assert flag["urgency"] == "emergency"
    lie = [s for s in flag["signs"] if s.startswith("with no blow") and "lying in one position" in s]
    assert lie, flag["signs"]
    for words in (
        "crush",
        "overdose",
        "long operation",
        "buttock",
        "thigh",
        "tense",
        "far worse",
        "compartment syndrome",
        "sciatic",
    ):
        assert words in lie[0], words
    for where in (flag["title"], flag["in_short"], *(e["sign"] for e in _box_lines(flag))):
        for words in ("buttock", "crush", "lying in one position"):
            assert words in where, (words, where)
    # muscle pain with dark urine after a long lie or crush is an emergency too
    assert any("dark" in s and "crush" in s and "long lie" in s for s in flag["signs"])
    rhabdo = _flags()["exertional_rhabdomyolysis"]
    assert any("crush" in s and "dark or scanty urine" in s and "no exercise" in s for s in rhabdo["signs"])
    assert "crush" in rhabdo["in_short"]
    # the standard the package cites for it, and case reports read for the buttock
    refs = set(flag["reason"]["references"])
    assert {"BOAST-CS", "PANAGIOTOPOULOS2015", "PAPAGEORGIOU2025"} <= refs
    assert "prolonged immobilisation" in flag["reason"]["text"]
    # and a practice case at the flag's own level
    cases = [c for c in _cases().values() if c["red_flag"] == "cannot_bear_weight" and "buttock" in c["story"]]
    assert cases and all(c["urgency"] == "emergency" for c in cases)
    assert any("no fall or blow" in c["story"] and "numb" in c["story"] for c in cases)


def test_a_leg_that_takes_no_weight_has_the_hip_fracture_ambulance_rule():
    """The no-weight sign gives the same ambulance trigger as the hip fracture sign, and
    always 999 for a deformed thigh, a short or turned leg or faintness; so does its case."""
    flags = _flags()
    hip = flags["hip_fracture_after_fall"]["destination"]
    assert "call 999 for an ambulance if they cannot get there without putting weight on the leg" in hip
    weight = flags["cannot_bear_weight"]
    for where in (weight["destination"], _cases()["icy_fall_no_weight"]["reason"]):
        for words in (
            "call 999 for an ambulance unless",
            "without",
            "putting any weight on the leg",
            "deformed",
            "shorter",
            "faint",
        ):
            assert words in where, (words, where)
    assert "deformed" in weight["interim_advice"] and "call 999" in weight["interim_advice"]


def test_the_exertional_muscle_breakdown_title_and_box_line_do_not_gate_on_urine():
    """The signs say swollen or very weak muscles or feeling unwell are enough without dark
    urine; the title and the start-page line must not ask for dark urine alone."""
    flag = _flags()["exertional_rhabdomyolysis"]
    assert any("normal-coloured urine does not rule it out" in s for s in flag["signs"])
    for where in (flag["title"], *(e["sign"] for e in _box_lines(flag))):
        for words in ("dark or scanty urine", "swollen or very weak muscles", "feeling unwell"):
            assert words in where, (words, where)


def test_a_weak_thigh_lift_after_cancer_goes_now_and_nerve_signs_make_it_the_emergency():
    """After cancer, a weak thigh lift alone is the go-now avulsion sign; the step-up to the
    emergency cancer sign names real nerve signs, and the cancer sign says the weak hip of
    a bone or tendon injury is not on its own a nerve sign."""
    flags = _flags()
    cancer = flags["cancer_with_nerve_signs"]
    avulsion = flags["adult_avulsion"]
    when = avulsion["escalation"]["when"]
    pointer = f"'{_title_head(cancer)}'"
    assert pointer in when
    clause = when[: when.index(pointer)].rsplit(";", 1)[-1]
    for words in ("cancer", "numbness", "weakness beyond lifting the thigh", "bladder or bowel"):
        assert words in clause, (words, clause)
    assert "weak thigh lift on its own stays at this sign" in when
    note = [s for s in cancer["signs"] if "not on its own a nerve sign" in s]
    assert note and f"'{_title_head(avulsion)}'" in note[0]
    case = _cases()["thigh_lift_bus"]
    assert case["urgency"] == avulsion["urgency"] == "same_day" and avulsion.get("go_now")
    assert "not on its own a nerve sign" in case["reason"]


def test_sudden_loss_of_sight_names_both_routes_in_both_flags():
    """Giant cell arteritis sends a change in sight to eye casualty; a stroke sends sudden
    loss of sight to 999. Each flag names the other and the joint rule."""
    flags = _flags()
    gca, stroke = flags["giant_cell_arteritis"], flags["sudden_weakness_stroke"]
    when = gca["escalation"]["when"]
    assert f"'{_title_head(stroke)}'" in when and "call 999" in when and "cannot see them at once" in when
    assert "call 999 instead" in gca["destination"] and "stroke sign" in gca["destination"]
    assert "call 999" in gca["interim_advice"]
    back = [s for s in stroke["signs"] if "giant cell arteritis" in s]
    assert back and f"'{_title_head(gca)}'" in back[0] and "999" in back[0]


def test_obturator_hernia_and_claudication_are_named():
    """A hernia through the pelvis gives inner-thigh pain to the knee in an older, thin
    woman; narrowed arteries give buttock or thigh pain on walking that eases with rest."""
    flags = _flags()
    hernia = flags["strangulated_hernia"]
    sign = [s for s in hernia["signs"] if "obturator hernia" in s]
    assert sign and "inner thigh to the knee" in sign[0] and "older, thin woman" in sign[0]
    assert "inner-thigh" in hernia["in_short"]
    assert {"SCHIZAS2021", "CONTI2022"} <= set(hernia["reason"]["references"])
    limb = flags["acute_limb_ischaemia"]
    note = [s for s in limb["signs"] if "claudication" in s]
    assert note and note[0].startswith("not this sign")
    for words in (
        "buttock",
        "walking",
        "standing still",
        "smoker",
        "diabetes",
        "pulses",
        "at rest",
        "will not heal",
        "cold",
    ):
        assert words in note[0], words
    assert {"NHS-PAD", "NIDIRECT-PAD"} <= set(limb["reason"]["references"])


def test_the_48_hour_level_says_nice_uses_very_urgent_for_referrals_too():
    meaning = il.urgency_level("within_days").meaning
    assert "tests and referrals" in meaning and "keeps for a few tests" not in meaning


@pytest.mark.parametrize("key", ["PANAGIOTOPOULOS2015", "PAPAGEORGIOU2025", "SWAST-999", "SCHIZAS2021", "CONTI2022"])
def test_the_new_sources_were_checked_when_read(key):
    raw = json.loads((DATA / "references.json").read_text(encoding="utf-8"))
    ref = next(r for r in raw["references"] if r["key"] == key)
    assert ref["checked"] == "2026-12-07" and ref["status"] == "current" and ref["note"]


def test_the_archived_nhs_pad_page_was_checked_and_is_shown_as_replaced():
    # an archived NHS Choices page, read on 2026-12-07: superseded by the current
    # nidirect page cited beside it, not shown as current
    raw = json.loads((DATA / "references.json").read_text(encoding="utf-8"))
    ref = next(r for r in raw["references"] if r["key"] == "NHS-PAD")
    assert ref["checked"] == "2026-12-07" and ref["note"]
    assert ref["status"] == "superseded" and ref["superseded_by"] == "NIDIRECT-PAD"


def test_the_bleed_shock_advice_cites_a_999_source_not_a_heat_safety_page():
    """The 999 call for a bleed with signs of shock rests on first-aid advice on shock and an
    ambulance service's own 'when to call 999' page, not on a page about hot weather."""
    refs = _flags()["bleeding"]["reason"]["references"]
    assert {"SJA-SHOCK", "SWAST-999"} <= set(refs) and "SECAMB-999" not in refs
