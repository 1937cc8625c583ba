"""Static lesson text built from the content: references, lesson map, tables.

Each ``show_*`` function returns a :class:`Doc`, displayed as Markdown in
Jupyter (and as the same Markdown in plain text), so notebooks need one line
per table and the facts stay in the data files.

Every builder renders the content it is given: ``content`` (a loaded
:class:`~iliopsoas_lessons.content.models.Content`) and, for the lesson
builders, ``lessons`` (a :class:`~iliopsoas_lessons.content.lessons.LessonData`),
both defaulting to the package's own. Every value taken from the content is
escaped: markup in a data file is shown as text, never run.
"""
from __future__ import annotations

import html
import re

from . import lessons as ld
from .loader import course as _package_course
from .models import DISCLAIMER, Content

__all__ = ["Doc", "show_references", "show_lesson_map", "show_muscle_table", "show_mechanism_table",
           "show_red_flags", "show_claims", "show_disclaimer", "show_lesson_info", "show_urgency_scale",
           "show_urgent_signs", "show_triage_summary", "show_mechanism_urgency", "show_examination", "show_map_key"]


class Doc:
    """Markdown text with a rich display."""

    def __init__(self, markdown: str):
        self.markdown = markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.markdown


def _md(text: str) -> str:
    """Content text made inert in Markdown: HTML markup is shown, never run."""
    return html.escape(text, quote=False)


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|").replace("\n", " ")


def _refs(keys) -> str:
    return f" [{_md(', '.join(keys))}]" if keys else ""


def _content(content: Content | None) -> Content:
    return _package_course() if content is None else content


def _lessons(lessons: "ld.LessonData | None") -> "ld.LessonData":
    return ld.lesson_data() if lessons is None else lessons


def show_references(lesson_key: str, content: Content | None = None, lessons: "ld.LessonData | None" = None) -> Doc:
    """The full citations of the references a lesson uses (from ``references.json``)."""
    content = _content(content)
    keys = ld.lesson_references(lesson_key, content, _lessons(lessons))
    refs = [content.references[k] for k in keys]
    lines = [f"- **{_md(r.key)}** ({_md(r.evidence_label)}): {_web_addresses_as_code(_md(r.citation))}"
             for r in refs]
    return Doc("\n".join(lines))


def _web_addresses_as_code(text: str) -> str:
    """Show web addresses as code, not as links: a Markdown renderer would make
    them links told apart from the text by colour alone (axe link-in-text-block)."""
    return re.sub(r"https?://[^\s`]+?(?=[.,;)]?(?:\s|$))", lambda m: f"`{m.group(0)}`", text)


def show_lesson_map(current: str | None = None, lessons: "ld.LessonData | None" = None) -> Doc:
    """A table of the lessons with links, time and what each covers."""
    rows = ["| Lesson | Time | What you will do |", "|---|---|---|"]
    for lesson in _lessons(lessons).lessons:
        title = f"[{_cell(lesson.title)}]({lesson.file})"
        if lesson.key == current:
            title += " (you are here)"
        rows.append(f"| {title} | {lesson.minutes} min | {_cell(lesson.summary)} |")
    return Doc("\n".join(rows))


def show_lesson_info(lesson_key: str, lessons: "ld.LessonData | None" = None) -> Doc:
    lesson = _lessons(lessons).lessons[lesson_key]
    return Doc(f"**{_md(lesson.title)}**: about {lesson.minutes} minutes. {_md(lesson.summary)}")


def show_muscle_table(content: Content | None = None) -> Doc:
    """Origin, insertion, nerve and blood supply of the three muscles, cited."""
    muscles = list(_content(content).muscles)
    rows = ["| | " + " | ".join(_cell(m.name) for m in muscles) + " |", "|---" * (len(muscles) + 1) + "|"]
    for label, attr in (("Origin", "origin"), ("Insertion", "insertion"), ("Nerve supply", "nerve_supply"),
                        ("Blood supply", "blood_supply")):
        cells = [_cell(getattr(m, attr).text + _refs(getattr(m, attr).references)) for m in muscles]
        rows.append(f"| **{label}** | " + " | ".join(cells) + " |")
    actions = []
    for m in muscles:
        items = [a.text + (" **(disputed)**" if a.disputed else "") + _refs(a.references) for a in m.actions]
        actions.append(_cell("; ".join(items)))
    rows.append("| **Actions** | " + " | ".join(actions) + " |")
    return Doc("\n".join(rows))


def show_mechanism_table(keys=("acute_strain", "overuse"), content: Content | None = None) -> Doc:
    """Mechanisms side by side: kind, summary, triggers, grades, what you notice."""
    mechs = [_content(content).mechanisms[k] for k in keys]
    rows = ["| | " + " | ".join(_cell(m.title) for m in mechs) + " |", "|---" * (len(mechs) + 1) + "|"]

    def facts(items):
        return _cell("; ".join(f.text + _refs(f.references) for f in items)) or "none"

    rows.append("| **What happens** | " + " | ".join(_cell(m.summary.text + _refs(m.summary.references))
                                                    for m in mechs) + " |")
    rows.append("| **Typical triggers** | " + " | ".join(facts(m.triggers) for m in mechs) + " |")
    rows.append("| **Grades** | " + " | ".join(
        _cell("; ".join(f"grade {g.grade}: {g.text}" for g in m.grades)) or "not graded" for m in mechs) + " |")
    rows.append("| **What you notice** | " + " | ".join(facts(m.features) for m in mechs) + " |")
    return Doc("\n".join(rows))


def _level_head(level) -> str:
    return f"**{_md(level.label)}**: {_md(level.action)}"


