"""States of the steppers: symptoms and mechanisms (see
:mod:`iliopsoas_lessons.widgets.state`). The explorers (the maps compared,
anatomy, hip angle) keep no state object: their views are functions of their
controls, in their own modules (``compare.py``, ``anatomy.py``)."""

from __future__ import annotations

from iliopsoas_lessons.content.roles import is_contrast_pattern, symptom_marks
from iliopsoas_lessons.content import SYMPTOM_ORDER
from iliopsoas_lessons.content.models import Claim, Content, Mechanism, Symptom

from ._state_common import Stepper, course_or_package, _check_body, _check_side, contrast_note, side_label

__all__ = ["SymptomStepperState", "MechanismStepperState"]


class SymptomStepperState(Stepper):
    """Which of the five symptoms is shown, for which side and on which body.

    >>> s = SymptomStepperState(); s.next().progress
    '2 of 5'
    """

    keys = SYMPTOM_ORDER
    noun = "symptom"

    def __init__(self, index: int = 0, *, side: str = "left", body: str = "male", course: Content | None = None):
        super().__init__(len(self.keys), index=index)
        self.course = course_or_package(course)
        self.side = _check_side(side)
        self.body = _check_body(body)

    @property
    def key(self) -> str:
        return self.keys[self.index]

    @property
    def symptom(self) -> Symptom:
        return self.course.symptoms[self.key]

    def set_side(self, side: str) -> SymptomStepperState:
        self.side = _check_side(side)
        return self

    def set_body(self, body: str) -> SymptomStepperState:
        self.body = _check_body(body)
        return self

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions of the symptom's own pattern (source and referred)."""
        return self.symptom.regions_for(self.side)

    @property
    def marks(self) -> dict[str, str]:
        """{region id: role} the figure marks now (a contrast pattern comes
        with the pattern that tells it apart)."""
        return symptom_marks(self.symptom, self.side)

    @property
    def is_contrast(self) -> bool:
        return is_contrast_pattern(self.symptom)

    @property
    def caption(self) -> str:
        return contrast_note(self.symptom, self.course)

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(self.course.claims[k] for k in self.symptom.claims)


# ------------------------------------------------------------------ mechanisms


class MechanismStepperState(Stepper):
    """Steps through the injury mechanisms in the content's order, each drawn
    on one side: the side in question (the patient's right unless chosen).

    >>> MechanismStepperState().set_side("left").side
    'left'
    """

    noun = "mechanism"

    def __init__(self, index: int = 0, *, side: str = "right", course: Content | None = None):
        self.course = course_or_package(course)
        self.keys = tuple(self.course.mechanisms.keys())
        super().__init__(len(self.keys), index=index)
        self.side = _check_side(side)

    def set_side(self, side: str) -> MechanismStepperState:
        self.side = _check_side(side)
        return self

    @property
    def side_words(self) -> str:
        """``"the patient's right side"``."""
        return f"the {side_label(self.side)} side"

    @property
    def key(self) -> str:
        return self.keys[self.index]

    @property
    def mechanism(self) -> Mechanism:
        return self.course.mechanisms[self.key]
