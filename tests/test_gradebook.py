"""The per-learner gradebook CSV (python -m iliopsoas_lessons.report
--per-learner): a generated class of 40 learners, each answering at random
with a fixed seed, saved through iliopsoas_lessons.progress as a learner's
lesson would. Every expected number is worked out here from the generated
answers and the raw data files, not from the report's code."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "iliopsoas_lessons" / "data"
QUIZ = json.loads((DATA / "lessons" / "quiz.json").read_text(encoding="utf-8"))["questions"]
CASES = json.loads((DATA / "lessons" / "red_flag_cases.json").read_text(encoding="utf-8"))["cases"]
LESSONS = [l["key"] for l in json.loads((DATA / "lessons" / "lessons.json").read_text(encoding="utf-8"))["lessons"]]
LEVELS = [lv["key"] for lv in json.loads((DATA / "urgency.json").read_text(encoding="utf-8"))["levels"]]
PAIN_MAPS = json.loads((DATA / "lessons" / "pain_map.json").read_text(encoding="utf-8"))["exercises"]
# the virtual patients, one file each in sorted order (their points per learner: tests/test_report_paths.py)
VIRTUAL_CASES = sorted(p.stem for p in (DATA / "cases").glob("*.json"))
LEARNERS = 40
FORMULA_NAME = "=HYPERLINK(\"http://example.invalid\",\"x\")"
IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def _learner(rng: random.Random, i: int, homes: Path, folder: Path) -> dict:
    """Answer at random through a real ProgressStore kept in homes/; hand the
    results file in to folder/handed-in; return the answers given (first ones first)."""
    store = ProgressStore(homes / f"home{i:02d}", clock=None)
    if i % 4:  # every 4th learner typed no pseudonym
        store.set_pseudonym(FORMULA_NAME if i == 5 else f"learner-{i:02d}")
    given = {"quiz": {}, "cases": {}, "maps": {}}
    for q in QUIZ:
        if rng.random() < 0.8:
            first = rng.randrange(len(q["options"]))
            store.record("quiz", q["key"], first, first == q["answer"])
            given["quiz"][q["key"]] = first
            if first != q["answer"]:  # the second try is kept as a later attempt and must not count
                store.record("quiz", q["key"], q["answer"], True)
    for c in CASES:
        if rng.random() < 0.75:
            first = rng.choice(LEVELS)
            store.record("red_flag_cases", c["key"], first, first == c["urgency"])
            given["cases"][c["key"]] = first
            store.record("red_flag_cases", c["key"], c["urgency"], True)
    for p in PAIN_MAPS:
        if i % 6:
            marks = sorted(k for k in p["choices"] if rng.random() < 0.5)
            store.record("pain_map", p["key"], marks, False)
            given["maps"][p["key"]] = marks
            store.record("pain_map", p["key"], list(p["choices"]), False)
    path = folder / "handed-in" / f"results-{i:02d}.json"
    store.export(path)
    return {"name": store.pseudonym or store.learner_id, "given": given}


SHM = Path("/dev/shm")


@pytest.fixture(scope="module")
def homes(tmp_path_factory):
    """An empty folder for the learners' own progress folders, in memory where
    the machine has /dev/shm: the stores' 4,600 saves (a lock, a temporary file
    and a rename each) then cost about 3 s of CPU instead of 5 on a disk. The
    handed-in files stay on disk (the report refuses anything under /dev/)."""
    if not (SHM.is_dir() and os.access(SHM, os.W_OK | os.X_OK)):
        yield tmp_path_factory.mktemp("homes")
        return
    folder = Path(tempfile.mkdtemp(prefix="iliopsoas-gradebook-", dir=SHM))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def klass(homes, tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    rng = random.Random(4021)
    with pytest.MonkeyPatch.context() as mp:
        # The files are made through the real store, but without its flushes to
        # disk (over 2,600 fsyncs, most of this module's time): what a crash
        # leaves is tested in test_progress_faults.py, not here.
        mp.setattr(os, "fsync", lambda fd: None)
        learners = [_learner(rng, i, homes, folder) for i in range(LEARNERS)]
    out = folder / "grades.csv"
    previous = os.umask(0o022)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "iliopsoas_lessons.report", "--per-learner", str(out), str(folder / "handed-in")],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    finally:
        os.umask(previous)
    assert run.returncode == 0, run.stderr
    return learners, out, run


def _expected_row(learner: dict) -> dict:
    given = learner["given"]
    row = {}
    for lesson in LESSONS:
        qs = [q for q in QUIZ if q["lesson"] == lesson]
        if not qs:
            continue
        answered = [q for q in qs if q["key"] in given["quiz"]]
        row[f"Quiz {lesson}: right at first try (of {len(qs)})"] = (
            str(sum(given["quiz"][q["key"]] == q["answer"] for q in answered)) if answered else ""
        )
    ranks = [
        (LEVELS.index(given["cases"][c["key"]]), LEVELS.index(c["urgency"]))
        for c in CASES
        if c["key"] in given["cases"]
    ]
    row[f"Red-flag cases: answered (of {len(CASES)})"] = str(len(ranks)) if ranks else ""
    # the scale is most urgent first: a later level than the case's is less urgent (under-triage)
    row["Red-flag cases: under-triaged"] = str(sum(c > n for c, n in ranks)) if ranks else ""
    row["Red-flag cases: over-triaged"] = str(sum(c < n for c, n in ranks)) if ranks else ""
    for p in PAIN_MAPS:
        col = f"Pain map {p['key']}: areas right at first check (%)"
        if p["key"] not in given["maps"]:
            row[col] = ""
            continue
        pattern = set(ld.pain_map_exercise(p["key"]).answer)  # the reference pattern, from the content
        marked = set(given["maps"][p["key"]])
        right = sum((k in marked) == (k in pattern) for k in p["choices"])
        row[col] = str(round(100 * right / len(p["choices"]), 1))
    for key in VIRTUAL_CASES:  # this class played no case: a blank cell, not a zero
        row[f"Virtual case {key}: points (of 100)"] = ""
    return row


def _rows(out: Path) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    return reader.fieldnames, list(reader)


def test_the_gradebook_has_one_row_per_learner_with_the_expected_numbers(klass):
    learners, out, run = klass
    header, rows = _rows(out)
    assert run.stdout.startswith(f"{LEARNERS} learner(s) counted; wrote {out}")
    assert len(rows) == LEARNERS
    by_name = {r["Student"]: r for r in rows}
    for learner in learners:
        name = learner["name"]
        shown = "'" + name if name.startswith("=") else name
        row = by_name[shown]
        assert row["SIS User ID"] == row["SIS Login ID"] == shown
        assert row["ID"] == row["Section"] == ""
        expected = _expected_row(learner)
        assert {k: row[k] for k in expected} == expected, name
    assert set(header) == set(IDENTITY) | set(_expected_row(learners[0]))


def test_the_class_exercises_every_kind_of_cell(klass):
    """The generated answers reach blanks, under- and over-triage and the key, so the test can fail."""
    _, out, _ = klass
    _, rows = _rows(out)
    assert any(r["Red-flag cases: under-triaged"] not in ("", "0") for r in rows)
    assert any(r["Red-flag cases: over-triaged"] not in ("", "0") for r in rows)
    pain = [k for k in rows[0] if k.startswith("Pain map")]
    assert any(r[pain[0]] == "" for r in rows) and any(r[pain[0]] != "" for r in rows)
    quiz = [k for k in rows[0] if k.startswith("Quiz ")]
    assert any(int(r[quiz[0]] or 0) > 0 for r in rows)


def test_the_identifying_columns_come_first_as_canvas_reads_them(klass):
    header, _ = _rows(klass[1])
    assert header[:5] == IDENTITY


def test_a_learner_without_a_pseudonym_is_named_by_the_learner_id(klass):
    learners, out, _ = klass
    _, rows = _rows(out)
    no_name = [l["name"] for i, l in enumerate(learners) if i % 4 == 0]
    assert no_name and all(len(n) == 32 for n in no_name)
    assert set(no_name) <= {r["Student"] for r in rows}


def test_a_formula_in_a_pseudonym_is_neutralised(klass):
    text = klass[1].read_text(encoding="utf-8")
    assert f'"\'{FORMULA_NAME.replace(chr(34), chr(34) * 2)}"' in text
    assert not any(line.startswith(("=", '"=')) for line in text.splitlines())


def test_the_gradebook_is_readable_by_others(klass):
    assert stat.S_IMODE(klass[1].stat().st_mode) == 0o644


def test_the_gradebook_must_not_overwrite_a_results_file(klass, tmp_path):
    learners, out, _ = klass
    handed_in = out.parent / "handed-in"
    victim = handed_in / "results-00.json"
    before = victim.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "iliopsoas_lessons.report", "--per-learner", str(victim), str(handed_in)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 2 and "one of the results given" in run.stderr
    assert victim.read_bytes() == before


def test_no_output_named_is_a_clear_error(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "iliopsoas_lessons.report", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 2 and "--per-learner" in run.stderr and "-o/--output" in run.stderr


def test_the_gradebook_and_the_page_cannot_share_a_file(klass, tmp_path):
    handed_in = klass[1].parent / "handed-in"
    same = tmp_path / "out.csv"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "iliopsoas_lessons.report",
            str(handed_in),
            "-o",
            str(tmp_path / "out.html"),
            "--csv",
            str(same),
            "--per-learner",
            str(same),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 2 and "give each its own name" in run.stderr
    assert not same.exists()


def test_the_page_and_the_gradebook_can_be_written_in_one_run(klass, tmp_path):
    handed_in = klass[1].parent / "handed-in"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "iliopsoas_lessons.report",
            str(handed_in),
            "-o",
            str(tmp_path / "out.html"),
            "--per-learner",
            str(tmp_path / "grades.csv"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert klass[1].read_text(encoding="utf-8") == (tmp_path / "grades.csv").read_text(encoding="utf-8")
    assert (tmp_path / "out.html").is_file() and (tmp_path / "out.csv").is_file()
