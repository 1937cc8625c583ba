"""The examination and care records: groin-pain categories, examination
tests, the signs that tell a femoral nerve lesion from an L3/L4 root problem,
imaging and rehabilitation principles. Re-exported by :mod:`.models`."""

from __future__ import annotations

from dataclasses import dataclass

from .facts import Fact, _union_refs

__all__ = ["GroinEntity", "ExamTest", "NerveSign", "ImagingUse", "RehabPrinciple"]


@dataclass(frozen=True)
class GroinEntity:
    """One Doha-agreement category of groin pain and its clinical criteria."""

    key: str
    name: str
    criteria: Fact

    @property
    def references(self) -> tuple[str, ...]:
        return self.criteria.references


@dataclass(frozen=True)
class ExamTest:
    """An examination test: how it is done, what it shows, how far to trust it."""

    key: str
    name: str
    how: str
    finding: Fact
    accuracy: Fact
    contested: bool

    @property
    def references(self) -> tuple[str, ...]:
        return _union_refs([self.finding, self.accuracy])


@dataclass(frozen=True)
class NerveSign:
    """One finding that tells a femoral nerve lesion from an L3/L4 root problem:
    what the nerve lesion shows, and what the root problem shows."""

    key: str
    name: str
    nerve: Fact
    root: Fact
    # Red flags each column's presentation can be (review round 4, PS5): the
    # table shows each flag's level from the data, so prose never names one.
    nerve_flags: tuple[str, ...]
    root_flags: tuple[str, ...]

    @property
    def references(self) -> tuple[str, ...]:
        return _union_refs([self.nerve, self.root])


@dataclass(frozen=True)
class ImagingUse:
    """An imaging method: the questions it answers, and what it cannot do."""

    key: str
    name: str
    answers: Fact
    limits: Fact

    @property
    def references(self) -> tuple[str, ...]:
        return _union_refs([self.answers, self.limits])


@dataclass(frozen=True)
class RehabPrinciple:
    """A principle of rehabilitation, with how strong its evidence is."""

    key: str
    name: str
    principle: Fact
    evidence: Fact
    contested: bool

    @property
    def references(self) -> tuple[str, ...]:
        return _union_refs([self.principle, self.evidence])
