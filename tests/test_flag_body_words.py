"""A warning sign whose own words name a part of the body is shown on every
body-map area that draws that part, on both sides.

The body map lists, for each area, the warning signs whose 'regions' name it.
Signs were left off the areas their own words name: the tearing pain between
the shoulder blades of a torn aorta and new mid-back pain were on no mid-back
area; the go-now cancer bone-pain sign, acute limb ischaemia, exertional
rhabdomyolysis and giant cell arteritis were on no area at all; necrotising
infection named the buttock and genitals but was not on the buttock or saddle
areas; the bleeding sign named back and flank pain but was not on the lower
back; a foot drop was not on the foot areas; acute pancreatitis, whose pain goes
through to the back, was on no area; the two-legged nerve emergencies were off
the front of the thigh and the L4 shin, and new weakness off the main front-thigh
areas; the sacroiliac area showed none of the cancer and bone-pain signs that name
the pelvis or the back, and the back of the thigh, the calf and the foot areas
lacked the cancer-with-nerve-signs and one-leg weakness signs that name a leg, so
'pelvis', 'leg' and 'back' are read as every area they name. The back of the
thigh showed neither the necrotising-infection nor the bleeding signs, whose
words name the thigh, because 'thigh' was read as its front only: a spreading
infection, a bleed into a thigh muscle or a clot can be anywhere in the thigh,
so 'thigh' is now the whole thigh, and a sign whose thigh pain is by nature at
the front says so in FRONT_OF_THE_THIGH. The rule below reads each sign's
title, short form and signs, finds the body-part words in them with an explicit
map (BODY_WORDS), and checks that the sign names at least the areas each word
stands for. A word used in a sense that is not a place where pain is felt is
listed, with its reason, in NOT_A_PLACE; a part the map does not draw is listed
in NOT_DRAWN. The outer hip showed none of the necrotising-infection, lump,
shingles and muscle-breakdown signs that every thigh and buttock area beside it
showed, so a sign that names both the thigh and the buttock covers the outer hip
between them (THIGH_AND_BUTTOCK); and the L5-S1 root area, which overlaps the low
end of the lumbar strip, now shows the strip's signs whose pain can be felt there
(NOT_AT_THE_ROOT lists the others). The rule is checked against the data as they
were before the fix, so it cannot pass vacuously.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import iliopsoas_lessons as il
from iliopsoas_lessons.content import text as shown_text

SIDES = ("left", "right")


def _both(*zones: str) -> frozenset[str]:
    return frozenset(f"{zone}_{side}" for zone in zones for side in SIDES)


# Body-part words and the body-map areas (regions.json zones, both sides) that
# draw the part. A word is read as a whole word, in lower case.
BODY_WORDS: tuple[tuple[str, str, frozenset[str]], ...] = (
    # the buttock is drawn as two areas: its upper, inner part and its main mass
    ("buttock", r"\bbuttocks?\b", _both("upper_buttock", "buttock")),
    # the only mid-back area is the strip beside the thoracic spine
    (
        "middle or upper back",
        r"between the shoulder blades|\bmiddle or upper back\b|\bupper or middle (?:\(thoracic\) )?back\b"
        r"|\bthoracic\b|\bband of pain around the chest\b",
        _both("thoracic_paraspinal"),
    ),
    # 'back' alone is the low back (the lumbar strip), but not the back passage
    # nor the back of the thigh or hip (their own words); the phrases in which
    # 'back' is not a place are removed first (NOT_A_PLACE). Like 'low back', it
    # reaches down to where the sacrum meets the pelvis: back pain is often put
    # there, and a word cannot cover less than the narrower word it includes
    ("back", r"\bback\b(?! passage| of the)", _both("lumbar_paraspinal", "sacroiliac")),
    # the back of the hip or pelvis is the buttock
    ("back of the hip", r"\bback of the hip\b", _both("upper_buttock", "buttock")),
    # the flank or loin is the side of the low back, over the kidney
    ("flank or loin", r"\bflank\b|\bloin\b", _both("lumbar_paraspinal")),
    # 'low back' also reaches down to where the sacrum meets the pelvis
    ("low back", r"\blow(?:er)? back\b|\blow in the (?:belly or )?back\b", _both("lumbar_paraspinal", "sacroiliac")),
    # the sacrum lies under the sacroiliac dimples and the upper, inner buttocks
    ("sacrum", r"\bsacrum\b|\bsacral\b|\bsacroiliac\b", _both("sacroiliac", "upper_buttock")),
    # the tailbone (coccyx) is the lowest end of the sacrum, between the upper,
    # inner buttocks
    ("tailbone", r"\btailbone\b|\bcoccyx\b|\bcoccygeal\b", _both("sacroiliac", "upper_buttock")),
    # the bony pelvis is felt at the groin crease and the outer hip in front and
    # at the side, and at the sacroiliac dimples and the buttocks behind; a sign
    # that names the pelvis names all of them (where 'pelvis' means the inside of
    # the belly or a vein, NOT_A_PLACE says so)
    (
        "pelvis",
        r"\bpelvis\b|\bpelvic\b",
        _both("groin", "lateral_hip", "sacroiliac", "upper_buttock", "buttock"),
    ),
    # the lower belly is drawn; the upper belly is not (NOT_DRAWN)
    ("belly", r"\bbelly\b", _both("lower_abdomen")),
    ("groin", r"\bgroin\b", _both("groin")),
    ("just below the groin", r"\bfemoral triangle\b|\bjust below the groin\b", _both("femoral_triangle")),
    # the hip is drawn as the groin crease in front of the joint and the outer hip
    ("hip", r"\bhips?\b(?![- ]flexors?\b)", _both("groin", "lateral_hip")),
    # the hip flexors lie under the groin and the femoral triangle
    ("hip flexors", r"\bhip[- ]flexors?\b", _both("groin", "femoral_triangle")),
    # 'thigh' alone is the whole thigh: its upper third in front, the front and
    # inner strip to the knee, and the back of the thigh, for a spreading
    # infection, a bleed into a thigh muscle, a clot or a bone problem can be
    # anywhere in it; a sign whose thigh pain is by nature at the front (pain
    # referred from the hip, the femoral or obturator nerve, a hernia's ache) is
    # listed, with its reason, in FRONT_OF_THE_THIGH
    ("thigh", r"\bthighs?\b", _both("front_thigh_upper", "front_thigh", "back_thigh")),
    ("back of the thigh", r"\bback of the thigh\b|\bhamstrings?\b", _both("back_thigh")),
    ("calf", r"\bcalf\b|\bcalves\b", _both("calf")),
    # the foot is drawn as the L5 area (top of the foot, big toe, outer lower leg)
    # and the S1 area (heel, sole, outer edge, little toe)
    ("foot", r"\bfoot\b|\bfeet\b|\bheel\b|\btoes?\b", _both("l5_foot", "s1_foot")),
    ("lower leg", r"\blower legs?\b|\bshin\b|\bankle\b", _both("l4_leg", "l5_foot", "calf")),
    # 'leg' is every area that runs down the leg: the front and inner strip of
    # the thigh to the knee, the back of the thigh, the calf, the L4 inner shin
    # and both foot areas (the same areas as 'both legs'; the top of the thigh
    # just below the groin is a hip area, read from 'thigh' and 'hip'); 'between the legs' (the saddle) and 'both legs'
    # (the roots below the hip on both sides) are read by their own entries, as
    # is 'leg pain ... in both legs', and the phrases in which 'leg' is a test or a posture, not where a pain or
    # a change is felt, are removed first (NOT_A_PLACE)
    (
        "leg",
        r"(?<!between the )(?<!both )\blegs?\b(?![^.;]{0,40}\bboth legs\b)",
        _both("front_thigh", "back_thigh", "calf", "l4_leg", "l5_foot", "s1_foot"),
    ),
    # nerve signs in both legs (both sciatic nerves, or the cauda equina) can be felt
    # anywhere a lumbar or sacral root supplies below the hip: the front and back of
    # the thigh, the calf, the L4 inner shin and both foot areas
    (
        "both legs",
        r"\bboth legs\b",
        _both("front_thigh", "back_thigh", "calf", "l4_leg", "l5_foot", "s1_foot"),
    ),
    # a knee that gives way or cannot be straightened is a weak quadriceps, the muscle
    # of the front of the thigh (the map draws no knee: NOT_DRAWN)
    (
        "a knee that gives way",
        r"\bknee (?:or hip )?that gives way\b|\bknee\b[^.;]{0,60}\bstraightened\b|\bweak knee\b",
        _both("front_thigh"),
    ),
    # sciatica is pain along the sciatic nerve: from the L5-S1 roots through the
    # buttock and the back of the thigh to the calf and the foot
    (
        "sciatica",
        r"\bsciatica\b",
        _both("nerve_root", "buttock", "back_thigh", "calf", "l5_foot", "s1_foot"),
    ),
    # the saddle area: the inner buttocks, the perineum and the inner upper thighs
    (
        "between the legs",
        r"\bgenitals?\b|\bgenital\b|between the legs|\bsaddle\b|\bback passage\b|\bperine\w*\b",
        frozenset({"saddle"}),
    ),
)

# Phrases in which a body-part word does not say where pain or a change is felt.
# Each is (flag key, or None for every flag; the exact phrase; the reason). The
# phrase is taken out of the text before the words are read.
NOT_A_PLACE: tuple[tuple[str | None, str, str], ...] = (
    (None, "comes back", "'comes back' is a return in time, not the back"),
    (None, "come back", "'come back' is a return in time, not the back"),
    (None, "coming back", "'coming back' is a return in time, not the back"),
    (None, "go back", "a hernia that will not go back (in) is a movement, not the back"),
    (None, "pushed back", "a hernia that cannot be pushed back is a movement, not the back"),
    (None, "lift the thigh", "lifting the thigh is a test of strength, not where the pain is"),
    (None, "lifting the thigh", "lifting the thigh is a test of strength, not where the pain is"),
    (None, "lift the heel", "Ludloff's sign (lifting the heel while seated) is a test, not heel pain"),
    (None, "hip held bent", "a hip held bent is a posture that points to a bleed or an abscess, not a place"),
    (None, "hip can be straightened", "a hip that straightens is a posture, not a place"),
    (None, "hip flexor problem", "the name of a look-alike, not a place of pain"),
    (None, "hip replacement", "the name of an operation; the sign names the groin, hip and thigh in its own words"),
    ("appendicitis", "right hip is straightened", "the psoas sign is a test; its pain is in the lower right belly"),
    ("renal_colic", "moving the hip", "a test that does not change the pain; the pain is the flank and the groin"),
    ("cannot_bear_weight", "a pulse felt in the foot", "a pulse checked in the foot, not foot pain"),
    (
        "sudden_weakness_stroke",
        "without the back or leg pain of a trapped nerve",
        "says the stroke comes without back pain; it is not a back sign",
    ),
    ("scfe", "examine the hip", "an instruction to the examiner, not a place of pain"),
    ("scfe", "foot turned out", "the way the leg lies, not foot pain"),
    ("scfe", "hip that has lost its inward turn", "a finding on examination; the sign names the groin and thigh"),
    ("runner_stress_fracture", "the hip's rotation", "a test on examination; the sign names the groin"),
    ("child_fever_limp", "will not let the hip be moved", "a refusal to move the joint; the sign names the groin"),
    (
        "cannot_bear_weight",
        "an injury of the foot or ankle alone",
        "says where an X-ray of a foot or ankle injury is taken; the sign's pain is the hip, groin, thigh or pelvis",
    ),
    (
        "late_pregnancy_pain",
        "swelling of the face, hands or feet",
        "swelling of pre-eclampsia, not pain in the feet",
    ),
    ("sudden_weakness_stroke", "a face that droops", "a stroke sign of the face, which the map does not draw"),
    (
        "serious_spine_signs",
        "rather than low down",
        "contrasts the mid-back with the low back; the sign's own back pain is read from its other words",
    ),
    (
        "fragility_fracture",
        "or that comes with belly pain or tenderness, is not this warning sign",
        "sends belly pain to the aortic aneurysm sign instead of this one",
    ),
    (
        "fragility_fracture",
        "or comes with belly pain or tenderness, is the leaking aortic aneurysm warning sign instead",
        "sends belly pain to the aortic aneurysm sign instead of this one",
    ),
    (
        "fragility_fracture",
        "new back, side (flank) or belly pain that does not change with movement",
        "sends such pain to the aortic aneurysm sign instead of this one",
    ),
    (
        "fragility_fracture",
        "thigh or groin pain may be an atypical fracture of the femur",
        "sends this pain to the unexplained bone pain sign instead of this one",
    ),
    (
        "fragility_fracture",
        "the hip or groin hurts",
        "says when to go to an emergency department; hip and groin pain is the fall signs' own",
    ),
    (
        "infection",
        "an older person's new low back pain that began with a strain",
        "sends this pain to the fragility-fracture sign instead of this one",
    ),
    (
        "bone_pain_unexplained",
        "in a child or teenager about 8 to 17 with pain in the hip, groin, thigh or knee",
        "sends this pain to the slipped growth plate sign first",
    ),
    (
        "hip_replacement_complication",
        "after a fall, new hip, groin or thigh pain in an older person",
        "sends this pain to the fall sign instead of this one",
    ),
    (
        "soft_tissue_lump",
        "a new swelling or pain in the thigh or groin in someone on an anticoagulant blood thinner",
        "sends this to the bleeding sign instead of this one",
    ),
    (
        "cannot_bear_weight",
        "is easily taken for sciatica or a trapped nerve",
        "names the look-alike; the numbness's own places (the back of the thigh, the foot) are read",
    ),
    (
        "strangulated_hernia",
        "worse when the hip is moved",
        "a movement that makes the inner-thigh pain worse, not pain in the hip",
    ),
    (
        "strangulated_hernia",
        "is taken for hip arthritis or a trapped nerve",
        "names the look-alikes, not a place of the pain",
    ),
    (
        "ectopic_pregnancy",
        "pain or pressure on opening the bowels",
        "a symptom on opening the bowels, not pain between the legs",
    ),
    (
        "kidney",
        "a twisted testicle or ovary",
        "names look-alikes; the sign's pain is the flank and the groin",
    ),
    (None, "weight on the leg", "bearing weight is a test of what the leg can do, not where the pain is"),
    (None, "weight on a leg", "bearing weight is a test of what the leg can do, not where the pain is"),
    (None, "stand on a leg", "standing on a leg is a test of what the leg can do, not where the pain is"),
    ("child_fever_limp", "will not use the leg", "not using the leg is what the child does, not where the pain is"),
    ("runner_stress_fracture", "hopping on the leg", "a test on examination; the sign names the groin"),
    (
        "hip_replacement_complication",
        "a leg that looks shorter or turned",
        "the way the leg lies after a dislocation, not where the pain is; the sign names the groin, hip and thigh",
    ),
    (
        "major_trauma",
        "a leg that takes no weight or looks deformed is an emergency too",
        "points to the broken-bone signs after a fall, which name their own places",
    ),
    (
        "fragility_fracture",
        "numbness, tingling or weakness in a leg with it is a nerve warning sign too",
        "sends leg numbness or weakness to the nerve warning signs instead of this one",
    ),
    (
        "cannot_bear_weight",
        "a 'dead leg'",
        "the sport's name for a blow to the thigh, which the sign names in its own words",
    ),
    (
        "iliofemoral_dvt",
        "deep veins of the leg or pelvis",
        "where the clot lies, not where pain is felt; the sign names the groin, the thigh and the leg",
    ),
    (
        "iliofemoral_dvt",
        "a clot in the pelvis",
        "where the clot lies, not where pain is felt; the sign names the groin, the thigh and the leg",
    ),
    (
        "iliofemoral_dvt",
        "the pelvic veins",
        "a scan of the veins inside the pelvis, not a place of pain",
    ),
    (
        "iliofemoral_dvt",
        "ultrasound of the leg veins",
        "a scan, not a place of pain; the swollen leg of the sign's own words is read",
    ),
    (
        "ectopic_pregnancy",
        "belly, pelvis, groin",
        "pelvic pain here is pain deep inside the lower belly, felt in the lower belly, the groin and the back that "
        "the sign names, not the bony pelvis at the outer hip or in the buttock",
    ),
    (
        "ectopic_pregnancy",
        "belly or pelvis",
        "pelvic pain here is pain deep inside the lower belly, felt in the lower belly that the sign names, not the "
        "bony pelvis at the outer hip or in the buttock",
    ),
    (
        "pelvic_infection",
        "pelvic inflammatory disease",
        "the name of the disease (an infection of the womb, tubes and ovaries), not a place of pain",
    ),
    (
        "pelvic_infection",
        "pelvic infection",
        "the name of the infection inside the pelvis, not a place of pain; the sign names the belly and the groin",
    ),
    (
        "pelvic_infection",
        "deep in the pelvis",
        "pain deep inside the lower belly, felt in the lower belly and the groin that the sign names, not the bony "
        "pelvis at the outer hip or in the buttock",
    ),
    (
        "strangulated_hernia",
        "a gap in the pelvic bone",
        "where an obturator hernia comes through, not where its pain is felt (the inner thigh, which the sign names)",
    ),
)

# Signs whose 'thigh' is the front of the thigh only, by the nature of the
# condition: for them the word asks for the front areas, not the back of the
# thigh. Each is (flag key: the reason).
FRONT_OF_THE_THIGH: dict[str, str] = {
    "scfe": "a slipped growth plate is hip pain referred down the front of the thigh to the knee",
    "hip_fracture_after_fall": "a broken hip hurts in the groin, the outer hip and the front of the upper thigh",
    "strangulated_hernia": "an obturator hernia presses on the obturator nerve: pain down the inner thigh to the knee",
    "groin_hernia": "a femoral hernia shows and aches just below the groin crease, at the top of the inner thigh",
    "aortic_aneurysm": "blood or an aneurysm behind the belly or in the pelvis presses on the femoral nerve: pain, numbness "
    "or weakness at the front of the thigh",
}
FRONT_THIGH_AREAS = _both("front_thigh_upper", "front_thigh")

# Parts that a sign's words name but the body map does not draw: no area is
# asked of them. None is a word in BODY_WORDS, and the upper belly is taken out
# of the text before 'belly' is read (_UPPER_BELLY).
NOT_DRAWN: tuple[tuple[str, str], ...] = (
    (
        "upper belly",
        "the map draws the lower belly only: the upper belly pain of acute pancreatitis is on no area, but the "
        "pain it sends through to the back is read as back pain, and the pain below the ribs of pre-eclampsia "
        "is on no area",
    ),
    ("chest", "the map draws no chest: chest pain with back pain is read from its back words"),
    (
        "neck, arm, shoulder, face, head, jaw, scalp, tongue",
        "the map draws the trunk below the shoulders and the legs only",
    ),
    ("knee", "the map draws no knee: the front thigh areas run to the knee and the lower-leg areas start below it"),
    ("testicle, scrotum", "drawn on no area: testicular pain is shown where it is felt, in the groin and lower belly"),
    ("vagina", "bleeding or a leak from the vagina is not pain felt between the legs"),
)

# A sign whose words place it on one side only asks for that side's areas.
ONE_SIDED: dict[str, tuple[str, str]] = {
    "appendicitis": ("right", "its words place the pain low on the right, where the appendix lies"),
}


def _unsided(area: str) -> str:
    return area.removesuffix("_left").removesuffix("_right")


_UPPER_BELLY = re.compile(r"\bupper belly\b|\bhigh in the belly\b|\bupper-belly\b", re.I)


def _texts(flag) -> list[str]:
    return [flag.title, flag.in_short, *flag.signs]


# A clause that opens "not this sign" describes what the sign is not (a
# look-alike sent elsewhere), so its places are not the sign's own.
_NOT_THIS_SIGN = re.compile(r"\bnot this sign\b.*", re.I | re.S)


def _read(flag, text: str) -> str:
    """The text with the NOT_A_PLACE phrases (for this flag or every flag), any
    'not this sign' clause, other signs' titles quoted by name ('...') and the
    upper belly taken out."""
    for key, phrase, _ in NOT_A_PLACE:
        if key in (None, flag.key):
            text = re.sub(re.escape(phrase), " ", text, flags=re.I)
    text = _NOT_THIS_SIGN.sub(" ", text)
    for other in il.red_flags():
        if other.key != flag.key:  # quoted whole, or as flags point to each other: before "(go now" or ":"
            for name in {other.title, other.title.split(" (go now")[0].split(":")[0]}:
                text = text.replace(f"'{name}'", " ")
    return _UPPER_BELLY.sub(" ", text)


# The outer hip lies between the thigh and the buttock: a sign whose own words
# name both (a lump, a spreading skin infection, shingles, muscle breakdown or
# nerve pain that can be anywhere over them) covers the outer hip too, even if
# no single word names the hip.
THIGH_AND_BUTTOCK = ("thigh and buttock", r"\bthighs?\b", r"\bbuttocks?\b", _both("lateral_hip"))


def missing_areas(flag) -> dict[str, list[str]]:
    """For each body-part word the flag's own words use, the areas that word
    stands for and the flag's 'regions' leave out."""
    named = set(flag.regions)
    side = ONE_SIDED.get(flag.key, (None,))[0]
    out: dict[str, list[str]] = {}
    read_all = " ".join(_read(flag, text) for text in _texts(flag))
    word, thigh, buttock, between = THIGH_AND_BUTTOCK
    if flag.key not in FRONT_OF_THE_THIGH and re.search(thigh, read_all, re.I) and re.search(buttock, read_all, re.I):
        if lacking := sorted(between - named):
            out[word] = lacking
    for text in _texts(flag):
        read = _read(flag, text)
        for word, pattern, areas in BODY_WORDS:
            if re.search(pattern, read, re.I):
                if word == "thigh" and flag.key in FRONT_OF_THE_THIGH:
                    areas = FRONT_THIGH_AREAS
                wanted = {a for a in areas if side is None or not a.endswith(("_left", "_right")) or a.endswith(side)}
                lacking = sorted(wanted - named)
                if lacking:
                    out.setdefault(word, lacking)
    return out


