#!/usr/bin/env python3
"""Build the clinician's review sheet as HTML and PDF, offline.

    python scripts/build_review.py [--output-dir build/review] [--html-only]

The sheet lists every cited statement the lessons make (from
:func:`iliopsoas_lessons.content.review.statements`), lesson by lesson, with each
statement's references in full, their evidence level, the context a reviewer
needs and an empty column for the reviewer's verdict. The HTML is one file
with its stylesheet inline and nothing to fetch; the PDF is that file printed
by Debian's Chromium through Playwright (A4 landscape; scripts/_offline_pdf.py).
A page that asks for anything but a local file makes the build fail.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from html import escape
from pathlib import Path
from string import Template

import iliopsoas_lessons as il
from iliopsoas_lessons.content import review
from iliopsoas_lessons.content.citations import citation_html
from iliopsoas_lessons.content import EVIDENCE_LEVELS
from iliopsoas_lessons.content import lessons as lesson_data

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "scripts") not in sys.path:  # loaded by path (tests), not only run as a script
    sys.path.insert(0, str(ROOT / "scripts"))

# chromium_path stays importable from here for the tests
from _offline_pdf import blocked_requests, chromium_missing, chromium_path, write_pdf  # noqa: F401  (chromium_path: for the tests)

CSS = """
body { font: 9.5pt/1.35 "DejaVu Sans", sans-serif; color: #111; margin: 1.5em; }
h1 { font-size: 16pt; margin: 0 0 .3em; }
h2 { font-size: 12.5pt; margin: 1.4em 0 .2em; break-after: avoid; page-break-after: avoid; }
p.lead { margin: .2em 0 .6em; max-width: 60em; }
.facts { display: flex; flex-wrap: wrap; gap: .3em 2em; margin: .4em 0; }
.facts b { font-size: 11pt; }
.summary { color: #444; margin: 0 0 .4em; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #888; padding: 3px 5px; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #e8e8e8; font-size: 8.5pt; }
col.num { width: 3em; } col.sec { width: 15%; } col.ref { width: 31%; } col.rev { width: 17%; }
td.num { text-align: right; color: #444; }
.id, .also, .same { display: block; color: #555; font-size: 7.5pt; margin-top: 2px; }
.stmt { font-size: 10pt; }
dl.ctx { margin: 3px 0 0; font-size: 8pt; color: #333; }
dl.ctx dt { display: inline; font-style: italic; }
dl.ctx dd { display: inline; margin: 0; }
dl.ctx dd::after { content: ""; display: block; }
ul.refs { margin: 0; padding: 0; list-style: none; font-size: 8pt; }
/* a reference's DOI, PMID or page: underlined, not told apart by colour alone */
a { color: #0645ad; text-decoration: underline; }
ul.refs li { margin-bottom: 2px; }
.level { display: inline-block; border: 1px solid #555; border-radius: 3px; padding: 0 3px;
         font-size: 7pt; text-transform: uppercase; letter-spacing: .02em; }
.sign { margin-top: .8em; }
.unsigned { border: 2px solid #900; padding: .3em .6em; font-weight: bold; max-width: 60em; }
.trail { margin: 4px 0 0; padding: 3px 5px; border-left: 3px solid #555; font-size: 8pt; background: #f4f4f4; }
.trail q { font-style: italic; }
.trail .src { display: block; color: #444; font-size: 7.5pt; overflow-wrap: anywhere; }
.trail .gap { color: #900; font-weight: bold; }
.old { color: #900; font-weight: bold; }
@page { size: A4 landscape; margin: 12mm 10mm 14mm; }
@media print { body { margin: 0; } }
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Iliopsoas lessons: review sheet</title>
<style>$css</style>
</head>
<body>
<h1>Iliopsoas lessons: clinician's review sheet</h1>
<div class="facts">
<span>Package version <b>$version</b></span>
<span>Content last reviewed <b>$reviewed</b> ($reviewed_by)</span>
<span><b>$n_statements</b> cited statements</span>
<span><b>$n_references</b> references</span>
<span><b>$n_lessons</b> lessons</span>
</div>
<p class="lead">Each row is one statement the lessons make, with the sources it cites in
full and the kind of evidence behind each (strongest first: $levels). Rows are
grouped by lesson, in teaching order; a statement used by more than one lesson
sits under the first and names the others. Please mark each row OK, or write the
change you would make or your comment in the last column. The reference list is
at the end.</p>
<p class="unsigned">$not_signed</p>
$rounds
<p class="sign">Reviewer: ______________________________ &nbsp; Date of review: ______________ &nbsp;
Signature: ______________________</p>
$sections
$reference_list
</body>
</html>
""")

TABLE_HEAD = (
    '<table><colgroup><col class="num"><col class="sec"><col class="txt"><col class="ref">'
    '<col class="rev"></colgroup><thead><tr><th>No.</th><th>Section</th>'
    '<th>Statement and context</th><th>References (evidence level)</th>'
    '<th>OK / change / comment</th></tr></thead><tbody>'
)


def _context(statement: review.Statement) -> str:
    if not statement.context:
        return ""
    items = "".join(f"<dt>{escape(label)}:</dt> <dd>{escape(text)}</dd>" for label, text in statement.context)
    return f'<dl class="ctx">{items}</dl>'


def _standing(ref) -> str:
    """' (superseded by NG234)' for a source that no longer stands; '' for a current one."""
    if ref.is_current:
        return ""
    by = f" by {ref.superseded_by}" if ref.superseded_by else ""
    return f' <span class="old">({escape(ref.status)}{escape(by)})</span>'


def _references(keys: tuple[str, ...], refs) -> str:
    items = []
    for key in keys:
        ref = refs[key]
        items.append(
            f'<li><b>{escape(key)}</b> <span class="level">{escape(ref.evidence_label)}</span> '
            f"{citation_html(ref)}{_standing(ref)}</li>"
        )
    return f'<ul class="refs">{"".join(items)}</ul>'


def _trail(trail) -> str:
    """The guideline's own words behind a red flag's level, or a plain note that they are missing."""
    if trail is None:
        return ""
    if trail.quotes:
        quotes = "".join(
            f'<q>{escape(q.text)}</q><span class="src">{escape(q.reference)}'
            + (f", as reproduced by {escape(q.reproduced_by)}" if q.reproduced_by else "")
            + f", read {escape(q.read)} at {escape(q.url)}</span>"
            for q in trail.quotes
        )
        body = f"<b>Guideline behind the level:</b> {quotes}"
    else:
        body = f'<span class="gap">No guideline sentence quoted yet.</span> {escape(trail.pending or "")}'
    note = f'<span class="src">Note: {escape(trail.note)}</span>' if trail.note else ""
    return f'<div class="trail">{body}{note}</div>'


def _row(
    number: int,
    statement: review.Statement,
    refs,
    lesson_names: dict[str, str],
    same_as: int | None,
    trails: dict | None = None,
) -> str:
    notes = _trail((trails or {}).get(statement.id))
    if statement.also_in:
        names = ", ".join(lesson_names.get(k, k) for k in statement.also_in)
        notes += f'<span class="also">Also used in: {escape(names)}</span>'
    if same_as is not None:
        notes += f'<span class="same">Same text and references as No. {same_as}.</span>'
    return (
        f'<tr><td class="num">{number}</td>'
        f'<td>{escape(statement.section)}<span class="id">{escape(statement.id)}</span></td>'
        f'<td><span class="stmt">{escape(statement.text)}</span>{_context(statement)}{notes}</td>'
        f"<td>{_references(statement.references, refs)}</td><td></td></tr>"
    )


def _sections(statements, refs, lessons, trails: dict | None = None) -> str:
    lesson_names = {l.key: f"{l.key[:2]} {l.title}" for l in lessons}
    summaries = {l.key: l.summary for l in lessons}
    out, seen, current = [], {}, None
    for number, statement in enumerate(statements, start=1):
        if statement.lesson != current:
            if current is not None:
                out.append("</tbody></table>")
            current = statement.lesson
            if current:
                out.append(
                    f"<h2>Lesson {escape(lesson_names[current])}</h2>"
                    f'<p class="summary">{escape(summaries[current])}</p>'
                )
            else:
                out.append(
                    "<h2>In the data but not reached from any lesson's uses</h2>"
                    '<p class="summary">No lesson lists these records in its uses, and no '
                    "record a lesson uses names them by key (for example the right-side "
                    "mirror of a body-map region, or the body outline itself).</p>"
                )
            out.append(TABLE_HEAD)
        signature = (statement.text, statement.references)
        out.append(_row(number, statement, refs, lesson_names, seen.get(signature), trails))
        seen.setdefault(signature, number)
    out.append("</tbody></table>")
    return "\n".join(out)


def _reference_list(statements, refs) -> str:
    cited = Counter(key for s in statements for key in s.references)
    rows = "".join(
        f"<tr><td><b>{escape(ref.key)}</b></td><td>{citation_html(ref)}</td>"
        f"<td>{escape(ref.evidence_label)}</td><td>{escape(ref.status)}"
        f"{escape(' by ' + ref.superseded_by) if ref.superseded_by else ''}</td>"
        f"<td>{escape(ref.checked or 'never checked')}</td><td>{cited.get(ref.key, 0)}</td></tr>"
        for ref in refs
    )
    return (
        '<h2>References</h2><table><colgroup><col style="width:9em"><col><col style="width:11em">'
        '<col style="width:8em"><col style="width:7em"><col style="width:6em"></colgroup><thead><tr>'
        "<th>Key</th><th>Citation</th><th>Evidence level</th><th>Status</th><th>Last checked</th>"
        f"<th>Statements citing it</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _rounds(rounds) -> str:
    """The recorded review rounds (developer reviews), or a line saying there are none yet."""
    if not rounds:
        return "<p>No review round is recorded in review.json yet.</p>"
    items = "".join(
        f"<li>{escape(r.date.isoformat())}: {escape(r.scope)} ({escape(r.reviewer_kind)}; report "
        f"{escape(r.report)}; " + escape(", ".join(f"{k}: {v}" for k, v in r.counts) or "no findings") + ")</li>"
        for r in rounds
    )
    return f"<p>Review rounds recorded so far:</p><ul>{items}</ul>"


def render_html(
    content=None,
    lessons=None,
    reviewed=None,
    version: str = il.__version__,
    reviewed_by: str | None = None,
    rounds=None,
) -> str:
    """The whole sheet as one HTML string; every value from the data is escaped.

    Each argument defaults to the package's own (content, lesson data, the
    date and the reviewer of ``review.json``)."""
    content = il.course() if content is None else content
    lessons = lesson_data.lesson_data() if lessons is None else lessons
    reviewed = review.last_reviewed() if reviewed is None else reviewed
    statements = review.statements(content, lessons)
    refs = content.references
    rounds = review.rounds() if rounds is None else rounds
    # the trail sits beside the statement that carries the flag's level: its reason
    trails = {f"red_flags/{f.key}/reason": f.trail for f in content.red_flags}
    return PAGE.substitute(
        css=CSS,
        version=escape(version),
        reviewed=escape(reviewed.isoformat()),
        reviewed_by=escape(review.reviewed_by() if reviewed_by is None else reviewed_by),
        n_statements=len(statements),
        n_references=len(refs),
        n_lessons=len(lessons.lessons),
        levels=escape(", ".join(EVIDENCE_LEVELS.values())),
        sections=_sections(statements, refs, lessons.lessons, trails),
        not_signed=escape(review.NOT_SIGNED),
        rounds=_rounds(rounds),
        reference_list=_reference_list(statements, refs),
    )


FOOTER = (
    '<div style="font: 7pt sans-serif; width: 100%; margin: 0 10mm; color: #444;">'
    "Iliopsoas lessons review sheet, version {version}, content last reviewed {reviewed}"
    '<span style="float: right">page <span class="pageNumber"></span> of '
    '<span class="totalPages"></span></span></div>'
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=ROOT / "build" / "review")
    parser.add_argument("--html-only", action="store_true", help="skip the PDF (no Chromium needed)")
    args = parser.parse_args(argv)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    html_path = args.output_dir / "review.html"
    html_path.write_text(render_html(), encoding="utf-8")
    print(html_path)
    if args.html_only:
        return 0
    if chromium_missing("build_review"):
        return 2
    footer = FOOTER.format(version=escape(il.__version__), reviewed=review.last_reviewed().isoformat())
    pdf_path = args.output_dir / "review.pdf"
    if blocked_requests("build_review", "the page", write_pdf(html_path, pdf_path, footer)):
        return 1
    print(pdf_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
