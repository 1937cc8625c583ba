"""The learning-platform exports (python -m iliopsoas_lessons.export): Moodle
XML validated against a schema written from Moodle's documented format, the
QTI 2.1 package against IMS's own XSD (offline, tests/data/qti/), and every
format parsed back here, by parsers written in this file, to the course's
items: every option, its feedback and the key."""

from __future__ import annotations

import html
import os
import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.export import FORMATS, write_export
from iliopsoas_lessons.export import gift as gift_module

import xmlschema  # pinned in the test group: a missing one fails, never skips

ROOT = Path(__file__).resolve().parents[1]
MOODLE_XSD = ROOT / "tests" / "data" / "moodle" / "moodle_quiz.xsd"
QTI_DIR = ROOT / "tests" / "data" / "qti"
QTI_XSD = QTI_DIR / "www.imsglobal.org" / "xsd" / "imsqti_v2p1.xsd"
NS = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1", "cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}


def _expected() -> list[dict]:
    """The course's items as the lessons hold them: quiz questions, then cases over the urgency scale."""
    out = [
        {
            "prompt": q.prompt,
            "options": [o.text for o in q.options],
            "feedback": [o.feedback for o in q.options],
            "key": q.answer,
        }
        for q in ld.questions()
    ]
    levels = list(il.urgency_levels())
    for c in ld.cases():
        out.append(
            {
                "prompt": c.story,
                "options": [lv.label for lv in levels],
                "feedback": None,
                "key": [lv.key for lv in levels].index(c.urgency),
            }
        )
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    return {fmt: write_export(il.course(), fmt, folder / f"out-{fmt}") for fmt in FORMATS}


# ------------------------------------------------------------------ parsers (this file's own)


def _strip_html(text: str) -> str:
    """The text of one HTML paragraph as the export writes it: <p>...</p>, escaped once."""
    m = re.fullmatch(r"<p>(.*?)</p>", text, re.S)
    assert m, f"not one paragraph: {text[:80]!r}"
    return html.unescape(m.group(1))


def parse_moodle(path: Path) -> list[dict]:
    out = []
    for q in ET.parse(path).getroot().iter("question"):
        if q.get("type") != "multichoice":
            continue
        answers = q.findall("answer")
        out.append(
            {
                "prompt": _strip_html(q.findtext("questiontext/text")),
                "options": [_strip_html(a.findtext("text")) for a in answers],
                "feedback": [_strip_html(a.findtext("feedback/text")) for a in answers],
                "key": [a.get("fraction") for a in answers].index("100"),
                "element": q,
            }
        )
    return out


def _gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def _split_unescaped(text: str, sep: str, maxsplit: int = -1) -> list[str]:
    parts = re.split(r"(?<!\\)((?:\\\\)*)" + re.escape(sep), text, maxsplit=maxsplit)
    # re.split keeps the captured run of escaped backslashes: glue it back to the part before
    glued = [parts[0]]
    for i in range(1, len(parts), 2):
        glued[-1] += parts[i]
        glued.append(parts[i + 1])
    return glued


