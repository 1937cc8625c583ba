"""The stored lesson notebooks: structure, house rules and stored outputs.

These read the .ipynb files only (fast); `pytest --nbval` re-runs them and
compares outputs, and `scripts/run_notebooks.py --check` checks they are
up to date.
"""

from __future__ import annotations

import html

import json
import re
from pathlib import Path

import mistune
import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content.checks import article_errors
from iliopsoas_lessons.content import lessons as ld

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
ORDER = [l.key for l in ld.lessons()]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _load(key):
    return json.loads((NOTEBOOKS / f"{key}.ipynb").read_text(encoding="utf-8"))


def _src(cell):
    return "".join(cell["source"])


def _markdown(nb):
    return "\n\n".join(_src(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def _text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def _code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_the_seven_lessons_exist_in_order():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == ORDER


@pytest.fixture(params=ORDER)
def lesson(request):
    return request.param, _load(request.param)


def test_exactly_one_h1_title(lesson):
    _, nb = lesson
    md = _markdown(nb)
    h1 = re.findall(r"^# \S.*$", md, flags=re.M)
    assert len(h1) == 1, h1
    assert _src(nb["cells"][0]).startswith("# ")


def test_required_sections(lesson):
    key, nb = lesson
    md = _markdown(nb)
    for heading in ("Learning objectives", "Summary", "References", "Check your understanding"):
        assert re.search(rf"^## {heading}", md, flags=re.M), f"{key}: no '## {heading}'"
    assert "**Time:**" in md and "**Prerequisites:**" in md
    objectives = md.split("## Learning objectives", 1)[1].split("\n## ", 1)[0]
    verbs = re.findall(r"^- \*\*(\w+)\*\*", objectives, flags=re.M)
    assert len(verbs) >= 3, f"{key}: objectives need measurable verbs, found {verbs}"
    assert not {"understand", "know", "learn", "appreciate"} & {v.lower() for v in verbs}


def test_disclaimer_and_emergency_note(lesson):
    _, nb = lesson
    md = _markdown(nb)
    assert "teach; they do not diagnose" in md
    assert "emergency" in md.lower() and "112" in md


def test_links_to_previous_and_next_lessons(lesson):
    key, nb = lesson
    md = _markdown(nb)
    i = ORDER.index(key)
    if i > 0:
        assert "Previous: [" in md and f"({ORDER[i - 1]}.ipynb)" in md
    if i < len(ORDER) - 1:
        assert "Next: [" in md and f"({ORDER[i + 1]}.ipynb)" in md
    for target in re.findall(r"\]\(([^)]+\.ipynb)\)", md):
        assert (NOTEBOOKS / target).exists(), f"{key}: broken link {target}"


def test_code_cells_are_short_library_calls(lesson):
    key, nb = lesson
    for cell in _code_cells(nb):
        src = _src(cell)
        lines = [l for l in src.splitlines() if l.strip()]
        assert 1 <= len(lines) <= 3, f"{key}: code cell too long:\n{src}"
        assert not re.search(r"^\s*(def|class|async def|lambda)\b|\blambda\b", src, flags=re.M), src
        assert lines[0].startswith("from iliopsoas_lessons"), f"{key}: cells call the library:\n{src}"


def test_stored_executed_in_order_without_errors(lesson):
    key, nb = lesson
    cells = _code_cells(nb)
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1)), key
    for cell in cells:
        assert cell["outputs"], f"{key}: a code cell has no stored output:\n{_src(cell)}"
        for out in cell["outputs"]:
            assert out["output_type"] != "error", key
            assert not (out["output_type"] == "stream" and out.get("name") == "stderr"), out
        assert "execution" not in cell["metadata"], "timing metadata makes runs differ"


def test_widget_state_is_saved_and_every_interactive_cell_has_a_fallback(lesson):
    key, nb = lesson
    interactive = 0
    state = nb["metadata"].get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in _code_cells(nb):
        for out in cell["outputs"]:
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                interactive += 1
                assert data[WIDGET_VIEW]["model_id"] in state, f"{key}: widget state not saved"
                html, text = _text(data.get("text/html")), _text(data.get("text/plain"))
                assert "image/png" in data or "<img" in html or len(html) > 200, key
                assert len(text) > 40 and "Box(" not in text
                if "<img" in html:
                    assert re.search(r'<img [^>]*alt="[^"]{40,}"', html), f"{key}: figure without alt text"
    if key != "00_start_here" or interactive:
        assert interactive >= 1, f"{key}: no interactive widget"
        assert state


