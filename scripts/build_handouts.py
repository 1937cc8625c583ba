#!/usr/bin/env python3
"""Printable handouts: one PDF per lesson, built offline.

    python scripts/build_handouts.py [--output-dir build/handouts] [--html-only] [LESSON ...]

Each handout has the lesson's title, time and objectives, its summary (the
notebook's own Summary section, with the tables the lesson builds from the
data), its key figures as vector drawings with their alt text as captions, and
the lesson's exercises: the questions the notebook asks beside its figures, its
quiz, and in lesson 04 the red-flag practice cases as a worksheet. The
symptoms, red-flag and review lessons end with a blank front and back body map
on which a learner draws where the pain is felt, with a task that fits the
lesson. Beside each handout, NN_name-answers.pdf is the teacher's answer key
(every key, explanation, option's feedback and source in full); the student's
handout prints no answer. The instructor guide (docs/instructor_guide.md) is
printed beside them. Each virtual-patient case (data/cases/) prints as
case_<key>.pdf, the student sheet (the story, each step's prompt and choices,
space to write; no answer), beside the handouts, and case_<key>-answers.pdf,
the teacher's debrief (the path tree with every mark and verdict, the right
decision and why, the teacher notes, the sources), beside the answer keys
(scripts/_case_sheets.py). The pages are HTML with everything inline, printed to A4
by Debian's Chromium (as the review sheet is); a request for anything but a
local file fails the build. The exercises come from the content layer
(scripts/_handout_exercises.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import nullcontext
from html import escape
from pathlib import Path
from string import Template

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import iliopsoas_lessons as il
from _offline_pdf import blocked_requests, chromium_missing, printer, write_pdf  # one offline printer
import _handout_exercises as exercises_page
import _case_sheets as case_sheets
from iliopsoas_lessons.content import lessons as lesson_data
from iliopsoas_lessons.figures.svg import figure_to_svg

NOTEBOOKS = ROOT / "notebooks"

CSS = """
body { font: 10.5pt/1.4 "DejaVu Sans", sans-serif; color: #111; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 13pt; margin: 1em 0 .3em; break-after: avoid; }
.meta { color: #333; margin: 0 0 .6em; }
.note { border: 1.5px solid #111; padding: .4em .6em; margin: .6em 0; font-size: 9.5pt; }
figure { margin: .6em 0; break-inside: avoid; }
figure svg { max-height: 120mm; }
figcaption { font-size: 8.5pt; color: #333; }
table { border-collapse: collapse; font-size: 9pt; }
th, td { border: 1px solid #888; padding: 2px 4px; text-align: left; vertical-align: top; }
section.worksheet { break-before: page; }
.maps { display: flex; gap: 6mm; }
.maps figure { flex: 1; }
.maps svg { max-height: 170mm; }  /* leaves room for a three-line task and the writing lines */
.lines { border-bottom: 1px solid #777; height: 8mm; }
@page { size: A4 portrait; margin: 14mm 14mm 16mm; }
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>$title: handout</title><style>$css</style></head>
<body>
<h1>$title</h1>
<p class="meta">$meta</p>
<p class="note">$disclaimer</p>
$objectives
<h2>Summary</h2>
$summary
$figures
$exercises
$worksheet
</body></html>
""")

WORKSHEET = Template("""<section class="worksheet" aria-labelledby="ws-title">
<h2 id="ws-title">Worksheet: draw the pattern</h2>
<p>$prompt Shade where the pain is felt; mark with a cross where the problem is. The maps show the
patient's own left and right.</p>
<div class="maps">$maps</div>
<p>$question</p>
<div class="lines"></div><div class="lines"></div><div class="lines"></div>
</section>""")

# The body-map worksheet only where drawing a pain pattern is the lesson's
# point: (task, follow-up question). Lesson 05's task is its pain-map
# exercise's own prompt, from the lesson data (None here).
WORKSHEETS = {
    "03_symptoms": (
        "Draw where low back pain from an iliopsoas problem on the patient's left is felt.",
        "What made you place the pain there? Which areas, if any, come only from the source "
        "article and not from the evidence?",
    ),
    "04_red_flags": (
        "Choose one of the red-flag practice cases and draw where that person's pain is felt.",
        "Which red flag does your case show, at which level of the urgency scale, and what should "
        "the person do while they wait to be seen?",
    ),
    "05_review": (
        None,
        "Which areas were you least sure of? The referral map is debated: what would make you doubt "
        "it for one patient in front of you?",
    ),
}


def _markdown(text: str) -> str:
    from nbconvert.filters.markdown import markdown2html

    return markdown2html(text)


def _sections(notebook: Path) -> dict[str, list[str]]:
    """The notebook's H2 sections as HTML fragments: markdown cells, and the
    Markdown the lesson's code cells print (tables built from the data)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            if source.startswith("## "):
                current = source.splitlines()[0][3:].strip().lower()
                source = source.split("\n", 1)[1] if "\n" in source else ""
                sections[current] = []
            sections[current].append(("md", source))
        else:
            for output in cell.get("outputs", []):
                text = output.get("data", {}).get("text/markdown")
                if text:
                    sections[current].append(("md", "".join(text)))
    return {name: [_markdown(s) for kind, s in parts if s.strip()] for name, parts in sections.items()}


def _title_and_meta(notebook: Path, data) -> tuple[str, str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    lesson = next((entry for entry in data.lessons if entry.key == notebook.stem), None)
    first = "".join(nb["cells"][0]["source"]).splitlines()[0]
    title = first.lstrip("# ").strip()
    minutes = getattr(lesson, "minutes", None)
    meta = f"Time: about {minutes} minutes." if minutes else ""
    return title, meta


def key_figures(lesson: str) -> list:
    """The lesson's key figures as live figure objects (their alt text is the caption)."""
    from iliopsoas_lessons.figures.bodymap import ReferredPainFigure
    from iliopsoas_lessons.figures.hip import HipAngleFigure
    from iliopsoas_lessons.figures.anatomy_front import FrontViewFigure
    from iliopsoas_lessons.figures.mechanisms import MechanismFigure

    if lesson == "01_anatomy":
        return [FrontViewFigure(), HipAngleFigure(0.0)]
    if lesson == "02_injury_mechanisms":
        return [MechanismFigure(key) for key in ("acute_strain", "avulsion", "abscess")]
    if lesson == "03_symptoms":
        return [ReferredPainFigure().show("back_pain", "left"), ReferredPainFigure().show("sciatic_pain", "left")]
    return []


def _figure_html(figures, lesson: str) -> str:
    if not figures:
        return ""
    parts = ['<h2>Key figures</h2>']
    for n, figure in enumerate(figures):
        alt = figure.alt_text
        svg = figure_to_svg(figure.figure, alt=alt, id_prefix=f"{lesson}-f{n}-")
        parts.append(f"<figure>{svg}<figcaption>{escape(alt)}</figcaption></figure>")
    return "\n".join(parts)


def blank_maps(body: str = "male") -> str:
    """A blank front and back body map (region outlines only), as two inline SVGs."""
    from iliopsoas_lessons.figures.bodymap_plot import plot_body_map
    from iliopsoas_lessons.figures.style import new_figure

    parts = []
    for view in ("front", "back"):
        fig = new_figure((3.2, 6.4))
        ax = fig.add_axes((0, 0, 1, 0.94))
        plot_body_map(ax, view=view, body=body, all_zones=True, labels=True, title=f"{view.title()} view")
        alt = f"A blank {view} body map ({body} body) with its regions outlined, for drawing on."
        parts.append(
            f"<figure>{figure_to_svg(fig, alt=alt, id_prefix=f'ws-{view}-')}"
            f"<figcaption>{escape(view.title())} of the body</figcaption></figure>"
        )
    return "".join(parts)


def _notebook(lesson: str) -> Path:
    notebook = NOTEBOOKS / f"{lesson}.ipynb"
    if not notebook.exists():
        known = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
        raise SystemExit(
            f"build_handouts: no lesson {lesson!r}; choose from {', '.join(known)}, "
            f"a case sheet ({', '.join(case_names()) or 'none yet'}), or {GUIDE}"
        )
    return notebook


def case_names(course=None) -> list[str]:
    """The student case sheets' names, one per case of the course."""
    course = il.course() if course is None else course
    return [case_sheets.sheet_names(case)[0] for case in course.cases]


def render_case_pages(name: str, course=None) -> list[tuple[str, str]]:
    """[(file stem, page)]: the case's student sheet and its teacher's debrief."""
    course = il.course() if course is None else course
    for case in course.cases:
        student, debrief = case_sheets.sheet_names(case)
        if name == student:
            return [
                (student, case_sheets.student_sheet_html(case, course, CSS)),
                (debrief, case_sheets.debrief_sheet_html(case, course, CSS)),
            ]
    raise SystemExit(f"build_handouts: no case sheet {name!r}; choose from {', '.join(case_names(course))}")


def _content(course=None, data=None):
    """The course and the lesson data checked against it (default: the package's)."""
    course = il.course() if course is None else course
    return course, (lesson_data.load(course=course) if data is None else data)


def lesson_exercises(lesson: str, course=None, data=None) -> exercises_page.Exercises:
    """The lesson's quiz, cases, pain map and the notebook's check questions."""
    course, data = _content(course, data)
    cells = json.loads(_notebook(lesson).read_text(encoding="utf-8"))["cells"]
    return exercises_page.exercises(lesson, cells, data)


def _worksheet(lesson: str, ex) -> str:
    if lesson not in WORKSHEETS:
        return ""
    task, question = WORKSHEETS[lesson]
    if task is None:
        if not ex.pain_maps:
            raise SystemExit(f"build_handouts: {lesson} has no pain-map exercise to print as its worksheet")
        task = ex.pain_maps[0].prompt
    return WORKSHEET.substitute(prompt=escape(task), question=escape(question), maps=blank_maps())


# Handouts whose summary would otherwise print no warning sign, or signs
# without their levels: the start page (its aim includes what to do in an
# emergency), the symptoms lesson (curious patients read it, and its symptoms
# can be a warning sign's first form: review round 4, m6) and the review. Each prints the signs from the data, with each
# flag's level, destination and escalation, under its summary (review round 2, m3).
WARNING_SIGNS = {
    "00_start_here": ("Warning signs: where to go and how fast", "show_urgent_signs"),
    "03_symptoms": ("When these symptoms need a doctor soon: the warning signs", "show_urgent_signs"),
    # review round 39, A m3: the red-flags lesson's own summary printed titles and steps only;
    # on paper it now carries every flag's signs in full, with its step-up and why
    "04_red_flags": ("Each red flag's signs, by level", "show_red_flags"),
    # review round 9, A M4: the titles alone ("a leaking aortic aneurysm") cannot be recognised on paper
    "05_review": ("The red flags by level, with their signs", "show_urgent_signs"),
}


def _warning_signs(lesson: str, course) -> str:
    if lesson not in WARNING_SIGNS:
        return ""
    from iliopsoas_lessons.content import text

    heading, builder = WARNING_SIGNS[lesson]
    return f"<h3>{escape(heading)}</h3>" + _markdown(str(getattr(text, builder)(content=course)))


def _case_sheet_list(lesson: str, course) -> str:
    """For a lesson that plays virtual patients: each case by title, with the
    file of its printable sheet (printed beside the handouts; the debriefs
    go with the answer keys)."""
    cells = json.loads(_notebook(lesson).read_text(encoding="utf-8"))["cells"]
    if not any("CasePlayer(" in "".join(c["source"]) for c in cells if c["cell_type"] == "code"):
        return ""
    rows = "".join(
        f"<li><strong>{escape(case.title)}</strong>: <code>{escape(case_sheets.sheet_names(case)[0])}.pdf</code></li>"
        for case in course.cases
    )
    return (
        "<h2>The cases on paper</h2><p>Each case has its own sheet, printed beside this handout: the story, each "
        f"step's choices, and space to write. Your teacher holds what each choice finds.</p><ul>{rows}</ul>"
    )


def _disclaimer_html() -> str:
    """The lessons' one disclaimer, with its emergency numbers, as the notebooks print it
    (review round 34, A m4: the handout had dropped the numbers); its first sentence bold."""
    first, rest = il.DISCLAIMER.split(". ", 1)
    return f"<strong>{escape(first)}.</strong> {escape(rest)}"


def render_html(lesson: str, course=None, data=None) -> str:
    """The student's handout: no answer to any exercise is printed here."""
    notebook = _notebook(lesson)
    course, data = _content(course, data)
    title, meta = _title_and_meta(notebook, data)
    sections = _sections(notebook)
    objectives = "".join(sections.get("learning objectives", []))
    summary = "".join(sections.get("summary", [])) or "<p>(This lesson has no summary section.)</p>"
    summary += _warning_signs(lesson, course)
    ex = lesson_exercises(lesson, course, data)
    return PAGE.substitute(
        title=escape(title),
        meta=escape(meta),
        css=CSS + exercises_page.CSS,
        disclaimer=_disclaimer_html(),
        objectives=f"<h2>Learning objectives</h2>{objectives}" if objectives else "",
        summary=summary,
        figures=_figure_html(key_figures(lesson), lesson),
        exercises=exercises_page.student_html(ex, course, _markdown),
        worksheet=_worksheet(lesson, ex) + _case_sheet_list(lesson, course),
    )


def render_answers_html(lesson: str, course=None, data=None) -> str | None:
    """The teacher's answer key for ``lesson``, or None when it has no exercises."""
    course, data = _content(course, data)
    ex = lesson_exercises(lesson, course, data)
    return exercises_page.answers_html(ex, course, _markdown, CSS) if ex else None


GUIDE = "instructor_guide"


def render_guide_html() -> str:
    """The teacher's edition (docs/instructor_guide.md) as one printable page."""
    text = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Instructor guide</title><style>{CSS}</style></head><body>{_markdown(text)}</body></html>\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help=f"lesson names, or {GUIDE} (default: every notebook and the guide)")
    parser.add_argument("--output-dir", type=Path, default=ROOT / "build" / "handouts")
    parser.add_argument("--html-only", action="store_true", help="skip the PDFs (no Chromium needed)")
    args = parser.parse_args(argv)
    lessons = args.lessons or [*sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")), *case_names(), GUIDE]
    args.output_dir.mkdir(parents=True, exist_ok=True)
    if not args.html_only and chromium_missing("build_handouts"):
        return 2
    footer = (
        '<div style="font: 7pt sans-serif; width: 100%; margin: 0 14mm; color: #444;">'
        f"Iliopsoas lessons {escape(il.__version__)}: {{title}}. These lessons teach; they do not diagnose."
        '<span style="float: right">page <span class="pageNumber"></span> of '
        '<span class="totalPages"></span></span></div>'
    )
    course, data = _content()
    sheets = set(case_names(course))
    for lesson in lessons:
        if lesson != GUIDE and lesson not in sheets:
            _notebook(lesson)  # an unknown name fails before anything is printed
    pages = []
    for lesson in lessons:
        if lesson == GUIDE:
            pages.append((lesson, render_guide_html()))
            continue
        if lesson in sheets:
            pages += render_case_pages(lesson, course)
            continue
        pages.append((lesson, render_html(lesson, course, data)))
        answers = render_answers_html(lesson, course, data)
        if answers is not None:
            pages.append((f"{lesson}-answers", answers))
    # one Chromium prints every page (a launch per page was most of the build's time)
    with nullcontext() if args.html_only else printer() as browser:
        for name, page in pages:
            html_path = args.output_dir / f"{name}.html"
            _write_atomically(html_path, page)
            if args.html_only:
                print(html_path)
                continue
            pdf_path = html_path.with_suffix(".pdf")
            partial = pdf_path.with_name(f".{pdf_path.name}.part")
            requested = write_pdf(
                html_path,
                partial,
                footer.replace("{title}", escape(name)),
                landscape=False,
                margins=("14mm", "16mm", "14mm", "14mm"),
                browser=browser,
            )
            if blocked_requests("build_handouts", name, requested):
                partial.unlink(missing_ok=True)
                return 1
            os.replace(partial, pdf_path)
            print(pdf_path)
    return 0


def _write_atomically(path: Path, text: str) -> None:
    # a reader (or a test) never sees half a page
    partial = path.with_name(f".{path.name}.part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


if __name__ == "__main__":
    sys.exit(main())
