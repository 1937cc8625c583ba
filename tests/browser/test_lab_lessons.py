"""Every lesson notebook run in JupyterLab in headless Chromium, as a learner
would (Clear Outputs, Run All): no error output, and something rendered where
the lesson has code. JupyterLab itself (a widget renders, errors are caught,
the learners' settings): test_lab_smoke.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

LESSONS = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
assert LESSONS, "no lesson notebooks in notebooks/"


def _has_code(path: Path) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return any(c.get("cell_type") == "code" and "".join(c.get("source", "")).strip() for c in nb.get("cells", []))


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_clean(lab, name):
    lab.open(name).run_all_and_wait()
    errs = lab.errors()
    assert errs == [], f"{name}: error output in the browser:\n" + "\n".join(errs)
    if _has_code(lab.server.nbdir / name):
        assert lab.rendered_count() >= 1, f"{name}: no image or widget rendered"
