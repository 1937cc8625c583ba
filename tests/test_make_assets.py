"""`make assets` redraws the README images only: the reviewed baselines (and
the record of which matplotlib drew them) change only with --baseline."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_make_assets_leaves_the_baselines_alone(tmp_path):
    spec = importlib.util.spec_from_file_location("make_assets", ROOT / "scripts" / "make_assets.py")
    make_assets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_assets)
    baseline = ROOT / "tests" / "baseline"
    before = {p.name: p.stat().st_mtime_ns for p in baseline.iterdir()}
    assert make_assets.main(["--out", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.iterdir()} == set(make_assets.figures())
    assert {p.name: p.stat().st_mtime_ns for p in baseline.iterdir()} == before
