"""Static lesson text built from the content: references, lesson map, tables.

Each ``show_*`` function returns a :class:`Doc`, displayed as Markdown in
Jupyter (and as the same Markdown in plain text), so notebooks need one line
per table and the facts stay in the data files.
"""
from __future__ import annotations

import iliopsoas_lessons as il

from . import lesson_data as ld

__all__ = ["Doc", "show_references", "show_lesson_map", "show_muscle_table", "show_mechanism_table",
           "show_red_flags", "show_claims", "show_disclaimer", "show_lesson_info"]


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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _refs(keys) -> str:
    return f" [{', '.join(keys)}]" if keys else ""


def show_references(lesson_key: str) -> Doc:
    """The full citations of the references a lesson uses (from ``references.json``)."""
    keys = ld.lesson_references(lesson_key)
    refs = [il.reference(k) for k in keys]
    lines = [f"- **{r.key}** ({r.evidence_label}): {r.citation}" for r in refs]
    return Doc("\n".join(lines))


def show_lesson_map(current: str | None = None) -> Doc:
    """A table of the lessons with links, time and what each covers."""
    rows = ["| Lesson | Time | What you will do |", "|---|---|---|"]
    for lesson in ld.lessons():
        title = f"[{lesson.title}]({lesson.file})"
        if lesson.key == current:
            title += " (you are here)"
        rows.append(f"| {title} | {lesson.minutes} min | {_cell(lesson.summary)} |")
    return Doc("\n".join(rows))


def show_lesson_info(lesson_key: str) -> Doc:
    lesson = ld.lesson(lesson_key)
    return Doc(f"**{lesson.title}**: about {lesson.minutes} minutes. {lesson.summary}")


def show_muscle_table() -> Doc:
    """Origin, insertion, nerve and blood supply of the three muscles, cited."""
    muscles = list(il.muscles())
    rows = ["| | " + " | ".join(m.name for m in muscles) + " |", "|---" * (len(muscles) + 1) + "|"]
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


def show_mechanism_table(keys=("acute_strain", "overuse")) -> Doc:
    """Mechanisms side by side: kind, summary, triggers, grades, what you notice."""
    mechs = [il.mechanism(k) for k in keys]
    rows = ["| | " + " | ".join(m.title for m in mechs) + " |", "|---" * (len(mechs) + 1) + "|"]

    def facts(items):
        return _cell("; ".join(f.text + _refs(f.references) for f in items)) or "none"

    rows.append("| **What happens** | " + " | ".join(_cell(m.summary.text + _refs(m.summary.references))
                                                    for m in mechs) + " |")
    rows.append("| **Typical triggers** | " + " | ".join(facts(m.triggers) for m in mechs) + " |")
    rows.append("| **Grades** | " + " | ".join(
        _cell("; ".join(f"grade {g.grade}: {g.text}" for g in m.grades)) or "not graded" for m in mechs) + " |")
    rows.append("| **What you notice** | " + " | ".join(facts(m.features) for m in mechs) + " |")
    return Doc("\n".join(rows))


_ACTION_WORDS = {
    "emergency": "Emergency: call the emergency number or go to an emergency department now.",
    "same_day": "Same day: get seen by a doctor today.",
    "prompt": "Promptly: book a medical assessment within days.",
}


def show_red_flags() -> Doc:
    """Every red flag: its signs, why it matters and what to do."""
    parts = []
    for flag in il.red_flags():
        signs = "\n".join(f"  - {s}" for s in flag.signs)
        parts.append(f"- **{flag.title}**. {_ACTION_WORDS[flag.action]}\n{signs}\n"
                     f"  - *Why:* {flag.reason.text}{_refs(flag.reason.references)}")
    caveat = il.content().red_flag_caveat
    parts.append(f"\n> {caveat.text}{_refs(caveat.references)}")
    return Doc("\n".join(parts))


def show_claims(keys) -> Doc:
    """An evidence-check table: what the article said, the verdict, the evidence."""
    rows = ["| Claim in the article | Verdict | What the sources say |", "|---|---|---|"]
    for k in keys:
        c = il.claim(k)
        said = " ".join(f"*The article said:* {sentence}" for sentence in _sentences(c.article_says))
        rows.append(f"| {_cell(said)} | **{c.verdict}** | {_cell(c.evidence + _refs(c.references))} |")
    return Doc("\n".join(rows))


def _sentences(text: str) -> list[str]:
    """Split so that every reported sentence carries its attribution."""
    from iliopsoas_lessons.checks import sentences

    return sentences(text)


def show_disclaimer() -> Doc:
    return Doc(f"> **{il.DISCLAIMER}**")
