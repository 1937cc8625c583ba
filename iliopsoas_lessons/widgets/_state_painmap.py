"""State of the pain-map exercise: the regions the learner has marked on the
body map, scored against a symptom's pattern (see
:mod:`iliopsoas_lessons.widgets.state`).

Plain Python, no browser.  The clickable map (``static/painmap.js``) moves
between these states itself, from :meth:`PainMapState.page_data`; its rules
are checked against :meth:`PainMapState.view` (``node --test tests/js/``, on
the fixtures ``tests/test_painmap.py`` writes).  Python keeps them for the
static snapshot, for the progress store and for those fixtures.  What the map paints on each region
is :attr:`PainMapState.map_marks` (``{region: status}``), in one of three
modes: ``select`` (the learner's marks), ``checked`` (found / missed /
extra, after *Check*) and ``reference`` (the answer's source and referred
areas).  :data:`MARK_STYLES` says how each status is drawn (colour, hatch
and outline, never colour alone) and what its legend says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.lessons import PainMapExercise
from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.content.roles import OKABE_ITO, ROLE_STYLES
from iliopsoas_lessons.progress import resolve_store

from ._state_common import Feedback, _check_body, course_or_package

__all__ = ["PainMapState", "PainMapResult", "MARK_STYLES", "MODES", "TEXTS", "PAGE_TEXTS", "plain_region_name"]

MODES = ("select", "checked", "reference")

# How the map draws each status: Okabe-Ito fill, a matplotlib hatch string
# in the colour ``ink`` (its tile is drawn by figures/svg.py hatch_pattern, as
# every figure's: the widget sends it to painmap.js), the tile's opacity
# (the body drawn under it shows a little), an outline colour, dash pattern
# and width.  painmap.js holds none of these: an unmarked area keeps what
# matplotlib wrote from figures/bodymap_svg.py CHOICE_STYLE.  Every status differs from the others of its mode
# in all three, so none depends on colour alone.
MARK_STYLES = {
    "selected": {
        "fill": OKABE_ITO["blue"],
        "hatch": "///",
        "ink": "#FFFFFF",
        "stroke": "#000000",
        "dash": "",
        "opacity": 0.9,
        "width": 2.0,
        "label": "your mark",
        "heading": "Your marks",
        "words": "marked",
    },
    "found": {
        "fill": OKABE_ITO["bluish_green"],
        "hatch": "xxx",
        "ink": "#000000",
        "stroke": "#000000",
        "dash": "",
        "opacity": 0.9,
        "width": 2.2,
        "label": "found: you marked it, and it is part of the pattern",
        "heading": "Found",
        "words": "found: marked, and part of the pattern",
    },
    "missed": {
        "fill": OKABE_ITO["orange"],
        "hatch": "...",
        "ink": "#000000",
        "stroke": "#000000",
        "dash": "5 2.5",
        "opacity": 0.9,
        "width": 2.0,
        "label": "missed: part of the pattern, not marked",
        "heading": "Missed",
        "words": "missed: part of the pattern, not marked",
    },
    "extra": {
        "fill": OKABE_ITO["reddish_purple"],
        "hatch": "---",
        "ink": "#000000",
        "stroke": "#000000",
        "dash": "1.5 2",
        "opacity": 0.9,
        "width": 2.2,
        "label": "extra: marked, but not part of the pattern",
        "heading": "Extra, not part of the pattern",
        "words": "extra: marked, but not part of the pattern",
    },
}
# the reference pattern is drawn as in every other body map of the course (the role table)
_DASH = {"-": "", "--": "5 2.5", ":": "1.5 2", "-.": "6 2 1.5 2"}
for _role in ("source", "referred"):
    _s = ROLE_STYLES[_role]
    MARK_STYLES[_role] = {
        "fill": _s["facecolor"],
        "hatch": _s["hatch"],
        "ink": "#000000",
        "stroke": _s["edgecolor"],
        "dash": _DASH[_s["linestyle"]],
        "opacity": 0.9,
        "width": 2.0 * _s["linewidth"],
        "label": _s["label"].replace("\n", " "),
        "heading": f"Reference pattern, {_s['alt'].lower()}",
        "words": _s["alt"].lower(),
    }
# Every sentence the map writes, as templates with {named} blanks: filled
# here, and by painmap.js with the same templates (page_data carries them).
TEXTS = {
    "score": "{found} of {total} areas found",
    "score_extra": ", {extra} marked that are not part of the pattern",
    "score_end": "{score}.",
    "missed": "Missed: {names}.",
    "extra": "Not part of the pattern: {names}.",
    "article": "The source article named {names}, but the trigger-point sources do not include them.",
    "exact": "You marked exactly the reference pattern.",
    "names_joiner": "; ",
    "map_head": "Body map ({body} body), front and back view.",
    "map_empty": "{head} Nothing is marked yet.",
    "map_group": "{heading}: {names}.",
    "region_verdict": "{name} ({words})",
}
# The sentences beside the Check button that are not the check's own.
PAGE_TEXTS = {
    "reference_shown": "The map shows the reference pattern. Press the button again to see your marks.",
    "references": " [{keys}]",
    "references_joiner": ", ",
    "count": "{count} area{plural} marked. Press Check when you are done.",
}
LEGENDS = {"select": ("selected",), "checked": ("found", "missed", "extra"), "reference": ("source", "referred")}

# Dermatome and nerve codes in a region's name ("(S1)", "(femoral nerve,
# L2-L4)") would give the exercise's answer away; the map's names leave them out.
_CODES = re.compile(r"\s*\((?=[^()]*(?:\b[LST]\d|\bnerve\b))[^()]*\)")


def plain_region_name(key: str, course: Content | None = None) -> str:
    """A region's everyday name and side, without nerve-root or dermatome
    codes: ``"heel, outer foot and little toe, patient's left"`` (the region
    of ``course``, default: the package's)."""
    region = course_or_package(course).regions[key]
    name = _CODES.sub("", region.name).strip()
    return name if region.side == "midline" else f"{name}, patient's {region.side}"


@dataclass(frozen=True)
class PainMapResult:
    hits: tuple[str, ...]
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    article_extras: tuple[str, ...]
    # whose region labels the feedback names (the course the exercise was scored in)
    course: Content | None = field(default=None, compare=False, repr=False)

    @property
    def correct(self) -> bool:
        return not self.missed and not self.extra

    @property
    def score_text(self) -> str:
        total = len(self.hits) + len(self.missed)
        text = TEXTS["score"].format(found=len(self.hits), total=total)
        if self.extra:
            text += TEXTS["score_extra"].format(extra=len(self.extra))
        return text

    def _names(self, keys) -> str:
        regions = course_or_package(self.course).regions
        return TEXTS["names_joiner"].join(regions[k].label for k in keys)

    @property
    def feedback(self) -> Feedback:
        parts = [TEXTS["score_end"].format(score=self.score_text)]
        if self.missed:
            parts.append(TEXTS["missed"].format(names=self._names(self.missed)))
        if self.extra:
            parts.append(TEXTS["extra"].format(names=self._names(self.extra)))
        if self.article_extras:
            parts.append(TEXTS["article"].format(names=self._names(self.article_extras)))
        if self.correct:
            parts.append(TEXTS["exact"])
        return Feedback(self.correct, " ".join(parts))


class PainMapState:
    """Regions the learner has marked, scored against a symptom's pattern.

    >>> p = PainMapState(); p.toggle("groin_left").check().hits
    ('groin_left',)
    """

    def __init__(
        self,
        exercise: str = "back_pain_referral",
        *,
        marked=(),
        body: str = "male",
        progress=None,
        course: Content | None = None,
    ):
        self.course = course_or_package(course)
        self.exercise: PainMapExercise = ld.pain_map_exercise(exercise)
        self.choices = self.exercise.choices
        # the pattern of the course this state reads (the exercise's own answer is the package's)
        self.answer = self.course.symptoms[self.exercise.symptom].regions_for(self.exercise.side)
        self.body = _check_body(body)
        self.marked: tuple[str, ...] = ()
        self.checked = False
        self.showing_reference = False
        self.error = ""  # what was wrong with the last input from the page ('' if nothing)
        self.set_marked(marked)
        self.store = resolve_store(progress)
        saved = self.store.restore("pain_map").get(self.exercise.key)
        if saved and not self.marked and set(saved.latest.answer) <= set(self.choices):
            self._store(saved.latest.answer)  # the marks last checked, in a new kernel too
            self.checked = True

    def _check_region(self, key: str) -> str:
        if not isinstance(key, str) or key not in self.choices:
            raise LookupError(f"region {key!r} is not offered; choose from: {', '.join(self.choices)}")
        return key

    def _store(self, keys) -> None:
        chosen = set(keys)
        self.marked = tuple(k for k in self.choices if k in chosen)  # display order, no duplicates
        self.checked = False
        self.showing_reference = False
        self.error = ""

    def set_marked(self, keys) -> PainMapState:
        """Mark exactly these regions (a collection of region keys)."""
        if isinstance(keys, str):
            raise ValueError(
                f"marked must be a collection of region keys, not the single string {keys!r}; "
                f"choose from: {', '.join(self.choices)}"
            )
        try:
            keys = tuple(keys)
        except TypeError:
            raise ValueError(
                f"marked must be a collection of region keys, not {keys!r}; choose from: {', '.join(self.choices)}"
            ) from None
        for k in keys:
            self._check_region(k)
        self._store(keys)
        return self

    def select_from_page(self, keys) -> str:
        """Take the marks the page sends: the offered keys are kept, anything
        else is ignored and named in :attr:`error` (also returned); never raises.
        The same selection again changes nothing (a check stays checked)."""
        if isinstance(keys, (str, bytes)) or not isinstance(keys, (list, tuple)):
            self.error = f"The page sent {keys!r:.60} instead of a list of areas; your marks were not changed."
            return self.error
        good = [k for k in keys if isinstance(k, str) and k in self.choices]
        bad = [k for k in keys if not (isinstance(k, str) and k in self.choices)]
        if set(good) != set(self.marked):
            self._store(good)
        self.error = ""
        if bad:
            self.error = (
                f"Ignored {', '.join(repr(k)[:40] for k in bad)}: not an area of this map; "
                f"the areas are: {', '.join(self.choices)}."
            )
        return self.error

    def toggle(self, key: str) -> PainMapState:
        self._check_region(key)
        self._store(set(self.marked) ^ {key})
        return self

    def mark(self, key: str, on: bool = True) -> PainMapState:
        self._check_region(key)
        if not isinstance(on, bool):
            raise ValueError(f"on must be True (mark) or False (unmark), not {on!r}")
        self._store(set(self.marked) | {key} if on else set(self.marked) - {key})
        return self

    def clear(self) -> PainMapState:
        self._store(())
        return self

    def check(self) -> PainMapResult:
        self.checked = True
        self.showing_reference = False
        self.error = ""
        self.store.record("pain_map", self.exercise.key, self.marked, self.result.correct)
        return self.result

    def show_reference(self, on: bool = True) -> PainMapState:
        """Switch the map to the reference pattern (``on``) or back."""
        if not isinstance(on, bool):
            raise ValueError(f"on must be True (show the reference) or False (your marks), not {on!r}")
        self.showing_reference = on
        self.error = ""
        return self

    def set_body(self, body: str) -> PainMapState:
        self.body = _check_body(body)
        self.error = ""
        return self

    # -- what the map shows -------------------------------------------------
    @property
    def mode(self) -> str:
        """'reference', 'checked' or 'select' (see :data:`MODES`)."""
        return "reference" if self.showing_reference else ("checked" if self.checked else "select")

    @property
    def map_marks(self) -> dict[str, str]:
        """{region: status} the map paints now (statuses of :data:`MARK_STYLES`)."""
        if self.mode == "reference":
            return dict(self.answer_marks)
        if self.mode == "checked":
            r = self.result
            return {**{k: "found" for k in r.hits}, **{k: "missed" for k in r.missed}, **{k: "extra" for k in r.extra}}
        return {k: "selected" for k in self.marked}

    @property
    def legend(self) -> tuple[str, ...]:
        return LEGENDS[self.mode]

    @property
    def region_labels(self) -> dict[str, str]:
        """{region: accessible name}: plain names, and after Check the verdict."""
        marks = self.map_marks if self.mode != "select" else {}
        return {
            k: TEXTS["region_verdict"].format(
                name=plain_region_name(k, self.course), words=MARK_STYLES[marks[k]]["words"]
            )
            if k in marks
            else plain_region_name(k, self.course)
            for k in self.choices
        }

    @property
    def description(self) -> str:
        """The map's alt text: what is marked now, in words."""
        marks = self.map_marks
        head = TEXTS["map_head"].format(body=self.body)
        if not marks:
            return TEXTS["map_empty"].format(head=head)
        groups = [(s, [plain_region_name(k, self.course) for k, v in marks.items() if v == s]) for s in self.legend]
        return " ".join(
            [head]
            + [
                TEXTS["map_group"].format(heading=MARK_STYLES[s]["heading"], names=TEXTS["names_joiner"].join(names))
                for s, names in groups
                if names
            ]
        )

    @property
    def feedback(self) -> Feedback | None:
        return self.result.feedback if self.checked else None

    @property
    def feedback_text(self) -> tuple[str, str]:
        """(kind, text) of the feedback beside the Check button."""
        if self.error:
            return "error", self.error
        if self.mode == "reference":
            return "prompt", PAGE_TEXTS["reference_shown"]
        fb = self.feedback
        if fb is not None:
            keys = PAGE_TEXTS["references_joiner"].join(self.exercise.references)
            refs = PAGE_TEXTS["references"].format(keys=keys) if self.exercise.references else ""
            return ("correct" if fb.correct else "not_yet"), fb.text + refs
        count = len(self.marked)
        return "prompt", PAGE_TEXTS["count"].format(count=count, plural="" if count == 1 else "s")

    def view(self) -> dict:
        """What the page shows now, as painmap.js's ``view()`` returns it (JSON-able):
        the state table its node test and the browser tests compare with."""
        kind, text = self.feedback_text
        r = self.result
        return {
            "mode": self.mode,
            "selected": list(self.marked),
            "marks": self.map_marks,
            "labels": self.region_labels,
            "legend": list(self.legend),
            "description": self.description,
            "feedback": text,
            "feedback_kind": kind,
            "result": {"found": list(r.hits), "missed": list(r.missed), "extra": list(r.extra)} if self.checked else {},
            "correct": r.correct,
        }

    def page_data(self) -> dict:
        """Everything painmap.js needs to be the map by itself (JSON-able, no
        figure): the areas and their words, the answer, the styles and legends,
        the sentence templates. The SVG maps are the widget's (figures layer)."""
        sym = self.course.symptoms[self.exercise.symptom]
        return {
            "exercise": self.exercise.key,
            "choices": list(self.choices),
            "answer": list(self.answer),
            # in the order the reference mode paints and describes them: source first
            "answer_marks": [[key, role] for key, role in self.answer_marks.items()],
            "article": list(sym.article_regions_for(self.exercise.side)),
            "references": list(self.exercise.references),
            "names": {k: plain_region_name(k, self.course) for k in self.choices},  # the map's words
            "labels": {k: self.course.regions[k].label for k in self.choices},  # the feedback's words
            "legends": {mode: list(statuses) for mode, statuses in LEGENDS.items()},
            "styles": MARK_STYLES,
            "texts": {
                **TEXTS,
                **PAGE_TEXTS,
                "correct": Feedback(True, "{explanation}").text,
                "not_yet": Feedback(False, "{explanation}").text,
            },
        }

    @property
    def marks(self) -> dict[str, str]:
        """{region id: role} of the learner's marks (each shown as referred pain)."""
        return {k: "referred" for k in self.marked}

    @property
    def answer_marks(self) -> dict[str, str]:
        """{region id: role} of the reference pattern: its source and referred areas."""
        sym = self.course.symptoms[self.exercise.symptom]
        side = self.exercise.side
        return {
            **{k: "source" for k in sym.regions_for(side, "source")},
            **{k: "referred" for k in sym.regions_for(side, "referred")},
        }

    @property
    def result(self) -> PainMapResult:
        marked, answer = set(self.marked), set(self.answer)
        article = set(self.course.symptoms[self.exercise.symptom].article_regions_for(self.exercise.side))
        extra = tuple(k for k in self.choices if k in marked - answer)
        return PainMapResult(
            hits=tuple(k for k in self.answer if k in marked),
            missed=tuple(k for k in self.answer if k not in marked),
            extra=extra,
            article_extras=tuple(k for k in extra if k in article),
            course=self.course,
        )