def gaps(flags) -> dict[str, dict[str, list[str]]]:
    return {f.key: m for f in flags if (m := missing_areas(f))}


def test_every_body_area_a_flag_names_shows_the_flag():
    assert gaps(il.red_flags()) == {}


def test_the_word_map_names_real_areas():
    known = {r.key for r in il.regions()}
    for word, _, areas in BODY_WORDS:
        assert areas and areas <= known, word
    for key, phrase, reason in NOT_A_PLACE:
        assert phrase and reason
        if key is not None:
            flag = il.red_flag(key)
            # each exception is used: its phrase is in that flag's own words
            assert any(phrase.lower() in t.lower() for t in _texts(flag)), (key, phrase)


def test_the_rule_reads_place_words_and_skips_the_others():
    def flag(text, regions=(), key="planted"):
        return SimpleNamespace(key=key, title="", in_short=text, signs=(), regions=tuple(regions))

    assert missing_areas(flag("tearing pain between the shoulder blades")) == {
        "middle or upper back": sorted(_both("thoracic_paraspinal"))
    }
    assert "buttock" in missing_areas(flag("pain in the buttocks"))
    assert missing_areas(flag("a foot that drops"))["foot"] == sorted(_both("l5_foot", "s1_foot"))
    assert missing_areas(flag("pain in the genitals"))["between the legs"] == ["saddle"]
    assert missing_areas(flag("numbness around the back passage")) == {"between the legs": ["saddle"]}
    assert missing_areas(flag("cannot lift the thigh")) == {}
    # the upper belly is not drawn, but the pain that goes through to the back is back pain
    assert missing_areas(flag("severe upper belly pain going through to the back")) == {
        "back": sorted(_both("lumbar_paraspinal", "sacroiliac"))
    }
    assert missing_areas(flag("severe upper belly pain", regions=())) == {}
    assert missing_areas(flag("a lump that will not go back in")) == {}
    assert missing_areas(flag("pain in the calf", regions=_both("calf"))) == {}
    assert missing_areas(flag("numbness in both legs"))["both legs"] == sorted(
        _both("front_thigh", "back_thigh", "calf", "l4_leg", "l5_foot", "s1_foot")
    )
    assert missing_areas(flag("a knee that gives way")) == {"a knee that gives way": sorted(_both("front_thigh"))}
    # the pelvis is felt in front, at the side and behind
    assert missing_areas(flag("new pain in the pelvis"))["pelvis"] == sorted(
        _both("groin", "lateral_hip", "sacroiliac", "upper_buttock", "buttock")
    )
    # a leg is every leg area; between the legs is the saddle only
    leg = sorted(_both("front_thigh", "back_thigh", "calf", "l4_leg", "l5_foot", "s1_foot"))
    assert missing_areas(flag("pain running down a leg"))["leg"] == leg
    assert missing_areas(flag("weak or heavy legs"))["leg"] == leg
    assert missing_areas(flag("numbness between the legs")) == {"between the legs": ["saddle"]}
    assert set(missing_areas(flag("numbness in both legs"))) == {"both legs"}
    assert set(missing_areas(flag("leg pain, weakness or numbness in both legs"))) == {"both legs"}
    # bearing weight is a test, not a place
    assert missing_areas(flag("cannot put any weight on the leg")) == {}
    assert missing_areas(flag("pain over the tailbone"))["tailbone"] == sorted(_both("sacroiliac", "upper_buttock"))
    # the thigh is the whole thigh, front and back, unless the sign's thigh pain
    # is by nature at the front
    whole_thigh = sorted(_both("front_thigh_upper", "front_thigh", "back_thigh"))
    assert missing_areas(flag("severe thigh pain far worse than the skin looks"))["thigh"] == whole_thigh
    assert missing_areas(flag("pain in the thigh", regions=_both("front_thigh_upper", "front_thigh"))) == {
        "thigh": sorted(_both("back_thigh"))
    }
    assert missing_areas(flag("pain in the groin, thigh or knee", key="scfe"))["thigh"] == sorted(FRONT_THIGH_AREAS)
    assert missing_areas(flag("pain in the thigh", regions=FRONT_THIGH_AREAS, key="scfe")) == {}


