"""The clinician's review sheet as data: every cited statement the lessons make.

A *statement* is any record in the loaded content that carries its own
``references`` field beside a non-empty text (``text``, or for records that
name it differently ``evidence``, ``description``, ``explanation``, ``reason``
or ``prompt``): facts, muscle actions, strain grades, claim evidence, region
descriptions, quiz explanations, case reasons and so on. The records are
walked generically, so a new list of facts in the data shows up here without
a change to this module; only the section headings know the record kinds.

Each statement is placed under the first lesson (in teaching order) whose
``uses`` in ``lessons/lessons.json`` reach it, directly or through a record
that names it by key (a symptom names its claims and regions, a case its red
flag). Statements no lesson reaches are kept too, with an empty lesson.

Standard library only, like :mod:`iliopsoas_lessons.content`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Iterator

from . import loader
from .mechanism_text import later_sign_lines
from .models import Collection, Content, LaterSign
from .reader import _File

__all__ = [
    "Statement",
    "ReviewRound",
    "TEXT_FIELDS",
    "REVIEWER_KIND",
    "NOT_SIGNED",
    "statements",
    "last_reviewed",
    "reviewed_by",
    "rounds",
    "outdated_only",
]

# Every review round so far is a developer review; the sheet never presents one
# as a clinician's signature.
REVIEWER_KIND = "developer review (independent helper session)"
NOT_SIGNED = (
    "No clinician has signed this content yet: every review round recorded so far is a developer "
    "review, not a clinical sign-off."
)

# The field holding a statement's text, in order of preference.
TEXT_FIELDS = ("text", "evidence", "description", "explanation", "reason", "prompt", "meaning")

# Fields that never help a reviewer as context (identifiers, layout, the
# heading already shown in the section name).
_QUIET = frozenset(
    {
        "key",
        "title",
        "name",
        "references",
        "lesson",
        "zone",
        "view",
        "side",
        "diagram",
        "label",
        "mirror",
        "file",
        "is_error",
        "heading",
        "rank",
    }
)
# Field names that read ambiguously beside the sheet's own columns.
_LABELS = {"section": "article section", "answer": "answer key"}

# How a lesson's 'kind:key' entry names the collection it points into, where
# that is not simply the kind with an 's'.
_USE_TARGETS = {
    "caveat": "red_flag_caveat",
    "quiz": "questions",
    "urgency": "urgency",
    "figure": "figure_texts",
    "rehab": "rehabilitation",
    "imaging": "imaging",
    "exam": ("groin_note", "groin_entities", "exam_tests", "nerve_tests", "nerve_or_root", "nerve_or_root_note"),
}

# Section headings: a prefix for each kind of record.
_KIND_PREFIX = {
    "muscles": "",
    "mechanisms": "Injury: ",
    "symptoms": "Symptom: ",
    "claims": "Article claim: ",
    "red_flags": "Red flag: ",
    "regions": "Body-map region: ",
    "questions": "Quiz: ",
    "cases": "Red-flag case: ",
    "pain_maps": "Pain-map exercise: ",
    "red_flag_caveat": "Red flags: the caveat",
    "body_map_source": "Body map: the outline",
    "urgency": "Urgency level: ",
    "figure_texts": "Figure text: ",
    "exam_tests": "Examination test: ",
    "groin_entities": "Groin pain (Doha): ",
    "groin_note": "Groin pain: the Doha categories",
    "nerve_tests": "Femoral nerve examination: ",
    "nerve_or_root": "Femoral nerve or L3/L4 root: ",
    "nerve_or_root_note": "Femoral nerve or L3/L4 root: the lumbar plexus",
    "imaging": "Imaging: ",
    "rehabilitation": "Rehabilitation: ",
}

_IDENT = re.compile(r"[a-z0-9_]+")


@dataclass(frozen=True)
class Statement:
    """One cited statement, where it sits, and what a reviewer needs beside it.

    ``lesson`` is the key of the first lesson that uses it ('' if none does);
    ``also_in`` the later lessons that use it too. ``context`` is a tuple of
    (label, text) pairs such as ('verdict', 'partly correct').
    """

    id: str
    lesson: str
    section: str
    text: str
    references: tuple[str, ...]
    context: tuple[tuple[str, str], ...]
    also_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewRound:
    """One recorded review round (``review.json``: ``rounds``)."""

    date: datetime.date
    scope: str
    reviewer_kind: str
    report: str  # a path under docs/review/
    counts: tuple[tuple[str, int], ...]  # (class of finding, how many)


# ---------------------------------------------------------------- walking


def _text_field(obj: Any) -> str | None:
    """The name of ``obj``'s statement text, or None if it is not a statement."""
    if not is_dataclass(obj) or isinstance(obj, type):
        return None
    names = {f.name for f in fields(obj)}
    if "references" not in names or not obj.references:  # uncited text is not a statement here
        return None
    for name in TEXT_FIELDS:
        value = getattr(obj, name, None) if name in names else None
        if isinstance(value, str) and value.strip():
            return name
    return None


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _walk(obj: Any, path: tuple[str, ...], label: tuple[str, ...]) -> Iterator[tuple]:
    """(path, label, statement record) for ``obj`` and everything inside it."""
    if _text_field(obj):
        yield path, label, obj
    for f in fields(obj):
        value = getattr(obj, f.name)
        if is_dataclass(value):
            yield from _walk(value, path + (f.name,), label + (f.name.replace("_", " "),))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if is_dataclass(item):
                    words = _singular(f.name).replace("_", " ")
                    yield from _walk(item, path + (f.name, str(i)), label + (f"{words} {i + 1}",))


