"""make handouts: one printable PDF per lesson and its separate answer key, built offline, checked by
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
from test_review import _chromium_or_skip

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_handouts.py"


def _poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if not exe:
        pytest.fail(f"{tool} is missing (Debian's poppler-utils; .ci/run installs it)")
    return exe


@pytest.mark.parametrize(
    "lesson, levels",
    [
        ("00_start_here", ("emergency", "same_day", "within_days")),
        # review round 4, m6: the symptoms handout printed no warning sign at all
        ("03_symptoms", ("emergency", "same_day", "within_days")),
        ("05_review", ("emergency", "same_day", "within_days")),
    ],
)
def test_the_start_and_review_handouts_print_the_warning_signs_with_their_levels(lesson, levels):
    """m3 (review round 2): the start page's handout printed no warning sign and the
    review's listed signs without their levels; both now print them from the data."""
    import iliopsoas_lessons as il

    page = _handouts_module().render_html(lesson)
    summary = _flat_html(page.split("<h2>Summary</h2>", 1)[1].split("<h2>Key figures</h2>", 1)[0])
    for key in levels:
        assert il.urgency_level(key).label in summary, key
        for flag in (f for f in il.red_flags() if f.urgency == key):
            assert " ".join(flag.destination.rstrip(".").split()) in summary, flag.key
            # review round 9, A M4: each flag's plain signs, not its diagnosis name alone
            assert _flat_html(_handouts_module()._markdown(flag.in_short)) in summary, flag.key


def test_the_red_flags_handout_prints_every_flags_signs():
    """Review round 39, A m3: lesson 04's handout printed each flag's title and where to go,
    but none of its signs, so a flag could not be recognised on paper."""
    import iliopsoas_lessons as il

    build = _handouts_module()
    page = _flat_html(build.render_html("04_red_flags"))
    gaps = [
        f"{flag.key}: {sign[:40]}"
        for flag in il.red_flags()
        for sign in flag.signs
        if _flat_html(build._markdown(sign)) not in page
    ]
    assert not gaps, gaps


