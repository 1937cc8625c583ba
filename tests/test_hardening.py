"""Bad input: corrupt content files, keys that are not text, markup in content.

Each test here plants one kind of defect in a copy of the data and checks that
it is refused with an error naming the file and the key (or, for markup, that
it is shown as text and never run).
"""

from __future__ import annotations

import ast
import json
import re
from html import escape
from pathlib import Path

import pytest

import iliopsoas_lessons as il
from iliopsoas_lessons import content
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content import reader

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "iliopsoas_lessons"
DATA = PKG / "data"


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _load_all(directory: Path):
    """Everything read from ``directory``: course content, then the lesson data
    checked against it."""
    course = content.load(directory)
    return course, ld.load(directory / "lessons", course=course)


# ------------------------------------------------------------------ one strict reader


def test_no_module_parses_json_but_the_reader():
    """Every loader goes through content/reader.py: no other module of the
    package calls json.load or json.loads."""
    found = []
    for path in sorted(PKG.rglob("*.py")):
        if path == PKG / "content" / "reader.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("load", "loads")
                and isinstance(node.value, ast.Name)
                and node.value.id == "json"
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_every_data_file_is_read_by_the_strict_reader(monkeypatch, data_copy):
    from iliopsoas_lessons.content import review
    from iliopsoas_lessons.figures import bodymap_geometry

    labels = []
    real = reader.read_json

    def spy(path, label):
        labels.append(label.rsplit("/", 1)[-1])
        return real(path, label)

    monkeypatch.setattr(reader, "read_json", spy)
    _load_all(data_copy)
    review.last_reviewed(data_copy)
    for body in il.content.roles.BODIES:
        bodymap_geometry.load_geometry(data_copy / "bodymap", body)
    shipped = {p.name for p in DATA.rglob("*.json")}
    assert shipped <= set(labels)


@pytest.mark.parametrize("name, key", [("symptoms.json", "back_pain"), ("lessons/quiz.json", "what_lessons_do")])
def test_a_member_named_twice_is_refused(data_copy, name, key):
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    planted = re.sub(rf'"key": "{key}",', f'"key": "{key}", "title": "planted", ', text, count=1)
    if name.endswith("quiz.json"):
        planted = re.sub(rf'"key": "{key}",', f'"key": "{key}", "lesson": "00_start_here", ', text, count=1)
    assert planted != text
    path.write_text(planted, encoding="utf-8")
    with pytest.raises(
        il.ContentError,
        match=rf"{re.escape(name)}: member '\w+' appears twice "
        rf"\(in the object with key '{key}'\)",
    ):
        _load_all(data_copy)


@pytest.mark.parametrize("name", ["claims.json", "lessons/cases.json".replace("cases", "red_flag_cases")])
def test_invalid_utf8_is_named(data_copy, name):
    path = data_copy / name
    raw = path.read_bytes()
    cut = raw.index(b'"key"')
    path.write_bytes(raw[:cut] + b'"\xff\xfe": "x", ' + raw[cut:])
    with pytest.raises(il.ContentError, match=rf"{re.escape(name)}: not valid UTF-8 \(byte {cut + 1}, line \d+"):
        _load_all(data_copy)


def test_nan_is_not_a_number(data_copy):
    path = data_copy / "references.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"year": 2020', '"year": NaN', 1), encoding="utf-8")
    with pytest.raises(il.ContentError, match=r"references\.json: NaN is not a JSON number"):
        _load_all(data_copy)


@pytest.mark.parametrize(
    "name, change, expected",
    [
        (
            "mechanisms.json",
            lambda d: d["mechanisms"][0]["grades"][0].update(grade=True),
            r"mechanisms\.json: acute_strain: field 'grades': grade must be 1, 2 or 3, not True",
        ),
        (
            "mechanisms.json",
            lambda d: d["mechanisms"][0]["grades"][0].update(grade=1.0),
            r"mechanisms\.json: acute_strain: field 'grades': grade must be 1, 2 or 3, not 1\.0",
        ),
        (
            "references.json",
            lambda d: d["references"][0].update(year=True),
            r"references\.json: \w+: field 'year': must be a year as a whole number, not True",
        ),
        (
            "lessons/lessons.json",
            lambda d: d["lessons"][0].update(minutes=True),
            r"lessons/lessons\.json: 00_start_here: field 'minutes': must be a positive whole number, not True",
        ),
        (
            "lessons/quiz.json",
            lambda d: d["questions"][0].update(answer=False),
            r"lessons/quiz\.json: \w+: field 'answer': must be an option index",
        ),
        (
            "muscles.json",
            lambda d: d["muscles"][0]["actions"][0].update(disputed=0),
            r"muscles\.json: psoas_major: field 'actions': 'disputed' must be true or false",
        ),
    ],
)
def test_a_bool_is_not_a_number_and_a_number_not_a_bool(data_copy, name, change, expected):
    _edit(data_copy / name, change)
    with pytest.raises(il.ContentError, match=expected):
        _load_all(data_copy)


