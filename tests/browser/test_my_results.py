"""The review lesson's "My results" in JupyterLab and in Voila
(widgets/static/results.js through anywidget), as a learner uses it: answer a quiz question, and My
results shows it at once (the lesson's first-try score, the question, the
answer in words); "Download my results" saves the learner's file with that
answer in it; the page opened again and run shows the same (the file is read
again; in Voila the page is reloaded, a new kernel). Keyboard for the buttons;
44 px targets; axe clean. The course website's My results, the same module on
the site's host: test_site_progress_in_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from iliopsoas_lessons import progress as pg
from iliopsoas_lessons.content import lessons as ld
from _voila import RENDER_TIMEOUT, new_page, voila_fixture
from test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "05_review"


def _expected(option: int):
    """What My results must say after the learner presses the quiz's shown option ``option``."""
    from iliopsoas_lessons.widgets._state_progress import page_texts
    from iliopsoas_lessons.widgets.state import QuizState

    shown = QuizState(LESSON, progress=False)  # the server's kernels use the test session's quiz seed
    question = shown.question
    answer = shown.order[option]
    texts = page_texts("folder")
    total = len(ld.questions(LESSON)) + len(ld.lesson_data().pain_maps)
    score = texts["score"].format(right=int(answer == question.answer), total=total, answered=1)
    verdict = texts["first_right"] if answer == question.answer else texts["not_right"].format(tries=1)
    return question, answer, score, verdict


def _check_shown(mine, question, answer, score, verdict):
    lesson = mine.get_by_role("region", name=ld.lesson(LESSON).title)
    expect(lesson.locator(".il-results-score")).to_have_text(score)
    item = lesson.locator("li", has_text=question.prompt)
    expect(item).to_contain_text(verdict)
    expect(item).to_contain_text(f"Your latest answer: {question.options[answer].text}.")
    expect(mine.locator(".il-results-summary")).to_contain_text("your answers to 1 item,")


def test_my_results_shows_the_answers_and_downloads_the_learners_file(lab, lab_server):
    lab.open(f"{LESSON}.ipynb").run_all_and_wait()
    nb = lab.notebook
    mine = nb.locator(".il-my-results")
    expect(mine.locator(".il-results-summary")).to_contain_text("your answers to 0 items")
    quiz = nb.locator(".il-quiz")
    quiz.locator(".il-quiz-option").nth(1).click()  # the second option shown answers at once
    expect(quiz).to_contain_text("(1 answered)")
    question, answer, score, verdict = _expected(1)
    _check_shown(mine, question, answer, score, verdict)  # at once: the same kernel's store tells it

    sizes = mine.get_by_role("button").evaluate_all("bs => bs.filter(b => b.offsetParent).map(b => b.offsetHeight)")
    assert len(sizes) == 3 and min(sizes) >= 44, sizes  # save, download, start over (confirm hidden)
    download = mine.get_by_role("button", name="Download my results")
    download.focus()
    with lab.page.expect_download() as saved:
        lab.page.keyboard.press("Enter")
    assert saved.value.suggested_filename == "my-iliopsoas-results.json"
    path = Path(saved.value.path())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert pg.problems(data) == [] and data["pseudonym"] is None  # no pseudonym chosen: still a file to hand in
    assert data["exercises"]["quiz"][question.key]["first"]["answer"] == answer
    assert path.read_text(encoding="utf-8") == json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    expect(mine.get_by_role("status")).to_contain_text("Your browser saves your results as my-iliopsoas-results.json")

    mine.get_by_role("button", name="Start over").press("Enter")
    expect(mine.get_by_role("button", name="Yes, start over")).to_be_focused()
    assert blocking_violations(lab.page, ".il-my-results") == []
    mine.get_by_role("button", name="Cancel").press("Enter")
    expect(mine.get_by_role("status")).to_have_text("Nothing was changed.")

    # opened again and run: the file is read again
    lab.open(f"{LESSON}.ipynb").run_all_and_wait()
    _check_shown(lab.notebook.locator(".il-my-results"), question, answer, score, verdict)
    assert lab.errors() == []


voila_review = voila_fixture("voila_review", f"{LESSON}.ipynb")


def test_my_results_in_voila_on_a_phone_shows_the_answers_after_a_reload(browser, voila_review):
    server = voila_review
    with new_page(browser, 390, 844) as page:
        page.goto(server.app_url, wait_until="domcontentloaded", timeout=RENDER_TIMEOUT)
        mine = page.locator(".il-my-results")
        expect(mine.locator(".il-results-summary")).to_contain_text("your answers to 0 items", timeout=RENDER_TIMEOUT)
        quiz = page.locator(".il-quiz")
        quiz.locator(".il-quiz-option").nth(1).click()
        expect(quiz).to_contain_text("(1 answered)")
        question, answer, score, verdict = _expected(1)
        _check_shown(mine, question, answer, score, verdict)
        page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth + 1")
        with page.expect_download() as saved:
            mine.get_by_role("button", name="Download my results").click()
        data = json.loads(Path(saved.value.path()).read_text(encoding="utf-8"))
        assert data == json.loads((server.learner / pg.FILE_NAME).read_text(encoding="utf-8"))
        assert blocking_violations(page, ".il-my-results") == []

        page.reload(wait_until="domcontentloaded", timeout=RENDER_TIMEOUT)  # a new kernel reads the file
        mine = page.locator(".il-my-results")
        expect(mine.locator(".il-results-summary")).to_be_visible(timeout=RENDER_TIMEOUT)
        _check_shown(mine, question, answer, score, verdict)
