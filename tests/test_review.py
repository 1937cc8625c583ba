"""The clinician's review sheet: every cited statement, its references in full,
escaping, the last-reviewed date, and an offline PDF."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from collections import Counter
from html import escape, unescape
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons import content as records
from iliopsoas_lessons.content import review
from iliopsoas_lessons.content import lessons as lesson_data

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "iliopsoas_lessons" / "data"

_spec = importlib.util.spec_from_file_location("build_review", ROOT / "scripts" / "build_review.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

# Written out here rather than imported: the raw count below must not lean on
# the module it checks. test_the_two_definitions_agree keeps them in step.
RAW_TEXT_KEYS = ("text", "evidence", "description", "explanation", "reason", "prompt", "meaning")
PLANTED = "A planted relation that no lesson has ever stated."


def _raw_texts(node) -> list[str]:
    """The text of every JSON object that has a non-empty text and a non-empty
    'references' list, read straight from the parsed files."""
    found = []
    if isinstance(node, dict):
        refs = node.get("references")
        texts = [node[k] for k in RAW_TEXT_KEYS if isinstance(node.get(k), str) and node[k].strip()]
        if isinstance(refs, list) and refs and texts:
            found.append(texts[0])
        for value in node.values():
            found += _raw_texts(value)
    elif isinstance(node, list):
        for value in node:
            found += _raw_texts(value)
    return found


def raw_statements(directory: Path) -> list[str]:
    """Every statement; quiz texts name a level as {urgency:key}, shown as its quoted label."""
    paths = sorted(directory.glob("*.json")) + sorted((directory / "lessons").glob("*.json"))
    levels = json.loads((directory / "urgency.json").read_text(encoding="utf-8"))["levels"]
    labels = {level["key"]: f"\u201c{level['label']}\u201d" for level in levels}
    # {urgency:key:now}: the level's "now" wording, shown beside a flag that goes now
    labels.update({f"{lv['key']}:now": f"\u201c{lv['now']['label']}\u201d" for lv in levels if lv.get("now")})
    texts = [t for p in paths for t in _raw_texts(json.loads(p.read_text(encoding="utf-8")))]
    return [re.sub(r"\{urgency:(\w+(?::now)?)\}", lambda m: labels[m.group(1)], t) for t in texts]


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _load(directory: Path):
    return records.load(directory), lesson_data.load(directory / "lessons")


# ------------------------------------------------------------------ counting


def test_the_two_definitions_agree():
    assert RAW_TEXT_KEYS == review.TEXT_FIELDS


def test_the_sheet_has_every_cited_statement_in_the_data():
    sheet = review.statements()
    raw = raw_statements(DATA)
    assert len(raw) > 100
    assert len(sheet) == len(raw)
    assert Counter(s.text for s in sheet) == Counter(raw)
    assert len({s.id for s in sheet}) == len(sheet)


def test_a_planted_fact_is_counted_and_placed(data_copy):
    _edit(
        data_copy / "muscles.json",
        lambda d: d["muscles"][0]["relations"].append({"text": PLANTED, "references": ["G1918"]}),
    )
    sheet = review.statements(*_load(data_copy))
    assert len(sheet) == len(raw_statements(data_copy)) == len(raw_statements(DATA)) + 1
    (planted,) = [s for s in sheet if s.text == PLANTED]
    assert planted.lesson == "01_anatomy"
    assert planted.section.startswith("Psoas major — relation ")
    assert planted.references == ("G1918",)


def test_a_dropped_kind_of_statement_breaks_the_count(monkeypatch):
    # the count comparison is what catches a statement the walk misses
    monkeypatch.setattr(review, "TEXT_FIELDS", tuple(k for k in review.TEXT_FIELDS if k != "prompt"))
    assert len(review.statements()) < len(raw_statements(DATA))


# ------------------------------------------------------------------ placing


def test_statements_follow_the_lessons_in_teaching_order():
    order = [lesson.key for lesson in lesson_data.lessons()] + [""]
    sheet = review.statements()
    ranks = [order.index(s.lesson) for s in sheet]
    assert ranks == sorted(ranks)
    for s in sheet:
        assert all(order.index(other) > order.index(s.lesson) for other in s.also_in), s.id
    caveat = next(s for s in sheet if s.id == "red_flag_caveat")
    assert caveat.lesson == "00_start_here" and "04_red_flags" in caveat.also_in


def test_sections_and_context_tell_the_reviewer_what_they_check():
    by_id = {s.id: s for s in review.statements()}
    assert by_id["muscles/psoas_major/origin"].section == "Psoas major — origin"
    # the first flag in order that no mechanism lists as its own (lesson 02 shows those first)
    own = {k for m in il.mechanisms() for k in m.red_flags}
    flag = next(f for f in il.red_flags() if f.key not in own)
    reason = by_id[f"red_flags/{flag.key}/reason"]
    assert reason.section.startswith("Red flag: ") and reason.lesson == "04_red_flags"
    context = dict(reason.context)
    assert context["signs"] == "; ".join(flag.signs)
    assert len(context) >= 2  # the signs and the urgency of the flag
    claim = next(iter(il.claims()))
    context = dict(by_id[f"claims/{claim.key}"].context)
    assert context["article says"] == claim.article_says
    assert context["verdict"] == claim.verdict


# ------------------------------------------------------------------ the HTML


def test_every_reference_appears_in_full_with_its_evidence_level():
    html = build.render_html()
    rows = html.split("<tr>")
    sheet = review.statements()
    assert html.count('<td class="num">') == len(sheet)
    for s in sheet:
        row = next(r for r in rows if f'<span class="stmt">{escape(s.text)}</span>' in r)
        for key in s.references:
            ref = il.reference(key)
            shown = f'<b>{escape(key)}</b> <span class="level">{escape(ref.evidence_label)}</span> '
            assert shown in row, (s.id, key)
            # the citation in full, its DOI, PMID or page a link (tags dropped: the text is whole),
            # then whether it still stands (nothing for a current source)
            cited = row[row.index(shown) + len(shown) :].split("</li>")[0]
            assert re.sub(r"</?a[^>]*>", "", cited) == escape(ref.citation) + build._standing(ref), (s.id, key)
    end = html[html.index("<h2>References</h2>") :]
    text = re.sub(r"</?a[^>]*>", "", end)
    for ref in il.references():
        assert escape(ref.citation) in text and escape(ref.evidence_label) in end


def test_the_header_gives_version_counts_and_review_date():
    html = build.render_html()
    head = html[: html.index("<h2>")]
    assert f"<b>{il.__version__}</b>" in head
    assert f"<b>{len(review.statements())}</b> cited statements" in head
    assert f"<b>{len(il.references())}</b> references" in head
    assert f"<b>{review.last_reviewed().isoformat()}</b>" in head


def test_the_html_escapes_what_the_data_says(data_copy):
    planted = "<script>alert('x')</script> & <b>bold</b>"
    _edit(data_copy / "muscles.json", lambda d: d["muscles"][0]["summary"].update(text=planted))

    def plant_in_reference(data):  # the citation, or the title it is built from
        ref = data["references"][0]
        ref["citation" if "citation" in ref else "title"] = planted

    _edit(data_copy / "references.json", plant_in_reference)
    content, lessons = _load(data_copy)
    html = build.render_html(content, lessons)
    assert "<script" not in html.lower()
    assert "<b>bold</b>" not in html
    assert escape(planted) in html
    # nothing in the page loads a web address; the only links are the references' own
    # (DOI, PubMed, PubMed Central, or the page a reference names)
    assert not re.search(r"""src\s*=\s*["']?(https?:)?//""", html, re.I)
    pages = {r.url for r in content.references if r.url}
    for raw in re.findall(r"""href\s*=\s*["']?([^"'\s>]+)""", html, re.I):
        href = unescape(raw)  # an address's & is written &amp; in the page
        assert (
            href.startswith(
                ("https://doi.org/", "https://pubmed.ncbi.nlm.nih.gov/", "https://pmc.ncbi.nlm.nih.gov/articles/PMC")
            )
            or href in pages
        ), href
    style = html[html.index("<style>") : html.index("</style>")]
    assert "@import" not in style and "url(" not in style


