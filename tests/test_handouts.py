"""make handouts: one printable PDF per lesson, built offline, checked by
rendering its pages and reading its text (poppler's pdftoppm and pdftotext)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from matplotlib.colors import to_rgb

from iliopsoas_lessons.figures.style import SKIN
from test_review import _build_recording_requests, _chromium_or_skip

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_handouts.py"


def _poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if not exe:
        pytest.fail(f"{tool} is missing (Debian's poppler-utils; .ci/run installs it)")
    return exe


def _summary_bullets(lesson: str) -> list[str]:
    nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text())
    summary = next("".join(c["source"]) for c in nb["cells"]
                   if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## Summary"))
    return [re.sub(r"[*`]", "", line[2:]).split(":")[0].strip() for line in summary.splitlines() if line.startswith("- ")]


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    _chromium_or_skip()
    out = tmp_path_factory.mktemp("handouts")
    requested = _build_recording_requests(SCRIPT, ["03_symptoms", "--output-dir", str(out)])
    return out / "03_symptoms.pdf", requested


@pytest.mark.slow
def test_the_handout_is_built_offline(handout):
    pdf, requested = handout
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert requested and all(url.startswith("file:") for url in requested), requested


@pytest.mark.slow
def test_the_handout_reads_as_the_lesson(handout):
    pdf, _ = handout
    text = subprocess.run([_poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    flat = " ".join(text.split())
    for needed in ("Five symptoms, checked against the evidence", "Learning objectives", "Summary",
                   "Key figures", "Worksheet: draw the pattern", "These lessons teach; they do not diagnose"):
        assert needed in flat, needed
    bullets = _summary_bullets("03_symptoms")
    assert bullets and all(b in flat for b in bullets), [b for b in bullets if b not in flat]


@pytest.mark.slow
def test_every_page_has_ink_and_the_last_is_a_body_map_worksheet(handout, tmp_path):
    pdf, _ = handout
    subprocess.run([_poppler("pdftoppm"), "-r", "40", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    for page in pages:
        grey = np.asarray(Image.open(page).convert("L"), dtype=float)
        assert (grey < 200).mean() > 0.002, f"{page.name} is blank"
    worksheet = np.asarray(Image.open(pages[-1]).convert("RGB"), dtype=int)
    # the body outlines are filled with the map's skin tone: a large share of the page, in two halves
    skin = (np.abs(worksheet - np.array(to_rgb(SKIN)) * 255).sum(axis=2) < 40)
    assert skin.mean() > 0.08, skin.mean()
    half = skin.shape[1] // 2
    assert skin[:, :half].mean() > 0.04 and skin[:, half:].mean() > 0.04  # a front and a back view


def test_an_unknown_lesson_names_the_choices(tmp_path):
    run = subprocess.run([sys.executable, str(SCRIPT), "07_nothing", "--html-only", "--output-dir", str(tmp_path)],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode != 0
    assert "no lesson '07_nothing'" in run.stderr and "03_symptoms" in run.stderr


def test_make_handouts_runs_this_script():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^handouts:.*\n\t(.*)$", makefile, re.M)
    # through the console command, which runs this script (tests/test_cli.py runs it so)
    assert recipe and "$(CLI) handouts" in recipe.group(1)
    from iliopsoas_lessons.cli import COMMANDS
    assert COMMANDS["handouts"].script == "build_handouts"


@pytest.mark.slow
def test_the_instructor_guide_prints_too(tmp_path):
    _chromium_or_skip()
    requested = _build_recording_requests(SCRIPT, ["instructor_guide", "--output-dir", str(tmp_path)])
    assert requested and all(url.startswith("file:") for url in requested), requested
    text = subprocess.run([_poppler("pdftotext"), str(tmp_path / "instructor_guide.pdf"), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout
    flat = " ".join(text.split())
    assert "Instructor guide" in flat and "90-minute class" in flat and "Lesson 05" in flat


# ------------------------------------------------------------------ red flags in the printed summaries
# The handouts print the Markdown the lessons' Summary cells stored when the
# notebooks were last run. These tests run those cells' show_* calls now, in
# place of the stored outputs (as the next re-execution will), and read the
# handout the builder makes from them: no Chromium needed.


def _handouts_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_handouts_for_flags", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rerun_show_cells(notebook: Path, target: Path) -> list[str]:
    """Copy ``notebook`` to ``target`` with each show_* cell's output made now;
    return those cells' sources."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    ran = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "import show_" not in source:
            continue
        *setup, last = source.strip().splitlines()
        scope: dict = {}
        exec("\n".join(setup), scope)  # the cell's own import line
        doc = eval(last, scope)
        cell["outputs"] = [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                            "data": {"text/markdown": doc._repr_markdown_(), "text/plain": str(doc)}}]
        ran.append(source)
    target.write_text(json.dumps(nb), encoding="utf-8")
    return ran


@pytest.fixture(scope="module")
def rerun_handouts(tmp_path_factory):
    build = _handouts_module()
    folder = tmp_path_factory.mktemp("notebooks")
    ran = {}
    for lesson in ("02_injury_mechanisms", "04_red_flags"):
        ran[lesson] = _rerun_show_cells(ROOT / "notebooks" / f"{lesson}.ipynb", folder / f"{lesson}.ipynb")
    build.NOTEBOOKS = folder
    return build, ran


def _flat_html(page: str) -> str:
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).replace("*", "").split())


def _missing(flag, page: str) -> list[str]:
    import iliopsoas_lessons as il

    needed = [flag.destination, flag.interim_advice]
    if flag.escalation is not None:
        needed += [flag.escalation.when, il.urgency_level(flag.escalation.urgency).label]
    return [f"{flag.key}: {n[:40]}" for n in needed if " ".join(n.rstrip(".").split()) not in page]


def test_the_red_flags_handout_summary_shows_each_flags_steps(rerun_handouts):
    import iliopsoas_lessons as il

    build, ran = rerun_handouts
    assert any("show_triage_summary" in s for s in ran["04_red_flags"])
    page = build.render_html("04_red_flags")
    summary = _flat_html(page.split("<h2>Summary</h2>", 1)[1].split("<section", 1)[0])
    gaps = [g for f in il.red_flags() for g in _missing(f, summary)]
    assert not gaps, gaps


def test_the_mechanisms_handout_summary_shows_the_strains_way_up(rerun_handouts):
    import iliopsoas_lessons as il

    build, ran = rerun_handouts
    call = next(s for s in ran["02_injury_mechanisms"] if "show_mechanism_urgency" in s)
    keys = re.findall(r'"([a-z_]+)"', call.splitlines()[-1])
    assert "acute_strain" in keys  # the common injury is the one whose way up learners must know
    page = build.render_html("02_injury_mechanisms")
    summary = _flat_html(page.split("<h2>Summary</h2>", 1)[1].split("<h2>Key figures</h2>", 1)[0])
    flags = [il.red_flag(k) for m in keys for k in il.mechanism(m).red_flags]
    flags += [il.red_flag(up.flag) for m in keys for up in il.mechanism(m).escalates_to]
    gaps = [g for f in flags for g in _missing(f, summary)]
    assert flags and not gaps, gaps
