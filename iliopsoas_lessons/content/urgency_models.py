"""The urgency scale's records and the red flags that name its levels:
``UrgencyLevel`` (with the ``NowWording`` of a flag that goes now),
``RedFlag`` (its ``Escalation``, its start-page ``CallNow`` entries) and the
guideline words behind a flag's level (``GuidelineTrail``, ``TrailQuote``).

Standard library only; re-exported by :mod:`.models`, their public home.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .facts import Fact

__all__ = [
    "UrgencyLevel",
    "NowWording",
    "Escalation",
    "CallNow",
    "RedFlag",
    "TrailQuote",
    "GuidelineTrail",
]


@dataclass(frozen=True)
class UrgencyLevel:
    """One step of the single urgency scale (``urgency.json``), most urgent first.

    ``referral`` is what a student clinician does at this level (whom they
    refer to, how fast); ``patient_advice`` is what the patient is told, in
    plain words. Every mechanism, red flag and case names a level by ``key``.
    """

    key: str
    label: str
    referral: str
    patient_advice: str
    meaning: str
    references: tuple[str, ...]
    rank: int = 0  # 0 = most urgent; set from the file's order
    # The level's wording for a flag whose guideline asks for now, not later
    # the same day (a flag's ``go_now``): the same level and rank, but its label
    # and advice never say 'today' (review round 13, A M2: ectopic pregnancy).
    now: NowWording | None = None

    @property
    def heading(self) -> str:
        return f"{self.label}: {self.patient_advice}"

    def for_flag(self, flag: RedFlag | None) -> UrgencyLevel:
        """This level as shown beside ``flag``: its 'now' wording when the flag goes now."""
        if flag is None or not flag.go_now or self.now is None:
            return self
        now = self.now
        return replace(self, label=now.label, referral=now.referral, patient_advice=now.patient_advice)


@dataclass(frozen=True)
class NowWording:
    """A level's label, referral and advice for a flag that goes now (``RedFlag.go_now``)."""

    label: str
    referral: str
    patient_advice: str


@dataclass(frozen=True)
class Escalation:
    """A sign that moves a red flag up the scale, e.g. 'emergency when ...'."""

    urgency: str
    when: str


@dataclass(frozen=True)
class CallNow:
    """An emergency flag in a few plain words, for the start page's short box."""

    group: str  # a key of constants.CALL_NOW_GROUPS
    sign: str
    transport: str  # a key of constants.CALL_NOW_TRANSPORT


@dataclass(frozen=True)
class RedFlag:
    """Signs that call for care at one level of the urgency scale."""

    key: str
    title: str
    in_short: str  # the signs in one line, for summaries and the start page
    signs: tuple[str, ...]
    urgency: str  # a key of urgency.json
    escalation: Escalation | None
    # Where this flag sends the person and what they do meanwhile: a flag can
    # need a more specific place than its level's general referral (an X-ray
    # today, not a GP slot), so each flag says it.
    destination: str
    interim_advice: str
    reason: Fact
    regions: tuple[str, ...]
    # The symptom pages that show this flag (link_checks.symptom_flag_problems).
    symptoms: tuple[str, ...] = ()
    # The mechanisms of lesson 02 that show this flag (link_checks.mechanism_flag_problems).
    mechanisms: tuple[str, ...] = ()
    # Look-alike warning signs that every page showing this flag shows too
    # (link_checks.look_alike_problems): reviewers kept finding one page at a time
    # that offered a child's fever flag but not an adult's (review round 15, B S1-S2).
    shown_with: tuple[str, ...] = ()
    # Age bands for which every mechanism page reaching them shows this flag when
    # it is more urgent than the page (link_checks.age_flag_problems): the strain and
    # overuse pages left a limping young child routine (review round 21, B PS1).
    every_mechanism_for: tuple[str, ...] = ()
    # Phrases that name this flag's trigger ("blood thinner" for a bleed): a page whose
    # own text says one must list the flag (link_checks.named_flag_problems), so a page
    # cannot name a warning sign and leave out its level (review round 22, B PS1).
    named_by: tuple[str, ...] = ()
    # The guideline asks for now, not later the same day (NICE: immediate referral):
    # the flag's level is shown with that level's 'now' wording (UrgencyLevel.for_flag).
    go_now: bool = False
    # Only at the emergency level: the signs in a few words for the start page's box,
    # one entry per route (a flag whose signs go different ways has several).
    call_now: tuple[CallNow, ...] | None = None
    # From guideline_trail.json, attached on load: the guideline's own words behind the level.
    trail: "GuidelineTrail | None" = None

    @property
    def references(self) -> tuple[str, ...]:
        return self.reason.references


@dataclass(frozen=True)
class TrailQuote:
    """One or two sentences of a guideline, copied exactly, with where and when they were read."""

    text: str
    reference: str  # a key of references.json
    url: str  # the page the words were read on
    read: str  # ISO date
    reproduced_by: str | None = None  # who published the copy read, when not the issuer's own site


@dataclass(frozen=True)
class GuidelineTrail:
    """The guideline words behind one red flag's urgency level.

    ``quotes`` is empty only while no exact sentence has been found; ``pending``
    then says plainly what is missing and what was searched.
    """

    key: str  # the red flag's key
    quotes: tuple[TrailQuote, ...]
    pending: str | None = None
    note: str | None = None  # where the quoted words and the flag's level do not simply agree