@pytest.mark.parametrize(
    "name, change, expected",
    [
        (
            "red_flags.json",
            lambda d: d["red_flags"][0].update(regions="saddle"),
            r"red_flags\.json: cauda_equina: field 'regions': must be a list of keys, not the text 'saddle'",
        ),
        (
            "red_flags.json",
            lambda d: d["red_flags"][0].update(signs="numb"),
            r"red_flags\.json: cauda_equina: field 'signs': must be a non-empty list of text, not the text 'numb'",
        ),
        (
            "symptoms.json",
            lambda d: d["symptoms"][0].update(pattern="groin_left"),
            r"symptoms\.json: back_pain: field 'pattern': must be a list, not the text 'groin_left'",
        ),
        (
            "symptoms.json",
            lambda d: d["symptoms"][0]["why"].update(references="GRAY"),
            r"symptoms\.json: back_pain: field 'why': must be a list of keys, not the text 'GRAY'",
        ),
        (
            "muscles.json",
            lambda d: d["muscles"][0].update(relations="beside the spine"),
            r"muscles\.json: psoas_major: field 'relations': must be a non-empty list of facts, not the text",
        ),
        (
            "mechanisms.json",
            lambda d: d["mechanisms"][0].update(grades="123"),
            r"mechanisms\.json: acute_strain: field 'grades': must be a list, not the text '123'",
        ),
        (
            "references.json",
            lambda d: d["references"][0].update(authors="Smith J"),
            r"references\.json: \w+: field 'authors': must be a list of names, not the text 'Smith J'",
        ),
        (
            "lessons/lessons.json",
            lambda d: d["lessons"][0].update(uses="urgency:*"),
            r"lessons/lessons\.json: 00_start_here: field 'uses': must be a list of keys, not the text",
        ),
        (
            "lessons/quiz.json",
            lambda d: d["questions"][0].update(options="abcd"),
            r"lessons/quiz\.json: \w+: field 'options': must be a list of at least two options, not the text 'abcd'",
        ),
        (
            "lessons/pain_map.json",
            lambda d: d["exercises"][0].update(choices="groin_left"),
            r"lessons/pain_map\.json: \w+: field 'choices': must be a list of keys, not the text 'groin_left'",
        ),
    ],
)
def test_text_where_a_list_belongs_is_refused_not_read_letter_by_letter(data_copy, name, change, expected):
    _edit(data_copy / name, change)
    with pytest.raises(il.ContentError, match=expected):
        _load_all(data_copy)


def test_a_key_with_markup_or_spaces_is_refused(data_copy):
    _edit(data_copy / "claims.json", lambda d: d["claims"][0].update(key="<b>x</b>"))
    with pytest.raises(il.ContentError, match=r"claims\.json: claims\[0\]: key '<b>x</b>' may hold only"):
        content.load(data_copy)


# ------------------------------------------------------------------ body-map geometry


def _zone(data, zone_id):
    for vd in data["views"].values():
        for zone in vd["zones"]:
            if zone["id"] == zone_id:
                return zone
    raise AssertionError(zone_id)


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda d: _zone(d, "groin_left").pop("points"),
            r"choir_male\.json: zones\.groin_left: missing field 'points'",
        ),
        (
            lambda d: _zone(d, "groin_left").update(points="0,0 1,1 2,2"),
            r"choir_male\.json: zones\.groin_left: field 'points': must be a list of at least 3 points \[x, y\], "
            r"not the text",
        ),
        (
            lambda d: _zone(d, "groin_left")["points"][1].__setitem__(0, True),
            r"choir_male\.json: zones\.groin_left: field 'points': point 1: must be a number, not True",
        ),
        (
            lambda d: _zone(d, "groin_left").update(points=[[0, 0], [1, 1]]),
            r"choir_male\.json: zones\.groin_left: field 'points': must be a list of at least 3 points",
        ),
        (
            lambda d: _zone(d, "groin_left").update(colour="red"),
            r"choir_male\.json: zones\.groin_left: unknown field 'colour'",
        ),
        (
            lambda d: _zone(d, "groin_left").update(id="elbow_left"),
            r"choir_male\.json: zones\.elbow_left: is not a region of the front view in regions\.json",
        ),
        (
            lambda d: d["views"]["front"]["zones"].remove(_zone(d, "groin_left")),
            r"choir_male\.json: views\.front: no zone for region 'groin_left'",
        ),
        (
            lambda d: d["views"]["back"]["segments"][0].update(side="up"),
            r"choir_male\.json: segments\.choir_\d+: field 'side': 'up' is not one of: left, right",
        ),
        (
            lambda d: d["views"]["front"].update(bounds=[0, 1, 2]),
            r"choir_male\.json: views\.front: field 'bounds': must be a list \[xmin, xmax, ymin, ymax\]",
        ),
        (
            lambda d: d["views"]["front"].update(midline_x="140"),
            r"choir_male\.json: views\.front: field 'midline_x': must be a number",
        ),
        (lambda d: d["views"].pop("back"), r"choir_male\.json: views: must be an object with exactly: front, back"),
    ],
)
def test_a_corrupt_body_map_is_refused_with_file_and_entry(data_copy, change, expected):
    from iliopsoas_lessons.figures.bodymap_geometry import load_geometry

    _edit(data_copy / "bodymap" / "choir_male.json", change)
    with pytest.raises(il.ContentError, match=expected):
        load_geometry(data_copy / "bodymap", "male")


