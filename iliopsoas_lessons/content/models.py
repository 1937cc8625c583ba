"""The content's records: frozen dataclasses, and the ``Content`` that holds
them all (the collections are in :mod:`.collection`, the shared constants in
:mod:`.constants`; both are re-exported here).

Standard library only. Records are plain values: cross-references are
resolved when the content loads (:mod:`.loader`), so no record calls back
into module state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "DISCLAIMER",
    "ContentError",
    "UnknownKeyError",
    "KeyTypeError",
    "Fact",
    "Reference",
    "Region",
    "UrgencyLevel",
    "NowWording",
    "Part",
    "Action",
    "Muscle",
    "Grade",
    "Mechanism",
    "Claim",
    "PainArea",
    "Symptom",
    "Escalation",
    "MovesUp",
    "LaterSign",
    "RedFlag",
    "FigureText",
    "GroinEntity",
    "ExamTest",
    "NerveSign",
    "ImagingUse",
    "RehabPrinciple",
    "Collection",
    "Content",
    "SIDES",
    "REGION_SIDES",
    "VIEWS",
    "MARK_ROLES",
    "PATTERN_ROLES",
    "BODIES",
    "DIAGRAMS",
    "EVIDENCE_LEVELS",
    "JOURNAL_EVIDENCE",
    "REFERENCE_STATUSES",
    "TrailQuote",
    "GuidelineTrail",
    "BANNED_URL_HOSTS",
    "ET_AL",
    "SYMPTOM_ORDER",
]

from .collection import Collection, ContentError, KeyTypeError, UnknownKeyError
from .constants import *  # noqa: F403  (every constant, re-exported: __all__ names them)
from .constants import JOURNAL_EVIDENCE, PATTERN_ROLES, SIDES, ET_AL

# the examination and care records live beside the facts they are made of
from .exam_models import ExamTest, GroinEntity, ImagingUse, NerveSign, RehabPrinciple
from .facts import Fact, _union_refs

# a source's citation and standing: a job of its own
from .reference_models import Reference

# the urgency scale's levels and the red flags that name them: a job of their own
from .urgency_models import (
    CallNow as CallNow,  # not in __all__: reader.py imports it from here
    Escalation,
    GuidelineTrail,
    NowWording,
    RedFlag,
    TrailQuote,
    UrgencyLevel,
)


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Region:
    """A place on the body map where pain can be felt.

    ``side`` is the patient's own side (``left``/``right``) or ``midline``.
    """

    key: str
    zone: str
    name: str
    view: str
    side: str
    description: str
    references: tuple[str, ...]
    # Keys of red_flags.json, filled in at load from the flags whose 'regions' name
    # this region (never kept in regions.json: one source, review round 40, D minor 4);
    # shown beside the description with their level and steps (round 38, D PS-1/PS-2).
    red_flags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if self.side == "midline":
            return f"{self.name} (midline)"
        return f"{self.name} (patient's {self.side})"

    @property
    def mirror(self) -> str:
        """Key of the same zone on the other side (itself for midline)."""
        if self.side == "midline":
            return self.key
        other = "right" if self.side == "left" else "left"
        return f"{self.zone}_{other}"


@dataclass(frozen=True)
class Part:
    """A named part of the anatomy schematics."""

    key: str
    name: str
    kind: str


@dataclass(frozen=True)
class Action:
    text: str
    disputed: bool
    references: tuple[str, ...]


@dataclass(frozen=True)
class Muscle:
    key: str
    name: str
    summary: Fact
    origin: Fact
    insertion: Fact
    nerve_supply: Fact
    blood_supply: Fact
    actions: tuple[Action, ...]
    relations: tuple[Fact, ...]
    origin_parts: tuple[str, ...]
    insertion_parts: tuple[str, ...]
    nerve_parts: tuple[str, ...]
    anatomy_parts: tuple[str, ...]

    @property
    def references(self) -> tuple[str, ...]:
        return _union_refs(
            [
                self.summary,
                self.origin,
                self.insertion,
                self.nerve_supply,
                self.blood_supply,
                *self.actions,
                *self.relations,
            ]
        )


@dataclass(frozen=True)
class Grade:
    grade: int
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class MovesUp:
    """A sign that takes a mechanism off its own level to a red flag's: a
    strain is routine, but a thigh that cannot be lifted may be an avulsion."""

    flag: str  # a key of red_flags.json, more urgent than the mechanism
    when: str


@dataclass(frozen=True)
class LaterSign:
    """A sign to watch for after the mechanism's own care, at the flag's own level,
    which may be slower than the mechanism's: a bleed into the muscle is an
    emergency, but a lump left by it that has not shrunk in some weeks is the
    slower lump sign. Never the route for the mechanism itself."""

    flag: str  # a key of red_flags.json, at any level
    when: str


@dataclass(frozen=True)
class Mechanism:
    key: str
    title: str
    urgency: str  # a key of urgency.json
    red_flags: tuple[str, ...]
    # Flags the mechanism can turn into: kept apart from red_flags so that the
    # mechanism's own level stays one of its red flags' levels.
    escalates_to: tuple[MovesUp, ...]
    summary: Fact
    triggers: tuple[Fact, ...]
    grades: tuple[Grade, ...]
    features: tuple[Fact, ...]
    anatomy_parts: tuple[str, ...]
    # Age bands (AGE_BANDS) whose people can reach this page: a flag's
    # 'every_mechanism_for' then must be shown here (link_checks.age_flag_problems).
    ages: tuple[str, ...] = ()
    # Signs to watch for after the mechanism's own care (LaterSign): shown with
    # their own level, never as the mechanism's route.
    later_signs: tuple[LaterSign, ...] = ()

    @property
    def references(self) -> tuple[str, ...]:
        return _union_refs([self.summary, *self.triggers, *self.grades, *self.features])

    @property
    def shown_flags(self) -> set[str]:
        """Every flag the mechanism's page shows: its own, its escalations and its later signs."""
        return {*self.red_flags, *(up.flag for up in self.escalates_to), *(s.flag for s in self.later_signs)}


