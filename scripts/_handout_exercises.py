"""A lesson's exercises for the printed handouts, and their answer keys.

Gathered from the content layer (the course and the lesson data are passed
in): the quiz questions assigned to the lesson (``quiz.json``'s ``lesson``),
the red-flag practice cases the lesson uses (``lessons.json``'s ``case:``
entries), the pain-map exercise (``pain_map:``), and the notebook's own
"check" questions, whose answers the notebook hides in ``<details>``.

Two pages are written from them: the student's exercises (questions only:
no key, no explanation, no feedback) and the teacher's answer key (the key,
the explanation, every option's feedback and the sources in full). They are
separate files so the key can stay with the teacher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from iliopsoas_lessons.content.citations import citation_html
from iliopsoas_lessons.content.lessons import LessonData, PainMapExercise, Question
from iliopsoas_lessons.content.practice_cases import Case
from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.content.text import case_level, flag_steps_text

__all__ = ["Check", "Exercises", "check_questions", "exercises", "student_html", "answers_html", "LETTERS"]

LETTERS = "ABCDEFGHIJ"


@dataclass(frozen=True)
class Check:
    """A question the notebook asks in its prose, with its hidden answer (Markdown)."""

    section: str
    question: str
    answer: str


@dataclass(frozen=True)
class Exercises:
    lesson: str
    title: str
    checks: tuple[Check, ...]
    questions: tuple[Question, ...]
    cases: tuple[Case, ...]
    pain_maps: tuple[PainMapExercise, ...]

    def __bool__(self) -> bool:
        return bool(self.checks or self.questions or self.cases or self.pain_maps)


_DETAILS = re.compile(r"<details[^>]*>\s*(?:<summary>.*?</summary>)?(.*?)</details>", re.S)
_ANSWER_LEAD = re.compile(r"^\s*\*Answers?:\*\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _question_before(markdown: str) -> str:
    """The question a cell ends on: a numbered list with the sentence that
    introduces it, or else the last paragraph (the heading and the
    instructions for the notebook's controls are left out)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", markdown) if b.strip() and not b.lstrip().startswith("#")]
    if not blocks:
        return ""
    if re.match(r"1\.\s", blocks[-1]) and len(blocks) > 1:
        lead = _SENTENCE_END.split(blocks[-2])[-1]
        return f"{lead}\n\n{blocks[-1]}"
    return blocks[-1]


def check_questions(cells: list[dict]) -> tuple[Check, ...]:
    """Every question whose answer a markdown cell hides in ``<details>``.

    The question is the text before ``<details>`` in the same cell (a
    **Check:** paragraph), or, when the cell holds only the answer, the end of
    the last markdown cell before it (the questions asked beside a widget)."""
    checks = []
    section = ""
    previous = ""
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"])
        if source.startswith("## "):
            section = source.splitlines()[0][3:].strip()
        found = _DETAILS.search(source)
        if found:
            question = source[: found.start()].strip() or _question_before(previous)
            if not question:
                raise ValueError(f"a <details> answer in section {section!r} has no question before it")
            answer = _ANSWER_LEAD.sub("", found.group(1).strip())
            # the notebook's "*Answer:* it is ..." runs on from its label; printed under a heading, it starts a sentence
            checks.append(Check(section, question, answer[:1].upper() + answer[1:]))
        previous = source
    return tuple(checks)


def _lesson_uses(data: LessonData, lesson_key: str, kind: str) -> list[str]:
    return [use.partition(":")[2] for use in data.lessons[lesson_key].uses if use.partition(":")[0] == kind]


def exercises(lesson_key: str, cells: list[dict], data: LessonData) -> Exercises:
    """The exercises of one lesson, from the lesson data passed in (loaded and
    checked against a course) and the notebook's cells."""
    lesson = data.lessons[lesson_key]  # unknown key: a LookupError naming the lessons
    case_keys = _lesson_uses(data, lesson_key, "case")
    cases = tuple(data.cases) if "*" in case_keys else tuple(data.cases[k] for k in case_keys)
    map_keys = _lesson_uses(data, lesson_key, "pain_map")
    maps = tuple(data.pain_maps) if "*" in map_keys else tuple(data.pain_maps[k] for k in map_keys)
    return Exercises(
        lesson_key,
        lesson.title,
        check_questions(cells),
        tuple(q for q in data.questions if q.lesson == lesson_key),
        cases,
        maps,
    )


# ------------------------------------------------------------------ the student's page

CSS = """
section.exercises { break-before: page; }
.item { break-inside: avoid; margin: 0 0 .8em; }
.from { font-size: 9pt; color: #333; margin: 0; }
ol.quiz > li, ol.cases > li, ol.checks > li { margin-bottom: .9em; }
ul.options, ul.levels { list-style: none; padding-left: 0; margin: .3em 0; }
ul.levels li { display: inline-block; margin-right: 1.2em; }
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 1.2px solid #111; margin-right: .4em;
       vertical-align: -0.4mm; }
.answer-key h1 { margin-bottom: .1em; }
.key { font-weight: bold; }
.sources { font-size: 8.5pt; color: #222; }
.sources li { margin-bottom: .15em; }
dl.steps { margin: .2em 0; } dl.steps dt { font-weight: bold; } dl.steps dd { margin: 0 0 .2em 1em; }
"""


def _box() -> str:
    # a square to tick on paper; the label beside it carries the meaning
    return '<span class="box" aria-hidden="true"></span>'


def _checks_html(checks, markdown, answers: bool) -> str:
    items = []
    for check in checks:
        answer = (
            f'<p class="key">Answer</p>{markdown(check.answer)}'
            if answers
            else '<div class="lines"></div><div class="lines"></div>'
        )
        items.append(
            f'<li class="item"><p class="from">From the section \u201c{escape(check.section)}\u201d</p>'
            f"{markdown(check.question)}{answer}</li>"
        )
    return f'<ol class="checks">{"".join(items)}</ol>'


def _case_student(case: Case, course: Content) -> str:
    levels = "".join(f"<li>{_box()}{escape(level.label)}</li>" for level in course.urgency)
    return (
        f'<li class="item"><p>{escape(case.story)}</p>'
        f'<p>How urgently should this person get help? Tick one level.</p><ul class="levels">{levels}</ul>'
        f'<p>Where should they go, or to whom would you refer them?</p>'
        '<div class="lines"></div><div class="lines"></div></li>'
    )


def student_html(ex: Exercises, course: Content, markdown) -> str:
    """The exercises as printed for learners: questions and space to answer, no answers."""
    if not ex:
        return ""
    parts = [
        '<section class="exercises" aria-labelledby="ex-title"><h2 id="ex-title">Exercises</h2>',
        "<p>The answers are in a separate answer key that your teacher holds.</p>",
    ]
    if ex.checks:
        parts += [
            "<h3>Questions to think about</h3>",
            "<p>The lesson asks these beside its interactive figures; answer them in a few words.</p>",
            _checks_html(ex.checks, markdown, answers=False),
        ]
    if ex.questions:
        items = []
        for q in ex.questions:
            options = "".join(f"<li>{_box()}{LETTERS[i]}. {escape(o.text)}</li>" for i, o in enumerate(q.options))
            items.append(f'<li class="item"><p>{escape(q.prompt)}</p><ul class="options">{options}</ul></li>')
        parts += [
            "<h3>Quiz</h3>",
            "<p>Tick the one best answer to each question.</p>",
            f'<ol class="quiz">{"".join(items)}</ol>',
        ]
    if ex.cases:
        parts += [
            "<h3>Red-flag practice cases</h3>",
            (
                "<p>Read each story. Tick the one level of the urgency scale that fits, then write where the "
                "person should go (or whom you would refer them to).</p>"
            ),
            f'<ol class="cases">{"".join(_case_student(c, course) for c in ex.cases)}</ol>',
        ]
    parts.append("</section>")
    return "\n".join(parts)


# ------------------------------------------------------------------ the teacher's answer key


def _sources(course: Content, keys) -> str:
    keys = list(dict.fromkeys(keys))
    if not keys:
        return ""
    items = "".join(f"<li>{citation_html(course.references[k])}</li>" for k in keys)
    return f'<p class="from">Sources</p><ul class="sources">{items}</ul>'


def _question_key(q: Question, course: Content) -> str:
    feedback = "".join(
        f"<li><strong>{LETTERS[i]}. {escape(o.text)}</strong>: {escape(o.feedback)}</li>"
        for i, o in enumerate(q.options)
    )
    return (
        f'<li class="item"><p>{escape(q.prompt)}</p>'
        f'<p class="key">Key: {LETTERS[q.answer]}. {escape(q.correct_option)}</p>'
        f"<p>{escape(q.explanation)}</p><p class=\"from\">Each option</p><ul>{feedback}</ul>"
        f"{_sources(course, q.references)}</li>"
    )


def _case_key(case: Case, course: Content) -> str:
    level = case_level(case, course)  # 'go now' wording where the case's flag goes now
    rows = [("Level", level.label)]
    keys = list(case.references)
    if case.red_flag is None:
        rows += [("Red flag", "none"), ("What to do", level.referral)]
    else:
        flag = course.red_flags[case.red_flag]
        rows += [("Red flag", flag.title), ("What to do", flag_steps_text(flag, course))]
        keys += flag.references
    rows.append(("Why", case.reason))
    steps = "".join(f"<dt>{escape(head)}</dt><dd>{escape(text)}</dd>" for head, text in rows)
    return f'<li class="item"><p>{escape(case.story)}</p><dl class="steps">{steps}</dl>{_sources(course, keys)}</li>'


def _pain_map_key(exercise: PainMapExercise, course: Content) -> str:
    symptom = course.symptoms[exercise.symptom]
    roles = []
    for role, heading in (("source", "The source (cross)"), ("referred", "Where the pain is referred (shade)")):
        names = [course.regions[r].name for r in symptom.regions_for(exercise.side, role)]
        if names:
            roles.append(f"<dt>{escape(heading)}</dt><dd>{escape('; '.join(names))}</dd>")
    return (
        f'<div class="item"><p>{escape(exercise.prompt)}</p><dl class="steps">{"".join(roles)}</dl>'
        f"{_sources(course, exercise.references)}</div>"
    )


def answers_html(ex: Exercises, course: Content, markdown, css: str) -> str:
    """The answer key of one lesson, as its own printable page."""
    parts = []
    if ex.checks:
        parts += ["<h2>Questions to think about</h2>", _checks_html(ex.checks, markdown, answers=True)]
    if ex.questions:
        parts += [
            "<h2>Quiz</h2>",
            "<p>Options are lettered as on the student handout.</p>",
            f'<ol class="quiz">{"".join(_question_key(q, course) for q in ex.questions)}</ol>',
        ]
    if ex.cases:
        parts += [
            "<h2>Red-flag practice cases</h2>",
            f'<ol class="cases">{"".join(_case_key(c, course) for c in ex.cases)}</ol>',
        ]
    if ex.pain_maps:
        parts += [
            "<h2>Body-map worksheet: the reference pattern</h2>",
            *(_pain_map_key(m, course) for m in ex.pain_maps),
        ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(ex.title)}: answer key</title><style>{css}{CSS}</style></head>"
        f'<body class="answer-key"><h1>{escape(ex.title)}: answer key</h1>'
        '<p class="note"><strong>For the teacher.</strong> Keep this key apart from the student handout; '
        "hand it out only after the class has answered.</p>" + "\n".join(parts) + "</body></html>\n"
    )
