"""The loader's link rules: a page that a red flag belongs on shows it.

Both ways between flags and pages: a symptom and the flags whose symptoms or
regions reach it, a mechanism and the flags that name it, the look-alikes a flag
names in 'shown_with', the age bands of 'every_mechanism_for', and the trigger
phrases of 'named_by'. The level rules (what a page says about urgency) are in
checks.py. Each problem names the file and the key. Standard library only.
"""

from __future__ import annotations

import re

from .checks import LevelProblem, _names


# --- Every symptom shows every warning sign that applies to it ---------------
#
# A red flag names the symptoms it applies to ('symptoms'), and may mark body
# regions ('regions'); a symptom lists its warning signs ('warning_flags'). The
# two must agree both ways, so that a new flag, or a new symptom, cannot leave a
# dangerous mimic off the page a learner reads (review round 9, B PS-1, PS-2).


def _unsided(region: str) -> str:
    return region.removesuffix("_left").removesuffix("_right")


# --- Every page whose pain map reaches the hip zones shows the hip emergencies --
#
# Pain from a broken hip or a slipped growth plate is felt in the groin, the
# front of the thigh or the buttock, where it is easily read as pain referred
# from the back: the low back pain map reached the groin and the front of the
# thigh but its page left out the broken-hip, cannot-bear-weight, slipped
# growth plate and teenage avulsion signs (round 38, B PS1). So the pain map,
# not a list kept by hand, decides: a symptom whose regions reach a hip zone
# shows every hip flag, and counts as linked to it (symptom_flag_problems).
# Mechanism pages carry no pain map; their links stay flag by flag. A femoral
# neck stress fracture (a runner's deep groin ache, no limp at first), an
# adult's lesser-trochanter avulsion (a tumour until shown otherwise) and
# unexplained bone pain in the hip, pelvis or thigh are felt in the same zones,
# so they are hip flags too (round 39, B PS1), and so is new pain after a hip
# replacement (a loose, infected or dislocated joint aches in the groin and
# thigh; round 40, B minor 2). A flag's own 'symptoms' field must name every
# page a rule links it to, so a view built from the flag side shows the same
# pages as the symptom side (round 40, B minor 2).

HIP_ZONES = ("groin", "femoral_triangle", "front_thigh_upper", "front_thigh", "lateral_hip", "buttock", "upper_buttock")
HIP_FLAGS = (
    "hip_fracture_after_fall",
    "cannot_bear_weight",
    "scfe",
    "adolescent_avulsion",
    "runner_stress_fracture",
    "adult_avulsion",
    "bone_pain_unexplained",
    "hip_replacement_complication",
)


def _flags_the_rule_lacks(rule: str, needed, known: set[str]) -> list[LevelProblem]:
    """A problem for each flag a page rule needs that the course does not have, so
    the rule names the missing key instead of failing on a renamed flag."""
    return [
        LevelProblem(
            "red_flags.json", key, f"the {rule} rule needs red flag {key!r}, which red_flags.json does not have"
        )
        for key in needed
        if key not in known
    ]


def hip_pages(symptoms) -> set[str]:
    """The keys of the symptoms whose pain map reaches a hip zone (either side)."""
    return {s.key for s in symptoms if {_unsided(r) for r in s.regions} & set(HIP_ZONES)}


def hip_flag_problems(symptoms, flags) -> list[LevelProblem]:
    """Each hip flag the course lacks, and each symptom whose pain map reaches a
    hip zone (HIP_ZONES) but whose 'warning_flags' leave out a hip flag."""
    known = {f.key for f in flags}
    found = _flags_the_rule_lacks("hip", HIP_FLAGS, known)
    pages = hip_pages(symptoms)
    for s in symptoms:
        if s.key not in pages:
            continue
        zone = next(r for r in s.regions if _unsided(r) in HIP_ZONES)
        for key in HIP_FLAGS:
            if key in known and key not in s.warning_flags:
                why = (
                    f"field 'warning_flags' leaves out red flag {key!r}: its pain map reaches "
                    f"the hip zone {zone!r}, where pain from the hip or the thigh bone is felt"
                )
                found.append(LevelProblem("symptoms.json", s.key, why))
    return found


