"""The virtual-patient case player: the learner takes the history, examines,
orders tests and decides, and sees the feedback and the score.

The page is one anywidget module (``static/case_player.js`` and
``static/case_player.css``, no network, no build step), the same in
JupyterLab, in Voila and on the course website. It moves between states
itself with its own copy of the engine (checked against Python's on exported
paths), so no click waits for the kernel. After each choice it sends the
path; Python replays it with :mod:`iliopsoas_lessons.content.case_engine`,
refuses a path the case does not allow (the page goes back to the last valid
one), and records a finished case in the learner's progress (exercise
``"virtual_cases"``, answer: the path, correct: the outcome is a success).
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

import anywidget
import traitlets as t

from iliopsoas_lessons.content import case_engine as engine
from iliopsoas_lessons.content.cases import case_level, listed_level, shown_options
from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.progress import resolve_store

from ._base import STATIC_NOTE, LessonWidget
from ._state_common import course_or_package
from ._state_exercises import quiz_seed

__all__ = ["CasePlayer", "MoreCases", "CasePlayerWidget", "PAGE_TEXTS", "EXERCISE", "player_case", "short_citation"]

_STATIC = Path(__file__).with_name("static")
EXERCISE = "virtual_cases"

# Every sentence the page writes around the case's own texts, with {name}
# blanks; the page and the static snapshot fill the same templates.
PAGE_TEXTS = {
    "counters": "Time so far: {minutes} min. Cost so far: £{cost}.",
    "choices_label": "Your choices",
    "chosen_item": "You chose: {label}",
    "chosen_move": "You moved on: {label}",
    "chosen_option": "Your decision: {label}",
    "finding": "Finding: {finding}",
    "shows": "What this test can and cannot show: {shows}",
    "accuracy": "How far to trust {test}: {accuracy}",
    "minutes_used": "It took {minutes} min.",
    "cost_used": "It cost £{cost}.",
    "choice_cost": "{minutes} min, £{cost}",
    "option_advice": "Meanwhile: {advice}",
    "rule_message": "{message}",
    "log_title": "What you have found so far",
    "log_empty": "Nothing yet: choose one of the buttons above.",
    "ended_title": "The case has ended",
    "result_title": "Your result",
    "outcomes": {
        "success": "Success: a safe decision, with every essential question asked and no test wasted.",
        "partial": "Partly right: the decision is safe, but see what was missed or not needed below.",
        "unsafe": "Unsafe: this decision could harm the patient. Read why below, then start again.",
        "unfinished": "Not finished: no decision was made.",
    },
    "outcome_icons": {"success": "✔", "partial": "◑", "unsafe": "✖", "unfinished": "…"},
    "essential": "Essential questions and examinations: {asked} of {total} done.",
    "missing": "Missed, and unsafe to miss: {labels}.",
    "unnecessary": "Tests that added nothing ({count}): {labels}.",
    "no_unnecessary": "No unnecessary tests.",
    "verdicts": {
        "best": "Your decision ({label}) is the best one: the right level and the right place.",
        "acceptable": "Your decision ({label}) is acceptable: the right level, at another reasonable place.",
        # an acceptable option one level off the step's best is defensible, but not "the right level"
        "acceptable_other_level": "Your decision ({label}) is acceptable: a defensible level and place, "
        "though not the right level for this step.",
        "over": "Your decision ({label}) is safe but more urgent or more costly than this patient needs.",
        "unsafe": "Your decision ({label}) is unsafe: too slow, or the wrong place, for what this patient may have.",
    },
    "right_level": "The right level: {level}. Why: {why}",
    "used_total": "Time used: {minutes} min. Cost: £{cost}.",
    "points": "Points: {points} of 100.",
    "start_again": "Start again",
    "saved": "Your path and result are saved with your other answers.",
    "refused": "That choice is not possible here, so the case went back one step ({why}).",
}


class CasePlayerWidget(anywidget.AnyWidget):
    """The case player's page (front end in ``static/case_player.js``)."""

    _esm = _STATIC / "case_player.js"
    _css = _STATIC / "case_player.css"

    case = t.Dict().tag(sync=True)
    texts = t.Dict().tag(sync=True)
    # the keys chosen so far: the page sets them, Python replays and checks them
    path = t.List(t.Unicode()).tag(sync=True)
    # a finished path from the learner's saved progress, shown with "Start again"
    restored_path = t.List(t.Unicode()).tag(sync=True)
    # the finished path last recorded in the learner's progress (the page says it is saved)
    saved_path = t.List(t.Unicode()).tag(sync=True)