def parse_gift(text: str) -> list[dict]:
    """Multiple-choice questions of a GIFT file: ::name::[fmt]prompt{=right#fb ~wrong#fb ####general}."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.splitlines() if not ln.startswith("//")]
        body = "\n".join(lines).strip()
        if not body or body.startswith("$CATEGORY:"):
            continue
        m = re.fullmatch(r"::(.*?(?<!\\))::\[(\w+)\](.*?(?<!\\))\{(.*)(?<!\\)\}", body, re.S)
        assert m, f"not a GIFT question: {body[:80]!r}"
        prompt, answers = m.group(3).strip(), m.group(4)
        answers, _, general = answers.partition("####")
        options, feedback, key = [], [], None
        for raw in re.findall(r"(?:^|\n)\s*([=~])(.*?)(?=\n\s*[=~]|\s*$)", answers, re.S):
            mark, rest = raw
            text_part, fb = _split_unescaped(rest.strip(), "#", 1)
            if mark == "=":
                assert key is None, "two right answers"
                key = len(options)
            options.append(_gift_unescape(text_part))
            feedback.append(_gift_unescape(fb))
        out.append(
            {
                "prompt": _gift_unescape(prompt),
                "options": options,
                "feedback": feedback,
                "key": key,
                "general": _gift_unescape(general.strip()),
            }
        )
    return out


def parse_qti(path: Path) -> tuple[list[dict], zipfile.ZipFile]:
    z = zipfile.ZipFile(path)
    manifest = ET.fromstring(z.read("imsmanifest.xml"))
    hrefs = [
        r.get("href")
        for r in manifest.iterfind("cp:resources/cp:resource", NS)
        if r.get("type") == "imsqti_item_xmlv2p1"
    ]
    out = []
    for href in hrefs:
        item = ET.fromstring(z.read(href))
        choices = item.findall(".//q:choiceInteraction/q:simpleChoice", NS)
        ids = [c.get("identifier") for c in choices]
        fb = {
            f.get("identifier"): "".join(f.itertext()).strip()
            for f in item.iterfind("q:modalFeedback[@outcomeIdentifier='FEEDBACK']", NS)
        }
        right = item.findtext("q:responseDeclaration/q:correctResponse/q:value", namespaces=NS)
        out.append(
            {
                "prompt": item.findtext(".//q:choiceInteraction/q:prompt", namespaces=NS),
                "options": [c.text for c in choices],
                "feedback": [fb[i] for i in ids],
                "key": ids.index(right),
                "element": item,
            }
        )
    return out, z


# ------------------------------------------------------------------ round trips


def _compare(parsed: list[dict], case_prompt_in: bool = True) -> None:
    expected = _expected()
    assert len(parsed) == len(expected)
    for got, want in zip(parsed, expected):
        assert want["prompt"] in got["prompt"]
        assert got["options"] == want["options"]
        assert got["key"] == want["key"]
        if want["feedback"] is not None:
            assert got["feedback"] == want["feedback"]


def _case_feedback_is_right(parsed: list[dict]) -> None:
    """A case's feedback: the key says right; every other level says which way it is off, not the answer."""
    cases = parsed[len(ld.questions()) :]
    levels = list(il.urgency_levels())
    for got, case in zip(cases, ld.cases()):
        needed = [lv.key for lv in levels].index(case.urgency)
        for i, (level, fb) in enumerate(zip(levels, got["feedback"])):
            if i == needed:
                # the level as the case's flag shows it: 'go now' wording where the flag goes now
                shown = level.for_flag(il.red_flag(case.red_flag) if case.red_flag else None)
                assert fb.startswith("Right") and shown.referral in fb and f"\u201c{shown.label}\u201d" in fb
            elif case.faster_is_safe is not None and i == needed - 1:
                # the faster level the case calls safe is not called wrong (round 11 A M-2)
                assert "not wrong" in fb and case.faster_is_safe in fb and "urgent than" not in fb
            else:
                assert ("less urgent" if i > needed else "more urgent") in fb
                assert levels[needed].label not in fb


def test_moodle_round_trip_keeps_every_option_feedback_and_key(exports):
    parsed = parse_moodle(exports["moodle"])
    _compare(parsed)
    _case_feedback_is_right(parsed)


def test_gift_round_trip_keeps_every_option_feedback_and_key(exports):
    parsed = parse_gift(exports["gift"].read_text(encoding="utf-8"))
    _compare(parsed)
    _case_feedback_is_right(parsed)
    for got, q in zip(parsed, ld.questions()):
        assert got["general"].startswith(q.explanation)


def test_qti_round_trip_keeps_every_option_feedback_and_key(exports):
    parsed, _ = parse_qti(exports["qti"])
    _compare(parsed)
    _case_feedback_is_right(parsed)


# ------------------------------------------------------------------ schemas


def test_moodle_xml_is_valid_against_the_moodle_schema(exports):
    schema = xmlschema.XMLSchema11(str(MOODLE_XSD))
    schema.validate(str(exports["moodle"]))


@pytest.mark.parametrize(
    "breakage",
    [
        ("<penalty>1.0000000</penalty>", ""),  # a setting the export relies on, lost
        ('<answer fraction="0"', '<answer fraction="100"'),  # two right answers in a single-answer question
        ('type="multichoice"', 'type="essay"'),  # a type the schema does not describe
        ("<shuffleanswers>true<", "<shuffleanswers>yes<"),
        ("<feedback format=\"html\">", "<feedback format=\"word\">"),
    ],
)
def test_the_moodle_schema_refuses_a_broken_file(exports, breakage):
    schema = xmlschema.XMLSchema11(str(MOODLE_XSD))
    text = exports["moodle"].read_text(encoding="utf-8")
    assert breakage[0] in text
    assert not schema.is_valid(text.replace(*breakage, 1))


def _offline(uri: str) -> str:
    """IMS's and W3C's schema addresses, answered from tests/data/qti/; nothing else is fetched."""
    for prefix in ("http://www.imsglobal.org/", "http://www.w3.org/"):
        if uri.startswith(prefix):
            local = QTI_DIR / uri.removeprefix("http://")
            assert local.is_file(), f"no offline copy of {uri}"
            return local.as_uri()
    return uri


@pytest.fixture(scope="module")
def qti_schema():
    # allow="local": a schema location left unmapped fails instead of reaching the network
    return xmlschema.XMLSchema(str(QTI_XSD), uri_mapper=_offline, allow="local", defuse="always")