def test_each_front_of_the_thigh_exception_is_needed():
    """Each sign read as the front of the thigh only names the thigh in its own
    words and is not on the back of the thigh, so without its exception the
    whole-thigh rule would ask for the back of the thigh."""
    for key, reason in FRONT_OF_THE_THIGH.items():
        flag = il.red_flag(key)
        assert reason, key
        assert any(re.search(r"\bthighs?\b", _read(flag, t), re.I) for t in _texts(flag)), key
        assert not set(_both("back_thigh")) & set(flag.regions), key
        assert missing_areas(flag) == {}, key
        assert "thigh" in missing_areas(SimpleNamespace(**{**_vars_of(flag), "key": "planted"})), key


def _vars_of(flag) -> dict:
    return {
        "key": flag.key,
        "title": flag.title,
        "in_short": flag.in_short,
        "signs": flag.signs,
        "regions": flag.regions,
    }


def _flags_before_the_whole_thigh():
    """Flags as they stood when 'thigh' was read as the front of the thigh only:
    the regions below are the ones the data gave each of them then (none was on
    the back of the thigh)."""
    before = {
        # the lower-leg areas came later, with the sign's own calf and lower-leg words,
        # and so did the outer hip, with its hip words, so they are given here: this
        # rule is about the back of the thigh only
        "necrotising_infection": _both(
            "femoral_triangle", "front_thigh", "groin", "front_thigh_upper", "upper_buttock", "buttock"
        )
        | _both("calf", "l4_leg", "l5_foot", "s1_foot")
        | _both("lateral_hip")
        | {"saddle"},
        # the bleed sign's buttock and hip words came later too, with the buttock and outer hip areas
        "bleeding": _both(
            "groin", "front_thigh_upper", "front_thigh", "femoral_triangle", "lower_abdomen", "lumbar_paraspinal"
        )
        | _both("sacroiliac")
        | _both("upper_buttock", "buttock", "lateral_hip"),
        "antiplatelet_pain": _both("groin", "front_thigh_upper", "front_thigh", "lumbar_paraspinal", "sacroiliac"),
    }
    return [
        SimpleNamespace(**{**_vars_of(il.red_flag(key)), "regions": tuple(regions)}) for key, regions in before.items()
    ]


