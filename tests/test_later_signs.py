"""A mechanism's later signs: warning signs to watch for after the mechanism's own
care, at the flag's own level, which may be slower than the mechanism's. The
haematoma page told readers that a lump not clearly shrinking within about 4 to 6
weeks is checked for a soft-tissue tumour but never showed that sign, its level or
its route, because a mechanism could link only faster flags (escalates_to). Now
the loader reads 'later_signs' (errors naming the file and key), the flag names
the mechanism back, and every page that lists a mechanism's flags shows a later
sign with its own level, its 'when' and words saying it is a later follow-up,
never the mechanism's route."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons import content as content_module
from iliopsoas_lessons.content import review, text
from iliopsoas_lessons.content.mechanism_text import later_sign_lines

pytestmark = pytest.mark.unit

LUMP = "soft_tissue_lump"


def flat(output) -> str:
    s = html.unescape(re.sub(r"<[^>]+>", " ", str(output)))
    return " ".join(s.replace("*", "").split())


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _record(items, key):
    return next(i for i in items if i["key"] == key)


def _later(d, key="haematoma"):
    return _record(d["mechanisms"], key)["later_signs"]


# --------------------------------------------------------------- the loader


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda d: _later(d).append({"flag": "moon", "when": "x"}),
            r"^mechanisms\.json: haematoma: field 'later_signs': unknown red flag 'moon'",
        ),
        (
            lambda d: _later(d).append({"flag": "bleeding", "when": "x"}),
            r"^mechanisms\.json: haematoma: field 'later_signs': 'bleeding' is already one of its red_flags",
        ),
        (
            lambda d: _later(d).append({"flag": "aortic_aneurysm", "when": "x"}),
            r"^mechanisms\.json: haematoma: field 'later_signs': 'aortic_aneurysm' is already in its escalates_to",
        ),
        (
            lambda d: _later(d)[0].update(when="  "),
            r"^mechanisms\.json: haematoma: field 'later_signs': item 0: 'when' must be non-empty text",
        ),
        (
            lambda d: _later(d).append({"flag": "scfe"}),
            r"^mechanisms\.json: haematoma: field 'later_signs': item \d+: each item must be an object "
            r"with exactly 'flag' and 'when'",
        ),
        (
            lambda d: _later(d).append(dict(_later(d)[0])),
            r"^mechanisms\.json: haematoma: field 'later_signs': names a red flag twice",
        ),
        (
            lambda d: _record(d["mechanisms"], "overuse").pop("later_signs"),
            r"^mechanisms\.json: overuse: missing field 'later_signs'",
        ),
    ],
)
def test_a_broken_later_sign_is_refused_naming_the_file_and_key(data_copy, change, expected):
    _edit(data_copy / "mechanisms.json", change)
    with pytest.raises(il.ContentError, match=expected):
        content_module.load(data_copy)


def test_a_later_sign_and_its_flag_name_each_other(data_copy):
    _edit(data_copy / "red_flags.json", lambda d: _record(d["red_flags"], LUMP)["mechanisms"].remove("haematoma"))
    with pytest.raises(il.ContentError, match=rf"^red_flags\.json: {LUMP}: field 'mechanisms' leaves out 'haematoma'"):
        content_module.load(data_copy)


def test_a_flag_that_names_the_mechanism_must_be_on_its_page(data_copy):
    _edit(data_copy / "mechanisms.json", lambda d: _later(d).remove(next(s for s in _later(d) if s["flag"] == LUMP)))
    with pytest.raises(
        il.ContentError, match=rf"^mechanisms\.json: haematoma: field 'escalates_to' leaves out red flag '{LUMP}'"
    ):
        content_module.load(data_copy)


def test_a_later_sign_does_not_stand_in_for_a_faster_sign_the_age_rule_asks_for(data_copy):
    """A flag every page a child can reach must offer now cannot be moved to the
    later signs: it would read as a follow-up, not a route."""

    def move(d):
        strain = _record(d["mechanisms"], "acute_strain")
        up = next(e for e in strain["escalates_to"] if e["flag"] == "child_fever_limp")
        strain["escalates_to"].remove(up)
        strain["later_signs"].append(up)

    _edit(data_copy / "mechanisms.json", move)
    with pytest.raises(
        il.ContentError,
        match=r"^mechanisms\.json: acute_strain: field 'escalates_to' leaves out red flag 'child_fever_limp', "
        r"which every mechanism",
    ):
        content_module.load(data_copy)


def test_a_later_sign_can_be_slower_than_the_mechanism():
    haematoma = il.mechanism("haematoma")
    lump = il.red_flag(LUMP)
    assert haematoma.urgency == "emergency" and lump.urgency == "within_days"
    assert LUMP in {s.flag for s in haematoma.later_signs}
    assert "haematoma" in lump.mechanisms


# --------------------------------------------------------------- the pages


def _lump_item(items: list[str]) -> str:
    title = il.red_flag(LUMP).title
    found = [i for i in items if title in i]
    assert len(found) == 1, found
    return found[0]


def _check_lump_item(item: str) -> None:
    lump = il.red_flag(LUMP)
    assert item.startswith("Later, once this has been dealt with, if a lump or swelling put down to the bleed")
    label = (
        "(Within 48 hours, as a later follow-up only: not the route for a suspected psoas or iliacus "
        "haematoma (bleeding), which is Emergency now)"
    )
    assert f"{lump.title} {label}" in item
    assert " ".join(lump.destination.split()) in item
    assert "4 to 6 weeks" in item
    # never "Within 48 hours" standing on its own as the route
    assert "(Within 48 hours)" not in item


def test_lesson_02s_summary_shows_the_lump_sign_with_its_level_as_a_later_follow_up():
    doc = str(text.show_mechanism_urgency(["haematoma"]))
    items = [flat(line.strip()[2:]) for line in doc.splitlines() if line.startswith("  - ")]
    _check_lump_item(_lump_item(items))
    assert doc.splitlines()[0].startswith("- **Psoas or iliacus haematoma (bleeding)**: **Emergency now**")
    heading = next(i for i in items if i.startswith("Later signs to watch for"))
    assert "none of them is the route for a suspected psoas or iliacus haematoma" in heading


def test_the_stepper_page_shows_the_lump_sign_with_its_level_as_a_later_follow_up():
    from iliopsoas_lessons.widgets.mechanisms import mechanism_html

    page = mechanism_html(il.mechanism("haematoma"))
    items = [flat(i) for i in re.findall(r"<li>(.*?)</li>", page, flags=re.S)]
    _check_lump_item(_lump_item(items))
    assert "Later signs to watch for once this has been dealt with" in flat(page)


def test_the_stored_stepper_table_the_site_plays_shows_the_lump_sign():
    from iliopsoas_lessons.widgets import MechanismStepper

    stepper = MechanismStepper()
    keys = [m.key for m in il.mechanisms()]
    stepper.go_to(keys.index("haematoma"))
    shown = stepper.shown("details")
    items = [flat(i) for i in re.findall(r"<li>(.*?)</li>", shown, flags=re.S)]
    _check_lump_item(_lump_item(items))


def test_the_review_sheet_shows_the_lump_sign_with_its_level_beside_the_haematoma():
    sheet = [s for s in review.statements() if s.section.startswith("Injury: Psoas or iliacus haematoma")]
    assert sheet
    for statement in sheet:
        later = [value for name, value in statement.context if name == "later sign"]
        _check_lump_item(_lump_item([flat(v) for v in later]))
        # not also shown without its level by the generic context
        assert not any(name == "later signs" for name, _ in statement.context)
    assert later_sign_lines(il.mechanism("haematoma"), il.course())


def test_every_page_shows_every_later_sign_of_every_mechanism():
    from iliopsoas_lessons.widgets.mechanisms import mechanism_html

    course = il.course()
    for m in course.mechanisms:
        summary = flat(text.show_mechanism_urgency([m.key], course))
        page = flat(mechanism_html(m, course))
        for s in m.later_signs:
            flag = course.red_flags[s.flag]
            for shown in (summary, page):
                assert f"if {s.when}: see {flag.title} (" in shown, (m.key, s.flag)
                assert "as a later follow-up only" in shown, (m.key, s.flag)


# --------------------------------------------------------------- the content


def test_the_haematoma_page_offers_the_sepsis_and_tense_thigh_signs():
    haematoma = il.mechanism("haematoma")
    ups = {up.flag: up.when for up in haematoma.escalates_to}
    assert "infection_unwell" in ups and "sepsis" in ups["infection_unwell"]
    assert "cannot_bear_weight" in haematoma.red_flags
    for key in ("infection_unwell", "cannot_bear_weight"):
        assert "haematoma" in il.red_flag(key).mechanisms, key


def test_the_overuse_page_routes_a_deep_or_growing_lump_that_is_not_a_hernia():
    ups = {up.flag: up.when for up in il.mechanism("overuse").escalates_to}
    assert LUMP in ups and "not a hernia" in ups[LUMP] and "5 cm" in ups[LUMP]
    assert "overuse" in il.red_flag(LUMP).mechanisms


@pytest.mark.parametrize("key", ["hip_replacement_impingement", "acute_strain", "snapping_hip", "overuse"])
def test_a_fall_or_a_shortened_leg_after_a_hip_replacement_goes_to_the_emergency_signs(key):
    """The go-now hip replacement sign does not carry the fall or the shorter or
    turned leg, which its own step-up makes an emergency: the fall sign and the
    no-weight sign on the same page do."""
    ups = {up.flag: up.when for up in il.mechanism(key).escalates_to}
    replaced = ups["hip_replacement_complication"]
    for words in ("fever", "pain at rest or at night"):
        assert words in replaced, words
    before = replaced.split("(")[0]
    for words in ("a fall", "shorter", "turned", "looks different"):
        assert words not in before, words
    assert "new joint" in ups["cannot_bear_weight"] and "shorter or turned" in ups["cannot_bear_weight"]
    assert "new joint" in ups["hip_fracture_after_fall"] and "fall" in ups["hip_fracture_after_fall"]
    assert il.red_flag("cannot_bear_weight").urgency == il.red_flag("hip_fracture_after_fall").urgency == "emergency"
