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
from .citations import citation_markdown
from .constants import CALL_NOW_GROUPS, CALL_NOW_TRANSPORT
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
from .mechanism_text import later_sign_markdown
from .models import DISCLAIMER, Content, RedFlag

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
]


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


def _how_urgent(mechanism, label: str, content: Content | None = None) -> str:
    """A mechanism's level for the comparison table. Below the top of the scale a
    warning sign can still raise it; at the top nothing can, so the cell names
    the step that is left, the ambulance, from its flags' call-now signs. The
    flags' own destination comes first, so the level stands on its own and the
    shock signs read as the reason for the ambulance, not as a condition of the
    emergency (review round 41, D minor 2)."""
    content = _content(content)
    if content.urgency[mechanism.urgency].rank > 0:
        return f"{_cell(label)} (a warning sign can make it more urgent)" if mechanism.escalates_to else _cell(label)
    steps = _ambulance_steps(mechanism, content)
    if not steps:
        return _cell(label)
    where = " or ".join(_destination_openings(mechanism, content))
    said = "; ".join(([where] if where else []) + [f"for {step}" for step in steps])
    return f"{_cell(label)} ({_cell(said)})"


def _destination_openings(mechanism, content: Content) -> list[str]:
    """Where the mechanism's flags send the person, each destination cut at its
    first clause (the details after it are the flag's own, shown with the flag).
    A flag of its own that is slower than the mechanism (``slower_than_mechanism``:
    a new weak leg beside a bleed into the muscle) is left out: its route is for
    when the mechanism is not suspected, never the mechanism's own."""
    openings = []
    for flag in (content.red_flags[k] for k in mechanism.red_flags):
        if slower_than_mechanism(mechanism, flag, content):
            continue
        head = re.split(r"[,;:.(]", flag.destination, maxsplit=1)[0].strip()
        if head:
            openings.append(head[0].lower() + head[1:])
    # at the top of the scale "999 or" is the level's own advice (call the emergency
    # number or go straight to an emergency department), said once by the level
    if content.urgency[mechanism.urgency].rank == 0:
        openings = [o.removeprefix("999 or ") for o in openings]
    return list(dict.fromkeys(openings))


def _ambulance_steps(mechanism, content: Content) -> list[str]:
    """When a top-level mechanism's own flags ask for an ambulance, not a car:
    each call-now entry whose transport is the ambulance."""
    ambulance = CALL_NOW_TRANSPORT["ambulance"]
    steps = [
        f"{entry.sign}: {ambulance}"
        for flag in (content.red_flags[k] for k in mechanism.red_flags)
        for entry in flag.call_now or ()
        if entry.transport == "ambulance"
    ]
    return list(dict.fromkeys(steps))


def _level_head(level) -> str:
    return f"**{_md(level.label)}**: {_md(level.patient_advice)}"


def show_urgency_scale(content: Content | None = None) -> Doc:
    """The one urgency scale as a table: each level, what to do, and why."""
    rows = ["| Level | Referral (student clinician) | Patient's advice | Why this level |", "|---|---|---|---|"]
    for level in _content(content).urgency:
        rows.append(
            f"| **{_cell(level.label)}** | {_cell(level.referral)} | {_cell(level.patient_advice)} | "
            f"{_cell(level.meaning)}{_refs(level.references)} |"
        )
    return Doc("\n".join(rows))


def _flags_at(content: Content, level_key: str):
    return [f for f in content.red_flags if f.urgency == level_key]


def _flag_groups(content: Content, level_key: str):
    """(level as shown, flags) for one level of the scale: flags that go now
    (``go_now``) first, under the level's 'now' wording, then the rest. A list
    grouped by level shows a go-now flag under "Same day (go now)", never under a
    heading that says 'today' (review round 18, A M-5)."""
    level = content.urgency[level_key]
    groups: dict[str, tuple[object, list]] = {}
    for flag in sorted(_flags_at(content, level_key), key=lambda f: not f.go_now):
        shown = level.for_flag(flag)
        groups.setdefault(shown.label, (shown, []))[1].append(flag)
    return list(groups.values())


def _escalation(content: Content, flag) -> str:
    return "".join(f"\n  - *{_md(head)}:* {_md(text)}" for head, text in flag_steps(flag, content))


def show_red_flags(content: Content | None = None) -> Doc:
    """Every red flag under its level of the urgency scale: signs, why, and what to do."""
    content = _content(content)
    parts = []
    for scale_level in content.urgency:
        for level, flags in _flag_groups(content, scale_level.key):
            parts.append(
                f"#### {_md(level.label)}\n\n*Referral (student clinician):* {_md(level.referral)}\n\n"
                f"*Patient's advice:* {_md(level.patient_advice)}\n"
            )
            for flag in flags:
                signs = "\n".join(f"  - {_md(s)}" for s in flag.signs)
                parts.append(
                    f"- **{_md(flag.title)}**\n{signs}{_escalation(content, flag)}\n"
                    f"  - *Why:* {_md(flag.reason.text)}{_refs(flag.reason.references)}"
                )
            parts.append("")
    caveat = content.red_flag_caveat
    parts.append(f"> {_md(caveat.text)}{_refs(caveat.references)}")
    return Doc("\n".join(parts))


# Every level that sends someone to a doctor: the start page may be the only list a
# patient reads, so it leaves none out (review round 3, m7).
URGENT_LEVELS = ("emergency", "same_day", "within_days")