def test_the_whole_thigh_rule_catches_the_back_of_the_thigh_that_was_left_out():
    found = gaps(_flags_before_the_whole_thigh())
    for key in ("necrotising_infection", "bleeding", "antiplatelet_pain"):
        assert found[key] == {"thigh": sorted(_both("back_thigh"))}, key


def test_the_back_of_the_thigh_shows_the_infection_and_bleeding_signs():
    """Severe back-of-thigh pain far worse than the skin looks, or a bleed into
    the hamstrings in someone on a blood thinner, is shown its warning sign on
    the area the person marks (checked on the lines the area shows)."""
    for region in il.regions():
        if region.zone != "back_thigh":
            continue
        shown = " ".join(shown_text.region_warning_signs(region))
        for key in ("necrotising_infection", "infection", "bleeding", "antiplatelet_pain"):
            flag = il.red_flag(key)
            assert f"{flag.title}: {flag.in_short}" in shown, (region.key, key)


def _flags_as_they_were():
    """The flags as they stood before their regions were widened: the regions
    below are the ones the data gave each of these flags then."""
    before = {
        "aortic_aneurysm": _both("lumbar_paraspinal", "lower_abdomen", "groin"),
        "serious_spine_signs": _both("lumbar_paraspinal"),
        "cancer_bone_pain": frozenset(),
        "necrotising_infection": _both("femoral_triangle", "front_thigh", "groin", "front_thigh_upper"),
        "bleeding": _both("groin", "front_thigh_upper", "front_thigh", "femoral_triangle", "lower_abdomen"),
        "acute_limb_ischaemia": frozenset(),
        "progressive_weakness": _both("groin", "front_thigh_upper"),
        "pancreatitis": frozenset(),
        "cauda_equina": _both("lumbar_paraspinal", "sacroiliac", "nerve_root") | {"saddle"},
        "both_legs_sciatica": _both("lumbar_paraspinal", "buttock", "back_thigh", "nerve_root", "calf")
        | _both("s1_foot", "l5_foot"),
    }
    return [
        SimpleNamespace(
            key=key,
            title=il.red_flag(key).title,
            in_short=il.red_flag(key).in_short,
            signs=il.red_flag(key).signs,
            regions=tuple(regions),
        )
        for key, regions in before.items()
    ]