def _field(record, name, default=None):
    if isinstance(record, dict):
        return record.get(name, default)
    return getattr(record, name, default)


def _plain(value):
    """A record (a rule) as a JSON object without its empty fields."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return {k: v for k, v in dict(value or {}).items() if v is not None and v is not False}


def short_citation(reference) -> str:
    """The case player's short citation: the record's own (``Standring 2020``,
    ``NHS Lothian (undated; read 2026-12-06)``), one rule for every page."""
    return reference.short_citation


def _link(reference) -> str | None:
    if reference.url:
        return reference.url
    if reference.doi:
        return f"https://doi.org/{reference.doi}"
    return None


def _refs(keys, course: Content) -> list[dict]:
    out = []
    for key in keys or ():
        ref = course.references[key]
        out.append({"key": key, "citation": short_citation(ref), "url": _link(ref)})
    return out


def _exam_test(key: str, course: Content):
    for tests in (course.exam_tests, course.nerve_tests):
        if key in tests:
            return tests[key]
    valid = ", ".join([*course.exam_tests.keys(), *course.nerve_tests.keys()])
    raise LookupError(f"{key!r} is not an examination test; valid: {valid}")


def player_case(case, course: Content | None = None, seed: int | None = None) -> dict:
    """The case as the page needs it (JSON-able): its texts and keys, each
    examination test's accuracy beside the item, references as short
    citations with links, and the urgency levels' labels. Decision options
    come in the learner's shuffled order (``seed``, as the quiz's: see
    :func:`quiz_seed`); the page's engine goes by keys, not places."""
    course = course_or_package(course)
    seed = quiz_seed(seed)

    def entry(record, *fields):
        out = {"key": record.key, "feedback": record.feedback, "references": _refs(record.references, course)}
        for name in fields:
            value = _field(record, name)
            if value is not None:
                out[name] = value
        return out

    steps = []
    for step in case.steps:
        out = {"key": step.key, "kind": step.kind, "title": step.title}
        for name in ("prompt", "text"):
            if _field(step, name):
                out[name] = _field(step, name)
        items = []
        for item in _field(step, "items", ()) or ():
            one = entry(item, "label", "finding", "shows", "test", "minutes", "cost")
            one["essential"] = bool(_field(item, "essential", False))
            one["unnecessary"] = bool(_field(item, "unnecessary", False))
            one.setdefault("minutes", 0)
            one.setdefault("cost", 0)
            if _field(item, "test"):
                test = _exam_test(item.test, course)
                one["test_name"] = test.name
                one["accuracy"] = test.accuracy.text
            items.append(one)
        moves = [entry(m, "label", "goto") for m in _field(step, "moves", ()) or ()]
        options = []
        for option in shown_options(case, step, seed):
            one = entry(option, "urgency", "destination", "advice", "verdict")
            # listed before the choice: the label follows the destination, never the verdict
            one["urgency_label"] = listed_level(case, option.urgency, course, option).label
            one["label"] = f"{one['urgency_label']}: {option.destination}"
            options.append(one)
        if step.kind in ("history", "examination", "investigations"):
            out["items"] = items
        if step.kind == "decision":
            out["options"] = options
            out["right"] = step_right_level(case, step, course)
        else:
            out["moves"] = moves
        steps.append(out)
    answer = case.answer
    return {
        "key": case.key,
        "title": case.title,
        "presenting": case.presenting,
        "start": case.start,
        "answer": {
            "urgency": _field(answer, "urgency"),
            "label": case_level(case, _field(answer, "urgency"), course).label,
            "why": _field(answer, "why"),
        },
        "steps": steps,
        "rules": [_plain(r) for r in case.rules],
        "references": _refs(case.references, course),
    }