def test_a_body_map_with_a_duplicate_member_or_bad_bytes_is_refused(data_copy):
    from iliopsoas_lessons.figures.bodymap_geometry import load_geometry

    path = data_copy / "bodymap" / "choir_female.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"body": "female"', '"body": "female", "body": "male"', 1), encoding="utf-8")
    with pytest.raises(il.ContentError, match=r"choir_female\.json: member 'body' appears twice"):
        load_geometry(path.parent, "female")
    path.write_bytes(text.encode("utf-8").replace(b"groin_left", b"groin_\xe9left", 1))
    with pytest.raises(il.ContentError, match=r"choir_female\.json: not valid UTF-8"):
        load_geometry(path.parent, "female")


def test_the_shipped_body_maps_load():
    from iliopsoas_lessons.figures.bodymap_geometry import load_geometry

    for body in ("male", "female"):
        shapes = load_geometry(DATA / "bodymap", body)
        assert set(shapes) == {"front", "back"}
        assert "groin_left" in shapes["front"]["zones"]


# ------------------------------------------------------------------ keys are text


@pytest.mark.parametrize("bad", [True, False, 0, 99, -1, 1.5, None, ("back_pain",), b"back_pain"])
def test_a_key_that_is_not_text_raises_an_error_listing_the_keys(bad):
    for lookup in (il.symptom, il.symptoms().__getitem__, il.symptoms().get):
        with pytest.raises(il.KeyTypeError) as info:
            lookup(bad)
        message = str(info.value)
        assert "symptom keys are text" in message
        assert "valid symptom keys: back_pain, pain_with_movement, hip_pain, sciatic_pain, lumbar_curve" in message
        assert isinstance(info.value, TypeError) and isinstance(info.value, LookupError)
    assert bad not in il.symptoms()


def test_every_accessor_refuses_a_position():
    accessors = [
        il.muscle,
        il.mechanism,
        il.region,
        il.part,
        il.red_flag,
        il.urgency_level,
        il.claim,
        il.reference,
        il.figure_text,
        ld.lesson,
        ld.pain_map_exercise,
    ]
    for accessor in accessors:
        with pytest.raises(TypeError, match=r"keys are text, not int 0 .*valid .* keys: \w+"):
            accessor(0)


def test_an_unknown_text_key_is_still_an_unknown_key_error():
    with pytest.raises(il.UnknownKeyError, match="unknown symptom 'knee'; valid symptom keys: back_pain"):
        il.symptom("knee")
    assert il.symptoms().get("knee") is None


# ------------------------------------------------------------------ markup in content is shown, never run

MARKUP = " <img src=x onerror=alert(1)><script>alert(2)</script>"
# Strings that are not free text: identifiers, keys and 'kind:key' entries.
_IDENT = re.compile(r"[A-Za-z0-9_:*.\-]+")
# Fields whose form the loader checks (a name 'Surname AB', a DOI, a web address,
# a maintainer's note that must end a sentence, a case file's format name...): markup appended to them is
# refused on load, so they are left as they are (notes are never shown anyway).
_FORMED = {"authors", "doi", "pmid", "isbn", "url", "note", "pmid_absent_reason", "format"}


