"""The cases' path view on the report page and in its CSV: per case, an
inline SVG bar chart and tables with the same numbers (paths.py counts them).

The chart uses the Okabe-Ito colours, and every bar also carries its words
(its label, its mark and "k of N"), so no meaning rests on colour alone; the
SVG's <title> and <desc> state every number for a screen reader."""

from __future__ import annotations

import textwrap
from html import escape

from .paths import OUTCOMES, CasePathView

__all__ = ["path_view_html", "path_view_csv_rows", "case_svg"]

# Okabe & Ito (2008), the palette safe for the common colour-vision deficiencies
_COLOURS = {
    "essential": "#0072B2",  # blue
    "unnecessary": "#CC79A7",  # reddish purple
    "item": "#56B4E9",  # sky blue
    "move": "#F0E442",  # yellow
    "best": "#009E73",  # bluish green
    "acceptable": "#56B4E9",
    "over": "#E69F00",  # orange
    "unsafe": "#D55E00",  # vermillion
    "success": "#009E73",
    "partial": "#E69F00",
    "unfinished": "#F0E442",
}
_WIDTH, _ROW, _BAR, _LINE = 720, 40, 14, 18
_CHARS = 88  # characters per line of a bar's words at 15 px in 720 units
_KIND_WORDS = {"item": "", "move": "move", "option": "decision"}


def _kind_words(kind: str, mark: str) -> list[str]:
    return [w for w in (_KIND_WORDS[kind], mark and (f"verdict {mark}" if kind == "option" else mark)) if w]


def _mark_words(kind: str, mark: str) -> str:
    words = _kind_words(kind, mark)
    return f" ({', '.join(words)})" if words else ""


def _colour(kind: str, mark: str) -> str:
    return _COLOURS.get(mark) or _COLOURS["move" if kind == "move" else "item"]


def _bar(y: float, text: str, count: int, of: int, colour: str, key: str) -> tuple[str, float]:
    """One labelled bar at ``y`` and the height it takes: its words wrap, never run off the chart."""
    lines = textwrap.wrap(text, _CHARS) or [""]
    spans = "".join(f'<tspan x="0" dy="{0 if i == 0 else _LINE}">{escape(t)}</tspan>' for i, t in enumerate(lines))
    top = y + _LINE * (len(lines) - 1)
    # the bar's outline is dark, so even the light colours stand out from the page (WCAG 1.4.11)
    width = (_WIDTH - 2) * count / of if of else 0
    svg = (
        f'<g data-key="{escape(key)}" data-count="{count}">'
        f'<text x="0" y="{y + 13}" font-size="15" fill="#222">{spans}</text>'
        f'<rect x="1" y="{top + 19}" width="{max(width, 0):.1f}" height="{_BAR}" fill="{colour}" '
        f'stroke="#222" stroke-width="1"/></g>'
    )
    return svg, _ROW + _LINE * (len(lines) - 1)


def _rows(view: CasePathView) -> list[tuple[str, int, str, str]]:
    """(words, count, colour, key) for each bar: the branches, step by step, then the outcomes."""
    n = view.started
    rows = []
    for b in view.branches:
        rows.append(
            (
                f"{b.step}: {b.label}{_mark_words(b.kind, b.mark)}: {b.count} of {n}",
                b.count,
                _colour(b.kind, b.mark),
                b.key,
            )
        )
    for outcome in OUTCOMES:
        count = view.outcomes[outcome]
        rows.append((f"Outcome {outcome}: {count} of {n}", count, _COLOURS[outcome], f"outcome:{outcome}"))
    return rows


def _description(view: CasePathView) -> str:
    n = view.started
    parts = [f"{view.started} learners started, {view.finished} finished."]
    parts += [f"{b.step}, {b.label}{_mark_words(b.kind, b.mark)}: chosen by {b.count} of {n}." for b in view.branches]
    parts += [f"{e.sentence}." for e in view.never_asked]
    parts += [f"Outcome {o}: {view.outcomes[o]} of {n}." for o in OUTCOMES]
    return " ".join(parts)


