"""Exercises with feedback: red-flag cases, the quiz and the pain map.

Feedback always says "Correct" or "Not yet" in words, then why; colour only
repeats it. A first wrong answer gets a second try before the answer is shown,
and the score counts first tries. Items come in a fixed order; quiz options
are shuffled per learner, from a seed the notebook scripts fix so stored
outputs repeat.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ._base import LessonWidget, button, refs_html
from ._nav import StepperNav, Stepping

# the pain map has its own module; re-exported here, where it used to live
from .painmap import PainMapExercise
from .state import Feedback, QuizState, RedFlagCasesState

__all__ = ["RedFlagCases", "Quiz", "PainMapExercise", "feedback_html"]

_COLOURS = {True: "#009E73", False: "#D55E00"}  # Okabe-Ito green / vermillion


def feedback_html(fb: Feedback | None, prompt: str = "") -> str:
    if fb is None:
        return f"<p><em>{html.escape(prompt)}</em></p>" if prompt else ""
    mark = "✓" if fb.correct else "✗"
    return (
        f'<div role="status" style="border-left:4px solid {_COLOURS[fb.correct]};padding-left:0.6em">'
        f"<p><strong>{mark} {fb.verdict}.</strong> {html.escape(fb.explanation)}"
        f"{refs_html(fb.references)}</p></div>"
    )


class _StepperExercise(Stepping, LessonWidget):
    """Previous/next, progress and score shared by the cases and the quiz."""

    noun = "item"

    def _nav(self) -> w.HBox:
        self.nav = StepperNav(self.state, self.noun, self._update, label="noun")
        self.previous_button, self.next_button = self.nav.previous_button, self.nav.next_button
        self.progress = self.nav.progress
        self.score = w.Label()
        return self.nav.box

    def _update_nav(self) -> None:
        self.nav.update()
        self.score.value = self.state.score_text


class RedFlagCases(_StepperExercise):
    """Short cases: the learner picks a level of the urgency scale and gets the reason."""

    noun = "case"

    def __init__(self, index: int = 0):
        self.state = RedFlagCasesState(index)
        nav = self._nav()
        self.story = w.HTML(layout=w.Layout(max_width="52em"))
        self.level_buttons = {}
        for level in self.state.levels:
            b = button(level.label, f"Answer: {level.label}. {level.patient_advice}")
            b.on_click(lambda _, key=level.key: self._answer(key))
            self.level_buttons[level.key] = b
        self.feedback = w.HTML(layout=w.Layout(max_width="52em"))
        choices = w.HBox(list(self.level_buttons.values()), layout=w.Layout(flex_flow="row wrap"))
        self.box = w.VBox([nav, self.story, choices, self.feedback, self.score])
        self.box.add_class("il-red-flag-cases")
        self._update()

    def _answer(self, level: str) -> None:
        self.state.answer(level)
        self._update()

    def _update(self) -> None:
        c = self.state.case
        self._update_nav()
        self.story.value = f"<h4>Case {self.state.progress}</h4><p>{html.escape(c.story)}</p>"
        self.feedback.value = feedback_html(self.state.feedback, "How urgent is it? Choose a level.")


class Quiz(_StepperExercise):
    """Multiple-choice questions, one lesson's or all of them.

    Each option is a full-width button of its own (class ``il-quiz-option``),
    stacked one per line, so a long option wraps instead of overlapping the
    next and Tab reaches every one; pressing it answers. The options come in
    the learner's own shuffled order (``seed``, see
    :func:`~iliopsoas_lessons.widgets.state.quiz_seed`). A first wrong answer
    shows that option's feedback and offers a second try; the right answer is
    marked only after a right or a second answer. The score counts first tries.
    """

    noun = "question"
    LETTERS = "ABCDEFGH"

    def __init__(self, lesson: str | None = None, *, index: int = 0, seed: int | None = None):
        self.state = QuizState(lesson, index=index, seed=seed)
        nav = self._nav()
        self.prompt = w.HTML(layout=w.Layout(max_width="52em"))
        width = max(len(q.options) for q in self.state.items)
        self.option_buttons = [self._option_button(position) for position in range(width)]
        self.options = w.VBox(self.option_buttons, layout=w.Layout(width="100%", max_width="52em"))
        self.options.add_class("il-quiz-options")
        self.feedback = w.HTML(layout=w.Layout(max_width="52em"))
        self.box = w.VBox([nav, self.prompt, self.options, self.feedback, self.score])
        self.box.add_class("il-quiz")
        self._update()

    def _option_button(self, position: int) -> w.Button:
        b = w.Button(layout=w.Layout(width="100%", height="auto"))
        b.add_class("il-quiz-option")
        b.on_click(lambda _: self._choose_shown(position))
        return b

    def choose(self, option: int) -> Feedback:
        """Answer with option ``option``, its index as stored in the question
        (``state.question.options[option]``), wherever it is shown: what a
        learner's click on that option does.

        An option that is not one of the question's (or a bool) raises
        ``ValueError`` naming the valid range; nothing changes."""
        feedback = self.state.choose(option)
        self._update()
        return feedback

    def _choose_shown(self, position: int) -> None:
        self.state.choose(self.state.order[position])
        self._update()

    def _update(self) -> None:
        s = self.state
        q = s.question
        self._update_nav()
        self.prompt.value = f"<h4>Question {s.progress}</h4><p>{html.escape(q.prompt)}</p>"
        tried = set(s.tried)
        for position, b in enumerate(self.option_buttons):
            if position >= len(s.order):
                b.layout.display = "none"
                continue
            b.layout.display = None
            i = s.order[position]
            text = q.options[i].text
            # marks in words-and-symbols, not colour: tried wrong answers, and the answer once revealed
            mark = "✓ " if s.revealed and i == q.answer else ("✗ " if i in tried and i != q.answer else "")
            b.description = f"{mark}{self.LETTERS[position]}. {text}"
            b.tooltip = f"Answer {self.LETTERS[position]}: {text}"
        self.feedback.value = feedback_html(s.feedback, "Choose an answer: press one of the options.")
