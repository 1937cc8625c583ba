"""Warning signs that meet the same person give one answer, and each sign is where it is felt.

- A new groin lump that can be pushed back in, or that is not painful, has a sign of
  its own (a possible femoral hernia, or a groin hernia in a woman or a child), which
  steps up to the emergency hernia sign and is shown wherever a groin lump is met.
- The aneurysm and kidney-stone signs share one rule for flank pain that does not
  change with movement; hip or groin bone pain at night goes to one sign or the other
  by whether there is weight loss.
- A route at another level inside an escalation ("Emergency now instead: ...") names
  its own level in the same clause, so the heading does not give it the wrong one.
- The start page's cauda equina line names the early bladder signs; no sign says
  "urgently" without a level.
- A guideline-trail quote read off its issuer's own site says where it was read.
- The children's fever and limp signs are on the thigh, hip and buttock areas, the
  twisted testicle on the saddle area, and the blocked leg artery on the low back.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import text
from iliopsoas_lessons.content.lessons import lesson_data

pytestmark = pytest.mark.unit


def _both(*zones: str) -> set[str]:
    return {f"{zone}_{side}" for zone in zones for side in ("left", "right")}


def _head(flag) -> str:
    # flags quote each other by the title's head (before a go-now tag or a colon)
    return flag.title.split(" (go now")[0].split(":")[0]


# --- a groin lump that goes in, or is not painful ---------------------------


def test_a_groin_lump_that_goes_in_has_a_48_hour_sign_that_steps_up_to_the_trapped_hernia():
    flag = il.red_flag("groin_hernia")
    trapped = il.red_flag("strangulated_hernia")
    assert flag.urgency == "within_days" and flag.escalation.urgency == "emergency"
    assert f"'{_head(trapped)}'" in flag.escalation.when
    said = " ".join((flag.in_short, *flag.signs))
    for words in ("pushed back in", "just below the groin crease", "not painful, tender or firm", "woman", "child"):
        assert words in said, words
    assert "within 48 hours" in flag.destination and "surgeon" in flag.destination
    # the hernia that no longer goes in, and a child's that will not, are the emergency
    assert "used to go back in and now will not" in " ".join(trapped.signs)
    assert "used to go back in and now will not" in trapped.call_now[0].sign
    assert "strangulated_hernia" in flag.shown_with


def test_the_groin_lump_sign_is_shown_where_a_groin_lump_is_met():
    flag = il.red_flag("groin_hernia")
    assert _both("groin", "lower_abdomen", "femoral_triangle") <= set(flag.regions)
    for key in ("groin_left", "lower_abdomen_right", "femoral_triangle_left"):
        assert "groin_hernia" in il.region(key).red_flags, key
    for page in ("pain_with_movement", "hip_pain", "back_pain"):
        assert "groin_hernia" in il.symptom(page).warning_flags, page
    for key in ("acute_strain", "overuse", "snapping_hip", "hip_replacement_impingement"):
        assert "groin_hernia" in {up.flag for up in il.mechanism(key).escalates_to}, key
    lessons = lesson_data()
    case = next(c for c in lessons.cases if c.red_flag == "groin_hernia")
    assert case.urgency == "within_days" and "just below" in case.story
    doha = next(q for q in lessons.questions if q.key == "doha_footballer")
    assert "groin_hernia" in doha.flags_shown and "possible groin hernia" in doha.explanation


# --- one rule for flank pain that does not change with movement --------------


def test_the_aneurysm_and_kidney_stone_signs_state_the_same_rule():
    aneurysm, colic = il.red_flag("aortic_aneurysm"), il.red_flag("renal_colic")
    steady = next(s for s in aneurysm.signs if "does not change with movement" in s)
    rule = next(s for s in colic.signs if s.startswith("the rule that tells it from a leaking aortic aneurysm"))
    for said in (steady, rule):
        for words in ("under about 60", "waves", "known aneurysm", "pulsing lump"):
            assert words in said, (words, said[:60])
    assert "kidney-stone warning sign" in aneurysm.in_short and "under about 60" in colic.in_short
    assert "not kidney-stone waves under about 60" in aneurysm.call_now[0].sign


def test_the_kidney_stone_case_meets_the_rule_and_may_choose_the_faster_level():
    case = next(c for c in lesson_data().cases if c.key == "loin_waves")
    age = int(re.search(r"\b(\d+)\b", case.story).group(1))
    assert age < 60 and "waves" in case.story and "aneurysm sign does not apply" in case.reason
    assert case.faster_is_safe


def test_hip_or_groin_bone_pain_at_night_goes_to_one_sign_by_weight_loss():
    cancer, bone = il.red_flag("possible_cancer"), il.red_flag("bone_pain_unexplained")
    rule = next(s for s in cancer.signs if s.startswith("the rule between this sign"))
    assert "no weight loss" in rule and "within 48 hours" in rule and "the same day" in rule
    assert "weight loss" in bone.signs[-1] and bone.signs[-1].startswith("not this sign, but faster")
    assert "no weight loss" in cancer.in_short
    case = next(c for c in lesson_data().cases if c.key == "thigh_ache_no_injury")
    assert case.red_flag == "bone_pain_unexplained" and "has not lost weight" in case.story


# --- a route at another level names its level in the same clause -------------

_LEVEL_WORDS = {
    "emergency": ("an emergency",),
    "same_day": ("same day",),
    "same_day_now": ("now, not later in the day",),
    "within_days": ("within 48 hours",),
}


def _level_words(flag) -> tuple[str, ...]:
    """The words for the flag's own level, or for its step up (a clause may send a
    combination of signs that already meets the other flag's step up, such as a fever
    with new weakness, straight to that level)."""
    words = _LEVEL_WORDS["same_day_now" if flag.go_now else flag.urgency]
    return words + (_LEVEL_WORDS[flag.escalation.urgency] if flag.escalation else ())


def unlabelled_routes(flags) -> list[tuple[str, str]]:
    """(flag, other flag) for each flag quoted by title in an escalation whose level
    differs from the escalation's, in a clause that names neither its level nor its step up's."""
    found = []
    for flag in flags:
        if flag.escalation is None:
            continue
        for clause in flag.escalation.when.split(";"):
            for other in il.red_flags():
                if other.key == flag.key or f"'{_head(other)}'" not in clause:
                    continue
                if other.urgency == flag.escalation.urgency and not other.go_now:
                    continue
                if not any(words in clause for words in _level_words(other)):
                    found.append((flag.key, other.key))
    return found


def test_a_route_at_another_level_in_an_escalation_names_its_level():
    assert unlabelled_routes(il.red_flags()) == []


def test_the_route_rule_catches_a_go_now_sign_under_the_emergency_heading():
    cancer = il.red_flag("cancer_bone_pain")
    planted = SimpleNamespace(
        key="planted",
        escalation=SimpleNamespace(
            urgency="emergency",
            when=f"they cannot stand; in someone who has or has had cancer (see '{_head(cancer)}')",
        ),
    )
    assert unlabelled_routes([planted]) == [("planted", "cancer_bone_pain")]
    # and the heading the learner reads is the escalation's level
    steps = dict(text.flag_steps(il.red_flag("young_child_limp")))
    assert "Emergency now instead" in steps


# --- the box line, and no 'urgently' without a level ----------------------------


def test_the_cauda_equina_box_line_names_the_early_bladder_signs():
    sign = il.red_flag("cauda_equina").call_now[0].sign
    for words in ("hard to start", "weak stream", "bladder fill", "controlling the bladder or bowel"):
        assert words in sign, words


_URGENTLY = re.compile(r"\burgently\b", re.I)
_A_LEVEL = re.compile(r"same day|today|\bnow\b|within 48 hours|emergency", re.I)


def _clauses_urgently_without_a_level(flag) -> list[str]:
    texts = [flag.in_short, *flag.signs]
    return [c for t in texts for c in re.split(r"[;.]", t) if _URGENTLY.search(c) and not _A_LEVEL.search(c)]


def test_no_sign_says_urgently_without_a_level():
    found = {f.key: c for f in il.red_flags() if (c := _clauses_urgently_without_a_level(f))}
    assert found == {}
    planted = SimpleNamespace(
        in_short="", signs=("a sore that will not heal needs a doctor urgently, not a routine one",)
    )
    assert _clauses_urgently_without_a_level(planted)
    rest = next(s for s in il.red_flag("acute_limb_ischaemia").signs if "even at rest" in s)
    # pain at rest or a sore that will not heal is now a same-day sign of its own, named by its title
    own = il.red_flag("limb_threatening_ischaemia")
    assert own.title.split(" (")[0] in rest and own.urgency == "same_day"
    assert "a doctor the same day" in own.destination.lower()


# --- where each guideline-trail quote was read ----------------------------------

# Hosts that are the issuer's or the journal's own, though not the address in the record.
OWN_SITES = {
    "developer.api.nhs.uk": "the NHS website's own content service, for nhs.uk pages",
    "hsib.org.uk": "HSIB's own site, whose content HSSIB now hosts",
    "acog.org": "the issuer's own site (ACOG)",
    "journals.lww.com": "the journal's publisher's own site",
    "bmj.com": "the journal's own site (the BMJ), for an article cited by its DOI",
    "nhs.uk": "nhs.uk itself, without 'www.'",
}


def _host(url: str) -> str:
    return (urlparse(url).hostname or "").removeprefix("www.")


def quotes_without_their_copy(course) -> list[tuple[str, str]]:
    found = []
    for flag in course.red_flags:
        for quote in flag.trail.quotes:
            ref = course.references[quote.reference]
            host = _host(quote.url)
            if (ref.url and host == _host(ref.url)) or host in OWN_SITES:
                continue
            if not quote.reproduced_by:
                found.append((flag.key, quote.url))
    return found


def test_a_trail_quote_read_off_its_issuers_site_says_where_it_was_read():
    course = il.course()
    assert quotes_without_their_copy(course) == []
    reproduced = [q for f in course.red_flags for q in f.trail.quotes if q.reproduced_by]
    # NG12 twice, NG141, the torsion guide, the septic joint twice, the hip fracture twice, the shingles page
    assert len(reproduced) == 9
    assert any("evidence.nhs.uk" in q.url for q in reproduced)


# --- the signs on the areas where they are felt -----------------------------------


def test_a_childs_fever_and_limp_is_on_every_area_the_slipped_growth_plate_uses():
    scfe = set(il.red_flag("scfe").regions)
    assert scfe <= set(il.red_flag("child_fever_limp").regions)
    assert _both("front_thigh_upper", "front_thigh", "buttock") <= set(il.red_flag("infection").regions)
    assert _both("femoral_triangle", "front_thigh_upper") <= set(il.red_flag("fever_back_pain").regions)
    for key in ("young_child_limp", "child_limp_not_settling"):
        regions = set(il.red_flag(key).regions)
        assert _both("groin", "lateral_hip", "upper_buttock", "front_thigh_upper", "front_thigh") <= regions, key
    for key in ("front_thigh_left", "buttock_right", "lateral_hip_left"):
        assert "child_fever_limp" in il.region(key).red_flags, key


def test_the_twisted_testicle_is_on_the_saddle_and_the_blocked_artery_on_the_low_back():
    assert "testicular_torsion" in il.region("saddle").red_flags
    assert _both("lumbar_paraspinal") <= set(il.red_flag("acute_limb_ischaemia").regions)


def test_the_torsion_sign_is_as_broad_as_its_box_line():
    """The box line, the short form and the sign say the same: pain low in the belly, or
    groin pain alone when no injury explains it (a kick's pop at a tender bone does)."""
    flag = il.red_flag("ovarian_torsion")
    for words in (flag.call_now[0].sign, flag.in_short):
        assert "low in the belly, or in the groin with no injury to explain it" in words
    assert "low in the belly" in flag.signs[0]
    assert "in the groin alone counts too when no injury explains it" in flag.signs[0]


def test_every_area_showing_sciatica_in_both_legs_shows_the_cauda_equina_sign():
    """Round 48, D PS-1: the buttock, where sciatic pain is often felt, showed sciatica in
    both legs but not the cauda equina sign: one-sided sciatica with new bladder, bowel or
    saddle symptoms is the cauda equina emergency, wherever the leg pain is shown."""
    shown = [r for r in il.regions() if "both_legs_sciatica" in r.red_flags]
    assert shown
    assert [r.key for r in shown if "cauda_equina" not in r.red_flags] == []
    for key in ("buttock_left", "buttock_right", "upper_buttock_left", "upper_buttock_right"):
        assert "cauda_equina" in il.region(key).red_flags, key
