"""The body-map areas' own rules, read when the content loads: an area whose
description names a danger must be shown with at least one warning sign, and
each cause it names (an infection, a cancer, a fracture, a bleed...) with that
cause's own signs (:data:`REGION_CAUSE_FLAGS`). The area-flag links themselves
come from each flag's ``regions`` in ``red_flags.json``. Split from
:mod:`.loader`, which calls these. Standard library only.
"""

from __future__ import annotations

import dataclasses
import re

from .models import Region
from .reader import _File

__all__ = ["REGION_CAUSE_FLAGS", "REGION_DANGER_WORDS", "region_cause_gaps"]


# Words that name a danger in a region's description: such a region must have
# flags (``red_flags``, derived from the flags that name it) whose level and
# steps are shown beside it, so no page says "red flag" or "needs a doctor"
# without saying how soon and where (review round 38, D PS-1/PS-2).
REGION_DANGER_WORDS = re.compile(
    r"\b(red flag|needs? a doctor|urgent\w*|emergenc\w*|cauda equina|hernia|abscess|aneurysm|clot|thrombosis|"
    r"DVT|sepsis|infection|fracture|bleed\w*|lump|warning signs? shown with this area)\b",
    re.I,
)


# Each cause a region's description names, and the flags that must then be shown
# with the region (the nerve-root areas once named an infection
# but showed neither the infection nor the sepsis sign). An entry is (cause, words,
# groups, reason): the region must show at least one flag of each group. The words
# are read in this order, and each entry's words are taken out of the text once
# read, so a narrower name ("pelvic infection", "false aneurysm") is not read again
# as the wider one ("infection", "aneurysm").
REGION_CAUSE_FLAGS: tuple[tuple[str, str, tuple[tuple[str, ...], ...], str], ...] = (
    # not a cause: a reason to bleed more, beside the bleed it names
    ("a bleeding disorder", r"bleeding disorder", (), "a risk factor for a bleed, which is named on its own"),
    (
        "pelvic infection",
        r"pelvic infection|pelvic inflammatory disease",
        (("pelvic_infection",),),
        "an infection of the womb and tubes has its own sign, not the psoas or spine infection sign",
    ),
    (
        "necrotising infection",
        r"necrotising infection|infection under the skin|Fournier's gangrene",
        (("necrotising_infection",), ("infection_unwell",)),
        "its own sign; it turns to sepsis within hours, so the sepsis sign too",
    ),
    (
        "an infected kidney",
        r"infected, blocked kidney|kidney infection",
        (("kidney",), ("infection_unwell",)),
        "the kidney sign (an infected, blocked kidney), which can turn to sepsis",
    ),
    ("a kidney stone", r"kidney stones?|renal colic", (("renal_colic",),), "the kidney-stone sign"),
    ("diverticulitis", r"diverticulitis", (("diverticulitis",),), "its own sign"),
    ("appendicitis", r"appendicitis", (("appendicitis",),), "its own sign"),
    (
        "a twisted testicle or ovary",
        r"twisted (?:testicle or ovary|ovary or testicle)",
        (("testicular_torsion",), ("ovarian_torsion",)),
        "each has its own sign",
    ),
    ("a twisted testicle", r"twisted testicle|testicular torsion", (("testicular_torsion",),), "its own sign"),
    ("a twisted ovary", r"twisted ovary|ovarian torsion", (("ovarian_torsion",),), "its own sign"),
    ("an ectopic pregnancy", r"ectopic", (("ectopic_pregnancy",),), "the early pregnancy sign"),
    (
        "early labour or the placenta coming away",
        r"early labour|placenta|pre-eclampsia",
        (("late_pregnancy_pain",),),
        "the later pregnancy sign",
    ),
    ("cauda equina syndrome", r"cauda equina", (("cauda_equina",),), "its own sign"),
    (
        "a slipped growth plate",
        r"slipped growth plate|slipped capital femoral epiphysis|SCFE",
        (("scfe",),),
        "its own sign",
    ),
    ("a hip replacement", r"hip replacement|replaced hip", (("hip_replacement_complication",),), "its own sign"),
    ("a stress fracture", r"stress fractures?", (("runner_stress_fracture",),), "the stress-fracture sign"),
    ("a broken hip", r"broken hip|hip fracture", (("hip_fracture_after_fall",),), "the hip fracture sign"),
    (
        "weak bone",
        r"weak bones?|fragility fracture|osteoporo\w*",
        (("fragility_fracture",),),
        "the sign for a fracture from a small injury in weak bone",
    ),
    (
        "a fracture",
        r"fractures?|broken|crack",
        (
            (
                "hip_fracture_after_fall",
                "fragility_fracture",
                "runner_stress_fracture",
                "cannot_bear_weight",
                "major_trauma",
            ),
        ),
        "any fracture sign",
    ),
    ("a false aneurysm", r"false aneurysm|pseudoaneurysm", (("groin_pseudoaneurysm",),), "its own sign"),
    ("an aneurysm or a torn aorta", r"aneurysm|aorta|aortic dissection", (("aortic_aneurysm",),), "its own sign"),
    (
        "an infection or an abscess",
        r"infect(?:ion|ions|ed)|abscess(?:es)?|septic|sepsis",
        (("infection",), ("infection_unwell",)),
        "the sign for a psoas abscess, septic hip or spinal infection (go now), and the sepsis sign, because any deep "
        "infection can spread into the blood",
    ),
    (
        "cancer",
        r"cancer|tumours?|metastas[ie]s|metastatic",
        (
            ("cancer_spinal_pain", "cancer_bone_pain"),
            ("cancer_with_nerve_signs",),
            ("possible_cancer", "bone_pain_unexplained"),
        ),
        "the signs for a known cancer (its new pain the same day, and with nerve symptoms an emergency) and for a cancer "
        "not yet found",
    ),
    ("a bleed", r"bleed(?:s|ing)?|haematoma", (("bleeding",),), "the sign for bleeding into the muscle"),
    (
        "a clot",
        r"clots?|thrombosis|DVT|swollen leg",
        (("iliofemoral_dvt",),),
        "the clot sign; a swollen leg is its main sign",
    ),
    (
        "the blood vessels",
        r"blood vessels?",
        (("groin_pseudoaneurysm", "iliofemoral_dvt", "acute_limb_ischaemia"),),
        "a sign of the artery or vein there",
    ),
    (
        "a hernia",
        r"hernias?",
        (("strangulated_hernia",), ("groin_hernia",)),
        "a trapped, painful hernia (an emergency) and a new one that goes back in",
    ),
    ("shingles", r"shingles|herpes zoster", (("shingles",),), "its own sign"),
    ("the heart", r"heart|chest pain", (("back_and_chest_pain",),), "the sign for back pain with chest pain"),
    ("a serious problem in the spine", r"serious problem in the spine", (("serious_spine_signs",),), "its own sign"),
    ("a weak leg", r"weaken the leg|foot that drops|foot drop", (("progressive_weakness",),), "the weak-leg sign"),
    ("a fever", r"fever", (("fever_back_pain", "child_fever_limp"),), "the fever signs"),
)