def call_now_signs(content: Content | None = None) -> list[tuple[str, list[str]]]:
    """(group heading, signs) for every flag at the most urgent level, in
    CALL_NOW_GROUPS order: each of a flag's 'call_now' entries (the loader requires
    one), followed by its transport when that entry says call 999 for an ambulance."""
    content = _content(content)
    top = next(iter(content.urgency)).key
    groups: dict[str, list[str]] = {label: [] for label in CALL_NOW_GROUPS.values()}
    for f in _flags_at(content, top):
        for entry in f.call_now:
            how = CALL_NOW_TRANSPORT[entry.transport]
            groups[CALL_NOW_GROUPS[entry.group]].append(f"{entry.sign} ({how})" if how else entry.sign)
    return [(head, signs) for head, signs in groups.items() if signs]


def show_call_now(content: Content | None = None) -> Doc:
    """A short box of the most urgent signs, one line per group, for the top of
    the start page's list: the full list runs to thousands of words, too long to
    scan while unwell (review round 31). A heading and a list, not colour."""
    content = _content(content)
    level = next(iter(content.urgency))
    # the box is a summary; its heading must not read as the whole list
    lines = [
        f"#### {_md(level.label)} if any one of these signs appears (the main ones: the full list below has more)",
        "",
    ]
    lines += [f"- **{_md(head)}:** {'; '.join(_md(s) for s in signs)}." for head, signs in call_now_signs(content)]
    lines += ["", f"{_md(level.patient_advice)} Every warning sign, with where to go and what to do, is listed below."]
    return Doc("\n".join(lines))


def show_urgent_signs(levels=URGENT_LEVELS, content: Content | None = None) -> Doc:
    """The warning signs at the given levels, one line each, for the start page;
    when the most urgent level is among them, the short box of its signs comes first."""
    content = _content(content)
    parts = []
    if next(iter(content.urgency)).key in levels:
        parts += [str(show_call_now(content)), ""]
    for key in levels:
        for level, flags in _flag_groups(content, key) or [(content.urgency[key], [])]:
            parts.append(f"{_level_head(level)}\n")
            parts.extend(f"- {_md(f.in_short)}. {_md(flag_steps_text(f, content))}" for f in flags)
            parts.append("")
    return Doc("\n".join(parts).rstrip())


def show_triage_summary(content: Content | None = None) -> Doc:
    """One bullet per level of the scale, naming its red flags in short."""
    content = _content(content)
    lines = []
    for scale_level in content.urgency:
        for level, flags in _flag_groups(content, scale_level.key):
            what = "; ".join(
                f"{_md(f.title[0].lower() + f.title[1:])} ({_md(flag_steps_text(f, content))})" for f in flags
            )
            lines.append(f"- **{_md(level.label)}**: {what}")
    return Doc("\n".join(lines))


def symptom_warning_signs(symptom, content: Content | None = None) -> list[tuple[object, tuple[RedFlag, ...]]]:
    """(level as shown, flags) for a symptom's warning flags, most urgent level
    first, a level's go-now flags under its 'now' wording before the rest, each
    flag in red_flags.json's order. Pages show each flag's ``in_short``
    and ``flag_steps``, so the symptom's summary shows the whole sign, its
    level and what moves it up, as lesson 04 does."""
    content = _content(content)
    chosen = set(symptom.warning_flags)
    groups = []
    # a go-now flag sits under its level's 'now' wording, as on the start page:
    # "Same day" alone would read as later today
    for level in content.urgency:
        for shown, flags in _flag_groups(content, level.key):
            chosen_here = tuple(f for f in flags if f.key in chosen)
            if chosen_here:
                groups.append((shown, chosen_here))
    return groups


def symptom_warning_text(symptom, content: Content | None = None) -> str:
    """The symptom's warning signs as one plain paragraph (``at 'Level': sign
    (steps); ...``, each sign after its flag's title), for a text export and for checking that a symptom shows
    each flag whole."""
    content = _content(content)
    return " ".join(
        f"At '{level.label}': "
        + "; ".join(f"{f.title}: {f.in_short} ({flag_steps_text(f, content)})" for f in flags)
        + "."
        for level, flags in symptom_warning_signs(symptom, content)
    )


def region_warning_signs(region, content: Content | None = None) -> list[str]:
    """One plain line per flag of a body-map region (``red_flags``, the flags that
    name the region in red_flags.json's 'regions'): its title,
    its sign in short, the level as shown beside a flag, and ``flag_steps``. Shown
    wherever the region's description is, so "red flag" never stands there
    without how soon and where to go (review round 38, D PS-1/PS-2)."""
    content = _content(content)
    lines = []
    for key in region.red_flags:
        flag = content.red_flags[key]
        lines.append(
            f"{flag.title}: {flag.in_short} ({flag_level(flag, content).label}). {flag_steps_text(flag, content)}"
        )
    return lines


def show_mechanism_urgency(keys, content: Content | None = None) -> Doc:
    """How urgently each mechanism needs care, from the scale, one bullet each,
    with every linked flag's level, destination, interim advice and escalation,
    then its later signs, each marked as a follow-up (content/mechanism_text.py)."""

    content = _content(content)
    lines = []
    for k in keys:
        m = content.mechanisms[k]
        level = mechanism_level(m, content)
        lines.append(f"- **{_md(m.title)}**: {_level_head(level)}")
        for when, flag, label in mechanism_flag_links(m, content):
            lead = f"*If {_md(when)}:* see " if when else "*Warning sign:* "
            lines.append(f"  - {lead}**{_md(flag.title)}** ({_md(label)}). {_md(flag_steps_text(flag, content))}")
        lines += later_sign_markdown(m, content)
        lines.append(f"  - *{_md(MECHANISM_SIGNS_NOT_ALL)}*")
    return Doc("\n".join(lines))


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