def _flags_before_the_pelvis_leg_and_back_words():
    """Flags as they stood before 'pelvis', 'leg' and 'back' were read as the
    sacroiliac, buttock and every leg area: the regions below are the ones the
    data gave each of them then."""
    before = {
        "cancer_bone_pain": _both(
            "upper_buttock", "buttock", "lateral_hip", "groin", "femoral_triangle", "front_thigh_upper", "front_thigh"
        ),
        "cancer_spinal_pain": _both("lumbar_paraspinal", "thoracic_paraspinal"),
        "possible_cancer": _both("lumbar_paraspinal", "thoracic_paraspinal", "lateral_hip", "groin"),
        "cancer_with_nerve_signs": _both(
            "lumbar_paraspinal", "thoracic_paraspinal", "lateral_hip", "groin", "front_thigh_upper", "front_thigh"
        ),
        "progressive_weakness": _both("groin", "front_thigh_upper", "front_thigh", "l4_leg", "l5_foot", "s1_foot"),
        "sudden_weakness_stroke": frozenset(),
    }
    return [
        SimpleNamespace(
            key=key,
            title=il.red_flag(key).title,
            in_short=il.red_flag(key).in_short,
            signs=il.red_flag(key).signs,
            regions=tuple(regions),
        )
        for key, regions in before.items()
    ]


