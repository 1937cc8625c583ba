"""The teacher's class report (python -m iliopsoas_lessons.report) over 40
generated learners, some of whose files are broken or hostile. The expected
numbers are counted here, from the generated answers and the raw data files,
independently of the report's own code."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "iliopsoas_lessons" / "data"
QUIZ = json.loads((DATA / "lessons" / "quiz.json").read_text(encoding="utf-8"))["questions"]
# an option is an object with its text, feedback and (when wrong) the misconception it suggests
MISCONCEPTIONS = {(q["key"], o["text"]): o.get("misconception") for q in QUIZ for o in q["options"]}
for _q in QUIZ:
    _q["options"] = [o["text"] for o in _q["options"]]
CASES = json.loads((DATA / "lessons" / "red_flag_cases.json").read_text(encoding="utf-8"))["cases"]
LEVELS = [lv["key"] for lv in json.loads((DATA / "urgency.json").read_text(encoding="utf-8"))["levels"]]
PAIN_MAP = json.loads((DATA / "lessons" / "pain_map.json").read_text(encoding="utf-8"))["exercises"][0]
_LEVELS = json.loads((DATA / "urgency.json").read_text(encoding="utf-8"))["levels"]
LEVEL_LABELS = {lv["key"]: lv["label"] for lv in _LEVELS} | {
    f"{lv['key']}:now": lv["now"]["label"]
    for lv in _LEVELS
    if lv.get("now")  # {urgency:key:now}
}


def _shown(prompt: str) -> str:
    """A prompt as learners and teachers read it: quiz.json's {urgency:key} becomes the level's label, quoted."""
    return re.sub(r"\{urgency:([^{}]*)\}", lambda m: f"\u201c{LEVEL_LABELS[m.group(1)]}\u201d", prompt)


LEARNERS = 40
HOSTILE_NAME = "<script>alert('pseudonym')</script>"


def _attempt(answer, correct=False):
    return {"answer": answer, "correct": correct}


def _learner(rng: random.Random, i: int) -> dict:
    """One learner's record, written from the documented format (the schema), not by the package."""
    ex = {"quiz": {}, "red_flag_cases": {}, "pain_map": {}}
    for q in QUIZ:
        if rng.random() < 0.9:
            # a bias towards one wrong option makes "the most common wrong answer" meaningful
            first = rng.choice(
                [q["answer"]] * 2 + list(range(len(q["options"]))) + [(q["answer"] + 1) % len(q["options"])] * 2
            )
            later = [_attempt(q["answer"], True)] if first != q["answer"] else []
            ex["quiz"][q["key"]] = {"first": _attempt(first, first == q["answer"]), "later": later}
    for c in CASES:
        if rng.random() < 0.85:
            ex["red_flag_cases"][c["key"]] = {
                "first": _attempt(rng.choice(LEVELS)),
                "later": [_attempt(c["urgency"], True)],
            }
    if i % 7:  # every 7th learner never checked the map
        first = sorted(k for k in PAIN_MAP["choices"] if rng.random() < 0.4)
        ex["pain_map"][PAIN_MAP["key"]] = {"first": _attempt(first), "later": [_attempt(PAIN_MAP["choices"][:3])]}
    return {
        "format": "iliopsoas-lessons-results",
        "schema_version": 1,
        "package_version": "0.1.0",
        "learner_id": f"{i:032x}",
        "pseudonym": HOSTILE_NAME if i == 3 else None,
        "exercises": ex,
    }


