"""A lesson kernel stops promptly and cleanly (iliopsoas_lessons.widgets._exit).

In a process the project started itself (``ILIOPSOAS_FAST_EXIT=1``), importing
a lesson widget class (each imports ``widgets._base``) registers ``gc.freeze``
at exit, so Python's final garbage-collection passes skip the objects still
alive; a learner's kernel (no such setting) exits as Python always does.
These tests check
what that must and must not change; how much time it saves is printed by
``benchmarks/bench_lessons.py`` (shutdown column), not asserted here.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, tmp_path: Path, *, fast_exit: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ILIOPSOAS_FAST_EXIT"}
    if fast_exit:
        env["ILIOPSOAS_FAST_EXIT"] = "1"
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


# Registered before the package's handler, so (atexit being last in, first
# out) it runs after it and sees the state Python's finalisation will see.
REPORT_AT_EXIT = """
import atexit, gc
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count()))
"""


def test_loading_a_lesson_widget_freezes_the_heap_at_exit(tmp_path):
    run = _python(REPORT_AT_EXIT + """
from iliopsoas_lessons.widgets import Quiz
Quiz("01_anatomy")
""", tmp_path)
    assert run.returncode == 0, run.stderr
    frozen = int(run.stdout.split("frozen at exit:")[1])
    assert frozen > 10_000, run.stdout


def test_a_learners_kernel_exits_as_python_always_does(tmp_path):
    run = _python(REPORT_AT_EXIT + """
from iliopsoas_lessons.widgets import Quiz
Quiz("01_anatomy")
""", tmp_path, fast_exit=False)
    assert run.returncode == 0, run.stderr
    assert "frozen at exit: 0" in run.stdout


def test_the_content_api_alone_leaves_exit_untouched(tmp_path):
    run = _python(REPORT_AT_EXIT + """
import iliopsoas_lessons as il
from iliopsoas_lessons.widgets import state
il.symptoms()
""", tmp_path)
    assert run.returncode == 0, run.stderr
    assert "frozen at exit: 0" in run.stdout


def test_the_exit_handler_is_registered_once(tmp_path):
    # atexit._ncallbacks is CPython's count of registered handlers.
    run = _python("""
import atexit
from iliopsoas_lessons.widgets import _exit
before = atexit._ncallbacks()
for _ in range(3):
    _exit.skip_garbage_collection_at_exit()
print("added:", atexit._ncallbacks() - before)
""", tmp_path)
    assert run.returncode == 0, run.stderr
    assert "added: 1" in run.stdout


def test_unclosed_files_are_still_written_at_exit(tmp_path):
    """Reference counting still closes (and flushes) what a learner left open."""
    target = tmp_path / "notes.txt"
    run = _python(f"""
from iliopsoas_lessons.widgets import SymptomStepper
stepper = SymptomStepper()
notes = open({str(target)!r}, "w")
notes.write("psoas major, iliacus, psoas minor")
""", tmp_path)
    assert run.returncode == 0, run.stderr
    assert target.read_text() == "psoas major, iliacus, psoas minor"


def _lesson_kernel_shutdown_status() -> str:
    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(ROOT / "notebooks"), env={**os.environ, "ILIOPSOAS_FAST_EXIT": "1"})
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        reply = client.execute_interactive(
            "from iliopsoas_lessons.widgets import SymptomStepper, SymptomExplorer, Quiz\n"
            "display(SymptomStepper(), SymptomExplorer(), Quiz('03_symptoms'))",
            timeout=120, output_hook=lambda message: None)
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)
    return str(manager._shutdown_status)


def test_a_lesson_kernel_stops_on_request_without_signals():
    """A real kernel runs the symptom lesson's widgets, is asked to shut down
    and exits by itself: jupyter_client never has to send SIGTERM or SIGKILL.

    ipykernel 7.4 has a shutdown race of its own: now and then (about one
    shutdown in fifteen on the 2-core CI machine, empty kernels included) its
    control thread waits on the already stopped IOPub thread and the kernel
    needs a SIGTERM. So a signalled run is repeated, at most twice; a hang
    caused by the exit setting would happen every time and still fail."""
    jupyter_client = pytest.importorskip("jupyter_client")
    statuses = []
    for _ in range(3):
        statuses.append(_lesson_kernel_shutdown_status())
        if "ShutdownRequest" in statuses[-1]:
            return
    pytest.fail(f"the kernel never stopped on its own ({statuses}); jupyter_client "
                f"{jupyter_client.__version__} had to signal it every time")


def test_importing_a_widget_module_directly_also_registers(tmp_path):
    run = _python(REPORT_AT_EXIT + """
from iliopsoas_lessons.widgets.exercises import RedFlagCases
RedFlagCases()
""", tmp_path)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout.split("frozen at exit:")[1]) > 10_000, run.stdout
