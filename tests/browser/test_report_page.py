"""The teacher's class report in Debian's Chromium: axe-core (bundled with
axe-playwright-python, no network) finds no serious or critical violation,
with no exclusion at all (the page is ours from <html> down); the page asks
the network for nothing; the heat map is an image with a name; it reads at
390 px wide without the page scrolling sideways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    from iliopsoas_lessons.content import lessons as ld
    from iliopsoas_lessons.progress import ProgressStore
    from iliopsoas_lessons.report import write_report

    folder = tmp_path_factory.mktemp("handed-in")
    exercise = ld.pain_map_exercise()
    for i in range(6):
        store = ProgressStore(folder / f"learner{i}", clock=None)
        for q in ld.questions()[:8]:
            store.record("quiz", q.key, (q.answer + i % 2) % len(q.options), i % 2 == 0)
        for c in ld.cases()[:5]:
            store.record("red_flag_cases", c.key, ("emergency", "routine")[i % 2], False)
        store.record("pain_map", exercise.key, list(exercise.choices[i % 3 : i % 3 + 6]), False)
    (folder / "<b>broken<b>.json").write_text("{not json")
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report([folder], out)
    return out


@pytest.fixture
def offline(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    asked = []
    context.route(re.compile(r"^https?://"), lambda route: (asked.append(route.request.url), route.abort()))
    yield context, asked
    context.close()


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"[{v['impact']}] {v['id']}: {v['help']} ({' '.join(str(n.get('target')) for n in v['nodes'][:4])})"
        for v in results.response.get("violations", [])
        if v.get("impact") in ("critical", "serious")
    ]


def test_the_report_has_no_serious_axe_violation_and_fetches_nothing(report_file, offline):
    context, asked = offline
    page = context.new_page()
    page.goto(report_file.as_uri(), wait_until="load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Class report: iliopsoas lessons")
    expect(page.get_by_text("6 learners counted")).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile(r"^Class heat map, front and back views, 6 learners"))
    ).to_be_visible()
    # the pain map of the low back pain symptom (its alt text opens with the symptom's
    # name); a case's path diagram may mention low back pain in its description too
    expect(page.get_by_role("img", name=re.compile(r"^Low back pain: "))).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Learners who marked it")).to_be_visible()
    expect(page.locator("li").filter(has_text="<b>broken<b>.json")).to_contain_text("not valid JSON")
    assert _violations(page) == []
    assert asked == []


def test_the_report_reads_on_a_phone(report_file, offline):
    context, _ = offline
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(report_file.as_uri(), wait_until="load")
    heat = page.get_by_role("img", name=re.compile(r"^Class heat map"))
    expect(heat).to_be_visible()
    assert heat.bounding_box()["width"] <= 390
    # wide tables scroll inside their own box; the page itself never scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _violations(page) == []
