"""The loader's rule for the nerve examination: weak hip flexion meets the
avulsion signs before a nerve.

A new, marked weakness lifting the thigh is first a lesser trochanter pulled
off by the iliopsoas (in an adult, often a tumour weakening the bone), not a
femoral nerve or root problem: the avulsion warning signs send the person for an
X-ray with no weight on the leg. The nerve-or-root table, where a student
records weak hip flexion, offered only nerve and root signs, the nearest of them
a same-day GP appointment aimed at the spinal team, with no crutches. So every
nerve-or-root row that names hip flexion shows both avulsion signs in both
columns, and every nerve test that names hip flexion says in its finding,
before it names a nerve or a root, that the avulsion (Ludloff's sign) comes
first. Standard library only.
"""

from __future__ import annotations

import re

from .checks import LevelProblem

AVULSION_FLAGS = ("adult_avulsion", "adolescent_avulsion")
_HIP_FLEXION = re.compile(r"\bhip[ -]flex", re.IGNORECASE)
_NERVE_OR_ROOT = re.compile(r"\b(?:nerve|root)s?\b", re.IGNORECASE)
_LUDLOFF = "Ludloff's sign"


def weak_hip_flexion_row_problems(nerve_or_root) -> list[LevelProblem]:
    """Each nerve-or-root row naming hip flexion whose columns leave out an avulsion flag."""
    found = []
    for row in nerve_or_root:
        if not any(_HIP_FLEXION.search(text) for text in (row.name, row.nerve.text, row.root.text)):
            continue
        for column in ("nerve_flags", "root_flags"):
            for key in AVULSION_FLAGS:
                if key not in getattr(row, column):
                    why = (
                        f"field {column!r} leaves out red flag {key!r}: a row naming hip flexion shows the "
                        "avulsion signs, because marked weakness lifting the thigh is first a pulled-off "
                        "lesser trochanter, not a nerve"
                    )
                    found.append(LevelProblem("examination.json", row.key, why))
    return found


def hip_flexion_test_problems(nerve_tests) -> list[LevelProblem]:
    """Each nerve test naming hip flexion whose finding does not put the avulsion
    (Ludloff's sign) before any nerve or root."""
    found = []
    for test in nerve_tests:
        if not any(_HIP_FLEXION.search(text) for text in (test.name, test.how)):
            continue
        finding = test.finding.text
        nerve = _NERVE_OR_ROOT.search(finding)
        if _LUDLOFF not in finding or (nerve and finding.index(_LUDLOFF) > nerve.start()):
            why = (
                f"field 'finding' names no {_LUDLOFF!r} before a nerve or a root: a test of hip flexion says "
                "first that marked weakness lifting the thigh is the avulsion warning sign"
            )
            found.append(LevelProblem("examination.json", test.key, why))
    return found
