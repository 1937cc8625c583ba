"""One presentation, one route: where two warning signs could both seem to fit,
each states the rule that tells them apart.

- Steady back pain that rest does not ease read as the aortic aneurysm sign
  (999) and as the possible-cancer sign (a doctor the same day): the rule is
  how the pain began (in the last few days, or built up over weeks) and the
  aneurysm's other signs, and an unclear start stays with the aneurysm.
- A child's limp that is not settling had two time limits in one route (48
  hours and 'about a week'): only the 48 hours remain.
- An older person's groin ache with no fall went to an emergency department by
  the spinal-fracture sign and to a GP within 48 hours by the hip-fracture
  sign: both now say that a sudden or recent pain goes by the fall sign and an
  ache built up over weeks by the unexplained bone pain sign.
"""

from __future__ import annotations

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld


def test_steady_back_pain_goes_to_one_sign_by_how_it_began():
    aneurysm, cancer = il.red_flag("aortic_aneurysm"), il.red_flag("possible_cancer")
    steady = next(s for s in aneurysm.signs if "does not change with movement" in s)
    rule = next(s for s in cancer.signs if s.startswith("the rule that tells it from a leaking aortic aneurysm"))
    for said in (steady, rule):
        for words in ("over weeks", "last few days", "not clear"):
            assert words in said, (words, said[:60])
    # the aneurysm's own signs keep it there, and the cancer rule names its faster route
    for words in ("feeling faint", "belly pain or tenderness", "pulsing lump", "999"):
        assert words in rule, words
    assert "aortic aneurysm sign instead" in cancer.in_short
    assert "new steady pain" in aneurysm.call_now[0].sign
    case = next(c for c in ld.cases() if c.key == "weight_loss_back")
    assert "not the aortic aneurysm sign" in case.reason and "six weeks" in case.reason


def test_a_childs_limp_has_one_time_limit():
    flag = il.red_flag("child_limp_not_settling")
    assert "week" not in flag.destination
    assert "48 hours" in flag.destination and "48 hours" in flag.in_short


def test_an_older_persons_groin_pain_with_no_fall_has_one_route():
    fracture = il.red_flag("fragility_fracture")
    hip = il.red_flag("hip_fracture_after_fall")
    for text in (fracture.destination, fracture.in_short):
        assert "after a fall or not" not in text, text
        assert "over weeks" in text and "unexplained bone pain" in text, text
        assert "last few days" in text, text
    assert any("built up slowly over weeks" in s and "unexplained bone pain" in s for s in hip.signs)