def case_svg(view: CasePathView, prefix: str) -> str:
    """The case's bar chart: one bar per item, move, option and outcome, each labelled."""
    title_id, desc_id = f"{prefix}title", f"{prefix}desc"
    bars, height = [], 0.0
    for words, count, colour, key in _rows(view):
        svg, taken = _bar(height, words, count, view.started, colour, key)
        bars.append(svg)
        height += taken
    bars, height = "".join(bars), round(height + 4)
    title = f"Paths through {view.title}: how many of {view.started} learners chose each step's choices"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" font-family="system-ui, sans-serif">'
        f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(_description(view))}</desc>'
        f"{bars}</svg>"
    )


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "n/a"


def _case_html(view: CasePathView, i: int, table) -> str:
    n = view.started
    out = [
        f"<h3>{escape(view.title)}</h3>",
        f"<p>{view.started} learner{'s' if view.started != 1 else ''} started this case (latest paths, scored "
        f"again from the case); {view.finished} finished it with a decision.</p>",
    ]
    if view.skipped:
        items = "".join(f"<li><code>{escape(str(p))}</code>: {escape(why)}</li>" for p, why in view.skipped)
        out.append(f"<p>{len(view.skipped)} path(s) not counted:</p><ul>{items}</ul>")
    if view.never_asked:
        sentences = "".join(f"<li>{escape(e.sentence)}</li>" for e in view.never_asked)
        out.append(f"<p>Where learners left the safe path (essential items):</p><ul>{sentences}</ul>")
    out.append(
        f'<figure>{case_svg(view, f"case{i}-")}<figcaption>Each choice of this case and how many learners '
        "took it (the same numbers are in the table below).</figcaption></figure>"
    )
    out.append(
        table(
            "Each choice of the case: how many learners' latest paths took it",
            ["Step", "Choice", "Kind", "Learners", "Share"],
            [
                [b.step, b.label, ", ".join(_kind_words(b.kind, b.mark)) or "item", b.count, _pct(b.count, n)]
                for b in view.branches
            ],
            {3},
        )
    )
    wrong = [[w.destination, w.level, w.verdict, w.count] for w in view.wrong]
    out.append(
        table(
            "The most common wrong decisions (verdict unsafe or over)",
            ["Decision", "Level", "Verdict", "Learners"],
            wrong or [["none", "", "", 0]],
            {3},
        )
    )
    out.append(
        table(
            "Outcomes",
            ["Outcome", "Learners", "Share"],
            [[o, view.outcomes[o], _pct(view.outcomes[o], n)] for o in OUTCOMES],
            {1},
        )
    )
    return "".join(out)


def path_view_html(views: list[CasePathView], unknown, table) -> str:
    """The section of the page; ``table`` is page.py's accessible table maker."""
    if not views:
        return ""
    out = [
        "<h2>Virtual patients: the paths the class took</h2>",
        "<p>Each learner's latest path through each case, scored again from the case. A success is a best or "
        "acceptable decision with every essential item asked and no unnecessary test; an unsafe decision is never "
        "a success.</p>",
    ]
    out += [_case_html(v, i, table) for i, v in enumerate(views)]
    if unknown:
        listed = ", ".join(f"{k} ({n})" for k, n in sorted(unknown.items()))
        out.append(f"<p>Paths through cases this version does not have (not counted): {escape(listed)}.</p>")
    return "".join(out)


def path_view_csv_rows(views: list[CasePathView]) -> list[list]:
    """section, item, label, measure, value: the same numbers as the page."""
    rows = []
    for v in views:
        for measure, value in (("started", v.started), ("finished", v.finished), ("not_counted", len(v.skipped))):
            rows.append(["virtual_cases", v.key, v.title, measure, value])
        for b in v.branches:
            rows.append(["virtual_cases", f"{v.key}/{b.key}", b.label, f"learners_chose_{b.kind}", b.count])
        for e in v.never_asked:
            rows.append(["virtual_cases", f"{v.key}/{e.key}", e.label, "never_asked", e.missing])
        for w in v.wrong:
            label = f"{w.destination} ({w.level}; {w.verdict})"
            rows.append(["virtual_cases", f"{v.key}/{w.key}", label, "wrong_decision", w.count])
        for o in OUTCOMES:
            rows.append(["virtual_cases", v.key, v.title, f"outcome_{o}", v.outcomes[o]])
        for source, why in v.skipped:
            rows.append(["virtual_cases_skipped", str(source), v.key, "reason", why])
    return rows
