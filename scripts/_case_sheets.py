"""The printed virtual-patient cases: a student sheet and a teacher's debrief
sheet per case, from the case file (data/cases/<key>.json) through the
content layer.

The student sheet is the story and each step's prompt and choices, with
boxes to tick and lines to write on: no finding, no feedback, no verdict, no
essential or unnecessary mark, no event (an event happens only on some
paths, and says what a slow path led to). The debrief sheet is the whole
path tree with every mark, finding, verdict and feedback, the right decision
and why, the teacher notes, the rules and every source.
"""

from __future__ import annotations

from html import escape

from _handout_exercises import CSS as EXERCISE_CSS, _box, _sources
from iliopsoas_lessons.content.cases import Case, case_level, case_references, listed_level, shown_options

__all__ = ["CSS", "student_sheet_html", "debrief_sheet_html", "sheet_names"]

CSS = """
.step { break-inside: avoid; margin: 0 0 .9em; }
.step h2 { margin-bottom: .15em; }
ul.choices { list-style: none; padding-left: 0; margin: .3em 0; }
ul.choices li { margin: .2em 0; }
.mark { font-weight: bold; }
.tree li { margin-bottom: .35em; }
.cost { color: #333; font-size: 9pt; }
"""

_WORDS = {"history": "History", "examination": "Examination", "investigations": "Tests", "decision": "Decision"}


def sheet_names(case: Case) -> tuple[str, str]:
    """The student sheet's and the debrief's file stems (the debrief sits with the answer keys)."""
    return f"case_{case.key}", f"case_{case.key}-answers"


def _duration(minutes: int) -> str:
    if minutes >= 1440 and minutes % 1440 == 0:
        return f"{minutes // 1440} day{'s' if minutes != 1440 else ''}"
    if minutes >= 60 and minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes} min"


def _cost(minutes: int, cost: int) -> str:
    parts = [_duration(minutes) if minutes else "", f"\u00a3{cost}" if cost else ""]
    shown = ", ".join(p for p in parts if p)
    return f' <span class="cost">({escape(shown)})</span>' if shown else ""


def _level(course, key: str, case: Case, option=None) -> str:
    # debrief: the case's level as its flag shows it, "Same day (go now)" where the flag goes
    # now; an option's level as the student sheet listed it, from its destination, never its verdict
    return case_level(case, key, course, option).label


