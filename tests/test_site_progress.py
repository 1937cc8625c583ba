"""The learner's progress on the course website takes everything from Python:
the results format's constants, limits and messages (sitewidgets.progress.settings,
read by results.js's store through static/site-progress.js) and the "My results"
texts (its export: the same anywidget module as in JupyterLab, with the browser's
words drawn from the Python state). The page itself is tested in
tests/browser/test_site_progress_in_browser.py."""

from __future__ import annotations

import json

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons import progress as pg
from iliopsoas_lessons import sitewidgets
from iliopsoas_lessons.sitewidgets import progress as sp
from iliopsoas_lessons.widgets import MyResults
from iliopsoas_lessons.widgets._state_progress import DOWNLOAD_NAME, N, PLACES, PSEUDONYM, LearnerControlsState


def test_the_exported_constants_are_progress_py_s():
    s = sp.settings()
    assert (s["format"], s["schema_version"], s["package_version"]) == (pg.FORMAT, pg.SCHEMA_VERSION, il.__version__)
    assert s["exercises"] == list(pg.EXERCISES) and s["fields"] == list(pg.FIELDS)
    limits = {
        "max_bytes": pg.MAX_BYTES,
        "max_depth": pg.MAX_DEPTH,
        "max_attempts": pg.MAX_ATTEMPTS,
        "max_pseudonym": pg.MAX_PSEUDONYM,
        "max_options": pg.MAX_OPTIONS,
        "max_regions": pg.MAX_REGIONS,
    }
    assert {k: s[k] for k in limits} == limits
    assert (s["key_pattern"], s["id_pattern"]) == (pg._KEY.pattern, pg._ID.pattern)
    why, where = "not valid JSON", pg.KEPT_AS.format(name="x.corrupt-1")
    assert s["messages"]["set_aside"].format(why=why, where=where) == pg.SET_ASIDE_MESSAGE.format(
        place=sp.PLACE_NAME, why=why, where=where
    )
    assert s["messages"]["not_saved"].format(why="full") == pg.NOT_SAVED_MESSAGE.format(place=sp.PLACE_NAME, why="full")
    assert s["messages"]["kept_as"] == pg.KEPT_AS and s["messages"]["not_moved"] == pg.NOT_MOVED
    assert json.loads(json.dumps(sitewidgets.script_settings())) == {"site-progress.js": s}


def test_a_record_made_from_the_settings_passes_the_checker():
    """What site-progress.js builds (fresh(), then record()) from these settings, done in Python."""
    s = sp.settings()
    data = {
        "format": s["format"],
        "schema_version": s["schema_version"],
        "package_version": s["package_version"],
        "learner_id": "0123456789abcdef" * 2,
        "pseudonym": None,
        "exercises": {
            "quiz": {
                "q1": {
                    "first": {"answer": s["max_options"] - 1, "correct": False, "at": "2026-12-01T19:34:29Z"},
                    "later": [],
                }
            }
        },
    }
    assert set(data) <= set(s["fields"]) and pg.problems(data) == []


def _filled(template: str, n, pseudonym) -> str:
    return template.replace(N, str(n)).replace(PSEUDONYM, pseudonym or "")


@pytest.mark.parametrize("answered", [0, 1, 3])
@pytest.mark.parametrize("pseudonym", [None, "Heron 7"])
def test_my_results_texts_are_the_python_states(tmp_path, answered, pseudonym):
    store = pg.ProgressStore(tmp_path, clock=None)
    for i in range(answered):
        store.record("quiz", f"q{i}", 0, correct=True)
    if pseudonym:
        store.set_pseudonym(pseudonym)
    state = LearnerControlsState(store=store, folder=tmp_path, place="browser")
    texts = sp.export(MyResults(folder=tmp_path, store=store))["values"]["texts"]
    which = f"{'one' if answered == 1 else 'many'}{'_named' if pseudonym else ''}"
    assert _filled(texts["summary"][which], answered, pseudonym) == state.summary
    assert "Saved in this browser only" in state.summary and "Nothing is sent anywhere" in state.summary
    assert _filled(texts["pseudonym_set"], 0, "Kestrel") == state.set_pseudonym("Kestrel")
    assert texts["pseudonym_none"] == state.set_pseudonym("  ")
    assert texts["ask_clear"] == state.ask_start_over() and texts["cancelled"] == state.cancel()
    assert texts["download_ready"] == PLACES["browser"].download_ready.format(name=DOWNLOAD_NAME)
    state.ask_start_over()
    state.confirm_start_over()
    assert texts["started_over"] + texts["kept"] == state.message  # the browser keeps no backup to name


