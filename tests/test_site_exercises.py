"""The quiz and the red-flag cases as the course website stores them
(iliopsoas_lessons/sitewidgets/exercises.py): JSON, every question and
option present, and what the stored table shows after a sequence of presses
equals what the Python widget shows after the same presses, and what the
table shows on load for a saved record equals what the Python widget shows
when built again over a ProgressStore holding that record.

``PageModel`` does what static/site-exercises.js does (follow the stored
moves, pick the stored texts), so a difference between the table and the
widget fails here; tests/browser/test_site_exercises_in_browser.py checks the page
itself against the widget."""

from __future__ import annotations

import html
import itertools
import json
import os
import random

import pytest

from iliopsoas_lessons import sitewidgets
from iliopsoas_lessons.progress import ProgressStore, default_store
from iliopsoas_lessons.sitewidgets import exercises
from iliopsoas_lessons.widgets import Quiz, RedFlagCases, SymptomStepper

LESSONS = ["00_start_here", "01_anatomy", "02_injury_mechanisms", "03_symptoms", "04_red_flags", "05_review"]


class PageModel:
    """The page's script, in Python: one reached state per item, the stored moves and texts."""

    def __init__(self, data):
        self.data = data
        self.index = data["start"]
        self.reached = [0] * len(data["items"])
        self.records: list[list] = []

    def text(self, i):
        return self.data["strings"][i]

    def press(self, b):
        item = self.data["items"][self.index]
        target, record = item["states"][self.reached[self.index]][7][b]
        self.reached[self.index] = target
        if record >= 0:
            self.records.append(item["records"][record])

    def restore(self, saved: dict) -> None:
        """Take back a saved record ({item: {first, later}}), as the script does on load."""
        for index, item in enumerate(self.data["items"]):
            self.reached[index] = 0
            if item["key"] not in saved:
                continue
            record = saved[item["key"]]
            for attempt in [record["first"], *record["later"]]:
                if attempt["answer"] not in item["answers"]:
                    self.reached[index] = 0
                    break
                b = item["answers"].index(attempt["answer"])
                self.reached[index] = item["restores"][self.reached[index]][b]

    def step(self, delta):
        self.index = min(max(self.index + delta, 0), len(self.data["items"]) - 1)

    def shown(self) -> dict:
        item = self.data["items"][self.index]
        heading, feedback, _, _, labels, tips, hidden, _ = item["states"][self.reached[self.index]]
        states = [it["states"][r] for it, r in zip(self.data["items"], self.reached)]
        answered, right = sum(s[2] for s in states), sum(s[3] for s in states)
        return {
            "progress": self.text(item["progress"]),
            "heading": self.text(heading),
            "labels": [self.text(i) for b, i in enumerate(labels) if b not in hidden],
            "tips": [self.text(i) for b, i in enumerate(tips) if b not in hidden],
            "feedback": self.text(feedback),
            "score": self.text(self.data["scores"][answered][right]),
        }


class Recorder:
    def __init__(self):
        self.calls = []

    def record(self, exercise, item, answer, correct):
        self.calls.append([exercise, item, answer, bool(correct)])

    def restore(self, exercise):
        return {}


def buttons_of(widget):
    return list(widget.option_buttons) if isinstance(widget, Quiz) else list(widget.level_buttons.values())


def shown_by(widget) -> dict:
    """What the Python widget shows now."""
    heading = widget.prompt if isinstance(widget, Quiz) else widget.story
    visible = [b for b in buttons_of(widget) if b.layout.display != "none"]
    return {
        "progress": widget.nav.progress.value,
        "heading": heading.value,
        "labels": [b.description for b in visible],
        "tips": [b.tooltip for b in visible],
        "feedback": widget.feedback.value,
        "score": widget.score.value,
    }


def make(name):
    return RedFlagCases() if name == "cases" else Quiz(name)


@pytest.fixture(scope="module")
def exported():
    """Each exercise's widget export, made once (as scripts/build_site.py makes it)."""
    return {name: json.loads(json.dumps(exercises.export(make(name)))) for name in [*LESSONS, "cases"]}