def _page(title: str, body: str, css: str, kind: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}: {kind}</title><style>{css}{EXERCISE_CSS}{CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def _lines(n: int) -> str:
    return '<div class="lines"></div>' * n


def _heading(step) -> str:
    word = _WORDS.get(step.kind, step.title)
    return step.title if step.title.lower().startswith(word.lower()) else f"{word}: {step.title}"


def _played_on_paper(case: Case) -> list:
    """The steps reached from the start by moves alone, in file order: a step reached only through
    an event (what a slow or unsafe path leads to) would tell the student where the case goes."""
    by_key = {s.key: s for s in case.steps}
    seen, todo = {case.start}, [case.start]
    while todo:
        for move in by_key[todo.pop()].moves:
            if move.goto not in seen and by_key[move.goto].kind != "event":
                seen.add(move.goto)
                todo.append(move.goto)
    return [s for s in case.steps if s.key in seen]


SHEET_SEED = 0  # one printed order for a whole class; the shuffle still differs from case to case


def student_sheet_html(case: Case, course, css: str) -> str:
    """The case as learners play it on paper: the story, each step's prompt and choices, space to write."""
    parts = [
        f"<h1>{escape(case.title)}</h1>",
        '<p class="note"><strong>A practice case: these lessons teach; they do not diagnose.</strong> '
        "Your teacher tells you what each question or test finds; you talk the case through together at the end.</p>",
        f"<p>{escape(case.presenting)}</p>",
    ]
    for step in _played_on_paper(case):
        choices = [f"{_box()}{escape(i.label)}{_cost(i.minutes, i.cost)}" for i in step.items]
        choices += [
            # listed before the choice: the label follows the destination, never the verdict
            f"{_box()}{escape(o.destination)} ({escape(listed_level(case, o.urgency, course, o).label)}). {escape(o.advice)}"
            for o in shown_options(case, step, SHEET_SEED)
        ]
        ask = (
            "Tick one, and write why."
            if step.kind == "decision"
            else "Tick what you would do, number them in the order you would do them, and note what you expect."
        )
        parts.append(
            f'<section class="step"><h2>{escape(_heading(step))}</h2>'
            f"<p>{escape(step.prompt or '')}</p><p>{ask}</p>"
            f'<ul class="choices">{"".join(f"<li>{c}</li>" for c in choices)}</ul>{_lines(3)}</section>'
        )
    return _page(case.title, "".join(parts), css, "case sheet")


def _item_line(item, course) -> str:
    marks = [m for m, on in (("ESSENTIAL", item.essential), ("UNNECESSARY", item.unnecessary)) if on]
    mark = f'<span class="mark">[{", ".join(marks)}]</span> ' if marks else ""
    test = ""
    if item.test:
        tests = {t.key: t for t in (*course.exam_tests, *course.nerve_tests)}
        test = f" Test: {escape(tests[item.test].name if item.test in tests else item.test)}."
    shows = f" What it shows: {escape(item.shows)}" if item.shows else ""
    return (
        f"<li>{mark}{escape(item.label)}{_cost(item.minutes, item.cost)}. Finding: {escape(item.finding)}{test}"
        f"{shows}<br>Feedback: {escape(item.feedback)}</li>"
    )


def _step_tree(case: Case, course) -> str:
    titles = {s.key: s.title for s in case.steps}
    out = []
    for step in case.steps:
        lines = [_item_line(i, course) for i in step.items]
        lines += [
            f"<li>Move: {escape(m.label)} \u2192 {escape(titles[m.goto])}. Feedback: {escape(m.feedback)}</li>"
            for m in step.moves
        ]
        lines += [
            f'<li><span class="mark">[{escape(o.verdict.upper())}]</span> {escape(_level(course, o.urgency, case, o))}: '
            f"{escape(o.destination)}. {escape(o.advice)}<br>Feedback: {escape(o.feedback)}</li>"
            for o in shown_options(case, step, SHEET_SEED)
        ]
        lead = step.text if step.kind == "event" else step.prompt
        out.append(
            f'<section class="step"><h3>{escape(step.title)} ({escape(step.kind)}, key {escape(step.key)})</h3>'
            f'<p>{escape(lead or "")}</p><ul class="tree">{"".join(lines)}</ul></section>'
        )
    return "".join(out)


def _rules(case: Case, course) -> str:
    titles = {s.key: s.title for s in case.steps}
    items = []
    for r in case.rules:
        when = []
        if r.counter:
            when.append(f"{r.counter} reach {r.at_least}")
        if r.entering:
            when.append(f"entering {titles[r.entering]}")
        if r.essential_missing:
            when.append("an essential item not yet asked")
        then = f" and the case moves to {escape(titles[r.goto])}" if r.goto else ""
        # the player follows this message with the essential items still missing (case_engine.missing_note)
        listed = " (followed by the essential items still not done)" if r.essential_missing else ""
        items.append(f"<li>When {escape(' and '.join(when))}: \u201c{escape(r.message)}\u201d{listed}{then}.</li>")
    return f"<h2>Rules</h2><ul>{''.join(items)}</ul>" if items else ""


def debrief_sheet_html(case: Case, course, css: str) -> str:
    """The teacher's debrief: the path tree with every mark and verdict, the right decision and why."""
    answer = case.answer
    best = [(s.title, o) for s in case.steps for o in s.options if o.verdict == "best"]
    flag = course.red_flags[answer.red_flag].title if answer.red_flag else "none"
    essential = [i.label for i in case.items if i.essential]
    parts = [
        f"<h1>{escape(case.title)}: debrief</h1>",
        '<p class="note"><strong>For the teacher.</strong> Keep this sheet apart from the student sheet; '
        "use it after the class has played the case.</p>",
        f"<p>{escape(case.presenting)}</p>",
        "<h2>The right decision and why</h2>",
        f'<dl class="steps"><dt>Level</dt><dd>{escape(_level(course, answer.urgency, case))}</dd>'
        + "".join(
            f"<dt>Level at {escape(step)}</dt><dd>{escape(_level(course, o.urgency, case, o))}</dd>"
            for step, o in best
            if o.urgency != answer.urgency  # an event (sepsis) raised the level at this step
        )
        + f"<dt>Red flag</dt><dd>{escape(flag)}</dd>"
        f"<dt>Best option{'s' if len(best) != 1 else ''}</dt><dd><ul>"
        + "".join(f"<li>{escape(step)}: {escape(o.destination)} {escape(o.advice)}</li>" for step, o in best)
        + f"</ul></dd><dt>Why</dt><dd>{escape(answer.why)}</dd></dl>",
        "<h2>Essential items (each one missed withholds success)</h2>",
        f"<ul>{''.join(f'<li>{escape(e)}</li>' for e in essential)}</ul>" if essential else "<p>None.</p>",
        "<h2>Teacher notes</h2>",
        f"<p>{escape(case.teacher_notes)}</p>",
        "<h2>The path tree</h2>",
        "<p>Every step with its choices: items marked ESSENTIAL or UNNECESSARY, each decision option with its "
        "verdict (BEST, ACCEPTABLE, OVER or UNSAFE), and the feedback the learner sees.</p>",
        _step_tree(case, course),
        _rules(case, course),
        "<h2>References</h2>",
        _sources(course, case_references(case)) or "<p>None.</p>",
    ]
    return _page(case.title, "".join(parts), css, "debrief sheet")
