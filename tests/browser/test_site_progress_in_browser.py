"""A learner's progress on the course website, kept in their own browser
(iliopsoas_lessons/sitewidgets/progress.py, static/site-progress.js and the
results module, widgets/static/results.js, that My results is in every host).

The exercises call ``window.ilSiteProgress.record(...)`` with the arguments
``ProgressStore.record`` takes; here the test calls it as they do. Then, as a
learner: the review lesson's "My results" shows the answers after a reload,
"Download my results" saves a file that ``progress.problems()`` accepts and
the class report reads, and "Forget my results on this device" asks first. A
stored value that is not a record is set aside with a message, never lost. The
page's texts are compared with the Python state's, driven with the same
answers; no request leaves the site (conftest.py's ``phone``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

import iliopsoas_lessons as il
from iliopsoas_lessons import progress as pg
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.report import tally
from iliopsoas_lessons.report.collect import collect
from iliopsoas_lessons.sitewidgets.progress import PLACE_NAME, STORAGE_KEY
from iliopsoas_lessons.widgets._state_progress import DOWNLOAD_NAME, LearnerControlsState
from test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = '.il-site-widget[data-kind="anywidget"][data-ready="true"]:has(.il-my-results)'


def _answers() -> list[tuple[str, str, object, bool]]:
    """A few checked answers, as the exercises record them: a quiz item wrong then
    right, a red-flag case at a level it does not need, a pain map."""
    question = ld.questions()[0]
    wrong = next(i for i in range(len(question.options)) if i != question.answer)
    case = next(iter(ld.cases()))
    level = next(k for k in il.urgency_levels().keys() if k != case.urgency)
    pain_map = next(iter(ld.lesson_data().pain_maps))
    marked = sorted(pain_map.answer)[:2]
    return [
        ("quiz", question.key, wrong, False),
        ("quiz", question.key, question.answer, True),
        ("red_flag_cases", case.key, level, False),
        ("pain_map", pain_map.key, marked, False),
    ]


def _python_controls(tmp_path: Path, answers, pseudonym: str | None) -> LearnerControlsState:
    """The Python widget's state with the same answers: the texts the page must show."""
    store = pg.ProgressStore(tmp_path / "python", clock=None)
    for args in answers:
        store.record(*args)
    if pseudonym:
        store.set_pseudonym(pseudonym)
    return LearnerControlsState(store=store, folder=tmp_path, place="browser")


def _open_my_results(page, site_url):
    page.goto(f"{site_url}/05_review.html", wait_until="load")
    mine = page.locator(READY)
    expect(mine).to_be_visible()
    return mine


def _readable_on_a_phone(page, mine):
    """No sideways scrolling, every button big enough to tap, text from the start edge, axe content."""
    page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth + 1")
    sizes = mine.get_by_role("button").evaluate_all("bs => bs.map(b => b.getBoundingClientRect().height)")
    assert len(sizes) == 5 and min(sizes) >= 44, sizes
    assert mine.locator(".il-results-summary").evaluate("p => getComputedStyle(p).textAlign") == "start"
    assert blocking_violations(page) == []


