"""Guided lessons on iliopsoas muscle injury: content, figures and widgets.

Content is plain data and needs neither matplotlib nor ipywidgets::

    import iliopsoas_lessons as il
    for s in il.symptoms():
        print(s.title, s.regions)

Figures live in :mod:`iliopsoas_lessons.bodymap` and
:mod:`iliopsoas_lessons.anatomy`; widgets in :mod:`iliopsoas_lessons.widgets`.
Import those explicitly: this module stays light on purpose.
"""
from __future__ import annotations

from .records import (
    Action,
    Claim,
    Collection,
    ContentError,
    ExamTest,
    Fact,
    GroinEntity,
    Mechanism,
    Muscle,
    Part,
    RedFlag,
    Reference,
    Region,
    Symptom,
    UnknownKeyError,
    UrgencyLevel,
    content,
)

__version__ = "0.1.0"

DISCLAIMER = (
    "These lessons teach; they do not diagnose. If you have pain, see a qualified "
    "clinician. In an emergency call your local emergency number (112 in Europe, "
    "999 in the UK, 911 in North America)."
)


def symptoms() -> Collection[Symptom]:
    """The five symptoms in teaching order (the source article's order)."""
    return content().symptoms


def symptom(key: str) -> Symptom:
    """One symptom by key; an unknown key raises a LookupError listing the valid ones."""
    return content().symptoms[key]


def muscles() -> Collection[Muscle]:
    return content().muscles


def muscle(key: str) -> Muscle:
    return content().muscles[key]


def mechanisms() -> Collection[Mechanism]:
    return content().mechanisms


def mechanism(key: str) -> Mechanism:
    return content().mechanisms[key]


def regions() -> Collection[Region]:
    """The body-map regions: where pain can be felt, with view and side."""
    return content().regions


def region(key: str) -> Region:
    return content().regions[key]


def parts() -> Collection[Part]:
    """Named parts of the anatomy schematics."""
    return content().parts


def part(key: str) -> Part:
    return content().parts[key]


def red_flags() -> Collection[RedFlag]:
    return content().red_flags


def red_flag(key: str) -> RedFlag:
    return content().red_flags[key]


def urgency_levels() -> Collection[UrgencyLevel]:
    """The one urgency scale, most urgent first: label and what to do at each level."""
    return content().urgency


def urgency_level(key: str) -> UrgencyLevel:
    return content().urgency[key]


def exam_tests() -> Collection[ExamTest]:
    """Examination tests for groin pain, each with what is known of its accuracy."""
    return content().exam_tests


def groin_entities() -> Collection[GroinEntity]:
    """The Doha agreement's categories of groin pain in athletes, with their criteria."""
    return content().groin_entities


def figure_text(key: str) -> str:
    """A fact a figure states (label or alt text), from ``figure_text.json``."""
    return content().figure_texts[key].text


def claims() -> Collection[Claim]:
    """The source article's claims, paraphrased, each with the evidence verdict."""
    return content().claims


def claim(key: str) -> Claim:
    return content().claims[key]


def references() -> Collection[Reference]:
    return content().references


def reference(key: str) -> Reference:
    return content().references[key]


__all__ = [
    "DISCLAIMER", "Action", "Claim", "Collection", "ContentError", "Fact", "Mechanism", "Muscle",
    "Part", "RedFlag", "Reference", "Region", "Symptom", "UnknownKeyError", "UrgencyLevel", "claim", "claims",
    "content", "mechanism", "mechanisms", "muscle", "muscles", "part", "parts", "red_flag",
    "red_flags", "reference", "references", "region", "regions", "symptom", "symptoms",
    "urgency_level", "urgency_levels", "ExamTest", "GroinEntity", "exam_tests", "groin_entities", "figure_text",
]