def region_cause_gaps(description: str, shown: set[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    """Each (cause, the words read, flag group) where ``description`` names a cause
    (REGION_CAUSE_FLAGS) but ``shown`` holds no flag of one of its groups."""
    gaps, text = [], description
    for cause, words, groups, _reason in REGION_CAUSE_FLAGS:
        if found := (pattern := re.compile(rf"\b(?:{words})\b", re.I)).search(text):
            gaps += [(cause, found.group(0), group) for group in groups if not set(group) & shown]
        text = pattern.sub(" ", text)
    return gaps


def _region_flags(file: _File, regions, red_flags) -> tuple[Region, ...]:
    """Each region with the flags that name it in red_flags.json ('regions'), in
    that file's order: the one source of region-flag links, so the region's page
    and the flag's cannot disagree (review round 40, D minor 4). A region whose
    description names a danger must be named by at least one flag."""
    out = []
    for region in regions:
        keys = tuple(f.key for f in red_flags if region.key in f.regions)
        found = REGION_DANGER_WORDS.search(region.description)
        if found and not keys:
            raise file.fail(
                region.key,
                f"field 'description' names a danger ({found.group(0)!r}) but no red flag names this region; "
                f"add {region.key!r} to the 'regions' of the red_flags.json flags whose level and steps belong beside it",
            )
        out.append(dataclasses.replace(region, red_flags=keys))
    return tuple(out)


def _check_region_causes(file: _File, regions) -> None:
    """Each region shows the flags of every cause its description names (checked
    after the page links, whose errors say more about a page that lacks a flag)."""
    for region in regions:
        for cause, words, group in region_cause_gaps(region.description, set(region.red_flags)):
            message = f"field 'description' names {cause} ({words!r}) but shows none of {', '.join(group)}; add "
            raise file.fail(region.key, message + f"{region.key!r} to the 'regions' of the flag that belongs there")