def test_the_wider_words_catch_the_areas_that_were_left_out():
    found = gaps(_flags_before_the_pelvis_leg_and_back_words())
    # the sacroiliac area showed none of the cancer and bone-pain signs that name the pelvis or the back
    assert {"sacroiliac_left", "sacroiliac_right"} <= set(found["cancer_bone_pain"]["pelvis"])
    assert {"sacroiliac_left", "sacroiliac_right"} <= set(found["cancer_spinal_pain"]["back"])
    assert {"sacroiliac_left", "sacroiliac_right"} <= set(found["possible_cancer"]["back"])
    # the back of the thigh, the calf and the foot areas lacked the cancer-with-nerve-signs
    # and one-leg weakness signs, whose words name a leg
    assert set(_both("back_thigh", "calf", "s1_foot", "l5_foot")) <= set(found["cancer_with_nerve_signs"]["leg"])
    assert set(_both("back_thigh", "calf")) <= set(found["progressive_weakness"]["leg"])
    # a sudden weak or numb leg from a stroke was on no area
    assert len(found["sudden_weakness_stroke"]["leg"]) == 12


def test_the_nerve_root_and_buttock_show_the_one_leg_nerve_signs():
    """The L5-S1 root area is where a disc, a tumour or an infection presses on
    the root behind a foot drop or one-sided sciatica, and the buttock is where
    that root's pain is felt: both show the one-leg weakness and cancer-with-
    nerve-signs warning signs, and the root area the spine and fever signs."""
    for zone, keys in (
        ("nerve_root", ("progressive_weakness", "cancer_with_nerve_signs", "serious_spine_signs", "fever_back_pain")),
        ("buttock", ("progressive_weakness", "cancer_with_nerve_signs")),
    ):
        for key in keys:
            assert set(_both(zone)) <= set(il.red_flag(key).regions), (zone, key)