def _summary_bullets(lesson: str) -> list[str]:
    nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text())
    summary = next(
        "".join(c["source"])
        for c in nb["cells"]
        if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## Summary")
    )
    # as printed: a Markdown link shows its words only
    return [
        re.sub(r"[*`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:])).split(":")[0].strip()
        for line in summary.splitlines()
        if line.startswith("- ")
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every handout, answer key and the guide, printed once for this module
    (Chromium printing is slow): (folder, every URL the pages asked for)."""
    _chromium_or_skip()
    out = tmp_path_factory.mktemp("handouts")
    return out, _build_all_recording_requests(out)


def _build_all_recording_requests(out: Path) -> list[str]:
    # test_review's recorder, with time for thirteen PDFs on a busy machine
    code = (
        f"import runpy, sys, json; sys.argv = [{SCRIPT.name!r}, '--output-dir', {str(out)!r}];"
        f"g = runpy.run_path({str(SCRIPT)!r});"
        "seen = []; original = g['write_pdf'];"
        "g['main'].__globals__['write_pdf'] = lambda *a, **k: seen.extend(original(*a, **k)) or seen;"
        "code = g['main'](sys.argv[1:]); print(json.dumps(seen)); sys.exit(code)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=1200)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def handout(built):
    out, requested = built
    return out / "03_symptoms.pdf", requested


@pytest.mark.slow
def test_the_handout_is_built_offline(handout):
    pdf, requested = handout
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert requested and all(url.startswith("file:") for url in requested), requested


@pytest.mark.slow
def test_the_handout_reads_as_the_lesson(handout):
    pdf, _ = handout
    text = subprocess.run(
        [_poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    flat = " ".join(text.split())
    for needed in (
        "Five symptoms, checked against the evidence",
        "Learning objectives",
        "Summary",
        "Key figures",
        "Worksheet: draw the pattern",
        "These lessons teach; they do not diagnose",
    ):
        assert needed in flat, needed
    bullets = _summary_bullets("03_symptoms")
    assert bullets and all(b in flat for b in bullets), [b for b in bullets if b not in flat]


@pytest.mark.slow
def test_every_page_has_ink_and_the_last_is_a_body_map_worksheet(handout, tmp_path):
    pdf, _ = handout
    subprocess.run(
        [_poppler("pdftoppm"), "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    for page in pages:
        grey = np.asarray(Image.open(page).convert("L"), dtype=float)
        assert (grey < 200).mean() > 0.002, f"{page.name} is blank"
    worksheet = np.asarray(Image.open(pages[-1]).convert("RGB"), dtype=int)
    # the body outlines are filled with the map's skin tone: a large share of the page, in two halves
    skin = np.abs(worksheet - np.array(to_rgb(SKIN)) * 255).sum(axis=2) < 40
    assert skin.mean() > 0.08, skin.mean()
    half = skin.shape[1] // 2
    assert skin[:, :half].mean() > 0.04 and skin[:, half:].mean() > 0.04  # a front and a back view


def test_an_unknown_lesson_names_the_choices(tmp_path):
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "07_nothing", "--html-only", "--output-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
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
def test_the_instructor_guide_prints_too(built):
    out, requested = built
    assert requested and all(url.startswith("file:") for url in requested), requested
    text = subprocess.run(
        [_poppler("pdftotext"), str(out / "instructor_guide.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    flat = " ".join(text.split())
    assert "Instructor guide" in flat and "90-minute class" in flat and "Lesson 05" in flat


@pytest.mark.slow
def test_each_virtual_patient_prints_a_student_sheet_and_a_debrief_with_the_handouts(built):
    """The case sheets go through the same offline printer into the same folder: the student
    sheet beside the handouts, the debrief named as an answer key (tests/test_case_sheets.py
    checks what each holds)."""
    import iliopsoas_lessons as il

    out, requested = built
    assert requested and all(url.startswith("file:") for url in requested), requested
    for case in il.course().cases:
        student, debrief = out / f"case_{case.key}.pdf", out / f"case_{case.key}-answers.pdf"
        texts = []
        for pdf in (student, debrief):
            assert pdf.read_bytes().startswith(b"%PDF-"), pdf.name
            run = subprocess.run([_poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, timeout=60)
            texts.append(" ".join(run.stdout.split()))
        assert case.title in texts[0] and "[BEST]" not in texts[0] and "[ESSENTIAL]" not in texts[0], case.key
        assert "The right decision and why" in texts[1] and "[ESSENTIAL]" in texts[1], case.key


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
        cell["outputs"] = [
            {
                "output_type": "execute_result",
                "execution_count": 1,
                "metadata": {},
                "data": {"text/markdown": doc._repr_markdown_(), "text/plain": str(doc)},
            }
        ]
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
    keys = re.findall(r'"([a-z_]+)"', call)
    assert "acute_strain" in keys  # the common injury is the one whose way up learners must know
    # round 5, M6: every mechanism, so overuse and hip replacement print their ways up too
    assert set(keys) == {m.key for m in il.mechanisms()}
    page = build.render_html("02_injury_mechanisms")
    summary = _flat_html(page.split("<h2>Summary</h2>", 1)[1].split("<h2>Key figures</h2>", 1)[0])
    flags = [il.red_flag(k) for m in keys for k in il.mechanism(m).red_flags]
    flags += [il.red_flag(up.flag) for m in keys for up in il.mechanism(m).escalates_to]
    gaps = [g for f in flags for g in _missing(f, summary)]
    assert flags and not gaps, gaps


# ------------------------------------------------------------------ exercises and answer keys
# Each lesson's handout prints its exercises without their answers; each
# lesson's answer key is a PDF of its own with every key, explanation, option
# feedback and source. The expected items come from the content layer.

LESSONS = (
    "00_start_here",
    "01_anatomy",
    "02_injury_mechanisms",
    "03_symptoms",
    "04_red_flags",
    "05_review",
    "06_cases",
)
PLAYS_CASES = {"06_cases"}  # lessons whose exercises are the virtual patients
WITH_BODY_MAP = {"03_symptoms", "04_red_flags", "05_review"}  # where drawing a pain pattern is the point
FOOTER = re.compile(
    r"^.*Iliopsoas lessons \S+: \S+\. These lessons teach; they do not diagnose\..*page \d+ of \d+\s*$", re.M
)


def _norm(text: str) -> str:
    """Text as compared: NFKC, one space for any run of white space, and no
    space after a hyphen (a line may break after 'L2-')."""
    import unicodedata

    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return re.sub(r"-\s+", "-", text)


def _pdf_text(pdf: Path) -> str:
    assert pdf.is_file(), f"{pdf.name} was not built"
    text = subprocess.run(
        [_poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return _norm(FOOTER.sub("", text))  # the running footer would split a sentence across pages


@pytest.fixture(scope="module")
def texts(built):
    """(student handout's text, answer key's text) per lesson."""
    out, _ = built
    return {lesson: (_pdf_text(out / f"{lesson}.pdf"), _pdf_text(out / f"{lesson}-answers.pdf")) for lesson in LESSONS}


def _lesson_data():
    from iliopsoas_lessons.content import lessons as ld

    return ld


def _answers_hidden_in_notebook(lesson: str) -> list[str]:
    """The text of each answer the notebook hides in <details>, without its label."""
    nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for body in re.findall(r"</summary>(.*?)</details>", "".join(cell["source"]), re.S):
                plain = re.sub(r"\*Answers?:\*|[*`]", "", body).strip()
                found.append(_norm(plain[:1].upper() + plain[1:]))
    return found


def test_every_lesson_is_checked_here():
    assert {lesson.key for lesson in _lesson_data().lessons()} == set(LESSONS)


@pytest.mark.slow
def test_each_handout_holds_its_quiz(texts):
    ld = _lesson_data()
    for lesson in LESSONS:
        student, _ = texts[lesson]
        items = ld.questions(lesson)
        if lesson in PLAYS_CASES:  # its exercises are the virtual patients, each on a sheet of its own
            assert not items, f"{lesson} has quiz items now: print them and check them here"
            continue
        assert items, f"{lesson} has no quiz items to print"
        assert "Exercises" in student and "Quiz" in student, lesson
        missing = [
            q.key
            for q in items
            if _norm(q.prompt) not in student or not all(_norm(o.text) in student for o in q.options)
        ]
        assert not missing, (lesson, missing)


@pytest.mark.slow
def test_the_red_flags_handout_holds_every_case_as_a_worksheet(texts):
    import iliopsoas_lessons as il

    student, _ = texts["04_red_flags"]
    cases = _lesson_data().cases()
    assert cases
    missing = [c.key for c in cases if _norm(c.story) not in student]
    assert not missing, missing
    part = student.split("Red-flag practice cases", 1)[1]
    # one row of levels to tick and a line for the destination under every story
    for level in il.urgency_levels():
        assert part.count(level.label) >= len(cases), level.label
    assert part.count("Where should they go") == len(cases)
    for lesson in LESSONS:
        if lesson != "04_red_flags":
            assert "Red-flag practice cases" not in texts[lesson][0], lesson


@pytest.mark.slow
def test_the_notebooks_check_questions_are_printed_and_answered_apart(texts):
    asked = 0
    for lesson in LESSONS:
        student, key = texts[lesson]
        nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown" and source.startswith("**Check:**"):
                question = _norm(re.sub(r"[*`]", "", source.split("<details", 1)[0]))
                assert question in student, (lesson, question[:60])
                asked += 1
        for answer in _answers_hidden_in_notebook(lesson):
            assert answer[:80] not in student, (lesson, answer[:80])
            assert answer[:80] in key, (lesson, answer[:80])
    assert asked >= 3
    assert "Which two parts do the psoas major and the iliacus share?" in texts["01_anatomy"][0]


@pytest.mark.slow
def test_every_answer_key_is_a_separate_pdf_with_every_key_and_explanation(built, texts):
    import iliopsoas_lessons as il
    from iliopsoas_lessons.content.text import flag_steps_text

    out, _ = built
    ld = _lesson_data()
    course = il.course()
    for lesson in LESSONS:
        assert (out / f"{lesson}-answers.pdf").read_bytes().startswith(b"%PDF-")
        _, key = texts[lesson]
        assert "answer key" in key, lesson
        for q in ld.questions(lesson):
            letter = "ABCDEFGHIJ"[q.answer]
            needed = [
                f"Key: {letter}. {q.correct_option}",
                q.explanation,
                *(o.feedback for o in q.options),
                *(course.references[r].title for r in q.references),
            ]
            gaps = [n[:50] for n in needed if _norm(n) not in key]
            assert not gaps, (lesson, q.key, gaps)
    _, key = texts["04_red_flags"]
    for case in ld.cases():
        needed = [
            case.story,
            case.reason,
            course.urgency[case.urgency].label,
            *(course.references[r].title for r in case.references),
        ]
        if case.red_flag:
            flag = course.red_flags[case.red_flag]
            needed += [flag.title, flag_steps_text(flag, course)]
        gaps = [n[:50] for n in needed if _norm(n) not in key]
        assert not gaps, (case.key, gaps)


@pytest.mark.slow
def test_no_answer_leaks_into_a_students_handout(texts):
    ld = _lesson_data()
    for lesson in LESSONS:
        student, _ = texts[lesson]
        assert not re.search(r"\bKey: [A-J]\.", student), lesson
        leaked = [q.key for q in ld.questions() if _norm(q.explanation) in student]
        leaked += [f"{q.key}: {o.text[:30]}" for q in ld.questions() for o in q.options if _norm(o.feedback) in student]
        leaked += [c.key for c in ld.cases() if _norm(c.reason) in student]
        assert not leaked, (lesson, leaked)


@pytest.mark.slow
def test_the_body_map_worksheet_is_only_where_it_fits(texts):
    for lesson in LESSONS:
        student, _ = texts[lesson]
        assert ("Worksheet: draw the pattern" in student) == (lesson in WITH_BODY_MAP), lesson
    assert "What made you place the pain there?" not in texts["01_anatomy"][0]
    # the review's worksheet is its own pain-map exercise
    assert _norm(_lesson_data().pain_map_exercise().prompt) in texts["05_review"][0]


def test_the_student_pages_carry_no_answer_even_hidden(tmp_path):
    """The same leak check on the HTML, with no Chromium: nothing in the page
    (not even hidden markup) carries an explanation or option feedback."""
    from html import unescape

    build = _handouts_module()
    ld = _lesson_data()
    for lesson in LESSONS:
        page = _norm(unescape(build.render_html(lesson)))
        assert "<details" not in page, lesson
        leaked = [
            q.key
            for q in ld.questions()
            if _norm(q.explanation) in page or any(_norm(o.feedback) in page for o in q.options)
        ]
        leaked += [c.key for c in ld.cases() if _norm(c.reason) in page]
        assert not leaked, (lesson, leaked)
        assert build.render_answers_html(lesson) is not None, lesson


def test_a_hidden_answer_without_a_question_names_its_section():
    sys.path.insert(0, str(ROOT / "scripts"))
    import _handout_exercises as ex

    cells = [
        {"cell_type": "markdown", "source": ["## Explore"]},
        {"cell_type": "markdown", "source": ["<details><summary>Show</summary>\n\n*Answer:* it is.\n\n</details>"]},
    ]
    with pytest.raises(ValueError, match="'Explore' has no question"):
        ex.check_questions(cells)
    cells[0]["source"] = ["## Explore\n\nTry this:\n\n1. Where is it?"]
    (check,) = ex.check_questions(cells)
    assert check == ex.Check("Explore", "Try this:\n\n1. Where is it?", "It is.")


def _page_images(pdf: Path, folder: Path) -> list[Path]:
    folder.mkdir()
    subprocess.run([_poppler("pdftoppm"), "-r", "30", "-png", str(pdf), str(folder / "page")], check=True, timeout=120)
    return sorted(folder.glob("page-*.png"))


@pytest.mark.slow
def test_no_printed_page_is_blank_and_each_worksheet_ends_its_handout(built, tmp_path):
    out, _ = built
    skin_rgb = np.array(to_rgb(SKIN)) * 255
    for lesson in LESSONS:
        for name in (lesson, f"{lesson}-answers"):
            pages = _page_images(out / f"{name}.pdf", tmp_path / name)
            blank = [
                p.name for p in pages if (np.asarray(Image.open(p).convert("L"), dtype=float) < 200).mean() < 0.002
            ]
            assert not blank, (name, blank)
            if name in WITH_BODY_MAP:
                # the body maps fill the last page: the worksheet's writing lines did not spill onto a page of their own
                last = np.asarray(Image.open(pages[-1]).convert("RGB"), dtype=int)
                assert (np.abs(last - skin_rgb).sum(axis=2) < 40).mean() > 0.06, name


@pytest.mark.slow
def test_the_cases_lesson_handout_names_every_case_sheet(texts):
    import iliopsoas_lessons as il

    for lesson in PLAYS_CASES:
        student, answers = texts[lesson]
        assert "The cases on paper" in student, lesson
        for case in il.course().cases:
            assert _norm(case.title) in student and f"case_{case.key}.pdf" in student, (lesson, case.key)
            assert _norm(case.answer.why) not in student, (lesson, case.key)


def test_the_start_page_heading_does_not_call_every_warning_sign_an_emergency():
    # review round 20, A m3: the list under it runs down to the 48-hour signs
    title = "Warning signs: where to go and how fast"
    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())
    heads = [
        line
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
        for line in "".join(c["source"]).splitlines()
        if line.startswith("#")
    ]
    assert f"## {title}" in heads
    assert not any("emergency" in h.lower() for h in heads), heads
    module = _handouts_module()
    assert module.WARNING_SIGNS["00_start_here"][0] == title
    assert "If this is an emergency" not in module.render_html("00_start_here")


def test_the_handout_disclaimer_gives_the_emergency_numbers_as_the_notebooks_do():
    """Review round 34, A m4: the handout's opening note said only 'your local emergency
    number'; it now prints the one disclaimer, numbers included, that every notebook shows."""
    import iliopsoas_lessons as il

    assert all(n in il.DISCLAIMER for n in ("112", "999", "911"))
    for lesson in ("00_start_here", "04_red_flags", "05_review"):
        note = _flat_html(_handouts_module().render_html(lesson).split('<p class="note">', 1)[1].split("</p>", 1)[0])
        assert note == il.DISCLAIMER, (lesson, note)
        nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
        first = "".join(nb["cells"][0]["source"]).replace("**", "")
        assert il.DISCLAIMER in first, lesson
