"""The course website when the browser's storage refuses the learner's record
(sitewidgets/static/site-progress.js): localStorage full (a real
QuotaExceededError), or setItem throwing. The page must say plainly that the
answers are not saved, never "Saved", keep the answer on the page, and offer
the download of the record; once storage takes it again, it is saved and the
notice goes."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from iliopsoas_lessons import progress as pg
from iliopsoas_lessons.sitewidgets.progress import STORAGE_KEY
from test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READY = '.il-site-widget[data-kind="anywidget"][data-ready="true"]:has(.il-my-results)'
FILLER = "il-test-filler-"
# fills this origin's localStorage until the browser refuses: a real QuotaExceededError
FILL = """(prefix) => {
  let size = 256 * 1024, n = 0, name = "none";
  while (size >= 1) {  // big pieces first, then ever smaller ones, to the last byte of room
    try { localStorage.setItem(prefix + n, "x".repeat(size)); n += 1; if (n > 2000) return "never full"; }
    catch (error) { name = error.name; size = Math.floor(size / 2); }
  }
  return name;
}"""
FREE = """(prefix) => { for (const k of Object.keys(localStorage)) if (k.startsWith(prefix)) localStorage.removeItem(k); }"""


def _stored(page):
    raw = page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")
    return None if raw is None else json.loads(raw)


def test_a_full_storage_says_not_saved_keeps_the_answer_and_offers_the_download(phone, site_url, tmp_path):
    page, outside = phone
    page.goto(f"{site_url}/05_review.html", wait_until="load")
    mine = page.locator(READY)
    expect(mine).to_be_visible()
    assert page.evaluate(FILL, FILLER) == "QuotaExceededError"

    quiz = page.locator('.il-site-widget[data-kind="anywidget"]:has(.il-quiz)')
    expect(quiz).to_have_attribute("data-ready", "true")
    quiz.locator(".il-exercise-option").first.click()

    notice = page.locator("#il-progress-notices")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Not saved: this browser's storage refused your answers")
    expect(notice).to_contain_text("Download your results now to keep them.")
    expect(notice).to_have_attribute("role", "alert")
    summary = mine.locator(".il-results-summary")
    expect(summary).to_contain_text("Not saved: your answers to 1 item(s) are on this page only")
    expect(summary).not_to_contain_text("Saved in this browser")
    # the answer stays on the page: the quiz shows its feedback, and the page's record has it
    expect(quiz.locator(".il-exercise-feedback strong")).not_to_be_empty()
    assert page.evaluate("window.ilSiteProgress.answered()") == 1
    assert page.evaluate("window.ilSiteProgress.saved()") is False
    assert _stored(page) is None

    with page.expect_download() as info:
        notice.get_by_role("button", name="Download my results").click()
    path = tmp_path / "mine.json"
    info.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert pg.problems(data) == [] and len(data["exercises"]["quiz"]) == 1
    expect(notice.get_by_role("status")).to_contain_text("my-iliopsoas-results.json")
    assert blocking_violations(page) == []

    # room again: the next answer saves both, and the page says so
    page.evaluate(FREE, FILLER)
    assert page.evaluate("window.ilSiteProgress.record('quiz', 'what_lessons_do', 1, true) !== null")
    expect(notice).to_be_hidden()
    expect(summary).to_contain_text("Saved in this browser only: your answers to 2 items.")
    stored = _stored(page)
    assert pg.problems(stored) == [] and len(stored["exercises"]["quiz"]) == 2
    page.wait_for_load_state("networkidle")
    assert outside == []


def test_a_set_item_that_throws_is_never_called_saved(phone, site_url):
    page, outside = phone
    page.goto(f"{site_url}/05_review.html", wait_until="load")
    expect(page.locator(READY)).to_be_visible()
    page.evaluate("""() => {
      window.__realSetItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
    }""")
    for item in ("what_lessons_do", "what_lessons_do"):  # a first and a later attempt: both kept on the page
        assert page.evaluate(f"window.ilSiteProgress.record('quiz', '{item}', 1, false) !== null")
    notice = page.locator("#il-progress-notices")
    expect(notice).to_contain_text("(The quota has been exceeded.)")
    expect(page.locator(f"{READY} .il-results-summary")).to_contain_text("Not saved")
    record = page.evaluate("window.ilSiteProgress.data()")
    assert len(record["exercises"]["quiz"]["what_lessons_do"]["later"]) == 1
    assert json.loads(page.evaluate("window.ilSiteProgress.fileText()")) == record
    assert _stored(page) is None
    page.evaluate("() => { Storage.prototype.setItem = window.__realSetItem; }")
    assert page.evaluate("window.ilSiteProgress.setPseudonym('kim')") == "kim"
    expect(notice).to_be_hidden()
    assert _stored(page)["exercises"] == record["exercises"]
    assert outside == []


def test_a_value_too_big_to_set_aside_is_not_written_over_and_says_not_saved(phone, site_url):
    page, outside = phone
    page.goto(f"{site_url}/03_symptoms.html", wait_until="load")
    # a broken value, and storage too full to copy it aside
    page.evaluate(f"localStorage.setItem({json.dumps(STORAGE_KEY)}, '{{half a record')")
    assert page.evaluate(FILL, FILLER) == "QuotaExceededError"
    page.reload(wait_until="load")
    notice = page.locator("#il-progress-notices")
    expect(notice).to_contain_text("could not be moved aside")
    assert page.evaluate("window.ilSiteProgress.record('quiz', 'what_lessons_do', 0, true) !== null")
    expect(notice).to_contain_text("Not saved: this browser's storage refused your answers")
    expect(notice.get_by_role("button", name="Download my results")).to_be_visible()
    assert page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})") == "{half a record"  # kept
    assert page.evaluate("window.ilSiteProgress.answered()") == 1
    page.evaluate(FREE, FILLER)
    assert outside == []