def symptom_flag_problems(symptoms, flags) -> list[LevelProblem]:
    """Each (flag, symptom) pair that one side links and the other leaves out."""
    found = []
    keys = {s.key for s in symptoms}
    for f in flags:
        unknown = [k for k in f.symptoms if k not in keys]
        if unknown:
            found.append(LevelProblem("red_flags.json", f.key, f"field 'symptoms': unknown symptom {unknown[0]!r}"))
            continue
        regions = {_unsided(r) for r in f.regions}
        applies = set(f.symptoms) | {s.key for s in symptoms if regions & {_unsided(r) for r in s.regions}}
        # the hip rule below makes a hip page of every symptom whose map reaches the hip zones
        applies |= hip_pages(symptoms) if f.key in HIP_FLAGS else set()
        if not applies:
            found.append(
                LevelProblem("red_flags.json", f.key, "field 'symptoms': name the symptoms it is shown beside")
            )
        for s in symptoms:
            if s.key in applies and f.key not in s.warning_flags:
                why = f"field 'warning_flags' leaves out red flag {f.key!r}, which applies to this symptom"
                found.append(LevelProblem("symptoms.json", s.key, why))
            elif s.key in applies and s.key not in f.symptoms:
                # a page linked by its regions or the hip rule is named here too, so a
                # view built from the flag's own field shows the same pages (round 40, B minor 2)
                why = f"field 'symptoms' leaves out {s.key!r}, which its regions or the hip rule link to it"
                found.append(LevelProblem("red_flags.json", f.key, why))
            elif s.key not in applies and f.key in s.warning_flags:
                why = f"field 'symptoms' leaves out {s.key!r}, whose 'warning_flags' list this flag"
                found.append(LevelProblem("red_flags.json", f.key, why))
    return found


# --- Every mechanism shows every warning sign that can look like it ---------
#
# A red flag names the mechanisms of lesson 02 whose story it can mimic or
# complicate ('mechanisms'); a mechanism shows its flags in 'red_flags' or
# 'escalates_to'. The two must agree both ways, so that a sudden groin pain
# taught as a strain cannot leave out a twisted testicle or a trapped hernia.


def mechanism_flag_problems(mechanisms, flags) -> list[LevelProblem]:
    """Each (flag, mechanism) pair that one side links and the other leaves out."""
    found = []
    keys = {m.key for m in mechanisms}
    named = {f.key: set(f.mechanisms) for f in flags}
    for f in flags:
        unknown = [k for k in f.mechanisms if k not in keys]
        if unknown:
            found.append(LevelProblem("red_flags.json", f.key, f"field 'mechanisms': unknown mechanism {unknown[0]!r}"))
    for m in mechanisms:
        shown = m.shown_flags  # its own flags, its escalations and its later signs
        for f in flags:
            if m.key in named[f.key] and f.key not in shown:
                why = f"field 'escalates_to' leaves out red flag {f.key!r}, which names this mechanism"
                found.append(LevelProblem("mechanisms.json", m.key, why))
            elif f.key in shown and m.key not in named[f.key]:
                why = f"field 'mechanisms' leaves out {m.key!r}, which shows this flag"
                found.append(LevelProblem("red_flags.json", f.key, why))
    return found


# --- A page that shows one look-alike warning sign shows the others ---------
#
# Some warning signs are look-alikes that answer the same presentation from a
# different side: a child's fever with a limp, an adult's fever with new pain,
# a possible abscess, sepsis; a new weak leg, the cauda equina signs and a
# sudden weakness that may be a stroke (review round 20, A PS1). A flag
# names in 'shown_with' the look-alikes that must be shown wherever it is, so a
# page cannot offer one and leave out the rest (review round 15, B S1 and S2:
# the strain step offered the child's fever flag but no adult fever flag).


def look_alike_problems(symptoms, mechanisms, flags) -> list[LevelProblem]:
    """Each page that shows a flag but not one of the look-alikes it names."""
    found = []
    by_key = {f.key: f for f in flags}
    for f in flags:
        unknown = [k for k in f.shown_with if k not in by_key or k == f.key]
        if unknown:
            why = f"field 'shown_with': {unknown[0]!r} is not another red flag"
            found.append(LevelProblem("red_flags.json", f.key, why))
    pages = [("symptoms.json", s.key, "warning_flags", set(s.warning_flags)) for s in symptoms]
    pages += [("mechanisms.json", m.key, "escalates_to", m.shown_flags) for m in mechanisms]
    for file, key, field, shown in pages:
        for f in flags:
            if f.key not in shown:
                continue
            for other in f.shown_with:
                if other in by_key and other not in shown:
                    why = f"field {field!r} shows red flag {f.key!r} but leaves out its look-alike {other!r}"
                    found.append(LevelProblem(file, key, why))
    return found


# --- Every mechanism a child can reach shows the child's warning signs -------
#
# A mechanism names the age bands that can reach its page ('ages'); a red flag
# may name the bands for which every such page must show it
# ('every_mechanism_for'). Linking flag and page one pair at a time left the
# strain and overuse pages routine for a limping young child with no fever
# (review round 21, B PS1). A flag no more urgent than the page is not needed
# there: the page already sends the person at least as fast.


