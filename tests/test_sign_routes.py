"""A sign that an emergency flag sends to 999 is not routed first to a slower place.

Round 38, A M1: a practice case sent 'fast breathing' first to 'a doctor to assess her
now, in hospital if ...' and only then to 999, although the sepsis flag calls 999 for it.
"""

from __future__ import annotations

import re

import iliopsoas_lessons as il
from iliopsoas_lessons.content.lessons import lesson_data

# Short forms of signs that emergency flags list in call_now; each must be found there,
# so the list cannot drift away from the data.
SIGNS = (
    "fast breathing",
    "new confusion",
    "mottled",
    "blue skin",
    "fast pulse",
    "feeling faint",
    "collapse",
    "numbness between the legs",
    "tearing pain",
    "will not stand",
)
# Route words: the first one after a sign in the same sentence is where the sign is sent.
SLOWER = ("GP", "NHS 111", "a doctor to assess", "a doctor today", "same-day", "later today", "in hospital if")
EMERGENCY = ("999", "ambulance", "emergency department", "A&E")
_ROUTE = re.compile("|".join(re.escape(r) for r in (*SLOWER, *EMERGENCY)))


def slower_routes(text: str) -> list[str]:
    """Sentences in which an emergency sign is followed first by a slower route."""
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        lower = sentence.lower()
        for sign in SIGNS:
            for hit in re.finditer(re.escape(sign), lower):
                route = _ROUTE.search(sentence, hit.end())
                if route and route.group(0) in SLOWER:
                    found.append(f"{sign!r} -> {route.group(0)!r}: {sentence}")
    return found


def _call_now_text() -> str:
    signs = []
    for flag in il.red_flags():
        if flag.urgency == "emergency":
            signs += [c.sign for c in flag.call_now]
    return " ".join(signs).lower()


def test_each_listed_sign_is_an_emergency_call_now_sign():
    text = _call_now_text()
    for sign in SIGNS:
        assert sign in text, f"{sign!r} is not in any emergency flag's call_now signs"


def test_cases_and_quiz_do_not_send_an_emergency_sign_to_a_slower_place_first():
    lessons = lesson_data()
    texts = [(c.key, c.reason) for c in lessons.cases]
    texts += [(q.key, q.explanation) for q in lessons.questions]
    texts += [(q.key, o.feedback) for q in lessons.questions for o in q.options]
    problems = [f"{key}: {p}" for key, text in texts for p in slower_routes(text)]
    assert not problems, "\n".join(problems)


def test_the_check_catches_the_old_fever_case_wording():
    planted = (
        "A fast pulse or fast breathing can be an early sign of sepsis and would need a doctor "
        "to assess her now, in hospital if she cannot be treated safely at home, and confusion, "
        "fast breathing or feeling very unwell would make it a 999 call."
    )
    assert slower_routes(planted)
    assert not slower_routes("Fast breathing or new confusion would make it a 999 call.")