@pytest.mark.parametrize("name", [*LESSONS, "cases"])
def test_the_export_is_json_and_holds_every_item_and_option(exported, name):
    data = exported[name]
    assert data["kind"] == "exercise"
    widget = make(name)
    strings = data["strings"]
    for index, it in enumerate(widget.state.items):
        fresh = data["items"][index]["states"][0]
        heading = strings[fresh[0]]
        assert html.escape(it.prompt if name != "cases" else it.story) in heading
        labels = [strings[i] for i in fresh[4]]
        if name == "cases":
            assert labels == [level.label for level in widget.state.levels]
        else:
            order = widget.state.orders[it.key]  # the order the stored notebook shows
            assert labels == [f"{'ABCD'[p]}. {it.options[i].text}" for p, i in enumerate(order)]


@pytest.mark.parametrize("name", [*LESSONS, "cases"])
def test_every_first_and_second_press_shows_what_the_widget_shows(exported, name):
    data = exported[name]
    widget = make(name)
    width = len(buttons_of(widget))
    for index in range(widget.state.count):
        for first in range(width):
            for second in [None, *range(width)]:
                presses = [first] if second is None else [first, second]
                widget.state.reset()
                widget.go_to(index)
                model = PageModel(data)
                model.index = index
                for b in presses:
                    buttons_of(widget)[b].click()
                    model.press(b)
                assert model.shown() == shown_by(widget), (index, presses)


@pytest.mark.parametrize("name", ["05_review", "04_red_flags", "cases"])
def test_a_long_random_session_matches_the_widget_and_saves_the_same_answers(exported, name):
    data = exported[name]
    widget = make(name)
    widget.state.store = recorder = Recorder()
    model = PageModel(data)
    assert model.shown() == shown_by(widget)
    rng = random.Random(12)
    for turn in range(400):
        move = rng.choice(["press", "press", "press", "next", "previous"])
        if move == "press":
            b = rng.randrange(len(buttons_of(widget)))
            buttons_of(widget)[b].click()
            model.press(b)
        else:
            button = widget.nav.next_button if move == "next" else widget.nav.previous_button
            if not button.disabled:
                button.click()
            model.step(1 if move == "next" else -1)
        assert model.shown() == shown_by(widget), (turn, move)
    assert model.records == recorder.calls
    assert len(recorder.calls) > 20


def test_the_export_leaves_the_widget_as_it_was_and_saves_nothing():
    quiz = Quiz("01_anatomy")
    quiz.go_to(1)
    quiz.option_buttons[0].click()
    before = (shown_by(quiz), {k: list(v) for k, v in quiz.state.attempts.items()})
    saved = default_store().restore("quiz")
    exercises.export(quiz)
    assert (shown_by(quiz), quiz.state.attempts) == before
    assert default_store().restore("quiz") == saved
    data = exercises.export(quiz)
    assert data["start"] == 1
    assert data["items"][1]["states"][0][2] == 0  # the page starts fresh: nothing answered


def test_site_html_embeds_the_exercise_and_other_widgets_are_refused():
    markup = sitewidgets.site_html(RedFlagCases(), element_id="il-04-7")
    assert 'data-kind="exercise"' in markup and 'id="il-04-7"' in markup
    assert "site-exercises.js" in sitewidgets.SCRIPTS
    assert sitewidgets.SCRIPTS.index("site-exercises.js") > sitewidgets.SCRIPTS.index("site-widgets.js")
    with pytest.raises(TypeError, match="the exercises are: Quiz, RedFlagCases"):
        exercises.export(SymptomStepper())


def is_right(widget, index, answer) -> bool:
    it = widget.state.items[index]
    return answer == (it.urgency if isinstance(widget, RedFlagCases) else it.answer)


