"""The quiz and the red-flag cases on the course website, without a browser.

The page mounts the anywidget's own module (widgets/static/exercises.js) on
the site's anywidget host, with the Python widget's trait values
(iliopsoas_lessons/sitewidgets/exercises.py), and a small adapter
(sitewidgets/static/site-exercises.js) does the kernel's part: it takes back
the answers saved in the browser and records each new answer.

Here the three scripts run in Node exactly as the site serves them
(``site_file_bytes``), on a stand-in for ``window.ilSiteProgress``: the
records the adapter makes for a random session must be those the Python
widget makes for the same presses, and what it takes back from a saved file
must be what the Python widget built again over that file takes back.
tests/browser/test_site_exercises_in_browser.py checks the page itself.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest

from iliopsoas_lessons import sitewidgets
from iliopsoas_lessons.progress import ProgressStore, default_store
from iliopsoas_lessons.sitewidgets import exercises
from iliopsoas_lessons.widgets import Quiz, RedFlagCases

LESSONS = ["00_start_here", "01_anatomy", "02_injury_mechanisms", "03_symptoms", "04_red_flags", "05_review"]

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")

# Runs the site's scripts in a VM with a stand-in window; reads
# {values, data, saved, presses} on stdin, prints {restored, records, attempts}.
HARNESS = r"""
const vm = require("node:vm");
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const records = [];
const window = {
  ilSiteWidgets: { register() {} },
  ilSiteProgress: {
    restore: (exercise) => (input.saved[exercise] || {}),
    record: (...args) => { records.push(args); return true; },
  },
};
window.window = window;
vm.createContext(window);
for (const source of input.scripts) vm.runInContext(source, window);
const rules = window.ilAnywidgetModules["exercises.js"];
const model = window.ilAnywidgetHost.createModel(input.values, input.data);
const restored = model.get("attempts");
for (const [index, position] of input.presses) {
  // what render()'s option button does (exercises.js), on the host's model
  const item = model.get("items")[index], attempts = model.get("attempts");
  const before = attempts[item.key] || [];
  const after = rules.answer(item, before, item.options[position].answer, model.get("tries"));
  if (after === before) continue;
  model.set("attempts", { ...attempts, [item.key]: after });
  model.save_changes();
}
console.log(JSON.stringify({ restored, records, attempts: model.get("attempts") }));
"""


class Recorder:
    def __init__(self):
        self.calls: list[list] = []

    def record(self, exercise, item, answer, correct):
        self.calls.append([exercise, item, answer, bool(correct)])

    def restore(self, exercise):
        return {}


def make(name, progress=False):
    return RedFlagCases(progress=progress) if name == "cases" else Quiz(name, progress=progress)


def run_site(data: dict, saved: dict, presses: list) -> dict:
    scripts = [
        sitewidgets.site_file_bytes(n).decode() for n in ("anywidget-host.js", "exercises.js", "site-exercises.js")
    ]
    payload = {"scripts": scripts, "values": data["values"], "data": data, "saved": saved, "presses": presses}
    run = subprocess.run(["node", "-e", HARNESS], input=json.dumps(payload), capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout)


@pytest.mark.parametrize("name", [*LESSONS, "cases"])
def test_the_export_is_json_and_holds_the_widget_s_own_values(name):
    widget = make(name)
    data = json.loads(json.dumps(exercises.export(widget)))
    assert (data["kind"], data["module"], data["adapter"]) == ("anywidget", "exercises.js", "exercises")
    assert data["exercise"] == widget.state.exercise
    m = widget.widget
    assert data["values"] == {
        "kind": m.kind,
        "texts": m.texts,
        "tries": m.tries,
        "items": m.items,
        "index": m.index,
        "attempts": {},
    }
    assert [it["key"] for it in data["values"]["items"]] == list(widget.state.keys)
    if name != "cases":  # the options in the order Python shuffled them for the build's seed
        for item in data["values"]["items"]:
            assert [o["answer"] for o in item["options"]] == list(widget.state.orders[item["key"]])
    widget.close()


def test_the_export_leaves_the_widget_as_it_was_and_saves_nothing():
    quiz = Quiz("01_anatomy")
    quiz.go_to(1)
    quiz.choose(0)
    before = (quiz.widget.index, dict(quiz.widget.attempts), {k: list(v) for k, v in quiz.state.attempts.items()})
    saved = default_store().restore("quiz")
    data = exercises.export(quiz)
    assert (quiz.widget.index, dict(quiz.widget.attempts), quiz.state.attempts) == before
    assert default_store().restore("quiz") == saved
    assert data["values"]["attempts"] == {}  # the page starts from the browser's own record
    quiz.close()


def test_site_html_embeds_the_exercise_as_an_anywidget_with_its_adapter():
    markup = sitewidgets.site_html(RedFlagCases(progress=False), element_id="il-04-7")
    assert 'data-kind="anywidget"' in markup and 'id="il-04-7"' in markup
    assert '"module":"exercises.js"' in markup and '"adapter":"exercises"' in markup
    order = sitewidgets.SCRIPTS
    for before in ("site-widgets.js", "site-progress.js", "anywidget-host.js", "exercises.js"):
        assert order.index(before) < order.index("site-exercises.js"), before
    assert "exercises.js" in sitewidgets.CLASSIC_SCRIPTS and "exercises.css" in sitewidgets.STYLESHEETS
    assert "site-exercises.css" not in sitewidgets.STYLESHEETS  # the separate player is gone


@needs_node
@pytest.mark.parametrize("name", ["05_review", "03_symptoms", "cases"])
def test_a_random_session_records_what_the_python_widget_records(name, tmp_path):
    rng = random.Random(f"site:{name}")
    widget = make(name)
    widget.state.store = recorder = Recorder()
    data = exercises.export(widget)
    items = data["values"]["items"]
    presses = []
    for _ in range(150):
        index = rng.randrange(len(items))
        presses.append([index, rng.randrange(len(items[index]["options"]))])
    page = run_site(data, {}, presses)
    for index, position in presses:  # the same presses, as the page sends them to Python
        widget.go_to(index)
        item = items[index]
        answer = item["options"][position]["answer"]
        tried = widget.widget.attempts.get(item["key"], [])
        if answer in tried and not widget.state.revealed:
            continue
        widget.widget.attempts = {**widget.widget.attempts, item["key"]: [*tried, answer]}
    assert page["records"] == recorder.calls and len(recorder.calls) > 20
    assert page["attempts"] == widget.widget.attempts
    # the browser's record comes back as the Python widget built again over the same file takes it back
    store = ProgressStore(tmp_path, clock=None)
    for call in page["records"]:
        store.record(*call)
    saved = json.loads(store.path.read_text(encoding="utf-8"))["exercises"]
    again = run_site(data, saved, [])
    assert again["restored"] == make(name, progress=store).widget.attempts == page["attempts"]
    widget.close()


@needs_node
def test_records_no_press_makes_are_taken_back_as_in_python(tmp_path):
    widget = make("cases")
    data = exercises.export(widget)
    first, second = widget.state.items[0], widget.state.items[1]
    wrong = next(lv.key for lv in widget.state.levels if lv.key != first.urgency)
    records = [
        # the same wrong answer saved twice (two tabs open): Python reveals the answer, and so does the page
        ["red_flag_cases", first.key, wrong, False],
        ["red_flag_cases", first.key, wrong, False],
        # a level no button gives (a file from another version): Python leaves the case fresh
        ["red_flag_cases", second.key, wrong, False],
        ["red_flag_cases", second.key, "tomorrow", False],
    ]
    store = ProgressStore(tmp_path, clock=None)
    for record in records:
        store.record(*record)
    saved = json.loads(store.path.read_text(encoding="utf-8"))["exercises"]
    python = make("cases", progress=store)
    assert python.state.revealed and second.key not in python.state.attempts
    assert run_site(data, saved, [])["restored"] == python.widget.attempts == {first.key: [wrong, wrong]}
    widget.close()
