"""Export the quiz and the red-flag cases, whose view depends on the learner's history.

What these widgets show after an answer depends on the answers before it
(a first wrong try, a second try, the reveal, the first-try score), so they
are not a product of control values as in :mod:`.states`. Instead, each item
is explored here as a small *state machine*, by pressing the real widget's
own buttons: from the item's fresh state, every button is pressed, then every
button again from each new state, and so on. What decides everything the
widget shows then and later is the item's attempts
(``QuizState.attempts[key]``): the first answer (the score), the set of
answers tried (the marks, the reveal) and the latest one (the feedback), and
whether the right answer is revealed (read from the state). A state is keyed
by those four, so the exploration ends.

Each state is a list: ``[heading, feedback, answered, right, labels, tips,
hidden, moves]``: what the widget shows (the heading's and the feedback's
HTML, each button's label and tooltip, as indices into ``strings``; the
buttons hidden), whether the item is answered and right at the first try (0
or 1), and for each button its move ``[next state, record]``: the state it
leads to and which of the item's ``records`` (the arguments the Python state
passed to ``ProgressStore.record`` on that press) it saves, or -1 when it
saved nothing. The score line is global: it is recorded for every
count of items answered and right at the first try. Texts are stored once
each in ``strings``.

A learner who comes back finds their saved answers, as a Python state built
again over their progress file takes them back (``_Answered._restore``: the
item's attempts are its record's answers, first to last). Which state a record
lands on is found here the same way, by driving the real state: for each
state and each button, the state's attempts plus that button's answer are put
in a store, the state restores them, and the state it then shows is the
restore move (``restores[state][button]``). A record ``[a1, a2, ...]`` lands
on ``restores[...restores[restores[0][b1]][b2]...]``, where ``answers[b]`` is the
answer button ``b`` saves. The state key also holds whether the right answer
is revealed, since a restored record may reveal it where presses would not
(the same wrong answer saved twice, from two tabs).

The page (``static/site-exercises.js``) keeps one state number per item and
only follows the table: it holds no rule of its own.
"""

from __future__ import annotations

import copy

import ipywidgets as w

from iliopsoas_lessons.progress import Attempt, ItemRecord

__all__ = ["export", "MAX_STATES"]

MAX_STATES = 200  # per item; an item with more needs another kind of export

# widget class -> (its heading widget, its answer buttons)
_PARTS = {
    "Quiz": lambda widget: (widget.prompt, list(widget.option_buttons)),
    "RedFlagCases": lambda widget: (widget.story, list(widget.level_buttons.values())),
}


class _Recorder:
    """A progress store that saves nothing and keeps each ``record`` call's
    arguments; ``restore`` hands back ``saved`` ({item: ItemRecord})."""

    def __init__(self):
        self.calls: list[list] = []
        self.saved: dict[str, ItemRecord] = {}

    def record(self, exercise, item, answer, correct):
        self.calls.append([exercise, item, answer, bool(correct)])

    def restore(self, exercise):
        return dict(self.saved)