def test_the_rule_catches_the_flags_as_they_were():
    found = gaps(_flags_as_they_were())
    assert "middle or upper back" in found["aortic_aneurysm"]
    assert "middle or upper back" in found["serious_spine_signs"]
    assert {"hip", "thigh"} <= set(found["cancer_bone_pain"])
    assert {"buttock", "between the legs"} <= set(found["necrotising_infection"])
    assert {"back", "flank or loin"} <= set(found["bleeding"])
    assert "foot" in found["acute_limb_ischaemia"]
    assert "foot" in found["progressive_weakness"]
    # acute pancreatitis was on no area, although its pain goes through to the back
    assert found["pancreatitis"] == {"back": sorted(_both("lumbar_paraspinal", "sacroiliac"))}
    # the two-legged nerve emergencies were off the front of the thigh and the L4 shin,
    # cauda equina off every leg area, and new weakness (a knee that gives way) off the
    # main front-thigh areas
    assert found["cauda_equina"]["both legs"] == sorted(
        _both("front_thigh", "back_thigh", "calf", "l4_leg", "l5_foot", "s1_foot")
    )
    assert found["both_legs_sciatica"]["both legs"] == sorted(_both("front_thigh", "l4_leg"))
    assert found["progressive_weakness"]["a knee that gives way"] == sorted(_both("front_thigh"))


def test_the_fever_signs_name_the_buttock_and_thigh_and_show_on_them():
    """Fever with deep buttock or thigh pain (an infected sacroiliac joint, an
    infection in a buttock or thigh muscle) is named in the fever signs' own
    words, so the rule asks for every buttock and thigh area; without those
    areas the rule finds them missing."""
    for key in ("fever_back_pain", "infection", "infection_unwell"):
        flag = il.red_flag(key)
        words = f"{flag.in_short} {flag.signs[0]}"
        assert re.search(r"\bbuttock\b", words) and re.search(r"\bthigh\b", words), key
        assert missing_areas(flag) == {}, key
        without = SimpleNamespace(**{**_vars_of(flag), "regions": tuple(r for r in flag.regions if "buttock" not in r)})
        assert set(missing_areas(without)["buttock"]) == set(_both("upper_buttock", "buttock")), key


LOWER_LEG_AREAS = _both("calf", "l4_leg", "l5_foot", "s1_foot")


def test_the_calf_shows_the_necrotising_infection_and_the_tense_lower_leg():
    """A calf far more painful than it looks, or with redness that spreads within
    hours, and a calf that turns tense and swollen after a blow, a crush or a broken
    shin bone, are emergencies of the leg itself: the necrotising-infection sign did
    not name the leg and was on no calf area, and the compartment part of the
    no-weight sign named only the thigh and the buttock. Both signs now name the
    calf in their own words, are shown on both calf areas, and the calf's own
    description names them."""
    necrotising, tense = il.red_flag("necrotising_infection"), il.red_flag("cannot_bear_weight")
    assert re.search(r"\bcalf, shin\b", necrotising.in_short) and re.search(r"\bcalf, shin\b", necrotising.signs[0])
    assert "thigh, calf or buttock that turns tense" in tense.in_short
    assert any("thigh, calf or buttock that turns tense" in e.sign for e in tense.call_now)
    for flag in (necrotising, tense):
        assert missing_areas(flag) == {}, flag.key
    calves = [region for region in il.regions() if region.zone == "calf"]
    assert {region.side for region in calves} == set(SIDES)
    for region in calves:
        shown = " ".join(shown_text.region_warning_signs(region))
        for flag in (necrotising, tense):
            assert f"{flag.title}: {flag.in_short}" in shown, (region.key, flag.key)
        assert "tense, hard and swollen" in region.description and "worse than the skin looks" in region.description


def test_the_rule_catches_the_necrotising_sign_left_off_the_lower_leg():
    """Without its lower-leg areas, the necrotising-infection sign's calf and shin
    words are found missing there: the rule is not satisfied vacuously."""
    flag = il.red_flag("necrotising_infection")
    before = SimpleNamespace(
        **{**_vars_of(flag), "regions": tuple(r for r in flag.regions if r not in LOWER_LEG_AREAS)}
    )
    found = missing_areas(before)
    assert found["calf"] == sorted(_both("calf"))
    assert found["lower leg"] == sorted(_both("l4_leg", "l5_foot", "calf"))


OUTER_HIP = _both("lateral_hip")
OUTER_HIP_SIGNS = (
    "necrotising_infection",
    "soft_tissue_lump",
    "shingles",
    "exertional_rhabdomyolysis",
    "guillain_barre",
)


