"""IPython startup file of every kernel the tests start (conftest.py puts it
in a scratch IPYTHONDIR that nbval's, JupyterLab's and Voila's kernels inherit).

When Python exits it runs the cyclic garbage collector over every object still
alive, several times; a lesson kernel holds about 130,000 of them (IPython,
numpy, matplotlib, ipywidgets), so a kernel asked to shut down takes about
0.4 s instead of 0.1 s (measured with jupyter_client, 4 runs each), and the
browser tests shut down many kernels. Nothing there needs collecting: the
process returns all its memory at once. So at exit the surviving objects move
into the permanent generation (gc.freeze) and the final passes skip them.
Reference counting still frees what it always frees (open files are closed and
flushed); only finalisers of objects caught in reference cycles are not run,
which Python never guarantees at exit anyway.

A learner's kernel never reads this file: the package itself leaves exit alone.
"""

import atexit
import gc

# Registered after IPython's and ipykernel's own handlers (startup files run
# once the shell is set up), so it runs before them: atexit is last in, first out.
atexit.register(gc.freeze)
