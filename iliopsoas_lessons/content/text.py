"""Static lesson text built from the content: references, lesson map, tables.

Each ``show_*`` function returns a :class:`Doc`, displayed as Markdown in
Jupyter (and as the same Markdown in plain text), so notebooks need one line
per table and the facts stay in the data files.

Every builder renders the content it is given: ``content`` (a loaded
:class:`~iliopsoas_lessons.content.models.Content`) and, for the lesson
builders, ``lessons`` (a :class:`~iliopsoas_lessons.content.lessons.LessonData`),
both defaulting to the package's own. Every value taken from the content is
escaped: markup in a data file is shown as text, never run.

The urgency scale and the warning-sign builders (red flags, the start page's
signs, the triage summary, a symptom's, a region's and a mechanism's warning
signs) are in warning_text.py, re-exported here; ``Doc`` and the escaping
helpers are in doc.py.
"""

from __future__ import annotations

import re

from . import lessons as ld
from .citations import citation_markdown
from .doc import Doc, _cell, _md, _refs
from .flag_levels import (
    MECHANISM_SIGNS_NOT_ALL,
    _content,
    case_level as case_level,  # re-exported: pages and tests read a case's level here
    flag_level,
    flag_steps,
    flag_steps_text,
    mechanism_flag_links,
    mechanism_level,
    slower_than_mechanism,
)
from .models import DISCLAIMER, Content

# the urgency scale and the warning-sign builders, re-exported: pages, notebooks
# and tests read them here
from .warning_text import (
    URGENT_LEVELS,
    _how_urgent,
    call_now_signs,
    region_warning_signs,
    show_call_now,
    show_mechanism_urgency,
    show_red_flags,
    show_triage_summary,
    show_urgency_scale,
    show_urgent_signs,
    symptom_warning_signs,
    symptom_warning_text,
)

__all__ = [
    "Doc",
    "show_references",
    "show_lesson_map",
    "show_muscle_table",
    "show_mechanism_table",
    "show_red_flags",
    "show_claims",
    "show_disclaimer",
    "show_lesson_info",
    "show_urgency_scale",
    "show_urgent_signs",
    "show_call_now",
    "show_triage_summary",
    "show_mechanism_urgency",
    "mechanism_level",
    "show_examination",
    "show_nerve_examination",
    "show_imaging",
    "show_rehabilitation",
    "show_map_key",
    "flag_steps",
    "flag_steps_text",
    "mechanism_flag_links",
    "slower_than_mechanism",
    "MECHANISM_SIGNS_NOT_ALL",
    "symptom_warning_signs",
    "symptom_warning_text",
    "region_warning_signs",
    "call_now_signs",
    "URGENT_LEVELS",
]


def _lessons(lessons: "ld.LessonData | None") -> "ld.LessonData":
    return ld.lesson_data() if lessons is None else lessons


def show_references(lesson_key: str, content: Content | None = None, lessons: "ld.LessonData | None" = None) -> Doc:
    """The full citations of the references a lesson uses (from ``references.json``)."""
    content = _content(content)
    keys = ld.lesson_references(lesson_key, content, _lessons(lessons))
    refs = [content.references[k] for k in keys]
    # each DOI, PMID and page address is a link (content/citations.py)
    lines = [
        f"- **{_md(r.key)}** ({_md(r.evidence_label)}){_status(r)}: "
        f"{citation_markdown(r, plain=lambda t: _web_addresses_as_code(_md(t)))}"
        for r in refs
    ]
    return Doc("\n".join(lines))


def _status(ref) -> str:
    """A source that no longer stands says so in the learners' list, not only on the
    review sheet, with what replaced it (review round 3, C2). A current source never
    checked against its issuer's own page ('checked' is null) says that instead, so
    'current' is not read as verified (review round 31, B C1)."""
    if ref.is_current:
        return "" if ref.checked is not None else " **not verified against the source**"
    by = f" by {ref.superseded_by}" if ref.superseded_by else ""
    return f" **{_md(ref.status + by)}**"


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
    for label, attr in (
        ("Origin", "origin"),
        ("Insertion", "insertion"),
        ("Nerve supply", "nerve_supply"),
        ("Blood supply", "blood_supply"),
    ):
        cells = [_cell(getattr(m, attr).text + _refs(getattr(m, attr).references)) for m in muscles]
        rows.append(f"| **{label}** | " + " | ".join(cells) + " |")
    actions = []
    for m in muscles:
        items = [a.text + (" **(disputed)**" if a.disputed else "") + _refs(a.references) for a in m.actions]
        actions.append(_cell("; ".join(items)))
    rows.append("| **Actions** | " + " | ".join(actions) + " |")
    return Doc("\n".join(rows))