# ------------------------------------------------------------------ the date


def test_the_review_date_is_kept_in_the_data(data_copy):
    raw = json.loads((DATA / "review.json").read_text(encoding="utf-8"))["last_reviewed"]
    assert review.last_reviewed().isoformat() == raw
    _edit(data_copy / "review.json", lambda d: d.update(last_reviewed="2030-01-02"))
    assert review.last_reviewed(data_copy).isoformat() == "2030-01-02"


@pytest.mark.parametrize("value", ["2026-13-01", "20261125", "last week", 20261125, None])
def test_a_bad_review_date_names_the_file_and_key(data_copy, value):
    _edit(data_copy / "review.json", lambda d: d.update(last_reviewed=value))
    with pytest.raises(il.ContentError, match=r"^review\.json: last_reviewed: "):
        review.last_reviewed(data_copy)


# ------------------------------------------------------------------ rounds, sign-off, the guideline trail

ROUND = {
    "date": "2026-12-06",
    "scope": "references and red-flag levels",
    "reviewer_kind": review.REVIEWER_KIND,
    "report": "docs/review/2026-12-06-refs.md",
    "counts": {"error": 2, "unsupported": 1},
}


def test_rounds_are_empty_safe(data_copy):
    assert review.rounds() == tuple(review.rounds())  # the shipped list loads (it may be empty)
    _edit(data_copy / "review.json", lambda d: d.pop("rounds", None))
    assert review.rounds(data_copy) == ()
    _edit(data_copy / "review.json", lambda d: d.update(rounds=[]))
    assert review.rounds(data_copy) == ()