def step_right_level(case, step, course: Content) -> dict:
    """The right level at one decision step: its best option's level, not the
    case's first-presentation answer, since an event (sepsis, a late review)
    can change it. The case's answer explains its own level; any other level
    is explained by the best option's feedback."""
    answer = case.answer
    best = next((o for o in _field(step, "options", ()) or () if o.verdict == "best"), None)
    urgency = best.urgency if best else _field(answer, "urgency")
    why = _field(answer, "why") if urgency == _field(answer, "urgency") or best is None else best.feedback
    return {"urgency": urgency, "label": case_level(case, urgency, course).label, "why": why}


def score_json(score) -> dict:
    """A :class:`CaseScore` as the page's ``score()`` returns it."""
    out = {f.name: getattr(score, f.name) for f in dataclasses.fields(score)}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}


class CasePlayer(LessonWidget):
    """Play one virtual-patient case of the course: ``CasePlayer("dancer_snapping_hip")``.

    ``choose(key)`` and ``start_again()`` do in Python what the learner's
    buttons do on the page; :attr:`state` and :attr:`score` are the engine's.
    """

    def __init__(self, case_key: str, *, course: Content | None = None, progress=None, seed: int | None = None):
        self.course = course_or_package(course)
        self.case = self.course.case(case_key)  # a ContentError names the valid keys
        self.store = resolve_store(progress)
        self.path: tuple[str, ...] = ()
        self.state = engine.start(self.case)
        self.error = ""
        self._show(CasePlayerWidget(case=player_case(self.case, self.course, seed), texts=PAGE_TEXTS), "il-case-player")
        self.restored_path = self._restore()
        self.widget.restored_path = list(self.restored_path)
        self.widget.saved_path = list(self.restored_path)
        self._syncing = False
        self.widget.observe(self._on_path, names="path")

    def _restore(self) -> tuple[str, ...]:
        """The latest finished path saved for this case, if the case still allows it."""
        saved = self.store.restore(EXERCISE).get(self.case.key)
        if saved is None:
            return ()
        latest = (saved.later[-1] if saved.later else saved.first).answer
        try:
            if engine.replay(self.case, list(latest)).ended:
                return tuple(latest)
        except (engine.CaseError, TypeError):
            pass  # the case has changed since: start afresh
        return ()

    # -- what the learner does, from Python ---------------------------------
    def choose(self, key: str) -> CasePlayer:
        """Choose ``key`` now (raises ``CaseError`` naming the valid choices)."""
        engine.choose(self.case, self.state, key)
        return self._take([*self.path, key])

    def start_again(self) -> CasePlayer:
        self.restored_path = ()
        self.widget.restored_path = []
        return self._take([])

    @property
    def score(self):
        """The engine's score of the path so far."""
        return engine.score(self.case, list(self.path))

    # -- what the page sends ----------------------------------------------------
    def _on_path(self, change) -> None:
        if not self._syncing:
            self._take(list(change["new"]))

    def _take(self, path: list) -> CasePlayer:
        path = list(path)
        try:
            state = engine.replay(self.case, path)
        except engine.CaseError as e:
            self.error = PAGE_TEXTS["refused"].format(why=e)
            self._send_path()  # the page goes back to the last valid path
            return self
        before = self.path
        self.path, self.state, self.error = tuple(path), state, ""
        if state.ended and self.path != before:
            if self.restored_path:
                self.restored_path = ()
                self.widget.restored_path = []
            outcome = self.score.outcome
            self.store.record(EXERCISE, self.case.key, list(self.path), outcome == "success")
            self.widget.saved_path = list(self.path)
        self._send_path()
        return self

    def _send_path(self) -> None:
        self._syncing = True
        try:
            self.widget.path = list(self.path)
        finally:
            self._syncing = False

    # -- for readers without a kernel ------------------------------------------
    def snapshot_html(self) -> str:
        """The presenting story, every step and its choices (each decision
        option with what to do meanwhile, as on the page's button), and the
        answers folded away in ``<details>``."""
        self._check_open()
        c = self.widget.case
        esc = html.escape
        parts = [f'<div class="il-lesson-widget il-case-snapshot"><h3>{esc(c["title"])}</h3>']
        parts.append(f"<p>{esc(c['presenting'])}</p>")
        for step in c["steps"]:
            parts.append(f"<h4>{esc(step['title'])}</h4>")
            for name in ("text", "prompt"):
                if step.get(name):
                    parts.append(f"<p>{esc(step[name])}</p>")
            rows = []
            for item in step.get("items", ()):
                marks = " (essential)" if item["essential"] else " (adds nothing)" if item["unnecessary"] else ""
                extra = f"<br>{esc(item['accuracy'])}" if item.get("accuracy") else ""
                rows.append(
                    f"<li>{esc(item['label'])}<details><summary>What it shows{marks}</summary>"
                    f"<p>{esc(item['finding'])}{extra}</p><p>{esc(item['feedback'])}</p></details></li>"
                )
            for move in step.get("moves", ()):
                rows.append(f"<li>→ {esc(move['label'])}</li>")
            for option in step.get("options", ()):
                # what to do meanwhile is on the page's button, so it is shown here too, not folded
                advice = PAGE_TEXTS["option_advice"].format(advice=option["advice"]) if option.get("advice") else ""
                advice = f"<p>{esc(advice)}</p>" if advice else ""
                rows.append(
                    f"<li>{esc(option['label'])}{advice}<details><summary>Verdict</summary>"
                    f"<p>{esc(option['verdict'])}: {esc(option['feedback'])}</p></details></li>"
                )
            if step.get("right") and step["right"]["urgency"] != c["answer"]["urgency"]:
                right = PAGE_TEXTS["right_level"].format(level=step["right"]["label"], why=step["right"]["why"])
                rows.append(
                    f"<li><details><summary>The right level at this step</summary><p>{esc(right)}</p></details></li>"
                )
            if rows:
                parts.append(f"<ul>{''.join(rows)}</ul>")
        answer = PAGE_TEXTS["right_level"].format(level=c["answer"]["label"], why=c["answer"]["why"])
        parts.append(f"<details><summary>The answer</summary><p>{esc(answer)}</p></details>")
        parts.append(f"<p><em>{STATIC_NOTE}</em></p></div>")
        return "".join(parts)


