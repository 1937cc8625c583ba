"""The ectopic-pregnancy warning sign must not make a late or missed period the
entry condition: ectopic pregnancy often comes without one (its bleeding is
taken for a period, cycles are irregular, a coil is in place). Every learner-facing text of the flag may mention a late or missed
period only to say that it is not needed ("whether or not ...")."""

from __future__ import annotations

import re

import iliopsoas_lessons as il

PERIOD = re.compile(r"(?:late|missed)(?: or (?:late|missed))? period", re.IGNORECASE)
ALLOWED_BEFORE = ("whether or not", "even without", "not needed", "does not rule")


def flag_texts(flag) -> list[str]:
    texts = [flag.title, flag.in_short, *flag.signs, flag.destination, flag.interim_advice]
    if flag.escalation is not None:
        texts.append(flag.escalation.when)
    texts += [c.sign for c in (getattr(flag, "call_now", None) or ())]
    return [t for t in texts if t]


def gating_mentions(texts: list[str]) -> list[str]:
    """Mentions of a late or missed period not introduced as unnecessary."""
    bad = []
    for t in texts:
        for m in PERIOD.finditer(t):
            before = t[max(0, m.start() - 40) : m.start()].lower()
            if not any(a in before for a in ALLOWED_BEFORE):
                bad.append(t[max(0, m.start() - 60) : m.end()])
    return bad


def test_ectopic_flag_never_gates_on_a_missed_period():
    flag = il.red_flag("ectopic_pregnancy")
    assert gating_mentions(flag_texts(flag)) == []


def test_no_mechanism_escalation_gates_on_a_missed_period():
    """The mechanism pages print their own 'when' for the pregnancy flags (lesson 02,
    the lesson-04 handout): they may not bring the gate back."""
    whens = [up.when for m in il.mechanisms() for up in m.escalates_to]
    assert any("period" in w for w in whens)  # the pages do speak of periods
    assert gating_mentions(whens) == []


def test_ectopic_flag_names_the_reasons_a_period_can_mislead():
    sign = il.red_flag("ectopic_pregnancy").signs[0]
    for part in ("whether or not a period is late or missed", "coil", "pregnancy test"):
        assert part in sign


def test_planted_gating_text_is_caught():
    planted = "pain in someone who is or could be pregnant (a late or missed period), even without a positive test"
    assert gating_mentions([planted])
    assert gating_mentions(["in someone whose missed period makes pregnancy possible"])
    assert not gating_mentions(["whether or not a period is late or missed"])
