"""A learner's saved progress (iliopsoas_lessons/progress.py), driven as a
learner would: answer, close the kernel, come back; crash mid-write; find the
file corrupt; start over; download the copy to hand in.

Every test runs with its own ILIOPSOAS_LESSONS_DATA (tests/conftest.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from iliopsoas_lessons import progress as pg
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.widgets.state import PainMapState, QuizState, RedFlagCasesState

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "iliopsoas_lessons" / "content" / "schemas" / "progress" / "results.schema.json"


def _schema_errors(data) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [e.message for e in validator.iter_errors(data)]


def _saved(folder: Path) -> dict:
    return json.loads((folder / pg.FILE_NAME).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ where and what


def test_the_folder_is_the_environment_variable_else_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(pg.ENV_VAR, str(tmp_path / "mine"))
    assert pg.data_folder() == tmp_path / "mine"
    monkeypatch.delenv(pg.ENV_VAR)
    import platformdirs

    assert pg.data_folder() == Path(platformdirs.user_data_dir("iliopsoas-lessons", appauthor=False))


def test_the_tests_never_use_the_real_user_folder(_learner_data):
    assert pg.data_folder() == _learner_data
    assert pg.default_store().path.parent == _learner_data


def test_opening_a_lesson_writes_nothing_and_an_answer_writes_a_valid_file(_learner_data):
    quiz = QuizState()
    assert not (_learner_data / pg.FILE_NAME).exists()
    first = ld.questions()[0]
    wrong = next(i for i in range(len(first.options)) if i != first.answer)
    quiz.choose(wrong)
    quiz.choose(first.answer)
    data = _saved(_learner_data)
    assert _schema_errors(data) == [] and pg.problems(data) == []
    record = data["exercises"]["quiz"][first.key]
    assert record["first"]["answer"] == wrong and record["first"]["correct"] is False
    assert [a["answer"] for a in record["later"]] == [first.answer] and record["later"][0]["correct"] is True
    assert data["pseudonym"] is None and len(data["learner_id"]) == 32
    assert data["package_version"] == __import__("iliopsoas_lessons").__version__


def test_times_are_optional_so_tests_stay_deterministic(tmp_path):
    store = pg.ProgressStore(tmp_path, clock=None)
    store.record("red_flag_cases", "x1", "routine", False)
    assert "at" not in _saved(tmp_path)["exercises"]["red_flag_cases"]["x1"]["first"]
    timed = pg.ProgressStore(tmp_path / "t", clock=lambda: "2026-12-01T10:00:00Z")
    timed.record("red_flag_cases", "x1", "routine", False)
    assert _saved(tmp_path / "t")["exercises"]["red_flag_cases"]["x1"]["first"]["at"] == "2026-12-01T10:00:00Z"


def test_bad_answers_are_refused_naming_what_is_expected(tmp_path):
    store = pg.ProgressStore(tmp_path, clock=None)
    with pytest.raises(ValueError, match="choose one of: quiz, red_flag_cases, pain_map"):
        store.record("essay", "a", 1, True)
    with pytest.raises(ValueError, match="option index"):
        store.record("quiz", "a", "B", True)
    with pytest.raises(ValueError, match="is not|must be a key"):
        store.record("quiz", "<b>a</b>", 1, True)
    with pytest.raises(ValueError, match="at most 60"):
        store.set_pseudonym("x" * 61)
    assert not (tmp_path / pg.FILE_NAME).exists()


# ------------------------------------------------------------------ the hooks in the exercise states


def test_a_virtual_case_path_is_kept_as_a_list_and_a_bad_path_is_refused(tmp_path):
    store = pg.ProgressStore(tmp_path, clock=None)
    path = ("ask_a", "go_decide", "dec_best")
    store.record("virtual_cases", "case_a", path, True)
    assert _saved(tmp_path)["exercises"]["virtual_cases"]["case_a"]["first"] == {"answer": list(path), "correct": True}
    assert tuple(store.restore("virtual_cases")["case_a"].first.answer) == path
    with pytest.raises(ValueError, match=f"at most {pg.MAX_PATH} keys"):
        store.record("virtual_cases", "case_a", ["ask_a"] * (pg.MAX_PATH + 1), False)
    with pytest.raises(ValueError, match="list of the chosen keys"):
        store.record("virtual_cases", "case_a", "ask_a", False)
    assert pg.problems(_saved(tmp_path)) == []


def test_each_exercise_restores_its_answers_and_score_when_built_again():
    quiz, cases, pain = QuizState(), RedFlagCasesState(), PainMapState()
    q0, c0 = quiz.question, cases.case
    quiz.choose(q0.answer)
    quiz.next().choose((quiz.question.answer + 1) % len(quiz.question.options))
    cases.answer(c0.urgency)
    pain.set_marked(pain.answer[:2]).check()

    quiz2, cases2, pain2 = QuizState(), RedFlagCasesState(), PainMapState()
    assert (
        quiz2.answers == quiz.answers
        and quiz2.score_text == quiz.score_text == f"First try: 1 of {quiz.count} correct (2 answered)"
    )
    assert quiz2.chosen == q0.answer and quiz2.feedback.correct
    assert cases2.triage(c0.key) == "right" and cases2.score == 1
    assert pain2.marked == pain.marked and pain2.checked and pain2.result == pain.result


def test_a_lesson_quiz_restores_only_its_own_questions_and_progress_false_keeps_nothing(_learner_data):
    everything = QuizState()
    everything.go_to(len(everything.items) - 1).choose(0)
    last = everything.question
    lesson = QuizState(ld.questions()[0].lesson)
    assert last.key not in lesson.keys and lesson.answers == {}
    silent = QuizState(progress=False)
    assert silent.answers == {}
    before = _saved(_learner_data)
    silent.choose(1)
    assert _saved(_learner_data) == before
    with pytest.raises(ValueError, match="None .* False .* or a ProgressStore"):
        QuizState(progress="yes")


def test_a_saved_answer_the_content_no_longer_offers_is_not_restored(tmp_path):
    store = pg.ProgressStore(tmp_path, clock=None)
    q = ld.questions()[0]
    store.record("quiz", q.key, 99, False)  # an option this question does not have
    store.record("pain_map", "back_pain_referral", ["elbow_left"], False)
    assert QuizState(progress=store).answers == {}
    assert PainMapState(progress=store).marked == ()


@pytest.mark.slow  # two kernels, one after the other (about 8 s); make test runs it
def test_an_answer_is_restored_in_a_new_kernel(_learner_data):
    """Two kernels, one after the other, as a learner closing and reopening lesson 05."""
    import nbformat
    from nbclient import NotebookClient

    def run(*sources):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
        NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=False).execute()
        return "".join(o.get("text", "") for c in nb.cells for o in c.outputs)

    env_ok = "import os; assert os.environ['ILIOPSOAS_LESSONS_DATA'] == " + repr(str(_learner_data))
    run(
        env_ok,
        "from iliopsoas_lessons.widgets import Quiz, RedFlagCases\n"
        # what the page sends: Next, then the option stored as 2, wherever it is shown
        "q = Quiz(); q.widget.index = 1; q.widget.attempts = {q.state.items[1].key: [2]}\n"
        "r = RedFlagCases(); r.widget.attempts = {r.state.items[0].key: ['emergency']}",
    )
    shown = run(
        "from iliopsoas_lessons.widgets import Quiz, RedFlagCases\n"
        "q = Quiz(); q.go_to(1)\n"
        "print(q.state.chosen == 2, q.state.score_text)\n"
        "r = RedFlagCases(); print(r.widget.attempts == {r.state.items[0].key: ['emergency']}, "
        "q.widget.attempts == {q.state.items[1].key: [2]})"
    )
    answered = ld.questions()[1]
    score = f"First try: {int(answered.answer == 2)} of {len(ld.questions())} correct (1 answered)"
    assert shown.splitlines() == [f"True {score}", "True True"]  # the pages get the answers back


# ------------------------------------------------------------------ crashes and corrupt files


def test_a_failed_rename_leaves_the_previous_file_whole_and_no_temporary_file(tmp_path, monkeypatch):
    store = pg.ProgressStore(tmp_path, clock=None)
    store.record("quiz", "q1", 0, True)
    before = (tmp_path / pg.FILE_NAME).read_bytes()

    def crash(src, dst):
        raise OSError("power cut")

    monkeypatch.setattr(pg.store.os, "replace", crash)
    with pytest.warns(pg.ProgressWarning, match="could not be saved"):
        store.record("quiz", "q2", 1, False)
    assert (tmp_path / pg.FILE_NAME).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [pg.LOCK_NAME, pg.FILE_NAME]


def test_a_process_killed_between_write_and_rename_leaves_the_previous_file_intact(tmp_path):
    store = pg.ProgressStore(tmp_path, clock=None)
    store.record("quiz", "q1", 0, True)
    before = (tmp_path / pg.FILE_NAME).read_bytes()
    script = textwrap.dedent(f"""
        import os, signal
        from iliopsoas_lessons import progress as pg
        store = pg.ProgressStore({str(tmp_path)!r}, clock=None)
        def killed(src, dst):                      # the new file is written and synced; die before the rename
            assert os.path.getsize(src) > 0
            os.kill(os.getpid(), signal.SIGKILL)
        pg.store.os.replace = killed
        store.record("quiz", "q2", 1, False)
    """)
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path])},
    )
    assert run.returncode == -9, run.stderr
    assert (tmp_path / pg.FILE_NAME).read_bytes() == before
    assert pg.ProgressStore(tmp_path).restore("quiz").keys() == {"q1"}


@pytest.mark.parametrize(
    "content, why",
    [
        (b'{"format": "iliopsoas-lessons-res', "not valid JSON"),
        (b"\xff\xfe not text", "not valid UTF-8"),
        (b'{"format": "iliopsoas-lessons-results", "schema_version": 99}', "another version"),
        (b"[" * 100_000 + b"]" * 100_000, "nested deeper|too big"),
        (b'{"a": 1, "a": 2}', "twice"),
    ],
)
def test_an_unreadable_file_is_set_aside_never_deleted_and_the_lesson_goes_on(_learner_data, content, why):
    (_learner_data / pg.FILE_NAME).write_bytes(content)
    (_learner_data / "progress.corrupt-1.json").write_bytes(b"an earlier one")
    with pytest.warns(pg.ProgressWarning, match=f"could not be read \\(.*({why}).*kept as progress.corrupt-2.json"):
        quiz = QuizState()
    assert quiz.answers == {}
    assert (_learner_data / "progress.corrupt-2.json").read_bytes() == content
    assert (_learner_data / "progress.corrupt-1.json").read_bytes() == b"an earlier one"
    quiz.choose(0)
    assert pg.problems(_saved(_learner_data)) == []


def test_the_schema_and_the_checker_refuse_the_same_broken_records(tmp_path):
    store = pg.ProgressStore(tmp_path, clock=None)
    store.record("quiz", "q1", 0, True)
    store.record("pain_map", "back_pain_referral", ["groin_left"], False)
    store.record("virtual_cases", "case_a", ["ask_a", "go_decide", "dec_best"], True)
    good = _saved(tmp_path)
    broken = {
        "another format": lambda d: d.update(format="x"),
        "another version": lambda d: d.update(schema_version=2),
        "an unknown field": lambda d: d.update(name="Ann"),
        "a learner id that is not hex": lambda d: d.update(learner_id="<script>"),
        "markup in an item key": lambda d: d["exercises"]["quiz"].update({"<b>x</b>": d["exercises"]["quiz"]["q1"]}),
        "text for a quiz answer": lambda d: d["exercises"]["quiz"]["q1"]["first"].update(answer="<i>A</i>"),
        "true for a quiz answer": lambda d: d["exercises"]["quiz"]["q1"]["first"].update(answer=True),
        "a number for correct": lambda d: d["exercises"]["quiz"]["q1"]["first"].update(correct=1),
        "markup in a region key": lambda d: d["exercises"]["pain_map"]["back_pain_referral"]["first"].update(
            answer=["<img src=x>"]
        ),
        "markup in a case path": lambda d: d["exercises"]["virtual_cases"]["case_a"]["first"].update(
            answer=["ask_a", "<b>x</b>"]
        ),
        "a text for a case path": lambda d: d["exercises"]["virtual_cases"]["case_a"]["first"].update(answer="ask_a"),
        "a case path too long": lambda d: d["exercises"]["virtual_cases"]["case_a"]["first"].update(
            answer=["ask_a"] * (pg.MAX_PATH + 1)
        ),
        "no later list": lambda d: d["exercises"]["quiz"]["q1"].pop("later"),
        "an unknown exercise": lambda d: d["exercises"].update(essay={}),
        "a long pseudonym": lambda d: d.update(pseudonym="x" * 61),
    }
    assert _schema_errors(good) == [] and pg.problems(good) == []
    for what, change in broken.items():
        data = json.loads(json.dumps(good))
        change(data)
        assert pg.problems(data), f"the checker accepts {what}"
        assert _schema_errors(data), f"the schema accepts {what}"


# ------------------------------------------------------------------ the learner's controls


def test_start_over_asks_first_and_keeps_the_old_file_as_a_backup(_learner_data, tmp_path):
    from iliopsoas_lessons.widgets._state_progress import DOWNLOAD_NAME, LearnerControlsState

    QuizState().choose(0)
    controls = LearnerControlsState(folder=tmp_path)
    controls.set_pseudonym("  Heron   7 ")
    assert controls.store.pseudonym == "Heron 7" and "1 item" in controls.summary and "Heron 7" in controls.summary
    copy = controls.make_download()
    assert copy == tmp_path / DOWNLOAD_NAME and json.loads(copy.read_text()) == _saved(_learner_data)
    with pytest.raises(RuntimeError, match="Start over first"):
        controls.confirm_start_over()
    saved = (_learner_data / pg.FILE_NAME).read_bytes()
    controls.ask_start_over()
    assert controls.confirming and "backup" in controls.message
    controls.cancel()
    assert (_learner_data / pg.FILE_NAME).read_bytes() == saved
    controls.ask_start_over()
    backup = controls.confirm_start_over()
    assert backup == _learner_data / "progress.backup-1.json" and backup.read_bytes() == saved
    assert QuizState().answers == {} and controls.store.pseudonym == "Heron 7"
    assert "0 items" in controls.summary


def test_my_results_sends_the_page_the_record_and_answers_its_requests(_learner_data, tmp_path):
    """The anywidget's kernel side: the record as saved now, a pseudonym, a
    download (of the record as saved now), a start-over with its backup named,
    and an unknown request refused, naming the requests there are."""
    from iliopsoas_lessons.widgets import MyResults

    QuizState().choose(0)
    widget = MyResults(folder=tmp_path)
    page = widget.widget
    assert page.record == _saved(_learner_data) and page.unsaved is False and page.notices == []
    widget._on_msg(page, {"action": "pseudonym", "name": "  <b>Kestrel</b> "})
    assert page.reply == {"action": "pseudonym", "backup": None, "error": None, "n": 1}
    assert (
        page.record["pseudonym"] == "<b>Kestrel</b>" == _saved(_learner_data)["pseudonym"]
    )  # the page shows it as text
    other = pg.ProgressStore(_learner_data)  # another lesson open at once answers
    other.record("quiz", "another_item", 1, correct=False)
    widget._on_msg(page, {"action": "download"})
    assert page.reply["action"] == "download" and page.record == _saved(_learner_data)
    assert set(page.record["exercises"]["quiz"]) == {QuizState().question.key, "another_item"}
    widget._on_msg(page, {"action": "clear"})
    assert page.reply == {"action": "clear", "backup": "progress.backup-1.json", "error": None, "n": 3}
    assert page.record["exercises"] == {} and page.record["pseudonym"] == "<b>Kestrel</b>"
    QuizState().choose(1)  # an answer in this kernel shows at once, with no request from the page
    assert page.record["exercises"]["quiz"][QuizState().question.key]["first"]["answer"] is not None
    assert page.record == _saved(_learner_data)
    widget._on_msg(page, {"action": "delete everything"})
    assert page.reply["error"].endswith("the requests are: refresh, pseudonym, download, clear")
    widget._on_msg(page, {"action": "pseudonym", "name": "x" * (pg.MAX_PSEUDONYM + 1)})
    assert "at most 60 characters" in page.reply["error"] and page.record["pseudonym"] == "<b>Kestrel</b>"


def test_my_results_lists_every_lessons_exercise_items():
    """What the page scores: each lesson with exercises, its items as the record
    keys them, and the words of each answer."""
    import iliopsoas_lessons as il
    from iliopsoas_lessons.widgets._state_progress import lesson_items

    course = il.course()
    lessons = {lesson["key"]: lesson for lesson in lesson_items(course)}
    quiz = {(i["exercise"], i["key"]) for lesson in lessons.values() for i in lesson["items"]}
    assert {("quiz", q.key) for q in ld.questions()} <= quiz
    assert {("red_flag_cases", c.key) for c in ld.cases()} <= {
        (i["exercise"], i["key"]) for i in lessons["04_red_flags"]["items"]
    }
    assert {("virtual_cases", c.key) for c in course.cases} == {
        (i["exercise"], i["key"]) for i in lessons["06_cases"]["items"]
    }
    question = ld.questions("05_review")[0]
    item = next(i for i in lessons["05_review"]["items"] if i["key"] == question.key)
    assert item["answers"] == {str(n): o.text for n, o in enumerate(question.options)}
    assert all(lesson["items"] for lesson in lessons.values())
