"""Export the quiz and the red-flag cases, whose view depends on the learner's history.

What these widgets show after an answer depends on the answers before it
(a first wrong try, a second try, the reveal, the first-try score), so they
are not a product of control values as in :mod:`.states`. Instead, each item
is explored here as a small *state machine*, by pressing the real widget's
own buttons: from the item's fresh state, every button is pressed, then every
button again from each new state, and so on. What decides everything the
widget shows then and later is the item's attempts
(``QuizState.attempts[key]``): the first answer (the score), the set of
answers tried (the marks, the reveal) and the latest one (the feedback). A
state is keyed by those three, so the exploration ends.

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

The page (``static/site-exercises.js``) keeps one state number per item and
only follows the table: it holds no rule of its own.
"""
from __future__ import annotations

import copy

import ipywidgets as w

__all__ = ["export", "MAX_STATES"]

MAX_STATES = 200  # per item; an item with more needs another kind of export

# widget class -> (its heading widget, its answer buttons)
_PARTS = {
    "Quiz": lambda widget: (widget.prompt, list(widget.option_buttons)),
    "RedFlagCases": lambda widget: (widget.story, list(widget.level_buttons.values())),
}


class _Recorder:
    """A progress store that saves nothing and keeps each ``record`` call's arguments."""

    def __init__(self):
        self.calls: list[list] = []

    def record(self, exercise, item, answer, correct):
        self.calls.append([exercise, item, answer, bool(correct)])

    def restore(self, exercise):
        return {}


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
        return (tries[0], frozenset(tries), tries[-1]) if tries else ()

    def replay(self, index: int, history: list[int]) -> None:
        """The item at ``index`` answered by pressing the buttons ``history``, from fresh."""
        self.state.attempts.clear()
        self.widget.go_to(index)
        for b in history:
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

    def item(self, index: int) -> dict:
        """The item's states, reached from fresh by pressing buttons (breadth first)."""
        self.replay(index, [])
        numbers = {self.key(): 0}
        paths, states, records = [[]], [], []
        while len(states) < len(paths):
            path = paths[len(states)]
            self.replay(index, path)
            state = self.view()
            moves = []
            for b in range(len(self.buttons)):
                if b in state[6]:
                    moves.append(None)
                    continue
                self.replay(index, path)
                self.recorder.calls.clear()
                self.buttons[b].click()
                target = numbers.setdefault(self.key(), len(paths))
                if target == len(paths):
                    paths.append(path + [b])
                    if len(paths) > MAX_STATES:
                        raise ValueError(f"{type(self.widget).__name__}: item {index} has more than "
                                         f"{MAX_STATES} states; export it another way")
                record = self.recorder.calls[-1] if self.recorder.calls else None
                if record is not None and record not in records:
                    records.append(record)
                moves.append([target, records.index(record) if record is not None else -1])
            states.append([*state, moves])
        self.replay(index, [])
        return {"progress": self.intern(self.widget.nav.progress.value), "records": records, "states": states}

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
    """"stack" when the widget lays its buttons out one per line (a VBox), else "row"."""
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
        "nav": {"previous": [nav.previous_button.description, nav.previous_button.tooltip],
                "next": [nav.next_button.description, nav.next_button.tooltip]},
        "start": saved[0],
        "strings": list(ex.strings),
        "items": items,
        "scores": scores,
    }
