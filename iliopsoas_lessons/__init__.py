"""Guided lessons on iliopsoas muscle injury: content, figures and widgets.

Content is plain data and needs neither matplotlib nor ipywidgets::

    import iliopsoas_lessons as il
    for s in il.symptoms():
        print(s.title, s.regions)

Layers, each importing only those below it (ARCHITECTURE.md; the import
contracts in pyproject.toml check them): :mod:`iliopsoas_lessons.content` (the
checked data, standard library only); :mod:`iliopsoas_lessons.figures`
(matplotlib) and, beside it, :mod:`iliopsoas_lessons.progress`;
:mod:`iliopsoas_lessons.widgets` (ipywidgets); then the report, the website's
widgets, the class links and the exports, and the console command on top.
This module is the content layer's facade: import figures and widgets
explicitly, it stays light on purpose. Records, states and widgets take the
course they read (``course=``); these functions read the package's own.
"""

from __future__ import annotations

from .content import course
from .content.models import (
    DISCLAIMER,
    Action,
    Claim,
    Collection,
    Content,
    ContentError,
    ExamTest,
    Fact,
    GroinEntity,
    KeyTypeError,
    Mechanism,
    Muscle,
    Part,
    RedFlag,
    Reference,
    Region,
    Symptom,
    UnknownKeyError,
    UrgencyLevel,
)

__version__ = "0.1.0"


def symptoms() -> Collection[Symptom]:
    """The five symptoms in teaching order (the source article's order)."""
    return course().symptoms


def symptom(key: str) -> Symptom:
    """One symptom by key; an unknown key raises a LookupError listing the valid ones."""
    return course().symptoms[key]


def muscles() -> Collection[Muscle]:
    return course().muscles


def muscle(key: str) -> Muscle:
    return course().muscles[key]


def mechanisms() -> Collection[Mechanism]:
    return course().mechanisms


def mechanism(key: str) -> Mechanism:
    return course().mechanisms[key]


def regions() -> Collection[Region]:
    """The body-map regions: where pain can be felt, with view and side."""
    return course().regions


def region(key: str) -> Region:
    return course().regions[key]


def parts() -> Collection[Part]:
    """Named parts of the anatomy schematics."""
    return course().parts


def part(key: str) -> Part:
    return course().parts[key]


def red_flags() -> Collection[RedFlag]:
    return course().red_flags


def red_flag(key: str) -> RedFlag:
    return course().red_flags[key]


def urgency_levels() -> Collection[UrgencyLevel]:
    """The one urgency scale, most urgent first: label and what to do at each level."""
    return course().urgency


def urgency_level(key: str) -> UrgencyLevel:
    return course().urgency[key]


def exam_tests() -> Collection[ExamTest]:
    """Examination tests for groin pain, each with what is known of its accuracy."""
    return course().exam_tests


def groin_entities() -> Collection[GroinEntity]:
    """The Doha agreement's categories of groin pain in athletes, with their criteria."""
    return course().groin_entities


def figure_text(key: str) -> str:
    """A fact a figure states (label or alt text), from ``figure_text.json``."""
    return course().figure_texts[key].text


def claims() -> Collection[Claim]:
    """The source article's claims, paraphrased, each with the evidence verdict."""
    return course().claims


def claim(key: str) -> Claim:
    return course().claims[key]


def references() -> Collection[Reference]:
    return course().references


def reference(key: str) -> Reference:
    return course().references[key]


__all__ = [
    "DISCLAIMER",
    "Action",
    "Claim",
    "Collection",
    "ContentError",
    "Fact",
    "Mechanism",
    "Muscle",
    "Part",
    "RedFlag",
    "Reference",
    "Region",
    "Symptom",
    "UnknownKeyError",
    "KeyTypeError",
    "UrgencyLevel",
    "claim",
    "claims",
    "course",
    "Content",
    "mechanism",
    "mechanisms",
    "muscle",
    "muscles",
    "part",
    "parts",
    "red_flag",
    "red_flags",
    "reference",
    "references",
    "region",
    "regions",
    "symptom",
    "symptoms",
    "urgency_level",
    "urgency_levels",
    "ExamTest",
    "GroinEntity",
    "exam_tests",
    "groin_entities",
    "figure_text",
]
