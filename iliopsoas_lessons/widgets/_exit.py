"""Let a lesson kernel stop quickly.

When Python exits it runs the cyclic garbage collector over every object
still alive, several times. A lesson kernel holds about 130,000 such objects
(IPython, numpy, matplotlib, ipywidgets), so those passes take 0.2-0.3 s;
JupyterLab's restart, nbval and ``scripts/run_notebooks.py`` all wait for
them. Nothing in them is garbage that needs collecting: the process is about
to return all its memory at once.

So, at exit, we move the surviving objects into the collector's permanent
generation (:func:`gc.freeze`), and the final passes skip them. Reference
counting still frees what it always frees (open files in the user's
namespace are closed as before); only finalisers of objects caught in
reference cycles are not run, which Python never guarantees at exit anyway
(see the note under ``object.__del__`` in the language reference).

This is only for the kernels the project starts itself (nbval in
``make test``, ``scripts/run_notebooks.py``, the benchmarks): they set
``ILIOPSOAS_FAST_EXIT=1``, and a learner's kernel, which does not, exits
exactly as Python always does.

``benchmarks/bench_lessons.py`` prints the shutdown time of each lesson.
"""
from __future__ import annotations

import atexit
import gc
import os

ENV = "ILIOPSOAS_FAST_EXIT"

_registered = False


def skip_garbage_collection_at_exit() -> None:
    """Register the freeze once per process (later calls do nothing)."""
    global _registered
    if not _registered:
        # Registered after IPython's and ipykernel's own handlers, so it runs
        # before them (atexit is last in, first out) and also spares the
        # collection IPython's namespace reset makes at exit.
        atexit.register(gc.freeze)
        _registered = True


def skip_if_asked() -> bool:
    """Register the freeze when ``ILIOPSOAS_FAST_EXIT=1``; say whether it is on."""
    if os.environ.get(ENV) == "1":
        skip_garbage_collection_at_exit()
    return _registered
