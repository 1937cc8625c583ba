"""The testicle check on every mechanism page: the same wording, and never gated on youth.

Torsion is commonest in teenagers but happens at any age, so a man with sudden
groin pain during sport is asked about and examined like a boy."""

from __future__ import annotations

import re

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

_YOUTH_GATE = re.compile(r"\b(young|teen(age)?|adolescent|child|under \d+)\s+(man|men|male|boy)s?\b", re.I)


def _torsion_entries():
    return [(m.key, e.when) for m in il.mechanisms() for e in m.escalates_to if e.flag == "testicular_torsion"]


def test_every_mechanism_names_the_torsion_check():
    keys = {key for key, _ in _torsion_entries()}
    assert len(keys) >= 6, keys


def test_no_torsion_entry_gates_on_youth():
    for key, when in _torsion_entries():
        assert not _YOUTH_GATE.search(when), (key, when)
        assert when.startswith("a boy or man "), (key, when)
        assert "any age" in when, (key, when)


def test_one_wording_for_who_it_applies_to():
    openings = {when.split(" has ")[0] for _, when in _torsion_entries()}
    assert len(openings) == 1, openings