def test_answers_survive_a_reload_and_download_as_a_file_the_report_reads(phone, site_url, tmp_path):
    page, outside = phone
    answers = _answers()
    mine = _open_my_results(page, site_url)
    empty = _python_controls(tmp_path / "empty", [], None)
    expect(mine.locator(".il-results-summary")).to_have_text(empty.summary)
    expect(mine).to_contain_text("Saved in this browser only")
    for args in answers:
        assert page.evaluate("args => window.ilSiteProgress.record(...args) !== null", list(args))

    page.reload(wait_until="load")
    mine = page.locator(READY)
    python = _python_controls(tmp_path, answers, None)
    expect(mine.locator(".il-results-summary")).to_have_text(python.summary)  # "... your answers to 3 items ..."
    mine.get_by_role("textbox", name="Pseudonym").fill("  Héron   7 ")
    mine.get_by_role("button", name="Save pseudonym").click()
    python.set_pseudonym("  Héron   7 ")
    expect(mine.get_by_role("status")).to_have_text(python.message)
    expect(mine.locator(".il-results-summary")).to_have_text(python.summary)

    with page.expect_download() as saved:
        mine.get_by_role("button", name="Download my results").click()
    expect(mine.get_by_role("status")).to_have_text(python.place.download_ready.format(name=DOWNLOAD_NAME))
    download = saved.value
    assert download.suggested_filename == DOWNLOAD_NAME
    path = tmp_path / "handed-in" / DOWNLOAD_NAME
    download.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert pg.problems(data) == []
    assert pg.read_results(path) == data  # the package's strict reader: no member twice, no NaN
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"  # as progress.py writes it
    assert page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})") == text  # what the browser keeps
    assert data["package_version"] == il.__version__ and data["pseudonym"] == "Héron 7"
    # the same attempts as the Python store keeps for the same answers (which has no clock), each with its time
    times = [
        a.pop("at")
        for items in data["exercises"].values()
        for rec in items.values()
        for a in (rec["first"], *rec["later"])
    ]
    assert data["exercises"] == python.store.data["exercises"]
    assert len(times) == len(answers) and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", t) for t in times)

    class_files = collect([path.parent])
    assert class_files.skipped == [] and class_files.learners == 1
    question, case, pain_map = answers[0][1], answers[2][1], answers[3][1]
    row = next(r for r in tally.question_rows(class_files.records) if r.key == question)
    assert (row.answered, row.correct_first) == (1, 0)  # the first try counts, not the second
    assert next(r for r in tally.case_rows(class_files.records) if r.key == case).answered == 1
    marked = {r.region for r in tally.pain_map_rows(class_files.records) if r.exercise == pain_map and r.marked}
    assert marked == set(answers[3][2])

    page.wait_for_load_state("networkidle")
    assert outside == [], f"the page asked for {outside}"


def test_forget_asks_first_and_clears_this_browser(phone, site_url, tmp_path):
    page, outside = phone
    answers = _answers()
    mine = _open_my_results(page, site_url)
    for args in answers:
        page.evaluate("args => window.ilSiteProgress.record(...args)", list(args))
    python = _python_controls(tmp_path, answers, None)
    expect(mine.locator(".il-results-summary")).to_have_text(python.summary)  # updated as answers come in
    forget = mine.get_by_role("button", name="Forget my results on this device")
    confirm = mine.get_by_role("button", name="Yes, forget them")
    expect(confirm).to_be_hidden()
    forget.click()
    expect(mine.get_by_role("status")).to_have_text(python.ask_start_over())
    expect(confirm).to_be_focused()
    _readable_on_a_phone(page, mine)
    mine.get_by_role("button", name="Cancel").click()
    expect(mine.get_by_role("status")).to_have_text(python.cancel())
    expect(confirm).to_be_hidden()
    page.reload(wait_until="load")
    mine = page.locator(READY)
    expect(mine.locator(".il-results-summary")).to_have_text(python.summary)  # nothing was changed

    forget.press("Enter")
    confirm.press("Enter")
    python.ask_start_over()
    python.confirm_start_over()  # the Python store's backup goes unmentioned in the browser's words
    expect(mine.get_by_role("status")).to_have_text(python.message)
    expect(mine.locator(".il-results-summary")).to_have_text(_python_controls(tmp_path / "empty", [], None).summary)
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith({json.dumps(STORAGE_KEY)}))") == []
    page.wait_for_load_state("networkidle")
    assert outside == []