# "More urgent" counts the transport as well as the level: at the top level a
# flag that says "call 999, do not drive" sends faster than a page whose own
# flags let the person go to hospital by any means. Comparing levels alone
# exempted the haematoma page (emergency, 'either') from the aneurysm flag
# (emergency, 'ambulance'), so a faint person with a bleed behind the belly was
# never told to call 999 and the leaking aneurysm was not named (round 34, B PS1).

AMBULANCE = "ambulance"


def _needs_ambulance(flag) -> bool:
    return flag.call_now is not None and any(entry.transport == AMBULANCE for entry in flag.call_now)


def _always_ambulance(flag) -> bool:
    """Every one of the flag's call-now lines asks for an ambulance (a bleed on a
    blood thinner asks for one only with signs of shock)."""
    return flag.call_now is not None and all(entry.transport == AMBULANCE for entry in flag.call_now)


def flag_rank(flag, order: tuple[str, ...]) -> tuple[int, int]:
    """How fast a flag sends: level (``order``, most urgent first), then ambulance first."""
    return (order.index(flag.urgency), 0 if _needs_ambulance(flag) else 1)


def mechanism_rank(mechanism, flags_by_key, order: tuple[str, ...]) -> tuple[int, int]:
    """How fast a mechanism page already sends: its level, and an ambulance only if
    one of its own red flags at that level asks for one for every sign it shows (a
    flag that calls one only for some signs leaves a car for the rest, so a flag
    that always calls one still sends faster)."""
    own = [flags_by_key[k] for k in mechanism.red_flags if k in flags_by_key]
    ambulance = any(f.urgency == mechanism.urgency and _always_ambulance(f) for f in own)
    return (order.index(mechanism.urgency), 0 if ambulance else 1)


def age_flag_problems(mechanisms, flags, order: tuple[str, ...]) -> list[LevelProblem]:
    """Each mechanism that a flag's age bands reach, where the flag is more urgent
    than the mechanism (flag_rank) and the page does not show it. ``order`` is most
    urgent first."""
    found = []
    by_key = {f.key: f for f in flags}
    for m in mechanisms:
        # a later sign does not count: it is a follow-up after the mechanism's own
        # care, and a flag faster than the page must be offered as a route now
        shown = set(m.red_flags) | {up.flag for up in m.escalates_to}
        page = mechanism_rank(m, by_key, order)
        for f in flags:
            bands = [b for b in f.every_mechanism_for if b in m.ages]
            if not bands or f.key in shown or flag_rank(f, order) >= page:
                continue
            why = (
                f"field 'escalates_to' leaves out red flag {f.key!r}, which every mechanism "
                f"reaching {bands[0]!r} (field 'ages') must show"
            )
            found.append(LevelProblem("mechanisms.json", m.key, why))
    return found


# --- A page that names a warning sign's trigger shows that warning sign ------
#
# A red flag may list in 'named_by' the phrases that name its trigger ("blood
# thinner" for a bleed into the muscle). A symptom page whose own text (how it
# feels, what provokes it, why), or the text of a claim it checks, says one of
# them, and a mechanism page whose text says one, must show the flag: the lean
# page named "a blood thinner (a bleed)" among "the warning signs below" but
# listed no bleeding flag, so it gave no level or destination (review round 22,
# B PS1). Claims are checked through the symptom pages that show them; a claim
# that no symptom shows appears on no page with warning signs.


def named_flag_problems(symptoms, mechanisms, claims, flags, order: tuple[str, ...] = ()) -> list[LevelProblem]:
    """Each page whose text names a flag's trigger ('named_by') but does not show the flag.
    ``order`` (levels, most urgent first) lets a mechanism leave out a flag no more urgent
    than the page (flag_rank), as age_flag_problems does: the page already sends as fast."""
    found = []
    by_key = {f.key: f for f in flags}
    claim_text = {c.key: f"{c.article_says} {c.evidence}" for c in claims}
    pages = []
    for s in symptoms:
        texts = [("feel", s.feel.text), ("why", s.why.text)]
        texts += [(f"provoked_by[{i}]", p.text) for i, p in enumerate(s.provoked_by)]
        texts += [(f"claim {k!r}", claim_text[k]) for k in s.claims if k in claim_text]
        pages.append(("symptoms.json", s.key, "warning_flags", set(s.warning_flags), texts))
    for m in mechanisms:
        texts = [("summary", m.summary.text)]
        texts += [(f"triggers[{i}]", t.text) for i, t in enumerate(m.triggers)]
        texts += [(f"grades[{i}]", g.text) for i, g in enumerate(m.grades)]
        texts += [(f"features[{i}]", t.text) for i, t in enumerate(m.features)]
        shown = set(m.shown_flags)
        if m.urgency in order:
            page = mechanism_rank(m, by_key, order)
            shown |= {f.key for f in flags if f.urgency in order and flag_rank(f, order) >= page}
        pages.append(("mechanisms.json", m.key, "escalates_to", shown, texts))
    for file, key, field, shown, texts in pages:
        for f in flags:
            if f.key in shown:
                continue
            hit = next(((where, p) for where, text in texts for p in f.named_by if _names(text, p)), None)
            if hit:
                why = f"{hit[0]} names {hit[1]!r}, the trigger of red flag {f.key!r}, but field {field!r} leaves it out"
                found.append(LevelProblem(file, key, why))
    return found


