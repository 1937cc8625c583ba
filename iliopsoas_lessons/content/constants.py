"""Constants every layer shares: the sides, views, mark roles and bodies of the
body map, the evidence levels of references, and the disclaimer. Defined once."""

from __future__ import annotations

DISCLAIMER = (
    "These lessons teach; they do not diagnose. If you have pain, see a qualified "
    "clinician. In an emergency call your local emergency number (112 in Europe, "
    "999 in the UK, 911 in North America)."
)

SIDES = ("left", "right")
REGION_SIDES = ("left", "right", "midline")
VIEWS = ("front", "back")
# Every mark a body map can show; a symptom's own pattern uses the first two.
MARK_ROLES = ("source", "referred", "claimed", "contrast", "red_flag")
PATTERN_ROLES = MARK_ROLES[:2]
BODIES = ("male", "female")
DIAGRAMS = ("body_map", "lumbar_curve")
# Age bands a mechanism page can reach and a red flag can ask to be shown for
# (link_checks.age_flag_problems): under about 8, about 8 to 17, and adults.
AGE_BANDS = ("young_child", "older_child", "adult")
# The hip model's range, in degrees (negative = extension, positive = flexion): here so
# that the hip-angle slider knows it without importing the drawing (figures.hip).
HIP_ANGLE_RANGE = (-30.0, 120.0)
# The kind of source behind a reference, strongest first; learners see the
# label beside each citation.
EVIDENCE_LEVELS = {
    "guideline": "Guideline",
    "systematic_review": "Systematic review",
    "trial": "Randomised controlled trial",
    # observational studies of a group: a cohort, a case-control study (UENO2018) or a larger case series
    "cohort": "Cohort, case-control study or case series",
    # Dissection, imaging or modelling of a few bodies: shows structure and
    # mechanics, never how often a symptom occurs in patients.
    "anatomical_study": "Anatomical or biomechanical study",
    # one patient or a handful (PHILLIPS and AFRA describe four each)
    "case_report": "Case report or small case series",
    # Experts agreeing definitions or advice by a formal method (Delphi,
    # agreement meeting): structured expert opinion, not tested for accuracy
    # and not a graded guideline (clinical review round 14, part B citation 4).
    "consensus_statement": "Expert consensus statement",
    # A journal's narrative review, clinical review, primer, practice pointer or
    # editorial: one author group's reading of the literature, not a
    # systematic review, so weighed like expert opinion, but not a textbook
    # (clinical review round 28, part B citation 7).
    "review": "Narrative review or editorial",
    # a book, a clinical reference site, or an expert proposal not yet tested
    "textbook": "Textbook or expert opinion",
    # Advice written for the public (nhs.uk): it tells people where to go, but
    # it is not a guideline and carries no evidence grading of its own.
    "patient_information": "Patient information",
    # A paper about how to measure or analyse, not about patients: cited only for a
    # convention it set (the kappa bands of LANDIS1977), never as clinical evidence.
    "methods_paper": "Statistical methods paper (not clinical evidence)",
    # A society's news item, blog post or announcement about a guideline or an issue:
    # it reports what the source says and is never the guideline itself (BSR-GCA-2020
    # announces MACKIE2020), so it carries no grading of its own.
    "news_item": "News item or professional body statement",
    # A national patient-safety investigation (HSIB/HSSIB): it studies how care went wrong
    # in real events and makes safety recommendations; it is not a clinical guideline and
    # grades no evidence (HSIB-TORSION).
    "safety_investigation": "Patient-safety investigation report",
}
# Evidence levels whose sources are journal articles (they need a DOI or PMID).
JOURNAL_EVIDENCE = (
    "systematic_review",
    "trial",
    "cohort",
    "anatomical_study",
    "case_report",
    "consensus_statement",
    "methods_paper",
)
# Whether a source still stands. A withdrawn or superseded source may be cited
# for history beside a current one, never as the only support of a statement.
# 'review_overdue': still the issuer's live advice, but past its own review date when
# read, or called in need of updating by its issuer; it still stands (it may be a
# statement's only support), and its citation says "review overdue when read".
# 'unverified': whether the source is still in force, withdrawn or replaced was never
# read, so the record claims none of those; like a withdrawn source it is never a
# statement's only support, and its citation says "not verified as still in force".
REFERENCE_STATUSES = ("current", "review_overdue", "withdrawn", "superseded", "unverified")
# The groups of the start page's short "call now" box (a red flag's 'call_now'),
# in the order shown, with the heading of each: 22 emergency signs fit in a few
# lines only when grouped (review round 31, the full list was too long to use).
CALL_NOW_GROUPS = {
    "nerves": "Nerves, spine or brain",
    "infection": "Infection",
    "injury": "After a fall, an injury or very hard exercise",
    "blood": "Heart, blood vessels or bleeding",
    "belly": "Belly, groin or pelvis",
}
# How a 'call_now' sign gets to hospital, from the flag's own destination: the box
# marks the signs whose flag says call 999 for an ambulance (do not drive), so that
# the level's "999 or an emergency department" never overrides them (review round 33, A PS1).
CALL_NOW_TRANSPORT = {
    "ambulance": "call 999 for an ambulance, do not drive",
    "either": "",
}
# Web sites a reference may not point to: encyclopaedias anyone can edit and
# fitness, patient-information or commercial sites. Cite what they cite.
BANNED_URL_HOSTS = (
    "wikipedia.org",
    "physioadvisor.com.au",
    "exrx.net",
    "triggerpointtherapist.com",
    "myofascialtherapy.org",
    "physio-pedia.com",
    "teachmeanatomy.info",
    "kenhub.com",
    "fpnotebook.com",
    "clinicaladvisor.com",
    "consultant360.com",
    "imaios.com",
)
# The last entry of an author list may be this, when the remaining authors are not listed.
ET_AL = "et al"
# The article's order; the lessons and their "2 of 5" stepper rely on it.
SYMPTOM_ORDER = ("back_pain", "pain_with_movement", "hip_pain", "sciatic_pain", "lumbar_curve")