def test_a_stored_value_that_is_not_a_record_is_set_aside_with_a_message(phone, site_url):
    page, outside = phone
    foreign = {"format": "someone-elses-app", "scores": [1, 2]}
    page.goto(f"{site_url}/03_symptoms.html", wait_until="load")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, "{half a record"])
    page.reload(wait_until="load")
    notice = page.locator("#il-progress-notices")
    expect(notice).to_contain_text(f"Your saved progress in {PLACE_NAME} could not be read (not valid JSON")
    expect(notice).to_contain_text(f"it was kept as {STORAGE_KEY}.corrupt-1. The lesson goes on with a fresh record.")
    expect(page.locator(".il-site-widget[data-ready]").first).to_have_attribute("data-ready", "true")
    assert blocking_violations(page) == []

    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(foreign)])
    _open_my_results(page, site_url)
    where = pg.KEPT_AS.format(name=f"{STORAGE_KEY}.corrupt-2")
    expected = pg.SET_ASIDE_MESSAGE.format(place=PLACE_NAME, why=pg.problems(foreign)[0], where=where)
    expect(page.locator("#il-progress-notices")).to_have_text(expected)
    kept = page.evaluate(f"[1, 2].map(n => localStorage.getItem({json.dumps(STORAGE_KEY)} + '.corrupt-' + n))")
    assert kept == ["{half a record", json.dumps(foreign)]  # both kept as they were

    assert page.evaluate("window.ilSiteProgress.record('quiz', 'what_lessons_do', 1, true) !== null")
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})"))
    assert pg.problems(stored) == [] and list(stored["exercises"]) == ["quiz"]
    expect(page.locator(f"{READY} .il-results-summary")).to_contain_text("your answers to 1 item.")
    page.wait_for_load_state("networkidle")
    assert outside == []


def _broken_records() -> dict[str, dict]:
    good = {
        "format": pg.FORMAT,
        "schema_version": pg.SCHEMA_VERSION,
        "package_version": "0.1.0",
        "learner_id": "0" * 32,
        "pseudonym": None,
        "exercises": {"quiz": {"q1": {"first": {"answer": 1, "correct": False}, "later": []}}},
    }
    changes = {
        "good": {},
        "a list": None,
        "another format": {"format": "other"},
        "another version": {"schema_version": 2},
        "true for the version": {"schema_version": True},
        "text for the version": {"schema_version": "1"},
        "an id with a trailing newline": {"learner_id": "0" * 32 + "\n"},
        "an item key with a trailing newline": {
            "exercises": {"quiz": {"q1\n": {"first": {"answer": 1, "correct": True}, "later": []}}}
        },
        "an unknown field": {"email": "a@b.c"},
        "a short id": {"learner_id": "abc"},
        "a long pseudonym": {"pseudonym": "x" * (pg.MAX_PSEUDONYM + 1)},
        "an unknown exercise": {"exercises": {"essay": {}}},
        "a bad item key": {"exercises": {"quiz": {"<b>": {"first": {"answer": 1, "correct": True}, "later": []}}}},
        "no later list": {"exercises": {"quiz": {"q1": {"first": {"answer": 1, "correct": True}}}}},
        "too many attempts": {
            "exercises": {
                "quiz": {
                    "q1": {"first": {"answer": 1, "correct": True}, "later": [{"answer": 1, "correct": True}] * 201}
                }
            }
        },
        "a quiz answer too big": {
            "exercises": {"quiz": {"q1": {"first": {"answer": pg.MAX_OPTIONS, "correct": True}, "later": []}}}
        },
        "markup in a region": {
            "exercises": {"pain_map": {"m": {"first": {"answer": ["<img>"], "correct": True}, "later": []}}}
        },
        "a number for correct": {
            "exercises": {"red_flag_cases": {"c": {"first": {"answer": "x", "correct": 1}, "later": []}}}
        },
        "too deep": {
            "pseudonym": None,
            "exercises": {"quiz": {"q1": {"first": {"answer": [[[[[1]]]]], "correct": True}, "later": []}}},
        },
    }
    return {what: ([] if change is None else good | change) for what, change in changes.items()}