class _Explorer:
    """Drives one widget, item by item, through its own buttons."""

    def __init__(self, widget):
        name = type(widget).__name__
        if name not in _PARTS:
            raise TypeError(f"no exercise export for a {name}; the exercises are: {', '.join(_PARTS)}")
        self.widget = widget
        self.state = widget.state
        self.heading, self.buttons = _PARTS[name](widget)
        self.recorder = _Recorder()
        self.strings: dict[str, int] = {}

    def intern(self, text: str) -> int:
        return self.strings.setdefault(text, len(self.strings))

    @property
    def attempts(self) -> list:
        return self.state.attempts.get(self.state.item.key, [])

    def key(self) -> tuple:
        tries = self.attempts
        return (tries[0], frozenset(tries), tries[-1], self.state.revealed) if tries else ()

    def replay(self, index: int, reach: tuple) -> None:
        """The item at ``index`` reached from fresh by ``reach`` = (restored, presses):
        the state takes back a saved record of the answers ``restored`` (as a
        state built again does), then the buttons ``presses`` are pressed."""
        restored, presses = reach
        self.state.attempts.clear()
        if restored:
            item = self.state.items[index].key
            first, *later = [Attempt(answer, self.correct[answer]) for answer in restored]
            self.recorder.saved = {item: ItemRecord(first, tuple(later))}
            self.state._restore()  # the state's own restore, as when it is built again
            self.recorder.saved = {}
        self.widget.go_to(index)
        for b in presses:
            self.buttons[b].click()

    def view(self) -> list:
        """What the widget shows of the current item now (a state without its moves)."""
        return [
            self.intern(self.heading.value),
            self.intern(self.widget.feedback.value),
            int(self.state.answered),
            self.state.score,  # only this item is answered: 1 if right at the first try
            [self.intern(b.description) for b in self.buttons],
            [self.intern(b.tooltip or "") for b in self.buttons],
            [b for b, button in enumerate(self.buttons) if button.layout.display == "none"],
        ]

    def answers(self, index: int) -> list:
        """The answer each button of the fresh item saves (None for a hidden button)."""
        answers = []
        for b in range(len(self.buttons)):
            self.replay(index, ((), ()))
            if self.buttons[b].layout.display == "none":
                answers.append(None)
                continue
            self.recorder.calls.clear()
            self.buttons[b].click()
            _, _, answer, correct = self.recorder.calls[-1]
            self.correct[answer] = correct
            answers.append(answer)
        return answers

    def item(self, index: int) -> dict:
        """The item's states, reached from fresh by pressing buttons and by
        restoring saved records (breadth first)."""
        self.correct: dict = {}
        answers = self.answers(index)
        self.replay(index, ((), ()))
        self.numbers = {self.key(): 0}
        self.reaches, states, restores, records = [((), ())], [], [], []
        while len(states) < len(self.reaches):
            reach = self.reaches[len(states)]
            self.replay(index, reach)
            state, tries = self.view(), list(self.attempts)
            moves = []
            for b in range(len(self.buttons)):
                if b in state[6]:
                    moves.append(None)
                    continue
                self.replay(index, reach)
                self.recorder.calls.clear()
                self.buttons[b].click()
                target = self.number(index, (reach[0], (*reach[1], b)))
                record = self.recorder.calls[-1] if self.recorder.calls else None
                if record is not None and record not in records:
                    records.append(record)
                moves.append([target, records.index(record) if record is not None else -1])
            states.append([*state, moves])
            restores.append([None if answer is None else self.restored(index, (*tries, answer)) for answer in answers])
        self.replay(index, ((), ()))
        return {
            "key": self.state.items[index].key,
            "progress": self.intern(self.widget.nav.progress.value),
            "records": records,
            "states": states,
            "answers": answers,
            "restores": restores,
        }

    def number(self, index: int, reach: tuple) -> int:
        """The number of the state the item is in now, reached by ``reach`` (a new one if unseen)."""
        target = self.numbers.setdefault(self.key(), len(self.reaches))
        if target == len(self.reaches):
            self.reaches.append(reach)
            if len(self.reaches) > MAX_STATES:
                raise ValueError(
                    f"{type(self.widget).__name__}: item {index} has more than "
                    f"{MAX_STATES} states; export it another way"
                )
        return target

    def restored(self, index: int, tries: tuple) -> int:
        """The state a state built again shows when the learner's record holds the answers ``tries``."""
        self.replay(index, (tries, ()))
        return self.number(index, (tries, ()))

    def scores(self) -> list[list[int]]:
        """``scores[answered][right]``: the score line when ``answered`` items are
        answered, the first ``right`` of them right at the first try."""
        table = []
        count = self.state.count
        for answered in range(count + 1):
            row = []
            for right in range(answered + 1):
                self.state.attempts.clear()
                for index in range(answered):
                    self.widget.go_to(index)
                    self.buttons[self._button_for(right=index < right)].click()
                row.append(self.intern(self.widget.score.value))
            table.append(row)
        self.state.attempts.clear()
        return table

    def _button_for(self, *, right: bool) -> int:
        """A button that answers the current item right (or wrong), found by trying each."""
        for b, button in enumerate(self.buttons):
            if button.layout.display == "none":
                continue
            saved = copy.deepcopy(self.state.attempts)
            before = self.state.score
            button.click()
            is_right = self.state.score > before
            self.state.attempts.clear()
            self.state.attempts.update(saved)
            if is_right == right:
                return b
        raise ValueError(f"item {self.state.index} has no {'right' if right else 'wrong'} answer")


def _choices_layout(widget, buttons) -> str:
    """ "stack" when the widget lays its buttons out one per line (a VBox), else "row"."""
    for child in widget.box.children:
        if isinstance(child, w.Box) and buttons[0] in child.children:
            return "stack" if isinstance(child, w.VBox) else "row"
    return "row"


def export(widget) -> dict:
    """Every item's states and the score lines (see the module doc); the widget
    is put back as it was, and nothing is saved to the learner's file."""
    ex = _Explorer(widget)
    state = widget.state
    saved = (state.index, copy.deepcopy(state.attempts), state.store)
    state.store = ex.recorder
    try:
        items = [ex.item(index) for index in range(state.count)]
        scores = ex.scores()
    finally:
        state.store = saved[2]
        state.attempts.clear()
        state.attempts.update(saved[1])
        widget.go_to(saved[0])
    nav = widget.nav
    return {
        "kind": "exercise",
        "classes": [c for c in widget.box._dom_classes if c],
        "choices": _choices_layout(widget, ex.buttons),
        "option_class": "il-quiz-option" if "il-quiz-option" in ex.buttons[0]._dom_classes else "",
        "nav": {
            "previous": [nav.previous_button.description, nav.previous_button.tooltip],
            "next": [nav.next_button.description, nav.next_button.tooltip],
        },
        "start": saved[0],
        "exercise": state.exercise,
        "strings": list(ex.strings),
        "items": items,
        "scores": scores,
    }
