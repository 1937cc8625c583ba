#!/usr/bin/env python3
"""Regenerate assets/symptom_stepper.png (the README's screenshot) from a real browser run.

Runs the JupyterLab test of the symptom lesson (tests/browser/test_symptom_lesson.py::
test_symptom_stepper_in_lab) with ILIOPSOAS_UPDATE_SCREENSHOT=1 and
ILIOPSOAS_REQUIRE_BROWSER=1, so the run fails rather than skips when Chromium is
missing and fails if the screenshot can't be taken; the test saves the stepper
(first symptom, patient's left, as the lesson opens) to
tests/browser/artifacts/symptom_stepper.png, which this script checks and copies
to assets/.

    .venv/bin/python scripts/update_screenshot.py [--check]

--check: only compare a fresh screenshot with the committed one's size (exit 1 if
the asset is missing or its dimensions differ); pixels are not compared, since
font rendering differs between machines.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEST = "tests/browser/test_symptom_lesson.py::test_symptom_stepper_in_lab"
SHOT = REPO / "tests" / "browser" / "artifacts" / "symptom_stepper.png"
ASSET = REPO / "assets" / "symptom_stepper.png"


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare sizes only; don't copy")
    args = ap.parse_args(argv)

    started = time.time()
    env = dict(os.environ, ILIOPSOAS_UPDATE_SCREENSHOT="1", ILIOPSOAS_REQUIRE_BROWSER="1")
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST]
    print("$", " ".join(cmd), flush=True)
    rc = subprocess.call(cmd, cwd=REPO, env=env)
    if rc != 0:
        print(f"the browser test failed (exit {rc}); assets/ left unchanged", file=sys.stderr)
        return rc
    if not SHOT.is_file() or SHOT.stat().st_mtime < started:
        print(f"the test ran but did not write a fresh {SHOT.relative_to(REPO)}", file=sys.stderr)
        return 1
    w, h = png_size(SHOT)
    if w < 400 or h < 300:
        print(f"{SHOT.name} is only {w}x{h} px: the stepper did not render fully", file=sys.stderr)
        return 1
    if args.check:
        if not ASSET.is_file():
            print(f"{ASSET.relative_to(REPO)} is missing", file=sys.stderr)
            return 1
        old = png_size(ASSET)
        if old != (w, h):
            print(
                f"{ASSET.relative_to(REPO)} is {old[0]}x{old[1]}, a fresh run gives {w}x{h}: "
                "run scripts/update_screenshot.py",
                file=sys.stderr,
            )
            return 1
        print(f"{ASSET.relative_to(REPO)}: {w}x{h}, same size as a fresh run")
        return 0
    ASSET.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHOT, ASSET)
    print(f"wrote {ASSET.relative_to(REPO)} ({w}x{h} px, {ASSET.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
