"""Image comparison of the main figures against reviewed baselines, and a
check that the README images under assets/ are not stale.

Regenerate after a reviewed change with ``python scripts/make_assets.py``
(README images) and ``python scripts/make_assets.py --baseline`` (look at
every image in tests/baseline/ before committing it).
"""

import importlib.util
import os
from pathlib import Path

import matplotlib
import pytest
from matplotlib.testing.compare import compare_images

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "tests" / "baseline"
ASSETS = ROOT / "assets"
TOL = 6.0  # RMS on 0-255; absorbs freetype/antialiasing differences only


def _make_assets():
    spec = importlib.util.spec_from_file_location("make_assets", ROOT / "scripts" / "make_assets.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


MA = _make_assets()

# Text rendering changes between matplotlib releases, so pixels are compared
# only with the release that drew the reviewed images (the one uv.lock, and so
# requirements.txt, pins for Python 3.11+). Elsewhere (Python 3.10 gets an older matplotlib)
# the geometry tests still run; in CI a mismatch is an error, not a skip.
DRAWN_WITH = MA.RENDERED_WITH.read_text().strip()
if matplotlib.__version__ != DRAWN_WITH:
    _why = (
        f"baselines were drawn with matplotlib {DRAWN_WITH}, this is {matplotlib.__version__}; "
        "regenerate with scripts/make_assets.py (--baseline) after reviewing"
    )
    if os.environ.get("CI") or os.environ.get("ILIOPSOAS_REQUIRE_BROWSER"):
        raise RuntimeError(_why)
    pytestmark = pytest.mark.skip(reason=_why)


@pytest.mark.parametrize("name", sorted(MA.baseline_figures()))
def test_figure_matches_reviewed_baseline(name, tmp_path):
    expected = BASELINE / name
    assert expected.exists(), f"no reviewed baseline {expected}; run make_assets.py --baseline"
    png, _alt = MA.baseline_figures()[name]()
    actual = tmp_path / name
    actual.write_bytes(png)
    err = compare_images(str(expected), str(actual), tol=TOL)
    assert err is None, err


@pytest.mark.parametrize("name", sorted(MA.figures()))
def test_readme_assets_are_up_to_date(name, tmp_path):
    committed = ASSETS / name
    assert committed.exists(), f"{committed} missing; run python scripts/make_assets.py"
    MA.write(tmp_path, {name: MA.figures()[name]})
    err = compare_images(str(committed), str(tmp_path / name), tol=TOL)
    assert err is None, f"assets/{name} is stale ({err}); run python scripts/make_assets.py"


def test_a_changed_figure_is_detected(tmp_path):
    """The comparison is not toothless: a different state fails it."""
    from iliopsoas_lessons.figures.bodymap import ReferredPainFigure

    wrong = tmp_path / "bodymap_back_pain.png"
    wrong.write_bytes(ReferredPainFigure().show("back_pain", "right").to_png())
    assert compare_images(str(BASELINE / "bodymap_back_pain.png"), str(wrong), tol=TOL) is not None


def test_baselines_were_drawn_with_the_pinned_matplotlib():
    """Bumping matplotlib in uv.lock (requirements.txt) means reviewing new baselines."""
    import re

    pins = (ROOT / "requirements.txt").read_text()
    pinned = re.search(r"""^matplotlib==(\S+)\s*;\s*python_(full_)?version\s*>=\s*["']3\.11["']""", pins, re.M)
    assert pinned, "requirements.txt no longer pins matplotlib for Python 3.11+"
    assert pinned.group(1) == DRAWN_WITH
