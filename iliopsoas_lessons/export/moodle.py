"""Moodle XML (Moodle's own question import format, docs.moodle.org/en/Moodle_XML_format).

Every item is a ``multichoice`` question with one right answer: shuffled
options, each with its own feedback, and the lessons' second try as Moodle's
"Interactive with multiple tries" behaviour: one ``<hint>`` (one extra try)
and a ``<penalty>`` of 1, because the lessons score the first try only.
The explanation and the references are the general feedback, shown once the
question is finished. Texts are HTML (escaped once here; the XML writer
escapes them again, which Moodle's importer undoes)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from .items import RETRY_HINT, TRIES, Item

__all__ = ["moodle_xml", "PENALTY", "CATEGORIES"]

PENALTY = "1.0000000"  # a second try earns nothing: the lessons count first tries
CATEGORIES = {"quiz": "Iliopsoas lessons/Quiz", "case": "Iliopsoas lessons/Red-flag cases"}


def _html(*paragraphs: str) -> str:
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def _category(root: ET.Element, kind: str) -> None:
    q = ET.SubElement(root, "question", {"type": "category"})
    _text(q, "category", f"$course$/top/{CATEGORIES[kind]}", None)


def _general(item: Item) -> str:
    refs = "".join(f"<li>{escape(r, quote=False)}</li>" for r in item.references)
    return _html(item.explanation) + (f"<p>References:</p><ol>{refs}</ol>" if refs else "")


def _question(root: ET.Element, item: Item) -> None:
    q = ET.SubElement(root, "question", {"type": "multichoice"})
    _text(q, "name", item.title, None)
    _text(q, "questiontext", _html(item.prompt))
    _text(q, "generalfeedback", _general(item))
    for tag, value in (
        ("defaultgrade", "1.0000000"),
        ("penalty", PENALTY),
        ("hidden", "0"),
        ("idnumber", item.ident),
        ("single", "true"),
        ("shuffleanswers", "true"),
        ("answernumbering", "abc"),
        ("showstandardinstruction", "0"),
    ):
        ET.SubElement(q, tag).text = value
    _text(q, "correctfeedback", _html("Right."))
    _text(q, "partiallycorrectfeedback", _html("Partly right."))
    _text(q, "incorrectfeedback", _html("Not right."))
    ET.SubElement(q, "shownumcorrect")
    for choice in item.choices:
        answer = ET.SubElement(q, "answer", {"fraction": "100" if choice.correct else "0", "format": "html"})
        ET.SubElement(answer, "text").text = _html(choice.text)
        _text(answer, "feedback", _html(choice.feedback))
    for _ in range(TRIES - 1):  # one hint per extra try
        _text(q, "hint", _html(RETRY_HINT))


def moodle_xml(items) -> bytes:
    """The whole quiz file: a category, then its questions, per kind of item."""
    root = ET.Element("quiz")
    for kind in CATEGORIES:
        mine = [i for i in items if i.kind == kind]
        if mine:
            _category(root, kind)
            for item in mine:
                _question(root, item)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