def _plant(node, field=None):
    """``node`` with MARKUP appended to every free-text string in it; a given
    text always becomes the same planted text, so that values one file names
    in another (a claim's verdict among the verdicts) still agree."""
    if isinstance(node, dict):
        return {k: (v if k == "key" else _plant(v, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_plant(v, field) for v in node]
    if isinstance(node, str) and field not in _FORMED and not _IDENT.fullmatch(node):
        return node + MARKUP
    return node


class _Tags(__import__("html.parser").parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _tags(text: str) -> list[tuple[str, list]]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


@pytest.fixture
def planted(data_copy):
    count = 0
    for path in sorted(data_copy.rglob("*.json")):
        if path.parent.name == "bodymap":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        planted_data = _plant(data)
        count += json.dumps(planted_data).count("onerror") - json.dumps(data).count("onerror")
        path.write_text(json.dumps(planted_data), encoding="utf-8")
    assert count > 500  # the markup really went into the texts
    course, lessons = _load_all(data_copy)
    return data_copy, course, lessons


def _every_builder(course, lessons):
    from iliopsoas_lessons.content import text

    mechanisms, claims = tuple(course.mechanisms.keys()), tuple(course.claims.keys())
    docs = {}
    for lesson in lessons.lessons:
        docs[f"show_references({lesson.key})"] = text.show_references(lesson.key, course, lessons)
        docs[f"show_lesson_info({lesson.key})"] = text.show_lesson_info(lesson.key, lessons)
    docs.update(
        {
            "show_lesson_map": text.show_lesson_map("01_anatomy", lessons),
            "show_muscle_table": text.show_muscle_table(course),
            "show_mechanism_table": text.show_mechanism_table(mechanisms, course),
            "show_urgency_scale": text.show_urgency_scale(course),
            "show_red_flags": text.show_red_flags(course),
            "show_urgent_signs": text.show_urgent_signs(tuple(course.urgency.keys()), course),
            "show_call_now": text.show_call_now(course),
            "show_triage_summary": text.show_triage_summary(course),
            "show_mechanism_urgency": text.show_mechanism_urgency(mechanisms, course),
            "show_examination": text.show_examination(course),
            "show_nerve_examination": text.show_nerve_examination(course),
            "show_imaging": text.show_imaging(course),
            "show_rehabilitation": text.show_rehabilitation(course),
            "show_map_key": text.show_map_key(),
            "show_claims": text.show_claims(claims, course),
            "show_disclaimer": text.show_disclaimer(),
        }
    )
    missing = {name for name in text.__all__ if name.startswith("show_")} - {n.split("(")[0] for n in docs}
    assert missing == set(), "a new builder needs a line here"
    return docs


def test_markup_planted_in_every_text_is_shown_as_text_by_every_builder(planted):
    _, course, lessons = planted
    docs = _every_builder(course, lessons)
    shown = 0
    for name, doc in docs.items():
        markdown = doc._repr_markdown_()
        assert _tags(markdown) == [], f"{name} lets markup through"
        assert "<img" not in markdown and "<script" not in markdown, name
        shown += markdown.count("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
    assert shown > 100


def test_markup_planted_in_every_text_is_escaped_in_the_review_sheet(planted):
    import importlib.util

    from iliopsoas_lessons.content import review

    directory, course, lessons = planted
    spec = importlib.util.spec_from_file_location("build_review", ROOT / "scripts" / "build_review.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    sheet = build.render_html(
        course, lessons, review.last_reviewed(directory), reviewed_by=review.reviewed_by(directory)
    )
    tags = _tags(sheet)
    assert tags, "the parser sees the sheet's own markup"
    assert [t for t, _ in tags if t in ("img", "script", "iframe", "object")] == []
    assert [a for _, attrs in tags for a, _ in attrs if a.startswith("on")] == []
    assert sheet.count("&lt;img src=x onerror=alert(1)&gt;") > 100
    assert escape(review.reviewed_by(directory)) in sheet  # the reviewer's name too


def test_markup_planted_in_every_text_is_escaped_in_the_widgets_html(planted, monkeypatch):
    """The HTML the widgets build from content (facts, mechanisms, symptoms,
    claims, quiz and case feedback), with the planted content as the package's."""
    from iliopsoas_lessons.content import loader
    from iliopsoas_lessons.widgets.anatomy import muscle_facts_html
    from iliopsoas_lessons.widgets.exercises import feedback_html
    from iliopsoas_lessons.widgets.mechanisms import mechanism_html
    from iliopsoas_lessons.widgets.state import Feedback
    from iliopsoas_lessons.widgets.symptoms import claim_html, symptom_details_html

    _, course, lessons = planted
    monkeypatch.setattr(loader, "_COURSE", course)
    monkeypatch.setattr(ld, "_DATA", lessons)
    pages = [muscle_facts_html(m) for m in course.muscles]
    pages += [mechanism_html(m) for m in course.mechanisms]
    pages += [symptom_details_html(s) for s in course.symptoms]
    pages += [claim_html(c) for c in course.claims]
    pages += [feedback_html(Feedback(False, q.explanation, q.references), q.prompt) for q in lessons.questions]
    pages += [feedback_html(Feedback(True, c.reason, c.references)) for c in lessons.cases]
    for page in pages:
        tags = [t for t, _ in _tags(page)]
        assert "img" not in tags and "script" not in tags, page[:200]
    assert sum(p.count("&lt;img src=x onerror=alert(1)&gt;") for p in pages) > 50
