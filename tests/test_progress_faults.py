"""Fault suite for the learner's progress file (iliopsoas_lessons/progress/):
two lessons (two OS processes) saving at once, start-over while another lesson
saves, kill -9 in the middle of writes, a full disk, text that is not Unicode,
a pipe or a device where the file should be, and the small format rules.

Each fault test counts what was lost and prints ``attempts`` and ``lost``;
lost must be 0. Anything that could hang runs in a child process with a
timeout, so a regression fails instead of hanging the suite. The full-size
human-pace run (2 x 1,000 answers at 50-500 ms) takes too long for the suite:
``python benchmarks/fault_progress.py --answers 1000 --pace 0.05-0.5``."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from iliopsoas_lessons import progress as pg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import fault_progress

POSIX = pytest.mark.skipif(os.name != "posix", reason="pipes, devices, fork and kill -9 are POSIX")
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path])}


# The two-writer runs save thousands of times, each save with two fsyncs (the
# file and its folder), and on a disk those fsyncs were most of their time. In
# /dev/shm (a tmpfs) the same code runs, fsync calls included, but they return at
# once: what those runs check (no answer lost between two processes) is the lock
# and rename logic, not the disk's flush. The kill -9 test stays on the disk: its
# kills land mid-fsync there, which is part of what it proves. Where there is no
# writable /dev/shm, pytest's own tmp_path.
SHM = Path("/dev/shm")


@pytest.fixture
def shm_path(tmp_path):
    """A fresh, empty folder for one test, in memory where the machine has /dev/shm."""
    if not (SHM.is_dir() and os.access(SHM, os.W_OK | os.X_OK)):
        yield tmp_path
        return
    own = Path(tempfile.mkdtemp(prefix="iliopsoas-faults-", dir=SHM))  # a test may put markers beside its folder
    try:
        folder = own / tmp_path.name
        folder.mkdir()
        yield folder
    finally:
        shutil.rmtree(own, ignore_errors=True)


def _report(what: str, attempts: int, lost: int) -> None:
    print(f"{what}: attempts {attempts}, lost {lost}")


def _answers(folder: Path) -> dict[str, list]:
    """{item: every answer saved for it, first to last} for the quiz."""
    items = pg.read_results(folder / pg.FILE_NAME)["exercises"].get("quiz", {})
    return {item: [a["answer"] for a in (rec["first"], *rec["later"])] for item, rec in items.items()}


def _run_child(script: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``script`` in a fresh interpreter; a hang is a failure, not a stuck suite."""
    try:
        return subprocess.run(
            [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=timeout, env=ENV
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the child process hung for more than {timeout} s")


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ------------------------------------------------------------------ two lessons saving at once


@pytest.mark.slow
def test_two_kernels_saving_at_full_speed_lose_no_answer(shm_path):
    attempts, lost = fault_progress.run(shm_path, writers=2, answers=1000, timeout=600)
    turns = fault_progress.switches(shm_path)
    _report(f"2 processes x 1000 answers, full speed ({turns} turns between them)", attempts, lost)
    assert attempts == 2000 and lost == 0
    assert turns > 10, "the two writers hardly overlapped: the run proves little"
    assert _temporaries(shm_path) == []


@pytest.mark.slow
def test_two_kernels_saving_at_a_human_pace_lose_no_answer(shm_path):
    attempts, lost = fault_progress.run(shm_path, writers=2, answers=100, pace=(0.005, 0.05), timeout=300)
    _report("2 processes x 100 answers, 5-50 ms apart", attempts, lost)
    assert attempts == 200 and lost == 0


def test_the_lost_answer_count_sees_a_lost_answer(tmp_path):
    """The counter the fault runs rely on is not blind."""
    store = pg.ProgressStore(tmp_path, clock=None)
    for i in range(5):
        store.record("quiz", f"w0_{i % fault_progress.ITEMS}", i, False)
    assert fault_progress.lost(tmp_path, writers=1, answers=5) == 0
    assert fault_progress.lost(tmp_path, writers=1, answers=7) == 2
    assert fault_progress.lost(tmp_path, writers=2, answers=5) == 5


def test_a_kernel_that_read_before_another_saved_does_not_write_over_it(tmp_path):
    one, two = pg.ProgressStore(tmp_path, clock=None), pg.ProgressStore(tmp_path, clock=None)
    one.record("quiz", "a", 0, True)
    two.record("quiz", "b", 1, False)  # two never re-read before saving: its save must keep a
    one.record("quiz", "a", 2, False)
    two.set_pseudonym("Wren")
    assert _answers(tmp_path) == {"a": [0, 2], "b": [1]}
    assert pg.ProgressStore(tmp_path).pseudonym == "Wren" and one.pseudonym == "Wren"
    assert one.learner_id == two.learner_id


def test_start_over_stays_done_while_another_lesson_is_open(tmp_path):
    review, lesson = pg.ProgressStore(tmp_path, clock=None), pg.ProgressStore(tmp_path, clock=None)
    review.record("quiz", "a", 0, False)
    lesson.record("quiz", "b", 1, False)
    assert set(lesson.restore("quiz")) == {"a", "b"}  # the open lesson has read the old answers
    backup = review.start_over()
    lesson.record("quiz", "c", 2, True)  # its next answer must not bring a and b back
    assert _answers(tmp_path) == {"c": [2]}
    assert set(review.restore("quiz")) == {"c"} and set(lesson.restore("quiz")) == {"c"}
    assert set(json.loads(backup.read_text())["exercises"]["quiz"]) == {"a", "b"}
    assert lesson.learner_id == review.learner_id


@POSIX
def test_start_over_during_another_process_saving_keeps_each_answer_in_one_place(shm_path):
    """A second process answers items n0, n1, ... as fast as it can while the
    learner starts over: every answer is in the backup (before) or the new
    file (after), none in both, none lost."""
    answers = 300
    marker = shm_path.parent / f"{shm_path.name}-started-over"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import os, time
        from iliopsoas_lessons import progress as pg
        store = pg.ProgressStore({str(shm_path)!r}, clock=None)
        for i in range({answers}):
            # the second half waits for the start over, so it always falls while this
            # process is still saving (on a busy machine it could otherwise finish first)
            deadline = time.monotonic() + 60
            while i >= {answers // 2} and not os.path.exists({str(marker)!r}) and time.monotonic() < deadline:
                time.sleep(0.001)
            store.record("quiz", f"n{{i}}", i % 100, False)
        """),
        ],
        env=ENV,
    )
    try:
        deadline = time.monotonic() + 60
        while not (shm_path / pg.FILE_NAME).exists() or len(_answers(shm_path)) < 20:
            assert time.monotonic() < deadline and writer.poll() is None, "the writer never got going"
            time.sleep(0.005)
        backup = pg.ProgressStore(shm_path, clock=None).start_over()
        marker.touch()
        assert writer.wait(timeout=120) == 0
    finally:
        writer.kill()
    before = set(json.loads(backup.read_text())["exercises"]["quiz"])
    after = set(_answers(shm_path))
    given = {f"n{i}" for i in range(answers)}
    lost = len(given - before - after)
    _report("start over while another process saves", answers, lost)
    assert lost == 0 and not before & after and before and after
    cut = min(int(k[1:]) for k in after)  # the new file holds exactly the answers after the cut
    assert after == {f"n{i}" for i in range(cut, answers)}


# ------------------------------------------------------------------ killed mid-write


def _save_forever(folder: Path, *, stall: bool) -> None:
    """The body of a forked writer, which is killed from outside. ``stall``: wait
    between writing the temporary file and renaming it (the window a kill hits)."""
    try:
        if stall:
            real = os.replace

            def slow(src, dst):
                time.sleep(60)
                real(src, dst)

            pg.store.os.replace = slow
        store = pg.ProgressStore(folder, clock=None)
        i = 0
        while True:
            store.record("quiz", f"k{i % 20}", i % 100, False)
            i += 1
    finally:
        os._exit(0)


@POSIX
@pytest.mark.slow  # 50 processes killed mid-write (1.5 to 2 s of CPU); make test runs it
def test_kill_9_during_writes_leaves_a_valid_record_and_no_temporary_file_after_the_next_open(tmp_path):
    pg.ProgressStore(tmp_path, clock=None).record("quiz", "first", 0, True)
    kills, orphans_seen, rng = 50, 0, random.Random(0)
    for n in range(kills):
        pid = os.fork()
        if pid == 0:
            _save_forever(tmp_path, stall=n % 2 == 0)
        time.sleep(rng.uniform(0.02, 0.08))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        orphans_seen += len(_temporaries(tmp_path))
    store = pg.ProgressStore(tmp_path, clock=None)  # the next open cleans up
    left = _temporaries(tmp_path)
    data = pg.read_results(tmp_path / pg.FILE_NAME)
    _report(
        f"{kills} kill -9 during writes ({orphans_seen} temporary files seen before the next open)", kills, len(left)
    )
    assert orphans_seen >= kills // 2, "the kills never hit a write: the test proves nothing"
    assert left == [] and pg.problems(data) == [] and "first" in data["exercises"]["quiz"]
    store.record("quiz", "after", 1, True)
    assert "after" in _answers(tmp_path)


@POSIX
def test_a_live_writers_temporary_file_is_left_alone_and_a_dead_ones_removed(tmp_path):
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        prefix = f".{pg.FILE_NAME}.{pg.files._HOST}"
        names = {
            "live": f"{prefix}-{live.pid}-abc123.tmp",
            "dead": f"{prefix}-{dead.pid}-abc123.tmp",
            "other_host": f".{pg.FILE_NAME}.00000000-{dead.pid}-abc123.tmp",
            "old_style_new": ".progress-x1y2.tmp",
            "old_style_stale": ".progress-z9.tmp",
            "someone_elses": "notes-123.tmp",
        }
        for name in names.values():
            (tmp_path / name).write_text("{")
        stale = time.time() - pg.STALE_TEMP_SECONDS - 60
        os.utime(tmp_path / names["old_style_stale"], (stale, stale))
        (tmp_path / pg.FILE_NAME).write_text("{")  # a store cleans up when there is a record to open
        with pytest.warns(pg.ProgressWarning):
            pg.ProgressStore(tmp_path, clock=None)
        kept = {k for k, name in names.items() if (tmp_path / name).exists()}
        assert kept == {"live", "other_host", "old_style_new", "someone_elses"}
    finally:
        live.kill()
        live.wait()


# ------------------------------------------------------------------ a full disk

FULL_DISK = """
import os, sys, warnings
from iliopsoas_lessons import progress as pg
folder = sys.argv[1]
filler = os.path.join(folder, "filler")
with open(filler, "wb") as f:               # leave a few kilobytes
    f.write(b"x" * (64 * 1024 - 12 * 1024))
store = pg.ProgressStore(folder, clock=None)
given, failed = [], 0
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for i in range(400):
        store.record("quiz", f"d{i % 20}", i % 100, False)
        given.append(i)
    failed = sum("could not be saved" in str(w.message) for w in caught)
    messages = {str(w.message).split(" (")[-1] for w in caught}
valid = pg.problems(pg.read_results(os.path.join(folder, pg.FILE_NAME))) == []
temporaries = [n for n in os.listdir(folder) if n.endswith(".tmp")]
os.remove(filler)                            # room again: the next save writes what was pending
store.record("quiz", "d0", 0, True)
saved = sum(len([r["first"], *r["later"]]) for r in pg.read_results(os.path.join(folder, pg.FILE_NAME))["exercises"]["quiz"].values())
print(f"failed {failed} valid {valid} temporaries {len(temporaries)} saved {saved} given {len(given) + 1}")
print(sorted(messages))
"""


@POSIX
def test_a_full_disk_keeps_the_record_whole_says_why_and_saves_the_answers_later(tmp_path):
    if not shutil.which("unshare"):
        pytest.skip("no unshare(1) here to make a private small disk")
    mount = tmp_path / "small"
    mount.mkdir()
    script = tmp_path / "full_disk.py"
    script.write_text(FULL_DISK)
    probe = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            f"mount -t tmpfs -o size=64k tmpfs {mount} && echo ok",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if probe.returncode != 0:
        pytest.skip(f"this machine does not allow a private tmpfs mount (unshare -m): {probe.stderr.strip()}")
    try:
        run = subprocess.run(
            [
                "unshare",
                "-m",
                "--propagation",
                "private",
                "sh",
                "-c",
                'mount -t tmpfs -o size=64k tmpfs "$1" && exec "$2" "$3" "$1"',
                "sh",
                str(mount),
                sys.executable,
                str(script),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=ENV,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("saving on a full disk hung")
    assert run.returncode == 0, run.stderr
    counts, messages = run.stdout.splitlines()
    words = counts.split()
    got = dict(zip(words[::2], words[1::2]))
    lost = int(got["given"]) - int(got["saved"])
    _report(f"a full 64 KiB disk ({got['failed']} saves refused)", int(got["given"]), lost)
    assert int(got["failed"]) > 0, "the disk never filled: the test proves nothing"
    assert got["valid"] == "True" and got["temporaries"] == "0" and lost == 0
    assert "No space left on device" in messages


# ------------------------------------------------------------------ text that is not Unicode

SURROGATE = "\ud800"


def test_unsavable_text_is_refused_at_the_door_naming_the_argument(tmp_path):
    store = pg.ProgressStore(tmp_path, clock=None)
    with pytest.raises(ValueError, match="pseudonym holds a lone surrogate"):
        store.set_pseudonym(f"Ann{SURROGATE}")
    with pytest.raises(ValueError, match="item holds a lone surrogate"):
        store.record("quiz", f"q{SURROGATE}", 0, True)
    with pytest.raises(ValueError, match="answer holds a lone surrogate"):
        store.record("red_flag_cases", "c1", f"urgent{SURROGATE}", True)
    with pytest.raises(ValueError, match=r"answer\[1\] holds a lone surrogate"):
        store.record("pain_map", "m1", ["groin_left", SURROGATE], True)
    bad_clock = pg.ProgressStore(tmp_path, clock=lambda: f"2026{SURROGATE}")
    with pytest.raises(ValueError, match="clock gave a time that holds a lone surrogate"):
        bad_clock.record("quiz", "q1", 0, True)
    lost = 0
    for i in range(12):
        store.record("quiz", "q1", i, False)
    lost = 12 - len(_answers(tmp_path)["q1"])
    _report("12 answers after refused text", 12, lost)
    assert lost == 0 and store.pseudonym is None


@pytest.mark.parametrize("where", ["pseudonym", "package_version", "at"])
def test_a_stored_lone_surrogate_is_set_aside_and_never_breaks_later_saves(tmp_path, where):
    store = pg.ProgressStore(tmp_path, clock=lambda: "2026-12-01T10:00:00Z")
    store.record("quiz", "q0", 0, True)
    text = (tmp_path / pg.FILE_NAME).read_text(encoding="utf-8")
    data = json.loads(text)
    if where == "at":
        data["exercises"]["quiz"]["q0"]["first"]["at"] = "2026\ud800"
    else:
        data[where] = "x\ud800"
    (tmp_path / pg.FILE_NAME).write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: a \ud800 escape
    with pytest.warns(pg.ProgressWarning, match="could not be read .*lone surrogate.*kept as progress.corrupt-1.json"):
        fresh = pg.ProgressStore(tmp_path, clock=None)
    for i in range(12):
        fresh.record("quiz", "q1", i, False)
    lost = 12 - len(_answers(tmp_path)["q1"])
    _report(f"12 answers after a stored surrogate in {where}", 12, lost)
    assert lost == 0


# ------------------------------------------------------------------ not a regular file

HANG_PROBE = """
import os, sys, warnings
from iliopsoas_lessons import progress as pg
folder = sys.argv[1]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    store = pg.ProgressStore(folder, clock=None)
    for i in range(5):
        store.record("quiz", "q1", i, False)
print(len(store.restore("quiz")["q1"].later) + 1)
print("|".join(str(w.message) for w in caught))
"""


@POSIX
@pytest.mark.parametrize(
    "kind, said",
    [("fifo", "named pipe"), ("dev_zero", "character device"), ("link_to_fifo", "named pipe"), ("huge", "too big")],
)
def test_a_pipe_a_device_or_a_huge_file_is_refused_without_reading_it(tmp_path, kind, said):
    target = tmp_path / pg.FILE_NAME
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev_zero":
        target.symlink_to("/dev/zero")
    elif kind == "link_to_fifo":
        os.mkfifo(tmp_path / "pipe")
        target.symlink_to(tmp_path / "pipe")
    else:
        with open(tmp_path / "sparse", "wb") as f:  # 4 GB that take no room, behind a link
            f.truncate(4 * 1024**3)
        target.symlink_to(tmp_path / "sparse")
    script = tmp_path / "probe.py"
    script.write_text(HANG_PROBE)
    began = time.monotonic()
    run = _run_child(
        f"import runpy, sys; sys.argv = ['probe', {str(tmp_path)!r}]; runpy.run_path({str(script)!r})", timeout=60
    )
    assert run.returncode == 0, run.stderr
    saved, messages = run.stdout.splitlines()
    _report(f"progress.json is a {kind}", 5, 5 - int(saved))
    assert int(saved) == 5 and said in messages and "kept as progress.corrupt-1.json" in messages
    assert time.monotonic() - began < 30
    assert stat.S_ISREG(os.stat(target).st_mode)


@POSIX
def test_read_results_refuses_a_pipe_at_once(tmp_path):
    os.mkfifo(tmp_path / "x.json")
    run = _run_child(
        f"""
        from iliopsoas_lessons import progress as pg
        try:
            pg.read_results({str(tmp_path / 'x.json')!r})
        except ValueError as e:
            print(e)
        """,
        timeout=30,
    )
    assert "named pipe, not a regular file, so it was not opened" in run.stdout


@POSIX
def test_a_lock_file_that_is_a_pipe_stops_saving_with_a_message_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / pg.LOCK_NAME)
    run = _run_child(
        f"""
        import warnings
        from iliopsoas_lessons import progress as pg
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            store = pg.ProgressStore({str(tmp_path)!r}, clock=None)
            store.record("quiz", "q1", 0, True)
        print(store.restore("quiz")["q1"].first.answer, [str(w.message) for w in caught])
        """,
        timeout=30,
    )
    assert run.returncode == 0, run.stderr
    assert "could not be saved" in run.stdout and "not a regular file" in run.stdout
    assert run.stdout.startswith("0 ")  # the answer stays in the lesson, to be saved later


def test_a_lock_held_too_long_is_a_clear_notice_and_the_answer_is_saved_next_time(tmp_path):
    store = pg.ProgressStore(tmp_path, clock=None, lock_timeout=0.2)
    store.record("quiz", "q1", 0, True)
    with pg.files.locked(tmp_path, pg.LOCK_NAME, 5):
        with pytest.warns(pg.ProgressWarning, match="could not be saved .*locked for over 0.2 s"):
            store.record("quiz", "q1", 1, False)
    assert store.restore("quiz")["q1"].attempts == 2  # kept in the lesson meanwhile
    store.record("quiz", "q1", 2, False)
    assert _answers(tmp_path) == {"q1": [0, 1, 2]}


# ------------------------------------------------------------------ the small rules


def _record(tmp_path) -> dict:
    pg.ProgressStore(tmp_path, clock=None).record("quiz", "q1", 0, True)
    return json.loads((tmp_path / pg.FILE_NAME).read_text(encoding="utf-8"))


def test_keys_and_ids_with_a_trailing_newline_are_refused(tmp_path):
    good = _record(tmp_path)
    store = pg.ProgressStore(tmp_path, clock=None)
    with pytest.raises(ValueError, match="item must be a key"):
        store.record("quiz", "q1\n", 0, True)
    with pytest.raises(ValueError, match="a case answer must be a level key"):
        store.record("red_flag_cases", "c1", "urgent\n", True)
    with pytest.raises(ValueError, match="a pain-map answer must be a list of region keys"):
        store.record("pain_map", "m1", ["groin_left\n"], True)
    assert pg.problems({**good, "learner_id": good["learner_id"] + "\n"}) == [
        "'learner_id' must be 32 lower-case hex digits"
    ]
    assert pg.problems({**good, "exercises": {"quiz": {"q1\n": good["exercises"]["quiz"]["q1"]}}})


@pytest.mark.parametrize("version", [True, 1.0, "1", None])
def test_schema_version_must_be_the_whole_number(tmp_path, version):
    good = _record(tmp_path)
    assert pg.problems(good) == []
    assert pg.problems({**good, "schema_version": version}) == [
        f"'schema_version' must be a whole number (this package reads 1), not {version!r}"
    ]


@pytest.mark.parametrize(
    "codec, bom",
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
    ],
)
def test_honest_files_saved_with_a_byte_order_mark_are_read(tmp_path, codec, bom):
    good = _record(tmp_path / "made")
    good["pseudonym"] = "Zoë 鷺"
    path = tmp_path / "handed-in.json"
    path.write_bytes(bom + json.dumps(good, ensure_ascii=False).encode(codec))
    assert pg.read_results(path) == good


def test_a_bad_byte_order_marked_file_is_refused_saying_so(tmp_path):
    (tmp_path / "x.json").write_bytes(b"\xff\xfe{\x00\x00\xd8")  # UTF-16 with a lone surrogate
    with pytest.raises(ValueError, match="not valid UTF-8 or UTF-16 text"):
        pg.read_results(tmp_path / "x.json")


@pytest.mark.parametrize(
    "call, said",
    [
        (lambda s: s.record("quiz", "q1", 0, "false"), "correct must be True or False, not 'false'"),
        (lambda s: s.record("quiz", "q1", 0, 1), "correct must be True or False, not 1"),
        (lambda s: s.record("quiz", "q1", 0, None), "correct must be True or False"),
        (lambda s: s.record("quiz", "q1", True, True), "option index 0-99 \\(a whole number\\)"),
        (lambda s: s.record("quiz", "q1", 1.0, True), "option index"),
        (lambda s: s.record("quiz", "q1", 100, True), "0-99"),
        (lambda s: s.record("quiz", "q1", -1, True), "0-99"),
        (lambda s: s.record("red_flag_cases", "c1", 3, True), "level key \\(a key: letters, digits"),
        (
            lambda s: s.record("pain_map", "m1", "groin_left", True),
            "list of region keys \\(at most 100 keys in a list or tuple",
        ),
        (
            lambda s: s.record("pain_map", "m1", {"groin_left"}, True),
            "list of region keys \\(at most 100 keys in a list or tuple",
        ),
        (lambda s: s.record("pain_map", "m1", ["a"] * 101, True), "at most 100"),
        (lambda s: s.record(["quiz"], "q1", 0, True), "choose one of: quiz, red_flag_cases, pain_map"),
        (lambda s: s.record("quiz", 7, 0, True), "item must be a key"),
        (lambda s: s.record("quiz", "", 0, True), "item must be a key"),
        (lambda s: s.record("quiz", "x" * 81, 0, True), "at most 80"),
        (lambda s: s.restore("essay"), "choose one of: quiz, red_flag_cases, pain_map"),
        (lambda s: s.set_pseudonym(7), "pseudonym must be text or None"),
        (lambda s: s.export(None), "path must be a file path"),
        (lambda s: pg.ProgressStore(3), "folder must be a path"),
        (lambda s: pg.ProgressStore(clock="now"), "clock must be a function"),
        (lambda s: pg.resolve_store(True), "None .* False .* or a ProgressStore"),
    ],
)
def test_bad_calls_are_refused_with_an_error_naming_the_choices(tmp_path, call, said):
    store = pg.ProgressStore(tmp_path, clock=None)
    with pytest.raises(ValueError, match=said):
        call(store)
    assert not (tmp_path / pg.FILE_NAME).exists()


def test_an_unreadable_file_that_cannot_be_moved_aside_is_never_written_over(tmp_path, monkeypatch):
    (tmp_path / pg.FILE_NAME).write_bytes(b"{ not json")
    real = os.replace

    def refuse_corrupt(src, dst):
        if "corrupt" in str(dst):
            raise OSError("read-only here")
        real(src, dst)

    monkeypatch.setattr(pg.store.os, "replace", refuse_corrupt)
    with pytest.warns(pg.ProgressWarning) as caught:
        store = pg.ProgressStore(tmp_path, clock=None)
        store.record("quiz", "q1", 0, True)
    said = " ".join(str(w.message) for w in caught)
    assert "could not be moved aside (read-only here)" in said and "could not be saved" in said
    assert (tmp_path / pg.FILE_NAME).read_bytes() == b"{ not json"
    assert store.restore("quiz")["q1"].first.answer == 0  # kept in the lesson meanwhile
