#!/usr/bin/env python3
"""Re-execute the lesson notebooks in place, in order, deterministically.

    python scripts/run_notebooks.py            # all notebooks/*.ipynb
    python scripts/run_notebooks.py 03_symptoms.ipynb
    python scripts/run_notebooks.py --check    # exit 1 if a stored notebook is stale

Each notebook runs top to bottom in a fresh kernel (nbclient, working
directory ``notebooks/``) and is stored with its outputs and the widget state
(``metadata.widgets``), so it reads well on GitHub, nbviewer and in an HTML
export. To make two runs give the same file:

* execution timing is not recorded (``record_timing=False``);
* widget model ids (random uuids) are renamed to ids derived from the
  notebook name and the order in which the models were created;
* the quiz options are shuffled from the fixed seed ILIOPSOAS_QUIZ_SEED=0
  (a learner's kernel draws its own);
* every kernel saves learner progress in a fresh scratch folder, so no
  earlier answer is restored into a stored lesson, and that scratch learner's
  random id (My results' record in the widget state) is stored as an id
  derived from the notebook name;
* cell ids are kept as written; the PNGs the widgets embed carry no metadata
  (see ``iliopsoas_lessons.figures.png.png_bytes_from_canvas``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

# The quiz shuffles its options per learner (a random seed per kernel); stored
# notebooks use this fixed seed so that two runs give the same file.
os.environ.setdefault("ILIOPSOAS_QUIZ_SEED", "0")
# Stored lessons show a fresh learner: their kernels save progress in a
# scratch folder, never the user's own (iliopsoas_lessons/progress.py).
os.environ["ILIOPSOAS_LESSONS_DATA"] = tempfile.mkdtemp(prefix="iliopsoas-notebooks-learner-")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
STATE_KEY = "application/vnd.jupyter.widget-state+json"
_HEX32 = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
_LEARNER_ID = re.compile(r'"learner_id": "[0-9a-f]{32}"')


def execute(path: Path, *, timeout: int = 600) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=False,
        record_timing=False,
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return normalise(nb, path.stem)


def normalise(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Stable model ids and no run-specific metadata."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    state = nb.metadata.get("widgets", {}).get(STATE_KEY, {}).get("state", {})
    ids = list(state)
    if not ids:
        return nb
    mapping = {}
    for i, old in enumerate(ids):
        mapping[old] = hashlib.sha1(f"{name}:{i}".encode()).hexdigest()[:32]
    text = json.dumps(nb)
    text = _HEX32.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)
    # the scratch learner's random id (My results' record) becomes a stable one
    stored_learner = hashlib.sha1(f"{name}:learner".encode()).hexdigest()[:32]
    text = _LEARNER_ID.sub(f'"learner_id": "{stored_learner}"', text)
    return nbformat.from_dict(json.loads(text))


def dumps(nb) -> str:
    return nbformat.writes(nb) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebook names (default: all)")
    parser.add_argument("--check", action="store_true", help="do not write; fail if a stored notebook differs")
    args = parser.parse_args(argv)
    paths = [NOTEBOOKS / Path(n).name for n in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    stale = []
    for path in paths:
        start = time.perf_counter()
        nb = execute(path)
        new = dumps(nb)
        old = path.read_text(encoding="utf-8")
        took = time.perf_counter() - start
        if args.check:
            status = "up to date" if new == old else "STALE"
            if new != old:
                stale.append(path.name)
        else:
            if new != old:
                path.write_text(new, encoding="utf-8")
            status = "written" if new != old else "unchanged"
        print(f"{path.name}: {status} ({took:.1f} s)")
    if stale:
        print("stale (run `make notebooks`):", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