def _roots(content: Content, lessons: Any) -> dict[tuple[str, str], Any]:
    """Every top-level record, by (collection name, key), in data order."""
    roots: dict[tuple[str, str], Any] = {}
    for holder in (content, lessons):
        for f in fields(holder):
            value = getattr(holder, f.name)
            if isinstance(value, Collection):
                for item in value:
                    roots[(f.name, item.key)] = item
            elif is_dataclass(value):
                roots[(f.name, "")] = value
    return roots


def _heading(kind: str, record: Any) -> str:
    prefix = _KIND_PREFIX.get(kind, kind.replace("_", " ").capitalize() + ": ")
    if not getattr(record, "key", None):
        return prefix.rstrip(": ")
    name = getattr(record, "title", None) or getattr(record, "name", None) or getattr(record, "label", None)
    if kind == "regions":
        name = record.label
    return prefix + (name or record.key.replace("_", " "))


# ---------------------------------------------------------------- context


def _show(value: Any, region_names: dict[str, str], own: bool) -> str | None:
    """``value`` as context text, or None when it would not help a reviewer."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if is_dataclass(value) and {"urgency", "when"} <= {f.name for f in fields(value)}:  # an escalation
        return f"{value.urgency.replace('_', ' ')} instead if {value.when}"
    if isinstance(value, tuple) and value and all(isinstance(v, LaterSign) for v in value):
        return None  # shown with each flag's own level by _later_signs
    if isinstance(value, tuple) and value and all(is_dataclass(v) and hasattr(v, "flag") for v in value):
        # a mechanism's escalates_to: the reviewer sees which flag each sign leads to
        return "; ".join(f"red flag {v.flag.replace('_', ' ')} if {v.when}" for v in value)
    if isinstance(value, str) and value.strip():
        return value.replace("_", " ") if _IDENT.fullmatch(value) else value
    if isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
        if not all(_IDENT.fullmatch(v) for v in value):
            return "; ".join(value)
        if own and all(v in region_names for v in value):
            return "; ".join(region_names[v] for v in value)
    return None


def _context_of(obj: Any, skip: str, region_names: dict[str, str], own: bool) -> list[tuple[str, str]]:
    out = []
    names = [f.name for f in fields(obj)]
    if own:  # derived values of the statement record itself (a quiz's correct option)
        names += [n for n, v in vars(type(obj)).items() if isinstance(v, property)]
    for name in names:
        if name in _QUIET or name == skip or name.startswith("_"):
            continue
        shown = _show(getattr(obj, name), region_names, own)
        if shown is not None:
            out.append((_LABELS.get(name, name.replace("_", " ")), shown))
    return out


def _context(root: Any, record: Any, region_names: dict[str, str]) -> tuple[tuple[str, str], ...]:
    own = _context_of(record, _text_field(record) or "", region_names, own=True)
    if record is root:
        return tuple(own)
    return tuple(_context_of(root, "", region_names, own=False) + own)


def _region_flags(kind: str, record: Any, content: Content) -> tuple[tuple[str, str], ...]:
    """A region's flags (derived from red_flags.json), each with its level and steps, beside its description."""
    if kind != "regions":
        return ()
    from .text import region_warning_signs  # text imports lessons, which this module loads lazily

    return tuple(("warning sign", line) for line in region_warning_signs(record, content))


