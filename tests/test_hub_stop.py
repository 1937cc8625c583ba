"""How the hub tests tell that a stopped hub left nothing running
(benchmarks/classsim/hub.py: wait_gone, used by tests/test_hub_logins.py and
the class hub's stop): a process that has ended counts as gone even while it
is a zombie nobody has reaped yet, and one still running is reported."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # benchmarks/ is not a package
from classsim.hub import wait_gone


def test_an_ended_but_unreaped_process_is_gone_at_once():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    proc = psutil.Process(child.pid)
    try:
        while proc.status() != psutil.STATUS_ZOMBIE:  # ended; this test has not reaped it
            time.sleep(0.01)
        start = time.monotonic()
        assert wait_gone([proc], timeout=5) == []
        assert time.monotonic() - start < 1
        assert psutil.pid_exists(child.pid)  # still a zombie: psutil.wait_procs would wait on
    finally:
        child.wait()


def test_a_running_process_is_reported_at_the_timeout():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        proc = psutil.Process(child.pid)
        start = time.monotonic()
        assert wait_gone([proc], timeout=0.3) == [proc]
        assert time.monotonic() - start >= 0.3
    finally:
        child.kill()
        child.wait()
    assert wait_gone([proc], timeout=5) == []  # killed and reaped
