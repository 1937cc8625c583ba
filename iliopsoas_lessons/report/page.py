"""The class report as one offline HTML page (inline CSS and SVG, nothing
fetched) and as CSV. Every text from a file or the content is escaped."""

from __future__ import annotations

import csv
import io
from html import escape

from iliopsoas_lessons import __version__
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.loader import course as _package_course

from .collect import Collected
from .path_page import path_view_csv_rows, path_view_html
from .paths import case_path_views, unknown_cases
from .tally import case_rows, pain_map_rows, question_rows

__all__ = ["report_html", "report_csv"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45;color:#222;
     margin:0 auto;padding:1rem;max-width:70rem}
h1{font-size:1.6rem} h2{font-size:1.3rem;margin-top:2rem} h3{font-size:1.1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #888;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eef3f8} tbody th{font-weight:normal;background:#f7f9fb} td.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto} .scroll:focus{outline:3px solid #0072B2;outline-offset:2px} .maps{display:flex;flex-wrap:wrap;gap:1rem}
.maps figure{flex:1 1 20rem;margin:0;min-width:0} figcaption{font-size:.95rem;margin-top:.3rem}
.note{border-left:4px solid #0072B2;padding-left:.6rem}
"""


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "n/a"


def _table(caption: str, head: list[str], rows: list[list], numeric: set[int]) -> str:
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = []
    for row in rows:
        cells = [
            f'<td class="num">{escape(str(v))}</td>'
            if i in numeric
            else (f'<th scope="row">{escape(str(v))}</th>' if i == 0 else f"<td>{escape(str(v))}</td>")
            for i, v in enumerate(row)
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    # a table wider than a phone scrolls in its own box, which the keyboard can reach and scroll
    return (
        f'<div class="scroll" tabindex="0" role="region" aria-label="{escape(caption)}"><table><caption>{escape(caption)}</caption><thead><tr>{th}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _questions(records) -> str:
    rows = []
    for r in question_rows(records):
        wrong = f"{r.common_wrong} ({r.common_wrong_count})" if r.common_wrong else "none"
        idea = r.misconception or ("no misconception recorded for this option" if r.common_wrong else "")
        rows.append([r.prompt, r.answered, f"{r.correct_first} ({_pct(r.correct_first, r.answered)})", wrong, idea])
    return "<h2>Quiz: first tries</h2>" + _table(
        "Each question: learners who answered it, how many were right on their first try, the wrong answer "
        "chosen most often and the misconception it suggests",
        [
            "Question",
            "Answered",
            "Right first time",
            "Most common wrong answer (learners)",
            "What that answer suggests",
        ],
        rows,
        {1},
    )


def _cases(records) -> str:
    rows = [[r.story, r.level, r.answered, r.right, r.under, r.over] for r in case_rows(records)]
    return (
        "<h2>Red-flag cases: how urgent?</h2>"
        "<p>Under-triaged: a less urgent level chosen than the case needs; over-triaged: a more urgent one. "
        f"The scale, most urgent first: {escape(', '.join(lv.label for lv in _package_course().urgency))}.</p>"
        + _table(
            "Each case: first answers on the urgency scale",
            ["Case", "Level it needs", "Answered", "Right", "Under-triaged", "Over-triaged"],
            rows,
            {2, 3, 4, 5},
        )
    )


def _figures(exercise, counts: dict, learners: int, prefix: str) -> str:
    # matplotlib loads only when a report is drawn
    from iliopsoas_lessons.figures.bodymap_heat import (
        class_heat_map_figure,
        reference_pattern_figure,
        region_counts_alt_text,
    )
    from iliopsoas_lessons.figures.bodymap_text import referred_pain_alt_text
    from iliopsoas_lessons.figures.svg import figure_to_svg

    heat_alt = region_counts_alt_text(counts, learners=learners)
    ref_alt = referred_pain_alt_text(exercise.symptom, side=exercise.side)
    heat = figure_to_svg(class_heat_map_figure(counts, learners=learners), alt=heat_alt, id_prefix=f"{prefix}heat-")
    ref = figure_to_svg(
        reference_pattern_figure(exercise.symptom, side=exercise.side), alt=ref_alt, id_prefix=f"{prefix}ref-"
    )
    return (
        f'<div class="maps"><figure>{heat}<figcaption>Where the class marked the pain '
        f"(first check; the same numbers are in the table below).</figcaption></figure>"
        f"<figure>{ref}<figcaption>The reference pattern the lessons teach.</figcaption></figure></div>"
    )


def _pain_maps(records, learners: int, *, figures: bool = True) -> str:
    rows = pain_map_rows(records)
    out = ["<h2>Pain map: where the class places the pain</h2>"]
    for i, exercise in enumerate(ld.lesson_data().pain_maps):
        mine = [r for r in rows if r.exercise == exercise.key]
        answered = sum(1 for _, d in records if exercise.key in d["exercises"].get("pain_map", {}))
        out.append(
            f"<h3>{escape(_package_course().symptoms[exercise.symptom].title)}, patient's {escape(exercise.side)} side</h3>"
            f"<p>{answered} of {learners} learners checked this map.</p>"
        )
        if figures:
            out.append(_figures(exercise, {r.region: r.marked for r in mine}, answered, f"pm{i}-"))
        out.append(
            _table(
                "Each area offered: how many learners marked it on their first check",
                ["Area", "In the reference pattern", "Learners who marked it", "Share"],
                [[r.label, "yes" if r.in_pattern else "no", r.marked, _pct(r.marked, answered)] for r in mine],
                {2, 3},
            )
        )
    return "".join(out)


def course_cases() -> tuple:
    """The package's virtual-patient cases (data/cases/*.json)."""
    return tuple(_package_course().cases)


def _path_views(records, cases, engine) -> list:
    cases = course_cases() if cases is None else tuple(cases)
    return case_path_views(records, cases, engine=engine, course=_package_course())


def _virtual_cases(records, cases, engine) -> str:
    cases = course_cases() if cases is None else tuple(cases)
    return path_view_html(_path_views(records, cases, engine), unknown_cases(records, cases), _table)


def _skipped(collected: Collected) -> str:
    if not collected.skipped:
        return "<h2>Files skipped</h2><p>None: every file given was read.</p>"
    items = "".join(f"<li><code>{escape(str(p))}</code>: {escape(why)}</li>" for p, why in collected.skipped)
    return (
        f"<h2>Files skipped</h2><p>{len(collected.skipped)} file(s) were not counted; the others were.</p>"
        f"<ul>{items}</ul>"
    )


def report_html(collected: Collected, *, figures: bool = True, cases=None, engine=None) -> str:
    """The whole page. ``figures=False`` leaves out the maps (the tables stay);
    ``cases`` and ``engine`` (default: the package's) give the virtual patients' path view."""
    n = collected.learners
    body = [
        "<h1>Class report: iliopsoas lessons</h1>",
        f'<p class="note"><strong>{n} learner{"s" if n != 1 else ""}</strong> counted. '
        "Numbers are of first attempts: what each learner answered before any feedback. "
        "No names are shown; a pseudonym a learner typed stays in their file.</p>",
        _questions(collected.records),
        _cases(collected.records),
        _virtual_cases(collected.records, cases, engine),
        _pain_maps(collected.records, n, figures=figures),
        _skipped(collected),
        f"<p>Made by iliopsoas-lessons {escape(__version__)}, offline, from the files handed in.</p>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Class report: iliopsoas lessons ({n} learners)</title><style>{_CSS}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str | int:
    """A CSV cell that a spreadsheet shows as text: counts stay numbers, any
    text that could start a formula gets a leading apostrophe."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _SafeWriter:
    """csv.writer with every cell neutralised and quoted (a CR or newline in a
    file name stays inside its cell, never splitting the row)."""

    def __init__(self, out):
        self._w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, row) -> None:
        self._w.writerow([_cell(v) for v in row])


def report_csv(collected: Collected, *, cases=None, engine=None) -> str:
    """The same numbers, one per row: section, item, label, measure, value."""
    out = io.StringIO()
    w = _SafeWriter(out)
    w.writerow(["section", "item", "label", "measure", "value"])
    w.writerow(["class", "", "", "learners", collected.learners])
    for r in question_rows(collected.records):
        for measure, value in (
            ("answered", r.answered),
            ("right_first_time", r.correct_first),
            ("most_common_wrong_answer", r.common_wrong or ""),
            ("most_common_wrong_count", r.common_wrong_count),
        ):
            w.writerow(["quiz", r.key, r.prompt, measure, value])
    for r in case_rows(collected.records):
        for measure, value in (
            ("answered", r.answered),
            ("right", r.right),
            ("under_triaged", r.under),
            ("over_triaged", r.over),
        ):
            w.writerow(["red_flag_cases", r.key, r.story, measure, value])
    for row in path_view_csv_rows(_path_views(collected.records, cases, engine)):
        w.writerow(row)
    for r in pain_map_rows(collected.records):
        w.writerow(["pain_map", f"{r.exercise}/{r.region}", r.label, "learners_marked", r.marked])
    for path, why in collected.skipped:
        w.writerow(["skipped", str(path), "", "reason", why])
    return out.getvalue()