def built_again(name, folder, records, monkeypatch) -> tuple:
    """A widget built over a ProgressStore in ``folder`` holding ``records`` ([exercise,
    item, answer, correct] each, in order), and the record as saved in that file."""
    store = ProgressStore(folder, clock=None)
    with monkeypatch.context() as mp:
        # The file is written by the real store, record by record, but without
        # its flushes to disk (two fsyncs a record, about 24,000 in this module:
        # most of its time was spent waiting on the disk). What a crash leaves is
        # tested in test_progress_faults.py; here only what the file holds matters.
        mp.setattr(os, "fsync", lambda fd: None)
        for record in records:
            store.record(*record)
    monkeypatch.setenv("ILIOPSOAS_LESSONS_DATA", str(folder))  # the learner's store
    widget = make(name)
    saved = json.loads(store.path.read_text())["exercises"] if records else {}
    return widget, saved.get(widget.state.exercise, {})


def assert_restored_alike(data, name, widget, saved):
    """Item by item, the page model loaded over ``saved`` shows what ``widget`` shows."""
    model = PageModel(data)
    model.restore(json.loads(json.dumps(saved)))
    assert model.shown() == shown_by(widget)
    for index in range(widget.state.count):
        widget.go_to(index)
        model.index = index
        assert model.shown() == shown_by(widget), (name, index, saved.get(widget.state.keys[index]))


# Every combination of up to three answers for every item: the slowest unit test
# (about a minute of CPU), so it runs in `make test`, not `make test-fast`.
@pytest.mark.slow
@pytest.mark.parametrize("name", [*LESSONS, "cases"])
def test_every_saved_record_of_up_to_three_answers_restores_what_the_widget_restores(
    exported, name, tmp_path, monkeypatch
):
    data = exported[name]
    width = len(data["items"][0]["answers"])
    histories = [h for n in (1, 2, 3) for h in itertools.product(range(width), repeat=n)]
    rng = random.Random(5)
    histories += [tuple(rng.randrange(width) for _ in range(rng.randint(4, 7))) for _ in range(12)]
    probe = make(name)
    for round_number, _ in enumerate(histories):
        records = []
        for index, item in enumerate(data["items"]):
            # each item its own history; every fifth item left unanswered
            if (round_number + index) % 5 == 4:
                continue
            for b in histories[(round_number + 3 * index) % len(histories)]:
                answer = item["answers"][b]
                if answer is not None:
                    records.append([data["exercise"], item["key"], answer, is_right(probe, index, answer)])
        widget, saved = built_again(name, tmp_path / f"round-{round_number}", records, monkeypatch)
        assert_restored_alike(data, name, widget, saved)


@pytest.mark.parametrize("name", ["05_review", "cases"])
def test_a_session_on_the_page_comes_back_as_the_widget_built_again_shows_it(exported, name, tmp_path, monkeypatch):
    data = exported[name]
    model = PageModel(data)
    rng = random.Random(8)
    for _ in range(120):
        move = rng.choice(["press", "press", "next", "previous"])
        if move == "press":
            model.press(rng.randrange(len(data["items"][model.index]["answers"])))
        else:
            model.step(1 if move == "next" else -1)
    shown = []
    for index in range(len(data["items"])):
        model.index = index
        shown.append(model.shown())
    widget, saved = built_again(name, tmp_path, model.records, monkeypatch)
    assert_restored_alike(data, name, widget, saved)
    # and after the reload each item shows what it showed when the learner left it
    reloaded = PageModel(data)
    reloaded.restore(saved)
    for index in range(len(data["items"])):
        reloaded.index = index
        assert reloaded.shown() == shown[index]


def test_records_no_press_on_the_page_makes_restore_as_in_python(exported, tmp_path, monkeypatch):
    data = exported["cases"]
    first, second = data["items"][0], data["items"][1]
    wrong = next(a for a in first["answers"] if a != RedFlagCases().state.items[0].urgency)
    records = [
        # the same wrong answer saved twice (two tabs open): Python reveals the answer, and so does the page
        ["red_flag_cases", first["key"], wrong, False],
        ["red_flag_cases", first["key"], wrong, False],
        # a level no button gives (a file from another version): Python leaves the case fresh
        ["red_flag_cases", second["key"], wrong, False],
        ["red_flag_cases", second["key"], "tomorrow", False],
    ]
    widget, saved = built_again("cases", tmp_path, records, monkeypatch)
    assert widget.state.revealed and widget.state.keys[1] not in widget.state.attempts
    assert_restored_alike(data, "cases", widget, saved)
