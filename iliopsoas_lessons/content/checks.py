"""Guards that keep the source article's known errors out of the lessons.

The lessons may *report* what the article claimed (in ``claims.json``, each
claim with its verdict), but no other text may state those errors as fact.
Tests run :func:`article_errors` over the content and the notebooks.
"""

from __future__ import annotations

import re

_NEGATION = re.compile(
    r"\b(not|no|never|nor|cannot|n't|neither|without|wrong|unsupported|overstated|claim\w*|says?|said)\b", re.I
)

# Each error: a name and a pattern that states it affirmatively.
ERRORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "inserts on the vertebrae",
        re.compile(
            r"\binsert(s|ed|ing|ion)?\b[^.]{0,40}\b(on|onto|into|at|is)\b[^.]{0,20}\b(lumbar|vertebra\w*|spine)\b", re.I
        ),
    ),
    (
        "inaccessible to treatment",
        re.compile(r"\b(inaccessible|impossible to treat|(cannot|can't|can not) be treated|untreatable)\b", re.I),
    ),
    (
        "spasm causes structural scoliosis",
        re.compile(
            r"\b(spasm|hypertoni\w*|tight\w*)\b[^.]{0,60}\b(cause\w*|produce\w*|lead\w* to|create\w*|develop\w*)\b[^.]{0,30}\bscoliosis\b",
            re.I,
        ),
    ),
    (
        "spasm causes disc herniation or sciatica",
        re.compile(
            r"\b(spasm|hypertoni\w*)\b[^.]{0,80}\b(cause\w*|push\w*|produce\w*|lead\w* to)\b[^.]{0,40}\b(herniat\w*|bulg\w*|sciatica)\b",
            re.I,
        ),
    ),
)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def article_errors(text: str) -> list[str]:
    """Sentences of ``text`` that state one of the article's errors as fact.

    A sentence that negates or attributes the claim ("does not", "the article
    says") is teaching the correction and is allowed.
    """
    found = []
    for sentence in sentences(text):
        for name, pattern in ERRORS:
            if pattern.search(sentence) and not _NEGATION.search(sentence):
                found.append(f"{name}: {sentence}")
    return found
