"""IMS QTI 2.1: a content package (a zip with ``imsmanifest.xml``) of one
``assessmentItem`` per item and an ``assessmentTest`` that lists them, as
Canvas's "QTI .zip file" import and other QTI 2.1 tools read it.

Each item is a ``choiceInteraction`` with ``shuffle="true"`` and a
``modalFeedback`` per option. The second try is the item's own: it is
``adaptive="true"``, so the learner may answer again until its response
processing sets ``completionStatus`` to completed, after a right answer or a
second one (the built-in ``numAttempts``); ``SCORE`` is 1 only for a right
first answer, as the lessons count first tries. The explanation and the
references are shown once the item is completed."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from .items import TRIES, Item

__all__ = ["qti_zip", "item_xml", "manifest_xml", "assessment_test_xml", "NS", "CP_NS"]

NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"
SOLUTION = "SOLUTION"
# a fixed time for every zip entry, so the same content gives the same bytes
_STAMP = (2020, 1, 1, 0, 0, 0)


def _el(parent, tag, attrs=None, text=None):
    el = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def _choice_id(i: int) -> str:
    return f"choice_{i + 1}"


def _declarations(root: ET.Element, item: Item) -> None:
    resp = _el(
        root, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "single", "baseType": "identifier"}
    )
    _el(_el(resp, "correctResponse"), "value", text=_choice_id(item.answer))
    score = _el(root, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
    _el(_el(score, "defaultValue"), "value", text="0")
    _el(root, "outcomeDeclaration", {"identifier": "FEEDBACK", "cardinality": "single", "baseType": "identifier"})
    _el(root, "outcomeDeclaration", {"identifier": SOLUTION, "cardinality": "single", "baseType": "identifier"})


def _set(parent, outcome: str, base_type: str, value: str) -> None:
    _el(_el(parent, "setOutcomeValue", {"identifier": outcome}), "baseValue", {"baseType": base_type}, value)


def _attempts_are(parent, op: str, n: int) -> ET.Element:
    test = _el(parent, op, {"toleranceMode": "exact"} if op == "equal" else None)
    _el(test, "variable", {"identifier": "numAttempts"})
    _el(test, "baseValue", {"baseType": "integer"}, str(n))
    return test


def _finish(parent) -> None:
    _set(parent, "completionStatus", "identifier", "completed")
    _set(parent, SOLUTION, "identifier", SOLUTION)


def _processing(root: ET.Element) -> None:
    rp = _el(root, "responseProcessing")
    _el(_el(rp, "setOutcomeValue", {"identifier": "FEEDBACK"}), "variable", {"identifier": "RESPONSE"})
    cond = _el(rp, "responseCondition")
    right = _el(cond, "responseIf")
    match = _el(right, "match")
    _el(match, "variable", {"identifier": "RESPONSE"})
    _el(match, "correct", {"identifier": "RESPONSE"})
    first = _el(_el(right, "responseCondition"), "responseIf")
    _attempts_are(first, "equal", 1)
    _set(first, "SCORE", "float", "1")
    _finish(right)
    last = _el(cond, "responseElseIf")  # a wrong answer on the last try ends the item too
    _attempts_are(last, "gte", TRIES)
    _finish(last)


def item_xml(item: Item) -> bytes:
    root = ET.Element(
        "assessmentItem",
        {
            "xmlns": NS,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{NS} {QTI_XSD}",
            "identifier": item.ident,
            "title": item.title,
            "adaptive": "true",
            "timeDependent": "false",
            "xml:lang": "en",
        },
    )
    _declarations(root, item)
    body = _el(root, "itemBody")
    interaction = _el(
        body, "choiceInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true", "maxChoices": "1"}
    )
    _el(interaction, "prompt", text=item.prompt)
    for i, choice in enumerate(item.choices):
        _el(interaction, "simpleChoice", {"identifier": _choice_id(i)}, choice.text)
    _processing(root)
    for i, choice in enumerate(item.choices):
        _el(
            _el(
                root,
                "modalFeedback",
                {"outcomeIdentifier": "FEEDBACK", "identifier": _choice_id(i), "showHide": "show"},
            ),
            "p",
            text=choice.feedback,
        )
    solution = _el(root, "modalFeedback", {"outcomeIdentifier": SOLUTION, "identifier": SOLUTION, "showHide": "show"})
    _el(solution, "p", text=item.explanation)
    if item.references:
        _el(solution, "p", text="References:")
        refs = _el(solution, "ol")
        for r in item.references:
            _el(refs, "li", text=r)
    return _bytes(root)


def _bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _href(item: Item) -> str:
    return f"items/{item.ident}.xml"


def assessment_test_xml(items) -> bytes:
    """One test, a section per kind of item, each item in the order of the content."""
    root = ET.Element(
        "assessmentTest",
        {
            "xmlns": NS,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{NS} {QTI_XSD}",
            "identifier": "iliopsoas-lessons",
            "title": "Iliopsoas lessons: practice",
        },
    )
    part = _el(
        root, "testPart", {"identifier": "practice", "navigationMode": "nonlinear", "submissionMode": "individual"}
    )
    _el(part, "itemSessionControl", {"showFeedback": "true", "allowReview": "true", "showSolution": "false"})
    for kind, title in (("quiz", "Quiz"), ("case", "Red-flag cases: how urgent?")):
        mine = [i for i in items if i.kind == kind]
        if not mine:
            continue
        section = _el(part, "assessmentSection", {"identifier": f"section-{kind}", "title": title, "visible": "true"})
        for item in mine:
            _el(section, "assessmentItemRef", {"identifier": item.ident, "href": _href(item)})
    return _bytes(root)


def manifest_xml(items) -> bytes:
    root = ET.Element(
        "manifest",
        {
            "xmlns": CP_NS,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{CP_NS} {CP_XSD}",
            "identifier": "iliopsoas-lessons-qti",
        },
    )
    meta = _el(root, "metadata")
    _el(meta, "schema", text="QTIv2.1 Package")
    _el(meta, "schemaversion", text="1.0.0")
    _el(root, "organizations")
    resources = _el(root, "resources")
    test = _el(
        resources,
        "resource",
        {"identifier": "test-iliopsoas-lessons", "type": "imsqti_test_xmlv2p1", "href": "test.xml"},
    )
    _el(test, "file", {"href": "test.xml"})
    for item in items:
        _el(test, "dependency", {"identifierref": f"res-{item.ident}"})
    for item in items:
        res = _el(
            resources,
            "resource",
            {"identifier": f"res-{item.ident}", "type": "imsqti_item_xmlv2p1", "href": _href(item)},
        )
        _el(res, "file", {"href": _href(item)})
    return _bytes(root)


def qti_zip(items) -> bytes:
    """The content package as zip bytes: the manifest first, then the test and the items."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:

        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, _STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)

        put("imsmanifest.xml", manifest_xml(items))
        put("test.xml", assessment_test_xml(items))
        for item in items:
            put(_href(item), item_xml(item))
    return out.getvalue()
