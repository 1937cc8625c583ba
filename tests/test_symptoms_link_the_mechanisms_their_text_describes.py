"""The pain-with-movement symptom described a tendon pulled off the lesser trochanter (an
avulsion) in its own 'why' but did not link the avulsion page, while the front-of-hip symptom
did. A symptom that an iliopsoas condition gives (one that links any mechanism) now links every
mechanism its text describes. The sciatic and lean patterns link none: they are taught for
contrast, and name the bleed or the abscess only to send the learner elsewhere."""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

# phrases that, in a symptom's text, describe a mechanism as a cause of that symptom
DESCRIBES = {
    "acute_strain": ("a strained",),
    "overuse": ("overloaded", "tendinopathy"),
    "snapping_hip": ("snapping tendon", "tendon snaps"),
    "avulsion": ("lesser trochanter", "pulled off the knob of bone"),
    "abscess": ("abscess in the psoas",),
    "haematoma": ("bleed into the muscle",),
}


def _text(symptom) -> str:
    parts = [symptom.feel.text, symptom.why.text, *(p.text for p in symptom.provoked_by)]
    return " ".join(parts).lower()


def gaps(symptoms) -> list[str]:
    out = []
    for s in symptoms:
        if not s.mechanisms:
            continue  # a contrast pattern or the contested lean: no iliopsoas condition gives it
        text = _text(s)
        for key, phrases in DESCRIBES.items():
            if any(p in text for p in phrases) and key not in s.mechanisms:
                out.append(f"{s.key}: {key}")
    return out


def test_the_phrases_name_real_mechanisms():
    assert set(DESCRIBES) <= {m.key for m in il.mechanisms()}


def test_every_symptom_links_the_mechanisms_its_text_describes():
    assert gaps(il.symptoms()) == []


def test_movement_pain_links_the_avulsion_as_the_front_of_hip_pain_does():
    assert "avulsion" in il.symptom("pain_with_movement").mechanisms
    assert "avulsion" in il.symptom("hip_pain").mechanisms


def test_the_old_movement_pain_links_fail_the_rule():
    import dataclasses

    old = dataclasses.replace(
        il.symptom("pain_with_movement"), mechanisms=("acute_strain", "overuse", "hip_replacement_impingement")
    )
    assert "pain_with_movement: avulsion" in gaps([old])
