"""The pain map's export for the course website (iliopsoas_lessons.sitewidgets.painmap):
JSON-able, the widget's own trait values for painmap.js on the site's
anywidget host, and its templates filled exactly as Python fills them. The
page itself is compared with Python in tests/browser/test_site_painmap_in_browser.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from iliopsoas_lessons import sitewidgets
from iliopsoas_lessons.sitewidgets import painmap as site_painmap
from iliopsoas_lessons.widgets import PainMapExercise
from iliopsoas_lessons.widgets._state_painmap import MARK_STYLES, MODES, TEXTS
from iliopsoas_lessons.widgets.painmap import PAGE_TEXTS, PROMPT
from iliopsoas_lessons.widgets.state import BODIES

BLANK = re.compile(r"\{(\w*)\}")


@pytest.fixture
def exercise(tmp_path, monkeypatch):
    monkeypatch.setenv("ILIOPSOAS_LESSONS_DATA", str(tmp_path))  # nobody's saved marks
    widget = PainMapExercise()
    yield widget
    widget.close()


def test_the_export_is_json_and_survives_a_round_trip(exercise):
    data = sitewidgets.export(exercise)
    assert data["kind"] == "painmap"
    assert json.loads(json.dumps(data)) == data


def test_the_export_holds_every_area_style_map_and_sentence_the_page_needs(exercise):
    data = site_painmap.export(exercise)
    assert (data["module"], data["adapter"]) == ("painmap.js", "painmap")
    values = data["values"]
    assert set(values) == {"data", "selected", "checked", "show_reference", "body", "error"}
    d, s = values["data"], exercise.state
    assert d == exercise.map.data
    assert d["choices"] == list(s.choices) and d["answer"] == list(s.answer)
    assert [k for k, _ in d["answer_marks"]] == list(s.answer_marks)
    assert set(d["article"]) <= set(s.choices)
    assert d["references"] == list(s.exercise.references)
    assert set(d["names"]) == set(d["labels"]) == set(s.choices)
    assert all(d["names"][k] and d["labels"][k] for k in s.choices)
    assert [r["key"] for r in d["regions"]] == list(s.choices)
    assert set(d["legends"]) == set(MODES)
    statuses = {status for legend in d["legends"].values() for status in legend}
    statuses |= {role for _, role in d["answer_marks"]}
    for status in statuses:
        assert {"fill", "hatch", "ink", "stroke", "dash", "width", "label", "heading", "words"} <= set(
            d["styles"][status]
        ), status
    assert d["styles"] == MARK_STYLES
    assert [value for _, value in d["bodies"]] == list(BODIES) == list(d["svg"])
    for body, svg in d["svg"].items():
        assert svg.lstrip().startswith("<svg"), body
        for key in s.choices:
            assert f'data-gid="{key}"' in svg, (body, key)
    assert d["svg"]["male"] != d["svg"]["female"]
    assert (values["selected"], values["checked"], values["show_reference"], values["body"]) == (
        [],
        False,
        False,
        "male",
    )
    assert d["prompt"].endswith(PROMPT)


def test_the_export_leaves_the_widget_as_it_was(exercise):
    exercise.set_body("female").toggle("groin_left")
    before = exercise.view()
    site_painmap.export(exercise)
    assert exercise.view() == before and exercise.state.body == "female"


def test_every_template_the_page_fills_uses_only_named_blanks(exercise):
    texts = site_painmap.export(exercise)["values"]["data"]["texts"]
    assert {**TEXTS, **PAGE_TEXTS}.items() <= texts.items()
    for name, template in texts.items():
        assert "" not in BLANK.findall(template), name  # no positional {} the page could not fill
        assert template.count("{") == template.count("}") == len(BLANK.findall(template)), name
    assert texts["correct"].format(explanation="X") == "Correct. X"
    assert texts["not_yet"].format(explanation="X") == "Not yet. X"


def test_the_site_page_holds_the_pain_map_as_json(exercise):
    markup = sitewidgets.site_html(exercise, element_id="il-05_review-3")
    assert 'data-kind="painmap"' in markup and 'class="il-site-widget il-site-painmap"' in markup
    body = re.search(r'<script type="application/json" class="il-site-data">(.*?)</script>', markup, re.S)[1]
    assert "</" not in body.replace("<\\/", "")
    assert json.loads(body)["values"]["data"]["exercise"] == exercise.state.exercise.key


def test_the_site_loads_painmap_js_itself_as_a_classic_script():
    assert (
        sitewidgets.SCRIPTS.index("site-widgets.js")
        < sitewidgets.SCRIPTS.index("anywidget-host.js")
        < sitewidgets.SCRIPTS.index("painmap.js")
        < sitewidgets.SCRIPTS.index("site-painmap.js")
    )
    assert "painmap.css" in sitewidgets.STYLESHEETS
    shipped = sitewidgets.static_file("painmap.js").read_text(encoding="utf-8")
    served = sitewidgets.site_file_bytes("painmap.js").decode("utf-8")
    assert "export default { render };" in shipped
    assert not re.search(r"^\s*(import|export)\b", served, re.M)
    assert "window.ilPainMapModule = { render };" in served
    # its rules are there for the site's adapter too
    assert 'window.ilAnywidgetModules = window.ilAnywidgetModules || {})["painmap.js"]' in served
    assert all(name in served.rsplit("ilAnywidgetModules", 1)[1] for name in ("view", "result", "ordered"))
    assert "export function" in shipped
    as_script = shipped.replace("export function ", "function ")
    assert as_script.replace("export default { render };", "window.ilPainMapModule = { render };") in served
    assert sitewidgets.site_file_bytes("site-painmap.js") == sitewidgets.static_file("site-painmap.js").read_bytes()


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js checks the scripts' syntax")
@pytest.mark.parametrize("name", ["painmap.js", "site-painmap.js"])
def test_the_served_scripts_parse_as_classic_scripts(tmp_path, name):
    path = tmp_path / f"{name}.cjs"  # .cjs: Node parses it as a classic script, not a module
    path.write_bytes(sitewidgets.site_file_bytes(name))
    run = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_a_module_that_cannot_become_a_classic_script_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "painmap.js"
    bad.write_text('import x from "./x.js";\nexport default { render };\n', encoding="utf-8")
    monkeypatch.setattr(sitewidgets, "static_file", lambda name: bad)
    with pytest.raises(ValueError, match="exactly one 'export default"):
        sitewidgets.site_file_bytes("painmap.js")