def show_mechanism_table(keys=("acute_strain", "overuse"), content: Content | None = None) -> Doc:
    """Mechanisms side by side: kind, summary, triggers, grades, what you notice, how urgent."""
    mechs = [_content(content).mechanisms[k] for k in keys]
    rows = ["| | " + " | ".join(_cell(m.title) for m in mechs) + " |", "|---" * (len(mechs) + 1) + "|"]

    def facts(items):
        return _cell("; ".join(f.text + _refs(f.references) for f in items)) or "none"

    rows.append(
        "| **What happens** | " + " | ".join(_cell(m.summary.text + _refs(m.summary.references)) for m in mechs) + " |"
    )
    rows.append("| **Typical triggers** | " + " | ".join(facts(m.triggers) for m in mechs) + " |")
    rows.append(
        "| **Grades** | "
        # each grade carries its keys like every other row (review round 38, D M-3)
        + " | ".join(
            _cell("; ".join(f"grade {g.grade}: {g.text}{_refs(g.references)}" for g in m.grades)) or "not graded"
            for m in mechs
        )
        + " |"
    )
    rows.append("| **What you notice** | " + " | ".join(facts(m.features) for m in mechs) + " |")
    # the level comes from the data, so the comparison can never show a level the
    # mechanism and its flags do not have (review round 23, B minor 2)
    levels = [mechanism_level(m, content).label for m in mechs]
    rows.append(
        "| **How urgent** | "
        + " | ".join(_how_urgent(m, label, content) for m, label in zip(mechs, levels, strict=True))
        + " |"
    )
    return Doc("\n".join(rows))


def show_examination(content: Content | None = None) -> Doc:
    """The Doha categories of groin pain, then each test with how far to trust it."""
    content = _content(content)
    note = content.groin_note
    rows = [f"{_md(note.text)}{_refs(note.references)}", "", "| Category | Clinical criteria |", "|---|---|"]
    rows += [
        f"| **{_cell(e.name)}** | {_cell(e.criteria.text)}{_refs(e.criteria.references)} |"
        for e in content.groin_entities
    ]
    rows += ["", *_test_rows(content.exam_tests)]
    return Doc("\n".join(rows))


def _test_rows(tests) -> list[str]:
    """One row per test: how, what a positive test suggests, how far to trust it."""
    rows = ["| Test | How it is done | What a positive test suggests | How far to trust it |", "|---|---|---|---|"]
    for t in tests:
        trust = ("**Contested or poor evidence.** " if t.contested else "") + t.accuracy.text
        rows.append(
            f"| **{_cell(t.name)}** | {_cell(t.how)} | {_cell(t.finding.text)}{_refs(t.finding.references)} "
            f"| {_cell(trust)}{_refs(t.accuracy.references)} |"
        )
    return rows


def show_nerve_examination(content: Content | None = None) -> Doc:
    """The femoral nerve examination, then how a nerve lesion differs from an L3/L4 root problem."""
    content = _content(content)
    rows = _test_rows(content.nerve_tests)
    rows += [
        "",
        "| Finding | Femoral nerve lesion (for example an iliacus haematoma) | L3/L4 nerve root problem (or the lumbar plexus: see below) |",
        "|---|---|---|",
    ]
    rows += [
        f"| **{_cell(s.name)}** | {_cell(s.nerve.text)}{_refs(s.nerve.references)}{_flag_note(content, s.nerve_flags)} "
        f"| {_cell(s.root.text)}{_refs(s.root.references)}{_flag_note(content, s.root_flags)} |"
        for s in content.nerve_or_root
    ]
    note = content.nerve_or_root_note
    rows += ["", f"> {_md(note.text)}{_refs(note.references)}"]
    return Doc("\n".join(rows))


def _flag_note(content: Content, keys) -> str:
    """'Warning sign: <title> (<level>)' for each flag a table cell can present as,
    the level taken from the data (review round 4, PS5)."""
    return "".join(
        f" Warning sign (lesson 04): **{_cell(f.title)}** ({_cell(flag_level(f, content).label)})."
        for f in (content.red_flags[k] for k in keys)
    )


def show_imaging(content: Content | None = None) -> Doc:
    """Each imaging method: the questions it answers and what it cannot do."""
    rows = ["| Method | The questions it answers | What it cannot do |", "|---|---|---|"]
    rows += [
        f"| **{_cell(i.name)}** | {_cell(i.answers.text)}{_refs(i.answers.references)} "
        f"| {_cell(i.limits.text)}{_refs(i.limits.references)} |"
        for i in _content(content).imaging
    ]
    return Doc("\n".join(rows))


def show_rehabilitation(content: Content | None = None) -> Doc:
    """The principles of rehabilitation, each with how strong its evidence is."""
    rows = ["| Principle | What it means | How strong the evidence is |", "|---|---|---|"]
    for r in _content(content).rehabilitation:
        trust = ("**Contested or limited evidence.** " if r.contested else "") + r.evidence.text
        rows.append(
            f"| **{_cell(r.name)}** | {_cell(r.principle.text)}{_refs(r.principle.references)} "
            f"| {_cell(trust)}{_refs(r.evidence.references)} |"
        )
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
