"""Helpers of the tests that build and install the wheel (tests/conftest.py:
built_wheel and wheel_venv; tests/test_packaging.py, tests/test_cli.py). A module
of their own: a bare ``from conftest import`` may find the root conftest.py."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UV = ROOT / ".venv" / "lock" / "bin" / "uv"  # the pinned uv the Makefile installs (UV_VERSION)
WHEEL_SOURCE_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ipynb_checkpoints",
    "artifacts",
    "node_modules",
)


def clean_environment() -> dict[str, str]:
    """This process's environment without what points Python at this checkout or its venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV")
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["MPLBACKEND"] = "Agg"
    return env


def run_checked(cmd, *, cwd, timeout=300, env=None) -> str:
    """Run ``cmd``; its output, or a test failure that shows the end of it."""
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        pytest.fail(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{proc.stdout[-6000:]}", pytrace=False)
    return proc.stdout


def venv_python(venv: Path) -> Path:
    py = venv / "bin" / "python"
    return py if py.exists() else venv / "Scripts" / "python.exe"  # Windows layout, just in case
