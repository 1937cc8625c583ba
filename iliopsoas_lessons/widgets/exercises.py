"""Exercises with feedback: the red-flag practice cases and the quiz (the pain
map has its own module, re-exported here).

Both are one anywidget module (``static/exercises.js`` and
``static/exercises.css``, no network, no build step), the same in
JupyterLab, in Voila and on the course website: a prompt, options, and the
feedback with its sources. Python builds every text, including each option's
feedback before and after the reveal, and shuffles the quiz options per
learner (:func:`~iliopsoas_lessons.widgets.state.quiz_seed`); the page
answers at once from that data and sends the learner's answers back, which
the Python state (:class:`QuizState`, :class:`RedFlagCasesState`) checks and
saves in the learner's progress as it always has. A state built again (a new
kernel) takes the saved answers back, and so does the page.

Feedback always says "Correct" or "Not yet" in words, then why; colour only
repeats it. A first wrong answer gets a second try before the answer is shown,
and the score counts first tries.
"""

from __future__ import annotations

import html
from pathlib import Path

import anywidget
import traitlets as t

from iliopsoas_lessons.content.text import case_level, flag_steps_text

from ._base import STATIC_NOTE, LessonWidget, html_to_text, refs_html

# the pain map has its own module; re-exported here, where it used to live
from .painmap import PainMapExercise
from .state import Feedback, QuizState, RedFlagCasesState

__all__ = ["RedFlagCases", "Quiz", "PainMapExercise", "ExercisesWidget", "feedback_html", "page_texts"]

_STATIC = Path(__file__).with_name("static")
LETTERS = "ABCDEFGH"

# The page's own sentences, as templates the page and the snapshot fill alike.
_COMMON = {
    "previous": "Previous",
    "next": "Next",
    "score": "First try: {score} of {count} correct ({answered} answered)",
    "verdicts": {"right": "Correct", "wrong": "Not yet"},
    "marks": {"right": "✓", "wrong": "✗"},
    "references": "[{keys}]",
}
PROMPTS = {"quiz": "Choose an answer: press one of the options.", "cases": "How urgent is it? Choose a level."}
NOUNS = {"quiz": "question", "cases": "case"}


def page_texts(kind: str) -> dict:
    """The page's sentences for ``kind`` ("quiz" or "cases")."""
    if kind not in NOUNS:
        raise ValueError(f"unknown exercise kind {kind!r}; choose one of: {', '.join(NOUNS)}")
    noun = NOUNS[kind]
    return {
        **_COMMON,
        "previous_tip": f"Go to the previous {noun}",
        "next_tip": f"Go to the next {noun}",
        "counter": f"{noun.capitalize()} {{k}} of {{n}}",
        "heading": f"{noun.capitalize()} {{k}} of {{n}}",
        "prompt": PROMPTS[kind],
    }


def feedback_html(fb: Feedback | None, prompt: str = "") -> str:
    """Feedback as static HTML (the verdict in words and a mark, then why and the sources)."""
    if fb is None:
        return f"<p><em>{html.escape(prompt)}</em></p>" if prompt else ""
    mark = _COMMON["marks"]["right" if fb.correct else "wrong"]
    return (
        f'<div role="status"><p><strong>{mark} {fb.verdict}.</strong> {html.escape(fb.explanation)}'
        f"{refs_html(fb.references)}</p></div>"
    )


class ExercisesWidget(anywidget.AnyWidget):
    """The quiz's or the cases' page (front end in ``static/exercises.js``)."""

    _esm = _STATIC / "exercises.js"
    _css = _STATIC / "exercises.css"

    kind = t.Unicode("quiz").tag(sync=True)
    texts = t.Dict().tag(sync=True)
    tries = t.Int(2).tag(sync=True)
    items = t.List().tag(sync=True)
    # the page sets these two; Python checks them, saves new answers and mirrors its state
    index = t.Int(0).tag(sync=True)
    attempts = t.Dict().tag(sync=True)


def _fb(feedback: Feedback) -> dict:
    return {
        "correct": feedback.correct,
        "explanation": feedback.explanation,
        "references": list(feedback.references),
    }


