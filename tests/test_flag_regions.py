"""A warning sign whose short form speaks of back, belly or groin pain is shown on
the body map where that pain is felt. The later-pregnancy sign named "back, belly
or groin pain" but no body-map area, so a pregnant woman from about 20 weeks who
started from the lower belly or the groin was shown only the early-pregnancy sign
and its early pregnancy unit; the kidney signs were missing from the lower belly,
and the cancer-with-nerve-signs, both-legs sciatica and back-with-chest-pain
signs from the lower back. The rule reads the flag's short form (``in_short``),
the one-line form of its signs that the map shows, and is checked against a
planted flag so it cannot pass vacuously."""

from __future__ import annotations

import re
from types import SimpleNamespace

import iliopsoas_lessons as il

# "back, hip or groin pain", "pain low in the belly": a place the map draws, then
# its pain in the same phrase (or "pain ... in the" place). "The back passage" is
# not back pain, and the map draws no upper belly, so "upper belly pain going
# through to the back" (pancreatitis) has no area to name.
_PLACE_PAIN = re.compile(
    r"\b(?<!upper )(?:back|belly|groin)\b(?! passage)[\w ,'-]{0,40}?\bpain\b"
    r"|\bpain (?:\w+ ){0,2}in the (?:\w+ )?(?:back|belly|groin)\b",
    re.I,
)


def names_place_pain(text: str) -> bool:
    return bool(_PLACE_PAIN.search(text))


def unmapped(flags) -> list[str]:
    """The keys of the flags whose short form names back, belly or groin pain but
    whose 'regions' name no body-map area."""
    return [f.key for f in flags if names_place_pain(f.in_short) and not f.regions]


def _sides(*zones: str) -> set[str]:
    return {f"{zone}_{side}" for zone in zones for side in ("left", "right")}


def test_every_flag_that_names_back_belly_or_groin_pain_is_on_the_body_map():
    assert unmapped(il.red_flags()) == []


def test_the_rule_catches_a_flag_without_regions():
    # the later-pregnancy sign as it was: its short form names the pain, its regions nothing
    flag = il.red_flag("late_pregnancy_pain")
    planted = SimpleNamespace(key=flag.key, in_short=flag.in_short, regions=())
    assert unmapped([planted]) == ["late_pregnancy_pain"]


def test_the_phrases_the_rule_reads():
    assert names_place_pain("back, hip or groin pain after a fall")
    assert names_place_pain("sudden one-sided pain low in the belly or groin")
    assert not names_place_pain("severe upper belly pain going through to the back")
    assert not names_place_pain("numbness around the back passage")
    assert not names_place_pain("sciatica-type pain, numbness or weakness down both legs")


def test_the_later_pregnancy_sign_shows_on_the_lower_belly_groin_and_lower_back():
    regions = set(il.red_flag("late_pregnancy_pain").regions)
    assert _sides("lower_abdomen", "groin", "lumbar_paraspinal") <= regions
    # the two pregnancy signs go together on the areas where early pregnancy pain is felt
    assert set(il.red_flag("ectopic_pregnancy").regions) <= regions


def test_the_kidney_signs_show_on_the_lower_belly():
    for key in ("kidney", "renal_colic"):
        assert _sides("lower_abdomen") <= set(il.red_flag(key).regions), key


def test_the_lower_back_shows_the_back_emergencies():
    for key in ("cancer_with_nerve_signs", "both_legs_sciatica", "back_and_chest_pain"):
        assert _sides("lumbar_paraspinal") <= set(il.red_flag(key).regions), key
    assert _sides("buttock", "back_thigh") <= set(il.red_flag("both_legs_sciatica").regions)