@dataclass(frozen=True)
class Claim:
    """What the source article said (paraphrased) and what the evidence says."""

    key: str
    section: str
    article_says: str
    verdict: str
    evidence: str
    references: tuple[str, ...]

    @property
    def is_error(self) -> bool:
        return self.verdict not in ("correct", "mostly correct")


@dataclass(frozen=True)
class PainArea:
    region: str
    role: str


@dataclass(frozen=True)
class Symptom:
    key: str
    title: str
    feel: Fact
    pattern: tuple[PainArea, ...]
    article_regions: tuple[str, ...]
    contrast_regions: tuple[str, ...]
    provoked_by: tuple[Fact, ...]
    why: Fact
    # red flags whose signs can come with the symptom: shown from red_flags.json
    # with their levels and escalations, never restated in ``why``
    warning_flags: tuple[str, ...]
    mechanisms: tuple[str, ...]
    claims: tuple[str, ...]
    diagram: str
    # the references of the claims it checks, filled in at load
    claim_references: tuple[str, ...] = ()

    @property
    def regions(self) -> tuple[str, ...]:
        """Region ids of the pattern for a problem on the patient's left."""
        return tuple(area.region for area in self.pattern)

    def regions_for(self, side: str, role: str | None = None) -> tuple[str, ...]:
        """Region ids of the pattern for a problem on ``side``, optionally one role."""
        _check_choice("side", side, SIDES)
        if role is not None:
            _check_choice("role", role, PATTERN_ROLES)
        areas = [a for a in self.pattern if role is None or a.role == role]
        return tuple(_on_side(a.region, side) for a in areas)

    def article_regions_for(self, side: str) -> tuple[str, ...]:
        _check_choice("side", side, SIDES)
        return tuple(_on_side(key, side) for key in self.article_regions)

    def contrast_regions_for(self, side: str) -> tuple[str, ...]:
        _check_choice("side", side, SIDES)
        return tuple(_on_side(key, side) for key in self.contrast_regions)

    @property
    def references(self) -> tuple[str, ...]:
        own = _union_refs([self.feel, *self.provoked_by, self.why])
        return _union_refs([Fact("", own), Fact("", self.claim_references)])


@dataclass(frozen=True)
class FigureText:
    """A sentence or label that a figure states as fact, with its sources."""

    key: str
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    references: Collection[Reference]
    regions: Collection[Region]
    parts: Collection[Part]
    muscles: Collection[Muscle]
    mechanisms: Collection[Mechanism]
    claims: Collection[Claim]
    symptoms: Collection[Symptom]
    red_flags: Collection[RedFlag]
    urgency: Collection[UrgencyLevel]
    groin_entities: Collection[GroinEntity]
    exam_tests: Collection[ExamTest]
    groin_note: Fact
    figure_texts: Collection[FigureText]
    red_flag_caveat: Fact
    body_map_source: Fact
    nerve_tests: Collection[ExamTest]
    nerve_or_root: Collection[NerveSign]
    # Under the nerve-or-root table: both territories weak can be the plexus in the psoas, not only the roots.
    nerve_or_root_note: Fact
    imaging: Collection[ImagingUse]
    rehabilitation: Collection[RehabPrinciple]
    # The virtual-patient cases (content/cases.py), from data/cases/*.json in file-name order.
    cases: tuple[Any, ...] = ()

    def case(self, key: str) -> Any:
        """The case with this key; an unknown key raises ContentError naming the valid keys."""
        for case in self.cases:
            if case.key == key:
                return case
        valid = ", ".join(c.key for c in self.cases) or "(none: data/cases/ holds no case)"
        raise ContentError(f"unknown case {key!r}; valid case keys: {valid}")


# ---------------------------------------------------------------- helpers


def _check_choice(what: str, value: Any, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"unknown {what} {value!r}; choose one of: {', '.join(choices)}")


def _on_side(region_key: str, side: str) -> str:
    """Mirror a left-sided region key to ``side`` (midline keys stay)."""
    if region_key.endswith("_left") and side == "right":
        return region_key[: -len("_left")] + "_right"
    return region_key
