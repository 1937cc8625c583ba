"""Regenerate the README images under assets/ (and, with --baseline, the
reviewed test baselines under tests/baseline/).

    python scripts/make_assets.py              # writes assets/*.png (and nothing else)
    python scripts/make_assets.py --out DIR    # writes somewhere else
    python scripts/make_assets.py --baseline   # writes tests/baseline/*.png and the
                                               # matplotlib version that drew them

Every image comes from the package's in-place figure classes, so it is
exactly what the lessons show.  Output is deterministic (fixed size and DPI,
no PNG metadata).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def figures() -> dict:
    """File name -> (callable returning PNG bytes, alt text)."""
    from iliopsoas_lessons.figures.hip import HipAngleFigure
    from iliopsoas_lessons.figures.lumbar import LumbarCurveFigure
    from iliopsoas_lessons.figures.anatomy_front import FrontViewFigure
    from iliopsoas_lessons.figures.bodymap import ReferredPainFigure

    def referred(symptom, side):
        fig = ReferredPainFigure().show(symptom, side)
        return fig.to_png(), fig.alt_text

    def anatomy():
        fig = FrontViewFigure()
        return fig.to_png(), fig.alt_text

    def hip(angle):
        fig = HipAngleFigure(angle)
        return fig.to_png(), fig.alt_text

    def curve(spasm, side):
        fig = LumbarCurveFigure(spasm, side)
        return fig.to_png(), fig.alt_text

    def scene(key):
        from iliopsoas_lessons.figures.mechanisms import MechanismFigure

        fig = MechanismFigure(key, "right")
        return fig.to_png(), fig.alt_text

    return {
        "bodymap_back_pain.png": lambda: referred("back_pain", "left"),
        "anatomy_front.png": lambda: anatomy(),
        "hip_angle.png": lambda: hip(-20),
        "lumbar_curve.png": lambda: curve(0.7, "left"),
        "mechanism_abscess.png": lambda: scene("abscess"),
        "bodymap_sciatic_contrast.png": lambda: referred("sciatic_pain", "left"),
    }


# Extra figures checked against reviewed baselines (not README images).
def baseline_figures() -> dict:
    from iliopsoas_lessons.figures.hip import HipAngleFigure
    from iliopsoas_lessons.figures.bodymap import ReferredPainFigure

    def referred(symptom, side):
        fig = ReferredPainFigure().show(symptom, side)
        return fig.to_png(), fig.alt_text

    out = dict(figures())
    out["bodymap_sciatic_right.png"] = lambda: referred("sciatic_pain", "right")
    out["bodymap_back_pain_extras.png"] = lambda: (
        ReferredPainFigure().show("back_pain", "left", extras=True).to_png(),
        "",
    )
    out["bodymap_lumbar_curve.png"] = lambda: referred("lumbar_curve", "left")
    # the female body: its own outline and its own hand-drawn zones
    out["bodymap_female_back_pain_extras.png"] = lambda: (
        ReferredPainFigure(body="female").show("back_pain", "left", extras=True).to_png(),
        "",
    )
    out["bodymap_female_sciatic_right.png"] = lambda: (
        ReferredPainFigure(body="female").show("sciatic_pain", "right").to_png(),
        "",
    )
    # each mechanism's own close-up, on the patient's right, and one on the left
    import iliopsoas_lessons as il

    for key in (m.key for m in il.mechanisms()):
        out[f"mechanism_{key}.png"] = lambda k=key: _mechanism(k, "right")
    out["mechanism_avulsion_left.png"] = lambda: _mechanism("avulsion", "left")
    out["hip_flexed_90.png"] = lambda: (HipAngleFigure(90).to_png(), "")
    return out


def _mechanism(key: str, side: str):
    from iliopsoas_lessons.figures.mechanisms import MechanismFigure

    fig = MechanismFigure(key, side)
    return fig.to_png(), fig.alt_text


def write(out_dir: Path, table: dict) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in table.items():
        png, _alt = make()
        path = out_dir / name
        path.write_bytes(png)
        written.append(path)
    return written


RENDERED_WITH = ROOT / "tests" / "baseline" / "matplotlib-version.txt"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Regenerate README images.")
    ap.add_argument("--out", type=Path, default=ROOT / "assets")
    ap.add_argument(
        "--baseline",
        action="store_true",
        help="write the test baselines to tests/baseline instead (look at every image before committing it)",
    )
    args = ap.parse_args(argv)
    if args.baseline:
        paths = write(ROOT / "tests" / "baseline", baseline_figures())
        # Pixels depend on matplotlib's text rendering: record which one drew
        # the baselines (only here: README images are no baselines).
        RENDERED_WITH.write_text(matplotlib.__version__ + "\n")
    else:
        paths = write(args.out, figures())
    for p in paths:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
