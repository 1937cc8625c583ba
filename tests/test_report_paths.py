"""The class report's path view for the virtual patients: a generated class
of 40 plays a small test case (tests/data/cases/report/) with the engine,
some on typical paths and some at random, with a fixed seed. The expected
numbers are counted here from the paths and the raw case file, apart from
the report's code; the picture (SVG), the tables and the CSV must agree."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASE_FILE = ROOT / "tests" / "data" / "cases" / "report" / "report_groin_runner.json"
RAW = json.loads(CASE_FILE.read_text(encoding="utf-8"))
LEARNERS = 40
BEST = ["ask_fever", "ask_bladder", "go_examine", "exam_thomas", "go_decide", "dec_physio"]
# seven planted learners never ask about bladder and bowel control; nobody else skips it
NO_BLADDER = [
    ["ask_fever", "go_examine", "go_decide", "dec_physio"],
    ["ask_fever", "go_decide_early", "dec_wait"],
    ["go_decide_early", "dec_ae"],
    ["ask_shoes", "go_examine", "go_tests", "xr_pelvis", "go_decide_now", "dec_wait"],
    ["ask_fever", "ask_shoes", "go_decide_early", "dec_gp"],
    ["go_examine", "exam_thomas", "go_decide", "dec_ae"],
    ["ask_fever", "go_examine", "go_tests", "go_decide_after_tests", "dec_wait"],
]
PLANTED_NEVER_ASKED = len(NO_BLADDER)


def _engine():
    from iliopsoas_lessons.content import case_engine

    return case_engine


def _case():
    import iliopsoas_lessons as il
    from iliopsoas_lessons.content.case_loader import load_case_file

    return load_case_file(CASE_FILE, il.course())


def _random_path(rng: random.Random, engine, case) -> list[str]:
    """Any choice the engine offers, at random, always asking about bladder and bowel control first
    (so the planted learners are the only ones who skip it)."""
    state = engine.choose(case, engine.start(case), "ask_bladder")
    path = ["ask_bladder"]
    while not state.ended:
        choices = engine.available(case, state)
        key = rng.choice(choices)
        path.append(key)
        state = engine.choose(case, state, key)
    return path


def _attempt(path, correct=False):
    return {"answer": path, "correct": correct}


def _record(i: int, cases: dict) -> dict:
    return {
        "format": "iliopsoas-lessons-results",
        "schema_version": 1,
        "package_version": "0.1.0",
        "learner_id": f"{i:032x}",
        "pseudonym": None,
        "exercises": {"virtual_cases": cases},
    }


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """(folder of results files, {learner index: the latest path counted}, the stale file's name)."""
    engine, case = _engine(), _case()
    rng = random.Random(20261206)
    folder = tmp_path_factory.mktemp("handed-in")
    latest = {}
    for i in range(LEARNERS):
        if i < PLANTED_NEVER_ASKED:
            path = NO_BLADDER[i]
        elif i % 3 == 0:
            path = list(BEST)  # the typical good path
        else:
            path = _random_path(rng, engine, case)
        first = _random_path(rng, engine, case)
        # every fourth learner played twice: only the latest path counts
        rec = (
            {"first": _attempt(first), "later": [_attempt(path)]}
            if i % 4 == 0
            else {"first": _attempt(path), "later": []}
        )
        latest[i] = path
        (folder / f"learner{i:02d}.json").write_text(json.dumps(_record(i, {RAW["key"]: rec})), encoding="utf-8")
    # a path recorded before the case changed, and a case this version does not have
    stale = _record(100, {RAW["key"]: {"first": _attempt(["ask_about_the_old_knee", "dec_physio"]), "later": []}})
    (folder / "stale.json").write_text(json.dumps(stale), encoding="utf-8")
    gone = _record(101, {"a_retired_case": {"first": _attempt(["x"]), "later": []}})
    (folder / "gone.json").write_text(json.dumps(gone), encoding="utf-8")
    return folder, latest, engine, case


def _expected(latest: dict, engine, case):
    paths = list(latest.values())
    chosen = Counter(k for p in paths for k in set(p))
    essential = [i["key"] for s in RAW["steps"] for i in s.get("items", []) if i.get("essential")]
    never = {k: sum(k not in p for p in paths) for k in essential}
    verdicts = {o["key"]: o["verdict"] for s in RAW["steps"] for o in s.get("options", [])}
    wrong = Counter(p[-1] for p in paths if verdicts.get(p[-1]) in ("unsafe", "over"))
    outcomes = Counter(engine.score(case, p).outcome for p in paths)
    return chosen, never, wrong, outcomes


def _outputs(klass):
    from iliopsoas_lessons.report import collect
    from iliopsoas_lessons.report.gradebook import gradebook_csv
    from iliopsoas_lessons.report.page import report_csv, report_html

    folder, _, engine, case = klass
    collected = collect([folder])
    kw = {"cases": [case], "engine": engine}
    return (
        collected,
        report_html(collected, figures=False, **kw),
        report_csv(collected, **kw),
        gradebook_csv(collected, **kw),
    )


@pytest.fixture(scope="module")
def outputs(klass):
    return _outputs(klass)


def _keys():
    for s in RAW["steps"]:
        for kind in ("items", "moves", "options"):
            for x in s.get(kind, []):
                yield x["key"]


def test_every_file_with_paths_is_read(outputs):
    collected = outputs[0]
    assert collected.learners == LEARNERS + 2 and collected.skipped == []


def test_the_svg_the_table_and_the_csv_agree_with_a_direct_count(outputs, klass):
    _, page, table_csv, _ = outputs
    _, latest, engine, case = klass
    chosen, never, wrong, outcomes = _expected(latest, engine, case)
    svg = re.search(r"<svg[^>]*aria-labelledby=\"case0-title case0-desc\".*?</svg>", page, re.S).group(0)
    groups = re.findall(r'<g data-key="([^"]+)" data-count="(\d+)"><text[^>]*>(.*?)</text>', svg)
    bars = {k: int(n) for k, n, _ in groups}
    # a bar's words may wrap over several lines (tspans)
    words = {k: unescape(" ".join(re.findall(r">([^<]*)</tspan>", t))) for k, _, t in groups}
    rows = list(csv.DictReader(io.StringIO(table_csv)))
    got = {(r["item"], r["measure"]): r["value"] for r in rows}
    tables = re.findall(r"<table>.*?</table>", page.split("Virtual patients", 1)[1], re.S)
    cells = [
        [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", tables[0], re.S)
    ][1:]
    by_key = dict(zip(_keys(), cells))
    assert len(cells) == len(list(_keys()))
    for key in _keys():
        n = chosen[key]
        assert bars[key] == n, key
        assert words[key].endswith(f": {n} of {LEARNERS}"), words[key]  # the bar's own words say it
        assert by_key[key][3] == str(n), key
        kind = next(
            r["measure"]
            for r in rows
            if r["item"] == f"{RAW['key']}/{key}" and r["measure"].startswith("learners_chose")
        )
        assert got[(f"{RAW['key']}/{key}", kind)] == str(n), key
    for outcome, n in outcomes.items():
        assert bars[f"outcome:{outcome}"] == n
        assert got[(RAW["key"], f"outcome_{outcome}")] == str(n)
        assert words[f"outcome:{outcome}"] == f"Outcome {outcome}: {n} of {LEARNERS}"
    assert sum(outcomes.values()) == LEARNERS and len(outcomes) >= 3  # the class reaches several outcomes
    assert got[(RAW["key"], "started")] == str(LEARNERS)
    assert got[(RAW["key"], "finished")] == str(LEARNERS)
    for key, n in wrong.items():
        assert got[(f"{RAW['key']}/{key}", "wrong_decision")] == str(n)
    assert wrong and set(wrong) <= {"dec_ae", "dec_wait"}
    # the wrong decisions' table, most common first
    wrong_rows = re.findall(r"<tr>(.*?)</tr>", tables[1], re.S)[1:]
    counts = [int(re.findall(r'class="num">(\d+)<', r)[0]) for r in wrong_rows]
    assert counts == sorted(wrong.values(), reverse=True)
    # the title and description state the numbers for a screen reader
    desc = unescape(re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1))
    labels = {x["key"]: x["label"] for st in RAW["steps"] for k in ("items", "moves") for x in st.get(k, [])}
    for key, label in labels.items():
        assert re.search(rf"{re.escape(label)}[^.]*: chosen by {chosen[key]} of {LEARNERS}\.", desc), key
    assert f"{never['ask_bladder']} of {LEARNERS} never asked about bladder and bowel control." in desc
    title = unescape(re.search(r"<title[^>]*>(.*?)</title>", svg, re.S).group(1))
    assert f"of {LEARNERS} learners" in title


def test_k_of_n_never_asked_is_right_for_the_planted_class(outputs, klass):
    _, page, table_csv, _ = outputs
    _, latest, engine, case = klass
    _, never, _, _ = _expected(latest, engine, case)
    assert never["ask_bladder"] == PLANTED_NEVER_ASKED
    text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg\b.*?</svg>", "", page, flags=re.S)))
    assert f"{PLANTED_NEVER_ASKED} of {LEARNERS} never asked about bladder and bowel control" in text
    assert f"{never['ask_fever']} of {LEARNERS} never asked about fever or feeling unwell" in text
    rows = {(r["item"], r["measure"]): r["value"] for r in csv.DictReader(io.StringIO(table_csv))}
    assert rows[(f"{RAW['key']}/ask_bladder", "never_asked")] == str(PLANTED_NEVER_ASKED)


def test_a_path_that_no_longer_replays_is_skipped_with_its_reason(outputs):
    _, page, table_csv, _ = outputs
    assert "stale.json" in page and "no longer plays through this case" in page
    assert "ask_about_the_old_knee" in unescape(page)
    assert "a_retired_case (1)" in page
    rows = [r for r in csv.DictReader(io.StringIO(table_csv)) if r["section"] == "virtual_cases_skipped"]
    assert len(rows) == 1 and rows[0]["item"].endswith("stale.json")


def test_the_gradebook_gives_each_learners_case_points(outputs, klass):
    _, _, _, grades = outputs
    _, latest, engine, case = klass
    rows = list(csv.DictReader(io.StringIO(grades)))
    col = f"Virtual case {RAW['key']}: points (of 100)"
    by_id = {r["Student"]: r[col] for r in rows}
    for i, path in latest.items():
        assert by_id[f"{i:032x}"] == str(engine.score(case, path).points)
    assert by_id[f"{100:032x}"] == "" and by_id[f"{101:032x}"] == ""
    assert latest[9] == BEST and by_id[f"{9:032x}"] == "100"


def test_a_hostile_path_is_refused_and_a_file_without_paths_still_counts(tmp_path):
    from iliopsoas_lessons.report import collect

    bad = _record(1, {"report_groin_runner": {"first": _attempt(["<script>"]), "later": []}})
    long = _record(2, {"report_groin_runner": {"first": _attempt(["ask_fever"] * 201), "later": []}})
    none = _record(3, {})
    for name, data in (("bad", bad), ("long", long), ("none", none)):
        (tmp_path / f"{name}.json").write_text(json.dumps(data))
    got = collect([tmp_path])
    assert got.learners == 1
    why = {p.name: w for p, w in got.skipped}
    assert "not a key" in why["bad.json"] and "at most 200 keys" in why["long.json"]


def test_no_cases_means_no_path_section(klass):
    from iliopsoas_lessons.report import collect
    from iliopsoas_lessons.report.page import report_html

    page = report_html(collect([klass[0]]), figures=False, cases=[], engine=klass[2])
    assert "Virtual patients" not in page


def _walk(rng: random.Random, engine, case, *, essentials_first: bool) -> list[str]:
    """A path through ``case``: every essential item first when it is on offer (a typical careful
    learner), otherwise any choice the engine offers."""
    state, path = engine.start(case), []
    while not state.ended:
        choices = engine.available(case, state)
        careful = [k for k in choices if essentials_first and k in case.essential]
        key = careful[0] if careful else rng.choice(choices)
        path.append(key)
        state = engine.choose(case, state, key)
    return path


def test_the_command_shows_the_path_view_of_every_package_case_for_a_class_of_40(tmp_path):
    """The package's own cases (data/cases/), played by 40 generated learners and
    reported by the console command, with no argument naming the cases."""
    import subprocess
    import sys

    import iliopsoas_lessons as il

    engine, cases = _engine(), il.course().cases
    assert cases, "the package has no virtual-patient case to report on"
    rng = random.Random(23)
    paths = {c.key: [] for c in cases}
    folder = tmp_path / "handed-in"
    folder.mkdir()
    for i in range(LEARNERS):
        mine = {}
        for c in cases:
            path = _walk(rng, engine, c, essentials_first=i % 2 == 0)
            paths[c.key].append(path)
            mine[c.key] = {"first": _attempt(path), "later": []}
        (folder / f"l{i:02d}.json").write_text(json.dumps(_record(i, mine)), encoding="utf-8")
    out = tmp_path / "report.html"
    run = subprocess.run(
        [sys.executable, "-m", "iliopsoas_lessons.report", str(folder), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    page = unescape(out.read_text(encoding="utf-8"))
    got = {
        (r["item"], r["measure"]): r["value"] for r in csv.DictReader(io.StringIO(out.with_suffix(".csv").read_text()))
    }
    for c in cases:
        assert c.title in page and got[(c.key, "started")] == str(LEARNERS)
        chosen = Counter(k for p in paths[c.key] for k in set(p))
        for step in c.steps:
            for thing in (*step.items, *step.moves, *step.options):
                measure = next(
                    m for (item, m) in got if item == f"{c.key}/{thing.key}" and m.startswith("learners_chose")
                )
                assert got[(f"{c.key}/{thing.key}", measure)] == str(chosen[thing.key]), thing.key
        for key in c.essential:
            never = sum(key not in p for p in paths[c.key])
            assert got[(f"{c.key}/{key}", "never_asked")] == str(never)
            tail = c.choice(key).label.split(" ", 1)[1]  # the label after its first word ("Ask", "Watch"...)
            assert re.search(rf"<li>{never} of {LEARNERS} never (asked|chose)[^<]*{re.escape(tail)}", page), key