BROKEN = {
    "truncated.json": (b'{"format": "iliopsoas-lessons-results", "sch', "not valid JSON"),
    "old-version.json": (None, "another version"),
    "html-in-answer.json": (None, "a case answer must be a level key"),
    "huge.json": (b'{"pad": "' + b"x" * 1_200_000 + b'"}', "too big"),
    "deep.json": (b'{"a":' * 3000 + b"1" + b"}" * 3000, "nested deeper"),
    "notes.json": (b'{"title": "my notes"}', "not a results file"),
    "<i>odd&name<i>.json": (b"[]", "not a results file"),
}


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    """40 learners' files (one handed in twice) and the broken ones, in nested folders."""
    folder = tmp_path_factory.mktemp("handed-in")
    rng = random.Random(20261201)
    learners = [_learner(rng, i) for i in range(LEARNERS)]
    for i, data in enumerate(learners):
        sub = folder / f"group{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"learner{i:02d}.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "group2" / "zz-learner05-again.json").write_text(json.dumps(learners[5]), encoding="utf-8")
    for name, (content, _) in BROKEN.items():
        if name == "old-version.json":
            content = json.dumps({**learners[0], "schema_version": 0, "learner_id": "f" * 32}).encode()
        elif name == "html-in-answer.json":
            bad = json.loads(json.dumps(learners[1]))
            bad["learner_id"] = "e" * 32
            next(iter(bad["exercises"]["red_flag_cases"].values()))["first"]["answer"] = "<img src=x onerror=alert(1)>"
            content = json.dumps(bad).encode()
        (folder / name).write_bytes(content)
    (folder / "readme.txt").write_text("not json: ignored in a folder")
    return folder, learners


def _expected(learners):
    quiz, cases, regions = {}, {}, Counter()
    for q in QUIZ:
        firsts = [
            d["exercises"]["quiz"][q["key"]]["first"]["answer"] for d in learners if q["key"] in d["exercises"]["quiz"]
        ]
        wrong = Counter(a for a in firsts if a != q["answer"])
        top = sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))[0] if wrong else None
        quiz[q["key"]] = (
            len(firsts),
            sum(a == q["answer"] for a in firsts),
            q["options"][top[0]] if top else "",
            top[1] if top else 0,
        )
    for c in CASES:
        need = LEVELS.index(c["urgency"])
        firsts = [
            LEVELS.index(d["exercises"]["red_flag_cases"][c["key"]]["first"]["answer"])
            for d in learners
            if c["key"] in d["exercises"]["red_flag_cases"]
        ]
        cases[c["key"]] = (
            len(firsts),
            sum(f == need for f in firsts),
            sum(f > need for f in firsts),
            sum(f < need for f in firsts),
        )
    checked = [
        d["exercises"]["pain_map"][PAIN_MAP["key"]]["first"]["answer"] for d in learners if d["exercises"]["pain_map"]
    ]
    for marks in checked:
        regions.update(marks)
    return quiz, cases, {k: regions[k] for k in PAIN_MAP["choices"]}, len(checked)