def test_a_round_is_read_as_a_developer_review(data_copy):
    _edit(data_copy / "review.json", lambda d: d.update(rounds=[ROUND]))
    (found,) = review.rounds(data_copy)
    assert found.date.isoformat() == "2026-12-06" and found.reviewer_kind == review.REVIEWER_KIND
    assert dict(found.counts) == {"error": 2, "unsupported": 1}
    html = build.render_html(rounds=(found,))
    assert "docs/review/2026-12-06-refs.md" in html and "error: 2, unsupported: 1" in html


_CLASSES = {
    "patient safety": "patient_safety",
    "major factual": "major_factual",
    "minor": "minor",
    "citation": "citation",
}


def test_every_recorded_round_has_its_report_with_the_same_counts():
    """Each round in review.json points at its committed report, whose counts table
    gives the same numbers per class (so the record cannot drift from the report)."""
    assert review.rounds(), "review.json records no round"
    for found in review.rounds():
        report = ROOT / found.report
        assert report.is_file(), found.report
        text = report.read_text(encoding="utf-8")
        table = {}
        for name, key in _CLASSES.items():
            row = re.search(rf"^\|\s*\**{name}\**\s*\|\s*\**(\d+)\**\s*\|", text, re.I | re.M)
            assert row, (found.report, name)
            table[key] = int(row.group(1))
        assert dict(found.counts) == table, found.report


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(reviewer_kind="clinician"), "a round is a developer review, never a clinician's signature"),
        (dict(report="/tmp/report.md"), "not a path under docs/review/"),
        (dict(report="docs/review/../../etc"), "not a path under docs/review/"),
        (dict(date="6 December 2026"), "ISO date"),
        (dict(counts={"error": -1}), "whole number"),
        (dict(signed_by="Dr X"), "each round needs exactly"),
    ],
)
def test_a_bad_round_names_the_file_and_the_round(data_copy, change, message):
    _edit(data_copy / "review.json", lambda d: d.update(rounds=[{**ROUND, **change}]))
    with pytest.raises(il.ContentError, match=r"^review\.json: rounds\[0\]: .*" + re.escape(message)):
        review.rounds(data_copy)


def test_the_sheet_says_plainly_that_no_clinician_has_signed():
    html = build.render_html()
    head = html[: html.index("<h2>")]
    assert escape(review.NOT_SIGNED) in head and "No clinician has signed" in review.NOT_SIGNED
    assert "No clinician has signed" in review.reviewed_by()


def test_the_guideline_words_sit_beside_each_red_flag_level():
    html = build.render_html()
    for flag in il.red_flags():
        row_start = html.index(f'<span class="id">red_flags/{flag.key}/reason</span>')
        row = html[row_start : html.index("</tr>", row_start)]
        if flag.trail.quotes:
            assert "Guideline behind the level:" in row, flag.key
            for quote in flag.trail.quotes:
                assert f"<q>{escape(quote.text)}</q>" in row and escape(quote.url) in row, flag.key
        else:
            assert "No guideline sentence quoted yet." in row and escape(flag.trail.pending) in row, flag.key


def test_the_reference_list_shows_status_and_date_checked():
    html = build.render_html()
    end = html[html.index("<h2>References</h2>") :]
    assert "superseded by NG234" in end and "superseded by NG253" in end
    assert "never checked" in end and "2026-12-06" in end


