"""Every test module has a name of its own: pytest imports them by base name
(the folders have no __init__.py), so two modules with one name in tests/ and
tests/browser/ stop the whole collection of `make test`."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_two_test_modules_share_a_name():
    names = Counter(p.name for p in TESTS.rglob("*.py")
                    if "artifacts" not in p.parts and p.name != "conftest.py")  # conftest: one per folder by design
    assert [name for name, n in names.items() if n > 1] == []
