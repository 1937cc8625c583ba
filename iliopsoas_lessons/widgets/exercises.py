"""Exercises with feedback: red-flag cases, the quiz and the pain map.

Feedback always says "Correct" or "Not yet" in words, then why; colour only
repeats it. Items come in a fixed order so stored outputs repeat.
"""
from __future__ import annotations

import html

import ipywidgets as w

import iliopsoas_lessons as il
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
    return (f'<div role="status" style="border-left:4px solid {_COLOURS[fb.correct]};padding-left:0.6em">'
            f"<p><strong>{mark} {fb.verdict}.</strong> {html.escape(fb.explanation)}"
            f"{refs_html(fb.references)}</p></div>")


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
        self.score.value = f"Score: {self.state.score_text}"


class RedFlagCases(_StepperExercise):
    """Short cases: the learner picks a level of the urgency scale and gets the reason."""

    noun = "case"

    def __init__(self, index: int = 0):
        self.state = RedFlagCasesState(index)
        nav = self._nav()
        self.story = w.HTML(layout=w.Layout(max_width="52em"))
        self.level_buttons = {}
        for level in self.state.levels:
            b = button(level.label, f"Answer: {level.label}. {level.action}")
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
    """Multiple-choice questions in a fixed order, one lesson's or all of them."""

    noun = "question"

    def __init__(self, lesson: str | None = None, *, index: int = 0):
        self.state = QuizState(lesson, index=index)
        nav = self._nav()
        self.prompt = w.HTML(layout=w.Layout(max_width="52em"))
        self.options = w.RadioButtons(options=[], value=None, layout=w.Layout(width="auto"),
                                      description="Answer:", tooltip="Choose one answer")
        self.check_button = button("Check answer", "Check the chosen answer", style="primary")
        self.check_button.on_click(lambda _: self._check())
        self.feedback = w.HTML(layout=w.Layout(max_width="52em"))
        self.box = w.VBox([nav, self.prompt, self.options, self.check_button, self.feedback, self.score])
        self.box.add_class("il-quiz")
        self._update()

    def choose(self, option: int) -> Feedback:
        """Select option ``option`` and check it (what a learner's two clicks do).

        An option that is not one of the question's (or a bool) raises
        ``ValueError`` naming the valid range; nothing changes."""
        feedback = self.state.choose(option)
        self._update()  # selects the chosen option and shows the feedback
        return feedback

    def _check(self) -> None:
        if self.options.index is None:
            self.feedback.value = feedback_html(None, "Choose one of the answers first.")
            return
        self.state.choose(self.options.index)
        self._update()

    def _update(self) -> None:
        q = self.state.question
        self._update_nav()
        self.prompt.value = f"<h4>Question {self.state.progress}</h4><p>{html.escape(q.prompt)}</p>"
        # new options for a new question; keep the learner's earlier answer selected
        if tuple(self.options.options) != q.options:
            self.options.options = list(q.options)
        self.options.index = self.state.chosen
        self.feedback.value = feedback_html(self.state.feedback, "Choose an answer, then press Check answer.")