@pytest.fixture(scope="module")
def report(class_folder, tmp_path_factory):
    folder, _ = class_folder
    out = tmp_path_factory.mktemp("report") / "report.html"
    run = subprocess.run(
        [sys.executable, "-m", "iliopsoas_lessons.report", str(folder), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    return out, run


def test_the_generated_files_follow_the_schema(class_folder):
    import jsonschema

    schema = json.loads((ROOT / "iliopsoas_lessons/content/schemas/progress/results.schema.json").read_text())
    for data in class_folder[1]:
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_the_command_counts_the_learners_and_says_what_it_skipped(report):
    out, run = report
    assert run.stdout.startswith(f"{LEARNERS} learner(s) counted; wrote {out} and {out.with_suffix('.csv')}")
    for name, (_, why) in BROKEN.items():
        assert re.search(rf"skipped .*{re.escape(name)}: .*{why}", run.stderr), name
    assert re.search(r"skipped .*zz-learner05-again.json: the same learner as learner05.json", run.stderr)
    assert "readme.txt" not in run.stderr


def _csv(out: Path) -> dict:
    rows = list(csv.DictReader(io.StringIO(out.with_suffix(".csv").read_text(encoding="utf-8"))))
    return {(r["section"], r["item"], r["measure"]): r["value"] for r in rows}


def test_the_csv_has_the_right_counts(report, class_folder):
    quiz, cases, regions, checked = _expected(class_folder[1])
    got = _csv(report[0])
    assert got[("class", "", "learners")] == str(LEARNERS)
    for key, (answered, right, wrong_text, wrong_n) in quiz.items():
        assert got[("quiz", key, "answered")] == str(answered)
        assert got[("quiz", key, "right_first_time")] == str(right)
        assert got[("quiz", key, "most_common_wrong_answer")] == wrong_text
        assert got[("quiz", key, "most_common_wrong_count")] == str(wrong_n)
    for key, (answered, right, under, over) in cases.items():
        assert [got[("red_flag_cases", key, m)] for m in ("answered", "right", "under_triaged", "over_triaged")] == [
            str(answered),
            str(right),
            str(under),
            str(over),
        ]
    for region, n in regions.items():
        assert got[("pain_map", f"{PAIN_MAP['key']}/{region}", "learners_marked")] == str(n)
    assert sum(1 for k in got if k[0] == "skipped") == len(BROKEN) + 1
    assert 0 < checked < LEARNERS and any(regions.values())


def _page_text(out: Path) -> str:
    page = out.read_text(encoding="utf-8")
    page = re.sub(r"<svg\b.*?</svg>", "", page, flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_page_shows_the_same_numbers_and_the_heat_map_with_alt_text(report, class_folder):
    from iliopsoas_lessons import region

    quiz, cases, regions, checked = _expected(class_folder[1])
    page = report[0].read_text(encoding="utf-8")
    text = _page_text(report[0])
    assert f"{LEARNERS} learners counted" in text
    assert f"{checked} of {LEARNERS} learners checked this map" in text
    for q in QUIZ:
        answered, right, wrong_text, wrong_n = quiz[q["key"]]
        share = f"{round(100 * right / answered)} %"
        assert f"{_shown(q['prompt'])} {answered} {right} ({share}) {wrong_text} ({wrong_n})" in text, q["key"]
    for region_key, n in regions.items():
        label = region(region_key).label
        assert f"{label} {'yes' if region_key in _pattern() else 'no'} {n} " in text, region_key
        # the heat map itself: a number drawn on each counted area, and the alt text saying it
        assert f'data-gid="count_{region_key}"' in page
    alt = unescape(re.search(r'<svg[^>]*aria-label="([^"]*Class heat map[^"]*)"', page).group(1))
    for region_key, n in regions.items():
        if n:
            assert f": {n} of {checked}" in alt and region(region_key).name in alt
    shown = [MISCONCEPTIONS[(q["key"], quiz[q["key"]][2])] for q in QUIZ if quiz[q["key"]][3]]
    assert shown and all(m and m in text for m in shown)  # each commonest wrong answer's misconception


_FLAGS = {f["key"]: f for f in json.loads((DATA / "red_flags.json").read_text(encoding="utf-8"))["red_flags"]}


def _needed_label(case: dict) -> str:
    """The level a practice case needs, worded as the lesson's answer shows it: a case whose
    red flag goes now (red_flags.json ``go_now``) shows the level's 'now' label, never one saying 'today'."""
    flag = _FLAGS.get(case.get("red_flag") or "")
    key = case["urgency"]
    if flag and flag.get("go_now") and flag["urgency"] == key and f"{key}:now" in LEVEL_LABELS:
        return LEVEL_LABELS[f"{key}:now"]
    return LEVEL_LABELS[key]


def test_each_case_row_gives_the_level_as_the_lesson_words_it(report, class_folder):
    _, cases, _, _ = _expected(class_folder[1])
    text = _page_text(report[0])
    go_now = [c for c in CASES if _needed_label(c) != LEVEL_LABELS[c["urgency"]]]
    assert go_now, "no practice case whose flag goes now: this test would check nothing"
    for c in CASES:
        answered = cases[c["key"]][0]
        assert f"{unescape(c['story'])} {_needed_label(c)} {answered} " in text, c["key"]


def _pattern():
    import iliopsoas_lessons as il

    return set(il.symptom(PAIN_MAP["symptom"]).regions_for(PAIN_MAP["side"]))


def test_the_page_escapes_everything_and_fetches_nothing(report):
    page = report[0].read_text(encoding="utf-8")
    assert "<script" not in page and "onerror=" not in page.replace("onerror=alert", "")
    assert "&lt;i&gt;odd&amp;name&lt;i&gt;.json" in page and "<i>odd" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<style>" in page and "<link" not in page
    assert HOSTILE_NAME not in page and "alert('pseudonym')" not in page  # pseudonyms are never printed


def test_the_misconception_of_the_most_common_wrong_option_is_shown_when_recorded(tmp_path, monkeypatch):
    """An option of quiz.json may say what choosing it suggests ("misconception"):
    the report names it beside the most common wrong option, escaped. The
    expectation comes from quiz.json itself, the report from the loaded lessons
    (a copy of the data whose first question's wrong option has a new misconception)."""
    from iliopsoas_lessons.content import lessons as ld
    from iliopsoas_lessons.report import collect, report_html

    data = tmp_path / "lessons"
    shutil.copytree(DATA / "lessons", data)
    raw = json.loads((data / "quiz.json").read_text(encoding="utf-8"))
    q = raw["questions"][0]
    wrong = (q["answer"] + 1) % len(q["options"])
    q["options"][wrong]["misconception"] = "Thinks <lessons> diagnose"
    (data / "quiz.json").write_text(json.dumps(raw), encoding="utf-8")
    monkeypatch.setattr(ld, "_DATA", ld.load(data))
    learner = _learner(random.Random(1), 1)
    learner["exercises"]["quiz"] = {q["key"]: {"first": _attempt(wrong), "later": []}}
    results = tmp_path / "results"
    results.mkdir()
    (results / "a.json").write_text(json.dumps(learner))
    page = report_html(collect([results]), figures=False)
    assert f"{q['options'][wrong]['text']} (1)" in unescape(page)
    assert "Thinks &lt;lessons&gt; diagnose" in page


def test_no_readable_file_is_an_error_exit_with_the_reasons(tmp_path):
    (tmp_path / "x.json").write_text("{}")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "iliopsoas_lessons.report",
            str(tmp_path / "x.json"),
            str(tmp_path / "missing"),
            "-o",
            str(tmp_path / "r.html"),
            "--csv",
            str(tmp_path / "r.csv"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 1 and run.stdout.startswith("0 learner(s) counted")
    assert "x.json: not a results file" in run.stderr and "missing: no such file or folder" in run.stderr
    # every cell quoted (a hostile file name cannot split a row); counts stay numbers
    assert (
        (tmp_path / "r.csv")
        .read_text()
        .startswith('"section","item","label","measure","value"\n"class","","","learners","0"\n')
    )


def test_the_heat_map_writes_each_count_on_its_area(tmp_path):
    from matplotlib.figure import Figure

    from iliopsoas_lessons.figures.bodymap_heat import plot_region_counts

    ax = Figure().add_subplot()
    drawn = plot_region_counts(ax, {"groin_left": 7, "front_thigh_upper_left": 0}, learners=10, view="front")
    assert {k: t.get_text() for k, t in drawn["counts"].items()} == {"groin_left": "7", "front_thigh_upper_left": "0"}
    filled, empty = drawn["regions"]["groin_left"], drawn["regions"]["front_thigh_upper_left"]
    assert filled.get_visible() and empty.get_linestyle() == "--" and filled.get_linestyle() == "-"
    assert filled.get_facecolor()[:3] != empty.get_facecolor()[:3]
    assert not drawn["regions"]["lower_abdomen_left"].get_visible()  # not counted: not drawn
    with pytest.raises(ValueError, match="learners must be a whole number"):
        plot_region_counts(Figure().add_subplot(), {}, learners=-1)
