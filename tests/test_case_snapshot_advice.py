"""The case player's stored snapshot (what a reader without a kernel sees, on
GitHub or a phone) shows what to do meanwhile for every decision option, as
the page's buttons do, filled from the same template the page fills."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path):
    from iliopsoas_lessons.progress import ProgressStore

    return ProgressStore(tmp_path, clock=None)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _cases():
    import iliopsoas_lessons as il

    return il.course().cases


@pytest.mark.parametrize("case_key", [c.key for c in _cases()])
def test_every_option_s_advice_is_in_the_snapshot_unfolded(case_key, store):
    from iliopsoas_lessons.widgets import CasePlayer
    from iliopsoas_lessons.widgets._base import html_to_text
    from iliopsoas_lessons.widgets.cases import PAGE_TEXTS

    player = CasePlayer(case_key, progress=store)
    try:
        page = player.snapshot_html()
        plain = _flat(player.plain_text())
        # what is not folded away: the advice must not need a click on "Verdict"
        shown = _flat(html_to_text(re.sub(r"<details>.*?</details>", "", page, flags=re.S)))
        options = [o for s in player.case.steps if s.kind == "decision" for o in s.options]
        assert options, case_key
        for option in options:
            line = _flat(PAGE_TEXTS["option_advice"].format(advice=option.advice))
            assert line in shown, (case_key, option.key)
            assert line in plain, (case_key, option.key)
    finally:
        player.close()


def test_the_page_and_the_snapshot_fill_one_advice_template():
    """No second copy of the advice line in JavaScript: the page fills the template Python sends."""
    js = (ROOT / "iliopsoas_lessons" / "widgets" / "static" / "case_player.js").read_text("utf-8")
    assert "t.option_advice" in js
    assert "Meanwhile" not in js
    src = (ROOT / "iliopsoas_lessons" / "widgets" / "cases.py").read_text("utf-8")
    assert src.count("Meanwhile") == 1, "the advice line is written once, in PAGE_TEXTS"


def test_a_short_citation_keeps_a_lapsed_review():
    """A case cites a page past its review date by a short citation: it still says so."""
    import iliopsoas_lessons as il
    from iliopsoas_lessons.widgets.cases import short_citation

    lapsed = il.reference("NHS-NECFASC")
    assert "review overdue when read" in lapsed.published_in
    assert short_citation(lapsed).endswith("(review overdue when read)")
    assert short_citation(il.reference("NEUMANN2010")) == "Neumann 2010"
    # an undated page shows no year it did not give, only the day it was read
    assert short_citation(il.reference("GGC")) == "NHS Greater Glasgow and Clyde (undated; read 2026-12-07)"