class _Exercise(LessonWidget):
    """The shared part: the state, the page, and the answers between them."""

    kind = ""

    def __init__(self, state):
        self.state = state
        self._show(
            ExercisesWidget(
                kind=self.kind,
                texts=page_texts(self.kind),
                tries=state.tries,
                items=[self._item(i) for i in range(state.count)],
                index=state.index,
                attempts=self._attempts(),
            ),
            f"il-{self.kind}-widget",
        )
        self._syncing = False
        self.widget.observe(self._on_index, names="index")
        self.widget.observe(self._on_attempts, names="attempts")

    # -- the data the page answers from ------------------------------------------
    def _options(self, index: int) -> list[tuple[object, str, str]]:  # pragma: no cover - overridden
        """(answer, label, tooltip) of each option of item ``index``, in shown order."""
        raise NotImplementedError

    def _item(self, index: int) -> dict:
        s = self.state
        item = s.items[index]
        options = []
        for answer, label, tip in self._options(index):
            options.append(
                {
                    "answer": answer,
                    "label": label,
                    "tip": tip,
                    "correct": s._is_correct(item, answer),
                    "feedback": {
                        "try": _fb(s.feedback_for(item, answer, revealed=False)),
                        "final": _fb(s.feedback_for(item, answer, revealed=True)),
                    },
                }
            )
        return {"key": item.key, "prompt": self._prompt(item), "options": options}

    def _prompt(self, item) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _attempts(self) -> dict:
        return {k: list(v) for k, v in self.state.attempts.items()}

    # -- what the learner does, from Python ----------------------------------------
    def go_to(self, index_or_key: int | str) -> None:
        """Show the item at a position (0-based) or with a key; bad input raises
        an error naming the valid choices, and nothing changes."""
        self.state.go_to(index_or_key)
        self._send()

    def _answer(self, answer) -> Feedback:
        feedback = self._give(answer)
        self._send()
        return feedback

    def _give(self, answer) -> Feedback:  # pragma: no cover - overridden
        raise NotImplementedError

    # -- what the page sends -----------------------------------------------------
    def _on_index(self, change) -> None:
        if self._syncing:
            return
        try:
            self.state.go_to(change["new"])
        except ValueError:
            pass  # not an item: the page is put back below
        self._send()

    def _on_attempts(self, change) -> None:
        """Save each new answer the page sends, through the state (which checks
        it); a change that is not the old answers plus new ones is refused, and
        the page is put back to the state's answers."""
        if self._syncing:
            return
        start = self.state.index
        sent = change["new"] if isinstance(change["new"], dict) else {}
        try:
            for position, key in enumerate(self.state.keys):
                old, new = self.state.attempts.get(key, []), sent.get(key, [])
                if not isinstance(new, list) or new[: len(old)] != old:
                    continue  # answers are never taken back: keep the state's
                if len(new) > len(old):
                    self.state.index = position
                    for answer in new[len(old) :]:
                        self._give(answer)
        except ValueError:
            pass  # not one of the item's answers: the rest is refused
        finally:
            self.state.index = start
        self._send()

    def _send(self) -> None:
        self._syncing = True
        try:
            with self.widget.hold_sync():
                self.widget.index = self.state.index
                self.widget.attempts = self._attempts()
        finally:
            self._syncing = False

    # -- for readers without a kernel -----------------------------------------------
    def _answer_html(self, index: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _items_html(self, *, answers: bool) -> str:
        texts = self.widget.texts
        parts = []
        for index, item in enumerate(self.widget.items):
            heading = html.escape(texts["heading"].format(k=index + 1, n=len(self.widget.items)))
            options = "".join(f"<li>{html.escape(o['label'])}</li>" for o in item["options"])
            answer = ""
            if answers:
                answer = f'<details class="il-answer"><summary>Answer</summary>{self._answer_html(index)}</details>'
            parts.append(
                f'<section class="il-step"><h4>{heading}</h4><p>{html.escape(item["prompt"])}</p>'
                f"<ul>{options}</ul>{answer}</section>"
            )
        return "".join(parts)

    def snapshot_html(self) -> str:
        """Every item with its options; each answer only in a collapsed ``<details>``."""
        self._check_open()
        return (
            f'<div class="il-lesson-widget il-all-steps il-{self.kind}">{self._items_html(answers=True)}'
            f"<p><em>{STATIC_NOTE}</em></p></div>"
        )

    def plain_text(self) -> str:
        # plain text has no <details>: the items without their answers
        return html_to_text(self._items_html(answers=False))


class RedFlagCases(_Exercise):
    """Short cases: the learner picks a level of the urgency scale and gets the
    reason. ``answer("same_day")`` does what pressing that level does."""

    kind = "cases"

    def __init__(self, index: int = 0, *, progress=None):
        super().__init__(RedFlagCasesState(index, progress=progress))

    def _prompt(self, item) -> str:
        return item.story

    def _options(self, index: int) -> list[tuple[object, str, str]]:
        # the tooltip names the level only: the level's advice comes with the feedback, and
        # repeating it on every button of every case made lesson 04's page too heavy
        return [(lv.key, lv.label, f"Answer: {lv.label}") for lv in self.state.levels]

    def answer(self, level: str) -> Feedback:
        """Answer the current case with an urgency level's key (a ValueError names them)."""
        return self._answer(level)

    def _give(self, answer) -> Feedback:
        return self.state.answer(answer)

    def _answer_html(self, index: int) -> str:
        s = self.state
        c = s.items[index]
        level = case_level(c, s.course)
        flag = ""
        if c.red_flag:
            rf = s.course.red_flags[c.red_flag]
            flag = f" Red flag: {html.escape(rf.title.lower())}. {html.escape(flag_steps_text(rf, s.course))}"
        return (
            f"<p><strong>{html.escape(level.label)}.</strong> {html.escape(level.patient_advice)}{flag}</p>"
            f"<p>{html.escape(c.reason)}{refs_html(c.references)}</p>"
        )


class Quiz(_Exercise):
    """Multiple-choice questions, one lesson's or all of them: ``Quiz("03_symptoms")``.

    Each option is a full-width button of its own (class ``il-quiz-option``),
    stacked one per line, in the learner's own shuffled order (``seed``, see
    :func:`~iliopsoas_lessons.widgets.state.quiz_seed`). A first wrong answer
    shows that option's feedback and offers a second try; the right answer is
    marked only after a right or a second answer. The score counts first tries.
    """

    kind = "quiz"

    def __init__(self, lesson: str | None = None, *, index: int = 0, seed: int | None = None, progress=None):
        super().__init__(QuizState(lesson, index=index, seed=seed, progress=progress))

    def _prompt(self, item) -> str:
        return item.prompt

    def _options(self, index: int) -> list[tuple[object, str, str]]:
        s = self.state
        q = s.items[index]
        order = s.orders[q.key]
        return [
            (i, f"{LETTERS[p]}. {q.options[i].text}", f"Answer {LETTERS[p]}: {q.options[i].text}")
            for p, i in enumerate(order)
        ]

    def choose(self, option: int) -> Feedback:
        """Answer with option ``option``, its index as stored in the question
        (``state.question.options[option]``), wherever it is shown: what a
        learner's press on that option does.

        An option that is not one of the question's (or a bool) raises
        ``ValueError`` naming the valid range; nothing changes."""
        return self._answer(option)

    def _give(self, answer) -> Feedback:
        return self.state.choose(answer)

    def _answer_html(self, index: int) -> str:
        """The right option and why, then what each option shown says when chosen."""
        s = self.state
        q = s.items[index]
        each = "".join(
            f"<li>{html.escape(q.options[i].text)}: {html.escape(q.options[i].feedback)}</li>" for i in s.orders[q.key]
        )
        return (
            f"<p><strong>{html.escape(q.correct_option)}</strong></p>"
            f"<p>{html.escape(q.explanation)}{refs_html(q.references)}</p><ul>{each}</ul>"
        )