def _later_signs(kind: str, root: Any, content: Content) -> tuple[tuple[str, str], ...]:
    """A mechanism's later signs, each with its own level, marked as a later
    follow-up and not the mechanism's route, beside every statement of the mechanism."""
    if kind != "mechanisms" or not root.later_signs:
        return ()
    return tuple(("later sign", line) for line in later_sign_lines(root, content))


# ---------------------------------------------------------------- lessons


def _linked(record: Any, roots: dict[tuple[str, str], Any]) -> Iterator[tuple[str, str]]:
    """Records that ``record`` names by key in a field named after their kind
    ('claims', 'article_regions', 'red_flag', a pattern entry's 'region')."""
    kinds = {kind for kind, _ in roots}
    for f in fields(record):
        value = getattr(record, f.name)
        last = f.name.rsplit("_", 1)[-1]
        kind = next((k for k in (f.name, f.name + "s", last, last + "s") if k in kinds), None)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if is_dataclass(item):
                yield from _linked(item, roots)
            elif kind and isinstance(item, str) and (kind, item) in roots:
                yield kind, item


def _used(use: str, roots: dict[tuple[str, str], Any]) -> list[tuple[str, str]]:
    kind, _, key = use.partition(":")
    target = _USE_TARGETS.get(kind, kind + "s")
    if isinstance(target, tuple):  # one use kind that spans several collections
        return [found for t in target for found in _used_in(t, key, roots)]
    if kind == "quiz":
        return [k for k, q in roots.items() if k[0] == target and key in ("*", q.lesson)]
    return _used_in(target, key, roots)


def _used_in(target: str, key: str, roots: dict[tuple[str, str], Any]) -> list[tuple[str, str]]:
    if (target, "") in roots:
        return [(target, "")]
    if key == "*":
        return [k for k in roots if k[0] == target]
    return [(target, key)] if (target, key) in roots else []


def _lesson_order(lessons: Any, roots: dict[tuple[str, str], Any]) -> dict[tuple[str, str], list[str]]:
    """For each record a lesson uses (or a used record names), the lessons
    that reach it, in teaching order. Links are followed one step only: a
    symptom brings its claims and regions, not its claims' own links."""
    reached: dict[tuple[str, str], list[str]] = {}
    for lesson in lessons.lessons:
        seen: dict[tuple[str, str], None] = {}
        for use in lesson.uses:
            for key in _used(use, roots):  # a used record, then the records it names
                for found in (key, *_linked(roots[key], roots)):
                    seen.setdefault(found, None)
        for key in seen:
            reached.setdefault(key, []).append(lesson.key)
    return reached


# ---------------------------------------------------------------- public API