def show_urgency_scale(content: Content | None = None) -> Doc:
    """The one urgency scale as a table: each level, what to do, and why."""
    rows = ["| Level | What to do | Why this level |", "|---|---|---|"]
    for level in _content(content).urgency:
        rows.append(f"| **{_cell(level.label)}** | {_cell(level.action)} | "
                    f"{_cell(level.meaning)}{_refs(level.references)} |")
    return Doc("\n".join(rows))


def _flags_at(content: Content, level_key: str):
    return [f for f in content.red_flags if f.urgency == level_key]


def _escalation(content: Content, flag) -> str:
    if flag.escalation is None:
        return ""
    up = content.urgency[flag.escalation.urgency]
    return f"\n  - *{_md(up.label)} instead* if {_md(flag.escalation.when)}."


def show_red_flags(content: Content | None = None) -> Doc:
    """Every red flag under its level of the urgency scale: signs, why, and what to do."""
    content = _content(content)
    parts = []
    for level in content.urgency:
        flags = _flags_at(content, level.key)
        if not flags:
            continue
        parts.append(f"#### {_md(level.label)}\n\n*What to do:* {_md(level.action)}\n")
        for flag in flags:
            signs = "\n".join(f"  - {_md(s)}" for s in flag.signs)
            parts.append(f"- **{_md(flag.title)}**\n{signs}{_escalation(content, flag)}\n"
                         f"  - *Why:* {_md(flag.reason.text)}{_refs(flag.reason.references)}")
        parts.append("")
    caveat = content.red_flag_caveat
    parts.append(f"> {_md(caveat.text)}{_refs(caveat.references)}")
    return Doc("\n".join(parts))


def show_urgent_signs(levels=("emergency", "same_day"), content: Content | None = None) -> Doc:
    """The warning signs at the given levels, one line each, for the start page."""
    content = _content(content)
    parts = []
    for key in levels:
        level = content.urgency[key]
        parts.append(f"{_level_head(level)}\n")
        parts.extend(f"- {_md(f.in_short)}" for f in _flags_at(content, key))
        parts.append("")
    return Doc("\n".join(parts).rstrip())


def show_triage_summary(content: Content | None = None) -> Doc:
    """One bullet per level of the scale, naming its red flags in short."""
    content = _content(content)
    lines = []
    for level in content.urgency:
        flags = _flags_at(content, level.key)
        if flags:
            what = "; ".join(_md(f.title[0].lower() + f.title[1:]) for f in flags)
            lines.append(f"- **{_md(level.label)}**: {what}.")
    return Doc("\n".join(lines))


def mechanism_escalations(mechanism, content: Content | None = None) -> list[tuple[str, str]]:
    """(level label, when) for each sign that moves a mechanism up the scale."""
    content = _content(content)
    out = []
    for key in mechanism.red_flags:
        flag = content.red_flags[key]
        step = (content.urgency[flag.escalation.urgency].label, flag.escalation.when) if flag.escalation else None
        if step and step not in out:
            out.append(step)
    return out


def show_mechanism_urgency(keys, content: Content | None = None) -> Doc:
    """How urgently each mechanism needs care, from the scale, one bullet each."""
    content = _content(content)
    lines = []
    for k in keys:
        m = content.mechanisms[k]
        level = content.urgency[m.urgency]
        lines.append(f"- **{_md(m.title)}**: {_level_head(level)}")
        lines += [f"  - *{_md(label)} instead* if {_md(when)}."
                  for label, when in mechanism_escalations(m, content)]
    return Doc("\n".join(lines))


def show_examination(content: Content | None = None) -> Doc:
    """The Doha categories of groin pain, then each test with how far to trust it."""
    content = _content(content)
    note = content.groin_note
    rows = [f"{_md(note.text)}{_refs(note.references)}", "",
            "| Category | Clinical criteria |", "|---|---|"]
    rows += [f"| **{_cell(e.name)}** | {_cell(e.criteria.text)}{_refs(e.criteria.references)} |"
             for e in content.groin_entities]
    rows += ["", "| Test | How it is done | What a positive test suggests | How far to trust it |",
             "|---|---|---|---|"]
    for t in content.exam_tests:
        trust = ("**Contested or poor evidence.** " if t.contested else "") + t.accuracy.text
        rows.append(f"| **{_cell(t.name)}** | {_cell(t.how)} | {_cell(t.finding.text)}{_refs(t.finding.references)} "
                    f"| {_cell(trust)}{_refs(t.accuracy.references)} |")
    return Doc("\n".join(rows))


def show_map_key() -> Doc:
    """The body map's marks, one line each, from the role table the figures use."""
    from .roles import ROLE_STYLES

    return Doc("\n".join(f"- **{_md(style['alt'])}**: {_md(style['look'])}." for style in ROLE_STYLES.values()))


def show_claims(keys, content: Content | None = None) -> Doc:
    """An evidence-check table: what the article said, the verdict, the evidence."""
    content = _content(content)
    rows = ["| Claim in the article | Verdict | What the sources say |", "|---|---|---|"]
    for k in keys:
        c = content.claims[k]
        said = " ".join(f"*The article said:* {_cell(sentence)}" for sentence in _sentences(c.article_says))
        rows.append(f"| {said} | **{_cell(c.verdict)}** | {_cell(c.evidence)}{_refs(c.references)} |")
    return Doc("\n".join(rows))


def _sentences(text: str) -> list[str]:
    """Split so that every reported sentence carries its attribution."""
    from .checks import sentences

    return sentences(text)


def show_disclaimer() -> Doc:
    return Doc(f"> **{DISCLAIMER}**")