def test_no_article_errors_in_the_prose_or_the_stored_outputs(lesson):
    key, nb = lesson
    assert article_errors(_markdown(nb)) == [], key
    # outputs may report the article's claims, but each reported sentence is attributed
    for cell in _code_cells(nb):
        for out in cell["outputs"]:
            for mime in ("text/plain", "text/markdown"):
                assert article_errors(_text(out.get("data", {}).get(mime))) == [], (key, mime)


def test_lesson_references_render_from_the_reference_list(lesson):
    key, nb = lesson
    cells = [c for c in _code_cells(nb) if "show_references" in _src(c)]
    assert len(cells) == 1 and f'show_references("{key}")' in _src(cells[0])
    shown = "".join(_text(o["data"].get("text/markdown")) for o in cells[0]["outputs"])
    for ref in ld.lesson_references(key):
        # DOIs, PMIDs and pages are Markdown links: compare the text a reader sees
        seen = html.unescape(re.sub(r"<[^>]+>", "", mistune.html(shown)))
        assert il.reference(ref).citation in seen


def test_one_lesson_length_in_the_data_the_notebook_and_the_guide(lesson):
    """Review 27 C minor 5: lesson 06 said about 45 minutes on its handout (lessons.json), 10 minutes
    a case in the notebook and 50 minutes in the guide. The notebook's first cell and the guide's
    heading give the length in lessons.json, which the handout prints."""
    key, nb = lesson
    minutes = next(
        rec["minutes"]
        for rec in json.loads((ROOT / "iliopsoas_lessons" / "data" / "lessons" / "lessons.json").read_text("utf-8"))[
            "lessons"
        ]
        if rec["key"] == key
    )
    first = _src(nb["cells"][0])
    assert re.search(rf"\*\*Time:\*\* about {minutes} minutes\b", first), (key, minutes)
    guide = (ROOT / "docs" / "instructor_guide.md").read_text("utf-8")
    number = key.split("_", 1)[0]
    heading = re.search(rf"^## Lesson {number}: .*\((\d+) minutes\)$", guide, flags=re.M)
    assert heading and int(heading.group(1)) == minutes, (key, minutes)


def test_the_go_now_case_is_not_introduced_as_one_for_today():
    """Review 28 C M3: the psoas-abscess case's answer is the infection flag, which goes now, but
    lesson 06 introduced it as 'a reason to be seen today', the wording urgency.json keeps away
    from go-now flags."""
    assert il.course().red_flags["infection"].go_now
    nb = json.loads((ROOT / "notebooks" / "06_cases.ipynb").read_text("utf-8"))
    intro = next(_src(c) for c in nb["cells"] if c["cell_type"] == "markdown" and "night sweats" in _src(c))
    assert "today" not in intro and "hospital now" in intro, intro


def test_one_figure_for_how_long_a_case_takes_in_the_notebook_and_the_guide():
    """Review 28 C M5: lesson 06 said about 10 minutes to play a case; the guide gave 15."""
    nb = json.loads((ROOT / "notebooks" / "06_cases.ipynb").read_text("utf-8"))
    in_nb = re.search(r"about (\d+) minutes to play a case", _src(nb["cells"][0]))
    guide = (ROOT / "docs" / "instructor_guide.md").read_text("utf-8")
    lesson06 = guide.split("## Lesson 06", 1)[1].split("\n## ", 1)[0]
    in_guide = re.search(r"play one case alone\s+\((\d+) minutes\)", lesson06)
    assert in_nb and in_guide, (in_nb, in_guide)
    assert in_nb.group(1) == in_guide.group(1), (in_nb.group(1), in_guide.group(1))


def test_the_case_summary_names_every_question_essential_in_every_case():
    """Review round 32, C M5: the summary's 'in every case' list is checked against the case
    files: each topic it names is essential in every case, and each topic of this list that
    every case marks essential is named."""
    nb = json.loads((ROOT / "notebooks" / "06_cases.ipynb").read_text("utf-8"))
    summary = next("".join(c["source"]) for c in nb["cells"] if "".join(c["source"]).startswith("## Summary"))
    line = next(part for part in summary.split("\n- ") if "in every case" in part).split("in every case")[0]
    cases = [
        json.loads(p.read_text("utf-8")) for p in sorted((ROOT / "iliopsoas_lessons" / "data" / "cases").glob("*.json"))
    ]
    topics = ("fever", "blood thinner", "bladder", "cancer", "fall", "testicle", "pregnan", "steroid")

    def everywhere(topic):
        return all(
            any(topic in i["label"].lower() for s in c["steps"] for i in s.get("items", []) if i.get("essential"))
            for c in cases
        )

    named = {t for t in topics if t in " ".join(line.split()).lower()}
    assert named == {t for t in topics if everywhere(t)}, named
    assert {"fever", "blood thinner"} <= named
