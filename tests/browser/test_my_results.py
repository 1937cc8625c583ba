"""The review lesson's learner controls in JupyterLab, as a learner uses them:
answer a quiz question, press "Download my results", click the link, and the
browser saves the learner's file with that answer in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_download_my_results_saves_the_learners_answers(lab, lab_server):

    lab.open("05_review.ipynb").run_all_and_wait()
    nb = lab.notebook
    quiz = nb.locator(".il-quiz")
    quiz.locator(".il-quiz-option").nth(1).click()  # the second option shown answers at once
    expect(quiz).to_contain_text("(1 answered)")

    mine = nb.locator(".il-my-results")
    mine.get_by_role("button", name="Download my results").click()
    link = mine.get_by_role("link", name="Save my-iliopsoas-results.json")
    expect(link).to_be_visible()
    # JupyterLab resolved the path relative to the notebook to the server's file URL
    expect(link).to_have_attribute("href", re.compile(r"/files/notebooks/my-iliopsoas-results\.json(\?|$)"))
    with lab.page.expect_download() as saved:
        link.click()
    assert saved.value.suggested_filename == "my-iliopsoas-results.json"
    data = json.loads(Path(saved.value.path()).read_text(encoding="utf-8"))
    from iliopsoas_lessons.widgets.state import QuizState

    shown = QuizState("05_review", progress=False)  # the server's kernels use the test session's quiz seed
    first = shown.question.key
    assert data["exercises"]["quiz"][first]["first"]["answer"] == shown.order[1]
    assert lab.errors() == []