def test_the_outer_hip_shows_the_skin_lump_and_muscle_signs_of_its_neighbours():
    """The outer hip lies between the thigh and the buttock, and every neighbouring
    thigh and buttock area showed the necrotising-infection, soft-tissue-lump,
    shingles, muscle-breakdown and Guillain-Barre signs while the outer hip showed
    none of them: severe pain far worse than the skin looks over the outer hip, a
    growing lump there or a band of burning skin fell to the routine level. Each
    sign names the thigh and the buttock (and the first three the hip) and is
    shown on both outer-hip areas (checked on the lines the area shows)."""
    for key in OUTER_HIP_SIGNS:
        flag = il.red_flag(key)
        assert OUTER_HIP <= set(flag.regions), key
        assert missing_areas(flag) == {}, key
    for key in ("necrotising_infection", "soft_tissue_lump", "shingles"):
        flag = il.red_flag(key)
        assert any(re.search(r"\bhip\b|\bouter hip\b", _read(flag, t)) for t in _texts(flag)), key
    for region in il.regions():
        if region.zone == "lateral_hip":
            shown = " ".join(shown_text.region_warning_signs(region))
            for key in OUTER_HIP_SIGNS:
                flag = il.red_flag(key)
                assert f"{flag.title}: {flag.in_short}" in shown, (region.key, key)


def test_the_thigh_and_buttock_rule_catches_the_outer_hip_left_out():
    """Without the outer hip, each of these signs is found missing there: the rule
    is not satisfied vacuously, and a sign whose thigh is the front only (none
    of which names the buttock) is not asked for it."""
    for key in OUTER_HIP_SIGNS:
        flag = il.red_flag(key)
        before = SimpleNamespace(**{**_vars_of(flag), "regions": tuple(r for r in flag.regions if r not in OUTER_HIP)})
        found = missing_areas(before)
        assert found["thigh and buttock"] == sorted(OUTER_HIP), key
    assert missing_areas(il.red_flag("necrotising_infection")) == {}
    planted = SimpleNamespace(key="planted", title="", in_short="a lump in the thigh or buttock", signs=(), regions=())
    assert missing_areas(planted)["thigh and buttock"] == sorted(OUTER_HIP)
    assert "thigh and buttock" not in missing_areas(
        SimpleNamespace(key="planted", title="", in_short="a lump in the thigh", signs=(), regions=())
    )


def test_the_sacral_fracture_sign_is_shown_on_the_buttock():
    """The fragility-fracture sign sends pain low in the back or in the buttock for
    an X-ray of the sacrum, but was shown on neither buttock area: its signs now
    name the buttock pain of a cracked sacrum, and the rule asks for both."""
    flag = il.red_flag("fragility_fracture")
    assert "buttock" in flag.destination and "buttock" in flag.signs[0] and "sacrum" in flag.signs[0]
    assert _both("upper_buttock", "buttock") <= set(flag.regions)
    assert missing_areas(flag) == {}
    before = SimpleNamespace(**{**_vars_of(flag), "regions": tuple(r for r in flag.regions if "buttock" not in r)})
    assert set(missing_areas(before)["buttock"]) == set(_both("upper_buttock", "buttock"))


# The L5-S1 root area lies beside the spine at the lower end of the lumbar strip,
# so back pain felt there is the lumbar strip's: it shows every sign the strip
# shows, except these, whose pain is not felt at the lumbosacral junction.
NOT_AT_THE_ROOT: dict[str, str] = {
    "kidney": "kidney pain is in the flank or loin, over the kidney, above the lumbosacral junction",
    "renal_colic": "a stone's pain is in the flank or loin and spreads to the groin, not to the lumbosacral junction",
    "pancreatitis": "its pain goes through to the upper or middle back, not down to the lumbosacral junction",
    "acute_limb_ischaemia": "its pain is in the leg; 'a back problem' names what narrowed arteries are taken for",
    "appendicitis": "an appendix behind the bowel gives pain in the right flank or loin, above the lumbosacral junction",
}


def _shown_on(zone: str, flags) -> set[str]:
    return {f.key for f in flags if set(_both(zone)) & set(f.regions)}


def root_gaps(flags) -> set[str]:
    """Signs on the lumbar strip that the L5-S1 root area leaves out, other than
    those whose pain is not felt there."""
    return _shown_on("lumbar_paraspinal", flags) - _shown_on("nerve_root", flags) - set(NOT_AT_THE_ROOT)


def test_the_nerve_root_area_shows_the_low_back_signs_of_the_strip_it_overlaps():
    """Someone who taps the low-back spot beside the L5-S1 root saw 11 signs against
    the lumbar strip's 27: a fused-spine fracture, a leaking aneurysm, a fragility
    fracture and a child's back pain were not among them. It now shows every strip
    sign whose pain can be felt there, on both sides."""
    flags = il.red_flags()
    assert root_gaps(flags) == set()
    for key in NOT_AT_THE_ROOT:
        assert key in _shown_on("lumbar_paraspinal", flags) and key not in _shown_on("nerve_root", flags), key
    for key in ("fused_spine_fracture", "aortic_aneurysm", "fragility_fracture", "child_back_pain"):
        assert set(_both("nerve_root")) <= set(il.red_flag(key).regions), key


def test_the_root_rule_catches_the_area_as_it_was():
    added = {
        "child_back_pain", "back_and_chest_pain", "child_fever_limp", "major_trauma", "fragility_fracture",
        "bleeding", "antiplatelet_pain", "aortic_aneurysm", "ectopic_pregnancy", "late_pregnancy_pain",
        "exertional_rhabdomyolysis", "shingles", "fused_spine_fracture",
    }  # fmt: skip
    before = [
        SimpleNamespace(
            **{
                **_vars_of(f),
                "regions": tuple(r for r in f.regions if not (f.key in added and r.startswith("nerve_root"))),
            }
        )
        for f in il.red_flags()
    ]
    assert root_gaps(before) == added
