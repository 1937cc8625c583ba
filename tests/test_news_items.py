"""A society's news item about a guideline is shown as a news item, never as the guideline."""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content.constants import EVIDENCE_LEVELS

pytestmark = pytest.mark.unit


def test_the_bsr_announcement_is_a_news_item_beside_the_guideline():
    news = il.reference("BSR-GCA-2020")
    assert news.evidence == "news_item"
    assert news.evidence_label == EVIDENCE_LEVELS["news_item"] == "News item or professional body statement"
    assert il.reference("MACKIE2020").evidence == "guideline"


def test_obturator_nerve_at_the_inner_edge_is_taught_with_its_source():
    for text, refs in (
        (il.claim("spasm_sciatica").evidence, il.claim("spasm_sciatica").references),
        (il.symptom("sciatic_pain").why.text, il.symptom("sciatic_pain").why.references),
    ):
        assert "Only the lumbosacral trunk (part of L4 joined by L5) runs" not in text
        assert "only the lumbosacral trunk (part of L4 joined by L5) runs" not in text
        assert "obturator nerve" in text and "inner (medial) edge" in text
        assert "ELSEVIER-OBTURATOR" in refs