def statements(content: Content | None = None, lessons: Any = None) -> tuple[Statement, ...]:
    """Every cited statement, grouped by lesson in teaching order.

    ``content`` defaults to the package's content and ``lessons`` to its
    lesson data (:func:`iliopsoas_lessons.content.lessons.lesson_data`);
    tests pass loaded copies. Statements no lesson uses come last.
    """
    content = loader.course() if content is None else content
    if lessons is None:
        from .lessons import lesson_data

        lessons = lesson_data()
    roots = _roots(content, lessons)
    reached = _lesson_order(lessons, roots)
    rank = {lesson.key: i for i, lesson in enumerate(lessons.lessons)}
    region_names = {r.key: r.label for r in content.regions}
    found = []
    for (kind, key), root in roots.items():
        users = reached.get((kind, key), [])
        heading = _heading(kind, root)
        for path, label, record in _walk(root, (kind, key), ()):
            found.append(
                (
                    (kind, key),
                    Statement(
                        id="/".join(p for p in path if p),
                        lesson=users[0] if users else "",
                        section=" — ".join((heading, *label)) if label and heading else heading or " ".join(label),
                        text=getattr(record, _text_field(record)),
                        references=tuple(record.references),
                        context=_context(root, record, region_names)
                        + _region_flags(kind, record, content)
                        + _later_signs(kind, root, content),
                        also_in=tuple(users[1:]),
                    ),
                )
            )
    order = {key: i for i, key in enumerate(reached)}
    found.sort(key=lambda item: (rank.get(item[1].lesson, len(rank)), order.get(item[0], len(order))))
    return tuple(statement for _, statement in found)


def last_reviewed(directory: Any = None) -> datetime.date:
    """The date a clinician last reviewed the content, from ``data/review.json``.

    A missing or malformed date raises :class:`ContentError` naming the file
    and the key.
    """
    directory = loader.data_directory() if directory is None else directory
    file = _File(directory, "review.json")
    value = file.data.get("last_reviewed")
    try:
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError  # one form on every Python (3.11 also reads '20261125')
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise file.fail("last_reviewed", f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def reviewed_by(directory: Any = None) -> str:
    """Who last reviewed the content (``data/review.json``), in plain words."""
    directory = loader.data_directory() if directory is None else directory
    file = _File(directory, "review.json")
    value = file.data.get("reviewed_by")
    if not isinstance(value, str) or not value.strip():
        raise file.fail("reviewed_by", "must say who reviewed the content")
    return value


def rounds(directory: Any = None) -> tuple[ReviewRound, ...]:
    """The review rounds in ``data/review.json`` (none is fine: an empty or absent list)."""
    directory = loader.data_directory() if directory is None else directory
    file = _File(directory, "review.json")
    raw = file.data.get("rounds", [])
    if not isinstance(raw, list):
        raise file.fail("rounds", "must be a list of review rounds")
    out = []
    for i, rec in enumerate(raw):
        where = f"rounds[{i}]"
        names = {"date", "scope", "reviewer_kind", "report", "counts"}
        if not isinstance(rec, dict) or set(rec) != names:
            raise file.fail(where, f"each round needs exactly: {', '.join(sorted(names))}")
        date = rec["date"]
        try:
            if not isinstance(date, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
                raise ValueError
            day = datetime.date.fromisoformat(date)
        except ValueError:
            raise file.fail(where, f"field 'date': {date!r} is not an ISO date (YYYY-MM-DD)") from None
        if rec["reviewer_kind"] != REVIEWER_KIND:
            raise file.fail(
                where,
                f"field 'reviewer_kind': must be {REVIEWER_KIND!r} "
                "(a round is a developer review, never a clinician's signature)",
            )
        if not isinstance(rec["scope"], str) or not rec["scope"].strip():
            raise file.fail(where, "field 'scope': must say what was reviewed")
        report = rec["report"]
        if not isinstance(report, str) or not re.fullmatch(r"docs/review/\S+", report) or ".." in report:
            raise file.fail(where, f"field 'report': {report!r} is not a path under docs/review/")
        counts = rec["counts"]
        if not isinstance(counts, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0 for k, v in counts.items()
        ):
            raise file.fail(where, "field 'counts': must map each class of finding to a whole number")
        out.append(ReviewRound(day, rec["scope"], rec["reviewer_kind"], report, tuple(counts.items())))
    return tuple(out)


def outdated_only(statements_: tuple[Statement, ...], references: Any) -> tuple[str, ...]:
    """Ids of statements whose every reference is withdrawn, superseded or unverified.

    A source that no longer stands, or whose standing was never read, may be cited beside a current one (for
    history), never as a statement's only support.
    """
    return tuple(s.id for s in statements_ if s.references and not any(references[k].is_current for k in s.references))