# Reading the IMS QTI schema takes over 10 s of CPU: `make test` runs these, `make test-fast` leaves them out.
@pytest.mark.slow
def test_qti_items_and_test_are_valid_against_the_ims_xsd(exports, qti_schema):
    _, z = parse_qti(exports["qti"])
    names = [n for n in z.namelist() if n != "imsmanifest.xml"]
    assert "test.xml" in names and len(names) == len(_expected()) + 1
    for name in names:
        qti_schema.validate(z.read(name).decode("utf-8"))


@pytest.mark.slow
def test_the_qti_schema_refuses_a_broken_item(exports, qti_schema):
    _, z = parse_qti(exports["qti"])
    item = z.read(next(n for n in z.namelist() if n.startswith("items/"))).decode("utf-8")
    assert qti_schema.is_valid(item)
    assert not qti_schema.is_valid(item.replace('shuffle="true"', 'shuffle="often"'))
    renamed = item.replace("<simpleChoice ", "<choice ", 1).replace("</simpleChoice>", "</choice>", 1)
    assert not qti_schema.is_valid(renamed)


def test_the_qti_package_manifest_lists_every_file_once(exports):
    _, z = parse_qti(exports["qti"])
    manifest = ET.fromstring(z.read("imsmanifest.xml"))
    files = [f.get("href") for f in manifest.iterfind(".//cp:file", NS)]
    assert sorted(files) == sorted(n for n in z.namelist() if n != "imsmanifest.xml")
    assert z.namelist()[0] == "imsmanifest.xml"


# ------------------------------------------------------------------ shuffling and the second try


def test_moodle_maps_the_second_try_to_one_hint_and_a_full_penalty(exports):
    for q in parse_moodle(exports["moodle"]):
        el = q["element"]
        assert el.findtext("shuffleanswers") == "true"
        assert len(el.findall("hint")) == 1  # the lessons allow one more try after a wrong answer
        assert float(el.findtext("penalty")) == 1.0  # and count only the first try
        assert "References" in el.findtext("generalfeedback/text")


def test_qti_items_are_shuffled_and_adaptive_with_first_try_scoring(exports):
    parsed, _ = parse_qti(exports["qti"])
    for q in parsed:
        el = q["element"]
        assert el.get("adaptive") == "true"
        assert el.find(".//q:choiceInteraction", NS).get("shuffle") == "true"
        rp = ET.tostring(el.find("q:responseProcessing", NS), encoding="unicode")
        assert "numAttempts" in rp and "completionStatus" in rp
        assert el.find("q:modalFeedback[@outcomeIdentifier='SOLUTION']", NS) is not None


def test_gift_escapes_every_special_character():
    nasty = "a~b=c#d{e}f:g\\h\nend"
    escaped = gift_module.escape(nasty)
    assert re.search(r"(?<!\\)[~=#{}:]", escaped) is None
    assert "\n" not in escaped
    assert _gift_unescape(escaped) == nasty


def test_gift_questions_parse_even_with_special_characters_in_the_content(exports):
    text = exports["gift"].read_text(encoding="utf-8")
    assert "\\:" in text  # the content has colons, so escaping is exercised
    assert len(parse_gift(text)) == len(_expected())


# ------------------------------------------------------------------ errors, files, command


def test_a_bad_format_names_the_valid_choices(tmp_path):
    with pytest.raises(ValueError, match="moodle, qti, gift"):
        write_export(il.course(), "pdf", tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        write_export(None, "gift", tmp_path / "nowhere" / "x.txt")


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_written_atomically_and_readable_by_others(tmp_path, fmt):
    target = tmp_path / "export"
    target.write_text("old")
    old_inode = target.stat().st_ino
    previous = os.umask(0o022)
    try:
        write_export(None, fmt, target)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.stat().st_ino != old_inode  # a new file renamed over, not the old one rewritten
    assert [p.name for p in tmp_path.iterdir()] == ["export"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "export.xml"
    target.write_text("old")

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        write_export(None, "moodle", target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["export.xml"]


def _run(*args):
    return subprocess.run(
        [sys.executable, "-m", "iliopsoas_lessons.export", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_command_help_has_an_example():
    done = _run("--help")
    assert done.returncode == 0
    assert "python -m iliopsoas_lessons.export --format qti -o" in done.stdout


def test_command_writes_and_refuses_a_bad_format(tmp_path):
    done = _run("--format", "moodle", "-o", str(tmp_path / "q.xml"))
    assert done.returncode == 0, done.stderr
    assert len(parse_moodle(tmp_path / "q.xml")) == len(_expected())
    bad = _run("--format", "scorm", "-o", str(tmp_path / "q.zip"))
    assert bad.returncode == 2
    assert "moodle" in bad.stderr and "qti" in bad.stderr and "gift" in bad.stderr