# --- Every back-pain page, and every page with one pregnancy sign, shows both -
#
# Preterm labour and a placenta coming away can start as back pain, and an
# ectopic pregnancy can be felt low in the back, so a page about back pain (one
# that shows the cauda equina signs: the spine is where its pain starts) must
# show both pregnancy flags. Linking them page by page left the sciatica and
# lean pages without them while the low back pain page had them (review round
# 31, B M1). The two flags split pregnancy at about 20 weeks, so a symptom or
# mechanism page that shows one must show the other: the mechanism steppers
# sent every pregnant woman, at any stage, to the early pregnancy unit (review
# round 33, B PS1).

BACK_PAGE_FLAG = "cauda_equina"
PREGNANCY_FLAGS = ("ectopic_pregnancy", "late_pregnancy_pain")


def pregnancy_flag_problems(symptoms, flags, mechanisms=()) -> list[LevelProblem]:
    """Each back-pain symptom page (one listing BACK_PAGE_FLAG), and each symptom or
    mechanism page showing one pregnancy flag, that leaves out a pregnancy flag. Only
    flags the course has are required, so the rule names the file and key of the page
    rather than failing on a renamed flag."""
    known = {f.key for f in flags}
    found = _flags_the_rule_lacks("pregnancy", PREGNANCY_FLAGS, known)
    pages = [("symptoms.json", s.key, "warning_flags", set(s.warning_flags)) for s in symptoms]
    pages += [("mechanisms.json", m.key, "escalates_to", m.shown_flags) for m in mechanisms]
    for file, page, field, shown in pages:
        back = file == "symptoms.json" and BACK_PAGE_FLAG in shown
        if not back and not shown & set(PREGNANCY_FLAGS):
            continue
        for key in PREGNANCY_FLAGS:
            if key not in known or key in shown:
                continue
            if back:
                why = (
                    f"field 'warning_flags' leaves out red flag {key!r}: every page that shows "
                    f"{BACK_PAGE_FLAG!r} is about back pain and must show both pregnancy flags"
                )
            else:
                other = next(k for k in PREGNANCY_FLAGS if k in shown)
                why = (
                    f"field {field!r} shows red flag {other!r} but leaves out {key!r}: the two "
                    "pregnancy flags split pregnancy at about 20 weeks, so a page shows both"
                )
            found.append(LevelProblem(file, page, why))
    return found


# --- A symptom text that reads a femoral-nerve sign names the bleed first ------
#
# Groin pain with a weak knee or a numb front of the thigh was read only as a
# nerve root or "a nerve inside the psoas", steering the learner to the same-day
# weakness sign; the commonest dangerous cause of that picture is a bleed into
# the iliopsoas pressing on the femoral nerve, an emergency (round 35, B PS1).
# So any symptom text naming such a sign also asks about a blood thinner and a
# hip held bent, names the bleed before any nerve-root reading, and the page
# shows the bleeding flag.

_FEMORAL_SIGN = re.compile(r"weak knee|\b(weak|numb)\w*[^.;:]{0,40}?front of the thigh", re.IGNORECASE)
BLEED_FLAG = "bleeding"


def femoral_sign_bleed_problems(symptoms) -> list[LevelProblem]:
    """Each symptom text that names femoral-nerve weakness or numbness without
    pointing to the bleed first (and the bleeding flag in 'warning_flags')."""
    found = []
    for s in symptoms:
        fields = [("feel", s.feel.text), ("why", s.why.text)]
        fields += [(f"provoked_by[{i}]", p.text) for i, p in enumerate(s.provoked_by)]
        for name, text in fields:
            sign = _FEMORAL_SIGN.search(text)
            if not sign:
                continue
            low = text.lower()
            tail = low[sign.start() :]
            missing = [w for w in ("blood thinner", "bleed", "held bent") if w not in low]
            root = tail.find("nerve root")
            if missing:
                why = f"field {name!r} names a femoral-nerve sign but not {missing[0]!r}: ask about the bleed first"
            elif root != -1 and tail.find("blood thinner") > root:
                why = f"field {name!r} reads a femoral-nerve sign as a nerve root before it names the bleed"
            elif BLEED_FLAG not in s.warning_flags:
                why = f"field {name!r} names a femoral-nerve sign but 'warning_flags' leaves out {BLEED_FLAG!r}"
            else:
                continue
            found.append(LevelProblem("symptoms.json", s.key, why))
    return found