MORE_CASES_NONE = "Every case of the course is above."
MORE_CASES_INTRO = "More cases, added to the course after this lesson was written:"


class MoreCases(LessonWidget):
    """A player for every case of the course not named in ``shown`` (the
    cases a lesson has sections for), so that a new case file appears in the
    lesson with no change to it: ``MoreCases(["dancer_snapping_hip", ...])``."""

    def __init__(self, shown=(), *, course: Content | None = None, progress=None):
        self.course = course_or_package(course)
        for key in shown:
            self.course.case(key)  # a ContentError names the valid keys
        self.players = [
            CasePlayer(c.key, course=self.course, progress=progress) for c in self.course.cases if c.key not in shown
        ]

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        # one bundle holds one view: IPython shows the players by _ipython_display_;
        # a caller asking for one bundle gets what a reader without a kernel sees
        self._check_open()
        return {"text/html": self.snapshot_html(), "text/plain": self.plain_text()}

    def _ipython_display_(self) -> None:
        """The sentence, then each case player as its own output (its own view and snapshot)."""
        from IPython.display import display

        self._check_open()
        if not self.players:
            display(self._repr_mimebundle_(), raw=True)
            return
        display({"text/html": f"<p>{html.escape(MORE_CASES_INTRO)}</p>", "text/plain": MORE_CASES_INTRO}, raw=True)
        display(*self.players)

    def snapshot_html(self) -> str:
        self._check_open()
        if not self.players:
            return f'<div class="il-lesson-widget"><p>{html.escape(MORE_CASES_NONE)}</p></div>'
        inner = "".join(p.snapshot_html() for p in self.players)
        return f'<div class="il-lesson-widget"><p>{html.escape(MORE_CASES_INTRO)}</p>{inner}</div>'

    def close(self) -> None:
        for player in self.players:
            player.close()
        super().close()