def test_the_trail_is_escaped(data_copy):
    planted = "<script>alert('x')</script>"

    def plant(d):  # a quote, a note and a pending line (hardening's planting skips notes)
        next(e for e in d["trail"] if e["quotes"])["quotes"][0]["text"] = planted
        next(e for e in d["trail"] if "note" in e)["note"] = planted + " note"
        next(e for e in d["trail"] if "pending" in e)["pending"] = planted + " pending"

    _edit(data_copy / "guideline_trail.json", plant)
    content, lessons = _load(data_copy)
    html = build.render_html(content, lessons)
    assert "<script" not in html.lower() and escape(planted) in html
    assert escape(planted + " note") in html and escape(planted + " pending") in html


# ------------------------------------------------------------------ the PDF, offline


def _chromium_or_skip() -> None:
    """Skip without Chromium or Playwright, unless the browser is required
    (ILIOPSOAS_REQUIRE_BROWSER=1 or CI, as in tests/browser)."""
    required = any(
        os.environ.get(n, "").strip().lower() not in ("", "0", "false", "no")
        for n in ("ILIOPSOAS_REQUIRE_BROWSER", "CI")
    )
    exe = build.chromium_path()
    reason = None
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        reason = f"Chromium not found at {exe}"
    elif importlib.util.find_spec("playwright") is None:
        reason = "playwright is not installed"
    if reason and required:
        pytest.fail(f"{reason}, and the browser is required here (ILIOPSOAS_REQUIRE_BROWSER=1 or CI)", pytrace=False)
    if reason:
        pytest.skip(f"{reason}: the review PDF needs Debian's chromium (or set CHROMIUM_PATH)")


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def _in_own_process(code: str) -> subprocess.CompletedProcess:
    """Run Playwright in a process of its own: in one pytest session with the
    browser tests, their sync Playwright already owns this process's event loop."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)


def _build_recording_requests(script: Path, argv: list[str]) -> list[str]:
    """Run a build script's ``main(argv)`` in a process of its own, its
    ``write_pdf`` wrapped to record every URL the printed pages asked for;
    the build must succeed.  Returns those URLs."""
    code = (
        f"import runpy, sys, json; sys.argv = [{script.name!r}, *{argv!r}];"
        f"g = runpy.run_path({str(script)!r});"
        "seen = []; original = g['write_pdf'];"
        "g['main'].__globals__['write_pdf'] = lambda *a, **k: seen.extend(original(*a, **k)) or seen;"
        "code = g['main'](sys.argv[1:]); print(json.dumps(seen)); sys.exit(code)"
    )
    run = _in_own_process(code)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_make_review_builds_html_and_a_multipage_pdf_offline(tmp_path):
    _chromium_or_skip()
    requested = _build_recording_requests(ROOT / "scripts" / "build_review.py", ["--output-dir", str(tmp_path)])
    pdf = (tmp_path / "review.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert _pages(pdf) > 1
    assert requested, "the page load was not seen"
    assert all(url.startswith("file:") for url in requested), requested


@pytest.mark.slow
def test_a_request_for_the_network_is_blocked_and_reported(tmp_path):
    _chromium_or_skip()
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><p>x</p><img src="http://example.invalid/logo.png">', encoding="utf-8")
    code = (
        f"import runpy, json; g = runpy.run_path({str(ROOT / 'scripts' / '_offline_pdf.py')!r});"
        f"from pathlib import Path; print(json.dumps(g['write_pdf'](Path({str(page)!r}), Path({str(tmp_path / 'page.pdf')!r}))))"
    )
    run = _in_own_process(code)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "http://example.invalid/logo.png" in json.loads(run.stdout.strip().splitlines()[-1])


def test_make_review_runs_this_script():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^review:.*\n\t(.*)$", makefile, re.M)
    # through the console command, which runs this script (tests/test_cli.py runs it so)
    assert recipe and "$(CLI) review" in recipe.group(1)
    from iliopsoas_lessons.cli import COMMANDS

    assert COMMANDS["review"].script == "build_review"
    assert re.search(r"^#\s+make review\b", makefile, re.M), "missing from the help at the top"


def test_the_statements_need_neither_matplotlib_nor_ipywidgets():
    code = (
        "import sys; from iliopsoas_lessons.content import review; review.statements(); "
        "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