def test_my_results_on_the_site_is_the_notebook_widgets_module(tmp_path):
    widget = MyResults(folder=tmp_path, store=pg.ProgressStore(tmp_path))
    data = sp.export(widget)
    assert (data["kind"], data["module"], data["adapter"]) == ("anywidget", "results.js", "my_results")
    values = data["values"]
    assert values["download_name"] == DOWNLOAD_NAME and values["lessons"] == widget.widget.lessons
    controls, notebook = values["controls"], widget.widget.controls
    assert (
        controls["download"]
        == notebook["download"]
        == {
            "label": "Download my results",
            "title": "Make a copy of your results to save and hand in",
        }
    )
    assert controls["save"] == notebook["save"] and controls["cancel"]["label"] == "Cancel"
    assert controls["clear"]["label"] == "Forget my results on this device"
    assert controls["pseudonym"] == notebook["pseudonym"]
    # no learner's data is built into the page: the browser's own storage fills it
    assert values["record"] == {"exercises": {}, "pseudonym": None} and values["notices"] == []
    markup = sitewidgets.site_html(widget, element_id="mine")
    assert 'data-kind="anywidget"' in markup and "Forget my results on this device" in markup


def test_the_notebook_widget_keeps_its_own_words(tmp_path):
    widget = MyResults(folder=tmp_path, store=pg.ProgressStore(tmp_path))
    assert widget.widget.controls["clear"]["label"] == "Start over"
    assert "Saved on this computer only" in widget.widget.texts["summary"]["many"]
    with pytest.raises(ValueError, match="choose one of: folder, browser"):
        LearnerControlsState(store=pg.ProgressStore(tmp_path), place="cloud")


def test_progress_loads_before_the_exercises_scripts():
    scripts = list(sitewidgets.SCRIPTS)
    # ilSiteWidgets first, then the results module and the anywidget host, then ilSiteProgress
    assert scripts[:4] == ["site-widgets.js", "results.js", "anywidget-host.js", "site-progress.js"]
    recorders = [
        name for name in scripts if "ilSiteProgress.record" in sitewidgets.static_file(name).read_text(encoding="utf-8")
    ]
    assert all(scripts.index(name) > 3 for name in recorders if name != "site-progress.js"), recorders
    assert sitewidgets.static_file("site-progress.js").is_file() and "site-progress.css" in sitewidgets.STYLESHEETS


# A forgiving stand-in for the page (every DOM call returns itself), enough to load
# site-progress.js in Node and call window.ilSiteProgress.problems without a browser.
_NODE_HARNESS = r"""
const fs = require("fs");
const [rules, script, settings, records] = process.argv.slice(1).map((p) => fs.readFileSync(p, "utf8"));
const fake = new Proxy(function () {}, {
  get: (t, k) => (k === Symbol.iterator ? [][Symbol.iterator].bind([]) : k === "length" ? 0
    : k === Symbol.toPrimitive ? () => "" : fake),
  apply: () => fake, set: () => true });
global.document = new Proxy({ currentScript: { dataset: { settings } } }, { get: (t, k) => (k in t ? t[k] : fake) });
global.window = global; global.addEventListener = () => {};
global.ilAnywidgetHost = { adapt() {} };
eval(rules); // results.js as the site serves it, loaded before site-progress.js
const store = {};
global.localStorage = { getItem: (k) => (k in store ? store[k] : null), setItem: (k, v) => { store[k] = String(v); },
  removeItem: (k) => { delete store[k]; } };
eval(script);
const out = {};
for (const [what, r] of Object.entries(JSON.parse(records))) out[what] = window.ilSiteProgress.problems(r);
console.log(JSON.stringify(out));
"""


def test_the_page_script_checks_the_new_rules_as_progress_problems_does(tmp_path):
    """Without a browser (Node): the rules the page script gained with the progress
    fault fixes (a whole-number version, keys and ids without a trailing newline,
    Python's repr of an odd key) say what progress.problems says."""
    import shutil
    import subprocess

    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is not installed")
    good = {
        "format": pg.FORMAT,
        "schema_version": pg.SCHEMA_VERSION,
        "package_version": "0.1.0",
        "learner_id": "0" * 32,
        "pseudonym": None,
        "exercises": {"quiz": {"q1": {"first": {"answer": 1, "correct": False}, "later": []}}},
    }
    item = good["exercises"]["quiz"]["q1"]
    records = {
        "good": good,
        "another version": good | {"schema_version": 2},
        "true for the version": good | {"schema_version": True},
        "text for the version": good | {"schema_version": "1"},
        "no version": {k: v for k, v in good.items() if k != "schema_version"},
        "an id with a newline": good | {"learner_id": "0" * 32 + "\n"},
        **{
            f"key {key!r}": good | {"exercises": {"quiz": {key: item}}}
            for key in ("q1\n", "it's", 'it\'s "q"', "back\\slash\t")
        },
    }
    files = {
        "rules": sitewidgets.site_file_bytes("results.js").decode("utf-8"),
        "script": sitewidgets.static_file("site-progress.js").read_text(encoding="utf-8"),
        "settings": json.dumps(sp.settings()),
        "records": json.dumps(records),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = subprocess.run(
        [node, "-e", _NODE_HARNESS, *(str(tmp_path / n) for n in files)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found == {what: pg.problems(r) for what, r in records.items()}
    assert found["good"] == [] and all(found[w] for w in records if w != "good")