def test_the_page_checks_a_record_as_progress_problems_does(phone, site_url, tmp_path):
    page, outside = phone
    page.goto(f"{site_url}/index.html", wait_until="load")
    expect(page.locator("body")).to_be_visible()
    page.wait_for_function("window.ilSiteProgress !== undefined")
    records = _broken_records()
    found = page.evaluate(
        "records => Object.fromEntries(Object.entries(records).map("
        "([what, r]) => [what, window.ilSiteProgress.problems(r)]))",
        records,
    )
    assert found == {what: pg.problems(r) for what, r in records.items()}
    assert found["good"] == [] and all(found[w] for w in records if w != "good")
    # what ProgressStore.record refuses, the page refuses too (and the page goes on)
    refused = [
        ("essay", "q1", 0, True),
        ("quiz", "<b>", 0, True),
        ("quiz", "q1", pg.MAX_OPTIONS, True),
        ("red_flag_cases", "c1", "<b>", False),
        ("pain_map", "m1", ["a"] * (pg.MAX_REGIONS + 1), False),
    ]
    store = pg.ProgressStore(tmp_path, clock=None)
    for args in refused:
        with pytest.raises(ValueError):
            store.record(*args)
        assert page.evaluate("args => window.ilSiteProgress.record(...args)", list(args)) is None, args
    assert page.evaluate("window.ilSiteProgress.answered()") == 0
    assert outside == []


def test_a_quiz_answer_on_the_page_shows_in_my_results(phone, site_url, tmp_path):
    """The whole way, as a learner goes: answer the review quiz's first question on
    the page, and My results on the same page counts it, then after a reload."""
    page, outside = phone
    mine = _open_my_results(page, site_url)
    quiz = page.locator('.il-site-widget[data-kind="anywidget"]:has(.il-quiz)')
    expect(quiz).to_have_attribute("data-ready", "true")
    quiz.locator(".il-exercise-option").first.click()
    one = _python_controls(tmp_path, [("quiz", "any_item", 0, True)], None).summary
    expect(mine.locator(".il-results-summary")).to_have_text(one)
    page.reload(wait_until="load")
    expect(page.locator(READY).locator(".il-results-summary")).to_have_text(one)
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})"))
    assert pg.problems(stored) == [] and [len(items) for items in stored["exercises"].values()] == [1]
    page.wait_for_load_state("networkidle")
    assert outside == []


def _lesson_view(lesson_key: str, answered: dict) -> tuple[str, str]:
    """The title and the score line My results must show for a lesson, given
    {question key: [shown answers]} (the first try is what counts)."""
    from iliopsoas_lessons.widgets._state_progress import lesson_items, page_texts

    lesson = next(x for x in lesson_items(il.course()) if x["key"] == lesson_key)
    questions = {q.key: q for q in ld.questions()}
    right = sum(answers[0] == questions[key].answer for key, answers in answered.items())
    score = page_texts("browser")["score"].format(right=right, total=len(lesson["items"]), answered=len(answered))
    return lesson["title"], score


def test_answers_given_in_a_lesson_show_in_my_results_and_after_a_reload(phone, site_url):
    """As a learner: answer the first quiz question of lesson 00 wrong, then right;
    open the review lesson: My results shows lesson 00's first-try score, the
    question and the latest answer in words; the same after a reload."""
    from iliopsoas_lessons.widgets.state import QuizState

    page, outside = phone
    page.goto(f"{site_url}/00_start_here.html", wait_until="load")
    quiz = page.locator(".il-quiz").first
    shown = QuizState("00_start_here", progress=False)  # the site was built with the test session's seed
    question = shown.question
    right = shown.order.index(question.answer)
    wrong = next(b for b in range(len(shown.order)) if b != right)
    quiz.locator(".il-quiz-option").nth(wrong).click()
    expect(quiz).to_contain_text("(1 answered)")
    quiz.locator(".il-quiz-option").nth(right).click()
    title, score = _lesson_view("00_start_here", {question.key: [shown.order[wrong], question.answer]})
    for reload in (False, True):
        mine = _open_my_results(page, site_url)
        if reload:
            page.reload(wait_until="load")
            mine = page.locator(READY)
        lesson = mine.get_by_role("region", name=title)
        expect(lesson.locator(".il-results-score")).to_have_text(score)
        item = lesson.locator("li", has_text=question.prompt)
        expect(item).to_contain_text("Right after 2 tries.")
        expect(item).to_contain_text(f"Your latest answer: {question.correct_option}.")
        expect(item.locator(".il-results-mark")).to_have_text("✗ ")  # the first try, said in words too
        expect(mine.locator(".il-results-summary")).to_contain_text("your answers to 1 item.")
    assert blocking_violations(page) == []
    page.wait_for_load_state("networkidle")
    assert outside == []
